"""Knowledge distillation (issue 16): a smaller student learns from a trained teacher folder's outputs
on the very batches it trains on, beside the gold labels.

    distil: {teacher: runs/v2, weight: 0.5, temperature: 2.0}      # in a training config

Each step's loss is `(1 - weight) * gold loss + weight * teacher loss`, where the teacher loss is, per
task (Hinton et al. 2015: soft targets at a temperature, scaled by T^2 so gradients keep their size):
- topic, multi-label: binary cross-entropy of the student's logits against sigmoid(teacher logit / T)
  on EVERY label: the teacher answers all 17 labels for each row, also those the row's source cannot
  tell (a THUCNews title's 国际), which the gold mask leaves out; single-label: KL of the softmaxes;
- ner: KL(teacher || student) of the tag distributions on the real tokens;
- salience: squared error between the two sigmoids.
The teacher runs forward (no gradient, bf16 autocast on a CPU with native bf16: the fast path measured no quality
loss from it) on each batch just before the student: on 2 cores its 12 layers cost about what a
4-layer student's training step costs, and nothing has to be stored for the ~160k examples.
"""
from __future__ import annotations

import numpy as np
import torch
from torch.nn import functional as F

from zhnews.models import folder as model_folder
from zhnews.models.model import ZhnewsModel
from zhnews.models.precision import precision_context
from zhnews.models.multilabel import sigmoid
from zhnews.train.refit import text_features


class TeacherMismatch(ValueError):
    """A teacher folder that cannot teach this student (other labels, tags or tokenizer)."""


class Teacher:
    def __init__(self, folder: str, labels: list[str], ner_labels: list[str], tokenizer, device) -> None:
        self.model = ZhnewsModel.from_pretrained(folder, device=str(device))
        self.model.net.eval()
        if self.model.labels != labels:
            raise TeacherMismatch(f"teacher {folder} has labels {self.model.labels}, the student {labels}")
        if list(self.model.ner_labels) != list(ner_labels):
            raise TeacherMismatch(f"teacher {folder} tags {self.model.ner_labels}, the student {ner_labels}")
        if self.model.tokenizer.get_vocab() != tokenizer.get_vocab():
            raise TeacherMismatch(f"teacher {folder} uses another tokenizer than the student's base")
        self.multi = self.model.topic_mode == "multi"

    @torch.inference_mode()
    def outputs(self, input_ids: torch.Tensor, mask: torch.Tensor, task: str) -> torch.Tensor:
        device = self.model.net.device
        with precision_context("auto" if device.type == "cpu" else "fp32", device.type):
            out = self.model.net(input_ids.to(device), mask.to(device), task)
        return out.float()

    @torch.inference_mode()
    def topic_probabilities(self, texts: list[str], chunk_tokens: int, max_chunks: int,
                            batch_size: int) -> np.ndarray:
        """sigmoid of the teacher's topic head over each text's mean-pooled windows (the student's
        refit features, train/refit.text_features), without the n-gram expert the two share."""
        net = self.model.net
        with precision_context("auto" if net.device.type == "cpu" else "fp32", net.device.type):
            x = text_features(net, self.model.tokenizer, texts, chunk_tokens, max_chunks, batch_size)
        head = net.topic_head
        logits = x @ head.weight.detach().float().cpu().numpy().T + head.bias.detach().float().cpu().numpy()
        return sigmoid(logits)


@torch.no_grad()
def init_lora_from_teacher(net, folder: str, student_lora) -> int:
    """Start each LoRA adapter of the student at the teacher's adapter of the same layer and module
    (`distil.init_lora`): the teacher's rank-r A rows and B columns fill the student's first r, and the
    student's other B columns stay zero, so each of the student's layers starts as the teacher's same
    layer. B is rescaled by (teacher alpha / r) / (student alpha / r), the factor each applies to its
    update B @ A. Needs the student's rank >= the teacher's. Returns the number of adapters copied."""
    path = model_folder.resolve_model(folder)
    teacher = model_folder.load_weights(path)
    lora = model_folder.read_config(path)["lora"]
    scale = (lora["alpha"] / lora["r"]) / (student_lora.alpha / student_lora.r)
    own = dict(net.named_parameters())
    copied = 0
    for name, value in teacher.items():
        if ".lora_A." not in name and ".lora_B." not in name:
            continue
        if name not in own:
            continue  # a layer the shallower student does not have
        target = own[name]
        if ".lora_A." in name and value.shape[0] <= target.shape[0] and value.shape[1] == target.shape[1]:
            target[: value.shape[0]] = value
        elif ".lora_B." in name and value.shape[1] <= target.shape[1] and value.shape[0] == target.shape[0]:
            target[:, : value.shape[1]] = value * scale
            target[:, value.shape[1]:] = 0.0
        else:
            raise TeacherMismatch(f"teacher {folder}: adapter {name} {tuple(value.shape)} does not fit the "
                                  f"student's {tuple(target.shape)} (the student's rank must be >= the teacher's)")
        copied += 1
    return copied


def teacher_loss(student: torch.Tensor, teacher: torch.Tensor, task: str, mask: torch.Tensor,
                 temperature: float, multi: bool) -> torch.Tensor:
    """The soft-target loss of one batch (see the module doc)."""
    t = temperature
    teacher = teacher.to(student.device)
    if task == "topic" and multi:
        return F.binary_cross_entropy_with_logits(student / t, torch.sigmoid(teacher / t)) * t * t
    if task == "topic":
        return F.kl_div(F.log_softmax(student / t, -1), F.log_softmax(teacher / t, -1), log_target=True,
                        reduction="batchmean") * t * t
    if task == "ner":
        cells = F.kl_div(F.log_softmax(student / t, -1), F.log_softmax(teacher / t, -1), log_target=True,
                         reduction="none").sum(-1)
        real = mask.to(cells.device).float()
        return (cells * real).sum() / real.sum().clamp(min=1.0) * t * t
    return F.mse_loss(torch.sigmoid(student), torch.sigmoid(teacher))
