"""The learned article summary (issue 15, item 3): which clauses of the lead an editor keeps.

    head = ArticleSummaryHead.load(folder, config, net.tag_encoder)   # None: the folder has none (the rule then)
    head.summarise_many(tokenizer, [sentences, ...])                  # -> ["…，…。", ...] ("" where the rule serves)

The source is the article from its lead sentence (`summarize.lead_sentences`), each sentence compressed with a named
source's cue kept and cut after each ，；：。 into clauses, up to WINDOW characters. A copy of the tagging pass's layers,
with LoRA adapters of its own (merged at load) and a one-output head, gives every character a keep probability; the
clauses with the highest mean probability are kept until `length` characters, in text order. Labels: a character is
kept when it lies on the longest common subsequence with the gold summary (train/summary_keep_tagger.py fits it on
the speech corpus's development splits). Cost: one window of at most 252 tokens an article through the 5 layers.
"""
from __future__ import annotations

import re
from contextlib import nullcontext
from pathlib import Path

import numpy as np
import torch
from torch import nn

from zhnews.models.config import LoraSpec
from zhnews.models.encoding import char_encode, pad_batch
from zhnews.models.network import add_lora, tag_encoder_from, without_merged_adapters
from zhnews.models.summarize import CUE_VERBS, END_PUNCT, compress, hanging_lead_in, lead_sentences

WEIGHTS_FILE = "article_summary.safetensors"
WINDOW = 250  # characters read (the tagging pass reads <= 256 tokens with <s> and </s>)
BATCH = 16  # windows a pass: 16 x 252 tokens, within the fast path's 4,096 padded tokens a batch
_CLAUSE_RE = re.compile(r"(?<=[，；,;：:。！？!?])")
_PAIRS = {"“": "”", "「": "」", "‘": "’", "（": "）", "(": ")", "《": "》", "【": "】"}
_OPENER_OF = {c: o for o, c in _PAIRS.items()}
# Clauses left hanging by the ones dropped (`pick`): a lead-in this short before a clause not kept (租赁业，|是一个…), and
# a last clause that only names a source (…５００多人受伤。菲卫生部长雷奥迪卡说。)
LEAD_IN_CHARS = 4
_SOURCE_ONLY_RE = re.compile("(?:%s)说?[，,：:]$" % "|".join(map(re.escape, CUE_VERBS)))


def lead_units(sentences: list[str]) -> list[str]:
    """The clauses of the article from its lead sentence, compressed (cue kept), while they fit WINDOW characters
    (a longer clause is passed over, a later shorter one still taken)."""
    units, used = [], 0
    for s in lead_sentences(sentences):
        for u in (p for p in _CLAUSE_RE.split(compress(s, keep_cue=True).rstrip(END_PUNCT) + "。") if p):
            if used + len(u) <= WINDOW:
                units.append(u)
                used += len(u)
    return units


def unit_means(units: list[str], keep: np.ndarray) -> np.ndarray:
    """Mean keep probability of each unit's characters (`keep`: one a character of the joined units)."""
    starts = np.cumsum([0, *map(len, units)])
    return np.array([keep[a:z].mean() if z > a else 0.0 for a, z in zip(starts[:-1], starts[1:])])


def balanced_quotes(text: str) -> str:
    """`text` without the quote marks and brackets left unpaired by the clauses dropped (…17投7中，”。 / (我靠。)."""
    drop, open_at = set(), {o: [] for o in _PAIRS}
    for k, ch in enumerate(text):
        if ch in _PAIRS:
            open_at[ch].append(k)
        elif ch in _OPENER_OF:
            if open_at[_OPENER_OF[ch]]:
                open_at[_OPENER_OF[ch]].pop()
            else:
                drop.add(k)
    drop |= {k for places in open_at.values() for k in places}
    return "".join(ch for k, ch in enumerate(text) if k not in drop)


def pick(units: list[str], scores: np.ndarray, length: int) -> str:
    """The best-scoring units until `length` characters, joined in text order, one stop at the end; a short lead-in
    whose clause was dropped and a last clause naming only a source are left out."""
    kept, used = [], 0
    for i in np.argsort(-scores, kind="stable"):
        if used >= length:
            break
        kept.append(int(i))
        used += len(units[i])
    kept = sorted(kept)
    # what a clause left hanging said goes (held-out ROUGE-L within 0.001 either way, session 47: for the reader)
    kept = [i for i in kept if not (hanging_lead_in(units, kept, i, LEAD_IN_CHARS)
                                    or i == kept[-1] and _SOURCE_ONLY_RE.search(units[i]))] or kept
    body = balanced_quotes("".join(units[i] for i in kept)).rstrip(END_PUNCT)
    return f"{body}。" if body else ""


class ArticleSummaryHead(nn.Module):
    """The tagging pass's layers with the summary's adapters (`encoder`) and the keep head."""

    def __init__(self, encoder: nn.Module, rank: int, length: int):
        super().__init__()
        self.encoder = encoder
        self.head = nn.Linear(encoder.config.hidden_size, 1)
        self.rank, self.length = rank, length

    @classmethod
    def fresh(cls, tag_encoder: nn.Module, rank: int = 8, length: int = 50) -> "ArticleSummaryHead":
        """Untrained adapters (rank `rank`, alpha 2 x rank) on a copy of `tag_encoder`, its own adapters folded in
        first (peft would unmerge merged ones to set new ones); the embeddings stay shared."""
        encoder = without_merged_adapters(tag_encoder_from(tag_encoder))
        return cls(add_lora(encoder, LoraSpec(r=rank, alpha=2 * rank)), rank, length)

    def forward(self, input_ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.head(self.encoder(input_ids=input_ids, attention_mask=mask).last_hidden_state)

    @torch.inference_mode()
    def keep_probabilities(self, tokenizer, texts: list[str], context=None) -> list[np.ndarray]:
        """One keep probability a character of each text (at most WINDOW characters), BATCH texts a pass."""
        out, device = [], self.head.weight.device
        for b in range(0, len(texts), BATCH):
            chunk = texts[b:b + BATCH]
            ids, offsets = char_encode(tokenizer, chunk, WINDOW + 2)
            input_ids, mask = pad_batch(ids, tokenizer.pad_token_id)
            with context or nullcontext():
                logits = self(input_ids.to(device), mask.to(device))
            probs = torch.sigmoid(logits.float())[..., 0].cpu().numpy()
            for text, row, places in zip(chunk, probs, offsets):
                keep = np.zeros(len(text), np.float32)
                for k, (x, z) in enumerate(places):
                    keep[x:z] = row[k]
                out.append(keep)
        return out

    def summarise_many(self, tokenizer, articles: list[list[str]], context=None) -> list[str]:
        """The summary of each article (its sentences); "" where it has no clause to read (the rule serves)."""
        units = [lead_units(sentences) for sentences in articles]
        keeps = iter(self.keep_probabilities(tokenizer, ["".join(u) for u in units if u], context))
        return [pick(u, unit_means(u, next(keeps)), self.length) if u else "" for u in units]

    def config(self) -> dict:
        return {"rank": self.rank, "length": self.length, "window": WINDOW}

    def shipped_state(self) -> dict[str, torch.Tensor]:
        """What a folder holds of it: the adapters and the keep head (the copied layers are the folder's own)."""
        return {n: t for n, t in self.state_dict().items() if "lora_" in n or n.startswith("head.")}

    def save(self, folder: str | Path) -> dict:
        """The adapters and the head in fp16 (r 8 on 5 layers: 276,480 + 385 numbers, 0.55 MB)."""
        from safetensors.torch import save_file

        save_file({n: t.detach().half().contiguous() for n, t in self.shipped_state().items()},
                  str(Path(folder) / WEIGHTS_FILE))
        return self.config()

    @classmethod
    def load(cls, folder: str | Path, config: dict, tag_encoder: nn.Module) -> "ArticleSummaryHead | None":
        spec = config.get("article_summary")
        if not spec:
            return None
        from safetensors import SafetensorError
        from safetensors.torch import load_file

        path = Path(folder) / WEIGHTS_FILE
        if spec.get("window", WINDOW) != WINDOW:
            raise ValueError(f"{path}: trained on windows of {spec['window']} characters, this code reads {WINDOW}")
        try:
            state = load_file(str(path))
            head = cls.fresh(tag_encoder, int(spec["rank"]), int(spec["length"]))
            wanted = set(head.shipped_state())
            if set(state) != wanted:
                raise ValueError(f"{len(set(state) ^ wanted)} weights missing or unexpected")
            head.load_state_dict({n: t.float() for n, t in state.items()}, strict=False)
        except (OSError, ValueError, RuntimeError, SafetensorError) as exc:
            raise ValueError(f"{path}: cannot load the article summary head ({exc})") from None
        without_merged_adapters(head.encoder)  # plain layers for inference, as the model's passes (models/model.py)
        return head.eval()


__all__ = ["ArticleSummaryHead", "balanced_quotes", "lead_units", "pick", "unit_means", "WEIGHTS_FILE", "WINDOW"]
