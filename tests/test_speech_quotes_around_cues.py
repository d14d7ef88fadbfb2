"""Session 70: quotes around a cue that no rule gave to its speaker: a quote broken off at a comma, then a day of its
own, then the cue (“…，”昨天，…NAME称，“…”); quotes opening a sentence that goes on to one person who speaks in it
(“…，”NAME是…，他…谈起，“…”); a quote left open after the verb (NAME说“… with no closing mark, a quotation running on
into the next paragraph); 道 miswritten 到 (介绍到，“…”); and a role whose organisation holds a verb ending in a
preposition's character (…委应对气候变化司副司长NAME…表示: 应对, not 对 + NAME). Every text here is invented for the test;
`tagging(...)` finds exactly the names given. Each case but the guards fails before the change."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_quote_broken_off_before_a_day_and_the_cue_is_the_speakers():
    text = "“归根结底，这是价格机制的问题，”昨天，国家电网研究院高级顾问田立新称，“关键在于供需不平衡。”\n"
    by_name, _ = run(text, tagging("田立新"))
    assert texts(by_name["田立新"]) == ["归根结底，这是价格机制的问题", "关键在于供需不平衡。"]


def test_a_quote_opening_its_sentence_before_a_day_and_the_cue_is_the_speakers():
    # (a heading run into the quote after a comma of its own: neither a lead quote nor one opening its sentence)
    text = "今年春节生意难做，酒店批发商多投30万“我们还算运气好，总算没有亏本。”昨日，一家旅游公司的副总经理郑辉告诉记者，今年多投了30万元。\n"
    by_name, _ = run(text, tagging("郑辉"))
    assert texts(by_name["郑辉"]) == ["我们还算运气好，总算没有亏本。", "今年多投了30万元。"]


def test_a_quote_after_a_colon_that_ended_its_sentence_before_a_day_is_not_the_next_speakers():
    # the quote closes its own sentence: what the media read into an interview, not the premier's words
    text = "两家外媒都从访谈中读出了一个信息：“房价将要降温。”27日，国务院总理温家宝称，经济发展还存在不平衡问题。\n"
    by_name, _ = run(text, tagging("温家宝"))
    assert texts(by_name["温家宝"]) == ["经济发展还存在不平衡问题。"]


def test_quotes_opening_a_sentence_go_to_the_one_person_who_speaks_in_it():
    text = ("“新教练带来了不少新东西，他对传球的要求很高，”李海涛是球队的队长，也被认为是最会组织的后卫之一，"
            "说起球队的新打法，他也先谈传球，“他要我做球队的轴心。”\n")
    by_name, _ = run(text, tagging("李海涛"))
    assert texts(by_name["李海涛"]) == ["新教练带来了不少新东西，他对传球的要求很高", "他要我做球队的轴心。"]
    text = ("“喝茶可以醒脑安神”，“绿茶的保健功效很丰富”，营养科主任孙丽多年研究饮茶与健康，她介绍道，"
            "“很多人油脂摄入超标。”\n")
    by_name, _ = run(text, tagging("孙丽"))
    assert texts(by_name["孙丽"]) == ["喝茶可以醒脑安神", "绿茶的保健功效很丰富", "很多人油脂摄入超标。"]


def test_opening_quotes_stay_unattributed_when_someone_else_is_named_first():
    text = "“我的身体很好，”记者问起张明为何回来，李强说，“他只是想家了。”\n"
    by_name, _ = run(text, tagging("张明", "李强"))
    assert list(by_name) == ["李强"]
    assert texts(by_name["李强"]) == ["他只是想家了。"]


def test_a_quote_left_open_after_the_verb_runs_to_the_sentence_end():
    text = "记者昨天见到了周海。周海说“我们很好，明年还会再来。\n“大家也都不错，谢谢。”\n"
    by_name, _ = run(text, tagging("周海"))
    assert "我们很好，明年还会再来" in "".join(texts(by_name["周海"]))


def test_dao_miswritten_dao_before_the_words():
    by_name, _ = run("公司董事长吴德明在会上介绍到，公司将在明年上市。\n", tagging("吴德明"))
    assert texts(by_name["吴德明"]) == ["公司将在明年上市。"]
    by_name, _ = run("赛后主教练吴德明说到“球队里的外援都很努力，我很满意。”\n", tagging("吴德明"))
    assert texts(by_name["吴德明"]) == ["球队里的外援都很努力，我很满意。"]  # (not 到“…”)


def test_a_verb_in_the_organisation_before_a_role_is_no_preposition():
    text = "国家发展改革委应对气候变化司副司长陈红梅5日在会议上表示，中国政府始终积极采取行动。\n"
    by_name, _ = run(text, tagging("陈红梅"))
    assert texts(by_name["陈红梅"]) == ["中国政府始终积极采取行动。"]
    # guards: a preposition of its own (向), or one ending 作为 (as), still makes the person an object
    assert run("记者向陈红梅表示，这里的条件很好。\n", tagging("陈红梅"))[0] == {}
    assert run("俄罗斯作为刘海冲突的调解人一贯认为，有关各方应当谈判。\n", tagging("刘海"))[0] == {}
