"""Topic classification of a model on labelled (text, label) rows: accuracy, macro-F1, confusion matrix
and calibration (ECE at the model's temperature). `settings` (models/settings.py) says how the model
runs: an Analyzer's own (`analyzer.model, ..., analyzer.settings`) or, by default, the folder's plain
fp32 path over every window."""
from __future__ import annotations

import numpy as np

from zhnews.models.model import softmax
from zhnews.models.evaluation.metrics import classification_report, expected_calibration_error


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
    """Share of rows whose top topic (argmax of the model's logits) is the gold label."""
    logits = model.topic_logits([t for t, _ in rows], settings)
    return float(sum(model.labels[i] == gold for i, (_, gold) in zip(logits.argmax(1), rows)) / len(rows))
