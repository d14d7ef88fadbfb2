"""Text normalisation with an exact map back to the input, and sentence / paragraph splitting.

Everything downstream runs on `Normalised.text`; every offset it produces is mapped back with
`Normalised.to_original`, so the contract "offsets are indices into the input exactly as given"
(models/schema.py) holds even for HTML or Traditional Chinese input. Characters are never
rewritten for cosmetic reasons (full-width ASCII stays full-width): each rewrite costs offset
bookkeeping, so only the ones that change meaning or break code are done (and a scraper's link labels
inside sentences are read out: models/link_labels.py).
"""
from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

from zhnews.models.link_labels import drop_link_labels
from zhnews.models.schema import Span
from zhnews.models.surnames import lost_character
from zhnews.models.traditional import is_traditional

# ---------------------------------------------------------------- sentence splitting constants

# End a sentence wherever they stand: full-width marks are never part of numbers or URLs.
STRONG_TERMINATORS = "。！？；…｡"
# End a sentence only when followed by space, end of text, a closer or a non-ASCII char
# (so "3.5", "www.xinhua.net", "index.php?id=1" stay whole). '．' is the full-width period,
# which Chinese text also uses as a decimal point ("3．5"), hence the same treatment as '.'.
WEAK_TERMINATORS = ".!?;．"
TERMINATORS = STRONG_TERMINATORS + WEAK_TERMINATORS
# Closing quotes/brackets that belong to the sentence they follow: 。” ）」 ...
CLOSERS = "”’」』）)】》〉］]〕﹂﹄"
# ASCII quotes are both openers and closers; after a terminator they close only when what
# follows is not the start of a word (他说。"我们走吧" opens a new quote).
ASCII_QUOTES = "\"'"
# Quotes kept whole (several sentences inside one quote stay one sentence) when short.
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "﹁": "﹂", "‘": "’", '"': '"'}
QUOTE_KEEP_MAX = 150
# A title in book-title marks is never cut, whatever it holds (《南京！南京！》, 《爸爸去哪儿？》), and never ends
# the sentence it names (…观众支持《南京！南京！》，而… is one sentence): a title is a name, not a clause.
TITLE_PAIRS = {"《": "》", "〈": "〉"}
TITLE_KEEP_MAX = 60
# Everything str.splitlines() treats as a line break, so un-normalised text splits the same.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Invisible characters trimmed from span edges like whitespace.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Lower-cased words before '.' that do not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc inc ltd co corp no fig vol jan feb mar apr jun jul aug "
    "sep sept oct nov dec e.g i.e u.s u.k u.n a.m p.m ph.d approx est dept gen gov".split())
LIST_NUMBER_MAX = 3  # "1. 标题" / "12. xx": a short number before '.' at sentence start

_INTEREST_RE = re.compile("[" + re.escape(TERMINATORS + LINE_BREAKS + "".join(QUOTE_PAIRS) + "".join(TITLE_PAIRS)) + "]")
_LINE_BREAK_RE = re.compile("[" + re.escape(LINE_BREAKS) + "]")

# ---------------------------------------------------------------- normalisation constants

# Content of these elements is never text a reader sees.
DROP_CONTENT_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "svg"})
# Tags that start a new line in a browser; they become "\n" so paragraphs survive.
BLOCK_TAGS = frozenset(
    "p br div li ul ol h1 h2 h3 h4 h5 h6 tr table thead tbody tfoot section article header footer "
    "nav aside blockquote pre hr dd dt dl title figure figcaption form option caption address "
    "main center".split())
CELL_TAGS = frozenset({"td", "th"})  # table cells: a space keeps words apart
# Known tags in a well-formed shape; text is HTML when it has a strong one or two of any.
_HTML_HINT_RE = re.compile(
    r"<!doctype|<!--|</?(html|head|body|p|div|br|span|a|script|style|li|ul|ol|h[1-6]|table|tr|td"
    r"|img|meta|strong|em|b|i|section|article|font|center)\b[^<>]*>", re.I)
_STRONG_HTML = frozenset({"html", "body", "p", "div", "br", "script", "style"})
_SPECIAL_RE = re.compile(r"[<&\s]")
# '[^<>]*' stops at the next '<', so a run of unclosed '<' cannot make matching quadratic.
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>|<[!?/][^<>]*>")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_WS_RUN_RE = re.compile(r"\s+")

# Control chars (except \t \n) and lone surrogates become a space, line-break controls "\n":
# one char for one char, so the map needs no change. Surrogates break encoders downstream.
_SANITISE = {c: " " for c in [*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0xD800, 0xE000)]}
_SANITISE.update({c: "\n" for c in map(ord, LINE_BREAKS)})
_SANITISE.update({ord("\t"): "\t", ord("\n"): "\n"})
_SANITISE = str.maketrans(_SANITISE)

# Share of Chinese: Han ideographs (unified, ext. A, compatibility, ext. B+) against Han chars
# plus runs of other letters (\w minus digits, '_' and Han). A Han char counts about as much
# as a word, so a Latin word counts once, not once per letter: "会议 with a few words" is Chinese.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE = re.compile("[%s]" % _HAN)
_OTHER_WORD_RE = re.compile(r"[^\W\d_%s]+" % _HAN)
MOSTLY_NON_CHINESE_BELOW = 0.5

# OpenCC's pure-Python matcher is quadratic in a run without separators, so it only ever sees
# short word runs, and only those holding a character that t2s changes.
T2S_CHUNK = 32
_WORD_RUN_RE = re.compile(r"[^\W_]{1,%d}" % T2S_CHUNK)


@dataclass(frozen=True)
class Normalised:
    """`text` plus, for every char of it, the [start, end) range of `raw` it came from."""

    raw: str = field(repr=False)
    text: str
    starts: array = field(repr=False)  # starts[k]: first index in raw of text[k]
    ends: array = field(repr=False)  # ends[k]: one past the last index in raw of text[k]
    is_html: bool = False
    converted: bool = False  # Traditional -> Simplified changed at least one char
    cjk_ratio: float = 0.0  # Han chars / (Han chars + other words); 0.0 without letters
    letters: int = 0  # the denominator: Han chars + runs of other letters

    @property
    def mostly_non_chinese(self) -> bool:
        return self.letters > 0 and self.cjk_ratio < MOSTLY_NON_CHINESE_BELOW

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map `text[start:end]` to `(ostart, oend)` with `raw[ostart:oend]` its source."""
        n = len(self.text)
        start = min(max(start, 0), n)
        end = min(max(end, start), n)
        if start == end:  # empty span: the position where text[start] came from
            pos = self.starts[start] if start < n else len(self.raw)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def span(self, start: int, end: int) -> Span:
        """The raw-input Span for `text[start:end]`."""
        ostart, oend = self.to_original(start, end)
        return Span(self.raw[ostart:oend], ostart, oend)


class _Builder:
    """Accumulates output text and its per-char source ranges."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts = array("q")
        self.ends = array("q")
        self.last = "\n"  # last char emitted; "\n" at the start so leading space is dropped

    def copy(self, src: str, a: int, b: int, at: int | None = None) -> None:
        """Emit src[a:b] verbatim; it sits at index `at` (default a) of the mapped source."""
        if b <= a:
            return
        off = a if at is None else at
        self.parts.append(src[a:b])
        self.starts.extend(range(off, off + b - a))
        self.ends.extend(range(off + 1, off + b - a + 1))
        self.last = src[b - 1]

    def block(self, s: str, a: int, b: int) -> None:
        """Emit s as a replacement of source [a, b); chars map proportionally inside it."""
        m, n = len(s), b - a
        if not m:
            return
        self.parts.append(s)
        for k in range(m):
            lo = a + k * n // m
            self.starts.append(lo)
            self.ends.append(max(a + (k + 1) * n // m, lo + 1))
        self.last = s[-1]

    def text(self) -> str:
        return "".join(self.parts)


def looks_like_html(raw: str) -> bool:
    hits = 0
    for m in _HTML_HINT_RE.finditer(raw):
        hits += 1
        name = (m.group(1) or "").lower()
        if hits >= 2 or name in _STRONG_HTML or m.group().lower() == "<!doctype":
            return True
    return False


def _strip_html(raw: str) -> _Builder:
    """Tags out, entities decoded, whitespace runs collapsed, block tags -> "\n"."""
    out, n, pos = _Builder(), len(raw), 0
    while pos < n:
        m = _SPECIAL_RE.search(raw, pos)
        if m is None:
            out.copy(raw, pos, n)
            break
        i = m.start()
        out.copy(raw, pos, i)
        c = raw[i]
        if c.isspace():  # HTML whitespace is layout: one space, none after a line break
            j = _WS_RUN_RE.match(raw, i).end()
            if out.last not in " \n":
                out.block(" ", i, j)
            pos = j
        elif c == "&":
            e = _ENTITY_RE.match(raw, i)
            if e is None:
                out.copy(raw, i, i + 1)
                pos = i + 1
            else:
                out.block(html.unescape(e.group()), i, e.end())
                pos = e.end()
        elif raw.startswith("<!--", i):
            j = raw.find("-->", i + 4)
            pos = n if j < 0 else j + 3
        else:
            t = _TAG_RE.match(raw, i)
            if t is None:  # a lone '<' is text
                out.copy(raw, i, i + 1)
                pos = i + 1
                continue
            pos = t.end()
            name = (t.group(2) or "").lower()
            if name in DROP_CONTENT_TAGS and not t.group(1) and not t.group().endswith("/>"):
                close = re.compile(r"</%s\s*>" % re.escape(name), re.I).search(raw, pos)
                pos = n if close is None else close.end()
            elif name in BLOCK_TAGS and out.last != "\n":
                out.block("\n", i, t.end())
            elif name in CELL_TAGS and out.last not in " \n":
                out.block(" ", i, t.end())
    return out


@lru_cache(maxsize=1)
def _t2s():
    """(converter, regex of chars t2s changes), or None when OpenCC is unavailable."""
    try:
        from opencc import OpenCC

        cc = OpenCC("t2s")
        ranges = [(0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)]
        trad = [chr(c) for a, b in ranges for c in range(a, b) if cc.convert(chr(c)) != chr(c)]
    except Exception:  # a missing or broken converter must not stop the analysis
        return None
    return cc, re.compile("[" + re.escape("".join(trad)) + "]")


def _to_simplified(text: str, starts: array, ends: array) -> tuple[str, array, array, bool]:
    """Convert word runs holding Traditional chars; same-length chunks keep the map 1:1,
    others map by block so every span stays inside the original."""
    tools = _t2s()
    if tools is None or not is_traditional(text, tools[1], _HAN_RE):
        return text, starts, ends, False
    cc, trad_re = tools
    out, pos, changed = _Builder(), 0, False
    for m in _WORD_RUN_RE.finditer(text):
        if not trad_re.search(m.group()):
            continue
        try:
            conv = cc.convert(m.group())
        except Exception:
            continue
        if conv != m.group():
            out.copy(text, pos, m.start())
            if len(conv) == len(m.group()):
                out.copy(conv, 0, len(conv), at=m.start())
            else:
                out.block(conv, m.start(), m.end())
            pos, changed = m.end(), True
    if not changed:
        return text, starts, ends, False
    out.copy(text, pos, len(text))
    # compose: out maps into `text`, which maps into raw
    new_starts = array("q", (starts[k] for k in out.starts))
    new_ends = array("q", (ends[k - 1] for k in out.ends))
    return out.text(), new_starts, new_ends, True


def normalise(raw: str, *, to_simplified: bool = True) -> Normalised:
    """Clean `raw` for analysis: HTML -> text, control chars -> space, link labels out, Traditional -> Simplified.

    Linear time; never raises on a str. Offsets of `.text` map back with `.to_original`.
    """
    is_html = looks_like_html(raw)
    if is_html:
        built = _strip_html(raw)
        text, starts, ends = built.text(), built.starts, built.ends
    else:
        text = raw
        starts, ends = array("q", range(len(raw))), array("q", range(1, len(raw) + 1))
    # "\r\n" -> " \n" first so a CRLF file does not get blank lines between all its lines
    text = text.replace("\r\n", " \n").translate(_SANITISE)
    text, starts, ends = drop_link_labels(text, starts, ends)
    converted = False
    if to_simplified:
        text, starts, ends, converted = _to_simplified(text, starts, ends)
    han = _HAN_RE.subn("", text)[1]
    letters = han + _OTHER_WORD_RE.subn("", text)[1]
    return Normalised(raw, text, starts, ends, is_html, converted,
                      han / letters if letters else 0.0, letters)


# ---------------------------------------------------------------- splitting

def _bounds(text: str, start: int, end: int | None) -> tuple[int, int]:
    n = len(text)
    start = min(max(start or 0, 0), n)
    end = n if end is None else min(max(end, start), n)
    return start, end


def _blank(ch: str) -> bool:
    return ch.isspace() or ch in ZERO_WIDTH


def _add(out: list[Span], text: str, a: int, b: int) -> None:
    """Append text[a:b] trimmed of whitespace, unless nothing is left."""
    while a < b and _blank(text[a]):
        a += 1
    while b > a and _blank(text[b - 1]):
        b -= 1
    if a < b:
        out.append(Span(text[a:b], a, b))


def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


# a reporting verb before a semicolon typed for a colon (周忻表示；“我们很高兴…”): the quote is the verb's, no new sentence
_VERB_BEFORE_QUOTE = ("表示", "说", "称", "指出", "强调", "认为", "介绍", "透露", "坦言", "说道")


def _ends_sentence(text: str, i: int, end: int, seg: int) -> bool:
    c = text[i]
    if c in "；;" and text[i + 1:i + 2] in ("“", "「") and text.endswith(_VERB_BEFORE_QUOTE, seg, i):
        return False
    if c in STRONG_TERMINATORS:
        return True
    nxt = text[i + 1] if i + 1 < end else ""
    if c == "?" and lost_character(text, i):
        return False
    if nxt and not (nxt.isspace() or nxt in CLOSERS or nxt in ASCII_QUOTES
                    or nxt in TERMINATORS or ord(nxt) > 127):
        return False  # 3.5, www.a.cn, ?id=1, Yahoo!com
    if c in ".．":
        if nxt.isdigit() and i > seg and text[i - 1].isdigit():
            return False  # decimal point, also full-width: ３．５
        j = i
        while j > seg and (text[j - 1].isascii() and (text[j - 1].isalpha() or text[j - 1] == ".")):
            j -= 1
        word = text[j:i].lower()
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False  # Mr. Smith, U.S. policy, J. K. Rowling
        k = i
        while k > seg and text[k - 1].isdigit():
            k -= 1
        if 0 < i - k <= LIST_NUMBER_MAX:
            while k > seg and _blank(text[k - 1]):
                k -= 1
            if k == seg:
                return False  # list number "1. " at the start of a sentence
    return True


def _absorb(text: str, j: int, end: int) -> int:
    """Move past further terminators and closers: 。” ？！ …… ."""
    while j < end:
        c = text[j]
        if c in TERMINATORS or c in CLOSERS:
            j += 1
        elif c in ASCII_QUOTES and (j + 1 >= end or not text[j + 1].isalnum()):
            j += 1
        else:
            break
    return j


def _closing(text: str, i: int, end: int, pairs: dict[str, str], keep_max: int) -> int | None:
    """Index of the mark closing the quote or title text[i] opens (`pairs`: QUOTE_PAIRS or TITLE_PAIRS) if what
    it holds is short and on one line."""
    j = text.find(pairs[text[i]], i + 1, min(end, i + 2 + keep_max))
    if j < 0 or _LINE_BREAK_RE.search(text, i + 1, j):
        return None
    return j


# Datelines open a news body: 新华社北京6月16日电（记者 张晓松）, 中新社北京六月十七日电, 本报讯(记者胡笑红),
# 晚报讯, 环球网讯. Scraped and flattened pages glue them to the headline and byline before them
# (…返还给社会吴鹏 李静睿本报讯 (记者吴鹏 李静睿)国土资源部…), which then ran into the first sentence.
AGENCIES = ("新华社", "新华网", "中新社", "中新网", "中国新闻网", "人民网", "央视网", "央广网", "环球网", "光明网",
            "中国网", "国际在线", "法制网", "千龙网", "东方网", "大洋网", "北方网", "荆楚网", "华龙网", "新浪网",
            "本报")
NEWSPAPER_SUFFIXES = ("晚报", "晨报", "日报", "时报", "商报", "新报", "晶报", "快报", "早报", "周报", "导报", "青年报")
_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATE_WIRE_RE = re.compile(_NUM + "月" + _NUM + "日电")
# 讯 only after a paper or site name and before a space, a bracket or 记者 (前来报讯， is no dateline)
_XUN_RE = re.compile("(?:%s)讯(?=[\\s（(【\\[]|记者|据)" % "|".join(map(re.escape, sorted(
    {*AGENCIES, *NEWSPAPER_SUFFIXES}, key=len, reverse=True))))
# a portal's channel: 新浪体育讯北京时间4月20日消息，… / 腾讯娱乐讯 (the portal and its channel say it all)
PORTAL_CHANNELS = ("体育", "娱乐", "财经", "科技", "汽车", "游戏", "教育", "新闻", "军事", "房产", "时尚", "女性", "健康",
                   "文化", "旅游", "读书", "家居", "数码", "国际", "社会", "网")
# a site's dateline, its name run into the headline before it (…副总经理全景网3月6日讯 中银基金周五公布…, 台海网7月20日讯,
# 红网9月24日讯): every 网 + date + 讯 of THUCNews and LCSTS is one (a paper's 本报北京１月４日讯 keeps its own handling)
_SITE_XUN_RE = re.compile(r"[\u4e00-\u9fff]{1,2}网[0-9]{1,2}月[0-9]{1,2}日讯")
_PORTAL_XUN_RE = re.compile("(?:新浪|搜狐|腾讯|网易|凤凰)(?:%s)?讯(?![息号])" % "|".join(PORTAL_CHANNELS))
_REPORTER_RE = re.compile(r"\s*[（(【\[][^（）()【】\[\]\n]{0,40}[）)】\]]")
_AGENCY_RE = re.compile("|".join(map(re.escape, AGENCIES)))
DATELINE_PLACE_MAX = 12  # 新华网斯德哥尔摩2月26日电: agency + place before the date


def dateline_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each dateline in text[start:end], with the (记者 …) bracket after it."""
    start, end = _bounds(text, start, end)
    spans = []
    for m in _DATE_WIRE_RE.finditer(text, start, end):
        a = m.start()
        agency = list(_AGENCY_RE.finditer(text, max(start, a - DATELINE_PLACE_MAX), a))
        if agency and not _LINE_BREAK_RE.search(text, agency[-1].start(), a):
            a = agency[-1].start()
        spans.append((a, m.end()))
    spans += [m.span() for m in _XUN_RE.finditer(text, start, end)]
    spans += [m.span() for m in _PORTAL_XUN_RE.finditer(text, start, end)]
    spans += [m.span() for m in _SITE_XUN_RE.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        reporter = _REPORTER_RE.match(text, b, end)
        b = reporter.end() if reporter else b
        if out and a < out[-1][1]:
            continue
        out.append((a, b))
    return out


DATELINE_LOOK = 3  # a dateline among the first sentences ends the headline and byline glued before it


def headline_sentences(sentences: list[str]) -> int:
    """How many of the first `sentences` are a flattened page's headline, byline and dateline
    (…双圆满(图) | 新浪体育讯 | 北京时间4月20日消息，小牛…): those up to a sentence that is a dateline
    and nothing else, among the first DATELINE_LOOK; 0 when there is none (or nothing after it)."""
    for k in range(min(DATELINE_LOOK, len(sentences) - 1) - 1, -1, -1):
        s = sentences[k].strip()
        spans = dateline_spans(s)
        if spans and spans[0][0] == 0 and spans[-1][1] >= len(s.rstrip("。！？!?…；;，, \t\u3000")):
            return k + 1
    return 0


def split_sentences(text: str, start: int = 0, end: int | None = None, *, whole_titles: bool = True) -> list[Span]:
    """Sentences of text[start:end] as Spans into `text`, trimmed, empty ones dropped. A dateline
    (新华社北京6月16日电（记者 张晓松）, 本报讯) is a sentence of its own and ends the one before it. `whole_titles`
    False: a terminator inside 《…》 ends a sentence, as before session 52 (the training rows' cut)."""
    start, end = _bounds(text, start, end)
    out: list[Span] = []
    for a, b in dateline_spans(text, start, end):
        out += _split_plain(text, start, a, whole_titles)
        _add(out, text, a, b)
        start = b
    return out + _split_plain(text, start, end, whole_titles)


def _split_plain(text: str, start: int, end: int, whole_titles: bool = True) -> list[Span]:
    out: list[Span] = []
    seg = i = start
    while True:
        m = _INTEREST_RE.search(text, i, end)
        if m is None:
            break
        i = m.start()
        c = text[i]
        if c in LINE_BREAKS:
            _add(out, text, seg, i)
            seg = i = i + 1
        elif c in TITLE_PAIRS and whole_titles and (j := _closing(text, i, end, TITLE_PAIRS, TITLE_KEEP_MAX)) \
                is not None and c not in text[i + 1:j]:  # (a title opening another before it closes: no title)
            i = j + 1
        elif c in QUOTE_PAIRS and (j := _closing(text, i, end, QUOTE_PAIRS, QUOTE_KEEP_MAX)) is not None:
            i = j + 1  # a short quote is one unit; it ends the sentence if it ends with 。
            if j > 0 and text[j - 1] in TERMINATORS:
                i = _absorb(text, i, end)
                _add(out, text, seg, i)
                seg = i
        elif c in TERMINATORS and _ends_sentence(text, i, end, seg):
            i = _absorb(text, i + 1, end)
            _add(out, text, seg, i)
            seg = i
        else:
            i += 1
    _add(out, text, seg, end)
    return out


def split_paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Lines of text[start:end] as Spans into `text`, trimmed, blank lines dropped."""
    start, end = _bounds(text, start, end)
    out: list[Span] = []
    seg = start
    for m in _LINE_BREAK_RE.finditer(text, start, end):
        _add(out, text, seg, m.start())
        seg = m.end()
    _add(out, text, seg, end)
    return out
