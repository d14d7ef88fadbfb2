"""Where a person's name starts and ends: a learned check of the tagger's person edges (issue 14).

Why: the tagger's commonest person error is an edge one character off: a three-character name cut to two (张铁|发的话,
商|国富) or run into the next word (毛泽东渊|博, 冯强忍|住). On the held-out sentences of `default` with every such edge
right, PER F1 would read People's Daily 0.902 -> 0.941, MSRA 0.907 -> 0.933, People's Daily 1998 0.822 -> 0.868
(session 41, docs/experiments.md). The tagger sees the characters; whether 发 ends a name or opens 发表 is better
told by how often each does in a corpus of names (People's Daily 1998, the NER corpora).

How: each person the tagger reads (Han characters, at most MAX_CHARS) is compared with the spans that move either
edge by one character (up to 9 candidates, never into another mention). A logistic regression over the quadratic
expansion of FEATURES scores them; the best replaces the tagger's span when it scores higher and reads as the person
more likely than not. Features of a candidate: the tagger's own log-probabilities of that span's tags over the
candidates' window, against its own choice; the length; a family name at its start; log-odds that its last character
ends a name, that the next one follows a name and that the one before precedes a name (counted on People's Daily 1998
paragraphs and the tagger's NER training sentences); jieba's dictionary across each edge (渊博, 发表), on the given
name (书记) and the whole; a title after the family name (李大使: the corpora name 李); transliteration characters.
Fitted by train/name_edges.py on People's Daily 1998 paragraphs that share no 12 characters with a sentence any
figure is read on. Measured (session 41), held-out PER F1 of `default`: CLUENER 0.795 -> 0.816, People's Daily 1998
0.822 -> 0.847, People's Daily, MSRA and Weibo unchanged (`small`: MSRA one name lower, 侯老 read whole).
"""
from __future__ import annotations

import dataclasses
import json
import math
import re
from pathlib import Path

import numpy as np

from zhnews.models.lexicon import dictionary, is_person_word
from zhnews.models.schema import Entity
from zhnews.models.speech.names import postag
from zhnews.models.speech.vocab import ADDRESS_TITLES, TITLES, TRANSLIT_CHARS
from zhnews.models.surnames import COMMON_SURNAMES, COMPOUND_SURNAMES

FILE = "name_edges.json"
MAX_CHARS = 5  # longer persons (transliterations, Tibetan names) keep the tagger's edges
FEATURES = ("path", "length-1", "length-2", "length-3", "length-4", "length-5", "surname", "compound-surname",
            "no-surname", "ends-name", "follows-name", "precedes-name", "text-end", "text-start", "word-across-end",
            "word-after", "word-across-start", "word-given", "person-given", "person-whole", "start-moved",
            "end-moved", "title-given", "verb-given", "noun-given", "verb-after", "verb-across-end", "title-after",
            "transliteration")
WIDTH = len(FEATURES) * (len(FEATURES) + 3) // 2  # the features and the products of every two (`quadratic`)
COUNTS = ("ends-name", "follows-name", "precedes-name")  # the per-character log-odds, in this order
PRIOR, PRIOR_WEIGHT = 0.05, 5.0  # a character seen n times: (k + 0.25) / (n - k + 4.75)
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_TITLES = tuple(sorted(set(TITLES) | set(ADDRESS_TITLES)))


def log_odds(hits: int, seen: int) -> float:
    """Smoothed log-odds that a character seen `seen` times did the thing `hits` times."""
    return math.log((hits + PRIOR * PRIOR_WEIGHT) / (seen - hits + (1 - PRIOR) * PRIOR_WEIGHT))


def char_log_probs(text: str, log_probs: np.ndarray, offsets, labels: list[str]) -> np.ndarray:
    """(len(text), labels): each character's token's log-probabilities (a character without one: -30 everywhere)."""
    out = np.full((len(text), len(labels)), -30.0, np.float32)
    for k, (a, b) in enumerate(offsets[: len(log_probs)]):
        if b > a:
            out[a] = log_probs[k]
    return out


def candidate_spans(text: str, entity: Entity, entities: list[Entity]) -> list[tuple[int, int]]:
    """The spans with either edge of `entity` moved by one character: 1 to MAX_CHARS long, taking in only Han
    characters no other mention holds. Empty for an entity the check leaves alone."""
    if entity.label != "PER" or len(entity.text) > MAX_CHARS or not _HAN.match(entity.text):
        return []
    a, b = entity.start, entity.end
    taken = [(o.start, o.end) for o in entities if o is not entity]

    def free(i: int) -> bool:
        return 0 <= i < len(text) and bool(_HAN.match(text[i])) and not any(p <= i < q for p, q in taken)

    return [(s, x) for s in (a - 1, a, a + 1) for x in (b - 1, b, b + 1)
            if 1 <= x - s <= MAX_CHARS and (s >= a or free(s)) and (x <= b or free(x - 1))]


def person_tags(labels: list[str]) -> tuple[int, int, int] | None:
    """The indices of B-PER, I-PER and O among a tagger's labels (None without them: nothing to check)."""
    names = ("B-PER", "I-PER", "O")
    return tuple(labels.index(t) for t in names) if set(names) <= set(labels) else None


def _path(lp: np.ndarray, s: int, x: int, lo: int, hi: int, tags: tuple[int, int, int]) -> float:
    """The tagger's log-probability of tags B-PER I-PER… on [s, x) and O elsewhere in [lo, hi)."""
    b_per, i_per, o = tags
    return float(sum(lp[i, b_per] if i == s else lp[i, i_per] if s < i < x else lp[i, o] for i in range(lo, hi)))


class NameEdges:
    """The fitted check (FILE in a model folder): the per-character log-odds and the regression's weights."""

    def __init__(self, chars: dict[str, list[float]], mean: np.ndarray, scale: np.ndarray, weights: np.ndarray,
                 bias: float, unseen: float):
        self.chars, self.unseen = chars, unseen  # unseen: a character the counts never saw (all three log-odds)
        self.mean, self.scale, self.weights, self.bias = mean, scale, weights, float(bias)
        if not (mean.shape == scale.shape == weights.shape == (WIDTH,)):
            raise ValueError(f"{FILE}: weights for the {len(FEATURES)} features and their products expected")

    # ------------------------------------------------------------------ features
    def _counts(self, ch: str, k: int) -> float:
        return self.chars.get(ch, (self.unseen,) * len(COUNTS))[k] if ch else 0.0

    def features(self, text: str, lp: np.ndarray, entity: Entity, spans: list[tuple[int, int]],
                 tags: tuple[int, int, int]) -> np.ndarray:
        """(len(spans), FEATURES) for the candidate spans of `entity` (`lp`: its text's `char_log_probs`)."""
        freq, pos = dictionary()

        def word(w: str) -> float:  # jieba's log frequency of w as a word of two or more characters
            return math.log1p(freq.get(w) or 0) if len(w) >= 2 else 0.0

        def tag(w: str) -> str:
            return pos.get(w, "") if freq.get(w) else ""

        lo, hi = min(s for s, _ in spans), max(x for _, x in spans)
        chosen = _path(lp, entity.start, entity.end, lo, hi, tags)
        rows = []
        for s, x in spans:
            n, length = len(text), x - s
            surname = 2 if text[s:s + 2] in COMPOUND_SURNAMES else 1 if text[s] in COMMON_SURNAMES else 0
            last, after, before = text[x - 1], text[x] if x < n else "", text[s - 1] if s > 0 else ""
            given = text[s + max(surname, 1):x]
            rows.append([
                _path(lp, s, x, lo, hi, tags) - chosen, *(float(length == k) for k in range(1, 5)), float(length >= 5),
                float(surname == 1), float(surname == 2), float(surname == 0),
                self._counts(last, 0), self._counts(after, 1), self._counts(before, 2), float(not after),
                float(not before), word(last + after) if after else 0.0, word(text[x:x + 2]) if x + 1 < n else 0.0,
                word(before + text[s]) if before else 0.0, word(given), float(is_person_word(given, freq, pos)),
                float(is_person_word(text[s:x], freq, pos)), float(s != entity.start), float(x != entity.end),
                float(bool(given) and given.startswith(_TITLES)), float(tag(given)[:1] == "v"),
                float(tag(given)[:1] == "n" and tag(given)[:2] != "nr"), float(tag(text[x:x + 2])[:1] == "v"),
                float(tag(last + after)[:1] == "v") if after else 0.0, float(text.startswith(_TITLES, x)),
                sum(ch in TRANSLIT_CHARS for ch in text[s:x]) / length])
        return np.asarray(rows, np.float32)

    def scores(self, x: np.ndarray) -> np.ndarray:
        return (quadratic(x) - self.mean) / self.scale @ self.weights + self.bias

    # ------------------------------------------------------------------ inference
    def apply(self, text: str, log_probs: np.ndarray, offsets, labels: list[str],
              entities: list[Entity]) -> list[Entity]:
        """`entities` of one sentence with each person's edges as the check reads them (`log_probs`: the tagger's,
        corrected, tokens x labels; `offsets`: the tokens' in `text`), then as jieba completes them."""
        return jieba_completed(text, self._moved(text, log_probs, offsets, labels, entities))

    def _moved(self, text: str, log_probs: np.ndarray, offsets, labels: list[str],
               entities: list[Entity]) -> list[Entity]:
        """`entities` with the learned moves of persons' edges."""
        todo = [(k, spans) for k, e in enumerate(entities) if (spans := candidate_spans(text, e, entities))]
        tags = person_tags(labels) if todo else None
        if tags is None:
            return entities  # most sentences: no person, nothing computed
        lp = char_log_probs(text, log_probs, offsets, labels)
        out = list(entities)
        for k, spans in todo:
            e = entities[k]
            scores = self.scores(self.features(text, lp, e, spans, tags))
            best = int(np.argmax(scores))
            s, x = spans[best]
            # a move needs the new span read as the person more likely than not: without that bar, a false person
            # (马刺|浪费) moved too and read as a clean name (65 against 25 of them in cross-validation, for 0.002 of F1)
            if (s, x) != (e.start, e.end) and scores[best] > 0 \
                    and not any(o.start < x and s < o.end for o in out if o is not out[k]):
                out[k] = dataclasses.replace(e, start=s, end=x, text=text[s:x])
        return out

    # ------------------------------------------------------------------ the folder's file
    def save(self, folder: Path) -> None:
        value = {"features": list(FEATURES), "counts": list(COUNTS), "unseen": self.unseen, "bias": self.bias,
                 "mean": self.mean.tolist(), "scale": self.scale.tolist(), "weights": self.weights.tolist(),
                 "chars": self.chars}
        (Path(folder) / FILE).write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "NameEdges | None":
        """The folder's check, or None when it has none (the tagger's edges stand)."""
        path = Path(folder) / FILE
        if not path.is_file():
            return None
        value = json.loads(path.read_text(encoding="utf-8"))
        if value.get("features") != list(FEATURES) or value.get("counts") != list(COUNTS):
            raise ValueError(f"{path}: its features are not this version's ({', '.join(FEATURES)})")
        return cls(value["chars"], *(np.asarray(value[k], np.float32) for k in ("mean", "scale", "weights")),
                   value["bias"], value["unseen"])


# what never runs a name on by one character: particles, and the titles and kin words that follow a family name (周总理)
_NEVER_NAME_END = set("的地得了着过老总哥姐叔姨婆公爷") | {t for t in _TITLES if len(t) == 1}
# characters that follow a name as words of their own (自承认, 在会上, 也表示): a name runs on over one only as a person
# word of jieba's dictionary
_FUNCTION_CHARS = set("自在也还就都又曾将把被对向和与及说称等")
# characters of context each side that jieba segments around a name: 0.5 ms a window (154 windows over the 5,321 held-out
# NER sentences took 73 ms), where the whole sentence would cost ~0.1 ms a character
JIEBA_WINDOW = 4


def jieba_completed(text: str, entities: list[Entity]) -> list[Entity]:
    """Persons with the edges jieba's segmentation (its HMM on: unknown names grouped) gives a Chinese name one
    character off the tagger's: a two-character person run on to three (于友|先会见, 金相|厦的生日, 刘山|在和…) or a
    four-character one cut to three (肖香宝|忍不住, 童志成|…), its first character a family name, jieba reading the
    three as one person word in the name's window. Measured (session 62) on the held-out sentences, after the learned
    moves: `default` People's Daily PER F1 0.902 -> 0.915 (three names, each right), People's Daily 1998 0.847 ->
    0.851, CLUENER 0.818 -> 0.821, MSRA and Weibo unchanged; `small` People's Daily 0.901 -> 0.914. Moving any other
    edge jieba's way lost everywhere (its HMM splits names the tagger reads whole: 朱|安康, 张馨|予)."""
    out = list(entities)
    for k, e in enumerate(entities):
        a, b = e.start, e.end
        if e.label != "PER" or text[a] not in COMMON_SURNAMES or text[a:a + 2] in COMPOUND_SURNAMES:
            continue
        if b - a == 2 and b < len(text) and _HAN.match(text[b]) and text[b] not in _NEVER_NAME_END and \
                not any(o.start <= b < o.end for o in entities if o is not e):
            end = b + 1  # run on by one
        elif b - a == 4 and _HAN.match(text[a:b]):
            end = b - 1  # cut by one
        else:
            continue
        if text[a + 1:end] in _TITLES:
            continue  # 周总|理: a family name and a title (周总理), no given name
        if end > b and text[b] in _FUNCTION_CHARS and not is_person_word(text[a:end], *dictionary()):
            continue  # 吕方|自承认: jieba's HMM glues an adverb on (刘山在 stays: jieba's dictionary holds the minister)
        lo = max(0, a - JIEBA_WINDOW)
        if any(s + lo == a and x + lo == end and flag.startswith("nr")
               for _, flag, s, x in postag(text[lo:max(b, end) + JIEBA_WINDOW])):
            out[k] = dataclasses.replace(e, end=end, text=text[a:end])
    return out


def quadratic(x: np.ndarray) -> np.ndarray:
    """The features and every product of two of them (each pair once, squares included)."""
    i, j = np.triu_indices(x.shape[1])
    return np.concatenate([x, x[:, i] * x[:, j]], axis=1)
