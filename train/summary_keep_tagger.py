"""Issue 15, item 3: summaries as character keep/drop, the tagging pass fine-tuned for it; the article's ships.

    python -m zhnews.train.summary_keep_tagger [--task speaker|article] [--model small] [--epochs 3] [--lr 1e-4]
        [--seed 0] [--save FILE.pkl] [--lora R] [--ship FOLDER]
    python -m zhnews.train.summary_keep_tagger --task article --model default --lora 8 --lr 1.5e-3 --ship models/default

`--ship` (article, with `--lora`): the adapters and head go into the `--model` folder whose layers they were fitted on
(models/article_summary.py reads them); the held-out figures are printed as for any run.

The route the issue names: label each character of the source kept when it lies on the longest common
subsequence with the gold summary, learn that as token classification on the shared encoder, and build the
summary from what the tagger keeps. The source of a speaker's summary is the clauses the shipped head reads
(`speaker_summary.clauses`: the gold statements compressed, in reported speech); of the article's, the clauses of
its lead sentences (`summarize.lead_sentences`, compressed with the cue kept), up to 250 characters. The tagging
pass's layers of `--model` (a copy; embeddings frozen) and a one-output head are fine-tuned on every development
split but the ones held out (`train_char_head`, the loop of `attribution_finetune`).

Decodings, ROUGE-L against the gold summaries: clauses ranked by their mean keep probability and joined in text
order up to a length (the shipped head's `select`); for speakers also the shipped head's clause scores plus the
tagger's log-odds; and words dropped inside the kept clauses where their mean probability is under a threshold.
Held out: fresh3, fresh6, People's Daily 17-18, LCSTS 7 (choices), the corpus dev split and People's Daily 19-20
(reported). The blind test split is never read. Figures: docs/experiments.md, session 45.
"""
from __future__ import annotations

import re
import sys

import numpy as np
import torch

from zhnews.models.encoding import char_encode, pad_batch
from zhnews.models.evaluation.gold import SPEECH_CORPUS, load_speaker_gold
from zhnews.models.evaluation.speakers import lead_sentence
from zhnews.models.pipeline import prepare
from zhnews.models.speaker_summary import clauses, lcs_mask, select
from zhnews.models.article_summary import WINDOW, ArticleSummaryHead, lead_units, pick
from zhnews.models.article_summary import unit_means as means_of
from zhnews.models.summarize import summarise_article
from zhnews.train.attribution_finetune import FineTuned, train_char_head
from zhnews.train.speaker_summary import fit as fit_clause_head
from zhnews.train.speaker_summary import rouge_l, speakers

FIT = ("train", "fresh", "fresh2", "fresh4", "fresh5", *(f"people_daily{k}" for k in ("", *range(2, 17))),
       *(f"lcsts{k}" for k in ("", *range(2, 7))))
HELD = {"THUCNews (fresh3, fresh6)": ("fresh3", "fresh6"), "People's Daily 17-18": ("people_daily17", "people_daily18"),
        "LCSTS 7": ("lcsts7",), "dev": ("dev",), "People's Daily 19-20": ("people_daily19", "people_daily20")}
ARTICLE_LENGTH = 50  # characters of clauses kept: the best mean over the three choosing groups of 40-70 (session 45)


def speaker_rows(split: str) -> list[dict]:
    """Gold speakers: their clauses (units, features for the shipped head), verb and gold summary."""
    out = []
    for r in speakers(split):
        units = clauses(r["statements"])
        out.append({"units": [u[:WINDOW] for u, _ in units], "features": [f for _, f in units], "verb": r["verb"],
                    "summary": r["summary"], "statements": r["statements"]})
    return out


def article_rows(split: str) -> list[dict]:
    """Articles with a gold summary: the clauses of their lead sentences up to WINDOW characters."""
    out = []
    for a in load_speaker_gold(SPEECH_CORPUS / f"{split}.jsonl"):
        if not a.get("summary"):
            continue
        prep = prepare(a["text"])
        sentences = [prep.norm.text[s.start:s.end] for s in prep.sentences]
        out.append({"units": lead_units(sentences), "summary": a["summary"], "text": a["text"], "sentences": sentences})
    return out


def windows(units: list[str]) -> list[tuple[int, int]]:
    """(first unit, end unit) of consecutive units of at most WINDOW characters together."""
    out, start, used = [], 0, 0
    for k, u in enumerate(units):
        if k > start and used + len(u) > WINDOW:
            out.append((start, k))
            start, used = k, 0
        used += len(u)
    return out + [(start, len(units))] if units else out


def encode(tokenizer, row: dict) -> None:
    """Token ids and character offsets of each window, and the LCS keep label of every character."""
    joined = "".join(row["units"])
    row["keep"] = np.array(lcs_mask(joined, row["summary"]), np.float32) if joined else np.zeros(0, np.float32)
    starts = np.cumsum([0, *map(len, row["units"])])
    row["windows"] = []
    for a, z in windows(row["units"]):
        ids, offsets = char_encode(tokenizer, ["".join(row["units"][a:z])], WINDOW + 2)
        row["windows"].append((ids[0], offsets[0], int(starts[a])))


def training_rows(rows: list[dict]) -> list[tuple[list[int], np.ndarray, np.ndarray]]:
    out = []
    for row in rows:
        for ids, offsets, at in row["windows"]:
            y, counted = np.zeros((len(ids), 1), np.float32), np.zeros(len(ids), np.float32)
            for k, (x, z) in enumerate(offsets):
                if z > x:
                    y[k, 0], counted[k] = row["keep"][at + x], 1.0
            out.append((ids, y, counted))
    return out


@torch.inference_mode()
def keep_probabilities(net: FineTuned, row: dict, pad_id: int) -> np.ndarray:
    p = np.zeros(sum(map(len, row["units"])), np.float32)
    for ids, offsets, at in row["windows"]:
        input_ids, mask = pad_batch([ids], pad_id)
        probs = torch.sigmoid(net(input_ids, mask))[0, :, 0].numpy()
        for k, (x, z) in enumerate(offsets):
            if z > x:
                p[at + x] = probs[k]
    return p


def unit_means(row: dict) -> np.ndarray:
    return means_of(row["units"], row["p"])


def dropped_words(row: dict, threshold: float) -> list[str]:
    """Each unit without the jieba words whose mean keep probability is under `threshold` (punctuation stays)."""
    import jieba

    out, at = [], 0
    for u in row["units"]:
        kept, pos = [], 0
        for w in jieba.cut(u):
            if row["p"][at + pos:at + pos + len(w)].mean() >= threshold or re.fullmatch(r"[，；,;：:、。]", w):
                kept.append(w)
            pos += len(w)
        out.append("".join(kept) or u)
        at += len(u)
    return out


def speaker_decodings(head) -> dict:
    def logit(row):
        q = np.clip(unit_means(row), 1e-4, 1 - 1e-4)
        return np.log(q / (1 - q))
    out = {"shipped clause head, 70": lambda r: select(r["units"], head.scores(r["features"]), r["verb"], 70)}
    for length in (50, 60, 70, 80):
        out[f"tagger's clauses, {length}"] = lambda r, n=length: select(r["units"], unit_means(r), r["verb"], n)
    for w in (0.5, 1.0, 2.0):
        out[f"head + {w} x tagger log-odds, 70"] = lambda r, w=w: select(
            r["units"], head.scores(r["features"]) + w * logit(r), r["verb"], 70)
    for t in (0.1, 0.2, 0.3):
        out[f"tagger's clauses, 70, words under {t} dropped"] = lambda r, t=t: select(
            dropped_words(r, t), unit_means(r), r["verb"], 70)
    return out


def article_decodings() -> dict:
    def ranked(row, length):  # the shipped decoding (models/article_summary.py)
        return pick(row["units"], unit_means(row), length) if row["units"] else summarise_article(row["sentences"])
    out = {"lead sentence (baseline)": lambda r: lead_sentence(r["text"]),
           "shipped rule": lambda r: summarise_article(r["sentences"])}
    for length in (40, 50, 60, 70):
        out[f"tagger's clauses, {length}"] = lambda r, n=length: ranked(r, n)
    return out


def ship(head: ArticleSummaryHead, folder: str, command: str) -> None:
    """Write the head into `folder`, name it in its config.json and record how it was fitted in metrics.json (the
    card says which splits' article figures are in-sample); the folder's other files stay as they are."""
    import json
    from pathlib import Path

    for name, update in (("config.json", {"article_summary": head.save(folder)}),
                         ("metrics.json", {"article_summary": {"command": command, "rank": head.rank,
                                                               "fitted_on": list(FIT),
                                                               "held_out": [s for v in HELD.values() for s in v]}})):
        path = Path(folder) / name
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        data.update(update)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2 if name == "config.json" else 1),
                        encoding="utf-8")


def parse(argv: list[str]):
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--task", choices=("speaker", "article"), default="speaker")
    parser.add_argument("--model", default="small", help="the folder whose tagging layers are fine-tuned (a copy)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lora", type=int, metavar="R", help="train rank-R adapters only (alpha 2R), not the layers")
    parser.add_argument("--ship", metavar="FOLDER", help="write the article head into FOLDER (the --model folder)")
    parser.add_argument("--save", metavar="FILE.pkl", help="the held-out rows with their keep probabilities")
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    from pathlib import Path

    from zhnews.models.folder import resolve_model
    from zhnews.models.model import ZhnewsModel
    from zhnews.models.network import tag_encoder_from

    args = parse(argv)
    task, name = args.task, args.model
    if args.ship and (task != "article" or not args.lora or resolve_model(name).resolve() != Path(args.ship).resolve()):
        sys.exit("--ship: an article head with --lora, into the --model folder (its adapters fit that folder's layers)")
    torch.set_num_threads(2)
    model = ZhnewsModel.from_pretrained(name)
    tokenizer, pad_id = model.tokenizer, model.tokenizer.pad_token_id
    rows_of = speaker_rows if task == "speaker" else article_rows
    data = {s: rows_of(s) for s in (*FIT, *(s for held in HELD.values() for s in held))}
    for rows in data.values():
        for row in rows:
            encode(tokenizer, row)
    layers = model.net.tag_encoder or model.net.encoder
    if args.lora:  # adapters only (what a model folder holds beside its 24 MB), rank R, alpha 2R
        net = ArticleSummaryHead.fresh(layers, args.lora, length=ARTICLE_LENGTH)
    else:
        net = FineTuned(tag_encoder_from(layers), outputs=1)
    train_char_head(net, training_rows([r for s in FIT for r in data[s]]), pad_id, args.epochs,
                    lr=args.lr, seed=args.seed, adapters_only=bool(args.lora))
    decodings = (speaker_decodings(fit_clause_head([r for s in FIT for r in speakers(s)])) if task == "speaker"
                 else article_decodings())
    held = {label: [r for s in splits for r in data[s] if r["units"]] for label, splits in HELD.items()}
    for rows in held.values():
        for row in rows:
            row["p"] = keep_probabilities(net, row, pad_id)
    if args.ship:
        shown = [a for k, a in enumerate(argv) if "--save" not in argv[max(k - 1, 0):k + 1]]  # a scratch file: left out
        ship(net, args.ship, "python -m zhnews.train.summary_keep_tagger " + " ".join(shown))
    if args.save:  # the held-out rows with their keep probabilities, for reading the outputs
        import pickle

        with open(args.save, "wb") as f:
            pickle.dump({k: [{n: r[n] for n in r if n != "windows"} for r in v] for k, v in held.items()}, f)
    print(f"| {task} summary, ROUGE-L | " + " | ".join(f"{k} ({len(v)})" for k, v in held.items()) + " |")
    for label, make in decodings.items():
        print(f"| {label} | " + " | ".join(f"{np.mean([rouge_l(make(r), r['summary']) for r in rows]):.4f}"
                                           for rows in held.values()) + " |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
