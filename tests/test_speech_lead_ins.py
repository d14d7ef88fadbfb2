"""Session 71: what stands before a speaker in their own clause. A sentence opening with a surname and a given name
that is a word (郝文理表示，…: 文理, arts and sciences; the finder missed the name), a 作为…的 phrase before the person
a later 他 stands for (作为男一号的赵立伟…，…的他表示), a 正如 phrase holding a role and a name in Latin letters, a claim
as its maker made it (…宣称的那样——“…”), and the lead-in of the next cue's clause (，另|一位女演员李诚洁也喊道 /
，对此|李四认为), which is no part of the statement before it. What stands between a speaker and the verb: a place
holding another person (莱利在他的著作中指出), what they point at or hold (王祥指着脸上的伤告诉记者), standing up, a
manner in quotes, a while ago (前段时间宣布), 老人 after a name as its title. Whose clause it is: the doer's before when
it names only whom the words are for (他看到…，便回过头来对馆长李象一说), nobody named inside 在…后 (在埃里克·列夫言论公布后
…表示), the name's after 因为 / 虽然 (还因为张国华认为…), not after 如果. Every text here is invented for the test;
`tagging(...)` finds exactly the names given. Each case but the guards fails before the change."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_sentence_opening_surname_before_a_word_is_a_name_before_a_reporting_verb():
    by_name, _ = run("郝文理表示，他和妻子五年前搬到北京居住。\n", tagging())
    assert texts(by_name["郝文理"]) == ["他和妻子五年前搬到北京居住。"]


def test_a_surname_before_a_common_person_noun_is_no_name():
    assert run("栾老人说：这一切都是由于党的政策好。\n", tagging())[0] == {}  # an old man named 栾
    assert run("罗警方说，伪造假币的犯罪集团去年开始活动。\n", tagging())[0] == {}  # the Romanian police


def test_a_pronoun_after_an_as_phrase_stands_for_the_person_it_describes():
    text = "作为男一号的赵立伟饰演周克明，接戏以剧本为第一要诀的他表示，这种戏的本子会让每一个演员有参与的欲望。\n"
    by_name, _ = run(text, tagging("赵立伟", "周克明"))
    assert list(by_name) == ["赵立伟"]
    assert texts(by_name["赵立伟"]) == ["这种戏的本子会让每一个演员有参与的欲望。"]


def test_an_as_phrase_with_a_role_and_a_latin_name_before_the_words_agreed_with():
    text = "正如Blue Harbor Denim创意总监Mark Wilson所说：“牛仔裤会是世上永恒的主题。”\n"
    by_name, _ = run(text, tagging("Mark Wilson"))
    assert texts(by_name["Mark Wilson"]) == ["牛仔裤会是世上永恒的主题。"]


def test_the_next_cues_lead_in_ends_the_statement_before_it():
    text = ("女主角王欧在戏里被爱人背叛，她还透露自己“拍剧那两个月听到电话铃声都会颤一下”，另一位女演员李诚洁随后也喊道："
            "“其实我们大家都很纠结。”\n")
    by_name, _ = run(text, tagging("王欧", "李诚洁"))
    assert texts(by_name["王欧"]) == ["自己“拍剧那两个月听到电话铃声都会颤一下”"]
    assert texts(by_name["李诚洁"]) == ["其实我们大家都很纠结。"]
    by_name, _ = run("王五表示，经济形势很好，对此李四认为，还要观察。\n", tagging("王五", "李四"))
    assert texts(by_name["王五"]) == ["经济形势很好"]
    assert texts(by_name["李四"]) == ["还要观察。"]


def test_a_person_inside_where_the_speaker_speaks_is_no_subject():
    text = "帕特-莱利在他的著作《SHOWTIME》中直接指出，困扰球队卫冕的最大障碍是要的更多。\n"
    by_name, _ = run(text, tagging("帕特-莱利"))
    assert texts(by_name["帕特-莱利"]) == ["困扰球队卫冕的最大障碍是要的更多。"]


def test_what_the_speaker_points_at_or_holds_stands_between_them_and_the_verb():
    by_name, _ = run("老人王永祥指着脸上的伤告诉记者，他很委屈。\n", tagging("王永祥"))
    assert texts(by_name["王永祥"]) == ["他很委屈。"]
    by_name, _ = run("王永祥握着记者的手说，谢谢你们。\n", tagging("王永祥"))
    assert texts(by_name["王永祥"]) == ["谢谢你们。"]


def test_an_old_mans_title_after_his_name_and_a_while_ago_before_the_verb():
    text = "“这是我们卢家的族谱，已经记载了19代人”，卢永仁老人告诉记者，这本族谱并不是原本。\n"
    by_name, _ = run(text, tagging("卢永仁"))
    assert texts(by_name["卢永仁"]) == ["这是我们卢家的族谱，已经记载了19代人", "这本族谱并不是原本。"]
    by_name, _ = run("自由球员马特-巴恩斯前段时间宣布推迟公布自己的去向。\n", tagging("马特-巴恩斯"))
    assert texts(by_name["马特-巴恩斯"]) == ["推迟公布自己的去向。"]


def test_standing_up_or_a_quoted_manner_between_the_speaker_and_the_verb():
    by_name, _ = run("冲刺后，因扎多停下来表示自己无法再坚持。\n", tagging("因扎多"))
    assert texts(by_name["因扎多"]) == ["自己无法再坚持。"]
    text = "自称“不差钱”的朱佰玲“果断”地说：“没有中奖”，便将彩票丢进废纸箱里。\n"
    by_name, _ = run(text, tagging("朱佰玲"))
    assert texts(by_name["朱佰玲"]) == ["没有中奖"]


def test_a_clause_naming_only_whom_the_words_are_for_is_the_doer_befores():
    text = ("指南车模型引起了李正道教授的兴趣，他看到这两种车都是利用木制齿轮转动，便回过头来对馆长李象一说："
            "“几年前我在西安看到木车模型。”\n")
    by_name, _ = run(text, tagging("李正道", "李象一"))
    assert list(by_name) == ["李正道"]
    assert texts(by_name["李正道"]) == ["几年前我在西安看到木车模型。"]


def test_a_person_inside_a_time_clause_opened_by_zai_is_no_subject():
    text = "该公司在埃里克·列夫言论公布后立即发表声明表示，公司将在未来10至20年内盈利。\n"
    assert run(text, tagging("埃里克·列夫"))[0] == {}  # the company speaks, unnamed
    by_name, _ = run("王五在李四讲话时表示，这里很好。\n", tagging("王五", "李四"))
    assert list(by_name) == ["王五"]  # the one before the clause
    by_name, _ = run("在张三看来，这件事不好。\n", tagging("张三"))  # guard: 在…看来 is the person's view
    assert texts(by_name["张三"]) == ["这件事不好。"]


def test_a_reason_or_a_concession_before_the_speaker_keeps_the_words_said():
    by_name, _ = run("反对儿子拍电视剧，还因为张国华认为电视每天拍得天昏地暗。\n", tagging("张国华"))
    assert texts(by_name["张国华"]) == ["电视每天拍得天昏地暗。"]
    by_name, _ = run("虽然导演张伟明表示，这部片子很好。\n", tagging("张伟明"))
    assert texts(by_name["张伟明"]) == ["这部片子很好。"]
    assert run("如果张伟明表示同意，公司就扩产。\n", tagging("张伟明"))[0] == {}  # guard: only supposed


def test_a_claim_as_a_person_made_it_then_the_quote():
    text = "显然，公司上市是真缺钱，而不是其董事长埃里克·列夫宣称的那样——“公司将会‘疯狂盈利’”，否则公司也不必发表声明。\n"
    by_name, _ = run(text, tagging("埃里克·列夫"))
    assert texts(by_name["埃里克·列夫"]) == ["公司将会‘疯狂盈利’"]
