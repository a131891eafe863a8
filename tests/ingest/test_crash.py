"""Kill ``kibaru ingest`` with SIGKILL at random points: the database must always open with
consistent counts, and rerunning the same command must end in exactly the state of an
uninterrupted run."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kibaru.store import Store

CITIES = ["Mopti", "Gao", "Timbuktu", "Kidal", "Djibo", "Dori", "Tillaberi", "Diffa", "Menaka",
          "Segou", "Kaya", "Fada N'Gourma"]
ACTORS = ["Gunmen", "Jihadist fighters", "Suspected militants", "Armed bandits", "Rebels", "Soldiers"]
TARGETS = ["a village", "a military post", "a market", "a convoy", "a police station", "a school"]


def corpus(path: Path, n: int = 36) -> None:
    rows = []
    for i in range(n):
        city, actor, target = CITIES[i % 12], ACTORS[i % 6], TARGETS[(i // 2) % 6]
        rows.append(json.dumps({
            "url": f"https://crash.test/{i}", "published": f"2024-03-{1 + i % 28:02d}",
            "text": f"{city.upper()} — {actor} attacked {target} near {city} on Monday, killing "
                    f"{3 + i} people, officials said. Report {i}: residents of {city} fled "
                    f"toward {CITIES[(i + 5) % 12]} after the {actor.lower()} left, witness number {i} said.",
        }))
        if i == 10:
            rows.append("{this line is broken")
    path.write_text("\n".join(rows) + "\n")


def command(inputs: Path, db: Path) -> list[str]:
    return [str(Path(sys.executable).with_name("kibaru")), "ingest", str(inputs), "--db", str(db),
            "--batch-size", "4", "--workers", "1", "--model", "sm", "--quiet"]


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    queries = {
        "articles": "SELECT article_id, url, status, duplicate_of, n_reports, text, published, "
                    "pipeline_version FROM articles ORDER BY 1",
        "bands": "SELECT article_id, band, band_key FROM article_bands ORDER BY ALL",
        "reports": "SELECT report_id, article_id, cluster_id, plover_type, date, country, "
                   "fatalities_best, sentence_start, sentence_end FROM event_reports ORDER BY 1",
        "actors": "SELECT report_id, role, position, name FROM event_actors ORDER BY ALL",
        "events": "SELECT event_id, lead_report_id, plover_type, n_reports, n_sources, "
                  "fatalities_low, fatalities_best, fatalities_high, sources FROM events ORDER BY 1",
        "cluster_actors": "SELECT event_id, role, position, name FROM event_cluster_actors ORDER BY ALL",
        "failures": "SELECT failure_id, origin, article_id, stage, reason FROM failures ORDER BY 1",
        "places": "SELECT * FROM places ORDER BY 1",
    }
    with Store.open(db, read_only=True) as store:
        return {name: store.execute(sql) for name, sql in queries.items()}


def check_consistent(db: Path) -> None:
    with Store.open(db) as store:  # opens (replaying the write-ahead log) after the kill
        orphans = store.execute(
            "SELECT count(*) FROM event_reports r LEFT JOIN articles a USING (article_id) "
            "WHERE a.article_id IS NULL")[0][0]
        empty = store.execute(
            "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_reports r "
            "WHERE r.cluster_id = e.event_id)")[0][0]
        unclustered = store.execute(
            "SELECT count(*) FROM event_reports r WHERE NOT EXISTS (SELECT 1 FROM events e "
            "WHERE e.event_id = r.cluster_id)")[0][0]
        wrong_counts = store.execute(
            "SELECT count(*) FROM events e WHERE n_reports <> (SELECT count(*) FROM event_reports r "
            "WHERE r.cluster_id = e.event_id)")[0][0]
        article_counts = store.execute(
            "SELECT count(*) FROM articles a WHERE n_reports <> (SELECT count(*) FROM event_reports r "
            "WHERE r.article_id = a.article_id)")[0][0]
        run_sum = store.execute("SELECT coalesce(sum(n_new), 0) FROM runs")[0][0]
        coded = store.execute("SELECT count(*) FROM articles WHERE status = 'coded'")[0][0]
    assert (orphans, empty, unclustered, wrong_counts, article_counts) == (0, 0, 0, 0, 0)
    assert run_sum == coded  # the run counters moved in the same transactions as the rows


def commit_window(db: Path, duration: float) -> tuple[float, float]:
    """Return when, in seconds after launch, the reference run committed its first and last
    batch (so kills land while batches are being written, not while the model loads)."""
    with Store.open(db, read_only=True) as store:
        (started, finished), = store.execute("SELECT started, finished FROM runs")
        (first, last), = store.execute("SELECT min(coded_at), max(coded_at) FROM articles")
    startup = duration - (finished - started).total_seconds()
    return startup + (first - started).total_seconds(), startup + (last - started).total_seconds()


@pytest.mark.slow
def test_kill_9_at_random_points_then_rerun_gives_the_uninterrupted_state(
    tmp_path: Path, full_pipeline: object
) -> None:
    inputs = tmp_path / "reports.jsonl"
    corpus(inputs, 60)
    reference = tmp_path / "reference.duckdb"
    # A first run builds the on-disk caches (gazetteer, actor index), so that the reference
    # run's timing is that of the trials.
    subprocess.run(command(inputs, tmp_path / "warm-up.duckdb"), capture_output=True, timeout=600, check=True)
    started = time.monotonic()
    done = subprocess.run(command(inputs, reference), capture_output=True, text=True, timeout=600, check=False)
    duration = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    expected = snapshot(reference)
    assert len(expected["articles"]) == 60 and expected["reports"] and expected["failures"]
    first, last = commit_window(reference, duration)

    rng = random.Random(20261126)
    killed_mid_run = 0
    low, high = max(0.2, first - 1.0), last + 0.5
    for trial in range(3):
        db = tmp_path / f"trial{trial}.duckdb"
        kills = attempts = 0
        while kills < 2 and attempts < 8:  # kill twice on one database, then let it finish
            attempts += 1
            process = subprocess.Popen(command(inputs, db), stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, start_new_session=True)
            delay = rng.uniform(low, high)
            time.sleep(delay)
            if process.poll() is None:
                kills += 1
                killed_mid_run += 1
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=60)
            if db.exists():
                check_consistent(db)
            if not kills and process.returncode == 0:
                # It finished first: the machine is less loaded than during the reference
                # run. Start this trial again on a fresh database and aim earlier.
                for leftover in (db, db.with_name(db.name + ".wal")):
                    leftover.unlink(missing_ok=True)
                high = max(low + 0.2, delay * 0.7)
                low = max(0.1, min(low, high - 0.2))
            elif process.returncode == 0:
                break
        rerun = subprocess.run(command(inputs, db), capture_output=True, text=True, timeout=600, check=False)
        assert rerun.returncode == 0, rerun.stderr
        check_consistent(db)
        got = snapshot(db)
        if got != expected:
            again = tmp_path / f"reference{trial}.duckdb"
            subprocess.run(command(inputs, again), capture_output=True, timeout=600, check=True)
            assert snapshot(again) == expected, (
                "two uninterrupted runs of the same input differ: the pipeline is not deterministic "
                "or its code/data changed during the test")
        assert got == expected, f"trial {trial} differs from the uninterrupted run"
    assert killed_mid_run >= 3
