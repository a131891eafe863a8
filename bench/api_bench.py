"""Benchmark (issue 5): the REST API under concurrent load, and the dashboard's first paint.

1. The database: ``--db PATH`` (any Kibaru store), or else the first ``--items N``
   current-events items since 2023-01-01 (bench/current_events_jsonl.py, read from
   ../shared) ingested with ``kibaru ingest`` into bench/out/api-N.duckdb (reused when it
   exists).
2. ``kibaru serve`` runs in its own process on a free loopback port. This process is the
   client: ``--concurrency`` threads, each with its own keep-alive connection, send at most
   ``--requests`` requests per endpoint and stop after ``--seconds`` per endpoint, whichever
   comes first. Per endpoint: requests, errors (non-2xx or failed), requests/s, p50/p95/max ms.
3. First paint: headless Chromium (Debian's, via Playwright) opens the dashboard ``--paints``
   times: first contentful paint, and the time until every view has drawn its data.

Writes bench/out/api_bench.json (api_bench_hold.json with ``--hold-db``: the server keeps
the database open and reads in parallel, instead of leasing it so that writers can get in).
Run alone on the shared 2-core machine.

    .venv/bin/python bench/api_bench.py --items 2000
    .venv/bin/python bench/api_bench.py --db kibaru.duckdb --requests 300 --concurrency 8
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
KIBARU = Path(sys.executable).parent / "kibaru"
CHROMIUM = Path("/usr/bin/chromium")
SINCE = "2023-01-01"
"""Recent items: the dashboard's typical window."""


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_db(items: int) -> Path:
    """Ingest ``items`` current-events items into bench/out/api-N.duckdb (once)."""
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"api-{items}.duckdb"
    if db.exists():
        return db
    jsonl = OUT / f"api-current-events-{items}.jsonl"
    if not jsonl.exists():
        subprocess.run([sys.executable, str(REPO / "bench" / "current_events_jsonl.py"),
                        "--limit", str(items), "--since", SINCE, "--out", str(jsonl)],
                       check=True)
    start = time.perf_counter()
    tmp = db.with_suffix(".tmp.duckdb")
    tmp.unlink(missing_ok=True)
    subprocess.run([str(KIBARU), "ingest", str(jsonl), "--db", str(tmp), "--quiet"], check=True,
                   stdout=subprocess.DEVNULL)
    os.replace(tmp, db)
    print(f"api_bench: ingested {items} items into {db} in {time.perf_counter() - start:.0f} s")
    return db


@contextmanager
def serve(db: Path, *, hold_db: bool = False) -> Iterator[str]:
    """Run ``kibaru serve`` on ``db`` in a child process; yield its URL."""
    port = free_port()
    extra = ["--hold-db"] if hold_db else []
    proc = subprocess.Popen([str(KIBARU), "serve", "--db", str(db), "--port", str(port), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"api_bench: kibaru serve exited: {proc.stderr.read() if proc.stderr else ''}")
            try:
                with urllib.request.urlopen(url + "/api/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("api_bench: the server did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()


def get_json(url: str) -> Any:
    """GET a JSON document."""
    with urllib.request.urlopen(url, timeout=60) as resp:
        return json.load(resp)


def endpoints(url: str) -> dict[str, list[str]]:
    """Return each benchmarked endpoint's name and the paths it cycles through, built from
    what the database holds."""
    meta = get_json(url + "/api/meta")
    page = get_json(url + "/api/events?limit=100")
    ids = [e["event_id"] for e in page["events"]] or ["none"]
    articles = sorted({e["article_id"] for e in page["events"]}) or ["none"]
    top_country = meta["countries"][0]["value"] if meta["countries"] else "MLI"
    top_type = meta["types"][0]["value"] if meta["types"] else "ASSAULT"
    return {
        "health": ["/api/health"],
        "meta": ["/api/meta"],
        "events page": ["/api/events?limit=50", "/api/events?limit=50&offset=50"],
        "events filtered": [f"/api/events?limit=50&country={top_country}&type={top_type}"],
        "events text search": ["/api/events?limit=50&text=attack", "/api/events?limit=50&text=killed"],
        "events geojson": ["/api/events?limit=200&format=geojson"],
        "event detail": [f"/api/events/{quote(i)}" for i in ids],
        "article": [f"/api/articles/{quote(a)}" for a in articles],
        "points (map)": ["/api/points"],
        "aggregates week x type": ["/api/aggregates?interval=week&by=type"],
        "aggregates month x type x country": ["/api/aggregates?interval=month&by=type,country"],
        "top actors": ["/api/actors?limit=20"],
        "actor network": ["/api/actors/network?limit=40"],
    }


def percentile(values: list[float], q: float) -> float:
    """Return the ``q`` quantile (0..1) of ``values`` by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def load(url: str, paths: list[str], *, requests: int, seconds: float,
         concurrency: int) -> dict[str, Any]:
    """Send up to ``requests`` GETs over ``concurrency`` connections for up to ``seconds``."""
    host, port = url.removeprefix("http://").split(":")
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    sent = 0
    deadline = time.monotonic() + seconds

    def worker(seed: int) -> None:
        nonlocal sent
        rng = random.Random(seed)
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        while True:
            with lock:
                if sent >= requests or time.monotonic() > deadline:
                    break
                sent += 1
            path = rng.choice(paths)
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
                resp = conn.getresponse()
                resp.read()
                ok = 200 <= resp.status < 300
                problem = None if ok else f"{resp.status} {path}"
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=60)
                problem = f"{type(exc).__name__} {path}"
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                if problem:
                    errors.append(problem)
        conn.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
        "rps": round(len(latencies) / wall, 1) if wall else None,
        "p50_ms": round(percentile(latencies, 0.5), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "max_ms": round(max(latencies), 1) if latencies else None,
    }


def first_paint(url: str, runs: int) -> dict[str, Any] | None:
    """Return median first contentful paint and time-to-data of the dashboard, or None
    without Chromium."""
    if not CHROMIUM.exists():
        print("api_bench: /usr/bin/chromium is absent; skipping first paint", file=sys.stderr)
        return None
    from playwright.sync_api import sync_playwright

    fcp: list[float] = []
    ready: list[float] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1366, "height": 768})
            page = context.new_page()
            start = time.perf_counter()
            page.goto(url + "/")
            page.wait_for_selector("body[data-ready='1']", timeout=120_000)
            ready.append((time.perf_counter() - start) * 1000)
            value = page.evaluate(
                "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
            if value is not None:
                fcp.append(float(value))
            context.close()
        browser.close()
    return {
        "runs": runs,
        "first_contentful_paint_ms": round(statistics.median(fcp), 1) if fcp else None,
        "all_views_drawn_ms": round(statistics.median(ready), 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the load and first-paint benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing Kibaru database")
    parser.add_argument("--items", type=int, default=2000,
                        help="current-events items to ingest when --db is not given")
    parser.add_argument("--requests", type=int, default=200, help="most requests per endpoint")
    parser.add_argument("--seconds", type=float, default=15.0, help="most seconds per endpoint")
    parser.add_argument("--concurrency", type=int, default=4, help="client connections")
    parser.add_argument("--paints", type=int, default=3, help="dashboard loads to time")
    parser.add_argument("--hold-db", action="store_true",
                        help="serve with --hold-db (parallel reads; no writer can get in)")
    args = parser.parse_args(argv)
    if args.db is None and not (REPO.parent / "shared" / "corpus").is_dir():
        print("api_bench: ../shared is absent; pass --db PATH", file=sys.stderr)
        return 1
    db = args.db or build_db(args.items)
    results: dict[str, Any] = {"db": str(db), "concurrency": args.concurrency,
                               "max_requests": args.requests, "max_seconds": args.seconds,
                               "hold_db": args.hold_db}
    with serve(db, hold_db=args.hold_db) as url:
        health = get_json(url + "/api/health")
        results["events_in_db"] = health["events"]
        print(f"api_bench: {db} ({health['events']:,} events), {args.concurrency} connections, "
              f"<= {args.requests} requests or {args.seconds:.0f} s per endpoint")
        per_endpoint = {}
        print(f"{'endpoint':36} {'req':>5} {'err':>4} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for name, paths in endpoints(url).items():
            row = load(url, paths, requests=args.requests, seconds=args.seconds,
                       concurrency=args.concurrency)
            per_endpoint[name] = row
            print(f"{name:36} {row['requests']:5d} {row['errors']:4d} {row['rps']:7.1f} "
                  f"{row['p50_ms']:8.1f} {row['p95_ms']:8.1f} {row['max_ms']:8.1f}")
        results["endpoints"] = per_endpoint
        paint = first_paint(url, args.paints)
        results["first_paint"] = paint
        if paint:
            print(f"dashboard: first contentful paint {paint['first_contentful_paint_ms']} ms, "
                  f"all views drawn {paint['all_views_drawn_ms']} ms (median of {paint['runs']})")
    OUT.mkdir(parents=True, exist_ok=True)
    name = "api_bench_hold.json" if args.hold_db else "api_bench.json"
    (OUT / name).write_text(json.dumps(results, indent=2))
    return 0 if all(r["errors"] == 0 for r in results["endpoints"].values()) else 2


if __name__ == "__main__":
    sys.exit(main())
