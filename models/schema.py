"""The output contract shared by every front end, benchmark and evaluation.

`Analysis.to_dict()` serialises to:
{"title": str|null, "topics": [{"label", "score"}], "entities": [{"text", "label", "start", "end"}],
"speakers": [{"name", "role", "statements": [{"text", "start", "end"}], "summary"}], "summary": str,
"meta": {"tags", "editor", "related"}, "warnings": [str]}. Offsets are Python str indices into the
input exactly as given (`input[start:end] == text`, also for HTML and Traditional input).
`entities` are the name tagger's PER/ORG/LOC mentions in the title and the body, in input order.
`topics` lists every label, sorted by score, highest first; the first is the single-label answer. A
single-label folder's scores are one softmax and sum to 1; a multi-label folder's (config.json
`topic_mode: multi`) are one calibrated sigmoid per label, each in [0, 1], and do not sum to 1.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Span:
    """A piece of the input: `input[start:end] == text`."""

    text: str
    start: int
    end: int


@dataclass
class Topic:
    label: str
    score: float  # calibrated probability of this label (see the module doc for multi-label folders)


@dataclass
class EntityMention:
    """A PER, ORG or LOC mention in the input: `input[start:end] == text`."""

    text: str
    label: str
    start: int
    end: int


@dataclass
class Speaker:
    name: str
    role: str | None
    statements: list[Span] = field(default_factory=list)
    summary: str = ""


@dataclass
class PageMeta:
    tags: list[str] = field(default_factory=list)
    editor: str | None = None
    related: list[str] = field(default_factory=list)


@dataclass
class Analysis:
    title: str | None
    topics: list[Topic]
    entities: list[EntityMention]
    speakers: list[Speaker]
    summary: str
    meta: PageMeta
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


class InputError(ValueError):
    """Input that cannot be analysed at all (empty, whitespace only, not text)."""


@dataclass
class Entity:
    """A named entity found in a text: `text[start:end]`, label PER, ORG or LOC."""

    start: int
    end: int
    label: str
    text: str = ""
