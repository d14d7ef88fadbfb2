"""`zhnews bench`: the fast path against the naive one, same model, same workload, same run: throughput,
single-article latency, load time, peak memory, encoder tokens and FLOPs, and the quality of each.

    report = run_bench(model_dir, sample=200)      # one JSON-able dict; the CLI prints it
    run_bench(model_dir, workers=2)                # + the fast path in 2 one-thread processes

With `workers` > 1 the fast path is also timed as that many processes of one torch thread each, the
workload split between them: what `zhnews batch --engine ray --workers N` runs. On small matrices
(hidden 384) one thread per process uses a core better than two threads per product, and the Python
parts (jieba, attribution) run on every core.

Naive path: the fp32 model, one article at a time, the whole topic text in 512-token windows, and the
name tagger and the salience head each with their own encoder pass over every body sentence.
FLOPs are counted from the shapes the encoder actually ran (padding included):
    2 x (Linear weights per layer x layers) x tokens  +  4 x L^2 x hidden x layers per sequence
(projections and FFN: one multiply-add per weight and token; attention: QK^T and AV, 2 L^2 h each).
"""
from __future__ import annotations

import random
import re
import resource
import time
from pathlib import Path

import numpy as np

from zhnews.models.evaluation.speakers import speaker_eval, speaker_summary
from zhnews.models.evaluation.topics import topic_accuracy
from zhnews.models.model import ZhnewsModel
from zhnews.models.precision import effective_precision
from zhnews.models.pipeline import Analyzer
from zhnews.serve.batch.options import cores as usable_cores

NAIVE_WINDOW = 512  # tokens, the encoder's limit (514 positions, 2 reserved)
WARMUP_RUNS = 3


class NaiveModel(ZhnewsModel):
    """The plain model with one encoder pass per head (bench only)."""

    def sentence_features(self, sentences, settings=None, **kwargs):
        # names from the first pass, salience (and pooled states) from the second
        entities = super().sentence_features(sentences, settings, **kwargs)[0]
        return (entities, *super().sentence_features(sentences, settings, **kwargs)[1:])


class NaiveAnalyzer(Analyzer):
    """The plain fp32 model run the naive way: the whole text in 512-token windows, every sentence,
    one pass per head, one article at a time (bench only)."""

    @classmethod
    def from_pretrained(cls, path=None, **_ignored) -> "NaiveAnalyzer":
        model = NaiveModel.from_pretrained(path)
        return cls(model, model.default_settings(fast=False).replace(chunk_tokens=NAIVE_WINDOW, max_chunks=None))

    def analyze_batch(self, texts):
        out = []
        for text in texts:  # one article at a time
            out += super().analyze_batch([text])
        return out


class EncoderMeter:
    """Counts what goes through the encoders (hooks on their forward): tokens, padded tokens, FLOPs, time.
    Every pass is hooked with its own depth: a folder with its own tagging pass (`tag_adapter`) runs a
    second encoder, and a grafted one (train/graft.py) a shallower one."""

    def __init__(self, analyzer: Analyzer):
        self.reset()
        self.pad_id = analyzer.model.tokenizer.pad_token_id
        for enc in analyzer.model.net.encoders():
            cfg = enc.config
            h, ffn, layers = cfg.hidden_size, cfg.intermediate_size, len(enc.encoder.layer)
            linear = 2 * layers * (4 * h * h + 2 * h * ffn)  # q k v o + 2 FFN matrices, per token
            attention = 4 * h * layers  # x L^2 per sequence
            enc.register_forward_pre_hook(lambda _m, _a, kw, c=(linear, attention): self._before(kw, *c),
                                          with_kwargs=True)
            enc.register_forward_hook(self._after)

    def reset(self) -> None:
        self.tokens = self.padded = self.flops = 0
        self.seconds = 0.0

    def _before(self, kwargs, linear_flops_per_token: int, attention_coef: int):
        mask = kwargs["attention_mask"]
        batch, width = mask.shape[0], mask.shape[-1]
        # (a 4-D mask: sentences packed into rows, models/encoding.packed_batch; the real tokens are the non-pad ids)
        self.tokens += int(mask.sum()) if mask.dim() == 2 else int((kwargs["input_ids"] != self.pad_id).sum())
        self.padded += batch * width
        self.flops += linear_flops_per_token * batch * width + attention_coef * batch * width ** 2
        self._t0 = time.perf_counter()

    def _after(self, _module, _args, _out):
        self.seconds += time.perf_counter() - self._t0


def machine() -> dict:
    """Peak FLOP/s from /proc/cpuinfo: cores x clock x FLOPs per cycle per core."""
    info = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    field = lambda key: (re.search(rf"^{key}\s*:\s*(.*)$", info, re.M) or [None, ""])[1]  # noqa: E731
    flags = set(field("flags").split())
    vendor, mhz = field("vendor_id"), float(field("cpu MHz") or 0)
    cores = usable_cores()
    if "avx512f" in flags:
        # one 512-bit FMA = 16 fp32 lanes x 2 FLOPs = 32/cycle per 512-bit FMA unit. AMD Zen 4 runs
        # AVX-512 on two 256-bit FMA pipes = one 512-bit unit's worth; Intel server cores have two.
        units = 1 if "AMD" in vendor else 2
        per_cycle, why = 32 * units, f"AVX-512 FMA fp32, 32 FLOP/cycle per 512-bit FMA unit x {units}"
    elif "fma" in flags:
        per_cycle, why = 32, "AVX2 FMA fp32: 2 units x 8 lanes x 2 FLOP"
    else:
        per_cycle, why = 8, "SSE, no FMA: 4 lanes x 2"
    peak = cores * mhz / 1000 * per_cycle
    bf16 = "avx512_bf16" in flags  # VDPBF16PS: two bf16 products per fp32 lane -> 2x fp32
    return {"cpu": field("model name"), "vendor": vendor, "cores": cores, "ghz": round(mhz / 1000, 3),
            "avx512": "avx512f" in flags, "avx512_bf16": bf16, "avx512_vnni": "avx512_vnni" in flags,
            "flop_per_cycle_per_core_fp32": per_cycle, "peak_gflops_fp32": round(peak, 1),
            "peak_gflops_bf16": round(2 * peak, 1) if bf16 else None,
            "peak_assumption": f"cores x clock (cpu MHz) x {why}; bf16 peak = 2x fp32 with avx512_bf16"}


def workload(sample: int | None, seed: int) -> tuple[str, list[str]]:
    from zhnews.models.data import data_dir, read_thucnews_articles

    path = data_dir() / "thucnews_articles" / "train.tsv"
    if not path.exists():
        return f"{path} (absent)", []
    texts = [t for t, _ in read_thucnews_articles(path)]
    if sample and sample < len(texts):
        texts = random.Random(seed).sample(texts, sample)
    return str(path), texts


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux: KiB


def measure(analyzer: Analyzer, texts: list[str], seed_page: str | None, *, batch_size: int,
            latency_runs: int, topic_rows, gold, load_s: float) -> tuple[dict, list]:
    meter = EncoderMeter(analyzer)
    out: dict = {"load_s": round(load_s, 2)}
    results: list = []
    if texts:
        analyzer.analyze_batch(texts[:2])  # warm-up: first-call allocations, jieba dictionaries
        meter.reset()
        t0 = time.perf_counter()
        for start in range(0, len(texts), batch_size):
            results += analyzer.analyze_batch(texts[start : start + batch_size])
        wall = time.perf_counter() - t0
        n, chars = len(texts), sum(map(len, texts))
        out.update({
            "articles_per_s": round(n / wall, 2), "chars_per_s": round(chars / wall), "wall_s": round(wall, 2),
            "encoder_share_of_time": round(meter.seconds / wall, 3),
            "tokens_per_article": round(meter.tokens / n, 1), "padded_tokens_per_article": round(meter.padded / n, 1),
            "gflop_per_article": _sig(meter.flops / n / 1e9),
            "achieved_gflops": _sig(meter.flops / wall / 1e9),
            "achieved_gflops_in_encoder": _sig(meter.flops / max(meter.seconds, 1e-9) / 1e9),
        })
    if seed_page:
        for _ in range(WARMUP_RUNS):
            analyzer.analyze(seed_page)
        times = []
        for _ in range(latency_runs):
            t0 = time.perf_counter()
            analyzer.analyze(seed_page)
            times.append(time.perf_counter() - t0)
        out["seed_page_latency_ms"] = {"p50": round(float(np.percentile(times, 50)) * 1000, 1),
                                       "p95": round(float(np.percentile(times, 95)) * 1000, 1),
                                       "runs": latency_runs, "warmup_runs": WARMUP_RUNS}
    out["peak_rss_mb"] = peak_rss_mb()  # high-water mark of the process so far (fast runs first)
    quality: dict = {}
    if topic_rows:
        quality["topic_accuracy"] = round(topic_accuracy(analyzer.model, topic_rows, analyzer.settings), 4)
        quality["topic_articles"] = len(topic_rows)
    if gold:
        quality["speakers"] = speaker_summary(speaker_eval(analyzer, gold))
    out["quality"] = quality
    return out, results


def parallel_throughput(model_dir, texts: list[str], *, workers: int, batch_size: int,
                        fast: dict | None = None, timeout_s: float = 600) -> dict:
    """Articles/s of `workers` one-thread processes, each analysing every `workers`-th article. The
    clock starts when all have loaded the model and warmed up (load time is reported above)."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")  # a fork would copy this process's torch threads and model
    ready, done, start = ctx.Queue(), ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=_parallel_worker, daemon=True,
                         args=(str(model_dir), texts[i::workers], batch_size, fast, ready, start, done))
             for i in range(workers)]
    for p in procs:
        p.start()
    try:
        _collect(ready, procs, timeout_s)
        t0 = time.perf_counter()
        start.set()
        _collect(done, procs, timeout_s)
        wall = time.perf_counter() - t0
    except RuntimeError as exc:
        for p in procs:
            p.terminate()
        raise RuntimeError(f"parallel bench with {workers} workers failed: {exc}") from exc
    for p in procs:
        p.join()
    return {"workers": workers, "threads_per_worker": 1, "articles_per_s": round(len(texts) / wall, 2),
            "chars_per_s": round(sum(map(len, texts)) / wall), "wall_s": round(wall, 3)}


def _collect(queue, procs, timeout_s: float) -> None:
    """One message from every worker; a worker that exits first is an error, not a hang."""
    import queue as queue_module

    t0, got = time.perf_counter(), 0
    while got < len(procs):
        try:
            queue.get(timeout=0.5)
            got += 1
        except queue_module.Empty:
            if any(p.exitcode not in (None, 0) for p in procs):
                raise RuntimeError("a worker process exited with an error (see its traceback above)")
            if time.perf_counter() - t0 > timeout_s:
                raise RuntimeError(f"no answer within {timeout_s:.0f} s")


def _parallel_worker(model_dir: str, texts: list[str], batch_size: int, fast, ready, start, done) -> None:
    analyzer = Analyzer.from_pretrained(model_dir, fast=fast or True, threads=1)
    analyzer.analyze_batch(texts[:2])  # warm-up, as in `measure`
    ready.put(True)
    start.wait()
    for begin in range(0, len(texts), batch_size):
        analyzer.analyze_batch(texts[begin : begin + batch_size])
    done.put(True)


def _sig(x: float, digits: int = 3) -> float:
    return float(f"{x:.{digits}g}")


def agreement(fast: list, naive: list) -> dict:
    """How often the two modes give the same answer on the workload articles."""
    same = lambda f: round(float(np.mean([f(a) == f(b) for a, b in zip(fast, naive)])), 4)  # noqa: E731
    return {"articles": len(fast), "top_topic": same(lambda r: r.topics[0].label),
            "speaker_names": same(lambda r: sorted(s.name for s in r.speakers)),
            "speakers_and_statements": same(lambda r: [(s.name, [(x.start, x.end) for x in s.statements])
                                                       for s in r.speakers]),
            "summary": same(lambda r: r.summary)}


def run_bench(model_dir=None, *, sample: int | None = 200, seed: int = 0, batch_size: int = 16,
              latency_runs: int = 20, threads: int | None = None, naive: bool = True,
              fast: dict | None = None, texts: list[str] | None = None, max_gold: int | None = None,
              workers: int = 1, teacher: str | Path | None = None, log=lambda _m: None) -> dict:
    """`fast`: overrides of the fast-path settings (models/fastpath.py); `texts`: the workload instead
    of a sample of the shared articles; `max_gold`: score speakers on the first N gold articles only;
    `workers` > 1: also time the fast path as that many one-thread processes; `teacher`: also measure
    this folder's fast path the same way, on the student's held-out split, beside it (`teacher_of`)."""
    import torch

    from zhnews.models.folder import default_model_dir
    from zhnews.models.data import examples_dir
    from zhnews.models.evaluation.gold import (SPEAKER_GOLD_PATH, GoldDataError, MissingDataError,
                                               load_speaker_gold_file)
    from zhnews.models.evaluation.splits import held_out_articles

    torch.set_num_threads(threads or usable_cores())
    model_dir = Path(model_dir) if model_dir else default_model_dir()
    source, work = ("given texts", list(texts)) if texts is not None else workload(sample, seed)
    seed_path = examples_dir() / "seed_page.txt"
    seed_page = seed_path.read_text(encoding="utf-8") if seed_path.exists() else None
    try:
        gold = (load_speaker_gold_file(SPEAKER_GOLD_PATH) if SPEAKER_GOLD_PATH.exists() else [])[:max_gold]
    except (MissingDataError, GoldDataError, OSError) as exc:  # it points into shared/ data
        log(f"speaker gold skipped: {exc}")
        gold = []
    report: dict = {
        "model": str(model_dir), "threads": torch.get_num_threads(), "torch": torch.__version__,
        "workload": {"source": source, "articles": len(work), "chars": sum(map(len, work)), "seed": seed,
                     "batch_size": batch_size},
        "machine": machine(),
        "flops_method": "from the encoder's input shapes (padding included): 2 x Linear weights x tokens "
                        "+ 4 x L^2 x hidden x layers per sequence; achieved = FLOPs / wall time",
    }
    modes = [("fast", lambda: Analyzer.from_pretrained(model_dir, fast=fast or True))]
    if teacher:
        report["teacher_model"] = str(teacher)
        modes.append(("teacher", lambda: Analyzer.from_pretrained(teacher, fast=fast or True)))
    if naive:
        modes.append(("naive", lambda: NaiveAnalyzer.from_pretrained(model_dir)))
    t0 = time.perf_counter()
    import peft.tuners.lora  # noqa: F401 - imported once here, so load_s times the model, not imports
    import transformers.models.xlm_roberta.modeling_xlm_roberta  # noqa: F401

    report["imports_s"] = round(time.perf_counter() - t0, 2)
    outputs, topic_rows = {}, None
    for name, load in modes:
        log(f"{name}: loading")
        t0 = time.perf_counter()
        analyzer = load()
        load_s = time.perf_counter() - t0
        if topic_rows is None:  # the same folder, so the same held-out split for every mode
            topic_rows = held_out_articles(analyzer.model.config) or []
        log(f"{name}: {len(work)} articles, seed page x{latency_runs}, "
            f"{len(topic_rows or [])} held-out articles, {len(gold)} gold articles")
        report[name], outputs[name] = measure(analyzer, work, seed_page, batch_size=batch_size,
                                              latency_runs=latency_runs, topic_rows=topic_rows, gold=gold,
                                              load_s=load_s)
        if name == "fast":
            report[name]["settings"] = analyzer.settings.to_dict()
            report[name]["settings"]["precision_effective"] = effective_precision(
                analyzer.settings.encoder_precision, analyzer.model.device.type)  # auto: bf16 only where native
        del analyzer
        if name == "fast" and workers > 1 and work:
            log(f"fast: {len(work)} articles in {workers} one-thread processes")
            report["fast_parallel"] = parallel_throughput(model_dir, work, workers=workers,
                                                          batch_size=batch_size, fast=fast)
    if teacher:
        report["fast_over_teacher"] = _ratios(report["fast"], report["teacher"])
    if naive:
        report["fast_over_naive"] = _ratios(report["fast"], report["naive"])
        if work:
            report["agreement_on_workload"] = agreement(outputs["fast"], outputs["naive"])
    return report


def teacher_of(model_dir) -> str | None:
    """The model a folder is measured beside: a grafted folder's topic folder (the teacher whose topics it
    keeps, train/graft.py), else a distilled folder's teacher (its config's training.distil.teacher), the first
    of them that is a model folder here (a recipe's `runs/...` folder stays on the machine that trained it:
    the shipped folders record such paths); else None (`--teacher NAME` names one)."""
    from zhnews.models.folder import ModelFolderError, read_config, resolve_model

    config = read_config(resolve_model(model_dir))
    for name in ((config.get("graft") or {}).get("topics"), config.get("training", {}).get("distil", {}).get("teacher")):
        if not name:
            continue
        try:
            read_config(resolve_model(name))  # raises when it is no model folder here
        except ModelFolderError:
            continue
        return name
    return None


def _ratios(fast: dict, naive: dict) -> dict:
    """`fast`'s figures over (or, for quality, minus) another mode's: the naive path or the teacher."""
    out = {}
    if "articles_per_s" in fast:
        out["articles_per_s"] = round(fast["articles_per_s"] / naive["articles_per_s"], 2)
        out["tokens_per_article"] = round(fast["tokens_per_article"] / naive["tokens_per_article"], 3)
        out["gflop_per_article"] = round(fast["gflop_per_article"] / naive["gflop_per_article"], 3)
    if "seed_page_latency_ms" in fast:
        p50 = fast["seed_page_latency_ms"]["p50"], naive["seed_page_latency_ms"]["p50"]
        out["seed_page_latency_p50"] = round(p50[0] / p50[1], 3)
    fq, nq = fast["quality"], naive["quality"]
    if "topic_accuracy" in fq:
        out["topic_accuracy_points"] = round(100 * (fq["topic_accuracy"] - nq["topic_accuracy"]), 2)
    if "speakers" in fq:
        for key in ("speaker_f1", "statement_f1", "summary_rouge_l"):
            out[key + "_points"] = round(100 * (fq["speakers"][key] - nq["speakers"][key]), 2)
    return out
