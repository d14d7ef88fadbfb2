"""The "processes" engine: one single-thread worker process per core, each loading the model once.

On 2 cores, two one-thread processes analyse more articles per second than one process with two
threads: the encoder's matrices are small (hidden 384), so a second thread per product gains little,
and the Python parts (page parsing, jieba, attribution) then run on both cores too (measured with
`zhnews bench --workers 2`, docs/experiments.md). Batches are cut as for the local engine and each
goes whole to one worker (`analyze_rows`: a batch that raises is redone row by row there), and
`Pool.map` returns them in input order, so the output is the local engine's and the writer's
crash-safety (fsync per chunk, `--resume`) is unchanged. Workers are spawned, not forked: a fork
after torch has started its threads can deadlock.
"""
from __future__ import annotations

import multiprocessing
from typing import Any

from zhnews.serve.batch.engines import Record, analyze_rows, checked_model_dir, records_of
from zhnews.serve.batch.options import BatchError, BatchOptions, cores
from zhnews.serve.batch.readers import Row

# batches handed to each worker per chunk: each chunk waits for its slowest batch before it is written
# and fsync'ed, so longer chunks idle less (800 articles, `small`, 2 workers: 20.1-20.3 articles/s with 8
# against 19.5-19.6 with 4); a kill then redoes at most 2 x 8 x 16 = 256 rows after --resume
BATCHES_PER_WORKER = 8
LOAD_TIMEOUT_S = 600  # a worker that has not loaded the model by then is taken as stuck

_worker: dict[str, Any] = {}  # the analyzer of this worker process, or the error that kept it from loading


def _load(model_dir: str, loaded) -> None:
    """Pool initializer: runs once in each worker. An error is kept, not raised: a Pool replaces a
    worker whose initializer fails, forever; the first task then reports it instead. `loaded` (a
    semaphore) is released either way, so that the engine can wait for every worker before the run's
    clock starts, as the local engine loads its model before it (a worker the Pool replaces later
    releases it once more, which nothing waits for)."""
    try:
        import torch

        from zhnews.models import Analyzer

        torch.set_num_threads(1)
        _worker["analyzer"] = Analyzer.from_pretrained(model_dir, threads=1)
    except Exception as exc:  # noqa: BLE001 - reported by the first task
        _worker["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        loaded.release()


def _analyze(rows: list[tuple[Any, str]]) -> list[Record]:
    if "error" in _worker:
        raise RuntimeError(f"a worker could not load the model: {_worker['error']}")
    return analyze_rows(_worker["analyzer"], rows)


class ProcessEngine:
    def __init__(self, options: BatchOptions):
        model_dir = checked_model_dir(options)
        self.workers = max(1, options.workers or cores())
        self.chunk_rows = self.workers * options.batch_size * BATCHES_PER_WORKER
        context = multiprocessing.get_context("spawn")
        loaded = context.Semaphore(0)
        self.pool = context.Pool(self.workers, initializer=_load, initargs=(model_dir, loaded))
        for _ in range(self.workers):
            if not loaded.acquire(timeout=LOAD_TIMEOUT_S):
                self.pool.terminate()
                raise BatchError(f"the worker processes did not load {model_dir} within {LOAD_TIMEOUT_S} s", 1)

    def records(self, batches: list[list[Row]]) -> list[Record]:
        return records_of(batches, self._analyze)

    def _analyze(self, batches: list[list[tuple[Any, str]]]) -> list[list[Record]]:
        todo = [b for b in batches if b]
        try:
            done = iter(self.pool.map(_analyze, todo, chunksize=1))
        except RuntimeError as exc:
            raise BatchError(str(exc), 1) from None
        return [next(done) if b else [] for b in batches]

    def close(self) -> None:
        # every map has returned (or raised): the workers are idle, so they can exit on their own,
        # which also lets them release their semaphores (terminate() left the resource tracker warning)
        self.pool.close()
        self.pool.join()
