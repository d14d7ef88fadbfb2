"""Speech attribution: the conventions added in session 22 from the errors of the speech corpus's tenth
People's Daily draw (tests/data/speech_corpus/people_daily10.jsonl, scored before any change, then read).
Every article here is invented for the test; `tagging(...)` finds exactly the names given."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_japanese_family_name_makes_a_name_that_jieba_files_as_a_place():
    # jieba files 中岛宏 as a place (ns) and 中 opens no Chinese name: the Japanese family name 中岛 does
    text = ("世界卫生组织总干事中岛宏１９日在执委会会议上呼吁各国动员必要的人力和资金。\n"
            "中岛宏在讲话中说，世界卫生组织成立５０年来取得了巨大成就。\n")
    by_name, _ = run(text, tagging("中岛宏"))
    assert list(by_name) == ["中岛宏"] and by_name["中岛宏"].role == "世界卫生组织总干事"
    # the family name alone is the same person (桥本 for 桥本龙太郎), as 阿伦 is for 雷阿伦
    text = "日本首相桥本龙太郎在国会发表演说时强调，必须维护金融体系的稳定。\n桥本在演说中宣布，政府将采取措施。\n"
    by_name, _ = run(text, tagging("桥本龙太郎", "桥本"))
    assert list(by_name) == ["桥本龙太郎"]
    assert texts(by_name["桥本龙太郎"]) == ["必须维护金融体系的稳定。", "政府将采取措施。"]


def test_jiu_writes_transliterations():
    # 久卡诺维奇 (of 米洛·久卡诺维奇), 久加诺夫: 久 is a transliteration character
    text = ("黑山共和国总统选举中获胜的米洛·久卡诺维奇１５日宣誓就职。"
            "久卡诺维奇在就职演说中强调指出，他将努力捍卫共和国的主权。\n")
    by_name, _ = run(text, tagging("米洛·久卡诺维奇", "久卡诺维奇"))
    assert texts(by_name["米洛·久卡诺维奇"]) == ["他将努力捍卫共和国的主权。"]


def test_a_coach_called_by_surname_and_zhidao_is_the_coach():
    text = ("中国水球队主教练彭绍荣扛着微型摄像机观看比赛。\n"
            "彭指导说，从这次大赛上可见世界水球发生了几大变化。\n")
    by_name, _ = run(text, tagging("彭绍荣"))
    assert list(by_name) == ["彭绍荣"] and texts(by_name["彭绍荣"]) == ["从这次大赛上可见世界水球发生了几大变化。"]


def test_the_person_a_letter_is_written_to_is_not_the_one_who_writes():
    text = "日前，一位大专班学员致信地委组织部长焦锦淼说：学校开设的课程全是针对农村实际的。\n"
    by_name, _ = run(text, tagging("焦锦淼"))
    assert "焦锦淼" not in by_name


def test_they_after_a_listed_group_are_each_of_the_group():
    # titles that hold 、 list their people with ，; 他们说 right after is each one's words
    text = ("全国政协副主席、中国佛教协会会长赵朴初，全国政协常委、中国伊斯兰教协会会长安士伟代表与会人士发言，"
            "他们说，宗教界将认真做好教务工作。\n")
    by_name, _ = run(text, tagging("赵朴初", "安士伟"))
    assert texts(by_name["赵朴初"]) == texts(by_name["安士伟"]) == ["宗教界将认真做好教务工作。"]
    assert by_name["安士伟"].role == "全国政协常委、中国伊斯兰教协会会长"
    # 他们 after one person and someone unnamed is nobody's
    by_name, _ = run("赵朴初和几位代表在会上发言，他们说，宗教界将认真做好教务工作。\n", tagging("赵朴初"))
    assert "赵朴初" not in by_name


def test_he_said_after_a_speech_event_opens_the_words():
    # 发言，他说，… is one speaker: the words start after 他说 (a cited speaker would take them whole)
    by_name, _ = run("张三丰在会上发言，他说，明年要做好工作。\n", tagging("张三丰"))
    assert texts(by_name["张三丰"]) == ["明年要做好工作。"]


def test_a_question_alone_on_its_line_is_the_reporters_once_the_reporter_has_asked():
    text = ("“家里就你们俩？孩子呢？”记者问。\n“两个孩子都在外头念书，都是自费的。”谭量顺回答。\n“花好多钱吧？”\n"
            "“第一次交的多点，后来每年交３５００元。”\n")
    by_name, _ = run(text, tagging("谭量顺"))
    assert texts(by_name["谭量顺"]) == ["两个孩子都在外头念书，都是自费的。", "第一次交的多点，后来每年交３５００元。"]
    # with no question of the reporter's before, a speaker's own question goes on being theirs
    text = "谭量顺说：“两个孩子都在外头念书。”\n“这不是好事吗？”\n"
    by_name, _ = run(text, tagging("谭量顺"))
    assert texts(by_name["谭量顺"]) == ["两个孩子都在外头念书。", "这不是好事吗？"]


def test_saying_while_doing_is_no_cue():
    text = "塔吉耶夫说，孩子们最喜欢上劳动课。\n塔吉耶夫一边介绍，一边顺手操起一份作业。这是一架木制面包篮。\n"
    by_name, _ = run(text, tagging("塔吉耶夫"))
    assert texts(by_name["塔吉耶夫"]) == ["孩子们最喜欢上劳动课。"]


def test_a_feeling_after_a_listed_group_is_each_ones_however_long_whom_it_is_for():
    text = ("江苏省常务副省长季允石，上海市常务副市长陈良宇在典礼上先后讲话，对工程的开工表示热烈的祝贺。\n"
            "吴邦国首先代表国务院对参加长江口深水航道治理的工程建设者们表示亲切的慰问。\n")
    by_name, _ = run(text, tagging("季允石", "陈良宇", "吴邦国"))
    assert texts(by_name["季允石"]) == texts(by_name["陈良宇"]) == ["热烈的祝贺。"]
    assert texts(by_name["吴邦国"]) == ["亲切的慰问。"]


def test_tongji_before_a_noun_is_no_narrators_verb():
    # (people_daily11) 统计工作要坚持…: the statistics a minister talks about do not end his words
    text = "邹家华指出，统计工作很重要。旧的统计方法已很难适应新的形势需要。统计工作要坚持方针。\n"
    by_name, _ = run(text, tagging("邹家华"))
    assert len(texts(by_name["邹家华"])) == 3


def test_an_idiom_of_prefix_and_verb_after_a_clause_of_the_person():
    # jieba's idiom 强烈呼吁: 并 + 强烈 before the verb is still a clause with no subject of its own
    text = "谢家树对祖国取得的伟大成就感到由衷高兴，并强烈呼吁海外所有中国人坚决支持祖国的统一大业。\n"
    by_name, _ = run(text, tagging("谢家树"))
    assert texts(by_name["谢家树"]) == ["海外所有中国人坚决支持祖国的统一大业。"]


def test_this_person_after_the_sentence_that_names_them():
    # (people_daily11) …他是教师塔吉耶夫。这位乌兹别克族汉子介绍说，“…”
    text = "一位中年人注视着孩子们，他是教师塔吉耶夫。这位乌兹别克族汉子介绍说，“孩子升到４年级后就有劳动课。”\n"
    by_name, _ = run(text, tagging("塔吉耶夫"))
    assert texts(by_name["塔吉耶夫"]) == ["孩子升到４年级后就有劳动课。"]


def test_people_daily12_names_a_finder_glues_or_takes_from_words():
    # 小贺|高声说: the familiar name of a person named before; 朱师傅|扶到: no name; 张榜公布: a verb
    text = "战士贺如兵和新娘安玉莲举行婚礼。婚礼由马凡贵主持。小贺高声说：“我今天要拜解放军。”\n"
    by_name, _ = run(text, tagging("贺如兵", "安玉莲", "小贺高", "马凡贵"))
    assert list(by_name) == ["贺如兵"]
    text = "罗副科长亲自将朱师傅扶到８楼。事后，朱师傅写来表扬信，夸赞道：“党的好传统回来了。”\n"
    by_name, _ = run(text, tagging("朱师傅扶"))
    assert not by_name


def test_words_no_named_person_says():
    # 以X为首的党中央提出: the body X led; …提出的…要求，: a noun; 许多与会者说，X说…: the participants' words
    for text, name in (("以毛泽东同志为首的党中央第一代领导集体提出“发展体育运动，增强人民体质”的方针。\n", "毛泽东"),
                       ("江泽民同志在报告中提出的勤俭建军的要求，发扬光大我军艰苦奋斗的优良传统。\n", "江泽民"),
                       ("许多与会者说，江泽民总书记说话剧是不可替代的，说出了大家的心里话。\n", "江泽民")):
        by_name, _ = run(text, tagging(name))
        assert not by_name, text
    # not before a colon (徐小平给创业者的建议：…), nor 的 for 地 (兴奋的告诉记者)
    by_name, _ = run("徐小平给创业者的建议：教育行业创业者要勇于上市。\n", tagging("徐小平"))
    assert texts(by_name["徐小平"]) == ["教育行业创业者要勇于上市。"]
    by_name, _ = run("运营至今王新钢略带兴奋的告诉记者，游戏赢利已经没有问题了。\n", tagging("王新钢"))
    assert texts(by_name["王新钢"]) == ["游戏赢利已经没有问题了。"]


def test_people_daily13_both_sides_of_a_meeting_and_names_cut_inside_a_word():
    # (people_daily13) 双方强调 after two named people meet, in the same sentence: each of them
    text = "日本首相桥本龙太郎今晚同来访的英国首相托尼·布莱尔举行会谈，双方强调要加强两国关系。\n"
    by_name, _ = run(text, tagging("桥本龙太郎", "托尼·布莱尔"))
    assert texts(by_name["桥本龙太郎"]) == texts(by_name["托尼·布莱尔"]) == ["要加强两国关系。"]
    # 科恩|时希望 (a heuristic name before 希望), 李教|授 (the tagger's cut inside 教授)
    by_name, _ = run("国家主席江泽民今天会见美国国防部长科恩时希望，两军关系继续保持发展势头。\n", tagging("江泽民"))
    assert list(by_name) == ["江泽民"]
    text = "李政道教授来到科技馆。李教授听后欣喜地说：“我还知道他的另一个题词。”\n"
    by_name, _ = run(text, tagging("李政道", "李教"))
    assert list(by_name) == ["李政道"] and texts(by_name["李政道"]) == ["我还知道他的另一个题词。"]


def test_on_behalf_of_someone_is_not_them_speaking():
    text = "科恩在会谈中代表克林顿总统对地震造成的人员伤亡表示同情。他说，紧急救灾援助是两国友好关系的体现。\n"
    by_name, _ = run(text, tagging("科恩", "克林顿"))
    assert list(by_name) == ["科恩"] and texts(by_name["科恩"]) == ["同情。", "紧急救灾援助是两国友好关系的体现。"]


def test_he_is_the_subject_of_the_sentence_just_before():
    text = ("至于叶利钦在信中提出了哪些建议？目前还不得而知。但俄负责独联体事务的副总理谢罗夫不久前曾透露过俄的一些想法。"
            "他说，“该是转向具体建设性实事的时候了。”\n")
    by_name, _ = run(text, tagging("叶利钦", "谢罗夫"))
    assert list(by_name) == ["谢罗夫"]


def test_but_said_goes_on_with_the_person_of_the_clause_before():
    text = "部长波尼拉说，洪都拉斯将出售新鲜空气。波尼拉没有透露出售空气的具体方式，但说欧洲买主的开价高达９００万美元。\n"
    by_name, _ = run(text, tagging("波尼拉"))
    assert texts(by_name["波尼拉"]) == ["洪都拉斯将出售新鲜空气。", "欧洲买主的开价高达９００万美元。"]


def test_zeng_as_once_before_a_word_is_no_name():
    # (people_daily14) 曾信心十足地说: 曾 + 信心 (a word), not a surname and a given name
    text = "美国代表霍尔布鲁克当初谈到派遣维和部队时，曾信心十足地说：“我们认为１年的时间足够了。”\n"
    by_name, _ = run(text, tagging("霍尔布鲁克", "曾信心"))
    assert "曾信心" not in by_name


def test_words_that_open_with_guo_after_the_verb():
    # (people_daily14) 宣称过去的…: 过去 opens the words; 表示过 (have said) still says nothing here
    by_name, _ = run("博塔宣称过去的种族隔离是“友好睦邻”。\n", tagging("博塔"))
    assert texts(by_name["博塔"]) == ["过去的种族隔离是“友好睦邻”。"]


def test_the_reporter_of_a_dateline_is_nobodys_he():
    # (people_daily14) 本报贵阳…电记者胡跃平报道：… in a long first paragraph: the author, as a byline line is
    from tests.test_speech import with_sentences
    from zhnews.models.speech.mentions import find_mentions
    from zhnews.models.speech.paragraph import Paragraph
    from zhnews.models.speech.subjects import byline_reporter
    from zhnews.models.speech.vocab import SpeechConfig
    from zhnews.models.text import split_paragraphs

    text = ("本报贵阳一月十七日电记者胡跃平报道：『我们摆勺村今年决定再拿出六十亩土地。』一月十日，三名村干部在煤矿新村"
            "宣布这一决定后，带着记者来到煤矿新村周围的菜地。\n")
    config = SpeechConfig()
    paras = [Paragraph.build(text, span, list(s), config.jieba_hmm)
             for span, s in with_sentences(text, split_paragraphs(text))]
    find_mentions(text, paras, tagging("胡跃平"), config)
    reporter = next(m for m in paras[0].mentions if m.name == "胡跃平")
    assert reporter.role == "记者" and byline_reporter(paras[0], reporter)


def test_people_daily15_inscriptions_encouragement_and_a_source_of_someones():
    # 题词：… is the writer's words; 勉励 + content as 鼓励 in the corpus; 据金大中新政权的有关人士透露: unnamed
    by_name, _ = run("李鹏总理为这本书题词：学习周恩来行政思想，发扬奉献精神。\n", tagging("李鹏", "周恩来"))
    assert list(by_name) == ["李鹏"] and texts(by_name["李鹏"]) == ["学习周恩来行政思想，发扬奉献精神。"]
    by_name, _ = run("江泽民总书记为青年志愿者行动题词，对全国青年是一个巨大鼓舞。\n", tagging("江泽民"))
    assert not by_name  # no colon: the inscription's words are not given
    by_name, _ = run("张万年勉励广大纪检干部忠于职守，为党风廉政建设作出新的贡献。\n", tagging("张万年"))
    assert texts(by_name["张万年"]) == ["广大纪检干部忠于职守，为党风廉政建设作出新的贡献。"]
    by_name, _ = run("据金大中新政权的有关人士２３日透露，新政府将推动大型企业集团进行产业结构改革。\n", tagging("金大中"))
    assert not by_name
