"""Speech attribution: the conventions added in session 17 from the errors of the speech corpus's fresh5
split (tests/data/speech_corpus/fresh5.jsonl, scored before any change, then read). Every article here is
invented for the test; `tagging(...)` finds exactly the names given."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_an_experts_column_runs_from_its_label_to_the_next():
    text = ("两位家长的做法引起了讨论。“孩子的健康最重要。”专家观点教育研究专家、全球化研究中心主任王辉耀：两种教育应互补"
            "因为考试的存在，国内的教育仍难摆脱应试的窠臼。很多家长只能采取严苛的家庭教育。"
            "北京留学服务行业协会会长桑鹏：名校青睐怎样的学生？成绩优秀的学生也会被拒录。名校更看重社会活动。\n")
    by_name, _ = run(text, tagging("王辉耀", "桑鹏"))
    assert list(by_name) == ["王辉耀", "桑鹏"]
    wang = texts(by_name["王辉耀"])
    assert wang[0].endswith("国内的教育仍难摆脱应试的窠臼。") and wang[1:] == ["很多家长只能采取严苛的家庭教育。"]
    assert texts(by_name["桑鹏"])[-2:] == ["成绩优秀的学生也会被拒录。", "名校更看重社会活动。"]
    # a role and a name as the label of the headline (the text's first sentence) start no column
    text = "研究中心主任王辉耀：两种教育应互补，家长要学会放手。他在论坛上谈了家庭教育。会议持续了两天。\n"
    by_name, _ = run(text, tagging("王辉耀"))
    assert "王辉耀" not in by_name or all("会议持续了两天" not in s for s in texts(by_name["王辉耀"]))



def test_an_experts_comment_under_a_heading_with_quote_marks_or_spaces_run_into_it():
    # session 51: the heading glued to the label holds quote marks (做一个“有想法的人”) or a space, which a label does
    # not; a person with a role of their own ending it still opens their comment, like a cue (not to the next label)
    text = ("很多学生都能走出国门。【专家声音】做一个“有想法的人”实验中学校长张明华：除了课堂学习，研究性课程也很重要。"
            "学生们研究课题大多是从网络上查资料。\n")
    by_name, _ = run(text, tagging("张明华"))
    assert list(by_name) == ["张明华"]
    assert texts(by_name["张明华"])[0] == "除了课堂学习，研究性课程也很重要。"
    text = "不少楼盘直接涨价。说法开发商不差钱 不急售地产研究专家邓志强：涨价的原因是开发商不差钱，下半年不急着推货。\n"
    by_name, _ = run(text, tagging("邓志强"))
    assert texts(by_name["邓志强"]) == ["涨价的原因是开发商不差钱，下半年不急着推货。"]
    # without a role of its own, a name after such a heading is no label (a caption, a list)
    text = "很多学生都能走出国门。【图片】做一个“有想法的人”张明华：笑容甜美的学生代表在台上发言。\n"
    assert "张明华" not in run(text, tagging("张明华"))[0]

def test_a_bare_surname_before_a_reporting_verb_is_the_person_named_before():
    text = ("“贷款的容易程度超出了我们想象。”化学公司董事长朱建民对本报记者表示。据朱称，该公司的产品需求剧增。"
            "朱表示，现在该地区允许子公司之间相互担保。\n")
    by_name, _ = run(text, tagging("朱建民"))
    assert list(by_name) == ["朱建民"]
    assert texts(by_name["朱建民"])[-2:] == ["该公司的产品需求剧增。", "现在该地区允许子公司之间相互担保。"]
    # two people of that surname: the bare surname is nobody's
    text = "董事长朱建民出席了会议，总经理朱明也在场。据朱称，该公司的产品需求剧增。\n"
    by_name, _ = run(text, tagging("朱建民", "朱明"))
    assert "朱" not in by_name and not any("需求剧增" in s for v in by_name.values() for s in texts(v))


def test_the_reporters_name_run_into_the_body_is_no_subject():
    text = "基金开通转换业务⊙本报记者 王文清华商基金公告称，自2月24日起开通旗下基金的转换业务。\n"
    assert run(text, tagging("王文清"))[0] == {}


def test_a_name_after_dui_and_a_relation_is_spoken_to():
    text = "金汉秀在网上很活跃。照片下面的文字显示，他对女朋友索妮雅说“我会非常想念你”。\n"
    by_name, _ = run(text, tagging("金汉秀", "索妮雅"))
    assert list(by_name) == ["金汉秀"] and texts(by_name["金汉秀"]) == ["我会非常想念你"]


def test_a_source_the_speaker_cites_opens_their_words():
    text = ("中原地产副总经理宫萍表示，据中原研究部的统计数据显示，二手房交易中15%的消费者是改善型购房。\n")
    by_name, _ = run(text, tagging("宫萍"))
    assert texts(by_name["宫萍"]) == ["据中原研究部的统计数据显示，二手房交易中15%的消费者是改善型购房。"]
    # the narrator's 据…显示 after someone's words still ends them
    text = "宫萍表示，今年市场会回暖。据统计数据显示，上月成交量下降了两成。\n"
    assert texts(run(text, tagging("宫萍"))[0]["宫萍"]) == ["今年市场会回暖。"]


def test_how_someone_said_it_may_stand_between_them_and_the_verb():
    text = "游戏公测仅数月连创新高，王新钢略带兴奋的告诉记者，这款游戏赢利已经没有问题了。\n"
    assert texts(run(text, tagging("王新钢"))[0]["王新钢"]) == ["这款游戏赢利已经没有问题了。"]


def test_a_role_and_a_name_before_a_year_word_and_a_verb_is_a_person_the_finder_missed():
    text = "国土部副部长王心社今年6月表示，年底前要完成大部分规划的审查报批。\n"
    assert texts(run(text, tagging())[0]["王心社"]) == ["年底前要完成大部分规划的审查报批。"]


def test_said_a_sentence_colon_opens_the_quote_after_it():
    text = "詹姆斯曾推崇过罗斯，然而他却在最后说了一句心有不甘的话：“尽管我打出职业生涯最好的一年。”\n"
    assert texts(run(text, tagging("詹姆斯", "罗斯"))[0]["詹姆斯"]) == ["尽管我打出职业生涯最好的一年。"]
    assert run("球队输了。詹姆斯说了很多，但没人听。\n", tagging("詹姆斯"))[0] == {}  # no words after 了


def test_a_bracketed_byline_with_a_place_before_its_reporter_is_no_statement():
    text = ("记者：你有没有关注决赛？易建联：有关注，内线外线很均衡，我们还是要内外兼顾吧。"
            "(华盛顿特派记者 沈洋 前方报道)\n")
    by_name, _ = run(text, tagging("易建联", "沈洋"))
    assert texts(by_name["易建联"]) == ["有关注，内线外线很均衡，我们还是要内外兼顾吧。"]


def test_in_a_run_together_article_a_bare_cue_opening_a_sentence_goes_on():
    speech = "茹默涵说他的英语不算特别好。他认为掌握技巧并不难。考试不只是考察学生的英语能力，更重要的是考察推理能力。"
    filler = "学校今年共招收了三百名新生，课程安排与往年相同。" * 32  # past the characters of a flat page (SpeechConfig.flat_paragraph_chars)
    by_name, _ = run(speech + filler + "\n", tagging("茹默涵"))
    assert "考试不只是考察学生的英语能力，更重要的是考察推理能力。" in texts(by_name["茹默涵"])
    # a wish or a belief (希望, 相信) does not carry on; neither does a short paragraph's bare cue
    by_name, _ = run(speech.replace("他认为", "他希望") + filler + "\n", tagging("茹默涵"))
    assert "考试不只是考察学生的英语能力，更重要的是考察推理能力。" not in texts(by_name["茹默涵"])
    by_name, _ = run(speech + "\n", tagging("茹默涵"))
    assert "考试不只是考察学生的英语能力，更重要的是考察推理能力。" not in texts(by_name["茹默涵"])
