"""Session 71: feelings a person states (对…表示乐观 / 表示了充分的理解: the corpus keeps the feeling as the statement)
when the thing the feeling is for holds another person's name (他对于罗伊的言论表示理解: 罗伊's words, not 罗伊), and
他 after a clause whose own subject acted on someone (麦克米兰没有责怪罗伊，他…: 他 is 麦克米兰, not the object ending the
clause), and a quoted topic a verb answers at a time (回应“…”等问题时称：“…”: the words are the quote after 称). Every
text here is invented for the test; `tagging(...)` finds exactly the names given. Each case but the
guards fails before the change."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_optimism_and_disappointment_are_feelings_a_person_states():
    by_name, _ = run("王万年则对土地规划修编的进度表示乐观。\n", tagging("王万年"))
    assert texts(by_name["王万年"]) == ["乐观。"]
    by_name, _ = run("李建华对比赛的结果表示失望。\n", tagging("李建华"))
    assert texts(by_name["李建华"]) == ["失望。"]


def test_a_feeling_after_le_is_stated():
    by_name, _ = run("张立三对此表示了充分的理解。\n", tagging("张立三"))
    assert texts(by_name["张立三"]) == ["充分的理解。"]


def test_a_name_inside_what_the_feeling_is_for_is_no_speaker():
    by_name, _ = run("张立三对于罗伊的言论表示理解。\n", tagging("张立三", "罗伊"))
    assert list(by_name) == ["张立三"]
    assert texts(by_name["张立三"]) == ["理解。"]
    assert run("罗伊的经纪人表示，他很好。\n", tagging("罗伊"))[0] == {}  # guard: someone of 罗伊's speaks, unnamed


def test_he_after_a_clause_with_its_own_subject_is_that_subject():
    text = "主帅麦克米兰并没有责怪罗伊，他对于罗伊的言论表示了充分的理解。\n"
    by_name, _ = run(text, tagging("麦克米兰", "罗伊"))
    assert list(by_name) == ["麦克米兰"]
    assert texts(by_name["麦克米兰"]) == ["充分的理解。"]
    by_name, _ = run("还有查尔斯-巴克利，他认为火箭队很强。\n", tagging("查尔斯-巴克利"))  # guard: the clause is about him
    assert texts(by_name["查尔斯-巴克利"]) == ["火箭队很强。"]


def test_a_quoted_topic_answered_then_the_words_after_the_next_verb():
    text = ("全国人大代表、移动高管钟华天回应“套餐内流量到月底清零”等问题时称：“在快餐店买了全家桶套餐，吃不完的鸡腿总不能"
            "退回去吧？”\n")
    by_name, _ = run(text, tagging("钟华天"))
    assert texts(by_name["钟华天"]) == ["在快餐店买了全家桶套餐，吃不完的鸡腿总不能退回去吧？"]
    by_name, _ = run("钟华天回应说：“流量不会清零。”\n", tagging("钟华天"))  # guard: 回应 with its words
    assert texts(by_name["钟华天"]) == ["流量不会清零。"]
