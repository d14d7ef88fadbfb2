"""Speech attribution: the conventions added in session 19 from the errors of the speech corpus's People's
Daily split (tests/data/speech_corpus/people_daily.jsonl, scored before any change, then read). Every
article here is invented for the test; `tagging(...)` finds exactly the names given."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_public_figure_jieba_files_as_a_proper_noun_is_a_name():
    from zhnews.models.speech.names import plausible_name

    text = "金正日指出，全国还要学习慈江道的经验。\n"
    assert texts(run(text, tagging("金正日"))[0]["金正日"]) == ["全国还要学习慈江道的经验。"]
    assert plausible_name("齐达内") and not plausible_name("蒙古族") and not plausible_name("印度教")


def test_a_list_of_names_after_what_they_are_speaks_together():
    text = ("话剧轰动京城。原南京军事学院的老教员于晋峰、瞿正祥、王振武激动地说，看完这台戏，我们心情久久不能平静。\n"
            "来自第二炮兵、海军、空军的干部战士唐西生、李德才、赖斌说，科学技术发挥着越来越重要的作用。\n")
    by_name, _ = run(text, tagging("于晋峰", "瞿正祥", "王振武", "唐西生", "李德才", "赖斌"))
    for name in ("于晋峰", "瞿正祥", "王振武"):
        assert texts(by_name[name]) == ["看完这台戏，我们心情久久不能平静。"], name
    for name in ("唐西生", "李德才", "赖斌"):
        assert texts(by_name[name]) == ["科学技术发挥着越来越重要的作用。"], name
    # a list after a preposition or a verb is an object, not the subject
    by_name, _ = run("代表团对李强、王伟表示感谢，双方将继续合作。\n", tagging("李强", "王伟"))
    assert not by_name.get("李强") and not by_name.get("王伟")


def test_an_adverb_of_force_before_the_verb_and_verbs_of_blame():
    text = ("以色列外长利维今天宣布辞职。利维强烈指责现政府的预算方案严重损害了低收入阶层的利益。"
            "他同时批评现政府在推进中东和平进程方面毫无作为。\n"
            "苏丹总统巴希尔说，和平的时期已经到来。他强烈呼吁反政府武装力量回到国家的怀抱。巴希尔还严厉抨击外国干涉苏丹的内部事务。\n")
    by_name, _ = run(text, tagging("利维", "巴希尔"))
    assert texts(by_name["利维"]) == ["现政府的预算方案严重损害了低收入阶层的利益。",
                                    "现政府在推进中东和平进程方面毫无作为。"]
    assert texts(by_name["巴希尔"]) == ["和平的时期已经到来。", "反政府武装力量回到国家的怀抱。", "外国干涉苏丹的内部事务。"]


def test_what_a_speaker_criticised_is_their_statement():
    text = "李铁映要求加大反腐败的力度。他严厉批评了少数人在世界游泳锦标赛期间卷入的兴奋剂事件。\n"
    assert texts(run(text, tagging("李铁映"))[0]["李铁映"])[-1] == "少数人在世界游泳锦标赛期间卷入的兴奋剂事件。"


def test_this_spokesman_opening_a_paragraph_is_the_one_who_spoke_before():
    text = ("外交部发言人朱邦造今天在回答记者提问时说，中方不赞成动辄使用武力。\n"
            "这位发言人说：我们认为伊拉克应全面执行联合国有关决议。\n")
    by_name, _ = run(text, tagging("朱邦造"))
    assert texts(by_name["朱邦造"]) == ["中方不赞成动辄使用武力。", "我们认为伊拉克应全面执行联合国有关决议。"]
    # an unnamed person before: nobody named
    text = "一位外交官说，局势紧张。\n这位外交官说：我们认为各方应保持克制。\n"
    assert not run(text, tagging())[0]


def test_he_after_a_dated_subject_is_that_subject():
    text = ("外交部发言人许福瑞说，挪威已任命罗德—拉森为特使。\n"
            "正在中东访问的挪威外交大臣沃勒贝克６日在耶路撒冷证实了这一任命。他说，以巴双方都希望罗德—拉森重新参与和平进程。\n")
    by_name, _ = run(text, tagging("许福瑞", "沃勒贝克"))
    assert texts(by_name["沃勒贝克"]) == ["以巴双方都希望罗德—拉森重新参与和平进程。"]
    assert texts(by_name["许福瑞"]) == ["挪威已任命罗德—拉森为特使。"]


def test_a_dateline_run_into_the_role_is_no_part_of_it():
    text = "新华社北京１月９日电外交部发言人沈国放今天在这里说，中方欢迎这一决定。\n本报讯苏丹总统巴希尔说，和平的时期已经到来。\n"
    by_name, _ = run(text, tagging("沈国放", "巴希尔"))
    assert by_name["沈国放"].role == "外交部发言人" and by_name["巴希尔"].role == "苏丹总统"


def test_paragraphs_of_numbered_points_go_on_with_the_speaker_before():
    text = ("国家外汇管理局副局长吴晓灵日前指出，今后将在三个方面对境外发债进行政策调整。\n"
            "首先，发债主体多元化。将批准少数特大型国有企业直接进入国际资本市场发债。\n"
            "第二，债券结构多元化。\n"
            "据悉，中国境内机构已累计对外发债一百七十亿美元。\n"
            "第三，这一段不是谁的话。\n")
    by_name, _ = run(text, tagging("吴晓灵"))
    assert texts(by_name["吴晓灵"]) == ["今后将在三个方面对境外发债进行政策调整。", "首先，发债主体多元化。",
                                      "将批准少数特大型国有企业直接进入国际资本市场发债。", "第二，债券结构多元化。"]


def test_a_person_inside_the_question_asked_is_not_who_answers():
    text = ("美国总统国家安全事务助理伯杰昨日表示，美国将重新审议签证程序。"
            "在被问到美国总统克林顿是否也同意与伊朗人民对话时，他表示可以考虑。\n")
    by_name, _ = run(text, tagging("伯杰", "克林顿"))
    assert list(by_name) == ["伯杰"] and texts(by_name["伯杰"]) == ["美国将重新审议签证程序。", "可以考虑。"]


def test_a_country_is_no_speaker():
    text = "伊拉克政府表示，在联合国批准之前，伊拉克将不出口一滴石油。伊拉克则表示将继续合作。\n"
    assert not run(text, tagging("伊拉克"))[0]


def test_here_and_before_the_match_stand_between_a_speaker_and_the_verb():
    text = "阿联酋石油部长奥贝德８日在这里呼吁各成员国恪守石油生产配额。\n"
    assert texts(run(text, tagging("奥贝德"))[0]["奥贝德"]) == ["各成员国恪守石油生产配额。"]
    text = "瑞典主教练马丽卡在赛前一再强调，本次比赛获胜的唯一希望是战胜挪威队。\n"
    assert texts(run(text, tagging("马丽卡"))[0]["马丽卡"]) == ["本次比赛获胜的唯一希望是战胜挪威队。"]
    # 于日前 is no 在…前: a brand before it does not speak
    assert not run("镜头品牌卡尔·蔡司于日前宣布推出一款镜头。\n", tagging("卡尔·蔡司"))[0]


def test_a_person_spoken_to_after_a_long_description_is_not_the_speaker():
    text = "宣判后，莱奇法官对衣领上还别着最高勋章的伊格尔森说：“你因伤害别人而变得如此无耻，完全是咎由自取。”\n"
    by_name, _ = run(text, tagging("莱奇", "伊格尔森"))
    assert list(by_name) == ["莱奇"] and texts(by_name["莱奇"]) == ["你因伤害别人而变得如此无耻，完全是咎由自取。"]


def test_a_title_the_tagger_cut_into_is_no_part_of_the_name():
    from zhnews.models.speech.edges import unglued_end
    from zhnews.models.speech.vocab import DEFAULT_CONFIG

    text = "莱奇法官对伊格尔森说：“你完全是咎由自取。”"
    assert unglued_end(text, 0, 3, DEFAULT_CONFIG) == 2  # 莱奇法|官 -> 莱奇
    assert unglued_end("张德江书记说", 0, 3, DEFAULT_CONFIG) == 3  # a name ending where the title starts stays
