"""Topic classification of a model on labelled (text, label) rows: accuracy, macro-F1, confusion matrix
and calibration (ECE at the model's temperature). `settings` (models/settings.py) says how the model
runs: an Analyzer's own (`analyzer.model, ..., analyzer.settings`) or, by default, the folder's plain
fp32 path over every window."""
from __future__ import annotations

import numpy as np

from zhnews.models.model import softmax
from zhnews.models.evaluation.metrics import classification_report, expected_calibration_error
from zhnews.models.multilabel import per_label_ece, row_labels, targets_and_masks


def calibration_error(logits: np.ndarray, gold_idx: np.ndarray, temperature: float) -> float | None:
    """ECE of softmax(logits / temperature) over the rows whose gold label is known (index >= 0);
    None when there are none."""
    known = gold_idx >= 0
    if not known.any():
        return None
    return float(expected_calibration_error(softmax(logits / temperature)[known], gold_idx[known]))


def topic_eval(model, rows: list[tuple[str, str]], labels: list[str], logits: np.ndarray | None = None,
               settings=None) -> dict:
    """Scores of `model` (a ZhnewsModel) on labelled rows (or of precomputed `logits` for those rows)."""
    if logits is None:
        logits = model.topic_logits([t for t, _ in rows], settings)
    index = {label: i for i, label in enumerate(labels)}
    gold_idx = np.array([index.get(l, -1) for _, l in rows])
    probs = softmax(logits / model.temperature)
    pred = [labels[i] for i in probs.argmax(1)]
    report = classification_report([l for _, l in rows], pred, labels)
    report["ece"] = calibration_error(logits, gold_idx, model.temperature)
    return {"report": report, "logits": logits, "gold_idx": gold_idx, "pred": pred}


def topic_accuracy(model, rows: list[tuple[str, str]], settings=None) -> float:
    """Share of rows whose top topic (argmax of the model's logits) is the gold label. A multi-label model's top
    topic is taken among the labels the rows have (`multilabel_eval`'s rule: THUCNews cannot say that a 时政
    article is not also 国际: over all 17 labels `default` scored 88.2% on its 161 held-out articles, so 93.8%)."""
    logits = model.topic_logits([t for t, _ in rows], settings)
    if getattr(model, "topic_mode", "single") == "multi":
        told = np.isin(np.array(model.labels), [gold for _, gold in rows])
        logits = np.where(told, logits, -np.inf)
    return float(sum(model.labels[i] == gold for i, (_, gold) in zip(logits.argmax(1), rows)) / len(rows))


def multilabel_eval(model, rows: list[tuple[str, str]], labels: list[str], can_tell: list[str],
                    logits: np.ndarray | None = None, settings=None) -> dict:
    """A multi-label model on one source's held-out rows. The top topic is taken among the labels
    the source can tell (`can_tell`: it cannot say a 时政 row is not also 国际) and is right when it is
    one of the row's labels; macro-F1 over those labels; ECE of each label's calibrated sigmoid on the
    rows (all of them count for every label in `can_tell`), and their mean."""
    if logits is None:
        logits = model.topic_logits([t for t, _ in rows], settings)
    y, m = targets_and_masks([l for _, l in rows], ["source"] * len(rows), {"source": can_tell}, labels)
    probs = model.calibrated(logits)
    pred_idx = np.where(m > 0, probs, -1.0).argmax(1)
    pred = [labels[i] for i in pred_idx]
    # a multi-label row counts as its predicted label when that is one of its labels, else its first
    gold = [p if p in row_labels(l) else row_labels(l)[0] for p, (_, l) in zip(pred, rows)]
    report = classification_report(gold, pred, sorted(can_tell, key=labels.index))
    eces = per_label_ece(probs, y, m, labels)
    report["ece_per_label"] = eces
    report["ece"] = float(np.mean(list(eces.values()))) if eces else None
    # every label the answer gives at 0.5 or more against the row's labels, over the labels the source can tell:
    # how well the second labels are found (the top topic alone says nothing of them)
    said, told = (probs >= 0.5) & (m > 0), (y > 0) & (m > 0)
    hits = int((said & told).sum())
    report["micro_f1_at_half"] = 2 * hits / max(1, int(said.sum()) + int(told.sum()))
    return {"report": report, "logits": logits, "targets": y, "masks": m, "pred": pred}


def source_eval(model, rows: list[tuple[str, str]], labels: list[str], can_tell: list[str],
                logits: np.ndarray | None = None, settings=None) -> dict:
    """One source's held-out rows scored the way the model answers: `multilabel_eval` for a
    multi-label folder, `topic_eval` (softmax, top-label ECE) otherwise."""
    if model.topic_mode == "multi":
        return multilabel_eval(model, rows, labels, can_tell, logits, settings)
    return topic_eval(model, rows, labels, logits, settings)
