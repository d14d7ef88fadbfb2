"""Issue 15, item 2: the (sentence, person) pairs of `attribution_pairs.py` read by a fine-tuned cross-encoder.

    python -m zhnews.train.attribution_crossencoder --cache PAIRS.pkl [--model small] [--epochs 2] [--blind]

The pair classifier of `attribution_pairs.py` reads frozen states and hand features. Here the tagging
pass's layers of `model` (a copy; embeddings frozen) read one string per pair, the person's name, a
colon, up to 80 characters before the sentence, the sentence in 【】 (at most 120 characters) and 20
after it, every mention of the person in the window marked 〔〕, and a mean-pooled linear head says
whether the sentence is that person's statement. Fitted on the positives and on the negatives drawn
at random (seed 0) up to three times their number, AdamW 5e-5 / 1e-3, linear decay. Decoding and
combination are `attribution_pairs.py`'s; thresholds on dev + fresh3, the blind splits reported once.
`--cache` is the pickle `attribution_pairs.py --cache` writes (its articles, sentences and persons).
"""
from __future__ import annotations

import pickle
import sys
import time

import numpy as np
import torch
from torch import nn

from zhnews.models.encoding import char_encode, pad_batch
from zhnews.train.attribution_pairs import BLIND, FIT, SELECT, decode_alone, decode_combined, labels, score, shown

LEFT, MIDDLE, RIGHT = 80, 120, 20  # characters of the pair's string
MAX_TOKENS = LEFT + MIDDLE + RIGHT + 24


def candidate_rows(doc: dict) -> list[tuple[int, str]]:
    """The pairs `attribution_pairs.pairs` makes: each sentence with every person named at or before it."""
    seen, rows = set(), []
    for i, (x, y, _) in enumerate(doc["sentences"]):
        seen |= {c for a, _, c in doc["mentions"] if a < y}
        rows.extend((i, c) for c in sorted(seen))
    return rows


def pair_text(doc: dict, i: int, person: str) -> str:
    text, (x, y, _) = doc["text"], doc["sentences"][i]
    marks = sorted((a, z) for a, z, c in doc["mentions"] if c == person)

    def marked(a: int, z: int) -> str:
        out, k = [], a
        for m0, m1 in marks:
            if a <= m0 and m1 <= z:
                out += [text[k:m0], "〔", text[m0:m1], "〕"]
                k = m1
        return "".join(out) + text[k:z]

    y_mid = min(y, x + MIDDLE)
    return f"{person}：{marked(max(0, x - LEFT), x)}【{marked(x, y_mid)}】{marked(y_mid, min(len(text), y_mid + RIGHT))}"


class PairNet(nn.Module):
    def __init__(self, encoder: nn.Module):
        super().__init__()
        self.encoder, self.head = encoder, nn.Linear(encoder.config.hidden_size, 1)

    def forward(self, input_ids, mask):
        h = self.encoder(input_ids=input_ids, attention_mask=mask).last_hidden_state
        pooled = (h * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        return self.head(pooled)[:, 0]


def encode(tokenizer, strings: list[str]) -> list[list[int]]:
    return char_encode(tokenizer, strings, MAX_TOKENS)[0]


def fit(net: PairNet, tokenizer, docs: list[dict], epochs: int, batch: int = 16) -> None:
    rng = np.random.default_rng(0)
    torch.manual_seed(0)
    rows = [(d, i, c) for d in docs for i, c in candidate_rows(d)]
    y = np.concatenate([labels(d, candidate_rows(d)) for d in docs])
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    keep = np.concatenate([pos, rng.choice(neg, min(len(neg), 3 * len(pos)), replace=False)])
    ids = encode(tokenizer, [pair_text(*rows[k]) for k in keep])
    target = y[keep]
    print(f"fitting on {len(keep)} pairs ({len(pos)} positive) of {len(rows)}", flush=True)
    for p in net.encoder.embeddings.parameters():
        p.requires_grad = False
    layers = [p for n, p in net.encoder.named_parameters() if not n.startswith("embeddings.")]
    opt = torch.optim.AdamW([{"params": layers, "lr": 5e-5}, {"params": net.head.parameters(), "lr": 1e-3}],
                            weight_decay=1e-2)
    steps = epochs * ((len(keep) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: max(0.0, 1 - s / steps))
    net.train()
    step, t0 = 0, time.time()
    for _ in range(epochs):
        order = rng.permutation(len(keep))
        for b in range(0, len(order), batch):
            chosen = order[b:b + batch]
            input_ids, mask = pad_batch([ids[k] for k in chosen], tokenizer.pad_token_id)
            loss = nn.functional.binary_cross_entropy_with_logits(net(input_ids, mask), torch.from_numpy(target[chosen]))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            if step % 25 == 0:
                print(f"step {step}/{steps} loss {loss.item():.4f} {time.time() - t0:.0f}s", flush=True)
    net.eval()


@torch.inference_mode()
def scored(net: PairNet, tokenizer, doc: dict) -> list[tuple[int, str, float]]:
    rows = candidate_rows(doc)
    out = []
    for b in range(0, len(rows), 32):
        chunk = rows[b:b + 32]
        input_ids, mask = pad_batch(encode(tokenizer, [pair_text(doc, i, c) for i, c in chunk]), tokenizer.pad_token_id)
        p = torch.sigmoid(net(input_ids, mask)).numpy()
        out.extend((i, c, float(q)) for (i, c), q in zip(chunk, p))
    return out


def main(argv: list[str]) -> None:
    from zhnews.models.model import ZhnewsModel
    from zhnews.models.network import tag_encoder_from

    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", required=True, help="the pickle `attribution_pairs --cache` writes")
    parser.add_argument("--model", default="small")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--blind", action="store_true", help="also report the blind splits (once)")
    args = parser.parse_args(argv)
    torch.set_num_threads(2)
    name, epochs = args.model, args.epochs
    with open(args.cache, "rb") as fh:  # attribution_pairs.py's own cache
        data = pickle.load(fh)
    model = ZhnewsModel.from_pretrained(name)  # unquantised, LoRA merged: the layers to fine-tune
    net = PairNet(tag_encoder_from(model.net.tag_encoder or model.net.encoder))
    fit(net, model.tokenizer, [d for s in FIT for d in data[s]], epochs)
    torch.save(net.state_dict(), f"/tmp/attribution_crossencoder_{name}.pt")
    held = [d for s in SELECT for d in data[s]]
    p = {id(d): scored(net, model.tokenizer, d) for d in held}
    figures = {}
    for t in (0.3, 0.5, 0.7, 0.85, 0.95):
        figures[("alone", t)] = score(held, [decode_alone(d, p[id(d)], t) for d in held])
        figures[("combination", t)] = score(held, [decode_combined(d, p[id(d)], t) for d in held])
        figures[("combination, drop 0.1", t)] = score(held, [decode_combined(d, p[id(d)], t, 0.1) for d in held])
    for key, f in figures.items():
        print(f"{key[0]} t={key[1]}, dev + fresh3: {shown(f)}", flush=True)
    best = {k: max((key for key in figures if key[0] == k), key=lambda key: figures[key][-1])[1]
            for k in ("alone", "combination", "combination, drop 0.1")}
    print(f"chosen: {best}")
    print("| split (articles) | rules | alone | combination | combination, drop 0.1 |")
    for split in ("fresh3", "dev", "older dev gold", *(BLIND if args.blind else ())):
        docs = data[split]
        p.update({id(d): scored(net, model.tokenizer, d) for d in docs if id(d) not in p})
        cells = [shown(score(docs, [decode_alone(d, p[id(d)], best["alone"]) for d in docs])),
                 shown(score(docs, [decode_combined(d, p[id(d)], best["combination"]) for d in docs])),
                 shown(score(docs, [decode_combined(d, p[id(d)], best["combination, drop 0.1"], 0.1) for d in docs]))]
        print(f"| {split} ({len(docs)}) | {shown(score(docs, [d['rules'] for d in docs]))} | " + " | ".join(cells) + " |",
              flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
