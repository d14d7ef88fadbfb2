"""Session 70: a person written by the given name alone after the full name (房祖名，祖名表示…: the finder finds no 祖名;
杨丞琳 … 连丞琳都说: the finder reads 连, even, as another surname), and 均 (all) after the last name of a list, no
character of it (王军、刘洋均认为 -> 刘洋, not 刘洋均; elsewhere 均 may end a given name, 张国均, and stays). Every text here is invented for the test; `tagging(...)` finds
exactly the names given. Each case but the guards fails before the change."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_given_name_opening_a_clause_before_a_verb_is_the_person():
    text = "来宾中最引人注目的是歌手郑浩然，浩然表示自己只是来给朋友帮忙的。\n"
    by_name, _ = run(text, tagging("郑浩然"))
    assert texts(by_name["郑浩然"]) == ["自己只是来给朋友帮忙的。"]


def test_a_word_before_a_given_name_is_no_second_surname():
    text = "这是孙雨菲第一次登台，排练时她摔伤了膝盖，连雨菲都说：“这段舞太难了。”\n"
    by_name, _ = run(text, tagging("孙雨菲", "连雨菲"))
    assert list(by_name) == ["孙雨菲"]
    assert texts(by_name["孙雨菲"]) == ["这段舞太难了。"]


def test_a_given_name_two_people_share_stands_for_neither():
    text = "王浩然和李浩然都来了，浩然说，我们很好。\n"
    assert run(text, tagging("王浩然", "李浩然"))[0] == {}


def test_jun_after_the_last_name_of_a_list_is_the_adverb():
    text = "负责人王强、刘洋均认为，这是一件好事。\n"
    by_name, _ = run(text, tagging("王强", "刘洋"))
    assert sorted(by_name) == ["刘洋", "王强"]
    text = "负责人王强、刘洋均认为，这是一件好事。\n"  # the finder's own name with 均 glued on
    by_name, _ = run(text, tagging("王强", "刘洋均"))
    assert sorted(by_name) == ["刘洋", "王强"]
    by_name, _ = run("负责人张国均认为，这是一件好事。\n", tagging("张国均"))  # guard: no list, a given name's 均
    assert list(by_name) == ["张国均"]
