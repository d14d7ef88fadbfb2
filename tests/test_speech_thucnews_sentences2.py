"""Speech attribution, session 59: shapes of the fifth and sixth rounds of annotated THUCNews sentences
(tests/data/speech_corpus/thucnews_sentences.jsonl) the rules missed — a narrator's verb opening the words after a verb
of speech (她表示看到他们的故事…: 看到 is no cue of its own), a coordinated source after 据 (据邹宝成、朱秀科向记者证实，…:
both), a manner character the finder glued to a name (袁静|笑说). Every `tagging(...)` finds exactly the names given."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_narrators_verb_opens_the_words_after_a_verb_of_speech():
    text = "翁虹现场观看更是数度落泪，她表示看到他们的故事，想到了自己也曾因腰伤在床上躺了八个月。\n"
    by_name, _ = run(text, tagging("翁虹"))
    assert texts(by_name["翁虹"]) == ["看到他们的故事，想到了自己也曾因腰伤在床上躺了八个月。"]


def test_a_narrators_verb_alone_is_still_no_speech():
    text = "翁虹在现场看到他们的故事，数度落泪。\n"
    by_name, _ = run(text, tagging("翁虹"))
    assert not by_name


def test_coordinated_sources_after_ju_each_speak():
    text = "据营口市中级人民法院副院长邹宝成、党工委副书记朱秀科向新华社记者证实，这一恶性事件发生在25日13时40分。\n"
    by_name, _ = run(text, tagging("邹宝成", "朱秀科"))
    assert sorted(by_name) == ["朱秀科", "邹宝成"]
    assert texts(by_name["邹宝成"]) == texts(by_name["朱秀科"]) == ["这一恶性事件发生在25日13时40分。"]


def test_whom_a_source_met_after_ju_is_no_speaker():
    text = "据会见李强、王伟的工作人员介绍，这一事件发生在25日。\n"
    by_name, _ = run(text, tagging("李强", "王伟"))
    assert not by_name


def test_a_manner_character_glued_to_a_name_is_cut_off():
    text = "对此，袁静笑说：“首先，没有规定人大代表不能参加选美。”\n"
    by_name, _ = run(text, tagging("袁静笑"))
    assert list(by_name) == ["袁静"]
    assert texts(by_name["袁静"]) == ["首先，没有规定人大代表不能参加选美。"]
