"""The data the rules share: a body `Paragraph` (its sentences as the pipeline split them, the same
joined where a quote runs across them, jieba's words, its quotes and, once found, its mentions), and
the `Mention` and `Cue` found in it. Positions are absolute offsets into the article text."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from zhnews.models.speech.names import postag
from zhnews.models.schema import Span
from zhnews.models.speech.clauses import find_quotes

Token = tuple[str, str, int, int]  # word, jieba POS tag, start, end
Quote = tuple[int, int]  # indices of the opening and the closing mark


@dataclass
class Mention:
    """A reference to someone: a name, a titled form (王部长), a pronoun, a first-person word or an
    anonymous source (`kind`: name | absorbed | titled | pronoun | plural | first | anon; an absorbed
    "name" is part of an organisation or event name, 宁德时代)."""

    start: int
    end: int
    kind: str
    name: str | None = None  # canonical person name (for name / resolved titled)
    role: str | None = None
    role_start: int | None = None  # where the role words before the name begin
    prefix_start: int | None = None  # where the noun phrase before the name begins (role or not)
    surname: str | None = None  # titled: surname and title
    title: str | None = None

    def phrase_start(self) -> int:
        """Start of the noun phrase ending in the name (小牛主帅里克-卡莱尔), whether or not it is a role."""
        for pos in (self.prefix_start, self.role_start):
            if pos is not None:
                return min(pos, self.start)
        return self.start


@dataclass
class Cue:
    """A reporting verb with its subject: `kind` person (subject set), anon (an anonymous source) or
    other (an organisation, a plural or narration: 数据显示)."""

    verb_start: int
    verb_end: int
    clause_start: int
    subject: Mention | None  # None: an organisation / unnamed subject
    kind: str
    subject_start: int
    # 李强、王伟表示: persons coordinated with `subject` (before it); each is a speaker of what it says
    partners: list[Mention] = field(default_factory=list)


@dataclass
class Paragraph:
    """One body paragraph. `units` (derived) are its sentences joined where a quote runs across
    them: the rules walk those, so a quoted passage is never cut."""

    text: str  # the whole article
    span: Span
    sentences: list[Span]  # as split upstream: what the name finder is asked about
    toks: list[Token]
    quotes: list[Quote]  # sorted by opening
    mentions: list[Mention] = field(default_factory=list)  # sorted by start once collected
    longest_mention: int = 0  # chars of the longest mention (set when mentions are collected)
    # the organisations and places the name finder tags here, (start, end) sorted: where a role's
    # organisation begins when jieba cut its name up (乐|视网董事长, 久盛|地板董事长; roles.whole_body)
    bodies: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.units = self._join_quoted()
        self.tok_starts = [t[2] for t in self.toks]
        self.bounds = {t[2] for t in self.toks} | {t[3] for t in self.toks}
        # lookups by position (quotes are sorted by opening): a scan of every quote per question
        # is quadratic in a long paragraph
        self.quote_opens = [o for o, _ in self.quotes]
        self.quote_reach: list[int] = []  # furthest close among the quotes up to each one
        self.quote_at: dict[int, Quote] = {}
        self.quote_closing: dict[int, Quote] = {}
        reach = -1
        for q in self.quotes:
            reach = max(reach, q[1])
            self.quote_reach.append(reach)
            self.quote_at.setdefault(q[0], q)
            self.quote_closing.setdefault(q[1], q)

    @classmethod
    def build(cls, text: str, span: Span, sentences: list[Span], hmm: bool = True) -> Paragraph:
        """Tag the paragraph and find its quotes; `sentences` are its sentences, in order; `hmm`: jieba's
        HMM for the words its dictionary lacks (`SpeechConfig.jieba_hmm`)."""
        # tagged a sentence at a time: jieba cuts at punctuation anyway, so the words are the same as
        # for the whole paragraph, and the name finder's questions about these sentences hit the cache
        toks: list[Token] = []
        pos = span.start
        for a, b in [(x.start, x.end) for x in sentences] + [(span.end, span.end)]:
            a = max(a, pos)  # sentences never overlap; if they did, no character is tagged twice
            for lo, hi in ((pos, a), (a, b)):
                if hi > lo:
                    toks += [(w, f, s + lo, e + lo) for w, f, s, e in postag(text[lo:hi], hmm)]
            pos = max(pos, b)
        return cls(text, span, list(sentences), toks, find_quotes(text, span.start, span.end))

    def _join_quoted(self) -> list[Span]:
        sentences, quotes = self.sentences, self.quotes
        if not quotes or len(sentences) < 2:
            return list(sentences)
        out: list[Span] = []
        k, reach = 0, -1  # quotes are sorted by opening: the furthest close of those open so far
        for s in sentences:
            while out and k < len(quotes) and quotes[k][0] < out[-1].end:
                reach = max(reach, quotes[k][1])
                k += 1
            if out and reach >= s.start:
                a = out[-1].start
                out[-1] = Span(self.text[a:s.end], a, s.end)
            else:
                out.append(s)
        return out

    def quotes_in(self, a: int, b: int) -> list[Quote]:
        """The quotes opening in [a, b), in order."""
        return self.quotes[bisect_left(self.quote_opens, a):bisect_left(self.quote_opens, b)]

    def in_quote(self, pos: int) -> bool:
        k = bisect_left(self.quote_opens, pos)  # quotes opening before pos
        return k > 0 and self.quote_reach[k - 1] > pos

    def quote_before(self, pos: int) -> Quote | None:
        """A quote that closes right before `pos` (only commas / spaces between)."""
        j = pos
        while j > self.span.start and self.text[j - 1] in " \t\u3000，,":
            j -= 1
        return self.quote_closing.get(j - 1)

    def sentence_start(self, pos: int) -> int:
        """Where the sentence holding absolute position `pos` starts (the paragraph's start before any)."""
        return max((s.start for s in self.sentences if s.start <= pos), default=self.span.start)

    def tok_index(self, pos: int) -> int:
        """Index of the token containing absolute position `pos`."""
        return max(0, bisect_right(self.tok_starts, pos) - 1)

    def mentions_in(self, a: int, b: int) -> list[Mention]:
        """The mentions lying in [a, b), in order (`mentions` is sorted by start once collected)."""
        out = []
        for i in range(bisect_left(self.mentions, a, key=lambda m: m.start), len(self.mentions)):
            m = self.mentions[i]
            if m.start >= b:
                break
            if m.end <= b:
                out.append(m)
        return out

    def overlapping(self, m: Mention, s: int, e: int) -> Mention | None:
        """The first mention other than `m` overlapping [s, e), in `mentions` (sorted by start
        here) order: only those starting less than the longest mention before e can reach s."""
        lo = bisect_left(self.mentions, s - self.longest_mention + 1, key=lambda o: o.start)
        hi = bisect_left(self.mentions, e, key=lambda o: o.start)
        return next((o for o in self.mentions[lo:hi] if o is not m and s < o.end), None)
