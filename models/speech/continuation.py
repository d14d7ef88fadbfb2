"""The learned continuation decision: at each sentence without a cue of its own that could carry on
the last speaker's speech (the next sentences of a cued statement, the sentences after a quote, the
first sentences of the next paragraph), a logistic regression over cheap rule features and, where the
folder's head reads them, the sentence's mean-pooled encoder states (from the pass that finds names)
says whether the sentence is still that speaker's statement.

    head = ContinuationHead.load(folder, config)         # None: the folder has no head (rules alone)
    attribute(text, paragraphs, find_names, config, continuation=head, vectors=lookup)

`mode` says how the head and the rules combine: "combine" keeps every continuation the rules take and
asks the head only where they stop; "alone" lets the head decide every such sentence (the cues, the
quotes before a cue and the transcript turns stay the rules'). The head is fitted by
train/continuation.py; only numpy runs here.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol, Sequence

import numpy as np

from zhnews.models.schema import Span
from zhnews.models.speech.clauses import strip_span
from zhnews.models.speech.paragraph import Paragraph, Quote
from zhnews.models.speech.statements import Statements, speech_quote
from zhnews.models.speech.vocab import CLOSE_QUOTES, FURNITURE_RE, OPEN_QUOTES, SpeechConfig, vocab_index

WEIGHTS_FILE = "continuation.safetensors"
MODES = ("combine", "alone")
ENCODER = "encoder"  # the feature-list entry standing for the sentence's pooled states (encoder_dim values)
# Rule features, each a property of the candidate sentence or of the run it would extend. `rule` (the
# rules' own decision) and `limit` (their sentence limit reached) are left out of a head that decides
# alone: there the head replaces the rules' decision.
RULE_FEATURES = (
    "dist1", "log_dist", "next_para", "para_start", "flat", "flow_only", "rule", "limit", "narrative",
    "opens_quote", "in_quote", "has_close", "unclosed_open", "run_unclosed", "speech_quote",
    "first_person", "pronoun_start", "plural_start", "verb_any", "per_start", "per_other", "per_self",
    "anon", "question", "colon", "quote_intro", "digits", "log_len", "interview", "enc_cos_prev",
)
PERSON_KINDS = ("name", "titled")
SentenceVectors = Callable[[list[str]], Sequence["np.ndarray | None"]]


@dataclass
class Candidate:
    """One decision: would text[spans] still be `speaker`'s statement? `rule`: the rules take it."""

    speaker: str
    spans: list[tuple[int, int]]
    features: dict[str, float]
    vector: np.ndarray | None
    rule: bool


class Decider(Protocol):
    mode: str
    reads_vectors: bool

    def decide(self, candidate: Candidate) -> bool: ...


@dataclass
class ContinuationHead:
    """w . x + b over `features` (RULE_FEATURES names and ENCODER), standardisation folded into `weight`;
    a sentence continues when sigmoid(w . x + b) >= `threshold` (in "combine" mode, also when the
    rules take it). `max_units`: no continuation further than this many sentences from the cue.
    `cross_paragraph`: the head also decides the sentences after a paragraph break (only a head fitted
    on such candidates does: the speech corpus's THUCNews articles are one paragraph each, so a head
    fitted there leaves the next paragraph to the rules)."""

    weight: np.ndarray
    bias: float
    features: list[str]
    threshold: float = 0.5
    mode: str = "combine"
    encoder_dim: int = 0
    max_units: int = 12
    cross_paragraph: bool = False
    fit: dict = field(default_factory=dict)  # how it was fitted and measured (config.json only)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"continuation mode must be one of {MODES}, got {self.mode!r}")
        unknown = [f for f in self.features if f not in RULE_FEATURES and f != ENCODER]
        if unknown:
            raise ValueError(f"unknown continuation features {unknown}")
        width = len(self.features) - (ENCODER in self.features) + self.encoder_dim * (ENCODER in self.features)
        self.weight = np.asarray(self.weight, np.float64).reshape(-1)
        if self.weight.shape[0] != width:
            raise ValueError(f"continuation weight has {self.weight.shape[0]} values, features need {width}")

    @property
    def reads_vectors(self) -> bool:
        return ENCODER in self.features

    def row(self, c: Candidate) -> np.ndarray | None:
        return feature_row(c, self.features, self.encoder_dim)

    def probability(self, c: Candidate) -> float:
        x = self.row(c)
        if x is None:  # no vector for the sentence (nothing was encoded): no evidence to continue
            return 0.0
        z = float(self.weight @ x) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def decide(self, c: Candidate) -> bool:
        if (self.mode == "combine" and c.rule) or (c.features["next_para"] and not self.cross_paragraph):
            return c.rule
        return c.features["dist"] <= self.max_units and self.probability(c) >= self.threshold

    # ------------------------------------------------------------------ the model folder
    def config(self) -> dict:
        return {"file": WEIGHTS_FILE, "features": list(self.features), "encoder_dim": self.encoder_dim,
                "threshold": self.threshold, "mode": self.mode, "max_units": self.max_units,
                "cross_paragraph": self.cross_paragraph, "fit": self.fit}

    def save(self, folder: str | Path) -> dict:
        """Write the weights into `folder`; returns the `continuation` section for its config.json."""
        from safetensors.numpy import save_file

        save_file({"weight": self.weight.astype(np.float32), "bias": np.array([self.bias], np.float32)},
                  str(Path(folder) / WEIGHTS_FILE))
        return self.config()

    @classmethod
    def load(cls, folder: str | Path, config: dict) -> "ContinuationHead | None":
        """The head a folder's config.json names (`continuation` section), or None when it names none."""
        from safetensors.numpy import load_file

        section = config.get("continuation")
        if not section:
            return None
        arrays = load_file(str(Path(folder) / section.get("file", WEIGHTS_FILE)))
        return cls(arrays["weight"], float(arrays["bias"][0]), list(section["features"]),
                   threshold=float(section.get("threshold", 0.5)), mode=section.get("mode", "combine"),
                   encoder_dim=int(section.get("encoder_dim", 0)), max_units=int(section.get("max_units", 12)),
                   cross_paragraph=bool(section.get("cross_paragraph", False)), fit=dict(section.get("fit", {})))


def feature_row(c: Candidate, features: list[str], encoder_dim: int) -> np.ndarray | None:
    """The candidate's values in `features` order (ENCODER expands to the vector); None when the
    features need a vector the candidate lacks."""
    parts = []
    for f in features:
        if f == ENCODER:
            if c.vector is None or c.vector.shape[0] != encoder_dim:
                return None
            parts.append(np.asarray(c.vector, np.float64))
        else:
            parts.append(np.array([c.features[f]], np.float64))
    return np.concatenate(parts) if parts else np.zeros(0)


# ---------------------------------------------------------------------- the walk's side


class LearnedWalk:
    """The head's view of one article's walk (models/speech/attribution.py): how far the current run
    is from its cue, and the candidate sentence's features; `step` makes the decision and applies it."""

    def __init__(self, decider: Decider, vectors: SentenceVectors | None, said: Statements, config: SpeechConfig):
        self.decider, self.vectors, self.said, self.config = decider, vectors, said, config
        self.vocab = vocab_index(config)
        self.dist = 0  # units since the run's cue unit
        self.paras = 0  # paragraphs since it
        self.unclosed = False  # the run's last unit opened a quote it did not close (a quote across paragraphs)
        self.prev: np.ndarray | None = None  # vector of the run's last unit

    def new_paragraph(self) -> None:
        self.paras += 1

    def cue(self, para: Paragraph, sent: Span) -> None:
        """A unit that opens statements (a cue, a turn label, a verbless quote): a new run starts."""
        self.dist, self.paras = 0, 0
        self.unclosed = unclosed_open(para, sent)
        self.prev = self.unit_vector(para, sent) if self.decider.reads_vectors else None

    def unit_vector(self, para: Paragraph, sent: Span) -> np.ndarray | None:
        if self.vectors is None:
            return None
        parts = [s for s in para.sentences if sent.start <= s.start < sent.end]
        got = [v for v in self.vectors([para.text[s.start:s.end] for s in parts]) if v is not None]
        return np.mean(got, axis=0) if got else None

    def step(self, para: Paragraph, sent: Span, current: str | None, flow: str | None, continued: int, limit: int,
             used_quotes: set[Quote], is_narrative: bool) -> tuple[str | None, str | None, int]:
        """Decide the unit `sent` (no cue of its own; current or flow set); returns the walk's new
        (current, flow, continued). Where the rules' decision is taken, their bookkeeping is too, so a
        "combine" head that never fires leaves the walk exactly as the rules alone make it."""
        said, config = self.said, self.config
        if FURNITURE_RE.match(para.text, strip_span(para.text, sent.start, sent.end)[0]):
            return None, None, continued  # page furniture (相关新闻：…) ends any speech, whatever a head says
        chainable = chain_quotes(para, sent, used_quotes, config)
        rule_spans: list[tuple[int, int]] = []
        rule_speaker = current
        if not is_narrative:
            if current and config.continue_paragraph and continued < limit:
                rule_spans = [(sent.start, sent.end)]
            elif flow and config.chain_quotes:
                rule_speaker = flow
                rule_spans = [(q[0] + 1, q[1]) for q in chainable]
        speaker = current or flow
        self.dist += 1
        features = self.features(para, sent, current, continued, limit, is_narrative, bool(rule_spans),
                                 bool(chainable))
        vector = self.unit_vector(para, sent) if self.decider.reads_vectors else None
        features["enc_cos_prev"] = cosine(vector, self.prev)
        own = bool(rule_spans) and rule_speaker == speaker
        spans = rule_spans if own else [(sent.start, sent.end)]
        take = self.decider.decide(Candidate(speaker, spans, features, vector, bool(rule_spans)))
        self.prev = vector
        self.unclosed = unclosed_open(para, sent) or (self.unclosed and not features["has_close"])
        keep = current if not config.continue_paragraph else None  # the rules drop `current` at a stop
        if take and rule_spans and (own or self.decider.mode == "combine"):
            if rule_spans[0] == (sent.start, sent.end):  # indirect speech carried on
                if said.add(current, sent.start, sent.end):
                    flow = current
                used_quotes.update(para.quotes_in(sent.start, sent.end))
                return current, flow, continued + 1
            chained = False  # quotes chained to the last speaker
            for q in chainable:
                if said.add(flow, q[0] + 1, q[1]):
                    chained = True
                    used_quotes.add(q)
            return keep, flow if chained else None, continued
        if take:
            for a, b in spans:
                said.add(speaker, a, b)
            used_quotes.update(para.quotes_in(sent.start, sent.end))
            return current, speaker, continued + 1
        return (None if is_narrative else keep), None, continued

    def features(self, para: Paragraph, sent: Span, current: str | None, continued: int, limit: int,
                 is_narrative: bool, rule: bool, chained: bool) -> dict[str, float]:
        text = para.text
        a, b = strip_span(text, sent.start, sent.end)
        unit = text[a:b]
        persons = [m for m in para.mentions_in(sent.start, sent.end) if m.kind in PERSON_KINDS]
        speaker = current or ""
        head = unit.lstrip("“「『﹁\"")
        return {
            "dist": float(self.dist), "dist1": float(self.dist == 1), "log_dist": math.log1p(self.dist),
            "next_para": float(self.paras > 0), "para_start": float(sent.start <= para.units[0].start),
            "flat": float(para.span.end - para.span.start > self.config.flat_paragraph_chars),
            "flow_only": float(current is None), "rule": float(rule), "limit": float(continued >= limit),
            "narrative": float(is_narrative),
            "opens_quote": float(bool(unit) and unit[0] in OPEN_QUOTES),
            "in_quote": float(para.in_quote(a)),
            "has_close": float(any(c in CLOSE_QUOTES for c in unit)),
            "unclosed_open": float(unclosed_open(para, sent)), "run_unclosed": float(self.unclosed),
            "speech_quote": float(chained),
            "first_person": float("我" in unit or "咱" in unit),
            "pronoun_start": float(head.startswith(("他", "她", "其")) and not head.startswith(("他们", "她们", "其他", "其中", "其实"))),
            "plural_start": float(head.startswith(("他们", "她们"))),
            "verb_any": float(any(v in unit for v in self.vocab["bare_verbs"])),
            "per_start": float(any(m.start - a <= 4 for m in persons)),
            "per_other": float(any(m.name and m.name != speaker for m in persons)),
            "per_self": float(any(m.name and m.name == speaker for m in persons)),
            "anon": float(any(m.kind in ("anon", "plural") for m in para.mentions_in(sent.start, sent.end))),
            "question": float(unit.rstrip("”」』").endswith(("？", "?"))),
            "colon": float("：" in unit or ":" in unit),
            # 张国柱讲到这里哈哈大笑起来：“…”: a verbless lead-in to a quote
            "quote_intro": float(any(unit[i] in "：:，," and unit[i + 1] in OPEN_QUOTES for i in range(len(unit) - 1))),
            # share of digits: match statistics and figures are the reporter's (场均贡献11.5分、9.5篮板)
            "digits": sum(ch.isdigit() for ch in unit) / max(1, len(unit)),
            "log_len": math.log1p(len(unit)),
            "interview": float(self.said.interview),
        }


def chain_quotes(para: Paragraph, sent: Span, used_quotes: set[Quote], config: SpeechConfig) -> list[Quote]:
    """The unattributed speech quotes of `sent` the rules chain to the last speaker: unused, opening
    the sentence."""
    lead = strip_span(para.text, sent.start, sent.end)[0]
    return [q for q in para.quotes_in(sent.start, sent.end)
            if q not in used_quotes and speech_quote(para.text, q, config) and q[0] <= lead]


def unclosed_open(para: Paragraph, sent: Span) -> bool:
    """`sent` opens a quote mark that no close in the paragraph balances (a quote running on into the
    next paragraph, which opens with a quote mark again)."""
    opened = [i for i in range(sent.start, sent.end) if para.text[i] in OPEN_QUOTES]
    return any(not any(q[0] == i for q in para.quotes) for i in opened)


def cosine(u: np.ndarray | None, v: np.ndarray | None) -> float:
    if u is None or v is None:
        return 0.0
    n = float(np.linalg.norm(u) * np.linalg.norm(v))
    return float(u @ v) / n if n else 0.0
