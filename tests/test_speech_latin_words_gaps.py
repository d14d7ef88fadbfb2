"""Speech attribution, session 65: one word in Latin letters that the name finder tags a person speaks when a reporting
verb follows it (GiGi兴奋地表示, Mark则表示, Grigorovitch回应说), not when a site, paper or firm is named before it or
the verb opens a longer word; what may stand between a speaker and a verb with no punctuation after it (先后, 首次,
首度, 终于, 亲自, 对外, 面对媒体, 对本报记者; not 先 alone: a tagger runs names into 起先); a verb with no subject of
its own after a clause whose nearest person is its verb's object (姜宗福实名发帖炮轰张艺谋，称…): the clause's subject
speaks, unless the clause is inside someone's words. Every `tagging(...)` finds exactly the names given."""
from __future__ import annotations

import pytest

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


@pytest.mark.parametrize("text, name, words", [
    ("GiGi兴奋地表示：“工作的时候我们为了省时间只有叫外卖吃。”\n", "GiGi", "工作的时候我们为了省时间只有叫外卖吃。"),
    ("Xfire总裁Mark则表示产品将很快打入中国。\n", "Mark", "产品将很快打入中国。"),
    ("但Grigorovitch回应说，这就是第二部资料片的名字。\n", "Grigorovitch", "这就是第二部资料片的名字。"),
    ("ELLA与HEBE聊天时，HEBE表示要生小孩也是要慎选基因的。\n", "HEBE", "要生小孩也是要慎选基因的。"),
    # the words open with what the gap's last alternative (two to six characters and 的) would take for a manner and
    # swallow the verb with: 认为对她而言的
    ("歌迷反应热烈，Theresa认为对她而言的确是强心针。\n", "Theresa", "对她而言的确是强心针。"),
])
def test_one_latin_word_tagged_a_person_speaks_before_a_reporting_verb(text, name, words):
    by_name, _ = run(text, tagging(name))
    assert list(by_name) == [name]
    assert texts(by_name[name]) == [words]


@pytest.mark.parametrize("text, name", [
    ("美国新闻网站InsideBayArea近日发表文章称，全球最大的电子产品商店将关门。\n", "InsideBayArea"),  # a site
    ("国外著名投资网站Seekingalpha分析师称，阿里巴巴的估值过高。\n", "Seekingalpha"),  # 分析 + 师: no verb
    ("Mark的新书出版了，销量不错。\n", "Mark"),  # no reporting verb after it
    ("CEO表示，产品将很快打入中国。\n", "CEO"),  # three capitals: an acronym
])
def test_one_latin_word_is_no_speaker_without_its_verb_or_after_a_site(text, name):
    by_name, _ = run(text, tagging(name))
    assert by_name == {}


def test_one_latin_word_that_spoke_is_a_name_where_no_verb_follows_it():
    # once the word has spoken it is a name, and its later mention is that person's (向歌迷保证：“…”)
    text = "Theresa认为，这的确是强心针。Theresa向歌迷保证：“我不会放弃唱歌。”\n"
    by_name, _ = run(text, tagging("Theresa"))
    assert texts(by_name["Theresa"]) == ["这的确是强心针。", "我不会放弃唱歌。"]


@pytest.mark.parametrize("gap", ["先后", "首次", "首度", "终于", "亲自", "对外", "面对媒体", "日前对本报记者", "向新华社记者"])
def test_adverbs_and_whom_between_a_speaker_and_a_bare_verb(gap):
    text = f"吴奇隆{gap}透露婚后两年夫妻只见了五次面。\n"
    by_name, _ = run(text, tagging("吴奇隆"))
    assert texts(by_name["吴奇隆"]) == ["婚后两年夫妻只见了五次面。"]


def test_the_subject_of_the_clause_before_speaks_when_the_person_nearest_is_its_object():
    text = "日前，湖南省临湘副市长姜宗福实名发帖炮轰张艺谋，称其印象“创意”搞乱中国。\n"
    by_name, _ = run(text, tagging("姜宗福", "张艺谋"))
    assert list(by_name) == ["姜宗福"]
    assert texts(by_name["姜宗福"]) == ["其印象“创意”搞乱中国。"]


@pytest.mark.parametrize("text, names, speaker, words", [
    # the clause opens inside 丘尔金's words: 潘基文 does not start speaking there
    ("丘尔金还表示，潘基文秘书长已派遣代理主管哈雷前往刚果(金)，要求他与该国政府进行会谈。\n", ("丘尔金", "潘基文", "哈雷"),
     "丘尔金", ["潘基文秘书长已派遣代理主管哈雷前往刚果(金)，要求他与该国政府进行会谈。"]),
    # the subject reports in that very clause (表示支持…德拉吉): 预计 goes on with her words, no second statement
    ("默克尔已表示支持欧央行行长德拉吉应对危机的策略，预计德拉吉的新方案将包括采购主权债。\n", ("默克尔", "德拉吉"),
     "默克尔", ["支持欧央行行长德拉吉应对危机的策略，预计德拉吉的新方案将包括采购主权债。"]),
])
def test_no_new_speaker_from_an_object_inside_someones_words(text, names, speaker, words):
    by_name, _ = run(text, tagging(*names))
    assert list(by_name) == [speaker]
    assert texts(by_name[speaker]) == words


def test_a_name_run_into_an_adverb_does_not_speak_through_its_last_character():
    # a tagger read 拉法耶起 (起先: at first); 先 alone between a speaker and a bare verb would make it speak
    text = "国际泳联主席拉法耶起先觉得减“刑”措施可能会使泳联同其他组织保持协调一致。\n"
    by_name, _ = run(text, tagging("拉法耶起"))
    assert by_name == {}


def test_the_verb_before_the_object_lies_after_the_subjects_name():
    # a tagger read 乔石祝 (祝 the verb): 祝|克雷库 inside the name makes no subject of the clause before 表示
    text = "乔石祝克雷库这次访华取得成功，并表示相信中贝关系将进一步发展。\n"
    by_name, _ = run(text, tagging("乔石祝", "克雷库"))
    assert "乔石祝" not in by_name


@pytest.mark.parametrize("text", [
    "美国新闻网站InsideBayArea称，全球最大的电子产品商店将关门。\n",  # a site's suffix, then the site's name
    "VIPABC的母公司TutorGroup表示，今年将在大陆扩张。\n",  # a firm's
])
def test_one_latin_word_no_tagger_finds_after_an_organisation_is_its_name(text):
    by_name, _ = run(text, tagging())
    assert by_name == {}


def test_one_latin_word_no_tagger_finds_after_a_title_still_speaks():
    by_name, _ = run("汇丰北美CEOIreneDorner表示，美国经济正在复苏。\n", tagging())
    assert texts(by_name["IreneDorner"]) == ["美国经济正在复苏。"]
