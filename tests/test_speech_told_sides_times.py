"""Session 69: whom a verb of telling names before the words (告诉笔者他于… with no comma, 告诉我，…, 告诉《法制日报》
记者，…) stepped over; a name's side speaking for them (贾静雯方面指出: someone unnamed); a law firm named after its founder
(秦希燕联合律师事务所…律师表示: no 秦希燕); a time clause ending in 的时候 or opened by 但 (但就在X认为…的时候，: nobody's
words); a refusal before the verb (拒绝透露，… / 未做任何正面回应，…: nothing said); the person a time clause asks
(当问到莫小棋…的时候，她…说); a Japanese name the finder cut (和|田洋一, 樱井胜|延); a surname tagged alone completed by
the name jieba reads from it (莫|小棋); 白宫表示，… no person when the finder tags 白宫 an organisation; an occasion
(在机场) before a bare verb after the doer's clause. Every text here
is invented for the test; `tagging(...)` finds exactly the names given. Each case but the guards (告诉记者，… as before,
贾静雯指出 without 方面, 孙原透露，…) fails before the change."""
from __future__ import annotations

from zhnews.models.schema import Entity
from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_the_reporter_or_the_speaker_told_is_no_part_of_the_words():
    text = "赵明深以为然，告诉笔者他于去年十月份还在店里看到过这张海报。\n"
    assert texts(run(text, tagging("赵明"))[0]["赵明"]) == ["他于去年十月份还在店里看到过这张海报。"]
    text = "赵明当时就告诉我，他有很多朋友。\n"
    assert texts(run(text, tagging("赵明"))[0]["赵明"]) == ["他有很多朋友。"]
    text = "检察官罗守梁告诉《法制日报》记者，所谓隐私就是个人的秘密。\n"
    assert texts(run(text, tagging("罗守梁"))[0]["罗守梁"]) == ["所谓隐私就是个人的秘密。"]
    text = "王明告诉记者，他们已经回家了。\n"
    assert texts(run(text, tagging("王明"))[0]["王明"]) == ["他们已经回家了。"]


def test_a_names_side_speaks_for_them_unnamed():
    # NAME方面 (her side, her camp): someone unnamed speaks for NAME, who is no speaker (一方面 is "on one hand")
    assert run("同时，贾静雯方面指出，共同监护只是表面上的公平。\n", tagging("贾静雯"))[0] == {}
    by_name, _ = run("贾静雯指出，共同监护只是表面上的公平。\n", tagging("贾静雯"))
    assert texts(by_name["贾静雯"]) == ["共同监护只是表面上的公平。"]


def test_a_law_firm_named_after_its_founder_is_no_speaker():
    assert run("秦希燕联合律师事务所值班律师则表示，出于对女性职员的保护，法律有规定。\n", tagging("秦希燕"))[0] == {}


def test_a_time_clause_ending_in_de_shihou_says_nothing():
    assert run("但就在吴荪甫认为胜利在握的时候，赵伯韬突然出手。\n", tagging("吴荪甫", "赵伯韬"))[0] == {}


def test_a_refusal_before_the_verb_says_nothing():
    assert run("孙原以名单保密为由拒绝透露，但歌手的经纪公司已经确认。\n", tagging("孙原"))[0] == {}
    assert run("对此，刘烨本人尽管未做任何正面回应，但他显然很满意。\n", tagging("刘烨"))[0] == {}
    by_name, _ = run("孙原透露，阵容已经确定。\n", tagging("孙原"))
    assert texts(by_name["孙原"]) == ["阵容已经确定。"]


def test_the_person_asked_in_a_time_clause_answers():
    # 当问到X…的时候，她…说: the one asked, not the subject of the sentence's first clause (海清 played the part before)
    text = "著名演员海清也曾扮演过这个角色，当问到莫小棋是不是有压力的时候，她则巧妙地回答说，自己做足了功课。\n"
    by_name, _ = run(text, tagging("海清", "莫小棋"))
    assert list(by_name) == ["莫小棋"]


def test_a_japanese_name_the_finder_cut_is_made_whole():
    # the finder reads 和 of 和田洋一 as "and": the family name 和田 takes it back
    text = "玩家对此很担忧，因为和田洋一最终对公司未来发表看法时，他认为在线游戏是未来。\n"
    by_name, _ = run(text, tagging("田洋一"))
    assert list(by_name) == ["和田洋一"]
    text = "南相马市市长樱井胜延日前强调，志愿者必须自己负责。\n"
    assert list(run(text, tagging("樱井胜"))[0]) == ["樱井胜延"]


def test_a_surname_tagged_alone_takes_the_name_jieba_reads_from_it():
    text = "当问到莫小棋是不是有压力的时候，她则巧妙地回答说，自己已经做足了功课。\n"
    assert list(run(text, tagging("莫"))[0]) == ["莫小棋"]


def test_a_common_word_the_finder_tags_a_body_is_no_name_opening_a_sentence():
    # 白 is a surname and 白宫 sits where 成思危指出， has a name; the finder tags it an organisation, jieba knows the word
    def bodies(sentences):
        return [[Entity(s.find("白宫"), s.find("白宫") + 2, "ORG", "白宫")] if "白宫" in s else [] for s in sentences]
    assert run("白宫表示，总统将出席峰会。\n", bodies)[0] == {}


def test_a_surname_before_a_verb_stays_a_surname():
    # jieba's HMM reads 朱称 as a name: 称 is the verb (a common word), and 朱 the surname of a person named before
    text = "朱建民说，贷款很容易。“目前企业很容易贷到款。”朱称，现在融资比较困难。\n"
    assert list(run(text, tagging("朱建民", "朱"))[0]) == ["朱建民"]


def test_an_occasion_before_a_bare_verb_after_the_doers_clause():
    # 在机场 (where) between the clause that names the doer and a bare verb: the doer speaks, as with a comma after it
    text = "刘德华昨日返港，在机场坦承已婚，但没有生小孩。\n"
    assert texts(run(text, tagging("刘德华"))[0]["刘德华"]) == ["已婚，但没有生小孩。"]


def test_a_quoted_surname_term_is_no_name():
    # “滕家班”: a group named after 滕华涛 (jieba's HMM reads 滕家班 as a name); 滕导 stays 滕华涛's titled form
    text = "继此前曝光的“滕家班”成员之后，海清也加盟该片。滕华涛表示，海清很合适。据滕导透露，海清为此减肥。\n"
    by_name, _ = run(text, tagging("滕", "滕华涛", "海清"))
    assert texts(by_name["滕华涛"]) == ["海清很合适。", "海清为此减肥。"]
