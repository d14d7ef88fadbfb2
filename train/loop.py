"""`zhnews train CONFIG.yaml`: the whole recipe, from shared corpora (or a user's file) to a model folder.

Steps: build splits -> base + LoRA -> topic head initialised from a logistic-regression probe on the
frozen base -> multi-task steps (topic / NER / salience batches) -> evaluation on held-out data,
temperature scaling, TF-IDF baseline in the same run -> model folder with its card.
Checkpoints every `checkpoint_every` steps; `--resume` continues from the last one.
"""
from __future__ import annotations

import dataclasses
import json
import random
import shutil
import time
from pathlib import Path

import numpy as np
import torch
from torch.nn import functional as F

from zhnews.models.base import default_base_dir, sha256_file
from zhnews.models.config import TrainConfig
from zhnews.models.encoding import flat_text
from zhnews.models.evaluation.splits import Splits, build_splits
from zhnews.models.model import ZhnewsModel
from zhnews.models.network import (NER_LABELS, ZhnewsNet, add_lora, build_encoder, mean_pool, set_linear_head,
                                   set_linear_weights, tag_encoder_from)
from zhnews.train.batches import encode_examples, pack, schedule
from zhnews.train.card import record_results, trained_config
from zhnews.train.distil import Teacher, init_lora_from_teacher, teacher_loss
from zhnews.train.evaluate import evaluate_training
from zhnews.train.multilabel import fit_one_vs_rest, masked_bce
from zhnews.train.refit import fit_ngram_expert, refit_topic_head
from zhnews.train.speaker_figures import speaker_figures
from zhnews.train.warmstart import init_from_folder

CHECKPOINT = "checkpoint"


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def build_model(config: TrainConfig, n_labels: int):
    seed_everything(config.train.seed)  # a random test base is then the same on every run
    encoder, tokenizer = build_encoder(config.base)
    encoder = add_lora(encoder, config.lora)
    tags = tag_encoder_from(encoder) if config.train.tag_adapter else None
    return ZhnewsNet(encoder, n_topics=n_labels, tag_encoder=tags), tokenizer


@torch.inference_mode()
def probe_init(net: ZhnewsNet, batches, n_labels: int, max_rows: int, log) -> None:
    """Fit a logistic regression on frozen mean-pooled features and copy it into the topic head:
    training then starts at the probe's accuracy (~96% on articles) instead of at chance."""
    from sklearn.linear_model import LogisticRegression

    net.eval()
    feats, ys, masks = [], [], []
    for batch in batches:
        if batch.task != "topic":
            continue
        ids, mask = batch.input_ids.to(net.device), batch.attention_mask.to(net.device)
        feats.append(mean_pool(net.states(ids, mask), mask).cpu())
        ys.append(batch.target)
        masks.append(batch.label_mask)
        if sum(len(y) for y in ys) >= max_rows:
            break
    if not feats:
        return
    x, y = torch.cat(feats).numpy(), torch.cat(ys).numpy()
    if masks[0] is not None:  # multi-label: one-vs-rest, each label on the rows whose source can tell it
        set_linear_weights(net.topic_head, *fit_one_vs_rest(x, y, torch.cat(masks).numpy()))
        log(f"probe: one-vs-rest logistic regression on {len(y)} frozen windows/titles")
        return
    if len(set(y.tolist())) < 2:
        return
    probe = LogisticRegression(max_iter=2000, C=10.0).fit(x, y)
    set_linear_head(net.topic_head, probe)
    log(f"probe: logistic regression on {len(y)} frozen windows/titles, train acc {probe.score(x, y):.3f}")


def task_loss(model, batch, device=None, teacher=None, distil=None) -> torch.Tensor:
    """`model` is the ZhnewsNet or its DDP wrapper; calling it (not its methods) keeps DDP in sync.
    With a `teacher` (train/distil.py) the gold loss is mixed with the teacher's soft targets."""
    ids, mask, target = (t.to(device) if device else t for t in (batch.input_ids, batch.attention_mask, batch.target))
    out = model(ids, mask, batch.task)
    if batch.task == "topic" and batch.label_mask is not None:
        gold = masked_bce(out, target, batch.label_mask.to(out.device))
    elif batch.task == "topic":
        gold = F.cross_entropy(out, target, label_smoothing=0.05)
    elif batch.task == "ner" and not (target != -100).any():
        gold = out.sum() * 0.0  # unlabeled sentences only (cross-entropy over no token would be NaN)
    elif batch.task == "ner":
        gold = F.cross_entropy(out.reshape(-1, out.shape[-1]), target.reshape(-1), ignore_index=-100)
    else:
        gold = F.mse_loss(torch.sigmoid(out), target)
    if teacher is None or distil.weight == 0:
        return gold
    soft = teacher_loss(out, teacher.outputs(ids, mask, batch.task), batch.task, mask, distil.temperature,
                        teacher.multi)
    return (1 - distil.weight) * gold + distil.weight * soft


def make_optimizer(net: ZhnewsNet, config: TrainConfig, steps: int, lr: float | None = None,
                   head_lr: float | None = None):
    head = [p for n, p in net.named_parameters() if p.requires_grad and n.split(".")[0].endswith("_head")]
    body = [p for n, p in net.named_parameters() if p.requires_grad and not n.split(".")[0].endswith("_head")]
    opt = torch.optim.AdamW([{"params": body, "lr": lr or config.train.learning_rate},
                             {"params": head, "lr": head_lr or config.train.head_learning_rate}],
                            weight_decay=config.train.weight_decay)
    warmup = max(1, int(steps * config.train.warmup_ratio))

    def factor(step: int) -> float:  # linear warm-up, then linear decay to 10%
        if step < warmup:
            return (step + 1) / warmup
        return max(0.1, 1 - 0.9 * (step - warmup) / max(1, steps - warmup))

    return opt, torch.optim.lr_scheduler.LambdaLR(opt, factor)


def save_checkpoint(out: Path, net, opt, sched, step: int) -> None:
    from safetensors.torch import save_file

    tmp = out / (CHECKPOINT + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    save_file(net.trainable_state_dict(), str(tmp / "trainable.safetensors"))
    torch.save({"optimizer": opt.state_dict(), "scheduler": sched.state_dict(), "step": step,
                "torch_rng": torch.get_rng_state()}, tmp / "state.pt")
    final = out / CHECKPOINT
    shutil.rmtree(final, ignore_errors=True)
    tmp.rename(final)  # a kill mid-save leaves the previous checkpoint intact


def load_checkpoint(out: Path, net, opt, sched) -> int:
    folder = out / CHECKPOINT
    if not (folder / "state.pt").exists():
        raise FileNotFoundError(f"{folder}: no checkpoint to resume from")
    load_trainable(out, net)
    state = torch.load(folder / "state.pt", weights_only=True)  # tensors and numbers only, no code
    opt.load_state_dict(state["optimizer"])
    sched.load_state_dict(state["scheduler"])
    torch.set_rng_state(state["torch_rng"])
    return int(state["step"])


def load_trainable(out: Path, net) -> None:
    """The checkpoint's trained weights (adapters and heads) into `net`, without the optimiser: what a
    resume needs even when no step is left to run (a crash in evaluation, or at a phase's end)."""
    from safetensors.torch import load_file

    net.load_state_dict(load_file(str(out / CHECKPOINT / "trainable.safetensors")), strict=False)


def load_checkpoint_step(out: Path) -> int:
    path = out / CHECKPOINT / "state.pt"
    if not path.exists():
        raise FileNotFoundError(f"{out / CHECKPOINT}: no checkpoint to resume from")
    return int(torch.load(path, weights_only=True)["step"])


def run_phase(net, accelerator, opt, sched, batches, order, first, steps, offset, total, out, config, log,
              teacher=None) -> None:
    """Steps `first..steps` of one phase, training `net` in place; checkpoints carry the global step
    (`offset` + step)."""
    world, rank = accelerator.num_processes, accelerator.process_index
    model, opt = accelerator.prepare(net, opt)  # the scheduler keeps driving the inner optimiser
    model.train()
    losses: dict[str, list[float]] = {}
    tick = time.time()
    for step in range(first, steps):
        batch = batches[order[step * world + rank]]
        loss = task_loss(model, batch, accelerator.device, teacher, config.distil)
        accelerator.backward(loss)
        torch.nn.utils.clip_grad_norm_([p for p in net.parameters() if p.requires_grad], 1.0)
        opt.step()
        sched.step()
        opt.zero_grad(set_to_none=True)
        losses.setdefault(batch.task, []).append(loss.item())
        done = step + 1
        if done % config.train.log_every == 0 or done == steps:
            rate = (time.time() - tick) / (done - first)
            means = " ".join(f"{t}={np.mean(v[-50:]):.3f}" for t, v in sorted(losses.items()))
            log(f"step {offset + done}/{total} loss {means} | {rate:.1f} s/step, "
                f"ETA {rate * (steps - done) / 60:.1f} min (this phase)")
        # The last step is checkpointed too: a crash in evaluation then resumes straight into it.
        if (done % config.train.checkpoint_every == 0 or done == steps) and accelerator.is_main_process:
            save_checkpoint(out, net, opt, sched, offset + done)


def run_training(config: TrainConfig, *, resume: bool = False, log=print) -> Path:
    """Single process on CPU; under `accelerate launch` on N GPUs each process takes every N-th batch
    of the same schedule (so N GPUs see N x the tokens per optimiser step) and DDP averages gradients."""
    from accelerate import Accelerator
    from accelerate.utils import DistributedDataParallelKwargs

    started = time.time()
    torch.set_num_threads(config.train.threads)
    # Each step trains one head, so the other heads get no gradient: DDP must be told.
    accelerator = Accelerator(kwargs_handlers=[DistributedDataParallelKwargs(find_unused_parameters=True)])
    world = accelerator.num_processes
    if not accelerator.is_main_process:
        log = lambda _m: None  # noqa: E731 - one process reports
    out = Path(config.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    splits: Splits = build_splits(config.data)
    log(f"data: {json.dumps(splits.sizes)}; labels: {splits.labels}")
    # what the steps, the refit and the n-gram expert fit on; the evaluation reads `splits` as given, as the
    # saved folder (which flattens its inputs itself) and `zhnews graft --measure` do
    fit_splits = splits if not config.train.flat_topic_text else dataclasses.replace(
        splits, topic_train=[(flat_text(t), label, kind) for t, label, kind in splits.topic_train])
    net, tokenizer = build_model(config, len(splits.labels))
    net.to(accelerator.device)  # before the probe, which encodes ~1,200 windows
    examples = encode_examples(tokenizer, fit_splits, config.train.chunk_tokens, config.train.sentence_tokens,
                               config.train.sentence_tokenization)
    batches = pack(examples, config.train.tokens_per_batch, tokenizer.pad_token_id)
    steps = config.train.max_steps
    counts = {t: sum(1 for b in batches if b.task == t) for t in ("topic", "ner", "salience")}
    log(f"{len(examples)} examples in {len(batches)} batches {counts}; {steps} steps "
        f"(~{steps / max(1, len(batches)):.2f} epochs)")
    # Phase 2 (optional): NER-only steps on smaller batches. With one head per step the multi-task
    # phase gives the tagger only ~1/4 of the steps, too few on 2 cores (measured: all-"O" after 150).
    # With a tag adapter the phase also keeps salience, the other head on the tagging pass.
    tag_tasks = ("ner", "salience") if config.train.tag_adapter else ("ner",)
    ner_batches = pack([e for e in examples if e.task in tag_tasks], config.train.ner_tokens_per_batch,
                       tokenizer.pad_token_id) if config.train.ner_steps else []
    phases = [("multi-task", batches, steps, None, None)] if steps else []
    if ner_batches:
        phases.append(("ner", ner_batches, config.train.ner_steps, config.train.ner_learning_rate,
                       config.train.ner_head_learning_rate))
    total = sum(p[2] for p in phases)
    warm_head = False
    if config.train.init_from:
        copied, warm_head = init_from_folder(net, config.train.init_from, splits.labels,
                                               first_layers=config.train.init_first_layers, layers=config.base.layers)
        log(f"started from {config.train.init_from}: {copied} trained tensors"
            f"{'' if warm_head else ' (not its topic head: other labels)'}")
    teacher = None
    if config.distil.teacher:
        teacher = Teacher(config.distil.teacher, splits.labels, NER_LABELS, tokenizer, accelerator.device)
        log(f"distilling from {config.distil.teacher}: weight {config.distil.weight}, T {config.distil.temperature}")
        if config.distil.init_lora:
            copied = init_lora_from_teacher(net, config.distil.teacher, config.lora)
            log(f"started {copied} LoRA adapters at the teacher's")
    done_before = load_checkpoint_step(out) if resume else 0
    if done_before:
        # the weights first: a phase already done is skipped below and loads nothing, so a resume at a
        # phase's end or after the last step (the evaluation crashed) would go on from the untrained net
        load_trainable(out, net)
        log(f"resumed the trained weights of step {done_before}")
    offset = 0
    for name, phase_batches, phase_steps, lr, head_lr in phases:
        if done_before >= offset + phase_steps:
            offset += phase_steps
            continue
        opt, sched = make_optimizer(net, config, phase_steps, lr, head_lr)
        first = 0
        if done_before > offset:
            first = load_checkpoint(out, net, opt, sched) - offset
            log(f"resumed from step {offset + first}")
        elif offset == 0 and config.train.probe_init and not warm_head and name == "multi-task":
            order0 = schedule(phase_batches, phase_steps, config.train.seed)
            probe_init(net, [phase_batches[i] for i in order0], len(splits.labels), config.train.probe_samples, log)
        order = schedule(phase_batches, phase_steps * world, config.train.seed + offset)
        log(f"phase {name}: {phase_steps} steps over {len(phase_batches)} batches")
        run_phase(net, accelerator, opt, sched, phase_batches, order, first, phase_steps, offset, total,
                  out, config, log, teacher)
        offset += phase_steps
    # Evaluation (and the head refit) stays on the training device: on a GPU the held-out encoding
    # takes seconds; the weights go to the CPU only to be written.
    net = net.eval()
    if not accelerator.is_main_process:
        return out
    refit = refit_topic_head(net, tokenizer, fit_splits, config, log=log, teacher=teacher) if config.train.refit_topic_head else None
    ngram = (fit_ngram_expert(fit_splits, log=log, max_n=config.train.ngram_max_n, max_features=config.train.ngram_features)
             if config.train.ngram_expert else None)
    base_sha = None if config.base.random is not None or config.base.name != "default" else \
        sha256_file(default_base_dir() / "model.safetensors")
    model = ZhnewsModel(net, tokenizer, trained_config(config, splits.labels, base_sha, splits.topic_mode))
    report = evaluate_training(model, splits, log=log, ngram=ngram)
    report["refit"] = refit
    if config.train.speaker_figures:
        report["speakers"] = speaker_figures(model, log=log)
    report["train_seconds"] = round(time.time() - started, 1)
    report["steps"] = steps
    record_results(model, config, report)
    model.net.cpu()
    folder = model.save_pretrained(out)
    shutil.rmtree(out / CHECKPOINT, ignore_errors=True)
    log(f"wrote {folder} in {report['train_seconds'] / 60:.1f} min")
    return folder


__all__ = ["run_training", "NER_LABELS"]
