"""Is a text Traditional Chinese? (models/text.py converts it to Simplified only then.)"""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _also_simplified() -> frozenset:
    """Characters t2s changes that are Simplified too (乾 of 萧乾 and 韩德乾, which t2s makes 干; 捱): s2t
    does not give them back. 268 of the 3,751."""
    try:
        from opencc import OpenCC

        t2s, s2t = OpenCC("t2s"), OpenCC("s2t")
        ranges = [(0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)]
        return frozenset(chr(c) for a, b in ranges for c in range(a, b)
                         if t2s.convert(chr(c)) != chr(c) and s2t.convert(t2s.convert(chr(c))) != chr(c))
    except Exception:
        return frozenset()


# A text is Traditional when at least this share of its Han characters (and two of them) are Traditional
# only: measured, the 800 THUCNews articles have at most 0.29% of characters t2s changes at all (乾 吒 捱),
# and the same articles written in Traditional (s2t) 15% or more. A Simplified text is left as written, so a
# name keeps its characters (韩德乾, not 韩德干).
TRADITIONAL_MIN_SHARE = 0.02


def is_traditional(text: str, trad_re: re.Pattern, han_re: re.Pattern) -> bool:
    """`text` is written in Traditional characters (`trad_re`: the characters t2s changes; `han_re`: one
    Han character)."""
    found = trad_re.findall(text)
    if len(found) < 2:
        return False  # most Simplified texts: no need to build the exclusion set (0.3 s, once)
    both = _also_simplified()
    return sum(c not in both for c in found) >= max(2, TRADITIONAL_MIN_SHARE * len(han_re.findall(text)))
