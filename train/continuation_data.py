"""The data of the continuation head's fit (train/continuation.py): the speech corpus's articles run
once through a model folder's encoder (names and pooled sentence states, cached on disk so each split
is encoded once), then replayed through the attribution walk as often as the fit needs, with a head,
with none, or with a recorder that labels each decision from the gold.

A candidate is positive when one of its spans overlaps a gold statement of its speaker (the name or
an alias) by at least half of the shorter span: the rule `speaker_scores` counts a statement by.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from zhnews.models.entities import entity_pieces
from zhnews.models.evaluation.metrics import aggregate_speaker_scores, speaker_scores
from zhnews.models.pipeline import Analyzer, FeatureCache, Prepared, body_paragraphs, entity_spans, prepare
from zhnews.models.speech import attribute
from zhnews.models.speech.clauses import strip_span
from zhnews.models.speech.continuation import Candidate

ENCODE_BATCH = 16  # articles per encoder call, as `zhnews batch` cuts them


@dataclass
class Replay:
    """One article, encoded: what the walk needs to run again without the encoder."""

    id: str
    prep: Prepared
    entities: dict
    vectors: dict


def cache_key(folder: Path, articles: list[dict], settings) -> str:
    h = hashlib.sha256()
    h.update((Path(folder) / "model.safetensors").read_bytes())
    config = json.loads((Path(folder) / "config.json").read_text(encoding="utf-8"))
    config.pop("continuation", None)  # the head itself: writing it changes no encoder output
    h.update(json.dumps(config, sort_keys=True).encode())
    h.update(repr(settings).encode())
    for a in articles:
        h.update(a["id"].encode() + hashlib.sha1(a["text"].encode()).digest())
    return h.hexdigest()[:20]


def encode(analyzer: Analyzer, folder: Path, articles: list[dict], cache_dir: Path | None = None,
           log=print) -> list[Replay]:
    """Each article's sentences through the encoder once (names + pooled states, the pass the
    pipeline makes), kept in `cache_dir` (default: the system temp folder) under a key of the folder's
    weights, the settings and the texts."""
    cache_dir = Path(cache_dir or Path(tempfile.gettempdir()) / "zhnews-continuation")
    path = cache_dir / f"{cache_key(folder, articles, analyzer.settings)}.pkl"
    if path.is_file():
        with open(path, "rb") as fh:  # our own cache file, written below
            return pickle.load(fh)
    out: list[Replay] = []
    chunk = analyzer.speech_config.ner_chunk_chars
    for i in range(0, len(articles), ENCODE_BATCH):
        batch = articles[i : i + ENCODE_BATCH]
        preps = [prepare(a["text"]) for a in batch]
        cache = feature_cache(analyzer)
        cache.keep_vectors = True
        cache.fill([piece for p in preps for _, piece, _ in entity_pieces(p.norm.text, entity_spans(p), chunk, True)])
        for a, p in zip(batch, preps):
            keys = {s for _, s, _ in entity_pieces(p.norm.text, entity_spans(p), chunk, True)}
            out.append(Replay(a["id"], p, {k: cache.entities[k] for k in keys},
                              {k: np.asarray(cache.vectors[k], np.float32) for k in keys}))
        log(f"encoded {min(i + ENCODE_BATCH, len(articles))}/{len(articles)} articles")
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(out, fh)
    tmp.replace(path)
    return out


def feature_cache(analyzer: Analyzer) -> FeatureCache:
    from zhnews.models.fastpath import speech_filter

    settings = analyzer.settings
    can_speak = speech_filter(analyzer.speech_config.all_verbs) if settings.fast and settings.speech_only_ner else None
    return FeatureCache(analyzer.model, settings, analyzer.model.config.get("names", "model"), can_speak=can_speak)


def walk(analyzer: Analyzer, replays: list[Replay], decider=None) -> list[list[dict]]:
    """The pipeline's speakers of each article (statements with offsets into the input), with
    `decider` as the continuation head (None: the rules alone)."""
    out = []
    for r in replays:
        cache = feature_cache(analyzer)
        cache.only_filled = True  # everything was encoded: nothing reaches the encoder again
        cache.entities, cache.vectors = r.entities, r.vectors
        with_decider = decider.bind(r) if hasattr(decider, "bind") else decider
        speakers = attribute(r.prep.norm.text, body_paragraphs(r.prep), cache.find_names, analyzer.speech_config,
                             with_decider, cache.sentence_vectors)
        out.append([{"name": sp.name, "statements": [
            dict(zip(("start", "end"), r.prep.norm.to_original(s.start, s.end))) for s in sp.statements]}
            for sp in speakers])
    return out


def score(gold: list[dict], predicted: list[list[dict]]) -> dict:
    """Speakers and statements P/R/F1 over the articles (what `zhnews eval --speakers` reports)."""
    per = [speaker_scores(g["speakers"], p, text=g["text"]) for g, p in zip(gold, predicted)]
    agg = aggregate_speaker_scores(per)
    return {k: {m: agg[k][m] for m in ("precision", "recall", "f1")} for k in ("speakers", "statements")}


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """At least half of the shorter span in common (the metric's rule)."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter * 2 >= min(a[1] - a[0], b[1] - b[0])


class Recorder:
    """A decider that labels each candidate from the gold and records it; it continues where the rules
    do or the gold does (so the candidates span every state a head or the rules can reach)."""

    mode = "combine"
    reads_vectors = True

    def __init__(self, gold: dict[str, dict]):
        self.gold = gold  # article id -> gold record
        self.rows: list[tuple[str, Candidate, bool]] = []
        self.article: Replay | None = None

    def bind(self, replay: Replay) -> "Recorder":
        self.article = replay
        return self

    def label(self, c: Candidate) -> bool:
        r = self.article
        g = self.gold[r.id]
        names = c.speaker.split("、")  # a group key: each member says it
        text = r.prep.norm.text
        spans = [r.prep.norm.to_original(*strip_span(text, a, b)) for a, b in c.spans]
        for sp in g["speakers"]:
            if not {sp["name"], *sp.get("aliases", [])} & set(names):
                continue
            gold_spans = [(s["start"], s["end"]) for s in sp["spans"]]
            if any(overlaps(p, q) for p in spans if p[1] > p[0] for q in gold_spans):
                return True
        return False

    def decide(self, c: Candidate) -> bool:
        y = self.label(c)
        self.rows.append((self.article.id, c, y))
        return c.rule or y


def collect(analyzer: Analyzer, replays: list[Replay], gold: list[dict]) -> list[tuple[str, Candidate, bool]]:
    """Every candidate of the walk over `replays`, labelled."""
    recorder = Recorder({g["id"]: g for g in gold})
    walk(analyzer, replays, recorder)
    return recorder.rows
