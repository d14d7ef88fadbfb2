"""A model folder's topics on annotated corpora it never trained on, written into metrics.json (`unseen_topics`)
and its card beside the held-out splits of its own sources:

    python -m zhnews.train.unseen_topics FOLDER CONFIG tests/data/topic_corpus/lcsts.jsonl

The corpora (tests/data/topic_corpus/: every label that fits, annotated by reading) are news of other sources
than the training ones, so these are the figures that say how the topics carry to news in general. Read as the
held-out splits are (`train.evaluate.topic_settings`, the folder's own calibration); the top topic is right when
it is one of the row's labels, and every label scored 0.5 or more is checked against the row's labels (micro-F1).
Beside it the TF-IDF + linear SVM baseline, fitted on every topic training row of
the folder (each row's first label), as the one classifier over all sources a user could fit instead. A corpus
the folder's recipe trained on is refused."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

KEY = "unseen_topics"


def unseen_topics(folder: Path, corpora: list[Path], log=print) -> dict:
    """{corpus file stem: accuracy, macro-F1, mean per-label ECE, n, baseline accuracy} of `folder`."""
    from zhnews.models.evaluation.baseline import baseline_predictions
    from zhnews.models.evaluation.gold import topic_corpus_rows
    from zhnews.models.evaluation.splits import recorded_specs, recorded_splits
    from zhnews.models.evaluation.topics import multilabel_eval
    from zhnews.models.model import ZhnewsModel
    from zhnews.models.multilabel import row_labels
    from zhnews.train.evaluate import topic_settings

    model = ZhnewsModel.from_pretrained(folder)
    if model.topic_mode != "multi":
        raise SystemExit(f"{folder}: not a multi-label folder")
    trained = {Path(s.path).name for spec in recorded_specs(model.config) for s in spec.sources if s.kind == "annotated_topics"}
    splits = recorded_splits(model.config)
    train = [(t, row_labels(l)[0]) for t, l, _ in splits.topic_train]
    out = {}
    for path in corpora:
        if path.name in trained:
            raise SystemExit(f"{folder} trained on {path.name}: its figures there are the held-out split's")
        rows = topic_corpus_rows(path)
        if rows is None:
            raise SystemExit(f"{path}: not a topic corpus (tests/data/topic_corpus/README.md)")
        rep = multilabel_eval(model, rows, model.labels, model.labels, settings=topic_settings(model))["report"]
        pred = baseline_predictions(train, {"rows": rows})["rows"]
        base = float(np.mean([p in row_labels(l) for p, (_, l) in zip(pred, rows)]))
        out[path.stem] = {"n": len(rows), "accuracy": rep["accuracy"], "macro_f1": rep["macro_f1"], "ece": rep["ece"],
                          "micro_f1_at_half": rep["micro_f1_at_half"], "baseline_accuracy": base}
        log(f"{path.stem} (n={len(rows)}): accuracy {rep['accuracy']:.4f} macro-F1 {rep['macro_f1']:.4f} "
            f"mean ECE per label {rep['ece']:.4f} labels at 0.5 micro-F1 {rep['micro_f1_at_half']:.4f} | "
            f"TF-IDF on every training row {base:.4f}")
    return out


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("config", help="the folder's recipe (for its card)")
    parser.add_argument("corpora", nargs="+", type=Path, metavar="CORPUS", help="annotated JSONL files")
    args = parser.parse_args(argv)
    from zhnews.train.card import update_metrics

    update_metrics(args.folder, args.config, {KEY: unseen_topics(args.folder, args.corpora)}, replaced=(KEY,))


if __name__ == "__main__":
    main(sys.argv[1:])
