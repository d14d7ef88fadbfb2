"""Multi-label topics (`data.topic_mode: multi`, model v2): one calibrated sigmoid per label.

Masks: the sources do not share a label set (THUCNews has 时政 but no 国际; Toutiao has 国际 but no
时政), so a THUCNews 时政 headline says nothing about whether it is also 国际. Each topic row therefore
carries a 0/1 mask over the labels: 1 for the labels its source can produce (`Splits.source_labels`),
0 elsewhere; the loss, the one-vs-rest fits and the calibration read a label only on rows whose mask
is 1 there. Targets are 1 for the row's own label(s), 0 for the rest of its source's labels.

Calibration: one temperature per label and a bias, p_j = sigmoid(z_j / T_j + b_j) (b the same for every label
since session 44, 0 in folders calibrated before), fitted on held-out masked rows (train/multilabel.py); a folder with
`calibration_at_least_one` then conditions every label on the text having at least one (`at_least_one`). Scores of
one text do not sum to 1.
"""
from __future__ import annotations

import numpy as np

LABEL_SEPARATOR = ","  # a multi-label row's labels, joined (a user file's `labels` column)


def row_labels(label: str) -> list[str]:
    """The labels of a topic row: one, or several joined by ","."""
    return label.split(LABEL_SEPARATOR)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # = 1 / (1 + exp(-x)), without overflow warnings


def at_least_one(p: np.ndarray) -> np.ndarray:
    """Each label's probability given that the text has at least one topic: p / (1 - prod(1 - p)) over the last
    axis (every news text is about something, which one-vs-rest sigmoids do not know). A text whose labels are all
    unsure moves most: scores 0.35, 0.2 and fifteen of 0.02 -> 1 - 0.65 * 0.8 * 0.98^15 = 0.62, so 0.57, 0.32 and
    0.03; with one label at 0.95 no score rises by more than 1 / 0.95, 5%. The order of the labels never changes.
    Why (session 52): on news of sources no recipe reads, the first label was under-confident wherever it was low
    (LCSTS posts, first label 0.1-0.5: said 0.37, came true 0.65) while the later labels were calibrated. Opt-in
    (`train.calibration_at_least_one`): fitted on the shipped passes' held-out rows it calibrates the first label
    better on every annotated corpus but calls fewer second labels on People's Daily (docs/experiments.md, session 52)."""
    some = 1.0 - np.prod(1.0 - p, axis=-1, keepdims=True)
    return np.clip(p / np.maximum(some, 1e-12), 0.0, 1.0)


def not_against_by_label(rules: list | dict | None) -> dict:
    """`SourceSpec.not_against` as {row label, or None for every row: labels those rows say nothing against}."""
    if not rules:
        return {}
    return {None: list(rules)} if isinstance(rules, list) else {k: list(v) for k, v in rules.items()}


def targets_and_masks(rows: list[str], sources: list[str], source_labels: dict, labels: list[str],
                      not_against: dict | None = None):
    """(targets, masks), both float arrays [len(rows), len(labels)], for rows given as their label
    strings and the name of the source each came from. `not_against`: source name -> its
    `SourceSpec.not_against` (labels its rows, or its rows of a given label, count for only where they
    carry them)."""
    index = {label: i for i, label in enumerate(labels)}
    rules = {name: not_against_by_label(r) for name, r in (not_against or {}).items()}
    source_mask = {}
    for name, names in source_labels.items():
        source_mask[name] = np.zeros(len(labels))
        source_mask[name][[index[n] for n in names if n in index]] = 1.0
        source_mask[name][[index[n] for n in rules.get(name, {}).get(None, ()) if n in index]] = 0.0
    y, m = np.zeros((len(rows), len(labels))), np.zeros((len(rows), len(labels)))
    for i, (label, source) in enumerate(zip(rows, sources)):
        m[i] = source_mask[source]
        parts = row_labels(label)
        for part in parts:
            m[i, [index[n] for n in rules.get(source, {}).get(part, ()) if n in index]] = 0.0
        own = [index[p] for p in parts]
        y[i, own] = 1.0
        m[i, own] = 1.0  # a row always counts for its own labels (a source can tell those)
    return y, m


def fit_one_vs_rest(x, y: np.ndarray, m: np.ndarray, C: float = 10.0, sample_weight=None, max_iter: int = 3000):
    """One logistic regression per label on the rows whose mask is 1 for it: (weight [L, d], bias [L]).
    A label whose masked rows are all one class (or that no row can tell) gets weight 0 and the
    log-odds of its clipped share as bias."""
    from sklearn.linear_model import LogisticRegression

    n_labels, dim = y.shape[1], x.shape[1]
    weight, bias = np.zeros((n_labels, dim), np.float32), np.zeros(n_labels, np.float32)
    w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, float)
    for j in range(n_labels):
        rows = np.flatnonzero(m[:, j] > 0)
        share = float(np.clip(np.average(y[rows, j], weights=w[rows]) if len(rows) else 0.0, 1e-3, 1 - 1e-3))
        if len(rows) == 0 or len(set(y[rows, j].tolist())) < 2:
            bias[j] = np.log(share / (1 - share))
            continue
        probe = LogisticRegression(C=C, max_iter=max_iter).fit(x[rows], y[rows, j], sample_weight=w[rows])
        weight[j], bias[j] = probe.coef_[0], probe.intercept_[0]
    return weight, bias


def masked_log_loss(logits: np.ndarray, y: np.ndarray, m: np.ndarray) -> float:
    """Mean binary cross-entropy of sigmoid(logits) over the masked (row, label) cells."""
    return masked_probability_loss(sigmoid(logits), y, m)


def masked_probability_loss(p: np.ndarray, y: np.ndarray, m: np.ndarray) -> float:
    """Mean binary cross-entropy of probabilities `p` over the masked (row, label) cells."""
    p = np.clip(p, 1e-12, 1 - 1e-12)
    cells = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    return float((cells * m).sum() / max(m.sum(), 1.0))


def binary_ece(p: np.ndarray, y: np.ndarray, bins: int = 15) -> float:
    """Expected calibration error of probabilities `p` of binary outcomes `y`: over equal-width bins,
    the row-weighted mean |mean p - share of y = 1|."""
    if len(p) == 0:
        return float("nan")
    which = np.minimum((p * bins).astype(int), bins - 1)
    return float(sum(abs(p[which == b].mean() - y[which == b].mean()) * (which == b).sum()
                     for b in range(bins) if (which == b).any()) / len(p))


def per_label_ece(probs: np.ndarray, y: np.ndarray, m: np.ndarray, labels: list[str]) -> dict:
    """ECE of each label over the rows whose mask is 1 for it (labels no row can tell are left out)."""
    return {label: binary_ece(probs[m[:, j] > 0, j], y[m[:, j] > 0, j])
            for j, label in enumerate(labels) if (m[:, j] > 0).any()}
