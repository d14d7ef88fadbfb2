"""`zhnews batch`: analyse a JSONL or CSV file of articles into a JSONL file, one line per input row.

    from zhnews.serve.batch import BatchOptions, iter_rows, run_batch
    tally = run_batch(analyzer, "in.jsonl", "out.jsonl", BatchOptions(batch_size=16))

Input: JSONL (one JSON object a line) or CSV with a header row, chosen by suffix (.jsonl .ndjson
.json / .csv) or `options.format`; the id and text fields are configurable. The file is read as
bytes, line by line, and each line is decoded here, so a bad line (invalid JSON, not UTF-8, no text,
empty text, too long) becomes an error record and the run goes on. A row without an id gets
id "line:N" (N = its 1-based line number in the file). Blank lines are not rows.

Output: JSONL, `{"id": ..., **analysis}` (the contract in models/schema.py) or
`{"id": ..., "error": "..."}`, in input order, written line by line, flushed and fsync'ed after
every batch. Memory stays flat: rows are streamed and analysed `batch_size` at a time; a batch that
raises is redone one row at a time so only the bad row gets an error.

Crash safety: an existing output is never overwritten unless `force`; with `resume` the output is
cut back to its last complete line (a run killed mid-write leaves at most one torn line) and rows
whose id is already there are skipped (counted per id, so repeated ids in the input also come out
once per occurrence). A run killed with SIGKILL and resumed therefore yields every input row once.

Engines: "local" (the analyzer in this process) or "ray": the same inference as a Ray Data
`map_batches` over the rows with `_RayAnalyzer` actors that each load the model folder once. Ray is
the optional extra `zhnews[ray]` and is imported only when asked for. Rows are cut into the same
batches for both engines (`_batches`); the ray engine hands whole batches to Ray in chunks of at
least `ray_chunk_rows` rows (memory flat; output written and fsync'ed per chunk; the actors start
once per chunk), one block per batch, and puts the results back in input order by row number, so
its output file is the local engine's, byte for byte.
"""
from __future__ import annotations

import csv
import json
import os
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

FORMATS = ("jsonl", "csv")
SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}
MAX_LINE_BYTES = 32 * 1024 * 1024  # a longer line is an error record, skipped without being held
CSV_FIELD_LIMIT = MAX_LINE_BYTES  # csv's default (128 KiB) is shorter than a long article
ERROR_RUN = 256  # a batch is cut after this many rows even if most are bad (memory stays flat)


class BatchError(Exception):
    """The run cannot start or go on (bad paths or options, unwritable output); `code` is the exit
    status: 2 for usage or bad input, 1 for a failure while running."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


@dataclass
class BatchOptions:
    id_field: str = "id"
    text_field: str = "text"
    format: str | None = None  # "jsonl" | "csv"; None: from the input's suffix
    batch_size: int = 16
    limit: int | None = None  # only the first N rows of the input (rows already done count)
    resume: bool = False
    force: bool = False
    engine: str = "local"  # "local" | "ray"
    model_dir: str | Path | None = None  # loaded when no analyzer is passed, and by every Ray actor
    threads: int | None = None  # torch threads for a model loaded here (Ray actors use 1 each)
    device: str | None = None  # where a model loaded here runs ("cuda"); None: the CPU
    progress: bool = True  # tqdm bar on stderr
    ray_workers: int | None = None  # Ray actors (1 CPU each); None: the CPUs Ray has
    ray_chunk_rows: int = 2048  # rows handed to one Ray Data run


@dataclass
class Tally:
    ok: int = 0
    errors: int = 0
    skipped: int = 0  # rows already in the output (resume)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Articles (ok + error rows) per second of this run."""
        return (self.ok + self.errors) / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict:
        return {**asdict(self), "rate": round(self.rate, 3)}

    def __str__(self) -> str:
        text = f"{self.ok} ok, {self.errors} errors"
        if self.skipped:
            text += f", {self.skipped} already done"
        return f"{text} in {self.seconds:.1f} s ({self.rate:.2f} articles/s)"


@dataclass
class Row:
    """One input row. `error` set: the row cannot be analysed and `text` is None."""

    line: int  # 1-based line number in the input file where the row starts
    id: Any
    text: str | None = None
    error: str | None = None
    end: int = 0  # byte offset just past the row (progress)


# ---------------------------------------------------------------------------------- reading
def detect_format(path: str | Path, fmt: str | None = None) -> str:
    if fmt:
        if fmt not in FORMATS:
            raise BatchError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        raise BatchError(f"{path}: cannot tell the format from the suffix {suffix!r}; "
                         f"pass --format jsonl or --format csv")
    return SUFFIX_FORMATS[suffix]


def _raw_lines(stream) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes without the line ending or None if the line is too long, end offset)."""
    number, offset = 0, 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        offset += len(raw)
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line, a chunk at a time
                raw = stream.readline(MAX_LINE_BYTES)
                offset += len(raw)
            yield number, None, offset
            continue
        yield number, raw.rstrip(b"\r\n"), offset


def _decode(raw: bytes, number: int) -> str:
    text = raw.decode("utf-8")  # UnicodeDecodeError for the caller
    return text.lstrip("\ufeff") if number == 1 else text


def _line_id(number: int) -> str:
    return f"line:{number}"


def _usable_id(value) -> bool:
    return value is not None and value != ""


def _row(number: int, end: int, ident, text, text_field: str) -> Row:
    ident = ident if _usable_id(ident) else _line_id(number)
    if text is None:
        return Row(number, ident, error=f"missing field {text_field!r}", end=end)
    if not isinstance(text, str):
        return Row(number, ident, error=f"field {text_field!r} is not a string "
                                        f"({type(text).__name__})", end=end)
    if not text.strip():
        return Row(number, ident, error="empty input: nothing to analyse", end=end)
    return Row(number, ident, text=text, end=end)


def _jsonl_rows(stream, id_field: str, text_field: str) -> Iterator[Row]:
    for number, raw, end in _raw_lines(stream):
        if raw is None:
            yield Row(number, _line_id(number), error=f"line longer than {MAX_LINE_BYTES} bytes", end=end)
            continue
        try:
            line = _decode(raw, number)
        except UnicodeDecodeError as exc:
            yield Row(number, _line_id(number), error=f"not valid UTF-8 at byte {exc.start}", end=end)
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Row(number, _line_id(number), error=f"invalid JSON: {exc}", end=end)
            continue
        if not isinstance(record, dict):
            yield Row(number, _line_id(number), error=f"expected a JSON object, got {type(record).__name__}",
                      end=end)
            continue
        yield _row(number, end, record.get(id_field), record.get(text_field), text_field)


def _csv_rows(stream, path, id_field: str, text_field: str) -> Iterator[Row]:
    """CSV records may span lines (quoted newlines); a line that is not UTF-8 is an error record of
    its own and is left out of the CSV stream."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1, CSV_FIELD_LIMIT))
    pending: list[Row] = []  # error records found while csv pulled lines
    position = {"line": 0, "end": 0}

    def lines() -> Iterator[str]:
        for number, raw, end in _raw_lines(stream):
            position["line"], position["end"] = number, end
            if raw is None:
                pending.append(Row(number, _line_id(number), error=f"line longer than {MAX_LINE_BYTES} bytes",
                                   end=end))
                continue
            try:
                yield _decode(raw, number) + "\n"
            except UnicodeDecodeError as exc:
                pending.append(Row(number, _line_id(number), error=f"not valid UTF-8 at byte {exc.start}",
                                   end=end))

    reader = csv.reader(lines())
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise BatchError(f"{path}: cannot read the CSV header: {exc}") from None
    yield from pending
    pending.clear()
    header = [h.strip() for h in header]
    if text_field not in header:
        raise BatchError(f"{path}: no column {text_field!r} in the CSV header (columns: {', '.join(header)}); "
                         f"use --text-field")
    text_col = header.index(text_field)
    id_col = header.index(id_field) if id_field in header else None
    while True:
        start = position["line"] + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield from pending
            pending.clear()
            yield Row(start, _line_id(start), error=f"bad CSV record: {exc}", end=position["end"])
            continue
        # errors for lines skipped while reading this record come first (they are earlier lines)
        first_good = start
        for err in pending:
            if err.line == first_good:
                first_good += 1
        yield from pending
        pending.clear()
        if not record or (len(record) == 1 and not record[0].strip()):
            continue
        ident = record[id_col] if id_col is not None and id_col < len(record) else None
        text = record[text_col] if text_col < len(record) else None
        yield _row(first_good, position["end"], ident, text, text_field)
    yield from pending


def iter_rows(path: str | Path, *, format: str | None = None, id_field: str = "id",
              text_field: str = "text") -> Iterator[Row]:
    """Stream the rows of a JSONL or CSV file; never raises for a bad row (see `Row.error`).
    Raises BatchError only for a file that cannot be read at all (or a CSV header without the
    text column)."""
    fmt = detect_format(path, format)
    try:
        stream = open(path, "rb")
    except OSError as exc:
        raise BatchError(f"cannot read {path}: {exc.strerror}") from None
    with stream:
        if fmt == "csv":
            yield from _csv_rows(stream, path, id_field, text_field)
        else:
            yield from _jsonl_rows(stream, id_field, text_field)


# ---------------------------------------------------------------------------------- analysing
def id_key(ident) -> str:
    return json.dumps(ident, ensure_ascii=False, sort_keys=True)


def error_message(exc: BaseException) -> str:
    from zhnews.models.schema import InputError

    if isinstance(exc, InputError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def record_line(ident, analysis: dict | None = None, error: str | None = None) -> bytes:
    record = {"id": ident, "error": error} if error is not None else {"id": ident, **analysis}
    try:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        # a lone surrogate (a "\ud800" escape in the input JSON, kept in the id or, through the
        # offsets, in a statement) has no UTF-8 form: write that line \u-escaped, which reads back
        # to the same strings (and the same id on --resume) instead of ending the run on every retry
        return (json.dumps(record, ensure_ascii=True) + "\n").encode("ascii")


def analyze_rows(analyzer, rows: list[tuple[Any, str]]) -> list[tuple[bytes, bool]]:
    """(id, text) pairs -> (output line, is an error record). The whole batch in one
    `analyze_batch`; if that raises, one row at a time, so that only a bad row becomes an error."""
    if not rows:
        return []
    try:
        results = analyzer.analyze_batch([text for _, text in rows])
        if len(results) != len(rows):
            raise RuntimeError(f"analyze_batch returned {len(results)} results for {len(rows)} texts")
        return [(record_line(ident, result.to_dict()), False) for (ident, _), result in zip(rows, results)]
    except Exception:  # noqa: BLE001 - fall back to one by one
        return [_analyze_one(analyzer, ident, text) for ident, text in rows]


def _analyze_one(analyzer, ident, text: str) -> tuple[bytes, bool]:
    try:
        (result,) = analyzer.analyze_batch([text])
        return record_line(ident, result.to_dict()), False
    except Exception as exc:  # noqa: BLE001 - one bad row must not end the run
        return record_line(ident, error=error_message(exc)), True


# ---------------------------------------------------------------------------------- output
def prepare_output(output_path: Path, *, resume: bool, force: bool) -> Counter:
    """Check the output path; for `resume` cut a torn last line and count the ids already written."""
    if resume and force:
        raise BatchError("--resume and --force contradict each other; pick one")
    if output_path.is_dir():
        raise BatchError(f"{output_path}: is a directory")
    if not output_path.exists():
        return Counter()
    if not resume:
        if not force:
            raise BatchError(f"{output_path} exists; pass --resume to continue it or --force to overwrite it")
        return Counter()
    truncate_torn_tail(output_path)
    done: Counter = Counter()
    with open(output_path, "rb") as stream:
        for number, raw in enumerate(stream, 1):
            try:
                done[id_key(json.loads(raw)["id"])] += 1
            except (ValueError, KeyError, TypeError):
                raise BatchError(f"{output_path}:{number}: not a zhnews batch output line; "
                                 f"cannot resume (use another output or --force)") from None
    return done


def truncate_torn_tail(path: Path, chunk: int = 1 << 16) -> int:
    """Cut `path` back to just after its last newline; return the number of bytes removed."""
    with open(path, "r+b") as stream:
        size = stream.seek(0, os.SEEK_END)
        pos = size
        keep = 0
        while pos > 0:
            step = min(chunk, pos)
            pos -= step
            stream.seek(pos)
            block = stream.read(step)
            i = block.rfind(b"\n")
            if i >= 0:
                keep = pos + i + 1
                break
        if keep != size:
            stream.truncate(keep)
            stream.flush()
            os.fsync(stream.fileno())
        return size - keep


class _Writer:
    def __init__(self, path: Path, append: bool):
        try:
            self.stream = open(path, "ab" if append else "wb")
        except OSError as exc:
            raise BatchError(f"cannot write {path}: {exc.strerror}") from None
        self.path = path

    def write(self, lines: Iterable[bytes]) -> None:
        try:
            for line in lines:
                self.stream.write(line)
                self.stream.flush()
        except OSError as exc:
            raise BatchError(f"cannot write {self.path}: {exc.strerror}", 1) from None

    def sync(self) -> None:
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
        except OSError as exc:
            raise BatchError(f"cannot write {self.path}: {exc.strerror}", 1) from None

    def close(self) -> None:
        try:
            self.sync()
        finally:
            self.stream.close()


# ---------------------------------------------------------------------------------- the run
def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_batch(analyzer, input_path: str | Path, output_path: str | Path, options: BatchOptions | None = None,
              *, log: Callable[[str], None] | None = _stderr) -> Tally:
    """Analyse every row of `input_path` into `output_path` (see the module docstring).

    `analyzer`: anything with `analyze_batch(texts) -> [obj with .to_dict()]`; None loads
    `options.model_dir` (local engine, after the paths are checked). The ray engine ignores it and
    loads `options.model_dir` (default: the shipped model) in each actor. Returns the tally, which
    is also logged (stderr by default; `log=None` for silence)."""
    options = options or BatchOptions()
    input_path, output_path = Path(input_path), Path(output_path)
    if options.engine not in ("local", "ray"):
        raise BatchError(f"unknown engine {options.engine!r}; use local or ray")
    if options.batch_size < 1:
        raise BatchError("--batch-size must be at least 1")
    if options.limit is not None and options.limit < 0:
        raise BatchError("--limit must not be negative")
    detect_format(input_path, options.format)
    if not input_path.is_file():
        raise BatchError(f"{input_path}: no such file")
    if output_path.exists() and output_path.resolve() == input_path.resolve():
        raise BatchError("the output must not be the input file")
    if detect_format(input_path, options.format) == "csv":  # a bad header fails before the output is touched
        next(iter_rows(input_path, format="csv", id_field=options.id_field, text_field=options.text_field), None)
    done = prepare_output(output_path, resume=options.resume, force=options.force)
    append = options.resume and output_path.exists()

    if options.engine == "ray":
        engine = _RayEngine(options)
        analyse = engine.analyze
        chunk_rows = max(1, options.ray_chunk_rows)
    else:
        engine = None
        if analyzer is None:
            analyzer = _load_analyzer(options)
        analyse = lambda batches: [analyze_rows(analyzer, b) for b in batches]  # noqa: E731
        chunk_rows = 1  # write (and fsync) after every batch

    tally = Tally()
    started = time.perf_counter()
    bar = _progress_bar(input_path, options.progress)
    writer = _Writer(output_path, append)

    def todo() -> Iterator[Row]:
        """Input rows after --limit and --resume, moving the progress bar."""
        last_end = 0
        rows = iter_rows(input_path, format=options.format, id_field=options.id_field,
                         text_field=options.text_field)
        for count, row in enumerate(rows):
            if options.limit is not None and count >= options.limit:
                break
            if bar is not None:
                bar.update(row.end - last_end)
                last_end = row.end
            key = id_key(row.id)
            if done[key] > 0:
                done[key] -= 1
                tally.skipped += 1
                continue
            yield row

    try:
        for chunk in _chunks(_batches(todo(), options.batch_size), chunk_rows):
            results = analyse([[(r.id, r.text) for r in batch if r.error is None] for batch in chunk])
            lines = []
            for batch, analysed in zip(chunk, results):
                analysed = iter(analysed)
                for r in batch:
                    line, failed = next(analysed) if r.error is None else (record_line(r.id, error=r.error), True)
                    tally.errors += failed
                    tally.ok += not failed
                    lines.append(line)
            writer.write(lines)
            writer.sync()
            if bar is not None:
                rate = (tally.ok + tally.errors) / max(time.perf_counter() - started, 1e-9)
                bar.set_postfix(ok=tally.ok, errors=tally.errors, articles_per_s=f"{rate:.2f}", refresh=False)
    finally:
        if bar is not None:
            bar.close()
        writer.close()
        if engine is not None:
            engine.close()
    tally.seconds = time.perf_counter() - started
    if log:
        log(f"zhnews batch: {tally} -> {output_path}")
    return tally


def _batches(rows: Iterable[Row], batch_size: int) -> Iterator[list[Row]]:
    """Consecutive rows, cut after every `batch_size` analysable rows (error rows ride along), or
    after `ERROR_RUN` rows so a long run of bad rows is written without waiting. Both engines use
    these same batches, so both call `analyze_batch` on the same texts."""
    batch: list[Row] = []
    valid = 0
    for row in rows:
        batch.append(row)
        valid += row.error is None
        if valid >= batch_size or len(batch) >= max(ERROR_RUN, batch_size):
            yield batch
            batch, valid = [], 0
    if batch:
        yield batch


def _chunks(batches: Iterable[list[Row]], min_rows: int) -> Iterator[list[list[Row]]]:
    """Whole batches, grouped until they hold at least `min_rows` rows."""
    chunk: list[list[Row]] = []
    rows = 0
    for batch in batches:
        chunk.append(batch)
        rows += len(batch)
        if rows >= min_rows:
            yield chunk
            chunk, rows = [], 0
    if chunk:
        yield chunk


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


def _progress_bar(path: Path, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=path.stat().st_size, unit="B", unit_scale=True, unit_divisor=1024,
                desc="zhnews batch", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


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


class _RayEngine:
    def __init__(self, options: BatchOptions):
        self.ray = _import_ray()
        from zhnews.models.folder import default_model_dir
        from zhnews.models.folder import ModelFolderError, read_config

        model_dir = Path(options.model_dir) if options.model_dir else default_model_dir()
        try:
            read_config(model_dir)  # a bad folder fails here, once, not in every actor
        except ModelFolderError as exc:
            raise BatchError(str(exc), 1) from None
        self.model_dir = str(model_dir.resolve())
        self.started_ray = False
        if not self.ray.is_initialized():
            self.ray.init(num_cpus=options.ray_workers, include_dashboard=False, log_to_driver=False,
                          configure_logging=False)
            self.started_ray = True
        cpus = int(self.ray.cluster_resources().get("CPU", 1))
        self.workers = max(1, options.ray_workers or cpus)
        ctx = self.ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.execution_options.preserve_order = True

    def analyze(self, batches: list[list[tuple[Any, str]]]) -> list[list[tuple[bytes, bool]]]:
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
