"""Speech attribution, session 61: a nickname an entertainment page gives in brackets after a name and then writes
alone (徐熙媛(大S) … 大S表示: her words; 萧亚轩(Elva) … Elva表示), and 对方 for the person the reporter reached in the
sentence (记者联系了崔大林，对方表示…: his words), not for an opponent (对方球员). Every `tagging(...)` finds exactly the
names given: the nickname is never tagged, as the shipped tagger leaves 大S untagged. Also: a role ending in 令 is no
verb of making (援引最高司令汶桑的话说), 提示 after a person, an actor before his part (任程伟饰演刘克豪，他表示), and a name
the finder cut before a word made whole when jieba's dictionary holds it (吴官|正在 -> 吴官正), a clause opening with 向
(向…登陆纳斯达克表示祝贺: whom the words are for), a 了-object that only points back (重申了这样的观点), whom a question
is put to (姜春云问…朱亚男：“…”: jieba's 问/n had glued the asker into the pupil's role), the reporters' names closing a
People's Daily piece (。（贾昭全范韩生）), a title before another (秘书长|发言人办公室说: 发言 is a verb) and 正如…所说 with
no quote: the one sentence after it; a verb of speech right before a name is no role (巴克利建议|阿伦…: jieba's
建议/n) and a club's nickname no person (森林狼主帅科特-兰比斯很无奈，“…”)."""
from __future__ import annotations

import pytest

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging
from zhnews.models.speech.nicknames import bracketed_aliases


@pytest.mark.parametrize("name,nickname", [("徐熙媛", "大S"), ("萧亚轩", "Elva"), ("刘德华", "华仔"), ("钟欣桐", "阿娇")])
def test_a_bracketed_nickname_written_alone_later_is_that_person(name, nickname):
    text = f"{name}({nickname})在戏中饰演单亲妈妈。{nickname}表示暂时只与刘烨演过对手戏，但大家之间有点暧昧的感觉。\n"
    by_name, _ = run(text, tagging(name, "刘烨"))
    assert list(by_name) == [name]
    assert texts(by_name[name]) == ["暂时只与刘烨演过对手戏，但大家之间有点暧昧的感觉。"]


def test_without_the_brackets_the_nickname_is_nobody():
    text = "徐熙媛在戏中饰演单亲妈妈。大S表示暂时只与刘烨演过对手戏。\n"
    by_name, _ = run(text, tagging("徐熙媛", "刘烨"))
    assert "徐熙媛" not in by_name


def test_a_nickname_two_names_are_given_is_nobodys():
    text = "张国明(阿明)和李建明(阿明)都来了。阿明表示自己很高兴。\n"
    by_name, _ = run(text, tagging("张国明", "李建明"))
    assert not by_name


@pytest.mark.parametrize("bracket,alias", [
    ("(大S)", "大S"), ("（华仔）", "华仔"), ("(Elva)", "Elva"), ("(阿娇)", "阿娇"),
    ("(左)", None), ("（女）", None), ("(35岁)", None), ("(David Rothenberg)", None), ("(北京)", None),
])
def test_which_brackets_after_a_name_are_nicknames(bracket, alias):
    text = f"张国明{bracket}说。"
    found = bracketed_aliases(text, {(0, 3): "张国明"})
    assert [text[a:b] for a, b in found] == ([alias] if alias else [])


@pytest.mark.parametrize("reached", ["新华社记者随后曾联系过崔大林", "记者致电体育总局副局长崔大林", "记者电话采访了崔大林"])
def test_duifang_after_the_reporter_reached_someone_is_that_person(reached):
    text = f"{reached}，对方在电话里否认了这一传闻，表示从来就没有被警方请去协助调查。\n"
    by_name, _ = run(text, tagging("崔大林"))
    assert list(by_name) == ["崔大林"]
    assert texts(by_name["崔大林"]) == ["从来就没有被警方请去协助调查。"]


def test_duifang_is_the_one_reached_not_the_last_speaker():
    text = "张三说，比赛很难打。记者随后联系了李四，对方表示自己并不清楚此事。\n"
    by_name, _ = run(text, tagging("张三", "李四"))
    assert texts(by_name["李四"]) == ["自己并不清楚此事。"]
    assert texts(by_name["张三"]) == ["比赛很难打。"]


@pytest.mark.parametrize("sentence", ["记者联系了李四，对方球员表示自己并不清楚此事。",  # a modifier: the opponent's player
                                      "李四赛后说，比赛很难打。对方表示不服。",  # no one reached: the other side
                                      "当记者询问李四是不是并不清楚此事，对方说不服。"])  # 李四 is what was asked about
def test_duifang_as_the_other_side_is_not_a_person_reached(sentence):
    by_name, _ = run(sentence + "\n", tagging("李四"))
    assert all("不服" not in st and "并不清楚" not in st for sp in by_name.values() for st in texts(sp))


def test_tishi_after_a_person_is_advice_given():
    text = "留学专家陈宇提示，很多申请者为使之前的拒签记录不被签证官所知，补办了新护照。\n"
    by_name, _ = run(text, tagging("陈宇"))
    assert texts(by_name["陈宇"]) == ["很多申请者为使之前的拒签记录不被签证官所知，补办了新护照。"]


@pytest.mark.parametrize("heading", ["温馨提示", "风险提示", "特别提示"])
def test_a_notice_heading_is_nobodys_tishi(heading):
    by_name, _ = run(f"{heading}：目前市场上，很多产品都在促销。\n", tagging(heading[:2]))  # (the tagger read 温馨 a name)
    assert not by_name


@pytest.mark.parametrize("sentence", ["任程伟在剧中饰演刘克豪，他表示这种戏的本子会让每一个演员有参与的欲望。",
                                      "任程伟饰演刘克豪。他表示这种戏的本子会让每一个演员有参与的欲望。"])
def test_he_after_an_actor_and_his_part_is_the_actor(sentence):
    by_name, _ = run(sentence + "\n", tagging("任程伟", "刘克豪"))  # (jieba tags 饰演 a noun: the actor was 刘克豪's role)
    assert list(by_name) == ["任程伟"]
    assert texts(by_name["任程伟"]) == ["这种戏的本子会让每一个演员有参与的欲望。"]


@pytest.mark.parametrize("sentence", ["该报援引前任武装部队最高司令汶桑的话说，冲突的原因是价值观不成熟。",
                                      "据报道，前总司令汶桑说，冲突的原因是价值观不成熟。"])
def test_a_role_ending_in_ling_is_no_verb_of_making(sentence):
    by_name, _ = run(sentence + "\n", tagging("汶桑"))  # (令 "make" before a name: 令张三说 is no cue of 张三's)
    assert texts(by_name["汶桑"]) == ["冲突的原因是价值观不成熟。"]


def test_a_person_after_rang_is_still_no_subject():
    by_name, _ = run("李四让司令汶桑说，冲突的原因是价值观不成熟。\n", tagging("李四", "汶桑"))
    assert "汶桑" not in by_name


def test_a_name_cut_before_a_word_is_made_whole_when_jiebas_dictionary_holds_it():
    text = "吴官正在读完《朱镕基讲话实录》后，评价：“伟大的邓小平选择了伟大的朱镕基。”\n"
    by_name, _ = run(text, tagging("吴官", "朱镕基", "邓小平"))  # (the shipped tagger cuts 吴官|正在: 正在 is a word)
    assert list(by_name) == ["吴官正"]


def test_a_cut_name_jieba_does_not_hold_whole_stays_as_found():
    by_name, _ = run("李强调研时说，要加快发展。\n", tagging("李强"))  # (李强调 is no person: 李强 speaks)
    assert list(by_name) == ["李强"]


def test_a_clause_opening_with_xiang_names_whom_the_words_are_for():
    text = "业内人士纷纷来电，向中国房产信息集团成功登陆纳斯达克表示祝贺，同时提出了中肯的建议。\n"
    by_name, _ = run(text, tagging("纳斯达克"))  # (the tagger read the exchange a person)
    assert not by_name


def test_xiang_after_the_speaker_still_leaves_the_speaker():
    by_name, _ = run("张三向李四表示，公司会继续努力。\n", tagging("张三", "李四"))
    assert list(by_name) == ["张三"]


@pytest.mark.parametrize("sentence,said", [
    ("近期在接受当地媒体采访时，张三也重申了这样的观点。", []),  # (it points back: nothing new is said)
    ("张三透露了此项计划，并说将尽快实施。", ["将尽快实施。"]),
    ("张三表示这个问题很复杂。", ["这个问题很复杂。"]),  # (no 了: a clause of its own, said)
])
def test_an_object_that_points_back_says_nothing(sentence, said):
    by_name, _ = run(sentence + "\n", tagging("张三"))
    assert (texts(by_name["张三"]) if "张三" in by_name else []) == said


def test_whom_a_question_is_put_to_does_not_ask_it():
    text = "在暖融融的教室里，姜春云问四年级学生朱亚男：“你知道这个学校是谁盖的吗？”朱亚男说：“是解放军。”\n"
    by_name, _ = run(text, tagging("姜春云", "朱亚男"))  # (jieba tags 问 n: the asker was glued into the pupil's role)
    assert texts(by_name["姜春云"]) == ["你知道这个学校是谁盖的吗？"]
    assert texts(by_name["朱亚男"]) == ["是解放军。"]
    assert by_name["朱亚男"].role == "四年级学生"


@pytest.mark.parametrize("end", ["", "\n董建华随后离开了会场。"])
def test_the_reporters_names_closing_a_piece_are_no_ones_words(end):
    text = f"董建华说，这场金融风暴虽然已接近尾声，但余波未了。我们还要保持高度警惕。（贾昭全范韩生）{end}\n"
    by_name, _ = run(text, tagging("董建华"))
    assert texts(by_name["董建华"]) == ["这场金融风暴虽然已接近尾声，但余波未了。", "我们还要保持高度警惕。"]


def test_a_bracketed_aside_inside_a_quote_stays():
    by_name, _ = run("董建华说：“我们支持一国两制（港澳）。”\n", tagging("董建华"))
    assert texts(by_name["董建华"]) == ["我们支持一国两制（港澳）。"]


def test_a_title_before_another_title_is_no_bare_title_speaking():
    text = "联合国秘书长安南１５日批准了分配计划。\n秘书长发言人办公室说，安南已将批准情况通知了联合国安理会主席。\n"
    by_name, _ = run(text, tagging("安南"))  # (发言 is a verb: 秘书长|发言 read as a bare title speaking, 安南)
    assert not by_name


@pytest.mark.parametrize("said", ["正如阿尔希波夫所说，他生命的很大一部分是属于中国的。",
                                  "正如阿尔希波夫所说：他生命的很大一部分是属于中国的。",
                                  "正如阿尔希波夫主席所说，他生命的很大一部分是属于中国的。"])
def test_as_someone_said_without_a_quote_is_their_one_sentence(said):
    text = f"记者采访了阿尔希波夫。{said}５０年代，他是苏联驻华经济总顾问。\n"
    by_name, _ = run(text, tagging("阿尔希波夫"))
    assert texts(by_name["阿尔希波夫"]) == ["他生命的很大一部分是属于中国的。"]


def test_everything_after_zheyi_is_no_back_reference():
    by_name, _ = run("贾静雯表示这一切都是为了孩子。\n", tagging("贾静雯"))  # (这一切 "all this": what she says)
    assert texts(by_name["贾静雯"]) == ["这一切都是为了孩子。"]


def test_a_verb_of_speech_right_before_a_name_is_no_role():
    text = "在听说了阿伦对马努伤情的质疑之后，巴克利建议阿伦不要卷入口水战。\n"
    by_name, _ = run(text, tagging("巴克利", "阿伦"))  # (jieba tags 建议 n: 巴克利建议 was 阿伦's role, 巴克利 absorbed)
    assert texts(by_name["巴克利"]) == ["阿伦不要卷入口水战。"]


def test_a_verb_inside_an_office_before_its_title_stays_the_role():
    by_name, _ = run("公司市场分析部经理张三表示，市场会好转。\n", tagging("张三"))
    assert texts(by_name["张三"]) == ["市场会好转。"] and by_name["张三"].role.endswith("分析部经理")


@pytest.mark.parametrize("club", ["森林狼", "马刺", "尼克斯"])
def test_a_club_the_tagger_reads_as_a_person_is_none(club):
    text = f"“他们很简单的击败了我们，打出了一波25-1的高潮，”{club}主帅科特-兰比斯很无奈，“我们没有找到阻止他们的方法。”\n"
    by_name, _ = run(text, tagging(club, "科特-兰比斯"))  # (two persons in the clause between the quotes: nobody's)
    assert list(by_name) == ["科特-兰比斯"]
    assert texts(by_name["科特-兰比斯"]) == ["他们很简单的击败了我们，打出了一波25-1的高潮", "我们没有找到阻止他们的方法。"]
