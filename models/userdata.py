"""A user's own labelled data: JSONL or CSV with `text` and `label` columns, any label set (or a
`labels` column of several labels per row: the model then trains multi-label).

Every problem is reported before training starts, naming the file and the row (1-based line numbers
as an editor shows them), so a 40-minute run never dies on row 9,000.
"""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path


class DataError(ValueError):
    """Training data that cannot be used; the message names the file and row."""


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(f"{path}: line {line}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8") from None


def _rows_jsonl(path: Path, text: str):
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path}: line {number}: not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise DataError(f"{path}: line {number}: expected a JSON object with 'text' and 'label'")
        yield number, row


def _rows_csv(path: Path, text: str):
    reader = csv.DictReader(io.StringIO(text))
    found = set(reader.fieldnames or [])
    missing = {"text", "label"} - found if "labels" not in found else {"text"} - found
    if missing:
        raise DataError(f"{path}: line 1: header lacks column(s) {sorted(missing)}; found {reader.fieldnames}")
    for row in reader:
        yield reader.line_num, row


def multi_label(path: Path, number: int, value) -> str:
    """A `labels` cell (a JSON list, or names joined by ",") -> the names, sorted and joined by ","
    (a row of several labels trains multi-label: models/evaluation/splits.py `row_labels`)."""
    parts = value if isinstance(value, list) else str(value).split(",")
    names = sorted({str(p).strip() for p in parts if str(p).strip()})
    if not names:
        raise DataError(f"{path}: line {number}: empty labels")
    return ",".join(names)


def read_labelled_file(path: str | Path, *, for_training: bool = True) -> list[tuple[str, str]]:
    """Rows of (text, label). For training, every label needs 2 rows (one may go to validation)."""
    path = Path(path)
    if not path.exists():
        raise DataError(f"{path}: no such file")
    text = _decode(path)
    is_jsonl = path.suffix.lower() in (".jsonl", ".json", ".ndjson")
    rows_iter = _rows_jsonl(path, text) if is_jsonl else _rows_csv(path, text)
    rows, lines, multi = [], {}, False
    for number, row in rows_iter:
        for column in ("text", "labels" if row.get("labels") is not None else "label"):
            if column not in row or row[column] is None:
                raise DataError(f"{path}: line {number}: missing '{column}'")
        value = row["text"]
        if not isinstance(value, str) or not value.strip():
            raise DataError(f"{path}: line {number}: empty text")
        multi = multi or row.get("labels") is not None
        label = multi_label(path, number, row["labels"]) if row.get("labels") is not None else str(row["label"]).strip()
        if not label:
            raise DataError(f"{path}: line {number}: empty label")
        rows.append((value.strip(), label))
        for part in {label, *label.split(",")}:  # the line named when a label has too few rows
            lines.setdefault(part, number)
    if not rows:
        raise DataError(f"{path}: no rows")
    # a multi-label file: each label needs 2 rows, a combination of labels may occur once
    counts = Counter(p for _, label in rows for p in (label.split(",") if multi else [label]))
    if not for_training:
        return rows
    for label, count in counts.items():
        if count < 2:
            raise DataError(
                f"{path}: line {lines[label]}: label '{label}' has only one example; "
                f"each label needs at least 2 (one to train, one to validate)"
            )
    if len(counts) < 2:
        raise DataError(f"{path}: only one label ({next(iter(counts))}); a classifier needs at least 2")
    return rows
