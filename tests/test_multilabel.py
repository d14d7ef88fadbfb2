"""Multi-label topics (issue 14): label masks, the masked BCE loss by hand, per-label calibration, and
a multi-label tiny model that trains, saves, loads and answers with independent sigmoid scores."""
from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
import yaml

from tests.conftest import check_contract
from zhnews.models.multilabel import at_least_one, binary_ece, per_label_ece, targets_and_masks
from zhnews.train.multilabel import fit_label_calibration, fit_label_temperatures, masked_bce

REPO = Path(__file__).resolve().parent.parent
LABELS = ["财经", "科技", "体育", "时政", "国际"]
# what each source can tell apart: THUCNews has 时政 but no 国际, Toutiao 国际 but no 时政
SOURCES = {"thucnews": ["财经", "科技", "体育", "时政"], "toutiao": ["财经", "体育", "国际"]}


def test_masks_follow_the_source():
    y, m = targets_and_masks(["时政", "国际", "体育,国际"], ["thucnews", "toutiao", "toutiao"], SOURCES, LABELS)
    assert y.tolist() == [[0, 0, 0, 1, 0], [0, 0, 0, 0, 1], [0, 0, 1, 0, 1]]
    assert m.tolist() == [[1, 1, 1, 1, 0], [1, 0, 1, 0, 1], [1, 0, 1, 0, 1]]


def test_a_source_says_nothing_against_its_not_against_labels_except_where_a_row_carries_them():
    """Toutiao files stock-market headlines under news_finance (`not_against: [股票]`): its finance rows say
    nothing about 股票, its news_stock rows still count for it, and the other sources are untouched."""
    sources = {**SOURCES, "toutiao": ["财经", "体育", "国际", "科技"]}
    rows, names = ["财经", "科技", "财经"], ["toutiao", "toutiao", "thucnews"]
    y, m = targets_and_masks(rows, names, sources, LABELS, {"toutiao": ["科技"]})
    assert m.tolist() == [[1, 0, 1, 0, 1], [1, 1, 1, 0, 1], [1, 1, 1, 1, 0]]
    assert y.tolist() == [[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [1, 0, 0, 0, 0]]
    assert (targets_and_masks(rows, names, sources, LABELS, {})[1] == targets_and_masks(rows, names, sources, LABELS)[1]).all()


def test_a_mapping_not_against_frees_only_the_rows_of_its_label():
    """THUCNews files science news under 时政 (`not_against: {时政: [科技]}`): its 时政 rows say nothing about
    科技, its 体育 rows still count against 科技, its 科技 rows for it; a multi-label row carrying the key is freed
    too unless it carries the label itself."""
    rows, names = ["时政", "体育", "科技", "时政,科技", "时政"], ["thucnews"] * 4 + ["toutiao"]
    y, m = targets_and_masks(rows, names, SOURCES, LABELS, {"thucnews": {"时政": ["科技"]}})
    assert m.tolist() == [[1, 0, 1, 1, 0], [1, 1, 1, 1, 0], [1, 1, 1, 1, 0], [1, 1, 1, 1, 0], [1, 0, 1, 1, 1]]
    assert y[3].tolist() == [0, 1, 0, 1, 0]


def test_not_against_travels_from_the_recipe_to_the_fits(tmp_path):
    from zhnews.models.config import parse_train_config
    from zhnews.models.evaluation.splits import build_splits
    from zhnews.train.multilabel import split_targets

    rows = [{"text": f"第{i}条新闻。", "labels": [label]} for i, label in enumerate(["财经", "股票"] * 6)]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    raw = {"output_dir": "x", "data": {"data_dir": str(tmp_path), "topic_mode": "multi", "labels": ["财经", "股票"],
                                       "sources": [{"kind": "file", "path": "a.jsonl", "not_against": ["股票"]}]}}
    splits = build_splits(parse_train_config(raw).data)
    assert splits.not_against == {"file": ["股票"]}
    y, m = split_targets(splits)
    assert (m[:, 1] == y[:, 1]).all() and (m[:, 0] == 1).all()  # 股票 counts only on its own rows


def test_a_thucnews_politics_row_gives_no_loss_or_gradient_to_world():
    y, m = targets_and_masks(["时政"], ["thucnews"], SOURCES, LABELS)
    logits = torch.zeros(1, len(LABELS), requires_grad=True)
    loss = masked_bce(logits, torch.tensor(y, dtype=torch.float), torch.tensor(m, dtype=torch.float))
    loss.backward()
    world = LABELS.index("国际")
    assert logits.grad[0, world] == 0 and (logits.grad[0, :world] != 0).all()
    with torch.no_grad():  # the 国际 logit can be anything: the loss does not move
        other = logits.clone()
        other[0, world] = 50.0
        assert masked_bce(other, torch.tensor(y, dtype=torch.float), torch.tensor(m, dtype=torch.float)) == loss


def test_masked_bce_by_hand_on_two_rows():
    logits = torch.tensor([[2.0, -1.0, 0.5], [0.0, 3.0, -2.0]])
    target = torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]])
    mask = torch.tensor([[1.0, 1.0, 0.0], [1.0, 1.0, 1.0]])

    def bce(z, t):  # -[t log s(z) + (1 - t) log(1 - s(z))]
        s = 1 / (1 + math.exp(-z))
        return -(t * math.log(s) + (1 - t) * math.log(1 - s))

    cells = [bce(2.0, 1), bce(-1.0, 0), bce(0.0, 0), bce(3.0, 1), bce(-2.0, 1)]  # the 5 masked cells
    assert masked_bce(logits, target, mask).item() == pytest.approx(sum(cells) / 5, rel=1e-6)


def test_one_temperature_per_label_on_its_masked_rows():
    rng = np.random.default_rng(0)
    n = 4000
    true = rng.normal(0, 2, size=(n, 2))
    y = (rng.random((n, 2)) < 1 / (1 + np.exp(-true))).astype(float)
    logits = true * np.array([3.0, 0.5])  # label 0 over-confident x3, label 1 under-confident x0.5
    m = np.ones((n, 2))
    m[: n // 2, 1] = 0  # label 1 is told by half of the rows only
    logits[: n // 2, 1] = 100.0  # ... and the other half's nonsense must not move its temperature
    temps = fit_label_temperatures(logits, y, m)
    assert temps[0] == pytest.approx(3.0, rel=0.15) and temps[1] == pytest.approx(0.5, rel=0.15)
    probs = 1 / (1 + np.exp(-logits / temps))
    eces = per_label_ece(probs, y, m, ["a", "b"])
    raw = per_label_ece(1 / (1 + np.exp(-logits)), y, m, ["a", "b"])
    assert set(eces) == {"a", "b"} and all(eces[k] < 0.03 < raw[k] for k in eces)


def test_the_calibration_finds_each_labels_temperature_and_the_shared_bias():
    """Every label's scores 1.2 too low on the log-odds scale (second labels under-called), label 0 also
    over-confident x2 and label 1 told by half of the rows: the temperatures and the one bias come back, the
    order of each row's labels is the temperatures' alone, and the ECE falls below the temperatures' own."""
    rng = np.random.default_rng(3)
    n = 6000
    true = rng.normal(-1, 2, size=(n, 3))
    y = (rng.random((n, 3)) < 1 / (1 + np.exp(-true))).astype(float)
    logits = true - 1.2
    logits[:, 0] *= 2.0
    m = np.ones((n, 3))
    m[: n // 2, 1] = 0
    logits[: n // 2, 1] = 100.0  # ... and the other half's nonsense must not move its temperature
    temps, biases = fit_label_calibration(logits, y, m)
    assert temps[0] == pytest.approx(2.0, rel=0.1) and temps[1] == pytest.approx(1.0, rel=0.1)
    assert np.allclose(biases, biases[0]) and biases[0] == pytest.approx(1.2, abs=0.1)
    probs = 1 / (1 + np.exp(-(logits / temps + biases)))
    assert (probs.argmax(1) == (logits / temps).argmax(1)).all()
    alone = fit_label_temperatures(logits, y, m)
    before = per_label_ece(1 / (1 + np.exp(-logits / alone)), y, m, ["a", "b", "c"])
    after = per_label_ece(probs, y, m, ["a", "b", "c"])
    assert all(after[k] < 0.02 < before[k] for k in after)


def test_scores_given_at_least_one_topic():
    p = np.array([[0.35, 0.2] + [0.02] * 15, [0.95, 0.3] + [0.01] * 15, [0.0] * 17])
    q = at_least_one(p)
    some = 1 - 0.65 * 0.8 * 0.98 ** 15  # 0.616: an unsure text's labels rise the most
    assert q[0, :3] == pytest.approx([0.35 / some, 0.2 / some, 0.02 / some]) and q[0, 0] == pytest.approx(0.568, abs=1e-3)
    assert (q[1] >= p[1]).all() and (q[1] <= p[1] / 0.95 + 1e-12).all()  # a sure label: at most 1 / 0.95
    assert (np.argsort(-q[:2], 1, kind="stable") == np.argsort(-p[:2], 1, kind="stable")).all()  # same order
    assert (q[2] == 0).all() and (q <= 1).all()  # nothing at all: no division by zero


def test_the_calibration_given_at_least_one_topic_fits_texts_that_always_have_one():
    """Labels drawn independently from sigmoid(z) and kept only when a text has at least one (as every news
    text does): the fit given at least one finds the truth (T 1, b 0), and its scores beat the plain fit's on
    fresh texts of the same kind, by NLL and by the first label's calibration."""
    rng = np.random.default_rng(5)

    def draw(n):
        z = rng.normal(-2.0, 1.5, size=(4 * n, 4))
        y = (rng.random(z.shape) < 1 / (1 + np.exp(-z))).astype(float)
        keep = np.flatnonzero(y.sum(1) > 0)[:n]
        return z[keep], y[keep]

    z, y = draw(8000)
    m = np.ones_like(y)
    temps, biases = fit_label_calibration(z, y, m, given_a_topic=True)
    assert temps == pytest.approx(1.0, rel=0.1) and biases[0] == pytest.approx(0.0, abs=0.1)
    plain_t, plain_b = fit_label_calibration(z, y, m)
    fresh_z, fresh_y = draw(8000)
    given = at_least_one(1 / (1 + np.exp(-(fresh_z / temps + biases))))
    plain = 1 / (1 + np.exp(-(fresh_z / plain_t + plain_b)))

    def nll(p):
        p = np.clip(p, 1e-9, 1 - 1e-9)
        return -np.mean(fresh_y * np.log(p) + (1 - fresh_y) * np.log(1 - p))

    def first_label_ece(p):
        rows = np.arange(len(p))
        return binary_ece(p[rows, p.argmax(1)], fresh_y[rows, p.argmax(1)])

    assert nll(given) < nll(plain) and first_label_ece(given) < first_label_ece(plain)


def test_a_recipe_calibrated_given_at_least_one_topic_writes_a_folder_that_answers_so(tmp_path_factory):
    from zhnews.models.model import ZhnewsModel

    folder = train_multi_model(tmp_path_factory, calibration_at_least_one=True)
    model = ZhnewsModel.from_pretrained(folder)
    assert model.config["calibration_at_least_one"] is True and model.calibrates_at_least_one
    assert "given at least one topic" in json.loads((folder / "metrics.json").read_text())["calibration"]["method"]
    texts = ["世界杯比赛引发外交争议。", "央行下调准备金率。"]
    plain = 1 / (1 + np.exp(-(model.topic_logits(texts) / model.temperatures + model.calibration_bias)))
    assert np.allclose(model.topic_probabilities(texts), at_least_one(plain))


def test_binary_ece_by_hand():
    # bins of width 1/15: 0.1 -> bin 1, 0.9 -> bin 13; |0.1 - 0.5| * 2 + |0.9 - 1| * 2 over 4 rows
    assert binary_ece(np.array([0.1, 0.1, 0.9, 0.9]), np.array([0, 1, 1, 1])) == pytest.approx((0.8 + 0.2) / 4)


def test_a_labels_column_reads_as_several_labels(tmp_path):
    from zhnews.models.userdata import DataError, read_labelled_file

    path = tmp_path / "m.csv"
    path.write_text("text,labels\n甲,\"时政,科技\"\n乙,科技\n丙,时政\n丁,科技,\n", encoding="utf-8")
    # the pair 时政+科技 occurs once: fine, each label has 2 rows
    assert read_labelled_file(path) == [("甲", "时政,科技"), ("乙", "科技"), ("丙", "时政"), ("丁", "科技")]
    path.write_text("text,labels\n甲,\"时政,国际\"\n乙,时政\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 2: label '国际' has only one example"):
        read_labelled_file(path)


@pytest.fixture(scope="module")
def multi_model_dir(tmp_path_factory) -> Path:
    return train_multi_model(tmp_path_factory)


def train_multi_model(tmp_path_factory, **train) -> Path:
    """A tiny multi-label model on two user files with different label sets, one with 2-label rows (`train`: recipe
    options of its train section)."""
    from zhnews.models.config import parse_train_config
    from zhnews.train.loop import run_training

    torch.set_num_threads(1)
    data = tmp_path_factory.mktemp("multi-data")
    shutil.copy(REPO / "tests" / "data" / "custom_topics.jsonl", data / "a.jsonl")
    rows = [{"text": f"联合国{i}号决议讨论了多国的外交事务。", "labels": ["国际"]} for i in range(8)]
    rows += [{"text": f"世界杯第{i}场比赛在多国球迷中引起外交风波。", "labels": "国际,体育"} for i in range(8)]
    rows += [{"text": f"全运会第{i}天的田径比赛结束。", "labels": ["体育"]} for i in range(8)]
    (data / "b.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    raw = yaml.safe_load((REPO / "configs" / "tiny.yaml").read_text(encoding="utf-8"))
    raw["output_dir"] = str(tmp_path_factory.mktemp("multi-model"))
    raw["data"] = {"data_dir": str(data), "topic_mode": "multi", "labels": ["财经", "科技", "体育", "国际"],
                   "val_fraction": 0.25, "sources": [{"kind": "file", "path": "a.jsonl", "name": "a"},
                                                     {"kind": "file", "path": "b.jsonl", "name": "b"}]}
    raw.setdefault("train", {}).update(train)
    return run_training(parse_train_config(raw), log=lambda _m: None)


def test_multi_label_tiny_model_trains_saves_loads_and_answers_sigmoids(multi_model_dir):
    from zhnews.models import Analyzer
    from zhnews.models.model import ZhnewsModel

    config = json.loads((multi_model_dir / "config.json").read_text(encoding="utf-8"))
    assert config["topic_mode"] == "multi" and len(config["temperatures"]) == len(config["calibration_bias"]) == 4
    metrics = json.loads((multi_model_dir / "metrics.json").read_text(encoding="utf-8"))
    assert set(metrics["sources"]) == {"a", "b"}
    assert set(metrics["sources"]["b"]["ece_per_label"]) == {"体育", "国际"}  # b cannot tell 财经 / 科技
    assert set(metrics["calibration"]["ece_per_label"]) <= {"财经", "科技", "体育", "国际"}
    model = ZhnewsModel.from_pretrained(multi_model_dir)
    texts = ["世界杯比赛引发外交争议。", "央行下调准备金率。"]
    logits = model.topic_logits(texts)
    probs = model.topic_probabilities(texts)
    expected = 1 / (1 + np.exp(-(logits / np.array(config["temperatures"]) + np.array(config["calibration_bias"]))))
    assert np.allclose(probs, expected) and not np.allclose(probs.sum(1), 1.0)
    given = dict(config, calibration_at_least_one=True)  # a folder calibrated given at least one topic
    assert np.allclose(ZhnewsModel(model.net, model.tokenizer, given, ngram=model.ngram).topic_probabilities(texts), at_least_one(expected))
    # no texts (a source with no held-out rows): an empty answer with the label columns, not a tokenizer error
    assert model.topic_logits([]).shape == (0, 4) and model.topic_probabilities([]).shape == (0, 4)
    analyzer = Analyzer.from_pretrained(multi_model_dir, threads=1)
    text = "世界杯比赛引发外交争议。张伟说：“这很遗憾。”"
    result = analyzer.analyze(text).to_dict()
    check_contract(result, text, labels=model.labels, multi=True)
    with pytest.raises(AssertionError):  # the single-label contract still asks scores to sum to 1
        check_contract(result, text, labels=model.labels)
    from zhnews.serve.demo import analyze_for_demo  # the demo's bars (gr.Label) take independent scores

    bars = analyze_for_demo(analyzer, text).topics
    assert bars == {t["label"]: t["score"] for t in result["topics"]} and len(bars) == 4


def test_single_label_folders_keep_softmax(tiny_model_dir):
    from zhnews.models.model import ZhnewsModel, softmax

    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    assert model.topic_mode == "single" and "topic_mode" not in model.config
    texts = ["央行下调准备金率。"]
    assert np.allclose(model.topic_probabilities(texts), softmax(model.topic_logits(texts) / model.temperature))


def test_held_out_copies_of_training_texts_are_neither_scored_nor_calibrated_on(multi_model_dir, tmp_path):
    """A corpus that prints a headline twice can put one copy on each side of the split (Toutiao: 147 of
    the shipped recipes' 1,608 held-out headlines): such rows are left out of the figures and the fit."""
    from zhnews.models.evaluation.splits import recorded_splits, unseen_topic_rows
    from zhnews.models.model import ZhnewsModel
    from zhnews.train.evaluate import evaluate_multilabel

    quiet = lambda _m: None  # noqa: E731
    splits = recorded_splits(json.loads((multi_model_dir / "config.json").read_text(encoding="utf-8")))
    clean = evaluate_multilabel(ZhnewsModel.from_pretrained(multi_model_dir), splits, quiet)
    assert "topic_copies" not in clean
    seen = next((t, l) for (t, l, _), s in zip(splits.topic_train, splits.topic_source) if s == "b")
    splits.topic_val["b"] = splits.topic_val["b"] + [seen] * 3
    copied = evaluate_multilabel(ZhnewsModel.from_pretrained(multi_model_dir), splits, quiet)
    assert copied["topic_copies"] == {"b": 3}
    assert copied["sources"] == clean["sources"] and copied["calibration"] == clean["calibration"]
    assert unseen_topic_rows(splits, {"only copies": [seen], "none": []}) == ({}, {"only copies": 1})


def test_topic_figures_are_written_again_and_the_rest_kept(multi_model_dir, tmp_path):
    """`python -m zhnews.train.topic_figures`: new temperatures into config.json, the topic keys of
    metrics.json replaced, the others (names, speakers, speed) kept, the card rendered under its own title."""
    from zhnews.train.topic_figures import topic_figures, write_topic_figures

    folder = tmp_path / "folder"
    shutil.copytree(multi_model_dir, folder)
    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    stale = {**metrics, "steps": 12345, "topic_copies": {"b": 9}}
    (folder / "metrics.json").write_text(json.dumps(stale), encoding="utf-8")
    card = (folder / "README.md").read_text(encoding="utf-8")
    (folder / "README.md").write_text(card.replace("# zhnews model", "# zhnews renamed model", 1), encoding="utf-8")
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    (folder / "config.json").write_text(json.dumps({**config, "temperatures": [9.0] * 4}), encoding="utf-8")
    figures, calibration = topic_figures(folder, log=lambda _m: None)
    write_topic_figures(folder, str(REPO / "configs" / "tiny.yaml"), figures, calibration)
    written_config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    for key in calibration:  # as training fitted them (to the noise of weights saved in half precision)
        assert written_config[key] == pytest.approx(config[key], rel=1e-3, abs=1e-3)
    written = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    assert written["steps"] == 12345 and "topic_copies" not in written
    for name, before in metrics["sources"].items():  # as training measured them (to float noise)
        assert written["sources"][name]["n"] == before["n"]
        assert written["sources"][name]["accuracy"] == pytest.approx(before["accuracy"])
        assert written["sources"][name]["ece"] == pytest.approx(before["ece"], abs=1e-3)  # weights saved in half precision
    assert "\n# zhnews renamed model\n" in (folder / "README.md").read_text(encoding="utf-8")


def test_held_out_topics_are_read_as_the_front_ends_read_them(multi_model_dir):
    """The figures and the temperatures come from the logits every front end computes by default (one
    window of title + lead; in fp32 so no figure depends on the CPU's bf16), and a split with texts past
    that window also gets its accuracy over every window, as `fast=False` reads it."""
    from zhnews.models.evaluation.splits import recorded_splits, unseen_topic_rows
    from zhnews.models.evaluation.topics import multilabel_eval
    from zhnews.models.model import ZhnewsModel
    from zhnews.models.pipeline import Analyzer
    from zhnews.train.evaluate import evaluate_multilabel

    splits = recorded_splits(json.loads((multi_model_dir / "config.json").read_text(encoding="utf-8")))
    long_row = ("世界杯比赛在多国球迷中引起外交风波。" + "联合国讨论了多国的外交事务。" * 30, "国际")  # ~440 characters
    splits.topic_val["b"] = splits.topic_val["b"] + [long_row]
    model = ZhnewsModel.from_pretrained(multi_model_dir)
    report = evaluate_multilabel(model, splits, lambda _m: None)
    front = Analyzer.from_pretrained(multi_model_dir, threads=1).settings
    path = report["topic_path"]
    assert (path["window_tokens"], path["windows"], path["precision"]) == (front.chunk_tokens, 1, "fp32")
    assert set(path["every_window_accuracy"]) == {"b"}  # a's rows all fit the one window
    rows = unseen_topic_rows(splits, splits.topic_val)[0]["b"]
    one = multilabel_eval(model, rows, splits.labels, splits.source_labels["b"], settings=front.replace(precision="fp32"))
    assert report["sources"]["b"]["accuracy"] == one["report"]["accuracy"]
    every = model.topic_logits([long_row[0]], model.default_settings(fast=False))
    assert not np.allclose(every, model.topic_logits([long_row[0]], front.replace(precision="fp32")))


def test_topic_accuracy_of_a_multilabel_model_takes_the_top_among_the_rows_labels():
    """The bench's topic accuracy: a multi-label model's 国际 above 时政 on a THUCNews 时政 article is no error (the
    source cannot tell them apart); a single-label model's argmax is over every label."""
    import types

    from zhnews.models.evaluation.topics import topic_accuracy

    logits = np.array([[0.1, 2.0, 1.0], [3.0, 0.0, 0.5]])
    model = types.SimpleNamespace(labels=["体育", "国际", "时政"], topic_mode="multi",
                                  topic_logits=lambda texts, settings=None: logits[:len(texts)])
    rows = [("甲", "时政"), ("乙", "体育")]
    assert topic_accuracy(model, rows) == 1.0
    model.topic_mode = "single"
    assert topic_accuracy(model, rows) == 0.5
