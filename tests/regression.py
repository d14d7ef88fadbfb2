"""Behaviour regression check for refactors: the analysis JSON of a fixed corpus, byte for byte.

    python tests/regression.py --write       # record the digests of the current code
    python tests/regression.py               # compare; exit 1 and name the documents that changed

Corpus: the seed page (alone and in a batch), every article of both speaker gold sets, and the first
100 THUCNews articles of the shared data, through each shipped folder. Only SHA-256 digests of the
outputs are committed (`tests/data/regression_digests.json`), never the shared texts. The digests
hold for one model and one machine kind (bf16 kernels differ between CPUs): after retraining, record
them again.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIGESTS = ROOT / "tests" / "data" / "regression_digests.json"
BATCH = 16  # rows per analyze_batch call, as `zhnews batch` cuts them (batching changes padding)
ARTICLES = 100


def shipped_folders() -> dict[str, Path]:
    return {p.name: p for p in sorted((ROOT / "models").iterdir()) if (p / "config.json").is_file()}


def corpus() -> list[tuple[str, str]]:
    from zhnews.models.data import data_dir, examples_dir, read_thucnews_articles
    from zhnews.models.evaluation.gold import load_speaker_gold

    docs = [("seed", (examples_dir() / "seed_page.txt").read_text(encoding="utf-8"))]
    for name in ("speakers_gold.jsonl", "speakers_test.jsonl"):
        docs += [(f"{name}:{a['id']}", a["text"]) for a in load_speaker_gold(ROOT / "tests" / "data" / name)]
    articles = read_thucnews_articles(data_dir() / "thucnews_articles" / "train.tsv")[:ARTICLES]
    docs += [(f"thuc:{i}", text) for i, (text, _) in enumerate(articles)]
    return docs


def digest(analysis) -> str:
    blob = json.dumps(analysis.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def digests() -> dict[str, dict[str, str]]:
    try:
        from zhnews import Analyzer
    except ImportError:
        from zhnews.models import Analyzer

    docs = corpus()
    out = {}
    for name, folder in shipped_folders().items():
        analyzer = Analyzer.from_pretrained(folder)
        got = {"seed:alone": digest(analyzer.analyze(docs[0][1]))}
        for i in range(0, len(docs), BATCH):
            chunk = docs[i : i + BATCH]
            got.update((ident, digest(a)) for (ident, _), a in zip(chunk, analyzer.analyze_batch([t for _, t in chunk])))
        out[name] = got
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record the current digests")
    args = parser.parse_args()
    now = digests()
    if args.write:
        DIGESTS.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {sum(map(len, now.values()))} digests to {DIGESTS}")
        return 0
    before = json.loads(DIGESTS.read_text(encoding="utf-8"))
    changed = [f"{m}/{d}" for m in sorted(before | now) for d in sorted(before.get(m, {}) | now.get(m, {}))
               if before.get(m, {}).get(d) != now.get(m, {}).get(d)]
    total = sum(map(len, before.values()))
    print(f"{total - len(changed)} of {total} analyses identical" + (f"; changed: {changed[:20]}" if changed else ""))
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
