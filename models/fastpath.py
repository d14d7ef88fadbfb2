"""The fast inference path (`InferenceSettings.fast`, the default of `Analyzer.from_pretrained`): the
same model doing less work; this module holds the fast path's choices of what goes through the encoder.
Each choice was measured with `zhnews bench` and the quality sweep on the default model (2 cores):

- topic: the first window only (title + lead), of at most 96 tokens (settings.FAST_CHUNK_TOKENS; 128 in
  sessions 28-31, 256 before). 96 tokens, session 32: `default` and `teacher` on the 161 held-out articles
  (the source's labels, as `zhnews eval` scores them) 94.41% as with 128 and 112, ECE 0.0157 (0.0159); the
  bench's argmax over all 17 labels 93.17% against 93.79% (one article to 国际); the topic pass 25% fewer
  tokens. 128 tokens, session 28: `teacher` (then `default`) on the 161 held-out articles 94.41% against 93.79%
  for 256 tokens, on all 800 THUCNews articles (training rows included) 97.38% against 97.25% (2 articles
  move); `small` 93.79% either way; the n-gram expert reads the whole text either way, and titles and
  headlines fit in 96. Every token of the window goes through all the topic pass's layers, so a graft (a
  12-layer topic pass beside a 5-layer tagger) saves most: `zhnews batch` of 100 articles in 0.96x
  `small`'s wall time (whole command, 3 alternated pairs), where a 256-token window took 1.17x. The 256-token window
  against the whole text in 512-token windows, an older model: 93.2% against 92.5%, at 1/3 of the tokens;
- precision: the merged encoder runs under bf16 autocast where the CPU has AVX-512 BF16 or AMX (1.7-2x fp32
  tokens/s on one core, same topic accuracy to the article) and in fp32 elsewhere (`auto`: emulated bf16 on
  an AVX2 CPU measured 6.2x slower than fp32); int8 dynamic quantisation is offered but loses 1-4 points.
  Under bf16 the word-piece embeddings are kept in bf16 too, every weight copied out of the base's memory
  mapping (session 40: `zhnews batch` of 800 articles, largest process 2,069,604 -> 1,970,876 kB at the same
  speed; held-out PER F1 on the fast path the same on all four corpora; no speaker of the 800 changed);
- attention (`auto`, session 31): the tagging pass under bf16 on a CPU runs transformers' eager attention
  (matmul, softmax, matmul) instead of torch's fused kernel, the slower one for padded batches of short
  sentences (12 heads of 32 dimensions, up to 64 tokens): 0.84-1.05x the pass's time (median 0.90) over 48
  articles' sentences; the held-out names and speakers as before to the third decimal (MSRA PER one name
  better). The topic pass keeps the fused kernel (its full 128-token windows ran 1.09-1.60x slower eager),
  and so does fp32, where the fused kernel is the faster, and so do one article's sentences packed in full
  rows of 96 tokens (session 51: the seed page 147.7 against 160.2 ms eager, the same output);
- names: every sentence of the title and body (a long one in pieces cut at clause punctuation, each
  character read once; `encoding.sentence_pieces`) goes through the tagger once on both paths, because
  `entities` lists every mention. Until session 6 the fast path tagged only
  pieces with a reporting verb or a quote mark and scored salience for the first 4 sentences besides
  them (~50% of the sentence tokens); `speech_only_ner` now only limits jieba's name finder. Summaries
  no longer rank sentences by salience (models/summarize.py), so no statement needs a pass of its own.
- packing (`pack_tokens: 96`, session 34): one article's sentences go through the tagging pass side by side
  in rows of 96 tokens, each attending only to itself (a block-diagonal mask, positions counted afresh for
  each: models/encoding.packed_batch), in one batch where the padded rows took four: the seed page's names
  as before, its analysis 137.7 against 145.4 ms (medians of 6 alternated rounds of 10, 2 threads, a prototype)
  and 171.1 against 207.1 ms (8 alternated rounds of 10, the shipped code, faster in each round). Batches
  of many articles keep one padded row a sentence (no gain there: 0.97-1.04x for 16 articles);
- jieba without its HMM (`jieba_hmm: false`): the rules' words and jieba's dictionary names, no guessed
  new words. Tagging the 200 bench articles (1,091 characters each) takes 2.7 ms an article against
  17.9 with the HMM (one core); with the tagger's names first (`names: model+jieba`) the speaker
  figures hold or rise: speech corpus train speakers/statements 0.819/0.703 (0.790/0.697 before), dev
  0.788/0.807 (0.788/0.783), the older development set 0.977/0.910 (0.989/0.920: 于贝尔·韦德里纳, whose
  于 the tagger reads as a preposition). The tagger's 李萌通|报 is cut back at the reporting verb
  (speech/mentions.py), which jieba's HMM used to mend by finding 李萌 itself.
"""
from __future__ import annotations

import re

QUOTE_MARKS = "“”‘’「」『』\""


def speech_filter(verbs: list[str]):
    """Predicate: can this piece hold speech? (a reporting verb or a quote mark in it)."""
    pattern = re.compile("|".join(map(re.escape, sorted(verbs, key=len, reverse=True))) +
                         "|[" + re.escape(QUOTE_MARKS) + "]")
    return lambda piece: pattern.search(piece) is not None
