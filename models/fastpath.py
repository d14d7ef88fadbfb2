"""The fast inference path (`Analyzer.from_pretrained(..., fast=True)`, the default): same model, less
work. Each choice was measured with `zhnews bench` and the quality sweep on the default model (2 cores):

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
from contextlib import nullcontext

FAST_DEFAULTS = {"precision": "bf16", "max_chunks": 1, "lead_sentences": 4, "speech_only_ner": True,
                 "statement_salience": "borrow"}
PRECISIONS = ("fp32", "bf16", "int8")
# encode: every statement its own pass; sentence: a statement inside a scored sentence borrows its
# salience, the others are encoded; borrow: the others are no summary candidates (no second pass)
STATEMENT_SALIENCE = ("encode", "sentence", "borrow")
QUOTE_MARKS = "“”‘’「」『』\""


def fast_settings(config: dict, overrides: dict | None = None) -> dict:
    """FAST_DEFAULTS, overridden by the model config's `fast` section, then by `overrides`."""
    if not isinstance(overrides or {}, dict) or not isinstance(config.get("fast", {}), dict):
        raise ValueError("fast-path settings must be a mapping, e.g. {\"precision\": \"int8\"}")
    settings = {**FAST_DEFAULTS, **config.get("fast", {}), **(overrides or {})}
    unknown = set(settings) - set(FAST_DEFAULTS)
    if unknown:
        raise ValueError(f"unknown fast-path settings {sorted(unknown)}; known: {sorted(FAST_DEFAULTS)}")
    if settings["statement_salience"] not in STATEMENT_SALIENCE:
        raise ValueError(f"fast.statement_salience must be one of {STATEMENT_SALIENCE}")
    if settings["precision"] not in PRECISIONS:
        raise ValueError(f"fast.precision must be one of {PRECISIONS}, got {settings['precision']!r}")
    return settings


def quantise_int8(net) -> None:
    """int8 dynamic quantisation of the encoder's Linear layers (activation scales per batch); call
    after the LoRA merge, which leaves plain Linear layers."""
    import torch
    from torch.ao.quantization import quantize_dynamic

    net.encoder = quantize_dynamic(net.encoder, {torch.nn.Linear}, dtype=torch.qint8)


def precision_context(precision: str, device_type: str = "cpu"):
    if precision == "bf16":
        import torch

        return torch.autocast(device_type, dtype=torch.bfloat16)
    return nullcontext()


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
