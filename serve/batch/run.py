"""The run of `zhnews batch`: check the paths and options, stream the rows, cut them into batches,
hand them to the engine, write the records, count them (`Tally`) and show progress.

Memory stays flat: rows are streamed and analysed `batch_size` at a time, and each batch's lines are
written and fsync'ed before the next batch is read (for the ray engine: each chunk of batches; the
processes engine reads one chunk ahead so that its workers never wait for the writer).
"""
from __future__ import annotations

import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from zhnews.serve.batch.engines import check_engine, make_engine
from zhnews.serve.batch.options import BatchError, BatchOptions
from zhnews.serve.batch.readers import Row, detect_format, iter_rows
from zhnews.serve.batch.writer import Writer, id_key, prepare_output

ERROR_RUN = 256  # a batch is cut after this many rows even if most are bad (memory stays flat)


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


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_batch(analyzer, input_path: str | Path, output_path: str | Path, options: BatchOptions | None = None,
              *, log: Callable[[str], None] | None = _stderr) -> Tally:
    """Analyse every row of `input_path` into `output_path` (see the package docstring).

    `analyzer`: anything with `analyze_batch(texts) -> [obj with .to_dict()]`; None loads
    `options.model_dir` (local engine, after the paths are checked). The ray engine ignores it and
    loads `options.model_dir` (default: the shipped model) in each actor. Returns the tally, which
    is also logged (stderr by default; `log=None` for silence)."""
    options = options or BatchOptions()
    input_path, output_path = Path(input_path), Path(output_path)
    check_engine(options.engine)
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
    engine = make_engine(options, analyzer)  # after the checks: a refused run loads no model, starts no Ray

    tally = Tally()
    started = time.perf_counter()
    bar = _progress_bar(input_path, options.progress)
    writer = Writer(output_path, append)

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
        for records in engine.stream(_chunks(_batches(todo(), options.batch_size), engine.chunk_rows)):
            lines = []
            for line, failed in records:
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
        engine.close()
    tally.seconds = time.perf_counter() - started
    if log:
        log(f"zhnews batch: {tally} -> {output_path}")
    return tally


def _batches(rows: Iterable[Row], batch_size: int) -> Iterator[list[Row]]:
    """Consecutive rows, cut after every `batch_size` analysable rows (error rows ride along), or
    after `ERROR_RUN` rows so a long run of bad rows is written without waiting. Both engines get
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


def _progress_bar(path: Path, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=path.stat().st_size, unit="B", unit_scale=True, unit_divisor=1024,
                desc="zhnews batch", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
