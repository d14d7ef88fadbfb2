"""Hand-computed checks of zhnews.models.evaluation.metrics."""
from __future__ import annotations

import unicodedata

import numpy as np
import pytest

from zhnews.models.evaluation.metrics import (
    aggregate_speaker_scores,
    classification_report,
    confusion_matrix,
    expected_calibration_error,
    first_statement_summary,
    format_report,
    locate_statements,
    rouge_chars,
    speaker_scores,
)

LABELS = ["体育", "财经", "娱乐"]
GOLD = ["体育", "体育", "体育", "财经", "财经", "娱乐"]
PRED = ["体育", "体育", "财经", "财经", "娱乐", "娱乐"]


# ------------------------------------------------------------------ classification


def test_confusion_matrix_by_hand():
    # gold 体育 x3 -> predicted 体育, 体育, 财经   => row [2, 1, 0]
    # gold 财经 x2 -> predicted 财经, 娱乐         => row [0, 1, 1]
    # gold 娱乐 x1 -> predicted 娱乐               => row [0, 0, 1]
    assert confusion_matrix(GOLD, PRED, LABELS) == [[2, 1, 0], [0, 1, 1], [0, 0, 1]]


def test_classification_report_by_hand():
    rep = classification_report(GOLD, PRED, LABELS)
    # accuracy: 4 of 6 pairs agree
    assert rep["accuracy"] == pytest.approx(4 / 6)
    pc = rep["per_class"]
    # 体育: tp 2, predicted 2, gold 3 -> P 1, R 2/3, F1 2*1*(2/3)/(5/3) = 0.8
    assert (pc["体育"]["precision"], pc["体育"]["recall"], pc["体育"]["f1"]) == pytest.approx((1.0, 2 / 3, 0.8))
    # 财经: tp 1, predicted 2, gold 2 -> P 0.5, R 0.5, F1 0.5
    assert (pc["财经"]["precision"], pc["财经"]["recall"], pc["财经"]["f1"]) == pytest.approx((0.5, 0.5, 0.5))
    # 娱乐: tp 1, predicted 2, gold 1 -> P 0.5, R 1, F1 2*0.5*1/1.5 = 2/3
    assert (pc["娱乐"]["precision"], pc["娱乐"]["recall"], pc["娱乐"]["f1"]) == pytest.approx((0.5, 1.0, 2 / 3))
    assert [pc[l]["support"] for l in LABELS] == [3, 2, 1]
    # macro P = (1 + .5 + .5) / 3 = 2/3; macro R = (2/3 + .5 + 1) / 3 = 13/18
    # macro F1 = mean of per-class F1 = (.8 + .5 + 2/3) / 3 = 59/90
    assert rep["macro_precision"] == pytest.approx(2 / 3)
    assert rep["macro_recall"] == pytest.approx(13 / 18)
    assert rep["macro_f1"] == pytest.approx(59 / 90)


def test_macro_only_over_labels_present_in_gold():
    rep = classification_report(GOLD, PRED, LABELS + ["时政"])  # 时政 never in gold nor pred
    assert rep["macro_labels"] == LABELS
    assert rep["macro_f1"] == pytest.approx(59 / 90)
    assert rep["per_class"]["时政"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    assert rep["confusion_matrix"][3] == [0, 0, 0, 0]


def test_classification_report_matches_sklearn():
    from sklearn.metrics import precision_recall_fscore_support

    rng = np.random.default_rng(0)
    gold = list(rng.choice(LABELS, 40))
    pred = list(rng.choice(LABELS + ["时政"], 40))
    rep = classification_report(gold, pred, LABELS + ["时政"])
    present = [l for l in LABELS + ["时政"] if l in gold]
    p, r, f, _ = precision_recall_fscore_support(gold, pred, labels=present, average="macro", zero_division=0)
    assert (rep["macro_precision"], rep["macro_recall"], rep["macro_f1"]) == pytest.approx((p, r, f))


def test_length_mismatch_raises():
    with pytest.raises(ValueError):
        confusion_matrix(["体育"], [], LABELS)


def _display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)


def test_format_report_aligns_chinese_labels():
    text = format_report(classification_report(GOLD, PRED, LABELS), LABELS)
    lines = text.splitlines()
    assert "体育" in text and "confusion matrix" in text
    table = [l for l in lines[:6] if l and not l.startswith("-")]  # header + 3 classes + macro
    assert len({_display_width(l) for l in table}) == 1
    cm_rows = [l for l in lines if l.startswith(tuple(LABELS))][-3:]
    assert cm_rows[0].split() == ["体育", "2", "1", "0"]
    assert len({_display_width(l) for l in cm_rows}) == 1


# ------------------------------------------------------------------ calibration


def test_ece_by_hand():
    probs = np.array([[0.9, 0.1], [0.8, 0.2], [0.6, 0.4], [0.3, 0.7]])
    gold = np.array([0, 1, 0, 1])
    # confidences .9 (right), .8 (wrong), .6 (right), .7 (right); 5 bins of width .2, right-closed:
    # (.4,.6]: {.6}      acc 1,  conf .6   -> 1/4 * .4  = .100
    # (.6,.8]: {.8, .7}  acc .5, conf .75  -> 2/4 * .25 = .125
    # (.8, 1]: {.9}      acc 1,  conf .9   -> 1/4 * .1  = .025     => ECE .25
    assert expected_calibration_error(probs, gold, n_bins=5) == pytest.approx(0.25)
    # one bin: |accuracy 3/4 - mean confidence (.9+.8+.6+.7)/4 = .75| = 0
    assert expected_calibration_error(probs, gold, n_bins=1) == pytest.approx(0.0)


def test_ece_edge_cases():
    assert expected_calibration_error(np.zeros((0, 3)), np.zeros(0, dtype=int)) == 0.0
    # always confident and always right -> 0; always confident and always wrong -> 1
    probs = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert expected_calibration_error(probs, np.array([0, 1])) == pytest.approx(0.0)
    assert expected_calibration_error(probs, np.array([1, 0])) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        expected_calibration_error(np.ones(3), np.zeros(3))


# ------------------------------------------------------------------ ROUGE


def test_rouge_identical_and_disjoint():
    same = rouge_chars("要加强关键核心技术攻关。", "要加强关键核心技术攻关。")
    assert all(same[k]["f"] == pytest.approx(1.0) for k in ("rouge-1", "rouge-2", "rouge-l"))
    none = rouge_chars("甲乙丙", "丁戊己")
    assert all(none[k]["f"] == 0.0 for k in ("rouge-1", "rouge-2", "rouge-l"))
    empty = rouge_chars("", "今天很好")
    assert all(empty[k]["f"] == 0.0 for k in ("rouge-1", "rouge-2", "rouge-l"))


def test_rouge_by_hand():
    s = rouge_chars("今天很好", "今天不好")
    # unigrams {今,天,很,好} vs {今,天,不,好}: 3 shared -> P = R = F = 3/4
    assert s["rouge-1"]["f"] == pytest.approx(0.75)
    # bigrams {今天,天很,很好} vs {今天,天不,不好}: 1 shared -> 1/3
    assert s["rouge-2"]["f"] == pytest.approx(1 / 3)
    # LCS 今天好 = 3 of 4 on both sides
    assert s["rouge-l"]["f"] == pytest.approx(0.75)


@pytest.mark.parametrize("exclusive", [True, False])
def test_rouge_matches_rouge_chinese(exclusive):
    from rouge_chinese import Rouge

    pairs = [
        ("今天天气很好，我们去公园。", "今天天气不错，我们去公园玩吧。"),
        ("甲乙甲乙甲乙", "甲乙丙甲乙"),
        ("科技部将以更大力度支持北京国际科创中心建设。要强化部市协同。", "要强化部市协同联动，支持北京国际科创中心建设。"),
    ]
    for hyp, ref in pairs:
        ref_scores = Rouge(exclusive=exclusive).get_scores(" ".join(hyp), " ".join(ref))[0]
        mine = rouge_chars(hyp, ref, exclusive=exclusive)
        for k in ("rouge-1", "rouge-2", "rouge-l"):
            assert mine[k]["f"] == pytest.approx(ref_scores[k]["f"], abs=1e-6)
            assert mine[k]["p"] == pytest.approx(ref_scores[k]["p"], abs=1e-9)
            assert mine[k]["r"] == pytest.approx(ref_scores[k]["r"], abs=1e-9)


# ------------------------------------------------------------------ speakers

TEXT = "张三说，今天天气很好。我们要出去玩。李四表示，明天会下雨。王五认为，后天放晴。"


def span(piece: str) -> dict:
    start = TEXT.index(piece)
    return {"text": piece, "start": start, "end": start + len(piece)}


GOLD_SPEAKERS = [
    {"name": "张三", "role": None, "statements": ["今天天气很好。", "我们要出去玩。"], "summary": "今天天气好，要出去玩。"},
    {"name": "李四", "role": None, "statements": ["明天会下雨。"], "summary": "明天会下雨。"},
]


def test_speaker_scores_hand_case():
    pred = [
        # 天气很好。 lies inside gold 今天天气很好。 -> overlap 5 >= 5/2: correct
        # 张三说，今 overlaps 今天天气很好。 by 1 char (今) < 5/2: wrong; 我们要出去玩。 is missed
        {"name": "张三", "statements": [span("天气很好。"), span("张三说，今")], "summary": "今天天气好，要出去玩。"},
        # a speaker who is not in gold: speaker and statement are false positives
        {"name": "王五", "statements": [span("后天放晴。")], "summary": "后天放晴。"},
        # 李四 is not predicted at all: speaker and statement missed
    ]
    res = speaker_scores(GOLD_SPEAKERS, pred, TEXT)
    sp = res["speakers"]
    # speakers: predicted {张三, 王五}, gold {张三, 李四} -> tp 1: P 1/2, R 1/2, F1 1/2
    assert (sp["tp_pred"], sp["n_pred"], sp["tp_gold"], sp["n_gold"]) == (1, 2, 1, 2)
    assert (sp["precision"], sp["recall"], sp["f1"]) == pytest.approx((0.5, 0.5, 0.5))
    assert sp["matched"] == [("张三", "张三")] and sp["missed"] == ["李四"] and sp["spurious"] == ["王五"]
    st = res["statements"]
    # statements: 3 predicted, 1 correct -> P 1/3; 3 gold, 1 found -> R 1/3; F1 1/3
    assert (st["tp_pred"], st["n_pred"], st["tp_gold"], st["n_gold"]) == (1, 3, 1, 3)
    assert (st["precision"], st["recall"], st["f1"]) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    # ROUGE only for the matched speaker; identical summary -> 1
    assert set(res["rouge"]) == {"张三"}
    assert res["rouge"]["张三"]["rouge-l"] == pytest.approx(1.0)


def test_half_overlap_boundary():
    text = "0123456789abcdefghij"
    gold = [{"name": "甲", "statements": [{"start": 0, "end": 10}], "summary": ""}]
    # (5, 15) overlaps 5 chars of the shorter (10): exactly half -> correct
    hit = speaker_scores(gold, [{"name": "甲", "statements": [{"start": 5, "end": 15}]}], text)
    assert hit["statements"]["tp_pred"] == 1 and hit["statements"]["tp_gold"] == 1
    # (6, 16) overlaps 4 < 5 -> wrong
    miss = speaker_scores(gold, [{"name": "甲", "statements": [{"start": 6, "end": 16}]}], text)
    assert miss["statements"]["tp_pred"] == 0 and miss["statements"]["tp_gold"] == 0
    # a short prediction inside a long gold statement: shorter is the prediction -> correct
    short = speaker_scores(gold, [{"name": "甲", "statements": [{"start": 3, "end": 5}]}], text)
    assert short["statements"]["tp_pred"] == 1


def test_duplicates_counted_once():
    both = span("今天天气很好。我们要出去玩。")
    pred = [
        # one prediction covering both gold statements, listed twice: counted once for precision,
        # each gold statement found once
        {"name": "张三", "statements": [both, dict(both)]},
        {"name": "李四", "statements": [span("明天会下雨。")]},
    ]
    st = speaker_scores(GOLD_SPEAKERS, pred, TEXT)["statements"]
    assert (st["tp_pred"], st["n_pred"], st["tp_gold"], st["n_gold"]) == (2, 2, 3, 3)
    assert st["f1"] == pytest.approx(1.0)


def test_gold_strings_repeated_in_text():
    text = "好。好。"
    # listed twice and present twice: two places; listed twice, present once elsewhere: deduped
    assert locate_statements(text, ["好。", "好。"]) == [(0, 2), (2, 4)]
    gold = [{"name": "甲", "statements": ["好。", "好。"], "summary": ""}]
    res = speaker_scores(gold, [{"name": "甲", "statements": [{"start": 0, "end": 2}]}], text)
    assert (res["statements"]["tp_gold"], res["statements"]["n_gold"]) == (1, 2)
    with pytest.raises(ValueError):
        locate_statements(text, ["坏。"])
    with pytest.raises(ValueError):  # strings without the text to find them in
        speaker_scores(gold, [])


def test_alias_and_one_to_one_matching():
    text = "费舍尔说，他很重要。德里克-费舍尔补充说，没有他不行。"
    gold = [{"name": "德里克-费舍尔", "aliases": ["费舍尔"], "statements": ["他很重要。", "没有他不行。"],
             "summary": "他很重要。"}]
    pred = [
        {"name": "费舍尔", "statements": [{"start": 5, "end": 10}], "summary": "他很重要。"},
        {"name": "德里克-费舍尔", "statements": [{"start": 21, "end": 27}]},
    ]
    assert text[5:10] == "他很重要。" and text[21:27] == "没有他不行。"
    res = speaker_scores(gold, pred, text)
    # the alias matches first; the full name of the same person is then a speaker false positive
    assert res["speakers"]["matched"] == [("德里克-费舍尔", "费舍尔")]
    assert res["speakers"]["spurious"] == ["德里克-费舍尔"]
    assert (res["speakers"]["precision"], res["speakers"]["recall"]) == (0.5, 1.0)
    # ... but both predicted statements belong to the right person: 2/2 correct, 2/2 found
    st = res["statements"]
    assert (st["tp_pred"], st["n_pred"], st["tp_gold"], st["n_gold"]) == (2, 2, 2, 2)
    assert res["rouge"]["德里克-费舍尔"]["rouge-1"] == pytest.approx(1.0)


def test_aggregate_micro_and_mean_rouge():
    pred_a = [
        {"name": "张三", "statements": [span("天气很好。"), span("张三说，今")], "summary": ""},
        {"name": "王五", "statements": [span("后天放晴。")]},
    ]
    a = speaker_scores(GOLD_SPEAKERS, pred_a, TEXT)  # speakers 1/2, 1/2; statements 1/3, 1/3; 张三 ROUGE 0
    gold_b = [{"name": "李四", "statements": ["明天会下雨。"], "summary": "明天会下雨。"}]
    b = speaker_scores(gold_b, [{"name": "李四", "statements": [span("明天会下雨。")], "summary": "明天会下雨。"}], TEXT)
    agg = aggregate_speaker_scores([a, b])
    # speakers: tp 1+1 of predicted 2+1 and gold 2+1 -> P = R = 2/3
    assert (agg["speakers"]["precision"], agg["speakers"]["recall"]) == pytest.approx((2 / 3, 2 / 3))
    # statements: correct predictions 1+1 of 3+1, found gold 1+1 of 3+1 -> P = R = F1 = 1/2
    assert (agg["statements"]["precision"], agg["statements"]["recall"], agg["statements"]["f1"]) == pytest.approx((0.5, 0.5, 0.5))
    # ROUGE: mean over the 2 matched speakers (0 for empty summary, 1 for identical)
    assert agg["n_matched"] == 2
    assert agg["rouge"]["rouge-1"] == pytest.approx(0.5)
    assert aggregate_speaker_scores([])["speakers"]["f1"] == 1.0  # nothing to find, nothing found


def test_first_statement_summary():
    speaker = {"name": "张三", "statements": [span("我们要出去玩。"), span("今天天气很好。")]}
    assert first_statement_summary(speaker) == "今天天气很好。"  # by position, not list order
    assert first_statement_summary({"statements": ["乙。", "甲。"]}) == "乙。"  # strings: list order
    assert first_statement_summary(speaker, max_chars=4) == "今天天气"
    assert first_statement_summary({"name": "无"}) == ""


def test_roles_are_scored_exactly_on_matched_speakers_whose_gold_has_one():
    gold = [{"name": "张三", "role": "科技部部长", "statements": ["今天天气很好。"]},
            {"name": "李四", "role": None, "statements": ["明天会下雨。"]},
            {"name": "王五", "statements": ["后天放晴。"]}]  # no role key: not scored
    pred = [{"name": "张三", "role": "部长", "statements": [span("今天天气很好。")]},  # cut: wrong
            {"name": "李四", "role": "", "statements": [span("明天会下雨。")]},  # none for none: right
            {"name": "王五", "role": "市民", "statements": [span("后天放晴。")]},
            {"name": "赵六", "role": "科技部部长", "statements": []}]  # not matched: not scored
    res = speaker_scores(gold, pred, TEXT)
    assert res["roles"] == {"n": 2, "exact": 1, "accuracy": 0.5}
    again = speaker_scores(gold[:1], [{**pred[0], "role": " 科技部部长"}], TEXT)
    assert again["roles"]["exact"] == 1
    assert aggregate_speaker_scores([res, again])["roles"] == {"n": 3, "exact": 2, "accuracy": 2 / 3}
    assert aggregate_speaker_scores([])["roles"]["n"] == 0
