"""Training end to end on a tiny random model, resume, retrain-on-your-data errors, eval output."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from zhnews.models.userdata import DataError, read_labelled_file

REPO = Path(__file__).resolve().parent.parent


def test_tiny_training_writes_a_complete_model_folder(tiny_model_dir):
    names = {p.name for p in tiny_model_dir.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", "README.md"} <= names
    assert not list(tiny_model_dir.glob("*.bin"))
    config = json.loads((tiny_model_dir / "config.json").read_text(encoding="utf-8"))
    assert sorted(config["id2label"].values()) == ["体育", "科技", "财经"]
    assert config["temperature"] > 0
    card = (tiny_model_dir / "README.md").read_text(encoding="utf-8")
    assert "accuracy" in card and "TF-IDF" in card


def test_tiny_model_analyzes_the_custom_labels(tiny_analyzer):
    result = tiny_analyzer.analyze("国家队在主场以3比1战胜对手，张伟梅开二度。").to_dict()
    labels = [t["label"] for t in result["topics"]]
    assert sorted(labels) == ["体育", "科技", "财经"]
    scores = [t["score"] for t in result["topics"]]
    assert scores == sorted(scores, reverse=True) and abs(sum(scores) - 1) < 1e-5


def _config(tmp_path, steps):
    from zhnews.models.config import load_train_config

    config = load_train_config(REPO / "configs" / "tiny.yaml")
    config.output_dir = str(tmp_path)
    config.data.data_dir = str(REPO / "tests" / "data")
    config.train.max_steps = steps
    return config


def test_resume_reproduces_an_uninterrupted_run(tmp_path):
    from zhnews.train.loop import run_training

    full = json.loads((run_training(_config(tmp_path / "full", 6), log=lambda m: None) / "metrics.json").read_text())
    # A run "killed" after its step-3 checkpoint: train 3 steps' worth with checkpoint_every=3, keep the
    # checkpoint, then resume to 6 steps.
    from zhnews.train import loop

    partial = _config(tmp_path / "resumed", 6)
    original = loop.evaluate_training if hasattr(loop, "evaluate_training") else None
    stop_after = {"n": 0}

    def crash_log(message):
        if message.startswith("step 4/"):
            raise KeyboardInterrupt  # stands in for a kill right after step 4 is logged
    with pytest.raises(KeyboardInterrupt):
        run_training(partial, log=crash_log)
    assert (tmp_path / "resumed" / "checkpoint" / "state.pt").exists()
    logs = []
    resumed = json.loads((run_training(partial, resume=True, log=logs.append) / "metrics.json").read_text())
    assert any("resumed from step 3" in m for m in logs)
    assert resumed["articles"]["accuracy"] == full["articles"]["accuracy"]
    assert resumed["articles"]["confusion_matrix"] == full["articles"]["confusion_matrix"]
    assert resumed["temperature"] == pytest.approx(full["temperature"], rel=1e-4)
    del original, stop_after


def test_resume_after_a_crash_past_the_last_step_keeps_the_trained_weights(tmp_path):
    """A crash in the evaluation (after the last step's checkpoint): `--resume` runs no step, and the
    folder it writes holds the trained weights, not the untrained net's (every phase skipped used to
    load nothing)."""
    from safetensors.torch import load_file

    from zhnews.train.loop import run_training

    full = load_file(str(run_training(_config(tmp_path / "full", 6), log=lambda m: None) / "model.safetensors"))
    partial = _config(tmp_path / "crashed", 6)
    seen = {"last_step": False}

    def crash_in_evaluation(message):
        if seen["last_step"]:
            raise KeyboardInterrupt  # the first message after the last step: the evaluation has begun
        seen["last_step"] = message.startswith("step 6/")

    with pytest.raises(KeyboardInterrupt):
        run_training(partial, log=crash_in_evaluation)
    logs = []
    resumed = load_file(str(run_training(partial, resume=True, log=logs.append) / "model.safetensors"))
    assert any("resumed the trained weights of step 6" in m for m in logs)
    assert not any(m.startswith("step ") for m in logs)  # nothing left to train
    for name in ("ner_head.weight", "salience_head.weight"):
        assert torch.equal(resumed[name], full[name]), name


@pytest.mark.parametrize("content, message", [
    ('{"text": "a"}\n{"text": "b", "label": "x"}\n', "line 1: missing 'label'"),
    ('{"text": "", "label": "x"}\n', "line 1: empty text"),
    ('{"text": "甲", "label": "x"}\n{"text": "乙", "label": "x"}\n{"text": "丙", "label": "y"}\n',
     "line 3: label 'y' has only one example"),
    ('{"text": "甲", "label": "x"}\nnot json\n', "line 2: not valid JSON"),
])
def test_bad_training_rows_are_named_before_training(tmp_path, content, message):
    path = tmp_path / "data.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        read_labelled_file(path)


def test_non_utf8_and_csv_header(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes("text,label\n好,x\n".encode("utf-8") + "坏,y\n".encode("gbk"))
    with pytest.raises(DataError, match="line 3: not valid UTF-8"):
        read_labelled_file(bad)
    header = tmp_path / "header.csv"
    header.write_text("body,label\n好,x\n", encoding="utf-8")
    with pytest.raises(DataError, match="lacks column"):
        read_labelled_file(header)
    good = tmp_path / "good.csv"
    good.write_text("text,label\n好,x\n坏,x\n中,y\n外,y\n", encoding="utf-8")
    assert read_labelled_file(good)[0] == ("好", "x")


def test_cli_train_reports_bad_data_with_exit_code_2(tmp_path):
    from typer.testing import CliRunner

    from zhnews.cli import app

    data = tmp_path / "d.jsonl"
    data.write_text('{"text": "甲", "label": "x"}\n', encoding="utf-8")
    config = tmp_path / "c.yaml"
    config.write_text(f"output_dir: {tmp_path / 'out'}\ndata:\n  sources:\n    - {{kind: file, path: {data}}}\n")
    result = CliRunner().invoke(app, ["train", str(config)])
    assert result.exit_code == 2
    assert "only one example" in result.output


def test_eval_prints_the_hand_computed_confusion_matrix(tiny_model_dir, tmp_path, monkeypatch):
    """Score the tiny model on a file, then recompute its confusion matrix by hand from its own
    predictions: the printed report must agree cell by cell."""
    from zhnews.models import Analyzer
    from zhnews.models.evaluation.report import run_eval

    rows = [("主队以2比0取胜。", "体育"), ("芯片工艺提升。", "科技"), ("央行降准。", "财经"), ("联赛开打。", "体育")]
    path = tmp_path / "eval.jsonl"
    path.write_text("".join(json.dumps({"text": t, "label": l}, ensure_ascii=False) + "\n" for t, l in rows),
                    encoding="utf-8")
    printed = []
    report = run_eval(tiny_model_dir, data=path, log=printed.append)
    analyzer = Analyzer.from_pretrained(tiny_model_dir)
    labels = analyzer.labels
    pred = [labels[i] for i in analyzer.model.topic_probabilities([t for t, _ in rows], analyzer.settings).argmax(1)]
    expected = [[sum(1 for (_, g), p in zip(rows, pred) if g == gl and p == pl) for pl in labels] for gl in labels]
    assert report["eval.jsonl"]["confusion_matrix"] == expected
    assert report["eval.jsonl"]["accuracy"] == sum(g == p for (_, g), p in zip(rows, pred)) / 4
    assert any("eval.jsonl" in line for line in printed)


def test_eval_speakers_only_skips_the_topic_split(tiny_model_dir, tmp_path):
    from typer.testing import CliRunner

    from zhnews.cli import app

    text = "张伟表示，今年经济稳步增长，消费贡献突出。"
    gold = {"text": text, "speakers": [{"name": "张伟", "role": None, "statements": ["今年经济稳步增长，消费贡献突出。"],
                                       "summary": "今年经济稳步增长。"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["eval", str(tiny_model_dir), "--speakers", str(path), "--no-topics",
                                      "--output", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) == {"speakers"}  # no articles / titles split was scored
    assert report["speakers"]["articles"] == 1 and report["speakers"]["model"]["speakers"]["n_gold"] == 1


def test_a_folder_trained_on_fewer_layers_loads_with_them(tmp_path):
    """base.layers is recorded in config.json: the folder loads the same shallow encoder it trained."""
    from zhnews.models import Analyzer
    from zhnews.models.config import load_train_config
    from zhnews.train.loop import run_training

    config = load_train_config(REPO / "configs" / "tiny.yaml")
    config.output_dir, config.data.data_dir = str(tmp_path / "out"), str(REPO / "tests" / "data")
    config.base.layers = 1
    model = run_training(config, log=lambda _m: None)
    assert json.loads((model / "config.json").read_text(encoding="utf-8"))["base"]["layers"] == 1
    assert "first 1 layers" in (model / "README.md").read_text(encoding="utf-8")
    analyzer = Analyzer.from_pretrained(model)
    assert len(analyzer.model.net.encoder.encoder.layer) == 1
    assert analyzer.analyze("国家队在主场以3比1战胜对手。").topics


def test_eval_scores_names_on_the_recorded_ner_split(tmp_path):
    """A model trained with a People's Daily NER source: `zhnews eval` rebuilds its held-out NER
    sentences from config.json and prints entity P/R/F1 against their gold tags."""
    import shutil

    import yaml

    from zhnews.models.config import load_train_config
    from zhnews.models.folder import read_config
    from zhnews.models.evaluation.ner import bio_spans
    from zhnews.models.evaluation.report import run_eval
    from zhnews.models.evaluation.splits import recorded_splits
    from zhnews.train.loop import run_training

    data = tmp_path / "data"
    (data / "people_daily_ner").mkdir(parents=True)
    shutil.copy(REPO / "tests" / "data" / "custom_topics.jsonl", data)
    sentences = [(f"王建{c}说明天开会。", "B-PER I-PER I-PER O O O O O O") for c in "一二三四五六七八九十"]
    sentences += [(f"刘洪{c}在北京工作。", "B-PER I-PER I-PER O B-LOC I-LOC O O O") for c in "一二三四五六七八九十"]
    bio = "\n\n".join("\n".join(f"{c} {t}" for c, t in zip(text, tags.split())) for text, tags in sentences)
    (data / "people_daily_ner" / "dev.bio").write_text(bio + "\n", encoding="utf-8")
    spec = yaml.safe_load((REPO / "configs" / "tiny.yaml").read_text(encoding="utf-8"))
    spec["output_dir"], spec["data"]["data_dir"] = str(tmp_path / "out"), str(data)
    spec["data"]["sources"].append({"kind": "people_daily_ner"})
    (tmp_path / "c.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    model = run_training(load_train_config(tmp_path / "c.yaml"), log=lambda _m: None)

    printed = []
    report = run_eval(model, log=printed.append)
    val = recorded_splits(read_config(model)).ner_val
    assert val and report["ner"]["PER"]["support"] == sum(s[2] == "PER" for _, tags in val for s in bio_spans(tags))
    assert any(line.startswith("PER: P ") for line in printed)

    # the names measured again without refitting a correction (after a change to how they are scored)
    from zhnews.train.lexicon import main as lexicon_main
    lexicon_main([str(model), str(tmp_path / "c.yaml"), "--measure-only"])
    metrics = json.loads((model / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["ner"]["PER"]["support"] == report["ner"]["PER"]["support"] and "ner_copies" not in metrics

    # --ner-from: another recipe's held-out sentences, less those this folder trained on (none here: the
    # recipe draws the same People's Daily split), and the 1998 ones it holds out
    (data / "people_daily_199801").mkdir()
    (data / "people_daily_199801" / "199801.txt").write_text("\n".join(
        f"记者/n  王/nr  小{chr(0x4e00 + i)}/nr  第{i}次/m  报道/v  。/w" for i in range(20)), encoding="utf-8")
    spec["data"]["sources"].append({"kind": "people_daily_pos", "name": "pd98", "val_sentences": 5})
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    report = run_eval(model, topics=False, ner_from=tmp_path / "r.yaml", log=printed.append)
    assert report["ner_from"]["left_out"] == {"people_daily_ner": 0, "pd98": 0}
    assert report["ner"]["PER"]["support"] == len(val) + 5 and report["ner_sources"]["pd98"]["PER"]["support"] == 5


@pytest.mark.slow
def test_retrain_a_three_label_custom_model_on_the_real_base(tmp_path, monkeypatch):
    """configs/custom.yaml end to end on the offline e5 base (~2 min on 2 cores): one command trains
    a folder with the user's three labels, and `zhnews analyze --model` uses it."""
    from typer.testing import CliRunner

    from zhnews.cli import app

    monkeypatch.chdir(REPO)  # the config's data_dir is relative to the checkout
    out = tmp_path / "my-model"
    result = CliRunner().invoke(app, ["train", str(REPO / "configs" / "custom.yaml"), "--output-dir", str(out)])
    assert result.exit_code == 0, result.output
    labels = sorted({json.loads(line)["label"] for line in
                     (REPO / "tests" / "data" / "custom_topics.jsonl").read_text(encoding="utf-8").splitlines()})
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert sorted(config["id2label"].values()) == labels and len(labels) == 3
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["articles"]["accuracy"] >= 0.5  # 6 held-out rows, chance is 1/3
    result = CliRunner().invoke(app, ["analyze", "--model", str(out), "-"],
                                input="主队在联赛中以3比1取胜，主教练张伟表示球队状态正在回升。")
    assert result.exit_code == 0, result.output
    analysis = json.loads(result.output[result.output.index("{"):])
    assert sorted(t["label"] for t in analysis["topics"]) == labels


def test_layer_probe_features_come_from_each_asked_layer():
    from zhnews.models.config import BaseSpec
    from zhnews.models.network import build_encoder
    from zhnews.train.layer_probe import layer_features

    random = {"hidden_size": 32, "num_hidden_layers": 3, "num_attention_heads": 2, "intermediate_size": 64}
    encoder, tokenizer = build_encoder(BaseSpec(random=random))
    encoder.eval()
    feats = layer_features(encoder, tokenizer, ["主队取胜。", "芯片工艺提升，成本下降。"], 16, [1, 3])
    assert set(feats) == {1, 3} and feats[1].shape == feats[3].shape == (2, 32)
    assert not np.allclose(feats[1], feats[3])  # different layers, different features


def test_speaker_figures_are_recorded_in_metrics_and_card(tiny_model_dir, tmp_path, monkeypatch):
    """`python -m zhnews.train.speaker_figures FOLDER CONFIG` scores each gold set that can be read,
    skips one that cannot, and writes the figures into metrics.json and the card's table."""
    import shutil

    from zhnews.models.evaluation.gold import SPEAKER_GOLD_PATH
    from zhnews.train import speaker_figures

    folder = tmp_path / "model"
    shutil.copytree(tiny_model_dir, folder)
    two = tmp_path / "two.jsonl"
    two.write_text("".join(SPEAKER_GOLD_PATH.read_text(encoding="utf-8").splitlines(keepends=True)[:2]),
                   encoding="utf-8")
    monkeypatch.setattr(speaker_figures, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(speaker_figures, "GOLD_SETS", {"two": two, "absent": tmp_path / "absent.jsonl"})
    try:
        speaker_figures.load_speaker_gold_file(two)
    except FileNotFoundError as exc:  # the gold articles' texts live in ../shared
        pytest.skip(f"shared data absent: {exc}")
    speaker_figures.main([str(folder), str(REPO / "configs" / "tiny.yaml")])
    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    assert list(metrics["speakers"]) == ["two (two.jsonl)"]
    report = metrics["speakers"]["two (two.jsonl)"]
    assert report["articles"] == 2 and "baseline_salience_ranking" in report
    card = (folder / "README.md").read_text(encoding="utf-8")
    assert "| two (two.jsonl) (2 articles) |" in card and "(a) / (b) / (c)" in card
    roles = report["model"]["roles"]  # the gold has roles: the card gives their accuracy and counts
    assert roles["n"] == 0 or f"{roles['accuracy']:.3f} ({roles['exact']} / {roles['n']})" in card


def test_bench_figures_recorded_into_the_card(tiny_model_dir, tmp_path):
    """`python -m zhnews.train.record_bench FOLDER CONFIG BENCH.json`: the bench's fast path, worker
    processes and teacher land in metrics.json and in the card's Speed section."""
    import shutil

    from zhnews.train.record_bench import main

    folder = shutil.copytree(tiny_model_dir, tmp_path / "m")
    mode = {"articles_per_s": 16.0, "seed_page_latency_ms": {"p50": 132.0, "p95": 135.4}, "load_s": 1.52,
            "peak_rss_mb": 1469.2, "tokens_per_article": 1388.9,
            "quality": {"topic_accuracy": 0.9193, "speakers": {"speaker_f1": 0.977, "statement_f1": 0.905}}}
    bench = {"workload": {"articles": 200, "chars": 218424}, "threads": 2, "machine": {"cores": 2},
             "fast": mode, "teacher": {**mode, "articles_per_s": 7.2}, "teacher_model": "default",
             "fast_parallel": {"workers": 2, "articles_per_s": 20.85}}
    (tmp_path / "bench.json").write_text(json.dumps(bench), encoding="utf-8")
    main([str(folder), str(REPO / "configs" / "tiny.yaml"), str(tmp_path / "bench.json")])
    assert json.loads((folder / "metrics.json").read_text())["speed"]["teacher"]["articles_per_s"] == 7.2
    card = (folder / "README.md").read_text(encoding="utf-8")
    assert "## Speed" in card and "| 16.00 | 132 / 135 ms |" in card and "teacher `default`" in card
    assert "2 one-thread processes (load excluded) | 20.85" in card


def test_a_long_ner_sentence_is_taught_whole_in_the_pieces_the_tagger_reads():
    """A training sentence longer than the tagger reads at once was truncated: the names past the cut were
    never taught. Each piece now keeps its own tags, and one cut inside a name starts it with B-."""
    from zhnews.models.evaluation.ner import bio_spans
    from zhnews.train.batches import ner_pieces

    text = "甲" * 40 + "，" + "乙" * 30 + "王建军说" + "丙" * 70
    tags = ["O"] * len(text)
    at = text.index("王建军")
    tags[at:at + 3] = ["B-PER", "I-PER", "I-PER"]
    pieces = ner_pieces([(text, tags), ("无标注的句子", None)], 62)
    assert "".join(p for p, _ in pieces[:-1]) == text and all(len(p) <= 62 for p, _ in pieces)
    assert pieces[-1] == ("无标注的句子", None)
    found = [(p[a:b], label) for p, t in pieces[:-1] for a, b, label in bio_spans(t)]
    assert found == [("王建军", "PER")]  # 王建军 starts at character 71: truncated away before
    cut = ner_pieces([("丁" * 61 + "王建军", ["O"] * 61 + ["B-PER", "I-PER", "I-PER"])], 62)
    assert [t[0] for _, t in cut] == ["O", "B-PER"]  # no clause punctuation: cut inside the name


def test_the_refit_sample_keeps_every_article_and_its_titles_when_a_source_is_appended():
    from zhnews.train.refit import refit_rows

    rows = [(f"标题{i}", "体育", "title") for i in range(1000)] + [(f"文章{i}", "体育", "article") for i in range(10)]
    keep = refit_rows(rows, 200, seed=7)
    assert len(keep) == 200 and set(range(1000, 1010)) <= set(keep)
    assert refit_rows(rows, 200, seed=7).tolist() == keep.tolist() and refit_rows(rows, 200, seed=8).tolist() != keep.tolist()
    more = rows + [(f"新标题{i}", "科技", "title") for i in range(100)]
    again = {more[i][0] for i in refit_rows(more, 200, seed=7) if more[i][2] == "title"}
    # 190 titles drawn from 1,100: about 190 x 1000 / 1100 = 173 of the first draw's stay (a redraw keeps ~33)
    assert len(again & {rows[i][0] for i in keep}) >= 150 and len(again) == 190
