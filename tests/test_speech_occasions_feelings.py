"""Speech attribution, session 53: a title after the name before an occasion adverbial (陈清泰副主任在谈到…时指出),
two persons joined by 和 who tell an addressee (赵化勇和邹友开一再告诉记者们：), and a feeling after 表示 that another
verb of the same speaker follows (对…表示满意，并特别提到…). Every article here is invented for the test; `tagging(...)`
finds exactly the names given."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_title_after_the_name_does_not_hide_the_occasion_before_the_verb():
    text = ("国家经贸委陈清泰副主任在谈到对企业领导人员普遍开展工商管理培训的深刻意义时指出，"
            "我们要加速培养一大批适应市场经济需要的企业经营管理人才。\n")
    by_name, _ = run(text, tagging("陈清泰"))
    assert texts(by_name["陈清泰"]) == ["我们要加速培养一大批适应市场经济需要的企业经营管理人才。"]
    # as it reads with the title before the name
    by_name, _ = run(text.replace("国家经贸委陈清泰副主任", "国家经贸委副主任陈清泰"), tagging("陈清泰"))
    assert texts(by_name["陈清泰"]) == ["我们要加速培养一大批适应市场经济需要的企业经营管理人才。"]


def test_persons_joined_by_he_who_tell_an_addressee_both_speak():
    text = "中央电视台副台长赵化勇和晚会总策划邹友开一再告诉记者们：“创新是我们费尽心思的设想和追求。”\n"
    by_name, _ = run(text, tagging("赵化勇", "邹友开"))
    assert texts(by_name["赵化勇"]) == texts(by_name["邹友开"]) == ["创新是我们费尽心思的设想和追求。"]
    # a bare verb with no addressee and colon joins nobody to the last name (甲和乙谈到这部片时…)
    by_name, _ = run("赵化勇和邹友开谈到这部片时笑了起来。\n", tagging("赵化勇", "邹友开"))
    assert "赵化勇" not in by_name


def test_a_feeling_after_biaoshi_is_kept_before_the_next_verb_of_the_same_speaker():
    text = "钱其琛对两国友好合作关系的发展表示满意，并特别提到两国在举办邮展方面的合作。\n"
    by_name, _ = run(text, tagging("钱其琛"))
    assert texts(by_name["钱其琛"]) == ["满意", "两国在举办邮展方面的合作。"]
    # a feeling the sentence ends with is the whole statement, as before
    by_name, _ = run("钱其琛对两国关系的发展表示满意。\n", tagging("钱其琛"))
    assert texts(by_name["钱其琛"]) == ["满意。"]


def test_a_transcript_answer_however_short_is_the_speakers():
    text = ("记者：你怎么看今年的比赛？\n"
            "王大伟：我觉得球队的状态很好。我们每天都在进步。\n"
            "记者：明年还会留在队里吗？\n"
            "王大伟：是。这是我们共同的心愿。\n"
            "记者：外界说你们不团结？\n"
            "王大伟：没有啦！大家都很好。\n")
    by_name, _ = run(text)
    assert texts(by_name["王大伟"]) == ["我觉得球队的状态很好。", "我们每天都在进步。", "是。", "这是我们共同的心愿。",
                                        "没有啦！", "大家都很好。"]
    # a label's short words outside a transcript are still no statement (张三：笑容甜美, a caption)
    by_name, _ = run("颁奖礼上明星云集。\n王大伟：帅气。\n")
    assert "王大伟" not in by_name


def test_he_with_a_bare_verb_inside_the_speakers_own_indirect_speech_goes_on():
    text = ("钮文新指出，利率结构严重扭曲，为金融倒爷提供良好生存空间。他呼吁政策归位。"
            "货币政策作为总量政策，应管好总量问题。\n")
    by_name, _ = run(text, tagging("钮文新"))
    assert texts(by_name["钮文新"]) == ["利率结构严重扭曲，为金融倒爷提供良好生存空间。", "政策归位。",
                                        "货币政策作为总量政策，应管好总量问题。"]
    # not when nobody's speech was going on: a bare verb opens no continuation there
    by_name, _ = run("钮文新走进会场。他希望大家安静下来。会场随即安静下来。\n", tagging("钮文新"))
    assert texts(by_name["钮文新"]) == ["大家安静下来。"]


def test_indirect_speech_that_ends_in_a_closed_quote_does_not_go_on():
    text = ("徐静蕾坦言，该片是自己拍摄难度最大的一部电影，“我以前四部电影都是在北京拍的，这也是为什么我有想哭的冲动。”"
            "上周《亲密敌人》宣布将于12月23日上映。\n")
    by_name, _ = run(text, tagging("徐静蕾"))
    assert texts(by_name["徐静蕾"]) == ["该片是自己拍摄难度最大的一部电影，“我以前四部电影都是在北京拍的，这也是为什么我有想哭的冲动。”"]
    # a quoted term closing the sentence leaves the speech going on
    by_name, _ = run("林少恒认为，资金投进去就是个“无底洞”。这就需要投资人去美国当地考察项目方的真实情况。\n",
                     tagging("林少恒"))
    assert texts(by_name["林少恒"]) == ["资金投进去就是个“无底洞”。", "这就需要投资人去美国当地考察项目方的真实情况。"]
    # nor do words the speaker cites after a colon, one quote after another
    text = ("罗干说，江泽民同志在党的十五大报告中指出：“加强国防和军队建设，是国家安全的基本保证。”“要深入持久地开展拥政爱民工作。”"
            "全面落实党的十五大提出的各项任务，必须创造一个安全、稳定的政治和社会环境。\n")
    by_name, _ = run(text, tagging("罗干", "江泽民"))
    assert texts(by_name["罗干"])[-1] == "全面落实党的十五大提出的各项任务，必须创造一个安全、稳定的政治和社会环境。"


def test_a_first_person_quote_after_a_comma_when_the_subject_goes_on_after_it():
    text = "喜欢艺术的卞怡婧在卢浮宫看到了名作《蒙娜丽莎》，“和书本里的感觉完全不同，色彩让我震撼”，她游览巴黎街景后写了一篇文章。\n"
    by_name, _ = run(text, tagging("卞怡婧"))
    assert texts(by_name["卞怡婧"]) == ["和书本里的感觉完全不同，色彩让我震撼"]
    # not a quote in nobody's first person, nor one the sentence goes on after with someone else
    for after in ("，色彩让人震撼”，她游览巴黎街景后写了一篇文章。", "，色彩让我震撼”，导游随后带大家去了塞纳河。"):
        by_name, _ = run(text.split("，“")[0] + "，“和书本里的感觉完全不同" + after + "\n", tagging("卞怡婧"))
        assert "卞怡婧" not in by_name, after


def test_a_quote_before_a_time_clause_and_the_speakers_cue_is_theirs():
    text = "“我真的不知道，”在被问到是否会留在篮网时，武贾西奇说道，“我会跟你说，在本赛季结束以后。”\n"
    by_name, _ = run(text, tagging("武贾西奇"))
    assert texts(by_name["武贾西奇"]) == ["我真的不知道", "我会跟你说，在本赛季结束以后。"]
    # a quote before a time clause that no cue follows stays nobody's
    by_name, _ = run("“当时的CPI处在高位，”在2007年底时，美国次贷危机带来的风险逐步显现。\n", tagging())
    assert not by_name


def test_a_short_answer_quoted_whole_after_the_verb():
    by_name, _ = run("至于米尔萨普会不会更多地充任小前锋，科尔宾表示“没想好”。\n", tagging("科尔宾", "米尔萨普"))
    assert texts(by_name["科尔宾"]) == ["没想好"]
    # a name given after 称 is no answer
    by_name, _ = run("球迷们称“小皇帝”。\n", tagging())
    assert not by_name
    by_name, _ = run("科尔宾笑称“小皇帝”。\n", tagging("科尔宾"))
    assert "科尔宾" not in by_name


def test_a_characterisation_in_quotes_is_the_persons_statement():
    text = "对于今年以来的行情，陈东将其定义为“走出最坏时期后的估值修正”，在去库存化等三大因素的推动下，市场走出了反弹。\n"
    by_name, _ = run(text, tagging("陈东"))
    assert texts(by_name["陈东"])[0] == "走出最坏时期后的估值修正"
    # not a body's or a group's (四川省劳动部门的同志把原因概括为“两吃”)
    by_name, _ = run("四川省劳动部门的同志把原因概括为“两吃”，即吃饭和吃药。\n", tagging())
    assert not by_name


def test_a_colon_quote_after_someone_the_subject_talks_with_is_the_subjects():
    text = "郑小军急了。他甚至和张合义商量：“能不能把你的那份合同拿来让我再审一下？”结果被拒绝。\n"
    by_name, _ = run(text, tagging("郑小军", "张合义"))
    assert texts(by_name["郑小军"]) == ["能不能把你的那份合同拿来让我再审一下？"] and "张合义" not in by_name
    # two persons joined by 和 are both the subject: the quote is neither's alone
    by_name, _ = run(text.replace("他甚至和", "他和"), tagging("郑小军", "张合义"))
    assert "郑小军" not in by_name


def test_a_transcript_turns_short_closing_sentence_is_the_speakers_not_a_signature():
    text = ("主持人：您怎么看工艺地板？\n"
            "张大伟：这个名词我也尊重，但我还没有想好。谢谢！\n"
            "主持人：那么您呢？\n"
            "叶克林：我觉得这是一个突破。(肥仔)\n")
    by_name, _ = run(text, tagging("张大伟", "叶克林"))
    assert texts(by_name["张大伟"]) == ["这个名词我也尊重，但我还没有想好。", "谢谢！"]
    assert texts(by_name["叶克林"]) == ["我觉得这是一个突破。"]


def test_a_bare_cue_whose_words_open_a_list_after_a_colon_goes_on_through_the_points():
    text = ("因此，左红今年提出了修改《证券投资基金法》的议案。左红建议对基金法作出进一步修改完善：一是扩大基金法的适用范围。"
            "建议参照《证券法》的规定，明确“公开”的外延。二是进一步完善对基金公司股东的监管体制。\n")
    by_name, _ = run(text, tagging("左红"))
    assert texts(by_name["左红"])[-2:] == ["建议参照《证券法》的规定，明确“公开”的外延。", "二是进一步完善对基金公司股东的监管体制。"]
    # a bare cue without a list stops where it did
    by_name, _ = run(text.replace("作出进一步修改完善：一是扩大", "扩大"), tagging("左红"))
    assert texts(by_name["左红"]) == ["对基金法扩大基金法的适用范围。"]


def test_a_persons_view_after_a_comma_is_their_statement():
    by_name, _ = run("陈东对此的看法是，既要博览众家之长，又要坚持自己的独立思维。\n", tagging("陈东"))
    assert texts(by_name["陈东"]) == ["既要博览众家之长，又要坚持自己的独立思维。"]
    by_name, _ = run("赵霏很忙。以他的观点，手机程序包的大小并不是制约用户多少的因素。\n", tagging("赵霏"))
    assert texts(by_name["赵霏"]) == ["手机程序包的大小并不是制约用户多少的因素。"]
    # a body's reason is nobody's
    by_name, _ = run("欧委会的理由是，北爱尔兰放养的牛群有着详细的电脑资料。\n", tagging())
    assert not by_name


def test_in_someones_eyes_is_their_view_as_in_their_opinion():
    by_name, _ = run("看点八：细节精致。在陈嘉上眼里，《画壁》从头到尾都是一部一气呵成的电影。\n", tagging("陈嘉上"))
    assert texts(by_name["陈嘉上"]) == ["《画壁》从头到尾都是一部一气呵成的电影。"]
    # seeing it without a comma after is no view given (东区诸强看在眼里，…)
    by_name, _ = run("公牛暴露出进攻问题，陈嘉上看在眼里急在心上。\n", tagging("陈嘉上"))
    assert "陈嘉上" not in by_name
