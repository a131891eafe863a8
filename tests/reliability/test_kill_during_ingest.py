"""Kill ``kibaru ingest`` with SIGKILL at random points over a folder of mixed formats (text,
JSON Lines, CSV, HTML, a broken file), eight times: after each kill the database opens and
every invariant holds, and the rerun ends with exactly the article, report, event and
failure ids of an uninterrupted run.

tests/ingest/test_crash.py kills one JSON Lines input with one worker process; this one
varies the formats, the number of workers (in-process and two processes) and the batch size.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from rel_support import KIBARU, check_consistent, ids, report

pytestmark = pytest.mark.slow

TRIALS = 8


def build_inputs(folder: Path) -> Path:
    """Write 16 reports across five formats, plus two broken items."""
    folder.mkdir()
    for i in range(4):
        item = report(300 + i, tag="k")
        (folder / f"2024-05-0{i + 1}-report.txt").write_text(f"url: {item['url']}\n\n{item['text']}")
    with (folder / "wire.jsonl").open("w") as handle:
        for i in range(4, 10):
            handle.write(json.dumps(report(300 + i, tag="k")) + "\n")
        handle.write("{not json\n")
    with (folder / "sheet.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["url", "published", "text"])
        writer.writeheader()
        for i in range(10, 14):
            writer.writerow(report(300 + i, tag="k"))
    for i in range(14, 16):
        item = report(300 + i, tag="k")
        (folder / f"page{i}.html").write_text(
            f"<html><head><title>Report {i}</title></head><body><article><p>{item['text']}</p>"
            "<p>Residents described the attack to reporters.</p></article></body></html>")
    (folder / "broken.txt").write_bytes(b"\x00\x01binary\x00" * 20)
    return folder


def command(inputs: Path, db: Path, *, workers: int, batch: int) -> list[str]:
    return [KIBARU, "ingest", str(inputs), "--db", str(db), "--workers", str(workers),
            "--batch-size", str(batch), "--quiet"]


def test_kill_9_at_random_points_over_mixed_formats_then_rerun_equals_an_uninterrupted_run(
        tmp_path: Path) -> None:
    inputs = build_inputs(tmp_path / "inputs")
    reference = tmp_path / "reference.duckdb"
    # Build the on-disk caches (gazetteer, actor index) first, so the reference run's timing
    # is that of the trials.
    subprocess.run(command(inputs, tmp_path / "warm-up.duckdb", workers=0, batch=2),
                   capture_output=True, timeout=600, check=True)
    started = time.monotonic()
    done = subprocess.run(command(inputs, reference, workers=0, batch=2), check=False,
                          capture_output=True, text=True, timeout=600)
    duration = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    check_consistent(reference)
    expected = ids(reference)
    assert len(expected["articles"]) == 16 and expected["events"] and len(expected["failures"]) == 2

    rng = random.Random(7_2026_11_26)
    killed_mid_run = 0
    for trial in range(TRIALS):
        db = tmp_path / f"trial{trial}.duckdb"
        # Mostly in-process coding (cheap to restart); every fourth run on two worker processes.
        workers, batch = (2, 3) if trial % 4 == 3 else (0, 2 + trial % 2)
        process = subprocess.Popen(command(inputs, db, workers=workers, batch=batch),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        time.sleep(rng.uniform(0.2, duration))
        if process.poll() is None:
            killed_mid_run += 1
        with contextlib.suppress(ProcessLookupError):  # it may have finished meanwhile
            os.killpg(process.pid, signal.SIGKILL)  # the workers too
        process.wait(timeout=60)
        if db.exists():
            check_consistent(db)
        rerun = subprocess.run(command(inputs, db, workers=workers, batch=batch), check=False,
                               capture_output=True, text=True, timeout=600)
        assert rerun.returncode == 0, rerun.stderr
        check_consistent(db)
        got = ids(db)
        for table in ("articles", "reports", "events", "failures"):
            assert got[table] == expected[table], f"trial {trial}: {table} differ"
    assert killed_mid_run >= TRIALS // 2
