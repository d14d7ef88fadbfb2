"""The speaker gold set: stored offsets only, texts rebuilt from the shared corpora."""
from __future__ import annotations

import json

import pytest

from zhnews.models.data import data_dir, examples_dir
from zhnews.models.evaluation.gold import (
    PEOPLE_DAILY,
    SPEAKER_GOLD_PATH,
    SPEAKER_TEST_PATH,
    THUCNEWS_ARTICLES,
    MissingDataError,
    load_seed_gold,
    load_speaker_gold,
    people_daily_plain,
)
from zhnews.models.evaluation.metrics import aggregate_speaker_scores, speaker_scores

HAVE_DATA = all((data_dir() / rel).is_file() for rel in (THUCNEWS_ARTICLES, PEOPLE_DAILY))
needs_data = pytest.mark.skipif(not HAVE_DATA, reason=f"shared corpora not found under {data_dir()}")


GOLD_FILES = {"dev": (SPEAKER_GOLD_PATH, 20), "test": (SPEAKER_TEST_PATH, 12)}  # file, at least n articles


def _records(path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_dev_and_blind_test_sets_share_no_article():
    assert not {r["id"] for r in _records(SPEAKER_GOLD_PATH)} & {r["id"] for r in _records(SPEAKER_TEST_PATH)}


@pytest.mark.parametrize("which", GOLD_FILES)
def test_gold_file_stores_offsets_not_text(which):
    """Licence guard: statements are offsets only, and no field carries a long piece of text."""
    path, at_least = GOLD_FILES[which]
    records = _records(path)
    assert len(records) >= at_least
    assert len({r["id"] for r in records}) == len(records)
    for r in records:
        assert r["source"]["file"] in (THUCNEWS_ARTICLES, PEOPLE_DAILY)
        for sp in r["speakers"]:
            for st in sp["statements"]:
                assert set(st) == {"start", "end"}, r["id"]
            assert len(sp["summary"]) <= 90, (r["id"], sp["name"])
            assert len(sp["name"]) <= 20 and len(sp.get("role") or "") <= 40


def test_people_daily_plain():
    assert people_daily_plain("江/nr  泽民/nr  说/v  ：/w  １/m\n") == "江泽民说：１"


def test_missing_data_dir_is_a_clear_error(tmp_path):
    with pytest.raises(MissingDataError, match="thucnews_articles/train.tsv|people_daily_199801"):
        load_speaker_gold(SPEAKER_GOLD_PATH, tmp_path)


@pytest.fixture(scope="module", params=list(GOLD_FILES))
def gold(request):
    return load_speaker_gold(GOLD_FILES[request.param][0], data_dir())


@needs_data
def test_gold_set_loads(gold):
    assert len(gold) >= 12
    files = {a["source"]["file"] for a in gold}
    assert files == {THUCNEWS_ARTICLES, PEOPLE_DAILY}


@needs_data
def test_statements_are_exact_substrings(gold):
    for art in gold:
        text = art["text"]
        assert len(art["speakers"]) >= 2, art["id"]
        names = [sp["name"] for sp in art["speakers"]]
        assert len(set(names)) == len(names), art["id"]
        all_spans = []
        for sp in art["speakers"]:
            assert sp["name"] in text, (art["id"], sp["name"])
            assert sp["statements"], (art["id"], sp["name"])
            assert sp["summary"], (art["id"], sp["name"])
            for st, off in zip(sp["statements"], sp["spans"], strict=True):
                assert st.strip() and st == st.strip(), (art["id"], sp["name"], off)
                assert text[off["start"] : off["end"]] == st
            all_spans += [(o["start"], o["end"]) for o in sp["spans"]]
        all_spans = sorted(set(all_spans))  # two people may say the same words together (联合表示)
        for (_, end), (start, _) in zip(all_spans, all_spans[1:]):
            assert end <= start, f"{art['id']}: statements overlap"


@needs_data
def test_gold_scores_perfectly_against_itself(gold):
    results = []
    for art in gold:
        pred = [{"name": sp["name"], "statements": sp["spans"], "summary": sp["summary"]} for sp in art["speakers"]]
        results.append(speaker_scores(art["speakers"], pred, art["text"]))
    agg = aggregate_speaker_scores(results)
    assert agg["speakers"]["f1"] == 1.0 and agg["statements"]["f1"] == 1.0
    assert agg["rouge"]["rouge-l"] == pytest.approx(1.0)


@pytest.mark.skipif(not (examples_dir() / "seed_page.gold.json").is_file(), reason="shared examples not found")
def test_seed_gold_loads():
    seed = load_seed_gold(examples_dir())
    assert seed["text"].startswith(seed["title"])
    assert len(seed["speakers"]) == 4
    for sp in seed["speakers"]:
        for st, off in zip(sp["statements"], sp["spans"], strict=True):
            assert seed["text"][off["start"] : off["end"]] == st


def test_an_lcsts_record_reads_the_post_after_its_short_text_tag(tmp_path):
    from zhnews.models.evaluation.gold import LCSTS, GoldDataError

    path = tmp_path / LCSTS
    path.parent.mkdir()
    path.write_text("<doc id=0>\n    <summary>\n        标题\n    </summary>\n    <short_text>\n"
                    "        张三表示，明年还要涨。\n    </short_text>\n</doc>\n", encoding="utf-8")
    text = "张三表示，明年还要涨。"
    record = {"id": "lcsts-00005", "source": {"file": LCSTS, "line": 5, "chars": len(text)},
              "speakers": [{"name": "张三", "aliases": [], "role": None, "summary": "表示明年还要涨",
                            "statements": [{"start": 5, "end": 11}]}], "summary": "张三称明年还要涨"}
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (article,) = load_speaker_gold(gold_file, tmp_path)
    assert article["text"] == text and article["speakers"][0]["statements"] == ["明年还要涨。"]
    record["source"]["line"] = 3  # the summary's line, no post
    gold_file.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(GoldDataError, match="no short text"):
        load_speaker_gold(gold_file, tmp_path)
