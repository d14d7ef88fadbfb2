"""The held-out split is made by one function, `zhnews.models.evaluation.splits.build_splits`: training
calls it with its recipe's data spec, `zhnews eval` and `zhnews bench` with the spec a model folder
recorded in config.json. These tests pin that the shipped folders get back exactly the split they were
trained with: the sizes their training run recorded in metrics.json, and the SHA-256 of every part
computed with the code as it was before evaluation moved into one package (issue 13)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from zhnews.models.data import data_dir
from zhnews.models.evaluation.splits import build_splits, held_out_articles, recorded_spec, recorded_splits
from zhnews.models.folder import labels_of, read_config

REPO = Path(__file__).resolve().parent.parent
SHIPPED = ("default", "small", "teacher")
PARTS = ("topic_train", "article_val", "title_val", "ner_train", "ner_val", "salience_train")
# sha256 of json.dumps(rows, ensure_ascii=False) of each part of build_splits(spec) for the spec each
# folder's config.json records, by the code that trained it (default v2: session 6). The small model is
# distilled from the default (now `teacher`) on the very same data spec (session 7), so its splits are the
# teacher's; the default since session 28 is a graft that keeps the teacher's topic pass and training record (since
# session 42, like the student's, with the topic head and expert refitted on one more source, read after all of these).
DEFAULT_SHA256 = {
    "topic_train": "5d650cc1323d87978942f00376b7acabc4dfc24873ed23bc7edfc968a144bd22",
    "article_val": "b8289669a382ca2d9bf6c2ec4e4f0a6be76b82176ef9ee3a185f76e5d71bf999",
    "title_val": "3d55cb71c834eee68fc683552b7a33c0365836814eb10840f849005bbfcb2819",
    "ner_train": "5c59ad3c412d1b665e8316283553e21f5128037fd2ebe700bc06ab3c5ab08306",
    "ner_val": "889f504a5ef1679e5bd5e587dc8f3a70879f42d0c9cdead26cf2b8281742e6c8",
    "salience_train": "17805ce2f9169468a4aa470309e0453ca5e4b8db990fafe3ffbe33155d1d6765",
}
SHA256 = {"default": DEFAULT_SHA256, "small": DEFAULT_SHA256, "teacher": DEFAULT_SHA256}


def sha256(rows) -> str:
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def shipped_splits():
    folders = {name: REPO / "models" / name for name in SHIPPED}
    configs = {name: read_config(folder) for name, folder in folders.items()}
    for config in configs.values():
        root = Path(config["training"]["data"]["data_dir"] or data_dir())
        if not (root / "thucnews_articles" / "train.tsv").exists():
            pytest.skip(f"shared corpora absent under {root}")
    return {name: (folders[name], configs[name], recorded_splits(configs[name])) for name in SHIPPED}


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_folder_gets_back_the_split_it_was_trained_with(shipped_splits, name):
    folder, config, splits = shipped_splits[name]
    recorded = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    assert splits.sizes == recorded["sizes"]
    assert splits.labels == recorded["labels"] == labels_of(config)
    # a source's `repeat` (session 17) counts its training rows more often; the rows drawn, held out or
    # not, are those of the code that trained the default
    spec = recorded_spec(config)
    drawn = build_splits(replace(spec, sources=[replace(s, repeat=1) for s in spec.sources]))
    # the topic passes of every folder (the default and the student in session 42, the teacher's since session 50)
    # were refitted with the annotated People's Daily articles too, read last: every row before them is the first recipe's
    first = [row for row, source in zip(drawn.topic_train, drawn.topic_source) if source != "people_daily_topics"]
    assert drawn.topic_train[:len(first)] == first and len(first) < len(drawn.topic_train)
    drawn.topic_train = first
    assert {part: sha256(labelled(getattr(drawn, part))) for part in PARTS} == SHA256[name]
    for part in ("article_val", "title_val", "ner_val", "topic_val", "ner_val_sources"):
        assert getattr(splits, part) == getattr(drawn, part)
    rows = lambda split: {(text, None if tags is None else tuple(tags)) for text, tags in split.ner_train}  # noqa: E731
    assert rows(splits) == rows(drawn)


def labelled(rows: list) -> list:
    """The rows with labels: a distilled folder's untagged sentences (sources the teacher alone
    teaches, read after every labelled one) do not change what the labelled sources drew."""
    return [row for row in rows if not (isinstance(row, tuple) and len(row) == 2 and row[1] is None)]


@pytest.mark.parametrize("name", SHIPPED)
def test_bench_reads_fewer_sources_for_the_same_held_out_articles(shipped_splits, name):
    _folder, config, splits = shipped_splits[name]
    assert held_out_articles(config) == splits.article_val


def test_training_recorded_the_split_eval_rebuilds(tiny_model_dir):
    """The tiny folder the test session trained: its config.json spec, rebuilt, gives the sizes the
    training run wrote to metrics.json."""
    config = read_config(tiny_model_dir)
    recorded = json.loads((tiny_model_dir / "metrics.json").read_text(encoding="utf-8"))
    splits = recorded_splits(config)
    assert splits.sizes == recorded["sizes"] and splits.article_val == held_out_articles(config)


def test_reading_fewer_sources_keeps_the_draws(shipped_splits):
    """`upto` stops after the first sources; every part they fill is the full build's."""
    _folder, config, full = shipped_splits["default"]
    spec = recorded_spec(config)
    for upto in range(1, len(spec.sources)):
        part = build_splits(spec, upto=upto)
        assert part.article_val == full.article_val
        # every source read so far holds out exactly what the full build holds out for it
        assert part.topic_val and all(rows == full.topic_val[name] for name, rows in part.topic_val.items())
        assert all(rows == full.ner_val_sources[name] for name, rows in part.ner_val_sources.items())
        assert part.ner_val == full.ner_val[: len(part.ner_val)]


def test_no_data_spec_means_no_recorded_split():
    assert recorded_splits({}) is None and held_out_articles({"training": {}}) is None


def test_a_grafts_names_are_held_out_of_its_taggers_recipe():
    from zhnews.models.evaluation.splits import recorded_spec, recorded_specs

    topics = {"sources": [{"kind": "toutiao"}], "seed": 1}
    tagger = {"sources": [{"kind": "toutiao"}, {"kind": "people_daily_ner"}], "seed": 2}
    blend = {"sources": [{"kind": "toutiao"}, {"kind": "people_daily_ner"}], "seed": 3}
    graft = {"training": {"data": topics}, "graft": {"tags_training": {"data": tagger}, "blend": {"training": {"data": blend}}}}
    assert recorded_spec(graft).seed == 1 and recorded_spec(graft, tagger=True).seed == 2
    assert recorded_spec({"training": {"data": topics}}, tagger=True).seed == 1  # not a graft: its own
    assert [s.seed for s in recorded_specs(graft)] == [1, 2, 3]  # every spec it trained on (for --ner-from)
    # a graft blended with a graft: the inner one's records too
    inner = {"tags_training": {"data": {**tagger, "seed": 4}}, "blend": {"training": {"data": {**blend, "seed": 5}}}}
    graft["graft"]["blend"]["graft"] = inner
    assert [s.seed for s in recorded_specs(graft)] == [1, 2, 3, 4, 5]
