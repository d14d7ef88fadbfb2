"""A load test for a local `zhnews serve`: N concurrent clients, a fixed number of requests.

    python -m zhnews.serve.loadtest --url http://127.0.0.1:8000 --clients 32 --requests 500 [--texts FILE.jsonl]

Each client is a thread with its own httpx connection, posting one text at a time to /v1/analyze
(texts taken in turn, round robin). It prints throughput, p50/p99 latency, the error count, the
mean batch size the server formed (from /v1/models), and how many responses were mixed up: a
response whose statement offsets do not index its own request's text. Default texts: the first
`--sample` shared THUCNews articles (zhnews.models.data); `--texts`: JSONL of {"text": ...} objects
or JSON strings.

Only a local server: the URL must name 127.0.0.1, localhost or ::1, and the run is bounded in
clients, requests and seconds, so this cannot be turned on somebody else's machine.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
MAX_CLIENTS, MAX_REQUESTS, MAX_SECONDS = 256, 100_000, 3600


def local_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.hostname not in LOCAL_HOSTS:
        raise ValueError(f"{url}: only a local server (http://127.0.0.1:PORT or localhost) may be load tested")
    return url.rstrip("/")


def load_texts(path: Path | None, sample: int) -> list[str]:
    if path is None:
        from zhnews.models.data import data_dir, read_thucnews_articles

        texts = [text for text, _ in read_thucnews_articles(data_dir() / "thucnews_articles" / "train.tsv")]
    else:
        texts = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                value = json.loads(line)
                texts.append(value["text"] if isinstance(value, dict) else value)
    texts = [t for t in texts if isinstance(t, str) and t.strip()][:sample]
    if not texts:
        raise ValueError("no texts to send")
    return texts


def mixed_up(text: str, result: dict) -> bool:
    """Whether the statements of `result` do not all index `text` (a response meant for another request)."""
    return any(text[s["start"]:s["end"]] != s["text"] for sp in result.get("speakers", []) for s in sp["statements"])


class Run:
    """The shared state of the clients: the next request number, latencies, counts."""

    def __init__(self, texts: list[str], requests: int, deadline: float):
        self.texts, self.requests, self.deadline = texts, requests, deadline
        self.lock = threading.Lock()
        self.issued = 0
        self.latencies: list[float] = []
        self.errors: dict[str, int] = {}
        self.mixed = 0

    def next_text(self) -> str | None:
        with self.lock:
            if self.issued >= self.requests or time.monotonic() > self.deadline:
                return None
            self.issued += 1
            return self.texts[(self.issued - 1) % len(self.texts)]

    def record(self, latency: float, error: str | None, mixed: bool) -> None:
        with self.lock:
            self.latencies.append(latency)
            if error:
                self.errors[error] = self.errors.get(error, 0) + 1
            self.mixed += mixed


def client_loop(run: Run, url: str, headers: dict, model: str | None) -> None:
    import httpx

    with httpx.Client(timeout=120.0, headers=headers) as http:
        while (text := run.next_text()) is not None:
            start = time.perf_counter()
            error, mixed = None, False
            try:
                r = http.post(f"{url}/v1/analyze", json={"text": text, **({"model": model} if model else {})})
                body = r.json()
                if r.status_code != 200:
                    error = f"{r.status_code} {body.get('error', {}).get('type', '?')}"
                else:
                    mixed = mixed_up(text, body)
            except Exception as exc:  # noqa: BLE001 - counted, the run goes on
                error = type(exc).__name__
            run.record(time.perf_counter() - start, error, mixed)


def served_texts(url: str, headers: dict) -> tuple[int, int]:
    """(batches, texts) the server has analysed so far, summed over its models."""
    import httpx

    models = httpx.get(f"{url}/v1/models", headers=headers, timeout=30).json()["models"]
    return sum(m["served"]["batches"] for m in models), sum(m["served"]["texts"] for m in models)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def load_test(url: str, texts: list[str], clients: int, requests: int, *, api_key: str | None = None,
              model: str | None = None, max_seconds: float = 600) -> dict:
    url = local_url(url)
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    before = served_texts(url, headers)
    run = Run(texts, requests, time.monotonic() + max_seconds)
    threads = [threading.Thread(target=client_loop, args=(run, url, headers, model), daemon=True)
               for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(max_seconds + 130)
    seconds = time.perf_counter() - start
    after = served_texts(url, headers)
    done = len(run.latencies)
    return {"clients": clients, "requests": done, "seconds": round(seconds, 2),
            "throughput_per_s": round(done / seconds, 2) if seconds else None,
            "p50_ms": round(1000 * percentile(run.latencies, 0.50), 1),
            "p99_ms": round(1000 * percentile(run.latencies, 0.99), 1),
            "mean_ms": round(1000 * statistics.fmean(run.latencies), 1) if done else None,
            "errors": sum(run.errors.values()), "error_kinds": run.errors, "mixed_up": run.mixed,
            "mean_batch": round((after[1] - before[1]) / max(1, after[0] - before[0]), 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zhnews.serve.loadtest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="a local zhnews serve")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--texts", type=Path, help="JSONL of {\"text\": ...} (default: shared THUCNews articles)")
    parser.add_argument("--sample", type=int, default=200, help="use the first N texts (default 200)")
    parser.add_argument("--model", help="model name to ask for (default: the server's default)")
    parser.add_argument("--api-key", help="the server's key, if it has one")
    parser.add_argument("--max-seconds", type=float, default=600, help="stop issuing requests after this")
    args = parser.parse_args(argv)
    if not (1 <= args.clients <= MAX_CLIENTS and 1 <= args.requests <= MAX_REQUESTS
            and 0 < args.max_seconds <= MAX_SECONDS and args.sample >= 1):
        parser.error(f"--clients 1..{MAX_CLIENTS}, --requests 1..{MAX_REQUESTS}, --max-seconds up to {MAX_SECONDS}")
    try:
        url = local_url(args.url)
        texts = load_texts(args.texts, args.sample)
    except (ValueError, OSError, KeyError) as exc:
        parser.error(str(exc))
    report = load_test(url, texts, args.clients, args.requests, api_key=args.api_key, model=args.model,
                       max_seconds=args.max_seconds)
    print(json.dumps(report, ensure_ascii=False))
    return 1 if report["mixed_up"] else 0


if __name__ == "__main__":
    sys.exit(main())
