"""Answer the dashboard's queries that the store does not offer, in parameterised SQL.

They run through ``Store.execute`` against the store's schema and reuse its filter compiler
(``kibaru.store.queries.where_clause``), so a filter means the same thing here as in
``Store.query_events``. User values only ever travel as bound parameters; the SQL text is
built from code constants picked from fixed maps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kibaru.store.filters import EventFilter
from kibaru.store.queries import where_clause

__all__ = [
    "AGGREGATE_BY",
    "INTERVALS",
    "MAX_POINTS",
    "Aggregate",
    "CountryCount",
    "Points",
    "Reader",
    "aggregate",
    "article_count",
    "countries",
    "date_range",
    "points",
    "type_counts",
]

MAX_POINTS = 20_000
"""Most points the map is sent at once (newest first); the rest is reported as truncated."""

INTERVALS: tuple[str, ...] = ("day", "week", "month")
AGGREGATE_BY: dict[str, str] = {
    "type": "e.plover_type",
    "acled": "e.acled_event_type",
    "country": "e.country",
    "admin1": "e.admin1",
}


class Reader(Protocol):
    """What these queries need of the store: parameterised read-only SQL."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...


@dataclass(frozen=True, slots=True)
class Points:
    """Located events for the map: ``(event_id, lat, lon, plover_type, fatalities)``."""

    points: list[tuple[str, float, float, str, int]]
    located: int
    unlocated: int
    truncated: bool


@dataclass(frozen=True, slots=True)
class Aggregate:
    """Events and fatalities in one period for one combination of keys."""

    period: dt.date
    keys: dict[str, str | None]
    events: int
    fatalities: int


@dataclass(frozen=True, slots=True)
class CountryCount:
    """A country code and its number of events."""

    code: str
    events: int


def points(store: Reader, flt: EventFilter, *, limit: int = MAX_POINTS) -> Points:
    """Return up to ``limit`` located events matching ``flt`` (newest first) and counts."""
    where, params = where_clause(flt)
    counts = store.execute(
        "SELECT count(*) FILTER (WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL), "
        f"count(*) FILTER (WHERE e.lat IS NULL OR e.lon IS NULL) FROM events e WHERE {where}",
        params,
    )
    located, unlocated = (int(counts[0][0]), int(counts[0][1])) if counts else (0, 0)
    rows = store.execute(
        "SELECT e.event_id, e.lat, e.lon, e.plover_type, coalesce(e.fatalities_best, 0) "
        f"FROM events e WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL AND {where} "
        "ORDER BY e.date DESC NULLS LAST, e.event_id LIMIT ?",
        [*params, limit],
    )
    pts = [(str(r[0]), float(r[1]), float(r[2]), str(r[3]), int(r[4])) for r in rows]
    return Points(points=pts, located=located, unlocated=unlocated, truncated=located > len(pts))


def aggregate(
    store: Reader, flt: EventFilter, *, interval: str = "week", by: Sequence[str] = ("type",),
) -> list[Aggregate]:
    """Return events and fatalities per period and combination of ``by`` keys.

    ``interval`` is one of ``INTERVALS`` and ``by`` holds keys of ``AGGREGATE_BY`` (the caller
    checks both; anything else raises ``KeyError`` here rather than reaching SQL). Weeks start
    on Monday. Undated events are left out.
    """
    if interval not in INTERVALS:
        raise KeyError(interval)
    columns = [AGGREGATE_BY[k] for k in by]
    where, params = where_clause(flt)
    keys_sql = "".join(f", {c}" for c in columns)
    rows = store.execute(
        f"SELECT CAST(date_trunc('{interval}', e.date) AS DATE) AS period{keys_sql}, count(*), "
        "coalesce(sum(e.fatalities_best), 0) FROM events e "
        f"WHERE e.date IS NOT NULL AND {where} GROUP BY ALL ORDER BY ALL",
        params,
    )
    out = []
    for row in rows:
        keys = {k: (None if v is None else str(v)) for k, v in zip(by, row[1:-2], strict=True)}
        out.append(Aggregate(period=row[0], keys=keys, events=int(row[-2]),
                             fatalities=int(row[-1])))
    return out


def type_counts(store: Reader, flt: EventFilter) -> list[tuple[str, int]]:
    """Return ``(plover_type, events)`` under ``flt``, most frequent first."""
    where, params = where_clause(flt)
    rows = store.execute(
        f"SELECT e.plover_type, count(*) FROM events e WHERE {where} GROUP BY 1 ORDER BY 2 DESC, 1",
        params,
    )
    return [(str(r[0]), int(r[1])) for r in rows]


def countries(store: Reader, flt: EventFilter) -> list[CountryCount]:
    """Return every country code under ``flt`` with its number of events."""
    where, params = where_clause(flt)
    rows = store.execute(
        f"SELECT e.country, count(*) FROM events e WHERE e.country IS NOT NULL AND {where} "
        "GROUP BY 1 ORDER BY 2 DESC, 1",
        params,
    )
    return [CountryCount(code=str(r[0]), events=int(r[1])) for r in rows]


def date_range(store: Reader, flt: EventFilter) -> tuple[dt.date | None, dt.date | None]:
    """Return the first and last event dates under ``flt``."""
    where, params = where_clause(flt)
    rows = store.execute(
        f"SELECT min(e.date), max(coalesce(e.date_end, e.date)) FROM events e WHERE {where}",
        params,
    )
    return (rows[0][0], rows[0][1]) if rows else (None, None)


def article_count(store: Reader) -> int:
    """Return how many articles the store holds (coded, duplicate or failed)."""
    rows = store.execute("SELECT count(*) FROM articles")
    return int(rows[0][0]) if rows else 0
