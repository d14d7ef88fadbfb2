"""Session 67: a star called by the last character of the given name doubled (春春 for 李宇春: the tagger rarely tags
the doubled form, and 春春还表示… was nobody's), never inside words (本国国情 holds no 国国 of 戴秉国), or by 阿 / 小 / 大
and letters (阿Sa); adverbs and times jieba tags between a name and a bare verb (外长利维４日愤然宣布辞职); a list closed by
等 and what they are, a coordinated subject of 希望, a pair word after an occasion or two countries' characters.
Every article here is invented for the test; `tagging(...)` finds exactly the names given. Each test fails before its
change but the guards (a doubled character shared by two names, a negation, a future or a plan before the verb, 等
before a verb phrase)."""
from __future__ import annotations

from zhnews.models.speech.vocab import SpeechConfig
from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_the_last_character_of_the_given_name_doubled_is_the_star():
    text = "对于第一次拍戏，李宇春开玩笑说自己像功夫熊猫。春春还表示，杀青那天她累得只想睡觉。\n"
    by_name, _ = run(text, tagging("李宇春"))
    assert list(by_name) == ["李宇春"]
    assert texts(by_name["李宇春"])[-1] == "杀青那天她累得只想睡觉。"


def test_a_doubled_character_inside_words_is_no_nickname():
    # 本国|国情: 国国 straddles two words, no mention of 戴秉国 inside his own words to cut them
    text = "国务委员戴秉国说，我们都在探索适合本国国情的发展道路。我们在资源领域各有优势，可以取长补短。\n"
    by_name, _ = run(text, tagging("戴秉国"))
    assert texts(by_name["戴秉国"]) == ["我们都在探索适合本国国情的发展道路。", "我们在资源领域各有优势，可以取长补短。"]


def test_a_doubled_character_two_names_share_is_nobodys():
    text = "李宇春和王春都出席了首映礼。春春表示，这部戏拍得很辛苦。\n"
    by_name, _ = run(text, tagging("李宇春", "王春"))
    assert not by_name


def test_adverbs_and_times_jieba_tags_between_a_name_and_a_bare_verb():
    text = "在激烈的争吵中，外长利维４日愤然宣布辞职，原因是他与总理在预算问题上分歧太大。\n"
    by_name, _ = run(text, tagging("利维"))
    assert texts(by_name["利维"]) == ["辞职，原因是他与总理在预算问题上分歧太大。"]
    text = "面对质疑，李四却突然表示自己会离开球队。\n"
    assert texts(run(text, tagging("李四"))[0]["李四"]) == ["自己会离开球队。"]


def test_a_negation_a_future_or_a_plan_of_before_between_a_name_and_a_bare_verb_is_no_cue():
    assert not run("面对质疑，张三从未表示自己会离开球队。\n", tagging("张三"))[0]
    assert not run("中常会结束后，马英九将明确宣布争取回任党主席的意愿。\n", tagging("马英九"))[0]
    assert not run("她发现，郑军原来承诺给她的煤球房也卖掉了。\n", tagging("郑军"))[0]


def test_a_list_closed_by_deng_and_what_they_are_before_a_bare_verb_speaks_each():
    text = "张万年、迟浩田等军委领导高度评价彭楚政同志的先进事迹。\n"
    by_name, _ = run(text, tagging("张万年", "迟浩田"))
    assert sorted(by_name) == ["张万年", "迟浩田"]
    assert texts(by_name["张万年"]) == texts(by_name["迟浩田"]) == ["彭楚政同志的先进事迹。"]


def test_a_list_closed_by_deng_with_a_count_before_a_comma_speaks_each():
    # 13组/zg 爱心艺人: a count and a measure jieba (without its HMM, as the pipeline runs it) tags as a morpheme; a
    # space before the comma
    text = "萧亚轩、张芸京、房祖名等13组爱心艺人 ，宣布推出义卖公益单曲。\n"
    by_name, _ = run(text, tagging("萧亚轩", "张芸京", "房祖名"), SpeechConfig(jieba_hmm=False))
    assert sorted(by_name) == sorted(["萧亚轩", "张芸京", "房祖名"])


def test_a_coordinated_subject_hoping_speaks_each():
    text = "在武警二总队，罗干、任建新希望武警部队继续发扬光荣传统。\n"
    by_name, _ = run(text, tagging("罗干", "任建新"))
    assert texts(by_name["罗干"]) == texts(by_name["任建新"]) == ["武警部队继续发扬光荣传统。"]


def test_a_list_closed_by_deng_before_a_clause_that_is_no_noun_phrase_is_no_subject():
    # 等 + a verb phrase (等人走上舞台): not what the persons are, no subject of the verb after it
    text = "会后，张三、李四等人走上舞台高度评价演出。\n"
    by_name, _ = run(text, tagging("张三", "李四"))
    assert "张三" not in by_name


def test_a_star_called_by_a_letter_nickname_speaks():
    # 阿Sa: 阿 + letters, as Hong Kong pages write a star the tagger tags; 她 is then hers, not 郑中基's
    text = "阿Sa和郑中基虽已分开，但二人的名字依然经常被扯在一起。不过阿Sa的大前提是以剧本为首，她说：“稍后要到沙漠拍摄新戏。”\n"
    by_name, _ = run(text, tagging("阿Sa", "郑中基"))
    assert list(by_name) == ["阿Sa"]
    assert texts(by_name["阿Sa"]) == ["稍后要到沙漠拍摄新戏。"]


def test_a_pair_word_after_an_occasion_or_two_countries_is_the_two_of_the_meeting():
    text = ("法国外长韦德里纳同俄罗斯外长普里马科夫举行会谈。两国外长２８日在巴黎会晤时已表示，他们倾向于通过外交途径解决危机。\n")
    by_name, _ = run(text, tagging("韦德里纳", "普里马科夫"))
    assert texts(by_name["韦德里纳"]) == texts(by_name["普里马科夫"]) == ["他们倾向于通过外交途径解决危机。"]
    text = "桥本龙太郎同来访的英国首相布莱尔举行了会谈。日英两国首相在会谈中一致认为，必须进一步密切双边关系。\n"
    by_name, _ = run(text, tagging("桥本龙太郎", "布莱尔"))
    assert texts(by_name["桥本龙太郎"]) == texts(by_name["布莱尔"]) == ["必须进一步密切双边关系。"]
