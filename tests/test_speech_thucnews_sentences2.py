"""Speech attribution, session 59: shapes of the fifth and sixth rounds of annotated THUCNews sentences
(tests/data/speech_corpus/thucnews_sentences.jsonl) the rules missed — a narrator's verb opening the words after a verb
of speech (她表示看到他们的故事…: 看到 is no cue of its own), a coordinated source after 据 (据邹宝成、朱秀科向记者证实，…:
both), a manner character the finder glued to a name (袁静|笑说), the person before 与 at a meeting whose words follow
to the press (盖特与…希拉里举行会谈后对记者发表谈话说: 盖特; 与 glued to his name let go), 说|到 + an object (由唐高祖说到
唐玄宗: a range, no words), 告知 as a verb of speech, a civil service rank after a name (贾华才调研员告诉记者), a
given and a family name in Latin letters before a verb (Raj Talluri透露, not a company's Epic Games), words to another's
reporter (对EGM的记者表示), a long first-person turn opening the text (马晓轶：…我们…; a short one is a headline), a name
jieba holds whole before an adverb (奥巴马|上月), an adverb's first character glued to a name (田金双|明确表示), a city's
papers (马德里媒体), transcript labels in brackets ([范丽青]:, 【李静】：), 说X就X (an idiom), a plaintiff before 起诉
(方力钧起诉赵文卓说), one line quoted after 了一句 / 了一声 (回应了一声“嗯……”). Every `tagging(...)` finds exactly the names
given."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_narrators_verb_opens_the_words_after_a_verb_of_speech():
    text = "翁虹现场观看更是数度落泪，她表示看到他们的故事，想到了自己也曾因腰伤在床上躺了八个月。\n"
    by_name, _ = run(text, tagging("翁虹"))
    assert texts(by_name["翁虹"]) == ["看到他们的故事，想到了自己也曾因腰伤在床上躺了八个月。"]


def test_a_narrators_verb_alone_is_still_no_speech():
    text = "翁虹在现场看到他们的故事，数度落泪。\n"
    by_name, _ = run(text, tagging("翁虹"))
    assert not by_name


def test_coordinated_sources_after_ju_each_speak():
    text = "据营口市中级人民法院副院长邹宝成、党工委副书记朱秀科向新华社记者证实，这一恶性事件发生在25日13时40分。\n"
    by_name, _ = run(text, tagging("邹宝成", "朱秀科"))
    assert sorted(by_name) == ["朱秀科", "邹宝成"]
    assert texts(by_name["邹宝成"]) == texts(by_name["朱秀科"]) == ["这一恶性事件发生在25日13时40分。"]


def test_whom_a_source_met_after_ju_is_no_speaker():
    text = "据会见李强、王伟的工作人员介绍，这一事件发生在25日。\n"
    by_name, _ = run(text, tagging("李强", "王伟"))
    assert not by_name


def test_a_manner_character_glued_to_a_name_is_cut_off():
    text = "对此，袁静笑说：“首先，没有规定人大代表不能参加选美。”\n"
    by_name, _ = run(text, tagging("袁静笑"))
    assert list(by_name) == ["袁静"]
    assert texts(by_name["袁静"]) == ["首先，没有规定人大代表不能参加选美。"]


def test_the_host_of_a_meeting_speaks_to_the_press_after_it():
    for text in ("埃及外长盖特与到访的美国国务卿希拉里举行会谈后对记者发表谈话说，埃及政府一直支持中东和平进程。\n",
                 "盖特在与希拉里会谈后对记者说，埃及政府一直支持中东和平进程。\n"):
        by_name, _ = run(text, tagging("盖特与" if "盖特与" in text else "盖特", "希拉里"))
        assert list(by_name) == ["盖特"], text
        assert texts(by_name["盖特"]) == ["埃及政府一直支持中东和平进程。"]


def test_yu_ending_a_given_name_stays_when_nobody_follows():
    text = "赵国与表示，明年将继续扩大投资。\n"
    by_name, _ = run(text, tagging("赵国与"))
    assert list(by_name) == ["赵国与"]


def test_shuo_dao_with_an_object_is_a_range_not_speech():
    text = "他的论文研究太子继承皇位制度，由开国的唐高祖说到唐玄宗，分析了宫廷政治。\n"
    by_name, _ = run(text, tagging("唐高祖", "唐玄宗"))
    assert not by_name


def test_shuo_dao_with_a_colon_still_reports():
    text = "加斯佩里尼说到：“好像球队里的阿根廷和巴西球员是有些多了。”\n"
    by_name, _ = run(text, tagging("加斯佩里尼"))
    assert texts(by_name["加斯佩里尼"]) == ["好像球队里的阿根廷和巴西球员是有些多了。"]


def test_gaozhi_reports_speech():
    text = "李梓菲告知记者，节目的主持阵容已经确定。\n"
    by_name, _ = run(text, tagging("李梓菲"))
    assert texts(by_name["李梓菲"]) == ["节目的主持阵容已经确定。"]


def test_a_civil_service_rank_after_the_name():
    text = "深圳市交委东部交通运输局分管养护的贾华才调研员告诉记者，该工程的总造价在160万元左右。\n"
    by_name, _ = run(text, tagging("贾华才"))
    assert texts(by_name["贾华才"]) == ["该工程的总造价在160万元左右。"]


def test_an_offices_last_character_before_its_title_is_no_surname():
    text = "新华社记者司宁报道。\n国家发改委气候变化司副司长在会上表示，中国政府始终负责任地采取行动。\n"
    by_name, _ = run(text, tagging("司宁"))
    assert not by_name


def test_a_latin_given_and_family_name_before_a_verb_speaks():
    text = "Raj Talluri透露，高通最新芯片组的图形性能已经达到了初代Xbox的水准。\n"
    by_name, _ = run(text, tagging())
    assert texts(by_name["Raj Talluri"]) == ["高通最新芯片组的图形性能已经达到了初代Xbox的水准。"]


def test_a_company_of_two_latin_words_is_no_speaker():
    for text in ("Epic Games表示，新作将在明年推出。\n", "Morgan Stanley认为，市场将走强。\n"):
        by_name, _ = run(text, tagging())
        assert not by_name, text


def test_words_to_someones_reporter_are_the_speakers():
    text = "Oddworld Inhabitants的负责人Lorne Lanning对EGM的记者表示，他们正设法用3D物理引擎重现原作。\n"
    by_name, _ = run(text, tagging("Lorne Lanning"))
    assert texts(by_name["Lorne Lanning"]) == ["他们正设法用3D物理引擎重现原作。"]


def test_a_long_first_person_turn_opening_the_text_is_the_labels():
    text = "马晓轶：一个细分市场的形成是需要不断培育的，3D格斗是之前无人涉足的全新领域，我们预计前期会以线上竞技为主。\n"
    by_name, _ = run(text, tagging("马晓轶"))
    assert texts(by_name["马晓轶"]) == ["一个细分市场的形成是需要不断培育的，3D格斗是之前无人涉足的全新领域，我们预计前期会以线上竞技为主。"]


def test_a_short_label_opening_the_text_is_still_a_headline():
    text = "王炯：不重暴利重长远\n新浪财经讯 万科今天公布了全年业绩。\n"
    by_name, _ = run(text, tagging("王炯"))
    assert not by_name


def test_a_name_jieba_holds_whole_keeps_a_character_an_adverb_would_take():
    text = "奥巴马上月表示，将提交新的促进就业法案。\n"
    by_name, _ = run(text, tagging("奥巴马"))
    assert texts(by_name["奥巴马"]) == ["将提交新的促进就业法案。"]


def test_an_adverbs_first_character_glued_to_a_name_is_let_go():
    text = "针对学员的愿望，田金双明确表示，娱乐授课更应注意实用性。\n"
    by_name, _ = run(text, tagging("田金双明"))
    assert texts(by_name["田金双"]) == ["娱乐授课更应注意实用性。"]


def test_a_citys_papers_are_nobody_named():
    text = "马德里媒体还曝光说，劳尔在团结队友方面也做得不够好。\n"
    by_name, _ = run(text, tagging("马德里", "劳尔"))
    assert not by_name


def test_bracketed_transcript_labels_take_turns():
    text = ("国台办今天举行例行新闻发布会。\n[记者]:请问发言人对此有何评论？\n"
            "[范丽青]:关于商签两岸经济合作框架协议的事，我们的立场是明确的，我们希望尽快商签。\n[记者]:谢谢。\n")
    by_name, _ = run(text, tagging("范丽青"))
    assert texts(by_name["范丽青"]) == ["关于商签两岸经济合作框架协议的事，我们的立场是明确的，我们希望尽快商签。"]
    text = "新浪家居访谈。\n【主持人】：欢迎李静做客。\n【李静】：我们是做一个综合的装修，我们只赚属于我们这部分的。\n【主持人】：谢谢。\n"
    by_name, _ = run(text, tagging("李静"))
    assert texts(by_name["李静"]) == ["我们是做一个综合的装修，我们只赚属于我们这部分的。"]


def test_shuo_x_jiu_x_is_an_idiom_not_speech():
    text = "王菲是绝对的行动派，说做就做，哪怕拍封面需要她躺在冰冷的地板上，她也毫无怨言。\n"
    by_name, _ = run(text, tagging("王菲"))
    assert not by_name


def test_the_plaintiff_speaks_not_whom_the_suit_is_against():
    text = "方力钧起诉赵文卓说，赵文卓擅自将小区西北角中心草坪、花架铲除。\n"
    by_name, _ = run(text, tagging("方力钧", "赵文卓"))
    assert list(by_name) == ["方力钧"]
    assert texts(by_name["方力钧"]) == ["赵文卓擅自将小区西北角中心草坪、花架铲除。"]


def test_one_line_quoted_after_le_is_the_speakers():
    text = "加利亚尼在机场对于球迷“买小法”的呼喊，回应了一声“嗯……”，确实给外界带来了不少遐想。\n"
    by_name, _ = run(text, tagging("加利亚尼"))
    assert texts(by_name["加利亚尼"]) == ["嗯……"]
    text = "赛后王治郅只说了一句“我们会努力”。\n"
    by_name, _ = run(text, tagging("王治郅"))
    assert texts(by_name["王治郅"]) == ["我们会努力"]
