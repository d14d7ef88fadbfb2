import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhnews.models.text as text_mod
from zhnews.models.data import examples_dir
from zhnews.models.text import normalise, split_paragraphs, split_sentences


def check_spans(text, spans):
    for s in spans:
        assert text[s.start:s.end] == s.text
        assert s.text and not text_mod._blank(s.text[0]) and not text_mod._blank(s.text[-1])
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def check_map(n):
    assert len(n.starts) == len(n.ends) == len(n.text)
    for k in range(len(n.text)):
        assert 0 <= n.starts[k] < n.ends[k] <= len(n.raw)
        if k:
            assert n.starts[k - 1] <= n.starts[k] and n.ends[k - 1] <= n.ends[k]


def texts(spans):
    return [s.text for s in spans]


# ------------------------------------------------------------------ sentences

def test_basic_chinese_sentences():
    t = "今天下雨了。明天呢？大概不会！分号；也分句\n新的一行没有句号"
    spans = split_sentences(t)
    check_spans(t, spans)
    assert texts(spans) == ["今天下雨了。", "明天呢？", "大概不会！", "分号；", "也分句", "新的一行没有句号"]


def test_ascii_punctuation_and_commas():
    t = "近日,会议召开.会议指出:要加强合作!是吗?是的;好的"
    assert texts(split_sentences(t)) == ["近日,会议召开.", "会议指出:要加强合作!", "是吗?", "是的;", "好的"]


def test_a_question_mark_for_a_lost_character_of_a_name_ends_no_sentence():
    # GB2312 pages lose characters such as 镕 and 昕 to ?: 梁?昕 is a name, not a question
    t = "主讲人为西欧部经理梁?昕。梁?昕表示，签证要求很简单。公司发生了哪些变化呢?康家祥：变化很大。"
    assert texts(split_sentences(t)) == ["主讲人为西欧部经理梁?昕。", "梁?昕表示，签证要求很简单。",
                                         "公司发生了哪些变化呢?", "康家祥：变化很大。"]


def test_a_semicolon_typed_for_a_colon_after_a_reporting_verb_ends_no_sentence():
    # 周忻表示；“…”: the quote is the verb's (a semicolon elsewhere, and before a quote without the verb, still cuts)
    t = "周忻表示；“我们很高兴看到CRIC成功上市。”分号；“引号”不接动词。"
    assert texts(split_sentences(t)) == ["周忻表示；“我们很高兴看到CRIC成功上市。”", "分号；", "“引号”不接动词。"]


def test_closers_stay_with_sentence():
    t = "他说：“我同意。”然后离开了（大家都走了。）「好！」最后一句……”"
    spans = split_sentences(t)
    check_spans(t, spans)
    assert texts(spans)[0] == "他说：“我同意。”"
    assert "然后离开了（大家都走了。）" in texts(spans)
    assert texts(spans)[-1] == "最后一句……”"


def test_short_quote_kept_whole_long_quote_split():
    t = "他表示：“我们来了。你们好！大家辛苦了。”随后讲话结束。"
    assert texts(split_sentences(t)) == ["他表示：“我们来了。你们好！大家辛苦了。”", "随后讲话结束。"]
    long_quote = "“" + "这是一个很长的句子，" * 10 + "结束。" + "第二句很长，" * 10 + "完。”"
    spans = split_sentences("他说：" + long_quote)
    assert len(spans) == 2 and spans[1].text.endswith("完。”")


def test_quote_without_terminator_does_not_split():
    t = "弄通“卡脖子”技术的基础理论,推动“再出发、再提升”。下一句。"
    assert texts(split_sentences(t)) == ["弄通“卡脖子”技术的基础理论,推动“再出发、再提升”。", "下一句。"]


def test_a_book_title_is_never_cut_and_ends_no_sentence():
    t = "陆川说，观众支持《南京！南京！》，而媒体保护了它。他看了《爸爸去哪儿？》。"
    assert texts(split_sentences(t)) == ["陆川说，观众支持《南京！南京！》，而媒体保护了它。", "他看了《爸爸去哪儿？》。"]
    # an unclosed mark, or one closed only on the next line, protects nothing
    assert texts(split_sentences("《未闭合！后面。")) == ["《未闭合！", "后面。"]
    assert texts(split_sentences("《标题！\n正文》。")) == ["《标题！", "正文》。"]
    # the training rows' cut (models/evaluation/splits.training_sentences) is the one before titles were kept whole
    assert texts(split_sentences("观众支持《南京！南京！》，而媒体保护了它。", whole_titles=False)) == [
        "观众支持《南京！", "南京！》", "，而媒体保护了它。"]


def test_decimals_abbreviations_urls_lists():
    t = ("增长3.5%，达到１２．８亿元。Mr. Smith visited the U.S. last year. "
         "见www.xinhuanet.com/index.php?id=3页面。1. 第一点。")
    assert texts(split_sentences(t)) == [
        "增长3.5%，达到１２．８亿元。", "Mr. Smith visited the U.S. last year.",
        "见www.xinhuanet.com/index.php?id=3页面。", "1. 第一点。"]


def test_whitespace_trimmed_and_empty_dropped():
    t = "  \u3000第一句。  \n\n\t 。第二句！ \r\n   "
    spans = split_sentences(t)
    check_spans(t, spans)
    assert texts(spans) == ["第一句。", "。", "第二句！"]
    assert split_sentences("   \n\n  ") == [] and split_sentences("") == []


def test_start_end_window():
    t = "甲。乙。丙。丁。"
    spans = split_sentences(t, 2, 6)
    assert [(s.text, s.start) for s in spans] == [("乙。", 2), ("丙。", 4)]
    assert split_sentences(t, 5, 2) == [] and split_sentences(t, -3, 99)[0].start == 0


def test_paragraphs():
    t = "\n 第一段。还是第一段。\n\n\u3000\u3000第二段\r\n第三段 "
    spans = split_paragraphs(t)
    check_spans(t, spans)
    assert texts(spans) == ["第一段。还是第一段。", "第二段", "第三段"]


# ------------------------------------------------------------------ normalise

def test_plain_text_identity():
    t = "科技部部长王志刚出席并讲话。全角ＡＢＣ１２３保留。"
    n = normalise(t)
    assert n.text == t and not n.is_html and not n.converted
    assert n.to_original(2, 5) == (2, 5)
    check_map(n)


def test_html_offsets_point_into_raw():
    raw = ("<!DOCTYPE html><html><head><style>p{color:red}</style></head><body>"
           "<h1>标题</h1><!-- 注释 --><p>第一段&amp;内容&nbsp;。</p>"
           "<script>var x='<p>不要</p>';</script><div>第二段&#x4e2d;文<br/>第三段</div>"
           "<p>a &lt; b</p></body></html>")
    n = normalise(raw)
    assert n.is_html
    check_map(n)
    assert "不要" not in n.text and "color" not in n.text and "注释" not in n.text
    paras = texts(split_paragraphs(n.text))
    assert paras == ["标题", "第一段&内容\xa0。", "第二段中文", "第三段", "a < b"]
    for s in split_sentences(n.text) + split_paragraphs(n.text):
        o = n.span(s.start, s.end)
        assert raw[o.start:o.end] == o.text
        assert not re.search(r"<[A-Za-z/!]", o.text)  # spans never start or end in a tag
    k = n.text.index("中")
    assert n.span(k, k + 1).text == "&#x4e2d;"
    k = n.text.index("&")
    assert n.span(k, k + 1).text == "&amp;"
    k = n.text.index("标题")
    assert n.to_original(k, k + 2) == (raw.index("标题"), raw.index("标题") + 2)


def test_link_labels_after_names_are_read_out_with_offsets_kept():
    # Sina's (微博) / ( blog) / ( 听歌 blog) after a name: furniture the analysis reads without, mapped back whole
    raw = "主教练高洪波(微博)、助理教练李霄鹏( 听歌 blog)都表示：“胡歌（微博）很难得。”\n(微博)开头不删。"
    n = normalise(raw)
    assert n.text == "主教练高洪波、助理教练李霄鹏都表示：“胡歌很难得。”\n(微博)开头不删。"
    check_map(n)
    k = n.text.index("胡歌")
    assert n.span(k, k + 6).text == "胡歌（微博）很难得。"
    assert n.span(k, k + 2).text == "胡歌"
    assert normalise("我的微博(微博名：小王)。").text == "我的微博(微博名：小王)。"  # not a bare label
    assert normalise("招商地产(企业专区,旗下楼盘)总经理林少斌说").text == "招商地产总经理林少斌说"
    assert normalise("黄百鸣(http://t.sina.com.cn/wongpakming)也助阵").text == "黄百鸣也助阵"


def test_text_with_angle_brackets_is_not_html():
    t = "若 a < b 且 c > d，则《规定》适用。&amp; 保留"
    n = normalise(t)
    assert not n.is_html and n.text == t


def test_unclosed_script_and_comment():
    n = normalise("<p>前文</p><script>alert(1)")
    assert n.text.strip() == "前文"
    assert normalise("<p>前文</p><!-- 未闭合").text.strip() == "前文"


def test_control_chars_and_surrogates_replaced_one_for_one():
    raw = "a\x00b\ud800c\x07d\r\ne\rf\u2028g\U0001F600h\u200b"
    n = normalise(raw)
    assert len(n.text) == len(raw) and n.to_original(0, len(raw)) == (0, len(raw))
    assert n.text == "a b c d \ne\nf\ng\U0001F600h\u200b"
    n.text.encode("utf-8")  # no lone surrogates left


def test_traditional_seed_page_converted_with_exact_map():
    path = examples_dir() / "seed_page.txt"
    if not path.exists():
        pytest.skip("seed page not available")
    from opencc import OpenCC

    simplified = path.read_text(encoding="utf-8")
    traditional = OpenCC("s2t").convert(simplified)
    assert traditional != simplified
    n = normalise(traditional)
    assert n.converted and len(n.text) == len(traditional)
    same = sum(a == b for a, b in zip(n.text, simplified))
    assert same / len(simplified) > 0.99
    check_map(n)
    for s in split_sentences(n.text):
        o = n.span(s.start, s.end)
        assert (o.start, o.end) == (s.start, s.end) and traditional[o.start:o.end] == o.text


def test_length_changing_conversion_maps_by_block(monkeypatch):
    class Fake:  # a converter whose output length differs from its input
        def convert(self, s):
            return s.replace("國際", "国").replace("臺", "台湾")

    monkeypatch.setattr(text_mod, "_t2s", lambda: (Fake(), re.compile("[國臺]")))
    raw = "甲乙國際丙，臺北。"
    n = normalise(raw)
    assert n.text == "甲乙国丙，台湾北。"
    check_map(n)
    k = n.text.index("国")
    assert n.span(k, k + 1).text in raw and n.span(0, k + 1).text.startswith("甲乙國")
    assert n.span(0, len(n.text)).text == raw
    k = n.text.index("台湾")
    assert n.span(k, k + 2).text.startswith("臺") and n.span(k, k + 2).end <= raw.index("。")


def test_cjk_ratio():
    assert normalise("中文新闻报道").cjk_ratio == 1.0
    en = normalise("This is an English article about 中国.")
    assert en.cjk_ratio < 0.3 and en.mostly_non_chinese
    assert normalise("Новости дня").cjk_ratio == 0.0
    assert not normalise("12345 !!!").mostly_non_chinese
    assert not normalise("科技部与北京市召开会议 with a few English words").mostly_non_chinese


def test_long_input_linear():
    seed = "近日,部市共建北京国际科技创新中心现场推进会议召开。“再出发、再提升”。3.5%\n"
    raw = (seed * 25000)[:1_000_000] + "<a" * 1000 + "“" * 1000
    n = normalise(raw)
    spans = split_sentences(n.text)
    assert len(n.text) == len(raw) and len(spans) > 40000


# ------------------------------------------------------------------ properties

_PIECES = st.sampled_from([
    "。", "！", "?", ".", "…", "“", "”", "\"", "「", "」", "\n", "\r\n", " ", "\u3000", "3.5",
    "<p>", "</p>", "<br>", "<script>", "</script>", "&amp;", "&#x4e2d;", "&#0;", "&", "<",
    "\ud800", "\x00", "\u200b", "國際", "臺灣", "中文", "abc", "Mr.", "\U0001F600", "\u05d0",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.characters(), st.text(max_size=5)), max_size=40).map("".join))
def test_property_normalise_and_split_never_raise(raw):
    n = normalise(raw)
    check_map(n)
    spans = split_sentences(n.text) + split_paragraphs(n.text)
    for s in spans:
        assert n.text[s.start:s.end] == s.text
        o = n.span(s.start, s.end)
        assert 0 <= o.start < o.end <= len(raw) and raw[o.start:o.end] == o.text
    check_spans(raw, split_sentences(raw))


# ---------------------------------------------------------------- tagger input: one token per character


def test_char_encode_gives_one_token_per_visible_character():
    from zhnews.models.encoding import char_encode, sentence_encode
    from zhnews.models.network import load_tokenizer

    tok = load_tokenizer()
    text = "科技部部长 王志刚说，“５Ｇ”。"
    (ids,), (offsets,) = char_encode(tok, [text], max_tokens=64)
    visible = [i for i, ch in enumerate(text) if not ch.isspace()]
    assert [a for a, _ in offsets[1:-1]] == visible  # the space gets no token, every other char one
    assert all(b == a + 1 for a, b in offsets[1:-1])
    assert ids[0] == tok.cls_token_id and ids[-1] == tok.sep_token_id
    assert tok.unk_token_id not in ids  # full-width forms fall back to their NFKC piece
    assert ids[1] == tok.convert_tokens_to_ids("科")
    (short,), _ = char_encode(tok, [text], max_tokens=6)
    assert len(short) == 6 and short[-1] == tok.sep_token_id
    pieces, _ = sentence_encode(tok, [text], 64, "piece")
    assert len(pieces[0]) < len(ids)  # pieces join characters; that is what char tagging avoids


# ---------------------------------------------------------------------------- datelines
@pytest.mark.parametrize("text, dateline", [
    ("单制度新华网北京6月16日电（记者 张晓松 徐博）中国国家质检总局表示，将加强监管。", "新华网北京6月16日电（记者 张晓松 徐博）"),
    ("作建议中新社北京六月十七日电 (记者 张朔)中国总理温家宝十七日说。", "中新社北京六月十七日电 (记者 张朔)"),
    ("应把土地增值返还给社会吴鹏 李静睿本报讯 (记者吴鹏 李静睿)国土资源部昨日表示。", "本报讯 (记者吴鹏 李静睿)"),
    ("基金发行迎来高潮新报讯【记者 任强】随着股市的回暖，发行迎来高潮。", "新报讯【记者 任强】"),
    ("信息收集不全面环球网讯 据8月2日出版的《环球时报》报道，某某。", "环球网讯"),
    ("俄罗斯叶卡捷琳堡5月18日电(记者刘洋)上海合作组织峰会开幕。", "5月18日电(记者刘洋)"),
    ("佳人相伴德国战车双圆满(图)新浪体育讯北京时间4月20日消息，小牛带着2比0的总比分去往波特兰。", "新浪体育讯"),
    ("周迅新片造型曝光腾讯娱乐讯 周迅在徐克最新喜剧作品里的滑稽造型于今日首度曝光。", "腾讯娱乐讯"),
    # a site's name, date and 讯 (THUCNews: 全景网, 台海网, 红网), the site not among the known agencies
    ("中银基金管理公司聘任俞岱曦为副总经理全景网3月6日讯 中银基金周五公布，决定聘任俞岱曦。", "全景网3月6日讯"),
    ("台湾东部海域连续发生3次地震台海网7月20日讯 台湾地震测报中心说，地震无伤亡。", "台海网7月20日讯"),
])
def test_a_dateline_is_a_sentence_of_its_own(text, dateline):
    sentences = [s.text for s in split_sentences(text)]
    assert dateline in sentences
    i = sentences.index(dateline)
    assert "".join(sentences[:i]) == text[: text.index(dateline)].strip()  # the headline before it is kept
    assert len(sentences) == i + 2  # and the body after it starts a new sentence


def test_words_like_a_dateline_inside_a_sentence_are_not_split():
    text = "村民前来报讯，说河水涨了。据英国《每日电讯报》6月7日报道，一艘船沉没。腾讯通讯录里有他的号码。"
    assert [s.text for s in split_sentences(text)] == ["村民前来报讯，说河水涨了。", "据英国《每日电讯报》6月7日报道，一艘船沉没。",
                                                       "腾讯通讯录里有他的号码。"]


def test_simplified_text_with_a_character_t2s_changes_is_left_as_written():
    # 乾 is Simplified too (萧乾, 韩德乾): a name must come back as the input wrote it
    text = "国家科委副主任韩德乾介绍说，我国农业科技投入偏低。萧乾老人致书作者。"
    n = normalise(text)
    assert not n.converted and n.text == text
    assert normalise("國家科委副主任韓德乾介紹說，我國農業科技投入偏低。").converted


def test_a_long_sentence_is_cut_at_a_clause_mark_else_never_inside_a_latin_word_or_number():
    from zhnews.models.encoding import chunks
    text = "在接受日本东京电视台最有影响的经济节目WBS(World Business Satellite)采访时表示此协议有利于促进合作"
    pieces = [text[a:b] for a, b in chunks(text, 40)]
    assert "".join(pieces) == text
    assert pieces[1].startswith("Satellite")  # a hard cut at 40 characters would leave "atellite" to the next piece
    number = "据统计今年全市共接待游客达到了123456789人次同比增长了百分之二十以上"
    assert all(not (number[b - 1].isdigit() and number[b].isdigit()) for _, b in chunks(number, 15)[:-1])
    marked = "在接受日本东京电视台最有影响的经济节目采访时，WBS(World Business Satellite)的主持人表示此协议有利于合作"
    assert [marked[a:b] for a, b in chunks(marked, 40)][0].endswith("采访时，")  # a clause mark in the second half wins
