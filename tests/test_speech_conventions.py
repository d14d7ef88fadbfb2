"""Speech attribution (models/speech/): the news conventions added for issue 15 from the error
analysis on the speech corpus (train and dev splits only). Every article here is invented for the
test; names are found by the offline `jieba_name_finder` (tests/test_speech.py has the older rules
and the helpers)."""
from __future__ import annotations

from tests.test_speech import run, texts


def test_role_keeps_the_first_character_of_an_abbreviated_organisation():
    # jieba cuts 中|经联盟 at the paragraph start; the role is the whole organisation + title
    by_name, _ = run("中经联盟秘书长陈海峰认为，今年家电行业的增速会明显放缓。\n")
    assert by_name["陈海峰"].role == "中经联盟秘书长"
    assert texts(by_name["陈海峰"]) == ["今年家电行业的增速会明显放缓。"]
    # a preposition there is no part of the role
    by_name, _ = run("据协会秘书长陈海峰介绍，今年家电行业的增速会明显放缓。\n")
    assert by_name["陈海峰"].role == "协会秘书长"


def test_coordinated_subjects_are_each_a_speaker():
    by_name, _ = run("李强、王伟表示，双方将继续加强在新能源领域的合作。两家企业的往来日益密切。\n")
    for name in ("李强", "王伟"):
        assert texts(by_name[name]) == ["双方将继续加强在新能源领域的合作。", "两家企业的往来日益密切。"]
    by_name, _ = run("科技部部长张三和教育部部长李四指出，要加快培养青年科技人才。\n")
    assert by_name["张三"].role == "科技部部长" and by_name["李四"].role == "教育部部长"
    assert texts(by_name["张三"]) == texts(by_name["李四"]) == ["要加快培养青年科技人才。"]


def test_pen_names_after_an_occupation_noun():
    by_name, _ = run("知名财经评论人牛刀认为，房价短期内不会大幅下跌。\n")
    assert by_name["牛刀"].role == "知名财经评论人"
    assert texts(by_name["牛刀"]) == ["房价短期内不会大幅下跌。"]
    by_name, _ = run("资深评论员水皮表示，市场情绪仍然偏弱。\n")
    assert list(by_name) == ["水皮"]
    # ordinary words and adverbs after an occupation are no names
    for text in ("专栏作家文章认为，市场仍然偏弱。\n", "分析师普遍认为，市场仍然偏弱。\n",
                 "评论员随后表示，市场仍然偏弱。\n"):
        assert run(text)[0] == {}


def test_page_furniture_is_never_a_statement():
    for tail in ("我要评论", "相关新闻：科技部发布新规 两部门联合发文", "【责任编辑：张三】"):
        by_name, _ = run(f"王志刚表示，要加快建设创新型国家。科技投入还会继续增加。{tail}\n")
        assert texts(by_name["王志刚"]) == ["要加快建设创新型国家。", "科技投入还会继续增加。"]
    by_name, _ = run("演员王大伟说：“这部戏拍得很辛苦，但大家都很开心。”王大伟(微博)\n")
    assert texts(by_name["王大伟"]) == ["这部戏拍得很辛苦，但大家都很开心。"]


def test_transcript_turns_are_their_speakers_statements():
    by_name, _ = run(
        "记者：你怎么看今年的比赛？\n"
        "王大伟：我觉得球队的状态很好。我们每天都在进步。\n"
        "问：赵刚教练上周说，球队还缺一名中锋，你同意吗？答：当然同意。这是我们共同的心愿。\n"
        "主持人：谢谢王大伟先生接受采访。\n")
    assert texts(by_name["王大伟"]) == ["我觉得球队的状态很好。", "我们每天都在进步。", "当然同意。",
                                        "这是我们共同的心愿。"]
    # the question is nobody's, but a speaker it cites is still found
    assert texts(by_name["赵刚"])[0].startswith("球队还缺一名中锋")
    assert "记者" not in by_name and "主持人" not in by_name


def test_quote_after_a_verbless_lead_in_with_a_comma():
    by_name, _ = run("王大伟用手比划了一下，记忆一下子回到那个时候，“才三岁啊，他那么小，拍戏怎么会有感觉。”\n")
    assert texts(by_name["王大伟"]) == ["才三岁啊，他那么小，拍戏怎么会有感觉。"]
    # a quote the sentence goes on after is no speech of the lead-in's subject
    by_name, _ = run("王大伟翻开剧本，“分镜头”三个字写得很大，他看了很久。\n")
    assert by_name == {}


def test_transcript_run_into_one_line_with_labels_the_finder_misses():
    # a conference transcript scraped into one long line; the finder finds no name at all: in an
    # interview the label itself says who speaks (成 is a common surname too)
    answer = "".join(f"第{n}点，我们要把服务做得更细。" for n in "一二三四五六七八")
    text = ("主持人：下面有请成立新先生发言。成立新：谢谢主持人。" + answer + "主持人：感谢成立新先生的发言。" +
            "为了凑够一个很长的段落，这里再补充一些记者的叙述文字，说明会议的背景和议程安排。" * 20 + "\n")
    by_name, speakers = run(text, finder=lambda sentences: [[] for _ in sentences])
    assert [sp.name for sp in speakers] == ["成立新"]
    assert texts(by_name["成立新"]) == ["谢谢主持人。"] + [f"第{n}点，我们要把服务做得更细。" for n in "一二三四五六七八"]


def test_a_caption_label_is_no_turn():
    # 名字：description in a photo gallery is no speech (no interview, no first person)
    assert run("王大伟：笑容甜美，憨态可掬。李小红：目光坚定，气场十足。\n")[0] == {}
