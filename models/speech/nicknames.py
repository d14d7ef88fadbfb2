"""Other forms of a name the text writes for the same person: the spelling without its spaces, a doubled character of
the given name (春春 for 李宇春), 小 / 阿 + a surname's first character, a Japanese family name or a given name alone
(`nickname_of`); the doubled character where the tagger tags nothing (`doubled_nickname`); a nickname in brackets
right after the name (徐熙媛(大S): `bracketed_aliases`)."""
from __future__ import annotations

import re

from zhnews.models.speech.names import LETTER_NICKNAME_RE, japanese_name, surname_of, word_info
from zhnews.models.speech.vocab import HAN_ONLY_RE, JAPANESE_SURNAMES, NAME_DOTS


def nickname_of(name: str, names: set[str], foreign: list[str]) -> str | None:
    """The one full name among `names` that `name` is another form of: the spelling with spaces
    (MARIAFACHAL for MARIA FACHAL), a doubled character of its given name (春春 for 李宇春), or 小 + the
    first character of a foreign surname (小斯 for 阿玛尔-斯塔德迈尔, among the dotted `foreign` names), or a
    surname's first character + 帅 (阿帅 for 阿德尔曼, a head coach), or a
    Japanese family name alone (桥本 for 桥本龙太郎), or the given name alone (志伟 for 曾志伟); None when no
    name or several fit."""
    if name in JAPANESE_SURNAMES:
        full = [f for f in names if f != name and f.startswith(name) and japanese_name(f)]
        return full[0] if len(full) == 1 else None
    spaced = [f for f in names if " " in f and f.replace(" ", "") == name]
    if spaced or len(name) != 2:
        return spaced[0] if len(spaced) == 1 else None
    if name[0] == name[1]:
        full = [f for f in names if len(f) >= 3 and name[0] in f[1:]]
    elif name[0] == "小":
        full = [f for f in foreign if any(p.startswith(name[1]) for p in re.split(f"[{NAME_DOTS}\\-－ ]", f)[1:])]
    elif name[1] == "帅":  # 阿帅 for 里克-阿德尔曼, 宫帅 for 宫鲁鸣: a head coach by his surname's first character
        full = [f for f in names if len(f) >= 3 and f != name and
                any(p.startswith(name[0]) for p in (re.split(f"[{NAME_DOTS}\\-－ ]", f)[1:] or [f]))]
    else:  # the given name alone (志伟 for 曾志伟), as friends and entertainment news write it
        full = [f for f in names if len(f) == 3 and f[1:] == name and surname_of(f) == f[0]]
    return full[0] if len(full) == 1 else None


# Characters whose doubling is a word of its own, however rare in jieba's dictionary (年年, 月月, 件件: every year,
# month, piece), or whose doubled form jieba counts low though common (天天, 家家): never a star's nickname.
_NOT_DOUBLED = frozenset("年月日时岁代层步节声句字片点个件条次回阵双一世辈夜朝山水事心生天家户人处样")


def doubled_nickname(name: str, names: set[str]) -> str | None:
    """The last character of a Chinese given name doubled, as entertainment pages call a star (春春 for 李宇春, 冰冰
    for 范冰冰, 瑶瑶 for 郭书瑶), when jieba holds it as no common word (under 50) and no other name of `names` ends
    with that character; else None. (The tagger rarely reads the doubled form as a person: 春春表示，… was nobody's.)"""
    if not (2 <= len(name) <= 3 and HAN_ONLY_RE.match(name) and surname_of(name) == name[0]) or name[-1] in _NOT_DOUBLED:
        return None
    doubled = name[-1] * 2
    if word_info(doubled)[0] >= 50 or any(n != name and n.endswith(name[-1]) for n in names):
        return None
    return doubled


# A nickname in brackets right after a name, as entertainment pages introduce one (徐熙媛(大S), 刘德华(华仔), 钟欣桐
# (阿娇), 萧亚轩(Elva)) and then write it alone (大S表示…): 大/小/阿 + a letter run or one character, a character + 仔, or
# one word in Latin letters. (A bracket of one character, 左 / 女 / 图, or a gloss of several words is none.)
ALIAS_RE = re.compile(rf"[(（]((?:{LETTER_NICKNAME_RE.pattern}|[大小阿][\u4e00-\u9fff]|[\u4e00-\u9fff]仔|[A-Za-z]{{2,12}}))[)）]")


def bracketed_aliases(text: str, spans: dict[tuple[int, int], str]) -> dict[tuple[int, int], str]:
    """(start, end) of each bracketed nickname right after a name span -> that name; a nickname given to two
    different names is nobody's."""
    found: dict[tuple[int, int], str] = {}
    for (a, b), name in spans.items():
        if (m := ALIAS_RE.match(text, b)) and m.group(1) != name:
            found[m.span(1)] = name
    owners: dict[str, set[str]] = {}
    for (a, b), name in found.items():
        owners.setdefault(text[a:b], set()).add(name)
    return {k: n for k, n in found.items() if len(owners[text[k[0]:k[1]]]) == 1}
