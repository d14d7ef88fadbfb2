"""Session 69: a name in Latin letters the finder tags a person, but which `plausible_name` keeps out alone (one bare
word, all capitals, lower case: finders tag brands so), is a person where the text shows it is one: a role or title
right before it (总裁ALLEN GE), a portal's link to a star's page after it (Ella(听歌)), a turn's label opening a
sentence (King：…), 他 / 她 opening a later clause of its sentence (…的Angelababy，…，她说), or words quoted after a
verb of speech a few characters on (Ella更是开玩笑说：“…”), a pair whose second speaks (ELLA与HEBE表示); two
capitalised words no finder tags before an occasion and a verb (Marc Jacobs在被问及…时说); a tagged name that is a
dictionary word labelling a turn (严明：…). Every text here is invented for the test; `tagging(...)` finds exactly the
names given. The nine positive cases fail before the change; the others guard (a brand tagged a person with none of
the signs, an object of 与, a company's word, an acronym, a site before the word, a word explained, an object before
the quote's verb, the dictionary word inside a sentence)."""
from __future__ import annotations

import pytest

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


@pytest.mark.parametrize("text, name, words", [
    ("正如奥的斯电梯公司总裁ALLEN GE所说，奥的斯是一个可信赖的企业。\n", "ALLEN GE", "奥的斯是一个可信赖的企业。"),
    ("丹麦集团中国区总经理jakob sonnenberg日前冷静表示，公司将每月新开一家店。\n", "jakob sonnenberg",
     "公司将每月新开一家店。"),
    ("台北的电台节目上，Ella(听歌)说妈妈早已规划拿消费券办年货。\n", "Ella", "妈妈早已规划拿消费券办年货。"),
    ("King：首先是关注人群要多，而且要有激情，我们一直在做这方面的努力。\n", "King",
     "首先是关注人群要多，而且要有激情，我们一直在做这方面的努力。"),
    ("被日本传媒封为“香港女神”的Angelababy，今年成功杀入日本发展，她说：“外界会说我今年丰收。”\n", "Angelababy",
     "外界会说我今年丰收。"),
    ("比如从加拿大回香港参选的23岁Dirren，他表示心情太紧张，要喝啤酒定神。\n", "Dirren", "心情太紧张，要喝啤酒定神。"),
    ("门票已经销售一空，目前染得一头红发的Ella更是开玩笑说：“我们红运当头啦。”\n", "Ella", "我们红运当头啦。"),
])
def test_a_latin_name_tagged_a_person_with_a_sign_that_it_is_one_speaks(text, name, words):
    by_name, _ = run(text, tagging(name))
    assert list(by_name) == [name]
    assert texts(by_name[name]) == [words]


def test_a_name_that_is_a_dictionary_word_labels_a_turn():
    # 严明 (strict) is a word: a finder's name turned down, unless it labels a turn opening the text
    text = "严明：一般说涂料里面是家居装修中污染比较大的一块，我们一直在做环保涂料的推广工作。\n"
    assert texts(run(text, tagging("严明"))[0]["严明"]) == ["一般说涂料里面是家居装修中污染比较大的一块，我们一直在做环保涂料的推广工作。"]
    assert run("记者看到，严明的纪律是这支队伍的特点。\n", tagging("严明"))[0] == {}


def test_a_pair_whose_second_speaks_and_two_latin_words_after_an_occasion():
    text = "看到陶子姐怀孕的喜悦，ELLA与HEBE表示要生小孩也是要慎选基因的。\n"
    by_name, _ = run(text, tagging("ELLA", "HEBE"))
    assert sorted(by_name) == ["ELLA", "HEBE"]
    # a given name and a family name no finder tags, an occasion before the verb (was: the verb right after it)
    text = "Marc Jacobs在被问及今年秋冬的长裙时说：“基本上这是一个改革的过程。”\n"
    assert texts(run(text, tagging())[0]["Marc Jacobs"]) == ["基本上这是一个改革的过程。"]


@pytest.mark.parametrize("text, name", [
    ("新款iPhone的销量很好，记者昨天在店里看到排队的人很多，他说这是常态。\n", "iPhone"),  # a thing, no sign
    ("王明与Selina合唱了一首歌，他说这首歌很难唱。\n", "Selina"),  # the object of 与: 他 is 王明's
    ("公司总裁Google表示，明年将扩张。\n", "Google"),  # a company's word, whatever stands before it
    ("节目主持人NBA表示，比赛很精彩。\n", "NBA"),  # three capitals: an acronym
    ("美国新闻网站Bayarea的编辑，他说商店将关门。\n", "Bayarea"),  # a site named before the word
    ("要知道game不光可以表示“游戏”，还可以表示“猎物”。\n", "game"),  # a word explained, no capital
    ("2007年乔布斯向人们展示iPhone并宣称“它将会改变世界”。\n", "iPhone"),  # an object, before the quote's verb
])
def test_a_latin_word_without_a_sign_or_with_a_body_before_it_stays_no_speaker(text, name):
    by_name, _ = run(text, tagging(name))
    assert name not in by_name



def test_a_piece_of_a_longer_latin_name_is_not_taken_for_the_name():
    # a finder tags MARIA alone: the role before it is the whole name's, which `latin_names` reads with its title
    text = "记者专访了西班牙驻华使馆领事MARIA FACHAL女士。MARIA FACHAL女士表示，来西班牙留学的中国学生会增长。\n"
    assert list(run(text, tagging("MARIA"))[0]) == ["MARIA FACHAL"]
