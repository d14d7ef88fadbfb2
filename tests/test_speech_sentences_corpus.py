"""The annotated THUCNews sentences (tests/data/speech_corpus/thucnews_sentences.jsonl, sessions 58-59): 3,170 sentences of
`vocab_coverage` read by helpers for every named speaker and statement; its format and, where the shared data is
present, every offset against the sentence it points into."""
from __future__ import annotations

import json

import pytest

from zhnews.models.evaluation.gold import SPEECH_CORPUS, VOCAB_SENTENCES, MissingDataError, load_speaker_gold

SENTENCES = SPEECH_CORPUS / "thucnews_sentences.jsonl"


def test_record_format_holds_no_text():
    rows = [json.loads(line) for line in SENTENCES.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == 3170 and len({r["id"] for r in rows}) == 3170
    for r in rows:
        assert set(r) <= {"id", "source", "speakers", "annotator", "notes"}, r["id"]
        assert set(r["source"]) == {"file", "label", "index", "chars", "sha1"} and r["source"]["file"] == VOCAB_SENTENCES
        assert r["id"] == f"vc-{r['source']['label']}-{r['source']['index']}"
        for sp in r["speakers"]:
            assert set(sp) == {"name", "aliases", "role", "statements"}, r["id"]
            assert sp["statements"] and all(set(st) == {"start", "end"} for st in sp["statements"])


def test_offsets_names_and_roles_fit_the_sentences():
    try:
        sentences = load_speaker_gold(SENTENCES)
    except MissingDataError as exc:
        pytest.skip(str(exc))
    assert sum(len(s["speakers"]) for s in sentences) == 1180
    for s in sentences:
        text = s["text"]
        for sp in s["speakers"]:
            assert all(name in text for name in [sp["name"], *sp["aliases"]]), (s["id"], sp["name"])
            assert sp["role"] is None or sp["role"] in text, (s["id"], sp["role"])
            for span, statement in zip(sp["spans"], sp["statements"]):
                assert statement == text[span["start"]:span["end"]] and statement, (s["id"], statement)
