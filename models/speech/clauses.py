"""Character-level text helpers of the rules: quote pairs, the clause around a position, trimming a
statement span, brackets, and cutting a long sentence into pieces a name finder can take whole. They
know punctuation only, nothing of words or mentions."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from zhnews.models.speech.vocab import (
    CLAUSE_DELIM_RE,
    CLOSE_QUOTES,
    LEAD_STRIP,
    MAX_CLAUSE_CHARS,
    OPEN_QUOTES,
    PAREN_CLOSERS_RE,
    SENTENCE_FINAL,
    TRAIL_STRIP,
)
from zhnews.models.surnames import lost_character


def find_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Balanced “…” 「…」 pairs (outermost), plus ASCII "…" pairs, as (open, close) indices."""
    out: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    ascii_open: int | None = None
    for i in range(start, end):
        c = text[i]
        if c in OPEN_QUOTES:
            stack.append((OPEN_QUOTES[c], i))
        elif c in CLOSE_QUOTES:
            while stack and stack[-1][0] != c:
                stack.pop()  # an unclosed inner mark
            if stack:
                _, o = stack.pop()
                if not stack:
                    out.append((o, i))
        elif c == '"' and not stack:
            if ascii_open is None:
                ascii_open = i
            else:
                out.append((ascii_open, i))
                ascii_open = None
        elif c in "\n\r":
            stack.clear()
            ascii_open = None
    out.sort()
    return out


def strip_span(text: str, a: int, b: int, keep_final: bool = True) -> tuple[int, int]:
    """Trim leading punctuation/space and trailing space (and trailing commas); keep 。！？."""
    while a < b and text[a] in LEAD_STRIP:
        a += 1
    while b > a and text[b - 1] in TRAIL_STRIP:
        b -= 1
    if not keep_final:
        while b > a and text[b - 1] in SENTENCE_FINAL:
            b -= 1
    return a, b


def content_len(text: str, a: int, b: int) -> int:
    """Letters and digits in text[a:b]: what a statement or quote says, punctuation aside."""
    return sum(1 for c in text[a:b] if c.isalnum())


@lru_cache(maxsize=2)
def _delimiters(text: str) -> list[int]:
    """Positions of the clause delimiters of `text` (cached: the attribution asks for the clause
    around many positions of one text, and a scan per question is quadratic in a clause without
    punctuation, e.g. a 1,000,000-char run of text)."""
    # (a link's colon and dots end no clause: 黄百鸣(http://t.sina.com.cn/wongpakming)表示，…, as Sina's pages of
    # 2010-2011 print a star's microblog after the name)
    # (nor the commas of a short aside in brackets: 谢桂秀(女，46岁，广西灵山县人)报案称：…, the person's details)
    asides = [m.span() for m in _LINK_RE.finditer(text)] + [m.span() for m in _ASIDE_RE.finditer(text)]
    return [m.start() for m in CLAUSE_DELIM_RE.finditer(text) if not lost_character(text, m.start())
            and not any(a <= m.start() < b for a, b in asides)]


_LINK_RE = re.compile(r"(?:https?://|www\.)[A-Za-z0-9./_%?=&#~+-]+")
_ASIDE_RE = re.compile(r"[（(][^（()）\n。！？；;：:]{1,40}[)）]")


def clause_start(text: str, lo: int, pos: int) -> int:
    """Start of the clause holding `pos`: just after the last delimiter before it, at least `lo`,
    and at most `MAX_CLAUSE_CHARS` before `pos`."""
    if pos <= lo:
        return pos
    delims = _delimiters(text)
    k = bisect_left(delims, pos) - 1
    return max(lo, delims[k] + 1 if k >= 0 else lo, pos - MAX_CLAUSE_CHARS)


def clause_end(text: str, pos: int, hi: int) -> int:
    """The first delimiter at or after `pos` (before `hi`), else `hi`; at most `MAX_CLAUSE_CHARS`
    after `pos`."""
    if pos >= hi:
        return pos
    delims = _delimiters(text)
    k = bisect_left(delims, pos)
    return min(hi, delims[k] if k < len(delims) else hi, pos + MAX_CLAUSE_CHARS)


def closes_paren(s: str) -> bool:
    """`s` closes a bracket it did not open: what precedes it sits inside （…）."""
    if not PAREN_CLOSERS_RE.search(s):
        return False
    depth = 0
    for c in s:
        if c in "（(【[":
            depth += 1
        elif c in "）)】]":
            if depth == 0:
                return True
            depth -= 1
    return False


def drop_parens(s: str) -> str:
    """`s` without short bracketed asides: （记者 张三） between a subject and its verb says nothing."""
    return re.sub(r"[（(][^（）()]{0,40}[）)]", "", s)


def in_book_title(text: str, a: int, b: int) -> bool:
    """text[a:b] lies inside 《…》 (a title of a book, film or paper), at most 30 characters either side."""
    left = text.rfind("《", max(0, a - 30), a)
    return left >= 0 and "》" not in text[left:a] and "》" in text[b:b + 30] and "《" not in text[b:text.find("》", b)]
