"""`zhnews eval` per source (issue 14): a tiny model trained on two small sources is scored on each
source's held-out split, and `--baseline tfidf` fits the baseline on each source's own training rows
in the same run, printed side by side."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def two_source_model(tmp_path_factory) -> Path:
    import torch

    from zhnews.models.config import parse_train_config
    from zhnews.train.loop import run_training

    torch.set_num_threads(1)
    data = tmp_path_factory.mktemp("two-sources")
    shutil.copy(REPO / "tests" / "data" / "custom_topics.jsonl", data / "a.jsonl")
    (data / "toutiao_headlines").mkdir()
    lines = [f"news_world\t联合国第{i}次会议讨论各国外交" for i in range(10)]
    lines += [f"news_sports\t联赛第{i}轮主队取胜" for i in range(10)] + [f"news_story\t第{i}个故事" for i in range(5)]
    (data / "toutiao_headlines" / "toutiao.tsv").write_text("\n".join(lines), encoding="utf-8")
    raw = yaml.safe_load((REPO / "configs" / "tiny.yaml").read_text(encoding="utf-8"))
    raw["output_dir"] = str(tmp_path_factory.mktemp("two-source-model"))
    raw["data"] = {"data_dir": str(data), "title_val_fraction": 0.2, "sources": [
        {"kind": "file", "path": "a.jsonl", "name": "mine"},
        {"kind": "toutiao", "label_map": {"news_world": "国际", "news_sports": "体育", "news_story": None}}]}
    return run_training(parse_train_config(raw), log=lambda _m: None)


def test_eval_scores_each_source_and_its_own_baseline(two_source_model):
    from zhnews.models import Analyzer
    from zhnews.models.evaluation.baseline import baseline_reports
    from zhnews.models.evaluation.report import run_eval
    from zhnews.models.evaluation.splits import recorded_splits

    printed = []
    report = run_eval(two_source_model, baseline="tfidf", log=printed.append)
    analyzer = Analyzer.from_pretrained(two_source_model)
    splits = recorded_splits(analyzer.model.config)
    assert set(report["sources"]) == set(report["baseline_tfidf_sources"]) == {"mine", "toutiao"}
    assert len(splits.topic_val["toutiao"]) == 4  # 20% of each of the two mapped labels
    assert not {t for t, _ in splits.topic_val["toutiao"]} & {t for t, _, _ in splits.topic_train}
    labels = analyzer.labels
    for name, rows in splits.topic_val.items():
        pred = analyzer.model.topic_probabilities([t for t, _ in rows], analyzer.settings).argmax(1)
        assert report["sources"][name]["accuracy"] == sum(labels[p] == g for p, (_, g) in zip(pred, rows)) / len(rows)
        assert report["sources"][name]["ece"] is not None
        own = [(t, l) for (t, l, _), s in zip(splits.topic_train, splits.topic_source) if s == name]
        assert {l for _, l in own} == set(splits.source_labels[name])  # its own rows, no other source's
        expected = baseline_reports(own, {name: rows}, labels)[name]
        assert report["baseline_tfidf_sources"][name]["accuracy"] == expected["accuracy"]
    side_by_side = [line for line in printed if line.startswith(("mine:", "toutiao:")) and "| baseline" in line]
    assert len(side_by_side) == 2


def test_eval_of_a_multi_label_folder_is_per_source(tmp_path_factory):
    """A multi-label folder: no softmax article/title figures, each source with its per-label ECEs."""
    from tests.test_multilabel import train_multi_model
    from zhnews.models.evaluation.report import run_eval

    folder = train_multi_model(tmp_path_factory)
    report = run_eval(folder, baseline="tfidf", log=lambda _m: None)
    assert "articles" not in report and set(report["sources"]) == {"a", "b"}
    assert set(report["sources"]["b"]["ece_per_label"]) == {"体育", "国际"}
    assert json.loads(json.dumps(report["baseline_tfidf_sources"]))["a"]["accuracy"] >= 0
