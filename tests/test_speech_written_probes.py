"""Speech attribution, session 57: shapes of invented People's Daily and feature passages written by helpers who saw
no rule, and of THUCNews sentences (vocab_coverage) read after a run — a plain letter speaking for its sender
(…致信省水利厅。信中说，…), a telegram sent 向 someone (…向…总统…发去贺电。贺电说，…), 双方表示 several sentences after the
talks while nobody else is named, a continuation that stops at a person the reporter introduces, a short foreign name
two people share, an army officer's title, an interview whose headline alone names the one interviewed, praise
received (赢得了众人的称赞，) as no cue, someone of a person's speaking (王强的经纪人说：“…”: the quote not that
person's), a dash the finder put before a name (-里皮). Every article here is invented; `tagging(...)` finds exactly
the names given."""
from __future__ import annotations

import pytest

from tests.test_speech import run, texts, with_sentences
from tests.test_speech_fresh4 import tagging
from zhnews.models.schema import Entity
from zhnews.models.speech import attribute
from zhnews.models.text import split_paragraphs


def test_a_plain_letter_speaks_for_its_sender():
    text = ("中共江西省委书记廖怀山日前致信省水利厅，表彰在去年抗洪抢险中涌现出来的先进个人。\n"
            "信中说，去年汛期，我省部分地区遭受特大洪水袭击。\n")
    by_name, _ = run(text, tagging("廖怀山"))
    assert texts(by_name["廖怀山"]) == ["去年汛期，我省部分地区遭受特大洪水袭击。"]


def test_confidence_is_no_letter():
    text = "厂长秦立伟对企业的发展充满了坚定的信心。\n信中说，今年的订单已经排到了六月。\n"
    by_name, _ = run(text, tagging("秦立伟"))
    assert "秦立伟" not in by_name


def test_a_telegram_sent_to_someone_is_the_senders():
    text = ("国家主席阎景川今天向新当选的斯洛文尼亚总统安德烈·科瓦契奇发去贺电。\n"
            "贺电说，中斯两国建交以来，双边关系发展顺利。\n")
    by_name, _ = run(text, tagging("阎景川", "安德烈·科瓦契奇"))
    assert list(by_name) == ["阎景川"]
    assert texts(by_name["阎景川"]) == ["中斯两国建交以来，双边关系发展顺利。"]


def test_both_sides_speak_sentences_after_their_talks():
    text = ("巴总理谢里夫在会议期间与反塔利班联盟领导人拉巴尼举行会谈。１２月２３日，拉巴尼应谢里夫之邀访巴。"
            "此举非同寻常。双方都表示应通过和谈解决阿问题。\n")
    by_name, _ = run(text, tagging("谢里夫", "拉巴尼"))
    assert sorted(by_name) == ["拉巴尼", "谢里夫"]
    assert texts(by_name["谢里夫"]) == texts(by_name["拉巴尼"]) == ["应通过和谈解决阿问题。"]


def test_both_sides_are_the_two_who_open_a_sentence_before():
    text = "桥本和布莱尔还就发表共同文件达成一致意见。这个文件的基调是加强亚欧关系。双方表示要为亚欧会议取得成功进行合作。\n"
    by_name, _ = run(text, tagging("桥本", "布莱尔"))
    assert texts(by_name["桥本"]) == texts(by_name["布莱尔"]) == ["要为亚欧会议取得成功进行合作。"]


def test_both_sides_are_nobody_once_a_third_person_is_named_after_the_talks():
    text = "外长伽马同来访的外长韦德里纳举行会谈。会谈前，总统桑帕约出席了欢迎仪式。双方表示要加强合作。\n"
    by_name, _ = run(text, tagging("伽马", "韦德里纳", "桑帕约"))
    assert not by_name


def test_a_person_the_reporter_introduces_ends_the_speakers_continuation():
    text = ("意大利设计师卢卡·马尔蒂尼昨日在北京举办了个人作品展。他透露，品牌计划明年在上海开设亚洲首家旗舰店。"
            "为本次展览担任策展人的是时尚评论人许曼青。\n")
    by_name, _ = run(text, tagging("卢卡·马尔蒂尼", "许曼青"))
    assert texts(by_name["卢卡·马尔蒂尼"]) == ["品牌计划明年在上海开设亚洲首家旗舰店。"]


def test_a_short_foreign_name_two_people_share_is_the_one_named_last():
    text = ("汉斯·克劳泽先生是德国一家公司的董事长，二十年来他三十多次来到中国。\n"
            "“第一次来北京的时候，街上满是自行车，”克劳泽先生回忆说，“现在到处是高楼。”\n"
            "他的夫人英格丽德·克劳泽也是一位中国迷。\n")
    by_name, _ = run(text, tagging("汉斯·克劳泽", "英格丽德·克劳泽", "克劳泽"))
    assert list(by_name) == ["汉斯·克劳泽"]


def test_a_short_name_follows_the_part_named_last():
    text = ("凯尔特人主帅道克-里弗斯的爱子奥斯丁-里弗斯对年龄限制不满。在这个问题上，道克和爱子的观点截然不同。"
            "“我认为大学和篮球都是很重要的，”里弗斯说。\n")
    by_name, _ = run(text, tagging("道克-里弗斯", "奥斯丁-里弗斯", "道克", "里弗斯"))
    assert list(by_name) == ["道克-里弗斯"]


def test_an_army_officer_before_a_name_the_finder_misses():
    by_name, _ = run("某连指导员管学文对记者说，首长的鼓励让大家倍感振奋。\n", tagging())
    assert by_name["管学文"].role == "指导员"


def test_the_headline_names_whom_an_interview_is_with():
    text = ("问：去年下岗职工再就业的情况怎样？\n答：去年全市共有四万六千名下岗职工实现了再就业。\n"
            "问：再就业服务中心主要做了哪些工作？\n答：一是组织技能培训，二是开辟就业门路。\n")
    headline = "让下岗职工有活干——访沈阳市再就业服务中心主任樊志刚"
    for given, speakers in ((headline, ["樊志刚"]), ("", [])):
        found = attribute(text, with_sentences(text, split_paragraphs(text)), tagging("樊志刚"), headline=given)
        assert [sp.name for sp in found] == speakers
    found = attribute(text, with_sentences(text, split_paragraphs(text)), tagging("樊志刚"), headline=headline)
    assert [st.text for st in found[0].statements] == ["去年全市共有四万六千名下岗职工实现了再就业。",
                                                         "一是组织技能培训，二是开辟就业门路。"]


def test_praise_received_is_a_noun_and_the_next_speakers_quote_theirs():
    text = "首次穿上军装的黄奕赢得了众人的称赞，导演宁海强称：“黄奕这次在片中的扮相特别的好。”\n"
    by_name, _ = run(text, tagging("黄奕", "宁海强"))
    assert list(by_name) == ["宁海强"]
    assert texts(by_name["宁海强"]) == ["黄奕这次在片中的扮相特别的好。"]


def test_praise_given_still_marks_what_is_praised():
    text = "对于该厂认真做好下岗职工再就业工作的作法，尉健行给予充分的肯定。\n"
    by_name, _ = run(text, tagging("尉健行"))
    assert texts(by_name["尉健行"]) == ["对于该厂认真做好下岗职工再就业工作的作法"]


@pytest.mark.parametrize("text", ["王强的经纪人说：“要离开尤文图斯会非常困难。”\n", "王强的父亲对此说：“他从小就喜欢踢球。”\n"])
def test_someone_of_a_persons_speaks_and_the_quote_is_not_that_persons(text):
    by_name, _ = run(text, tagging("王强"))
    assert "王强" not in by_name


def test_a_persons_own_microblog_still_speaks_for_them():
    by_name, _ = run("哈里斯的微博说：“对这场失利，我感到抱歉。”\n", tagging("哈里斯"))
    assert texts(by_name["哈里斯"]) == ["对这场失利，我感到抱歉。"]


def test_a_dash_the_finder_put_before_a_name_opens_no_name():
    def finder(sentences):
        return [[Entity(s.find("-里皮"), s.find("-里皮") + 3, "PER", "-里皮")] if "-里皮" in s else [] for s in sentences]
    by_name, _ = run("经纪人大卫-里皮对此说：“要离开尤文图斯会非常困难。”\n", finder)
    # (since session 63 the given name before the dash joins it: jieba reads 大卫 there)
    assert texts(by_name["大卫-里皮"]) == ["要离开尤文图斯会非常困难。"]


def test_an_unnamed_word_inside_the_occasion_leaves_the_person_the_subject():
    by_name, _ = run("游戏开发倡导者张明远在最近的媒体采访中表示，该系统目前尚未准备就绪。\n", tagging("张明远"))
    assert texts(by_name["张明远"]) == ["该系统目前尚未准备就绪。"]


def test_a_latin_name_with_a_hyphen():
    by_name, _ = run("创意总监Min-Liang Tan说道：“移动游戏的主要问题就是没有完整的键盘体验。”\n", tagging("Min-Liang Tan"))
    assert texts(by_name["Min-Liang Tan"]) == ["移动游戏的主要问题就是没有完整的键盘体验。"]


@pytest.mark.parametrize("text", [
    "河南省滑县的农民韩大川、韩二川兄弟俩，去年承包了三百亩土地。兄弟俩说，今年他们打算再买一台联合收割机。\n",
    "韩大川、韩二川兄弟俩去年承包了三百亩土地，纯收入达到六万多元。兄弟俩告诉记者，今年他们打算再买一台联合收割机。\n"])
def test_a_family_pair_named_before_speaks_as_each_of_them(text):
    by_name, _ = run(text, tagging("韩大川", "韩二川"))
    assert texts(by_name["韩大川"]) == texts(by_name["韩二川"]) == ["今年他们打算再买一台联合收割机。"]


def test_on_the_other_hand_goes_on_with_the_same_speaker_after_a_quote_of_we():
    by_name, _ = run("本场赛后，加图索一方面表示“我们的失误太多了”，另一方面表示“俱乐部知道我们需要再买一个中场球员”。\n",
                     tagging("加图索"))
    assert texts(by_name["加图索"]) == ["我们的失误太多了", "俱乐部知道我们需要再买一个中场球员"]


@pytest.mark.parametrize("text, said", [
    ("亚特兰大前锋费拉里尼本人也在接受采访时表示，他在这里很开心。\n", ["他在这里很开心。"]),
    ("亚特兰大前锋费拉里尼本人也在接受采访时表态。“我在这里很开心，球迷们对我很好。”\n", ["我在这里很开心，球迷们对我很好。"])])
def test_a_name_then_benren_is_that_person_himself(text, said):
    by_name, _ = run(text, tagging("费拉里尼"))
    assert texts(by_name["费拉里尼"]) == said


def test_a_continuation_that_is_one_quote_is_the_words_inside_it():
    text = "青岛中能主教练常海涛则认为，球队输在了定位球防守上。“我们丢的三个球有两个来自定位球，这是不可原谅的。”\n"
    by_name, _ = run(text, tagging("常海涛"))
    assert texts(by_name["常海涛"]) == ["球队输在了定位球防守上。", "我们丢的三个球有两个来自定位球，这是不可原谅的。"]


def test_a_verb_with_no_words_gives_the_next_quote_to_its_speaker_named_by_a_part():
    text = ("前锋卢卡-费拉里尼将加盟英超球队，经纪人安东尼奥-贝尔蒂予以否认。“这些消息都是凭空捏造的，”贝尔蒂说。"
            "费拉里尼本人也在接受采访时表态。“我在这里很开心。”\n")
    by_name, _ = run(text, tagging("卢卡-费拉里尼", "安东尼奥-贝尔蒂"))
    assert texts(by_name["卢卡-费拉里尼"]) == ["我在这里很开心。"]
    assert texts(by_name["安东尼奥-贝尔蒂"]) == ["这些消息都是凭空捏造的"]
