"""Names (people, organisations, places) of a model against BIO-tagged sentences: entity-level
exact-match precision / recall / F1, overall and per type (CoNLL style)."""
from __future__ import annotations

import numpy as np

from zhnews.models.evaluation.splits import without_copies

NER_KINDS = ("ALL", "PER", "ORG", "LOC")


def bio_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """`(start, end, type)` of the entities in a BIO tag sequence (an I- without a B- starts one)."""
    spans, start, kind = set(), None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if start is not None and (tag == "O" or tag.startswith("B-") or tag[2:] != kind):
            spans.add((start, i, kind))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = i, tag[2:]
    return spans


def ner_eval(model, rows: list[tuple[str, list[str]]], settings=None) -> dict:
    """Entity-level exact-match P/R/F1 of `model.find_names` (a ZhnewsModel run with `settings`) on
    (text, BIO tags) rows, overall (`ALL`) and per type; `{}` for no rows."""
    return ner_eval_sources(model, {"all": rows}, settings)["all"] if rows else {}


def ner_eval_sources(model, sources: dict[str, list[tuple[str, list[str]]]], settings=None,
                     pooled: str | None = None) -> dict:
    """`ner_eval` of each source's rows, tagging all of them in one call: {source: {kind: P/R/F1}};
    with `pooled`, also all the rows together under that key."""
    names = [n for n, rows in sources.items() if rows]
    flat = [row for n in names for row in sources[n]]
    predicted = model.find_names([t for t, _ in flat], settings) if flat else []
    out, at = {}, 0
    for n in names:
        rows = sources[n]
        out[n] = _scores(rows, predicted[at : at + len(rows)])
        at += len(rows)
    if pooled is not None and flat:
        out[pooled] = _scores(flat, predicted)
    return out


def ner_by_source(model, splits, settings=None) -> dict:
    """A split's names figures: `ner`, the tagger on all held-out NER sentences; `ner_sources`, on each
    corpus's own when there are several (one tagging pass for both); {} without NER sentences.
    A held-out sentence that is word for word a training sentence is not scored (`ner_copies` counts them
    per corpus; `splits.without_copies`)."""
    named = {n: rows for n, rows in splits.ner_val_sources.items() if rows} or {"": splits.ner_val}
    sources, copies = without_copies(named, {text for text, _ in splits.ner_train})
    if not sources:
        return {}
    found = ner_eval_sources(model, sources, settings, pooled="*all*")
    out = {"ner": found.pop("*all*")}
    if len(sources) > 1:
        out["ner_sources"] = found
    if copies:
        out["ner_copies"] = copies
    return out


BOOTSTRAP_ROUNDS = 1000


def f1_interval(per_sentence: np.ndarray, rounds: int = BOOTSTRAP_ROUNDS, seed: int = 0) -> list[float]:
    """95% percentile bootstrap interval of F1 over sentences resampled with replacement (`per_sentence`:
    one row of (true positives, predicted, gold) a sentence). Why: a held-out corpus holds few names (MSRA's 270
    sentences, 112 persons), so a point or two of PER F1 is within its noise; the interval says how much."""
    if len(per_sentence) == 0:
        return [0.0, 0.0]
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(per_sentence), size=(rounds, len(per_sentence)))
    tp, n_pred, n_gold = per_sentence[picks].sum(axis=1).T.astype(float)
    f1 = np.divide(2 * tp, n_pred + n_gold, out=np.zeros(rounds), where=(n_pred + n_gold) > 0)
    return [float(np.percentile(f1, 2.5)), float(np.percentile(f1, 97.5))]


def _scores(rows, predicted) -> dict:
    counts = {kind: np.zeros((len(rows), 3), np.int64) for kind in NER_KINDS}  # per sentence: tp, predicted, gold
    for i, ((_, tags), ents) in enumerate(zip(rows, predicted)):
        gold = bio_spans(tags)
        pred = {(e.start, e.end, e.label) for e in ents}
        for kind in NER_KINDS:
            g = {s for s in gold if kind in ("ALL", s[2])}
            p = {s for s in pred if kind in ("ALL", s[2])}
            counts[kind][i] = len(g & p), len(p), len(g)
    out = {}
    for kind, per_sentence in counts.items():
        tp, n_pred, n_gold = (int(v) for v in per_sentence.sum(axis=0))
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        out[kind] = {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if tp else 0.0,
                     "support": n_gold, "f1_interval": f1_interval(per_sentence)}
    return out
