"""The README's figures for the shipped models are their metrics.json, not a copy typed by hand.

README.md holds one table of measured figures between `<!-- figures:start -->` and `<!-- figures:end -->`.
This test renders that block from models/default/metrics.json and models/small/metrics.json (the files
the model cards are written from) and compares it verbatim, so a figure that drifts from its
metrics.json, or a figure added to the table that is not in it, fails. Outside the block the README
states no held-out figure at all (no percentage with two decimals, no 0.xxx score), so every quality
figure it gives is one this test checks.

After a model is retrained: `python tests/test_readme.py --write` rewrites the block in place.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
MODELS = ("default", "small")  # the shipped folders, in the table's column order
START, END = "<!-- figures:start -->", "<!-- figures:end -->"


def metrics(name: str) -> dict:
    return json.loads((REPO / "models" / name / "metrics.json").read_text(encoding="utf-8"))


def pct(x: float) -> str:
    return f"{100 * x:.2f}%"


def f3(x: float) -> str:
    return f"{x:.3f}"


def gold_set(m: dict, prefix: str) -> dict:
    """The speaker report whose key starts with `prefix` ("development", "blind")."""
    (key,) = [k for k in m["speakers"] if k.startswith(prefix)]
    return m["speakers"][key]


def counts(m: dict) -> dict:
    """The sizes a row label names; both shipped models must share them or the labels would lie."""
    return {"articles": m["articles"]["n"], "titles": m["titles"]["n"], "ner": m["sizes"]["ner_val"],
            "dev": gold_set(m, "development")["articles"], "blind": gold_set(m, "blind")["articles"]}


def rows(m: dict) -> list[str]:
    """One cell per row of the table, for one model."""
    dev, blind = gold_set(m, "development"), gold_set(m, "blind")
    b = m["baseline"]
    return [
        " / ".join([pct(m["articles"]["accuracy"]), f3(m["articles"]["macro_f1"]), f3(m["articles"]["ece"])]),
        " / ".join([pct(m["titles"]["accuracy"]), f3(m["titles"]["macro_f1"]), f3(m["titles"]["ece"])]),
        f"{pct(b['articles']['accuracy'])} / {pct(b['titles']['accuracy'])}",
        f"{f3(m['ner']['PER']['f1'])} / {f3(m['ner']['ALL']['f1'])}",
        f"{f3(dev['model']['speakers']['f1'])} / {f3(dev['model']['statements']['f1'])}",
        f"{f3(blind['model']['speakers']['f1'])} / {f3(blind['model']['statements']['f1'])}",
        f"{f3(dev['model']['rouge']['rouge-l'])} / {f3(blind['model']['rouge']['rouge-l'])} "
        f"({f3(dev['baseline_first_statement']['rouge']['rouge-l'])} / "
        f"{f3(blind['baseline_first_statement']['rouge']['rouge-l'])})",
    ]


def render_block() -> str:
    """The README's figures table, from the two metrics.json files."""
    ms = [metrics(name) for name in MODELS]
    n = counts(ms[0])
    for name, m in zip(MODELS[1:], ms[1:]):
        assert counts(m) == n, f"models/{name} was measured on other held-out sizes: {counts(m)} vs {n}"
    labels = [
        f"topics, {n['articles']:,} held-out articles: accuracy / macro-F1 / ECE",
        f"topics, {n['titles']:,} held-out titles: accuracy / macro-F1 / ECE",
        "TF-IDF + linear SVM on the same training data: articles / titles accuracy",
        f"names, {n['ner']:,} People's Daily sentences: PER F1 / all entities F1",
        f"speakers, development gold ({n['dev']} articles): speaker F1 / statement F1",
        f"speakers, blind gold ({n['blind']} articles): speaker F1 / statement F1",
        "speaker summaries ROUGE-L, development / blind (first-statement baseline)",
    ]
    cells = [rows(m) for m in ms]
    lines = [START,
             "| measured on held-out data | " + " | ".join(f"`{name}`" for name in MODELS) + " |",
             "|---" * (len(MODELS) + 1) + "|"]
    for i, label in enumerate(labels):
        lines.append(f"| {label} | " + " | ".join(c[i] for c in cells) + " |")
    lines.append(END)
    return "\n".join(lines)


def split_readme(text: str) -> tuple[str, str, str]:
    assert text.count(START) == 1 and text.count(END) == 1, f"README needs exactly one {START} ... {END} block"
    head, rest = text.split(START, 1)
    block, tail = rest.split(END, 1)
    return head, START + block + END, tail


def test_readme_figures_equal_metrics_json():
    _, block, _ = split_readme(README.read_text(encoding="utf-8"))
    expected = render_block()
    assert block == expected, (
        "README's figures table differs from models/*/metrics.json (python tests/test_readme.py --write "
        f"rewrites it):\n--- README\n{block}\n--- metrics.json\n{expected}")


# a held-out quality figure as the README prints one: 93.17% or 0.983
FIGURE = re.compile(r"(?<![\d.])(?:\d+\.\d\d%|0\.\d{3})(?![\d.])")


def test_readme_states_no_figure_outside_the_table():
    head, _, tail = split_readme(README.read_text(encoding="utf-8"))
    stray = FIGURE.findall(head + tail)
    assert not stray, f"README figures outside the tested table (move them into it or to docs/): {stray}"


def test_every_model_figure_is_in_the_table():
    """The rendered cells are built from the JSON keys named in the module docstring; each one appears."""
    _, block, _ = split_readme(README.read_text(encoding="utf-8"))
    for name in MODELS:
        m = metrics(name)
        for figure in (pct(m["articles"]["accuracy"]), pct(m["titles"]["accuracy"]), f3(m["ner"]["PER"]["f1"]),
                       f3(gold_set(m, "development")["model"]["speakers"]["f1"]),
                       f3(gold_set(m, "blind")["model"]["speakers"]["f1"])):
            assert figure in block, f"models/{name}: {figure} missing from the README table"


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        head, _, tail = split_readme(README.read_text(encoding="utf-8"))
        README.write_text(head + render_block() + tail, encoding="utf-8")
    else:
        print(render_block())
