"""Held-out evaluation: topics (accuracy, macro-F1, confusion matrix, ECE), NER (entity P/R/F1),
speakers (P/R/F1, statement attribution, ROUGE) and the TF-IDF baseline on the same split."""
from __future__ import annotations

import numpy as np

from zhnews.models.model import ZhnewsModel, softmax
from zhnews.models.metrics import classification_report, expected_calibration_error
from zhnews.train.baseline import baseline_predictions


def fit_temperature(logits: np.ndarray, gold: np.ndarray) -> float:
    """Temperature T minimising the NLL of softmax(logits / T) (Guo et al. 2017), by grid search:
    one parameter, so a log-spaced grid of 200 values between 0.05 and 20 is exact enough."""
    if len(gold) == 0:
        return 1.0
    best, best_nll = 1.0, np.inf
    for t in np.exp(np.linspace(np.log(0.05), np.log(20), 200)):
        p = softmax(logits / t)[np.arange(len(gold)), gold]
        nll = -np.log(np.clip(p, 1e-12, 1)).mean()
        if nll < best_nll:
            best, best_nll = float(t), nll
    return best


def topic_eval(analyzer: ZhnewsModel, rows: list[tuple[str, str]], labels: list[str],
               logits: np.ndarray | None = None, settings=None) -> dict:
    """Scores of the model run with `settings` on labelled rows (or of precomputed `logits` for those rows)."""
    if logits is None:
        logits = analyzer.topic_logits([t for t, _ in rows], settings)
    index = {label: i for i, label in enumerate(labels)}
    gold_idx = np.array([index.get(l, -1) for _, l in rows])
    probs = softmax(logits / analyzer.temperature)
    pred = [labels[i] for i in probs.argmax(1)]
    report = classification_report([l for _, l in rows], pred, labels)
    known = gold_idx >= 0
    report["ece"] = float(expected_calibration_error(probs[known], gold_idx[known])) if known.any() else None
    return {"report": report, "logits": logits, "gold_idx": gold_idx, "pred": pred}


def bio_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    spans, start, kind = set(), None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if start is not None and (tag == "O" or tag.startswith("B-") or tag[2:] != kind):
            spans.add((start, i, kind))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = i, tag[2:]
    return spans


def ner_eval(analyzer: ZhnewsModel, rows: list[tuple[str, list[str]]], settings=None) -> dict:
    """Entity-level exact-match P/R/F1, overall and per type (CoNLL style)."""
    if not rows:
        return {}
    predicted = analyzer.find_names([t for t, _ in rows], settings)
    counts: dict[str, list[int]] = {}
    for (_, tags), ents in zip(rows, predicted):
        gold = bio_spans(tags)
        pred = {(e.start, e.end, e.label) for e in ents}
        for kind in ("ALL", "PER", "ORG", "LOC"):
            g = {s for s in gold if kind in ("ALL", s[2])}
            p = {s for s in pred if kind in ("ALL", s[2])}
            c = counts.setdefault(kind, [0, 0, 0])
            c[0] += len(g & p)
            c[1] += len(p)
            c[2] += len(g)
    out = {}
    for kind, (tp, n_pred, n_gold) in counts.items():
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        out[kind] = {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if tp else 0.0,
                     "support": n_gold}
    return out


def evaluate_training(analyzer: ZhnewsModel, splits, log=print, ngram=None) -> dict:
    """Held-out scores of the trained model (plain fp32 inference over every window); sets the
    model's temperature and n-gram expert on the way."""
    report: dict = {"sizes": splits.sizes, "labels": splits.labels}
    evals = {"articles": splits.article_val, "titles": splits.title_val}
    results = {name: topic_eval(analyzer, rows, splits.labels) for name, rows in evals.items() if rows}
    if ngram is not None:  # the transformer head alone, then with the expert's logits added (one encoding)
        report["transformer_only"] = {}
        for name, res in results.items():
            rep = res["report"]
            report["transformer_only"][name] = {"accuracy": rep["accuracy"], "macro_f1": rep["macro_f1"]}
            log(f"{name} (transformer head alone): accuracy {rep['accuracy']:.4f} macro-F1 {rep['macro_f1']:.4f}")
            rows = evals[name]
            results[name] = topic_eval(analyzer, rows, splits.labels,
                                       res["logits"] + ngram.logits([t for t, _ in rows]))
        analyzer.ngram = ngram
    # Temperature from the title split when there is one, so that the article figures (the headline
    # metric) stay an untouched held-out measurement; otherwise from the article split itself.
    calib = "titles" if "titles" in results else "articles"
    r = results[calib]
    known = r["gold_idx"] >= 0
    analyzer.temperature = fit_temperature(r["logits"][known], r["gold_idx"][known])
    report["temperature"] = analyzer.temperature
    report["temperature_fitted_on"] = f"{calib} validation split"
    for name, res in results.items():
        probs = softmax(res["logits"] / analyzer.temperature)
        ok = res["gold_idx"] >= 0
        res["report"]["ece"] = float(expected_calibration_error(probs[ok], res["gold_idx"][ok])) if ok.any() else None
        report[name] = res["report"]
        log(f"{name}: accuracy {res['report']['accuracy']:.4f} macro-F1 {res['report']['macro_f1']:.4f} "
            f"ECE {res['report']['ece']:.4f} (n={len(evals[name])})")
    train_rows = [(t, l) for t, l, _ in splits.topic_train]
    base = baseline_predictions(train_rows, {k: v for k, v in evals.items() if v})
    report["baseline"] = {"name": "char 1-2-gram TF-IDF + linear SVM, same training data"}
    for name, pred in base.items():
        rep = classification_report([l for _, l in evals[name]], pred, splits.labels)
        report["baseline"][name] = {"accuracy": rep["accuracy"], "macro_f1": rep["macro_f1"]}
        log(f"baseline {name}: accuracy {rep['accuracy']:.4f} macro-F1 {rep['macro_f1']:.4f}")
    articles_only = [(t, l) for t, l, kind in splits.topic_train if kind == "article"]
    if articles_only and splits.article_val and len({l for _, l in articles_only}) > 1:
        pred = baseline_predictions(articles_only, {"articles": splits.article_val})["articles"]
        rep = classification_report([l for _, l in splits.article_val], pred, splits.labels)
        report["baseline"]["articles_trained_on_articles_only"] = {"accuracy": rep["accuracy"],
                                                                   "macro_f1": rep["macro_f1"]}
    if splits.ner_val:
        report["ner"] = ner_eval(analyzer, splits.ner_val)
        log(f"ner: PER F1 {report['ner']['PER']['f1']:.4f} all F1 {report['ner']['ALL']['f1']:.4f}")
    return report
