"""Speech attribution, session 64: a person inside the occasion between a speaker and the verb is no subject (张晓帆在投资
网站Seeking Alpha上发表报告称: a site the tagger takes for a person; 张三在李四的婚礼上说); a verb of speech after two
clauses that name nobody acting (朱维群在…上发表讲话，介绍了与达赖私人代表接触商谈的情况，同时阐述了…立场，强调…: whom he met
with is no actor), unless they are the speaker's own words going on. Every `tagging(...)` finds exactly the names given."""
from __future__ import annotations

import pytest

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


@pytest.mark.parametrize("text, names, speaker, words", [
    ("市场研究人士张晓帆今天在投资网站Seeking Alpha上发表报告称，盛大游戏的股价被低估。\n", ("张晓帆", "Seeking Alpha"),
     "张晓帆", "盛大游戏的股价被低估。"),
    ("张三在李四的婚礼上说，他很高兴。\n", ("张三", "李四"), "张三", "他很高兴。"),
])
def test_a_person_inside_the_occasion_is_no_subject(text, names, speaker, words):
    by_name, _ = run(text, tagging(*names))
    assert list(by_name) == [speaker]
    assert texts(by_name[speaker]) == [words]


CHAIN = ("中共中央统战部常务副部长朱维群在欢迎会上发表讲话，介绍了与达赖私人代表接触商谈的情况，同时阐述了中央对西藏问题所持的"
         "一贯立场，强调多年来中央对达赖已仁至义尽。\n")


def test_a_verb_after_two_clauses_naming_nobody_acting_is_the_first_clauses_speakers():
    by_name, _ = run(CHAIN, tagging("朱维群", "达赖"))
    assert list(by_name) == ["朱维群"]
    assert texts(by_name["朱维群"]) == ["多年来中央对达赖已仁至义尽。"]


def test_a_clause_where_another_person_acts_ends_the_chain():
    text = "朱维群在欢迎会上发表讲话，介绍了有关情况，李四随后阐述了中央的一贯立场，强调多年来中央已仁至义尽。\n"
    by_name, _ = run(text, tagging("朱维群", "李四"))
    assert "朱维群" not in by_name


def test_the_speakers_own_words_going_on_open_no_cue_of_theirs():
    # the clauses between 说 and 希望 are his words (a subject of their own, 议长阁下): one statement, not two
    text = "乔石说，议长阁下已先后三次访华，为增进两国交往作出了许多贡献，希望此次访问能进一步促进两国关系的发展。\n"
    by_name, _ = run(text, tagging("乔石"))
    assert texts(by_name["乔石"]) == [text[4:].strip()]


def test_tongshi_before_a_name_is_no_with_whom():
    text = "桑德斯教练对此很乐观。同时布莱切也认可了教练的观点，并表示已经做好了重返赛场的准备。\n"
    by_name, _ = run(text, tagging("桑德斯", "布莱切"))
    assert texts(by_name["布莱切"]) == ["已经做好了重返赛场的准备。"]
    assert "桑德斯" not in by_name


def test_two_clauses_after_a_reporting_verb_are_its_words_not_a_chain():
    text = "基金经理王少成指出，考虑到输入型通胀压力持续增加，以及通胀预期的逐步强化，预计二季度国内通胀压力持续增大。\n"
    by_name, _ = run(text, tagging("王少成"))
    assert texts(by_name["王少成"]) == [text[text.index("，") + 1:].strip()]
