"""A character n-gram expert that the topic head adds to the transformer's logits (product of experts).

Why: on full THUCNews articles, character 1-2-grams are a strong signal (TF-IDF + SVM ~97%) that the
briefly fine-tuned e5 encoder does not fully capture on 2 CPU cores; the two err on different articles,
so summing their logits beats both. The expert is small (200k n-grams x 17 labels, 6.8 MB fp16) and
stored without pickle: the vocabulary as JSON and idf + weights as safetensors. It is fitted with
scikit-learn at training time; `transform` below re-implements scikit-learn's char analyzer and TF-IDF
exactly (tests/test_ngram.py checks it against `TfidfVectorizer`).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import numpy as np

VOCAB_FILE = "ngram_vocab.json"
WEIGHTS_FILE = "ngram.safetensors"
_WHITESPACE = re.compile(r"\s\s+")


def char_ngrams(text: str, n_min: int, n_max: int) -> list[str]:
    """scikit-learn's `analyzer="char"` with lowercase=True: collapse runs of whitespace, all n-grams."""
    text = _WHITESPACE.sub(" ", text.lower())
    grams = []
    for n in range(n_min, n_max + 1):
        grams += [text[i : i + n] for i in range(len(text) - n + 1)]
    return grams


def _fit_features(texts: list[str], ngram_range: tuple[int, int], max_features: int):
    """scikit-learn's sublinear char TF-IDF fitted on `texts` (n-grams seen in >= 2 texts, the most
    frequent `max_features`): (the texts' sparse features, {gram: index}, idf as float32)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer="char", ngram_range=tuple(ngram_range), sublinear_tf=True, min_df=2,
                          max_features=max_features)
    x = vec.fit_transform(texts)
    return x, {gram: int(j) for gram, j in vec.vocabulary_.items()}, vec.idf_.astype(np.float32)


class NgramExpert:
    def __init__(self, vocab: dict[str, int], idf: np.ndarray, weight: np.ndarray, bias: np.ndarray,
                 ngram_range: tuple[int, int] = (1, 2)):
        self.vocab, self.idf, self.weight, self.bias = vocab, idf, weight, bias
        self.ngram_range = tuple(ngram_range)

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Sparse sublinear-tf x idf vector, l2-normalised: (indices, values). The n-grams are counted
        first (C code) and each distinct one looked up once: the seed page's ~6,800 1-3-grams are ~3,000
        distinct, 1.4 ms an article against 3.6 for a lookup per occurrence (session 33)."""
        get = self.vocab.get
        found = [(j, n) for gram, n in Counter(char_ngrams(text, *self.ngram_range)).items()
                 if (j := get(gram)) is not None]
        if not found:
            return np.zeros(0, np.int64), np.zeros(0)
        idx = np.fromiter((j for j, _ in found), np.int64, len(found))
        val = (1 + np.log(np.fromiter((n for _, n in found), np.float64, len(found)))) * self.idf[idx]
        return idx, val / np.linalg.norm(val)

    def logits(self, texts: list[str]) -> np.ndarray:
        out = np.tile(self.bias.astype(np.float64), (len(texts), 1))
        for row, text in enumerate(texts):
            idx, val = self.features(text)
            out[row] += val @ self.weight[idx].astype(np.float64)
        return out

    # ------------------------------------------------------------------ fit / save / load
    @classmethod
    def fit(cls, texts: list[str], labels: list[int], n_labels: int, *, max_features: int = 60000,
            sample_weight=None, C: float = 10.0, ngram_range: tuple[int, int] = (1, 2)) -> "NgramExpert":
        from sklearn.linear_model import LogisticRegression

        from zhnews.models.network import logistic_to_linear

        x, vocab, idf = _fit_features(texts, ngram_range, max_features)
        probe = LogisticRegression(C=C, max_iter=3000).fit(x, labels, sample_weight=sample_weight)
        weight, bias = logistic_to_linear(probe, n_labels)
        weight = np.ascontiguousarray(weight.T)  # stored [n-gram, label]: a text's logits are its sparse features @ weight
        return cls(vocab, idf, weight, bias, tuple(ngram_range))

    @classmethod
    def fit_one_vs_rest(cls, texts: list[str], y: np.ndarray, m: np.ndarray, *, max_features: int = 60000,
                        sample_weight=None, C: float = 10.0, ngram_range: tuple[int, int] = (1, 2)) -> "NgramExpert":
        """Multi-label topics: the same features, one logistic regression per label on the rows whose
        mask is 1 for it (models/multilabel.py)."""
        from zhnews.models.multilabel import fit_one_vs_rest

        x, vocab, idf = _fit_features(texts, ngram_range, max_features)
        weight, bias = fit_one_vs_rest(x, y, m, C=C, sample_weight=sample_weight)
        return cls(vocab, idf, np.ascontiguousarray(weight.T), bias, tuple(ngram_range))

    def save(self, folder: Path) -> None:
        from safetensors.numpy import save_file

        folder = Path(folder)
        # the n-grams as a list in index order: half the size of a {gram: index} map (2.4 MB for 200,000
        # 1-3-grams); folders written before this carry the map, which `load` still reads
        grams = sorted(self.vocab, key=self.vocab.get)
        (folder / VOCAB_FILE).write_text(json.dumps({"ngram_range": list(self.ngram_range), "grams": grams},
                                                    ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        # fp16 weights: 200k x 17 x 2 bytes = 6.8 MB; logits move by < 1e-3, far below any margin.
        save_file({"idf": self.idf.astype(np.float32), "weight": self.weight.astype(np.float16),
                   "bias": self.bias.astype(np.float32)}, str(folder / WEIGHTS_FILE))

    @classmethod
    def load(cls, folder: Path) -> "NgramExpert | None":
        """The folder's expert, or None when the model has none (then topics are transformer-only)."""
        from safetensors.numpy import load_file

        folder = Path(folder)
        if not (folder / VOCAB_FILE).exists():
            return None
        meta = json.loads((folder / VOCAB_FILE).read_text(encoding="utf-8"))
        tensors = load_file(str(folder / WEIGHTS_FILE))
        vocab = meta["vocab"] if "vocab" in meta else {gram: j for j, gram in enumerate(meta["grams"])}
        if tensors["weight"].shape[0] != len(vocab):
            raise ValueError(f"{folder / WEIGHTS_FILE}: {tensors['weight'].shape[0]} rows for "
                             f"{len(vocab)} n-grams in {VOCAB_FILE}")
        return cls(vocab, tensors["idf"], tensors["weight"].astype(np.float32), tensors["bias"],
                   tuple(meta["ngram_range"]))
