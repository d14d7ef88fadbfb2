"""The (sentence, person) pair experiments' plumbing (train/attribution_pairs.py and
train/attribution_crossencoder.py): which pairs exist, their labels, and that decoding the gold labels
gives back the gold statements. No model: the encoder states are random."""
from __future__ import annotations

import numpy as np

from zhnews.train.attribution_crossencoder import candidate_rows, pair_text
from zhnews.train.attribution_pairs import N_FEATURES, decode_alone, decode_combined, labels, pairs, prepare

TEXT = "王明说，我们明天出发。李华表示，天气很好。他说，我们会准时到。"


def span(s: str) -> dict:
    return {"start": TEXT.index(s), "end": TEXT.index(s) + len(s)}


def document() -> dict:
    doc = {"text": TEXT, "speakers": [
        {"name": "王明", "aliases": [], "spans": [span("我们明天出发。")]},
        {"name": "李华", "aliases": [], "spans": [span("天气很好。"), span("我们会准时到。")]}]}
    analysis = {"entities": [{"text": n, "label": "PER"} for n in ("王明", "李华")],
                "speakers": [{"name": "王明", "statements": [span("我们明天出发。")]}]}  # the rules miss 李华
    return prepare(doc, analysis, np.random.default_rng(0).normal(size=(len(TEXT), 8)).astype(np.float32))


def test_a_person_is_paired_with_the_sentences_from_where_they_are_first_named():
    doc = document()
    rows, f, s, m = pairs(doc)
    assert [TEXT[a:b] for a, b, _ in doc["sentences"]] == ["王明说，我们明天出发。", "李华表示，天气很好。", "他说，我们会准时到。"]
    assert rows == [(0, "王明"), (1, "李华"), (1, "王明"), (2, "李华"), (2, "王明")] == candidate_rows(doc)
    assert f.shape == (5, N_FEATURES) and s.shape == m.shape == (5, 8)
    assert f[0, 17] == 1 and f[1, 17] == 0  # the rules' owner of the sentence, as a feature
    assert labels(doc, rows).tolist() == [1, 1, 0, 1, 0]


def test_decoding_the_gold_labels_gives_the_gold_statements_and_the_combination_keeps_the_rules():
    doc = document()
    rows, *_ = pairs(doc)
    scored = [(i, c, float(y)) for (i, c), y in zip(rows, labels(doc, rows))]
    alone = {sp["name"]: [TEXT[s["start"]:s["end"]] for s in sp["statements"]] for sp in decode_alone(doc, scored, 0.5)}
    assert alone == {"王明": ["王明说，我们明天出发。"], "李华": ["李华表示，天气很好。", "他说，我们会准时到。"]}
    combined = {sp["name"]: len(sp["statements"]) for sp in decode_combined(doc, scored, 0.5)}
    assert combined == {"王明": 1, "李华": 2}  # the rule statement kept, the two sentences it lacks added


def test_the_cross_encoders_string_marks_the_sentence_and_the_persons_mentions():
    doc = document()
    assert pair_text(doc, 2, "李华") == "李华：王明说，我们明天出发。〔李华〕表示，天气很好。【他说，我们会准时到。】"
