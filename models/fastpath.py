"""The fast inference path (`InferenceSettings.fast`, the default of `Analyzer.from_pretrained`): the
same model doing less work; this module holds the fast path's choices of what the pipeline sends through the encoder.
Each choice was measured with `zhnews bench` and the quality sweep on the default model (2 cores):

- topic: the first 256-token window only (title + lead): on the 161 held-out articles 93.2% against
  92.5% for the whole text in 512-token windows (shipped model; the model before it: 95.7% against
  92.5% for 2 or 4 windows and 93.2% for the whole text), at 1/3 of the tokens;
- precision: the merged encoder runs under bf16 autocast (AVX-512 BF16: 1.7-2x fp32 tokens/s on one
  core, same topic accuracy to the article); int8 dynamic quantisation is offered but loses 1-4 points;
- names and salience: every sentence of the title and body (and the pieces of long ones) goes through
  the tagger once, because `entities` lists every mention; the same pass scores salience. Until
  session 6 the tagger read only pieces with a reporting verb or a quote mark and the salience head
  only the first 4 sentences besides them (~50% of the sentence tokens); that is gone with
  `entities` (`speech_only_ner` now only limits jieba's name finder);
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

QUOTE_MARKS = "“”‘’「」『』\""


def speech_filter(verbs: list[str]):
    """Predicate: can this piece hold speech? (a reporting verb or a quote mark in it)."""
    pattern = re.compile("|".join(map(re.escape, sorted(verbs, key=len, reverse=True))) +
                         "|[" + re.escape(QUOTE_MARKS) + "]")
    return lambda piece: pattern.search(piece) is not None


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
