"""Reading the input of `zhnews batch`: JSONL (one JSON object a line) or CSV with a header row,
streamed as `Row`s by `iter_rows`.

The format comes from the suffix (.jsonl .ndjson .json / .csv) or `format`; the id and text fields
are configurable. The file is read as bytes, line by line, and each line is decoded here, so a bad
line (invalid JSON, not UTF-8, no text, empty text, too long) becomes a row with `error` set and the
run goes on. A row without an id gets id "line:N" (N = its 1-based line number in the file). Blank
lines are not rows.
"""
from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from zhnews.serve.batch.options import BatchError

FORMATS = ("jsonl", "csv")
SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}
MAX_LINE_BYTES = 32 * 1024 * 1024  # a longer line is an error record, skipped without being held
CSV_FIELD_LIMIT = MAX_LINE_BYTES  # csv's default (128 KiB) is shorter than a long article


@dataclass
class Row:
    """One input row. `error` set: the row cannot be analysed and `text` is None."""

    line: int  # 1-based line number in the input file where the row starts
    id: Any
    text: str | None = None
    error: str | None = None
    end: int = 0  # byte offset just past the row (progress)


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
