"""The fast inference path (`InferenceSettings.fast`, the default of `Analyzer.from_pretrained`): the
same model doing less work; this module selects what the pipeline sends through the encoder on it.
Each choice was measured with `zhnews bench` and the quality sweep on the default model (2 cores):

- topic: the first 256-token window only (title + lead): on the 161 held-out articles 93.2% against
  92.5% for the whole text in 512-token windows (shipped model; the model before it: 95.7% against
  92.5% for 2 or 4 windows and 93.2% for the whole text), at 1/3 of the tokens;
- precision: the merged encoder runs under bf16 autocast (AVX-512 BF16: 1.7-2x fp32 tokens/s on one
  core, same topic accuracy to the article); int8 dynamic quantisation is offered but loses 1-4 points;
- names: the tagger only sees sentence pieces that can hold speech (a reporting verb or a quote mark,
  ~50% of the sentence tokens): attribution needs such a cue, and a name found anywhere is matched
  again by string everywhere;
- salience: the first `lead_sentences` (4) body sentences and every tagged piece are scored (one
  pass, both heads); the others are no summary candidates (news put the point first). A statement
  borrows the salience of the sentence holding it ("encode": a pass of its own). Measured together on
  the shipped model against 8 lead sentences and "encode" (`zhnews bench --sample 100 --threads 2`):
  920 against 1,111 tokens per article, 3.5 against 2.7 articles/s, seed page p50 1,026 against
  1,417 ms, same topic accuracy and speaker / statement F1, speaker-summary ROUGE-L 0.450 against
  0.442 (noise-sized);
- statements in no scored sentence (a speaker's continuation sentences, which carry no cue) are no
  speaker-summary candidates ("borrow"; "sentence" gave them a second pass): the cue sentences
  carry the point. Speaker-summary ROUGE-L (dev / blind gold) 0.452 / 0.489 against 0.451 / 0.480 on
  models/default, 0.452 / 0.512 against 0.454 / 0.509 on models/small; seed page p50 on models/small
  230 against 320 ms (the seed's 15 continuation statements were a 90 ms pass);
- the lead's names and salience are not read off the topic window (measured: -33% tokens, but that
  salience is off the head's training distribution, r = 0.6 against the sentence on its own; and the
  tagger now reads one token per character, the topic window reads pieces).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from zhnews.models.schema import Span
from zhnews.models.settings import InferenceSettings

QUOTE_MARKS = "“”‘’「」『』\""


def speech_filter(verbs: list[str]):
    """Predicate: can this piece hold speech? (a reporting verb or a quote mark in it)."""
    pattern = re.compile("|".join(map(re.escape, sorted(verbs, key=len, reverse=True))) +
                         "|[" + re.escape(QUOTE_MARKS) + "]")
    return lambda piece: pattern.search(piece) is not None


def name_pieces(sentences: list[str], chunk_chars: int) -> list[str]:
    """What attribution will ask the name finder for: every sentence, plus pieces of long ones
    (models/speech/mentions.py cuts sentences over `chunk_chars` because encoders truncate)."""
    from zhnews.models.speech.clauses import chunks

    out = []
    for s in sentences:
        out.append(s)
        if len(s) > chunk_chars:
            out += [s[a:b] for a, b in chunks(s, chunk_chars) if a > 0]
    return out


def fast_selection(bodies: list[list[str]], settings: InferenceSettings, chunk_chars: int,
                   can_speak=None) -> list[str]:
    """The sentences (and pieces of long ones) the fast path encodes: the lead for the summary,
    and whatever can hold speech for the name tagger. `can_speak`: the speech filter when
    `speech_only_ner` is on (None: every piece)."""
    out: list[str] = []
    for body in bodies:
        out += body[: settings.lead_sentences]
        pieces = name_pieces(body, chunk_chars)
        out += [p for p in pieces if can_speak(p)] if can_speak is not None else pieces
    return out


def borrow_salience(text: str, sentences: list[Span], statements: list[Span], salience: dict[str, float]) -> None:
    """A statement is most often the tail of one scored sentence (张三表示，<statement>): it takes that
    sentence's salience (`salience`: by sentence string, filled in place) instead of a pass of its own."""
    starts = [s.start for s in sentences]
    for st in statements:
        k = bisect_right(starts, st.start) - 1
        piece = text[st.start : st.end]
        if k >= 0 and st.end <= sentences[k].end and piece not in salience:
            sentence = text[sentences[k].start : sentences[k].end]
            if sentence in salience:
                salience[piece] = salience[sentence]
