"""Speech attribution, session 58: shapes of THUCNews sentences (vocab_coverage, the blind split's source, none
sharing 12 characters with a blind text) that helpers annotated by reading and the rules then missed —
在X的心目中，… as 在X看来 (the 的 no one of X's), a coordinated subject before a bare 宣布 (萧亚轩、张芸京宣布推出…),
a coach jieba files as a place (特鲁西埃). Every `tagging(...)` finds exactly the names given."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_in_someones_mind_is_their_opinion():
    text = "在四川永竞投资公司董事长李思齐的心目中，如果一切顺利的话，这块地将成为其进军成都的一个重大标志。\n"
    by_name, _ = run(text, tagging("李思齐"))
    assert texts(by_name["李思齐"]) == ["如果一切顺利的话，这块地将成为其进军成都的一个重大标志。"]


def test_eyes_without_an_opinion_are_nobodys():
    for text in ("王强的眼里含着泪水，半天说不出话来。\n", "张伟的心目中有一个英雄，那就是他的父亲。\n"):
        by_name, _ = run(text, tagging("王强", "张伟"))
        assert not by_name


def test_a_coordinated_subject_announces_together():
    text = "艺人萧亚轩、张芸京今天宣布推出义卖公益单曲，所有义卖款项将全数捐出。\n"
    by_name, _ = run(text, tagging("萧亚轩", "张芸京"))
    assert sorted(by_name) == ["张芸京", "萧亚轩"]
    assert texts(by_name["萧亚轩"]) == texts(by_name["张芸京"])


def test_a_coach_jieba_files_as_a_place():
    text = "在领教了中超诸强外援的厉害之后，特鲁西埃真诚地表示，他要为仓促敲定外援承担一定责任。\n"
    by_name, _ = run(text, tagging("特鲁西埃"))
    assert texts(by_name["特鲁西埃"]) == ["他要为仓促敲定外援承担一定责任。"]
