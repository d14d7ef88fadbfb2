"""Split a scraped news page into title, article body and page furniture.

Works line by line on the text as given (offsets are indices into it). Each line is classified
by pattern: meta lines (标签/编辑/来源 ...), share/print tools, copyright, bare dates,
breadcrumb navigation, and a "related articles" heading after which the rest of the page is a
list of other headlines. What is left is the article; its first line is the title when it
looks like a headline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhnews.models.schema import PageMeta, Span
from zhnews.models.text import DATELINE_LOOK, headline_sentences, split_paragraphs

TITLE_MAX_CHARS = 60
META_LINE_MAX = 80  # 来源/作者/编辑 lines are short; longer lines are prose that mentions them
EDITOR_MAX_CHARS = 20
COPYRIGHT_LINE_MAX = 200
RELATED_TITLE_MAX = 60  # longer items in a related list are teasers, not headlines
NAV_ITEM_MAX = 10

# A headline has none of these at its end; a sentence ends with one.
SENTENCE_FINAL = "。！？!?；;…"
# A meta/tag line containing one of these is prose that happens to start with a label
# ("记者：您怎么看？" in an interview). Semicolons are missing: they separate tags.
PROSE_MARKS = "。！？!?…"

# Leading list bullets ("- 标签", "· 编辑", "• ...") and numbering in related lists ("1. ", "2、").
_BULLET_RE = re.compile(r"^(?:[-–—·•・*●○■□◆◇▪►▶]+\s*)+")
_NUMBER_RE = re.compile(r"^\d{1,2}\s*[.、)）]\s*")
# Brackets around a whole line: （责任编辑：张三） 【来源：新华网】 [编辑:刘卓]
_WRAPPED_RE = re.compile(r"^[\[【（(〔]([^\[\]【】（）()〔〕]*)[\]】）)〕]$")
# Label and value are separated by a colon or comma, full or half width, or by spaces.
_SEP = r"\s*[:：,，]\s*|\s+"

_TAGS_RE = re.compile(r"^(?:标签|关键词|关键字|tags?|keywords?)(?:%s)(.*)$" % _SEP, re.I)
_TAG_SPLIT_RE = re.compile(r"[，,、;；|/\s]+")
_META_RE = re.compile(
    r"^(?:责任编辑|责编|编辑|来源|作者|记者|通讯员|摄影|图片来源|本文来源|文章来源|稿源|出处|原标题"
    r"|发布时间|发布日期|更新时间|时间|日期|source|author|editor)(?:%s)\S" % _SEP, re.I)
_EDITOR_RE = re.compile(
    r"(?:责任编辑|责编|编辑|editor)(?:%s)([^\s:：,，;；|/\]】)）]{1,%d})" % (_SEP, EDITOR_MAX_CHARS), re.I)
_RELATED_RE = re.compile(
    r"^(?:相关文章|相关新闻|相关阅读|相关报道|相关链接|相关推荐|延伸阅读|扩展阅读|热门推荐|推荐阅读"
    r"|猜你喜欢|更多|更多新闻|更多阅读|更多精彩|热点推荐|热门文章|热门新闻|精彩推荐|为您推荐|今日推荐"
    r"|大家都在看)\s*(?:[:：>»》]+\s*(.*))?$")
_TOOL_START_RE = re.compile(r"^(?:分享到|分享至|分享给|扫一扫|微信扫一扫|扫描二维码|字号[:：])")
_TOOL_ONLY_RE = re.compile(
    r"^(?:[\s|｜/【】\[\]（）()·•]*(?:打印本页|打印此文|打印|关闭窗口|关闭|返回顶部|回到顶部|返回首页"
    r"|收藏本文|收藏|我要纠错|纠错|举报|推荐给朋友|分享|字号|大|中|小))+[\s|｜/【】\[\]（）()·•]*$")
# A comment/correction link left at the end of the last text line (…占70%。 我要评论), with the source's name before it
# (…也需要50年。辽宁日报我要评论): furniture.
_TOOL_TAIL_RE = re.compile(r"(?<=[。！？!?”」)）])\s*(?:[\u4e00-\u9fff]{1,8}(?:报|网|社|刊|台)\s*)?"
                           r"[\[【]?(?:我要评论|发表评论|查看评论|网友评论|我要纠错)[\]】]?\s*$")
# A reporter's byline or the end mark closing the last sentence of a line (…随她的便。○新报记者 吴轶凡 实习生 景 雪 文 /
# …的治学态度。(记者：彭薇) / …苦苦寻找的吗？晶报记者 高志明 / …(华盛顿特派记者 沈洋 前方报道) / …相机中。(完)): furniture,
# not the last speaker's words (43 of the 754 development THUCNews articles end so). The names are runs of 2-5
# characters (spaces inside: 景 雪); what stands before 记者 holds no 对 / 向 / 告诉 (…对记者表示 is prose), and a verb
# after it is no name.
_BYLINE_NAME = (r"(?!说|表示|问|了解|获悉|采访|介绍|透露|看到|发现|注意|称|从|在|的|们)"
                r"[\u4e00-\u9fff](?:[ \u3000\xa0]?[\u4e00-\u9fff?]){1,4}")
_BYLINE_ROLES = (r"(?:(?![对向诉受跟和与让给被])[\u4e00-\u9fff]){0,7}?(?:记者|通讯员|实习生)[：:]?[ \u3000\xa0]*"
                 rf"{_BYLINE_NAME}(?:[ \u3000\xa0、，,]+{_BYLINE_NAME})*")
_BYLINE_CREDIT = rf"{_BYLINE_ROLES}(?:[ \u3000\xa0]*{_BYLINE_ROLES})*[ \u3000\xa0]*(?:/?文(?:并摄)?|摄|(?:前方)?报道)?"
_BYLINE_TAIL_RE = re.compile(rf"(?<=[。！？!?”」』…])[ \u3000\xa0]*(?:[○□■●◎◇◆]?{_BYLINE_CREDIT}"
                             rf"|[（(][ \u3000\xa0]*(?:{_BYLINE_CREDIT}|完)[ \u3000\xa0]*[)）])[ \u3000\xa0]*$")
_COPYRIGHT_RE = re.compile(r"版权所有|版权声明|copyright|©|\(c\)\s*\d{4}|ICP备|ICP证|网安备", re.I)
_REPRINT_RE = re.compile(r"转载|授权")
_REPRINT_WHO_RE = re.compile(r"本网|本站|本文|作者|来源")
REPRINT_LINE_MAX = 120
# A date and/or time at the start of a line: 2023-05-06 10:20, 2023年5月6日 星期六, 5月6日.
_DATE_RE = re.compile(
    r"^(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}\s*月\s*\d{1,2}\s*日)?"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*")
_NAV_START_RE = re.compile(r"^(?:当前位置|您的位置|你的位置|您现在的位置|所在位置|位置)\s*[:：]")
_NAV_SPLIT_RE = re.compile(r"\s*(?:>>|[>»＞›|｜→])\s*")
_NAV_HOME = frozenset({"首页", "主页", "网站首页", "home", "Home"})
_TRAILING_DATE_RE = re.compile(r"\s*[\[(（【]?\d{2,4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?[\])）】]?$")
_HAS_WORD_RE = re.compile(r"\w")
_TEASER_END = ("…", "...", "。。。")


@dataclass
class Page:
    title: Span | None = None
    body: list[Span] = field(default_factory=list)  # article paragraphs, indices into the text
    meta: PageMeta = field(default_factory=PageMeta)
    furniture: list[Span] = field(default_factory=list)  # every other non-blank line


def _core(line: str) -> str:
    """The line without bullets and without brackets wrapping all of it."""
    core = _BULLET_RE.sub("", line).strip()
    m = _WRAPPED_RE.match(core)
    return m.group(1).strip() if m else core


def _is_nav(core: str) -> bool:
    if _NAV_START_RE.match(core):
        return True
    if len(core) > 60 or any(c in core for c in SENTENCE_FINAL):
        return False
    items = _NAV_SPLIT_RE.split(core)
    if len(items) < 2:
        return False
    short = all(0 < len(it) <= NAV_ITEM_MAX for it in items)
    return short and (len(items) >= 3 or items[0] in _NAV_HOME)


def _classify(core: str) -> tuple[str, object]:
    """(kind, value) of a line; kind "text" is article text, every other kind is furniture."""
    if not _HAS_WORD_RE.search(core):
        return "symbols", None  # bare bullets, rules of dashes or stars
    prose = any(c in core for c in PROSE_MARKS)
    if (m := _TAGS_RE.match(core)) and not prose:
        tags = [t for t in _TAG_SPLIT_RE.split(m.group(1)) if t]
        return "tags", list(dict.fromkeys(tags))
    rest = core[_DATE_RE.match(core).end():]  # always matches, maybe empty
    if not rest:
        return "date", None
    if _META_RE.match(rest) and not prose and len(core) <= META_LINE_MAX:
        m = _EDITOR_RE.search(core)
        return "meta", m.group(1) if m else None
    if (m := _RELATED_RE.match(core)) and not prose:
        return "related", m.group(1)
    if len(core) <= 40 and (_TOOL_START_RE.match(core) or _TOOL_ONLY_RE.match(core)):
        return "tool", None
    if len(core) <= COPYRIGHT_LINE_MAX and _COPYRIGHT_RE.search(core):
        return "copyright", None
    if (len(core) <= REPRINT_LINE_MAX and _REPRINT_RE.search(core)
            and _REPRINT_WHO_RE.search(core) and ("禁止" in core or "不得" in core or "未经" in core)):
        return "copyright", None
    if _is_nav(core):
        return "nav", None
    return "text", None


def _headline(item: str) -> str | None:
    """The headline of a related-list item, or None for a teaser."""
    item = _NUMBER_RE.sub("", item)
    if len(item) > RELATED_TITLE_MAX + 30:  # also keeps the date regex below on short strings
        return None
    item = _TRAILING_DATE_RE.sub("", item).strip()
    if not item or len(item) > RELATED_TITLE_MAX or item.endswith(_TEASER_END) or "。" in item:
        return None
    return item


def _looks_like_title(line: str) -> bool:
    return len(line) <= TITLE_MAX_CHARS and line[-1] not in SENTENCE_FINAL and "。" not in line


def parse_page(text: str) -> Page:
    """Title, body paragraphs, meta (tags, editor, related headlines) and furniture of a page."""
    page = Page()
    text_lines: list[Span] = []
    in_related = False
    for line in split_paragraphs(text):
        core = _core(line.text)
        kind, value = _classify(core)
        if kind == "text" and not in_related:
            tails: list[Span] = []
            for tail_re in (_TOOL_TAIL_RE, _BYLINE_TAIL_RE):  # …。(记者 罗强) 我要评论: the link, then the byline
                if tail := tail_re.search(line.text):
                    cut = tail.start()
                    tails.insert(0, Span(line.text[cut:], line.start + cut, line.end))  # page order
                    line = Span(line.text[:cut], line.start, line.start + cut)
            page.furniture += tails
            text_lines.append(line)
            continue
        page.furniture.append(line)
        if kind == "tags":
            page.meta.tags.extend(t for t in value if t not in page.meta.tags)
        elif kind == "meta" and value and page.meta.editor is None:
            page.meta.editor = value
        elif kind == "related" and text_lines:  # a heading before any article text is a menu
            in_related = True
            if value and (headline := _headline(value)):
                page.meta.related.append(headline)
        elif kind == "text" and (headline := _headline(core)):
            page.meta.related.append(headline)
    if len(text_lines) > 1 and _looks_like_title(text_lines[0].text):
        page.title = text_lines.pop(0)
    page.body = text_lines  # furniture is already in page order
    return page


def title_run_into_body(page: Page, text: str, sentences: list[Span]) -> list[Span]:
    """A flattened page's headline glued onto its dateline (中国基金在瑞典再度受青睐 | 新华网斯德哥尔摩2月26日电(记者吴平) |
    瑞典的…): the sentences before the dateline become `page.title` when the page has none and they read as one (at
    most TITLE_MAX_CHARS, no 。); the first body paragraph then starts at the dateline. Returns the body's sentences.
    It titles 211 of the 754 annotated development THUCNews articles (tests/data/thucnews_headlines.jsonl), 200 of
    them with the annotated headline; the rest keep what precedes the dateline too (a source's or reporters' names,
    华奥星空 / 吴鹏 李静睿, or a link's text after a picture mark)."""
    if page.title is not None or not page.body or not sentences:
        return sentences
    first = page.body[0]
    # headline_sentences reads the first DATELINE_LOOK sentences and needs one after them: no more strings than that
    k = headline_sentences([s.text for s in sentences[:DATELINE_LOOK + 1] if s.end <= first.end])
    if k < 2:
        return sentences
    start, end, body_start = sentences[0].start, sentences[k - 2].end, sentences[k - 1].start
    if end - start > TITLE_MAX_CHARS or "。" in text[start:end]:
        return sentences
    page.title = Span(text[start:end], start, end)
    page.body[0] = Span(text[body_start:first.end], body_start, first.end)
    return sentences[k - 1:]


# a Weibo post's or a news app's headline in brackets opening the text: 【韩冰冰回应离婚传闻：我们很好】25日，演员…
_BRACKET_TITLE_RE = re.compile(r"[\s\u3000]*【([^【】\n。]{4,%d})】[\s\u3000]*" % TITLE_MAX_CHARS)


def bracketed_title(page: Page, text: str, sentences: list[Span]) -> list[Span]:
    """A headline in 【】 opening the first body paragraph, with the article after it on the same line, becomes
    `page.title` when the page has none: the body, and so the speech rules, start after it (韩冰冰回应…：我们很好 is
    the headline's words, no statement: 我们很好】25日 was one). Returns the body's sentences, the first cut there."""
    if page.title is not None or not page.body or not sentences:
        return sentences
    first = page.body[0]
    m = _BRACKET_TITLE_RE.match(text, first.start, first.end)
    if not m or m.end() >= first.end:
        return sentences
    page.title = Span(m.group(1), m.start(1), m.end(1))
    page.body[0] = Span(text[m.end():first.end], m.end(), first.end)
    kept = [s for s in sentences if s.end > m.end()]
    if kept and kept[0].start < m.end():
        kept[0] = Span(text[m.end():kept[0].end], m.end(), kept[0].end)
    return kept
