"""The robustness campaign behind README's Robustness section (not collected by pytest):

    python tests/robustness_report.py [--fuzz 2000] [--kills 5] [--rows 60] [--chars 1000000]

- fuzz: `--fuzz` hypothesis-generated inputs (tests/test_robustness.py's strategy: arbitrary Unicode
  with lone surrogates, controls, bidi marks, emoji, HTML, Traditional text, mixed into Chinese news
  sentences) through `analyze` on a tiny model; a crash is any exception other than InputError for
  blank input, or a result that breaks the output contract;
- long input: `--chars` characters through `prepare` + `analyze` in a fresh process; time and
  peak RSS (getrusage);
- batch: `zhnews batch` on `--rows` rows (a fifth of them malformed), SIGKILLed `--kills` times at
  random points (fixed seed) and resumed; rows lost or duplicated, torn lines.

Prints one JSON object. Single-threaded throughout (OMP_NUM_THREADS=1, torch threads 1); the tiny
model is trained first into a temporary folder (~30 s), or pass `--model DIR`.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


def train_tiny(out: Path) -> Path:
    import torch

    from zhnews.models.config import load_train_config
    from zhnews.train.loop import run_training

    torch.set_num_threads(1)
    config = load_train_config(REPO / "configs" / "tiny.yaml")
    config.output_dir = str(out)
    config.data.data_dir = str(REPO / "tests" / "data")
    return Path(run_training(config, log=lambda _m: None))


def fuzz(analyzer, examples: int, seed: int) -> dict:
    from hypothesis import HealthCheck, given, seed as hyp_seed, settings

    from tests.test_robustness import ANY_TEXT, analyze_checked

    stats = {"inputs": 0, "refused_blank": 0, "crashes": 0, "crash_examples": [], "chars": 0,
             "max_seconds": 0.0}

    @hyp_seed(seed)
    @settings(max_examples=examples, deadline=None, database=None, phases=["generate"],
              suppress_health_check=list(HealthCheck))
    @given(text=ANY_TEXT)
    def campaign(text):
        stats["inputs"] += 1
        stats["chars"] += len(text)
        started = time.perf_counter()
        try:
            if analyze_checked(analyzer, text) is None:
                stats["refused_blank"] += 1
        except BaseException as exc:  # noqa: BLE001 - counted, the campaign goes on
            if isinstance(exc, KeyboardInterrupt):
                raise
            stats["crashes"] += 1
            if len(stats["crash_examples"]) < 5:
                stats["crash_examples"].append({"input": ascii(text)[:300], "error": f"{type(exc).__name__}: {exc}"[:300],
                                                "where": traceback.format_exc(limit=-2)[-600:]})
        stats["max_seconds"] = max(stats["max_seconds"], round(time.perf_counter() - started, 3))

    started = time.perf_counter()
    campaign()
    stats["seconds"] = round(time.perf_counter() - started, 1)
    return stats


def batch_campaign(model_dir: Path, rows: int, kills: int, seed: int, work: Path) -> dict:
    from tests.test_robustness import batch_input, kill_and_resume

    from zhnews.models.data import examples_dir

    path = examples_dir() / "seed_page.txt"
    seed_text = path.read_text(encoding="utf-8") if path.exists() else "张伟表示，今年经济稳步增长。" * 40
    src, out = work / "in.jsonl", work / "out.jsonl"
    expected, bad = batch_input(src, rows, seed_text)
    started = time.perf_counter()
    run = kill_and_resume(model_dir, src, out, kills=kills, seed=seed, step=max(2, rows // (2 * max(kills, 1))))
    seconds = time.perf_counter() - started
    raw = out.read_bytes()
    records, torn = [], 0
    for line in raw.splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:
            torn += 1
    ids = [r.get("id") for r in records]
    errors = {r["id"] for r in records if "error" in r}
    return {"rows": len(expected), "bad_rows": len(bad), "kills_attempted": kills, "kills_survived": run["kills"],
            "torn_tails_seen_after_kills": run["torn_tails"], "rows_lost": len(set(expected) - set(ids)),
            "rows_duplicated": len(ids) - len(set(ids)), "torn_lines_in_final_output": torn + (not raw.endswith(b"\n")),
            "in_input_order": ids == expected, "error_records_match_bad_rows": errors == bad,
            "final_tally": run["stderr"].strip().splitlines()[-1] if run["stderr"].strip() else "",
            "seconds": round(seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="model folder (default: train the tiny one)")
    parser.add_argument("--fuzz", type=int, default=2000)
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=60)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()

    import torch

    torch.set_num_threads(1)
    from zhnews.models import Analyzer
    from tests.test_robustness import measure_long_input

    with tempfile.TemporaryDirectory(prefix="zhnews-robustness-") as tmp:
        tmp = Path(tmp)
        model_dir = args.model or train_tiny(tmp / "tiny-model")
        analyzer = Analyzer.from_pretrained(model_dir, threads=1)
        report: dict = {"model": "tiny (tests/conftest.py recipe)" if not args.model else str(args.model),
                        "threads": 1}
        report["fuzz"] = fuzz(analyzer, args.fuzz, args.seed)
        report["long_input"] = measure_long_input(model_dir, args.chars, timeout=1800)
        (tmp / "batch").mkdir()
        report["batch"] = batch_campaign(model_dir, args.rows, args.kills, args.seed, tmp / "batch")
        report["summary"] = {
            "inputs_tried": report["fuzz"]["inputs"],
            "crashes": report["fuzz"]["crashes"],
            "rows_lost": report["batch"]["rows_lost"],
            "kills_survived": report["batch"]["kills_survived"],
            "peak_rss_mb_1m_chars": report["long_input"]["peak_rss_mb"],
            "rss_growth_mb_1m_chars": report["long_input"]["rss_growth_mb"],
            "seconds_1m_chars": report["long_input"]["seconds"],
        }
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
