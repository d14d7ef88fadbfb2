"""Where the shared corpora live, and readers for them (research data is never committed here)."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """`$ZHNEWS_DATA`, else `../shared/data` beside the checkout (may not exist: callers skip)."""
    env = os.environ.get("ZHNEWS_DATA")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


def examples_dir() -> Path:
    env = os.environ.get("ZHNEWS_EXAMPLES")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "examples"
