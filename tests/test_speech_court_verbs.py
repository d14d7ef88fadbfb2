"""Speech attribution, session 55: a forum's long quoted name inside an occasion (在…召开的“…论坛”上说); the reporting
verbs of courts, quarrels and columns (辩称, 坚称, 扬言, 驳斥, 质问, 吐槽 …); and a name finder that took the first character
of such a verb, or a one-character adverb before the verb, for the name's (李明辩|称, 李鹏仍|表示). Every article here is
invented for the test; `tagging(...)` finds exactly the names given, glued characters included."""
from __future__ import annotations

import pytest

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


@pytest.mark.parametrize("verb", ["坚称", "辩称", "驳斥", "质问", "澄清", "吐槽", "抱怨", "总结道"])
def test_a_verb_of_a_court_or_a_quarrel_before_a_comma_reports_speech(verb):
    by_name, _ = run(f"王建国{verb}，自己对此事毫不知情，也从未收到任何通知。\n", tagging("王建国"))
    assert texts(by_name["王建国"]) == ["自己对此事毫不知情，也从未收到任何通知。"]


def test_the_verbs_that_always_take_what_was_said_need_no_comma():
    text = "美国国防部长科恩访问海湾。他扬言美国在海湾有足够的兵力来对付伊拉克。\n"
    by_name, _ = run(text, tagging("科恩"))
    assert texts(by_name["科恩"]) == ["美国在海湾有足够的兵力来对付伊拉克。"]
    by_name, _ = run("被告人刘大明当庭辩称自己并不知道货物来源。\n", tagging("刘大明"))
    assert texts(by_name["刘大明"]) == ["自己并不知道货物来源。"]


def test_a_nickname_given_and_a_noun_stay_no_cue():
    by_name, _ = run("该楼被戏称为“楼停停”。王建国的抱怨一直没有得到回应。\n", tagging("王建国"))
    assert "王建国" not in by_name
    by_name, _ = run("王建国戏称为“老大哥”的那栋楼已经拆了。\n", tagging("王建国"))
    assert "王建国" not in by_name


@pytest.mark.parametrize("glued, text", [("李明辩", "李明辩称，自己对此事毫不知情。\n"), ("李明亦", "李明亦称，自己对此事毫不知情。\n"),
                                         ("张华自", "张华自称，自己对此事毫不知情。\n"), ("李明并", "李明并称，自己对此事毫不知情。\n")])
def test_the_first_character_of_the_verb_is_not_the_names(glued, text):
    by_name, _ = run(text, tagging(glued))
    assert list(by_name) == [glued[:2]] and texts(by_name[glued[:2]]) == ["自己对此事毫不知情。"]


@pytest.mark.parametrize("adverb", ["仍", "便", "即", "遂", "竟", "只", "再", "终", "另"])
def test_a_one_character_adverb_before_the_verb_is_not_the_names(adverb):
    by_name, _ = run(f"李鹏{adverb}表示，双方应加强合作。\n", tagging(f"李鹏{adverb}"))
    assert list(by_name) == ["李鹏"] and texts(by_name["李鹏"]) == ["双方应加强合作。"]


def test_a_given_name_ending_in_such_a_character_keeps_it():
    # 才 and 均 end given names (王有才, 张国均), so they are left on; a name written so every time is the name
    by_name, _ = run("王有才说，双方应加强合作。\n", tagging("王有才"))
    assert list(by_name) == ["王有才"]
    by_name, _ = run("王建即说，双方应加强合作。王建即还说，要抓紧落实。\n", tagging("王建即"))
    assert list(by_name) == ["王建即"]


def test_a_forums_long_name_in_quotes_is_part_of_the_occasion():
    text = "孙波16日在北京召开的“质量和安全年·质量诚信论坛”上说，质检总局将用3年时间建立质量诚信体系。\n"
    by_name, _ = run(text, tagging("孙波"))
    assert texts(by_name["孙波"]) == ["质检总局将用3年时间建立质量诚信体系。"]
    # a quotation with a full stop inside is words, not a name: the clause after it is not run back over it
    text = "“我们会继续推进质量诚信体系建设。”孙波说完后，有记者问道，今年的目标是什么。\n"
    by_name, _ = run(text, tagging("孙波"))
    assert texts(by_name["孙波"]) == ["我们会继续推进质量诚信体系建设。"]


def test_an_age_in_front_of_the_role_leaves_the_person_the_clauses_subject():
    text = "52岁的澳门社会文化司司长崔世安5月12日下午举行记者会，宣布将辞职参选。\n"
    by_name, _ = run(text, tagging("崔世安"))
    assert texts(by_name["崔世安"]) == ["将辞职参选。"]
    # something else in front (a verb: 会见) still makes the person no subject
    by_name, _ = run("王强昨天会见了52岁的崔世安，表示欢迎他来访。\n", tagging("王强", "崔世安"))
    assert "崔世安" not in by_name


def test_a_sentence_opening_with_its_source_ends_the_speakers_words():
    text = "李薇说，分红可以减少投资者赎回行为。根据惯例，4月份封闭基金将迎来另一轮分红潮。\n"
    by_name, _ = run(text, tagging("李薇"))
    assert texts(by_name["李薇"]) == ["分红可以减少投资者赎回行为。"]
    # the speaker's own reckoning, or what they call for after it, goes on
    text = "成思危说，房价由四部分构成。根据我的计算大概各占四分之一。根据灾情发展趋势，救灾工作要树立长期抗灾的思想。\n"
    by_name, _ = run(text, tagging("成思危"))
    assert len(texts(by_name["成思危"])) == 3


def test_in_a_persons_own_words_is_their_statement():
    text = "姜武的演出用邬君梅的话说就是“充满雄性激素”。\n"
    by_name, _ = run(text, tagging("邬君梅", "姜武"))
    assert texts(by_name["邬君梅"]) == ["充满雄性激素"] and "姜武" not in by_name
    text = "宏碁创始人施政荣很有名。用他的话来说，硬件公司处于微笑曲线的底部。\n"
    by_name, _ = run(text, tagging("施政荣"))
    assert texts(by_name["施政荣"]) == ["硬件公司处于微笑曲线的底部。"]
    # 话说 running on into a verb is no such phrase (用自己的话说服了对方)
    by_name, _ = run("施政荣用自己的话说服了对方。\n", tagging("施政荣"))
    assert "施政荣" not in by_name


def test_zhi_of_hong_kong_and_taiwan_reports_is_a_reporting_verb():
    text = "古伟牧说，政府需要应对气候变化。他又指，香港政府警觉性偏低。\n"
    by_name, _ = run(text, tagging("古伟牧"))
    assert texts(by_name["古伟牧"]) == ["政府需要应对气候变化。", "香港政府警觉性偏低。"]
    by_name, _ = run("谈到新片，古天乐指这部不是动作片。\n", tagging("古天乐"))
    assert texts(by_name["古天乐"]) == ["这部不是动作片。"]
    # accused (被指), pointing (指着) and meaning (所指的是) are no such verb
    by_name, _ = run("刘德华被指涉嫌逃税。他所指的是去年的事。\n", tagging("刘德华"))
    assert "刘德华" not in by_name
    by_name, _ = run("刘德华指着照片说，这是他的家。\n", tagging("刘德华"))
    assert texts(by_name["刘德华"]) == ["这是他的家。"]


@pytest.mark.parametrize("said", ["笑说自己", "直认自己", "自爆自己", "笑谓，自己", "大叹，自己", "笑指自己"])
def test_the_entertainment_pages_verbs_of_saying(said):
    by_name, _ = run(f"谈到新片，刘德华{said}这次拍摄非常辛苦。\n", tagging("刘德华"))
    assert texts(by_name["刘德华"]) == ["自己这次拍摄非常辛苦。"]


def test_a_page_run_together_is_flat_from_700_characters():
    # a cue, then narration: on a one-line page of ~720 characters the continuation stops after 4 sentences, as it
    # does past 800; a shorter one (~590 characters) goes on to max_continuation
    cue = "第二炮兵副司令员于际训近日透露，参阅导弹全部是最新型号。"
    narration = "此次阅兵呈现的导弹武器装备全部为首次亮相的新型主战武器，体现了体积小本领大的明显特征。"
    by_name, _ = run(cue + narration * 16 + "\n", tagging("于际训"))
    assert len(texts(by_name["于际训"])) == 5
    by_name, _ = run(cue + narration * 13 + "\n", tagging("于际训"))
    assert len(texts(by_name["于际训"])) == 13  # the cue's and 12 more (max_continuation)
