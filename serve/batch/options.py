"""What a batch run is asked to do (`BatchOptions`) and how it says no (`BatchError`).

Every other module of the package reads these, so they live apart from the run loop: the engines
take the options too, and the run loop imports the engines.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


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
    # "auto" (the default): "processes" on a machine with 2 or more cores, else "local"; "local" also
    # whenever an analyzer is passed in, a device is named or --threads is set (engines.resolve_engine)
    engine: str = "auto"  # | "local" (this process) | "processes" (a worker process per core) | "ray"
    model_dir: str | Path | None = None  # loaded when no analyzer is passed, and by every Ray actor
    threads: int | None = None  # torch threads for a model loaded here (Ray actors use 1 each)
    device: str | None = None  # where a model loaded here runs ("cuda"); None: the CPU
    progress: bool = True  # tqdm bar on stderr
    workers: int | None = None  # worker processes or Ray actors (1 CPU each); None: one per core
    ray_chunk_rows: int = 2048  # rows handed to one Ray Data run


def cores() -> int:
    """The cores this process may run on (its CPU affinity, which a container or taskset narrows)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
