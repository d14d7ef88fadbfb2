"""Shared fixtures: a tiny randomly initialised model trained once per session from configs/tiny.yaml
(2 layers, hidden 32, ~10 s), so tests exercise the real code paths with no download."""
from __future__ import annotations

import os
import socket
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    import torch

    from zhnews.models.config import load_train_config
    from zhnews.train.loop import run_training

    torch.set_num_threads(1)
    config = load_train_config(REPO / "configs" / "tiny.yaml")
    config.output_dir = str(tmp_path_factory.mktemp("tiny-model"))
    config.data.data_dir = str(REPO / "tests" / "data")
    return run_training(config, log=lambda _m: None)


@pytest.fixture(scope="session")
def tiny_analyzer(tiny_model_dir):
    from zhnews.models import Analyzer

    return Analyzer.from_pretrained(tiny_model_dir, threads=1)


@pytest.fixture(scope="session")
def seed_text() -> str:
    from zhnews.models.data import examples_dir

    path = examples_dir() / "seed_page.txt"
    if not path.exists():
        pytest.skip(f"{path} not present (shared examples absent)")
    return path.read_text(encoding="utf-8")


@contextmanager
def served_demo(model_dir, **launch_options):
    """The demo app on a free local port, closed afterwards: yields (url, app)."""
    from zhnews.serve.demo import launch

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = launch([model_dir], port=port, threads=1, prevent_thread_lock=True, quiet=True, **launch_options)
    try:
        yield f"http://127.0.0.1:{port}/", demo
    finally:
        demo.close()
