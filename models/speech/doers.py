"""Who acts in the clause before a cue that has no subject of its own: the person of the clause before the comma
(作家赖启珊当场落泪，|称… / 阿拉法特向克林顿递交了…，|认为…), an adverbial of occasion run across a comma
(彭珮云在充分肯定…，提高…后说), and quoted terms a clause start runs back over (温家宝表达了“绝不让步”的决心，称…)."""
from __future__ import annotations

import re

from zhnews.models.speech.clauses import clause_start, drop_parens
from zhnews.models.speech.groups import coordinated, named_topic, sentence_start
from zhnews.models.speech.paragraph import Mention, Paragraph
from zhnews.models.speech.subjects import acting_subject, sender, subject_like
from zhnews.models.speech.vocab import (ADVERBIAL_GAP_RE, CONTACT_VERBS, MODAL_GAP_RE, OCCASION_GAP_RE, QUOTED_TERM_MAX,
                                        TEMPORAL_CLAUSE_RE, WHEN, ZERO_SUBJECT_OPENERS)

_ASKS_RE = re.compile(r"[^，,。；;：:“”]{0,4}?(?:请|祝)$")  # 江泽民请|科恩…: whom the person asks or wishes well
# what the first person does to the last (哈拉齐５日致信安南，呼吁… / 阿拉法特向克林顿递交了…，认为…): the first acts
_TOWARD_RE = re.compile(r"[^，,。；;：:“”]{0,8}?(?:致信|致函|写信给|致电|向|给)[^，,。；;：:“”]{0,16}$")
# verbs of meeting or seeing someone: the 的-phrase after them, a person at its end, is their object (看到…的曹万义)
_MEETING_VERBS = ("看到", "见到", "遇到", "碰到", "找到", "看见", "遇见", "见", "会见", "接见", "看望", "拜会", "拜访", "探望",
                  "欢迎", "邀请", "请", "问")  # (感谢 is a verb of speech: vocab["verbs"])
_WITH_WHOM = ("与", "同", "和", "跟", "向", "对", "给")  # 于永波与代表座谈时，称赞…: whom the person met, no actor


def _met_or_addressed(para: Paragraph, lo: int, m: Mention) -> bool:
    """`m` is whom someone meets or speaks to: a preposition of _WITH_WHOM, a word of its own, at most five characters
    before it (与他们, 与达赖私人代表: not the 同 of 同时布莱切)."""
    for k in range(m.start - 1, max(lo, m.start - 6) - 1, -1):
        if para.text[k] in "，,。；;：:“”":
            return False
        if para.text[k] in _WITH_WHOM and k in para.bounds and k + 1 in para.bounds:
            return True
    return False


def _predicate_only(para: Paragraph, a: int, b: int) -> bool:
    """The clause text[a:b] opens, after adverbs and connectives (同时, 并, 还), with a verb: no subject of its own."""
    for word, flag, s, _ in para.toks[para.tok_index(a):]:
        if s >= b:
            return False
        if s < a or not word.strip() or flag in ("d", "c") or word in ZERO_SUBJECT_OPENERS:
            continue
        return flag.startswith("v")
    return False


def previous_clause_subject(para: Paragraph, cs: int, vocab: dict, joined_ok: bool = False) -> Mention | None:
    """The person acting in the clause before `cs` of the same sentence (作家赖启珊当场落泪，|称… /
    秋经武于23日致电记者，|称…): the clause's last person named (or 他/她), when it opens the clause
    (after adverbials at most) with a verb, adverb, preposition, time or place word after it. Anything
    else (会见李四，表示 / 当他…，希望 / 秋瑾曾外孙女赖启珊…) gives None. A verb with no subject of its own
    shares that person."""
    text = para.text
    skipped: list[tuple[int, int]] = []  # the clauses naming nobody acting, nearest first
    for _ in range(3):  # …郭炳江也感到难过和痛心，向死者家属致以深切慰问，承诺…: one clause naming nobody between; two
        # when both are a predicate alone (朱维群在…欢迎会上发表讲话，介绍了…的情况，同时阐述了…立场，强调…), not the
        # speaker's own words going on (乔石说，议长阁下已先后三次访华，为…作出了许多贡献，希望…: his words, no new cue)
        if cs - 1 <= para.span.start or text[cs - 1] not in "，," or \
                len(skipped) == 2 and not all(_predicate_only(para, a, b) for a, b in skipped):
            return None
        pcs = over_terms(para, clause_start(text, para.span.start, cs - 1), cs - 1)
        if TEMPORAL_CLAUSE_RE.fullmatch(text, pcs, cs - 1) and (topic := named_topic(para, pcs)) is not None:
            return topic  # 谭伯源，|在被记者询问对崔世安参选的看法时，|回答说: whoever the time clause names
        if any(not _met_or_addressed(para, pcs, m) for m in para.mentions_in(pcs, cs - 1)):
            break  # (…，并与他们亲切握手，表示祝贺: whom he met names nobody acting)
        skipped.append((pcs, cs - 1))
        cs = pcs
    if len(skipped) == 2 and text[pcs:cs - 1].rstrip().endswith(tuple(vocab["verbs"])):
        return None  # 王少成指出，考虑到…增加，以及…强化，预计…: the two clauses are what he said, no actor
    persons = [m for m in para.mentions_in(pcs, cs - 1) if m.kind in ("name", "titled", "pronoun")
               and not drop_parens(text[m.end:m.end + 24]).startswith("的")  # 更新了他的微博: not the doer
               and not (m.start > 0 and text[m.start - 1] in "(（" and text[m.end:m.end + 1] in (")", "）"))]
    # (刘德华(华仔)1日从大陆返港，|在机场坦承…: the alias in brackets is the same person, no second doer)
    if not persons:
        return None
    m = sender(text, persons, persons[-1])
    if any(o.start > m.start and o.kind in ("plural", "first", "anon") and subject_like(para, o, vocab)
           and text[m.end:o.start].strip() not in _WITH_WHOM for o in para.mentions_in(pcs, cs - 1)):
        return None  # a group or source acting after the person (张三说完，记者们纷纷…)
    if drop_parens(text[m.end:m.end + 24]).startswith("的") or MODAL_GAP_RE.match(text, m.end):
        return None  # 张三的父亲… / 梅耶尔有可能公布…，并披露…: words that may come are not said
    first = persons[0]  # 江泽民请科恩转达…问候，|并表示…: the one asking speaks, not whom he asks to act
    if first.kind in ("name", "titled") and any(_ASKS_RE.match(text, first.end, o.start) for o in persons[1:]):
        return first
    if acting_subject(para, m, pcs, vocab, ("s", "t")):
        return m
    if not skipped and _described_alone(para, pcs, cs, m, vocab):
        return m  # 演惯了古装剧的孙菲菲，|当晚表示…: the clause is the person described, who then speaks
    # 王强和李明当场落泪，|称…: the last of a coordinated subject (the cue adds the rest), `joined_ok` for a verb that
    # reports outright (…已经展开了接触，|希望他能…: a wish of the two is no words, as the corpus reads it)
    joined = coordinated(para, persons, m) if joined_ok else []
    if joined and ADVERBIAL_GAP_RE.fullmatch(text[pcs:joined[0].phrase_start()].strip()) and \
            acting_subject(para, m, m.phrase_start(), vocab, ("s", "t")):
        return m
    # 恩佐３０日在王学贤举行的招待会上发表讲话，|高度评价…: the later person is in the occasion;
    if first is not m and first.kind in ("name", "titled") and (  # 哈拉齐５日致信安南，|呼吁…: the letter's writer
            OCCASION_GAP_RE.fullmatch(text[first.end:cs - 1].strip()) or _TOWARD_RE.match(text, first.end, m.start)):
        return first
    # 姜宗福实名发帖炮轰张艺谋，|称…: the later person is the object of a verb whose subject opens the clause; not
    # inside anyone's words: 丘尔金还表示，潘基文已派遣哈雷前往…，|要求他… (the clause opens after a reporting verb),
    # 默克尔已表示支持欧央行行长德拉吉…，|预计… (the subject reports in the clause: what follows is still hers); the
    # verb after the subject's name, not inside it (a tagger's 乔石祝|克雷库…: 祝 is the verb, not the name's)
    verb = _verb_before_object(para, m) if first is not m and first.kind in ("name", "titled") else None
    if verb is not None and verb >= first.end and acting_subject(para, first, pcs, vocab, ("s", "t")) and \
            not text[max(para.span.start, pcs - 16):pcs].rstrip("，, ").endswith(tuple(vocab["verbs"])) and \
            not any(v in text[first.end:verb] for v in vocab["verbs"]):
        return first
    return None


def _described_alone(para: Paragraph, pcs: int, cs: int, m: Mention, vocab: dict) -> bool:
    """The clause text[pcs:cs] is one noun phrase: a description, 的, then the person, who ends it (与前者苦恋7年的舒淇，|虽
    坦承… / 演惯了古装剧、年代戏的孙菲菲，|当晚表示…); nobody else named in it, and no verb of meeting, seeing or
    speaking opening it, whose object the phrase would be (看到在该处搞卫生的清洁工曹万义，|就… / 感谢进球的皮耶罗，|更…)."""
    text = para.text
    a = m.phrase_start()
    if not (a > pcs and text[a - 1] == "的" and not text[m.end:cs - 1].strip()
            and all(o is m for o in para.mentions_in(pcs, cs - 1))):
        return False
    first = para.toks[para.tok_index(pcs)][0]
    return not (first in vocab["verbs"] or first in CONTACT_VERBS or first in _MEETING_VERBS)


def _verb_before_object(para: Paragraph, m: Mention) -> int | None:
    """Where the verb starts when the word right before the mention's phrase is a verb of jieba's (炮轰|张艺谋,
    支持了|李四): `m` is its object. None otherwise."""
    a = m.phrase_start()
    if a <= para.span.start:
        return None
    j = para.tok_index(a - 1)
    word, flag, start, end = para.toks[j]
    if end != a:
        return None
    if word in ("了", "过", "着") and j > 0 and para.toks[j - 1][3] == start:
        word, flag, start, _ = para.toks[j - 1]
    return start if flag.startswith("v") and word not in ("是", "为", "有", "在") else None


def over_terms(para: Paragraph, pcs: int, end: int) -> int:
    """The clause start `pcs`, moved back over short quoted terms when the clause up to `end` would name nobody
    (温家宝表达了“绝不让步”的决心，称…: the quote marks end no clause there)."""
    if para.mentions_in(pcs, end):
        return pcs
    while pcs - 1 > para.span.start and para.text[pcs - 1] in "”」』":
        q = next((q for q in para.quotes if q[1] == pcs - 1), None)
        if q is None or q[1] - q[0] > QUOTED_TERM_MAX or any(c in "。！？!?" for c in para.text[q[0]:q[1]]):
            break
        pcs = clause_start(para.text, para.span.start, q[0])
    return pcs


_OCCASION_END_RE = re.compile(r"(?:之后|以后|后|之时|时|之际|期间)\s*$")


def occasion_across_comma(para: Paragraph, cs: int, a: int) -> bool:
    """The clause before `cs` opened a 在/当 adverbial right after its person and this clause closes it before the
    verb at `a` (彭珮云在充分肯定…人口增长，提高…取得的成绩后说：…): one adverbial with a comma inside."""
    text = para.text
    if not _OCCASION_END_RE.search(text, cs, a) or cs - 1 <= para.span.start or text[cs - 1] not in "，,":
        return False
    pcs = clause_start(text, para.span.start, cs - 1)
    persons = [m for m in para.mentions_in(pcs, cs - 1) if m.kind in ("name", "titled", "pronoun")]
    return bool(persons) and re.fullmatch(r"\s*(?:%s)*(?:在|当)[^，,。“”]*" % WHEN, text[persons[0].end:cs - 1]) is not None \
        and not _OCCASION_END_RE.search(text, persons[0].end, cs - 1)


def first_person_before(para: Paragraph, cs: int) -> bool:
    """The sentence up to `cs` has 我 / 我们 in it (我想再一次感谢大家来参加…，也预祝大会取得圆满成功): a speech
    given whole, whose verbs with no subject are the speaker's own words going on, no new cue for the last person."""
    start = sentence_start(para.text, para.span.start, cs)
    return any(m.kind == "first" and para.text[m.start] in "我咱" and not para.in_quote(m.start)  # (他本人: not his)
               for m in para.mentions_in(start, cs))  # (…表示“我们的失误太多了”，另一方面表示“…”: the quote's, not the sentence's)
