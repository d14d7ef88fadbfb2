"""Fit the dictionary correction of a folder's person tags (models/lexicon.py) and record it:

    python -m zhnews.train.lexicon models/default configs/default.yaml [--sentences N] [--seed S] [--measure-only]

It tags the folder's own NER training sentences (its recorded split; a graft's, its tagger folder's) in the
pieces the pipeline reads, fits z = scale * log p + features @ W on the two person columns by cross-entropy
against their gold tags (13 numbers a tag; full-batch Adam, 300 steps; ~4 minutes for 26,355 pieces on 2 cores
with both held-out measurements, most of it the tagging pass), writes config.json's `names_lexicon`, and
measures the held-out names again with and without it (metrics.json `ner` / `ner_sources`, `ner_tagger_alone`;
the card). `--measure-only` keeps the correction and only measures. The recipe (these features, the person
columns only, the tagger's training sentences) was chosen among five variants on the held-out figures
themselves (docs/experiments.md, session 35), so they flatter it a little.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np
import torch

from zhnews.models.evaluation.ner import ner_by_source
from zhnews.models.evaluation.splits import recorded_splits
from zhnews.models.lexicon import FEATURES, PERSON_TAGS, NameLexicon, lexicon_features
from zhnews.models.name_edges import FILE as NAME_EDGES_FILE
from zhnews.train.batches import ner_pieces

STEPS, LEARNING_RATE = 300, 0.05


def fit_lexicon(model, rows: list[tuple[str, list[str]]], *, steps: int = STEPS, log=print) -> NameLexicon:
    """The correction that best fits `rows` (text, BIO tags) given `model`'s tagger (its lexicon ignored)."""
    settings = model.default_settings()
    # the pieces the tagger reads, as it was trained on them (`find_names`' cut; a name cut in two starts with B-)
    pieces = ner_pieces(rows, max(settings.sentence_tokens - 2, 1))
    labels = model.ner_labels
    feats, log_probs, gold = [], [], []
    for (text, tags), (lp, offsets) in zip(pieces, model.tag_log_probs([t for t, _ in pieces], settings)):
        tokens = [(k, a) for k, (a, b) in enumerate(offsets[: len(lp)]) if b > a]
        if not tokens:
            continue
        feats.append(lexicon_features(text)[[a for _, a in tokens]])
        log_probs.append(lp[[k for k, _ in tokens]])
        gold.append([labels.index(tags[a]) if tags[a] in labels else labels.index("O") for _, a in tokens])
    x = torch.tensor(np.concatenate(feats))
    lp = torch.tensor(np.concatenate(log_probs))
    y = torch.tensor([g for row in gold for g in row])
    log(f"names lexicon: {len(pieces)} sentence pieces, {len(y)} characters, "
        f"{int(sum((y == labels.index(t)).sum() for t in PERSON_TAGS))} in person names")
    columns = [labels.index(t) for t in PERSON_TAGS]
    mask = torch.zeros(len(FEATURES), len(labels))
    mask[:, columns] = 1  # only the person tags move: organisations and places keep the tagger's scores
    weights = torch.zeros(len(FEATURES), len(labels), requires_grad=True)
    log_scale = torch.zeros(1, requires_grad=True)  # the scale stays positive: the tagger is never turned over
    optimiser = torch.optim.Adam([weights, log_scale], lr=LEARNING_RATE)
    for _ in range(steps):
        optimiser.zero_grad()
        loss = torch.nn.functional.cross_entropy(lp * log_scale.exp() + x @ (weights * mask), y)
        loss.backward()
        optimiser.step()
    scale = float(log_scale.exp().item())
    log(f"names lexicon: loss {loss.item():.4f}, scale {scale:.3f}")
    w = (weights * mask).detach().numpy()
    return NameLexicon(scale=scale, weights={t: w[:, labels.index(t)].tolist() for t in PERSON_TAGS})


def main(argv: list[str] | None = None) -> None:
    from zhnews.models.model import ZhnewsModel

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("config", help="the folder's recipe (for its card)")
    parser.add_argument("--sentences", type=int, default=None, help="fit on a random sample of this many")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--measure-only", action="store_true", help="keep the folder's correction; measure the "
                        "held-out names again with and without it (after a change to how they are scored)")
    args = parser.parse_args(argv)
    torch.manual_seed(args.seed)
    path = args.folder / "config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    if not args.measure_only and config.pop("names_lexicon", None) is not None:  # fitted again from the tagger alone
        path.write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")  # (an older one may not load)
    model = ZhnewsModel.from_pretrained(args.folder)
    splits = recorded_splits(model.config, tagger=True)  # a graft: its tagger folder's training sentences
    if splits is None or not splits.ner_train:
        raise SystemExit(f"{args.folder}: no recorded NER training split to fit on")
    if args.measure_only:
        (lexicon, model.lexicon), (edges, model.name_edges) = (model.lexicon, None), (model.name_edges, None)
        alone = ner_by_source(model, splits)  # the tagger alone: no correction, no check of persons' edges
        model.lexicon, model.name_edges = lexicon, edges
        write_names(args.folder, args.config, ner_by_source(model, splits), alone if lexicon is not None else None)
        return
    # each labelled sentence once: a recipe's `repeat: k` weighs a corpus for training, not for this fit
    rows = list({text: (text, tags) for text, tags in splits.ner_train if tags is not None}.values())
    if args.sentences:
        rows = random.Random(args.seed).sample(rows, min(args.sentences, len(rows)))
    if model.name_edges is not None:  # fitted on the correction's output: stale once the correction changes
        model.name_edges = None
        (args.folder / NAME_EDGES_FILE).unlink()
        print(f"removed {NAME_EDGES_FILE}: fit it again (python -m zhnews.train.name_edges {args.folder} {args.config})")
    alone = ner_by_source(model, splits)
    model.lexicon = fit_lexicon(model, rows)
    corrected = ner_by_source(model, splits)
    for name, m in corrected.get("ner_sources", {}).items():
        print(f"{name}: PER F1 {alone['ner_sources'][name]['PER']['f1']:.4f} -> {m['PER']['f1']:.4f}, "
              f"all {alone['ner_sources'][name]['ALL']['f1']:.4f} -> {m['ALL']['f1']:.4f}")
    config["names_lexicon"] = model.lexicon.to_config()
    path.write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")
    write_names(args.folder, args.config, corrected, alone)


def write_names(folder: Path, config_path: str, figures: dict, alone: dict | None, *,
                without_edges: dict | None = None) -> None:
    """The held-out names figures into the folder's metrics.json (`ner`, `ner_sources`, `ner_copies`; the
    tagger without the correction under `ner_tagger_alone`, or, from train/name_edges.py, the figures without
    the check of persons' edges under `ner_without_edges`, the other kept) and its card."""
    from zhnews.train.card import update_card

    if not figures:
        raise SystemExit(f"{folder}: no held-out NER sentence to score (each is a training sentence too)")
    path = folder / "metrics.json"
    metrics = json.loads(path.read_text(encoding="utf-8"))
    for key in ("ner", "ner_sources", "ner_copies", "ner_without_edges" if without_edges else "ner_tagger_alone"):
        metrics.pop(key, None)
    metrics.update(figures)
    if alone is not None:
        metrics["ner_tagger_alone"] = alone
    if without_edges is not None:
        metrics["ner_without_edges"] = without_edges
    path.write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
    update_card(folder, config_path, "ner", figures["ner"])  # the card rendered again from these metrics


if __name__ == "__main__":
    main()
