"""`zhnews batch` (serve/batch/): row errors, tallies, overwrite refusal, resume, SIGKILL, CSV, Ray."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from zhnews.serve.batch import readers, writer
from zhnews.serve.batch import BatchError, BatchOptions, Tally, iter_rows, run_batch, truncate_torn_tail
from tests.conftest import CONTRACT_KEYS, check_contract

REPO = Path(__file__).resolve().parent.parent
QUIET = dict(log=None)


class FakeResult:
    def __init__(self, text: str):
        self.text = text

    def to_dict(self) -> dict:
        return {"title": None, "topics": [{"label": "科技", "score": 1.0}], "entities": [], "speakers": [],
                "summary": self.text[:4], "meta": {"tags": [], "editor": None, "related": []}, "warnings": []}


class FakeAnalyzer:
    """`analyze_batch` like the real one; any text containing BOOM makes the whole call raise."""

    def __init__(self):
        self.calls: list[int] = []

    def analyze_batch(self, texts):
        self.calls.append(len(texts))
        if any("BOOM" in t for t in texts):
            raise RuntimeError("boom")
        return [FakeResult(t) for t in texts]


def opts(**kw) -> BatchOptions:
    return BatchOptions(progress=False, **kw)


def write_jsonl(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write((row if isinstance(row, str) else json.dumps(row, ensure_ascii=False)) + "\n")
    return path


def read_out(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw == b"" or raw.endswith(b"\n"), "output must end with a complete line"
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def check_record(record: dict, text: str) -> None:
    """An output line: the id plus the analysis contract, offsets indexing the row's text."""
    assert "id" in record
    check_contract({k: v for k, v in record.items() if k != "id"}, text)


# ------------------------------------------------------------------------------- row errors
def test_bad_lines_become_error_records_and_the_run_goes_on(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        b'{"id": 1, "text": "\xe4\xbd\xa0\xe5\xa5\xbd"}\n'  # 你好
        b'{"id": 2, "text": "   "}\n'  # empty text
        b'this is not json\n'
        b'{"text": "no id here"}\n'
        b'\n'  # blank: not a row
        b'{"id": 5, "text": "\xff\xfe not utf-8"}\n'
        b'[1, 2]\n'
        b'{"id": 7, "text": 42}\n'
        b'{"id": 8}\n'
        b'{"id": 9, "text": "fine"}\r\n'
        b'{"id": 10, "text": "torn'  # no newline, cut JSON
    )
    out = tmp_path / "out.jsonl"
    tally = run_batch(FakeAnalyzer(), src, out, opts(batch_size=3), **QUIET)
    records = read_out(out)
    assert [r["id"] for r in records] == [1, 2, "line:3", "line:4", "line:6", "line:7", 7, 8, 9, "line:11"]
    errors = {r["id"]: r["error"] for r in records if "error" in r}
    assert set(errors) == {2, "line:3", "line:6", "line:7", 7, 8, "line:11"}
    assert "empty" in errors[2]
    assert "invalid JSON" in errors["line:3"]
    assert "UTF-8" in errors["line:6"]
    assert "object" in errors["line:7"]
    assert "not a string" in errors[7]
    assert "missing field 'text'" in errors[8]
    assert all(set(r) == {"id", "error"} for r in records if "error" in r)
    assert all(set(r) == {"id"} | CONTRACT_KEYS for r in records if "error" not in r)
    assert (tally.ok, tally.errors, tally.skipped) == (3, 7, 0)
    assert tally.seconds > 0 and tally.rate > 0


def test_a_batch_that_raises_is_redone_one_by_one(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": i, "text": "BOOM" if i == 2 else f"文本{i}"} for i in range(6)])
    out = tmp_path / "out.jsonl"
    fake = FakeAnalyzer()
    tally = run_batch(fake, src, out, opts(batch_size=4), **QUIET)
    records = read_out(out)
    assert [r["id"] for r in records] == list(range(6))
    assert [("error" in r) for r in records] == [False, False, True, False, False, False]
    assert records[2]["error"] == "RuntimeError: boom"
    assert fake.calls == [4, 1, 1, 1, 1, 2]  # the failing batch of 4, redone one by one, then the rest
    assert (tally.ok, tally.errors) == (5, 1)


def test_tally_is_returned_and_printed(tmp_path, capsys, monkeypatch):
    syncs = []
    real_fsync = os.fsync
    monkeypatch.setattr(writer.os, "fsync", lambda fd: (syncs.append(fd), real_fsync(fd)))
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": i, "text": f"第{i}篇"} for i in range(10)] + ["{oops"])
    tally = run_batch(FakeAnalyzer(), src, tmp_path / "out.jsonl", opts(batch_size=4))
    assert isinstance(tally, Tally)
    assert (tally.ok, tally.errors) == (10, 1)
    err = capsys.readouterr().err
    assert "10 ok, 1 errors" in err and "articles/s" in err
    assert len(syncs) >= 3  # fsync after every batch (4 + 4 + 2 rows, plus the close)
    assert tally.to_dict()["ok"] == 10 and "rate" in tally.to_dict()


def test_limit(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": i, "text": f"第{i}篇"} for i in range(10)])
    tally = run_batch(FakeAnalyzer(), src, tmp_path / "out.jsonl", opts(limit=3), **QUIET)
    assert [r["id"] for r in read_out(tmp_path / "out.jsonl")] == [0, 1, 2]
    assert tally.ok == 3


def test_over_long_line_is_an_error_and_skipped_without_being_held(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 64)
    long_row = json.dumps({"id": "long", "text": "长" * 200}, ensure_ascii=False)
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "短"}, long_row, {"id": "b", "text": "短"}])
    run_batch(FakeAnalyzer(), src, tmp_path / "out.jsonl", opts(), **QUIET)
    records = read_out(tmp_path / "out.jsonl")
    assert [r["id"] for r in records] == ["a", "line:2", "b"]
    assert "longer than" in records[1]["error"]


def test_memory_stays_flat(tmp_path):
    """8,000 rows through a fake analyzer: the peak of Python allocations stays far below the
    input and output sizes (rows are streamed and written a batch at a time)."""
    src = tmp_path / "in.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i in range(8_000):
            f.write(json.dumps({"id": i, "text": f"第{i}篇新闻。" * 20}, ensure_ascii=False) + "\n")
    out = tmp_path / "out.jsonl"
    tracemalloc.start()
    try:
        tally = run_batch(FakeAnalyzer(), src, out, opts(batch_size=16), **QUIET)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert tally.ok == 8_000
    assert src.stat().st_size > 3_000_000 and out.stat().st_size > 1_000_000
    assert peak < 1_000_000, f"peak {peak:,} bytes"


def test_local_engine_records_in_input_order(tmp_path):
    """The engine interface on its own: one record per row, in input order, the reader's error
    rows in their place, and a row the analyzer fails on as an error record of its own."""
    from zhnews.serve.batch import Row, make_engine

    fake = FakeAnalyzer()
    engine = make_engine(opts(), fake)
    assert engine.chunk_rows == 1
    batches = [[Row(1, "a", "甲"), Row(2, "line:2", error="invalid JSON: x"), Row(3, "b", "BOOM")],
               [Row(4, "c", "丙")]]
    records = engine.records(batches)
    engine.close()
    parsed = [json.loads(line) for line, _ in records]
    assert [r["id"] for r in parsed] == ["a", "line:2", "b", "c"]
    assert [failed for _, failed in records] == [False, True, True, False]
    assert parsed[1] == {"id": "line:2", "error": "invalid JSON: x"}
    assert parsed[2] == {"id": "b", "error": "RuntimeError: boom"}
    assert parsed[0]["summary"] == "甲" and parsed[3]["summary"] == "丙"
    assert fake.calls == [2, 1, 1, 1]  # the first batch whole, redone one by one, then the second
    assert engine.records([[Row(5, "d", error="empty input: nothing to analyse")]]) == [
        (b'{"id": "d", "error": "empty input: nothing to analyse"}\n', True)]
    assert fake.calls == [2, 1, 1, 1], "a batch of error rows reaches no analyzer"
    with pytest.raises(BatchError, match="unknown engine") as info:
        make_engine(opts(engine="spark"), fake)
    assert info.value.code == 2


# ------------------------------------------------------------------------------- overwrite / resume
def test_refuses_to_overwrite_without_force_or_resume(tmp_path):
    from typer.testing import CliRunner

    from zhnews.cli import app

    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": "文本"}])
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n")
    with pytest.raises(BatchError) as info:
        run_batch(FakeAnalyzer(), src, out, opts(), **QUIET)
    assert info.value.code == 2 and "--force" in str(info.value) and "--resume" in str(info.value)
    assert out.read_text() == "precious\n"
    result = CliRunner().invoke(app, ["batch", str(src), str(out), "--no-progress"])
    assert result.exit_code == 2
    assert "exists" in result.output and "--force" in result.output
    assert out.read_text() == "precious\n"
    run_batch(FakeAnalyzer(), src, out, opts(force=True), **QUIET)
    assert [r["id"] for r in read_out(out)] == [1]
    with pytest.raises(BatchError):
        run_batch(FakeAnalyzer(), src, out, opts(force=True, resume=True), **QUIET)


def test_usage_errors(tmp_path):
    from typer.testing import CliRunner

    from zhnews.cli import app

    runner = CliRunner()
    src = write_jsonl(tmp_path / "in.txt", [{"id": 1, "text": "文本"}])
    result = runner.invoke(app, ["batch", str(src), str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and "--format" in result.output
    result = runner.invoke(app, ["batch", str(tmp_path / "missing.jsonl"), str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and "no such file" in result.output
    result = runner.invoke(app, ["batch", str(src), str(tmp_path / "o.jsonl"), "--engine", "spark"])
    assert result.exit_code == 2
    # --format overrides the suffix
    tally = run_batch(FakeAnalyzer(), src, tmp_path / "o.jsonl", opts(format="jsonl"), **QUIET)
    assert tally.ok == 1


def test_resume_after_a_torn_last_line(tmp_path):
    rows = [{"id": f"r{i}", "text": f"第{i}篇"} for i in range(10)]
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    run_batch(FakeAnalyzer(), src, out, opts(limit=4), **QUIET)
    with open(out, "ab") as f:  # a run killed in the middle of writing row 5
        f.write(b'{"id": "r4", "title": null, "topi')
    fake = FakeAnalyzer()
    tally = run_batch(fake, src, out, opts(resume=True, batch_size=3), **QUIET)
    records = read_out(out)
    assert [r["id"] for r in records] == [f"r{i}" for i in range(10)]
    assert (tally.ok, tally.errors, tally.skipped) == (6, 0, 4)
    assert sum(fake.calls) == 6
    # resuming a finished run does nothing
    tally = run_batch(FakeAnalyzer(), src, out, opts(resume=True), **QUIET)
    assert (tally.ok, tally.skipped) == (0, 10)
    assert len(read_out(out)) == 10


def test_resume_counts_repeated_ids_and_keeps_error_rows(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": "一"}, "{bad", {"id": "x", "text": "二"},
                                              {"id": "y", "text": ""}, {"id": "x", "text": "三"}])
    out = tmp_path / "out.jsonl"
    run_batch(FakeAnalyzer(), src, out, opts(limit=3, batch_size=1), **QUIET)
    tally = run_batch(FakeAnalyzer(), src, out, opts(resume=True), **QUIET)
    assert [r["id"] for r in read_out(out)] == ["x", "line:2", "x", "y", "x"]
    assert [r.get("summary") for r in read_out(out)] == ["一", None, "二", None, "三"]
    assert tally.skipped == 3


def test_resume_refuses_a_foreign_output(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": "文本"}])
    out = tmp_path / "out.jsonl"
    out.write_text("hello\nworld\n")
    with pytest.raises(BatchError, match="not a zhnews batch output"):
        run_batch(FakeAnalyzer(), src, out, opts(resume=True), **QUIET)


def test_truncate_torn_tail(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"a\nbb\nccc")
    assert truncate_torn_tail(path, chunk=2) == 3
    assert path.read_bytes() == b"a\nbb\n"
    assert truncate_torn_tail(path) == 0
    path.write_bytes(b"no newline at all")
    truncate_torn_tail(path)
    assert path.read_bytes() == b""


# ------------------------------------------------------------------------------- CSV
def test_csv_input(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes(
        "\ufeffdoc,body,extra\n"
        'a1,"多行\n的文本",x\n'
        "a2,,x\n".encode("utf-8")
        + b"\xff\xfe,bad bytes,x\n"
        + '"a3","带,逗号",x\n'
        ',无编号,x\n'
        'a5\n'.encode("utf-8")
    )
    rows = list(iter_rows(src, id_field="doc", text_field="body"))
    assert [(r.line, r.id) for r in rows] == [(2, "a1"), (4, "a2"), (5, "line:5"), (6, "a3"), (7, "line:7"),
                                              (8, "a5")]
    assert rows[0].text == "多行\n的文本" and rows[3].text == "带,逗号"
    out = tmp_path / "out.jsonl"
    tally = run_batch(FakeAnalyzer(), src, out, opts(id_field="doc", text_field="body"), **QUIET)
    records = read_out(out)
    assert [r["id"] for r in records] == ["a1", "a2", "line:5", "a3", "line:7", "a5"]
    assert [("error" in r) for r in records] == [False, True, True, False, False, True]
    assert (tally.ok, tally.errors) == (3, 3)
    with pytest.raises(BatchError, match="no column 'text'"):
        run_batch(FakeAnalyzer(), src, tmp_path / "o2.jsonl", opts(id_field="doc"), **QUIET)
    with pytest.raises(BatchError, match="no column 'text'"):
        run_batch(FakeAnalyzer(), src, out, opts(id_field="doc", force=True), **QUIET)
    assert len(read_out(out)) == 6, "a bad header must not cost the existing output"


def test_jsonl_rows_line_numbers_bom_and_crlf(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes('\ufeff{"id": "a", "text": "一"}\r\n\r\n{"id": "b", "text": "二\u2028三"}\r\n'.encode("utf-8"))
    rows = list(iter_rows(src))
    assert [(r.line, r.id, r.text) for r in rows] == [(1, "a", "一"), (3, "b", "二\u2028三")]
    assert rows[-1].end == src.stat().st_size


# ------------------------------------------------------------------------------- the real model
def test_real_analyzer(tmp_path, tiny_analyzer, seed_text):
    texts = {"s": seed_text, "t": "张伟表示，今年经济稳步增长。", "u": "陈静指出消费贡献突出。"}
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": k, "text": v} for k, v in texts.items()] + [{"id": "e", "text": ""}])
    out = tmp_path / "out.jsonl"
    tally = run_batch(tiny_analyzer, src, out, opts(batch_size=2), **QUIET)
    assert (tally.ok, tally.errors) == (3, 1)
    records = read_out(out)
    for record in records[:3]:
        check_record(record, texts[record["id"]])
    assert records[0]["speakers"], "the seed page has speakers"
    assert records[3] == {"id": "e", "error": "empty input: nothing to analyse"}


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "zhnews.cli", "batch", *args]


def _count_lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def test_sigkill_then_resume(tmp_path, tiny_model_dir, seed_text):
    """Kill `zhnews batch` with SIGKILL once some rows are out; `--resume` then yields every input
    id exactly once, every line valid JSON, no torn line."""
    n = 40
    rows = [{"id": f"doc-{i}", "text": seed_text if i % 5 == 0 else f"张伟表示，第{i}季度经济稳步增长。陈静指出消费贡献突出。"}
            for i in range(n)]
    rows[17] = "{not json"
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}
    common = ["--model", str(tiny_model_dir), "--batch-size", "1", "--threads", "1", "--no-progress"]
    proc = subprocess.Popen(_cli(str(src), str(out), *common), env=env, cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _count_lines(out) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    killed_at = _count_lines(out)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, f"finished before the kill ({killed_at} lines): {stderr}"
    assert 0 < killed_at < n
    # a run that is killed mid-write leaves a torn line; make sure one is there to be repaired
    with open(out, "ab") as f:
        f.write(b'{"id": "doc-')

    refused = subprocess.run(_cli(str(src), str(out), *common), env=env, cwd=REPO, capture_output=True)
    assert refused.returncode == 2 and b"--resume" in refused.stderr

    resumed = subprocess.run(_cli(str(src), str(out), *common, "--resume"), env=env, cwd=REPO,
                             capture_output=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr.decode("utf-8", "replace")
    assert b"already done" in resumed.stderr
    raw = out.read_bytes()
    assert raw.endswith(b"\n")
    records = [json.loads(line) for line in raw.decode("utf-8").splitlines()]  # every line valid JSON
    ids = [r["id"] for r in records]
    expected = [f"doc-{i}" if i != 17 else "line:18" for i in range(n)]
    assert sorted(ids) == sorted(expected) and len(ids) == len(set(ids)) == n
    assert ids == expected  # and in input order
    assert [r["id"] for r in records if "error" in r] == ["line:18"]


# ------------------------------------------------------------------------------- Ray engine
@pytest.mark.slow
def test_ray_engine_matches_local(tmp_path, tiny_analyzer, tiny_model_dir, seed_text):
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    rows = [{"id": i, "text": [seed_text[:1200], "张伟表示，今年经济稳步增长。", "陈静指出消费贡献突出。"][i % 3] + f"（{i}）"}
            for i in range(20)]
    rows[5] = "{broken"
    rows[9] = {"id": 9, "text": " "}
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    local, remote = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    run_batch(tiny_analyzer, src, local, opts(batch_size=4), **QUIET)
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        tally = run_batch(None, src, remote, opts(batch_size=4, engine="ray", model_dir=tiny_model_dir,
                                                  ray_chunk_rows=12), **QUIET)  # two Ray Data runs
    finally:
        if started_here:
            ray.shutdown()
    assert (tally.ok, tally.errors) == (18, 2)
    assert remote.read_bytes() == local.read_bytes()


def test_ray_engine_missing_gives_a_clear_error(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError("No module named 'ray'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": "文本"}])
    with pytest.raises(BatchError, match="ray"):
        run_batch(None, src, tmp_path / "out.jsonl", opts(engine="ray"), **QUIET)


def test_worker_processes_write_what_the_local_engine_writes(tmp_path, tiny_model_dir, tiny_analyzer, monkeypatch):
    """--engine processes: two spawned one-thread workers, batches in input order, bad rows as error
    records; the output file is the local engine's, byte for byte, and a bad folder is one clear error."""
    from zhnews.serve.batch import pool

    rows = [{"id": i, "text": f"第{i}条：张伟表示，今年经济稳步增长。“我们有信心。”李娜说。"} for i in range(13)]
    rows[4] = "{broken"
    rows[7] = {"id": 7, "text": " "}
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    local, pooled = tmp_path / "local.jsonl", tmp_path / "pooled.jsonl"
    run_batch(tiny_analyzer, src, local, opts(batch_size=3), **QUIET)
    tally = run_batch(None, src, pooled, opts(batch_size=3, engine="processes", workers=2, model_dir=tiny_model_dir),
                      **QUIET)
    assert (tally.ok, tally.errors) == (11, 2)
    assert pooled.read_bytes() == local.read_bytes()
    # chunks of 2 x 3 rows: the workers run a chunk ahead of the writer (pool.CHUNKS_AHEAD), and the
    # file is still the local engine's, in input order
    monkeypatch.setattr(pool, "BATCHES_PER_WORKER", 1)
    ahead = tmp_path / "ahead.jsonl"
    run_batch(None, src, ahead, opts(batch_size=3, engine="processes", workers=2, model_dir=tiny_model_dir), **QUIET)
    assert ahead.read_bytes() == local.read_bytes()
    with pytest.raises(BatchError) as failed:
        run_batch(None, src, tmp_path / "none.jsonl", opts(engine="processes", model_dir=tmp_path / "absent"), **QUIET)
    assert failed.value.code == 1 and "absent" in str(failed.value)


def test_auto_engine_uses_every_core_unless_this_process_is_asked_for(monkeypatch):
    """--engine auto (the default): a worker process per core on 2+ cores; this process when there is
    one core, when the caller hands in its analyzer, or when --device / --threads name this process."""
    from zhnews.serve.batch import engines

    monkeypatch.setattr(engines, "cores", lambda: 2)
    assert BatchOptions().engine == "auto"
    assert engines.resolve_engine(opts()) == "processes"
    assert engines.resolve_engine(opts(), FakeAnalyzer()) == "local"
    assert engines.resolve_engine(opts(threads=2)) == "local"
    assert engines.resolve_engine(opts(device="cuda")) == "local"
    assert engines.resolve_engine(opts(engine="ray")) == "ray"
    monkeypatch.setattr(engines, "cores", lambda: 1)
    assert engines.resolve_engine(opts()) == "local"
