"""Opt-in end-to-end check of the demo page in a real browser (`pytest -m browser`).

Installs nothing: skips unless Debian's chromium (/usr/bin/chromium) and the `playwright` Python
package are present, and unless the shipped default model (models/default) exists. Pastes the seed
page, presses 分析, waits for the four speakers of the seed page in the speakers table, and saves a
screenshot to $ZHNEWS_SCREENSHOT (default: the test's tmp folder).
"""
from __future__ import annotations

import importlib.util
import json
import os
import socket
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DEFAULT_MODEL = REPO / "models" / "default"
SEED_SPEAKERS = ["尹力", "王志刚", "李萌", "殷勇"]  # the four officials of seed_page.txt
ANALYSIS_TIMEOUT_S = 240


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _seed_speakers() -> list[str]:
    from zhnews.models.data import examples_dir

    gold = examples_dir() / "seed_page.gold.json"
    if gold.is_file():
        try:
            return [sp["name"] for sp in json.loads(gold.read_text(encoding="utf-8"))["speakers"]]
        except (KeyError, TypeError, ValueError):
            pass
    return SEED_SPEAKERS


@pytest.fixture(scope="module")
def demo_url():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    if importlib.util.find_spec("playwright") is None:
        pytest.skip("the playwright Python package is not installed")
    if not (DEFAULT_MODEL / "config.json").is_file():
        pytest.skip(f"{DEFAULT_MODEL} has no trained model yet")
    from zhnews.serve.demo import launch

    port = _free_port()
    demo = launch([DEFAULT_MODEL], host="127.0.0.1", port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


def test_seed_page_in_chromium(demo_url, seed_text, tmp_path):
    from playwright.sync_api import sync_playwright

    names = _seed_speakers()
    assert len(names) == 4
    shot = Path(os.environ.get("ZHNEWS_SCREENSHOT") or tmp_path / "zhnews-demo.png")
    shot.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(demo_url, wait_until="domcontentloaded", timeout=60_000)
            box = page.locator("#zhnews-input textarea")
            box.wait_for(state="visible", timeout=60_000)
            box.fill(seed_text)
            page.locator("#zhnews-analyse").click()

            table = page.locator("#zhnews-speakers")
            deadline = time.monotonic() + ANALYSIS_TIMEOUT_S
            shown = ""
            while time.monotonic() < deadline:
                shown = table.inner_text()
                if all(name in shown for name in names):
                    break
                page.wait_for_timeout(500)
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    missing = [name for name in names if name not in shown]
    assert not missing, f"speakers {missing} not shown (screenshot: {shot}); table text: {shown[:500]}"
    assert shot.exists() and shot.stat().st_size > 0
