"""Speech attribution, session 56: shapes that invented probes of every kind of news showed missed — a compound surname
a name finder leaves to the title before it (行长司|马俊峰), a Japanese given name ending in 也 (宫本和也), occupations
before a name (外卖骑手, 消防指挥员, 证人), 自曝 / 陈述 as reporting verbs, and a quote before an occasion or a topic
clause whose speaker's verb ends the sentence (“…。”在年会上，…创始人麦家豪感慨道。). Every article here is invented;
`tagging(...)` finds exactly the names given, cut ones included."""
from __future__ import annotations

import pytest

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


@pytest.mark.parametrize("text, cut, whole", [
    ("中泰银行行长司马俊峰表示，零售业务转型是未来三年最重要的任务。\n", "马俊峰", "司马俊峰"),
    ("嘉和置业大股东诸葛宏亮直言，目前没有任何减持计划。\n", "葛宏亮", "诸葛宏亮")])
def test_a_compound_surname_cut_by_the_finder_is_made_whole(text, cut, whole):
    by_name, _ = run(text, tagging(cut))
    assert list(by_name) == [whole]


def test_a_word_ending_in_the_surnames_first_character_keeps_it():
    by_name, _ = run("该公司马俊峰表示，零售业务转型是最重要的任务。\n", tagging("马俊峰"))
    assert list(by_name) == ["马俊峰"]


@pytest.mark.parametrize("text", ["日本导演宫本和也在首映式上说，他希望中国观众能感受到家庭情感。\n",
                                  "日本导演宫本和也说，他希望中国观众能感受到家庭情感。\n"])
def test_a_japanese_given_name_ending_in_ya_keeps_it(text):
    by_name, _ = run(text, tagging("宫本和"))
    assert list(by_name) == ["宫本和也"]


def test_an_adverb_after_a_longer_japanese_name_is_still_no_part_of_it():
    by_name, _ = run("日本首相安倍晋三也表示，双方应加强合作。\n", tagging("安倍晋三也"))
    assert list(by_name) == ["安倍晋三"]


@pytest.mark.parametrize("text, name", [
    ("外卖骑手马小军在接受采访时说，他每天跑单不会超过十个小时。\n", "马小军"),
    ("据负责搜救的消防指挥员蓝海峰透露，被困的七名游客均已安全转移。\n", "蓝海峰")])
def test_an_occupation_before_a_name_the_finder_misses(text, name):
    by_name, _ = run(text, tagging())
    assert list(by_name) == [name]


@pytest.mark.parametrize("text, name, said", [
    ("橙子手机产品经理温嘉乐自曝，自己用的测试机也出现过类似情况。\n", "温嘉乐", "自己用的测试机也出现过类似情况。"),
    ("出庭作证的证人霍思琪当庭陈述，事发当晚她亲眼看到被告人驾车驶离现场。\n", "霍思琪", "事发当晚她亲眼看到被告人驾车驶离现场。")])
def test_more_reporting_verbs(text, name, said):
    by_name, _ = run(text, tagging(name))
    assert texts(by_name[name]) == [said]


@pytest.mark.parametrize("between", ["在年会上", "回忆起第一部戏的拍摄"])
def test_a_quote_before_an_occasion_or_a_topic_is_the_speakers_whose_verb_ends_the_sentence(between):
    text = f"“今年是公司成立以来最艰难的一年。”{between}，国泰家居创始人麦家豪感慨道。\n"
    by_name, _ = run(text, tagging("麦家豪"))
    assert texts(by_name["麦家豪"]) == ["今年是公司成立以来最艰难的一年。"]


def test_a_clause_naming_someone_else_between_keeps_the_quote_apart():
    text = "“今年是公司成立以来最艰难的一年。”王小军说完后，国泰家居创始人麦家豪感慨道。\n"
    by_name, _ = run(text, tagging("王小军", "麦家豪"))
    got = texts(by_name["麦家豪"]) if "麦家豪" in by_name else []
    assert not any("最艰难" in t for t in got)


def test_a_time_word_after_a_name_the_finder_cut():
    by_name, _ = run("日本队主教练田中健一赛后表示，年轻球员在关键分上表现得非常沉稳。\n", tagging("田中健"))
    assert list(by_name) == ["田中健一"]


def test_a_japanese_name_opening_a_sentence_before_a_time_and_a_verb():
    text = "日本选手山本由纪以6比4险胜王欣怡。山本由纪赛后坦言，决胜盘能够翻盘多少有些运气成分。\n"
    by_name, _ = run(text, tagging("王欣怡"))
    assert texts(by_name["山本由纪"]) == ["决胜盘能够翻盘多少有些运气成分。"]


def test_an_audience_member_the_finder_misses_is_no_continuation_of_the_last_speaker():
    text = ("南京博物院副院长宫卫东介绍，这是古蜀文明文物首次在长江下游地区集中展出。"
            "带着孩子从上海赶来的观众方可欣说：“孩子盯着青铜面具看了足足十分钟。”\n")
    by_name, _ = run(text, tagging("宫卫东"))
    assert texts(by_name["宫卫东"]) == ["这是古蜀文明文物首次在长江下游地区集中展出。"]
