"""`zhnews`: one console script, thin commands over the functions in models/, train/ and serve/.

Heavy imports (torch, transformers, gradio) happen inside each command so `zhnews --help` is instant.
Exit codes: 0 ok, 1 failure while running, 2 bad input or usage (one line on stderr).
"""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Chinese news analysis: topics, speakers, statements, summaries.")

ModelOpt = typer.Option(None, "--model", "-m", help="A shipped model (default, small, teacher) or a model folder "
                                                    "(default: $ZHNEWS_MODEL, else the shipped default).")
DeviceOpt = typer.Option(None, "--device", help="Where the encoder runs: cpu (default), cuda, cuda:1 ...")


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"zhnews: error: {message}", err=True)
    raise typer.Exit(code)


def read_input(path: str) -> str:
    """Text of PATH, or of stdin for '-'; bad bytes are a clear error, not a crash."""
    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fail(f"{path}: not valid UTF-8 at byte {exc.start}")


@app.command()
def analyze(path: str = typer.Argument(..., help="Article or page text file, or '-' for stdin."),
            model: Optional[Path] = ModelOpt,
            device: Optional[str] = DeviceOpt,
            indent: int = typer.Option(1, help="JSON indent (0 for one line).")) -> None:
    """Analyse one article and print the analysis JSON."""
    from zhnews.models import Analyzer, InputError
    from zhnews.models.model import DeviceError
    from zhnews.models.folder import ModelFolderError
    from zhnews.models.pipeline import validate_text

    text = read_input(path)
    try:
        validate_text(text)  # empty input is a usage error now, not after loading a model
        result = Analyzer.from_pretrained(model, device=device).analyze(text)
    except (InputError, DeviceError) as exc:
        fail(str(exc))
    except ModelFolderError as exc:
        fail(str(exc), 1)
    typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=indent or None))


@app.command()
def train(config: Path = typer.Argument(..., help="Recipe YAML, e.g. configs/default.yaml."),
          output_dir: Optional[Path] = typer.Option(None, help="Override the config's output_dir."),
          max_steps: Optional[int] = typer.Option(None, help="Override train.max_steps (quick runs)."),
          max_train_samples: Optional[int] = typer.Option(None, help="Cap every source at this many rows."),
          init_from: Optional[str] = typer.Option(None, help="Override train.init_from: the trained folder (or shipped "
                                                              "name) to start from, e.g. models/small."),
          resume: bool = typer.Option(False, help="Continue from the last checkpoint in output_dir.")) -> None:
    """Train a model folder from a recipe (shared corpora or your own JSONL/CSV)."""
    from zhnews.models.config import ConfigError, load_train_config, parse_train_config
    from zhnews.models.folder import ModelFolderError
    from zhnews.train.loop import run_training
    from zhnews.train.warmstart import WarmStartMismatch
    from zhnews.models.userdata import DataError

    try:
        cfg = load_train_config(config)
        if output_dir:
            cfg.output_dir = str(output_dir)
        if max_steps:
            cfg.train.max_steps = max_steps
        if init_from:
            cfg.train.init_from = init_from  # checked as if the file said so (e.g. not with distil.init_lora)
            cfg = parse_train_config(cfg.to_dict(), f"{config} with --init-from")
        if max_train_samples:
            for source in cfg.data.sources:
                source.max_samples = min(source.max_samples or max_train_samples, max_train_samples)
        run_training(cfg, resume=resume, log=lambda m: typer.echo(m, err=True))
    except (ConfigError, DataError, FileNotFoundError, ModelFolderError, WarmStartMismatch) as exc:
        fail(str(exc))


@app.command()
def graft(output: Path = typer.Argument(..., help="Folder to write."),
          topics: str = typer.Option("teacher", help="Folder (or shipped name) whose topic pass is kept."),
          tags: str = typer.Option("small", help="Folder (or shipped name) whose tagging pass (names, salience) is kept."),
          blend: Optional[str] = typer.Option(None, help="A second tagger from the same start to average with --tags "
                                                         "(weights blended, adapters cut back to their rank)."),
          blend_share: float = typer.Option(0.3, help="With --blend: that folder's part of the average, between 0 and 1."),
          measure: bool = typer.Option(False, help="Then score it on the held-out splits and write its card (minutes)."),
          speakers: bool = typer.Option(False, help="With --measure, also every speaker gold set (slow).")) -> None:
    """Put one folder's tagger beside another's topic pass (same base); nothing is trained."""
    from zhnews.models.config import ConfigError
    from zhnews.models.folder import ModelFolderError
    from zhnews.models.userdata import DataError
    from zhnews.train.graft import GraftError, graft as graft_folders, measure as measure_folder

    try:
        folder = graft_folders(topics, tags, output, blend=blend, share=blend_share)
        if measure:
            measure_folder(folder, speakers=speakers, log=lambda m: typer.echo(m, err=True))
    except (GraftError, ModelFolderError, ConfigError, DataError, OSError) as exc:
        fail(str(exc))
    typer.echo(str(folder))


@app.command("eval")
def evaluate(model: Optional[Path] = typer.Argument(None, help="A shipped model (default, small, teacher) or a model "
                                                                 "folder (default: the shipped default)."),
             data: Optional[Path] = typer.Option(None, help="Labelled JSONL/CSV (text, label); default: the "
                                                            "model's own held-out split."),
             baseline: Optional[str] = typer.Option(None, help="'tfidf': train and score the baseline on the same split."),
             speakers: Optional[Path] = typer.Option(None, help="Speaker gold JSONL (seed_page.gold.json format)."),
             topics: bool = typer.Option(True, "--topics/--no-topics", help="Score the held-out topic split."),
             output: Optional[Path] = typer.Option(None, help="Also write the full report as JSON here."),
             ner_from: Optional[Path] = typer.Option(None, "--ner-from", help="Score names on this training recipe's "
                                                     "held-out NER sentences (less those the model trained on)."),
             device: Optional[str] = DeviceOpt) -> None:
    """Score a model folder: accuracy, macro-F1, confusion matrix, ECE; speakers against a gold file."""
    from zhnews.models.model import DeviceError
    from zhnews.models.config import ConfigError
    from zhnews.models.evaluation.report import run_eval
    from zhnews.models.userdata import DataError

    if baseline not in (None, "tfidf"):
        fail("--baseline must be 'tfidf'")
    try:
        report = run_eval(model, data=data, baseline=baseline, speakers=speakers, topics=topics, log=typer.echo,
                          device=device, ner_from=ner_from)
    except (ConfigError, DataError, FileNotFoundError, DeviceError) as exc:
        fail(str(exc))
    if output:
        output.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=float), encoding="utf-8")


@app.command()
def batch(input: Path = typer.Argument(..., help="Articles: JSONL, or CSV with a header row."),
          output: Path = typer.Argument(..., help="Output JSONL, one line per input row, in input order."),
          model: Optional[Path] = ModelOpt,
          id_field: str = typer.Option("id", "--id-field", help="Field (column) holding the row id."),
          text_field: str = typer.Option("text", "--text-field", help="Field (column) holding the article text."),
          format: Optional[str] = typer.Option(None, "--format", help="jsonl or csv (default: from the suffix)."),
          batch_size: int = typer.Option(16, "--batch-size", min=1, help="Rows per analyze_batch call."),
          limit: Optional[int] = typer.Option(None, "--limit", min=0, help="Only the first N input rows."),
          resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run: keep the output's "
                                                              "complete lines, skip the ids already there."),
          force: bool = typer.Option(False, "--force", help="Overwrite an existing output."),
          engine: str = typer.Option("auto", "--engine", help="auto (processes on 2+ cores, else local), local "
                                     "(this process), processes (one single-thread worker process per core) or "
                                     "ray (needs the extra 'ray')."),
          workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Worker processes or Ray actors "
                                                                               "(default: one per core)."),
          threads: Optional[int] = typer.Option(None, "--threads", min=1, help="Torch threads (local engine)."),
          device: Optional[str] = DeviceOpt,
          progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr.")) -> None:
    """Analyse a JSONL/CSV file of articles into JSONL; bad rows become error records, never a crash."""
    from zhnews.serve.batch import BatchError, BatchOptions, run_batch
    from zhnews.serve.batch.engines import ENGINES

    if engine not in ENGINES:
        fail(f"--engine must be one of {', '.join(ENGINES)}")
    if format not in (None, "jsonl", "csv"):
        fail("--format must be 'jsonl' or 'csv'")
    if device and engine not in ("auto", "local"):
        fail("--device is for the local engine (worker processes and Ray actors run one CPU thread each)")
    options = BatchOptions(id_field=id_field, text_field=text_field, format=format, batch_size=batch_size,
                           limit=limit, resume=resume, force=force, engine=engine, model_dir=model,
                           threads=threads, progress=progress, workers=workers, device=device)
    try:
        run_batch(None, input, output, options)
    except BatchError as exc:
        fail(str(exc), exc.code)
    except KeyboardInterrupt:
        fail(f"interrupted; {output} holds the rows done so far: rerun with --resume to continue", 1)


@app.command()
def demo(model: Optional[list[Path]] = typer.Option(None, "--model", "-m", help="Model folder; repeat to offer "
                                                    "several in the page (default: the ones found)."),
         host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (0.0.0.0 exposes the page)."),
         port: int = typer.Option(7860, "--port", min=1, max=65535),
         threads: Optional[int] = typer.Option(None, "--threads", min=1, help="Torch threads.")) -> None:
    """Serve the analysis web page (gradio), local only by default."""
    from zhnews.serve.demo import launch

    with serving_errors(host, port):
        launch(model or None, host=host, port=port, threads=threads)


@contextmanager
def serving_errors(host: str, port: int):
    """A server that cannot start, as one line and an exit code: bad input 2, a bad folder or port 1."""
    from zhnews.models.folder import ModelFolderError
    from zhnews.serve.demo import DemoInputError

    try:
        yield
    except DemoInputError as exc:
        fail(str(exc))
    except ModelFolderError as exc:
        fail(str(exc), 1)
    except OSError as exc:
        fail(f"cannot serve on {host}:{port}: {exc}", 1)


@app.command()
def serve(model: Optional[list[str]] = typer.Option(None, "--model", "-m", help="A shipped model (default, small, teacher) "
                                                    "or a model folder; repeat to serve several (the first is the "
                                                    "default). Clients choose by name."),
          host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (0.0.0.0 exposes the service)."),
          port: int = typer.Option(8000, "--port", min=1, max=65535),
          api_key: Optional[str] = typer.Option(None, "--api-key", envvar="ZHNEWS_API_KEY",
                                                help="Require 'Authorization: Bearer KEY' on /v1 (not /v1/health)."),
          cors_origin: Optional[list[str]] = typer.Option(None, "--cors-origin", help="Allow browser calls from "
                                                          "this origin (repeatable; default: none)."),
          demo: bool = typer.Option(True, "--demo/--no-demo", help="Also serve the demo page at /."),
          window_ms: float = typer.Option(10.0, "--batch-window-ms", min=0, help="How long a request waits for "
                                                                                 "others to share its batch."),
          max_texts: int = typer.Option(16, "--batch-max-texts", min=1, help="Texts per analyze_batch call."),
          max_chars: int = typer.Option(64_000, "--batch-max-chars", min=1, help="Characters per batch."),
          threads: Optional[int] = typer.Option(None, "--threads", min=1, help="Torch threads.")) -> None:
    """Serve the JSON API (/v1, docs at /docs) and the demo page (/), local only by default."""
    from zhnews.serve.api import run_server
    from zhnews.serve.microbatch import BatchLimits

    limits = BatchLimits(window_s=window_ms / 1000, max_texts=max_texts, max_chars=max_chars)
    with serving_errors(host, port):
        run_server(model or None, host=host, port=port, api_key=api_key or None, cors_origins=cors_origin or (),
                   demo=demo, limits=limits, threads=threads)


@app.command()
def bench(model: Optional[Path] = ModelOpt,
          sample: int = typer.Option(200, "--sample", min=0, help="Workload articles (fixed seed); 0: all 800."),
          seed: int = typer.Option(0, "--seed", help="Seed of the workload sample."),
          batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per analyze_batch call."),
          runs: int = typer.Option(20, "--runs", min=1, help="Timed single-article runs on the seed page."),
          threads: Optional[int] = typer.Option(None, "--threads", min=1, help="Torch threads (default: all cores)."),
          naive: bool = typer.Option(True, "--naive/--no-naive", help="Also run the naive path, for the ratio."),
          workers: int = typer.Option(1, "--workers", min=1, help="Also time the fast path as N one-thread "
                                                                   "processes (what batch --engine ray runs)."),
          fast: Optional[str] = typer.Option(None, "--fast", help="Fast-path settings as JSON, e.g. "
                                                                   '\'{"precision": "int8"}\'.'),
          teacher: Optional[str] = typer.Option(None, "--teacher", help="Also measure this model beside it "
                                                "(default: the teacher a distilled model names; 'none': skip).")) -> None:
    """Measure the fast path and the naive one here: speed, latency, memory, FLOPs, quality; one JSON."""
    from zhnews.models.folder import ModelFolderError
    from zhnews.models.settings import InferenceSettings
    from zhnews.serve.bench import run_bench, teacher_of

    try:
        settings = json.loads(fast) if fast else None
        InferenceSettings.for_model({}, settings or True)  # bad keys or values: a usage error now, not after loading
    except ValueError as exc:  # JSONDecodeError is one too
        fail(f"--fast: {exc}")
    try:
        teacher = None if teacher == "none" else teacher or teacher_of(model)
        report = run_bench(model, sample=sample or None, seed=seed, batch_size=batch_size, latency_runs=runs,
                           threads=threads, naive=naive, fast=settings, workers=workers, teacher=teacher,
                           log=lambda m: typer.echo(m, err=True))
    except ModelFolderError as exc:
        fail(str(exc), 1)
    typer.echo(json.dumps(report, ensure_ascii=False, indent=1))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
