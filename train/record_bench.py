"""Record a `zhnews bench` run into a model folder's metrics.json and card (its "Speed" section):

    zhnews bench --model runs/small --sample 200 --no-naive --workers 2 > bench.json
    python -m zhnews.train.record_bench runs/small configs/small.yaml bench.json

The bench lives in serve/ and the card in train/, which never import each other: the bench's JSON is
what passes between them. Only the figures the card shows are kept (`speed_summary`).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def speed_summary(bench: dict) -> dict:
    """The card's speed figures of a bench report: the fast path, its worker processes, the teacher."""
    def mode(r: dict) -> dict:
        latency = r.get("seed_page_latency_ms", {})
        return {"articles_per_s": r.get("articles_per_s"), "seed_p50_ms": latency.get("p50"),
                "seed_p95_ms": latency.get("p95"), "load_s": r.get("load_s"), "peak_rss_mb": r.get("peak_rss_mb"),
                "tokens_per_article": r.get("tokens_per_article"), "quality": r.get("quality", {})}

    out = {"workload": bench["workload"], "threads": bench["threads"], "machine": bench["machine"],
           "fast": mode(bench["fast"])}
    if "fast_parallel" in bench:
        out["fast_parallel"] = bench["fast_parallel"]
    if "teacher" in bench:
        out["teacher"] = {"model": bench.get("teacher_model"), **mode(bench["teacher"])}
    return out


def main(argv: list[str]) -> None:
    from zhnews.train.card import update_card

    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("config", help="the folder's recipe (for its card)")
    parser.add_argument("bench", type=Path, help="the JSON `zhnews bench` printed")
    args = parser.parse_args(argv)
    update_card(args.folder, args.config, "speed", speed_summary(json.loads(args.bench.read_text(encoding="utf-8"))))


if __name__ == "__main__":
    main(sys.argv[1:])
