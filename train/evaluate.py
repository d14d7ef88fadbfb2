"""The figures of a training run on its held-out split: topics (accuracy, macro-F1, confusion matrix,
ECE after fitting the temperature), NER (entity P/R/F1) and the TF-IDF baseline on the same split.
The measuring itself is zhnews.models.evaluation's; what is training-only stays here."""
from __future__ import annotations

import numpy as np

from zhnews.models.evaluation.baseline import baseline_reports, per_source_baselines
from zhnews.models.evaluation.ner import ner_by_source
from zhnews.models.evaluation.splits import unseen_topic_rows
from zhnews.models.evaluation.topics import calibration_error, multilabel_eval, source_eval, topic_eval
from zhnews.models.model import ZhnewsModel, softmax
from zhnews.models.multilabel import per_label_ece, targets_and_masks
from zhnews.models.settings import InferenceSettings
from zhnews.train.multilabel import fit_label_calibration


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


def topic_settings(model: ZhnewsModel) -> InferenceSettings:
    """How the held-out topics are read, and so the temperatures fitted: as every front end reads a text by
    default (the fast path: one window of title + lead, the n-gram expert over the whole text), in fp32 so
    that no figure depends on whether the CPU multiplies bf16. Until session 42 the figures averaged every
    256-token window (`fast=False`), which no front end uses by default and which reads articles worse:
    the shipped default 92.55% on the 161 held-out THUCNews articles against 94.41% with the one window
    (models/fastpath.py; bf16 gives the same 94.41%)."""
    return model.default_settings({"precision": "fp32"})


def every_window(model: ZhnewsModel, evals: dict, can_tell) -> dict:
    """Accuracy of each split whose texts run past the one window (characters against its tokens: about
    one token a Han character) read over every window instead (`fast=False`) with the expert added, as a
    caller of the plain path gets it; `can_tell(name)`: the labels that split's source tells apart."""
    plain, one = model.default_settings(fast=False), topic_settings(model).chunk_tokens
    return {name: source_eval(model, rows, model.labels, can_tell(name), settings=plain)["report"]["accuracy"]
            for name, rows in evals.items() if rows and max(len(t) for t, _ in rows) > one}


def topic_path(model: ZhnewsModel, evals: dict, can_tell, log=print) -> dict:
    """metrics.json's `topic_path`: how the topic figures were read, and the plain path's accuracy beside."""
    plain = every_window(model, evals, can_tell)
    one = topic_settings(model)
    for name, accuracy in plain.items():
        log(f"{name}, every window (fast=False): accuracy {accuracy:.4f}")
    return {"topic_path": {"window_tokens": one.chunk_tokens, "windows": one.max_chunks, "precision": one.precision,
                           **({"flat_text": True} if one.flat_topic_text else {}), "every_window_accuracy": plain}}


def evaluate_training(model: ZhnewsModel, splits, log=print, ngram=None) -> dict:
    """Held-out scores of the trained model (read as `topic_settings` says); sets the model's temperature
    and n-gram expert on the way. A held-out text that is word for word a training text is neither scored
    nor calibrated on (`topic_copies` counts them per split)."""
    report: dict = {"sizes": splits.sizes, "labels": splits.labels}
    if splits.topic_mode == "multi":
        report.update(evaluate_multilabel(model, splits, log, ngram))
        report.update(ner_by_source(model, splits))
        return report
    evals, copies = unseen_topic_rows(splits, {"articles": splits.article_val, "titles": splits.title_val})
    report.update({"topic_copies": copies} if copies else {})
    settings = topic_settings(model)
    results = {name: topic_eval(model, rows, splits.labels, settings=settings) for name, rows in evals.items()}
    if ngram is not None:  # the transformer head alone, then with the expert's logits added (one encoding)
        report["transformer_only"] = {}
        for name, res in results.items():
            rep = res["report"]
            report["transformer_only"][name] = {"accuracy": rep["accuracy"], "macro_f1": rep["macro_f1"]}
            log(f"{name} (transformer head alone): accuracy {rep['accuracy']:.4f} macro-F1 {rep['macro_f1']:.4f}")
            rows = evals[name]
            results[name] = topic_eval(model, rows, splits.labels,
                                       res["logits"] + ngram.logits(model.topic_inputs([t for t, _ in rows])))
        model.ngram = ngram
    # Temperature from the title split when there is one, so that the article figures (the headline
    # metric) stay an untouched held-out measurement; otherwise from the article split itself.
    calib = "titles" if "titles" in results else "articles"
    r = results[calib]
    known = r["gold_idx"] >= 0
    model.temperature = fit_temperature(r["logits"][known], r["gold_idx"][known])
    report["temperature"] = model.temperature
    report["temperature_fitted_on"] = f"{calib} validation split"
    for name, res in results.items():
        res["report"]["ece"] = calibration_error(res["logits"], res["gold_idx"], model.temperature)
        report[name] = res["report"]
        log(f"{name}: accuracy {res['report']['accuracy']:.4f} macro-F1 {res['report']['macro_f1']:.4f} "
            f"ECE {res['report']['ece']:.4f} (n={len(evals[name])})")
    report.update(topic_path(model, evals, lambda name: splits.labels, log))
    train_rows = [(t, l) for t, l, _ in splits.topic_train]
    report["baseline"] = {"name": "char 1-2-gram TF-IDF + linear SVM, same training data"}
    for name, rep in baseline_reports(train_rows, evals, splits.labels).items():
        report["baseline"][name] = {"accuracy": rep["accuracy"], "macro_f1": rep["macro_f1"]}
        log(f"baseline {name}: accuracy {rep['accuracy']:.4f} macro-F1 {rep['macro_f1']:.4f}")
    articles_only = [(t, l) for t, l, kind in splits.topic_train if kind == "article"]
    if articles_only and splits.article_val and len({l for _, l in articles_only}) > 1:
        rep = baseline_reports(articles_only, {"articles": splits.article_val}, splits.labels)["articles"]
        report["baseline"]["articles_trained_on_articles_only"] = {"accuracy": rep["accuracy"],
                                                                   "macro_f1": rep["macro_f1"]}
    report.update(ner_by_source(model, splits))
    if report.get("ner"):
        log(f"ner: PER F1 {report['ner']['PER']['f1']:.4f} all F1 {report['ner']['ALL']['f1']:.4f}")
    return report


def evaluate_multilabel(model: ZhnewsModel, splits, log=print, ngram=None) -> dict:
    """Multi-label figures per source held-out split (models/evaluation/topics.py `multilabel_eval`)
    and the per-label calibration: the temperatures are fitted on the even-numbered rows of all
    held-out splits pooled (each row masked by its source) and their ECE per label is measured on the
    odd-numbered rows, which the fit never saw. Sets the model's temperatures and n-gram expert."""
    evals, copies = unseen_topic_rows(splits, splits.topic_val)
    logits = {name: model.topic_logits([t for t, _ in rows], topic_settings(model)) for name, rows in evals.items()}
    report: dict = {"sources": {}, "transformer_only": {}, **({"topic_copies": copies} if copies else {})}
    if ngram is not None:
        for name, rows in evals.items():
            rep = multilabel_eval(model, rows, splits.labels, splits.source_labels[name], logits[name])["report"]
            report["transformer_only"][name] = {"accuracy": rep["accuracy"], "macro_f1": rep["macro_f1"]}
            logits[name] = logits[name] + ngram.logits(model.topic_inputs([t for t, _ in rows]))
        model.ngram = ngram
    names = list(evals)
    y, m = targets_and_masks([l for n in names for _, l in evals[n]], [n for n in names for _ in evals[n]],
                             splits.source_labels, splits.labels, splits.not_against)
    z = np.concatenate([logits[n] for n in names]) if names else np.zeros((0, len(splits.labels)))
    fit, check = np.arange(len(z)) % 2 == 0, np.arange(len(z)) % 2 == 1
    model.temperatures, model.calibration_bias = fit_label_calibration(z[fit], y[fit], m[fit],
                                                                       model.calibrates_at_least_one)
    eces = per_label_ece(model.calibrated(z[check]), y[check], m[check], splits.labels)
    report["calibration"] = {
        "method": "one temperature per label and one bias shared by all, sigmoid(z / T_label + b)" + (
            ", each label then given at least one topic: p / (1 - prod(1 - p))" if model.calibrates_at_least_one else ""),
        "fitted_on": f"even-numbered rows of the held-out splits ({int(fit.sum())})",
        "ece_per_label_on": f"odd-numbered rows ({int(check.sum())})",
        "temperatures": dict(zip(splits.labels, model.temperatures.tolist())),
        "biases": dict(zip(splits.labels, model.calibration_bias.tolist())), "ece_per_label": eces}
    log(f"calibration: temperatures {report['calibration']['temperatures']}, biases "
        f"{report['calibration']['biases']}; ECE per label on held-out "
        f"rows the fit did not see: {eces}")
    baselines = per_source_baselines(splits, evals, splits.labels)
    for name, rows in evals.items():
        rep = multilabel_eval(model, rows, splits.labels, splits.source_labels[name], logits[name])["report"]
        report["sources"][name] = rep
        base = baselines.get(name)
        log(f"{name} (n={len(rows)}): accuracy {rep['accuracy']:.4f} macro-F1 {rep['macro_f1']:.4f} "
            f"mean ECE per label {rep['ece']:.4f}" + (f" | baseline accuracy {base['accuracy']:.4f} "
                                                     f"macro-F1 {base['macro_f1']:.4f}" if base else ""))
    report.update(topic_path(model, evals, lambda name: splits.source_labels[name], log))
    report["baseline"] = {"name": "char 1-2-gram TF-IDF + linear SVM, each source's own training rows",
                          **{n: {"accuracy": b["accuracy"], "macro_f1": b["macro_f1"]} for n, b in baselines.items()}}
    return report
