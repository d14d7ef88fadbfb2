"""Session 70: a person's details in brackets holding commas (谢桂秀(女，46岁，…)报案称：…) are no clause break;
words said to someone (遭到 / 受到 + the one speaking + verb) are not theirs; a site in Latin letters as the occasion
(在Twitter微博公开表示); 自称 with the words right after it (刘永习自称没有卖); a tease or a retort with its
punctuation (被…的刘德华取笑：“…”); a name's alias in brackets no second doer before a zero-subject verb (刘德华(华仔)
1日从大陆返港，在机场坦承…). Every text here is invented for the test; `tagging(...)` finds exactly the names given.
Each case but the guards fails before the change."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_commas_inside_a_bracketed_aside_break_no_clause():
    text = "派出所接到赵桂芳(女，46岁，广西人，死者保姆)报案称：其于当天8时左右外出买菜。\n"
    by_name, _ = run(text, tagging("赵桂芳"))
    assert texts(by_name["赵桂芳"]) == ["其于当天8时左右外出买菜。"]


def test_words_said_to_someone_are_not_theirs():
    assert run("王刚遭到同学嘲讽，他很难过。\n", tagging("王刚"))[0] == {}
    assert run("王刚受到老师批评，他很难过。\n", tagging("王刚"))[0] == {}
    # guards: an occasion with 受到 in it, and a person after 被 who does the speaking
    by_name, _ = run("王刚在受到表彰后表示，他很高兴。\n", tagging("王刚"))
    assert texts(by_name["王刚"]) == ["他很高兴。"]
    text = "奖没拿到，还被当年也落选的李华取笑：“因为我输得比较多，所以有经验。”\n"
    by_name, _ = run(text, tagging("李华"))
    assert texts(by_name["李华"]) == ["因为我输得比较多，所以有经验。"]


def test_a_site_in_latin_letters_is_an_occasion():
    text = "制作人山田一郎在Twitter微博公开表示自己对游戏很满意。\n"
    by_name, _ = run(text, tagging("山田一郎"))
    assert texts(by_name["山田一郎"]) == ["自己对游戏很满意。"]


def test_zicheng_with_the_words_right_after_it():
    text = "城管队员上前劝其离开，孙永福自称没有卖，并不愿意离开。\n"
    by_name, _ = run(text, tagging("孙永福"))
    assert texts(by_name["孙永福"]) == ["没有卖，并不愿意离开。"]
    assert run("一位自称是孙永福的网友在网上留言。\n", tagging("孙永福"))[0] == {}  # guard: who they claim to be


def test_a_name_in_brackets_after_the_doer_is_the_same_person():
    text = "张学友(歌神)1日从大陆返港，在机场坦承已婚，但还没有小孩。\n"
    by_name, _ = run(text, tagging("张学友", "歌神"))
    assert texts(by_name["张学友"]) == ["已婚，但还没有小孩。"]

