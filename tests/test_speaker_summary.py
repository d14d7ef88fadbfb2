"""The learned per-speaker summary (models/speaker_summary.py, issue 15 item 3): clauses in reported
speech, the LCS labels, the selection, fitting, the folder round trip and the pipeline's use of it."""
from __future__ import annotations

import json

import numpy as np
import pytest

from zhnews.models.folder import ModelFolderError
from zhnews.models.speaker_summary import (N_FEATURES, WEIGHTS_FILE, SpeakerSummaryHead, clauses, kept_labels,
                                           reported, select)

QUOTED = "“我们会继续努力，我相信明年会更好。”"


def test_clauses_are_reported_speech_cut_after_commas():
    assert reported(QUOTED) == "我们会继续努力，自己相信明年会更好"  # quotes and stop dropped, 我 -> 自己
    units = clauses([QUOTED, "他表示，销量增长了20%。"])
    assert [u for u, _ in units] == ["我们会继续努力，", "自己相信明年会更好", "销量增长了20%"]
    first, _, third = (f for _, f in units)
    assert "first=True" in first and "si=1" in third and "digit=True" in third


def test_labels_keep_the_clauses_on_the_gold_summarys_alignment():
    units = ["我们会继续努力，", "自己相信明年会更好", "销量增长了20%"]
    assert kept_labels(units, "表示销量增长了20%。") == [0, 0, 1]
    assert kept_labels(units, "") == [0, 0, 0]


def test_select_keeps_the_best_clauses_in_text_order_behind_the_verb():
    units = ["甲乙丙，", "丁戊己，", "庚辛壬"]
    assert select(units, np.array([0.1, 0.9, 0.5]), "认为", 6) == "认为丁戊己，庚辛壬。"
    assert select(units, np.array([0.1, 0.9, 0.5]), "认为", 1) == "认为丁戊己。"
    assert select([], np.zeros(0), "认为", 10) == ""


def test_two_statements_kept_are_not_run_together():
    # a statement's last clause has lost its stop: the next one kept follows after a comma, not glued on
    units = [u for u, _ in clauses(["今年是开局之年。", "要充分发挥优势，加强攻关。"])]
    assert units == ["今年是开局之年", "要充分发挥优势，", "加强攻关"]
    assert select(units, np.array([0.9, 0.8, 0.7]), "指出", 100) == "指出今年是开局之年，要充分发挥优势，加强攻关。"
    assert select(units, np.array([0.9, 0.1, 0.7]), "指出", 10) == "指出今年是开局之年，加强攻关。"


def test_a_statement_said_twice_is_summarised_once_with_one_stop():
    # a page that repeats its article repeats each statement: the summary says it once
    units = [u for u, _ in clauses(["都是公司安排的，其实我也不清楚。", "都是公司安排的，其实我也不清楚。"])]
    assert select(units, np.array([0.9, 0.8, 0.7, 0.6]), "表示", 100) == "表示都是公司安排的，其实自己也不清楚。"
    # a cut after a clause that ends a sentence inside a statement: one stop, not 。。
    assert select(["要大大提高。", "但是"], np.array([0.9, 0.1]), "表示", 3) == "表示要大大提高。"
    # a statement whose stop stood before its closing quote keeps the stop: no comma after it (…市场中。，比如…)
    units = [u for u, _ in clauses(["我们要稳字当头，尤其是在市场中。”", "比如经济周期来临。"])]
    assert units == ["我们要稳字当头，", "尤其是在市场中。", "比如经济周期来临"]
    assert select(units, np.array([0.9, 0.8, 0.7]), "强调", 100) == "强调我们要稳字当头，尤其是在市场中。比如经济周期来临。"


def test_a_short_lead_in_clause_without_its_clause_is_left_out():
    # 过去几个月， leads into a clause the selection did not keep: the summary does not end on it
    units = ["为乐园提供服务，", "过去几个月，", "双方进行了多轮谈判"]
    assert select(units, np.array([0.9, 0.8, 0.1]), "表示", 12) == "表示为乐园提供服务。"
    assert select(units, np.array([0.9, 0.8, 0.7]), "表示", 100) == "表示为乐园提供服务，过去几个月，双方进行了多轮谈判。"
    long_clause = "过去几个月里双方多次接触，"  # longer than a lead-in: a clause of its own, kept
    assert select(["为乐园提供服务，", long_clause, "谈判"], np.array([0.9, 0.8, 0.1]), "表示", 12) == \
        "表示为乐园提供服务，过去几个月里双方多次接触。"


def test_thanks_greetings_and_a_bare_yes_are_no_part_of_a_summary():
    # 谢谢大家 closing a speech, 同学们好 opening one, 是的 answering: the summary keeps what was said
    units = [u for u, _ in clauses(["同学们好，我非常高兴来到湖南大学。", "是的，青年学生是富有理想的，谢谢大家。"])]
    assert units == ["同学们好，", "自己非常高兴来到湖南大学", "是的，", "青年学生是富有理想的，", "谢谢大家"]
    assert select(units, np.array([0.9, 0.8, 0.7, 0.6, 0.5]), "表示", 100) == \
        "表示自己非常高兴来到湖南大学，青年学生是富有理想的。"
    # nothing else there: the thanks are the summary
    assert select(["谢谢大家"], np.array([0.1]), "表示", 100) == "表示谢谢大家。"


def test_a_connective_stays_between_clauses_and_goes_when_it_would_dangle():
    units = ["尽管和平进程仍存在许多困难，", "但，", "目前的前景是最好的，", "同时"]
    assert select(units, np.array([0.9, 0.8, 0.7, 0.6]), "表示", 100) == "表示尽管和平进程仍存在许多困难，但，目前的前景是最好的。"
    assert select(units, np.array([0.9, 0.8, 0.1, 0.6]), "表示", 15) == "表示尽管和平进程仍存在许多困难。"  # (not …困难，但。)


def test_a_capped_length_bounds_the_whole_summary():
    units = ["销量增长了20%，", "今年公司在全国又开设了二十多家新的门店，", "明年会更好"]
    scores = np.array([0.9, 0.8, 0.7])
    # uncapped, the last clause kept runs past the length: 25 characters for a length of 12
    assert select(units, scores, "表示", 12) == "表示销量增长了20%，今年公司在全国又开设了二十多家新的门店。"
    # capped, the clause that would run past it is passed over for the shorter one that fits
    capped = select(units, scores, "表示", 18, cap=True)
    assert capped == "表示销量增长了20%，明年会更好。" and len(capped) <= 18
    # the best clause is kept even when it alone is longer than the cap
    assert select(units, np.array([0.1, 0.9, 0.2]), "表示", 10, cap=True) == "表示今年公司在全国又开设了二十多家新的门店。"


def test_reported_speech_says_ziji_once():
    assert reported("“我自己也没想到。”") == "自己也没想到" and reported("我们自己来") == "我们自己来"


def test_reported_speech_keeps_our_country_and_words_that_only_hold_wo():
    # 我国 / 我军 as news writes them (the summary read 为完成今年自己国经济…); 我校 / 我市 as 该校 / 该市
    assert reported("为完成今年我国经济、政治建设的各项任务服务。") == "为完成今年我国经济、政治建设的各项任务服务"
    assert reported("我军官兵和我校学生都来了，我市也派了人。") == "我军官兵和该校学生都来了，该市也派了人"
    # 我 inside a word or an idiom (自我批评 read 自自己批评); the first person next to them still turns
    assert reported("大家要开展自我批评和你追我赶的竞赛。") == "大家要开展自我批评和你追我赶的竞赛"
    assert reported("据我所知，我会继续努力。") == "据自己所知，自己会继续努力"


def test_a_fitted_head_learns_which_clause_editors_keep():
    from zhnews.train.speaker_summary import fit

    # the gold always keeps the second clause: the head must rank it first
    rows = [{"statements": [f"第{i}个开场白，核心观点{i}是增长，补充说明{i}。"], "summary": f"表示核心观点{i}是增长。",
             "verb": "表示"} for i in range(30)]
    head = fit(rows)
    units = clauses(["开场白而已，核心观点是投资，补充说明。"])
    assert int(np.argmax(head.scores([f for _, f in units]))) == 1
    assert head.length in (50, 60, 70, 80)


def test_model_folder_round_trip_and_the_pipeline_uses_the_head(tiny_model_dir, tmp_path):
    from zhnews.models.model import ZhnewsModel
    from zhnews.models.pipeline import Analyzer

    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    assert model.speaker_summary is None  # a folder without one: the rule
    weights = np.zeros(N_FEATURES)
    model.speaker_summary = SpeakerSummaryHead(weights, 0.0, 6)
    model.save_pretrained(tmp_path / "with-head")
    config = json.loads((tmp_path / "with-head" / "config.json").read_text(encoding="utf-8"))
    assert config["speaker_summary"] == {"length": 6, "features": N_FEATURES, "cap": False}
    loaded = ZhnewsModel.from_pretrained(tmp_path / "with-head")
    assert loaded.speaker_summary.length == 6 and np.array_equal(loaded.speaker_summary.weights, weights)
    assert not loaded.speaker_summary.cap
    # a folder written before the cap (no `cap` key) loads as it was written: uncapped
    del config["speaker_summary"]["cap"]
    (tmp_path / "with-head" / "config.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    assert not ZhnewsModel.from_pretrained(tmp_path / "with-head").speaker_summary.cap
    # equal scores: the first clauses up to 6 characters, in reported speech, behind the verb
    analyzer = Analyzer(loaded, loaded.default_settings(fast={"jieba_hmm": True}))
    text = "王建军表示：“我们会继续努力，我相信明年会更好，市场也会回暖。”"
    speakers = analyzer.analyze(text).speakers
    assert speakers and speakers[0].summary == "表示我们会继续努力。"
    rule = Analyzer(model.__class__.from_pretrained(tiny_model_dir), analyzer.settings).analyze(text).speakers
    assert rule[0].summary != speakers[0].summary  # without the head: the rule (verb + statements, cut at 70)
    # a folder saved without a head drops the section; a missing weights file is a clear error
    loaded.speaker_summary = None
    loaded.save_pretrained(tmp_path / "without")
    assert "speaker_summary" not in json.loads((tmp_path / "without" / "config.json").read_text(encoding="utf-8"))
    (tmp_path / "with-head" / WEIGHTS_FILE).unlink()
    with pytest.raises(ModelFolderError, match="speaker summary head"):
        ZhnewsModel.from_pretrained(tmp_path / "with-head")
