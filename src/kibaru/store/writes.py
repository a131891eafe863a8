"""Write coded batches into the store: articles, reports, actors, places, events, failures.

A batch is written in one transaction (see ``Database.transaction``): a run killed at any
point leaves either the whole batch or none of it. Rows are keyed by content-derived ids and
inserted with ``ON CONFLICT DO NOTHING``, so writing the same batch twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import duckdb

from kibaru.cluster import EventCluster
from kibaru.contract import Actor, Article, Event, Location
from kibaru.store.clusters import assign_event_ids, load_clusters, outlet_sql
from kibaru.store.database import insert_rows, now
from kibaru.store.records import FailureRecord

__all__ = ["ArticleWrite", "RunCounts", "failure_id", "place_id", "write_batch"]

ArticleStatus = Literal["coded", "duplicate", "failed"]


@dataclass(frozen=True, slots=True)
class ArticleWrite:
    """One article to store: coded (with its events), a duplicate of another, or failed."""

    article: Article
    status: ArticleStatus
    text: str
    """The cleaned text when coded (evidence offsets point into it), else the raw text."""
    language: str | None = None
    published: dt.date | None = None
    events: tuple[Event, ...] = ()
    duplicate_of: str | None = None
    similarity: float | None = None
    minhash: bytes | None = None
    bands: tuple[int, ...] = ()
    pipeline_version: str | None = None


@dataclass(slots=True)
class RunCounts:
    """Counters of one run (added to the run's row with each batch)."""

    read: int = 0
    new: int = 0
    skipped: int = 0
    duplicates: int = 0
    failed: int = 0
    reports: int = 0
    failures: list[FailureRecord] = field(default_factory=list)

    def add(self, other: RunCounts) -> None:
        """Add ``other``'s counters into these."""
        self.read += other.read
        self.new += other.new
        self.skipped += other.skipped
        self.duplicates += other.duplicates
        self.failed += other.failed
        self.reports += other.reports


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[:16]


def failure_id(failure: FailureRecord) -> str:
    """Return the content-derived id of a failure (the same failure is recorded once)."""
    return "f_" + _digest(failure.origin, failure.article_id, failure.stage, failure.reason)


def place_id(location: Location) -> str:
    """Return the id of a resolved place (same place, same id)."""
    return "p_" + _digest(location.name, location.country, location.admin1, location.admin2,
                          location.lat, location.lon, location.geonameid)


_ARTICLE_COLUMNS = (
    "article_id", "url", "title", "source", "origin", "published", "language", "text",
    "raw_text", "raw_hash", "minhash", "duplicate_of", "similarity", "status", "n_reports",
    "pipeline_version", "coded_at", "run_id",
)
_REPORT_COLUMNS = (
    "report_id", "article_id", "cluster_id", "plover_type", "plover_mode", "acled_event_type",
    "acled_sub_event_type", "cameo_root", "modality", "aggregate", "date", "date_end",
    "time_precision", "place_id", "location_text", "location_name", "country", "admin1",
    "admin2", "lat", "lon", "geonameid", "geo_precision", "location_start", "location_end",
    "fatalities_low", "fatalities_best", "fatalities_high", "fatalities_text", "injuries_low",
    "injuries_best", "injuries_high", "injuries_text", "sentence_start", "sentence_end",
    "trigger_start", "trigger_end", "confidence", "pipeline_version", "coded_at",
)
_ACTOR_COLUMNS = (
    "report_id", "role", "position", "text", "name", "country", "sector", "acled_inter",
    "actor_id", "external_id", "span_start", "span_end",
)
_PLACE_COLUMNS = ("place_id", "name", "country", "admin1", "admin2", "lat", "lon", "geonameid", "feature")
_FAILURE_COLUMNS = ("failure_id", "origin", "article_id", "stage", "kind", "reason", "run_id", "recorded_at")


def _article_row(item: ArticleWrite, *, run_id: str | None, at: dt.datetime) -> tuple[object, ...]:
    a = item.article
    raw = a.text
    return (
        a.id, a.url, a.title, a.source, a.origin, item.published or a.published,
        item.language or a.language, item.text, None if raw == item.text else raw,
        hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest(), item.minhash,
        item.duplicate_of, item.similarity, item.status, len(item.events), item.pipeline_version,
        at if item.status == "coded" else None, run_id,
    )


def _report_row(event: Event, cluster_id: str, at: dt.datetime) -> tuple[object, ...]:
    loc, dead, hurt, ev = event.location, event.fatalities, event.injuries, event.evidence
    return (
        event.event_id, event.article_id, cluster_id, event.plover_type, event.plover_mode,
        event.acled_event_type, event.acled_sub_event_type, event.cameo_root, event.modality,
        event.aggregate, event.date, event.date_end, event.time_precision,
        place_id(loc) if loc else None, loc.text if loc else None, loc.name if loc else None,
        loc.country if loc else None, loc.admin1 if loc else None, loc.admin2 if loc else None,
        loc.lat if loc else None, loc.lon if loc else None, loc.geonameid if loc else None,
        loc.geo_precision if loc else None,
        loc.span.start if loc and loc.span else None, loc.span.end if loc and loc.span else None,
        dead.low if dead else None, dead.best if dead else None, dead.high if dead else None,
        dead.text if dead else None, hurt.low if hurt else None, hurt.best if hurt else None,
        hurt.high if hurt else None, hurt.text if hurt else None,
        ev.sentence_start, ev.sentence_end, ev.trigger_start, ev.trigger_end,
        float(event.confidence), event.pipeline_version, at,
    )


def _actor_rows(event: Event) -> Iterable[tuple[object, ...]]:
    for role, actors in (("source", event.source_actors), ("target", event.target_actors)):
        for position, actor in enumerate(actors):
            yield _actor_row(event.event_id, role, position, actor)


def _actor_row(report_id: str, role: str, position: int, a: Actor) -> tuple[object, ...]:
    return (report_id, role, position, a.text, a.name, a.country, a.sector, a.acled_inter,
            a.actor_id, a.external_id, a.span.start if a.span else None,
            a.span.end if a.span else None)


def _place_row(loc: Location) -> tuple[object, ...]:
    return (place_id(loc), loc.name, loc.country, loc.admin1, loc.admin2, loc.lat, loc.lon,
            loc.geonameid, loc.feature)


def _ids_in(conn: duckdb.DuckDBPyConnection, sql: str, ids: Sequence[str]) -> set[str]:
    if not ids:
        return set()
    return {r[0] for r in conn.execute(sql, [list(ids)]).fetchall()}


def write_batch(
    conn: duckdb.DuckDBPyConnection,
    items: Sequence[ArticleWrite],
    failures: Sequence[FailureRecord],
    *,
    run_id: str | None,
    counts: RunCounts | None = None,
    replace: bool = False,
) -> None:
    """Write one batch inside the caller's transaction.

    ``replace`` (recode) first removes the articles' old rows and reports, then re-clusters
    the events they belonged to.
    """
    at = now()
    affected: set[str] = set()
    ids = [item.article.id for item in items]
    if replace and ids:
        affected |= _ids_in(conn, "SELECT DISTINCT cluster_id FROM event_reports "
                                  "WHERE list_contains(?, article_id)", ids)
        conn.execute("DELETE FROM event_actors WHERE report_id IN (SELECT report_id FROM "
                     "event_reports WHERE list_contains(?, article_id))", [ids])
        conn.execute("DELETE FROM event_reports WHERE list_contains(?, article_id)", [ids])
        conn.execute("DELETE FROM article_bands WHERE list_contains(?, article_id)", [ids])
        conn.execute("DELETE FROM articles WHERE list_contains(?, article_id)", [ids])

    insert_rows(conn, "articles", _ARTICLE_COLUMNS,
                [_article_row(item, run_id=run_id, at=at) for item in items])
    insert_rows(conn, "article_bands", ("band", "band_key", "article_id"),
                [(band, key, item.article.id) for item in items
                 for band, key in enumerate(item.bands)], ignore_conflicts=False)

    events = [event for item in items if item.status == "coded" for event in item.events]
    cluster_of, retired = assign_event_ids(conn, events)
    for old, new in sorted(retired.items()):
        conn.execute("UPDATE event_reports SET cluster_id = ? WHERE cluster_id = ?", [new, old])
    affected |= set(cluster_of.values()) | set(retired) | set(retired.values())
    originals = [item.duplicate_of for item in items if item.duplicate_of]
    affected |= _ids_in(conn, "SELECT DISTINCT cluster_id FROM event_reports "
                              "WHERE list_contains(?, article_id)", originals)

    places = {place_id(e.location): e.location for e in events if e.location}
    insert_rows(conn, "places", _PLACE_COLUMNS, [_place_row(loc) for loc in places.values()])
    insert_rows(conn, "event_reports", _REPORT_COLUMNS,
                [_report_row(e, cluster_of[e.event_id], at) for e in events])
    insert_rows(conn, "event_actors", _ACTOR_COLUMNS,
                [row for e in events for row in _actor_rows(e)])
    refresh_events(conn, sorted(affected))

    insert_rows(conn, "failures", _FAILURE_COLUMNS,
                [(failure_id(f), f.origin, f.article_id, f.stage, f.kind, f.reason, run_id, at)
                 for f in failures])
    if counts is not None and run_id is not None:
        conn.execute(
            "UPDATE runs SET n_read = n_read + ?, n_new = n_new + ?, n_skipped = n_skipped + ?, "
            "n_duplicates = n_duplicates + ?, n_failed = n_failed + ?, n_reports = n_reports + ? "
            "WHERE run_id = ?",
            [counts.read, counts.new, counts.skipped, counts.duplicates, counts.failed,
             counts.reports, run_id],
        )


_EVENT_COLUMNS = (
    "event_id", "article_id", "lead_report_id", "plover_type", "plover_mode",
    "acled_event_type", "acled_sub_event_type", "cameo_root", "modality", "aggregate", "date",
    "date_end", "time_precision", "place_id", "location_text", "location_name", "country",
    "admin1", "admin2", "lat", "lon", "geonameid", "geo_precision", "fatalities_low",
    "fatalities_best", "fatalities_high", "fatalities_text", "injuries_low", "injuries_best",
    "injuries_high", "injuries_text", "sentence_start", "sentence_end", "trigger_start",
    "trigger_end", "confidence", "pipeline_version", "n_reports", "n_articles", "n_sources",
    "sources",
)
_CLUSTER_ACTOR_COLUMNS = ("event_id",) + _ACTOR_COLUMNS[1:]


def _event_row(cluster: EventCluster) -> tuple[object, ...]:
    merged = cluster.event
    lead = next(r for r in cluster.reports
                if r.article_id == merged.article_id and r.evidence == merged.evidence)
    values: dict[str, object] = dict(zip(_REPORT_COLUMNS, _report_row(merged, cluster.cluster_id, now()),
                                         strict=True))
    values.update(event_id=cluster.cluster_id, lead_report_id=lead.event_id,
                  n_reports=cluster.n_reports, n_articles=len(cluster.article_ids),
                  n_sources=len(cluster.sources), sources=list(cluster.sources))
    return tuple(values[c] for c in _EVENT_COLUMNS)


def refresh_events(conn: duckdb.DuckDBPyConnection, cluster_ids: Sequence[str]) -> None:
    """Rebuild the ``events`` rows (merged event, union actors, counts, sources) of
    ``cluster_ids`` from their member reports; drop those left with no report."""
    if not cluster_ids:
        return
    ids = list(cluster_ids)
    members = load_clusters(conn, ids)
    article_ids = sorted({e.article_id for reports in members.values() for e in reports})
    outlets: dict[str, set[str]] = {}
    # An article's outlet, and those of its syndicated copies, are all sources of its events.
    for article_id, outlet in conn.execute(
        f"SELECT coalesce(a.duplicate_of, a.article_id), {outlet_sql('a')} FROM articles a "
        "WHERE list_contains(?, a.article_id) OR list_contains(?, a.duplicate_of)",
        [article_ids, article_ids],
    ).fetchall():
        outlets.setdefault(article_id, set()).add(outlet)
    conn.execute("DELETE FROM events WHERE list_contains(?, event_id)", [ids])
    conn.execute("DELETE FROM event_cluster_actors WHERE list_contains(?, event_id)", [ids])
    clusters = [
        EventCluster(cluster_id=cid, reports=tuple(reports), sources=tuple(sorted(
            {o for r in reports for o in outlets.get(r.article_id, {r.article_id})})))
        for cid, reports in sorted(members.items())
    ]
    insert_rows(conn, "events", _EVENT_COLUMNS, [_event_row(c) for c in clusters],
                ignore_conflicts=False)
    insert_rows(conn, "event_cluster_actors", _CLUSTER_ACTOR_COLUMNS,
                [(c.cluster_id, *row[1:]) for c in clusters for row in _actor_rows(c.event)],
                ignore_conflicts=False)
