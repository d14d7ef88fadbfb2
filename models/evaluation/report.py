"""`zhnews eval`: score a model folder on its own held-out split (rebuilt by `splits.recorded_splits`
from the data spec recorded in its config.json, same seed) or on a labelled file; optionally the TF-IDF
baseline on the same split and speaker attribution against a gold JSONL.

Every topic source's held-out split is also scored on its own (`sources`: accuracy, macro-F1, ECE;
per label for multi-label folders), and with `--baseline tfidf` the baseline is fitted, in the same
run, on that source's own training rows and printed beside the model (`baseline_tfidf_sources`)."""
from __future__ import annotations

import json
from pathlib import Path

from zhnews.models.config import load_train_config
from zhnews.models.pipeline import Analyzer
from zhnews.models.evaluation.baseline import baseline_reports, per_source_baselines
from zhnews.models.evaluation.gold import load_speaker_gold_file, topic_corpus_rows
from zhnews.models.evaluation.metrics import format_report
from zhnews.models.evaluation.ner import ner_by_source
from zhnews.models.evaluation.speakers import speaker_eval
from zhnews.models.evaluation.splits import ner_splits_from, recorded_splits, unseen_topic_rows
from zhnews.models.evaluation.topics import source_eval
from zhnews.models.userdata import read_labelled_file


def run_eval(model, *, data=None, baseline=None, speakers=None, topics: bool = True, log=print,
             device: str | None = None, ner_from=None) -> dict:
    """`topics=False` skips the held-out topic split (speakers only, a few seconds instead of minutes).
    `ner_from`: a training recipe (YAML) whose held-out NER sentences score the names instead of the folder's
    own, less those the folder trained on (`splits.ner_splits_from`): folders of different recipes on the same
    sentences, People's Daily 1998 for one."""
    analyzer = Analyzer.from_pretrained(model, device=device)
    labels = analyzer.labels
    splits = recorded_splits(analyzer.model.config) if (data is None and topics) or baseline else None
    multi = analyzer.model.topic_mode == "multi"
    if data is not None:
        # a topic corpus of this repository (tests/data/topic_corpus/*.jsonl: texts rebuilt from the shared data)
        evals = {Path(data).name: topic_corpus_rows(data) or read_labelled_file(data, for_training=False)}
    elif splits is not None and not multi:  # a multi-label folder is scored per source only
        evals, _ = unseen_topic_rows(splits, {"articles": splits.article_val, "titles": splits.title_val})
    else:
        evals = {}
    report: dict = {}
    if data is None and splits is not None:  # held-out copies of training texts are not scored (train/evaluate.py)
        sources, copies = unseen_topic_rows(splits, splits.topic_val)
        report.update({"topic_copies": copies} if copies else {})
        if copies:
            log(f"held-out texts left out as word for word training texts: {copies}")
    else:
        sources = {}
    done: dict = {}  # rows -> report: a source whose split is `articles` or `titles` is not encoded twice
    for name, rows in evals.items():
        if not rows:
            continue
        res = source_eval(analyzer.model, rows, labels, labels, settings=analyzer.settings)
        report[name] = done[tuple(rows)] = res["report"]
        log(f"\n== {name} (n={len(rows)}) ==")
        log(format_report(res["report"], labels))
        log(f"ECE {res['report']['ece']:.4f}")
    if sources:
        report["sources"] = {}
        log("\n== per source held-out split ==")
    for name, rows in sources.items():
        rep = done.get(tuple(rows)) or source_eval(analyzer.model, rows, labels, splits.source_labels[name],
                                                   settings=analyzer.settings)["report"]
        report["sources"][name] = rep
        log(f"{name} (n={len(rows)}): accuracy {rep['accuracy']:.4f} macro-F1 {rep['macro_f1']:.4f} "
            f"ECE {rep['ece']:.4f}" + (" (mean of the per-label ECEs)" if multi else ""))
    ner_splits = splits if data is None else None
    if ner_splits is not None and (analyzer.model.config.get("graft") or {}).get("tags_training"):
        ner_splits = recorded_splits(analyzer.model.config, tagger=True)  # the sentences its tagger held out
    if ner_from is not None:
        ner_splits, left_out = ner_splits_from(load_train_config(ner_from).data, analyzer.model.config)
        report["ner_from"] = {"recipe": str(ner_from), "left_out": left_out}
        log(f"\nnames scored on {ner_from}'s held-out NER sentences; left out as trained on: {left_out}")
    if ner_splits is not None and ner_splits.ner_val:
        report.update(ner_by_source(analyzer.model, ner_splits, analyzer.settings))
        log(f"\n== names (held-out NER sentences, n={len(ner_splits.ner_val)}) ==")
        for kind, m in report["ner"].items():
            low, high = m.get("f1_interval", (0.0, 0.0))
            log(f"{kind}: P {m['precision']:.4f} R {m['recall']:.4f} F1 {m['f1']:.4f} (95% interval "
                f"{low:.3f}-{high:.3f}; support {m['support']})")
        for name, m in report.get("ner_sources", {}).items():  # with one NER source its split is the one above
            per = m.get("PER", {})
            low, high = per.get("f1_interval", (0.0, 0.0))
            log(f"{name} (n={len(ner_splits.ner_val_sources[name])}): PER F1 {per.get('f1', 0):.4f} "
                f"(95% interval {low:.3f}-{high:.3f}, {per.get('support', 0)} persons), "
                f"all types P {m['ALL']['precision']:.4f} R {m['ALL']['recall']:.4f} F1 {m['ALL']['f1']:.4f}")
    if baseline == "tfidf":
        if splits is None:
            raise FileNotFoundError("the baseline needs the model's training data (config.json training.data)")
        train_rows = [(t, l) for t, l, _ in splits.topic_train]
        if evals:
            report["baseline_tfidf"] = baseline_reports(train_rows, evals, labels)
            log("\n== baseline: char 1-2-gram TF-IDF + linear SVM, trained on the same training split ==")
        for name, rep in report.get("baseline_tfidf", {}).items():
            log(f"{name}: model accuracy {report[name]['accuracy']:.4f} macro-F1 {report[name]['macro_f1']:.4f} | "
                f"baseline accuracy {rep['accuracy']:.4f} macro-F1 {rep['macro_f1']:.4f}")
        if sources and data is None:
            report["baseline_tfidf_sources"] = per_source_baselines(splits, sources, labels)
            log("\n== per source: model | baseline trained on that source's own training rows ==")
        for name, rep in report.get("baseline_tfidf_sources", {}).items():
            mine = report["sources"][name]
            log(f"{name}: model accuracy {mine['accuracy']:.4f} macro-F1 {mine['macro_f1']:.4f} | "
                f"baseline accuracy {rep['accuracy']:.4f} macro-F1 {rep['macro_f1']:.4f}")
    if speakers is not None:
        report["speakers"] = speaker_eval(analyzer, load_speaker_gold_file(Path(speakers)))
        log("\n== speakers ==")
        log(json.dumps(report["speakers"], ensure_ascii=False, indent=1))
    return report
