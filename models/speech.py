"""Who spoke, and what they said: rule-based speech attribution on top of a name finder.

    speakers = attribute(text, body_paragraphs, find_names)         # -> list[Speaker]

`find_names` is any `NameFinder` (a batch of sentence strings -> entities per sentence, offsets
relative to each sentence, labels PER/ORG/LOC): the learned NER head in production,
`models.names.jieba_name_finder` offline and in tests. The vocabulary is in models/speech_vocab.py.

The rules (all general news conventions, nothing tied to one source):

- indirect speech: ``[ROLE]NAME[…]VERB，content`` -- the statement is the content after the cue to
  the end of the sentence; later sentences of the same paragraph continue that speaker's reported
  speech until another cue, a narrative sentence (a person as subject, 据悉 / 记者了解到 / a date,
  a 他/她 sentence that is not a cue), the paragraph end or `max_continuation` sentences (fewer in
  a "paragraph" that is really a whole article without line breaks); a cue without punctuation
  (张三希望…) continues only when it opens the paragraph; ``…，并表示，…`` keeps the speaker;
- direct quotes: ``NAME说：“…”``, ``“…”，NAME说``, ``“…”NAME表示``, ``“…，”NAME说，“…”``; an
  unattributed speech quote right after a speaker's statement continues that speaker;
- 他/她 (and 其 directly before the verb) + verb -> the last named person of the paragraph, else the
  last speaker;
- roles: the role-like words right before the name in its clause (科技部部长王志刚), ``NAME（ROLE）``,
  ``ROLE NAME``, a title right after the name (王志刚部长); the first role of any mention is kept;
- mentions without content (会议由殷勇主持, 出席会议并讲话) give no statement; anonymous sources
  (业内人士, 有关负责人 ...) and organisations (会议指出) are not speakers but do end a continuation;
- 通报了 / 介绍了 + object: the object is the statement;
- surname + title (王部长表示) maps to the one full name with that surname (and title) in the article;
  an address form (李先生, 老王) only to a person named earlier, and never after 市民/网友 (a new,
  anonymous person); 王某 never;
- names: the finder's PER entities that look like person names (`plausible_name`), plus
  ``ROLE|ORG + surname-name + verb`` for names a finder misses, foreign names joined by - or ·
  (a later 卡莱尔 is 里克-卡莱尔), then every other occurrence of a known name.

Statements are exact spans of `text`, without the cue and leading punctuation, with the final
punctuation kept. Pure Python + jieba.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from zhnews.models.names import _common_word, _is_translit, _postag, _surname_of, _word_info, plausible_name
from zhnews.models.schema import Entity, Span, Speaker
from zhnews.models.speech_vocab import (
    CLAUSE_PUNCT,
    CLOSE_QUOTES,
    COMMON_SURNAMES,
    COMPOUND_SURNAMES,
    EXPRESSIVE_OBJECTS,
    FUNCTION_SURNAMES,
    FUNCTION_TAGS,
    INTERACTION_WORDS,
    MAX_CLAUSE_CHARS,
    NAME_FOLLOWERS,
    NAME_TAIL_FUNCTION_CHARS,
    NOT_A_PERSON_AFTER,
    NOT_SUBJECT_AFTER,
    OPEN_QUOTES,
    ROLE_NOUNS,
    SHORT_ADVERBS,
    SpeechConfig,
    TEMPORAL_ENDS,
    TRANSLIT_CHARS,
    VERB_PREFIXES,
    ZERO_SUBJECT_OPENERS,
    _ADVERBIAL_GAP_RE,
    _CLAUSE_DELIM_RE,
    _DATE_START_RE,
    _DEFAULT_CONFIG,
    _HAN,
    _HAN_RE,
    _LEAD_STRIP,
    _NAME_DOTS,
    _PAREN_CLOSERS_RE,
    _SENT_FINAL,
    _TRAIL_STRIP,
    _has_role_word,
    _vocab,
)

NameFinder = Callable[[list[str]], list[list[Entity]]]

# ---------------------------------------------------------------- data structures


@dataclass
class _Mention:
    start: int
    end: int
    kind: str  # name | titled | pronoun | plural | first | anon
    name: str | None = None  # canonical person name (for name / resolved titled)
    role: str | None = None
    role_start: int | None = None  # where the role words before the name begin
    prefix_start: int | None = None  # where the noun phrase before the name begins (role or not)
    surname: str | None = None  # titled: surname and title
    title: str | None = None


@dataclass
class _Cue:
    verb_start: int
    verb_end: int
    clause_start: int
    subject: _Mention | None  # None: an organisation / unnamed subject
    kind: str  # person | anon | other
    subject_start: int


@dataclass
class _Para:
    span: Span
    toks: list[tuple[str, str, int, int]]  # absolute offsets
    tok_starts: list[int]
    bounds: set[int]
    quotes: list[tuple[int, int]]  # (open index, close index), absolute
    sentences: list[Span]
    mentions: list[_Mention] = field(default_factory=list)
    longest_mention: int = 0  # chars of the longest mention (set when mentions are collected)

    def __post_init__(self) -> None:
        # lookups by position (quotes are sorted by opening): a scan of every quote per question
        # is quadratic in a long paragraph
        self.quote_opens = [o for o, _ in self.quotes]
        self.quote_reach: list[int] = []  # furthest close among the quotes up to each one
        self.quote_at: dict[int, tuple[int, int]] = {}
        self.quote_closing: dict[int, tuple[int, int]] = {}
        reach = -1
        for q in self.quotes:
            reach = max(reach, q[1])
            self.quote_reach.append(reach)
            self.quote_at.setdefault(q[0], q)
            self.quote_closing.setdefault(q[1], q)

    def quotes_in(self, a: int, b: int) -> list[tuple[int, int]]:
        """The quotes opening in [a, b), in order."""
        return self.quotes[bisect_left(self.quote_opens, a):bisect_left(self.quote_opens, b)]

    def mentions_in(self, a: int, b: int) -> list[_Mention]:
        """The mentions lying in [a, b), in order (`mentions` is sorted by start once collected)."""
        out = []
        for i in range(bisect_left(self.mentions, a, key=lambda m: m.start), len(self.mentions)):
            m = self.mentions[i]
            if m.start >= b:
                break
            if m.end <= b:
                out.append(m)
        return out


# ---------------------------------------------------------------- small text helpers


def _find_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Balanced “…” 「…」 pairs (outermost), plus ASCII "…" pairs, as (open, close) indices."""
    out: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    ascii_open: int | None = None
    for i in range(start, end):
        c = text[i]
        if c in OPEN_QUOTES:
            stack.append((OPEN_QUOTES[c], i))
        elif c in CLOSE_QUOTES:
            while stack and stack[-1][0] != c:
                stack.pop()  # an unclosed inner mark
            if stack:
                _, o = stack.pop()
                if not stack:
                    out.append((o, i))
        elif c == '"' and not stack:
            if ascii_open is None:
                ascii_open = i
            else:
                out.append((ascii_open, i))
                ascii_open = None
        elif c in "\n\r":
            stack.clear()
            ascii_open = None
    out.sort()
    return out


def _strip_span(text: str, a: int, b: int, keep_final: bool = True) -> tuple[int, int]:
    """Trim leading punctuation/space and trailing space (and trailing commas); keep 。！？."""
    while a < b and text[a] in _LEAD_STRIP:
        a += 1
    while b > a and text[b - 1] in _TRAIL_STRIP:
        b -= 1
    if not keep_final:
        while b > a and text[b - 1] in _SENT_FINAL:
            b -= 1
    return a, b


def _content_len(text: str, a: int, b: int) -> int:
    return sum(1 for c in text[a:b] if c.isalnum())


@lru_cache(maxsize=2)
def _delimiters(text: str) -> list[int]:
    """Positions of the clause delimiters of `text` (cached: the attribution asks for the clause
    around many positions of one text, and a scan per question is quadratic in a clause without
    punctuation, e.g. a 1,000,000-char run of text)."""
    return [m.start() for m in _CLAUSE_DELIM_RE.finditer(text)]


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Start of the clause holding `pos`: just after the last delimiter before it, at least `lo`,
    and at most `MAX_CLAUSE_CHARS` before `pos`."""
    if pos <= lo:
        return pos
    delims = _delimiters(text)
    k = bisect_left(delims, pos) - 1
    return max(lo, delims[k] + 1 if k >= 0 else lo, pos - MAX_CLAUSE_CHARS)


def _clause_end(text: str, pos: int, hi: int) -> int:
    """The first delimiter at or after `pos` (before `hi`), else `hi`; at most `MAX_CLAUSE_CHARS`
    after `pos`."""
    if pos >= hi:
        return pos
    delims = _delimiters(text)
    k = bisect_left(delims, pos)
    return min(hi, delims[k] if k < len(delims) else hi, pos + MAX_CLAUSE_CHARS)


def _closes_paren(s: str) -> bool:
    """`s` closes a bracket it did not open: what precedes it sits inside （…）."""
    if not _PAREN_CLOSERS_RE.search(s):
        return False
    depth = 0
    for c in s:
        if c in "（(【[":
            depth += 1
        elif c in "）)】]":
            if depth == 0:
                return True
            depth -= 1
    return False


def _drop_parens(s: str) -> str:
    return re.sub(r"[（(][^（）()]{0,40}[）)]", "", s)


# ---------------------------------------------------------------- attribution


class _Attributor:
    def __init__(self, text: str, paragraphs: list[Span], find_names: NameFinder, config: SpeechConfig):
        self.text = text
        self.config = config
        self.vocab = _vocab(config)
        self.find_names = find_names
        self.paras: list[_Para] = []
        for p in paragraphs:
            if p.end <= p.start:
                continue
            self.paras.append(self._prepare(p))
        # results
        self.statements: dict[str, list[tuple[int, int]]] = {}
        self.roles: dict[str, str] = {}
        self.last_speaker: str | None = None
        self.cue_subjects: set[int] = set()  # starts of mentions that are the subject of a speech cue

    # ------------------------------------------------------------ preparation
    def _prepare(self, p: Span) -> _Para:
        text = self.text
        sentences = _split_sentences(text, p.start, p.end)
        # tagged a sentence at a time: jieba cuts at punctuation anyway, so the words are the same as
        # for the whole paragraph, and the name finder's questions about these sentences hit the cache
        toks, pos = [], p.start
        for a, b in [(x.start, x.end) for x in sentences] + [(p.end, p.end)]:
            a = max(a, pos)  # sentences never overlap; if they did, no character is tagged twice
            for lo, hi in ((pos, a), (a, b)):
                if hi > lo:
                    toks += [(w, f, s + lo, e + lo) for w, f, s, e in _postag(text[lo:hi])]
            pos = max(pos, b)
        bounds = {t[2] for t in toks} | {t[3] for t in toks}
        quotes = _find_quotes(text, p.start, p.end)
        sentences = self._merge_quote_sentences(sentences, quotes)
        return _Para(p, toks, [t[2] for t in toks], bounds, quotes, sentences)

    def _merge_quote_sentences(self, sentences: list[Span], quotes) -> list[Span]:
        """Join sentences a quote runs across, so a quoted passage is never cut."""
        if not quotes or len(sentences) < 2:
            return sentences
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

    def _tok_index(self, para: _Para, pos: int) -> int:
        """Index of the token containing absolute position `pos`."""
        return max(0, bisect_right(para.tok_starts, pos) - 1)

    def _in_quote(self, para: _Para, pos: int) -> bool:
        k = bisect_left(para.quote_opens, pos)  # quotes opening before pos
        return k > 0 and para.quote_reach[k - 1] > pos

    # ------------------------------------------------------------ names
    def collect_mentions(self) -> None:
        text, config = self.text, self.config
        # one batch for the finder: every sentence, plus pieces of long ones (encoders truncate)
        pieces: list[tuple[int, str]] = []
        for para in self.paras:
            for s in _split_sentences(text, para.span.start, para.span.end):
                pieces.append((s.start, s.text))
                if len(s.text) > config.ner_chunk_chars:
                    for a, b in _chunks(s.text, config.ner_chunk_chars):
                        if a > 0:
                            pieces.append((s.start + a, s.text[a:b]))
        found: list[list[Entity]] = self.find_names([t for _, t in pieces]) if pieces else []
        spans: dict[tuple[int, int], str] = {}
        for (base, piece), ents in zip(pieces, found or []):
            for ent in ents or []:
                label = (ent.label or "").upper()
                if label not in ("PER", "PERSON"):
                    continue
                a, b = base + ent.start, base + ent.end
                name = text[a:b].strip()
                if name and plausible_name(name, config):
                    spans[(a, b)] = name
        # transliterated names joined by - or · that the finder cut: 让-皮埃尔
        for (a, b), name in list(spans.items()):
            m = re.search(f"([{''.join(TRANSLIT_CHARS)}]{{1,5}})[-－·•・]$", text[max(0, a - 7):a])
            if m and 2 <= len(name) <= 5 and (len(m.group(1)) >= 2 or _is_translit(name)) and (a, b) in spans:
                a2 = a - len(m.group())
                for k in [k for k in spans if k[0] < b and a2 < k[1]]:
                    del spans[k]  # the cut pieces (戴尔 | 邓普斯)
                spans[(a2, b)] = text[a2:b]
        # supplementary: ROLE + surname-name + (adverb) + reporting verb (上海市市长龚正说)
        for para in self.paras:
            for a, b, name in self._heuristic_names(para):
                inside = [(s, e) for s, e in spans if a < e and s < b]
                if all(a <= s and e <= b for s, e in inside):  # none, or shorter cuts of it (黄益|平)
                    for k in inside:
                        del spans[k]
                    spans[(a, b)] = name
        # 叶鹏却认为: a function word the finder glued to the name
        for (a, b), name in list(spans.items()):
            if len(name) >= 3 and name[-1] in NAME_TAIL_FUNCTION_CHARS and plausible_name(name[:-1], config):
                del spans[(a, b)]
                spans[(a, b - 1)] = name[:-1]
        # 董祚 where the article also has 董祚继 at that very place: the longer known name
        known = set(spans.values())
        known |= {part for n in known for part in re.split(f"[{_NAME_DOTS}\\-－]", n) if len(part) >= 2}
        known = sorted(known, key=len, reverse=True)  # parts too: 威尔德 of 丹尼斯·威尔德
        for (a, b), name in list(spans.items()):
            longer = next((n for n in known if len(n) > len(name) and name in n
                           and text.startswith(n, a - n.index(name))), None)
            if longer:
                a2 = a - longer.index(name)
                if not any(k != (a, b) and k[0] < a2 + len(longer) and a2 < k[1] for k in spans):
                    del spans[(a, b)]
                    spans[(a2, a2 + len(longer))] = longer  # 董祚|继, 阿|德尔曼
        names = set(spans.values())
        # every other occurrence of a known name is a mention too (`taken` marks the characters of
        # the spans so far: one look per match, not one per span, which is quadratic in a long text)
        taken = bytearray(len(text))
        for s, e in spans:
            taken[s:e] = b"\x01" * (e - s)
        for para in self.paras:
            for name in sorted(names, key=len, reverse=True):
                for m in re.finditer(re.escape(name), text[para.span.start:para.span.end]):
                    a, b = para.span.start + m.start(), para.span.start + m.end()
                    if any(taken[a:b]):
                        continue
                    spans[(a, b)] = name
                    taken[a:b] = b"\x01" * (b - a)
        # 马鲁夫 after 乔-马鲁夫, 莎士比亚 after 汤姆·莎士比亚: the full foreign name
        names = set(spans.values())
        joined = [n for n in names if re.search(f"[{_NAME_DOTS}\\-－]", n)]
        canonical = {}
        for n in names:
            if n in joined:
                continue
            full = [f for f in joined if re.search(f"(^|[{_NAME_DOTS}\\-－]){re.escape(n)}($|[{_NAME_DOTS}\\-－])", f)]
            if len(full) == 1:
                canonical[n] = full[0]
        for para in self.paras:
            lo, hi = para.span.start, para.span.end
            for (a, b), name in spans.items():
                if lo <= a and b <= hi:
                    kind = "absorbed" if text.startswith(NOT_A_PERSON_AFTER, b) or self._glued_noun(para, b) \
                        else "name"
                    para.mentions.append(_Mention(a, b, kind, name=canonical.get(name, name)))
            para.mentions.sort(key=lambda m: m.start)
            para.longest_mention = max((m.end - m.start for m in para.mentions), default=0)
            for m in para.mentions:
                self._role_of(para, m)
        for para in self.paras:
            for m in para.mentions:
                if m.kind == "name" and m.role and m.name not in self.roles:
                    self.roles[m.name] = m.role
        # pronouns, titled forms, anonymous sources, first person
        for para in self.paras:
            self._other_mentions(para)
            para.mentions.sort(key=lambda m: (m.start, -m.end))

    @staticmethod
    def _overlapping(para: _Para, m: _Mention, s: int, e: int) -> _Mention | None:
        """The first mention other than `m` overlapping [s, e), in `para.mentions` (sorted by start
        here) order: only those starting less than the longest mention before e can reach s."""
        lo = bisect_left(para.mentions, s - para.longest_mention + 1, key=lambda o: o.start)
        hi = bisect_left(para.mentions, e, key=lambda o: o.start)
        return next((o for o in para.mentions[lo:hi] if o is not m and s < o.end), None)

    def _glued_noun(self, para: _Para, b: int) -> bool:
        """The "name" ending at b runs straight into a common noun (景顺|长城基金, 宁德|时代): it names
        a company or an event there. Titles, reporting verbs, time words and the like do not count."""
        if b >= para.span.end or b not in para.bounds:
            return False
        word, flag, _, _ = para.toks[self._tok_index(para, b)]
        vocab = self.vocab
        if len(word) < 2 or any(word.startswith(t) for t in vocab["titles"]) or word in vocab["address_set"]:
            return False
        # only place / organisation / brand words: jieba tags many verbs n (坦言, 通报, 会见)
        return flag in ("ns", "nt", "nz") or any(word.endswith(o) for o in vocab["org_multi"])

    def _heuristic_names(self, para: _Para):
        """ROLE + name + (reporting verb | 在/于/日前/（ ...): names a finder may miss (龚正说, 普京表示).
        The name must start with a known surname (or be a transliteration) and not be a common word."""
        text, vocab = self.text, self.vocab
        lo, hi = para.span.start, para.span.end
        title_re = vocab["role_noun_re"]
        person_anchors = set(vocab["titles"]) | set(ROLE_NOUNS)
        for m in title_re.finditer(text, lo, hi):
            a = m.end()
            by_org = m.group() not in person_anchors  # an organisation word: 有线处周代群认为
            if by_org and text.startswith("的", a):
                a += 1  # 牡丹花木公司的柏兵告诉记者
            for n in (2, 3, 4):
                b = a + n
                if b > hi:
                    break
                name = text[a:b]
                if not _HAN_RE.match(name):
                    break
                surname = _surname_of(name)
                if surname:
                    if len(name) <= len(surname) or (n == 4 and len(surname) == 1):
                        continue
                elif not _is_translit(name):
                    continue
                if name[-1] in NAME_TAIL_FUNCTION_CHARS or (n >= 3 and _common_word(name[:2], 500)):
                    continue  # 高官还指出: 高官 + 还, not a name
                rest = b
                for adv in SHORT_ADVERBS:
                    if text.startswith(adv, rest):
                        rest += len(adv)
                        break
                verb = next((v for v in vocab["verbs"] if text.startswith(v, rest)), None)
                if verb:
                    ok = (rest + len(verb)) in para.bounds
                elif by_org:
                    ok = False  # after an organisation word only a reporting verb is evidence enough
                else:
                    fol = next((f for f in NAME_FOLLOWERS if text.startswith(f, b)), None)
                    ok = (fol is not None and (b in para.bounds or (b + len(fol)) in para.bounds)) or \
                        (b in para.bounds and b < hi and text[b] in "（(，,、")
                if not ok or _common_word(name) or not plausible_name(name, self.config):
                    continue
                given = name[len(surname):] if surname else ""
                if len(given) >= 2 and (_word_info(given)[1] or "")[:1] in FUNCTION_TAGS:
                    continue  # 民警曾数次告诫: 数次 is not a given name
                yield a, b, name
                break

    def _role_of(self, para: _Para, m: _Mention) -> None:
        """Role words right before the name in its clause; else （ROLE） or a title after it."""
        text, vocab = self.text, self.vocab
        cs = _clause_start(text, para.span.start, m.start)
        i = self._tok_index(para, m.start - 1) if m.start > cs else -1
        start = m.start
        accepted_nounish = after_coord = False
        # 服务中心的俞东平: an organisation joined to the name by 的 is the role
        de_end = None
        if m.start - 1 > cs and text[m.start - 1] == "的" and i >= 1 and para.toks[i][0] == "的":
            left = para.toks[i - 1]
            if left[1] in ("nt", "ns") or any(left[0].endswith(o) for o in vocab["org"]):
                de_end = m.start - 1
                i -= 1
                start = de_end
        while i >= 0 and para.toks[i][2] >= cs:
            word, flag, s, e = para.toks[i]
            if e > m.start:
                i -= 1
                continue
            other = self._overlapping(para, m, s, e)
            if other is not None:
                # a "name" glued to the organisation words after it is part of them (宁德时代董事长)
                nxt = text[other.end:other.end + 1]
                glued = accepted_nounish and other.end == start and nxt.strip() and nxt not in "、，,·和与及暨" and \
                    not any(text.startswith(t, other.end) for t in vocab["titles"])
                if not glued:
                    break  # another person: 部长张三、局长李四
                other.kind = "absorbed"
                start = other.start
                i = self._tok_index(para, other.start) - 1 if other.start > para.span.start else -1
                continue
            ok = False
            if len(word) >= 2 and word in INTERACTION_WORDS:
                pass  # 在中南海会见法国外长X -> 法国外长 (jieba tags 会见 n as often as v)
            elif word.strip() == "":
                ok = e == m.start  # 发言人 张三 (a space elsewhere ends the role: datelines)
            elif word in ("及", "和", "与", "暨") and accepted_nounish and \
                    any(o in text[s:m.start] for o in vocab["org"]) and \
                    not any(t for t in vocab["long_titles"] if text[e:m.start].startswith(t)):
                ok = after_coord = True  # 劳工及福利局局长, 感染及传染病中心总监
                start = s
                i -= 1
                continue
            elif after_coord and flag[:1] in ("v", "a"):
                ok = True
            elif word == "的" and accepted_nounish and i >= 1 and para.toks[i - 1][2] >= cs and (
                    para.toks[i - 1][1] in ("nt", "ns") or any(para.toks[i - 1][0].endswith(o) for o in vocab["org"])):
                ok = True  # 校友会联合会的创会会长
            elif word in ("、", "·", "-", "－"):
                ok = accepted_nounish
                if ok and word == "、" and vocab["title_re"] is not None:
                    left = text[cs:s]
                    # 印度总理辛格、巴西总统卢拉: what precedes 、 is another person, not a role
                    tail = re.search(f"({'|'.join(map(re.escape, vocab['long_titles']))})([{_HAN}]{{2,4}})$", left)
                    if tail and not _has_role_word(tail.group(2), vocab):
                        ok = False
            elif word in vocab["title_set"] or word in vocab["org_set"] or \
                    any(word.endswith(t) for t in vocab["long_titles"]) or \
                    (not flag.startswith("v") and any(word.endswith(o) for o in vocab["org"])):
                ok = True  # 发言人/l, 合作社/l
            elif flag[:1] in ("n", "j") or flag in ("b", "eng", "vn", "an"):
                ok = True
            elif flag == "m":
                ok = not any(c.isdigit() for c in word)  # 第十四届 yes, 6月10日 no
            elif flag[:1] in ("v", "a") and accepted_nounish:
                # adjectives / verbs inside an organisation name: 卫生健康委员会, 华山医院感染科
                k = i - 1
                while k >= 0 and para.toks[k][2] >= cs and para.toks[k][1][:1] == "a" and i - k <= 2:
                    k -= 1
                if flag[:1] == "v" and (k != i - 1 or len(word) > 2):
                    k = -1  # at most one short verb inside an organisation name
                ok = k >= 0 and para.toks[k][2] >= cs and (para.toks[k][1][:1] in ("n", "j")) and \
                    para.toks[k][1] not in ("nr", "nrfg")
            if not ok:
                break
            start = s
            accepted_nounish = word.strip() != "" or accepted_nounish
            after_coord = False
            i -= 1
        if start > cs and text[start - 1].isdigit() and start + 1 < m.start:
            i0 = self._tok_index(para, start)
            if para.toks[i0][3] - para.toks[i0][2] == 1:
                start += 1  # 5天|世界卫生组织…: the unit of a number, not the role
        role_end = de_end if de_end is not None else m.start
        m.prefix_start = start
        role = text[start:role_end].strip(" \t\u3000、·-－及和与暨")
        if role and len(role) <= self.config.max_role_chars and _has_role_word(role, vocab):
            m.role = role
            m.role_start = start + (len(text[start:role_end]) - len(text[start:role_end].lstrip(" \t\u3000、·-－及和与暨")))
        else:
            m.role_start = m.start
        # NAME（ROLE）
        after = text[m.end:min(m.end + 45, para.span.end)]
        pm = re.match(r"\s*[（(]([^（）()]{2,40})[）)]", after)
        if pm and not m.role and _has_role_word(pm.group(1), vocab):
            m.role = pm.group(1).strip()
        # NAME + title (王志刚部长, 习近平总书记)
        if not m.role:
            tm = vocab["title_re"].match(text, m.end) if vocab["title_re"] else None
            if tm and (tm.end() in para.bounds or tm.end() >= para.span.end):
                m.role = tm.group()

    def _other_mentions(self, para: _Para) -> None:
        text, config, vocab = self.text, self.config, self.vocab
        lo = para.span.start
        # characters of the paragraph already in a mention (a list of spans to test one by one
        # is quadratic in a long paragraph)
        covered = bytearray(para.span.end - lo)

        def where(a: int, b: int) -> slice:
            a = min(max(a - lo, 0), len(covered))
            return slice(a, min(max(b - lo, a), len(covered)))

        def take(a: int, b: int) -> None:
            at = where(a, b)
            covered[at] = b"\x01" * (at.stop - at.start)

        def free(a: int, b: int) -> bool:
            return not any(covered[where(a, b)])

        for m in para.mentions:
            take(m.start, m.end)

        pron, plural, first = set(config.pronouns), set(config.plural_pronouns), set(config.first_person)
        for word, flag, s, e in para.toks:
            if not free(s, e):
                continue
            if word in pron:
                para.mentions.append(_Mention(s, e, "pronoun"))
            elif word in plural:
                para.mentions.append(_Mention(s, e, "plural"))
            elif word in first:
                para.mentions.append(_Mention(s, e, "first"))
        # surname + title: 王部长, 李总, 市民王女士
        seg = text[para.span.start:para.span.end]
        titles = "|".join(map(re.escape, vocab["address"]))
        surnames = "|".join(sorted(COMPOUND_SURNAMES, key=len, reverse=True)) + "|[" + "".join(
            sorted(COMMON_SURNAMES)) + "]"
        for m in re.finditer(f"({surnames})({titles})", seg):
            a, b = para.span.start + m.start(), para.span.start + m.end()
            if not free(a, b) or a not in para.bounds:
                continue
            if b < para.span.end and b not in para.bounds:
                continue
            word_here = text[a:b]
            # a dictionary word that merely starts with a surname (高管, 张总结?) is not a titled form
            freq, tag = _word_info(word_here)
            if freq >= 50 and (tag or "").startswith(("n", "v", "a", "d")) and not (tag or "").startswith("nr"):
                continue
            k = self._tok_index(para, a)
            if m.group(1) in FUNCTION_SURNAMES and k < len(para.toks) and para.toks[k][0] == m.group(1) and \
                    para.toks[k][1][:1] in ("p", "c", "d"):
                continue  # 向记者 / 对记者: a preposition before the title, not 向 the surname
            para.mentions.append(_Mention(a, b, "titled", surname=m.group(1), title=m.group(2)))
            take(a, b)
        # 王某 / 张某某 (anonymised) and 小方 / 老王 (familiar forms): person references
        for m in re.finditer(f"({surnames})(某某|某)", seg):
            a, b = para.span.start + m.start(), para.span.start + m.end()
            if free(a, b):
                para.mentions.append(_Mention(a, b, "titled", surname=m.group(1), title=m.group(2)))
                take(a, b)
        for m in re.finditer(f"(小|老)({surnames})", seg):
            a, b = para.span.start + m.start(), para.span.start + m.end()
            if free(a, b) and a in para.bounds and (b in para.bounds or b >= para.span.end) and \
                    _word_info(text[a:b])[0] < 50:
                para.mentions.append(_Mention(a, b, "titled", surname=m.group(2), title=m.group(1)))
                take(a, b)
        # anonymous sources and organisations are found when a cue has no person subject
        for word in vocab["anon"]:
            for m in re.finditer(re.escape(word), seg):
                a, b = para.span.start + m.start(), para.span.start + m.end()
                if free(a, b):
                    para.mentions.append(_Mention(a, b, "anon"))
                    take(a, b)

    def resolve_titled(self) -> None:
        people: dict[str, str | None] = {}
        for para in self.paras:
            for m in para.mentions:
                if m.kind == "name":
                    people.setdefault(m.name, None)
                    if m.role and not people[m.name]:
                        people[m.name] = m.role
        first_seen: dict[str, int] = {}
        for para in self.paras:
            for m in para.mentions:
                if m.kind == "name":
                    first_seen.setdefault(m.name, m.start)
        for para in self.paras:
            for m in para.mentions:
                if m.kind != "titled" or m.title in ("某", "某某"):
                    continue  # 王某: anonymised on purpose
                cands = [n for n in people if n.startswith(m.surname) and len(n) > len(m.surname)
                         and _surname_of(n) == m.surname]
                if m.title not in self.vocab["title_set"]:
                    # 李先生 / 老王 / 张女士: only a person already named, and not "市民张女士" (a new one)
                    before = self.text[_clause_start(self.text, para.span.start, m.start):m.start]
                    if before.endswith(ROLE_NOUNS) or before.endswith(tuple(self.vocab["anon"])):
                        cands = []
                    cands = [n for n in cands if first_seen.get(n, m.start) < m.start]
                if len(cands) > 1:
                    exact = [n for n in cands if people[n] and people[n].endswith(m.title)
                             and not people[n].endswith("副" + m.title)]
                    fits = exact or [n for n in cands if people[n] and m.title in people[n]]
                    cands = fits
                if len(cands) == 1:
                    m.name = cands[0]
                    if cands[0] not in self.roles and people.get(cands[0]):
                        self.roles[cands[0]] = people[cands[0]]
                elif self.config.keep_unresolved_titled:
                    m.name = self.text[m.start:m.end]

    # ------------------------------------------------------------ cues
    def _verb_hits(self, para: _Para):
        """(start, end, verb) of reporting / narrative verbs outside quotes, on token boundaries."""
        text, vocab = self.text, self.vocab
        name_ends = {m.end for m in para.mentions if m.kind in ("name", "titled")}
        words = vocab["verbs"] + sorted(vocab["narrative_verbs"], key=len, reverse=True)
        firsts = {w[0] for w in words}
        lo, hi = para.span.start, para.span.end
        hits = []
        i = lo
        while i < hi:
            hit = None
            if text[i] in firsts:
                for v in words:
                    if text.startswith(v, i):
                        e = i + len(v)
                        if e > hi:
                            continue
                        starts_ok = i in para.bounds or i in name_ends or any(
                            text.startswith(pre, i - len(pre)) and (i - len(pre)) in para.bounds
                            for pre in VERB_PREFIXES)  # 上称, 作出指示
                        if starts_ok and (e in para.bounds or text.startswith(("道", "称", "说"), e)):
                            hit = (i, e, v)
                            break
            if hit and not self._in_quote(para, hit[0]):
                hits.append(hit)
                i = hit[1]
            else:
                i += 1
        return hits

    def find_cues(self, para: _Para) -> list[_Cue]:
        text, config, vocab = self.text, self.config, self.vocab
        lo = para.span.start
        hits = self._verb_hits(para)
        cues: list[_Cue] = []
        last_subject: _Mention | None = None
        for k, (a, b, verb) in enumerate(hits):
            # 解释/说, 回应/称: the last verb of a run is the cue
            nxt = hits[k + 1] if k + 1 < len(hits) else None
            if nxt and nxt[0] - b <= 1 and text[b:nxt[0]] in ("", "道", "着"):
                continue
            narrative = verb in vocab["narrative_verbs"]
            cs = _clause_start(text, lo, a)
            persons = [m for m in para.mentions_in(cs, a)
                       if m.kind in ("name", "titled", "pronoun", "plural", "first")
                       and not _closes_paren(text[m.end:a])]  # （记者张荣典）: a byline, not a subject
            subject = None
            if persons:
                subject = persons[-1]
                gap = _drop_parens(text[subject.end:a])
                if subject.kind == "pronoun" and text[subject.start:subject.end] == "其":
                    if gap and gap not in SHORT_ADVERBS:
                        subject = None  # 其 as a possessive: 其公司表示 -> not 其
                elif self._possessive(gap) or any(q in gap for q in "“”「」\"()（）[]【】/《》"):
                    subject = None
                elif len(gap) > config.max_gap:
                    # a long adverbial is fine after a quote: “…”张三昨日在…仪式上表示。
                    rs = subject.role_start if subject.role_start is not None else subject.start
                    if not (len(gap) <= 3 * config.max_gap and self._follow(para, b) == "end"
                            and self._quote_before(para, min(rs, subject.start)) and "，" not in gap):
                        subject = None
                elif len(persons) > 1 and gap.endswith(TEMPORAL_ENDS):
                    # 张三在会见李四时表示 -> 张三: the closest earlier person with an interaction between
                    for earlier in reversed(persons[:-1]):
                        if earlier.kind != "first" and any(
                                w in text[earlier.end:subject.start] for w in INTERACTION_WORDS):
                            subject = earlier
                            break
                srs = subject.role_start if subject is not None and subject.role_start is not None else (
                    subject.start if subject is not None else cs)
                if subject is not None and subject.kind in ("name", "titled") and srs > cs and \
                        text[cs:srs].strip():
                    # something before the subject in its clause: 会议由殷勇主持 is fine (no verb);
                    # 向张三表示 / 请唐总宣布 is not a cue of 张三 / 唐总
                    before = text[cs:srs]
                    if before.rstrip().endswith(NOT_SUBJECT_AFTER):
                        subject = None
            if narrative:
                if subject is None and not persons:
                    cues.append(_Cue(a, b, cs, None, "other", cs))
                continue
            follow = self._follow(para, b)
            if subject is None and not persons and last_subject is not None and \
                    text[cs:a].strip() in ZERO_SUBJECT_OPENERS and \
                    (follow in ("punct", "quote") or (follow == "bare" and verb in vocab["bare_verbs"])):
                # …介绍了情况，并表示，… / 他指出…。同时强调，…: the same speaker goes on
                cues.append(_Cue(a, b, cs, last_subject, "person", cs))
                continue
            if subject is None:
                anon = any(m.kind == "anon" for m in para.mentions_in(cs, a))
                if follow in ("punct", "quote") and (anon or self._nominal(para, cs, a)) and not persons:
                    cues.append(_Cue(a, b, cs, None, "anon" if anon else "other", cs))
                    last_subject = None
                continue
            if subject.kind == "first":
                continue  # 我们希望，… inside someone's speech
            if follow is None:
                continue
            if follow == "le" and verb not in vocab["object_verbs"]:
                continue  # 提出了更高要求: not a cue
            if follow == "bare" and (verb not in vocab["bare_verbs"] or (
                    subject.kind in ("name", "titled", "pronoun")
                    and not _ADVERBIAL_GAP_RE.fullmatch(self._after_title(_drop_parens(text[subject.end:a]))))):
                continue  # 回答都比提问短 / 王石出去爬一次山估计… / 刘永好可以说…: not speech
            if subject.kind == "plural":
                if follow in ("punct", "quote"):
                    cues.append(_Cue(a, b, cs, None, "other", subject.start))
                continue
            start = subject.role_start if subject.role_start is not None else subject.start
            cues.append(_Cue(a, b, cs, subject, "person", min(start, subject.start)))
            self.cue_subjects.add(subject.start)
            last_subject = subject
        return cues

    def _after_title(self, gap: str) -> str:
        """The gap without a title right after the name (王志刚部长|表示)."""
        m = self.vocab["title_re"].match(gap) if self.vocab["title_re"] else None
        return gap[m.end():] if m else gap

    def _possessive(self, gap: str) -> bool:
        """张三的父亲说 / 邦戈总统的亲属表示: the speaker is someone of NAME's, not NAME."""
        if gap.startswith("的"):
            return True
        m = self.vocab["title_re"].match(gap) if self.vocab["title_re"] else None
        return bool(m and gap.startswith("的", m.end()))

    def _follow(self, para: _Para, b: int) -> str | None:
        """What follows a verb: punct (，：), quote (“), end (。 or paragraph end), le (了), bare."""
        text, hi = self.text, para.span.end
        j = b
        while j < hi and text[j] in "道称说着":
            j += 1
        while j < hi and text[j] in " \t\u3000":
            j += 1
        if j >= hi:
            return "end"
        c = text[j]
        if c in "，,：:":
            return "punct"
        if c in OPEN_QUOTES or c == '"':
            return "quote"
        if c in _SENT_FINAL or c in CLOSE_QUOTES:
            return "end"
        if c == "了":
            return "le"
        if c in "的地得过":
            return None  # 说的话, 表示过
        return "bare"

    def _expressive(self, a: int, b: int) -> bool:
        content = self.text[a:b].rstrip(_TRAIL_STRIP + _SENT_FINAL)
        return len(content) <= 12 and content.endswith(EXPRESSIVE_OBJECTS)

    def _skip_second_verb(self, para: _Para, j: int, end: int) -> int:
        """Content that opens with another reporting verb (…作出指示，指出要…): start after it."""
        text = self.text
        for v in self.vocab["verbs"]:
            if text.startswith(v, j) and (j + len(v)) in para.bounds:
                k = j + len(v)
                while k < end and text[k] in "道称说 \t\u3000":
                    k += 1
                if k < end and text[k] in "，,：:":
                    k += 1
                return k
        return j

    def _skip_addressee(self, para: _Para, j: int, end: int) -> tuple[int, str]:
        """告诉记者，… / 提醒公众：“…”: step over a short addressee before the punctuation."""
        text = self.text
        k = _clause_end(text, j, end)
        if k >= end or k - j > 8 or text[k] not in "，,：:" or not self._nominal(para, j, k):
            return j, "bare"
        k += 1
        while k < end and text[k] in " \t\u3000":
            k += 1
        return k, ("quote" if k < end and (text[k] in OPEN_QUOTES or text[k] == '"') else "punct_skipped")

    def _nominal(self, para: _Para, a: int, b: int) -> bool:
        """A short noun phrase (会议, 通知, 有关部门): an organisational subject of a cue."""
        seg = self.text[a:b].strip()
        if not seg or len(seg) > 15:
            return False
        i = self._tok_index(para, a)
        nouns = 0
        while i < len(para.toks) and para.toks[i][2] < b:
            word, flag, s, e = para.toks[i]
            if word.strip() and not (flag[:1] in ("n", "j", "r", "b", "m", "q", "a") or flag in ("vn", "f", "nt",
                                                                                             "ns", "nz")
                                     or word in ("、", "据", "也", "还", "则", "均", "都", "亦", "同时", "此前",
                                                 "随后", "进一步", "再次", "对此", "就此", "此外")):
                return False
            if flag[:1] in ("n", "j") or flag in ("vn", "nt", "ns", "nz"):
                nouns += 1
            i += 1
        return nouns > 0

    # ------------------------------------------------------------ statements
    def _add(self, name: str, a: int, b: int, keep_final: bool = True) -> bool:
        a, b = _strip_span(self.text, a, b, keep_final)
        if _content_len(self.text, a, b) < self.config.min_statement_chars:
            return False
        # kept sorted by start with none inside another, so the ends are sorted too: a span covering
        # [a, b) can only be the last one starting at or before a, and the spans [a, b) covers
        # follow one another from the first one starting at a (a scan of all of them per statement
        # is quadratic for a speaker of thousands of statements)
        spans = self.statements.setdefault(name, [])
        k = bisect_right(spans, a, key=lambda t: t[0])
        if k and b <= spans[k - 1][1]:
            return True  # already covered
        i = j = bisect_left(spans, a, key=lambda t: t[0])
        while j < len(spans) and spans[j][1] <= b:
            j += 1
        spans[i:j] = [(a, b)]
        self.last_speaker = name
        return True

    def _resolve(self, para: _Para, m: _Mention, before: int) -> str | None:
        if m.kind in ("name", "titled"):
            return m.name
        if m.kind != "pronoun":
            return None
        # 他/她/其: the last person the paragraph narrates about (a subject, outside statements and
        # quotes), else the last speaker; an unresolvable 张女士 there blocks the attribution
        def earlier():  # nearest first, looked at only as far as needed
            for o in reversed(para.mentions):
                if o.end <= m.start and o.kind in ("name", "titled") and not self._inside_statement(o) \
                        and not self._in_quote(para, o.start):
                    yield o

        for o in earlier():  # a clause-initial or speaking subject first: 江泽民请韦德里纳…。他说 -> 江泽民
            if o.start in self.cue_subjects or \
                    not self.text[_clause_start(self.text, para.span.start, o.start):self._role_start(o)].strip():
                return o.name
        for o in earlier():  # then any subject-like one: 会议由殷勇主持。他指出 -> 殷勇
            if self._subject_like(para, o):
                return o.name
        if self.last_speaker:
            return self.last_speaker
        for p in reversed(self.paras[: self.paras.index(para)]):
            for o in reversed(p.mentions):
                if o.kind in ("name", "titled") and o.name:
                    return o.name
        return None

    @staticmethod
    def _role_start(m: _Mention) -> int:
        """Start of the noun phrase ending in the name (小牛主帅里克-卡莱尔), whether or not it is a role."""
        for pos in (m.prefix_start, m.role_start):
            if pos is not None:
                return min(pos, m.start)
        return m.start

    def _inside_statement(self, m: _Mention) -> bool:
        for spans in self.statements.values():  # sorted, none inside another: ends sorted too
            k = bisect_right(spans, m.start, key=lambda t: t[0])
            if k and m.end <= spans[k - 1][1]:
                return True
        return False

    def _quote_at(self, para: _Para, pos: int) -> tuple[int, int] | None:
        return para.quote_at.get(pos)

    def _quote_before(self, para: _Para, pos: int) -> tuple[int, int] | None:
        """A quote that closes right before `pos` (only commas / spaces between)."""
        j = pos
        while j > para.span.start and self.text[j - 1] in " \t\u3000，,":
            j -= 1
        return para.quote_closing.get(j - 1)

    def _subject_like(self, para: _Para, m: _Mention) -> bool:
        """A person mention acting as a subject (narration about someone), not an object of speech."""
        text = self.text
        cs = _clause_start(text, para.span.start, m.start)
        rs = self._role_start(m)
        if not text[cs:rs].strip():
            return True
        before = text[cs:rs].rstrip()
        if before.endswith(("由", "据", "经", "请", "邀请", "与", "同", "和", "陪同")):
            return True
        j = self._tok_index(para, m.end) if m.end < para.span.end else None
        if j is not None and para.toks[j][2] == m.end:
            word, flag = para.toks[j][0], para.toks[j][1]
            if word in self.vocab["title_set"] and j + 1 < len(para.toks):
                word, flag = para.toks[j + 1][0], para.toks[j + 1][1]
            if flag.startswith(("v", "d", "p")) and word not in ("的",):
                return True
        return False

    def _narrative(self, para: _Para, s: Span) -> bool:
        text, vocab = self.text, self.vocab
        a, b = _strip_span(text, s.start, s.end)
        head = text[a:b]
        if not head:
            return True
        for w in vocab["narrative_starts"]:
            if head.startswith(w):
                return True
        if _DATE_START_RE.match(head):
            return True
        # mentions are sorted by start: look only at those from the sentence on
        for i in range(bisect_left(para.mentions, s.start, key=lambda m: m.start), len(para.mentions)):
            m = para.mentions[i]
            if m.start >= s.end:
                break
            if m.end > s.end or self._in_quote(para, m.start):
                continue
            if m.kind in ("name", "titled") and self._subject_like(para, m):
                return True
            if m.kind in ("pronoun", "plural") and text[m.start:m.end] not in ("其", "双方", "各方") and \
                    not text[_clause_start(text, para.span.start, m.start):m.start].strip():
                return True  # 他还调研了…: narration about the speaker (双方应… is usually inside the speech)
        return False

    def run(self) -> list[Speaker]:
        self.collect_mentions()
        self.resolve_titled()
        config = self.config
        flow: str | None = None  # speaker of the last statement unit, for quote chaining
        for para in self.paras:
            cues = self.find_cues(para)
            current: str | None = None  # indirect-speech continuation
            used_quotes: set[tuple[int, int]] = set()
            flat = para.span.end - para.span.start > config.flat_paragraph_chars
            limit = config.max_continuation_flat if flat else config.max_continuation
            continued = 0
            sandwiches = self._verbless_quotes(para, cues, used_quotes)
            # quotes right before a cue clause (“…。”张三说…) wait for that cue: never chained or continued
            before_cue = {self._quote_before(para, min(c.subject_start, c.clause_start)) for c in cues
                          if c.kind == "person"} - {None}
            for sent in para.sentences:
                held = [name for a, name in sandwiches if sent.start <= a < sent.end]
                if held:  # its quotes are taken; the previous speaker's continuation ends here
                    current, flow, continued = None, held[-1], 0
                    self.last_speaker = flow
                    continue
                s_cues = cues[bisect_left(cues, sent.start, key=lambda c: c.verb_start):
                              bisect_left(cues, sent.end, key=lambda c: c.verb_start)]  # cues are in order
                if s_cues:
                    current, flow = self._sentence_with_cues(para, sent, s_cues, used_quotes, flow)
                    continued = 0
                    continue
                if self._narrative(para, sent):
                    current = flow = None
                    continue
                if any(q in before_cue for q in para.quotes_in(sent.start, sent.end)):
                    current = None
                    continue
                if current and config.continue_paragraph and continued >= limit:
                    current = None
                if current and config.continue_paragraph:
                    continued += 1
                    if self._add(current, sent.start, sent.end):
                        flow = current
                    used_quotes.update(para.quotes_in(sent.start, sent.end))
                    continue
                # unattributed speech quotes: continue the speaker of the previous unit
                chained = False
                for q in para.quotes_in(sent.start, sent.end):
                    if q in used_quotes:
                        continue
                    if flow and config.chain_quotes and self._speech_quote(q) and \
                            self._quote_opens_sentence(para, sent, q):
                        if self._add(flow, q[0] + 1, q[1]):
                            chained = True
                            used_quotes.add(q)
                if not chained:
                    flow = None
            # quote chaining goes across paragraphs; indirect continuation does not
        return self._speakers()

    def _verbless_quotes(self, para: _Para, cues: list[_Cue], used_quotes: set) -> list[tuple[int, str]]:
        """Quotes whose speaker is named without a reporting verb (with one, the cue rules handle it):
        “…，”科特-兰比斯很无奈，“…”: a quote broken off at a comma, then a short clause made of a person
        (with role) and a comment, then another quote: both quotes are that person's; and a sentence
        with one person as its subject leading into a quote with a colon. Returns (quote start, name)
        of each quote taken."""
        text, taken, last = self.text, [], self.last_speaker  # _add moves last_speaker; the loop will
        for q1, q2 in zip(para.quotes, para.quotes[1:]):
            mid_a, mid_b = q1[1] + 1, q2[0]
            mid = text[mid_a:mid_b].rstrip()
            if q1 in used_quotes or q2 in used_quotes or text[q1[1] - 1] not in "，," or \
                    not mid.endswith(("，", ",", "：", ":")) or len(mid) > 30 or \
                    any(c in CLAUSE_PUNCT for c in mid[:-1]) or \
                    any(mid_a <= c.verb_start < mid_b for c in cues):
                continue
            persons = [m for m in para.mentions_in(mid_a, mid_b) if m.kind in ("name", "titled") and m.name]
            if len(persons) != 1 or text[mid_a:self._role_start(persons[0])].strip():
                continue
            name = persons[0].name
            for q in (q1, q2):
                if self._add(name, q[0] + 1, q[1]):
                    used_quotes.add(q)
                    taken.append((q[0], name))
        for q in para.quotes:  # 胡歌在电话中听到转述后，有点没回过神来：“…”: a verbless lead-in with a colon
            if q in used_quotes or q[0] == para.span.start or text[q[0] - 1] not in "：:" or \
                    not self._speech_quote(q):
                continue
            sent = next((x for x in para.sentences if x.start <= q[0] < x.end), None)
            if sent is None or any(sent.start <= c.verb_start < sent.end for c in cues):
                continue
            persons = [m for m in para.mentions_in(sent.start, q[0]) if m.kind in ("name", "titled", "pronoun")]
            if len(persons) != 1 or not self._subject_like(para, persons[0]):
                continue
            name = self._resolve(para, persons[0], persons[0].start)
            if name and self._add(name, q[0] + 1, q[1]):
                used_quotes.add(q)
                taken.append((q[0], name))
        self.last_speaker = last
        return taken

    def _speech_quote(self, q: tuple[int, int]) -> bool:
        inner = self.text[q[0] + 1:q[1]]
        return _content_len(self.text, q[0] + 1, q[1]) >= self.config.min_free_quote_chars or \
            any(c in inner for c in "，,。！？!?")

    def _quote_opens_sentence(self, para: _Para, sent: Span, q: tuple[int, int]) -> bool:
        a, _ = _strip_span(self.text, sent.start, sent.end)
        return q[0] <= a

    def _consume_quotes(self, para: _Para, cue: _Cue, used_quotes: set) -> None:
        qb = self._quote_before(para, min(cue.subject_start, cue.clause_start))
        if qb and cue.clause_start >= qb[1] and self._follow(para, cue.verb_end) == "end":
            used_quotes.add(qb)
        j = cue.verb_end
        while j < para.span.end and self.text[j] in "道称说着 \t\u3000，,：:":
            j += 1
        q = self._quote_at(para, j)
        if q:
            used_quotes.add(q)

    def _sentence_with_cues(self, para: _Para, sent: Span, cues: list[_Cue], used_quotes: set, flow):
        text = self.text
        current = None
        pos = sent.start  # text before this position is taken
        for idx, cue in enumerate(cues):
            nxt = cues[idx + 1] if idx + 1 < len(cues) else None
            content_end = min(sent.end, nxt.subject_start) if nxt else sent.end
            name = self._resolve(para, cue.subject, cue.verb_start) if cue.kind == "person" else None
            if not name:
                # an anonymous / organisational / unresolved speaker: its words are nobody's here
                self._consume_quotes(para, cue, used_quotes)
                current = flow = None
                pos = max(pos, cue.verb_end)
                continue
            added = False
            # a quote right before the subject clause: “…”，赵鹏林说 / “…”赵鹏林表示
            # (from the clause start: “…”生活家地板总经理孙皓鸣说 when the role misses 生活家)
            qb = self._quote_before(para, min(cue.subject_start, cue.clause_start))
            follow = self._follow(para, cue.verb_end)
            if qb and qb not in used_quotes and cue.clause_start >= qb[1] and (
                    self._speech_quote(qb) or follow == "end"):
                if self._add(name, qb[0] + 1, qb[1]):
                    used_quotes.add(qb)
                    added = True
            j = cue.verb_end
            while j < sent.end and text[j] in "道称说着了 \t\u3000":
                j += 1
            if follow in ("punct",):
                j += 1
                while j < sent.end and text[j] in " \t\u3000":
                    j += 1
            if follow == "bare":
                j, follow = self._skip_addressee(para, j, sent.end)
                if self._expressive(j, content_end):
                    follow = None  # 表示感谢 / 表示诚挚的慰问: a gesture, not a statement
            if follow in ("punct", "bare", "punct_skipped"):
                j = self._skip_second_verb(para, j, sent.end)  # 作出指示，强调要… -> 要…
            q = self._quote_at(para, j)
            if q and follow == "punct" and not self._speech_quote(q) and q[1] + 1 < content_end and \
                    text[q[1] + 1] not in CLAUSE_PUNCT:
                q = None  # 承认，“90后”球员已经…: a quoted term opens indirect content
            if q and follow in ("punct", "quote"):
                if q not in used_quotes and self._add(name, q[0] + 1, q[1]):
                    used_quotes.add(q)
                    added = True
                current = None
                flow = name
                # text after the quote in the same sentence: "…”，他说。 is handled by its own cue
            elif follow in ("punct", "bare", "punct_skipped"):
                if self._add(name, j, content_end):
                    added = True
                    used_quotes.update(para.quotes_in(j, content_end))
                    # a clean cue (X表示，…) opens a continuation; a bare one (X希望…) only when it opens
                    # the paragraph, the usual shape of a reported-speech paragraph
                    opens_para = not text[para.span.start:cue.subject_start].strip()
                    current = name if content_end >= sent.end and (follow != "bare" or opens_para) else None
                    flow = name
            elif follow == "le":
                ce = min(_clause_end(text, j, sent.end), content_end)
                if ce < sent.end and text[ce] in _SENT_FINAL:
                    ce += 1
                if self._add(name, j, ce):
                    added = True
                current = None
                flow = name
            elif follow == "end" and not added:
                # "…，张三表示。": the words before the cue clause in this sentence
                a = max(pos, sent.start)
                b = cue.clause_start
                if b > a and self._add(name, a, b, keep_final=True):
                    added = True
                current = None
                flow = name if added else flow
            else:
                current = None
                if added:
                    flow = name
            pos = max(pos, content_end if follow in ("punct", "bare", "punct_skipped") else cue.verb_end)
            if not added:
                current = None
        return current, flow

    def _speakers(self) -> list[Speaker]:
        out = []
        for name, spans in self.statements.items():
            spans = sorted(set(spans))
            if not spans:
                continue
            out.append((spans[0][0], Speaker(
                name=name,
                role=self.roles.get(name),
                statements=[Span(self.text[a:b], a, b) for a, b in spans],
            )))
        out.sort(key=lambda t: t[0])
        return [sp for _, sp in out]


def _chunks(s: str, size: int) -> list[tuple[int, int]]:
    """Cut `s` into pieces of at most ~size chars at clause punctuation."""
    out, a = [], 0
    while a < len(s):
        b = min(len(s), a + size)
        if b < len(s):
            cut = max(s.rfind(p, a + size // 2, b) for p in "，,；;、")
            if cut > a:
                b = cut + 1
        out.append((a, b))
        a = b
    return out


def _split_sentences(text: str, start: int, end: int) -> list[Span]:
    try:
        from zhnews.models.text import split_sentences
    except ImportError:  # pragma: no cover - models.text ships with the project
        return _fallback_split(text, start, end)
    return split_sentences(text, start, end)


def _fallback_split(text: str, start: int, end: int) -> list[Span]:
    out, seg = [], start
    i = start
    while i < end:
        if text[i] in "。！？!?；;\n":
            j = i + 1
            while j < end and text[j] in "。！？!?”’」』）)":
                j += 1
            a, b = _strip_span(text, seg, j)
            if b > a:
                out.append(Span(text[a:b], a, b))
            seg = i = j
        else:
            i += 1
    a, b = _strip_span(text, seg, end)
    if b > a:
        out.append(Span(text[a:b], a, b))
    return out


def attribute(text: str, paragraphs: list[Span], find_names: NameFinder,
              config: SpeechConfig | None = None) -> list[Speaker]:
    """Named speakers of the article body `paragraphs` (Spans into `text`), each with its role and
    its statements (Spans into `text`), in order of first statement. Summaries are left empty."""
    if not text or not paragraphs:
        return []
    return _Attributor(text, paragraphs, find_names, config or _DEFAULT_CONFIG).run()


__all__ = ["NameFinder", "attribute"]
