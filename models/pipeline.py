"""From raw text to the `Analysis` contract, for a batch of articles at once.

Batching matters on 2 cores: every article's topic windows go through the encoder together, and so do
every article's body sentences (names + salience), length-sorted to keep padding small.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from models.page import Page, parse_page
from models.schema import Analysis, Entity, InputError, PageMeta, Span, Speaker, Topic
from models.speech import attribute
from models.summarize import summarise
from models.text import Normalised, normalise, split_sentences

MAX_INPUT_CHARS = 1_000_000  # longer input is cut, with a warning, to bound memory and time
MAX_SENTENCES = 400  # body sentences per article sent through the encoder (~40 screens of text)
MIN_CJK_RATIO = 0.3  # below this share of Chinese characters among letters, warn


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


def validate_text(text) -> str:
    """Raise InputError for input that cannot be analysed at all; return the text otherwise."""
    if not isinstance(text, str):
        raise InputError(f"expected text (str), got {type(text).__name__}")
    if not text.strip():
        raise InputError("empty input: nothing to analyse")
    return text


def prepare(text: str) -> Prepared:
    validate_text(text)
    warnings = []
    if len(text) > MAX_INPUT_CHARS:
        warnings.append(f"input truncated: analysed the first {MAX_INPUT_CHARS:,} of {len(text):,} characters")
    norm = normalise(text[:MAX_INPUT_CHARS])
    if norm.cjk_ratio < MIN_CJK_RATIO:
        warnings.append(f"mostly non-Chinese input ({norm.cjk_ratio:.0%} Chinese characters); results may be poor")
    page = parse_page(norm.text)
    if not page.body:
        warnings.append("no article body found")
    sentences = [s for p in page.body for s in split_sentences(norm.text, p.start, p.end)]
    if len(sentences) > MAX_SENTENCES:
        warnings.append(f"speakers and summary use the first {MAX_SENTENCES} of {len(sentences)} sentences")
        sentences = sentences[:MAX_SENTENCES]
    return Prepared(text, norm, page, sentences, warnings)


class FeatureCache:
    """Entities and salience per sentence string, so the rules can ask again for free."""

    def __init__(self, analyzer):
        self.analyzer = analyzer
        self.entities: dict[str, list[Entity]] = {}
        self.salience: dict[str, float] = {}

    def fill(self, sentences: list[str]) -> None:
        todo = list(dict.fromkeys(s for s in sentences if s not in self.salience))
        if todo:
            entities, salience = self.analyzer.sentence_features(todo)
            self.entities.update(zip(todo, entities))
            self.salience.update(zip(todo, salience))

    def find_names(self, sentences: list[str]) -> list[list[Entity]]:
        self.fill(sentences)
        return [self.entities[s] for s in sentences]

    def scores(self, sentences: list[str]) -> list[float]:
        self.fill(sentences)
        return [self.salience[s] for s in sentences]


def to_input_span(prep: Prepared, span: Span) -> Span:
    start, end = prep.norm.to_original(span.start, span.end)
    return Span(prep.raw[start:end], start, end)


def analyze_texts(analyzer, texts: list[str]) -> list[Analysis]:
    prepared = [prepare(t) for t in texts]
    probs = analyzer.topic_probabilities([p.topic_text() or p.norm.text for p in prepared])
    cache = FeatureCache(analyzer)
    cache.fill([p.norm.text[s.start : s.end] for p in prepared for s in p.sentences])
    return [_assemble(analyzer, prep, row, cache) for prep, row in zip(prepared, probs)]


def _assemble(analyzer, prep: Prepared, probs, cache: FeatureCache) -> Analysis:
    topics = sorted((Topic(label, float(p)) for label, p in zip(analyzer.labels, probs)),
                    key=lambda t: -t.score)
    drafts = attribute(prep.norm.text, prep.page.body, cache.find_names, analyzer.speech_config)
    speakers = []
    for draft in drafts:
        texts = [prep.norm.text[s.start : s.end] for s in draft.statements]
        speakers.append(Speaker(
            name=draft.name,
            role=draft.role,
            statements=[to_input_span(prep, s) for s in draft.statements],
            summary=summarise(texts, cache.scores(texts)) if texts else "",
        ))
    sentences = [prep.norm.text[s.start : s.end] for s in prep.sentences]
    summary = summarise(sentences, cache.scores(sentences)) if sentences else ""
    title = to_input_span(prep, prep.page.title).text if prep.page.title else None
    meta = prep.page.meta if isinstance(prep.page.meta, PageMeta) else PageMeta()
    return Analysis(title=title, topics=topics, speakers=speakers, summary=summary, meta=meta,
                    warnings=list(prep.warnings))
