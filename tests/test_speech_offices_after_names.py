"""Speakers' roles, session 66: the office after the name wins over a body alone before it (浙江证监局邵锡秋副局长: 副局长,
as the corpus's annotators wrote 13 of 13 such roles); the web's poster words and the person nouns a name may follow are
roles (网友“令狐兄”, 原告, 法医: `vocab.ROLE_NOUNS`, which only the subject rules read before); a 作为 / 身为 phrase, a
person noun written after the name, modifiers and short glosses inside an office; what may stand before 的 in a role.
Every article here is invented for the test; `tagging(...)` finds exactly the names given. Each test fails under the
session's first rules but the guards (what a change could have taken: a role before the name, a description, a work's
title, an occasion) and 博主 (a title already)."""
from __future__ import annotations

import pytest

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging
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
    ("悉尼大学中国研究中心Linda Tsung博士表示，学中文的人越来越多。", "Linda Tsung", "悉尼大学中国研究中心"),  # a degree
    ("北京大学第一医院皮肤科吴艳医生说，夏天要注意防晒。", "吴艳", "北京大学第一医院皮肤科"),  # a trade, no office
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


@pytest.mark.parametrize("text, name, role", [
    ("原告梁玉祥认为，官方已经证实了他的说法。", "梁玉祥", "原告"),  # a person noun a name may follow (vocab's ROLE_NOUNS)
    ("法医张春明认为，死者系窒息死亡。", "张春明", "法医"),
    ("小区保安高明说，大约下午6时听到了响声。", "高明", "小区保安"),
])
def test_what_a_person_is_without_an_office_is_a_role(text, name, role):
    assert role_of(text, name) == role


@pytest.mark.parametrize("text, name, role", [
    ("作为女篮代表的宋晓波表示，自己希望明年再来。", "宋晓波", "女篮代表"),  # 作为 / 身为 + what the person is
    ("身为国际超模的吕燕说，她在不同国家工作过。", "吕燕", "国际超模"),
    ("作为中国最大民营经纪公司的老板，王中磊表示，他很早就看好她。", "王中磊", "中国最大民营经纪公司的老板"),
    ("牟江平检察官还指出，此案证据确凿。", "牟江平", "检察官"),  # a person noun written after the name as a title
    ("林以诺牧师说，要彼此相爱。", "林以诺", "牧师"),
])
def test_a_role_in_an_as_phrase_or_a_person_noun_after_the_name(text, name, role):
    assert role_of(text, name) == role


@pytest.mark.parametrize("text, name, role", [
    ("北京市政府特约监察员、全国人大代表方志远表示，企业不能乱收费。", "方志远", "北京市政府特约监察员、全国人大代表"),
    ("广东家具商会执行会长兼秘书长蒋德辉说，行业正在洗牌。", "蒋德辉", "广东家具商会执行会长兼秘书长"),
])
def test_modifiers_of_an_office_stay_in_the_role(text, name, role):
    # jieba tags 特约 d and 执行 v: the walk over the role's words stopped at them
    assert role_of(text, name) == role


@pytest.mark.parametrize("text, name, others, role", [
    ("据林志颖的经纪人葛静琪表示，两人只是朋友。", "葛静琪", ("林志颖",), "林志颖的经纪人"),  # whose agent
    ("《全市场》的主编佩杜利亚说，球队需要补强。", "佩杜利亚", (), "《全市场》的主编"),  # a paper's editor
    ("来自费城的华裔社区代表林旭说，大家都很关心。", "林旭", (), "华裔社区代表"),  # a place before 的 is no part of it
    ("来自西安的学生王惠琪说，这里的老师很好。", "王惠琪", (), "学生"),
])
def test_what_stands_before_de_in_a_role(text, name, others, role):
    assert role_of(text, name, *others) == role


def test_a_role_held_for_a_person_changes_no_subject():
    # 尽管 before a name makes no subject (NOT_SUBJECT_AFTER); the role's words still start at 经纪人 for that rule
    text = "尽管阿比亚蒂的经纪人达米科曾经表示“阿比亚蒂将留在AC米兰”，但热那亚一直紧盯不放。\n"
    by_name, _ = run(text, tagging("阿比亚蒂", "达米科"))
    assert texts(by_name["达米科"]) == ["阿比亚蒂将留在AC米兰"]
    assert by_name["达米科"].role == "阿比亚蒂的经纪人"


def test_a_role_never_opens_inside_a_works_title():
    text = "而曾和郭敬明刚合作完专辑《听我的声音》的歌手韩红也表示，下一张专辑将不会再与郭敬明合作。"
    assert role_of(text, "韩红", "郭敬明") == "歌手"


def test_the_person_whose_agent_speaks_still_speaks_later():
    by_name, _ = run("林志颖的经纪人葛静琪表示，两人只是朋友。林志颖也说，他们只是普通朋友。\n", tagging("林志颖", "葛静琪"))
    assert texts(by_name["林志颖"]) == ["他们只是普通朋友。"]
    assert by_name["葛静琪"].role == "林志颖的经纪人"


def test_a_coordinator_before_a_country_ends_the_role():
    # 和 joins two bodies' names (劳工及福利局局长), not a place and the office of a country after it
    text = "迟浩田今天在钓鱼台国宾馆和美国国防部长科恩举行了会谈。科恩说，美方重视两军关系。"
    assert role_of(text, "科恩", "迟浩田") == "美国国防部长"


def test_an_as_phrase_that_says_what_the_person_does_is_no_role():
    assert role_of("作为刘翔的支持者，张涵予表示，他会一直支持下去。", "张涵予") is None


def test_on_behalf_of_a_person_named_after_an_occasion_is_no_role():
    # jieba reads 在会谈中 as one idiom (l); an idiom counts in a role only inside a body's name (有限责任/l 公司)
    text = "科恩在会谈中代表克林顿总统对地震造成的伤亡表示同情。他说，美国政府将提供援助。\n"
    by_name, _ = run(text, tagging("科恩", "克林顿"))
    assert "克林顿" not in by_name
    assert texts(by_name["科恩"])[-1] == "美国政府将提供援助。"


def test_a_short_gloss_in_brackets_stays_inside_the_role():
    assert role_of("北京商务中心区(CBD)管委会主任吴桂英说，企业要抓住机遇。", "吴桂英") == "北京商务中心区(CBD)管委会主任"
    assert role_of("上海张江(集团)有限公司总经理丁磊说，园区还会扩大。", "丁磊") == "上海张江(集团)有限公司总经理"
    # a dateline's reporter in brackets is no gloss
    assert role_of("新华社北京1月1日电（记者罗辉）国家主席江泽民今天表示，中国将继续改革开放。", "江泽民") == "国家主席"


def test_a_degree_after_the_name_replaces_no_role_before_it():
    text = "据凯尔特人队医布莱恩-麦克科恩博士透露，奥尼尔的右腿有旧伤。"
    assert role_of(text, "布莱恩-麦克科恩") == "凯尔特人队医"
