"""Speech attribution: the conventions added in session 50 from the development splits' missed speakers (issue 15):
a list of speakers whose roles open with an organisation the finder tags whole, a name joined by 和 to a titled name
before an occasion, a name that is also a dictionary word right after a title. Every article here is invented for
the test; `tagging(...)` finds exactly the names given, `tagging_bodies` the organisations too, as the learned
finder does."""
from __future__ import annotations

from zhnews.models.schema import Entity
from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def tagging_bodies(people: tuple[str, ...], bodies: tuple[str, ...]):
    """`tagging(*people)` plus every occurrence of `bodies` as ORG (the learned finder tags 大连艺术研究所 whole)."""
    persons = tagging(*people)

    def finder(sentences):
        out = persons(sentences)
        for s, ents in zip(sentences, out):
            for body in bodies:
                i = s.find(body)
                while i >= 0:
                    ents.append(Entity(i, i + len(body), "ORG", body))
                    i = s.find(body, i + len(body))
            ents.sort(key=lambda e: e.start)
        return out
    return finder


def test_a_list_of_speakers_whose_roles_open_with_an_organisation():
    # jieba cuts 大连|艺术研究所: the role's walk stops at 艺术, the finder's organisation makes the role whole, and
    # what lies between the names is 、 alone: all three say it
    text = ("研讨会在北京举行。中国戏曲学院教授沈达文、上海京剧院艺术总监黎中平、大连艺术研究所研究员马明远等认为，"
            "京剧要赢得观众，就必须转变观念。\n")
    finder = tagging_bodies(("沈达文", "黎中平", "马明远"), ("中国戏曲学院", "上海京剧院", "大连艺术研究所"))
    by_name, _ = run(text, finder)
    assert set(by_name) == {"沈达文", "黎中平", "马明远"}
    assert by_name["马明远"].role == "大连艺术研究所研究员"
    for name in by_name:
        assert texts(by_name[name]) == ["京剧要赢得观众，就必须转变观念。"]


def test_a_name_joined_by_and_to_a_titled_name_before_an_occasion_speaks_with_it():
    # 施瓦布和论坛执行主席斯马亚在…记者招待会上说: one subject of two (not 王建国在会见李德明时表示, whose 李德明 is met)
    text = "论坛年会下周开幕。施瓦布和论坛执行主席斯马亚在日内瓦举行的记者招待会上说，议题将包括金融危机的影响。\n"
    by_name, _ = run(text, tagging("施瓦布", "斯马亚"))
    assert set(by_name) == {"施瓦布", "斯马亚"}
    assert by_name["斯马亚"].role == "论坛执行主席"
    for name in by_name:
        assert texts(by_name[name]) == ["议题将包括金融危机的影响。"]


def test_the_one_met_before_an_occasion_still_does_not_speak():
    text = "会谈在北京举行。王建国在会见李德明时表示，两国合作前景广阔。\n"
    by_name, _ = run(text, tagging("王建国", "李德明"))
    assert list(by_name) == ["王建国"]


def test_a_dictionary_word_the_finder_tags_after_a_title_is_a_name():
    # 培根 (bacon) and 马里 (Mali) are dictionary words `plausible_name` turns down; right after a person's title,
    # in a clause that ends in a reporting verb, they are the speaker's name
    text = ("美国准备军事打击。五角大楼发言人培根在２７日的吹风会上说，打击目标包括生化武器部署之地。\n"
            "印尼财政部长马里十二月三十一日在雅加达宣布，四家国营银行将合并。\n")
    by_name, _ = run(text, tagging("培根", "马里"))
    assert set(by_name) == {"培根", "马里"}
    assert by_name["培根"].role == "五角大楼发言人"
    assert texts(by_name["培根"]) == ["打击目标包括生化武器部署之地。"]
    assert texts(by_name["马里"]) == ["四家国营银行将合并。"]


def test_a_dictionary_word_without_a_title_or_a_verb_stays_no_name():
    # the same words elsewhere: a country before a title, bacon in a sentence that reports nothing
    text = "马里总统在会上说，两国关系良好。\n超市里的培根在促销，售货员说，价格下调了。\n"
    by_name, _ = run(text, tagging("马里", "培根"))
    assert "马里" not in by_name and "培根" not in by_name
