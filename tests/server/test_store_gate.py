"""The store gate: parallel reads on per-thread cursors, or a lease that lets writers in."""

from __future__ import annotations

import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kibaru.server.deps import StoreGate
from kibaru.store import EventFilter, Store


def test_threads_read_in_parallel_on_their_own_cursors(store_path: Path) -> None:
    store = Store.open(store_path, read_only=True)
    gate = StoreGate(store)
    used: set[int] = set()
    lock = threading.Lock()

    def count(_: int) -> int:
        def on(s: Store) -> int:
            with lock:
                used.add(id(s))
            return s.count_events(EventFilter(country="NER"))
        return gate.run(on)

    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(count, range(120)))
    finally:
        gate.close()
    assert set(results) == {3}
    assert 1 < len(used) <= 6 and id(store) not in used


def test_a_leased_store_is_released_when_idle_and_reopened(store_path: Path, tmp_path: Path) -> None:
    # A copy: other tests of this session hold the shared file open read-only.
    db = tmp_path / "copy.duckdb"
    shutil.copyfile(store_path, db)
    opened: list[Store] = []

    def reopen() -> Store:
        opened.append(Store.open(db, read_only=True))
        return opened[-1]

    gate = StoreGate(reopen(), reopen=reopen, idle=0.2, max_hold=60)
    try:
        assert gate.run(lambda s: s.count_events()) == 10
        time.sleep(0.6)
        assert gate.store is None  # released: a writer could open the file now
        with Store.open(db) as writer:  # and indeed can
            assert writer.count_events() == 10
        assert gate.run(lambda s: s.count_events()) == 10
        assert len(opened) == 2
    finally:
        gate.close()
