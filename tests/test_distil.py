"""Distillation (train/distil.py): the soft-target losses, the teacher checks and a tiny student run."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from zhnews.models.config import ConfigError, load_train_config, parse_train_config
from zhnews.models.network import NER_LABELS
from zhnews.train.distil import Teacher, TeacherMismatch, teacher_loss

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
    config.distil.teacher, config.distil.weight = str(tiny_model_dir), 0.7
    lines: list[str] = []
    folder = run_training(config, log=lines.append)
    assert any("distilling from" in line for line in lines)
    recorded = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert recorded["training"]["distil"]["teacher"] == str(tiny_model_dir)
