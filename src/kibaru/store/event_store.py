"""Offer the one object that owns the event database: ``Store``.

>>> with Store.open("kibaru.duckdb", read_only=True) as store:
...     for record in store.query_events(EventFilter(country="MLI"), limit=10):
...         print(record.event.date, record.event.plover_type, record.evidence_text)
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

from kibaru.store import queries
from kibaru.store.database import DEFAULT_DB, Database, now
from kibaru.store.filters import EventFilter
from kibaru.store.records import (
    ActorCount,
    ActorLink,
    AggregateRow,
    ArticleRecord,
    EventDetail,
    EventRecord,
    FailureRecord,
    RunRecord,
    StoreStats,
)
from kibaru.store.writes import ArticleWrite, RunCounts, write_batch

__all__ = ["Store"]


class Store:
    """The Kibaru event store: a DuckDB file with typed reads and batch writes.

    Open it with ``Store.open(path)`` for writing (one writer at a time; a second one gets
    ``StoreBusyError``) or ``Store.open(path, read_only=True)`` for reading.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    @classmethod
    def open(cls, path: Path | str = DEFAULT_DB, *, read_only: bool = False,
             wait: float = 0.0, memory_limit: str = "2GB") -> Store:
        """Open the store at ``path`` (created and migrated when opened for writing),
        waiting up to ``wait`` seconds while another process holds it; ``memory_limit``
        caps DuckDB's buffer pool (it spills to disk beyond it)."""
        return cls(Database.open(path, read_only=read_only, wait=wait, memory_limit=memory_limit))

    @property
    def path(self) -> Path:
        """Return the database file's path."""
        return self._db.path

    @property
    def read_only(self) -> bool:
        """Return whether the store was opened read-only."""
        return self._db.read_only

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def reader(self) -> Store:
        """Return a store on a new cursor of this connection, for reads from another thread
        (one DuckDB connection must not serve two threads at once). Closing this store closes
        the cursor too."""
        return Store(Database(self._db.conn.cursor(), self._db.path, read_only=self._db.read_only))

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- reads -------------------------------------------------------------------------

    def query_events(self, flt: EventFilter | None = None, *, limit: int = 100,
                     offset: int = 0) -> list[EventRecord]:
        """Return one page of events matching ``flt``, newest first."""
        return queries.query_events(self._db.conn, flt or EventFilter(), limit=limit, offset=offset)

    def iter_events(self, flt: EventFilter | None = None, *, page: int = 1000,
                    limit: int | None = None) -> Iterator[EventRecord]:
        """Yield every event matching ``flt`` (up to ``limit``), a page at a time."""
        offset = 0
        while limit is None or offset < limit:
            size = page if limit is None else min(page, limit - offset)
            records = self.query_events(flt, limit=size, offset=offset)
            yield from records
            if len(records) < size:
                return
            offset += size

    def count_events(self, flt: EventFilter | None = None) -> int:
        """Return how many events match ``flt``."""
        return queries.count_events(self._db.conn, flt or EventFilter())

    def get_event(self, event_id: str) -> EventDetail | None:
        """Return an event with its reports, evidence sentences and source articles."""
        return queries.get_event(self._db.conn, event_id)

    def get_article(self, article_id: str) -> ArticleRecord | None:
        """Return a stored article's cleaned text and its reports' evidence spans."""
        return queries.get_article(self._db.conn, article_id)

    def aggregates(
        self,
        *,
        interval: Literal["day", "week", "month", "year"] = "week",
        by: Literal["type", "acled", "country", "admin1", "none"] = "type",
        filter: EventFilter | None = None,
    ) -> list[AggregateRow]:
        """Return events and fatalities per period (day/week/month/year) and key."""
        return queries.aggregates(self._db.conn, filter or EventFilter(), interval=interval, by=by)

    def actor_network(self, flt: EventFilter | None = None, *, limit: int = 100) -> list[ActorLink]:
        """Return actor pairs (source -> target) with their event counts by type."""
        return queries.actor_network(self._db.conn, flt or EventFilter(), limit=limit)

    def top_actors(self, flt: EventFilter | None = None, *, limit: int = 20) -> list[ActorCount]:
        """Return the actors in the most events."""
        return queries.top_actors(self._db.conn, flt or EventFilter(), limit=limit)

    def failures(self, *, limit: int = 100, run_id: str | None = None) -> list[FailureRecord]:
        """Return the latest recorded failures (of one run when ``run_id`` is given)."""
        rows = self._db.conn.execute(
            "SELECT origin, stage, kind, reason, article_id, run_id, recorded_at FROM failures "
            "WHERE ? IS NULL OR run_id = ? ORDER BY recorded_at DESC, origin LIMIT ?",
            [run_id, run_id, limit],
        ).fetchall()
        return [FailureRecord(origin=r[0], stage=r[1], kind=r[2], reason=r[3], article_id=r[4],
                              run_id=r[5], at=r[6]) for r in rows]

    def runs(self, *, limit: int = 20) -> list[RunRecord]:
        """Return the latest runs."""
        rows = self._db.conn.execute(
            "SELECT run_id, command, started, finished, status, pipeline_version, n_read, n_new, "
            "n_skipped, n_duplicates, n_failed, n_reports FROM runs ORDER BY started DESC LIMIT ?",
            [limit],
        ).fetchall()
        return [RunRecord(*r) for r in rows]

    def stats(self) -> StoreStats:
        """Return counts over the whole store."""
        conn = self._db.conn

        def one(sql: str) -> Any:
            row = conn.execute(sql).fetchone()
            return row[0] if row else None

        def pairs(sql: str) -> tuple[tuple[str, int], ...]:
            return tuple((str(k), int(v)) for k, v in conn.execute(sql).fetchall())

        return StoreStats(
            articles=one("SELECT count(*) FROM articles"),
            coded_articles=one("SELECT count(*) FROM articles WHERE status = 'coded'"),
            duplicates=one("SELECT count(*) FROM articles WHERE status = 'duplicate'"),
            failed_articles=one("SELECT count(*) FROM articles WHERE status = 'failed'"),
            reports=one("SELECT count(*) FROM event_reports"),
            events=one("SELECT count(*) FROM events"),
            asserted_events=one("SELECT count(*) FROM events WHERE modality = 'asserted' AND NOT aggregate"),
            failures=one("SELECT count(*) FROM failures"),
            runs=one("SELECT count(*) FROM runs"),
            first_date=one("SELECT min(date) FROM events WHERE modality = 'asserted'"),
            last_date=one("SELECT max(date) FROM events WHERE modality = 'asserted'"),
            events_by_type=pairs("SELECT plover_type, count(*) FROM events WHERE modality = 'asserted' "
                                 "AND NOT aggregate GROUP BY 1 ORDER BY 2 DESC, 1"),
            events_by_country=pairs("SELECT coalesce(country, '?'), count(*) FROM events WHERE "
                                    "modality = 'asserted' AND NOT aggregate GROUP BY 1 "
                                    "ORDER BY 2 DESC, 1 LIMIT 20"),
            pipeline_versions=pairs("SELECT coalesce(pipeline_version, '-'), count(*) FROM articles "
                                    "GROUP BY 1 ORDER BY 2 DESC, 1"),
            schema=tuple(self._db.applied_migrations()),
        )

    # -- writes (ingest and recode) ----------------------------------------------------

    def known_articles(self, ids: Sequence[str]) -> set[str]:
        """Return which of ``ids`` are already stored."""
        if not ids:
            return set()
        return {r[0] for r in self._db.conn.execute(
            "SELECT article_id FROM articles WHERE list_contains(?, article_id)", [list(ids)]
        ).fetchall()}

    def band_matches(self, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
        """Return the stored original articles sharing each MinHash band key (band, key)."""
        if not keys:
            return {}
        out: dict[tuple[int, int], list[str]] = {}
        rows = self._db.conn.execute(
            "SELECT b.band, b.band_key, b.article_id FROM article_bands b "
            "JOIN articles a USING (article_id) WHERE a.duplicate_of IS NULL AND "
            "list_contains(?, b.band_key) ORDER BY b.article_id",
            [sorted({k for _, k in keys})],
        ).fetchall()
        wanted = set(keys)
        for band, key, article_id in rows:
            if (band, key) in wanted:
                out.setdefault((band, key), []).append(article_id)
        return out

    def signatures(self, ids: Sequence[str]) -> dict[str, bytes]:
        """Return the stored MinHash signatures of ``ids``."""
        if not ids:
            return {}
        return {r[0]: bytes(r[1]) for r in self._db.conn.execute(
            "SELECT article_id, minhash FROM articles WHERE list_contains(?, article_id) "
            "AND minhash IS NOT NULL", [list(ids)]
        ).fetchall()}

    def begin_run(self, command: str, *, arguments: dict[str, Any] | None = None,
                  pipeline_version: str | None = None) -> str:
        """Record the start of a run and return its id."""
        run_id = f"run_{now():%Y%m%dT%H%M%S}_{secrets.token_hex(3)}"
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO runs (run_id, command, arguments, started, status, pipeline_version) "
                "VALUES (?, ?, ?, ?, 'running', ?)",
                [run_id, command, json.dumps(arguments or {}, default=str), now(), pipeline_version],
            )
        return run_id

    def finish_run(self, run_id: str, *, status: str = "done") -> None:
        """Record the end of a run."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE runs SET finished = ?, status = ? WHERE run_id = ?",
                         [now(), status, run_id])

    def write_batch(self, items: Sequence[ArticleWrite], failures: Sequence[FailureRecord] = (),
                    *, run_id: str | None = None, counts: RunCounts | None = None,
                    replace: bool = False) -> None:
        """Store one batch of articles, their reports and events, and failures, in one
        transaction (all or nothing)."""
        with self._db.transaction() as conn:
            write_batch(conn, items, failures, run_id=run_id, counts=counts, replace=replace)

    def articles_to_recode(self, pipeline_version: str, *, after: str = "",
                           limit: int = 100) -> list[tuple[str, str, str | None, str | None,
                                                           str | None, str | None, Any]]:
        """Return (id, raw text, url, title, source, origin, published) of coded or failed
        articles from another pipeline version, by id after ``after`` (keyset paging)."""
        return [tuple(r) for r in self._db.conn.execute(
            "SELECT article_id, coalesce(raw_text, text), url, title, source, origin, published "
            "FROM articles WHERE status <> 'duplicate' AND coalesce(pipeline_version, '') <> ? "
            "AND article_id > ? ORDER BY article_id LIMIT ?", [pipeline_version, after, limit],
        ).fetchall()]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only SQL statement with bound parameters (for tests and benchmarks)."""
        return [tuple(r) for r in self._db.conn.execute(sql, list(params)).fetchall()]
