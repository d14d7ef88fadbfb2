"""Speech attribution rules (models/speech/) on small hand-written articles and the seed page.

Every mini-article is realistic news prose written for these tests; names are checked with the
offline `jieba_name_finder` (and once with a stand-in for the learned NER head).
"""
from __future__ import annotations

import json
import re

import pytest

from zhnews.models.data import examples_dir
from zhnews.models.schema import Entity, Span
from zhnews.models.speech.names import jieba_name_finder, plausible_name
from zhnews.models.speech import SpeechConfig, attribute
from zhnews.models.text import split_paragraphs, split_sentences


def with_sentences(text: str, paragraphs: list[Span]) -> list[tuple[Span, list[Span]]]:
    """The body as `attribute` takes it: each paragraph with its sentences (the pipeline's split)."""
    return [(p, split_sentences(text, p.start, p.end)) for p in paragraphs]


def run(text: str, finder=jieba_name_finder, config: SpeechConfig | None = None):
    speakers = attribute(text, with_sentences(text, split_paragraphs(text)), finder, config)
    for sp in speakers:  # every statement is an exact span of the input, cue and lead punctuation excluded
        for st in sp.statements:
            assert text[st.start:st.end] == st.text
            assert st.text and st.text[0] not in "，,：:。；、 "
    return {sp.name: sp for sp in speakers}, speakers


def texts(speaker) -> list[str]:
    return [st.text for st in speaker.statements]


# ---------------------------------------------------------------- (a) indirect speech + continuation

CONTINUATION = (
    "国家统计局新闻发言人付凌晖在发布会上说：“一季度国民经济开局良好，主要指标恢复向好。”\n"
    "付凌晖指出，消费对经济增长的贡献率明显提升。服务业恢复势头较好，接触型服务消费增长较快。\n"
    "记者注意到，多家机构近期上调了全年增长预期。\n"
    "业内人士认为，下阶段稳增长政策仍需加力。有专家表示，应继续扩大有效需求。\n"
)


def test_indirect_speech_continues_to_paragraph_end_and_quote_before():
    by_name, speakers = run(CONTINUATION)
    assert list(by_name) == ["付凌晖"]
    sp = by_name["付凌晖"]
    assert sp.role == "国家统计局新闻发言人"
    assert texts(sp) == [
        "一季度国民经济开局良好，主要指标恢复向好。",  # direct quote after X说：
        "消费对经济增长的贡献率明显提升。",  # content after 指出， (cue excluded)
        "服务业恢复势头较好，接触型服务消费增长较快。",  # same paragraph continues the speaker
    ]


def test_narrative_sentence_ends_the_continuation():
    text = (
        "上海市副市长陈杰在新闻发布会上介绍了上海国际消费季的总体安排。\n"
        "他说，今年的消费季将持续两个月，覆盖全市16个区。记者了解到，首批参与的企业已超过3000家。"
        "5月8日，多个商圈已提前启动预热活动。\n"
    )
    by_name, _ = run(text)
    got = texts(by_name["陈杰"])
    assert "今年的消费季将持续两个月，覆盖全市16个区。" in got
    assert not any("3000家" in t or "预热" in t for t in got)
    # (g) 介绍了 + object names a topic, no statement (the speech corpus's guidelines: 介绍了…情况 is none)
    assert not any("总体安排" in t for t in got)
    assert by_name["陈杰"].role == "上海市副市长"


# ---------------------------------------------------------------- (b) direct quotes before / after / split


def test_quote_before_speaker_with_role_and_pronoun_continuation():
    text = (
        "记者5月8日从深圳市规划和自然资源局获悉，前海合作区总体发展规划已正式印发。\n"
        "“前海的定位是深港合作的桥头堡，规划要为未来留足空间。”深圳市城市规划设计研究院院长赵鹏林说。"
        "他表示，新规划将把更多土地用于科研和公共服务。\n"
        "赵鹏林还透露，首批项目将于年内开工。\n"
    )
    by_name, speakers = run(text)
    assert [sp.name for sp in speakers] == ["赵鹏林"]
    assert by_name["赵鹏林"].role == "深圳市城市规划设计研究院院长"
    assert texts(by_name["赵鹏林"]) == [
        "前海的定位是深港合作的桥头堡，规划要为未来留足空间。",
        "新规划将把更多土地用于科研和公共服务。",
        "首批项目将于年内开工。",
    ]


def test_split_quote_and_quote_chaining_and_other_speakers():
    text = (
        "中国女排主教练蔡斌赛后接受了记者采访。她的队员朱婷因伤缺席了本场比赛。\n"
        "“我们的一传还不够稳定，”蔡斌说，“接下来要针对性地加强训练。”\n"
        "“今年的目标是打进前三，姑娘们有这个能力。”\n"
        "他透露，朱婷的伤势并无大碍。其表示，球队将在下周前往日本参加热身赛。\n"
    )
    by_name, _ = run(text)
    assert list(by_name) == ["蔡斌"]  # 朱婷 is only mentioned
    got = texts(by_name["蔡斌"])
    assert got[0].startswith("我们的一传还不够稳定")  # “A，”X说，“B。”: both halves
    assert "接下来要针对性地加强训练。" in got
    assert "今年的目标是打进前三，姑娘们有这个能力。" in got  # unattributed quote paragraph continues
    assert "朱婷的伤势并无大碍。" in got  # 他 -> the last speaker
    assert "球队将在下周前往日本参加热身赛。" in got  # 其 directly before the verb is a subject


def test_quote_after_with_long_adverbial_and_bare_cue():
    text = (
        "“我们希望通过这次合作，把更多优质农产品送到城市居民的餐桌上。”京东集团副总裁王建国"
        "昨日在与多家农业合作社签订战略合作协议的签约仪式上说。\n"
        "据悉，双方将在冷链物流、产地直采等方面开展深度合作。\n"
        "王建国坦言农产品上行的最大难点在于标准化。\n"
    )
    by_name, _ = run(text)
    sp = by_name["王建国"]
    assert sp.role == "京东集团副总裁"
    assert texts(sp) == ["我们希望通过这次合作，把更多优质农产品送到城市居民的餐桌上。",
                         "农产品上行的最大难点在于标准化。"]


# ---------------------------------------------------------------- (c) pronouns, (e) mentions, (f) anonymous


def test_chair_and_attendance_mentions_are_not_statements():
    text = (
        "3月15日上午，市长张伟主持召开市政府常务会议，研究部署春季农业生产工作。副市长王丽华出席会议并讲话。\n"
        "会议指出，要抓住农时，全力做好春耕备耕各项工作。\n"
        "张伟说，粮食安全是“国之大者”，必须扛牢责任。他同时要求，各区县要加强农资供应保障。\n"
        "会议由副市长王丽华主持。\n"
        "编辑：刘明远\n"
    )
    by_name, _ = run(text)
    assert list(by_name) == ["张伟"]  # 王丽华 (出席并讲话, 主持) and the editor say nothing here
    assert by_name["张伟"].role == "市长"
    assert texts(by_name["张伟"]) == ["粮食安全是“国之大者”，必须扛牢责任。", "各区县要加强农资供应保障。"]
    assert not any("春耕" in t for t in texts(by_name["张伟"]))  # 会议指出 is the meeting, not a person


def test_anonymous_sources_and_possessive_qi_are_not_speakers():
    text = (
        "宁德时代董事长曾毓群在演讲中表示，动力电池行业将进入新一轮洗牌期。他认为，技术创新是企业穿越周期的关键。\n"
        "一位不愿具名的行业分析师称，电池原材料价格仍存在较大波动。\n"
        "知情人士透露，其公司正在筹划新的海外工厂。业内人士认为，行业整合将加速。\n"
        "有关负责人表示：“相关情况正在核实中。”\n"
    )
    by_name, _ = run(text)
    assert list(by_name) == ["曾毓群"]
    assert by_name["曾毓群"].role == "宁德时代董事长"  # a name-like word glued into the company name
    assert texts(by_name["曾毓群"]) == ["动力电池行业将进入新一轮洗牌期。", "技术创新是企业穿越周期的关键。"]


def test_pronoun_resolves_to_last_named_person_of_paragraph():
    text = (
        "区市场监管局局长刘强对记者说：“我们每天都会对重点商品价格进行监测。”\n"
        "市民张女士告诉记者，她家附近的菜市场价格比去年同期下降了不少。\n"
        "农业农村局局长孙晓梅也参加了调研。她表示，全区蔬菜种植面积比去年增加了一成。\n"
        "刘强指出，目前全区主要农产品供应充足。他还调研了两家大型超市。超市货架上的蔬菜品种十分丰富。\n"
    )
    by_name, _ = run(text)
    assert set(by_name) == {"刘强", "孙晓梅"}  # 张女士 cannot be mapped to a full name
    assert texts(by_name["孙晓梅"]) == ["全区蔬菜种植面积比去年增加了一成。"]
    assert by_name["孙晓梅"].role == "农业农村局局长"
    assert texts(by_name["刘强"]) == ["我们每天都会对重点商品价格进行监测。", "目前全区主要农产品供应充足。"]


def test_zero_subject_pronoun_preference_and_discourse_markers():
    text = (
        "国家发展改革委副主任赵辰昕介绍了今年以来的经济运行情况，并表示，下一步将加大宏观政策调控力度。\n"
        "省长刘建国会见了企业家代表李明华。他表示，双方合作前景广阔。\n"
        "市民张女士告诉记者，菜价下降了不少。她说，现在买菜比去年便宜多了。\n"
        "在地产圈，潘石屹可以说是最会营销的老板之一。\n"
    )
    by_name, _ = run(text)
    assert texts(by_name["赵辰昕"]) == ["下一步将加大宏观政策调控力度。"]  # (介绍了…情况: a topic)
    assert texts(by_name["刘建国"]) == ["双方合作前景广阔。"]  # the subject, not the person met
    assert set(by_name) == {"赵辰昕", "刘建国"}  # 张女士 is nobody we can name; 可以说 is no cue


# ---------------------------------------------------------------- (d) roles, (h) surname + title


def test_roles_with_organisation_and_parenthesis():
    text = (
        "北京市卫生健康委员会副主任李昂介绍了近期全市传染病疫情形势。\n"
        "中国疾控中心研究员王大燕（国家流感中心主任）说，今年流行的主要是甲型H1N1流感。\n"
        "据李昂介绍，本周全市共报告法定传染病12种，未发生重大疫情。\n"
    )
    by_name, _ = run(text)
    assert by_name["李昂"].role == "北京市卫生健康委员会副主任"
    assert by_name["王大燕"].role == "中国疾控中心研究员"
    assert texts(by_name["李昂"]) == ["本周全市共报告法定传染病12种，未发生重大疫情。"]  # (介绍了…形势: a topic)


def test_quote_broken_by_a_speaker_clause_without_verb():
    # “…，”X很无奈，“…”: no reporting verb between the two halves, both are X's
    text = (
        "“我们整场都没有找到对方的弱点，防守也一直跟不上，”辽宁队主教练郭士强显得有些沮丧，"
        "“下一场我们必须把节奏提起来。”\n"
    )
    by_name, speakers = run(text)
    assert list(by_name) == ["郭士强"]
    assert texts(by_name["郭士强"]) == ["我们整场都没有找到对方的弱点，防守也一直跟不上",
                                       "下一场我们必须把节奏提起来。"]


def test_zai_x_kanlai_and_quote_before_a_role_with_unknown_org_prefix():
    text = (
        "在中国汽车工业协会副秘书长陈士华看来，“今年下半年的车市仍有压力，但新能源车会继续增长。”\n"
        "“价格战已经让经销商很难盈利。”宏达汽车销售公司总经理张立军对记者说：“很多门店都在亏损。”"
        "他举例说，一家门店每月的房租就要二十多万元。\n"
    )
    by_name, _ = run(text)
    assert texts(by_name["陈士华"]) == ["今年下半年的车市仍有压力，但新能源车会继续增长。"]
    got = texts(by_name["张立军"])
    assert got[:2] == ["价格战已经让经销商很难盈利。", "很多门店都在亏损。"]
    assert "一家门店每月的房租就要二十多万元。" in got  # 他 -> the subject who just spoke


def test_colon_lead_in_quoted_term_and_preposition_before_a_title():
    text = (
        "比赛结束后，王建军在场边接受采访时显得格外激动：“这是我们等了十年的冠军，感谢每一位队员。”\n"
        "李建华承认，“双减”政策让培训机构的经营模式发生了根本变化。\n"
        "不过，王立军却向记者坦言，两家公司的谈判其实一直没有停止。\n"
    )
    by_name, _ = run(text)
    assert texts(by_name["王建军"]) == ["这是我们等了十年的冠军，感谢每一位队员。"]
    assert texts(by_name["李建华"]) == ["“双减”政策让培训机构的经营模式发生了根本变化。"]
    assert texts(by_name["王立军"]) == ["两家公司的谈判其实一直没有停止。"]  # 向记者 is no 向 + title


def test_organisation_subject_ends_the_previous_speakers_continuation():
    text = (
        "中国林产工业协会副会长刘洪涛表示，行业今年的出口压力很大。多数企业的订单都在减少。"
        "宏远公司认为，企业之间很难形成价格联盟。\n"
    )
    by_name, _ = run(text)
    got = texts(by_name["刘洪涛"])
    assert "多数企业的订单都在减少。" in got
    assert not any("价格联盟" in t for t in got)


def test_surname_title_back_reference_maps_to_full_name():
    text = (
        "清华大学经济管理学院教授李稻葵和北京大学国家发展研究院教授黄益平日前出席了一场研讨会。\n"
        "李教授认为，今年消费有望成为拉动增长的主要动力。黄教授则表示，民营企业信心仍需提振。\n"
        "教育部部长怀进鹏日前在全国教育工作会议上作工作报告。\n"
        "怀部长在总结时要求，各地要抓好义务教育“双减”工作落实。\n"
    )
    by_name, speakers = run(text)
    assert [sp.name for sp in speakers] == ["李稻葵", "黄益平", "怀进鹏"]
    assert by_name["李稻葵"].role == "清华大学经济管理学院教授"
    assert texts(by_name["黄益平"]) == ["民营企业信心仍需提振。"]
    assert texts(by_name["怀进鹏"]) == ["各地要抓好义务教育“双减”工作落实。"]
    assert by_name["怀进鹏"].role == "教育部部长"


def test_ambiguous_surname_title_is_not_guessed():
    text = (
        "会上，市发展改革委主任王海涛和市商务局局长王建新分别作了发言。\n"
        "王主任表示，今年将重点推进十大民生工程。\n"
    )
    by_name, _ = run(text)
    assert texts(by_name["王海涛"]) == ["今年将重点推进十大民生工程。"]  # the title decides
    text2 = "副市长王海涛和副市长王建新出席会议。\n王市长表示，今年将重点推进十大民生工程。\n"
    by_name2, _ = run(text2)
    assert by_name2 == {}  # two 王 with the same title: no guess


def test_transliterated_names_and_foreign_roles():
    text = (
        "美国总统拜登当地时间周三表示，美方将继续与盟友保持密切沟通。\n"
        "白宫发言人让-皮埃尔随后在记者会上称，总统的行程尚未最终确定。\n"
        "拜登说：“我们不会在这个问题上让步。”\n"
    )
    by_name, speakers = run(text)
    assert [sp.name for sp in speakers] == ["拜登", "让-皮埃尔"]
    assert by_name["拜登"].role == "美国总统"
    assert texts(by_name["拜登"]) == ["美方将继续与盟友保持密切沟通。", "我们不会在这个问题上让步。"]
    assert texts(by_name["让-皮埃尔"]) == ["总统的行程尚未最终确定。"]


def test_foreign_name_parts_brands_and_flat_paragraphs():
    text = (
        "火箭主帅里克-阿德尔曼赛后表示，球队今天的防守强度远远不够。\n"
        "“我们必须尽快调整状态。”阿德尔曼说。\n"
        "景顺长城基金表示，公司对新股询价的相关情况已作出说明。\n"
    )
    by_name, speakers = run(text)
    assert [sp.name for sp in speakers] == ["里克-阿德尔曼"]  # the later 阿德尔曼 is the same person
    assert by_name["里克-阿德尔曼"].role == "火箭主帅"
    assert texts(by_name["里克-阿德尔曼"]) == ["球队今天的防守强度远远不够。", "我们必须尽快调整状态。"]
    # a whole article on one line: the continuation stops after a few sentences
    body = "".join(f"第{n}项措施已经落实到位，各项工作正在有序推进。" for n in "一二三四五六七八九十" * 4)
    flat = "市长张伟指出，今年的重点工作已经全面启动。" + body
    by_name, _ = run(flat)
    cfg = SpeechConfig()
    assert 1 + cfg.max_continuation_flat == len(by_name["张伟"].statements) < 1 + cfg.max_continuation


def test_expressive_objects_and_addressees():
    text = (
        "国家主席胡锦涛代表中国政府和人民，对邦戈总统逝世表示深切哀悼。\n"
        "张文宏告诉记者，新冠病毒的致病性已明显下降。\n"
        "米锋提醒公众，出现症状应及时就医。\n"
    )
    by_name, _ = run(text)
    assert texts(by_name["张文宏"]) == ["新冠病毒的致病性已明显下降。"]
    assert texts(by_name["米锋"]) == ["出现症状应及时就医。"]


# ---------------------------------------------------------------- the name finder contract


def test_custom_name_finder_is_used_and_role_words_are_dropped():
    """A stand-in for the learned NER head: offsets relative to each sentence, batched."""
    calls = []

    def finder(sentences: list[str]) -> list[list[Entity]]:
        calls.append(list(sentences))
        out = []
        for s in sentences:
            ents = []
            for word, label in (("阿依古丽", "PER"), ("部长", "PER"), ("科技部", "PER"), ("喀什", "LOC")):
                i = s.find(word)
                if i >= 0:
                    ents.append(Entity(i, i + len(word), label, word))
            out.append(ents)
        return out

    text = "科技部部长出席了活动。\n喀什地区农民合作社理事长阿依古丽说，今年的红枣收成比去年好。\n"
    by_name, _ = run(text, finder)
    assert len(calls) == 1 and len(calls[0]) >= 2  # one batch for the whole article
    assert list(by_name) == ["阿依古丽"]
    assert by_name["阿依古丽"].role == "喀什地区农民合作社理事长"
    assert texts(by_name["阿依古丽"]) == ["今年的红枣收成比去年好。"]


def test_jieba_name_finder_offsets_and_labels():
    sentences = ["国务院副总理刘鹤指出，要稳增长。", "伊丽莎白·霍姆斯称自己无罪。", "北京市市长殷勇主持会议。"]
    result = jieba_name_finder(sentences)
    assert len(result) == 3
    for s, ents in zip(sentences, result):
        for e in ents:
            assert s[e.start:e.end] == e.text and e.label in ("PER", "ORG", "LOC")
    pers = [[e.text for e in ents if e.label == "PER"] for ents in result]
    assert pers == [["刘鹤"], ["伊丽莎白·霍姆斯"], ["殷勇"]]
    assert any(e.label == "LOC" and e.text == "北京市" for e in result[2])


def test_plausible_name():
    for good in ("王志刚", "尹力", "欧阳娜娜", "伊丽莎白·霍姆斯", "特朗普"):
        assert plausible_name(good), good
    for bad in ("部长", "科技部", "业内人士", "记者", "他们", "王女士", "高水平", "A.B", "王", "北京市委书记"):
        assert not plausible_name(bad), bad


# ---------------------------------------------------------------- configuration


def test_config_extra_verbs_and_dict_construction():
    text = "球迷代表李四叫板，比赛的票价实在太贵了。\n"
    assert run(text)[0] == {}
    config = SpeechConfig(**{"extra_verbs": ["叫板"]})  # how Analyzer builds it from a config file
    by_name, _ = run(text, config=config)
    assert texts(by_name["李四"]) == ["比赛的票价实在太贵了。"]
    assert "叫板" in config.all_verbs and "指出" in config.all_verbs
    assert SpeechConfig(extra_verbs="叫板 回敬").extra_verbs == ["叫板", "回敬"]
    with pytest.raises(ValueError):
        SpeechConfig(verbs=["说", ""])


def test_empty_inputs():
    assert attribute("", [], jieba_name_finder) == []
    text = "今天天气晴朗。"
    assert attribute(text, with_sentences(text, [Span(text, 0, len(text))]), jieba_name_finder) == []
    assert attribute(text, [], jieba_name_finder) == []


# ---------------------------------------------------------------- the seed page end to end


def _seed():
    folder = examples_dir()
    page, gold = folder / "seed_page.txt", folder / "seed_page.gold.json"
    if not (page.exists() and gold.exists()):
        pytest.skip(f"seed example not available under {folder}")
    return page.read_text(encoding="utf-8"), json.loads(gold.read_text(encoding="utf-8"))


def _body(text: str) -> list[Span]:
    try:
        from zhnews.models.page import parse_page
    except ImportError:  # the page parser is optional here: cut at the first furniture line
        paras = []
        for p in split_paragraphs(text)[1:]:
            if p.text.lstrip("- ").startswith(("标签", "编辑", "相关文章")):
                break
            paras.append(p)
        return paras
    return parse_page(text).body


def _overlaps_enough(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shorter = min(a[1] - a[0], b[1] - b[0])
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return shorter > 0 and 2 * overlap >= shorter


def test_seed_page_end_to_end():
    text, gold = _seed()
    speakers = attribute(text, with_sentences(text, _body(text)), jieba_name_finder)
    by_name = {sp.name: sp for sp in speakers}
    assert sorted(by_name) == sorted(g["name"] for g in gold["speakers"])  # exactly the four, nobody else
    assert sorted(by_name) == sorted(["尹力", "王志刚", "李萌", "殷勇"])
    assert by_name["王志刚"].role == "科技部部长"
    assert by_name["李萌"].role == "科技部副部长"
    assert by_name["殷勇"].role == "北京市市长"
    for g in gold["speakers"]:
        assert by_name[g["name"]].role == g["role"]
        pred = [(st.start, st.end) for st in by_name[g["name"]].statements]
        for st in by_name[g["name"]].statements:
            assert text[st.start:st.end] == st.text
            assert not st.text.startswith(("指出", "强调", ",", "，"))
        for statement in g["statements"]:
            start = text.find(statement)
            assert start >= 0
            span = (start, start + len(statement))
            assert any(_overlaps_enough(span, p) for p in pred), (g["name"], statement)
    # nothing from the page furniture or the 主持 / 出席 mentions
    furniture = text.index("- 标签")
    assert all(st.end <= furniture for sp in speakers for st in sp.statements)


def test_name_merge_modes():
    from zhnews.models.pipeline import merge_entities

    tagger = [Entity(0, 4, "PER", "安东尼-"), Entity(10, 13, "ORG", "森林狼")]
    words = [Entity(0, 7, "PER", "安东尼-托利弗"), Entity(20, 22, "PER", "韦德")]
    assert merge_entities(tagger, words) == [tagger[0], tagger[1], words[1]]  # model+jieba
    assert merge_entities(words, tagger, ("PER", "ORG", "LOC")) == [words[0], tagger[1], words[1]]  # jieba+model


def test_role_stops_at_an_interaction_verb_and_shuangfang_continues_the_speech():
    text = (
        "国务院副总理王建军今天在钓鱼台国宾馆会见德国外长安娜·贝尔伯克。贝尔伯克表示，德方重视对华关系。\n"
        "王建军指出，中德合作的基础牢固。双方应加强沟通，妥善处理分歧。\n"
    )
    by_name, _ = run(text)
    assert by_name["安娜·贝尔伯克"].role == "德国外长"  # not 钓鱼台国宾馆会见德国外长
    assert texts(by_name["王建军"]) == ["中德合作的基础牢固。", "双方应加强沟通，妥善处理分歧。"]


def test_a_dateline_ends_the_headline_statement():
    """Flattened pages glue headline, byline and dateline together: the dateline and the body after
    it are never part of a statement from the headline."""
    text = ("国土部官员建议以税收抑制房价规划司司长董祚继称，长远看房价还要涨吴鹏本报讯 (记者吴鹏)"
            "国土资源部规划司司长董祚继昨日表示，我国房地产业总体上看没有过剩。")
    by_name, _ = run(text)
    said = texts(by_name["董祚继"])
    assert "我国房地产业总体上看没有过剩。" in said
    assert not any("本报讯" in s or "记者" in s for s in said)


def test_suo_yan_introduces_speech_and_a_bare_suo_yan_does_not():
    by_name, _ = run("正如经济学家张明所言，稳增长需要扩大内需。他还指出，消费潜力仍然很大。")
    assert texts(by_name["张明"]) == ["稳增长需要扩大内需。", "消费潜力仍然很大。"]
    assert run("市长王刚所言非虚，记者在现场看到了这一幕。")[1] == []


def test_a_name_that_took_the_first_character_of_its_reporting_verb_is_cut_back():
    """A tagger that reads 李萌通|报 (the first character of 通报 taken into the name), with jieba
    without its HMM, which leaves 李 | 萌 | 通报 and finds no name there itself (the pipeline's fast path)."""
    text = "科技部副部长李萌通报了改革措施的阶段性进展。\n"

    def tagger(sentences):
        out = []
        for s in sentences:
            i = s.find("李萌通")
            out.append([Entity(i, i + 3, "PER", "李萌通")] if i >= 0 else [])
        return out

    for hmm in (True, False):
        config = SpeechConfig(jieba_hmm=hmm)
        by_name, _ = run(text, tagger, config)
        assert set(by_name) == {"李萌"}, hmm
        assert by_name["李萌"].role == "科技部副部长"
        assert texts(by_name["李萌"]) == ["改革措施的阶段性进展。"]


def test_a_name_is_cut_back_from_a_time_word_after_it_and_a_title_or_kinship_word_before_it():
    """Tagger cuts seen on corpus news: 李华日|前 (日前), 曾荫权立|即 (立即), 程永田兴|致勃勃 (an idiom),
    老|板乔-马鲁夫 (老板),
    侄|孙秋经武 (侄孙; 秋 is a rare surname, jieba's word boundary says where the name starts)."""
    cuts = {"李华日": "李华", "曾荫权立": "曾荫权", "板乔-马鲁夫": "乔-马鲁夫", "孙秋经武": "秋经武", "程永田兴": "程永田"}
    text = ("集团董事长李华日前透露，公司近期已经获得了两个项目。\n"
            "董事长程永田兴致勃勃地说，以后来看珍品的专家会越来越多。\n"
            "行政长官曾荫权立即到场了解情况。他表示，这次事故非常严重。\n"
            "国王老板乔-马鲁夫接受了采访，他说自己和其他人一样好奇。\n"
            "得知此事后，秋瑾亲侄孙秋经武于23日致电记者，他说这是假授权。\n")

    def tagger(sentences):
        return [[Entity(s.find(k), s.find(k) + len(k), "PER", k) for k in cuts if k in s] for s in sentences]

    for hmm in (True, False):
        by_name, _ = run(text, tagger, SpeechConfig(jieba_hmm=hmm))
        assert set(by_name) == set(cuts.values()), hmm
        assert texts(by_name["李华"]) == ["公司近期已经获得了两个项目。"]
        assert texts(by_name["秋经武"]) == ["这是假授权。"]


def test_a_name_keeps_a_last_character_that_starts_no_time_word_or_adverb():
    """王海涛|说, 刘国明|确定地说: 涛说 is no word, 明确 an adjective (no time word or adverb); 黄益平|日前:
    平日 is a time word, but so is 日前 right after the name, so the names stay whole."""
    text = "市长王海涛说，项目已经启动。局长刘国明确定地说，资金已经到位。教授黄益平日前表示，信心仍需提振。\n"

    def tagger(sentences):
        return [[Entity(s.find(k), s.find(k) + 3, "PER", k) for k in ("王海涛", "刘国明", "黄益平") if k in s]
                for s in sentences]

    by_name, _ = run(text, tagger)
    assert set(by_name) == {"王海涛", "刘国明", "黄益平"}


def test_a_pronoun_goes_to_the_subject_introduced_by_qi_not_to_an_earlier_object():
    """其广东代理商罗云龙既代理…。他承认，…: 罗云龙 opens his clause after 其 ("its") and his role; 芙莱莎,
    a brand the tagger took for a person, is the object of 模仿 (but before 最, so subject-like)."""
    text = "在国内，模仿芙莱莎最彻底的就是成长6+1，其广东代理商罗云龙既代理实木也代理板材。他承认，芙莱莎确实是鼻祖。\n"

    def tagger(sentences):
        return [[Entity(m.start(), m.end(), "PER", m.group()) for m in re.finditer("芙莱莎|罗云龙", s)]
                for s in sentences]

    by_name, _ = run(text, tagger)
    assert set(by_name) == {"罗云龙"}
    assert texts(by_name["罗云龙"]) == ["芙莱莎确实是鼻祖。"]


def test_a_familiar_name_stands_for_the_person_named_in_full_even_before_them():
    """小潘 (小 + surname) is how the article calls 潘石屹, also in its first paragraph, before the full
    name; a tagger that reads 小潘 as a name of its own, or finds a stray 潘潘, makes no second speaker."""
    text = ("如今市场不景气，小潘便显示出了自己的魄力，他公开表示，要降薪一半。\n"
            "今年一月，潘石屹向媒体透露，公司销售员的收入很高。潘石屹还说，公司今年不会裁员。\n"
            "凭什么小潘潘拿了个第二？小潘曾说，出差不坐头等舱。\n")

    def tagger(sentences):
        return [[Entity(m.start(), m.end(), "PER", m.group()) for m in re.finditer("潘石屹|小潘(?!潘)|潘潘", s)]
                for s in sentences]

    by_name, _ = run(text, tagger)
    assert set(by_name) == {"潘石屹"}
    assert texts(by_name["潘石屹"]) == ["要降薪一半。", "公司销售员的收入很高。", "公司今年不会裁员。",
                                        "出差不坐头等舱。"]


def test_a_sentence_opening_with_women_goes_on_whoever_it_names():
    """我们应该…推动多哈回合谈判: a tagger that reads 多哈 as a person makes no narration of the speaker's
    own words; 我们 opens a speech, never a reporter's sentence."""
    text = "国务委员戴秉国指出，五国可以重点在以下领域加强合作。我们应该推动多哈回合谈判取得进展。我们要共同努力。\n"

    def tagger(sentences):
        return [[Entity(m.start(), m.end(), "PER", m.group()) for m in re.finditer("戴秉国|多哈", s)]
                for s in sentences]

    by_name, _ = run(text, tagger)
    assert texts(by_name["戴秉国"]) == ["五国可以重点在以下领域加强合作。", "我们应该推动多哈回合谈判取得进展。",
                                      "我们要共同努力。"]


def test_jieba_without_its_hmm_knows_only_dictionary_words():
    """postag(hmm=False): an unknown name stays in single characters; the words still cover the text."""
    from zhnews.models.speech.names import postag

    sentence = "李萌表示，今年经济稳步增长。"
    with_hmm, without = postag(sentence), postag(sentence, False)
    assert "".join(w for w, *_ in without) == sentence
    assert [w for w, *_ in without][:2] == ["李", "萌"] and with_hmm[0][:2] == ("李萌", "nr")
    assert jieba_name_finder([sentence])[0] and not jieba_name_finder([sentence], hmm=False)[0]
