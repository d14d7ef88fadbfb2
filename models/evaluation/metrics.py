"""Evaluation metrics: topic classification, calibration, speaker attribution and summaries.

Everything here is a pure function of its arguments (no I/O, no global state).

Speaker gold follows the format of `shared/examples/seed_page.gold.json`: a list of
`{"name", "role", "statements", "summary"}` where `statements` are exact substrings of the article
text (strings) or, alternatively, `{"start", "end"}` dicts. Predicted speakers follow the output
contract (`models.schema.Analysis.to_dict()["speakers"]`): statements are `{"text", "start", "end"}`.
A gold speaker may carry an optional `aliases` list (other exact spellings of the name used in the
text, e.g. "费舍尔" for "德里克-费舍尔"); a predicted name matches the gold name or one of its aliases.
"""
from __future__ import annotations

import unicodedata
from typing import Any, Iterable, Sequence

import numpy as np

__all__ = [
    "confusion_matrix",
    "classification_report",
    "format_report",
    "expected_calibration_error",
    "rouge_chars",
    "locate_statements", "overlaps_enough",
    "speaker_scores",
    "aggregate_speaker_scores",
    "first_statement_summary",
]


# --------------------------------------------------------------------------------------------
# classification


def _check_pairs(gold: Sequence[str], pred: Sequence[str]) -> None:
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} items, pred has {len(pred)}")


def _safe_div(num: float, den: float) -> float:
    return float(num) / float(den) if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2.0 * p * r / (p + r) if (p + r) > 0 else 0.0


def confusion_matrix(gold: list[str], pred: list[str], labels: list[str]) -> list[list[int]]:
    """Counts `m[i][j]` of items with gold label `labels[i]` predicted as `labels[j]`.

    Rows are gold, columns predicted, both in the order of `labels`. Pairs where either label is
    not in `labels` are left out of the matrix (as in scikit-learn); they still count towards
    accuracy and per-class precision/recall in `classification_report`.
    """
    _check_pairs(gold, pred)
    if len(set(labels)) != len(labels):
        raise ValueError("labels contain duplicates")
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred):
        if g in index and p in index:
            matrix[index[g]][index[p]] += 1
    return matrix


def classification_report(gold: list[str], pred: list[str], labels: list[str]) -> dict:
    """Accuracy, macro and per-class precision / recall / F1.

    Returns a dict:
      - `n`: number of items; `accuracy`: share of items with pred == gold (0.0 when n == 0);
      - `per_class`: `{label: {"precision", "recall", "f1", "support"}}` for every label in `labels`
        (support = number of gold items with that label; a zero denominator gives 0.0);
      - `macro_precision`, `macro_recall`, `macro_f1`: unweighted means of the per-class values over
        the labels that occur in gold (`macro_labels`); a label absent from gold is left out of
        the macro (wrong predictions of it still lower the recall of the true classes).
        `macro_f1` is the mean of per-class F1 (scikit-learn's definition), not the F1 of the macro
        P and R;
      - `labels`, `macro_labels`, `confusion_matrix` (see `confusion_matrix`).
    """
    _check_pairs(gold, pred)
    n = len(gold)
    per_class: dict[str, dict] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
        n_pred = sum(1 for p in pred if p == label)
        support = sum(1 for g in gold if g == label)
        precision = _safe_div(tp, n_pred)
        recall = _safe_div(tp, support)
        per_class[label] = {
            "precision": precision,
            "recall": recall,
            "f1": _f1(precision, recall),
            "support": support,
        }
    macro_labels = [label for label in labels if per_class[label]["support"] > 0]
    k = len(macro_labels)

    def macro(key: str) -> float:
        return sum(per_class[label][key] for label in macro_labels) / k if k else 0.0

    return {
        "n": n,
        "accuracy": _safe_div(sum(1 for g, p in zip(gold, pred) if g == p), n),
        "macro_precision": macro("precision"),
        "macro_recall": macro("recall"),
        "macro_f1": macro("f1"),
        "per_class": per_class,
        "labels": list(labels),
        "macro_labels": macro_labels,
        "confusion_matrix": confusion_matrix(gold, pred, labels),
    }


def _width(s: str) -> int:
    """Display width in a monospaced terminal: CJK (wide / full-width) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in s)


def _pad(s: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(s))
    return fill + s if right else s + fill


def format_report(report: dict, labels: list[str]) -> str:
    """A readable plain-text table of `classification_report` output plus its confusion matrix.

    Columns are aligned by display width, so Chinese labels (two columns per character) line up.
    Rows of the confusion matrix are gold labels, columns predicted labels.
    """
    per_class = report["per_class"]
    name_w = max([_width(label) for label in labels] + [_width("macro"), 5]) + 2
    num_w = 10
    header = _pad("label", name_w) + "".join(
        _pad(h, num_w, right=True) for h in ("precision", "recall", "f1", "support")
    )
    lines = [header, "-" * _width(header)]
    for label in labels:
        row = per_class.get(label, {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0})
        lines.append(
            _pad(label, name_w)
            + _pad(f"{row['precision']:.3f}", num_w, True)
            + _pad(f"{row['recall']:.3f}", num_w, True)
            + _pad(f"{row['f1']:.3f}", num_w, True)
            + _pad(str(row["support"]), num_w, True)
        )
    lines.append("-" * _width(header))
    lines.append(
        _pad("macro", name_w)
        + _pad(f"{report['macro_precision']:.3f}", num_w, True)
        + _pad(f"{report['macro_recall']:.3f}", num_w, True)
        + _pad(f"{report['macro_f1']:.3f}", num_w, True)
        + _pad(str(len(report.get("macro_labels", labels))), num_w, True)
    )
    lines.append(_pad("accuracy", name_w) + _pad(f"{report['accuracy']:.3f}", num_w, True)
                 + _pad("", 2 * num_w) + _pad(str(report.get("n", "")), num_w, True))
    lines.append("")
    matrix = report.get("confusion_matrix")
    if matrix is None:
        return "\n".join(lines)
    cell_w = max([_width(label) for label in labels] + [len(str(v)) for row in matrix for v in row]) + 2
    lines.append("confusion matrix (rows gold, columns predicted)")
    lines.append(_pad("", name_w) + "".join(_pad(label, cell_w, True) for label in labels))
    for label, row in zip(labels, matrix):
        lines.append(_pad(label, name_w) + "".join(_pad(str(v), cell_w, True) for v in row))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# calibration


def expected_calibration_error(probs: np.ndarray, gold_idx: np.ndarray, n_bins: int = 15) -> float:
    """Top-label expected calibration error with `n_bins` equal-width confidence bins on [0, 1].

    `probs` is (N, K) class probabilities, `gold_idx` (N,) gold class indices. The confidence of an
    item is its largest probability, its prediction the argmax (first index on ties). Bin b holds
    confidences in (b/n_bins, (b+1)/n_bins], the first bin also holds 0.
    ECE = sum over bins of (n_b / N) * |accuracy_b - mean confidence_b|. Returns 0.0 for N == 0.
    """
    probs = np.asarray(probs, dtype=np.float64)
    gold_idx = np.asarray(gold_idx)
    if probs.ndim != 2:
        raise ValueError(f"probs must be (N, K), got shape {probs.shape}")
    if gold_idx.shape != (probs.shape[0],):
        raise ValueError(f"gold_idx must be ({probs.shape[0]},), got shape {gold_idx.shape}")
    if n_bins < 1:
        raise ValueError("n_bins must be >= 1")
    n = probs.shape[0]
    if n == 0:
        return 0.0
    confidence = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == gold_idx).astype(np.float64)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    bins = np.clip(np.searchsorted(edges, confidence, side="left") - 1, 0, n_bins - 1)
    ece = 0.0
    for b in range(n_bins):
        mask = bins == b
        count = int(mask.sum())
        if count:
            ece += count / n * abs(correct[mask].mean() - confidence[mask].mean())
    return float(ece)


# --------------------------------------------------------------------------------------------
# ROUGE on characters


def _chars(s: str) -> list[str]:
    return [ch for ch in s if not ch.isspace()]


def _lcs_len(a: Sequence[str], b: Sequence[str]) -> int:
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b, 1):
            cur.append(prev[j - 1] + 1 if x == y else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def _prf_counts(overlap: float, n_hyp: int, n_ref: int) -> dict:
    p = _safe_div(overlap, n_hyp)
    r = _safe_div(overlap, n_ref)
    return {"p": p, "r": r, "f": _f1(p, r)}


def rouge_chars(hyp: str, ref: str, exclusive: bool = True) -> dict:
    """Character-level ROUGE-1/2/L of `hyp` against `ref`: `{"rouge-1": {"p","r","f"}, ...}`.

    Tokens are the non-whitespace characters (punctuation included). This reproduces
    `rouge_chinese.Rouge(exclusive=exclusive).get_scores(" ".join(hyp), " ".join(ref))`:
    with the package default `exclusive=True` the n-grams of each side are counted as a set (each
    distinct n-gram once); `exclusive=False` counts them as multisets (clipped counts, the usual
    ROUGE-N). ROUGE-L is the longest common subsequence over the whole character sequence.
    Unlike the package, empty or whitespace-only inputs give 0.0 instead of raising.
    (The package adds 1e-8 to the F denominator; results agree to ~1e-8.)
    """
    h, r = _chars(hyp or ""), _chars(ref or "")
    out = {}
    for n in (1, 2):
        hg = [tuple(h[i : i + n]) for i in range(len(h) - n + 1)]
        rg = [tuple(r[i : i + n]) for i in range(len(r) - n + 1)]
        if exclusive:
            hs, rs = set(hg), set(rg)
            out[f"rouge-{n}"] = _prf_counts(len(hs & rs), len(hs), len(rs))
        else:
            rc: dict[tuple, int] = {}
            for g in rg:
                rc[g] = rc.get(g, 0) + 1
            overlap = 0
            for g in hg:
                if rc.get(g, 0) > 0:
                    rc[g] -= 1
                    overlap += 1
            out[f"rouge-{n}"] = _prf_counts(overlap, len(hg), len(rg))
    out["rouge-l"] = _prf_counts(_lcs_len(h, r), len(h), len(r))
    return out


# --------------------------------------------------------------------------------------------
# speakers


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def locate_statements(text: str, statements: Iterable[Any]) -> list[tuple[int, int]]:
    """Character spans `(start, end)` of statements in `text`, in the order given.

    A statement is a string (an exact substring of `text`) or an object with `start`/`end` (a dict
    or a `models.schema.Span`). A string is placed at its first occurrence not already taken by an
    earlier string of the same call, so a sentence repeated in the text and listed twice gets both
    places; a string listed more often than it occurs reuses its last place (the caller dedupes).
    Raises ValueError when a string does not occur in `text`.
    """
    spans: list[tuple[int, int]] = []
    taken: set[tuple[int, int]] = set()
    for st in statements:
        if isinstance(st, str):
            if not st:
                raise ValueError("empty statement")
            start = text.find(st)
            if start < 0:
                raise ValueError(f"statement not found in the article text: {st[:40]!r}")
            span = (start, start + len(st))
            nxt = start
            while span in taken:
                nxt = text.find(st, nxt + 1)
                if nxt < 0:
                    break
                span = (nxt, nxt + len(st))
            taken.add(span)
            spans.append(span)
        else:
            start, end = _get(st, "start"), _get(st, "end")
            if start is None or end is None:
                piece = _get(st, "text")
                if piece is None:
                    raise ValueError(f"statement has neither start/end nor text: {st!r}")
                spans.extend(locate_statements(text, [piece]))
                continue
            spans.append((int(start), int(end)))
    return spans


def overlaps_enough(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when a and b overlap by at least half of the shorter one (empty spans never match)."""
    shorter = min(a[1] - a[0], b[1] - b[0])
    if shorter <= 0:
        return False
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return 2 * overlap >= shorter


def _unique(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    seen: dict[tuple[int, int], None] = {}
    for s in spans:
        seen.setdefault(s, None)
    return list(seen)


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> dict:
    """P = tp_p / n_p, R = tp_r / n_r; nothing predicted and nothing to find scores 1.0."""
    if n_p == 0 and n_r == 0:
        p = r = 1.0
    else:
        p, r = _safe_div(tp_p, n_p), _safe_div(tp_r, n_r)
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


_ROUGE_KEYS = ("rouge-1", "rouge-2", "rouge-l")


def speaker_scores(gold_speakers: list[dict], pred_speakers: list[dict], text: str | None = None) -> dict:
    """Score predicted speakers of one article against gold.

    Speakers: a predicted speaker is correct when its name equals a gold speaker's `name` (or one of
    its optional `aliases`) exactly; matching is one-to-one in the order of `pred_speakers`, so a
    second predicted name of the same person is a false positive. Predicted speakers with identical
    names are merged first.

    Statements (attribution): a gold speaker's `spans` (`[{"start", "end"}]`, as added by
    `evaluation.gold`) are used when present; otherwise gold statements given as strings are located in
    `text` (required then) with `locate_statements`. Predicted ones use their `start`/`end` (or
    `text`). Exact duplicate spans of one speaker are counted once. A predicted statement is correct
    when its speaker's name resolves to a gold speaker and it overlaps one of that speaker's gold statements by at least
    half of the shorter of the two spans. Precision = correct predicted statements / predicted
    statements (each counted once, however many gold statements it covers); recall = gold statements
    covered by at least one correct-speaker prediction / gold statements (each gold statement counted
    at most once). Statements of predicted names that resolve to no gold speaker are all wrong, and
    those of missed gold speakers all missed. A second predicted name of an already matched person
    (e.g. "费舍尔" beside "德里克-费舍尔") is a speaker false positive, but its statements are still
    compared with that person's gold statements.

    Summaries: for every matched speaker, character ROUGE-1/2/L F (`rouge_chars`) of the predicted
    `summary` (missing or empty scores 0) against the gold one.

    Roles: for every matched speaker whose gold has a `role` key, the predicted role equals it exactly
    (both stripped; None and "" are the same: no role).

    Returns `{"speakers": {...}, "statements": {...}, "rouge": {gold name: {"rouge-1", "rouge-2",
    "rouge-l"}}, "rouge_mean": {...} or None, "roles": {"n", "exact", "accuracy"}}`; the first two hold the raw counts (`tp_pred`,
    `n_pred`, `tp_gold`, `n_gold`) for `aggregate_speaker_scores` plus precision / recall / f1, and
    `speakers` also lists `matched` (gold, pred) name pairs, `missed` and `spurious` names.
    """
    # gold spans, per gold speaker
    gold_spans: list[list[tuple[int, int]]] = []
    for sp in gold_speakers:
        if sp.get("spans") is not None:  # offsets recorded by the gold loader win over string search
            gold_spans.append(_unique(locate_statements(text or "", sp["spans"])))
            continue
        stmts = list(sp.get("statements") or [])
        if any(isinstance(st, str) for st in stmts) and text is None:
            raise ValueError("gold statements are strings: pass the article text to locate them")
        gold_spans.append(_unique(locate_statements(text or "", stmts)))
    # merged predicted speakers, in first-appearance order
    pred_by_name: dict[str, dict] = {}
    for sp in pred_speakers:
        name = _get(sp, "name") or ""
        entry = pred_by_name.setdefault(name, {"spans": [], "summary": "", "role": ""})
        stmts = list(_get(sp, "statements") or [])
        if any(isinstance(st, str) or _get(st, "start") is None for st in stmts) and text is None:
            raise ValueError("predicted statements without offsets: pass the article text")
        entry["spans"].extend(locate_statements(text or "", stmts))
        if not entry["summary"]:
            entry["summary"] = _get(sp, "summary") or ""
        if not entry["role"]:
            entry["role"] = (_get(sp, "role") or "").strip()
    for entry in pred_by_name.values():
        entry["spans"] = _unique(entry["spans"])

    # one-to-one name matching
    lookup: dict[str, int] = {}
    for gi, sp in enumerate(gold_speakers):
        for nm in [sp["name"], *(sp.get("aliases") or [])]:
            lookup.setdefault(nm, gi)
    matched: list[tuple[int, str]] = []
    used_gold: set[int] = set()
    spurious: list[str] = []
    for name in pred_by_name:
        gi = lookup.get(name)
        if gi is not None and gi not in used_gold:
            used_gold.add(gi)
            matched.append((gi, name))
        else:
            spurious.append(name)
    missed = [sp["name"] for gi, sp in enumerate(gold_speakers) if gi not in used_gold]

    n_pred_sp, n_gold_sp, tp_sp = len(pred_by_name), len(gold_speakers), len(matched)
    speakers = {
        "tp_pred": tp_sp, "n_pred": n_pred_sp, "tp_gold": tp_sp, "n_gold": n_gold_sp,
        **_prf(tp_sp, n_pred_sp, tp_sp, n_gold_sp),
        "matched": [(gold_speakers[gi]["name"], name) for gi, name in matched],
        "missed": missed,
        "spurious": spurious,
    }

    n_pred_st = sum(len(e["spans"]) for e in pred_by_name.values())
    n_gold_st = sum(len(s) for s in gold_spans)
    # Statements follow the person: every predicted name that resolves to a gold speaker (name or
    # alias) is compared with that speaker's statements, also a duplicate that lost the one-to-one
    # speaker match (it is a speaker false positive, but its statements are attributed correctly).
    spans_for_gold: dict[int, list[tuple[int, int]]] = {}
    tp_pred_st = 0
    for name, entry in pred_by_name.items():
        gi = lookup.get(name)
        if gi is None:
            continue
        g_spans = gold_spans[gi]
        tp_pred_st += sum(1 for p in entry["spans"] if any(overlaps_enough(p, g) for g in g_spans))
        spans_for_gold.setdefault(gi, []).extend(entry["spans"])
    tp_gold_st = sum(
        1 for gi, p_spans in spans_for_gold.items() for g in gold_spans[gi]
        if any(overlaps_enough(p, g) for p in p_spans)
    )
    rouge: dict[str, dict] = {}
    for gi, name in matched:
        scores = rouge_chars(pred_by_name[name]["summary"], gold_speakers[gi].get("summary") or "")
        rouge[gold_speakers[gi]["name"]] = {k: scores[k]["f"] for k in _ROUGE_KEYS}
    statements = {
        "tp_pred": tp_pred_st, "n_pred": n_pred_st, "tp_gold": tp_gold_st, "n_gold": n_gold_st,
        **_prf(tp_pred_st, n_pred_st, tp_gold_st, n_gold_st),
    }
    rouge_mean = (
        {k: sum(v[k] for v in rouge.values()) / len(rouge) for k in _ROUGE_KEYS} if rouge else None
    )
    # roles of the matched speakers whose gold gives one (None / "" = no role), exact after stripping
    role_pairs = [((gold_speakers[gi].get("role") or "").strip(), pred_by_name[name]["role"])
                  for gi, name in matched if "role" in gold_speakers[gi]]
    roles = _role_counts(len(role_pairs), sum(g == p for g, p in role_pairs))
    return {"speakers": speakers, "statements": statements, "rouge": rouge, "rouge_mean": rouge_mean,
            "roles": roles}


def _role_counts(n: int, exact: int) -> dict:
    return {"n": n, "exact": exact, "accuracy": exact / n if n else 0.0}


def aggregate_speaker_scores(list_of_per_article: list[dict]) -> dict:
    """Corpus scores from `speaker_scores` results.

    Speakers and statements: micro precision / recall / F1 (counts summed over articles).
    ROUGE: mean of the per-speaker F over all matched speakers of the corpus (each matched speaker
    weighs the same; 0.0 when none matched), with `n_matched` the number of speakers averaged.
    Roles: exact matches over all scored roles. Returns `{"n_articles", "speakers": {..counts..,
    "precision", "recall", "f1"}, "statements": {...}, "rouge": {"rouge-1", "rouge-2", "rouge-l"},
    "n_matched", "roles": {"n", "exact", "accuracy"}}`.
    """
    out: dict = {"n_articles": len(list_of_per_article)}
    for part in ("speakers", "statements"):
        tot = {k: sum(a[part][k] for a in list_of_per_article) for k in ("tp_pred", "n_pred", "tp_gold", "n_gold")}
        out[part] = {**tot, **_prf(tot["tp_pred"], tot["n_pred"], tot["tp_gold"], tot["n_gold"])}
    per_speaker = [v for a in list_of_per_article for v in a["rouge"].values()]
    out["n_matched"] = len(per_speaker)
    out["roles"] = _role_counts(*(sum(a.get("roles", {}).get(k, 0) for a in list_of_per_article) for k in ("n", "exact")))
    out["rouge"] = {
        k: (sum(v[k] for v in per_speaker) / len(per_speaker) if per_speaker else 0.0) for k in _ROUGE_KEYS
    }
    return out


def first_statement_summary(speaker: dict, max_chars: int | None = None) -> str:
    """Baseline summary of a speaker: the text of its first statement (by position when offsets are
    known, else list order), stripped of surrounding whitespace, optionally cut to `max_chars`.
    Returns "" for a speaker without statements."""
    stmts = list(_get(speaker, "statements") or [])
    if not stmts:
        return ""
    if all(not isinstance(st, str) and _get(st, "start") is not None for st in stmts):
        stmts = sorted(stmts, key=lambda st: (_get(st, "start"), _get(st, "end")))
    first = stmts[0]
    summary = (first if isinstance(first, str) else (_get(first, "text") or "")).strip()
    return summary[:max_chars] if max_chars is not None else summary
