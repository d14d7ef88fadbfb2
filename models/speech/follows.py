"""What follows a reporting verb (punctuation, a quote, the sentence's end, 了, the words themselves) and the
short addressee a verb may have before its punctuation (告诉记者，…)."""
from __future__ import annotations

import re

from zhnews.models.speech.clauses import clause_end
from zhnews.models.speech.paragraph import Paragraph
from zhnews.models.speech.vocab import ANSWER_VERBS, CLOSE_QUOTES, NOT_SAYING_BEFORE_SHUO, OPEN_QUOTES, SENTENCE_FINAL


# words opening with 过 that may open what was said (博塔宣称过去的…), not the aspect of the verb (宣称过)
GUO_WORDS = ("过去", "过于", "过多", "过度", "过高", "过低", "过快", "过热", "过剩", "过程")


def what_follows(para: Paragraph, b: int) -> str | None:
    """What follows a verb: punct (，：), quote (“), end (。 or paragraph end), le (了), bare."""
    text, hi = para.text, para.span.end
    j = b
    while j < hi and text[j] in "道称说着":
        j += 1
    while j < hi and text[j] in " \t\u3000":
        j += 1
    if j >= hi:
        return "end"
    c = text[j]
    if c in "，,：:；;":  # (周忻表示；“…”: a semicolon for a comma)
        return "punct"
    if c in OPEN_QUOTES or c == '"':
        return "quote"
    if c in SENTENCE_FINAL or c in CLOSE_QUOTES:
        return "end"
    if c == "了" and j + 1 < hi and text[j + 1] in "，,：:":
        return "punct"  # 蔡明大姐说了，…: the aspect, then the words
    if c == "了":
        return "le"
    if c == "到" and j + 1 < hi and text[j + 1] in "，,：:":
        return "punct"  # 介绍到，… / 说到：…: 道 miswritten
    if c == "到" and j + 1 < hi and text[j + 1] in OPEN_QUOTES:
        return "quote"
    if c == "过" and j + 1 < hi and text[j + 1] in "，,：:":
        return "punct"  # 吴洪坚曾经说过，…
    if c == "过" and j + 1 < hi and (text[j + 1] in OPEN_QUOTES or text[j + 1] == '"'):
        return "quote"  # 李列林曾说过“要借鉴…”
    if c == "过" and text[j:j + 2] in GUO_WORDS:
        return "bare"  # 博塔宣称过去的种族隔离是…: a word of the words, not 宣称过 (have claimed)
    if c == "过" and (j + 1 >= hi or text[j + 1] in SENTENCE_FINAL or text[j + 1] in "的地得了"):
        return None  # 表示过。/ 说过的话: no words follow
    if c in "的地得":
        return None  # 说的话
    return "bare"


def addressed_colon(para: Paragraph, b: int) -> bool:
    """After the verb at b: a short addressee (我们, 记者) and a colon."""
    k = clause_end(para.text, b, para.span.end)
    return para.text[k:k + 1] in ("：", ":") and skip_addressee(para, b, para.span.end)[1] != "bare"


# verbs whose words are a clause (称压力很大，已注销… / 否认自己有罪，并… / 透露上台一刻，…): a short clause after them
# before a comma is the first of what was said, not whom it was said to (告诉记者，… / 提醒消费者，…), nor what was
# praised (积极评价中马关系，认为…) or a topic (谈到…问题时，…)
CLAUSE_VERBS = tuple("表示 认为 指出 强调 称 说 透露 坦言 直言 坦承 坦陈 承认 否认 声称 宣称 相信 觉得 估计 预计 笑称 戏称 辩称 "
                     "坚称 扬言 自称 表明 证实 披露 爆料 暗示 解释 补充 说道 直说 指".split())


# whom a verb of telling names before the words: the reporter or the writer (告诉笔者他于… / 告诉《法制日报》记者，…)
_TELLING_VERBS = frozenset("告诉 告知 透露给".split())
_TOLD_REPORTER_RE = re.compile(r"(?:本报|本刊|《[^》\n]{1,10}》)?记者|笔者")


def skip_addressee(para: Paragraph, j: int, end: int, verb: str | None = None) -> tuple[int, str]:
    """告诉记者，… / 提醒公众：“…”: step over a short addressee before the punctuation. `verb`: the cue's verb, when
    known; after one of `CLAUSE_VERBS` a short clause before a comma stays in the words, which then read as after
    a comma (a continuation may follow), and only a short object before a colon is stepped over (指出两点：…)."""
    text = para.text
    k = clause_end(text, j, end)
    reporter = _TOLD_REPORTER_RE.match(text, j, k) if verb in _TELLING_VERBS else None
    if reporter and reporter.end() < k and text[reporter.end()] not in "们和与及、":
        return reporter.end(), "bare"  # 告诉笔者他于去年…: the reporter told, then the words with no comma
    # at most 8 characters, or a reporter of a named outlet (告诉中国质量万里行记者： / 告诉《法制日报》记者，)
    if k >= end or k - j > (14 if text.endswith("记者", j, k) else 8) or text[k] not in "，,：:" \
            or not (nominal(para, j, k) or text[j:k] in ("我们", "大家", "他", "她", "他们", "我")  # (回答我们：)
                    or _TOLD_REPORTER_RE.fullmatch(text, j, k)
                    or text[k] in "：:" and not para.quote_at.get(j)):  # 鼓励广大播音主持人员：要…
        return j, "bare"
    if verb is not None and text[k] in "，," and verb.endswith(CLAUSE_VERBS):
        return j, "punct_skipped"
    k += 1
    while k < end and text[k] in " \t\u3000":
        k += 1
    return k, ("quote" if k < end and (text[k] in OPEN_QUOTES or text[k] == '"') else "punct_skipped")


def nominal(para: Paragraph, a: int, b: int) -> bool:
    """A short noun phrase (会议, 通知, 有关部门): an organisational subject of a cue."""
    seg = para.text[a:b].strip()
    if not seg or len(seg) > 15:
        return False
    i = para.tok_index(a)
    nouns = 0
    while i < len(para.toks) and para.toks[i][2] < b:
        word, flag, s, e = para.toks[i]
        if word.strip() and not (flag[:1] in ("n", "j", "r", "b", "m", "q", "a")
                                 or flag in ("vn", "f", "nt", "ns", "nz")
                                 or word in ("、", "据", "也", "还", "则", "均", "都", "亦", "同时", "此前",
                                             "随后", "进一步", "再次", "对此", "就此", "此外")):
            return False
        if flag[:1] in ("n", "j") or flag in ("vn", "nt", "ns", "nz"):
            nouns += 1
        i += 1
    return nouns > 0


_NOTICES = ("温馨", "特别", "风险", "系统", "核心", "重要", "友情", "安全")
# a quoted topic that a time word makes an occasion (回应“套餐内流量到月底清零”等问题时称：…): what the verb names is
# asked about, and the words come after the next verb
_TOPIC_THEN_TIME_RE = re.compile(r"(?:等|的)?(?:问题|提问|质疑|话题|说法|传闻|报道)?(?:时|之时|的时候)")


def says_nothing(para: Paragraph, a: int, b: int, verb: str) -> bool:
    """The verb at text[a:b] reports no words here: an idiom of the narrator's, a heading, a topic."""
    text, lo = para.text, para.span.start
    if verb == "说" and (text[max(lo, a - 3):a].endswith(NOT_SAYING_BEFORE_SHUO)  # 现在还不好说，… / 换句话说
                        or text.startswith("到", b) and text[b + 1:b + 2] not in "：:，,“"  # 由唐高祖说|到唐玄宗: a range
                        or re.match(r"(.)[就便]\1", text[b:b + 3])):  # 说做就做 (说走就走, 说干就干): the idiom
        return True
    if re.match(r"[，,]\s*(?:一边|一面)", text[b:b + 4]):
        return True  # 塔吉耶夫一边介绍，一边顺手操起…: what he does meanwhile, not what he says
    if verb == "提示" and text[max(lo, a - 2):a] in _NOTICES or verb == "题词" and text[b:b + 1] not in "：:“":
        return True  # 温馨提示：…, a notice's heading; 为…题词，对…是一个巨大鼓舞: the inscription's words are not given
    q = para.quote_at.get(b)  # (回应“…”等问题时称：“…”: the quote is the topic, the words follow 称)
    return bool(q and _TOPIC_THEN_TIME_RE.match(text, q[1] + 1) and verb in ANSWER_VERBS)
