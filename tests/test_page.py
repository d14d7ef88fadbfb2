import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhnews.models.data import examples_dir
from zhnews.models.page import Page, parse_page
from zhnews.models.text import ZERO_WIDTH, normalise

_EDGE_BLANK = re.compile(r"^[\s%s]+|[\s%s]+$" % (ZERO_WIDTH, ZERO_WIDTH))


def all_spans(page: Page):
    return ([page.title] if page.title else []) + page.body + page.furniture


def check_page(text: str, page: Page):
    spans = sorted(all_spans(page), key=lambda s: s.start)
    for s in spans:
        assert s.text and text[s.start:s.end] == s.text
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))  # no line in two places
    # every non-blank line is somewhere: title, body or furniture
    lines = [_EDGE_BLANK.sub("", x) for x in text.splitlines()]
    assert sum(len(s.text) for s in spans) == sum(map(len, lines))


def body_texts(page):
    return [s.text for s in page.body]


def test_seed_page():
    path = examples_dir() / "seed_page.txt"
    if not path.exists():
        pytest.skip("seed page not available")
    text = path.read_text(encoding="utf-8")
    gold = json.loads((examples_dir() / "seed_page.gold.json").read_text(encoding="utf-8"))
    page = parse_page(text)
    check_page(text, page)
    assert page.title.text == gold["title"] and page.title.start == 0
    assert page.meta.tags == gold["meta"]["tags"]
    assert page.meta.editor == gold["meta"]["editor"]
    assert page.meta.related == gold["meta"]["related_titles"]
    assert len(page.body) == 7 and page.body[0].text.startswith("近日")
    assert page.body[-1].text.endswith("产业高地。")
    body = "\n".join(body_texts(page))
    assert "…" not in body and "标签" not in body and "梦幻西游" not in body
    for speaker in gold["speakers"]:  # every key statement lies in the body
        for statement in speaker["statements"]:
            assert statement in body
    furniture = [s.text for s in page.furniture]
    assert any(f.endswith("…") and "梦幻西游" in f for f in furniture)  # teaser is furniture


XINHUA_STYLE = """首页 > 新闻 > 国内
国产大飞机C919完成首次商业飞行
2023-05-28 12:30:05\u3000来源：新华网
\u3000\u3000新华社上海5月28日电 28日，国产大飞机C919从上海虹桥机场起飞，完成首次商业载客飞行。
\u3000\u3000中国东方航空公司表示，将持续推进C919的规模化运营。
（责任编辑：王小明）
分享到：微信 微博 QQ空间
【打印】【关闭窗口】
相关新闻：
· 东航C919商业首航成功 2023-05-28
· 大飞机产业链迎来新机遇
Copyright © 2023 新华网 版权所有
"""


def test_editor_source_related_copyright():
    page = parse_page(XINHUA_STYLE)
    check_page(XINHUA_STYLE, page)
    assert page.title.text == "国产大飞机C919完成首次商业飞行"
    assert len(page.body) == 2 and page.body[0].text.startswith("新华社上海")
    assert page.meta.editor == "王小明" and page.meta.tags == []
    assert page.meta.related == ["东航C919商业首航成功", "大飞机产业链迎来新机遇"]
    furniture = [s.text for s in page.furniture]
    assert furniture[0] == "首页 > 新闻 > 国内"
    assert "2023-05-28 12:30:05\u3000来源：新华网" in furniture
    assert "Copyright © 2023 新华网 版权所有" in furniture


PEOPLE_STYLE = """人工智能助力农业生产
来源：人民网\u3000作者：李华
近年来，人工智能技术在农业领域的应用不断深入。无人机植保、智能灌溉等技术已在多地推广。
记者：这项技术的推广难点在哪里？
专家指出，“数字农业是大势所趋。我们要抓住机遇。”这一观点得到了广泛认同。
关键词：人工智能，农业、科技;无人机
• 责编,赵六
延伸阅读
1. 智慧农业的未来在哪里？
2、无人机如何改变农田管理
数字农业的发展正在改变传统耕作方式，专家认为未来十年将是关键期…
本网站所有内容未经授权禁止转载。
"""


def test_keywords_bullets_and_further_reading():
    page = parse_page(PEOPLE_STYLE)
    check_page(PEOPLE_STYLE, page)
    assert page.title.text == "人工智能助力农业生产"
    assert body_texts(page)[1] == "记者：这项技术的推广难点在哪里？"  # a question, not a byline
    assert len(page.body) == 3
    assert page.meta.tags == ["人工智能", "农业", "科技", "无人机"]
    assert page.meta.editor == "赵六"
    assert page.meta.related == ["智慧农业的未来在哪里？", "无人机如何改变农田管理"]
    assert "本网站所有内容未经授权禁止转载。" in [s.text for s in page.furniture]


def test_half_and_full_width_separators():
    for sep in (":", "：", ",", "，", " "):
        text = f"标题在这里\n正文第一段。\n标签{sep}经济 金融\n责任编辑{sep}张三\n"
        page = parse_page(text)
        assert page.meta.tags == ["经济", "金融"] and page.meta.editor == "张三", sep
        assert body_texts(page) == ["正文第一段。"]


def test_plain_article_passes_through():
    text = "今天上午，市政府召开新闻发布会。会议通报了一季度经济运行情况。\n\n数据显示，全市地区生产总值同比增长5.2%。\n"
    page = parse_page(text)
    check_page(text, page)
    assert page.title is None and page.furniture == [] and page.meta == type(page.meta)()
    assert body_texts(page) == [line for line in text.splitlines() if line]
    one = "这是一段没有换行的正文，作者在文中提到了很多事情。"
    assert [s.text for s in parse_page(one).body] == [one] and parse_page(one).title is None


def test_headline_then_text_has_title():
    page = parse_page("央行宣布降准0.25个百分点\n中国人民银行决定于5月15日下调金融机构存款准备金率。")
    assert page.title.text == "央行宣布降准0.25个百分点" and len(page.body) == 1
    long_first = "很" * 70 + "\n第二行"
    assert parse_page(long_first).title is None


def test_menu_heading_before_article_does_not_swallow_it():
    text = "热门推荐\n标题\n正文内容很多。\n更多\n- 另一条新闻\n"
    page = parse_page(text)
    assert page.title.text == "标题" and body_texts(page) == ["正文内容很多。"]
    assert page.meta.related == ["另一条新闻"]


def test_dates_tools_and_nav_lines_are_furniture():
    text = ("您的位置：首页 > 财经\n2024年3月1日 星期五\n10:30\n标题\n正文第一段。\n"
            "返回顶部\n首页 | 新闻 | 体育 | 娱乐\n京ICP备12345678号\n")
    page = parse_page(text)
    check_page(text, page)
    assert page.title.text == "标题" and body_texts(page) == ["正文第一段。"]
    assert len(page.furniture) == 6


def test_empty_and_blank():
    for text in ("", "   \n\n  ", "-\n·\n"):
        page = parse_page(text)
        assert page.title is None and page.body == [] and page.meta.related == []


def test_html_page_after_normalise():
    raw = ("<html><body><h1>国产大飞机首飞</h1><p>新华社电，C919完成首飞。</p><p>各方反响热烈。</p>"
           "<p>责任编辑：王小明</p><ul><li>相关新闻</li><li>另一条新闻</li></ul></body></html>")
    n = normalise(raw)
    page = parse_page(n.text)
    check_page(n.text, page)
    assert page.title.text == "国产大飞机首飞" and page.meta.editor == "王小明"
    assert page.meta.related == ["另一条新闻"]
    o = n.span(page.body[0].start, page.body[0].end)
    assert o.text == "新华社电，C919完成首飞。" and raw[o.start:o.end] == o.text


_PIECES = st.sampled_from([
    "\n", "- ", "· ", "标签:", "标签：", "编辑,", "责任编辑：", "来源：", "相关文章", "相关新闻：",
    "更多", "…", "。", "？", "2023-05-06", "12:30", "首页 > ", " | ", "版权所有", "©", "（", "）",
    "【", "】", "分享到", "打印", "\u3000", "\r", "\ud800", "中文标题", "正文内容，", "abc",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.characters(), st.text(max_size=4)), max_size=40).map("".join))
def test_property_parse_page_never_raises(text):
    page = parse_page(text)
    check_page(text, page)
    if page.title is not None:
        assert page.body
    page_n = parse_page(normalise(text).text)
    for s in all_spans(page_n):
        assert s.text


def test_a_comment_link_left_at_the_end_of_a_text_line_is_furniture():
    text = "环保部批复项目\n环境保护部环评司司长祝兴祥透露，今年以来共批复339个项目。其中钢铁行业占70%。 我要评论\n"
    page = parse_page(text)
    assert page.body[-1].text.endswith("占70%。")
    assert text[page.body[-1].start:page.body[-1].end] == page.body[-1].text
    assert any(f.text.strip() == "我要评论" for f in page.furniture)
    page = parse_page("标题\n全部收入用于购房，也需要50年。辽宁日报我要评论")  # the source's name before the link
    assert page.body[-1].text.endswith("50年。") and page.furniture[-1].text == "辽宁日报我要评论"
    assert parse_page("他说：“我要评论这件事。”")  # inside prose it stays text
    assert "我要评论这件事" in parse_page("标题\n他说：“我要评论这件事。”\n").body[-1].text


@pytest.mark.parametrize("ending, byline", [
    ("我只有四个字：随她的便。", "○新报记者 吴轶凡 实习生 景 雪 文"),
    ("这是高中生应有的治学态度。", "(记者：彭薇)"),
    ("这样的后卫不正是中国篮球苦苦寻找的吗？", "晶报记者 高志明"),
    ("“我们坚信自己会取得这场胜利。”", "(纽约特派记者 沈洋 前方报道)"),
    ("来看珍品的收藏者会越来越多。", "商报记者\xa0田志英/文并摄"),
    ("这一幕也留在了记者的相机中。", "(完)"),
])
def test_a_byline_closing_the_last_line_is_furniture_not_the_speakers_words(ending, byline):
    # the last answer of an interview ran on into the reporter's byline: 随她的便，○新报记者吴轶凡… in 赵薇's summary
    text = f"赵薇谈新片\n记者：女儿的未来呢？赵薇：{ending}{byline}"
    page = parse_page(text)
    assert page.body[-1].text.endswith(ending)
    assert page.furniture[-1].text.strip() == byline
    assert text[page.furniture[-1].start:page.furniture[-1].end] == page.furniture[-1].text


def test_a_byline_and_then_a_comment_link_are_furniture_in_page_order():
    text = "标题\n今年销售面积同比增36.5%。(记者 罗强) 我要评论"
    page = parse_page(text)
    assert page.body[-1].text.endswith("36.5%。")
    assert [f.text.strip() for f in page.furniture] == ["(记者 罗强)", "我要评论"]


@pytest.mark.parametrize("line", ["他说：“好。”他对记者表示", "最高法院就审判工作答记者问", "一切顺利。随后记者了解到",
                                  "这是他的看法。(作者为基金研究中心研究员)", "记者：您怎么看？"])
def test_prose_about_reporters_stays_text(line):
    page = parse_page(f"标题\n{line}")
    assert page.body[-1].text == line


FLAT = "中国基金在瑞典再度受青睐新华网斯德哥尔摩2月26日电(记者吴平)瑞典的中国基金近日再度受到投资者追捧，呈大幅回升之势。"


def test_a_headline_glued_onto_its_dateline_is_the_title():
    from zhnews.models.pipeline import prepare

    prep = prepare(FLAT)
    assert prep.page.title.text == "中国基金在瑞典再度受青睐"
    assert prep.page.body[0].text.startswith("新华网斯德哥尔摩2月26日电") and prep.page.body[0].end == len(FLAT)
    assert FLAT[prep.sentences[0].start:prep.sentences[0].end].startswith("新华网")
    two = prepare("踩湖人锁季后赛!谁料到是他们 贱卖甜瓜新浪体育讯北京时间4月20日消息，掘金队今天赢了。")
    assert two.page.title.text == "踩湖人锁季后赛!谁料到是他们 贱卖甜瓜"  # two headline sentences before the dateline


@pytest.mark.parametrize("text", [
    "瑞典的中国基金近日再度受到投资者追捧。新华网斯德哥尔摩2月26日电 另一篇报道说了什么。",  # a body sentence, not a headline
    "标题在这里\n新华网北京6月16日电（记者 张晓松）正文说了很多。",  # the page's own title line stays the title
    "新华网北京6月16日电（记者 张晓松）正文说了很多。",  # nothing before the dateline
])
def test_no_title_is_made_from_a_sentence_or_over_a_title_line(text):
    from zhnews.models.pipeline import prepare

    prep = prepare(text)
    assert prep.page.title is None or prep.page.title.text == "标题在这里"
    assert "".join(text[s.start:s.end] for s in prep.sentences).startswith(text.split("\n")[-1][:6])


def test_the_glued_title_is_output_with_the_input_characters(tiny_analyzer):
    traditional = "中國基金在瑞典再度受青睞新華網斯德哥爾摩2月26日電(記者吳平)瑞典的中國基金近日再度受到投資者追捧。"
    for text in (FLAT, traditional, f"<p>{FLAT}</p>"):
        assert tiny_analyzer.analyze(text).title in ("中国基金在瑞典再度受青睐", "中國基金在瑞典再度受青睞")


WEIBO = "【韩冰冰回应离婚传闻：我们很好】25日，演员韩冰冰在微博中写道：“我和先生一切都好。”经纪人柯佳也表示，两人感情稳定。"


def test_a_bracketed_headline_opening_the_text_is_the_title():
    from zhnews.models.pipeline import prepare

    prep = prepare(WEIBO)
    assert prep.page.title.text == "韩冰冰回应离婚传闻：我们很好"
    assert prep.page.body[0].text.startswith("25日，演员韩冰冰")
    assert WEIBO[prep.sentences[0].start:prep.sentences[0].end].startswith("25日，")
    assert all(s.start >= prep.page.body[0].start for s in prep.sentences)


@pytest.mark.parametrize("text", [
    "【韩冰冰回应离婚传闻】",  # a bracket alone is no headline over a body
    "标题在这里\n【韩冰冰回应离婚传闻】25日，演员韩冰冰在微博中写道：一切都好。",  # the page's own title line stays
    "25日，演员韩冰冰在微博中写道：一切都好。【责任编辑：张三】",  # a bracket at the end
])
def test_no_bracketed_title_where_there_is_no_headline_before_a_body(text):
    from zhnews.models.pipeline import prepare

    prep = prepare(text)
    assert prep.page.title is None or prep.page.title.text == "标题在这里"


def test_the_bracketed_headlines_words_are_no_statement(tiny_analyzer):
    speakers = tiny_analyzer.analyze(WEIBO).speakers
    assert not any("我们很好" in st.text or "】" in st.text for sp in speakers for st in sp.statements)
