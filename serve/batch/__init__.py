"""`zhnews batch`: analyse a JSONL or CSV file of articles into a JSONL file, one line per input row.

    from zhnews.serve.batch import BatchOptions, iter_rows, run_batch
    tally = run_batch(analyzer, "in.jsonl", "out.jsonl", BatchOptions(batch_size=16))

A bad input row becomes an error record and the run goes on; an existing output is kept unless
`force`, and `resume` continues a run that was killed, so that every input row comes out once, in
input order. The parts, each documented in its module:

- `options`: `BatchOptions` and `BatchError` (whose `code` is the exit status);
- `readers`: the input formats and `iter_rows`, which turns every line, good or bad, into a `Row`;
- `writer`: the output lines, the crash-safe `Writer`, `--resume` / `--force` (`prepare_output`);
- `engines`: local and Ray behind one `Engine` interface, chosen by `make_engine` ("auto", the
  default, is `pool`'s "processes" engine on 2+ cores: one single-thread worker process per core);
- `run`: `run_batch` (the loop, the batches, progress) and its `Tally`.
"""
from zhnews.serve.batch.engines import Engine, LocalEngine, RayEngine, analyze_rows, make_engine
from zhnews.serve.batch.options import BatchError, BatchOptions
from zhnews.serve.batch.readers import Row, detect_format, iter_rows
from zhnews.serve.batch.run import Tally, run_batch
from zhnews.serve.batch.writer import prepare_output, record_line, truncate_torn_tail

__all__ = ["BatchError", "BatchOptions", "Engine", "LocalEngine", "RayEngine", "Row", "Tally", "analyze_rows",
           "detect_format", "iter_rows", "make_engine", "prepare_output", "record_line", "run_batch",
           "truncate_torn_tail"]
