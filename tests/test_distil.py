"""Distillation (train/distil.py): the soft-target losses, the teacher checks and a tiny student run."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from zhnews.models.config import ConfigError, SourceSpec, load_train_config, parse_train_config
from zhnews.models.network import NER_LABELS
from zhnews.train.distil import Teacher, TeacherMismatch, init_lora_from_teacher, teacher_loss

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("task, multi", [("topic", True), ("topic", False), ("ner", False), ("salience", False)])
def test_teacher_loss_is_least_where_the_student_agrees(task, multi):
    torch.manual_seed(0)
    shape = {"topic": (4, 5), "ner": (4, 6, 7), "salience": (4,)}[task]
    teacher = torch.randn(shape) * 2
    mask = torch.ones(4, 6, dtype=torch.long)
    agree = teacher_loss(teacher.clone(), teacher, task, mask, 2.0, multi)
    off = teacher_loss(teacher + torch.randn(shape), teacher, task, mask, 2.0, multi)
    assert off > agree
    student = teacher.clone().requires_grad_()
    teacher_loss(student, teacher, task, mask, 2.0, multi).backward()
    assert student.grad.abs().max() < 1e-5  # a minimum where the student copies the teacher


def test_padding_is_not_taught():
    teacher = torch.randn(2, 5, 7)
    student = teacher.clone()
    student[:, 3:] += 5.0  # disagree only on padding
    mask = torch.tensor([[1, 1, 1, 0, 0], [1, 1, 1, 0, 0]])
    assert teacher_loss(student, teacher, "ner", mask, 1.0, False) < 1e-6


def test_distil_section_is_validated():
    base = {"output_dir": "out"}
    assert parse_train_config(base).distil.teacher == ""  # off by default
    for bad, message in (({"weight": 1.5}, "weight"), ({"temperature": 0}, "temperature")):
        with pytest.raises(ConfigError, match=message):
            parse_train_config({**base, "distil": {"teacher": "default", **bad}})


def test_unlabeled_sources_need_a_teacher():
    raw = {"output_dir": "out", "data": {"sources": [{"kind": "file", "path": "x.jsonl"},
                                                     {"kind": "article_sentences"}]}}
    with pytest.raises(ConfigError, match="article_sentences.*distil.teacher"):
        parse_train_config(raw)
    with pytest.raises(ConfigError, match="init_lora needs a teacher"):
        parse_train_config({"output_dir": "out", "distil": {"init_lora": True}})
    assert parse_train_config({**raw, "distil": {"teacher": "default"}}).data.sources[1].task == "ner"


def test_an_unlabeled_batch_is_taught_by_the_teacher_alone():
    from types import SimpleNamespace

    from zhnews.models.config import DistilSpec
    from zhnews.train.loop import task_loss

    logits = torch.randn(2, 4, len(NER_LABELS))

    class Net:  # stands in for the student: returns fixed logits
        def __call__(self, ids, mask, task):
            return logits

    class Teach:
        multi = False

        def outputs(self, ids, mask, task):
            return logits + torch.randn_like(logits)

    batch = SimpleNamespace(task="ner", input_ids=torch.zeros(2, 4, dtype=torch.long),
                            attention_mask=torch.ones(2, 4, dtype=torch.long),
                            target=torch.full((2, 4), -100), label_mask=None)
    alone = task_loss(Net(), batch)
    assert torch.isfinite(alone) and alone == 0  # no gold token: nothing to learn without a teacher
    taught = task_loss(Net(), batch, teacher=Teach(), distil=DistilSpec(teacher="t", weight=0.5))
    assert torch.isfinite(taught) and taught > 0


def test_a_student_starts_at_the_teachers_adapters(tiny_model_dir):
    from zhnews.models.folder import load_weights
    from zhnews.train.loop import build_model

    config = load_train_config(REPO / "configs" / "tiny.yaml")
    config.lora.r, config.lora.alpha = 8, 8  # twice the teacher's rank, half its alpha / r
    config.base.random["num_hidden_layers"] = 1
    net, _ = build_model(config, 3)
    assert init_lora_from_teacher(net, str(tiny_model_dir), config.lora) > 0
    teacher = load_weights(tiny_model_dir)
    own = dict(net.named_parameters())
    for name in (n for n in teacher if ".lora_A." in n and n in own):
        b_name = name.replace(".lora_A.", ".lora_B.")
        # the update each applies, (alpha / r) * B @ A: teacher alpha 8 / r 4, student 8 / 8
        expected = 2.0 * teacher[b_name] @ teacher[name]
        assert torch.allclose(1.0 * own[b_name] @ own[name], expected, atol=1e-6), name
    assert not any(".layer.1." in n for n in own)  # the teacher's second layer had nowhere to go
    config.lora.r = 2
    with pytest.raises(TeacherMismatch, match="rank"):
        init_lora_from_teacher(build_model(config, 3)[0], str(tiny_model_dir), config.lora)


def test_a_teacher_with_other_labels_is_refused(tiny_model_dir):
    from zhnews.models.model import ZhnewsModel

    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    with pytest.raises(TeacherMismatch, match="labels"):
        Teacher(str(tiny_model_dir), model.labels[::-1], NER_LABELS, model.tokenizer, "cpu")


def test_tiny_student_learns_from_the_tiny_teacher(tiny_model_dir, tmp_path):
    from zhnews.train.loop import run_training

    config = load_train_config(REPO / "configs" / "tiny.yaml")
    config.output_dir, config.data.data_dir = str(tmp_path / "student"), str(REPO / "tests" / "data")
    config.base.random["num_hidden_layers"] = 1
    config.distil.teacher, config.distil.weight, config.distil.init_lora = str(tiny_model_dir), 0.7, True
    config.data.sources.append(SourceSpec(kind="article_sentences"))  # the training articles, untagged
    lines: list[str] = []
    folder = run_training(config, log=lines.append)
    assert any("distilling from" in line for line in lines)
    assert any(line.startswith("started") and "LoRA adapters at the teacher's" in line for line in lines)
    recorded = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert recorded["training"]["distil"]["teacher"] == str(tiny_model_dir)


def test_refit_targets_are_validated():
    with pytest.raises(ConfigError, match="refit_targets must be one of"):
        parse_train_config({"output_dir": "out", "train": {"refit_targets": "silver"}})
    with pytest.raises(ConfigError, match="refit_targets: teacher needs distil.teacher"):
        parse_train_config({"output_dir": "out", "train": {"refit_targets": "teacher"}})


def test_the_soft_refit_learns_the_teachers_probabilities():
    """Soft targets in, the same probabilities out (the doubled-row trick is soft cross-entropy)."""
    import numpy as np

    from zhnews.models.multilabel import sigmoid
    from zhnews.train.multilabel import refit_one_vs_rest

    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, 5))
    truth = sigmoid(x @ rng.normal(size=(5, 3)) + np.array([0.0, -1.0, 1.0]))
    every = np.ones_like(truth)
    weight, bias, best, losses = refit_one_vs_rest(x, truth, every, np.ones(600), seed=0, soft=True)
    fitted = sigmoid(x @ weight.T + bias)
    assert np.abs(fitted - truth).mean() < 0.03 and best in losses
    hard = refit_one_vs_rest(x, (truth > 0.5).astype(float), every, np.ones(600), seed=0)
    assert np.abs(sigmoid(x @ hard[0].T + hard[1]) - truth).mean() > np.abs(fitted - truth).mean()


def test_the_teacher_answers_every_label_of_a_text(tiny_model_dir):
    from zhnews.models.model import ZhnewsModel

    model = ZhnewsModel.from_pretrained(tiny_model_dir)
    teacher = Teacher(str(tiny_model_dir), model.labels, NER_LABELS, model.tokenizer, "cpu")
    probs = teacher.topic_probabilities(["体育新闻：比赛结束。", "财经：股市上涨，成交放大。" * 20], 64, 2, 8)
    assert probs.shape == (2, len(model.labels)) and ((probs > 0) & (probs < 1)).all()
