"""Topic classification of an analyzer on labelled (text, label) rows: accuracy, macro-F1, confusion
matrix and calibration (ECE at the analyzer's temperature)."""
from __future__ import annotations

import numpy as np

from zhnews.models.analyzer import softmax
from zhnews.models.evaluation.metrics import classification_report, expected_calibration_error


def calibration_error(logits: np.ndarray, gold_idx: np.ndarray, temperature: float) -> float | None:
    """ECE of softmax(logits / temperature) over the rows whose gold label is known (index >= 0);
    None when there are none."""
    known = gold_idx >= 0
    if not known.any():
        return None
    return float(expected_calibration_error(softmax(logits / temperature)[known], gold_idx[known]))


def topic_eval(analyzer, rows: list[tuple[str, str]], labels: list[str],
               logits: np.ndarray | None = None) -> dict:
    """Scores of `analyzer` on labelled rows (or of precomputed `logits` for those rows)."""
    if logits is None:
        logits = analyzer.topic_logits([t for t, _ in rows])
    index = {label: i for i, label in enumerate(labels)}
    gold_idx = np.array([index.get(l, -1) for _, l in rows])
    probs = softmax(logits / analyzer.temperature)
    pred = [labels[i] for i in probs.argmax(1)]
    report = classification_report([l for _, l in rows], pred, labels)
    report["ece"] = calibration_error(logits, gold_idx, analyzer.temperature)
    return {"report": report, "logits": logits, "gold_idx": gold_idx, "pred": pred}


def topic_accuracy(analyzer, rows: list[tuple[str, str]]) -> float:
    """Share of rows whose top topic (argmax of the analyzer's logits) is the gold label."""
    logits = analyzer.topic_logits([t for t, _ in rows])
    return float(sum(analyzer.labels[i] == gold for i, (_, gold) in zip(logits.argmax(1), rows)) / len(rows))
