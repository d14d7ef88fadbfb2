"""The statements found so far: per speaker, the spans of the text they said, kept sorted with none
inside another, and who spoke last (what 他说 falls back to, and what an unattributed quote
continues). Also the test every free-standing quote passes to count as speech."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter

from zhnews.models.schema import Span, Speaker
from zhnews.models.speech.clauses import content_len, strip_span
from zhnews.models.speech.paragraph import Mention, Quote
from zhnews.models.speech.layout_vocab import INTERVIEW_RE, QUESTION_TURN_RE, REPEATED_LABEL_RE
from zhnews.models.speech.vocab import FURNITURE_RE, SpeechConfig


class Statements:
    def __init__(self, text: str, config: SpeechConfig):
        self.text = text
        self.config = config
        self.spans: dict[str, list[tuple[int, int]]] = {}
        self.last_speaker: str | None = None
        self.groups: dict[str, list[str]] = {}  # a key standing for several speakers (`group`)
        self.interviewee: str | None = None  # the last person labelled in a transcript (张三：…): 答 is theirs
        # labels opening two turns or more (王彦庆：… 新浪家居：… 王彦庆：…)
        found = list(REPEATED_LABEL_RE.finditer(text))
        self.label_counts = Counter(m.group(1) for m in found)
        self.labels = {label for label, n in self.label_counts.items() if n >= 2}
        # the text holds 问：/答：/记者：/主持人： turns, or two labels that take turns, one of them asking
        # (新浪家居：您有怎样的祝语？); experts' names as labels between reporting make no interview
        asking = {m.group(1) for m in found if m.group(1) in self.labels and QUESTION_TURN_RE.match(text, m.end())}
        self.interview = bool(INTERVIEW_RE.search(text)) or (len(self.labels) >= 2 and bool(asking))
        self.host: str | None = None  # the transcript's host when the text names them (主持人陶红兵)
        self.reporter_guest: str | None = None  # a reporter a broadcast links up to, who answers as 记者：

    def group(self, names: list[str]) -> str:
        """One speaker key for persons who say something together (李强、王伟表示): what is added
        under it is each one's statement."""
        names = list(dict.fromkeys(names))
        if len(names) == 1:
            return names[0]
        key = "、".join(names)  # a name never holds 、
        self.groups[key] = names
        return key

    def add(self, name: str, a: int, b: int, keep_final: bool = True, min_chars: int | None = None) -> bool:
        """Record text[a:b] (trimmed) as said by `name` (each member of a `group`), unless it is too
        short to say anything (`min_chars`, default the config's)."""
        if name in self.groups:
            added = [self.add(n, a, b, keep_final, min_chars) for n in self.groups[name]]
            self.last_speaker = name
            return any(added)
        a, b = strip_span(self.text, a, b, keep_final)
        furniture = FURNITURE_RE.search(self.text, a, b)
        if furniture:  # …谢谢大家！我要评论 / 李开复(微博): the statement stops before it
            a, b = strip_span(self.text, a, furniture.start(), keep_final)
        shortest = self.config.min_statement_chars if min_chars is None else min_chars
        if content_len(self.text, a, b) < shortest and not self._whole_utterance(a, b):
            return False
        # kept sorted by start with none inside another, so the ends are sorted too: a span covering
        # [a, b) can only be the last one starting at or before a, and the spans [a, b) covers
        # follow one another from the first one starting at a (a scan of all of them per statement
        # is quadratic for a speaker of thousands of statements)
        spans = self.spans.setdefault(name, [])
        k = bisect_right(spans, a, key=lambda t: t[0])
        if k and b <= spans[k - 1][1]:
            return True  # already covered
        i = j = bisect_left(spans, a, key=lambda t: t[0])
        while j < len(spans) and spans[j][1] <= b:
            j += 1
        spans[i:j] = [(a, b)]
        self.last_speaker = name
        return True

    def _whole_utterance(self, a: int, b: int) -> bool:
        """text[a:b] is a whole quotation ending in 。！？ inside its marks (她回答：“不会。”, “谢谢！”): a short
        answer, not a quoted term (称之为“诈伤门”)."""
        text = self.text
        return 0 < a and b < len(text) and text[a - 1] in "“「\"" and text[b] in "”」\"" and \
            text[b - 1] in "。！？!?" and content_len(text, a, b) >= 2

    def covers(self, m: Mention) -> bool:
        """`m` lies inside someone's statement."""
        for spans in self.spans.values():  # sorted, none inside another: ends sorted too
            k = bisect_right(spans, m.start, key=lambda t: t[0])
            if k and m.end <= spans[k - 1][1]:
                return True
        return False

    def first_start(self, a: int, b: int) -> tuple[int, str] | None:
        """(start, speaker) of the earliest statement that starts in [a, b), None when none does."""
        return min(((s, name) for name, spans in self.spans.items() for s, _ in spans if a <= s < b), default=None)

    def speakers(self, roles: dict[str, str]) -> list[Speaker]:
        """Every speaker with a statement, with role and statements, in order of first statement."""
        out = []
        for name, spans in self.spans.items():
            spans = sorted(set(spans))
            if not spans:
                continue
            out.append((spans[0][0], Speaker(
                name=name,
                role=roles.get(name),
                statements=[Span(self.text[a:b], a, b) for a, b in spans],
            )))
        out.sort(key=lambda t: t[0])
        return [sp for _, sp in out]


# a quote these follow names a policy, a slogan, a doctrine: 『和平统一、一国两制』方针
_TERM_AFTER_RE = re.compile(r"的?(?:方针|政策|口号|原则|思想|理论|方略|战略|构想|主张|路线|模式|概念|精神|提法)")


def term_quote(text: str, q: Quote) -> bool:
    """『和平统一、一国两制』方针: a quote naming a policy, a slogan, a doctrine (no sentence inside)."""
    return bool(_TERM_AFTER_RE.match(text, q[1] + 1)) and not any(c in text[q[0] + 1:q[1]] for c in "，,。！？!?")


def ends_its_sentence(text: str, q: Quote, end: int) -> bool:
    """The quote `q` closes inside text[:end] with nothing but a final stop after it (…表示“没想好”。)."""
    return q[1] < end and not text[q[1] + 1:end].strip(" \t\u3000。！？!?")


def speech_quote(text: str, q: Quote, config: SpeechConfig) -> bool:
    """A quote that says something (long enough, or a clause of its own), not a quoted term."""
    if term_quote(text, q):
        return False
    inner = text[q[0] + 1:q[1]]
    return content_len(text, q[0] + 1, q[1]) >= config.min_free_quote_chars or \
        any(c in inner for c in "，,。！？!?")
