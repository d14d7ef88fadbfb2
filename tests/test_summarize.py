"""Summary compressor (models/summarize.py)."""
from __future__ import annotations

import json

import pytest

from zhnews.models.data import examples_dir
from zhnews.models.summarize import compress, summarise, summarise_speaker


# ---------------------------------------------------------------- compress


@pytest.mark.parametrize("sentence, expected", [
    ("他表示，要加强部市协同联动。", "要加强部市协同联动。"),
    ("王志刚指出,要深入贯彻落实批示精神,推动高质量发展。", "要深入贯彻落实批示精神，推动高质量发展。"),
    ("同时，他强调，新规划将把更多土地用于科研（含高校和科研院所）。", "新规划将把更多土地用于科研。"),
    ("此外，公司还将在上海设立研发中心。", "公司还将在上海设立研发中心。"),
    ("“我们不会在这个问题上让步。”", "我们不会在这个问题上让步。"),
    ("也是言简意赅，“很显然，没有他就太恐怖了。”", "很显然，没有他就太恐怖了。"),  # narrated lead-in
    ("谈到价格，“我们还要再研究”，他补充道。", "谈到价格，“我们还要再研究”，他补充道。"),  # quote is not all
    ("巩固新一代信息技术、医药健康、集成电路、人工智能等优势产业地位。", "巩固新一代信息技术、医药健康等优势产业地位。"),
    ("教育、科技、人才工作要一体抓落实。", "教育、科技、人才工作要一体抓落实。"),  # no 等: the list stays
])
def test_compress(sentence, expected):
    assert compress(sentence) == expected


def test_compress_keeps_content_and_is_never_empty():
    for s in ("此外", "他表示，", "（注）", "好。", "同时，"):
        assert compress(s), s
    assert compress("") == "" and compress("   ") == ""
    # the whole 要…的 directive is content, not filler
    assert compress("要深入贯彻落实重要批示精神。") == "要深入贯彻落实重要批示精神。"
    # a long opening clause is not a cue even if a verb appears in it
    s = "服务国家高质量发展大局对北京建设国际科创中心提出了更高要求,要把满足国家重大战略需求作为重要目标。"
    assert compress(s).startswith("服务国家高质量发展大局")


# ---------------------------------------------------------------- summarise

SENTENCES = [
    "要聚焦科技自立自强，加强关键核心技术攻关。",
    "抓紧研究制定基础研究领先行动方案。",
    "要发挥创新引领作用，加快成果转化落地。",
    "办好中关村论坛，深化国际科技交流合作。",
]


def test_summarise_uses_scores_and_keeps_original_order():
    out = summarise(SENTENCES, scores=[0.1, 0.0, 0.9, 0.8], max_chars=60)
    assert out == "要发挥创新引领作用，加快成果转化落地；办好中关村论坛，深化国际科技交流合作。"
    out = summarise(SENTENCES, scores=[0.9, 0.0, 0.8, 0.1], max_chars=60)
    assert out.startswith("要聚焦科技自立自强") and "要发挥创新引领作用" in out


def test_summarise_respects_max_chars_and_ends_with_period():
    for limit in (20, 40, 60, 90, 200):
        out = summarise(SENTENCES, max_chars=limit)
        assert out.endswith("。")
        assert len(out) <= max(limit, 8), (limit, out)
    assert summarise(SENTENCES, max_chars=200).count("；") == 1  # the top half of four sentences
    assert summarise(SENTENCES * 3, max_chars=300).count("；") == 2  # never more than three sentences


def test_summarise_truncates_one_long_sentence_at_a_clause_boundary():
    long = ("要把推进北京国际科技创新中心建设放在实现中华民族伟大复兴的战略全局中谋篇布局，推动北京在代表我国参与"
            "国际创新合作和引领全国创新发展中发挥更重要的示范作用，在实现高水平科技自立自强中创一流、作标杆、出示范。")
    out = summarise([long], max_chars=90)
    assert len(out) <= 90 and out.endswith("。")
    body = out[:-1]
    assert long.startswith(body)
    assert long[len(body)] in "，；、"  # cut where a clause ends, not mid-word


def test_summarise_without_scores_prefers_early_substantial_sentences():
    sentences = ["好。", "今年公司营收同比增长百分之二十，创历史新高。", "其他情况另行通报。", "会议还研究了其他事项。"]
    out = summarise(sentences, max_chars=30)
    assert out == "今年公司营收同比增长百分之二十，创历史新高。"


def test_summarise_none_scores_are_not_candidates():
    sentences = ["第一句讲的是今年的主要工作。", "第二句讲的是明年的重点任务。", "第三句是背景介绍材料。"]
    assert summarise(sentences, scores=[None, 0.2, None]) == "第二句讲的是明年的重点任务。"
    # nothing scored: fall back to the heuristic rather than return nothing
    assert summarise(sentences, scores=[None, None, None]).startswith("第一句")


def test_summarise_edge_cases():
    assert summarise([]) == ""
    assert summarise(["", "  "]) == ""
    assert summarise(["只有一句话"]) == "只有一句话。"
    assert summarise(["重复的句子。", "重复的句子。"]) == "重复的句子。"
    assert summarise(["第一句。", "第二句。"], scores=[1.0]) in ("第一句；第二句。", "第一句。")  # bad scores ignored
    out = summarise(["他表示，要加强合作。"])
    assert out == "要加强合作。"


def test_summarise_seed_speakers():
    folder = examples_dir()
    if not (folder / "seed_page.gold.json").exists():
        pytest.skip("seed example not available")
    gold = json.loads((folder / "seed_page.gold.json").read_text(encoding="utf-8"))
    for sp in gold["speakers"]:
        out = summarise(sp["statements"])
        assert 0 < len(out) <= 90 and out.endswith("。")
        assert "," not in out  # ASCII commas between Chinese are normalised


def test_speaker_summary_opens_with_the_speakers_reporting_verb():
    from zhnews.models.summarize import SPEAKER_SUMMARY_CHARS, summarise_speaker

    text = "会上，财政部部长蓝佛安强调，要加大宏观政策调控力度。“我们有信心完成全年目标。”他说。"
    first = (text.index("要加大"), text.index("。") + 1)
    second = (text.index("“我们"), text.index("他说"))
    summary = summarise_speaker(text, [first, second])
    assert summary.startswith("强调要加大宏观政策调控力度") and summary.endswith("。")
    assert "有信心完成全年目标" in summary and "“" not in summary  # the whole-sentence quote is unwrapped
    assert summarise_speaker("张三：好的，我们明天出发。", [(3, 13)]).startswith("表示")  # no verb before: 表示
    long_text = "李四指出，" + "，".join(["经济运行总体平稳"] * 20) + "。"
    cut = summarise_speaker(long_text, [(5, len(long_text))])
    assert cut.startswith("指出") and len(cut) <= len("指出") + SPEAKER_SUMMARY_CHARS + 1
    assert not cut.endswith("，。") and cut[:-1].endswith("平稳")  # cut at a clause break
    twice = "王五表示，都是公司安排的。正文重复：王五表示，都是公司安排的。"  # a page that repeats its article
    spans = [(twice.index("都是"), twice.index("。") + 1), (twice.rindex("都是"), len(twice))]
    assert summarise_speaker(twice, spans) == "表示都是公司安排的。"  # said once


def test_article_summary_is_the_first_substantial_lead_sentence_joined_by_the_next_while_short():
    from zhnews.models.summarize import ARTICLE_FILL_CHARS, ARTICLE_SUMMARY_CHARS, summarise_article

    sentences = ["本报讯。", "同时，国家统计局今天发布数据显示，一季度国内生产总值同比增长5.3%。", "消费贡献提升。", "投资放缓。"]
    # 32 characters: the next sentence joins; then 39, and the third joins too
    assert summarise_article(sentences) == "国家统计局今天发布数据显示，一季度国内生产总值同比增长5.3%，消费贡献提升，投资放缓。"
    long_lead = "据新华社报道，" + "一季度国内生产总值同比增长百分之五点三，" * 3 + "。"
    assert len(long_lead) > ARTICLE_FILL_CHARS
    assert summarise_article([long_lead, "消费贡献提升。"]).endswith("百分之五点三。")  # long enough alone
    # a named source's cue stays (the article's summary says who said it); a pronoun's goes
    said = ["美国太平洋空军司令透露，美军将在中国周边轮流部署精锐部队。", "他说，首个海外基地将设在太平洋地区。"]
    assert summarise_article(said) == "美国太平洋空军司令透露，美军将在中国周边轮流部署精锐部队，首个海外基地将设在太平洋地区。"
    assert summarise_article(["好。"]) == "好。"  # nothing longer: the first sentence all the same
    assert summarise_article([]) == ""
    long = "，".join(["经济运行总体平稳"] * 20) + "。"
    assert len(summarise_article([long])) <= ARTICLE_SUMMARY_CHARS + 1


@pytest.mark.parametrize("page, summary", [
    # a flattened page: headline (picture marker), portal dateline, then the lead with its date
    ("热火真英雄他就是守护神(图)新浪体育讯北京时间4月20日消息，迈阿密热火98-90险胜亚特兰大老鹰。韦德拿下21分。",
     "迈阿密热火98-90险胜亚特兰大老鹰，韦德拿下21分。"),
    ("香港去年因暴雨损失约6亿中新网8月24日电 据香港文汇报报道，全球气候剧变，暴雨威胁升级。绿色和平估算损失。",
     "全球气候剧变，暴雨威胁升级，绿色和平估算损失。"),
    ("皇帝谈利物浦球衣新浪体育讯记者高嵩报道北京时间4月17日，热火主场97比89击败76人，取得1比0领先。",
     "热火主场97比89击败76人，取得1比0领先。"),
    # no dateline: the headline glued to the lead by a picture marker is left out too
    ("历代珍品古玩现身十里河(组图)一场由程田古玩城亲自操办的珍玩精品展近日亮相十里河。展会将持续举办。",
     "一场由程田古玩城亲自操办的珍玩精品展近日亮相十里河，展会将持续举办。"),
])
def test_article_summary_leaves_out_a_headline_and_dateline_run_into_the_body(page, summary):
    from zhnews.models.pipeline import prepare
    from zhnews.models.summarize import summarise_article

    prep = prepare(page)
    assert summarise_article([prep.norm.text[s.start:s.end] for s in prep.sentences]) == summary


@pytest.mark.parametrize("first, lead", [
    ("基金频繁调研后大幅增仓每经记者 方俊 今日，通产丽星公布了2008年年报。", "今日，通产丽星公布了2008年年报。"),
    ("理光R10售价1750元    作者：陈亮    R10搭载了一枚1/2.3英寸的CCD感光元件。", "R10搭载了一枚1/2.3英寸的CCD感光元件。"),
    ("价值型基金谨慎减仓理财周报特约作者 王晶 崔晓军/文最新统计资料显示，基金资产规模已高达19685亿。",
     "最新统计资料显示，基金资产规模已高达19685亿。"),
    ("台湾再确诊新流感病例人民网台北5月21日（记者王尧 李炜娜）台湾卫生部门紧急宣布出现第二例病例。",
     "台湾卫生部门紧急宣布出现第二例病例。"),
    # no byline, or one far into the sentence (a quote's source): the sentence stays whole
    ("国家统计局今天发布数据显示，一季度国内生产总值同比增长，消费对经济增长的贡献率明显提升，本报记者 王五 获悉。",
     "国家统计局今天发布数据显示，一季度国内生产总值同比增长，消费对经济增长的贡献率明显提升，本报记者 王五 获悉。"),
])
def test_a_byline_in_the_first_sentence_starts_the_summary_after_it(first, lead):
    from zhnews.models.summarize import _after_byline

    assert _after_byline(first) == lead


@pytest.mark.parametrize("lead, summary", [
    ("本报北京１月４日讯记者施明慎报道：中国人民银行最近对１２５４户大型企业的监测分析表明，１９９７年企业生产增长平稳，效益有所改善。",
     "中国人民银行最近对１２５４户大型企业的监测分析表明，１９９７年企业生产增长平稳，效益有所改善。"),
    ("本报讯太原铁路分局认真开展领导干部住房和住房集资专项检查，扎扎实实、实事求是地纠正违规行为。",
     "太原铁路分局认真开展领导干部住房和住房集资专项检查，扎扎实实、实事求是地纠正违规行为。"),
    ("新华社北京１月５日电（记者张三）国务院日前发出通知，要求各地切实做好春节期间的市场供应工作。",
     "国务院日前发出通知，要求各地切实做好春节期间的市场供应工作。"),
    # the dateline a line of its own, the reporters opening the lead
    ("记者余继军、何伟报道：张北—尚义灾区人民积极投入抗震救灾，努力恢复生产、重建家园。",
     "张北—尚义灾区人民积极投入抗震救灾，努力恢复生产、重建家园。"),
])
def test_a_papers_dateline_is_left_out_of_the_article_summary(lead, summary):
    from zhnews.models.summarize import summarise_article

    assert summarise_article([lead]) == summary


@pytest.mark.parametrize("sentence, expected", [
    ("各位嘉宾、各位朋友，我不是主办方，所以也不能致开幕词。", "我不是主办方，所以也不能致开幕词。"),
    ("女士们、先生们大家早上好！感谢各方的支持。", "感谢各方的支持。"),
    ("尊敬的各位来宾，女士们、先生们：我们迎来了第五届年会。", "我们迎来了第五届年会。"),
    ("大家好！", "大家好！"),  # nothing but the greeting: kept
    ("好的，我们明天出发。", "好的，我们明天出发。"),  # no greeting
    ("朋友们的支持很重要。", "朋友们的支持很重要。"),
])
def test_compress_drops_the_greetings_that_open_a_speech(sentence, expected):
    assert compress(sentence) == expected


def test_speaker_summary_separates_a_statement_without_its_own_stop():
    text = "杜家毅称“掌声即是奖项”。他说：“观众的掌声已经是最好的奖项。”"
    a = text.index("掌声即")
    b = text.index("观众的")
    summary = summarise_speaker(text, [(a, a + 6), (b, text.index("。”") + 1)])
    assert summary == "称掌声即是奖项，观众的掌声已经是最好的奖项。"
