"""Read the store: filters compiled to parameterised SQL, and typed records out.

User values only ever travel as bound parameters; the only SQL text built here comes from
code constants (column names picked from fixed maps).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Literal

import duckdb

from kibaru.contract import MODALITIES, PLOVER_TYPES, Actor, Event
from kibaru.errors import QueryError
from kibaru.store.clusters import REPORT_SELECT, actor_from_row, event_from_row, outlet_sql
from kibaru.store.filters import EventFilter
from kibaru.store.records import (
    ActorCount,
    ActorLink,
    AggregateRow,
    ArticleRecord,
    EventDetail,
    EventRecord,
    EvidenceSpan,
    ReportRecord,
    SourceArticle,
)

__all__ = [
    "AGGREGATE_KEYS",
    "INTERVALS",
    "MAX_LIMIT",
    "actor_network",
    "aggregates",
    "count_events",
    "get_article",
    "get_event",
    "query_events",
    "top_actors",
    "where_clause",
]

MAX_LIMIT = 10_000
"""Largest page a single query returns."""

INTERVALS: dict[str, str] = {"day": "day", "week": "week", "month": "month", "year": "year"}
AGGREGATE_KEYS: dict[str, str] = {
    "type": "e.plover_type",
    "acled": "e.acled_event_type",
    "country": "e.country",
    "admin1": "e.admin1",
    "none": "NULL",
}

_EVENT_SELECT = """
SELECT e.event_id, e.article_id, e.lead_report_id AS cluster_id, e.plover_type, e.plover_mode,
       e.acled_event_type, e.acled_sub_event_type, e.cameo_root, e.modality, e.aggregate,
       e.date, e.date_end, e.time_precision, e.location_text, e.location_name, e.country,
       e.admin1, e.admin2, e.lat, e.lon, e.geonameid, e.geo_precision, NULL, NULL,
       e.fatalities_low, e.fatalities_best, e.fatalities_high, e.fatalities_text,
       e.injuries_low, e.injuries_best, e.injuries_high, e.injuries_text, e.sentence_start,
       e.sentence_end, e.trigger_start, e.trigger_end, e.confidence, e.pipeline_version,
       e.n_reports, e.n_articles, e.n_sources, e.sources, e.lead_report_id,
       substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS evidence,
       a.url
FROM events e LEFT JOIN articles a ON a.article_id = e.article_id
"""


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _check(flt: EventFilter) -> None:
    if flt.since and flt.until and flt.since > flt.until:
        raise QueryError(f"since {flt.since} is after until {flt.until}")
    if flt.plover_type and flt.plover_type.upper() not in PLOVER_TYPES:
        raise QueryError(f"unknown event type {flt.plover_type!r}; choose one of: {', '.join(PLOVER_TYPES)}")
    bad = [m for m in flt.modalities if m not in MODALITIES]
    if bad:
        raise QueryError(f"unknown modality {bad[0]!r}; choose from: {', '.join(MODALITIES)}")
    if flt.bbox is not None:
        if len(flt.bbox) != 4 or not all(isinstance(v, int | float) and math.isfinite(v) for v in flt.bbox):
            raise QueryError("bbox must be four finite numbers: west,south,east,north")
        west, south, east, north = flt.bbox
        if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
            raise QueryError("bbox must be west,south,east,north within -180..180 and -90..90, south <= north")
    if flt.country is not None and not (flt.country.isascii() and flt.country.isalpha() and len(flt.country) == 3):
        raise QueryError(f"country must be an ISO3 code such as MLI, not {flt.country!r}")


def where_clause(flt: EventFilter) -> tuple[str, list[Any]]:
    """Return the SQL condition on events ``e`` for ``flt`` and its bound parameters."""
    _check(flt)
    parts: list[str] = ["list_contains(?, e.modality)"]
    params: list[Any] = [list(flt.modalities)]
    if not flt.include_aggregates:
        parts.append("NOT e.aggregate")
    if flt.country:
        parts.append("e.country = ?")
        params.append(flt.country.upper())
    if flt.since:
        parts.append("coalesce(e.date_end, e.date) >= ?")
        params.append(flt.since)
    if flt.until:
        parts.append("e.date <= ?")
        params.append(flt.until)
    if flt.plover_type:
        parts.append("e.plover_type = ?")
        params.append(flt.plover_type.upper())
    if flt.acled_event_type:
        parts.append("lower(e.acled_event_type) = lower(?)")
        params.append(flt.acled_event_type)
    if flt.actor:
        parts.append("e.event_id IN (SELECT event_id FROM event_cluster_actors "
                     "WHERE name ILIKE ? ESCAPE '\\' OR actor_id = ?)")
        params += [_like(flt.actor), flt.actor]
    if flt.bbox is not None:
        west, south, east, north = flt.bbox
        parts.append("e.lat BETWEEN ? AND ?")
        params += [south, north]
        if west <= east:
            parts.append("e.lon BETWEEN ? AND ?")
            params += [west, east]
        else:  # the box crosses the antimeridian
            parts.append("(e.lon >= ? OR e.lon <= ?)")
            params += [west, east]
    if flt.article_id:
        parts.append("e.event_id IN (SELECT cluster_id FROM event_reports WHERE article_id = ?)")
        params.append(flt.article_id)
    if flt.text:
        pattern = _like(flt.text)
        parts.append(
            "(e.location_name ILIKE ? ESCAPE '\\' OR e.event_id IN (SELECT event_id FROM "
            "event_cluster_actors WHERE name ILIKE ? ESCAPE '\\') OR e.event_id IN (SELECT "
            "r.cluster_id FROM event_reports r JOIN articles t USING (article_id) WHERE "
            "substr(t.text, r.sentence_start + 1, r.sentence_end - r.sentence_start) "
            "ILIKE ? ESCAPE '\\'))"
        )
        params += [pattern, pattern, pattern]
    return " AND ".join(parts), params


def _page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise QueryError(f"offset must be 0 or more, not {offset}")


def _cluster_actors(conn: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[tuple[str, str], list[Actor]]:
    out: dict[tuple[str, str], list[Actor]] = defaultdict(list)
    if ids:
        for row in conn.execute(
            "SELECT event_id, role, position, text, name, country, sector, acled_inter, actor_id, "
            "external_id, span_start, span_end FROM event_cluster_actors "
            "WHERE list_contains(?, event_id) ORDER BY event_id, role, position", [list(ids)],
        ).fetchall():
            out[(row[0], row[1])].append(actor_from_row(row[3:]))
    return out


def _records(conn: duckdb.DuckDBPyConnection, rows: list[tuple[Any, ...]]) -> list[EventRecord]:
    actors = _cluster_actors(conn, [r[0] for r in rows])
    articles: dict[str, tuple[str, ...]] = defaultdict(tuple)
    urls: dict[str, list[str]] = defaultdict(list)
    if rows:
        for cid, aid, url in conn.execute(
            "SELECT DISTINCT r.cluster_id, r.article_id, a.url FROM event_reports r JOIN "
            "articles a USING (article_id) WHERE list_contains(?, r.cluster_id) "
            "ORDER BY r.cluster_id, r.article_id", [[r[0] for r in rows]],
        ).fetchall():
            articles[cid] += (aid,)
            if url:
                urls[cid].append(url)
    records = []
    for row in rows:
        event = event_from_row(row[:38], tuple(actors[(row[0], "source")]),
                               tuple(actors[(row[0], "target")]))
        n_reports, n_articles, n_sources, sources, lead, evidence, _url = row[38:]
        records.append(EventRecord(
            event=event, lead_report_id=lead, n_reports=n_reports, n_articles=n_articles,
            n_sources=n_sources, sources=tuple(sources), article_ids=articles[row[0]],
            urls=tuple(urls[row[0]]), evidence_text=" ".join((evidence or "").split()),
        ))
    return records


def query_events(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int = 100,
                 offset: int = 0) -> list[EventRecord]:
    """Return one page of the events matching ``flt``, newest first."""
    _page(limit, offset)
    where, params = where_clause(flt)
    rows = conn.execute(
        f"{_EVENT_SELECT} WHERE {where} ORDER BY e.date DESC NULLS LAST, e.event_id "
        "LIMIT ? OFFSET ?", [*params, limit, offset],
    ).fetchall()
    return _records(conn, rows)


def count_events(conn: duckdb.DuckDBPyConnection, flt: EventFilter) -> int:
    """Return how many events match ``flt``."""
    where, params = where_clause(flt)
    row = conn.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
    return int(row[0]) if row else 0


def _report_records(conn: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> list[ReportRecord]:
    rows = conn.execute(
        f"{REPORT_SELECT} WHERE {where} ORDER BY r.date NULLS LAST, r.report_id", params
    ).fetchall()
    ids = [r[0] for r in rows]
    actors: dict[tuple[str, str], list[Actor]] = defaultdict(list)
    texts: dict[str, str] = {}
    if ids:
        for arow in conn.execute(
            "SELECT report_id, role, position, text, name, country, sector, acled_inter, actor_id, "
            "external_id, span_start, span_end FROM event_actors WHERE list_contains(?, report_id) "
            "ORDER BY report_id, role, position", [ids],
        ).fetchall():
            actors[(arow[0], arow[1])].append(actor_from_row(arow[3:]))
        for rid, sentence in conn.execute(
            "SELECT r.report_id, substr(a.text, r.sentence_start + 1, r.sentence_end - r.sentence_start) "
            "FROM event_reports r JOIN articles a USING (article_id) WHERE list_contains(?, r.report_id)",
            [ids],
        ).fetchall():
            texts[rid] = sentence
    out = []
    for row in rows:
        event: Event = event_from_row(row, tuple(actors[(row[0], "source")]),
                                      tuple(actors[(row[0], "target")]))
        out.append(ReportRecord(event=event, cluster_id=row[2], sentence=texts.get(row[0], "")))
    return out


def get_event(conn: duckdb.DuckDBPyConnection, event_id: str) -> EventDetail | None:
    """Return one event with its reports, evidence sentences and source articles."""
    rows = conn.execute(f"{_EVENT_SELECT} WHERE e.event_id = ?", [event_id]).fetchall()
    if not rows:
        return None
    record = _records(conn, rows)[0]
    reports = _report_records(conn, "r.cluster_id = ?", [event_id])
    ids = sorted({r.event.article_id for r in reports})
    articles = [
        SourceArticle(article_id=r[0], url=r[1], title=r[2], source=r[3], published=r[4],
                      duplicate_of=r[5])
        for r in conn.execute(
            f"SELECT a.article_id, a.url, a.title, {outlet_sql('a')}, a.published, a.duplicate_of "
            "FROM articles a WHERE list_contains(?, a.article_id) OR list_contains(?, a.duplicate_of) "
            "ORDER BY a.duplicate_of NULLS FIRST, a.published NULLS LAST, a.article_id", [ids, ids],
        ).fetchall()
    ]
    return EventDetail(event=record, reports=tuple(reports), articles=tuple(articles))


def get_article(conn: duckdb.DuckDBPyConnection, article_id: str) -> ArticleRecord | None:
    """Return a stored article's cleaned text with the evidence spans of its reports."""
    row = conn.execute(
        "SELECT article_id, url, title, source, origin, published, language, text, status, "
        "duplicate_of, pipeline_version FROM articles WHERE article_id = ?", [article_id],
    ).fetchone()
    if row is None:
        return None
    spans = tuple(
        EvidenceSpan(report_id=r[0], event_id=r[1], plover_type=r[2], modality=r[3],
                     sentence_start=r[4], sentence_end=r[5], trigger_start=r[6], trigger_end=r[7])
        for r in conn.execute(
            "SELECT report_id, cluster_id, plover_type, modality, sentence_start, sentence_end, "
            "trigger_start, trigger_end FROM event_reports WHERE article_id = ? "
            "ORDER BY sentence_start, trigger_start, report_id", [article_id],
        ).fetchall()
    )
    return ArticleRecord(
        article_id=row[0], url=row[1], title=row[2], source=row[3], origin=row[4],
        published=row[5], language=row[6], text=row[7], status=row[8], duplicate_of=row[9],
        pipeline_version=row[10], spans=spans,
    )


def aggregates(
    conn: duckdb.DuckDBPyConnection,
    flt: EventFilter,
    *,
    interval: Literal["day", "week", "month", "year"] = "week",
    by: Literal["type", "acled", "country", "admin1", "none"] = "type",
) -> list[AggregateRow]:
    """Return events and fatalities (conservative best) per period and key."""
    if interval not in INTERVALS:
        raise QueryError(f"interval must be one of {', '.join(INTERVALS)}, not {interval!r}")
    if by not in AGGREGATE_KEYS:
        raise QueryError(f"by must be one of {', '.join(AGGREGATE_KEYS)}, not {by!r}")
    where, params = where_clause(flt)
    key = AGGREGATE_KEYS[by]
    # Fetched column-wise: converting ~20k result rows tuple by tuple costs more than the query.
    columns = conn.execute(
        f"SELECT CAST(date_trunc('{INTERVALS[interval]}', e.date) AS DATE) AS period, "
        f"CAST({key} AS VARCHAR) AS key, count(*) AS events, "
        "CAST(coalesce(sum(e.fatalities_best), 0) AS BIGINT) AS fatalities FROM events e "
        f"WHERE e.date IS NOT NULL AND {where} GROUP BY ALL ORDER BY period, key NULLS LAST",
        params,
    ).fetchnumpy()
    periods = columns["period"].astype("datetime64[D]").tolist()
    keys = [k if isinstance(k, str) else None for k in columns["key"].tolist()]
    return [AggregateRow(period=p, key=k, events=int(n), fatalities=int(f))
            for p, k, n, f in zip(periods, keys, columns["events"].tolist(),
                                  columns["fatalities"].tolist(), strict=True)]


def actor_network(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int = 100) -> list[ActorLink]:
    """Return the source -> target actor pairs with the most events, counted by type."""
    _page(limit, 0)
    where, params = where_clause(flt)
    rows = conn.execute(
        "WITH ev AS (SELECT e.event_id, e.plover_type FROM events e WHERE " + where + "), "
        "pairs AS (SELECT DISTINCT ev.event_id, ev.plover_type, s.name AS source, t.name AS target "
        "FROM ev JOIN event_cluster_actors s ON s.event_id = ev.event_id AND s.role = 'source' "
        "JOIN event_cluster_actors t ON t.event_id = ev.event_id AND t.role = 'target' "
        "WHERE s.name <> t.name), "
        "totals AS (SELECT source, target, count(*) AS n FROM pairs GROUP BY ALL "
        "ORDER BY n DESC, source, target LIMIT ?) "
        "SELECT p.source, p.target, p.plover_type, count(*), any_value(totals.n) FROM pairs p "
        "JOIN totals USING (source, target) GROUP BY ALL",
        [*params, limit],
    ).fetchall()
    by_pair: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    totals: dict[tuple[str, str], int] = {}
    for source, target, kind, n, total in rows:
        by_pair[(source, target)].append((kind, int(n)))
        totals[(source, target)] = int(total)
    ordered = sorted(totals, key=lambda k: (-totals[k], k))
    return [ActorLink(source=s, target=t, events=totals[(s, t)],
                      by_type=tuple(sorted(by_pair[(s, t)], key=lambda kv: (-kv[1], kv[0]))))
            for s, t in ordered]


def top_actors(conn: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int = 20) -> list[ActorCount]:
    """Return the actors taking part in the most events (either side)."""
    _page(limit, 0)
    where, params = where_clause(flt)
    rows = conn.execute(
        "WITH ev AS (SELECT e.event_id, e.fatalities_best FROM events e WHERE " + where + "), "
        "taking AS (SELECT DISTINCT ev.event_id, ev.fatalities_best, c.name, c.country, c.sector "
        "FROM ev JOIN event_cluster_actors c ON c.event_id = ev.event_id) "
        "SELECT name, mode(country), mode(sector), count(DISTINCT event_id), "
        "coalesce(sum(fatalities_best), 0) FROM taking GROUP BY name "
        "ORDER BY 4 DESC, name LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [ActorCount(name=r[0], country=r[1], sector=r[2], events=int(r[3]), fatalities=int(r[4]))
            for r in rows]
