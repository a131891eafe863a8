"""Serve and ingest one database at once: ``kibaru serve`` lets go of its read-only
connection between bursts of requests, ``kibaru ingest`` waits for that and writes; readers
meanwhile see a committed state or a 503 "busy" in the error envelope, never a 500, and the
database ends consistent with every batch in it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from rel_support import check_consistent, get_json, kibaru, serving, write_corpus

from kibaru.store import Store

pytestmark = pytest.mark.slow

EVERYTHING = "modality=all&aggregates=true&limit=5"


def test_readers_see_committed_states_or_busy_while_an_ingest_writes(tmp_path: Path) -> None:
    db = tmp_path / "live.duckdb"
    first = kibaru("ingest", str(write_corpus(tmp_path / "a.jsonl", 8, tag="a")), "--db", str(db),
                   "--workers", "0", "--quiet")
    assert first.returncode == 0, first.stderr
    before = check_consistent(db)

    seen: list[tuple[float, str, int, object]] = []
    retry_after: list[str | None] = []
    stop = threading.Event()

    def read(url: str, path: str) -> None:
        while not stop.is_set():
            status, headers, body = get_json(f"{url}{path}")
            seen.append((time.monotonic(), path, status, body))
            if status == 503:
                retry_after.append(headers.get("retry-after"))
            time.sleep(0.05)

    with serving(db, cache=tmp_path / "cache") as url:
        readers = [threading.Thread(target=read, args=(url, p), daemon=True)
                   for p in (f"/api/events?{EVERYTHING}", "/api/meta")]
        for thread in readers:
            thread.start()
        time.sleep(1.5)
        started = time.monotonic()
        second = kibaru("ingest", str(write_corpus(tmp_path / "b.jsonl", 24, tag="b", broken_every=10)),
                        "--db", str(db), "--workers", "0", "--batch-size", "4", "--quiet")
        finished = time.monotonic()
        time.sleep(3)  # the server reopens the file and serves the new state
        stop.set()
        for thread in readers:
            thread.join(timeout=60)
        status, _, health = get_json(f"{url}/api/health")

    assert second.returncode == 0, second.stderr
    after = check_consistent(db)
    with Store.open(db, read_only=True) as store:
        reasons = store.execute("SELECT origin, stage, reason FROM failures ORDER BY origin")
    assert after["articles"] == before["articles"] + 24 and after["failures"] == before["failures"] + 2, reasons

    print(f"{len(seen)} answers while ingesting: {sum(s == 200 for _, _, s, _ in seen)} x 200, "
          f"{sum(s == 503 for _, _, s, _ in seen)} x 503 busy; ingest took {finished - started:.1f} s")
    statuses = {s for _, _, s, _ in seen}
    assert statuses <= {200, 503}, [(p, s, b) for _, p, s, b in seen if s not in (200, 503)]
    busy = [b for _, _, s, b in seen if s == 503]
    assert busy and all(isinstance(b, dict) and b["error"]["code"] == "busy" for b in busy)
    assert set(retry_after) <= {"2"}
    totals = [(t, b["total"]) for t, p, s, b in seen
              if s == 200 and p.startswith("/api/events") and isinstance(b, dict)]
    # Each answer is a committed state: the totals never go down, and end at the final count.
    assert [n for _, n in totals] == sorted(n for _, n in totals)
    assert totals[0][1] < totals[-1][1] == health["events"]
    assert status == 200 and any(t < started for t, _ in totals) and any(t > finished for t, _ in totals)
