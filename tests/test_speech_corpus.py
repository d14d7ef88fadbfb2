"""The speech corpus (tests/data/speech_corpus): its format, its splits and, where the shared data is
present, every offset against the article it points into."""
from __future__ import annotations

import importlib.util
import json

import pytest

from zhnews.models.evaluation.gold import SPEECH_CORPUS, MissingDataError, load_speaker_gold

FRESH_SPLITS = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6")  # drawn one after another, sessions 14-18 (selection.py)
OTHER_SOURCES = ("people_daily", "people_daily2", "people_daily3", "people_daily4",
                 "people_daily5", "people_daily6", "people_daily7", "people_daily8", "people_daily9",
                 "people_daily10", "people_daily11", "people_daily12", "people_daily13", "people_daily14",
                 "people_daily15", "people_daily16", "people_daily17", "people_daily18",
                 "people_daily19", "people_daily20")  # People's Daily 1998 (sessions 19-24): a second source
WEIBO_POSTS = ("lcsts", "lcsts2", "lcsts3", "lcsts4", "lcsts5", "lcsts6", "lcsts7")  # LCSTS part III Weibo news posts (sessions 20-21): a third source
SPLITS = ("train", "dev", "test", "double", *FRESH_SPLITS, "double_fresh", *OTHER_SOURCES, *WEIBO_POSTS)
QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}


def records(split: str) -> list[dict]:
    lines = (SPEECH_CORPUS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[dict]]:
    try:
        return {split: load_speaker_gold(SPEECH_CORPUS / f"{split}.jsonl") for split in SPLITS}
    except MissingDataError as exc:
        pytest.skip(str(exc))


def test_sizes_and_disjoint_splits():
    ids = {split: [r["id"] for r in records(split)] for split in SPLITS}
    assert len(ids["train"]) >= 220 and len(ids["dev"]) >= 40 and len(ids["test"]) >= 40 and len(ids["double"]) >= 30
    for split in SPLITS:
        assert len(ids[split]) == len(set(ids[split])), split
    assert not set(ids["train"]) & set(ids["dev"]) and not set(ids["test"]) & (set(ids["train"]) | set(ids["dev"]))
    assert set(ids["double"]) <= set(ids["dev"]), "the second annotation is of development articles"
    assert len(ids["double_fresh"]) >= 30 and set(ids["double_fresh"]) <= set(ids["fresh"])
    earlier = set(ids["train"]) | set(ids["dev"]) | set(ids["test"])
    for split in FRESH_SPLITS:  # each drawn after the one before, from the rest
        # (80 each; the last takes the 58 the file has left)
        assert len(ids[split]) >= (50 if split == FRESH_SPLITS[-1] else 80) and not set(ids[split]) & earlier
        earlier |= set(ids[split])
    for split in OTHER_SOURCES:  # 60 each; people_daily17 the 56 left of 300-1,500 characters, 18 all 29 longer
        assert len(ids[split]) >= (29 if split == "people_daily18" else 50) and all(i.startswith("pd-") for i in ids[split])
    for split in WEIBO_POSTS:  # 160 each; the last takes the 146 the file has left
        assert len(ids[split]) >= (140 if split == WEIBO_POSTS[-1] else 150) and all(i.startswith("lcsts-") for i in ids[split])
    for k, split in enumerate(WEIBO_POSTS):
        assert not set(ids[split]) & set().union(*(ids[s] for s in WEIBO_POSTS[:k])), split
    for k, split in enumerate(OTHER_SOURCES):
        assert not set(ids[split]) & set().union(*(ids[s] for s in OTHER_SOURCES[:k])), split


def test_record_format_holds_no_article_text():
    for split in SPLITS:
        for r in records(split):
            assert set(r) <= {"id", "source", "speakers", "summary", "annotator", "notes"}, r["id"]
            assert {"file", "line", "chars", "sha1"} <= set(r["source"]) and r["annotator"]
            assert 0 < len(r["summary"]) <= 80, r["id"]
            for sp in r["speakers"]:
                assert set(sp) == {"name", "aliases", "role", "statements", "summary"}, r["id"]
                assert sp["statements"] and all(set(st) == {"start", "end"} for st in sp["statements"])
                assert 0 < len(sp["summary"]) <= 70, (r["id"], sp["name"])


def selection_script():
    spec = importlib.util.spec_from_file_location("selection", SPEECH_CORPUS / "selection.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)  # the corpus's own script, beside its files
    return script


def test_the_selection_is_reproducible():
    script = selection_script()
    try:
        chosen = {s["id"]: s for s in script.selection()}
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    for split in ("train", "dev", "test", *FRESH_SPLITS):
        assert all(chosen[r["id"]]["split"] == split for r in records(split)), split
    assert {r["id"] for r in records("double")} == {i for i, s in chosen.items() if s["double"]}


def test_the_people_daily_selection_is_reproducible_and_new():
    try:
        chosen = selection_script().people_daily_selection()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    for split in OTHER_SOURCES:
        assert [(r["id"], r["source"]["line"], r["source"]["last_line"]) for r in records(split)] == \
            [(c["id"], c["line"], c["last_line"]) for c in chosen if c["split"] == split]
    older = set()  # the People's Daily paragraphs of the older gold sets are not drawn again
    for name in ("speakers_gold.jsonl", "speakers_test.jsonl"):
        for line in (SPEECH_CORPUS.parent / name).read_text(encoding="utf-8").splitlines():
            source = json.loads(line)["source"]
            older.update(range(source["line"], source.get("last_line", source["line"]) + 1)
                         if source["file"].startswith("people_daily") else ())
    assert not any(older.intersection(range(c["line"], c["last_line"] + 1)) for c in chosen)


def test_the_lcsts_selection_is_reproducible():
    try:
        chosen = selection_script().lcsts_selection()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    for split in WEIBO_POSTS:
        assert [(r["id"], r["source"]["line"]) for r in records(split)] == \
            [(c["id"], c["line"]) for c in chosen if c["split"] == split]


def test_offsets_names_and_roles_fit_the_texts(corpus):
    for split, articles in corpus.items():
        for a in articles:
            text = a["text"]
            for sp in a["speakers"]:
                for name in [sp["name"], *sp["aliases"]]:
                    assert name in text, (a["id"], name)
                assert sp["role"] is None or sp["role"] in text, (a["id"], sp["role"])
                spans = sorted((s["start"], s["end"]) for s in sp["spans"])
                for (start, end), statement in zip(spans, sp["statements"]):
                    assert statement == text[start:end] and statement.strip() == statement, (a["id"], statement)
                    # the quote marks of a quotation are not part of it; a quoted term inside it keeps both
                    assert statement[0] not in QUOTE_PAIRS or QUOTE_PAIRS[statement[0]] in statement, (a["id"], statement)
                assert all(b[0] >= a_[1] for a_, b in zip(spans, spans[1:])), (a["id"], sp["name"], "overlap")


def test_agreement_of_the_double_annotation(corpus):
    """The ceiling the corpus README states comes from `annotation_agreement`: an annotation agrees
    with itself perfectly, and the second annotation covers the double articles."""
    from zhnews.models.evaluation.speakers import annotation_agreement

    same = annotation_agreement(corpus["dev"], corpus["dev"])
    assert same["both"]["speakers"]["f1"] == same["both"]["statements"]["f1"] == 1.0
    assert same["article_summary_rouge_l"] == 1.0
    for first, second in (("dev", "double"), ("fresh", "double_fresh")):
        both = annotation_agreement(corpus[first], corpus[second])
        assert both["articles"] == len(corpus[second])
        assert 0 < both["both"]["rouge"]["rouge-l"] < 1 and 0 < both["article_summary_rouge_l"] < 1
    # the fresh double annotation is of articles the first annotation gives a named speaker
    first_speakers = {a["id"]: bool(a["speakers"]) for a in corpus["fresh"]}
    assert all(first_speakers[a["id"]] for a in corpus["double_fresh"])
