"""The output of `zhnews batch`: JSONL, one line per input row, written so that a crash loses at
most the batch in flight.

A line is `{"id": ..., **analysis}` (the contract in models/schema.py) or `{"id": ..., "error": "..."}`
(`record_line`), written in input order, flushed and fsync'ed after every batch (`Writer`).

An existing output is never overwritten unless `force`; with `resume` the output is cut back to its
last complete line (a run killed mid-write leaves at most one torn line: `truncate_torn_tail`) and
the ids already there are counted (`prepare_output`, keyed by `id_key`), so that the run skips that
many rows of each id (repeated ids in the input also come out once per occurrence). A run killed
with SIGKILL and resumed therefore yields every input row once.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Iterable

from zhnews.serve.batch.options import BatchError


def id_key(ident) -> str:
    """The id as one string, the same for an id read from the input and from the output."""
    return json.dumps(ident, ensure_ascii=False, sort_keys=True)


def record_line(ident, analysis: dict | None = None, error: str | None = None) -> bytes:
    record = {"id": ident, "error": error} if error is not None else {"id": ident, **analysis}
    try:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        # a lone surrogate (a "\ud800" escape in the input JSON, kept in the id or, through the
        # offsets, in a statement) has no UTF-8 form: write that line \u-escaped, which reads back
        # to the same strings (and the same id on --resume) instead of ending the run on every retry
        return (json.dumps(record, ensure_ascii=True) + "\n").encode("ascii")


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


class Writer:
    """Appends (or writes afresh) output lines; `sync` makes them durable."""

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
