"""Speech attribution, session 62: a 他 / 她 right after the reporter reached someone unnamed (记者随后采访了一位村民，
他说…; 记者向一位好心的大姐打听。她证实说…) is that unnamed person, not the person who spoke before; and an abbreviation
named in the words (国家发展和改革委员会，简称发改委，…) is no surname 简 speaking (称), which had cut the words short.
Every `tagging(...)` finds exactly the names given."""
from __future__ import annotations

import pytest

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging

SAID_BEFORE = "张明表示，今年的收成还不错，价格也稳定。"


@pytest.mark.parametrize("reached", [
    "记者随后采访了一位村民，他说：“今年雨水太多了，玉米倒了一片。”",
    "记者随后采访了一位村民。他说：“今年雨水太多了，玉米倒了一片。”",
    "记者向一位好心的大姐打听。她证实说：“今年雨水太多了，玉米倒了一片。”",
    "记者向那位好心的大姐打听。她证实说：“今年雨水太多了，玉米倒了一片。”",  # 那位: an unnamed source, as 一位
])
def test_a_pronoun_after_the_reporter_reached_someone_unnamed_is_not_the_last_speaker(reached):
    by_name, _ = run(SAID_BEFORE + reached + "\n", tagging("张明"))
    assert texts(by_name["张明"]) == ["今年的收成还不错，价格也稳定。"]


def test_a_named_person_the_reporter_reached_still_speaks():
    text = SAID_BEFORE + "记者随后采访了一位村民李春生，他说：“今年雨水太多了，玉米倒了一片。”\n"
    by_name, _ = run(text, tagging("张明", "李春生"))
    assert texts(by_name["李春生"]) == ["今年雨水太多了，玉米倒了一片。"]


def test_a_reporter_who_is_named_is_no_one_reaching_out():
    # 专栏记者乔纳森-费根 is the speaker: he answers the fans' questions (问题 is no verb of asking)
    text = "《休斯敦纪事报》专栏记者乔纳森-费根在博客里回答了球迷们的问题，他透露自己不赞同阿德尔曼的部分决定。\n"
    by_name, _ = run(text, tagging("乔纳森-费根", "阿德尔曼"))
    assert texts(by_name["乔纳森-费根"]) == ["自己不赞同阿德尔曼的部分决定。"]


def test_an_abbreviation_named_inside_the_words_does_not_cut_them():
    text = "张明说，这个项目由国家发展和改革委员会，简称发改委，牵头负责，明年开工。\n"
    by_name, _ = run(text, tagging("张明"))
    assert list(by_name) == ["张明"]
    assert texts(by_name["张明"]) == ["这个项目由国家发展和改革委员会，简称发改委，牵头负责，明年开工。"]


def test_a_surname_answering_stays_a_speaker():
    # jieba's rare word 谢答 (3) is no abbreviation: 谢 answers
    text = ("在座谈会上，谢富治插话说：“打死人的红卫兵是否蹲监？我看我们根本管不着。”一个省的公安局长问：“拘捕起来总可以的吧？”"
            "谢答：“如果你把打人的人扣留起来，你们就要犯错误。”\n")
    by_name, _ = run(text, tagging("谢富治"))
    assert "如果你把打人的人扣留起来，你们就要犯错误。" in texts(by_name["谢富治"])


def test_a_commentary_label_is_no_surname_speaking():
    # 解说： opening a broadcast transcript: jieba's word 解说, not the surname 解 + 说
    text = "解说：据周发生介绍，孩子的亲生父母在兴国县高兴镇，因为家境困难，抚养不起，只好把孩子过继给了他。\n"
    by_name, _ = run(text, tagging("周发生"))
    assert texts(by_name["周发生"]) == ["孩子的亲生父母在兴国县高兴镇，因为家境困难，抚养不起，只好把孩子过继给了他。"]
