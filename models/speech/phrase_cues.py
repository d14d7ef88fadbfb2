"""Cues that are phrases, not verbs (正如赵霏所说：“…”, 根据章辉的测算，…, 王炯的答案是：…): found on their own and
merged with the verb cues of `cues.find_cues`."""
from __future__ import annotations

import re

from zhnews.models.speech.clauses import clause_start
from zhnews.models.speech.paragraph import Cue, Paragraph
from zhnews.models.speech.vocab import ADVERBIAL_GAP_RE

# Cues that are phrases, not verbs, each with what may stand between the person and the phrase:
# 根据渤海证券研究员章辉的测算，…: the figures a named person worked out are their statement;
# 正如赵霏所说：“…” / 就像麦克米兰自己所说的那样，“…”: the quote the narrator agrees with is the person's, and with no
# quote the words after the comma (正如阿尔希波夫所说，他生命的很大一部分是属于中国的: the development gold marks 7 of the 8
# such; 正如…所言，… is a verb's)
_PHRASE_CUES = (
    (re.compile(r"(?:根据|据)[^，,。；;：:“”]{2,30}?的((?:测算|统计|计算|估算|调查|调研|研究|分析|预测)"
                r"(?:结果)?(?:显示|表明)?)[，,：:]"), ("的",)),
    # 王炯的答案是：… / 他的看法是：…: what a named person answered or thinks, after the colon
    # (or a comma: 陈东对此的看法是，既要…)
    (re.compile(r"[^，,。；;：:“”！？!?]{0,30}?的((?:答案|回答|看法|观点|解释|理由|说法|结论)是)(?=[：:，,])"),
     ("的", "对此的", "自己的")),
    # 以他的观点，…: the view of the person named, then their words (据杰里的描述：…, 据张三的介绍，…: as 据…介绍)
    (re.compile(r"(?:以|按|按照|依|据|根据)[^，,。；;：:“”！？!?]{1,12}?的(观点|看法|说法|描述|介绍|讲述)(?=[，,：:])"), ("的",)),
    (re.compile(r"[^，,。；;：:“”！？!?]{0,30}?的(意思是)"), ("的",)),  # (他的意思是球队的准备会要开始了)
    # 以下是来自搜狗之父马占凯的回答：…: an answer announced, then given after the colon
    (re.compile(r"(?:以下是|下面是)[^，,。；;：:“”！？!?]{0,30}?的(回答|答案|看法|观点|解释|说法)(?=[：:])"), ("的",)),
    # (就像加利亚尼说的，…: 所 left out)
    # (正如安切洛蒂不久前所说: an adverbial between, as before a verb)
    # (up to 40 characters: 正如CalvinKlein Jeans创意总监Kevin Carrigan所说：…, a role and a name in Latin letters)
    (re.compile(r"(?:正如|就像|正像|如同|就如)[^，,。；;：:“”]{1,40}?(所(?:说|讲)(?:的那样|那样|的)?|(?:说|讲)(?:的那样|的))"
                r"(?=[，,：:]?“|[，,：:])"), ADVERBIAL_GAP_RE),
    # 而不是其董事长埃里克宣称的那样——“…”: the claim a person made, quoted, whether the narrator agrees or not
    (re.compile(r"(?:而不是|不是|并非|不像|正如|就像|正像|如同)[^，,。；;：:“”]{1,40}?((?:所)?(?:宣称|声称|预言|承诺|描述)的那样(?:——)?)"
                r"(?=[，,：:]?“)"), ADVERBIAL_GAP_RE),
    # 用宏碁创始人施政荣的话说就是“…” / 用他的话来说，… / 按照美国副总统拜登的话来说，…: in the person's own words
    # (not 引用: the one quoting speaks)
    (re.compile(r"(?<!引)(?:用|借用|套用|按照|拿)[^，,。；;：:“”]{1,30}?的(话(?:来)?说(?:就是|便是|是)?)(?=[，,：:“])"), ("的",)),
)


def _joins(gap: str, joins: tuple[str, ...] | re.Pattern) -> bool:
    """What stands between the person and the phrase is one a phrase allows (its words, or its pattern's whole)."""
    return gap in joins if isinstance(joins, tuple) else bool(joins.fullmatch(gap))


def source_in_speech(text: str, cs: int, last: Cue | None) -> bool:
    """张三表示，据…统计数据显示，… / 王清志称，根据老师和同学的说法，…: a source the speaker cites, opening what they
    said (the clause at `cs` right after `last`, their cue, punctuation alone between), is part of their words, not
    the narrator's."""
    return last is not None and last.kind == "person" and not text[last.verb_end:cs].strip(" ，,：:")


def with_phrase_cues(para: Paragraph, cues: list[Cue], vocab: dict) -> list[Cue]:
    """`cues` plus a cue for each phrase cue above: of the person when one named person's (a verb
    inside, 显示 / 说, is no cue of its own then), of another source when nobody's; in order."""
    text, added, covered = para.text, [], bytearray(para.span.end - para.span.start)
    for pattern, joins in _PHRASE_CUES:
        for found in pattern.finditer(text, para.span.start, para.span.end):
            a, b = found.span(1)
            if para.in_quote(found.start()):
                continue
            inside = para.mentions_in(found.start(), a)
            persons = [m for m in inside if m.kind in ("name", "titled") or text[m.start:m.end] in ("他", "她")]
            cs = clause_start(text, para.span.start, found.start())
            lo, hi = found.start() - para.span.start, found.end() - para.span.start
            covered[lo:hi] = b"\x01" * (hi - lo)  # the verbs inside are no cues of their own
            gap = text[persons[0].end:a] if persons else ""
            title = vocab["title_re"].match(gap) if vocab["title_re"] and gap else None  # (longest first)
            if len(persons) == 1 and (_joins(gap, joins) or title and _joins(gap[title.end():], joins)):  # (克林顿总统所说)
                start = persons[0].role_start if persons[0].role_start is not None else persons[0].start
                added.append(Cue(a, b, cs, persons[0], "person", start))
            elif not persons and not source_in_speech(text, cs, next((c for c in reversed(cues) if c.verb_end <= cs),
                                                                     None)):
                # 根据统计局的测算，…: another source's figures end the speaker's words (not right after their verb)
                added.append(Cue(a, b, cs, None, "anon" if any(m.kind == "anon" for m in inside) else "other", cs))
    added += _message_cues(para, covered)
    if not added and not any(covered):
        return cues
    kept = [c for c in cues if not covered[c.verb_start - para.span.start]]
    return sorted(kept + added, key=lambda c: c.verb_start)


# …卡斯特罗１５日向江泽民主席发来了慰问电。电文说：“…”: a message opening a sentence speaks for the person the
# sentence before had sent it
_MESSAGE_WORDS = "电文|贺电|贺信|唁电|慰问电|来电|来信|复电|复信|电报|信函|贺词"
_MESSAGE_CUE_RE = re.compile(f"(?:该|这封|这份)?(?:{_MESSAGE_WORDS}|信(?=中))中?(说|称|表示|指出|写道)(?=[：:，,“])")
_SENDING_RE = re.compile(f"(发来|发出|寄来|写来|致|发)了?(?:一封|一份)?[^。！？!?]{{0,12}}?(?:{_MESSAGE_WORDS}|信)")


def _message_cues(para: Paragraph, covered: bytearray) -> list[Cue]:
    """A cue of the sender for each message opening a sentence (电文说：…), when the sentence before names
    who sent it: the first person of the sending clause, not one after 向/给/对 (the addressee); its verb is
    marked in `covered` (no cue of its own)."""
    text, out = para.text, []
    for found in _MESSAGE_CUE_RE.finditer(text, para.span.start, para.span.end):
        cs = clause_start(text, para.span.start, found.start())
        if cs != found.start() or (cs > para.span.start and text[cs - 1] not in "。！？!?\n") or para.in_quote(cs):
            continue
        before = text.rfind("。", para.span.start, cs - 1) + 1 or para.span.start
        sending = _SENDING_RE.search(text, before, cs)
        if not sending or text.startswith(("的", "了的"), sending.end(1)):
            continue  # (宣读了国家教委发来的贺电: who sent it is who stands before 发来, no person here)
        vs = clause_start(text, para.span.start, sending.start())
        people = [m for m in para.mentions_in(vs, sending.start()) if m.kind in ("name", "titled")]
        if not people or re.search("[向给对]", text[vs:people[0].start]):
            continue  # (向江泽民…发来: 江泽民 receives it; the sender comes first, in the sending clause)
        a, b = found.span(1)
        covered[a - para.span.start:b - para.span.start] = b"\x01" * (b - a)
        out.append(Cue(a, b, cs, people[0], "person", cs))
    return out
