"""Speech attribution, session 54: a verb after 的 that a reporting verb follows (对英方的建议表示欢迎), the one who asks or
wishes speaking in the next clause (江泽民请科恩转达…，并表示…), whom a feeling is for however long (对英方…提出的许多建议和设想表示
欢迎), 祝 + a wish (李鹏祝赵家的生活…), and a speaker's call that opens a sentence with 看到 (但也应清醒地看到，…). Every
article here is invented for the test; `tagging(...)` finds exactly the names given."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_verb_after_de_is_a_noun_before_the_reporting_verb_it_runs_into():
    text = "外长钱其琛会见了英国客人。钱其琛对英方的建议表示欢迎。\n"
    by_name, _ = run(text, tagging("钱其琛"))
    assert texts(by_name["钱其琛"]) == ["欢迎。"]
    # the noun alone is no cue, as before (江泽民同志在报告中提出的…要求，…)
    by_name, _ = run("钱其琛对英方的建议十分重视。\n", tagging("钱其琛"))
    assert "钱其琛" not in by_name


def test_whom_a_feeling_is_for_may_be_long_and_hold_a_quoted_term():
    text = "钱其琛对英方最近就包括两国高层互访在内的一些领域的交往与合作提出的许多建议和设想表示欢迎。\n"
    by_name, _ = run(text, tagging("钱其琛"))
    assert texts(by_name["钱其琛"]) == ["欢迎。"]
    text = "李鹏对海关会议提出的建立现代海关制度的“两步走”发展战略表示赞成。\n"
    by_name, _ = run(text, tagging("李鹏"))
    assert texts(by_name["李鹏"]) == ["赞成。"]


def test_the_one_who_asks_or_wishes_speaks_in_the_next_clause():
    text = "江泽民请科恩转达对克林顿总统的问候，并表示欢迎他今年访华。\n"
    by_name, _ = run(text, tagging("江泽民", "科恩", "克林顿"))
    assert texts(by_name["江泽民"]) == ["欢迎他今年访华。"]
    assert "科恩" not in by_name
    text = "乔石祝克雷库这次访华取得成功，并表示相信中贝关系将进一步发展。\n"
    by_name, _ = run(text, tagging("乔石", "克雷库"))
    assert texts(by_name["乔石"]) == ["克雷库这次访华取得成功", "中贝关系将进一步发展。"] and "克雷库" not in by_name


def test_zhu_and_a_wish_is_a_statement_of_the_one_who_wishes():
    by_name, _ = run("临别，李鹏祝赵家的生活一天更比一天好。\n", tagging("李鹏"))
    assert texts(by_name["李鹏"]) == ["赵家的生活一天更比一天好。"]
    by_name, _ = run("江泽民最后祝大家新春快乐，在新的一年里取得更大成绩。\n", tagging("江泽民"))
    assert texts(by_name["江泽民"]) == ["大家新春快乐，在新的一年里取得更大成绩。"]
    # 祝 inside a name is no verb, nor is a group's wish anyone's
    by_name, _ = run("本报记者祝谦报道：今天天气很好。朋友们纷纷祝他生日快乐。\n", tagging("祝谦"))
    assert "祝谦" not in by_name


def test_a_call_to_see_opening_a_sentence_goes_on_with_the_speaker():
    text = ("张全景说，经过３年整顿，农村基层组织建设取得了明显成效。但也应清醒地看到，基层组织建设面临着许多困难和问题。"
            "我们要对面临的困难有一个清醒的认识。\n")
    by_name, _ = run(text, tagging("张全景"))
    assert texts(by_name["张全景"]) == ["经过３年整顿，农村基层组织建设取得了明显成效。", "但也应清醒地看到，基层组织建设面临着许多困难和问题。",
                                        "我们要对面临的困难有一个清醒的认识。"]
    # the narrator's 看到 (记者看到，…) still ends the speech
    text = "张全景说，经过３年整顿，农村基层组织建设取得了明显成效。记者看到，村里的道路已经修好了。\n"
    by_name, _ = run(text, tagging("张全景"))
    assert texts(by_name["张全景"]) == ["经过３年整顿，农村基层组织建设取得了明显成效。"]


def test_a_paragraph_opening_with_a_bracketed_number_goes_on_with_the_speaker():
    text = ("王兆国在谈到这个建议名单时说，名单基本反映了统一战线的新形势、新特点。\n"
            "（一）体现了新老交替的特色。新提名的委员占一半以上。\n"
            "（二）名单具有广泛的代表性。\n")
    by_name, _ = run(text, tagging("王兆国"))
    assert texts(by_name["王兆国"]) == ["名单基本反映了统一战线的新形势、新特点。", "（一）体现了新老交替的特色。",
                                        "新提名的委员占一半以上。", "（二）名单具有广泛的代表性。"]
    # not after a paragraph in which nobody spoke to its end (a reporter's numbered list)
    text = "会议通过了以下决定：\n（一）加强协作。\n（二）压缩编制。\n"
    by_name, _ = run(text)
    assert not by_name


def test_a_pair_expressing_a_feeling_both_speak_and_go_on_together():
    text = ("孟建柱和梅德韦杰夫就中俄关系进行了亲切友好的交谈。双方对当前中俄关系发展表示满意，"
            "并希望两国加强在各领域的合作。\n")
    by_name, _ = run(text, tagging("孟建柱", "梅德韦杰夫"))
    assert texts(by_name["孟建柱"]) == texts(by_name["梅德韦杰夫"]) == ["满意", "两国加强在各领域的合作。"]
    # coordinated speakers go on together after 并 + a verb, as they speak together before it
    by_name, _ = run("李强、王伟表示，中英关系很好，并强调两国要加强合作。\n", tagging("李强", "王伟"))
    assert texts(by_name["李强"]) == texts(by_name["王伟"]) == ["中英关系很好", "两国要加强合作。"]


def test_a_hope_for_this_and_that_is_content_not_a_back_reference():
    text = "钱其琛对中英关系表示满意，并希望这一势头能够得到保持。\n"
    by_name, _ = run(text, tagging("钱其琛"))
    assert texts(by_name["钱其琛"]) == ["满意", "这一势头能够得到保持。"]
    # a topic named again is still no statement (李学勤介绍了这一工程的进展情况。)
    by_name, _ = run("历史研究所所长李学勤介绍了这一工程的进展情况。\n", tagging("李学勤"))
    assert "李学勤" not in by_name
