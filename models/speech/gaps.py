"""What jieba's tags allow between a speaker and a bare verb besides the words `vocab.ADVERBIAL_GAP_RE` lists: adverbs
and times of any spelling (外长利维４日愤然宣布辞职), never a negation, a future or a plan of before (张三从未表示,
马英九将明确宣布, 郑军原来承诺); and a gap read past a title after the name or an occasion's titles (`after_title`,
`titles_in_occasion`)."""
from __future__ import annotations

import re

from zhnews.models.speech.paragraph import Paragraph
from zhnews.models.speech.vocab import ADVERBIAL_GAP_RE, OCCASION_START_RE, OCCASION_TITLE_RE, QUOTED_MANNER


def adverbs_by_tag(para: Paragraph, a: int, gap: str) -> bool:
    """A gap before the verb at `a` of words jieba tags adverbs or times, which ADVERBIAL_GAP_RE does not list
    (外长利维４日愤然宣布辞职, 刘某在当天下午愤然宣布…), a date's digits and 在 among them; no negation, future
    or plan of before (张三从未表示, 将明确宣布, 原来承诺)."""
    lo = a - len(gap)
    if not 0 < len(gap) <= 8 or para.text[lo:a] != gap or lo not in para.bounds or _NEGATION_RE.search(gap):
        return False
    tagged, k = False, para.tok_index(lo)
    while k < len(para.toks) and para.toks[k][2] < a:
        word, tag, _, end = para.toks[k]
        if end > a:
            return False
        if tag[:1] in ("d", "t") or tag == "ad":
            tagged = True
        elif not (word.isdigit() or word in _DATE_WORDS or ADVERBIAL_GAP_RE.fullmatch(word)):
            return False
        k += 1
    return tagged


# a negation, words to come (马英九将明确宣布…) or a plan of before (郑军原来承诺给她的…); a year stays (克林顿总统
# １９９５年底宣布…: the corpus marks it, though not 米哈伊一世１９４７年底宣布退位, the story's background)
_NEGATION_RE = re.compile("[不没未无别非勿莫将要]|原来|本来|原本")
_DATE_WORDS = ("在", "日", "号", "年", "月")  # (not 于: 卡尔·蔡司于日前宣布…, a brand the tagger calls a person)


def after_title(gap: str, vocab: dict) -> str:
    """The gap without a title or an address form right after the name (王志刚部长|表示, 谢永丹先生|告诉)."""
    m = vocab["title_re"].match(gap) if vocab["title_re"] else None
    if m:
        return gap[m.end():]
    return next((gap[len(w):] for w in vocab["address"] if gap.startswith(w)), gap)


def titles_in_occasion(gap: str) -> str:
    """The gap with the 《titles》 of an occasion adverbial dropped (张三在接受《市民日报》采访时说):
    a publication named there is no sign that the words are someone else's."""
    gap = re.sub(f"{QUOTED_MANNER}(?=[地的])", "", gap)  # (朱佰伶“果断”地说: a manner in quotes, no one's words)
    return OCCASION_TITLE_RE.sub("", gap) if OCCASION_START_RE.match(gap) else gap
