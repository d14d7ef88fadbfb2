"""From raw text to the `Analysis` contract, for a batch of articles at once.

Batching matters on 2 cores: every article's topic windows go through the encoder together, and so do
every article's body sentences (names + salience), length-sorted to keep padding small.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from zhnews.models.config import NAME_MODES
from zhnews.models.fastpath import name_pieces, speech_filter
from zhnews.models.names import jieba_name_finder
from zhnews.models.page import Page, parse_page
from zhnews.models.schema import Analysis, Entity, InputError, PageMeta, Span, Speaker, Topic
from zhnews.models.speech import attribute
from zhnews.models.summarize import summarise
from zhnews.models.text import Normalised, normalise, split_sentences

MAX_INPUT_CHARS = 1_000_000  # longer input is cut, with a warning, to bound memory and time
MAX_SENTENCES = 400  # body sentences per article sent through the encoder (~40 screens of text)
MIN_CJK_RATIO = 0.3  # below this share of Chinese characters among letters, warn
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"  # zero-width characters and BOM: printable, not text


@dataclass
class Prepared:
    raw: str
    norm: Normalised
    page: Page
    sentences: list[Span]
    warnings: list[str] = field(default_factory=list)

    def topic_text(self) -> str:
        parts = [self.page.title] if self.page.title else []
        parts += self.page.body
        return "\n".join(self.norm.text[s.start : s.end] for s in parts)


def is_blank(text: str) -> bool:
    """No visible character at all: whitespace, zero-width characters, BOM, control characters."""
    return not any(ch.isprintable() and not ch.isspace() and ch not in INVISIBLE for ch in text)


def validate_text(text) -> str:
    """Raise InputError for input that cannot be analysed at all; return the text otherwise."""
    if not isinstance(text, str):
        raise InputError(f"expected text (str), got {type(text).__name__}")
    if is_blank(text):
        raise InputError("empty input: nothing to analyse")
    return text


def prepare(text: str) -> Prepared:
    validate_text(text)
    warnings = []
    if len(text) > MAX_INPUT_CHARS:
        warnings.append(f"input truncated: analysed the first {MAX_INPUT_CHARS:,} of {len(text):,} characters")
    norm = normalise(text[:MAX_INPUT_CHARS])
    if norm.letters and norm.cjk_ratio < MIN_CJK_RATIO:  # digits and punctuation alone are not "English"
        warnings.append(f"mostly non-Chinese input ({norm.cjk_ratio:.0%} Chinese characters); results may be poor")
    page = parse_page(norm.text)
    if not page.body:
        warnings.append("no article body found")
    sentences = [s for p in page.body for s in split_sentences(norm.text, p.start, p.end)]
    if len(sentences) > MAX_SENTENCES:
        warnings.append(f"speakers and summary use the first {MAX_SENTENCES} of {len(sentences)} sentences")
        sentences = sentences[:MAX_SENTENCES]
        cap = sentences[-1].end  # attribution sees the same capped body as the summary
        page.body = [Span(norm.text[p.start : min(p.end, cap)], p.start, min(p.end, cap))
                     for p in page.body if p.start < cap]
    return Prepared(text, norm, page, sentences, warnings)


def body_paragraphs(prep: Prepared) -> list[tuple[Span, list[Span]]]:
    """Each body paragraph with its sentences, split once in `prepare` (a capped last paragraph keeps
    the sentences before the cap)."""
    starts = [s.start for s in prep.sentences]
    return [(p, prep.sentences[bisect_left(starts, p.start):bisect_left(starts, p.end)]) for p in prep.page.body]


class FeatureCache:
    """Entities and salience per sentence string, so the rules can ask again for free.

    On the fast path (`only_filled`) nothing is encoded lazily: a piece that was not filled has no
    names and a sentence that was not filled no salience (None: no summary candidate)."""

    def __init__(self, analyzer, only_filled: bool = False, can_speak=None):
        self.analyzer = analyzer
        self.only_filled = only_filled
        self.can_speak = can_speak  # fast path: the other name finder, too, skips pieces without speech
        self.entities: dict[str, list[Entity]] = {}
        self.salience: dict[str, float] = {}

    def fill(self, sentences: list[str]) -> None:
        todo = list(dict.fromkeys(s for s in sentences if s not in self.salience))
        if todo:
            entities, salience = self.analyzer.sentence_features(todo)
            self.entities.update(zip(todo, entities))
            self.salience.update(zip(todo, salience))

    def find_names(self, sentences: list[str]) -> list[list[Entity]]:
        if self.only_filled:
            found = [self.entities.get(s, []) for s in sentences]
        else:
            self.fill(sentences)
            found = [self.entities[s] for s in sentences]
        mode = self.analyzer.config.get("names", "model")
        if mode in NAME_MODES[1:]:
            asked = [s for s in sentences if self.can_speak is None or self.can_speak(s)]
            words = dict(zip(asked, jieba_name_finder(asked)))
            if mode == "model+jieba":
                found = [merge_entities(m, words.get(s, [])) for m, s in zip(found, sentences)]
            else:  # jieba+model: segmentation-consistent name edges first, the tagger's finds beside them
                found = [merge_entities(words.get(s, []), m, ("PER", "ORG", "LOC")) for m, s in zip(found, sentences)]
        return found

    def scores(self, sentences: list[str]) -> list[float | None]:
        if not self.only_filled:
            self.fill(sentences)
        return [self.salience.get(s) for s in sentences]


def merge_entities(first: list[Entity], second: list[Entity], labels=("PER",)) -> list[Entity]:
    """`first`'s entities, plus `second`'s of `labels` where they overlap none of `first`'s (recall: each
    finder misses names the other finds; the rules still demand a speech cue next to a name)."""
    taken = [(e.start, e.end) for e in first]
    added = [e for e in second if e.label in labels and all(e.end <= a or e.start >= b for a, b in taken)]
    return sorted(first + added, key=lambda e: e.start)


def to_input_span(prep: Prepared, span: Span) -> Span:
    start, end = prep.norm.to_original(span.start, span.end)
    return Span(prep.raw[start:end], start, end)


def analyze_texts(analyzer, texts: list[str]) -> list[Analysis]:
    if not texts:  # an empty batch (e.g. the last share of a split workload) is an empty answer
        return []
    prepared = [prepare(t) for t in texts]
    bodies = [[p.norm.text[s.start : s.end] for s in p.sentences] for p in prepared]
    fast = getattr(analyzer, "fast", None)
    can_speak = speech_filter(analyzer.speech_config.all_verbs) if fast and fast["speech_only_ner"] else None
    cache = FeatureCache(analyzer, only_filled=bool(fast), can_speak=can_speak)
    probs = analyzer.topic_probabilities([p.topic_text() or p.norm.text for p in prepared])
    if fast:
        cache.fill(fast_selection(analyzer, bodies, fast, can_speak))
    else:
        cache.fill([s for body in bodies for s in body])
    drafts = [attribute(p.norm.text, body_paragraphs(p), cache.find_names, analyzer.speech_config) for p in prepared]
    if fast and fast["statement_salience"] in ("sentence", "borrow"):
        for p, d in zip(prepared, drafts):
            _borrow_salience(p, [s for sp in d for s in sp.statements], cache)
    if not (fast and fast["statement_salience"] == "borrow"):
        # every speaker's statements in one encoder pass for the whole batch, not one small one per article
        cache.fill([p.norm.text[s.start : s.end] for p, d in zip(prepared, drafts) for sp in d for s in sp.statements])
    return [_assemble(analyzer, *args, cache) for args in zip(prepared, probs, drafts, bodies)]


def _borrow_salience(prep: Prepared, statements: list[Span], cache: FeatureCache) -> None:
    """A statement is most often the tail of one scored sentence (张三表示，<statement>): it takes that
    sentence's salience instead of an encoder pass of its own."""
    starts = [s.start for s in prep.sentences]
    for st in statements:
        k = bisect_right(starts, st.start) - 1
        text = prep.norm.text[st.start : st.end]
        if k >= 0 and st.end <= prep.sentences[k].end and text not in cache.salience:
            sentence = prep.norm.text[prep.sentences[k].start : prep.sentences[k].end]
            if sentence in cache.salience:
                cache.salience[text] = cache.salience[sentence]


def fast_selection(analyzer, bodies: list[list[str]], fast: dict, can_speak=None) -> list[str]:
    """The sentences (and pieces of long ones) the fast path encodes: the lead for the summary,
    and whatever can hold speech for the name tagger (models/fastpath.py says why). `can_speak`: the
    speech filter when `speech_only_ner` is on (None: every piece)."""
    chunk_chars = analyzer.speech_config.ner_chunk_chars
    out: list[str] = []
    for body in bodies:
        out += body[: fast["lead_sentences"]]
        pieces = name_pieces(body, chunk_chars)
        out += [p for p in pieces if can_speak(p)] if can_speak is not None else pieces
    return out


def _assemble(analyzer, prep: Prepared, probs, drafts, sentences: list[str], cache: FeatureCache) -> Analysis:
    topics = sorted((Topic(label, float(p)) for label, p in zip(analyzer.labels, probs)),
                    key=lambda t: -t.score)
    speakers = []
    for draft in drafts:
        texts = [prep.norm.text[s.start : s.end] for s in draft.statements]
        speakers.append(Speaker(
            name=draft.name,
            role=draft.role,
            statements=[to_input_span(prep, s) for s in draft.statements],
            summary=summarise(texts, cache.scores(texts)) if texts else "",
        ))
    summary = summarise(sentences, cache.scores(sentences)) if sentences else ""
    title = to_input_span(prep, prep.page.title).text if prep.page.title else None
    meta = prep.page.meta if isinstance(prep.page.meta, PageMeta) else PageMeta()
    return Analysis(title=title, topics=topics, speakers=speakers, summary=summary, meta=meta,
                    warnings=list(prep.warnings))
