"""The output contract shared by every front end, benchmark and evaluation.

`Analysis.to_dict()` serialises to:
{"title": str|null, "topics": [{"label", "score"}], "speakers": [{"name", "role", "statements":
[{"text", "start", "end"}], "summary"}], "summary": str, "meta": {"tags", "editor", "related"},
"warnings": [str]}. Offsets are Python str indices into the input exactly as given.
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
    score: float


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
