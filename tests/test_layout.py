"""The layout rules, read from the code's own imports (ast): inference (zhnews.models) at the bottom,
train and serve on it and never on each other, the CLI on top; no import cycles between modules;
no private (underscore) names imported across modules; short files."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE_DIRS = {"zhnews": REPO / "zhnews", "zhnews.models": REPO / "models", "zhnews.train": REPO / "train",
                "zhnews.serve": REPO / "serve"}
MAX_LINES = 500
# which top-level parts each part may import (besides itself)
ALLOWED = {"zhnews.models": set(), "zhnews.train": {"zhnews.models"}, "zhnews.serve": {"zhnews.models"},
           "zhnews": {"zhnews.models", "zhnews.train", "zhnews.serve"}}


def modules() -> dict[str, Path]:
    out = {}
    for package, folder in PACKAGE_DIRS.items():
        for path in folder.rglob("*.py"):
            rel = path.relative_to(folder).with_suffix("").parts
            if package == "zhnews" and rel[0] != "cli" and rel != ("__init__",):
                continue
            name = ".".join((package, *rel)).removesuffix(".__init__")
            out[name] = path
    return out


def part_of(name: str) -> str:
    for part in ("zhnews.models", "zhnews.train", "zhnews.serve"):
        if name == part or name.startswith(part + "."):
            return part
    return "zhnews"


def imports(path: Path, module: str, top_level_only: bool) -> list[tuple[str, list[str]]]:
    """(imported module, names taken from it) for each zhnews import of `path`; `top_level_only`: the
    module-level ones (those that run at import time, the only ones that can make a cycle)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    out = []
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names]
    return [(m, names) for m, names in out if m == "zhnews" or m.startswith("zhnews.")]


MODULES = modules()


def test_no_top_level_models_train_or_serve_imports():
    bad = [(name, m) for name, path in MODULES.items() for m, _ in imports(path, name, False)
           if m.split(".")[0] in ("models", "train", "serve")]
    assert not bad


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_point_one_way(name):
    part = part_of(name)
    wrong = [m for m, _ in imports(MODULES[name], name, False) if part_of(m) not in ALLOWED[part] | {part}]
    assert not wrong, f"{name} ({part}) imports {wrong}"


def test_no_import_cycles():
    graph = {}
    for name, path in MODULES.items():
        targets = set()
        for m, names in imports(path, name, True):
            targets |= {f"{m}.{n}" for n in names if f"{m}.{n}" in MODULES} or ({m} if m in MODULES else set())
        graph[name] = targets - {name}
    # a package's __init__ may import its own submodules (that is how it re-exports them)
    graph = {n: {t for t in ts if not (MODULES[n].name == "__init__.py" and t.startswith(n + "."))}
             for n, ts in graph.items()}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, path: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle.extend(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
                return True
            if state.get(nxt) is None and visit(nxt, path + [nxt]):
                return True
        state[node] = 2
        return False

    assert not any(visit(n, [n]) for n in sorted(graph) if state.get(n) is None), " -> ".join(cycle)


def test_no_private_names_imported_across_modules():
    bad = [(name, m, n) for name, path in MODULES.items() for m, names in imports(path, name, False)
           for n in names if n.startswith("_")]
    assert not bad


def test_short_files():
    long = {name: n for name, path in MODULES.items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long


SCRIPTS = sorted(name for name, path in MODULES.items()
                 if name.startswith("zhnews.train.") and 'if __name__ == "__main__":' in path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SCRIPTS)
def test_every_script_answers_help_without_running(name, capsys):
    """`python -m zhnews.train.X --help` prints its usage and exits 0: a script that read its own argv by hand
    took `--help` for a folder name or started a 20-minute training run."""
    import importlib

    with pytest.raises(SystemExit) as done:
        importlib.import_module(name).main(["--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("usage:")
