"""Hold a mixed dashboard load on ``kibaru serve`` from a second process, bounded in count
and time, and report requests per second, p50/p95 latency and errors per endpoint.

    .venv/bin/python bench/load_bench.py                      # 3,000 current-events items
    .venv/bin/python bench/load_bench.py --items 5000 --seconds 30 --concurrency 8
    .venv/bin/python bench/load_bench.py --ingest-during 300   # a writer joins after 5 s

The database is bench/out/load.duckdb: built once by the real ``kibaru ingest`` from the
current-events JSON Lines (bench/current_events_jsonl.py writes them), reused afterwards. The
server runs as ``kibaru serve`` on a free loopback port (its own process); this process sends
the requests from ``--concurrency`` threads, each with its own keep-alive connection, picking
endpoints in the proportions a dashboard session uses them. Figures go to the console and
bench/out/load_bench.json; docs/RELIABILITY.md records the ones we measured.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
KIBARU = str(Path(sys.executable).with_name("kibaru"))

# (name, path template, weight): what the dashboard asks for, roughly how often.
MIX: list[tuple[str, str, int]] = [
    ("health", "/api/health", 1),
    ("meta", "/api/meta", 2),
    ("events page", "/api/events?limit=50&offset={offset}", 6),
    ("events by country", "/api/events?country={country}&limit=50", 4),
    ("events text", "/api/events?text={word}&limit=50", 2),
    ("events geojson", "/api/events?format=geojson&limit=200", 1),
    ("points", "/api/points", 2),
    ("aggregates week x type", "/api/aggregates?interval=week&by=type", 3),
    ("aggregates month x country", "/api/aggregates?interval=month&by=country", 1),
    ("actors", "/api/actors?limit=20", 2),
    ("actor network", "/api/actors/network?limit=100", 2),
    ("event detail", "/api/events/{event_id}", 4),
    ("article", "/api/articles/{article_id}", 2),
]
WORDS = ["killed", "protest", "attack", "army", "police", "election", "bomb", "president"]


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_db(db: Path, items: int) -> None:
    """Ingest ``items`` current-events reports into ``db`` (a no-op when it holds them)."""
    source = OUT / "current-events-5000.jsonl"
    if not source.exists():
        subprocess.run([sys.executable, str(BENCH / "current_events_jsonl.py"), "--limit", "5000",
                        "--since", "2023-01-01"], check=True)
        (OUT / "current-events.jsonl").rename(source)
    # Idempotent: a finished database is only re-read (every item is already stored).
    started = time.perf_counter()
    subprocess.run([KIBARU, "ingest", str(source), "--db", str(db), "--max-items", str(items),
                    "--workers", "2", "--quiet"], check=True)
    print(f"database {db} ready ({items:,} items) after {time.perf_counter() - started:,.0f} s")


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Host": "127.0.0.1"})
    resp = conn.getresponse()
    return resp.status, resp.read()


def samples(base: tuple[str, int]) -> dict[str, list[str]]:
    """Return ids and values to put in the templates, read from the served API."""
    conn = http.client.HTTPConnection(*base, timeout=60)
    _, body = get(conn, "/api/events?limit=200&modality=all")
    events = json.loads(body)["events"]
    _, body = get(conn, "/api/meta")
    meta = json.loads(body)
    conn.close()
    return {
        "event_id": [e["event_id"] for e in events] or ["none"],
        "article_id": [e["article_id"] for e in events] or ["none"],
        "country": [c["value"] for c in meta["countries"][:15]] or ["MLI"],
        "word": WORDS,
        "offset": [str(50 * i) for i in range(10)],
    }


def load(base: tuple[str, int], *, seconds: float, max_requests: int, concurrency: int,
         seed: int) -> tuple[dict[str, list[tuple[float, int]]], float]:
    """Send the mix from ``concurrency`` threads until either bound; return per-endpoint
    (latency s, status) and the wall time."""
    values = samples(base)
    names = [n for n, _, w in MIX for _ in range(w)]
    paths = {n: p for n, p, _ in MIX}
    results: dict[str, list[tuple[float, int]]] = {n: [] for n, _, _ in MIX}
    lock = threading.Lock()
    sent = 0
    deadline = time.monotonic() + seconds

    def worker(index: int) -> None:
        nonlocal sent
        rng = random.Random(seed + index)
        conn = http.client.HTTPConnection(*base, timeout=60)
        while time.monotonic() < deadline:
            with lock:
                if sent >= max_requests:
                    break
                sent += 1
            name = rng.choice(names)
            path = paths[name].format(**{k: rng.choice(v) for k, v in values.items()})
            started = time.perf_counter()
            try:
                status, _ = get(conn, path)
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection(*base, timeout=60)
            with lock:
                results[name].append((time.perf_counter() - started, status))
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summarise(results: dict[str, list[tuple[float, int]]], wall: float) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    everything = [r for rs in results.values() for r in rs]
    for name, rs in [*results.items(), ("all", everything)]:
        if not rs:
            continue
        ms = [1000 * t for t, _ in rs]
        statuses: dict[str, int] = {}
        for _, status in rs:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        rows[name] = {
            "requests": len(rs), "rps": round(len(rs) / wall, 1),
            "p50_ms": round(statistics.median(ms), 1), "p95_ms": round(percentile(ms, 0.95), 1),
            "max_ms": round(max(ms), 1), "errors": sum(1 for _, s in rs if s != 200),
            "statuses": statuses,
        }
    return rows


def main(argv: list[str] | None = None) -> int:
    """Build the database if needed, serve it, hold the load and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=3000, help="current-events items in the database")
    parser.add_argument("--db", type=Path, default=OUT / "load.duckdb")
    parser.add_argument("--seconds", type=float, default=30.0, help="longest the load runs")
    parser.add_argument("--requests", type=int, default=4000, help="most requests sent")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ingest-during", type=int, default=0, metavar="N",
                        help="5 s into the load, ingest N more items into (a copy of) the database")
    args = parser.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    build_db(args.db, args.items)
    if args.ingest_during:
        copy = OUT / "load-ingest.duckdb"
        shutil.copyfile(args.db, copy)
        args.db = copy
    writer: dict[str, Any] = {}

    port = free_port()
    env = {**os.environ, "KIBARU_CACHE": str(OUT / "cache")}
    server = subprocess.Popen([KIBARU, "serve", "--db", str(args.db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    base = ("127.0.0.1", port)
    try:
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None:
                raise SystemExit(f"kibaru serve exited: {server.stderr.read() if server.stderr else ''}")
            try:
                conn = http.client.HTTPConnection(*base, timeout=5)
                if get(conn, "/api/health")[0] == 200:
                    conn.close()
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("kibaru serve did not answer within 120 s")
            time.sleep(0.3)
        if args.ingest_during:
            def write() -> None:
                time.sleep(5)
                started = time.perf_counter()
                done = subprocess.run(
                    [KIBARU, "ingest", str(OUT / "current-events-5000.jsonl"), "--db", str(args.db),
                     "--max-items", str(args.items + args.ingest_during), "--workers", "0", "--quiet"],
                    capture_output=True, text=True, check=False)
                writer.update(seconds=round(time.perf_counter() - started, 1),
                              returncode=done.returncode, output=(done.stdout + done.stderr).strip())

            thread = threading.Thread(target=write)
            thread.start()
        results, wall = load(base, seconds=args.seconds, max_requests=args.requests,
                             concurrency=args.concurrency, seed=args.seed)
        if args.ingest_during:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)

    conn_rows = summarise(results, wall)
    figures = {"db": str(args.db), "items": args.items, "concurrency": args.concurrency,
               "seconds_bound": args.seconds, "requests_bound": args.requests,
               "wall_seconds": round(wall, 1), "endpoints": conn_rows, "ingest_during": writer}
    out_file = OUT / ("load_bench_ingest.json" if args.ingest_during else "load_bench.json")
    out_file.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"{'endpoint':28} {'req':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>6}")
    for name, row in conn_rows.items():
        print(f"{name:28} {row['requests']:>6} {row['rps']:>7} {row['p50_ms']:>8} {row['p95_ms']:>8} "
              f"{row['max_ms']:>8} {row['errors']:>6}")
    print(f"{wall:.1f} s wall, concurrency {args.concurrency}; figures in {out_file}")
    if args.ingest_during:
        statuses = conn_rows.get("all", {}).get("statuses", {})
        print(f"writer: {writer}; answers by status: {statuses}")
        # While the writer holds the file, 503 busy is the expected answer.
        bad = sum(n for status, n in statuses.items() if status not in ("200", "503"))
        return 0 if bad == 0 and writer.get("returncode") == 0 else 1
    return 0 if conn_rows.get("all", {}).get("errors", 1) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
