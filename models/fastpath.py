"""The fast inference path (`Analyzer.from_pretrained(..., fast=True)`, the default): same model, less
work. What it changes, and why each is safe (figures: `zhnews bench`, 2 cores, the default model):

- precision: the merged encoder's Linear layers run in bf16 through autocast (AVX-512 BF16 doubles the
  fp32 FMA rate) or int8 dynamic quantisation; the heads and LayerNorms stay fp32;
- topic: the first `max_chunks` 256-token windows (title + lead) instead of 4;
- names: the tagger only sees sentence pieces that can hold speech (a reporting verb or a quote mark):
  attribution needs a cue there, and a name found anywhere is matched again by string everywhere;
- salience: the first `lead_sentences` body sentences and every tagged piece get a score (one shared
  pass, both heads); the others are no summary candidates (news put the point first).
"""
from __future__ import annotations

import re
from contextlib import nullcontext

FAST_DEFAULTS = {"precision": "bf16", "max_chunks": 2, "lead_sentences": 8, "speech_only_ner": True,
                 "lead_from_topic": False, "statement_salience": "encode"}
PRECISIONS = ("fp32", "bf16", "int8")
QUOTE_MARKS = "“”‘’「」『』\""


def fast_settings(config: dict, overrides: dict | None = None) -> dict:
    """FAST_DEFAULTS, overridden by the model config's `fast` section, then by `overrides`."""
    if not isinstance(overrides or {}, dict) or not isinstance(config.get("fast", {}), dict):
        raise ValueError("fast-path settings must be a mapping, e.g. {\"precision\": \"int8\"}")
    settings = {**FAST_DEFAULTS, **config.get("fast", {}), **(overrides or {})}
    unknown = set(settings) - set(FAST_DEFAULTS)
    if unknown:
        raise ValueError(f"unknown fast-path settings {sorted(unknown)}; known: {sorted(FAST_DEFAULTS)}")
    if settings["statement_salience"] not in ("encode", "sentence"):
        raise ValueError("fast.statement_salience must be 'encode' or 'sentence'")
    if settings["precision"] not in PRECISIONS:
        raise ValueError(f"fast.precision must be one of {PRECISIONS}, got {settings['precision']!r}")
    return settings


def quantise_int8(net) -> None:
    """int8 dynamic quantisation of the encoder's Linear layers (activation scales per batch); call
    after the LoRA merge, which leaves plain Linear layers."""
    import torch
    from torch.ao.quantization import quantize_dynamic

    net.encoder = quantize_dynamic(net.encoder, {torch.nn.Linear}, dtype=torch.qint8)


def precision_context(precision: str):
    if precision == "bf16":
        import torch

        return torch.autocast("cpu", dtype=torch.bfloat16)
    return nullcontext()


def speech_filter(verbs: list[str]):
    """Predicate: can this piece hold speech? (a reporting verb or a quote mark in it)."""
    pattern = re.compile("|".join(map(re.escape, sorted(verbs, key=len, reverse=True))) +
                         "|[" + re.escape(QUOTE_MARKS) + "]")
    return lambda piece: pattern.search(piece) is not None


def name_pieces(sentences: list[str], chunk_chars: int) -> list[str]:
    """What attribution will ask the name finder for: every sentence, plus pieces of long ones
    (models.speech cuts sentences over `chunk_chars` because encoders truncate)."""
    from models.speech import _chunks

    out = []
    for s in sentences:
        out.append(s)
        if len(s) > chunk_chars:
            out += [s[a:b] for a, b in _chunks(s, chunk_chars) if a > 0]
    return out
