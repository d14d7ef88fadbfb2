"""The topic corpus (tests/data/topic_corpus): People's Daily 1998 articles with every topic label that fits,
annotated by reading (issue 14). Its format, the second annotation, the source kind that trains on it, and,
where the shared data is present, every text rebuilt against its recorded hash."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

from zhnews.models.evaluation.gold import TOPIC_CORPUS, GoldDataError, MissingDataError, load_topic_gold

REPO = Path(__file__).resolve().parent.parent
LABELS = yaml.safe_load((REPO / "configs" / "default.yaml").read_text(encoding="utf-8"))["data"]["labels"]


def records(name: str) -> list[dict]:
    lines = (TOPIC_CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# name: (texts from, at least this many rows, at least this many with several labels)
CORPORA = {"people_daily": ("people_daily_199801/199801.txt", 1000, 400),
           "people_daily_short": ("people_daily_199801/199801.txt", 280, 90),
           "lcsts": ("lcsts_part3/PART_III.txt", 900, 350)}


@pytest.mark.parametrize("name", CORPORA)
def test_format_labels_and_the_second_annotation(name):
    source, at_least, several = CORPORA[name]
    first, second = records(f"{name}.jsonl"), records(f"{name}_double.jsonl")
    assert len(first) >= at_least and len({r["id"] for r in first}) == len(first)
    for r in first + second:
        assert set(r) == {"id", "source", "labels", "annotator"}, r["id"]  # no article text in the repository
        assert r["labels"] and len(set(r["labels"])) == len(r["labels"]) and set(r["labels"]) <= set(LABELS), r["id"]
        assert r["source"]["file"] == source and {"sha1", "chars"} <= set(r["source"])
    by_id = {r["id"]: r for r in first}
    assert len(second) >= 30 and all(r["id"] in by_id for r in second)
    assert all(r["annotator"] != by_id[r["id"]]["annotator"] for r in second)  # read twice, by two annotators
    assert sum(len(r["labels"]) > 1 for r in first) >= several  # the multi-label rows no other source has


@pytest.mark.parametrize("name", CORPORA)
def test_every_text_rebuilds_from_the_shared_data(name):
    try:
        rows = load_topic_gold(TOPIC_CORPUS / f"{name}.jsonl")
    except MissingDataError as exc:
        pytest.skip(str(exc))
    assert len(rows) == len(records(f"{name}.jsonl")) and all(len(text) >= 50 for text, _ in rows)


def fake_corpus(tmp_path: Path, labels: list[list[str]]) -> tuple[Path, Path]:
    """A data folder with a two-article People's Daily file, and a corpus pointing into it."""
    data = tmp_path / "data"
    (data / "people_daily_199801").mkdir(parents=True)
    lines = ["国务院/nt  召开/v  科技/n  工作/vn  会议/n  。/w", "中国/ns  队/n  夺得/v  冠军/n  。/w"]
    (data / "people_daily_199801" / "199801.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    texts = ["国务院召开科技工作会议。", "中国队夺得冠军。"]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps({
        "id": f"pd-{k}", "labels": ls, "annotator": "a",
        "source": {"file": "people_daily_199801/199801.txt", "line": k, "last_line": k, "join": "\n",
                   "chars": len(t), "sha1": hashlib.sha1(t.encode("utf-8")).hexdigest()}}, ensure_ascii=False)
        for k, (t, ls) in enumerate(zip(texts, labels))), encoding="utf-8")
    return data, corpus


def test_loader_rebuilds_texts_and_refuses_what_does_not_fit(tmp_path):
    data, corpus = fake_corpus(tmp_path, [["时政", "科技"], ["体育"]])
    assert load_topic_gold(corpus, data) == [("国务院召开科技工作会议。", ["时政", "科技"]), ("中国队夺得冠军。", ["体育"])]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(corpus.read_text(encoding="utf-8").replace('"chars": 12', '"chars": 13'), encoding="utf-8")
    with pytest.raises(GoldDataError, match="12 characters"):
        load_topic_gold(bad, data)
    empty = tmp_path / "empty.jsonl"
    empty.write_text(corpus.read_text(encoding="utf-8").replace('["体育"]', "[]"), encoding="utf-8")
    with pytest.raises(GoldDataError, match="no labels"):
        load_topic_gold(empty, data)
    with pytest.raises(MissingDataError):
        load_topic_gold(corpus, tmp_path / "nowhere")


def test_the_source_trains_every_label_and_leaves_earlier_sources_as_they_were(tmp_path):
    """Its rows carry several labels, count against every label of the spec (its annotators could give any),
    and, read last, leave the held-out rows of the sources before it unchanged."""
    from zhnews.models.config import parse_data_spec
    from zhnews.models.evaluation.splits import build_splits

    data, corpus = fake_corpus(tmp_path, [["时政", "科技"], ["体育"]])
    user = [{"text": f"第{i}场比赛结束。", "label": "体育"} for i in range(6)] + [
        {"text": f"第{i}次外长会谈举行。", "label": "国际"} for i in range(6)]
    (data / "user.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in user), encoding="utf-8")
    base = {"data_dir": str(data), "topic_mode": "multi", "labels": ["体育", "时政", "科技", "国际"], "val_fraction": 0.5,
            "sources": [{"kind": "file", "path": "user.jsonl", "name": "user"}]}
    before = build_splits(parse_data_spec(base))
    spec = {**base, "sources": base["sources"] + [{"kind": "annotated_topics", "name": "people_daily_topics", "path": str(corpus)}]}
    after = build_splits(parse_data_spec(spec))
    assert after.topic_val["user"] == before.topic_val["user"]
    assert after.source_labels["people_daily_topics"] == sorted(["体育", "时政", "科技", "国际"])
    rows = after.topic_val["people_daily_topics"] + [(t, l) for (t, l, _), s in
                                                     zip(after.topic_train, after.topic_source) if s == "people_daily_topics"]
    assert sorted(rows) == sorted([("国务院召开科技工作会议。", "时政,科技"), ("中国队夺得冠军。", "体育")])


def test_a_corpus_reads_as_labelled_rows_and_other_files_do_not(tmp_path):
    from zhnews.models.evaluation.gold import topic_corpus_rows

    data, corpus = fake_corpus(tmp_path, [["时政", "科技"], ["体育"]])
    assert topic_corpus_rows(corpus, data) == [("国务院召开科技工作会议。", "时政,科技"), ("中国队夺得冠军。", "体育")]
    user = tmp_path / "user.jsonl"
    user.write_text(json.dumps({"text": "中国队夺得冠军。", "labels": ["体育"]}, ensure_ascii=False), encoding="utf-8")
    assert topic_corpus_rows(user, data) is None and topic_corpus_rows(tmp_path / "a.csv", data) is None


@pytest.fixture(scope="module")
def multi_model_dir(tmp_path_factory):
    from tests.test_multilabel import train_multi_model

    return train_multi_model(tmp_path_factory)


def test_unseen_corpus_figures_go_into_metrics_and_card(multi_model_dir, tmp_path, monkeypatch):
    """`python -m zhnews.train.unseen_topics`: a corpus of another source scored as the held-out splits are,
    beside a TF-IDF baseline over every training row; written as its own key, the rest of metrics.json kept."""
    import shutil

    from zhnews.train.unseen_topics import main, unseen_topics

    data, corpus = fake_corpus(tmp_path, [["体育", "国际"], ["体育"]])
    monkeypatch.setenv("ZHNEWS_DATA", str(data))
    folder = tmp_path / "folder"
    shutil.copytree(multi_model_dir, folder)
    before = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    figures = unseen_topics(folder, [corpus], log=lambda _m: None)["corpus"]
    assert figures["n"] == 2 and 0 <= figures["accuracy"] <= 1 and 0 <= figures["baseline_accuracy"] <= 1
    from zhnews.models.model import ZhnewsModel
    from zhnews.train.evaluate import topic_settings

    model = ZhnewsModel.from_pretrained(folder)  # every label at 0.5 against the row's labels, by hand
    probs = model.topic_probabilities([t for t, _ in load_topic_gold(corpus, data)], topic_settings(model))
    said = [{model.labels[j] for j, p in enumerate(row) if p >= 0.5} for row in probs]
    hits = len(said[0] & {"体育", "国际"}) + len(said[1] & {"体育"})
    assert figures["micro_f1_at_half"] == pytest.approx(2 * hits / max(1, len(said[0]) + len(said[1]) + 3))
    main([str(folder), str(REPO / "configs" / "tiny.yaml"), str(corpus)])
    after = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    assert after["unseen_topics"] == {"corpus": figures} and after["sources"] == before["sources"]
    assert "| corpus (never trained on) |" in (folder / "README.md").read_text(encoding="utf-8")
    with pytest.raises(SystemExit, match="not a topic corpus"):
        unseen_topics(folder, [tmp_path / "missing.jsonl"], log=lambda _m: None)
