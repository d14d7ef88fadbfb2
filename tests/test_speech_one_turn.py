"""Speech attribution, session 63: a text that is one long turn under a name's label (崔力太：如果真是这样的话，…: a
transcript's turn pasted alone) is that person's words, though it says no 我; a headline run into its article
(孙占军：低调的大手笔□本报记者…。…) stays no turn. A transliterated name whose given name the finder left before the dash
(大卫-|里皮) is the whole name. Every `tagging(...)` finds exactly the names given."""
from __future__ import annotations

import pytest

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging

TURN = "崔力太：如果真是这样的话，也不必惊慌，在自己的室内用摆件和颜色来调整居室风水，也会有很好的效果"


@pytest.mark.parametrize("text", [TURN, TURN + "。", "[李肇星]:还愿意告诉大家，只要全面分析形势变化，充分估计困难挑战，坚定发展信心",
                                  "崔力太： 1993年拍卖，有一个油画家画过一张油画，不点名了，点名也麻烦"])  # (a space after the label)
def test_a_text_that_is_one_labelled_turn_is_the_labelled_persons_words(text):
    name = "李肇星" if "李肇星" in text else "崔力太"
    by_name, _ = run(text + "\n", tagging(name))
    assert list(by_name) == [name]
    start = text.index("：" if name == "崔力太" else ":") + 1
    assert texts(by_name[name]) == [text[start:].lstrip()]


@pytest.mark.parametrize("text", [
    # a headline run into the article: a sentence of the article ends after it
    "孙占军：低调的大手笔□本报记者 江沂 基金裕隆的掌门人显得有点低调，在网上能搜索到的采访报道不多。但从他们以往的投资经历可发现，"
    "他们往往有果断的大手笔。",
    # a short one, and one that quotes at once
    "王炯：不重暴利重长远",
    "王炯：“稳健是第一位的”，基金经理的这句话在业内流传很广，成为许多同行的座右铭",
])
def test_a_headline_under_a_name_is_no_turn(text):
    name = text[:3]
    by_name, _ = run(text + "\n", tagging(name))
    assert name not in by_name


def test_a_given_name_left_before_the_dash_joins_the_name():
    # the finder tags 里皮 alone (jieba files 大卫 as a noun); the speaker is 大卫-里皮, his role 基耶利尼的经纪人 (whose
    # agent he is, as the speech corpus's annotators wrote it: session 66)
    text = "基耶利尼的经纪人大卫-里皮对此说：“基耶利尼这样一名重要的球员不会走。”\n"
    by_name, speakers = run(text, tagging("基耶利尼", "里皮"))
    assert list(by_name) == ["大卫-里皮"]
    assert texts(by_name["大卫-里皮"]) == ["基耶利尼这样一名重要的球员不会走。"]
    assert speakers[0].role == "基耶利尼的经纪人"


def test_a_dash_between_two_places_joins_no_name():
    text = "中国-巴西的比赛结束后，巴西主帅邓加表示很满意。\n"
    by_name, _ = run(text, tagging("邓加"))
    assert list(by_name) == ["邓加"]


@pytest.mark.parametrize("text, name", [
    ("“我把作品送过去第5天，就接到电话通知说我获奖了”，孙何方说，当时还只是7月份。\n", "孙何方"),  # 何方: a word
    ("“他们对价格信息的获取，还没有从旧的系统中脱离出来，”常清说，市场交易每天都在发生。\n", "常清"),  # the comma in the quote
])
def test_a_name_the_finder_missed_right_after_a_quote_speaks(text, name):
    by_name, _ = run(text, tagging())
    assert list(by_name) == [name]
    assert len(by_name[name].statements) == 2


@pytest.mark.parametrize("text", ["“这件事情我们会认真处理。”，高层说，市场交易每天都在发生。\n",
                                  "“这件事情我们会认真处理，”马上说，市场交易每天都在发生。\n"])
def test_a_common_word_after_a_quote_is_no_name(text):
    by_name, _ = run(text, tagging())
    assert not set(by_name) & {"高层", "马上"}


def test_a_name_opening_the_text_joins_nothing_before_it():
    # (a name at offset 0 has no mark before it: the text's last word, a given name here, is not read as one)
    text = "奥巴马表示，美国经济正在复苏，就业也在增加。记者随后见到了约翰。"
    by_name, _ = run(text, tagging("奥巴马"))
    assert texts(by_name["奥巴马"]) == ["美国经济正在复苏，就业也在增加。"]


@pytest.mark.parametrize("text, name", [
    ("代表吴鹏出庭的商建刚律师介绍，仲裁程序中没有查明争议域名早就注册。\n", "商建刚"),
    ("该校周国正校长表示，报名对象至少要满足以下任一条件。\n", "周国正"),
])
def test_a_name_jieba_reads_before_a_title_and_a_verb_speaks(text, name):
    # the finder misses the name (tagging() finds only 吴鹏): jieba with its HMM reads it before the title
    by_name, _ = run(text, tagging("吴鹏"))
    assert list(by_name) == [name]


@pytest.mark.parametrize("text, name, words", [
    ("罗嘉良更大赞妻子性感的露背衫装扮完美。\n", "罗嘉良", "妻子性感的露背衫装扮完美。"),
    ("记者联系了镇党委副书记李康，他也坦诚确实有这样一个制度。\n", "李康", "确实有这样一个制度。"),
    ("韦学云本人则交待称是在农业银行门口。\n", "韦学云", "是在农业银行门口。"),
])
def test_praise_candour_and_an_account_report_words(text, name, words):
    by_name, _ = run(text, tagging(name))
    assert texts(by_name[name]) == [words]


def test_a_body_pointed_back_to_gives_way_to_the_title_after_the_name():
    by_name, speakers = run("该校周国正校长表示，报名对象至少要满足以下任一条件。\n", tagging("周国正"))
    assert speakers[0].role == "校长"
    _, speakers = run("该公司董事长张伟表示，报名对象至少要满足以下任一条件。\n", tagging("张伟"))
    assert speakers[0].role == "该公司董事长"  # (a title of its own: the role as written)
