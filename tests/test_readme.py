"""The README's figures for the shipped models are their metrics.json, not a copy typed by hand.

README.md holds one table of measured figures between `<!-- figures:start -->` and `<!-- figures:end -->`.
This test renders that block from the metrics.json of models/default, models/teacher and models/small (the
files the model cards are written from) and compares it verbatim, so a figure that drifts from its
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
MODELS = ("default", "teacher", "small")  # the shipped folders, in the table's column order
START, END = "<!-- figures:start -->", "<!-- figures:end -->"


def metrics(name: str) -> dict:
    return json.loads((REPO / "models" / name / "metrics.json").read_text(encoding="utf-8"))


def pct(x: float) -> str:
    return f"{100 * x:.2f}%"


def f3(x: float) -> str:
    return f"{x:.3f}"


NA = "—"  # not measured for that folder (e.g. a source it was not trained on)
# topic rows: (source name in a multi-label folder's `sources`, single-label key, row label)
TOPIC_ROWS = [("thucnews_articles", "articles", "THUCNews articles"),
              ("thucnews_titles", "titles", "THUCNews titles (dev.txt)"),
              ("thucnews_titles_train", None, "THUCNews titles (train.txt)"),
              ("toutiao", None, "Toutiao headlines"),
              ("nlpcc2017", None, "NLPCC 2017 headlines"),
              ("people_daily_topics", None, "People's Daily 1998 articles, every label that fits (annotated)")]
# corpora of other sources no shipped folder trained on (train/unseen_topics.py): metrics.json's `unseen_topics`
UNSEEN_ROWS = [("lcsts", "LCSTS Weibo news posts, every label that fits (annotated; trained on by no folder)"),
               ("people_daily_short", "People's Daily 1998 short items, every label that fits (annotated; trained on by no folder)")]
NER_ROWS = [("people_daily_ner", "People's Daily"), ("msra", "MSRA"), ("cluener", "CLUENER"), ("weibo", "Weibo")]
SPEAKER_ROWS = [("development", "older development gold"), ("blind test", "older blind gold"),
                ("speech corpus dev", "speech corpus dev"),
                ("speech corpus fresh", "speech corpus fresh (read for errors after scoring)"),
                ("speech corpus fresh2", "speech corpus fresh2 (read for errors after scoring)"),
                ("speech corpus fresh3", "speech corpus fresh3 (read for errors after scoring)"),
                ("speech corpus fresh4", "speech corpus fresh4 (read for errors after scoring)"),
                ("speech corpus fresh5", "speech corpus fresh5 (read for errors after scoring)"),
                ("speech corpus fresh6", "speech corpus fresh6 (read for errors after scoring)"),
                ("speech corpus people_daily", "speech corpus People's Daily 1998 (read for errors after scoring)"),
                ("speech corpus people_daily2", "speech corpus People's Daily 1998, second draw (read for errors after scoring)"),
                ("speech corpus people_daily3", "speech corpus People's Daily 1998, third draw (read for errors after scoring)"),
                ("speech corpus people_daily4", "speech corpus People's Daily 1998, fourth draw (read for errors after scoring)"),
                ("speech corpus lcsts", "speech corpus LCSTS Weibo news posts (read for errors after scoring)"),
                ("speech corpus lcsts2", "speech corpus LCSTS Weibo news posts, second draw (read for errors after scoring)"),
                *[(f"speech corpus people_daily{k}", f"speech corpus People's Daily 1998, draw {k} (read for errors "
                   "after scoring)") for k in (5, 6, 7, 8, 9)],
                *[(f"speech corpus people_daily{k}", f"speech corpus People's Daily 1998, draw {k} (read for errors "
                   "after scoring)") for k in (10, 11, 12, 13, 14, 15, 16, 17)],
                ("speech corpus people_daily18", "speech corpus People's Daily 1998, every article over 1,500 "
                 "characters (read for errors after scoring)"),
                ("speech corpus people_daily19", "speech corpus People's Daily 1998, 80 short items (scored, not read)"),
                ("speech corpus people_daily20", "speech corpus People's Daily 1998, 80 more short items (scored, not read)"),
                *[(f"speech corpus lcsts{k}", f"speech corpus LCSTS Weibo news posts, draw {k} (read for errors "
                   "after scoring)") for k in (3, 4, 5, 6)],
                ("speech corpus lcsts7", "speech corpus LCSTS Weibo news posts, draw 7, the last 146 (read for errors "
                 "after scoring)"),
                ("speech corpus blind test", "speech corpus blind test")]


def gold_set(m: dict, prefix: str) -> dict | None:
    """The speaker report whose key is `prefix` followed by its path in brackets."""
    found = [v for k, v in m.get("speakers", {}).items() if k.split(" (")[0] == prefix]
    return found[0] if found else None


def topic(m: dict, source: str, key: str | None) -> tuple[dict | None, dict | None]:
    """(held-out report, TF-IDF baseline report) of one source, for either kind of folder."""
    if "sources" in m:
        return m["sources"].get(source), m["baseline"].get(source)
    return (m.get(key), m["baseline"].get(key)) if key else (None, None)


def topic_cell(r: dict | None, b: dict | None) -> str:
    if not r:
        return NA
    return (f"{pct(r['accuracy'])} / {f3(r['macro_f1'])} / {f3(r['ece'])} (n={r['n']:,}; "
            f"TF-IDF {pct(b['accuracy']) if b else NA})")


def unseen_cell(r: dict | None) -> str:
    if not r:
        return NA
    second = f"; every label at 0.5: micro-F1 {f3(r['micro_f1_at_half'])}" if "micro_f1_at_half" in r else ""
    return (f"{pct(r['accuracy'])} / {f3(r['macro_f1'])} / {f3(r['ece'])} (n={r['n']:,}; "
            f"TF-IDF on every training row {pct(r['baseline_accuracy'])}{second})")


def ner_cell(m: dict, source: str) -> str:
    found = m.get("ner_sources", {}).get(source)
    if found is None and source == "people_daily_ner" and "ner_sources" not in m:
        found = m.get("ner")  # trained on People's Daily alone: its split is the whole NER split
    if not found:
        return NA
    return f"{f3(found['PER']['f1'])} / {f3(found['ALL']['f1'])} ({found['ALL']['support']:,} entities)"


def speaker_cell(m: dict, prefix: str) -> str:
    r = gold_set(m, prefix)
    if r is None:
        return NA
    mm = r["model"]
    base = max(r[k]["rouge"]["rouge-l"] for k in ("baseline_first_statement", "baseline_first_50_chars",
                                                  "baseline_salience_ranking") if k in r)
    art = r.get("article_summary_rouge_l")
    art = f"; article {f3(art['model'])} (lead {f3(art['baseline_lead_sentence'])})" if art else ""
    return (f"{f3(mm['speakers']['f1'])} / {f3(mm['statements']['f1'])}; summary {f3(mm['rouge']['rouge-l'])} "
            f"(best baseline {f3(base)}){art}")


def table_rows() -> list[tuple[str, list[str]]]:
    """(row label, one cell per shipped model) for every row of the table."""
    ms = [metrics(name) for name in MODELS]
    out = [(f"topics, {label}: accuracy / macro-F1 / ECE", [topic_cell(*topic(m, source, key)) for m in ms])
           for source, key, label in TOPIC_ROWS]
    out += [(f"topics, {label}: accuracy / macro-F1 / ECE", [unseen_cell(m.get("unseen_topics", {}).get(key)) for m in ms])
            for key, label in UNSEEN_ROWS]
    out += [(f"names, {label} held-out sentences: PER F1 / all entities F1", [ner_cell(m, source) for m in ms])
            for source, label in NER_ROWS]
    out += [(f"speakers, {label} ({n} articles): speaker F1 / statement F1; ROUGE-L", [speaker_cell(m, key) for m in ms])
            for key, label in SPEAKER_ROWS
            for n in [next((gold_set(m, key)["articles"] for m in ms if gold_set(m, key)), 0)]]
    return [(label, cells) for label, cells in out if any(c != NA for c in cells)]


def render_block() -> str:
    """The README's figures table, from the metrics.json files."""
    lines = [START,
             "| measured on held-out data | " + " | ".join(f"`{name}`" for name in MODELS) + " |",
             "|---" * (len(MODELS) + 1) + "|"]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in table_rows()]
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
    """Figures read straight from each metrics.json (not through the renderer) appear in the block."""
    _, block, _ = split_readme(README.read_text(encoding="utf-8"))
    for name in MODELS:
        m = metrics(name)
        articles = m["sources"]["thucnews_articles"] if "sources" in m else m["articles"]
        figures = [pct(articles["accuracy"]), f3(m["ner"]["PER"]["f1"]) if "ner_sources" not in m else
                   f3(m["ner_sources"]["msra"]["PER"]["f1"])]
        figures += [f3(r["model"]["speakers"]["f1"]) for r in m.get("speakers", {}).values()]
        for figure in figures:
            assert figure in block, f"models/{name}: {figure} missing from the README table"


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        head, _, tail = split_readme(README.read_text(encoding="utf-8"))
        README.write_text(head + render_block() + tail, encoding="utf-8")
    else:
        print(render_block())
