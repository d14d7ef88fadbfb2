"""Where the shared corpora live, and readers for them (research data is never committed here)."""
from __future__ import annotations

import os
from pathlib import Path

from zhnews.models.surnames import COMPOUND_SURNAMES, JAPANESE_SURNAMES

REPO_ROOT = Path(__file__).resolve().parent.parent  # the checkout (models/ is zhnews.models)
# In a checkout, ../shared sits beside it; an installed package looks beside the working directory.
SHARED = (REPO_ROOT if (REPO_ROOT / "pyproject.toml").is_file() else Path.cwd()).parent / "shared"


def data_dir() -> Path:
    """`$ZHNEWS_DATA`, else `../shared/data` beside the checkout (may not exist: callers skip)."""
    env = os.environ.get("ZHNEWS_DATA")
    return Path(env) if env else SHARED / "data"


def examples_dir() -> Path:
    """`$ZHNEWS_EXAMPLES`, else `../shared/examples` beside the checkout."""
    env = os.environ.get("ZHNEWS_EXAMPLES")
    return Path(env) if env else SHARED / "examples"


# ---------------------------------------------------------------------------- shared corpora
# THUCNews title class ids (class.txt order) -> the 12-label union taxonomy of the product.
TITLE_CLASS_NAMES = {
    "finance": "财经", "realty": "房产", "stocks": "股票", "education": "教育", "science": "科技",
    "society": "社会", "politics": "时政", "sports": "体育", "game": "游戏", "entertainment": "娱乐",
}
UNION_LABELS = ["体育", "娱乐", "家居", "教育", "时尚", "时政", "游戏", "科技", "财经", "房产", "股票", "社会"]


def read_thucnews_articles(path: Path) -> list[tuple[str, str]]:
    """`label<TAB>text` lines -> (text, label)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            label, text = line.split("\t", 1)
            rows.append((text.strip(), label.strip()))
    return rows


def read_thucnews_titles(folder: Path, file: str = "dev.txt", names: dict | None = TITLE_CLASS_NAMES
                         ) -> list[tuple[str, str]]:
    """`title<TAB>class id` lines of `file` -> (title, label): the class.txt name translated by `names`
    (the product's labels), or the class.txt name itself when `names` is None (a source's label map
    then translates it)."""
    classes = (folder / "class.txt").read_text(encoding="utf-8").split()
    rows = []
    for line in (folder / file).read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            title, idx = line.rsplit("\t", 1)
            name = classes[int(idx)]
            rows.append((title.strip(), names[name] if names is not None else name))
    return rows


def read_label_tsv(paths: list[Path]) -> list[tuple[str, str]]:
    """`label<TAB>text` lines of each file in turn (Toutiao, NLPCC 2017 headlines) -> (text, label)."""
    return [row for path in paths for row in read_thucnews_articles(path) if row[0]]


def read_vocab_coverage(folder: Path) -> list[tuple[str, str]]:
    import json

    rows = []
    for name in ("dataset_sentence_long.json", "dataset_sentence_short.json"):
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        rows += [(t.strip(), label) for label, block in data.items() for t in block["texts"] if t.strip()]
    return rows


def read_bio(path: Path) -> list[tuple[str, list[str]]]:
    """One `char TAG` a line, blank line between sentences -> (sentence, char tags)."""
    rows, chars, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split()
        if len(parts) >= 2:
            chars.append(parts[0][0])
            tags.append(parts[-1])
        elif chars:
            rows.append(("".join(chars), tags))
            chars, tags = [], []
    return rows


_POS_TO_ENTITY = {"nr": "PER", "ns": "LOC", "nt": "ORG"}


def read_people_daily_pos(path: Path, split_names: bool = False) -> list[tuple[str, list[str]]]:
    """`word/POS` paragraphs -> (text, char BIO tags). The corpus splits a Chinese name into surname and given
    name (江/nr 泽民/nr, 桥本/nr 龙太郎/nr). `split_names` (a source's `split_names`, session 36): an nr word of
    at most two characters (three after a Japanese family name) after a surname (a one-character nr word, a
    compound or a Japanese family name) is the same person, any other nr word a person of its own. Without it,
    as every recipe before session 36 read the file (their recorded splits must read as they were trained),
    every run of nr words is one person, so names run together in bylines and lists (张/nr 应银/nr 樊/nr 增民/nr)
    are one: 19,645 persons in the file read so, 20,121 with `split_names`."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        words = [w.rsplit("/", 1) for w in line.split() if "/" in w]
        text, tags, prev, surname = [], [], None, False
        for word, pos in words:
            word = word.lstrip("[")
            kind = _POS_TO_ENTITY.get(pos.split("]")[0])
            if split_names:
                given = kind == "PER" and surname and len(word) <= (3 if surname == "japanese" else 2)
            else:
                given = kind == "PER" and prev == "PER"
            for i, ch in enumerate(word):
                if kind is None:
                    tags.append("O")
                elif i == 0 and not given:
                    tags.append(f"B-{kind}")
                else:
                    tags.append(f"I-{kind}")
                text.append(ch)
            prev = kind
            surname = kind == "PER" and not given and (
                # any one-character nr word: 楼, 佟, 丛 are surnames there too, not only the common ones
                "japanese" if word in JAPANESE_SURNAMES else len(word) == 1 or word in COMPOUND_SURNAMES)
        if text:
            rows.append(("".join(text), tags))
    return rows


def read_speaker_id_text(path: Path) -> list[str]:
    """WP2021 speaker identification (`speaker_id_wp2021/*_unsplit.txt`): the novel's sentences, one a
    line, each distinct line once (the instances are overlapping 21-sentence windows, so most lines
    repeat) and without the `Instance index: N` headers."""
    seen: dict[str, None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("Instance index"):
            seen.setdefault(line)
    return list(seen)


def read_lcsts(path: Path) -> list[tuple[str, str, int]]:
    """LCSTS part III -> (short text, human summary, 1-5 relevance score)."""
    import re

    raw = path.read_text(encoding="utf-8")
    pattern = re.compile(r"<human_label>(\d)</human_label>\s*<summary>(.*?)</summary>\s*<short_text>(.*?)</short_text>",
                         re.S)
    return [(text.strip(), summary.strip(), int(score)) for score, summary, text in pattern.findall(raw)]
