"""`zhnews demo` (serve/demo.py): the pure analysis function, limits, uploads, and the served app
called through gradio_client."""
from __future__ import annotations

from pathlib import Path

import pytest

from zhnews.serve.demo import (MAX_DEMO_CHARS, MAX_UPLOAD_BYTES, OUTPUT_NAMES, SPEAKER_COLUMNS, AnalyzerLoader,
                        DemoInputError, analyze_for_demo, check_text, examples, highlight_segments,
                        model_choices, read_upload)
from tests.conftest import check_contract, served_demo

SMALL_TEXT = "张伟表示，今年经济稳步增长，消费贡献突出。陈静指出，下半年将继续加大投资力度。"


# ------------------------------------------------------------------------------- pure parts
def test_analyze_for_demo_small_text(tiny_analyzer):
    out = analyze_for_demo(tiny_analyzer, SMALL_TEXT)
    assert len(out) == len(OUTPUT_NAMES) + 1  # + the colour map
    check_contract(out.analysis, SMALL_TEXT)
    assert out.topics == {t["label"]: t["score"] for t in out.analysis["topics"]}
    assert "".join(piece for piece, _ in out.highlighted) == SMALL_TEXT
    names = {sp["name"] for sp in out.analysis["speakers"]}
    assert {cat for _, cat in out.highlighted if cat} <= names
    assert set(out.colours) == names
    assert [row[0] for row in out.speakers] == [sp["name"] for sp in out.analysis["speakers"]]
    assert all(len(row) == len(SPEAKER_COLUMNS) for row in out.speakers)
    assert all(row[3] == len(sp["statements"]) for row, sp in zip(out.speakers, out.analysis["speakers"]))
    assert "标签" in out.meta and isinstance(out.summary, str)


def test_analyze_for_demo_seed_page(tiny_analyzer, seed_text):
    out = analyze_for_demo(tiny_analyzer, seed_text)
    check_contract(out.analysis, seed_text)
    assert "".join(piece for piece, _ in out.highlighted) == seed_text
    highlighted = [(piece, cat) for piece, cat in out.highlighted if cat]
    statements = [(s["text"], sp["name"]) for sp in out.analysis["speakers"] for s in sp["statements"]]
    assert sorted(highlighted) == sorted(statements)
    assert "".join(piece for piece, _ in out.entities) == seed_text
    assert [(p, c) for p, c in out.entities if c] == [(e["text"], e["label"]) for e in out.analysis["entities"]]


def test_highlight_segments_uses_offsets_and_skips_bad_spans():
    text = "甲说：你好。乙说：再见。"
    speakers = [
        {"name": "甲", "statements": [{"text": "你好。", "start": 3, "end": 6}]},
        {"name": "乙", "statements": [{"text": "再见。", "start": 9, "end": 12},
                                      {"text": "好。", "start": 4, "end": 6},  # overlaps 甲's
                                      {"text": "不对", "start": 0, "end": 2},  # text does not match
                                      {"text": "越界", "start": 11, "end": 99}]},
    ]
    assert highlight_segments(text, speakers) == [("甲说：", None), ("你好。", "甲"), ("乙说：", None), ("再见。", "乙")]
    assert highlight_segments("无人发言。", []) == [("无人发言。", None)]


def test_input_caps_give_a_clear_message():
    assert check_text("中" * MAX_DEMO_CHARS)
    with pytest.raises(DemoInputError) as info:
        check_text("中" * (MAX_DEMO_CHARS + 1))
    assert "文本过长" in str(info.value) and f"{MAX_DEMO_CHARS:,}" in str(info.value)
    for empty in ("", "  \n ", None):
        with pytest.raises(DemoInputError, match="粘贴"):
            check_text(empty)


def test_analyze_for_demo_refuses_before_analysing():
    class Boom:
        def analyze(self, text):
            raise AssertionError("must not be called")

    with pytest.raises(DemoInputError, match="文本过长"):
        analyze_for_demo(Boom(), "中" * (MAX_DEMO_CHARS + 1))


def test_read_upload(tmp_path):
    utf8 = tmp_path / "a.txt"
    utf8.write_bytes("\ufeff新闻正文".encode("utf-8"))
    assert read_upload(utf8) == "新闻正文"
    gbk = tmp_path / "b.txt"
    gbk.write_bytes("国务院新闻办公室发布会".encode("gbk"))
    assert read_upload(gbk) == "国务院新闻办公室发布会"
    binary = tmp_path / "c.txt"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(DemoInputError, match="不是文本文件"):
        read_upload(binary)
    big = tmp_path / "d.txt"
    big.write_bytes(b"a" * (MAX_UPLOAD_BYTES + 1))
    with pytest.raises(DemoInputError, match="文件过大"):
        read_upload(big)
    assert read_upload(None) == ""


def test_model_choices_and_loader_refuse_unknown_folders(tmp_path, tiny_model_dir):
    choices = model_choices([tiny_model_dir, tiny_model_dir])
    assert choices[0][1] == str(Path(tiny_model_dir).resolve())
    assert [value for _, value in choices].count(choices[0][1]) == 1
    loader = AnalyzerLoader([choices[0][1]], threads=1)
    with pytest.raises(DemoInputError, match="未知模型"):
        loader(str(tmp_path))
    assert loader(None) is loader(choices[0][1])


def test_examples_include_the_seed_page(seed_text):
    texts = [text for _, text in examples()]
    assert texts[0] == seed_text and len(texts) >= 2


# ------------------------------------------------------------------------------- the served app
@pytest.fixture(scope="module")
def served(tiny_model_dir):
    with served_demo(tiny_model_dir, host="127.0.0.1") as app:
        yield app


def test_app_called_with_gradio_client(served, seed_text, tmp_path):
    from gradio_client import Client, handle_file

    url, demo = served
    assert demo.share is False or demo.share is None
    client = Client(url, verbose=False)
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert {"/analyze", "/load_file"} <= set(endpoints)

    result = client.predict(seed_text, api_name="/analyze")
    assert len(result) == len(OUTPUT_NAMES)
    named = dict(zip(OUTPUT_NAMES, result))
    check_contract(named["json"], seed_text)
    assert named["title"] == (named["json"]["title"] or "")
    assert named["topics"]["label"] == named["json"]["topics"][0]["label"]
    assert [row[0] for row in named["speakers"]["data"]] == [sp["name"] for sp in named["json"]["speakers"]]

    upload = tmp_path / "article.txt"
    upload.write_bytes(SMALL_TEXT.encode("gb18030"))
    assert client.predict(handle_file(str(upload)), api_name="/load_file") == SMALL_TEXT


def test_app_refuses_input_over_the_cap(served):
    from gradio_client import Client

    url, _ = served
    client = Client(url, verbose=False)
    with pytest.raises(Exception) as info:
        client.predict("中" * (MAX_DEMO_CHARS + 1), api_name="/analyze")
    assert "文本过长" in str(info.value) and f"{MAX_DEMO_CHARS:,}" in str(info.value)
