"""Server-side micro-batching for `zhnews serve`: requests for one model that arrive close together
are analysed in one `analyze_batch` call, in one worker thread per model.

    batcher = MicroBatcher(analyzer, BatchLimits(window_s=0.01, max_texts=16, max_chars=64_000))
    future = batcher.submit(text)          # concurrent.futures.Future -> its Analysis
    result = await asyncio.wrap_future(future)
    batcher.close()

Why: the encoder is far cheaper per article in a batch than one article at a time, and Hugging Face
fast tokenizers must not be called from two threads at once, so every call on an analyzer goes
through its one worker thread (the event loop never runs the model).

How a batch is gathered: the worker blocks for the first waiting text, then takes whatever else is
queued, waiting at most `window_s` after the first for more, until `max_texts` texts or `max_chars`
characters (a text that would pass the character cap waits for the next batch; a text longer than
the cap alone is a batch of one). While a batch runs, new requests queue up, so under load batches
fill without waiting. A batch that raises is redone text by text (`analyze_each`), so only a bad
text's future gets the exception. Requests whose caller went away (cancelled futures) are skipped.
At most `max_queue` texts wait; `submit` raises `Busy` beyond that, so load turns into refusals,
not unbounded memory.
"""
from __future__ import annotations

import queue
import sys
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass

from zhnews.serve.batch.engines import analyze_each


@dataclass(frozen=True)
class BatchLimits:
    window_s: float = 0.01  # how long the first text of a batch waits for company
    max_texts: int = 16  # as `zhnews batch --batch-size`, its default
    max_chars: int = 64_000  # about 40 typical articles; bounds a batch's memory and latency
    max_queue: int = 1024  # texts waiting (not yet in a batch) before `submit` refuses

    def __post_init__(self):
        if self.window_s < 0 or self.max_texts < 1 or self.max_chars < 1 or self.max_queue < 1:
            raise ValueError(f"bad batch limits: {self}")


def same_torch_threads() -> None:
    """Give this thread the process's torch thread count. OpenMP (and MKL through it) keeps the
    count per thread, so a new thread would use every core whatever `--threads` set: measured here,
    `torch.set_num_threads(1)` in the main thread, a matmul in a new thread still ran on 2 cores."""
    torch = sys.modules.get("torch")  # not imported here: the batcher also serves analyzers without torch
    if torch is not None:
        torch.set_num_threads(torch.get_num_threads())


class Busy(RuntimeError):
    """The queue of a model is full; the caller should retry later."""


class Closed(RuntimeError):
    """The batcher has been closed (the server is shutting down)."""


class MicroBatcher:
    """Gathers texts for one analyzer into `analyze_batch` calls run in its own worker thread."""

    def __init__(self, analyzer, limits: BatchLimits | None = None, name: str = "model"):
        self.analyzer = analyzer
        self.limits = limits or BatchLimits()
        self.batches = 0  # counters, for /v1/health and the tests
        self.texts = 0
        self._queue: queue.Queue = queue.Queue(maxsize=self.limits.max_queue)
        self._held: tuple[str, Future] | None = None  # a text that did not fit the last batch
        self._closed = False
        self._stopping = False  # the worker has seen the close marker
        self._thread = threading.Thread(target=self._run, name=f"zhnews-batch-{name}", daemon=True)
        self._thread.start()

    def submit(self, text: str) -> Future:
        """A future for `text`'s `Analysis` (or the exception analysing it raised)."""
        if self._closed:
            raise Closed("the server is shutting down")
        future: Future = Future()
        try:
            self._queue.put_nowait((text, future))
        except queue.Full:
            raise Busy(f"more than {self.limits.max_queue} texts waiting for this model") from None
        return future

    def analyze(self, text: str):
        """Blocking form of `submit`, so the batcher stands in for an analyzer where only
        `analyze(text) -> Analysis` is called (the demo page's handlers, in gradio's threads)."""
        return self.submit(text).result()

    def close(self, timeout: float = 5.0) -> None:
        """Stop taking texts; the worker finishes what is queued, then exits."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(None)  # blocks only while the queue is full, which the worker is draining
        self._thread.join(timeout)

    # ------------------------------------------------------------------------------ worker side
    def _gather(self) -> list[tuple[str, Future]] | None:
        """The next batch, or None once closed and drained."""
        if self._stopping and self._held is None:
            return None
        first = self._held or self._queue.get()
        self._held = None
        if first is None:
            return None
        batch, chars = [first], len(first[0])
        deadline = time.monotonic() + self.limits.window_s
        while len(batch) < self.limits.max_texts:
            try:
                item = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if item is None:  # closing: finish this batch (and a held text), then stop
                self._stopping = True
                break
            if chars + len(item[0]) > self.limits.max_chars:
                self._held = item
                break
            batch.append(item)
            chars += len(item[0])
        return batch

    def _run(self) -> None:
        same_torch_threads()
        while True:
            batch = self._gather()
            if batch is None:
                self._refuse_rest()
                return
            live = [(text, f) for text, f in batch if f.set_running_or_notify_cancel()]
            if live:
                self._analyze(live)

    def _analyze(self, batch: list[tuple[str, Future]]) -> None:
        self.batches += 1
        self.texts += len(batch)
        try:
            results = analyze_each(self.analyzer, [text for text, _ in batch])
        except BaseException as exc:  # noqa: BLE001 - the worker must outlive any batch
            results = [exc] * len(batch)
        for (_, future), result in zip(batch, results):
            if isinstance(result, BaseException):
                future.set_exception(result)
            else:
                future.set_result(result)

    def _refuse_rest(self) -> None:
        """Texts that slipped in while closing get an answer rather than a wait forever."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not None and item[1].set_running_or_notify_cancel():
                item[1].set_exception(Closed("the server is shutting down"))
