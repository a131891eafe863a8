"""Connect the store to the event clustering rule (``kibaru.cluster``): load stored reports
back as contract ``Event``s, pick candidate clusters for a batch, and rebuild event rows.

Only asserted, non-aggregate reports are clustered; any other report is an event of its own
(a hypothetical attack is not a report of a real one).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb

from kibaru.cluster import ACLED_FAMILIES, ClusterRule, EventCluster, assign_clusters
from kibaru.contract import Actor, Count, Event, Evidence, Location, Span

__all__ = [
    "REPORT_SELECT",
    "assign_event_ids",
    "clusterable",
    "event_from_row",
    "load_clusters",
    "outlet_sql",
]

REPORT_SELECT = """
SELECT r.report_id, r.article_id, r.cluster_id, r.plover_type, r.plover_mode,
       r.acled_event_type, r.acled_sub_event_type, r.cameo_root, r.modality, r.aggregate,
       r.date, r.date_end, r.time_precision, r.location_text, r.location_name, r.country,
       r.admin1, r.admin2, r.lat, r.lon, r.geonameid, r.geo_precision, r.location_start,
       r.location_end, r.fatalities_low, r.fatalities_best, r.fatalities_high,
       r.fatalities_text, r.injuries_low, r.injuries_best, r.injuries_high, r.injuries_text,
       r.sentence_start, r.sentence_end, r.trigger_start, r.trigger_end, r.confidence,
       r.pipeline_version
FROM event_reports r
"""

_ACTOR_SELECT = """
SELECT report_id, role, position, text, name, country, sector, acled_inter, actor_id,
       external_id, span_start, span_end
FROM event_actors WHERE list_contains(?, report_id) ORDER BY report_id, role, position
"""


def outlet_sql(alias: str) -> str:
    """Return the SQL expression naming an article's outlet: its source, else its URL's
    host, else its id (``alias`` is a code constant)."""
    return (f"coalesce({alias}.source, nullif(regexp_extract({alias}.url, "
            f"'^[a-zA-Z]+://([^/]+)', 1), ''), {alias}.article_id)")


def clusterable(event: Event) -> bool:
    """Return whether a report takes part in clustering (asserted and not an aggregate)."""
    return event.modality == "asserted" and not event.aggregate


def actor_from_row(row: Sequence[Any]) -> Actor:
    """Rebuild an ``Actor`` from the columns after (id, role, position)."""
    text, name, country, sector, inter, actor_id, external_id, start, end = row
    span = Span(start, end) if start is not None and end is not None else None
    return Actor(text=text or name, name=name, country=country, sector=sector or "UNK",
                 acled_inter=inter, actor_id=actor_id, external_id=external_id, span=span)


def _count(low: int | None, best: int | None, high: int | None, text: str | None) -> Count | None:
    if best is None:
        return None
    return Count(low=low if low is not None else best, best=best,
                 high=high if high is not None else best, text=text or "")


def event_from_row(
    row: Sequence[Any], sources: tuple[Actor, ...], targets: tuple[Actor, ...]
) -> Event:
    """Rebuild a contract ``Event`` from a ``REPORT_SELECT`` row and its actors."""
    (report_id, article_id, _cluster, plover, mode, acled, sub, cameo, modality, aggregate,
     date, date_end, tp, loc_text, loc_name, country, admin1, admin2, lat, lon, geonameid,
     geo_precision, loc_start, loc_end, f_low, f_best, f_high, f_text, i_low, i_best, i_high,
     i_text, s_start, s_end, t_start, t_end, confidence, version) = row
    location = None
    if loc_name is not None or country is not None:
        location = Location(
            text=loc_text or loc_name or "", name=loc_name or "", country=country, admin1=admin1,
            admin2=admin2, lat=lat, lon=lon, geonameid=geonameid, geo_precision=geo_precision,
            span=Span(loc_start, loc_end) if loc_start is not None and loc_end is not None else None,
        )
    return Event(
        event_id=report_id, article_id=article_id, plover_type=plover, plover_mode=mode,
        acled_event_type=acled, acled_sub_event_type=sub, cameo_root=cameo, modality=modality,
        aggregate=bool(aggregate), date=date, date_end=date_end, time_precision=tp,
        source_actors=sources, target_actors=targets, location=location,
        fatalities=_count(f_low, f_best, f_high, f_text),
        injuries=_count(i_low, i_best, i_high, i_text),
        evidence=Evidence(s_start, s_end, t_start, t_end), confidence=float(confidence),
        pipeline_version=version,
    )


def load_reports(conn: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> list[tuple[str, Event]]:
    """Return ``(cluster_id, Event)`` for the stored reports matching ``where`` (a code
    constant with ``?`` placeholders), ordered by date and id."""
    rows = conn.execute(f"{REPORT_SELECT} WHERE {where} ORDER BY r.date NULLS LAST, r.report_id",
                        params).fetchall()
    ids = [r[0] for r in rows]
    actors: dict[tuple[str, str], list[Actor]] = defaultdict(list)
    if ids:
        for arow in conn.execute(_ACTOR_SELECT, [ids]).fetchall():
            actors[(arow[0], arow[1])].append(actor_from_row(arow[3:]))
    return [
        (row[2], event_from_row(row, tuple(actors[(row[0], "source")]),
                                tuple(actors[(row[0], "target")])))
        for row in rows
    ]


def load_clusters(conn: duckdb.DuckDBPyConnection, cluster_ids: Sequence[str]) -> dict[str, list[Event]]:
    """Return the member reports of each of ``cluster_ids`` that still has members."""
    members: dict[str, list[Event]] = defaultdict(list)
    if cluster_ids:
        for cid, event in load_reports(conn, "list_contains(?, r.cluster_id)", [list(cluster_ids)]):
            members[cid].append(event)
    return dict(members)


def _family_types(event: Event) -> list[str]:
    family = ACLED_FAMILIES.get(event.acled_event_type or "")
    return sorted(t for t, f in ACLED_FAMILIES.items() if family is not None and f == family)


def _candidates(conn: duckdb.DuckDBPyConnection, events: Sequence[Event], rule: ClusterRule) -> list[EventCluster]:
    """Return the stored clusters any of ``events`` could join: same country, a compatible
    type, and a date within the widest window the rule allows."""
    pad = dt.timedelta(days=rule.max_window_days)
    rows = [(e.location.country, e.date - pad, (e.date_end or e.date) + pad, e.plover_type, _family_types(e))
            for e in events if e.location and e.location.country and e.date]
    if not rows:
        return []
    ids = [r[0] for r in conn.execute(
        "WITH r AS (SELECT unnest(?) AS country, unnest(?) AS lo, unnest(?) AS hi, "
        "unnest(?) AS plover_type, unnest(?) AS family) "
        "SELECT DISTINCT e.event_id FROM events e JOIN r ON e.country = r.country "
        "AND e.date <= r.hi AND coalesce(e.date_end, e.date) >= r.lo "
        "AND (e.plover_type = r.plover_type OR list_contains(r.family, e.acled_event_type)) "
        "WHERE e.modality = 'asserted' AND NOT e.aggregate ORDER BY 1",
        [[r[i] for r in rows] for i in range(5)],
    ).fetchall()]
    return [EventCluster(cluster_id=cid, reports=tuple(reports))
            for cid, reports in sorted(load_clusters(conn, ids).items())]


def assign_event_ids(
    conn: duckdb.DuckDBPyConnection, events: Iterable[Event], *, rule: ClusterRule | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """Return (report id -> cluster id for ``events``, retired cluster id -> new id).

    Asserted, non-aggregate reports go through ``kibaru.cluster.assign_clusters`` against
    the stored events they could join; the others are their own event.
    """
    rule = rule or ClusterRule()
    events = list(events)
    assigned = {e.event_id: e.event_id for e in events}
    fresh = [e for e in events if clusterable(e)]
    if not fresh:
        return assigned, {}
    update = assign_clusters(fresh, _candidates(conn, fresh, rule), rule=rule)
    for cluster in update.clusters:
        for report in cluster.reports:
            if report.event_id in assigned:
                assigned[report.event_id] = cluster.cluster_id
    return assigned, dict(update.retired)
