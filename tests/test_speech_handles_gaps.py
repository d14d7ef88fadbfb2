"""Speech attribution, session 64: in a named person's own words (就像加利亚尼说的，…, 按照拜登的话来说，…); a net name in
quotes written before the poster it belongs to (名为“xylxjh”的网友, 一名叫“风之龙”的网友), by a 发帖人 or copied 从 another
forum; 又称 right after a person (蔡依林又称…: said again, not "also called"); a title right after a name is that name's
(特里谢行长高调宣称: 高调 is how, not a second name); how often or how loudly, and the evening of a date, between a speaker
and the verb (不止一次曾表示, 高调宣称, 26日晚在…时). Every `tagging(...)` finds exactly the names given."""
from __future__ import annotations

import pytest

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


@pytest.mark.parametrize("text, name, words", [
    ("近日，名为“xylxjh”的网友在东方论坛发表帖子，称他女儿为杭州幼儿师范学院学生。\n", "xylxjh", "他女儿为杭州幼儿师范学院学生。"),
    ("发帖人是一名叫“风之龙”的网友，他说清明期间，自己放假回清远休息。\n", "风之龙", "清明期间，自己放假回清远休息。"),
    ("2月7日上午，网友“鬼都怕反手”从张家界公众论坛转载了一个爆料帖，称南庄坪办事处挂出了横幅。\n", "鬼都怕反手",
     "南庄坪办事处挂出了横幅。"),
    ("发帖人“蓝极星”还详尽地介绍了罚单的由来：上个星期五，他开车经过干将路。\n", "蓝极星", "上个星期五，他开车经过干将路。"),
])
def test_a_quoted_net_name_before_or_after_its_poster_word_speaks(text, name, words):
    by_name, _ = run(text, tagging())
    assert list(by_name) == [name]
    assert texts(by_name[name]) == [words]


@pytest.mark.parametrize("text", [
    "一家名为“九记”的猪肉档，价格便宜。\n",  # a shop's name, no poster word after it
    "网友纷纷称“点赞”之后就没再说什么。\n",  # a term netizens use
])
def test_a_quoted_name_without_a_poster_is_no_speaker(text):
    by_name, _ = run(text, tagging())
    assert by_name == {}


def test_you_cheng_right_after_a_person_reports_what_they_said():
    text = "蔡依林又称花一年时间才为事件释怀。\n"
    by_name, _ = run(text, tagging("蔡依林"))
    assert texts(by_name["蔡依林"]) == ["花一年时间才为事件释怀。"]


def test_you_cheng_after_a_thing_is_a_second_name():
    by_name, _ = run("菊苣又称欧洲菊苣、苞菜，为菊科多年生草本植物。\n", tagging())
    assert by_name == {}


def test_a_title_after_a_name_is_that_names_and_no_name_follows_it():
    # 高 is a surname, so 行长 + 高调 + 宣称 read as a title, a name and a verb before
    text = "特里谢行长高调宣称欧洲央行对通货膨胀问题高度重视。\n"
    by_name, speakers = run(text, tagging("特里谢"))
    assert list(by_name) == ["特里谢"]
    assert speakers[0].role == "行长"


def test_a_kinship_word_after_a_name_still_introduces_a_name():
    by_name, _ = run("成龙儿子房祖名表示，自己很好。\n", tagging("成龙"))
    assert list(by_name) == ["房祖名"]


@pytest.mark.parametrize("text, name, words", [
    ("下野后的特里不止一次曾表示自己想重做国家队队长。\n", "特里", "自己想重做国家队队长。"),
    ("因为在议息会议上，特里谢行长就高调宣称欧洲央行对通胀高度重视。\n", "特里谢", "欧洲央行对通胀高度重视。"),
    ("足管中心副主任于洪臣26日晚在接受采访时也承认洋顾问的选拔工作已开始。\n", "于洪臣", "洋顾问的选拔工作已开始。"),
])
def test_how_often_how_loudly_and_an_evening_between_speaker_and_verb(text, name, words):
    by_name, _ = run(text, tagging(name))
    assert list(by_name) == [name]
    assert texts(by_name[name]) == [words]


@pytest.mark.parametrize("text, name, words", [
    ("但事情没有那么容易，就像加利亚尼说的，西多夫希望得到技术上的保证。\n", "加利亚尼", "西多夫希望得到技术上的保证。"),  # 所 left out
    ("所以按照美国副总统拜登的话来说，没有损伤一兵一卒就打赢了这场战争。\n", "拜登", "没有损伤一兵一卒就打赢了这场战争。"),
])
def test_in_a_named_persons_own_words(text, name, words):
    by_name, _ = run(text, tagging(name))
    assert list(by_name) == [name]
    assert texts(by_name[name]) == [words]


def test_as_i_said_names_nobody():
    by_name, _ = run("就像我说的，我们会赢。\n", tagging())
    assert by_name == {}
