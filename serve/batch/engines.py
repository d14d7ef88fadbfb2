"""The engines of `zhnews batch`: what turns batches of input rows into output lines.

Both sit behind `Engine`: `records(batches)` returns one `Record` (output line, is an error record)
per row of the batches, in input order; rows that already carry an error (from the reader) come out
as error records in their place. `make_engine(options, analyzer)` picks one:

- "local": the analyzer in this process (`options.model_dir` is loaded when none is passed). Each
  batch goes to `analyze_batch` whole; a batch that raises is redone one row at a time, so only the
  bad row gets an error (`analyze_rows`).
- "ray": the same inference as a Ray Data `map_batches` over the rows with `_RayAnalyzer` actors that
  each load the model folder once. Ray is the optional extra `zhnews[ray]` and is imported only when
  asked for. It takes whole batches in chunks of at least `ray_chunk_rows` rows (`chunk_rows`: memory
  flat; output written and fsync'ed per chunk; the actors start once per chunk), one block per batch,
  and puts the results back in input order by row number, so its output file is the local engine's,
  byte for byte.

This is the one module that loads and calls the analyzer.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Iterator, Protocol

from zhnews.serve.batch.options import BatchError, BatchOptions, cores
from zhnews.serve.batch.readers import Row
from zhnews.serve.batch.writer import id_key, record_line

ENGINES = ("auto", "local", "processes", "ray")
Record = tuple[bytes, bool]  # an output line, and whether it is an error record


class Engine(Protocol):
    chunk_rows: int  # batches are handed over (and written, and fsync'ed) at least this many rows at a time

    def records(self, batches: list[list[Row]]) -> list[Record]:
        """One record per row of `batches`, in input order."""
        ...

    def stream(self, chunks: Iterable[list[list[Row]]]) -> Iterator[list[Record]]:
        """`records` of each chunk, in order (the processes engine works ahead; see serve/batch/pool.py)."""
        ...

    def close(self) -> None:
        """Let go of what the engine started (the ray engine: Ray, if it was not running before)."""
        ...


def check_engine(name: str) -> None:
    if name not in ENGINES:
        raise BatchError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")


def resolve_engine(options: BatchOptions, analyzer=None) -> str:
    """The engine "auto" stands for: one single-thread worker process per core ("processes") when the
    machine has two or more, because the Python half of the work (page parsing, jieba, attribution)
    then runs on every core too (docs/experiments.md: 2 one-thread processes against 1 two-thread
    process). "local" instead when there is one core, when the caller passes its own analyzer (it is
    in this process), or when --device or --threads asks for this process's model."""
    if options.engine != "auto":
        return options.engine
    here = analyzer is not None or options.device or options.threads or cores() < 2
    return "local" if here else "processes"


def make_engine(options: BatchOptions, analyzer=None) -> Engine:
    """The engine `options.engine` names ("auto": `resolve_engine`). `analyzer` (anything with
    `analyze_batch(texts) -> [obj with .to_dict()]`) serves the local engine; None loads
    `options.model_dir`. The ray engine ignores it and loads `options.model_dir` (default: the shipped
    model) in each actor."""
    check_engine(options.engine)
    engine = resolve_engine(options, analyzer)
    if engine == "ray":
        return RayEngine(options)
    if engine == "processes":
        from zhnews.serve.batch.pool import ProcessEngine

        return ProcessEngine(options)
    return LocalEngine(analyzer if analyzer is not None else _load_analyzer(options))


def records_of(batches: list[list[Row]],
             analyse: Callable[[list[list[tuple[Any, str]]]], list[list[Record]]]) -> list[Record]:
    """Hand the analysable rows of each batch to `analyse` as (id, text) pairs and put its records
    back among the rows' own error records, in input order."""
    analysed = analyse([[(r.id, r.text) for r in batch if r.error is None] for batch in batches])
    out: list[Record] = []
    for batch, done in zip(batches, analysed):
        done = iter(done)
        for r in batch:
            out.append(next(done) if r.error is None else (record_line(r.id, error=r.error), True))
    return out


# ---------------------------------------------------------------------------------- local engine
class ChunkByChunk:
    """`stream` for an engine that analyses one chunk only when it is asked for it."""

    def stream(self, chunks: Iterable[list[list[Row]]]) -> Iterator[list[Record]]:
        return (self.records(chunk) for chunk in chunks)


class LocalEngine(ChunkByChunk):
    chunk_rows = 1  # write (and fsync) after every batch

    def __init__(self, analyzer):
        self.analyzer = analyzer

    def records(self, batches: list[list[Row]]) -> list[Record]:
        return records_of(batches, lambda pairs: [analyze_rows(self.analyzer, b) for b in pairs])

    def close(self) -> None:
        pass


def error_message(exc: BaseException) -> str:
    from zhnews.models.schema import InputError

    if isinstance(exc, InputError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def analyze_each(analyzer, texts: list[str]) -> list:
    """One `Analysis` or the exception it raised per text. The whole list goes to `analyze_batch`
    once; if that raises (or miscounts), the texts are redone one at a time, so that only a bad
    text gets an error. Shared with the API's micro-batcher (serve/microbatch.py)."""
    if not texts:
        return []
    try:
        results = analyzer.analyze_batch(list(texts))
        if len(results) != len(texts):
            raise RuntimeError(f"analyze_batch returned {len(results)} results for {len(texts)} texts")
        return list(results)
    except Exception:  # noqa: BLE001 - fall back to one by one
        return [_analyze_one(analyzer, text) for text in texts]


def _analyze_one(analyzer, text: str):
    try:
        (result,) = analyzer.analyze_batch([text])
        return result
    except Exception as exc:  # noqa: BLE001 - one bad row must not end the run
        return exc


def analyze_rows(analyzer, rows: list[tuple[Any, str]]) -> list[Record]:
    """(id, text) pairs -> (output line, is an error record), via `analyze_each`."""
    done = analyze_each(analyzer, [text for _, text in rows])
    return [_row_record(ident, result) for (ident, _), result in zip(rows, done)]


def _row_record(ident, result) -> Record:
    try:
        if not isinstance(result, BaseException):
            return record_line(ident, result.to_dict()), False
    except Exception as exc:  # noqa: BLE001 - a result that cannot be written is that row's error
        result = exc
    return record_line(ident, error=error_message(result)), True


def _load_analyzer(options: BatchOptions):
    from zhnews.models import Analyzer
    from zhnews.models.model import DeviceError
    from zhnews.models.folder import ModelFolderError

    try:
        return Analyzer.from_pretrained(options.model_dir, threads=options.threads, device=options.device)
    except ModelFolderError as exc:
        raise BatchError(str(exc), 1) from None
    except DeviceError as exc:  # a usage error, like a bad option
        raise BatchError(str(exc), 2) from None


def checked_model_dir(options: BatchOptions) -> str:
    """The folder that worker processes or actors load (a shipped name, a folder, or None: the
    default), checked here once: a bad folder is one clear error, not one per worker."""
    from zhnews.models.folder import ModelFolderError, read_config, resolve_model

    model_dir = resolve_model(options.model_dir)
    try:
        read_config(model_dir)
    except ModelFolderError as exc:
        raise BatchError(str(exc), 1) from None
    return str(model_dir.resolve())


# ---------------------------------------------------------------------------------- Ray engine
def _import_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise BatchError("--engine ray needs Ray Data: pip install 'zhnews[ray]' (or 'ray[data]')") from None
    return ray


class _RayAnalyzer:
    """Ray Data actor: loads the model folder once, then analyses batches of rows."""

    def __init__(self, model_dir: str):
        import torch

        from zhnews.models import Analyzer

        torch.set_num_threads(1)
        self.analyzer = Analyzer.from_pretrained(model_dir, threads=1)

    def __call__(self, batch: dict) -> dict:
        rows = [(json.loads(str(i)), str(t)) for i, t in zip(batch["id_json"], batch["text"])]
        done = analyze_rows(self.analyzer, rows)
        return {"seq": [int(n) for n in batch["seq"]], "out": [line.decode("utf-8") for line, _ in done],
                "failed": [failed for _, failed in done]}


class RayEngine(ChunkByChunk):
    """Ray Data over `_RayAnalyzer` actors; starts Ray here unless it is running already."""

    def __init__(self, options: BatchOptions):
        self.ray = _import_ray()
        self.chunk_rows = max(1, options.ray_chunk_rows)
        self.model_dir = checked_model_dir(options)
        self.started_ray = False
        if not self.ray.is_initialized():
            self.ray.init(num_cpus=options.workers, include_dashboard=False, log_to_driver=False,
                          configure_logging=False)
            self.started_ray = True
        cpus = int(self.ray.cluster_resources().get("CPU", 1))
        self.workers = max(1, options.workers or cpus)
        ctx = self.ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.execution_options.preserve_order = True

    def records(self, batches: list[list[Row]]) -> list[Record]:
        return records_of(batches, self._analyze)

    def _analyze(self, batches: list[list[tuple[Any, str]]]) -> list[list[Record]]:
        """One Ray Data run over a chunk. Each block is one batch of the local engine and Ray passes
        whole blocks (`batch_size=None`), so every `analyze_batch` call sees the same texts as the
        local engine would and the output is identical, not merely close."""
        import pyarrow as pa

        blocks, seq = [], 0
        for batch in batches:
            if batch:
                blocks.append(pa.table({"seq": list(range(seq, seq + len(batch))),
                                        "id_json": [id_key(ident) for ident, _ in batch],
                                        "text": [text for _, text in batch]}))
                seq += len(batch)
        if not blocks:
            return [[] for _ in batches]
        ds = self.ray.data.from_arrow(blocks)
        out = ds.map_batches(_RayAnalyzer, fn_constructor_kwargs={"model_dir": self.model_dir},
                             batch_size=None, batch_format="numpy", num_cpus=1,
                             compute=self.ray.data.ActorPoolStrategy(size=min(self.workers, len(blocks))))
        try:
            results = sorted(out.take_all(), key=lambda r: r["seq"])
        except Exception as exc:  # noqa: BLE001 - actors failing to start, a lost node: stop, resumable
            raise BatchError(f"ray engine failed ({type(exc).__name__}: {str(exc)[:500]}); "
                             f"the rows before this chunk are written: rerun with --resume", 1) from None
        if [r["seq"] for r in results] != list(range(seq)):
            raise BatchError(f"ray engine returned {len(results)} rows for {seq}", 1)
        flat = iter([(str(r["out"]).encode("utf-8"), bool(r["failed"])) for r in results])
        return [[next(flat) for _ in batch] for batch in batches]

    def close(self) -> None:
        if self.started_ray:
            self.ray.shutdown()
