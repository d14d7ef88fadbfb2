"""Issue 15, item 2: learned attribution on the shared encoder, against the rules.

    python -m zhnews.train.attribution_experiments [--model default] [--blind]

A character tagger reads the shipped encoder's frozen last-layer states (the tagging pass's char
tokens, windows of up to 250 characters cut at sentence ends) through a 2-layer BiLSTM, so that a
character sees its whole article, and says of each character: inside a statement of a named
speaker, first character of one, inside a mention of a named speaker. Labels come from the speech
corpus's gold spans and the gold speakers' names and aliases found in the text.

- model alone: the tagger's inputs are the states and three surface flags (inside quotes, space,
  sentence end); statements are its runs cut at sentence ends, each given to the mention run inside
  it or the nearest before it (within 80 characters), else to the previous statement's speaker.
- combination: the rules' statements and speaker names are three more input flags; the rules'
  speakers and statements stay, and the tagger's statements that no rule statement covers are added
  to the speaker of the mention run just before them or of the rule statement just before them.

The thresholds are chosen with a tagger trained on train + fresh + fresh2 and scored on fresh3 + dev;
then a tagger trained on all five development splits is scored on the older gold sets and, with
`--blind`, once on the blind splits (reported, nothing chosen on them). Figures: docs/experiments.md.
"""
from __future__ import annotations

import re
import sys

import numpy as np
import torch
from torch import nn

from zhnews.models.evaluation.gold import SPEECH_CORPUS, load_speaker_gold
from zhnews.models.evaluation.metrics import aggregate_speaker_scores, overlaps_enough, speaker_scores

SPLITS = {name: SPEECH_CORPUS / f"{name}.jsonl" for name in ("train", "dev", "fresh", "fresh2", "fresh3", "test")}
SPLITS["older dev gold"] = SPEECH_CORPUS.parent / "speakers_gold.jsonl"
SPLITS["older blind"] = SPEECH_CORPUS.parent / "speakers_test.jsonl"
BLIND = ("test", "older blind")
WINDOW = 250  # characters a window (the tagging pass takes <= 256 tokens with <s> and </s>)
NAME_RE = re.compile(r"^[\u4e00-\u9fff·•\-－]{2,8}$")
SENTENCE_END = "。！？!?"


# ------------------------------------------------------------------ inputs and labels
def windows(text: str) -> list[tuple[int, int]]:
    """Spans of at most WINDOW non-space characters, cut after a sentence end where one is near."""
    out, a = [], 0
    while a < len(text):
        z, n, last_end = a, 0, None
        while z < len(text) and n < WINDOW:
            n += not text[z].isspace()
            z += 1
            if text[z - 1] in SENTENCE_END + "；\n":
                last_end = z
        if z < len(text) and last_end and last_end - a > 60:
            z = last_end
        out.append((a, z))
        a = z
    return out


@torch.inference_mode()
def char_states(model, text: str) -> np.ndarray:
    """The encoder's frozen tagging-pass states, one row per character (zeros for whitespace)."""
    from zhnews.models.encoding import char_encode, pad_batch

    spans = windows(text)
    ids, offsets = char_encode(model.tokenizer, [text[a:z] for a, z in spans], WINDOW + 2)
    out = np.zeros((len(text), model.net.encoder.config.hidden_size), np.float32)
    for b in range(0, len(ids), 16):
        input_ids, mask = pad_batch(ids[b:b + 16], model.tokenizer.pad_token_id)
        states = model.net.states(input_ids, mask, "ner").float().numpy()
        for row, (a0, _) in enumerate(spans[b:b + 16]):
            for k, (x, y) in enumerate(offsets[b + row]):
                if y > x:
                    out[a0 + x] = states[row, k]
    return out


def flags(article: dict, with_rules: bool) -> np.ndarray:
    """Surface flags (inside quotes, space, sentence end) and, for the combination, the rules'
    statements (inside, first character) and the rules' speaker names found in the text."""
    text = article["text"]
    f = np.zeros((len(text), 6 if with_rules else 3), np.float32)
    depth = 0
    for i, ch in enumerate(text):
        depth += ch in "“「『"
        f[i, 0], f[i, 1], f[i, 2] = min(depth, 1), ch.isspace(), ch in SENTENCE_END
        depth = max(0, depth - (ch in "”」』"))
    if with_rules:
        for sp in article["rules"]:
            for st in sp["statements"]:
                f[st["start"]:st["end"], 3], f[st["start"], 4] = 1, 1
            for m in re.finditer(re.escape(sp["name"]), text) if sp["name"] else ():
                f[m.start():m.end(), 5] = 1
    return f


def targets(article: dict) -> np.ndarray:
    text, y = article["text"], np.zeros((len(article["text"]), 3), np.float32)
    for sp in article["speakers"]:
        for s in sp["spans"]:
            y[s["start"]:s["end"], 0], y[s["start"], 1] = 1, 1
        for name in {sp["name"], *sp.get("aliases", [])} - {""}:
            for m in re.finditer(re.escape(name), text):
                y[m.start():m.end(), 2] = 1
    return y


# ------------------------------------------------------------------ the tagger
class Tagger(nn.Module):
    def __init__(self, d_in: int, hidden: int = 128):
        super().__init__()
        self.inp = nn.Sequential(nn.Dropout(0.2), nn.Linear(d_in, hidden), nn.GELU())
        self.lstm = nn.LSTM(hidden, hidden, num_layers=2, bidirectional=True, batch_first=True, dropout=0.2)
        self.out = nn.Linear(2 * hidden, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(self.lstm(self.inp(x))[0])


def inputs(article: dict, with_rules: bool) -> np.ndarray:
    return np.concatenate([article["states"], flags(article, with_rules)], 1)


def fit(articles: list[dict], with_rules: bool, epochs: int = 8, seg: int = 800) -> Tagger:
    """8 epochs over 800-character segments (half overlapping), AdamW; ~3 min on 2 cores for 480 articles."""
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    segs = []
    for a in articles:
        x, y = inputs(a, with_rules), targets(a)
        for start in range(0, len(a["text"]), seg // 2):
            segs.append((x[start:start + seg], y[start:start + seg]))
            if start + seg >= len(a["text"]):
                break
    model = Tagger(segs[0][0].shape[1])
    opt = torch.optim.AdamW(model.parameters(), 2e-3, weight_decay=1e-2)
    pos_weight = torch.tensor([1.0, 5.0, 3.0])  # statement starts and names are rare
    for _ in range(epochs):
        model.train()
        order = rng.permutation(len(segs))
        for b in range(0, len(order), 16):
            batch = [segs[i] for i in order[b:b + 16]]
            length = max(len(x) for x, _ in batch)
            xb, yb = torch.zeros(len(batch), length, batch[0][0].shape[1]), torch.zeros(len(batch), length, 3)
            mask = torch.zeros(len(batch), length)
            for k, (x, y) in enumerate(batch):
                xb[k, :len(x)], yb[k, :len(y)], mask[k, :len(x)] = torch.from_numpy(x), torch.from_numpy(y), 1
            loss = nn.functional.binary_cross_entropy_with_logits(model(xb), yb, pos_weight=pos_weight,
                                                                  reduction="none").mean(-1)
            loss = (loss * mask).sum() / mask.sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model.eval()


@torch.no_grad()
def predict(model: Tagger, article: dict, with_rules: bool) -> np.ndarray:
    return torch.sigmoid(model(torch.from_numpy(inputs(article, with_rules))[None]))[0].numpy()


# ------------------------------------------------------------------ decoding
def runs(mask) -> list[tuple[int, int]]:
    out, a = [], None
    for i, v in enumerate([*mask, False]):
        if v and a is None:
            a = i
        elif not v and a is not None:
            out.append((a, i))
            a = None
    return out


def sentences_in(text: str, a: int, z: int) -> list[tuple[int, int]]:
    """Cut [a, z) after each sentence end outside quotes."""
    out, start, depth = [], a, 0
    for i in range(a, z):
        depth += text[i] in "“「"
        depth = max(0, depth - (text[i] in "”」"))
        if depth == 0 and text[i] in SENTENCE_END and i + 1 < z and text[i + 1] not in "”」":
            out.append((start, i + 1))
            start = i + 1
    out.append((start, z))
    return [(x, y) for x, y in out if text[x:y].strip()]


def mentions(text: str, p: np.ndarray, threshold: float) -> list[tuple[int, int, str]]:
    found = [(a, z, text[a:z].strip()) for a, z in runs(p[:, 2] > threshold)]
    return [m for m in found if NAME_RE.match(m[2])]


def decode_alone(article: dict, p: np.ndarray, t_statement: float, t_name: float = 0.5, gap: int = 80) -> list[dict]:
    text = article["text"]
    names = mentions(text, p, t_name)
    # a short form that ends or starts a longer name found in the article is that person
    canon = {n: next((m for _, _, m in names if len(m) > len(n) and (m.endswith(n) or m.startswith(n))), n)
             for _, _, n in names}
    out: dict[str, list[dict]] = {}
    last = None
    for a, z in runs(p[:, 0] > t_statement):
        for x, y in sentences_in(text, a, z):
            inside = [m for m in names if x <= m[0] < y]
            before = [m for m in names if m[1] <= x and x - m[1] <= gap]
            who = inside[0][2] if inside else before[-1][2] if before else last
            if who is None:
                continue
            last = canon.get(who, who)
            out.setdefault(last, []).append({"start": x, "end": y})
    return [{"name": n, "statements": s} for n, s in out.items()]


def decode_combined(article: dict, p: np.ndarray, t_statement: float, t_name: float = 0.5, gap: int = 60) -> list[dict]:
    text = article["text"]
    speakers = [{"name": sp["name"], "statements": [dict(s) for s in sp["statements"]]} for sp in article["rules"]]
    covered = [(s["start"], s["end"]) for sp in speakers for s in sp["statements"]]
    by_name = {sp["name"]: sp for sp in speakers}
    names = mentions(text, p, t_name)
    for a, z in runs(p[:, 0] > t_statement):
        for x, y in sentences_in(text, a, z):
            if any(overlaps_enough((x, y), s) for s in covered):
                continue
            owner = None
            before = [m for m in names if m[1] <= y and x - m[1] <= gap]
            if before:
                n = before[-1][2]
                owner = by_name.get(n) or next((sp for k, sp in by_name.items() if k.endswith(n)), None)
            if owner is None:
                prev = [(s["end"], sp) for sp in speakers for s in sp["statements"] if s["end"] <= x and x - s["end"] <= gap]
                owner = max(prev, key=lambda t: t[0])[1] if prev else None
            if owner is not None:
                owner["statements"].append({"start": x, "end": y})
    return [sp for sp in speakers if sp["statements"]]


def score(articles: list[dict], predicted: list[list[dict]]) -> tuple[float, float, float, float]:
    """Speaker F1, statement P / R / F1."""
    agg = aggregate_speaker_scores([speaker_scores(a["speakers"], p, text=a["text"]) for a, p in zip(articles, predicted)])
    s, st = agg["speakers"], agg["statements"]
    return s["f1"], st["precision"], st["recall"], st["f1"]


def shown(figures: tuple[float, ...]) -> str:
    return " / ".join(f"{v:.3f}" for v in figures)


# ------------------------------------------------------------------ the run
def load(split: str, analyzer) -> list[dict]:
    articles = load_speaker_gold(SPLITS[split])
    for a, r in zip(articles, analyzer.analyze_batch([a["text"] for a in articles])):
        a["rules"] = r.to_dict()["speakers"]
        a["states"] = char_states(analyzer.model, a["text"])
    return articles


def table(fitted: dict[bool, Tagger], articles: list[dict], name: str, t_alone: float, t_combined: float) -> None:
    alone = [decode_alone(a, predict(fitted[False], a, False), t_alone) for a in articles]
    combined = [decode_combined(a, predict(fitted[True], a, True), t_combined) for a in articles]
    print(f"| {name} ({len(articles)}) | {shown(score(articles, [a['rules'] for a in articles]))} | "
          f"{shown(score(articles, alone))} | {shown(score(articles, combined))} |", flush=True)


def main(argv: list[str]) -> None:
    from zhnews.models import Analyzer

    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="default")
    parser.add_argument("--blind", action="store_true", help="also report the blind splits (once)")
    args = parser.parse_args(argv)
    torch.set_num_threads(2)
    analyzer = Analyzer.from_pretrained(args.model)
    run({s: load(s, analyzer) for s in SPLITS if s not in BLIND or args.blind}, args.blind)


def run(data: dict[str, list[dict]], blind: bool) -> None:
    """`data`: split -> gold articles with `rules` (the pipeline's speakers) and `states` added."""
    print("speaker F1 / statement P / R / F1: rules | model alone | combination")
    fitted = {w: fit([a for s in ("train", "fresh", "fresh2") for a in data[s]], w) for w in (False, True)}
    held = data["fresh3"] + data["dev"]
    best = {}
    for w, decode in ((False, decode_alone), (True, decode_combined)):
        probs = [predict(fitted[w], a, w) for a in held]
        figures = {t: score(held, [decode(a, p, t) for a, p in zip(held, probs)]) for t in (0.5, 0.7, 0.85)}
        for t, f in figures.items():
            print(f"threshold {t}, {'combination' if w else 'model alone'}, fresh3 + dev: {shown(f)}")
        best[w] = max(figures, key=lambda t: figures[t][-1])  # statement F1
    print(f"chosen: model alone {best[False]}, combination {best[True]}")
    table(fitted, held, "fresh3 + dev (tagger trained on train, fresh, fresh2)", best[False], best[True])
    fitted = {w: fit([a for s in ("train", "fresh", "fresh2", "fresh3", "dev") for a in data[s]], w) for w in (False, True)}
    for split in ("older dev gold", *(BLIND if blind else ())):
        table(fitted, data[split], split, best[False], best[True])


if __name__ == "__main__":
    main(sys.argv[1:])
