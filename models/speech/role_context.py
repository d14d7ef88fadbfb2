"""What stands around a role's words and decides what they take in (`roles.assign_role`): the person a role is held
for (林志颖的经纪人), a country that opens an office of its own after a coordinator (…和|美国国防部长), a person noun
written after a name as titles are (林以诺牧师), a short gloss in brackets inside a role (中心区(CBD)). Session 66, from
the speakers' roles of the speech corpus's development splits."""
from __future__ import annotations

import re

from zhnews.models.speech.paragraph import Mention, Paragraph

# what a person is to another person named before it with 的 (林志颖的经纪人, 孙淑伟的教练): the other person belongs
# in the role, as the corpus's annotators wrote it
_AGENT_NOUNS = ("经纪人", "经理人", "教练", "律师", "助理", "秘书", "翻译", "队医", "代理人")  # (主教练, 代理律师 end so)


def whose_agent(para: Paragraph, m: Mention, cs: int, begin: int, role_end: int) -> str | None:
    """The role with the person it is held for, when a name and 的 stand right before it and it is what the person
    named after is to them (林志颖的经纪人葛静琪); the other person stays a mention of their own (they may speak)."""
    text = para.text
    other = para.overlapping(m, begin - 2, begin - 1) if begin - 2 >= cs and text[begin - 1] == "的" else None
    if other is None or other.kind != "name" or other.end != begin - 1 or other.start < cs or \
            not text[begin:role_end].endswith(_AGENT_NOUNS):
        return None
    return text[other.start:role_end]


_NO_COUNTRY = ("外国", "大国", "强国", "小国", "各国", "本国", "他国", "两国", "该国", "我国", "全国")  # jieba: ns


def place_opens(para: Paragraph, k: int) -> bool:
    """Token `k` names a country or a division of one (美国, 常州市); jieba tags other words a place too (福利/ns 局,
    人口及|城市/ns 研究中心, 外国/ns), and 区 ends regions (东亚和太平洋地区)."""
    word, flag = para.toks[k][0], para.toks[k][1]
    return flag == "ns" and (len(word) >= 2 and word[-1] == "国" and word not in _NO_COUNTRY or
                             len(word) >= 3 and word[-1] in "省市县州镇乡村")


# person nouns written after a name as titles are (牟江平检察官还指出, 林以诺牧师): no office, so not in the titles
_PERSON_NOUNS_AFTER = ("检察官", "牧师", "神父", "法医", "护士")


def person_noun_after(para: Paragraph, m: Mention) -> str | None:
    """A person noun written right after the name, ending at a word boundary (林以诺牧师)."""
    noun = next((w for w in _PERSON_NOUNS_AFTER if para.text.startswith(w, m.end)), None)
    return noun if noun and (m.end + len(noun) in para.bounds or m.end + len(noun) >= para.span.end) else None


_GLOSS_RE = re.compile(r"[A-Za-z][A-Za-z0-9 .&-]{0,11}")  # an abbreviation or a short Latin name (CBD, MOSAIC)


def bracket_from(text: str, lo: int, close: int, vocab: dict) -> int | None:
    """Where the bracket closing at `close` opens, after `lo`, when it holds a short gloss of the word before it: an
    abbreviation (中心区(CBD)) or a body's kind (投信(基金公司), 张江(集团)); not a dateline's reporter
    (…电（记者罗辉）国家主席) nor a name's English gloss (开发署(Agency for…): a role past any length)."""
    at = text.rfind("(" if text[close] == ")" else "（", lo, close)
    inner = text[at + 1:close] if at > lo else ""
    if _GLOSS_RE.fullmatch(inner) or any(inner.endswith(o) for o in vocab["org_multi"]) and len(inner) <= 8:
        return at
    return None
