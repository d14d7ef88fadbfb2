"""Speech attribution: who is the subject of a cue (models/speech/cues.py, models/speech/groups.py): persons who
speak together, an occasion between a speaker and the verb, a speaker named in the clause before. The conventions
added in session 39 from the speakers and statements the rules missed on the development splits of the speech
corpus. Every article here is invented for the test; `tagging(...)` finds exactly the names given."""
from __future__ import annotations

from zhnews.models.speech.edges import name_end
from zhnews.models.speech.vocab import DEFAULT_CONFIG
from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_a_listed_group_closed_by_deng_speaks_in_the_next_clause():
    text = "而包括诺维茨基、保罗-加索尔等国际球星，都表示联盟若真的停摆，自己会到海外继续打球。\n"
    by_name, _ = run(text, tagging("诺维茨基", "保罗-加索尔"))
    assert sorted(by_name) == ["保罗-加索尔", "诺维茨基"]
    assert texts(by_name["诺维茨基"]) == texts(by_name["保罗-加索尔"]) == ["联盟若真的停摆，自己会到海外继续打球。"]


def test_a_list_that_is_no_group_of_speakers_gives_none():
    # the names are what is met (a verb before them), or 等 is followed by a clause, not what they are
    for text in ("记者见到了诺维茨基、保罗-加索尔等国际球星，都表示联盟若停摆，自己会到海外打球。\n",
                 "诺维茨基、保罗-加索尔等人都去了欧洲，表示联盟若停摆，自己会到海外打球。\n"):
        by_name, _ = run(text, tagging("诺维茨基", "保罗-加索尔"))
        assert sorted(by_name) != ["保罗-加索尔", "诺维茨基"], text


def test_coordinated_subjects_before_a_verb_with_its_object_or_a_bare_verb():
    by_name, _ = run("罗干、任建新充分肯定了广大公安民警在过去一年里取得的成绩。\n", tagging("罗干", "任建新"))
    assert sorted(by_name) == ["任建新", "罗干"]
    assert texts(by_name["罗干"]) == texts(by_name["任建新"]) == ["广大公安民警在过去一年里取得的成绩。"]
    by_name, _ = run("李强、王伟认为明年的市场将继续回暖。\n", tagging("李强", "王伟"))
    assert sorted(by_name) == ["李强", "王伟"]


def test_dou_after_two_coordinated_people_makes_them_one_subject_across_an_occasion():
    # 在…之前 would make the first person the subject (张三在会见李四之前表示: 张三); 都 says both act
    text = "江泽民和克莱斯蒂尔都在音乐会开幕之前表示，这次演出一定会取得成功。\n"
    by_name, _ = run(text, tagging("江泽民", "克莱斯蒂尔"))
    assert sorted(by_name) == ["克莱斯蒂尔", "江泽民"]
    assert texts(by_name["江泽民"]) == texts(by_name["克莱斯蒂尔"]) == ["这次演出一定会取得成功。"]
    # without 都 the occasion's rule stands: 张三 acts when meeting 李四
    by_name, _ = run("张三在会见李四之前表示，这次会谈一定会取得成功。\n", tagging("张三", "李四"))
    assert list(by_name) == ["张三"]


def test_a_long_occasion_with_a_speech_given_there_lies_between_name_and_verb():
    text = "国务院副总理李岚清在今天召开的全国高等教育管理体制改革经验交流会上发表讲话指出，高教管理体制改革要加大力度。\n"
    by_name, _ = run(text, tagging("李岚清"))
    assert texts(by_name["李岚清"]) == ["高教管理体制改革要加大力度。"]


def test_the_person_opening_a_clause_speaks_after_it_though_another_is_named_in_its_occasion():
    text = "外交部长恩佐３０日在中国驻南非研究中心主任王学贤举行的招待会上发表讲话，高度评价两国建交的重大意义。\n"
    by_name, _ = run(text, tagging("恩佐", "王学贤"))
    assert list(by_name) == ["恩佐"]
    assert texts(by_name["恩佐"]) == ["两国建交的重大意义。"]


def test_a_verb_with_its_object_after_the_speakers_clause():
    text = "国务院副总理邹家华在今天闭幕的工作会议上，肯定了新星公司一年来的工作成绩。\n"
    by_name, _ = run(text, tagging("邹家华"))
    assert texts(by_name["邹家华"]) == ["新星公司一年来的工作成绩。"]


def test_last_year_and_a_date_between_name_and_verb():
    text = "赞比亚总统奇卢巴去年十二月三十一日下令释放上周被拘留的前总统。\n"
    by_name, _ = run(text, tagging("奇卢巴"))
    assert texts(by_name["奇卢巴"]) == ["释放上周被拘留的前总统。"]


def test_oneself_or_an_interview_between_name_and_verb():
    by_name, _ = run("周琦自己说他真正打球是在十岁左右。\n", tagging("周琦"))
    assert texts(by_name["周琦"]) == ["他真正打球是在十岁左右。"]
    by_name, _ = run("据港媒报道，早前成龙受访称人生已到无求境界。\n", tagging("成龙"))
    assert texts(by_name["成龙"]) == ["人生已到无求境界。"]


def test_they_opening_a_sentence_are_the_persons_the_sentence_before_joins():
    text = ("美国研究所的天体物理学家彼特·加纳维奇、劳伦斯伯克利国家实验室的绍尔·伯尔穆特以及耶鲁大学的布拉德利·谢弗等人，"
            "对许多超新星进行了观测。他们认为，宇宙的膨胀将会放慢。\n")
    names = ("彼特·加纳维奇", "绍尔·伯尔穆特", "布拉德利·谢弗")
    by_name, _ = run(text, tagging(*names))
    assert sorted(by_name) == sorted(names)
    assert all(texts(by_name[n]) == ["宇宙的膨胀将会放慢。"] for n in names)
    # the role of the second person stops at the first one's name
    assert by_name["绍尔·伯尔穆特"].role == "劳伦斯伯克利国家实验室"
    by_name, _ = run("投递员杨殿军和张东升两家受灾较重。他俩说：“谢谢大家的关心！”\n", tagging("杨殿军", "张东升"))
    assert sorted(by_name) == ["张东升", "杨殿军"]


def test_they_after_a_sentence_naming_someone_else_too_are_nobody_named():
    # an unnamed source or a pronoun in the sentence before: 他们 may be anyone of them
    text = "记者采访了张三和李四，他们的同事也在场。他们认为，市场仍然偏弱。\n"
    by_name, _ = run(text, tagging("张三", "李四"))
    assert not by_name


def test_dou_after_a_clause_that_lists_persons_anywhere_makes_them_the_subject():
    text = "这封信经邓子恢、李先念、赵辛初转至黄冈，均表示：此案应当客观处理。\n"
    names = ("邓子恢", "李先念", "赵辛初")
    by_name, _ = run(text, tagging(*names))
    assert sorted(by_name) == sorted(names)
    # without 都 / 均 the clause's own subject is nobody named
    by_name, _ = run("这封信经邓子恢、李先念、赵辛初转至黄冈，表示：此案应当客观处理。\n", tagging(*names))
    assert sorted(by_name) != sorted(names)
    # their wives are not they
    by_name, _ = run("记者见到了邓子恢、李先念的妻子，都表示：此案应当客观处理。\n", tagging("邓子恢", "李先念"))
    assert not by_name


def test_a_quotation_of_several_paragraphs_is_the_speakers_to_its_close():
    # each paragraph opens with “ and only the last closes: the whole speech is the spokesman's, persons named
    # inside it included; what follows the close is narration again
    text = ("外交部发言人唐国强回答：“我们将坚定不移地推行独立自主的和平外交政策。\n"
            "“我们要加紧落实江主席访美成果，做好克林顿总统访华的接待工作。明年是中日和平友好条约签订２０周年。\n"
            "“我们将继续贯彻落实‘一国两制’方针，推进祖国统一大业。”\n"
            "记者会持续了一个小时。\n")
    by_name, _ = run(text, tagging("唐国强", "江", "克林顿"))
    assert list(by_name) == ["唐国强"]
    got = texts(by_name["唐国强"])
    assert "记者会持续了一个小时。" not in got
    for words in ("做好克林顿总统访华的接待工作", "明年是中日和平友好条约签订２０周年", "推进祖国统一大业"):
        assert any(words in t for t in got), words


def test_a_bare_title_opening_a_clause_is_the_one_person_named_before_with_that_office():
    text = ("外交部发言人沈国放今天在这里说，中央政府对此表示支持。\n"
            "发言人说，中央政府将一如既往地支持特区政府的努力。\n")
    by_name, _ = run(text, tagging("沈国放"))
    assert list(by_name) == ["沈国放"]
    assert "中央政府将一如既往地支持特区政府的努力。" in texts(by_name["沈国放"])
    # two spokesmen named before: nobody can tell which one
    text = ("外交部发言人沈国放说，中方对此表示支持。美国国务院发言人鲁宾说，美方也表示欢迎。\n"
            "发言人说，双方将继续保持沟通。\n")
    by_name, _ = run(text, tagging("沈国放", "鲁宾"))
    assert all("双方将继续保持沟通。" not in texts(sp) for sp in by_name.values())


def test_a_verb_with_guo_before_its_words():
    by_name, _ = run("之前姚明曾经透露过跟随球队去客场的主要目的是看医生。\n", tagging("姚明"))
    assert texts(by_name["姚明"]) == ["跟随球队去客场的主要目的是看医生。"]
    # 过去 opens the words (宣称过去…), and 表示过。 says nothing
    by_name, _ = run("博塔宣称过去的种族隔离是一种善意的政策。\n", tagging("博塔"))
    assert texts(by_name["博塔"]) == ["过去的种族隔离是一种善意的政策。"]
    by_name, _ = run("姚明此前也表示过。\n", tagging("姚明"))
    assert not by_name


def test_formally_again_or_on_the_spot_between_name_and_verb():
    by_name, _ = run("一年前，王亚伟正式宣告从公募基金引退。\n", tagging("王亚伟"))
    assert texts(by_name["王亚伟"]) == ["从公募基金引退。"]
    by_name, _ = run("最近，克林顿总统再度宣布延长驻波黑美军的任期。\n", tagging("克林顿"))
    assert texts(by_name["克林顿"]) == ["延长驻波黑美军的任期。"]
    # 不久前: and 他说 in the sentence after is that person, not whoever spoke before
    text = ("叶利钦说，独联体是最重要的机制。副总理谢罗夫不久前曾透露过俄的一些想法。"
            "他说，“该是转向具体建设性实事的时候了。”\n")
    by_name, _ = run(text, tagging("叶利钦", "谢罗夫"))
    assert "该是转向具体建设性实事的时候了。" in texts(by_name["谢罗夫"])


def test_the_given_name_alone_is_the_person_named_in_full():
    text = "曾志伟自言有信心打败黄百鸣的《花田喜事》。志伟还说，这部片子拍得很开心。\n"
    by_name, _ = run(text, tagging("曾志伟", "志伟"))
    assert list(by_name) == ["曾志伟"]
    assert texts(by_name["曾志伟"]) == ["有信心打败黄百鸣的《花田喜事》。", "这部片子拍得很开心。"]


def test_a_clause_naming_only_whom_the_speaker_met_lies_between_speaker_and_verb():
    text = "胡锦涛主席向他们颁发命令状，并与他们亲切握手，表示祝贺。\n"
    by_name, _ = run(text, tagging("胡锦涛"))
    assert texts(by_name["胡锦涛"]) == ["祝贺。"]


def test_a_persons_biaoming_is_speech_the_narrators_is_not():
    by_name, _ = run("党团总召柯建铭表明党团将提案罢免马英九。\n", tagging("柯建铭", "马英九"))
    assert list(by_name) == ["柯建铭"]
    assert texts(by_name["柯建铭"]) == ["党团将提案罢免马英九。"]
    by_name, _ = run("柯建铭说，民调会有变化。数据表明党团的支持率在下降。\n", tagging("柯建铭"))
    assert texts(by_name["柯建铭"]) == ["民调会有变化。"]


def test_a_speech_given_before_the_verb_and_more_verbs_of_reporting():
    text = "原湖南省委书记熊清泉受省委和省政府的委托，在会上发表讲话说，我们纪念陶铸同志，就是要继承他的精神。\n"
    by_name, _ = run(text, tagging("熊清泉"))
    assert texts(by_name["熊清泉"]) == ["我们纪念陶铸同志，就是要继承他的精神。"]
    by_name, _ = run("省第三人民医院张英泽教授反映，伤风感冒等内科疾病开始抬头。\n", tagging("张英泽"))
    assert texts(by_name["张英泽"]) == ["伤风感冒等内科疾病开始抬头。"]


def test_a_microblog_handle_label_opens_that_users_words():
    text = "@郭施亮：面对新股的爆炒，市场更多的是无奈的观望。要治愈这一痼疾，还是要修正市场制度。\n"
    by_name, _ = run(text, tagging("郭施亮"))
    assert texts(by_name["郭施亮"]) == ["面对新股的爆炒，市场更多的是无奈的观望。", "要治愈这一痼疾，还是要修正市场制度。"]
    # a name label opening a page is its headline (王炯：不重暴利重长远), not a quote
    by_name, _ = run("王炯：不重暴利重长远 记者从基金公司获悉，新基金将于下周发行。\n", tagging("王炯"))
    assert not by_name


def test_a_joined_foreign_name_whose_first_part_the_finder_cut_off():
    # the finder tags 道 and 格-里弗斯 apart: one name, 道格-里弗斯, as the speaker and as the entity
    from zhnews.models.speech.mentions import one_foreign_name
    from zhnews.models.speech.vocab import DEFAULT_CONFIG

    text = "绿衫军主教练道格-里弗斯表示，大鲨鱼将在季后赛复出。\n"
    by_name, _ = run(text, tagging("道", "格-里弗斯"))
    assert list(by_name) == ["道格-里弗斯"]
    a = text.index("道")
    assert one_foreign_name(text, a, a + 1, a + len("道格-里弗斯"), DEFAULT_CONFIG)
    # a verb before a full first name stays out of it (让托尼-帕克 is 让 + 托尼-帕克)
    by_name, _ = run("记者让托尼-帕克谈谈比赛。托尼-帕克表示，球队还有机会。\n", tagging("托尼-帕克"))
    assert list(by_name) == ["托尼-帕克"]


def test_players_joined_by_dashes_are_no_one_persons_name():
    from zhnews.models.speech.names import plausible_name

    assert not plausible_name("罗斯-邓-诺阿")  # a trio (罗斯-邓-诺阿组成的骨架), one of them 邓
    assert plausible_name("约翰·德·尼琛") and plausible_name("穆斯塔法·本·马苏尔") and plausible_name("科比-布莱恩特")
    text = "公牛没有失去罗斯-邓-诺阿组成的球队骨架。罗斯说，我们当然认为自己能夺冠。\n"
    by_name, _ = run(text, tagging("罗斯-邓-诺阿", "罗斯"))
    assert list(by_name) == ["罗斯"]


def test_a_letter_opening_a_clause_speaks_for_its_sender():
    text = ("国务院副总理吴邦国为会议发来贺信，贺信指出，电子行业广大干部职工奋力拼搏。\n"
            "大会宣读了法国总统希拉克发给社长杨咏桔的贺词。贺词指出：“我深切地关注中国。”\n")
    by_name, _ = run(text, tagging("吴邦国", "希拉克", "杨咏桔"))
    assert texts(by_name["吴邦国"]) == ["电子行业广大干部职工奋力拼搏。"]
    assert "杨咏桔" not in by_name  # the addressee, not the sender
    assert any("我深切地关注中国" in t for t in texts(by_name["希拉克"]))
    # a body's letter: nobody named speaks
    text = "中央军委向参加抗震救灾的全体官兵发来慰问电。慰问电说，人民军队爱人民。\n"
    assert not run(text, tagging("江泽民"))[0]


# ---------------------------------------------------------------- session 40 (the THUCNews splits' errors)

def test_a_character_the_encoding_lost_ends_a_two_character_name():
    # THUCNews prints ? (or U+FFFD) for a character outside GBK: 何鸿燊 is 何鸿?, and the finder stops before it
    text = "澳门“赌王”何鸿?早前就看好崔世安。他说：“有资格做特首的人不是很多。”\n"
    assert name_end(text, text.index("何鸿"), text.index("何鸿") + 2, DEFAULT_CONFIG) == text.index("?") + 1
    by_name, _ = run(text, tagging("何鸿", "崔世安"))
    assert list(by_name) == ["何鸿?"]
    # a name that ends the text (a post signed ——冯仑) has no character after it to take
    assert name_end("——冯仑", 2, 4, DEFAULT_CONFIG) == 4


def test_a_conjunction_written_after_the_name_every_time_is_the_names():
    # 邵志和: 和 ends the name, not a conjunction: the text never writes 邵志 without it
    text = "原董事长邵志和昨日在深圳中院过堂。邵志和的辩护律师在法庭辩论环节透露，邵志和已经全额退赃。\n"
    a = text.index("邵志和的")
    assert name_end(text, a, a + 3, DEFAULT_CONFIG) == a + 3
    # 叶鹏却认为 beside 叶鹏说: 却 is glued on, the name is 叶鹏
    text = "叶鹏却认为市场还会走低。叶鹏说，这只是他个人的看法。\n"
    assert name_end(text, 0, 3, DEFAULT_CONFIG) == 2


def test_a_clause_handing_the_sentence_to_an_unnamed_voice_ends_the_continuation():
    text = ("马义君表示，很多优秀的学生常因为英语差而无法进入好的公立大学。语言障碍使其无法发挥潜能。"
            "马来西亚：留学生数量15年增43倍马来西亚驻华使馆教育处最近发布的数据显示，去年留学生总数增至86919名。"
            "目前在马的中国留学生超过1万名。\n")
    by_name, _ = run(text, tagging("马义君"))
    assert texts(by_name["马义君"]) == ["很多优秀的学生常因为英语差而无法进入好的公立大学。", "语言障碍使其无法发挥潜能。"]
    # an unnamed source's clause too (住房建设专家纷纷表示，…), but not the speaker's own 我认为，…
    text = "刘灿表示，建筑能耗占全国总能耗的三成。住房建设专家纷纷表示，必须推进住宅产业现代化。\n"
    assert texts(run(text, tagging("刘灿"))[0]["刘灿"]) == ["建筑能耗占全国总能耗的三成。"]
    text = "刘灿表示，建筑能耗占全国总能耗的三成。我个人认为，必须推进住宅产业现代化。\n"
    assert texts(run(text, tagging("刘灿"))[0]["刘灿"]) == ["建筑能耗占全国总能耗的三成。", "我个人认为，必须推进住宅产业现代化。"]


def test_a_kinship_word_before_a_name_is_not_the_names():
    # 未婚夫萨沙-武贾西奇: the finder took 夫 of 未婚夫; the name is 萨沙-武贾西奇
    text = "莎拉波娃现身为自己的未婚夫萨沙-武贾西奇助威。武贾西奇表示，是时候继续前进，去寻找新的挑战了。\n"
    by_name, _ = run(text, tagging("夫萨沙-武贾西奇", "武贾西奇", "莎拉波娃"))
    assert "夫萨沙-武贾西奇" not in by_name
    assert texts(by_name["萨沙-武贾西奇"]) == ["是时候继续前进，去寻找新的挑战了。"]


def test_a_surname_with_zai_is_the_one_person_of_that_surname():
    # 古仔, a Cantonese nickname (surname + 仔), is 古天乐 as 王先生 is the one 王 named in full; 他 then is him
    text = ("演员古天乐、刘烨及导演陈木胜出席。陈木胜表示很喜欢原片的剧本。古仔的肤色看来又黑了些，"
            "他解释因为拍摄此片很多时都在下午拍，所以较易晒黑。\n")
    by_name, _ = run(text, tagging("古天乐", "刘烨", "陈木胜"))
    assert texts(by_name["古天乐"]) == ["因为拍摄此片很多时都在下午拍，所以较易晒黑。"]
    assert texts(by_name["陈木胜"]) == ["很喜欢原片的剧本。"]
