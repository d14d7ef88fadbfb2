"""Quotes no cue of their own claims, given to the person of the sentence around them: a quote in the first person
next to a sentence about one person (`quote_by_nearby_person`), and a story's lead quote right before the sentence
in which a person named there starts to speak (`lead_quotes`); and the two checks on quotes and cues they share with
the attribution's walk (`colon_follows`, `glued_heading`)."""
from __future__ import annotations

import re
from typing import Callable

from zhnews.models.schema import Span
from zhnews.models.speech.clauses import clause_end, strip_span
from zhnews.models.speech.paragraph import Cue, Mention, Paragraph, Quote
from zhnews.models.speech.statements import Statements, speech_quote
from zhnews.models.speech.subjects import subject_like
from zhnews.models.speech.vocab import FIRST_PERSON_RE, OPEN_QUOTES, SpeechConfig, vocab_index


def colon_follows(para: Paragraph, cue: Cue) -> bool:
    """A colon right after the verb, or after a short addressee (李海滔告诉总理：“…”): the cue's words follow."""
    k = clause_end(para.text, cue.verb_end, para.span.end)
    return k < para.span.end and k - cue.verb_end <= 8 and para.text[k] in "：:"


def quote_by_nearby_person(para: Paragraph, sent: Span, used_quotes: set[Quote], said: Statements,
                            who: Callable[[Mention], str | None], config: SpeechConfig) -> str | None:
    """A quote in the first person that opens its sentence with no speaker before it, in a story about
    one person: “当时市场下跌得非常快…我们开始大幅加仓。”回忆起这段历程，尚志民微微一笑。 / 成奎安在片中
    演股票公司的老板。“田启文演的是我手下…” The quote is the person of the sentence right after it, else
    of the one right before it, when that sentence names one person (outside quotes), no group or source
    acts in it, and that person acts in it too or has been quoted already. Returns the speaker, or None."""
    text, vocab = para.text, vocab_index(config)
    lead = strip_span(text, sent.start, sent.end)[0]
    quotes = [q for q in para.quotes_in(sent.start, sent.end) if q not in used_quotes
              and (q[0] <= lead or glued_heading(para, lead, q[0]))
              and speech_quote(text, q, config) and FIRST_PERSON_RE.search(text, q[0], q[1])]
    if not quotes:
        return None
    k = next(i for i, u in enumerate(para.units) if u.start == sent.start)
    neighbours = [u for u in (para.units[k + 1] if k + 1 < len(para.units) else None,
                              para.units[k - 1] if k > 0 else None) if u is not None]
    for unit in neighbours:
        mentions = [m for m in para.mentions_in(unit.start, unit.end) if not para.in_quote(m.start)]
        persons = [m for m in mentions if m.kind in ("name", "titled", "pronoun")]
        names = {who(m) for m in persons}
        if len(names) > 1:  # 梁家辉和导演胡大为是好朋友…。“我信他，胡大为的戏…”: whom the quote names is not its speaker
            inside = "".join(text[q[0]:q[1]] for q in quotes)
            persons = [m for m in persons if m.kind == "pronoun" or (  # (a pronoun's surface says nothing here)
                text[m.start:m.end] not in inside and (who(m) or "") not in inside)]
            names = {who(m) for m in persons}
        if not persons or len(names) != 1 or None in names or any(
                m.kind in ("plural", "first", "anon") and subject_like(para, m, vocab) for m in mentions):
            continue
        name = names.pop()
        if name in said.spans or any(subject_like(para, m, vocab) for m in persons):
            for q in quotes:
                if said.add(name, q[0] + 1, q[1]):
                    used_quotes.add(q)
            return name
    return None


def glued_heading(para: Paragraph, a: int, b: int) -> bool:
    """A section's heading run into the quote that opens the section, on a page that lost its line breaks
    (…多投30万少赚20万“我们还算运气好…”昨日，…谢辉副总经理…): up to 30 characters, no punctuation, nobody in
    it (not 当他以浑厚的嗓音唱起了“…”: a clause about someone, a song)."""
    return 0 < b - a <= 30 and not _HEADING_PUNCT_RE.search(para.text, a, b) and not para.mentions_in(a, b)


_HEADING_PUNCT_RE = re.compile(r"[，,。；;：:！？!?、“”‘’《》()（）]")


def lead_quotes(para: Paragraph, used_quotes: set[Quote], said: Statements,
                who: Callable[[Mention], str | None], config: SpeechConfig) -> None:
    """After a paragraph's statements are read: a quote that is its whole sentence and nobody's, right before a
    sentence in which a person named there, the first one named, starts to speak, is theirs: the lead quote of their
    story (“太阳能…列第二位，除核电外。”6月5日，…国家能源局副局长吴贵辉对本报记者表示，… / “货还是要推，价格也不会
    降！”湖北人刘振明(化名)所在的公司…，“…”). Not a question (one put to them: “杨总，…能透露一下吗？”杨占芳笑着…),
    not one naming them (“郭晶晶越来越漂亮了…”郭晶晶也…), not one right before another quote (“…。”“…，”NAME说: the
    cue is the second quote's), not when another named person comes first (…”赵某说，原本琪琪…觉得…), not when their
    words open after a colon (…科比笑了：“…”: the quote before is often the question or another voice). Counted on
    the development splits before writing: THUCNews family 15 such quotes the gold gives that person, 7 it does not;
    as written, 8 there and 1 in People's Daily, every one the gold's."""
    text, units = para.text, para.units
    for k, sent in enumerate(units[:-1]):
        lead, end = strip_span(text, sent.start, sent.end)
        quotes = para.quotes_in(sent.start, sent.end)
        if len(quotes) != 1 or quotes[0] in used_quotes:
            continue
        q, nxt = quotes[0], units[k + 1]
        if not (q[0] == lead or glued_heading(para, lead, q[0])) or text[q[1] + 1:end].strip("。.！!… \t\u3000") \
                or text[q[1] - 1] not in "。.！!…" or not speech_quote(text, q, config) \
                or text[strip_span(text, nxt.start, nxt.end)[0]] in OPEN_QUOTES:
            continue
        first = said.first_start(nxt.start, nxt.end)
        if first is None:
            continue
        a, name = first
        persons = [m for m in para.mentions_in(nxt.start, a) if m.kind in ("name", "titled")
                   and not para.in_quote(m.start)]
        named = [m for m in persons if who(m) == name]
        inside = text[q[0]:q[1]]
        if not named or persons[0] is not named[0] or text[a - 2:a].rstrip("“\"")[-1:] in ("：", ":") or \
                name in inside or any(text[m.start:m.end] in inside for m in named):
            continue
        if said.add(name, q[0] + 1, q[1]):
            used_quotes.add(q)


def opening_quotes(para: Paragraph, used_quotes: set[Quote], said: Statements,
                   who: Callable[[Mention], str | None], config: SpeechConfig) -> None:
    """Quotes that open a sentence and break off at a comma, the sentence going on to one person who speaks in it:
    “这个外教带来了新的东西，…，”王博是广厦队的队长，…，他也从传球谈起，“…” / “…”，“…”，北京大学第一医院皮肤科吴艳
    医生多年致力于…的研究，她介绍道，“…”: the quotes are the words of the person the sentence then introduces. Not
    when anyone else is named before their words (“…，”记者问张三，…), not a question, not one naming them."""
    text = para.text
    for sent in para.units:
        lead = strip_span(text, sent.start, sent.end)[0]
        opening: list[Quote] = []
        k = lead
        while (q := para.quote_at.get(k)) is not None and q[1] < sent.end and q not in used_quotes:
            opening.append(q)
            k = q[1] + 1
            while k < sent.end and text[k] in "，, \t\u3000":
                k += 1
        if not opening or not any(c in "，," for c in text[opening[-1][1] - 1:opening[-1][1] + 2]) or \
                not all(speech_quote(text, q, config) and text[q[1] - 1] not in "？?" for q in opening):
            continue
        first = said.first_start(k, sent.end)
        if first is None:
            continue
        a, name = first
        persons = [m for m in para.mentions_in(k, a) if m.kind in ("name", "titled", "pronoun")
                   and not para.in_quote(m.start)]
        if not persons or persons[0].kind == "pronoun" or any(who(m) != name for m in persons) or \
                any(name in text[q[0]:q[1]] or m.kind != "pronoun" and text[m.start:m.end] in text[q[0]:q[1]]
                    for q in opening for m in persons):
            continue
        for q in opening:
            if said.add(name, q[0] + 1, q[1]):
                used_quotes.add(q)
