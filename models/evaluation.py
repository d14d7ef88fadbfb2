"""Quality measurements any front end may run (`zhnews eval`, `zhnews bench`): the held-out article
split a model folder was scored on, topic accuracy, speaker attribution against a gold file.
Here and not in train/ because serve/ (the bench) must not import train/."""
from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

ARTICLE_SOURCES = ("thucnews_articles", "file")


def stratified_split(rows: list, fraction: float, rng: random.Random, label_of=lambda r: r[1]):
    """Hold out `fraction` of each label (at least one where a label has >= 2 rows)."""
    by_label: dict = {}
    for row in rows:
        by_label.setdefault(label_of(row), []).append(row)
    train, val = [], []
    for label in sorted(by_label):
        group = by_label[label][:]
        rng.shuffle(group)
        n_val = round(len(group) * fraction)
        if fraction > 0 and n_val == 0 and len(group) >= 2:
            n_val = 1
        val += group[:n_val]
        train += group[n_val:]
    return train, val


def _labelled_rows(path: Path) -> list[tuple[str, str]]:
    """(text, label) rows of a user's JSONL/CSV as train/userdata.read_labelled_file returns them
    (the file was validated when the model was trained, so no error reporting here)."""
    text = path.read_bytes().decode("utf-8-sig")
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
    return [(r["text"].strip(), str(r["label"]).strip()) for r in rows]


def held_out_articles(config: dict) -> list[tuple[str, str]] | None:
    """The article validation split recorded in a model folder's config.json (`training.data`),
    rebuilt with the same seed and the same random draws as train/datasets.build_splits. Only the
    sources up to the last article source draw before that split, so only those are replayed; None
    when there is no spec, a file is absent, or an earlier source is of another kind."""
    from zhnews.models import data as corpora

    spec = config.get("training", {}).get("data")
    if not spec:
        return None
    sources = spec.get("sources", [])
    last = max((i for i, s in enumerate(sources) if s.get("kind") in ARTICLE_SOURCES), default=-1)
    if last < 0 or any(s.get("kind") not in ARTICLE_SOURCES for s in sources[:last]):
        return None
    rng = random.Random(spec.get("seed", 13))
    root = Path(spec["data_dir"]) if spec.get("data_dir") else corpora.data_dir()
    val: list[tuple[str, str]] = []
    for source in sources[: last + 1]:
        default = "thucnews_articles/train.tsv" if source["kind"] == "thucnews_articles" else ""
        path = Path(source.get("path") or default)
        path = path if path.is_absolute() else root / path
        if not path.is_file():
            return None
        rows = corpora.read_thucnews_articles(path) if source["kind"] == "thucnews_articles" else _labelled_rows(path)
        train, held = stratified_split(rows, spec.get("val_fraction", 0.2), rng)
        val += held
        cap = source.get("max_samples")
        if cap is not None and len(train) > cap:
            rng.sample(train, cap)  # build_splits draws here too (`_limit`); keep the generator in step
    return val


def topic_accuracy(analyzer, rows: list[tuple[str, str]]) -> float:
    logits = analyzer.model.topic_logits([t for t, _ in rows], analyzer.settings)
    return float(sum(analyzer.labels[i] == gold for i, (_, gold) in zip(logits.argmax(1), rows)) / len(rows))


def load_speaker_gold_file(path: Path) -> list[dict]:
    """Gold in the seed format (objects with `text`), or the dev set format (ids + offsets into shared/)."""
    path = Path(path)
    first = next((line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()), "")
    if first and "text" in json.loads(first):
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    from zhnews.models.data import data_dir
    from zhnews.models.gold import load_speaker_gold

    return load_speaker_gold(path, data_dir())


def speaker_eval(analyzer, gold: list[dict], analyze_batch=None) -> dict:
    """Speaker / statement P-R-F1 and summary ROUGE of `analyze_batch` (default: the analyzer's)."""
    from zhnews.models.metrics import aggregate_speaker_scores, first_statement_summary, speaker_scores

    analyses = (analyze_batch or analyzer.analyze_batch)([g["text"] for g in gold])
    per_article, baseline = [], []
    for g, result in zip(gold, analyses):
        pred = result.to_dict()["speakers"]
        per_article.append(speaker_scores(g["speakers"], pred, text=g["text"]))
        firsts = [{**s, "summary": first_statement_summary(s)} for s in pred]
        baseline.append(speaker_scores(g["speakers"], firsts, text=g["text"]))
    return {"model": aggregate_speaker_scores(per_article),
            "baseline_first_statement": aggregate_speaker_scores(baseline), "articles": len(gold)}
