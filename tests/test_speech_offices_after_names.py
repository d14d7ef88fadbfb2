"""Speakers' roles, session 66: a body alone before the name gives way to the office written after it (浙江证监局邵锡秋
副局长: 副局长, as the corpus's annotators wrote 13 of 13 such roles), and the poster words of the web are roles (网友
“令狐兄”, 华商网友, 博主张洪铭: the annotators' 10 of 11). Every article here is invented for the test; `tagging(...)`
finds exactly the names given. Each test but the guards fails under the session's first rules."""
from __future__ import annotations

import pytest

from tests.test_speech_roles import role_of


@pytest.mark.parametrize("text, name, role", [
    ("浙江证监局邵锡秋副局长指出，上市公司要加强内部控制。", "邵锡秋", "副局长"),
    ("南开大学的王以欣教授也表示，这类节目不会长久。", "王以欣", "教授"),
    ("据陕西浩公律师事务所赵小东律师介绍，此案还在审理之中。", "赵小东", "律师"),
])
def test_the_office_after_the_name_wins_over_a_body_alone_before_it(text, name, role):
    assert role_of(text, name) == role


@pytest.mark.parametrize("text, name, role", [
    ("北京市委书记刘淇表示，要办好这次会议。", "刘淇", "北京市委书记"),  # the office is before the name
    ("据陕西浩公律师事务所赵小东介绍，此案还在审理之中。", "赵小东", "陕西浩公律师事务所"),  # no office after it
])
def test_a_role_before_the_name_stays_without_an_office_after_it(text, name, role):
    assert role_of(text, name) == role


@pytest.mark.parametrize("text, name, role", [
    ("15日晚上，网友“令狐兄”在红网论坛发帖称，这件事另有隐情。", "令狐兄", "网友"),  # before a handle in quotes
    ("12月31日，华商网友“大盈若冲”发帖称，小区的停车位被卖了两次。", "大盈若冲", "华商网友"),
    ("最近，博主张洪铭在微博上说，他的网店一天卖出了两百件。", "张洪铭", "博主"),
])
def test_the_poster_words_of_the_web_are_roles(text, name, role):
    assert role_of(text, name) == role
