"""Benchmark (issue 4): ingest current-events items into a fresh store, then query it.

1. Writes N current-events items as JSONL (bench/current_events_jsonl.py), then runs
   ``kibaru ingest ITEMS.jsonl --db FRESH.duckdb`` in a subprocess: items/s, peak memory
   (psutil RSS of the command and its children, sampled every 0.1 s) and database size.
2. On that database, p50/p95 latency of the dashboard's aggregate queries (events per week x
   type, per week x country, and per week x type x country), each run ``--query-runs`` times
   with and without a country filter.
3. The same input through ``kibaru ingest --engine dask`` (2-worker LocalCluster) into another
   fresh database: items/s, peak memory, and whether both stores hold the same events.

Run one benchmark at a time on the shared 2-core machine; sizes are modest on purpose and
the README extrapolates. Writes bench/out/ingest_bench.json.

    .venv/bin/python bench/ingest_bench.py --items 5000 [--since 2023-01-01] [--skip-dask]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
KIBARU = REPO / ".venv" / "bin" / "kibaru"
sys.path.insert(0, str(REPO / "bench"))

import current_events_jsonl
from memory import PeakMemory, mib


def timed_command(args: list[str], *, log: Path) -> dict[str, Any]:
    """Run a command, sampling its process tree's memory; return seconds and peaks."""
    start = time.perf_counter()
    with log.open("w") as handle:
        proc = subprocess.Popen(args, stdout=handle, stderr=subprocess.STDOUT, env={**os.environ, "COLUMNS": "120"})
        with PeakMemory(proc.pid) as peak:
            code = proc.wait()
    seconds = time.perf_counter() - start
    if code != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise SystemExit(f"ingest_bench: {' '.join(args)} exited {code}:\n{tail}")
    return {"seconds": round(seconds, 2), "peak_rss_mib": mib(peak.peak_rss), "peak_pss_mib": mib(peak.peak_pss)}


def db_size(path: Path) -> int:
    """Return the database's size in bytes (file plus write-ahead log)."""
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + ".wal")) if p.exists())


def query_latency(db: Path, *, runs: int) -> dict[str, Any]:
    """Return p50/p95 milliseconds of the dashboard's aggregate queries on ``db``."""
    from kibaru.store import Store
    from kibaru.store.filters import EventFilter

    results: dict[str, Any] = {}
    with Store.open(db, read_only=True) as store:
        top = store.execute("SELECT country FROM events WHERE country IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
        country = top[0][0] if top else None
        cases: dict[str, Any] = {
            "week x type": lambda: store.aggregates(interval="week", by="type"),
            "week x country": lambda: store.aggregates(interval="week", by="country"),
            f"week x type, country={country}": lambda: store.aggregates(
                interval="week", by="type", filter=EventFilter(country=country)),
            "week x type x country (SQL)": lambda: store.execute(
                "SELECT date_trunc('week', date) AS week, plover_type, country, count(*), "
                "coalesce(sum(fatalities_best), 0) FROM events WHERE date IS NOT NULL "
                "AND modality = 'asserted' GROUP BY ALL ORDER BY 1, 2, 3"),
        }
        for name, run in cases.items():
            run()  # warm the cache once, as a dashboard would be
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                rows = run()
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            results[name] = {
                "rows": len(rows),
                "p50_ms": round(statistics.median(times), 2),
                "p95_ms": round(times[max(0, int(0.95 * len(times)) - 1)], 2),
            }
        stats = store.stats()
    results["_store"] = dataclasses.asdict(stats) if dataclasses.is_dataclass(stats) else str(stats)
    return results


def count_rows(db: Path) -> dict[str, int]:
    """Return the number of articles, reports and events in a store."""
    from kibaru.store import Store

    with Store.open(db, read_only=True) as store:
        return {t: int(store.execute(f"SELECT count(*) FROM {t}")[0][0]) for t in ("articles", "event_reports", "events")}


def main(argv: list[str] | None = None) -> int:
    """Run the ingest, query and Dask benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--since", type=dt.date.fromisoformat, default=dt.date(2023, 1, 1))
    parser.add_argument("--query-runs", type=int, default=50)
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--extra", nargs=argparse.REMAINDER, default=[], help="extra args for kibaru ingest")
    args = parser.parse_args(argv)
    if not current_events_jsonl.TARBALL.exists():
        print("ingest_bench: ../shared is absent; nothing to ingest", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    items = OUT / f"current-events-{args.items}.jsonl"
    current_events_jsonl.main(["--out", str(items), "--limit", str(args.items), "--since", args.since.isoformat()])
    n_items = sum(1 for _ in items.open(encoding="utf-8"))
    report: dict[str, Any] = {"items": n_items, "since": args.since.isoformat()}

    plain_db = OUT / f"ingest-{args.items}.duckdb"
    for p in (plain_db, plain_db.with_name(plain_db.name + ".wal")):
        p.unlink(missing_ok=True)
    plain = timed_command([str(KIBARU), "ingest", str(items), "--db", str(plain_db), "--quiet", *args.extra], log=OUT / "ingest_plain.log")
    plain.update(items_per_s=round(n_items / plain["seconds"], 2), db_mib=mib(db_size(plain_db)), rows=count_rows(plain_db))
    report["plain"] = plain
    print(f"plain ingest: {n_items:,} items in {plain['seconds']} s = {plain['items_per_s']} items/s, "
          f"peak RSS {plain['peak_rss_mib']} MiB (PSS {plain['peak_pss_mib']}), DB {plain['db_mib']} MiB, {plain['rows']}")

    report["queries"] = query_latency(plain_db, runs=args.query_runs)
    for name, figures in report["queries"].items():
        if not name.startswith("_"):
            print(f"  {name:40} rows {figures['rows']:>6}  p50 {figures['p50_ms']:>8} ms  p95 {figures['p95_ms']:>8} ms")

    if not args.skip_dask:
        dask_db = OUT / f"ingest-{args.items}-dask.duckdb"
        for p in (dask_db, dask_db.with_name(dask_db.name + ".wal")):
            p.unlink(missing_ok=True)
        dask = timed_command([str(KIBARU), "ingest", str(items), "--db", str(dask_db), "--quiet", "--engine", "dask", *args.extra],
                             log=OUT / "ingest_dask.log")
        dask.update(items_per_s=round(n_items / dask["seconds"], 2), db_mib=mib(db_size(dask_db)), rows=count_rows(dask_db))
        report["dask"] = dask
        same = dask["rows"] == plain["rows"]
        print(f"dask ingest:  {n_items:,} items in {dask['seconds']} s = {dask['items_per_s']} items/s, "
              f"peak RSS {dask['peak_rss_mib']} MiB (PSS {dask['peak_pss_mib']}), DB {dask['db_mib']} MiB, "
              f"{dask['rows']} (same counts as plain: {same}); dask/plain time = "
              f"{round(dask['seconds'] / plain['seconds'], 2)}")
    (OUT / "ingest_bench.json").write_text(json.dumps(report, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
