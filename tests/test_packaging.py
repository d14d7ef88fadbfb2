"""The installed distribution: one import namespace `zhnews`, every shipped model folder inside it,
and nothing named `models`, `train` or `serve` at the top of site-packages."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from zhnews.models.folder import SHIPPED

REPO = Path(__file__).resolve().parent.parent
FOLDER_FILES = {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "README.md",
                "metrics.json", "ngram.safetensors", "ngram_vocab.json"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # built from a copy: setuptools leaves build/ in the source tree, and a stale build/ would put
    # modules deleted since into the wheel
    source, out = tmp_path_factory.mktemp("source") / "zhnews", tmp_path_factory.mktemp("wheel")
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info",
                                                                 "__pycache__", ".pytest_cache", "runs"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
                   check=True, capture_output=True)
    (path,) = out.glob("zhnews-*.whl")
    return path


def test_wheel_holds_one_namespace_and_every_shipped_folder(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names} == {"zhnews", wheel.name.split("-py3")[0] + ".dist-info"}
    modules = {n for n in names if n.endswith(".py")}
    for module in ("zhnews/cli.py", "zhnews/models/pipeline.py", "zhnews/models/model.py",
                   "zhnews/train/loop.py", "zhnews/serve/demo.py"):
        assert module in modules
    for name in SHIPPED:
        assert {n.rsplit("/", 1)[1] for n in names if n.startswith(f"zhnews/models/{name}/")} >= FOLDER_FILES, name
    # every package of the source tree is in the wheel (a subpackage missing from pyproject's list is not)
    for init in REPO.glob("*/**/__init__.py"):
        top, *rest = init.relative_to(REPO).parts
        if top in ("models", "train", "serve", "zhnews"):
            package = "zhnews/" + "/".join(([] if top == "zhnews" else [top]) + rest)
            assert package in names, package


def test_installed_wheel_works_from_any_folder(wheel, tmp_path):
    """Installed without the checkout on the path: `zhnews` loads a shipped model by name, and a top-level
    `models` package does not exist."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    assert sorted(p.name for p in target.iterdir() if not p.name.endswith(".dist-info")) == ["bin", "zhnews"]  # bin: the console script
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import importlib.util as u\n"
        "assert all(u.find_spec(m) is None for m in ('models', 'train', 'serve')), 'top-level package found'\n"
        "import zhnews\n"
        "from zhnews.models.folder import resolve_model\n"
        "assert zhnews.__file__.startswith(sys.argv[1]), zhnews.__file__\n"
        "from zhnews.models.model import ZhnewsModel\n"
        "print(ZhnewsModel.from_pretrained('small').labels[0], resolve_model('small'))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(target)], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert str(target) in done.stdout and done.stdout.split()[0] == "体育"
