"""How a model runs at inference: one typed, self-validating dataclass.

A model folder's `config.json` gives the sizes it was trained with (`inference`: window and sentence
tokens, batch size) and may tune the fast path (`fast`); a caller may override any field:

    settings = InferenceSettings.for_model(config)                       # the fast path (default)
    settings = InferenceSettings.for_model(config, fast=False)           # plain fp32, every window
    settings = InferenceSettings.for_model(config, {"precision": "int8"})

The fast path (`fast=True`, the default of every front end) is the same model doing less work;
models/fastpath.py says what it skips and the measurements behind each choice.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

PRECISIONS = ("auto", "fp32", "bf16", "int8")
ATTENTIONS = ("auto", "sdpa", "eager")
TOKENIZATIONS = ("piece", "char")
# what the fast path changes unless the folder's `fast` section or the caller says otherwise
FAST_DEFAULTS = {"precision": "auto", "attention": "auto", "max_chunks": 1, "speech_only_ner": True,
                 "jieba_hmm": False, "pack_tokens": 96}
# the fast path's one topic window holds at most this many tokens (title + lead; models/fastpath.py)
FAST_CHUNK_TOKENS = 96
# settings older folders may still name that no longer change anything: `lead_sentences` (the fast path
# scored only the lead and the speech pieces; since `entities`, the tagger reads every sentence) and
# `statement_salience` (how statements got a salience score; summaries no longer rank by salience)
RETIRED = {"lead_sentences", "statement_salience"}


class SettingsError(ValueError):
    """Inference settings that cannot be used; the message names the field."""


@dataclass(frozen=True)
class InferenceSettings:
    # sizes (from the folder: what the model was trained with)
    chunk_tokens: int = 256  # topic windows of title + body
    max_chunks: int | None = 4  # topic logits averaged over up to this many windows (None: all)
    sentence_tokens: int = 128  # sentences cut at this many tokens for the name tagger and salience
    # folders written before char tagging have none: they tagged sentence pieces
    sentence_tokenization: str = "piece"
    batch_size: int = 32  # rows per encoder batch
    batch_tokens: int = 4096  # and at most this many padded tokens per batch
    # the topic pass reads each text with its layout gone (models/encoding.flat_text), as the recipe that
    # fitted it read its training rows (`train.flat_topic_text`); folders written before it read texts as given
    flat_topic_text: bool = False
    # the fast path (models/fastpath.py); with fast=False the fields below are not used
    fast: bool = True
    # fp32, bf16 (autocast), auto (bf16 where the device multiplies bf16 in hardware, else fp32: models/model.py
    # native_bf16) or int8 (dynamic quantisation, CPU only)
    precision: str = "fp32"
    # transformers' attention: sdpa (torch's fused kernel), eager (matmul, softmax, matmul) or auto (eager for the
    # tagging pass where the encoder runs bf16 on a CPU, else sdpa: models/precision.effective_attention)
    attention: str = "sdpa"
    speech_only_ner: bool = True  # jieba's name finder reads only pieces with a reporting verb or a quote mark
    # jieba's HMM guesses the words its dictionary lacks (mostly names); the fast path leaves it out and
    # lets the tagger find the names (models/fastpath.py: speaker figures as good, jieba's tagging 2.7
    # instead of 17.9 ms an article)
    jieba_hmm: bool = True
    # the tagging pass packs an article's sentences side by side into rows of this many tokens, each attending
    # only to itself, when they fit one batch (0: one padded row a sentence; models/fastpath.py)
    pack_tokens: int = 0

    def __post_init__(self) -> None:
        for name in ("chunk_tokens", "sentence_tokens", "batch_size", "batch_tokens"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 1:
                raise SettingsError(f"{name} must be a positive integer, got {getattr(self, name)!r}")
        if not isinstance(self.pack_tokens, int) or isinstance(self.pack_tokens, bool) or self.pack_tokens < 0:
            raise SettingsError(f"pack_tokens must be 0 (no packing) or a positive integer, got {self.pack_tokens!r}")
        if self.max_chunks is not None and (not isinstance(self.max_chunks, int) or self.max_chunks < 1):
            raise SettingsError(f"max_chunks must be a positive integer or None, got {self.max_chunks!r}")
        for name, allowed in (("precision", PRECISIONS), ("attention", ATTENTIONS),
                              ("sentence_tokenization", TOKENIZATIONS)):
            if getattr(self, name) not in allowed:
                raise SettingsError(f"{name} must be one of {allowed}, got {getattr(self, name)!r}")
        for name in ("fast", "speech_only_ner", "jieba_hmm", "flat_topic_text"):
            if not isinstance(getattr(self, name), bool):
                raise SettingsError(f"{name} must be true or false, got {getattr(self, name)!r}")

    @classmethod
    def for_model(cls, config: dict, fast: bool | dict = True) -> "InferenceSettings":
        """The settings of a model folder's config: its `inference` sizes; then, on the fast path, a
        topic window of at most FAST_CHUNK_TOKENS, FAST_DEFAULTS, the folder's `fast` section and `fast`
        itself when it is a mapping of overrides."""
        overrides = fast if isinstance(fast, dict) else {}
        if not isinstance(config.get("fast", {}), dict) or not isinstance(fast, (bool, dict)):
            raise SettingsError('fast-path settings must be a mapping, e.g. {"precision": "int8"}')
        values = dict(config.get("inference", {}))
        if fast is not False:
            chunk = values.get("chunk_tokens", cls.chunk_tokens)
            values["chunk_tokens"] = min(chunk, FAST_CHUNK_TOKENS) if isinstance(chunk, int) else chunk
            values.update({**FAST_DEFAULTS, **config.get("fast", {}), **overrides, "fast": True})
        else:
            values["fast"] = False
        return cls.from_dict(values)

    @classmethod
    def from_dict(cls, values: dict) -> "InferenceSettings":
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in values.items() if k not in RETIRED}
        unknown = sorted(set(values) - known)
        if unknown:
            raise SettingsError(f"unknown inference settings {unknown}; known: {sorted(known)}")
        return cls(**values)

    def replace(self, **changes) -> "InferenceSettings":
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @property
    def encoder_precision(self) -> str:
        """What the encoder runs in: the fast path's precision, fp32 off it."""
        return self.precision if self.fast else "fp32"

    @property
    def encoder_pack_tokens(self) -> int:
        """The fast path's packing of the tagging pass; none off it."""
        return self.pack_tokens if self.fast else 0

    @property
    def encoder_attention(self) -> str:
        """The fast path's attention setting; torch's fused kernel off it."""
        return self.attention if self.fast else "sdpa"
