"""Persons who speak together: a coordinated subject (李强、王伟表示; 部长张三和局长李四指出), a listed group
that 他们 stands for (赵朴初，安士伟…发言，他们说), the two sides of a meeting (双方强调), a group that a clause with no
subject of its own continues."""
from __future__ import annotations

import itertools

from zhnews.models.speech.clauses import clause_start, drop_parens
from zhnews.models.speech.names import COUNTRY_CHARS
from zhnews.models.speech.paragraph import Mention, Paragraph
from zhnews.models.speech.vocab import (ADVERBIAL_GAP_RE, COORDINATORS, EXPRESSIVE_GAP_RE, KIN_PAIRS, PAIR_WORDS,
                                        SHORT_ADVERBS)


def clause_partners(para: Paragraph, cs: int, persons: list[Mention], subject: Mention) -> list[Mention]:
    """李强、王伟表示 / 部长张三和局长李四指出: the persons joined to the subject by 、 和 与 及 when
    together they open the clause (a coordinated subject, each of them a speaker); else none."""
    out = coordinated(para, persons, subject)
    if out:
        rs = min(out[0].role_start if out[0].role_start is not None else out[0].start, out[0].start)
        if out[0].role and para.text[cs:rs].rstrip().endswith(out[0].role):  # (两位解说|比尔-瓦瑞尔和…: jieba's verb)
            rs = para.text.rfind(out[0].role, cs, rs)
        lead = para.text[cs:rs].strip()
        if lead not in ("", "据") and not noun_phrase(para, cs, rs) and not (
                lead.endswith(_INCLUDING) and para.text.startswith("在内", subject.end)):
            return []  # 会见李强、王伟时表示 / 对李强、王伟表示感谢: not the clause's subject (据李强、王伟介绍: both are;
            # 包括李强、王伟在内的专家认为: the list is the subject's)
    return out


_INCLUDING = ("包括", "其中包括")


def coordinated(para: Paragraph, persons: list[Mention], subject: Mention) -> list[Mention]:
    """The named persons joined to `subject` by 、 和 与 及 before it, in order (none: []). A role that starts
    before the person on the left is the two's (两位解说比尔-瓦瑞尔和马特-布拉德): the joint is what lies between names."""
    text = para.text
    out: list[Mention] = []
    k = persons.index(subject)
    right = subject
    while k > 0:
        left = persons[k - 1]
        rs = right.role_start if right.role_start is not None and right.role_start >= left.end else right.start
        role_at = right.start - len(right.role or "")
        if right.role and left.end <= role_at < rs and text.startswith(right.role, role_at):
            rs = role_at  # (…黎中城、大连艺术研究所研究员马明捷: the role's text, its organisation whole; role_start stops at 艺术)
        # (王芳（女）、李明 / 张三（化名）和李四: a short aside after the left name is no part of the joint)
        joint = _title_dropped(para, left.end, drop_parens(text[left.end:min(rs, right.start)]).strip())
        listed = joint in ("，", ",") and left.role and right.role and rs < right.start
        # (全国政协副主席、佛教协会会长赵朴初，全国政协常委、伊斯兰教协会会长安士伟发言: titles holding 、 are listed by ，)
        if left.kind not in ("name", "titled") or not left.name or not (joint in COORDINATORS or listed):
            break
        out.insert(0, left)
        right, k = left, k - 1
    return out


def _title_dropped(para: Paragraph, a: int, joint: str) -> str:
    """The joint after a name without a title there (江泽民总书记|和|李鹏总理): up to four characters of one or two
    jieba nouns before the coordinator."""
    for c in COORDINATORS:
        head = joint[:-len(c)] if joint.endswith(c) else ""
        k = para.tok_index(a)
        words = [t for t in para.toks[k:k + 3] if a <= t[2] < a + len(head)]
        if head and len(head) <= 4 and words and words[0][2] == a and words[-1][3] == a + len(head) and \
                all(f == "n" for _, f, _, _ in words):
            return c
    return joint


def group_before(para: Paragraph, lo: int, cs: int, plural: Mention, a: int, feeling: bool = False) -> list[Mention]:
    """他们说， opening its clause right after a clause that a coordinated group of named persons opens and
    nobody else is named in (赵朴初，安士伟代表与会人士发言，他们说，…): the group, each of them a speaker. `feeling`:
    the verb at `a` is 表示 + a feeling, so whom it is for may stand between (双方对…势头表示满意)."""
    text = para.text
    gap = text[plural.end:a].strip()
    # (an adverbial: 都一致, 因此, 两国外长２８日在巴黎会晤时已表示, 在会谈中一致认为)
    if gap not in SHORT_ADVERBS and not (feeling and EXPRESSIVE_GAP_RE.fullmatch(gap)) \
            and not ADVERBIAL_GAP_RE.fullmatch(gap.replace("一致", "")):
        return []
    lead = text[cs:plural.start].strip()
    if lead and not (len(lead) == 2 and all(c in COUNTRY_CHARS for c in lead)):  # (中美两国元首, 日英两国首相: the pair)
        return _named_before(para, cs, plural)
    if text[plural.start:plural.end] in PAIR_WORDS:
        return _meeting(para, lo, cs) or _group_of_sentence_before(para, lo, cs)
    return named_group(para, lo, cs) or _group_of_sentence_before(para, lo, cs) or _pair_before(para, lo, cs)


def _named_before(para: Paragraph, cs: int, plural: Mention) -> list[Mention]:
    """The coordinated persons a plural word right after them stands for, opening its clause (陈奕迅和李克勤两人都表示…,
    张三、李四他们认为…): each of them a speaker; two for a pair word (两人, 二人, 兄弟俩); else none."""
    persons = [m for m in para.mentions_in(cs, plural.start) if m.kind in ("name", "titled")]
    if not persons or persons[-1].end != plural.start:
        return []
    group = [*clause_partners(para, cs, persons, persons[-1]), persons[-1]]
    word = para.text[plural.start:plural.end]
    if len(group) != len(persons) or len(group) < 2 or word in PAIR_WORDS + KIN_PAIRS and len(group) != 2:
        return []
    return group


def _pair_before(para: Paragraph, lo: int, cs: int) -> list[Mention]:
    """他们表示 after a sentence that a pair word opens (…举行会谈。两国外长对…给予了积极的评价。他们还表示，…): the
    two of that pair's meeting; else none."""
    text = para.text
    ss = sentence_start(text, lo, cs)
    if ss - 1 <= lo:
        return []
    ps = sentence_start(text, lo, ss - 1)
    first = next((m for m in para.mentions_in(ps, ss - 1) if m.kind != "anon"), None)  # (记者招待会上: no one)
    if first is None or first.kind != "plural" or text[first.start:first.end] not in PAIR_WORDS or \
            not ADVERBIAL_GAP_RE.fullmatch(text[ps:first.start].strip().rstrip("，,")):
        return []  # (在会谈结束后举行的记者招待会上，两国外长…: an occasion may come first)
    return _meeting(para, lo, first.start)


_JOINT_CHARS = ("、", "和", "与", "及", "同", "跟")
_JOINT_MAX_CHARS = 24  # 、劳伦斯伯克利国家实验室的 (13): an affiliation between two names, no clause


def _group_of_sentence_before(para: Paragraph, lo: int, cs: int) -> list[Mention]:
    """他们表示 opening a sentence right after one that names two to six persons and no one else (no pronoun,
    no unnamed source), each joined to the next by 、 和 与 及 同 跟 with no clause between (葡萄牙外长伽马同来访的
    法国外长韦德里纳…交换了意见。他们表示，…): those persons, each of them a speaker; else none."""
    text = para.text
    ss = sentence_start(text, lo, cs)
    if text[ss:cs].strip(" \t\u3000") and para.mentions_in(ss, cs - 1) or ss - 1 <= lo:
        return []
    persons = _without_appositive_pairs(
        [m for m in para.mentions_in(sentence_start(text, lo, ss - 1), ss - 1) if not para.in_quote(m.start)])
    if any(m.kind not in ("name", "titled") or not m.name for m in persons):
        return []
    firsts = list({m.name: m for m in reversed(persons)}.values())[::-1]  # each person's first mention
    if not 2 <= len(firsts) <= 6:
        return []
    for left, right in zip(firsts, firsts[1:]):
        joint = text[left.end:right.start]  # (the role of the next person, and what joins them)
        if len(joint) > _JOINT_MAX_CHARS or any(c in joint for c in "，,；;") or \
                not any(c in joint for c in _JOINT_CHARS):
            return []
    return firsts


_MEETING_WORDS = ("会谈", "会晤", "会见", "拜会", "通话", "通电话", "通了话", "磋商", "会面", "交换意见", "交换了意见")  # (互通电话)


_MEETING_LOOK_BACK = 5  # sentences of the paragraph: the talks, then each side's words, then 双方表示


def _meeting(para: Paragraph, lo: int, cs: int) -> list[Mention]:
    """双方强调… after 桥本龙太郎同来访的托尼·布莱尔举行会谈， in the same sentence, or in a sentence before with
    nobody but the two named since (…同反塔利班联盟主要领导人拉巴尼举行会谈。…拉巴尼应谢里夫之邀访巴。此举非同
    寻常，…。双方都表示…): the two named people of the meeting (a meeting word after the first), nobody else named
    there; or the two that open a sentence joined by 和 / 同 / 与 with nobody else named since (桥本和布莱尔还就…达成
    一致意见。这个文件的基调是…。双方表示…)."""
    text = para.text
    ss, seen = sentence_start(text, lo, cs), set()
    for _ in range(_MEETING_LOOK_BACK):
        found = [m for m in para.mentions_in(ss, cs - 1) if not para.in_quote(m.start)]
        persons = [m for k, m in enumerate(found)  # (a title glued before a name is its role: 巴总理谢里夫)
                   if not (m.kind == "titled" and not m.name and k + 1 < len(found) and found[k + 1].start == m.end)]
        # a sentence naming someone names persons only (one of pronouns or pair words only is passed over:
        # 两国外长对…给予了积极的评价。)
        if any(m.kind in ("name", "titled") for m in persons) and any(m.kind != "name" or not m.name for m in persons):
            return []
        persons = [m for m in persons if m.kind == "name"]
        names = {m.name for m in persons}
        pair = [m for k, m in enumerate(persons) if m.name not in {o.name for o in persons[:k]}]
        if len(pair) == 2 and seen <= names | _short_forms(names, seen) and (
                any(w in text[pair[0].end:cs] for w in _MEETING_WORDS) or _pair_opens(text, ss, pair)):
            return pair
        if len(names) > 2:
            return []
        seen |= names
        if ss - 1 <= lo:
            return []
        ss, cs = sentence_start(text, lo, ss - 1), ss
    return []


def _short_forms(names: set[str], others: set[str]) -> set[str]:
    """The names of `others` that are a full name of `names` cut short (桥本 for 桥本龙太郎, 布莱尔 for 托尼·布莱尔)."""
    return {o for o in others if any(n != o and (n.startswith(o) or n.endswith(o)) for n in names)}


def _pair_opens(text: str, ss: int, pair: list[Mention]) -> bool:
    """The two open the sentence at `ss`, joined by 和 / 同 / 与 / 及 alone (桥本和布莱尔还就…)."""
    return not text[ss:pair[0].start].strip(" \t\u3000\n") and text[pair[0].end:pair[1].start] in ("和", "同", "与", "及")


def _without_appositive_pairs(persons: list[Mention]) -> list[Mention]:
    """`persons` less a plural word right after a name (韩大川、韩二川兄弟俩，…: it names the two just named)."""
    return [m for k, m in enumerate(persons)
            if not (m.kind == "plural" and k and persons[k - 1].kind == "name" and persons[k - 1].end == m.start)]


def named_group(para: Paragraph, lo: int, cs: int) -> list[Mention]:
    """The persons named in the sentence before `cs` when they are two or more and together open it, joined
    by 、 和 与 及 (or ， between titled names); else none."""
    text = para.text
    if cs - 1 <= lo:
        return []
    ss = sentence_start(text, lo, cs)
    persons = [m for m in para.mentions_in(ss, cs - 1) if m.kind in ("name", "titled", "pronoun", "plural", "first")]
    persons = _without_appositive_pairs(persons)
    if len(persons) < 2 or any(m.kind not in ("name", "titled") for m in persons):
        return []
    group = clause_partners(para, ss, persons, persons[-1])
    return [*group, persons[-1]] if len(group) == len(persons) - 1 else []


# what may open a clause that lists the persons of a group (而包括诺维茨基、保罗-加索尔等国际球星，…)
_LIST_LEADS = ("", "而", "包括", "而包括", "其中", "其中包括", "另外", "此外")


def listed_group(para: Paragraph, cs: int, together: bool = False) -> list[Mention]:
    """The persons the clause before `cs` lists, joined by 、 和 与 及, two or more, for a clause at `cs` with no
    subject of its own: a list closed by 等 and what they are (诺维茨基、保罗-加索尔等国际球星，都表示…) opening
    its clause; or, when the clause at `cs` says they act `together` (都 / 均), a list anywhere in its clause with
    nothing of theirs after it (这封信经邓子恢、李先念、赵辛初转至黄冈，均批示…); else none."""
    text = para.text
    if cs - 1 <= para.span.start or text[cs - 1] not in "，,":
        return []
    pcs = clause_start(text, para.span.start, cs - 1)
    persons = [m for m in para.mentions_in(pcs, cs - 1) if m.kind in ("name", "titled")]
    group = coordinated(para, persons, persons[-1]) if len(persons) >= 2 else []
    if len(group) != len(persons) - 1 or not group:
        return []
    after = persons[-1].end
    if text.startswith("等", after):
        first = group[0]
        lead = text[pcs:first.role_start if first.role_start is not None else first.start].strip()
        if (after + 1 >= cs - 1 or noun_phrase(para, after + 1, cs - 1)) and lead in _LIST_LEADS:
            return [*group, persons[-1]]
    if together and not text.startswith(("的", "等"), after) and not para.mentions_in(after, cs - 1):
        return [*group, persons[-1]]
    return []


def noun_phrase(para: Paragraph, a: int, b: int) -> bool:
    """text[a:b] is a bare noun phrase, no verb or preposition in it (原南京军事学院的老教员 before
    于晋峰、瞿正祥、王振武激动地说): what the people of a list are, which no role vocabulary holds."""
    k = para.tok_index(a)  # at most 40 characters: a role phrase, not a clause (a window, not a scan)
    words = [(w, f) for w, f, s, _ in itertools.islice(para.toks, k, k + 41) if a <= s < b and w.strip()]
    words = words[1:] if words and words[0][0] == "来自" else words  # 来自…的干部战士唐西生、李军说: where from
    return b - a <= 40 and bool(words) and all(f[:1] in ("n", "a", "b", "m", "q") or f in ("eng", "zg") or w in ("的", "、")
                                               for w, f in words)  # (eng: fox的两位解说, a Latin name; 13|组/zg 爱心艺人)


def closed_list_gap(para: Paragraph, end: int, a: int) -> bool:
    """text[end:a] closes a list of persons with 等 and says what they are, perhaps with an adverbial after (张万年、
    迟浩田|等军委领导|高度评价…, 周传家、刘琦等指出): the list is the verb's subject, each of them."""
    text = para.text
    if not text.startswith("等", end):
        return False
    return any((k == end + 1 or noun_phrase(para, end + 1, k)) and ADVERBIAL_GAP_RE.fullmatch(text[k:a].strip())
               for k in range(end + 1, min(a, end + 41) + 1))


def sentence_start(text: str, lo: int, cs: int) -> int:
    """Just after the last 。！？ before `cs` (at least `lo`): where the sentence holding the clause at `cs` starts."""
    return max(lo, *(text.rfind(c, lo, cs) + 1 for c in "。！？!?"))


def named_topic(para: Paragraph, cs: int) -> Mention | None:
    """The clause before `cs` is a person alone, with their role (另一热门人选经济财政司司长谭伯源，): the subject of
    the clauses after it; else None."""
    text = para.text
    if cs - 1 <= para.span.start or text[cs - 1] not in "，,":
        return None
    pcs = clause_start(text, para.span.start, cs - 1)
    persons = [m for m in para.mentions_in(pcs, cs - 1) if m.kind in ("name", "titled")]
    if len(persons) != 1 or text[persons[0].end:cs - 1].strip():
        return None
    before = text[pcs:persons[0].phrase_start()].strip()
    return persons[0] if not before or ADVERBIAL_GAP_RE.fullmatch(before) or \
        noun_phrase(para, pcs, persons[0].phrase_start()) else None
