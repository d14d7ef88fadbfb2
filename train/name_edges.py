"""Fit a folder's check of persons' edges (models/name_edges.py) and measure its held-out names with and without it:

    python -m zhnews.train.name_edges models/default configs/default.yaml --hold-out configs/small_pd98.yaml

Data: the People's Daily 1998 paragraphs (`people_daily_199801`, names read apart: `split_names`) that share no
12-character window with a text any figure is read on (the People's Daily articles of the speaker gold sets, the
held-out sentences of the folder's recipes and of every `--hold-out` recipe) and are no training sentence of the
folder: ~8,600 for `default`. The tagger reads them in the pieces the pipeline reads, and a logistic regression
(C 0.1, the features and their products, standardised) learns which candidate span is the gold person, from every
tagged person with a gold person among its candidates; each half is read with the characters counted on the other
half and on the tagger's NER training sentences (how often each ends, follows or precedes a person). ~6 minutes on
2 cores for `default`, most of it the tagging pass. Writes name_edges.json, metrics.json's `ner` / `ner_sources`
(with the check) and `ner_without_edges`, and the card; prints the `--hold-out` recipes' held-out figures too
(`zhnews eval --ner-from RECIPE` measures them again). `--keep` measures the folder's own check without fitting it
again (the paragraphs no figure is read on move as the annotated corpora grow, and with them the fit).
"""
from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

import numpy as np

from zhnews.models.config import load_train_config
from zhnews.models.data import data_dir, read_people_daily_pos
from zhnews.models.evaluation.gold import PEOPLE_DAILY, gold_article_texts
from zhnews.models.evaluation.ner import bio_spans, ner_by_source
from zhnews.models.evaluation.splits import (build_splits, ner_splits_from, recorded_specs, recorded_splits,
                                             shares_text, windows)
from zhnews.models.name_edges import (COUNTS, FILE, WIDTH, NameEdges, candidate_spans, char_log_probs, log_odds,
                                      person_tags, quadratic)
from zhnews.train.batches import ner_pieces

C = 0.1  # chosen by 4-fold cross-validation on the fitting half (docs/experiments.md, session 41)


def edge_paragraphs(config: dict, hold_out: list[str]) -> list[tuple[str, list[str]]]:
    """The People's Daily 1998 paragraphs the check may learn from (module docstring), each once, shuffled."""
    root = data_dir()
    scored, trained = windows(gold_article_texts(root, PEOPLE_DAILY)), set()
    own = recorded_specs(config)
    for k, spec in enumerate(own + [load_train_config(path).data for path in hold_out]):
        splits = build_splits(spec)
        scored |= windows([t for rows in splits.ner_val_sources.values() for t, _ in rows] +
                          [t for t, _ in splits.ner_val])
        if k < len(own):  # the folder's own training sentences (a recipe held out only for its held-out ones)
            trained |= {t for t, _ in splits.ner_train}
    seen: set[str] = set()
    out = []
    for text, tags in read_people_daily_pos(root / PEOPLE_DAILY, split_names=True):
        if len(text) >= 6 and text not in seen and text not in trained and not shares_text(text, scored):
            seen.add(text)
            out.append((text, tags))
    random.Random(41).shuffle(out)
    return out


def char_counts(rows: list[tuple[str, list[str]]]) -> dict[str, list[float]]:
    """Each character's log-odds of ending a person, following one and preceding one (COUNTS' order) in `rows`."""
    seen, hits = Counter(), {k: Counter() for k in COUNTS}
    for text, tags in rows:
        seen.update(text)
        for a, b, kind in bio_spans(tags):
            if kind == "PER":
                hits["ends-name"][text[b - 1]] += 1
                if b < len(text):
                    hits["follows-name"][text[b]] += 1
                if a > 0:
                    hits["precedes-name"][text[a - 1]] += 1
    return {ch: [round(log_odds(hits[k][ch], n), 3) for k in COUNTS] for ch, n in seen.items()}


def tagged_persons(model, rows: list[tuple[str, list[str]]]) -> list[tuple]:
    """Each person the tagger reads in `rows` (in the pipeline's pieces) with a gold person among its candidate
    spans: (row index, piece, its characters' log-probabilities, the person, its candidate spans, the gold spans)."""
    labels, room = model.ner_labels, max(model.default_settings().sentence_tokens - 2, 1)
    pieces = [(k, piece) for k, row in enumerate(rows) for piece in ner_pieces([row], room)]
    out = []
    for (k, (text, gold_tags)), (lp, offsets) in zip(pieces, model.tag_log_probs([p[0] for _, p in pieces])):
        entities, corrected = model.read_names(text, lp, offsets, edges=False)
        gold = {(a, b) for a, b, kind in bio_spans(gold_tags) if kind == "PER"}
        char_lp = None
        for e in entities:
            spans = candidate_spans(text, e, entities)
            if spans and gold & set(spans):
                char_lp = char_log_probs(text, corrected, offsets, labels) if char_lp is None else char_lp
                out.append((k, text, char_lp, e, spans, gold))
    return out


def fit_name_edges(model, paragraphs: list, counted_too: list, log=print) -> NameEdges:
    """The check fitted for `model`'s tagger. Each half of `paragraphs` is read with the characters counted on the
    other half and on `counted_too` (so no count holds the very name it describes, as on unseen text); the
    shipped counts are those of all of them."""
    from sklearn.linear_model import LogisticRegression

    tags, unseen = person_tags(model.ner_labels), log_odds(0, 0)
    model.name_edges = None
    persons = tagged_persons(model, paragraphs)
    xs, ys = [], []
    for half in (0, 1):
        counts = NameEdges(char_counts(paragraphs[1 - half::2] + counted_too),
                           *np.zeros((3, WIDTH), np.float32), 0.0, unseen)
        for k, text, char_lp, e, spans, gold in persons:
            if k % 2 == half:
                xs.append(counts.features(text, char_lp, e, spans, tags))
                ys += [span in gold for span in spans]
    q, y = quadratic(np.concatenate(xs)), np.asarray(ys)
    mean, scale = q.mean(0), q.std(0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=C, max_iter=5000).fit((q - mean) / scale, y)
    chars = char_counts(paragraphs + counted_too)
    log(f"name edges: {len(chars)} characters counted, {len(y)} candidate spans around {len(persons)} persons "
        f"from {len(paragraphs)} paragraphs")
    return NameEdges(chars, mean.astype(np.float32), scale.astype(np.float32), clf.coef_[0].astype(np.float32),
                     float(clf.intercept_[0]), unseen)


def main(argv: list[str] | None = None) -> None:
    from zhnews.models.model import ZhnewsModel
    from zhnews.train.lexicon import write_names

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("config", help="the folder's recipe (for its card)")
    parser.add_argument("--hold-out", action="append", default=[], metavar="RECIPE",
                        help="a recipe whose held-out sentences must stay unseen too (repeatable)")
    parser.add_argument("--paragraphs", type=int, default=None, help="use only this many paragraphs")
    parser.add_argument("--keep", action="store_true",
                        help="measure with the folder's own check instead of fitting it again (its figures and card only)")
    args = parser.parse_args(argv)
    model = ZhnewsModel.from_pretrained(args.folder)
    kept = model.name_edges
    if args.keep and kept is None:
        raise SystemExit(f"{args.folder}: no {FILE} to keep")
    splits = recorded_splits(model.config, tagger=True)
    if splits is None or not splits.ner_train:
        raise SystemExit(f"{args.folder}: no recorded NER training split (its trained sentences must be left out)")
    held = [splits] + [ner_splits_from(load_train_config(path).data, model.config)[0] for path in args.hold_out]
    model.name_edges = None
    without = [ner_by_source(model, s) for s in held]
    if args.keep:
        model.name_edges = kept
    else:
        labelled = list({t: (t, tags) for t, tags in splits.ner_train if tags is not None}.values())
        model.name_edges = fit_name_edges(model, edge_paragraphs(model.config, args.hold_out)[: args.paragraphs], labelled)
    with_edges = [ner_by_source(model, s) for s in held]
    for path, before, after in zip(["its own"] + args.hold_out, without, with_edges):
        for name, m in after.get("ner_sources", {}).items():
            print(f"{path}, {name}: PER F1 {before['ner_sources'][name]['PER']['f1']:.4f} -> {m['PER']['f1']:.4f}, "
                  f"all {before['ner_sources'][name]['ALL']['f1']:.4f} -> {m['ALL']['f1']:.4f}")
    if not args.keep:
        model.name_edges.save(args.folder)
    write_names(args.folder, args.config, with_edges[0], None, without_edges=without[0])


if __name__ == "__main__":
    main()
