"""Speech attribution, session 60: coordinated subjects the rules read only in part (issue 15's error class 李强、王伟表示
-> only 王伟) — a list opened by 包括 and closed by 在内 (包括沈联涛、李昌镛、李稻葵在内的专家一致认为: each of them), a
pair word right after the names it stands for (陈奕迅和李克勤两人都表示: both), a short aside after a name that is no part
of the joint (王芳（女）、李明都表示), a list read across Sina's link labels (高洪波(微博)、李霄鹏(微博)都表示: `text.normalise`
reads them out), 和 the finder glued to a name before a title and a second name (导演彭顺和|主演李心洁: the conjunction);
and a kinship word before a name the finder missed, as a title is (成龙的儿子房祖名表示). Every `tagging(...)` finds
exactly the names given."""
from __future__ import annotations

import pytest

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging
from zhnews.models.text import normalise


@pytest.mark.parametrize("lead", ["包括", "其中包括"])
def test_a_list_opened_by_baokuo_and_closed_by_zainei_speaks_together(lead):
    text = (f"在昨天的年会上，{lead}香港证监会前主席沈联涛、亚洲开发银行首席经济学家李昌镛、清华大学教授李稻葵在内的专家"
            "一致认为，人民币将成为一种世界货币。\n")
    by_name, _ = run(text, tagging("沈联涛", "李昌镛", "李稻葵"))
    assert sorted(by_name) == ["李昌镛", "李稻葵", "沈联涛"]
    assert texts(by_name["沈联涛"]) == texts(by_name["李稻葵"]) == ["人民币将成为一种世界货币。"]


def test_a_list_after_baokuo_that_is_an_object_does_not_speak():
    text = "他批评了包括张国华、李建明在内的官员，认为他们失职。\n"
    by_name, _ = run(text, tagging("张国华", "李建明"))
    assert not by_name


@pytest.mark.parametrize("pair", ["两人", "二人", "他们"])
def test_a_pair_word_right_after_the_names_is_both_of_them(pair):
    text = f"歌手陈奕迅和李克勤{pair}都表示，档期不合，只好避席。\n"
    by_name, _ = run(text, tagging("陈奕迅", "李克勤"))
    assert sorted(by_name) == ["李克勤", "陈奕迅"]
    assert texts(by_name["陈奕迅"]) == texts(by_name["李克勤"]) == ["档期不合，只好避席。"]


def test_a_pair_word_after_three_names_is_not_them():
    text = "张国华、李建明、王志强两人都表示，档期不合。\n"
    by_name, _ = run(text, tagging("张国华", "李建明", "王志强"))
    assert "张国华" not in by_name


def test_a_list_with_link_labels_after_its_names_speaks_together():
    raw = "国家队主教练高洪波(微博)、助理教练李霄鹏(微博)都表示，球队状态很好。\n"
    norm = normalise(raw)
    by_name, _ = run(norm.text, tagging("高洪波", "李霄鹏"))
    assert sorted(by_name) == ["李霄鹏", "高洪波"]
    statement = by_name["高洪波"].statements[0]
    assert norm.span(statement.start, statement.end).text == "球队状态很好。"


@pytest.mark.parametrize("kin", ["儿子", "女儿", "公公"])
def test_a_name_the_finder_missed_after_a_kinship_word_speaks(kin):
    text = f"成龙的{kin}房祖名表示今天是来为自己将来的婚礼见习的。\n"
    by_name, _ = run(text, tagging("成龙"))
    assert sorted(by_name) == ["房祖名"]
    assert texts(by_name["房祖名"]) == ["今天是来为自己将来的婚礼见习的。"]


def test_a_kinship_word_before_no_name_is_no_speaker():
    text = "成龙的儿子今天表示不会参加。\n"
    by_name, _ = run(text, tagging("成龙"))
    assert "成龙" not in by_name and len(by_name) == 0


def test_he_glued_to_a_name_before_a_title_and_a_name_is_the_conjunction():
    # the finder read 彭顺和 (和 is a given name's last character often enough: 赖中和); a title and a second name
    # after it make it the conjunction, so 主演 stays 李心洁's role instead of the two running together
    text = "电影今日举行媒体见面会，导演彭顺和主演李心洁、霍思燕更大玩催眠游戏。李心洁表示，拍摄很辛苦。彭顺说，这是好电影。\n"
    by_name, _ = run(text, tagging("彭顺和", "李心洁", "霍思燕", "彭顺"))
    assert sorted(by_name) == ["彭顺", "李心洁"]
    assert by_name["李心洁"].role == "主演" and by_name["彭顺"].role == "导演"


@pytest.mark.parametrize("aside", ["（女）", "（化名）", "（59岁）"])
def test_a_short_aside_after_a_name_is_no_part_of_the_joint(aside):
    text = f"全国人大代表王芳{aside}、李明都表示，要把家乡建设好。\n"
    by_name, _ = run(text, tagging("王芳", "李明"))
    assert sorted(by_name) == ["李明", "王芳"]
