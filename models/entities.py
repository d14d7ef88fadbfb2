"""The `entities` of an analysis: every PER/ORG/LOC mention the name tagger finds in the title and
the article body (not in the page furniture), in order, offsets into the input as given.

The tagger reads what attribution asks it for (`sentence_pieces`): each sentence, or the pieces of one
too long for the encoder (and, for a continuation head, the whole sentence before its pieces after the
first). So that every character counts once, a mention is taken from each piece inside it (from a whole
sentence only before its second piece starts); a mention across a piece boundary (pieces end at clause
punctuation) is not reported.
"""
from __future__ import annotations

from typing import Callable

from zhnews.models.schema import Entity, Span
from zhnews.models.encoding import sentence_pieces

ENTITY_LABELS = ("PER", "ORG", "LOC")


def entity_pieces(text: str, spans: list[Span], chunk_chars: int, whole: bool = False) -> list[tuple[int, str, int]]:
    """(offset in text, piece, characters of the piece whose mentions count) of every span."""
    out = []
    for span in spans:
        pieces = sentence_pieces(text[span.start : span.end], chunk_chars, whole)
        ends = [a for a, _ in pieces[1:]] + [span.end - span.start]
        out += [(span.start + a, piece, end - a) for (a, piece), end in zip(pieces, ends)]
    return out


def find_entities(text: str, spans: list[Span], tag: Callable[[list[str]], list[list[Entity]]],
                  chunk_chars: int, whole: bool = False) -> list[Entity]:
    """Mentions in `text` (offsets into it) of the tagger `tag` over `spans`' pieces, sorted."""
    pieces = entity_pieces(text, spans, chunk_chars, whole)
    found = tag([p for _, p, _ in pieces]) if pieces else []
    out = []
    for (base, _, keep), ents in zip(pieces, found):
        out += [Entity(base + e.start, base + e.end, e.label, text[base + e.start : base + e.end])
                for e in ents if e.end <= keep and e.label in ENTITY_LABELS and e.end > e.start]
    return sorted(out, key=lambda e: (e.start, e.end))
