"""Speech attribution, session 58: shapes of THUCNews sentences (vocab_coverage, the blind split's source, none
sharing 12 characters with a blind text) that helpers annotated by reading and the rules then missed —
在X的心目中，… as 在X看来 (the 的 no one of X's), a coordinated subject before a bare 宣布 (萧亚轩、张芸京宣布推出…),
a coach jieba files as a place (特鲁西埃), a net name in quotes (网友“燕窝鱼”在天涯社区发帖，称…), 纷纷表示 (one jieba
word), Hong Kong pages' 昨 for 昨天 (杜汶泽昨坦言…), 忆述, a brand's unnamed spokesman (据安莉芳有关负责人介绍: no speaker 安莉芳), a three-character person jieba knows before
an outright verb (言承旭透露，: 言 is on no surname list), a star's microblog link after the name (its colon ends no
clause), 所 glued to a name (张三所说), a doubled adverb glued to one (彭于晏纷纷), 公然, a bare 戏称, a run of quotes after one cue (介绍，“…”，“…”。: every one the cue's), a transliteration's first character the
finder left out (因|扎吉), a compound surname and a given name opening a sentence (欧阳自远指出，), a coordinated subject acting in the clause
before an outright verb (张檬、彭于晏纷纷向粉丝报平安，称…: both), an adverb between a name the finder missed and its verb
(…，房祖名也表示…). Every
`tagging(...)` finds exactly the names given."""
from __future__ import annotations

from tests.test_speech import run, texts
from tests.test_speech_fresh4 import tagging


def test_in_someones_mind_is_their_opinion():
    text = "在四川永竞投资公司董事长李思齐的心目中，如果一切顺利的话，这块地将成为其进军成都的一个重大标志。\n"
    by_name, _ = run(text, tagging("李思齐"))
    assert texts(by_name["李思齐"]) == ["如果一切顺利的话，这块地将成为其进军成都的一个重大标志。"]


def test_eyes_without_an_opinion_are_nobodys():
    for text in ("王强的眼里含着泪水，半天说不出话来。\n", "张伟的心目中有一个英雄，那就是他的父亲。\n"):
        by_name, _ = run(text, tagging("王强", "张伟"))
        assert not by_name


def test_a_coordinated_subject_announces_together():
    text = "艺人萧亚轩、张芸京今天宣布推出义卖公益单曲，所有义卖款项将全数捐出。\n"
    by_name, _ = run(text, tagging("萧亚轩", "张芸京"))
    assert sorted(by_name) == ["张芸京", "萧亚轩"]
    assert texts(by_name["萧亚轩"]) == texts(by_name["张芸京"])


def test_a_coach_jieba_files_as_a_place():
    text = "在领教了中超诸强外援的厉害之后，特鲁西埃真诚地表示，他要为仓促敲定外援承担一定责任。\n"
    by_name, _ = run(text, tagging("特鲁西埃"))
    assert texts(by_name["特鲁西埃"]) == ["他要为仓促敲定外援承担一定责任。"]


def test_a_net_name_in_quotes_posts_and_says():
    text = "11月1日中午，网友“燕窝鱼”在天涯社区发帖，称其在乘坐903路公交车时发现标语出现了错误。\n"
    by_name, _ = run(text, tagging())
    assert texts(by_name["燕窝鱼"]) == ["其在乘坐903路公交车时发现标语出现了错误。"]


def test_a_net_name_in_quotes_writes_a_quote():
    text = "网友“追风的蜗牛”在微博中写道：“高音部分嘴型完全对不上，这不是假唱是什么？”\n"
    by_name, _ = run(text, tagging())
    assert texts(by_name["追风的蜗牛"]) == ["高音部分嘴型完全对不上，这不是假唱是什么？"]


def test_a_quoted_term_after_netizens_is_no_name():
    text = "不少网友“点赞”之后表示，这样的服务应该推广。\n"
    by_name, _ = run(text, tagging())
    assert not by_name


def test_both_speak_all_at_once():
    text = "发布会上，湖南卫视副总编辑樊旭文与OPPO部长刘列都纷纷表示，此次联手是双方期待已久的合作。\n"
    by_name, _ = run(text, tagging("樊旭文", "刘列"))
    assert texts(by_name["樊旭文"]) == texts(by_name["刘列"]) == ["此次联手是双方期待已久的合作。"]


def test_yesterday_in_one_character():
    text = "杜汶泽昨坦言至今还没有戒赌，那时逃债到台湾很不风光。\n"
    by_name, _ = run(text, tagging("杜汶泽"))
    assert texts(by_name["杜汶泽"])[0].startswith("至今还没有戒赌")


def test_recalling_in_cantonese_words():
    text = "舒淇忆述，那个时候她是好不开心，很小的事就可以令她哭。\n"
    by_name, _ = run(text, tagging("舒淇"))
    assert texts(by_name["舒淇"]) == ["那个时候她是好不开心，很小的事就可以令她哭。"]


def test_a_brands_spokesman_is_nobody_named():
    for text, brand in (("据安莉芳有关负责人介绍，这次活动在全国多个城市巡展。\n", "安莉芳"),
                        ("曲美家具相关人士表示，最核心的考虑是让消费者近距离体验。\n", "曲美")):
        by_name, _ = run(text, tagging(brand))
        assert brand not in by_name


def test_a_person_jieba_knows_before_an_outright_verb():
    text = "昨天，言承旭透露，他虽然很爱演戏，但其实他最爱的是唱歌。\n"
    by_name, _ = run(text, tagging())
    assert texts(by_name["言承旭"]) == ["他虽然很爱演戏，但其实他最爱的是唱歌。"]


def test_a_microblog_link_after_the_name():
    text = "黄百鸣(http://t.sina.com.cn/wongpakming)表示，容祖儿是歌坛的一股清流。\n"
    by_name, _ = run(text, tagging("黄百鸣", "容祖儿"))
    assert list(by_name) == ["黄百鸣"]
    assert texts(by_name["黄百鸣"]) == ["容祖儿是歌坛的一股清流。"]


def test_suo_is_no_part_of_a_name():
    text = "正如公司总裁张三所说，奥的斯是一个可信赖的企业。\n"
    by_name, _ = run(text, tagging("张三所"))
    assert "张三所" not in by_name


def test_a_doubled_adverb_is_no_part_of_a_name():
    text = "剧组主演彭于晏也纷纷表示，剧组的拍摄地并没有受到影响。\n"
    by_name, _ = run(text, tagging("彭于晏也纷纷"))
    assert texts(by_name["彭于晏"]) == ["剧组的拍摄地并没有受到影响。"]


def test_openly_and_jokingly():
    by_name, _ = run("在猛龙队打球时，麦蒂公然表示根本没有卖力打球。\n", tagging("麦蒂"))
    assert texts(by_name["麦蒂"]) == ["根本没有卖力打球。"]
    by_name, _ = run("经纪人霍汶希戏称这首歌是自己的小宝贝。\n", tagging("霍汶希"))
    assert texts(by_name["霍汶希"]) == ["这首歌是自己的小宝贝。"]
    by_name, _ = run("张三被队友戏称为小钢炮。\n", tagging("张三"))
    assert not by_name


def test_a_run_of_quotes_after_one_cue():
    text = "董事长福山泰广介绍，“三得利公司将先进的工艺带到中国”，“秉承三大理念，三得利始终保持年轻心态”。\n"
    by_name, _ = run(text, tagging("福山泰广"))
    assert texts(by_name["福山泰广"]) == ["三得利公司将先进的工艺带到中国", "秉承三大理念，三得利始终保持年轻心态"]


def test_a_quoted_term_after_a_quote_is_no_statement():
    text = "张三说：“我们会赢。”，“小钢炮”是他的外号。\n"
    by_name, _ = run(text, tagging("张三"))
    assert texts(by_name["张三"]) == ["我们会赢。"]


def test_a_transliterations_first_character_is_the_names():
    for text in ("因扎吉表示，自己无法再坚持。\n", "比赛进行到17分钟时，因扎吉表示，自己无法再坚持。\n"):
        by_name, _ = run(text, tagging("扎吉"))
        assert list(by_name) == ["因扎吉"]


def test_a_compound_surname_and_a_given_name_open_a_sentence():
    text = "欧阳自远指出，最新的证据是美国发射的一颗探月卫星。\n"
    by_name, _ = run(text, tagging("欧阳"))
    assert list(by_name) == ["欧阳自远"]


def test_a_coordinated_subject_of_the_clause_before_speaks():
    text = "主创张檬、彭于晏纷纷向粉丝报平安，称剧组的拍摄地并没有受到影响。\n"
    by_name, _ = run(text, tagging("张檬", "彭于晏纷纷"))
    assert sorted(by_name) == ["张檬", "彭于晏"]
    assert texts(by_name["张檬"]) == texts(by_name["彭于晏"]) == ["剧组的拍摄地并没有受到影响。"]


def test_a_wish_of_a_coordinated_subject_stays_nobodys():
    text = "加利亚尼和普雷济奥西已经就转会展开了接触，希望他能够在冬季加盟AC米兰。\n"
    by_name, _ = run(text, tagging("加利亚尼", "普雷济奥西"))
    assert not by_name


def test_an_adverb_between_a_missed_name_and_its_verb():
    text = "对于小时候的记忆，房祖名也表示记得是干妈叶倩文比妈妈更疼他。\n"
    by_name, _ = run(text, tagging("叶倩文"))
    assert list(by_name) == ["房祖名"]
    assert texts(by_name["房祖名"]) == ["记得是干妈叶倩文比妈妈更疼他。"]
