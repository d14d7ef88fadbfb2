"""Speech attribution: the conventions added in session 18 from the errors of the speech corpus's fresh6
split (tests/data/speech_corpus/fresh6.jsonl, scored before any change, then read). Every article here is
invented for the test; `tagging(...)` finds exactly the names given."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_quote_cued_before_a_verbless_sandwich_stays_with_its_cue():
    text = ("更衣室刚开放，就能听见海耶斯和米勒在聊最后一个球，米勒慵懒地说：“还有10秒，”海耶斯嗓门大得出奇，"
            "“他告诉蒂姆犯规，”米勒接话，“是的，但路易斯没拿球。”\n")
    by_name, _ = run(text, tagging("海耶斯", "米勒"))
    assert texts(by_name["米勒"]) == ["还有10秒", "是的，但路易斯没拿球。"]
    assert texts(by_name["海耶斯"]) == ["他告诉蒂姆犯规"]


def test_an_organisation_speaking_ends_the_speakers_words():
    from zhnews.models.schema import Span
    from zhnews.models.speech.paragraph import Paragraph
    from zhnews.models.speech.subjects import narrative
    from zhnews.models.speech.vocab import DEFAULT_CONFIG, vocab_index
    from zhnews.models.text import split_sentences

    def opens_narration(text: str) -> bool:
        para = Paragraph.build(text, Span(text, 0, len(text)), split_sentences(text), False)
        return narrative(para, para.units[0], vocab_index(DEFAULT_CONFIG))
    assert opens_narration("景顺长城基金表示，将在仓位上采取较为谨慎的态度。")
    assert opens_narration("国海证券发布的投资策略报告指出：短期仍有望上涨。")
    # a speaker's own words about a company go on
    assert not opens_narration("景顺长城基金的仓位已经很高了。")


def test_figures_a_named_person_worked_out_are_their_statement():
    text = ("基金上周大幅加仓。根据渤海证券研究员章辉的测算，一线基金公司上周一致选择了加仓。"
            "根据统计局的测算，物价上涨了3%。\n")
    by_name, _ = run(text, tagging("章辉"))
    assert list(by_name) == ["章辉"] and texts(by_name["章辉"]) == ["一线基金公司上周一致选择了加仓。"]
    assert by_name["章辉"].role == "渤海证券研究员"
    # a role word before the name (分析师) is the same person, not an unnamed second one
    text = "根据方正证券基金分析师洪枫的测算，2008年公募基金的专户业务规模在100亿元左右。\n"
    assert texts(run(text, tagging("洪枫"))[0]["洪枫"]) == ["2008年公募基金的专户业务规模在100亿元左右。"]


def test_words_the_narrator_agrees_with_are_the_persons():
    text = "团队的进步也让更多观望者有所激励。正如赵霏所说：“我们一起成长，乘风破浪。”\n"
    assert texts(run(text, tagging("赵霏"))[0]["赵霏"]) == ["我们一起成长，乘风破浪。"]
    text = "但季后赛仍将继续，就像麦克米兰自己所说的那样，“开拓者必须从现在开始就绷紧神经。”\n"
    assert texts(run(text, tagging("麦克米兰"))[0]["麦克米兰"]) == ["开拓者必须从现在开始就绷紧神经。"]


def test_a_name_glossed_in_latin_letters_speaks_through_the_parenthesis():
    text = ("加拿大时间6月28日，联邦公民、移民和多元文化部长(Citizenship， Immigration and Multiculturalism Minister)"
            "康尼(Jason Kenney)宣布，旨在打击非法移民顾问的C35法案将于6月30日正式生效。\n")
    by_name, _ = run(text, tagging("Jason Kenney"))
    assert list(by_name) == ["康尼"] and texts(by_name["康尼"]) == ["旨在打击非法移民顾问的C35法案将于6月30日正式生效。"]


def test_the_surname_of_a_foreign_name_is_found_where_the_tagger_missed_it():
    text = ("阿伦挑起的这场诈伤门引起了查尔斯-巴克利的注意。但巴克利是坚定的灰熊粉丝。"
            "巴克利建议，阿伦不要卷入口水战。\n")
    by_name, _ = run(text, tagging("查尔斯-巴克利"))  # the full name only, where it is written in full
    assert texts(by_name["查尔斯-巴克利"]) == ["阿伦不要卷入口水战。"]


def test_the_surname_of_a_transliteration_run_together_is_the_same_person():
    text = ("雷阿伦和隆多出现在媒体室里。对于阿伦来说，这场比赛意义非凡。阿伦说：“这个球场永远都让人兴奋。”\n")
    by_name, _ = run(text, tagging("雷阿伦", "阿伦", "隆多"))
    assert list(by_name) == ["雷阿伦"] and texts(by_name["雷阿伦"]) == ["这个球场永远都让人兴奋。"]


def test_a_quote_before_a_cue_waits_for_it_whatever_leads_into_it():
    text = ("拜纳姆的状态回升帮了湖人队的大忙，这位年轻中锋在过去10场比赛中场均贡献12.4分，“我会继续支持拜纳姆。”"
            "控卫德里克-费舍尔说，“他的表现太突出了。”\n")
    by_name, _ = run(text, tagging("拜纳姆", "德里克-费舍尔"))
    assert list(by_name) == ["德里克-费舍尔"]
    assert texts(by_name["德里克-费舍尔"]) == ["我会继续支持拜纳姆。", "他的表现太突出了。"]
    # a cue whose words follow its colon leaves the quote before it to its own lead-in
    text = ("惠英红夺得影后之后即获不少圈中好友在网上祝福，余文乐在微博说：“最深刻的一幕是看到红姐夺得最佳女主角。”"
            "蔡少芬则兴奋地说：“你的努力没有白费。”\n")
    by_name, _ = run(text, tagging("惠英红", "余文乐", "蔡少芬"))
    assert texts(by_name["余文乐"]) == ["最深刻的一幕是看到红姐夺得最佳女主角。"]
    assert texts(by_name["蔡少芬"]) == ["你的努力没有白费。"]
    # also after a short addressee (告诉总理：“…”)
    text = ("温家宝总理来到学校。学生邓琴对总理说，祝您身体健康。温总理接过照片，也颇为感动：“这份礼物不仅是给我个人的。”"
            "应届毕业生李海滔告诉总理：“我在学校就业办公室做助管工作。”\n")
    by_name, _ = run(text, tagging("温家宝", "邓琴", "李海滔"))
    assert texts(by_name["温家宝"]) == ["这份礼物不仅是给我个人的。"]
    assert texts(by_name["李海滔"]) == ["我在学校就业办公室做助管工作。"]


def test_exclaiming_hinting_and_declaring_report_speech():
    text = "常规赛后期爵士与马刺一战，就连蒂姆-邓肯也惊呼，爵士的前场组合威力巨大。\n"
    assert texts(run(text, tagging("蒂姆-邓肯"))[0]["蒂姆-邓肯"]) == ["爵士的前场组合威力巨大。"]
    # the one whose 在…时 holds another person exclaims (not the one watched)
    text = "张斌教练在第一次看到周琦训练时就不禁惊呼，“他就是下一个王治郅啊！”\n"
    assert list(run(text, tagging("张斌", "周琦", "王治郅"))[0]) == ["张斌"]
    text = "在接受媒体采访时，琼斯暗示联盟停摆肯定会出现。总之，郭晶晶宣告暂时不退役、不结婚。\n"
    by_name, _ = run(text, tagging("琼斯", "郭晶晶"))
    assert texts(by_name["琼斯"]) == ["联盟停摆肯定会出现。"] and texts(by_name["郭晶晶"]) == ["暂时不退役、不结婚。"]


def test_a_title_without_a_name_before_a_verb_is_an_unnamed_source():
    text = ("招商基金产品部总监马静称，“业务放开拓宽了产品线。”一家大型基金公司专户理财部总监透露，一年来公司的专户业务规模很小。"
            "他同时承认，公司的专户也出现了亏损。“大家对该业务还是有信心的。”一家合资基金公司的部门总监坦言。\n")
    by_name, _ = run(text, tagging("马静"))
    assert texts(by_name["马静"]) == ["业务放开拓宽了产品线。"]


def test_while_doing_one_thing_telling_the_reporter_and_insisting():
    # (and 他希望… right after the speaker's 表示， is what they said)
    text = "米尔萨普一边整理着自己的东西，一边向记者表示，他希望自己能在下个赛季强硬起来。\n"
    assert texts(run(text, tagging("米尔萨普"))[0]["米尔萨普"]) == ["他希望自己能在下个赛季强硬起来。"]
    text = "马刺引起了查尔斯-巴克利的注意。但巴克利是坚定的灰熊粉丝，他坚持认为马刺进不了第二轮。\n"
    assert texts(run(text, tagging("查尔斯-巴克利"))[0]["查尔斯-巴克利"]) == ["马刺进不了第二轮。"]


def test_evidence_the_speaker_cites_opens_their_words():
    text = "温州房价也面临调整压力。林欢认为，种种迹象表明，温州楼市金九银十的预期可能落空。\n"
    assert texts(run(text, tagging("林欢"))[0]["林欢"]) == ["种种迹象表明，温州楼市金九银十的预期可能落空。"]


def test_a_short_answer_in_quotes_is_a_statement_a_quoted_term_is_not():
    text = "被问到会不会跳舞，郭晶晶生硬地回答：“不会。”\n"
    assert texts(run(text, tagging("郭晶晶"))[0]["郭晶晶"]) == ["不会。"]
    text = "对于这场风波，托尼-阿伦只说了三个字：“诈伤门”。\n"
    assert run(text, tagging("托尼-阿伦"))[0] == {}


def test_a_name_with_a_character_the_encoding_lost_is_a_name():
    text = ("主讲人为签证中心经理周于虹、西欧部经理梁?昕。梁?昕表示，曾有个学生被牛津大学录取却被拒签。"
            "对于拒签学生，梁?昕建议学生尽快重新申请。\n")
    by_name, _ = run(text, tagging("周于虹"))
    assert texts(by_name["梁?昕"]) == ["曾有个学生被牛津大学录取却被拒签。", "学生尽快重新申请。"]


def test_an_answer_to_us_after_a_colon_is_the_speakers():
    text = ("磊禹的团队是如何凝聚在一起的？赵霏这样回答我们：首先，团队中的每一名成员都非常熟悉。"
            "其次，我将团队分成三个小团队。\n")
    assert texts(run(text, tagging("赵霏"))[0]["赵霏"]) == ["首先，团队中的每一名成员都非常熟悉。", "其次，我将团队分成三个小团队。"]
