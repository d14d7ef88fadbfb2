"""Training side of multi-label topics (`data.topic_mode: multi`; the design is in
models/multilabel.py): the masked loss, the one-vs-rest head fits and the per-label calibration."""
from __future__ import annotations

import numpy as np
import torch
from torch.nn import functional as F

from zhnews.models.multilabel import (at_least_one, fit_one_vs_rest, masked_log_loss, masked_probability_loss, sigmoid,
                                      targets_and_masks)


def masked_bce(logits: torch.Tensor, target: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Binary cross-entropy with logits, averaged over the (row, label) cells whose mask is 1: a
    label a row's source cannot tell contributes neither loss nor gradient."""
    cells = F.binary_cross_entropy_with_logits(logits, target, reduction="none")
    return (cells * mask).sum() / mask.sum().clamp(min=1.0)


def split_targets(splits) -> tuple[np.ndarray, np.ndarray]:
    """Targets and masks of every topic training row."""
    return targets_and_masks([l for _, l, _ in splits.topic_train], splits.topic_source,
                             splits.source_labels, splits.labels, splits.not_against)


def refit_one_vs_rest(x: np.ndarray, y: np.ndarray, m: np.ndarray, w: np.ndarray, seed: int,
                      soft: bool = False):
    """The head refit in multi mode: C chosen by the masked log-loss on a 10% slice of the training
    rows, then one-vs-rest on all of them. `soft`: `y` holds probabilities (a teacher's), fitted by
    `fit_soft_one_vs_rest` on every row (`m` all ones). Returns (weight, bias, chosen C, slice losses)."""
    def fit(rows, c):
        if soft:
            return fit_soft_one_vs_rest(x[rows], y[rows], C=c, sample_weight=w[rows])
        return fit_one_vs_rest(x[rows], y[rows], m[rows], C=c, sample_weight=w[rows])

    hold = np.random.default_rng(seed).random(len(y)) < 0.1
    losses = {}
    for c in (1.0, 10.0, 100.0):
        weight, bias = fit(~hold, c)
        losses[c] = masked_log_loss(x[hold] @ weight.T + bias, y[hold], m[hold])
    best = min(losses, key=losses.get)
    weight, bias = fit(np.ones(len(y), bool), best)
    return weight, bias, best, losses


TEMPERATURE_GRID = np.exp(np.linspace(np.log(0.05), np.log(20), 200))  # 200 log-spaced values, as for the single-label T
SHIFT_GRID = np.round(np.arange(-1.0, 1.51, 0.05), 2)  # the shared bias b, in steps of 0.05


def label_temperatures(logits: np.ndarray, y: np.ndarray, m: np.ndarray, shift: float = 0.0):
    """(one temperature per label minimising the binary NLL of sigmoid(z / T + shift) over the rows whose mask
    is 1 for that label, on `TEMPERATURE_GRID`; 1.0 for a label no row can tell; that NLL summed over labels)."""
    temps, total = np.ones(y.shape[1]), 0.0
    for j in range(y.shape[1]):
        rows = m[:, j] > 0
        if not rows.any():
            continue
        z, t = logits[rows, j][None, :] / TEMPERATURE_GRID[:, None] + shift, y[rows, j][None, :]
        p = np.clip(sigmoid(z), 1e-12, 1 - 1e-12)
        nll = -(t * np.log(p) + (1 - t) * np.log(1 - p)).sum(1)
        temps[j], total = float(TEMPERATURE_GRID[int(np.argmin(nll))]), total + float(nll.min())
    return temps, total


def fit_label_temperatures(logits: np.ndarray, y: np.ndarray, m: np.ndarray) -> np.ndarray:
    """One temperature per label, no bias: the calibration of every folder before session 44."""
    return label_temperatures(logits, y, m)[0]


def fit_label_calibration(logits: np.ndarray, y: np.ndarray, m: np.ndarray,
                          given_a_topic: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(temperatures, biases): p = sigmoid(z / T_label + b), one temperature per label and one bias b shared by
    all of them (stored per label, so a folder could carry its own), the pair with the least NLL over the
    masked rows: for each b of `SHIFT_GRID` the labels' temperatures, then the best b.

    Why the bias (session 44): the training sources are single-label headlines, so second labels were
    under-called: on news no recipe reads, scores of 0.1-0.5 came true about 1.5-2 times as often as they said
    (LCSTS posts, short People's Daily items). Why one b for all labels: a b per label (Platt scaling) lowered
    the held-out ECE a little more but reordered labels (the LCSTS posts' top topic -0.8 points); a shared b keeps
    the temperatures' order, so every answer's first topic, and still took micro-F1 at 0.5 on those posts from
    0.59 to 0.64 (docs/experiments.md).

    `given_a_topic` (session 52): the scores are shown given at least one topic (models/multilabel.at_least_one),
    which couples the labels, so the temperatures and b are fitted together by the NLL of those scores (L-BFGS
    from the independent fit whose b suits them best)."""
    fits = [label_temperatures(logits, y, m, float(b)) + (float(b),) for b in SHIFT_GRID]
    if not given_a_topic:
        temps, _, b = min(fits, key=lambda r: r[1])
        return temps, np.full(y.shape[1], b)
    from scipy.optimize import minimize

    temps, _, b = min(((t, conditioned_nll(logits, y, m, t, b), b) for t, _, b in fits), key=lambda r: r[1])
    fit = minimize(lambda x: conditioned_nll(logits, y, m, np.exp(x[:-1]), x[-1]), np.r_[np.log(temps), b],
                   method="L-BFGS-B")
    return np.exp(fit.x[:-1]), np.full(y.shape[1], float(fit.x[-1]))


def conditioned_nll(logits: np.ndarray, y: np.ndarray, m: np.ndarray, temps: np.ndarray, shift: float) -> float:
    """The mean binary NLL over the masked cells of the scores given at least one topic."""
    return masked_probability_loss(at_least_one(sigmoid(logits / temps + shift)), y, m)


def fit_soft_one_vs_rest(x: np.ndarray, t: np.ndarray, C: float, sample_weight: np.ndarray):
    """One logistic regression per label on soft targets: each row enters twice, as a positive with
    weight w * t and as a negative with weight w * (1 - t), which is the soft binary cross-entropy
    (scikit-learn's LogisticRegression takes hard labels only)."""
    from sklearn.linear_model import LogisticRegression

    n = len(x)
    doubled, hard = np.vstack([x, x]), np.r_[np.ones(n), np.zeros(n)]
    weight, bias = np.zeros((t.shape[1], x.shape[1]), np.float32), np.zeros(t.shape[1], np.float32)
    for j in range(t.shape[1]):
        w = np.r_[sample_weight * t[:, j], sample_weight * (1 - t[:, j])]
        probe = LogisticRegression(C=C, max_iter=3000).fit(doubled, hard, sample_weight=w)
        weight[j], bias[j] = probe.coef_[0], probe.intercept_[0]
    return weight, bias
