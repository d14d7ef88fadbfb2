"""tests/data/thucnews_headlines.jsonl: where each THUCNews article's headline, glued onto its body by the corpus,
ends (annotated by reading, session 47; docs/experiments.md). Its format, that it never points into the blind
split, and, where the shared data is present, that every headline is a prefix that stops before the body."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from zhnews.models.data import data_dir
from zhnews.models.evaluation.gold import SPEECH_CORPUS

HEADLINES = Path(__file__).parent / "data" / "thucnews_headlines.jsonl"


def rows() -> list[dict]:
    return [json.loads(line) for line in HEADLINES.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_one_row_an_article_and_none_from_the_blind_split():
    found = rows()
    assert len({r["line"] for r in found}) == len(found) == 754
    assert all(set(r) == {"line", "end", "sure", "annotator"} and 0 < r["end"] <= 90 for r in found)
    blind = {json.loads(line)["source"]["line"] for name in ("test.jsonl", "../speakers_test.jsonl")
             for line in (SPEECH_CORPUS / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and "thucnews" in json.loads(line)["source"]["file"]}
    assert blind and not blind & {r["line"] for r in found}


def test_every_headline_stops_before_the_body():
    path = data_dir() / "thucnews_articles" / "train.tsv"
    if not path.is_file():
        pytest.skip(f"{path} not present (shared data absent)")
    texts = path.read_text(encoding="utf-8").split("\n")
    for r in rows():
        text = texts[r["line"]].split("\t", 1)[1]
        headline, rest = text[:r["end"]], text[r["end"]:]
        unquoted = re.sub(r"“[^”]*”", "", headline)  # a pull-quote may stand in a headline block (吴洪坚：…“…。”)
        assert "。" not in unquoted and not headline[-1].isspace() and rest.strip(), (r, headline)
