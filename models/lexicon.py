"""jieba's dictionary beside the name tagger (issue 14): which dictionary words cover each character, as
features of a small learned correction of the tagger's person tags.

Why: the tagger misses names a dictionary knows (毛泽东, 杜甫, 格林斯潘 in context) and runs a name into the
next word (冯强|忍住 read as 冯强忍). Lexicon features are the usual cure for Chinese character taggers
(Lattice LSTM, SoftLexicon); here they only shift the two person columns of the tagger's log-probabilities,
z = scale * log p + features @ W, fitted on the tagger's own training sentences (train/lexicon.py), and
Viterbi decodes z as before. Measured for `default` on the held-out sentences (docs/experiments.md, session
35), PER F1: MSRA 0.883 -> 0.907, People's Daily 0.897 -> 0.902, CLUENER 0.788 -> 0.795, Weibo 0.650 -> 0.667.

Features of a character (FEATURES): for words of 2-8 characters in jieba's dictionary (frequency > 0), by the
word's class (person nr*, place ns, organisation nt, any other word), whether the character begins, is inside
or ends one; and a one-character person word (jieba files some surnames so).
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from zhnews.models.schema import Entity

CLASSES = ("person", "place", "organisation", "word")
# no constant: with one the fit lowers every uncertain person a little, and names the dictionary does not hold
# (科比, 拜纳姆) turned into places (docs/experiments.md, session 35)
FEATURES = tuple(f"{c}-{p}" for c in CLASSES for p in ("begin", "inside", "end")) + ("person-single",)
PERSON_TAGS = ("B-PER", "I-PER")  # the columns the correction moves: names of other kinds keep the tagger's
LONGEST_WORD = 8


@lru_cache(maxsize=1)
def dictionary() -> tuple[dict, dict]:
    """(jieba's word -> frequency, which also holds every word's prefixes with frequency 0; word -> POS tag)."""
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.dt.FREQ, pseg.dt.word_tag_tab


# a word's first feature column (its class's "begin") by jieba tag: persons nr nrfg nrt, places ns, organisations nt
_BEGIN = {tag: FEATURES.index(f"{c}-begin") for c, tags in (("person", ("nr", "nrfg", "nrt")), ("place", ("ns",)),
                                                              ("organisation", ("nt",))) for tag in tags}
_WORD_BEGIN, _PERSON_SINGLE = FEATURES.index("word-begin"), FEATURES.index("person-single")


def lexicon_features(text: str) -> np.ndarray:
    """(len(text), len(FEATURES)) float32: the dictionary words over each character of `text`."""
    freq, tags = dictionary()
    n = len(text)
    rows: list[int] = []
    cols: list[int] = []
    for i in range(n):
        for j in range(i + 2, min(n, i + LONGEST_WORD) + 1):
            count = freq.get(text[i:j])
            if count is None:  # no dictionary word starts with text[i:j], so none longer does either
                break
            if count:
                base = _BEGIN.get(tags.get(text[i:j]), _WORD_BEGIN)  # begin, inside, end: three columns in a row
                rows += range(i, j)
                cols += [base, *[base + 1] * (j - i - 2), base + 2]
        if is_person_word(text[i], freq, tags):
            rows.append(i)
            cols.append(_PERSON_SINGLE)
    out = np.zeros((n, len(FEATURES)), np.float32)
    out[rows, cols] = 1.0
    return out


def is_person_word(word: str, freq: dict, tags: dict) -> bool:
    """`word` is in the dictionary (`dictionary()`'s freq and tags) as a person: nr, nrfg or nrt."""
    return bool(freq.get(word)) and tags.get(word, "")[:2] == "nr"


@dataclass
class NameLexicon:
    """The fitted correction (config.json `names_lexicon`): `scale` of the tagger's log-probabilities and
    one weight per feature for each person tag."""

    scale: float = 1.0
    weights: dict = field(default_factory=lambda: {t: [0.0] * len(FEATURES) for t in PERSON_TAGS})
    _matrices: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not (isinstance(self.scale, (int, float)) and math.isfinite(self.scale) and self.scale > 0):
            raise ValueError(f"names_lexicon: scale must be a positive number, got {self.scale!r}")
        if set(self.weights) != set(PERSON_TAGS):
            raise ValueError(f"names_lexicon: weights for exactly {list(PERSON_TAGS)}, got {sorted(self.weights)}")
        for tag, row in self.weights.items():
            if len(row) != len(FEATURES) or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in row):
                raise ValueError(f"names_lexicon: {tag} needs {len(FEATURES)} finite weights ({', '.join(FEATURES)})")

    @classmethod
    def from_config(cls, value: dict) -> "NameLexicon":
        if not isinstance(value, dict) or value.get("features") != list(FEATURES):
            raise ValueError("names_lexicon: its `features` are not this version's lexicon features "
                             f"({', '.join(FEATURES)})")
        return cls(scale=value.get("scale", 1.0), weights=value.get("weights", {}))

    def to_config(self) -> dict:
        return {"features": list(FEATURES), "scale": float(self.scale),
                "weights": {t: [float(v) for v in self.weights[t]] for t in PERSON_TAGS}}

    def matrix(self, labels: list[str]) -> np.ndarray:
        """(len(FEATURES), len(labels)): the weights in the tagger's label order, 0 for the other labels."""
        key = tuple(labels)
        if key not in self._matrices:
            out = np.zeros((len(FEATURES), len(labels)), np.float32)
            for tag in PERSON_TAGS:
                out[:, labels.index(tag)] = self.weights[tag]
            self._matrices[key] = out
        return self._matrices[key]

    def apply(self, log_probs: np.ndarray, text: str, offsets, labels: list[str]) -> np.ndarray:
        """The tagger's log-probabilities of one sentence's tokens (`offsets` into `text`; special tokens
        (0, 0) keep theirs), corrected and renormalised, for Viterbi to decode.

        A sentence where no character could become part of a person is given back unchanged (features cost
        ~3 ms an article; most sentences name nobody): where a person tag scores below O both before and after
        the largest correction the weights allow (features are 0 or 1), a run of person tags in a tag
        sequence can be swapped for O's, which every tag may follow, for a higher score, so Viterbi picks no
        person tag either way, and scaling the other labels' scores by `scale` > 0 leaves its choice among
        them as it was."""
        person = log_probs[:, [labels.index(t) for t in PERSON_TAGS]]
        o = log_probs[:, labels.index("O"), None]
        if (person < o).all() and (self.scale * person + self.largest_gains(labels) < self.scale * o).all():
            return log_probs
        feats = lexicon_features(text)
        rows = [k for k, (a, b) in enumerate(offsets[: len(log_probs)]) if b > a]
        z = log_probs.astype(np.float32, copy=True)
        if rows:
            z[rows] = self.scale * z[rows] + feats[[offsets[k][0] for k in rows]] @ self.matrix(labels)
        return z - np.logaddexp.reduce(z, axis=1, keepdims=True)

    def with_family_names(self, text: str, entities: list[Entity]) -> list[Entity]:
        """A person the tagger read without its first character gets it back where the dictionary has the longer
        string as a person word (nr, nrfg, nrt) and no other mention holds that character: 国家主席习近平 was read
        近平 (习 is rare as a family name). One character to the left only: taking any longer dictionary word over a
        person measured worse (its person words include 邓小平理论 and 李宁牌; docs/experiments.md, session 37)."""
        if not any(e.label == "PER" and e.start > 0 for e in entities):
            return entities  # most sentences: no dictionary lookup (nor its load on a first sentence)
        freq, tags = dictionary()
        out = []
        for e in entities:
            a = e.start - 1
            word = text[a : e.end] if a >= 0 else ""
            if e.label == "PER" and word and is_person_word(word, freq, tags) \
                    and not any(o.start <= a < o.end for o in entities):
                e = dataclasses.replace(e, start=a, text=word)
            out.append(e)
        return out

    def largest_gains(self, labels: list[str]) -> np.ndarray:
        """The most the features can add to each person tag's score: its positive weights, all present at once
        (once a label order, as `matrix`: `apply` asks for it on every sentence)."""
        key = ("gains", *labels)
        if key not in self._matrices:
            self._matrices[key] = np.clip(self.matrix(labels)[:, [labels.index(t) for t in PERSON_TAGS]], 0, None).sum(0)
        return self._matrices[key]
