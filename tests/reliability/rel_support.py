"""Helpers of the reliability tests: a corpus of short reports, the CLI as a subprocess, a
free loopback port, a running ``kibaru serve``, and the store's consistency checks."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kibaru.store import Store

__all__ = [
    "KIBARU",
    "check_consistent",
    "free_port",
    "get_json",
    "ids",
    "kibaru",
    "serving",
    "write_corpus",
]

KIBARU = str(Path(sys.executable).with_name("kibaru"))

_PLACES = ["Mopti", "Gao", "Timbuktu", "Kidal", "Djibo", "Dori", "Tillaberi", "Diffa", "Menaka",
           "Segou", "Kaya", "Ansongo", "Douentza", "Bankass", "Arbinda", "Ouahigouya"]
_WHO = ["Gunmen", "Jihadist fighters", "Suspected militants", "Armed bandits", "Rebels",
        "Soldiers", "Unidentified assailants", "Fighters on motorbikes"]
_WHAT = ["a village", "a military post", "a market", "a convoy", "a police station",
         "a school", "a gold mine", "a checkpoint"]
_WHEN = ["on Monday", "on Tuesday", "on Wednesday", "late on Thursday", "on Friday night",
         "at dawn on Saturday", "on Sunday"]


def report(i: int, *, tag: str = "") -> dict[str, str]:
    """Return one short, distinct report (a JSON Lines record) numbered ``i``."""
    place, who, what = _PLACES[i % 16], _WHO[(i // 2) % 8], _WHAT[(i // 3) % 8]
    other, when = _PLACES[(i * 7 + 3) % 16], _WHEN[i % 7]
    return {
        "url": f"https://reliability.test/{tag}{i}",
        "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "text": f"{place.upper()} — {who} attacked {what} near {place} {when}, killing {2 + i % 40} "
                f"people, local officials said. Residents of {place} fled toward {other} after "
                f"the attack, according to witness number {i}{tag}. The army said it was "
                f"searching the area around {other}.",
    }


def write_corpus(path: Path, n: int, *, tag: str = "", broken_every: int = 0) -> Path:
    """Write ``n`` reports as JSON Lines (and a broken line every ``broken_every``)."""
    lines = []
    for i in range(n):
        lines.append(json.dumps(report(i, tag=tag)))
        if broken_every and i % broken_every == broken_every - 1:
            lines.append('{"text": "unterminated')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def kibaru(*args: str, timeout: float = 600,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the ``kibaru`` command line and return what it did."""
    return subprocess.run([KIBARU, *args], check=False, capture_output=True, text=True,
                          timeout=timeout, env=env)


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get_json(url: str, *, timeout: float = 30) -> tuple[int, dict[str, str], Any]:
    """GET ``url``; return (status, headers with lower-case names, decoded JSON body), also
    for error statuses."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        body = err.read()
        try:
            data = json.loads(body)
        except ValueError:
            data = body.decode("utf-8", "replace")
        return err.code, {k.lower(): v for k, v in err.headers.items()}, data


@contextmanager
def serving(db: Path, *, cache: Path, extra: tuple[str, ...] = ()) -> Iterator[str]:
    """Run ``kibaru serve`` on ``db`` on a free loopback port; yield its base URL."""
    port = free_port()
    env = {**os.environ, "KIBARU_CACHE": str(cache)}
    proc = subprocess.Popen([KIBARU, "serve", "--db", str(db), "--port", str(port), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"kibaru serve exited: {proc.stderr.read() if proc.stderr else ''}")
            try:
                status, _, _ = get_json(f"{url}/api/health", timeout=5)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("kibaru serve did not answer within 120 s")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def check_consistent(db: Path) -> dict[str, int]:
    """Open ``db`` (replaying its log after a crash) and check every cross-table invariant;
    return the row counts."""
    with Store.open(db) as store:
        one = lambda sql: int(store.execute(sql)[0][0])
        problems = {
            "reports without a stored article": one(
                "SELECT count(*) FROM event_reports r LEFT JOIN articles a USING (article_id) "
                "WHERE a.article_id IS NULL"),
            "events without a stored article": one(
                "SELECT count(*) FROM events e LEFT JOIN articles a USING (article_id) "
                "WHERE a.article_id IS NULL"),
            "events without reports": one(
                "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_reports r "
                "WHERE r.cluster_id = e.event_id)"),
            "reports without an event": one(
                "SELECT count(*) FROM event_reports r WHERE NOT EXISTS (SELECT 1 FROM events e "
                "WHERE e.event_id = r.cluster_id)"),
            "articles whose report count is wrong": one(
                "SELECT count(*) FROM articles a WHERE n_reports <> (SELECT count(*) FROM "
                "event_reports r WHERE r.article_id = a.article_id)"),
            "actors of missing reports": one(
                "SELECT count(*) FROM event_actors x LEFT JOIN event_reports r USING (report_id) "
                "WHERE r.report_id IS NULL"),
            "coded articles not counted by a run": one(
                "SELECT (SELECT count(*) FROM articles WHERE status = 'coded') - "
                "(SELECT coalesce(sum(n_new), 0) FROM runs)"),
        }
        counts = {t: one(f"SELECT count(*) FROM {t}")  # table names are constants here
                  for t in ("articles", "event_reports", "events", "failures", "runs")}
    bad = {k: v for k, v in problems.items() if v}
    assert not bad, f"{db} is inconsistent: {bad}"
    return counts


def ids(db: Path) -> dict[str, set[tuple[Any, ...]]]:
    """Return the sets of article, report, event and failure ids (and article statuses)."""
    with Store.open(db, read_only=True) as store:
        return {
            "articles": set(store.execute("SELECT article_id, status, duplicate_of FROM articles")),
            "reports": set(store.execute("SELECT report_id, article_id, cluster_id FROM event_reports")),
            "events": set(store.execute("SELECT event_id, n_reports FROM events")),
            "failures": set(store.execute("SELECT failure_id FROM failures")),
        }
