"""Speech attribution, session 56: a person named once and then by the surname alone before 说 / 答 / 回答 (夏说：“…”,
谢答：“…”), a familiar 老 / 小 + surname that is also a dictionary word (老王: left unresolved), and 介绍了 + an object,
which names a topic (介绍了中国的经济形势) and is no statement unless a colon opens the words after it. Every article here
is invented for the test; `tagging(...)` finds exactly the names given."""
from __future__ import annotations

import pytest

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


@pytest.mark.parametrize("verb", ["说", "答", "回答"])
def test_the_surname_alone_before_a_short_verb_is_the_person_named_before(verb):
    text = f"中国科学院研究员夏训诚昨天在北京接受了采访。夏{verb}：“这个结论将使人们摆脱气候危机的束缚。”\n"
    by_name, _ = run(text, tagging("夏训诚"))
    assert texts(by_name["夏训诚"]) == ["这个结论将使人们摆脱气候危机的束缚。"]


def test_the_surname_alone_is_nobodys_when_nobody_of_that_surname_was_named():
    text = "中国科学院研究员王建国昨天在北京接受了采访。夏说：“这个结论将使人们摆脱气候危机的束缚。”\n"
    by_name, _ = run(text, tagging("王建国"))
    assert "王建国" not in by_name


def test_a_familiar_form_that_is_a_word_stays_nobodys():
    # 老王 (190 uses in jieba's dictionary) is an address form and a word: beside 王建国 it is often someone else
    # (王建国的邻居老王告诉记者), so it is resolved only when jieba does not know it (under 50 uses: 小贺, 老钟)
    text = "王建国的邻居老王告诉记者：“他是个好人。”\n"
    by_name, _ = run(text, tagging("王建国"))
    assert "王建国" not in by_name


def test_an_introduced_topic_is_no_statement():
    text = "会见中，李岚清向客人介绍了中国的经济形势以及中国政府采取的措施。\n"
    by_name, _ = run(text, tagging("李岚清"))
    assert "李岚清" not in by_name


def test_an_introduction_with_a_colon_opens_the_words_after_it():
    text = "王建国介绍了壁纸安装的流程：先将墙面处理平整，再刷一遍基膜。\n"
    by_name, _ = run(text, tagging("王建国"))
    assert texts(by_name["王建国"]) == ["先将墙面处理平整，再刷一遍基膜。"]


def test_a_briefing_still_gives_its_object():
    # 通报了…情况 stays a statement, as the seed page's gold marks it (李萌通报了…推广情况)
    text = "科技部副部长李萌通报了支持中关村新一轮先行先试改革措施阶段性进展情况。\n"
    by_name, _ = run(text, tagging("李萌"))
    assert texts(by_name["李萌"]) == ["支持中关村新一轮先行先试改革措施阶段性进展情况。"]


def test_the_person_acting_toward_another_speaks_after_the_comma():
    text = "阿拉法特向克林顿递交了巴勒斯坦新的全国宪章，认为巴方的安全努力与以方的撤军应当并行。\n"
    by_name, _ = run(text, tagging("阿拉法特", "克林顿"))
    assert list(by_name) == ["阿拉法特"]
    assert texts(by_name["阿拉法特"]) == ["巴方的安全努力与以方的撤军应当并行。"]


def test_a_wish_for_success_is_a_statement():
    by_name, _ = run("朱镕基热情地预祝工程取得成功。\n", tagging("朱镕基"))
    assert texts(by_name["朱镕基"]) == ["工程取得成功。"]


def test_a_speech_in_the_first_person_keeps_its_own_verbs():
    # 我…感谢大家…，也预祝…: the speaker's words going on, not a new cue for the person cued before
    text = ("成思危表示，金融创新很重要。据统计，今年共有500人参会。"
            "我想再一次感谢大家来参加第五届年会，也预祝大会取得圆满成功，谢谢大家！\n")
    by_name, _ = run(text, tagging("成思危"))
    assert not any("圆满成功" in t for t in texts(by_name["成思危"]))


@pytest.mark.parametrize("conjunction", ["而", "但", "不过"])
def test_a_conjunction_before_the_person_leaves_them_the_subject(conjunction):
    text = f"加索尔希望能够回到自己的祖国效力，{conjunction}诺维茨基更是语出惊人，表示会考虑到中国发展。\n"
    by_name, _ = run(text, tagging("加索尔", "诺维茨基"))
    assert texts(by_name["诺维茨基"]) == ["会考虑到中国发展。"]


def test_de_written_for_di_before_the_verb_is_an_adverbial():
    text = "李琳一早就去菜场买了菜，无奈的说一起床想到每天200多的房贷，还是能节省就节省点吧！\n"
    by_name, _ = run(text, tagging("李琳"))
    assert texts(by_name["李琳"]) == ["一起床想到每天200多的房贷，还是能节省就节省点吧！"]


@pytest.mark.parametrize("text, name", [("日本著名学者大前研一说，台湾要想进军大陆，行动必须越快越好。\n", "大前研一"),
                                        ("马英九接见了大前研一。大前研一说，台湾要想进军大陆，行动必须越快越好。\n", "大前研一"),
                                        ("京瓷创始人稻盛和夫表示，企业要敬天爱人。\n", "稻盛和夫")])
def test_a_japanese_name_the_finder_misses_is_read_off_its_place(text, name):
    by_name, _ = run(text, tagging())  # the finder finds no name at all
    assert list(by_name) == [name]
