"""Speech attribution: the conventions added in session 21 from the errors of the speech corpus's fifth
People's Daily draw and third LCSTS draw (tests/data/speech_corpus/people_daily5.jsonl, lcsts3.jsonl, scored
before any change, then read). Every article here is invented for the test; `tagging(...)` finds exactly the
names given."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_feeling_after_biaoshi_is_the_statement():
    # the corpus keeps 表示祝贺 as 祝贺 (README), however long whom it is for; nothing after it continues
    text = ("南非外长恩佐在讲话中首先代表南非政府对中国大使馆正式开馆表示祝贺。大使馆位于比勒陀利亚。\n"
            "乔石对代表团来访表示热烈欢迎。\n钱其琛对此表示感谢。\n")
    by_name, _ = run(text, tagging("恩佐", "乔石", "钱其琛"))
    assert texts(by_name["恩佐"]) == ["祝贺。"]
    assert texts(by_name["乔石"]) == ["热烈欢迎。"]
    assert texts(by_name["钱其琛"]) == ["感谢。"]
    # the person 致电 reaches is the addressee, not the one who feels
    by_name, _ = run("杨洁篪外长已致电印尼外长哈桑表示慰问。\n", tagging("杨洁篪", "哈桑"))
    assert list(by_name) == ["杨洁篪"] and texts(by_name["杨洁篪"]) == ["慰问。"]
    # a wish is no feeling said: 希望 + 支持 stays nobody's statement
    by_name, _ = run("莱昂希斯与波林家族深谈了一次，他希望能得到他们的鼎力支持。\n", tagging("莱昂希斯"))
    assert "莱昂希斯" not in by_name
