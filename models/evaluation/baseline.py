"""The bag-of-n-grams baseline every topic figure is compared with, on the same split in the same run:
character 1-2-gram TF-IDF + linear SVM (the strong classic for THUCNews full articles)."""
from __future__ import annotations

from zhnews.models.evaluation.metrics import classification_report
from zhnews.models.multilabel import row_labels


def tfidf_svm(train: list[tuple[str, str]]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    model = make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True, min_df=1),
                          LinearSVC(C=1.0))
    model.fit([t for t, _ in train], [l for _, l in train])
    return model


def baseline_predictions(train: list[tuple[str, str]], evals: dict[str, list[tuple[str, str]]]) -> dict:
    """Fit once on `train`, predict each named evaluation set."""
    model = tfidf_svm(train)
    return {name: list(model.predict([t for t, _ in rows])) if rows else [] for name, rows in evals.items()}


def baseline_reports(train: list[tuple[str, str]], evals: dict[str, list[tuple[str, str]]],
                     labels: list[str]) -> dict:
    """`classification_report` of the baseline, fitted once on `train`, on each non-empty named set."""
    preds = baseline_predictions(train, {name: rows for name, rows in evals.items() if rows})
    return {name: classification_report([l for _, l in evals[name]], pred, labels) for name, pred in preds.items()}


def per_source_baselines(splits, evals: dict[str, list[tuple[str, str]]], labels: list[str]) -> dict:
    """The baseline of each named source, fitted on that source's own training rows (the first label
    of a multi-label row) and scored on its held-out rows `evals[name]`."""
    out = {}
    for name, rows in evals.items():
        train = [(t, row_labels(l)[0]) for (t, l, _), source in zip(splits.topic_train, splits.topic_source)
                 if source == name]
        if rows and len({l for _, l in train}) > 1:
            out[name] = baseline_reports(train, {name: [(t, row_labels(l)[0]) for t, l in rows]}, labels)[name]
    return out
