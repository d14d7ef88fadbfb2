"""Speech attribution: the conventions added in session 20 from the errors of the speech corpus's third
People's Daily draw (tests/data/speech_corpus/people_daily3.jsonl, scored before any change, then read).
Every article here is invented for the test; `tagging(...)` finds exactly the names given."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_rare_place_word_that_reads_as_a_transliteration_can_be_a_premier():
    from zhnews.models.speech.names import plausible_name

    text = ("据新华社维也纳１月１８日电（记者刘云峰）奥地利总理克利马１８日在向奥电视台记者发表谈话时说，"
            "他的政府将提出奥安全政策选择报告。\n他说，北约仍然是受美国控制的军事集团。\n")
    by_name, _ = run(text, tagging("刘云峰", "克利马"))
    assert texts(by_name["克利马"]) == ["他的政府将提出奥安全政策选择报告。", "北约仍然是受美国控制的军事集团。"]
    assert "刘云峰" not in by_name  # the reporter of the dateline
    assert plausible_name("克利马") and not plausible_name("奥地利") and not plausible_name("纳塔尔省")


def test_the_head_of_a_province_is_a_person_not_a_province():
    text = ("钱其琛说，中国和南非正式建交是给两国人民最好的新年礼物。\n"
            "恩古巴尼省长会见了中国代表团。他说，中国的经济发展给他留下了深刻的印象。\n")
    by_name, _ = run(text, tagging("钱其琛", "恩古巴尼"))
    assert texts(by_name["恩古巴尼"]) == ["中国的经济发展给他留下了深刻的印象。"]
    assert texts(by_name["钱其琛"]) == ["中国和南非正式建交是给两国人民最好的新年礼物。"]


def test_a_count_of_years_after_a_name_keeps_it_the_subject_of_the_pronoun():
    text = ("美国国会众议员莫雷勒深有感触地说，虎年象征着力量。我国驻美大使李道豫５年来多次欣赏艺术团的演出，"
            "他今天说：“每次演出都使我非常感动。”\n")
    by_name, _ = run(text, tagging("莫雷勒", "李道豫"))
    assert texts(by_name["李道豫"]) == ["每次演出都使我非常感动。"]
    assert texts(by_name["莫雷勒"]) == ["虎年象征着力量。"]


def test_an_organisation_word_inside_a_longer_word_opens_no_name():
    text = "巴以会谈没有取得任何进展。克林顿在会谈后说，我们要谈的是巴以双方要做些什么。\n"
    by_name, _ = run(text, tagging("克林顿"))
    assert list(by_name) == ["克林顿"] and texts(by_name["克林顿"]) == ["我们要谈的是巴以双方要做些什么。"]


def test_proposing_urging_and_a_written_instruction_report_speech():
    text = ("孟加拉国总理谢赫·哈西娜提议，三国的金融和商业部长应在本年度中期再度晤谈。\n"
            "在今天上午的会谈中，克林顿敦促以色列从约旦河西岸实施撤军。\n"
            "自治区党委书记王乐泉看到这条信息后，立即批示：我们机关的一些同志，很少有机会接触到这些方面的实际。\n")
    by_name, _ = run(text, tagging("谢赫·哈西娜", "克林顿", "王乐泉"))
    assert texts(by_name["谢赫·哈西娜"]) == ["三国的金融和商业部长应在本年度中期再度晤谈。"]
    assert texts(by_name["克林顿"]) == ["以色列从约旦河西岸实施撤军。"]
    assert texts(by_name["王乐泉"]) == ["我们机关的一些同志，很少有机会接触到这些方面的实际。"]


def test_the_author_in_a_byline_is_nobodys_he_or_she():
    text = ("本报驻罗马尼亚记者梁晓华\n门开处，一位女学生袖子挽得老高，正在忙碌着。\n"
            "她告诉记者：“我们的洗衣社去年１１月开始运转。”\n")
    by_name, _ = run(text, tagging("梁晓华"))
    assert by_name == {}


def test_a_country_the_finder_tags_a_place_more_often_is_no_speaker():
    from zhnews.models.schema import Entity

    def finder(sentences):  # 伊拉克 a person once (the finder's slip), a place twice
        out = []
        for s in sentences:
            ents = [Entity(i, i + 3, "LOC", "伊拉克") for i in range(len(s)) if s.startswith("伊拉克", i)]
            if "伊拉克指责" in s:
                ents = [Entity(e.start, e.end, "PER" if s.startswith("伊拉克指责", e.start) else "LOC", e.text)
                        for e in ents]
            out.append(ents)
        return out

    text = ("联合国特委会主席巴特勒今天抵达伊拉克。本月１１日伊拉克指责核查小组的人员失衡。\n"
            "伊拉克副总理阿齐兹表示，伊拉克将继续合作。\n")
    by_name, _ = run(text, finder)
    assert "伊拉克" not in by_name


def test_a_verb_after_a_name_and_others_with_de_is_a_noun():
    text = ("利维当天下午宣布，他决定辞去外长职务。\n"
            "内塔尼亚胡在记者招待会上说，他同其他内阁要员已一致同意根据利维及其桥党的要求增拨预算。"
            "他说，利维是联合政府中有影响的内阁成员，政府会予以考虑。\n")
    by_name, _ = run(text, tagging("利维", "内塔尼亚胡"))
    assert texts(by_name["利维"]) == ["他决定辞去外长职务。"]
    assert texts(by_name["内塔尼亚胡"]) == ["他同其他内阁要员已一致同意根据利维及其桥党的要求增拨预算。",
                                       "利维是联合政府中有影响的内阁成员，政府会予以考虑。"]


def test_praise_and_reaffirmation_with_their_object_report_speech():
    text = ("江泽民在讲话中高度评价了罗荣桓同志光辉的一生。\n"
            "外交部发言人朱邦造重申了中国政府在台湾问题上的一贯立场。\n")
    by_name, _ = run(text, tagging("江泽民", "朱邦造"))
    assert texts(by_name["江泽民"]) == ["罗荣桓同志光辉的一生。"]
    assert texts(by_name["朱邦造"]) == ["中国政府在台湾问题上的一贯立场。"]


def test_a_verbs_aspect_particle_after_a_name_cuts_the_verb_off_and_a_doctrine_is_no_person():
    text = ("青年锻炼干部１０名先进之一的李延拉着记者的手说：“这两年，我真无悔。”\n"
            "大家根据江总书记提出的“一个中心、三个着眼于”的马克思主义学风的要求，紧密结合实际。\n")
    by_name, _ = run(text, tagging("李延拉", "马克思"))
    assert list(by_name) == ["李延"] and texts(by_name["李延"]) == ["这两年，我真无悔。"]


def test_the_answers_of_an_interview_are_the_person_the_headline_visits():
    text = ("和平是国家最大成就——访塔吉克斯坦民族和解委员会主席努里\n本报特派记者尹树广\n"
            "经过一番盘查，记者终于见到民和委主席、统一反对派领导人阿·努里。\n"
            "问：您对最近的塔政局如何评价？\n答：和平自然是国家和人民取得的最大成就。\n"
            "问：您是否会参加明年的总统竞选？\n答：我尚未决定是否竞选总统。\n")
    by_name, _ = run(text, tagging("努里", "阿·努里", "尹树广"))
    assert list(by_name) == ["阿·努里"]
    assert texts(by_name["阿·努里"]) == ["和平自然是国家和人民取得的最大成就。", "我尚未决定是否竞选总统。"]


def test_a_monarchs_number_is_part_of_the_name_and_a_shout_is_speech():
    text = ("罗马尼亚前国王米哈伊一世多次回国。不久前，他公开表示将回国定居。\n"
            "邱玲侧身一闪，双手抓住那男子，大喊“有小偷，快把车开到派出所去！”\n")
    by_name, _ = run(text, tagging("米哈伊", "邱玲"))
    assert texts(by_name["米哈伊一世"]) == ["将回国定居。"] and "米哈伊" not in by_name
    assert texts(by_name["邱玲"]) == ["有小偷，快把车开到派出所去！"]


def test_a_posts_source_credit_is_no_part_of_a_statement():
    text = ("人民大学法学院教授周珂说，各地根据公安部的规定实行6年免环检是合法合理的。"
            "但环检政策不应简单地搭免安全检验的车。via中国青年报\n"
            "利维当天下午宣布辞职。这加剧了政府的政治危机。（新华社发美联社照片）\n")
    by_name, _ = run(text, tagging("周珂", "利维"))
    assert texts(by_name["周珂"])[-1] == "但环检政策不应简单地搭免安全检验的车。"
    assert "利维" not in by_name or not any("照片" in t for t in texts(by_name["利维"]))


def test_a_blog_post_or_a_speech_between_the_name_and_the_verb_and_a_time_word_glued_to_the_name():
    text = ("中国汽车工业协会常务副会长兼秘书长董扬近日发表博文表示坚决反对，主要理由是与中央稳增长方针不符。\n"
            "上海圆通速递董事长兼总裁喻渭蛟元旦致辞中提到，圆通的空运能力有了进一步提升。\n")
    by_name, _ = run(text, tagging("董扬", "喻渭蛟元旦"))
    assert texts(by_name["董扬"]) == ["坚决反对，主要理由是与中央稳增长方针不符。"]
    assert texts(by_name["喻渭蛟"]) == ["圆通的空运能力有了进一步提升。"]


def test_a_pronoun_with_one_person_named_before_and_nobody_spoken_is_that_person():
    text = ("17日，前教育部新闻发言人、现语文出版社社长王旭明作客岭南大讲坛，细谈教育常识。"
            "他认为当前中国存在问题最多的学科是语文。\n")
    by_name, _ = run(text, tagging("王旭明"))
    assert texts(by_name["王旭明"]) == ["当前中国存在问题最多的学科是语文。"]


def test_words_signed_by_a_person_at_the_paragraphs_end_are_theirs():
    text = "生存对于民营企业来说，一直是第一位的。政治家是主角。我们在这个剧场里是观众——冯仑\n"
    by_name, _ = run(text, tagging("冯仑"))
    assert texts(by_name["冯仑"]) == ["生存对于民营企业来说，一直是第一位的。", "政治家是主角。", "我们在这个剧场里是观众"]
    by_name, _ = run("张三说，明年还要涨。——记者李四\n", tagging("张三", "李四"))
    assert list(by_name) == ["张三"]  # a reporter's byline after a dash signs nothing


def test_a_name_glued_to_the_first_character_of_the_verb_before_the_cue_is_cut():
    text = "消息公布后，欧元集团主席容克发表声明称，创建欧元区永久救助基金协议将于明年生效。\n"
    by_name, _ = run(text, tagging("容克发"))
    assert list(by_name) == ["容克"] and texts(by_name["容克"]) == ["创建欧元区永久救助基金协议将于明年生效。"]
