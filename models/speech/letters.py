"""A letter speaking for its sender (国务院副总理吴邦国为会议发来贺信，贺信指出，… / 希拉克发给杨咏桔的贺词。贺词指出：
“…”): 贺信 / 贺词 / 贺电 opening a clause before a reporting verb stands for the one person the text names as
the letter's sender, a mention of kind "titled" resolved to that person; a letter of a body (中央军委的慰问电)
or of nobody named stays nobody's."""
from __future__ import annotations

import re
from bisect import insort
from functools import lru_cache

from zhnews.models.schema import Span
from zhnews.models.speech.clauses import clause_start
from zhnews.models.speech.paragraph import Mention, Paragraph
from zhnews.models.speech.vocab import SpeechConfig

LETTER_WORDS = ("贺信", "贺词", "贺电", "慰问电", "唁电", "来信")
# 贺信指出，/ 贺词中说： / 贺电还表示: the letter opening the clause, then a reporting verb (the config's verbs);
# a plain letter with 中 (…日前致信省水利厅。信中说，…; not 信说)
_LETTER_CUE = "(" + "|".join(LETTER_WORDS) + "|信(?=中))(?:中)?(?:还|也)?(?={verbs})"
# where the sentences before name a letter: the letter words, or a plain letter sent or written (致信, 写信, 一封信)
_PLAIN_LETTER = re.compile("(?<=[致写的封])信(?![心息念任用号誉仰赖托访])")  # (not 坚定的信心)
_SENDER_VERBS = ("发来", "发给", "发去", "致", "写来", "写给", "寄来", "发出", "发表")
_LOOK_BACK = 3  # sentences: the letter is named just before it speaks


def letter_mentions(text: str, paras: list[Paragraph], config: SpeechConfig) -> None:
    """Add a resolved mention for each letter that opens a clause before a reporting verb and whose sender
    the sentences before name (`_sender`), or an earlier cue of the same letter found."""
    cue_re = _cue_re(tuple(config.all_verbs))
    sentences = [(para, s) for para in paras for s in para.sentences]
    senders: dict[str, str] = {}  # the letter's sender once found: 贺词说 again paragraphs later is still theirs
    for k, (para, sent) in enumerate(sentences):
        for m in cue_re.finditer(text, sent.start, sent.end):
            a, b = m.span(1)
            if text[clause_start(text, para.span.start, a):a].strip() or para.mentions_in(a, b):
                continue
            sender = _sender(text, sentences[max(0, k - _LOOK_BACK):k + 1], a) or senders.get(m.group(1))
            if sender is not None:
                senders[m.group(1)] = sender
                insort(para.mentions, Mention(a, b, "titled", name=sender, surname="", title=m.group(1)),
                       key=lambda o: o.start)


@lru_cache(maxsize=8)
def _cue_re(verbs: tuple[str, ...]) -> re.Pattern:
    """The letter cue for a config's verbs (compiled once, not per article)."""
    return re.compile(_LETTER_CUE.format(verbs="|".join(map(re.escape, verbs))))


def _sender(text: str, window: list[tuple[Paragraph, Span]], before: int) -> str | None:
    """The sender named in the nearest sentence of `window` (before `before`) that names a letter: the one
    person there, no reporter, followed by 发来 / 发给 / 致 / 发表 … before anyone else is named (希拉克发给…社长杨咏桔
    的贺词: 希拉克, not the addressee), or by 在 and the letter (江泽民在贺词中说)."""
    for para, sent in reversed(window):
        end = min(sent.end, before)
        plain = [m.start() for m in _PLAIN_LETTER.finditer(text, sent.start, end)]
        at = max([text.rfind(w, sent.start, end) for w in LETTER_WORDS] + plain[-1:])
        if at < 0:
            continue
        persons = [o for o in para.mentions_in(sent.start, at) if o.kind in ("name", "absorbed") and o.name
                   and not para.in_quote(o.start) and not (o.role or "").endswith("记者")]
        senders = set()
        for k, o in enumerate(persons):  # (江泽民在贺词中说: 在 and the letter)
            upto = persons[k + 1].start if k + 1 < len(persons) else at
            if any(v in text[o.end:upto] for v in _SENDER_VERBS) or (upto == at and text[o.end:at].strip() == "在"):
                senders.add(o.name)
            elif re.search("[向给]", text[o.end:upto]) and any(v in text[o.end:at] for v in _SENDER_VERBS):
                senders.add(o.name)  # 阎景川今天向…总统科瓦契奇发去贺电: the one before 向 sends, those after receive
                break
        return senders.pop() if len(senders) == 1 else None
    return None
