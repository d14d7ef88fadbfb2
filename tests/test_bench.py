"""`zhnews bench` and the fast path on the tiny model: the report's shape and sane values (never
wall-clock thresholds: timings on a shared 2-core machine are noise), and fast vs plain agreement."""
from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from tests.conftest import check_contract
from zhnews.models import Analyzer
from zhnews.models.fastpath import speech_filter
from zhnews.models.encoding import sentence_pieces
from zhnews.models.settings import FAST_CHUNK_TOKENS, FAST_DEFAULTS, InferenceSettings, SettingsError

TEXTS = ["张伟表示，今年经济稳步增长。消费贡献突出。", "“这是好事，”李娜说。她随后离开了会场。",
         "科技公司发布新款芯片，性能提升三成。", "央行宣布降息，股市应声上涨。"]
SHORT = ["科技公司发布新款芯片。", "央行宣布降息。", "球队昨晚赢得比赛。", "新楼盘开盘价格上涨。"]


@pytest.fixture(scope="module")
def report(tiny_model_dir):
    from zhnews.serve.bench import run_bench

    return run_bench(tiny_model_dir, texts=TEXTS, batch_size=2, latency_runs=2, threads=1, max_gold=2)


def test_report_has_every_field_with_sane_values(report):
    json.dumps(report, ensure_ascii=False)  # printable as one JSON object
    assert report["workload"]["articles"] == len(TEXTS)
    assert report["workload"]["chars"] == sum(map(len, TEXTS))
    assert report["machine"]["cores"] >= 1 and report["machine"]["peak_assumption"]
    for mode in ("fast", "naive"):
        r = report[mode]
        for key in ("load_s", "articles_per_s", "chars_per_s", "wall_s", "peak_rss_mb", "achieved_gflops"):
            assert r[key] > 0, (mode, key)
        assert r["padded_tokens_per_article"] >= r["tokens_per_article"] > 0
        assert r["gflop_per_article"] >= 0 and 0 <= r["encoder_share_of_time"] <= 1
        if "seed_page_latency_ms" in r:  # shared examples present
            assert 0 < r["seed_page_latency_ms"]["p50"] <= r["seed_page_latency_ms"]["p95"]
        assert 0 <= r["quality"]["topic_accuracy"] <= 1  # the tiny model's own held-out file rows
        assert r["quality"]["topic_articles"] > 0
        if "speakers" in r["quality"]:
            assert 0 <= r["quality"]["speakers"]["speaker_f1"] <= 1
    settings = report["fast"]["settings"]
    assert settings["fast"] and {k: settings[k] for k in FAST_DEFAULTS} == FAST_DEFAULTS
    ratios = report["fast_over_naive"]
    assert ratios["articles_per_s"] > 0 and "topic_accuracy_points" in ratios
    # deterministic: the fast path sends fewer tokens through the encoder than the naive one
    assert report["fast"]["tokens_per_article"] < report["naive"]["tokens_per_article"]
    assert set(report["agreement_on_workload"]) >= {"top_topic", "speaker_names", "summary"}


def test_teacher_measured_beside_the_student(tiny_model_dir, tmp_path):
    """--teacher: the other folder's fast path measured the same way, with the student-minus-teacher
    quality; a distilled folder names its teacher itself (`teacher_of`), another folder none."""
    import shutil

    from zhnews.serve.bench import run_bench, teacher_of

    report = run_bench(tiny_model_dir, texts=TEXTS, batch_size=2, latency_runs=1, threads=1, max_gold=1,
                       naive=False, teacher=tiny_model_dir)
    assert report["teacher"]["articles_per_s"] > 0 and "naive" not in report
    ratios = report["fast_over_teacher"]
    assert ratios["topic_accuracy_points"] == 0 and ratios["tokens_per_article"] == 1  # the same folder
    assert teacher_of(tiny_model_dir) is None
    student = shutil.copytree(tiny_model_dir, tmp_path / "student")
    config = json.loads((student / "config.json").read_text(encoding="utf-8"))
    config.setdefault("training", {})["distil"] = {"teacher": "default", "weight": 0.5, "temperature": 2.0}
    (student / "config.json").write_text(json.dumps(config), encoding="utf-8")
    assert teacher_of(student) == "default"
    config["graft"] = {"topics": "teacher", "tags": "small"}  # a grafted folder: beside its topic folder
    (student / "config.json").write_text(json.dumps(config), encoding="utf-8")
    assert teacher_of(student) == "teacher"
    # a recipe's folder the folder was built from and that is not here (runs/default_topics for the shipped default)
    # is skipped, not an error after the whole measurement
    config["graft"] = {"topics": str(tmp_path / "runs" / "gone"), "tags": "small"}
    (student / "config.json").write_text(json.dumps(config), encoding="utf-8")
    assert teacher_of(student) == "default"
    del config["training"]["distil"]
    (student / "config.json").write_text(json.dumps(config), encoding="utf-8")
    assert teacher_of(student) is None


def test_fast_and_plain_agree_on_topics(tiny_model_dir):
    plain = Analyzer.from_pretrained(tiny_model_dir, fast=False, threads=1)
    for settings in ({"precision": "bf16"}, {"precision": "int8"}, {"precision": "fp32"}):
        fast = Analyzer.from_pretrained(tiny_model_dir, fast=settings, threads=1)
        p, f = (a.model.topic_probabilities(SHORT + TEXTS, a.settings) for a in (plain, fast))
        assert np.abs(p - f).max() < 0.03, settings
        assert (p.argmax(1) == f.argmax(1)).mean() >= 0.75, settings
    same = Analyzer.from_pretrained(tiny_model_dir, fast={"precision": "fp32", "max_chunks": 4}, threads=1)
    p, f = (a.model.topic_probabilities(TEXTS, a.settings) for a in (plain, same))
    assert np.abs(p - f).max() < 1e-5


def test_the_bf16_fast_path_stores_embeddings_and_layers_in_bf16(tiny_model_dir):
    # what autocast rounds to bf16 at every call anyway is stored so once: the embeddings (issue 16: peak memory)
    # and the encoders' linear layers (time); the heads, norms and position embeddings stay fp32
    from zhnews.models.model import ZhnewsModel

    bf16 = Analyzer.from_pretrained(tiny_model_dir, fast={"precision": "bf16"}, threads=1)
    fp32 = Analyzer.from_pretrained(tiny_model_dir, fast={"precision": "fp32"}, threads=1)
    assert bf16.model.runs_bf16 and not fp32.model.runs_bf16
    for analyzer, dtype in ((bf16, torch.bfloat16), (fp32, torch.float32)):
        for encoder in analyzer.model.encoders():
            for name, p in encoder.named_parameters():
                stored = "word_embeddings" in name or ".layer." in name and "LayerNorm" not in name
                assert p.dtype == (dtype if stored else torch.float32), name
        assert all(p.dtype == torch.float32 for n, p in analyzer.model.net.named_parameters() if "head" in n)
    for text, a, b in zip(TEXTS, bf16.analyze_batch(TEXTS), fp32.analyze_batch(TEXTS)):
        check_contract(a.to_dict(), text, bf16.labels)
        assert a.title == b.title and a.meta == b.meta
    # the same numbers as autocast over fp32 layers (the same roundings, done once)
    rounded = ZhnewsModel.from_pretrained(tiny_model_dir)
    embeddings = rounded.net.encoder.embeddings.word_embeddings
    embeddings.weight.data = embeddings.weight.data.to(torch.bfloat16)
    for ours, theirs in zip(bf16.model.sentence_features(TEXTS, bf16.settings), rounded.sentence_features(TEXTS, bf16.settings)):
        assert [np.asarray(x).tolist() for x in ours] == [np.asarray(x).tolist() for x in theirs]
    assert (bf16.model.topic_probabilities(TEXTS, bf16.settings) == rounded.topic_probabilities(TEXTS, bf16.settings)).all()
    # a second analyzer over the same model copies no weight again; fp32 over it is refused, not run wrong
    layer = next(p for n, p in bf16.model.net.named_parameters() if "word_embeddings" not in n)
    first = layer.data_ptr()
    Analyzer(bf16.model, bf16.settings)
    assert layer.data_ptr() == first
    with pytest.raises(ValueError, match="stored in bf16"):
        Analyzer(bf16.model, fp32.settings).analyze(TEXTS[0])


def test_fast_analysis_keeps_the_contract(tiny_model_dir):
    plain = Analyzer.from_pretrained(tiny_model_dir, fast=False, threads=1)
    fast = Analyzer.from_pretrained(tiny_model_dir, threads=1)
    assert fast.settings.fast and not plain.settings.fast
    for text, a, b in zip(TEXTS, fast.analyze_batch(TEXTS), plain.analyze_batch(TEXTS)):
        check_contract(a.to_dict(), text, fast.labels)
        check_contract(b.to_dict(), text, plain.labels)
        assert a.summary and b.summary and a.title == b.title and a.meta == b.meta


def test_speech_filter_and_pieces():
    can_speak = speech_filter(["表示", "说"])
    assert can_speak("王志刚表示，要加快建设。") and can_speak("“好。”") and can_speak("他说得对")
    assert not can_speak("会议在北京召开。")
    long = "，".join(["一二三四五六七八九十"] * 20) + "。"
    assert sentence_pieces("短句。", 150) == [(0, "短句。")]
    pieces = sentence_pieces(long, 150)  # 219 characters: two pieces cut at a comma, each read once
    assert len(pieces) == 2 and pieces[0][0] == 0
    assert all(long[a : a + len(p)] == p and len(p) <= 150 for a, p in pieces)
    assert "".join(p for _, p in pieces) == long  # the pieces cover the sentence, in order
    # for a continuation head (whole-sentence states): the whole sentence first, then the pieces after the first
    assert sentence_pieces(long, 150, whole=True) == [(0, long)] + pieces[1:]


def test_bad_fast_settings_are_refused():
    with pytest.raises(SettingsError, match="precision"):
        InferenceSettings.for_model({}, {"precision": "fp16"})
    with pytest.raises(SettingsError, match="unknown"):
        InferenceSettings.for_model({"fast": {"windows": 3}})
    with pytest.raises(SettingsError, match="max_chunks"):
        InferenceSettings.for_model({"inference": {"max_chunks": 0}}, fast=False)
    with pytest.raises(SettingsError, match="mapping"):
        InferenceSettings.for_model({}, "int8")
    with pytest.raises(SettingsError, match="jieba_hmm"):
        InferenceSettings.for_model({}, {"jieba_hmm": "no"})
    # the fast path runs jieba without its HMM, the plain path with it
    assert not InferenceSettings.for_model({}).jieba_hmm and InferenceSettings.for_model({}, False).jieba_hmm
    for bad in (-1, 1.5, True):
        with pytest.raises(SettingsError, match="pack_tokens"):
            InferenceSettings.for_model({}, {"pack_tokens": bad})
    # the fast path packs an article's sentences for the tagging pass; the plain path never does
    assert InferenceSettings.for_model({}).encoder_pack_tokens == 96
    assert InferenceSettings.for_model({}, False).encoder_pack_tokens == 0


def test_settings_layering():
    """Folder sizes, then the fast defaults, the folder's own fast section, then the caller's."""
    config = {"inference": {"chunk_tokens": 128, "max_chunks": 4}, "fast": {"speech_only_ner": False}}
    plain = InferenceSettings.for_model(config, fast=False)
    assert (plain.chunk_tokens, plain.max_chunks, plain.fast, plain.encoder_precision) == (128, 4, False, "fp32")
    fast = InferenceSettings.for_model(config, {"precision": "int8"})
    assert (fast.chunk_tokens, fast.max_chunks, fast.speech_only_ner) == (min(128, FAST_CHUNK_TOKENS), FAST_DEFAULTS["max_chunks"], False)
    retired = {"fast": {"lead_sentences": 2, "statement_salience": "encode"}}
    assert InferenceSettings.for_model(retired) == InferenceSettings.for_model({})
    assert fast.encoder_precision == "int8" and fast.replace(fast=False).encoder_precision == "fp32"


def test_fast_topic_window_is_capped_not_widened():
    """The fast path reads one topic window of at most FAST_CHUNK_TOKENS; a folder trained on shorter
    windows keeps its own, and a folder's fast section or the caller may set it."""
    wide = {"inference": {"chunk_tokens": 256}}
    assert InferenceSettings.for_model(wide).chunk_tokens == FAST_CHUNK_TOKENS < 256
    assert InferenceSettings.for_model(wide, fast=False).chunk_tokens == 256
    assert InferenceSettings.for_model({"inference": {"chunk_tokens": 64}}).chunk_tokens == 64
    assert InferenceSettings.for_model(wide, {"chunk_tokens": 256}).chunk_tokens == 256
    assert InferenceSettings.for_model({**wide, "fast": {"chunk_tokens": 192}}).chunk_tokens == 192


def test_held_out_articles_match_training_splits(tiny_model_dir):
    from zhnews.models.config import parse_data_spec
    from zhnews.models.evaluation.splits import build_splits, held_out_articles
    from zhnews.models.folder import read_config

    config = read_config(tiny_model_dir)
    rows = held_out_articles(config)
    assert rows and rows == build_splits(parse_data_spec(config["training"]["data"])).article_val


def test_held_out_articles_of_the_default_recipe():
    from pathlib import Path

    from zhnews.models.config import load_train_config, parse_data_spec
    from zhnews.models.data import data_dir
    from zhnews.models.evaluation.splits import build_splits, held_out_articles

    if not (data_dir() / "thucnews_articles" / "train.tsv").exists():
        pytest.skip("shared articles absent")
    spec = load_train_config(Path(__file__).resolve().parent.parent / "configs" / "default.yaml").to_dict()["data"]
    rows = held_out_articles({"training": {"data": spec}})
    # the articles come first in the recipe, so the other sources do not change their split
    only = parse_data_spec({**spec, "sources": [s for s in spec["sources"] if s["kind"] == "thucnews_articles"]})
    assert rows and rows == build_splits(only).article_val
    assert held_out_articles({"training": {"data": {**spec, "sources": spec["sources"][1:]}}}) is None


def test_parallel_throughput_runs_the_workload_in_worker_processes(tiny_model_dir):
    from zhnews.serve.bench import parallel_throughput

    out = parallel_throughput(tiny_model_dir, TEXTS * 2, workers=2, batch_size=2)
    assert out["workers"] == 2 and out["threads_per_worker"] == 1
    assert out["articles_per_s"] > 0 and out["wall_s"] > 0
    mean_chars = sum(map(len, TEXTS)) / len(TEXTS)
    assert out["chars_per_s"] == pytest.approx(out["articles_per_s"] * mean_chars, rel=0.02)


def test_parallel_throughput_reports_a_worker_that_cannot_load(tmp_path):
    from zhnews.serve.bench import parallel_throughput

    with pytest.raises(RuntimeError, match="2 workers failed"):
        parallel_throughput(tmp_path / "no-model", TEXTS, workers=2, batch_size=2, timeout_s=60)


@pytest.mark.parametrize("fast", [True, False])
def test_one_sentence_pass_per_batch(tiny_model_dir, fast):
    """Every sentence goes through the tagger once (`entities` need them all), continuation sentences
    included, and nothing needs a second pass."""
    # the tiny tagger is untrained: jieba, with its HMM, finds 王建军
    analyzer = Analyzer.from_pretrained(tiny_model_dir, fast={"jieba_hmm": True} if fast else False)
    calls = []
    encode = analyzer.model.sentence_features
    analyzer.model.sentence_features = lambda sentences, settings: calls.append(list(sentences)) or encode(sentences,
                                                                                                           settings)
    lead = "今天天气晴朗。市场开门营业。游客数量增加。街道干净整洁。交通运行顺畅。"
    result = analyzer.analyze(lead + "王建军表示，今年经济稳步增长。消费贡献也很突出。")
    assert any(s.name == "王建军" for s in result.speakers)
    assert len(calls) == 1
    assert "消费贡献也很突出。" in calls[0]  # a continuation sentence, past the lead: in the first pass


def test_auto_precision_is_bf16_only_where_the_device_has_it(monkeypatch):
    """The fast path's `auto`: bf16 autocast on a CPU with AVX-512 BF16 or AMX, fp32 on one without (where
    autocast emulates bf16 and runs ~6x slower than fp32); an explicit precision is kept as asked."""
    import torch

    from zhnews.models import precision

    assert InferenceSettings.for_model({}).precision == "auto" == FAST_DEFAULTS["precision"]
    for native, expected in ((False, "fp32"), (True, "bf16")):
        monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: native)
        monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: False)
        assert precision.native_bf16("cpu") is native
        assert precision.effective_precision("auto", "cpu") == expected
        assert precision.effective_precision("bf16", "cpu") == "bf16"  # asked for: emulated or not
        assert precision.effective_precision("int8", "cpu") == "int8"
        with precision.precision_context("auto", "cpu"):
            assert torch.is_autocast_enabled("cpu") is native
    monkeypatch.delattr(torch.cpu, "_is_avx512_bf16_supported")  # a torch without the probe: assume emulation
    assert precision.effective_precision("auto", "cpu") == "fp32"


def test_auto_attention_is_eager_only_under_bf16(monkeypatch, tiny_model_dir):
    """`auto` attention: matmul-softmax-matmul for the tagging pass where the encoder runs bf16 on a CPU
    (faster there than torch's fused kernel), the fused kernel for topic windows, in fp32 and int8 and off the
    fast path; a pass switches per call and the two agree."""
    import torch

    from zhnews.models import precision

    assert InferenceSettings.for_model({}).attention == "auto" == FAST_DEFAULTS["attention"]
    assert InferenceSettings.for_model({}, False).encoder_attention == "sdpa"
    with pytest.raises(SettingsError, match="attention"):
        InferenceSettings.for_model({}, {"attention": "flash"})
    for native, expected in ((False, "sdpa"), (True, "eager")):
        monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: native)
        monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: False)
        assert precision.effective_attention("auto", "auto", "cpu", "ner") == expected
        assert precision.effective_attention("auto", "auto", "cpu", "topic") == "sdpa"  # full windows
        assert precision.effective_attention("auto", "auto", "cpu", "ner", packed=True) == "sdpa"  # full rows
        assert precision.effective_attention("auto", "int8", "cpu") == "sdpa"
        assert precision.effective_attention("eager", "fp32", "cpu") == "eager"  # asked for
    assert precision.effective_attention("auto", "bf16", "cuda") == "sdpa"
    analyzers = {name: Analyzer.from_pretrained(tiny_model_dir, fast={"precision": "fp32", "attention": name},
                                                threads=1) for name in ("sdpa", "eager")}
    probs, salience = {}, {}
    for name, analyzer in analyzers.items():
        probs[name] = analyzer.model.topic_probabilities(TEXTS, analyzer.settings)
        salience[name] = analyzer.model.sentence_features(TEXTS, analyzer.settings)[1]
        assert {e.config._attn_implementation for e in analyzer.model.net.encoders()} == {name}
    assert np.abs(probs["sdpa"] - probs["eager"]).max() < 1e-4
    assert np.allclose(salience["sdpa"], salience["eager"], atol=1e-4)
