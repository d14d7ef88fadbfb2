"""How good is each layer of the base for topics? Frozen features (mean-pooled over the first window)
from every `--every`-th layer + logistic regression, trained on a recipe's training articles and a
sample of its titles, scored on its held-out articles and titles. The evidence for `base.layers`:

    python -m zhnews.train.layer_probe configs/default.yaml      # ~5 min on 2 cores (e5-small, 12 layers)
"""
from __future__ import annotations

import argparse

import numpy as np
import torch

from zhnews.models.config import load_train_config
from zhnews.models.encoding import pad_batch, topic_windows
from zhnews.models.evaluation.splits import build_splits
from zhnews.models.network import build_encoder, mean_pool


def layer_features(encoder, tokenizer, texts: list[str], tokens: int, layers: list[int]) -> dict[int, np.ndarray]:
    ids, _ = topic_windows(tokenizer, texts, tokens, 1)
    out: dict[int, list] = {k: [] for k in layers}
    for i in range(0, len(ids), 32):
        x, mask = pad_batch(ids[i : i + 32], tokenizer.pad_token_id)
        with torch.inference_mode():
            hidden = encoder(input_ids=x, attention_mask=mask, output_hidden_states=True).hidden_states
        for k in layers:
            out[k].append(mean_pool(hidden[k], mask).numpy())
    return {k: np.concatenate(v) for k, v in out.items()}


def main(argv: list[str] | None = None) -> None:
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("config")
    parser.add_argument("--every", type=int, default=2)
    parser.add_argument("--titles", type=int, default=1500, help="training titles sampled (seed 0)")
    parser.add_argument("--val-titles", type=int, default=500)
    args = parser.parse_args(argv)
    config = load_train_config(args.config)
    splits = build_splits(config.data)
    encoder, tokenizer = build_encoder(config.base)
    encoder.eval()
    layers = list(range(args.every, encoder.config.num_hidden_layers + 1, args.every))
    articles = [(t, label) for t, label, kind in splits.topic_train if kind == "article"]
    titles = [(t, label) for t, label, kind in splits.topic_train if kind == "title"]
    pick = np.random.default_rng(0).choice(len(titles), min(args.titles, len(titles)), replace=False)
    titles = [titles[i] for i in pick]
    sets = {"train": (articles, 256), "train_titles": (titles, 64),  # titles are short: 64 tokens hold them
            "articles": (splits.article_val, 256), "titles": (splits.title_val[: args.val_titles], 64)}
    feats = {name: layer_features(encoder, tokenizer, [t for t, _ in rows], n, layers)
             for name, (rows, n) in sets.items()}
    y_train = [label for _, label in articles + titles]
    for k in layers:
        clf = LogisticRegression(C=10, max_iter=3000)
        clf.fit(np.concatenate([feats["train"][k], feats["train_titles"][k]]), y_train)
        scores = {name: float((clf.predict(feats[name][k]) == np.array([label for _, label in sets[name][0]])).mean())
                  for name in ("articles", "titles")}
        print(f"layer {k:2d}: held-out articles {scores['articles']:.4f} (n={len(sets['articles'][0])}), "
              f"titles {scores['titles']:.4f} (n={len(sets['titles'][0])})", flush=True)


if __name__ == "__main__":
    main()
