"""`Analyzer`: text in, the `Analysis` contract out, for a batch of articles at once. Every front end
(demo, batch, bench, eval) uses it; it calls the model object (models/model.py), never the reverse.

    analyzer = Analyzer.from_pretrained()            # $ZHNEWS_MODEL or the shipped default; a name or folder
    analyzer.analyze(text).to_dict()                 # the JSON contract in models/schema.py
    analyzer.analyze_batch(texts)

Steps per batch: `prepare` (normalise: HTML, Traditional -> Simplified, control characters, offsets
kept; page parsing: title / body / furniture; sentences, split once) -> topics over the title + body
windows -> names + salience per title and body sentence (one encoder pass for both heads; long
sentences also in pieces) -> `entities` (models/entities.py) and rule-based attribution on the names
(models/speech) -> summaries -> offsets mapped back to the input as given. Batching matters on
2 cores: every article's windows go through the encoder together, and so do all their sentences,
length-sorted to keep padding small.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from zhnews.models.config import NAME_MODES
from zhnews.models.entities import entity_pieces, find_entities
from zhnews.models.fastpath import speech_filter
from zhnews.models.model import ZhnewsModel
from zhnews.models.precision import effective_precision, precision_context
from zhnews.models.page import Page, bracketed_title, parse_page, title_run_into_body
from zhnews.models.schema import Analysis, Entity, EntityMention, InputError, PageMeta, Span, Speaker, Topic
from zhnews.models.settings import InferenceSettings
from zhnews.models.speech import SpeechConfig, attribute, jieba_name_finder
from zhnews.models.speech.edges import name_end, unglued_start
from zhnews.models.speech.mentions import one_foreign_name
from zhnews.models.speech.layout_vocab import TURN_LABEL_RE
from zhnews.models.speech.vocab import NAME_DOTS
from zhnews.models.summarize import summarise_article, summarise_speaker
from zhnews.models.text import Normalised, headline_sentences, normalise, split_sentences

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
    sentences = title_run_into_body(page, norm.text, bracketed_title(page, norm.text, sentences))
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
    paragraphs = [(p, prep.sentences[bisect_left(starts, p.start):bisect_left(starts, p.end)]) for p in prep.page.body]
    if paragraphs and not prep.page.title:
        # a flattened page's headline in the form 名字：… before its dateline (科比：就算骨折了也要打… |
        # 新浪体育讯) is no statement (the body's attributed sentence is): attribution starts at the lead
        para, sentences = paragraphs[0]
        k = headline_sentences([prep.norm.text[s.start:s.end] for s in sentences])
        if k and TURN_LABEL_RE.match(prep.norm.text, sentences[0].start, sentences[0].end):
            paragraphs[0] = (Span(prep.norm.text[sentences[k].start:para.end], sentences[k].start, para.end),
                             sentences[k:])
    return paragraphs


class FeatureCache:
    """Entities, salience (and, for a continuation head, pooled states) per sentence string, so the
    rules can ask again for free. The pipeline fills every sentence and piece up front; on the fast path
    (`only_filled`) nothing is encoded lazily after that: a piece that was not filled has no names."""

    def __init__(self, model: ZhnewsModel, settings: InferenceSettings, name_mode: str, can_speak=None,
                 keep_vectors: bool = False):
        self.model = model
        self.settings = settings
        self.name_mode = name_mode  # NAME_MODES: the tagger alone, or merged with jieba's person words
        self.only_filled = settings.fast
        self.can_speak = can_speak  # fast path: the other name finder, too, skips pieces without speech
        # (and runs without jieba's HMM: settings.jieba_hmm, which the rules' SpeechConfig copies)
        self.entities: dict[str, list[Entity]] = {}
        self.salience: dict[str, float] = {}
        # each sentence's pooled encoder states, from the same pass (a continuation head reads them)
        self.keep_vectors = keep_vectors
        self.vectors: dict[str, object] = {}

    def fill(self, sentences: list[str]) -> None:
        todo = list(dict.fromkeys(s for s in sentences if s not in self.salience))
        if todo and self.keep_vectors:
            entities, salience, vectors = self.model.sentence_features(todo, self.settings, vectors=True)
            self.vectors.update(zip(todo, vectors))
        elif todo:
            entities, salience = self.model.sentence_features(todo, self.settings)
        if todo:
            self.entities.update(zip(todo, entities))
            self.salience.update(zip(todo, salience))

    def sentence_vectors(self, sentences: list[str]) -> list:
        """The pooled states of sentences already filled (None for any other)."""
        return [self.vectors.get(s) for s in sentences]

    def tagged(self, pieces: list[str]) -> list[list[Entity]]:
        """The name tagger's entities of each piece (offsets within it)."""
        if self.only_filled:
            return [self.entities.get(s, []) for s in pieces]
        self.fill(pieces)
        return [self.entities[s] for s in pieces]

    def find_names(self, sentences: list[str]) -> list[list[Entity]]:
        found = self.tagged(sentences)
        mode = self.name_mode
        if mode in NAME_MODES[1:]:
            asked = [s for s in sentences if self.can_speak is None or self.can_speak(s)]
            words = dict(zip(asked, jieba_name_finder(asked, self.settings.jieba_hmm)))
            if mode == "model+jieba":
                found = [merge_entities(m, words.get(s, [])) for m, s in zip(found, sentences)]
            else:  # jieba+model: segmentation-consistent name edges first, the tagger's finds beside them
                found = [merge_entities(words.get(s, []), m, ("PER", "ORG", "LOC")) for m, s in zip(found, sentences)]
        return found


def merge_entities(first: list[Entity], second: list[Entity], labels=("PER",)) -> list[Entity]:
    """`first`'s entities, plus `second`'s of `labels` where they overlap none of `first`'s (recall: each
    finder misses names the other finds; the rules still demand a speech cue next to a name)."""
    taken = [(e.start, e.end) for e in first]
    added = [e for e in second if e.label in labels and all(e.end <= a or e.start >= b for a, b in taken)]
    return sorted(first + added, key=lambda e: e.start)


def to_input_span(prep: Prepared, span: Span) -> Span:
    start, end = prep.norm.to_original(span.start, span.end)
    return Span(prep.raw[start:end], start, end)


def entity_spans(prep: Prepared) -> list[Span]:
    """Where `entities` are looked for: the title and the body sentences (not the page furniture)."""
    return ([prep.page.title] if prep.page.title else []) + prep.sentences


# what joins the parts of a foreign name (凯文-约翰逊, 于贝尔·韦德里纳, 丽萨•斯科曼), as attribution reads them
NAME_JOINERS = NAME_DOTS + "-－"


def input_mentions(prep: Prepared, cache: FeatureCache, chunk_chars: int,
                   speech_config: SpeechConfig) -> list[EntityMention]:
    out = []
    text = prep.norm.text
    found = find_entities(text, entity_spans(prep), cache.tagged, chunk_chars, speech_config.ner_whole_sentences)
    for k in range(len(found) - 1, 0, -1):  # 彼得|夏明 side by side: one foreign name, as attribution has it
        e, f = found[k - 1], found[k]  # (凯文-|约翰逊, 凯文|-|约翰逊: the parts of a name the text joins)
        joined = text[e.end - 1:e.end] in NAME_JOINERS and e.end == f.start or \
            f.start == e.end + 1 and text[e.end] in NAME_JOINERS
        if e.label == f.label == "PER" and (joined or e.end == f.start and
                                            one_foreign_name(text, e.start, e.end, f.end, speech_config)):
            found[k - 1:k + 1] = [dataclasses.replace(e, end=f.end, text=text[e.start:f.end])]
    found = [dataclasses.replace(e, end=e.end - 1, text=e.text[:-1]) if e.label == "PER" and len(e.text) > 1
             and e.text[-1] in NAME_JOINERS else e for e in found]  # 德里克- with no name after it
    for e in found:
        # a person's name without the characters the tagger glued to it (李萌通|报, 老|板乔-马鲁夫), as
        # attribution has it
        start, end = (e.start, e.end) if e.label != "PER" else (
            unglued_start(text, e.start, e.end, speech_config), name_end(text, e.start, e.end, speech_config))
        span = to_input_span(prep, Span(text[start:end], start, end))
        out.append(EntityMention(span.text, e.label, span.start, span.end))
    return out


def assemble(labels: list[str], prep: Prepared, probs, drafts, sentences: list[str], cache: FeatureCache,
             chunk_chars: int, speech_config: SpeechConfig, speaker_summary=None, summary: str = "") -> Analysis:
    """The article's `Analysis`; `summary`: the learned article summary ("": the rule's, `summarise_article`)."""
    topics = sorted((Topic(label, float(p)) for label, p in zip(labels, probs)),
                    key=lambda t: -t.score)
    speakers = []
    for draft in drafts:
        speakers.append(Speaker(
            name=draft.name,
            role=draft.role,
            statements=[to_input_span(prep, s) for s in draft.statements],
            summary=summarise_speaker(prep.norm.text, [(s.start, s.end) for s in draft.statements],
                                      head=speaker_summary),
        ))
    summary = summary or summarise_article(sentences)
    title = to_input_span(prep, prep.page.title).text if prep.page.title else None
    meta = prep.page.meta if isinstance(prep.page.meta, PageMeta) else PageMeta()
    entities = input_mentions(prep, cache, chunk_chars, speech_config)
    return Analysis(title=title, topics=topics, entities=entities, speakers=speakers, summary=summary, meta=meta,
                    warnings=list(prep.warnings))


class Analyzer:
    """The model object plus how to run it (`settings`), and the steps from text to `Analysis`."""

    def __init__(self, model: ZhnewsModel, settings: InferenceSettings | None = None):
        self.model = model
        self.settings = settings or model.default_settings(fast=True)
        speech = SpeechConfig(**model.config.get("speech", {}))  # extensible vocabulary
        if self.settings.sentence_tokenization == "char":
            # one token per character and [CLS] + [SEP]: a piece of more characters would be truncated
            speech = dataclasses.replace(speech, ner_chunk_chars=min(speech.ner_chunk_chars,
                                                                     self.settings.sentence_tokens - 2))
        # a continuation head that reads sentence states wants each sentence read whole as well
        whole = model.continuation is not None and model.continuation.reads_vectors
        speech = dataclasses.replace(speech, jieba_hmm=self.settings.jieba_hmm, ner_whole_sentences=whole)
        self.speech_config = speech
        if self.settings.encoder_precision == "int8":
            model.quantise_int8()
        elif effective_precision(self.settings.encoder_precision, model.device.type) == "bf16":
            model.bf16_weights()

    @classmethod
    def from_pretrained(cls, path: str | Path | None = None, *, fast: bool | dict = True,
                        threads: int | None = None, device: str | None = None) -> "Analyzer":
        """Load a model folder (a path, a shipped name `default`/`small`/`teacher`, or None: $ZHNEWS_MODEL, else
        the shipped default). `fast` (default): the fast path (a dict overrides its settings, e.g.
        {"precision": "int8"}); `fast=False`: plain fp32, every window and sentence through the encoder.
        `device` ("cuda", "cuda:1"): where the encoder runs; default CPU."""
        model = ZhnewsModel.from_pretrained(path, device=device, threads=threads)
        return cls(model, InferenceSettings.for_model(model.config, fast))

    @property
    def labels(self) -> list[str]:
        return self.model.labels

    def analyze(self, text: str) -> Analysis:
        return self.analyze_batch([text])[0]

    def analyze_batch(self, texts: list[str]) -> list[Analysis]:
        if not texts:  # an empty batch (e.g. the last share of a split workload) is an empty answer
            return []
        model, settings = self.model, self.settings
        prepared = [prepare(t) for t in texts]
        bodies = [[p.norm.text[s.start : s.end] for s in p.sentences] for p in prepared]
        fast = settings.fast
        can_speak = speech_filter(self.speech_config.all_verbs) if fast and settings.speech_only_ner else None
        head = model.continuation
        cache = FeatureCache(model, settings, model.config.get("names", "model"), can_speak=can_speak,
                             keep_vectors=head is not None and head.reads_vectors)
        probs = model.topic_probabilities([p.topic_text() or p.norm.text for p in prepared], settings)
        chunk = self.speech_config.ner_chunk_chars
        # one pass over every sentence and piece the tagger reads: `entities` and attribution
        whole = self.speech_config.ner_whole_sentences
        cache.fill([piece for p in prepared for _, piece, _ in entity_pieces(p.norm.text, entity_spans(p), chunk, whole)])
        drafts = [attribute(p.norm.text, body_paragraphs(p), cache.find_names, self.speech_config, head,
                            cache.sentence_vectors, p.page.title.text if p.page.title else "") for p in prepared]
        summaries = self.article_summaries(bodies)
        return [assemble(model.labels, *args, cache, chunk, self.speech_config, model.speaker_summary, summary)
                for *args, summary in zip(prepared, probs, drafts, bodies, summaries)]

    def article_summaries(self, bodies: list[list[str]]) -> list[str]:
        """The learned article summary of each body (its sentences), one batch through the folder's summary layers
        in the settings' precision; "" for each where the folder has none (the rule then)."""
        head = self.model.article_summary
        if head is None:
            return [""] * len(bodies)
        context = precision_context(self.settings.encoder_precision, self.model.device.type)
        return head.summarise_many(self.model.tokenizer, bodies, context)
