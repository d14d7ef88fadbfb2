"""Shared fixtures: a tiny randomly initialised model trained once per session from configs/tiny.yaml
(2 layers, hidden 32, ~10 s), so tests exercise the real code paths with no download."""
from __future__ import annotations

import json
import math
import os
import re
import socket
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
CONTRACT_KEYS = {"title", "topics", "entities", "speakers", "summary", "meta", "warnings"}
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    import torch

    from zhnews.models.config import load_train_config
    from zhnews.train.loop import run_training

    torch.set_num_threads(1)
    config = load_train_config(REPO / "configs" / "tiny.yaml")
    config.output_dir = str(tmp_path_factory.mktemp("tiny-model"))
    config.data.data_dir = str(REPO / "tests" / "data")
    return run_training(config, log=lambda _m: None)


@pytest.fixture(scope="session")
def tiny_analyzer(tiny_model_dir):
    from zhnews.models import Analyzer

    return Analyzer.from_pretrained(tiny_model_dir, threads=1)


@pytest.fixture(scope="session")
def seed_text() -> str:
    from zhnews.models.data import examples_dir

    path = examples_dir() / "seed_page.txt"
    if not path.exists():
        pytest.skip(f"{path} not present (shared examples absent)")
    return path.read_text(encoding="utf-8")


def train_tag_stage(init_from, tmp: Path, **train_values) -> Path:
    """A folder trained from `init_from` (the tiny recipe's topics) by 4 NER steps on the tagging pass's own
    adapters (`train.tag_adapter`), on a few tagged sentences; `train_values` override the recipe's."""
    import torch

    from zhnews.models.config import load_train_config, parse_train_config
    from zhnews.train.loop import run_training

    torch.set_num_threads(1)
    data = tmp / "data"
    (data / "people_daily_ner").mkdir(parents=True)
    (data / "custom_topics.jsonl").write_bytes((REPO / "tests" / "data" / "custom_topics.jsonl").read_bytes())
    rows = [("王建军说明天开会。", "B-PER I-PER I-PER O O O O O O"), ("刘洪涛在北京工作。", "B-PER I-PER I-PER O B-LOC I-LOC O O O")]
    bio = "\n\n".join("\n".join(f"{c} {t}" for c, t in zip(text, tags.split())) for text, tags in rows * 10)
    (data / "people_daily_ner" / "dev.bio").write_text(bio + "\n", encoding="utf-8")
    config = load_train_config(REPO / "configs" / "tiny.yaml")
    config.output_dir, config.data.data_dir = str(tmp / "tags"), str(data)
    config.data.sources.append(parse_train_config({"output_dir": "x", "data": {"sources": [
        {"kind": "file", "path": "custom_topics.jsonl"}, {"kind": "people_daily_ner"}]}}).data.sources[1])
    config.train.max_steps, config.train.init_from, config.train.ner_steps = 0, str(init_from), 4
    config.train.tag_adapter, config.train.refit_topic_head = True, False
    for key, value in train_values.items():
        setattr(config.train, key, value)
    return run_training(config, log=lambda _m: None)


@contextmanager
def served_demo(model_dir, **launch_options):
    """The demo app on a free local port, closed afterwards: yields (url, app)."""
    from zhnews.serve.demo import launch

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = launch([model_dir], port=port, threads=1, prevent_thread_lock=True, quiet=True, **launch_options)
    try:
        yield f"http://127.0.0.1:{port}/", demo
    finally:
        demo.close()


def check_contract(result: dict, text: str, labels=None, multi: bool = False) -> None:
    """`Analysis.to_dict()` follows models/schema.py, offsets index `text`, and it is JSON. Scores sum
    to 1 unless `multi` (a multi-label folder: one independent sigmoid per label)."""
    assert set(result) == CONTRACT_KEYS
    assert result["title"] is None or isinstance(result["title"], str)
    topics = result["topics"]
    assert topics and all(set(t) == {"label", "score"} for t in topics)
    assert all(isinstance(t["label"], str) and isinstance(t["score"], float) for t in topics)
    scores = [t["score"] for t in topics]
    assert all(math.isfinite(s) and 0.0 <= s <= 1.0 for s in scores), scores
    assert scores == sorted(scores, reverse=True)
    if not multi:
        assert abs(sum(scores) - 1.0) < 1e-4
    if labels is not None:
        assert sorted(t["label"] for t in topics) == sorted(labels)
    assert isinstance(result["summary"], str)
    assert isinstance(result["warnings"], list) and all(isinstance(w, str) for w in result["warnings"])
    meta = result["meta"]
    assert set(meta) == {"tags", "editor", "related"}
    assert all(isinstance(t, str) for t in meta["tags"]) and all(isinstance(r, str) for r in meta["related"])
    assert meta["editor"] is None or isinstance(meta["editor"], str)
    previous = (-1, -1)
    for e in result["entities"]:
        assert set(e) == {"text", "label", "start", "end"} and e["label"] in ("PER", "ORG", "LOC")
        assert isinstance(e["start"], int) and isinstance(e["end"], int)
        assert 0 <= e["start"] < e["end"] <= len(text) and text[e["start"]:e["end"]] == e["text"]
        assert e["start"] >= previous[1], "entities must be in input order and must not overlap"
        previous = (e["start"], e["end"])
    for speaker in result["speakers"]:
        assert set(speaker) == {"name", "role", "statements", "summary"}
        assert isinstance(speaker["name"], str) and speaker["name"]
        assert speaker["role"] is None or isinstance(speaker["role"], str)
        assert isinstance(speaker["summary"], str)
        assert speaker["statements"]
        for s in speaker["statements"]:
            assert set(s) == {"text", "start", "end"}
            assert isinstance(s["start"], int) and isinstance(s["end"], int)
            assert 0 <= s["start"] < s["end"] <= len(text)
            assert text[s["start"]:s["end"]] == s["text"]
    encoded = json.dumps(result)  # JSON; lone surrogates come out \u-escaped
    json.dumps(result, ensure_ascii=False)
    if not _SURROGATE_RE.search(text):  # JSON reads "\ud83d\ude00" back as one char, so only then
        assert json.loads(encoded) == result
