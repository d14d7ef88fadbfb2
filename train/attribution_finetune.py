"""Issue 15, item 2: learned attribution with the encoder fine-tuned for it, against the rules.

    python -m zhnews.train.attribution_finetune [--model small] [--epochs 3] [--blind] [--load FILE]

The session-15 tagger (`attribution_experiments.py`) read the encoder's *frozen* states and learned
little beyond the rules. Here the tagging pass's layers (a copy; the embeddings stay frozen and
shared) are fine-tuned end to end with a 3-way character head (inside a statement of a named
speaker, first character of one, inside a mention of a named speaker) on windows of up to 250
characters cut at sentence ends. The decoding, the combination with the rules and the scores are
those of `attribution_experiments.py`, so the two rows compare states only.

Fitted on train + fresh + fresh2 + fresh4; thresholds chosen on fresh3 + dev; then reported on the
older development gold, on `fresh5` when it is annotated, and with `--blind` once on the blind splits.
Cost on 2 cores with `small` (5 layers): ~3 s a step of 16 windows; figures: docs/experiments.md.
"""
from __future__ import annotations

import sys
import time

import numpy as np
import torch
from torch import nn

from zhnews.models.encoding import char_encode, pad_batch
from zhnews.models.evaluation.gold import SPEECH_CORPUS, load_speaker_gold
from zhnews.train.attribution_experiments import (SPLITS, WINDOW, decode_alone, decode_combined, score, shown,
                                                  targets, windows)

FIT = ("train", "fresh", "fresh2", "fresh4")
CHOOSE = ("fresh3", "dev")
REPORT = ("older dev gold", "fresh5")
BLIND = ("test", "older blind")


class FineTuned(nn.Module):
    """The tagging pass's layers (trainable) and a character head (`outputs` sigmoid scores a character)."""

    def __init__(self, encoder: nn.Module, outputs: int = 3):
        super().__init__()
        self.encoder = encoder
        self.head = nn.Linear(encoder.config.hidden_size, outputs)

    def forward(self, input_ids, mask):
        return self.head(self.encoder(input_ids=input_ids, attention_mask=mask).last_hidden_state)


def encoded(tokenizer, article: dict) -> list[tuple[list[int], list[tuple[int, int]], int]]:
    """(token ids, character offsets, window start) of each window of the article."""
    spans = windows(article["text"])
    ids, offsets = char_encode(tokenizer, [article["text"][a:z] for a, z in spans], WINDOW + 2)
    return [(i, o, a) for i, o, (a, _) in zip(ids, offsets, spans)]


def window_targets(article: dict) -> list[tuple[list[int], np.ndarray]]:
    y_chars = targets(article)
    out = []
    for ids, offsets, a0 in article["windows"]:
        y = np.zeros((len(ids), 3), np.float32)
        for k, (x, z) in enumerate(offsets):
            if z > x:
                y[k] = y_chars[a0 + x]
        out.append((ids, y))
    return out


def fit(net: FineTuned, articles: list[dict], pad_id: int, epochs: int, batch: int = 16) -> None:
    """Positives weighted as in the frozen tagger (statement starts and names are rare)."""
    rows = [(ids, y, np.ones(len(ids), np.float32)) for a in articles for ids, y in window_targets(a)]
    train_char_head(net, rows, pad_id, epochs, batch=batch, pos_weight=torch.tensor([1.0, 5.0, 3.0]))


def train_char_head(net: FineTuned, rows: list[tuple[list[int], np.ndarray, np.ndarray]], pad_id: int, epochs: int,
                    lr: float = 1e-4, batch: int = 16, pos_weight=None, seed: int = 0,
                    adapters_only: bool = False) -> None:
    """Fine-tune `net` on (token ids, targets tokens x outputs, tokens counted) rows: AdamW, `lr` on the layers
    (`adapters_only`: on their unmerged LoRA adapters) and 1e-3 on the head, linear decay; the embeddings stay
    frozen (shared with the other pass)."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    steps = epochs * ((len(rows) + batch - 1) // batch)
    params = [p for n, p in net.encoder.named_parameters()
              if not n.startswith("embeddings.") and ("lora_" in n or not adapters_only)]
    for p in net.encoder.parameters():
        p.requires_grad = False
    for p in params:
        p.requires_grad = True
    opt = torch.optim.AdamW([{"params": params, "lr": lr}, {"params": net.head.parameters(), "lr": 1e-3}],
                            weight_decay=1e-2)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: max(0.0, 1 - s / steps))
    net.train()
    step, t0 = 0, time.time()
    for _ in range(epochs):
        order = rng.permutation(len(rows))
        for b in range(0, len(order), batch):
            chunk = [rows[i] for i in order[b:b + batch]]
            input_ids, mask = pad_batch([ids for ids, _, _ in chunk], pad_id)
            y = torch.zeros(len(chunk), input_ids.shape[1], net.head.out_features)
            counted = torch.zeros(len(chunk), input_ids.shape[1])
            for k, (_, t, m) in enumerate(chunk):
                y[k, :len(t)] = torch.from_numpy(t)
                counted[k, :len(m)] = torch.from_numpy(m)
            loss = nn.functional.binary_cross_entropy_with_logits(net(input_ids, mask), y, pos_weight=pos_weight,
                                                                  reduction="none").mean(-1)
            loss = (loss * counted).sum() / counted.sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            if step % 20 == 0:
                print(f"step {step}/{steps} loss {loss.item():.4f} {time.time() - t0:.0f}s", flush=True)
    net.eval()


@torch.inference_mode()
def probabilities(net: FineTuned, article: dict, pad_id: int) -> np.ndarray:
    """One row per character; a whitespace character (no token) takes the previous character's row,
    so runs do not break at a space."""
    p = np.full((len(article["text"]), 3), np.nan, np.float32)
    wins = article["windows"]
    for b in range(0, len(wins), 16):
        input_ids, mask = pad_batch([ids for ids, _, _ in wins[b:b + 16]], pad_id)
        probs = torch.sigmoid(net(input_ids, mask)).numpy()
        for row, (_, offsets, a0) in enumerate(wins[b:b + 16]):
            for k, (x, z) in enumerate(offsets):
                if z > x:
                    p[a0 + x] = probs[row, k]
    for i in range(len(p)):
        if np.isnan(p[i, 0]):
            p[i] = p[i - 1] if i else 0.0
    return p


def table_row(name: str, articles: list[dict], t_alone: float, t_combined: float) -> str:
    alone = [decode_alone(a, a["p"], t_alone) for a in articles]
    combined = [decode_combined(a, a["p"], t_combined) for a in articles]
    return (f"| {name} ({len(articles)}) | {shown(score(articles, [a['rules'] for a in articles]))} | "
            f"{shown(score(articles, alone))} | {shown(score(articles, combined))} |")


def main(argv: list[str]) -> None:
    from zhnews.models import Analyzer
    from zhnews.models.model import ZhnewsModel
    from zhnews.models.network import tag_encoder_from

    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="small")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--load", metavar="FILE", help="a tagger saved by an earlier run (no training)")
    parser.add_argument("--blind", action="store_true", help="also report the blind splits (once)")
    args = parser.parse_args(argv)
    torch.set_num_threads(2)
    name, epochs = args.model, args.epochs
    analyzer = Analyzer.from_pretrained(name)
    model = ZhnewsModel.from_pretrained(name)  # unquantised, LoRA merged: the layers to fine-tune
    tokenizer, pad_id = model.tokenizer, model.tokenizer.pad_token_id
    net = FineTuned(tag_encoder_from(model.net.tag_encoder or model.net.encoder))
    paths = {**SPLITS, "fresh4": SPEECH_CORPUS / "fresh4.jsonl", "fresh5": SPEECH_CORPUS / "fresh5.jsonl"}
    fitting = args.load is None  # a saved tagger needs no training splits
    wanted = (FIT if fitting else ()) + CHOOSE + REPORT + (BLIND if args.blind else ())
    data = {}
    for split in wanted:
        if not paths[split].is_file():
            print(f"{split}: {paths[split]} absent, skipped")
            continue
        data[split] = load_speaker_gold(paths[split])
        for a, r in zip(data[split], analyzer.analyze_batch([a["text"] for a in data[split]])):
            a["rules"], a["windows"] = r.to_dict()["speakers"], encoded(tokenizer, a)
    if not fitting:
        net.load_state_dict(torch.load(args.load))
        net.eval()
    else:
        fit(net, [a for s in FIT for a in data[s]], pad_id, epochs)
        torch.save(net.state_dict(), f"/tmp/attribution_finetune_{name}.pt")
    for articles in data.values():
        for a in articles:
            a["p"] = probabilities(net, a, pad_id)
    held = [a for s in CHOOSE for a in data[s]]
    best = {}
    for label, decode in (("model alone", decode_alone), ("combination", decode_combined)):
        figures = {t: score(held, [decode(a, a["p"], t) for a in held]) for t in (0.3, 0.5, 0.7, 0.85, 0.95, 0.99)}
        for t, f in figures.items():
            print(f"threshold {t}, {label}, fresh3 + dev: {shown(f)}", flush=True)
        best[label] = max(figures, key=lambda t: figures[t][-1])
    print(f"chosen: {best}")
    print("| split (articles) | rules | model alone | combination |\n|---|---|---|---|")
    for split in ("fresh3", "dev", *(s for s in data if s not in FIT + CHOOSE)):
        print(table_row(split, data[split], best["model alone"], best["combination"]), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
