"""The "processes" engine: one single-thread worker process per core, each loading the model once.

On 2 cores, two one-thread processes analyse more articles per second than one process with two
threads: the encoder's matrices are small (hidden 384), so a second thread per product gains little,
and the Python parts (page parsing, jieba, attribution) then run on both cores too (measured with
`zhnews bench --workers 2`, docs/experiments.md). Batches are cut as for the local engine and each
goes whole to one worker (`analyze_rows`: a batch that raises is redone row by row there), and the
results are collected in input order, so the output is the local engine's and the writer's
crash-safety (fsync per chunk, `--resume`) is unchanged; the workers run one chunk ahead of the
writer. Workers are spawned, not forked: a fork after torch has started its threads can deadlock.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from typing import Any, Iterable, Iterator

from zhnews.serve.batch.engines import Record, analyze_rows, checked_model_dir, records_of
from zhnews.serve.batch.options import BatchError, BatchOptions, cores
from zhnews.serve.batch.readers import Row

# batches handed to each worker per chunk; the chunk is written and fsync'ed when all its batches are
# back, and the next chunk is already with the workers by then (`stream`), so no worker waits for a
# chunk's slowest batch or for the writer. A kill redoes at most the two chunks in flight after --resume:
# 2 x (2 x 4 x 16) = 256 rows. `zhnews batch` of the 800 THUCNews articles (`default`), each pair run in
# turn: 12.55 / 13.08, 12.39 / 13.69 and 13.48 / 14.21 articles/s for session 28's engine (8 batches a
# worker, each chunk waited for) against one chunk ahead (4 batches a worker; the last pair 8): +4-10%.
BATCHES_PER_WORKER = 4
CHUNKS_AHEAD = 1  # chunks handed to the workers beyond the one being written
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
        self._unfinished = False  # a `stream` left with chunks in flight
        context = multiprocessing.get_context("spawn")
        loaded = context.Semaphore(0)
        self.pool = context.Pool(self.workers, initializer=_load, initargs=(model_dir, loaded))
        for _ in range(self.workers):
            if not loaded.acquire(timeout=LOAD_TIMEOUT_S):
                self.pool.terminate()
                raise BatchError(f"the worker processes did not load {model_dir} within {LOAD_TIMEOUT_S} s", 1)

    def records(self, batches: list[list[Row]]) -> list[Record]:
        return self._collect(batches, self._submit(batches))

    def stream(self, chunks: Iterable[list[list[Row]]]) -> Iterator[list[Record]]:
        """Each chunk's records in input order, with the next CHUNKS_AHEAD chunks already submitted:
        the workers take their batches as they free up, whichever chunk these belong to."""
        pending: deque = deque()
        self._unfinished = True
        for chunk in chunks:
            pending.append((chunk, self._submit(chunk)))
            if len(pending) > CHUNKS_AHEAD:
                yield self._collect(*pending.popleft())
        while pending:
            yield self._collect(*pending.popleft())
        self._unfinished = False

    def _submit(self, batches: list[list[Row]]) -> list:
        """One task per batch with analysable rows (None for a batch of error rows only)."""
        pairs = [[(r.id, r.text) for r in batch if r.error is None] for batch in batches]
        return [self.pool.apply_async(_analyze, (p,)) if p else None for p in pairs]

    def _collect(self, batches: list[list[Row]], tasks: list) -> list[Record]:
        try:
            done = [task.get() if task is not None else [] for task in tasks]
        except RuntimeError as exc:
            raise BatchError(str(exc), 1) from None
        return records_of(batches, lambda _pairs: done)

    def close(self) -> None:
        if self._unfinished:  # the run stopped (an error, ^C) with chunks still in flight: do not wait
            self.pool.terminate()
            return
        # every task has returned: the workers are idle, so they can exit on their own, which also lets
        # them release their semaphores (terminate() left the resource tracker warning)
        self.pool.close()
        self.pool.join()
