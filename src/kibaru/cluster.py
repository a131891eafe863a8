"""Group coded reports of the same real-world event into one event (events, not reports).

A *report* is one contract ``Event`` as the pipeline coded it from one sentence of one
article. Many reports can describe one real event: two outlets covering the same ambush, or
one article naming the attack in its lead and again in its fifth paragraph. ACLED counts one
event per actors, place and day; GDELT splits events from their mentions. This module applies
a small, documented, deterministic rule (docs/clustering.md) and keeps every member report.

Two reports are *compatible* when all of these hold (see ``ClusterRule``):

1. **type**: the same PLOVER type, or ACLED event types of one family (``ACLED_FAMILIES``:
   Battles / Explosions/Remote violence / Violence against civilians are one family,
   Protests / Riots another, Strategic developments only with the same sub-event type);
2. **date**: their date windows overlap, each window being ``date..date_end`` widened to at
   least the width its ``time_precision`` stands for (1 day, 7 days, 31 days);
3. **place**: both have coordinates within ``max_km`` (haversine), or the same admin2 in the
   same country; when either is only a region (``geo_precision`` 3) or has no coordinates,
   the same country (and the same admin1 when both name one). A report with no location at
   all matches only reports from its own article;
4. **actors**: on each side (source, target; or crosswise) the actor sets overlap (same
   actor id or name, or the same country and sector) or one side is unknown;
5. **evidence across articles**: reports from different articles need precise time. Two
   located points merge only when one of them is dated to the day; otherwise both must name
   the same admin1 and be dated to the day (measured on current-events items: "the same
   country, or 25 km, within a week" mostly joined distinct events).

*Anchor* reports (day precision and a located point, ``geo_precision`` 1-2) are linked by
single linkage: connected components of the compatibility graph, which do not depend on the
order reports arrive in. *Vague* reports (coarser date or place) join at most one cluster,
the largest one whose every member they are compatible with (complete linkage; ties: the
smallest cluster id), so a vague report never bridges two precise events and vague reports
cannot drift a cluster across weeks. A cluster's id is the ``event_id`` of its earliest
member (smallest ``(date, event_id)``), so it is deterministic. A cluster's fatalities follow ACLED's
conservative rule: ``best`` is the lowest ``best`` among credible reports (asserted,
not aggregate, confidence >= ``min_confidence``), ``low`` the lowest low and ``high`` the
highest high of all reports that gave a count.

Contract with the store (``kibaru.store``, H4a): per ingest batch the store queries the
existing clusters that could match (same countries, date window of the batch widened by
``ClusterRule.max_window_days``) and calls::

    update = assign_clusters(new_reports, candidates)   # candidates: Iterable[EventCluster]
    for c in update.clusters: upsert cluster c.cluster_id with c.reports, c.event, c.fatalities
    for old, new in update.retired.items(): repoint members of cluster ``old`` to ``new``

``update.clusters`` holds every cluster that gained a new report (rebuilt with all members);
existing clusters never split, they may merge (``retired`` maps each absorbed or renamed
old id to its new id). Candidates untouched by the batch are not returned.
``cluster(reports)`` is ``assign_clusters(reports, ()).clusters`` for a whole set.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kibaru.contract import Actor, Count, Event, Location

__all__ = [
    "ACLED_FAMILIES",
    "ACLED_TYPE_ORDER",
    "ClusterRule",
    "ClusterUpdate",
    "EventCluster",
    "assign_clusters",
    "cluster",
    "compatible",
    "date_window",
    "haversine_km",
    "merge_counts",
]

ACLED_FAMILIES: dict[str, str] = {
    "Battles": "political violence",
    "Explosions/Remote violence": "political violence",
    "Violence against civilians": "political violence",
    "Protests": "demonstrations",
    "Riots": "demonstrations",
    "Strategic developments": "strategic developments",
}
"""ACLED event type -> family; reports of one family may describe one event (an airstrike one
outlet calls a clash). Strategic developments must also share the sub-event type."""

ACLED_TYPE_ORDER: tuple[str, ...] = (
    "Battles",
    "Protests",
    "Riots",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
)
"""ACLED's precedence: the merged event takes the highest row its members were typed as."""

_PRECISION_DAYS: dict[int, int] = {1: 1, 2: 7, 3: 31}
_EARTH_KM = 6371.0088


@dataclass(frozen=True)
class ClusterRule:
    """The thresholds of the clustering rule (defaults documented in docs/clustering.md)."""

    max_km: float = 25.0
    """Two located points farther apart than this are different places."""
    precision_days: Mapping[int, int] = field(default_factory=lambda: dict(_PRECISION_DAYS))
    """Minimum window width in days per ACLED time precision."""
    min_confidence: float = 0.5
    """Reports below this confidence do not set a cluster's best fatality figure."""
    max_window_days: int = 62
    """Widest date window any report can have; the store's candidate query uses it."""


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One real-world event: its member reports (sorted), sources and merged figures."""

    cluster_id: str
    reports: tuple[Event, ...]
    sources: tuple[str, ...] = ()
    """Outlet names (or article ids when no name is known), sorted, unique."""

    @property
    def n_reports(self) -> int:
        """Return how many reports were merged into this event."""
        return len(self.reports)

    @property
    def article_ids(self) -> tuple[str, ...]:
        """Return the distinct articles that reported this event, sorted."""
        return tuple(sorted({r.article_id for r in self.reports}))

    @property
    def fatalities(self) -> Count | None:
        """Return the conservative merged fatality count (see ``merge_counts``)."""
        return merge_counts(self.reports, which="fatalities")

    @property
    def injuries(self) -> Count | None:
        """Return the conservative merged injury count."""
        return merge_counts(self.reports, which="injuries")

    @property
    def event(self) -> Event:
        """Return the merged event: the best-located, best-dated report, with the cluster's
        id, ACLED type by precedence, the union of actors and the merged counts."""
        best = min(self.reports, key=_precision_key)
        typed = [r for r in self.reports if r.acled_event_type in ACLED_TYPE_ORDER]
        acled = min(typed, key=lambda r: ACLED_TYPE_ORDER.index(r.acled_event_type or ""), default=None)
        return dataclasses.replace(
            best,
            event_id=self.cluster_id,
            acled_event_type=acled.acled_event_type if acled else best.acled_event_type,
            acled_sub_event_type=acled.acled_sub_event_type if acled else best.acled_sub_event_type,
            source_actors=_union_actors(r.source_actors for r in self.reports),
            target_actors=_union_actors(r.target_actors for r in self.reports),
            fatalities=self.fatalities,
            injuries=self.injuries,
            confidence=max(r.confidence for r in self.reports),
        )


@dataclass(frozen=True, slots=True)
class ClusterUpdate:
    """What ``assign_clusters`` returns: the clusters a batch touched and renamed ids."""

    clusters: tuple[EventCluster, ...]
    retired: dict[str, str]
    """Old cluster id -> new id, for candidates merged into another or renamed."""


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in kilometres between two points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def date_window(event: Event, rule: ClusterRule | None = None) -> tuple[int, int] | None:
    """Return the report's date window as inclusive day ordinals, widened to its precision."""
    if event.date is None:
        return None
    rule = rule or ClusterRule()
    start = event.date.toordinal()
    end = max(start, (event.date_end or event.date).toordinal())
    width = rule.precision_days.get(event.time_precision or 3, rule.precision_days.get(3, 31))
    missing = width - (end - start + 1)
    if missing > 0:
        start -= missing // 2
        end += missing - missing // 2
    return start, end


def compatible(a: Event, b: Event, rule: ClusterRule | None = None) -> bool:
    """Return whether reports ``a`` and ``b`` may describe the same real-world event."""
    rule = rule or ClusterRule()
    if not _types_compatible(a, b):
        return False
    wa, wb = date_window(a, rule), date_window(b, rule)
    if wa is None or wb is None or wa[0] > wb[1] or wb[0] > wa[1]:
        return False
    return _places_compatible(a, b, rule) and _actors_compatible(a, b) and _enough_evidence(a, b)


def _compatible_undated(a: Event, b: Event, rule: ClusterRule) -> bool:
    """``compatible`` without the date test (the window index already made it)."""
    return (_types_compatible(a, b) and _places_compatible(a, b, rule) and _actors_compatible(a, b)
            and _enough_evidence(a, b))


def merge_counts(reports: Iterable[Event], *, which: str = "fatalities", min_confidence: float = 0.5) -> Count | None:
    """Merge the counts of reports conservatively (ACLED): lowest credible best, full range.

    Credible reports are asserted, not aggregate and at least ``min_confidence``; when none
    is credible, all reports with a count are used. Reports without a count are ignored (no
    figure is not a figure of zero).
    """
    counted = [(r, getattr(r, which)) for r in reports if getattr(r, which) is not None]
    if not counted:
        return None
    credible = [
        (r, c) for r, c in counted
        if r.modality == "asserted" and not r.aggregate and r.confidence >= min_confidence
    ] or counted
    _, best = min(credible, key=lambda rc: (rc[1].best, rc[0].event_id))
    low = min(c.low for _, c in counted)
    high = max(c.high for _, c in counted)
    return Count(low=min(low, best.best), best=best.best, high=max(high, best.best), text=best.text, span=best.span, who=best.who)


def cluster(
    reports: Iterable[Event],
    *,
    rule: ClusterRule | None = None,
    source_names: Mapping[str, str] | None = None,
) -> list[EventCluster]:
    """Cluster a whole set of reports into events, sorted by (date, cluster id)."""
    update = assign_clusters(reports, (), rule=rule, source_names=source_names)
    return list(update.clusters)


def assign_clusters(
    new_reports: Iterable[Event],
    candidates: Iterable[EventCluster],
    *,
    rule: ClusterRule | None = None,
    source_names: Mapping[str, str] | None = None,
) -> ClusterUpdate:
    """Place ``new_reports`` into the existing ``candidates`` or into new clusters.

    Existing clusters keep their members (they never split); a new anchor report compatible
    with members of two clusters merges them. ``source_names`` maps article ids to outlet
    names for ``EventCluster.sources``. Reports already in a candidate are ignored.
    """
    rule = rule or ClusterRule()
    existing = list(candidates)
    known = {r.event_id for c in existing for r in c.reports}
    fresh = sorted({r.event_id: r for r in new_reports if r.event_id not in known}.values(), key=_order_key)
    nodes: list[Event] = [r for c in existing for r in c.reports] + fresh
    parent = list(range(len(nodes)))
    size = [1] * len(nodes)
    earliest = [_order_key(n) for n in nodes]
    group_of: dict[int, list[int]] = {i: [i] for i in range(len(nodes))}
    first_of: dict[str, int] = {}
    old_id_of_root: dict[int, list[str]] = {}
    offset = 0
    for c in existing:
        for k in range(len(c.reports)):
            parent[offset + k] = offset
        size[offset] = len(c.reports)
        group_of[offset] = list(range(offset, offset + len(c.reports)))
        for k in range(1, len(c.reports)):
            del group_of[offset + k]
        earliest[offset] = min(_order_key(r) for r in c.reports)
        old_id_of_root.setdefault(offset, []).append(c.cluster_id)
        first_of[c.cluster_id] = offset
        offset += len(c.reports)
    index = _WindowIndex(nodes, rule)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            keep, gone = min(ri, rj), max(ri, rj)
            parent[gone] = keep
            size[keep] += size[gone]
            group_of[keep].extend(group_of.pop(gone))
            earliest[keep] = min(earliest[keep], earliest[gone])

    fresh_idx = range(offset, len(nodes))
    anchors = [i for i in fresh_idx if _is_anchor(nodes[i])]
    vague = [i for i in fresh_idx if not _is_anchor(nodes[i])]
    for i in anchors:
        for j in index.near(i):
            if _is_anchor(nodes[j]) and _compatible_undated(nodes[i], nodes[j], rule):
                union(i, j)
    placed = set(range(offset)) | set(anchors)
    for i in vague:
        roots = {find(j) for j in index.near(i) if j in placed and _compatible_undated(nodes[i], nodes[j], rule)}
        # Complete linkage: a vague report must fit every member, so vague reports cannot
        # drift a cluster across weeks or regions one neighbour at a time.
        roots = {r for r in roots if all(index.overlap(i, m) and _compatible_undated(nodes[i], nodes[m], rule)
                                         for m in group_of[r])}
        if roots:
            target = min(roots, key=lambda r: (-size[r], earliest[r]))
            union(i, target)
        placed.add(i)

    members: dict[int, list[Event]] = {}
    for i in range(len(nodes)):
        members.setdefault(find(i), []).append(nodes[i])
    touched = {find(i) for i in fresh_idx}
    clusters: list[EventCluster] = []
    retired: dict[str, str] = {}
    cluster_id_of: dict[int, str] = {}
    for root, group in members.items():
        group.sort(key=_order_key)
        cluster_id_of[root] = group[0].event_id
    # One pass over the old clusters (not one per new root): an old id that is no longer
    # its cluster's id was absorbed or renamed.
    for old_root, old_ids in old_id_of_root.items():
        cid = cluster_id_of[find(old_root)]
        retired.update({old: cid for old in old_ids if old != cid})
    for root, group in members.items():
        cid = cluster_id_of[root]
        if root in touched:
            names = source_names or {}
            sources = tuple(sorted({names.get(r.article_id, r.article_id) for r in group}))
            clusters.append(EventCluster(cluster_id=cid, reports=tuple(group), sources=sources))
    clusters.sort(key=lambda c: _order_key(c.reports[0]))
    return ClusterUpdate(clusters=tuple(clusters), retired=retired)


class _WindowIndex:
    """Find the reports that could be compatible with a report: overlapping date windows in
    the same country (or with no country), or the same article when it has no location."""

    def __init__(self, nodes: Sequence[Event], rule: ClusterRule) -> None:
        self.nodes = nodes
        self.windows = [date_window(e, rule) for e in nodes]
        buckets: dict[str | None, list[tuple[int, int]]] = {}
        self.by_article: dict[str, list[int]] = {}
        for i, (event, window) in enumerate(zip(nodes, self.windows, strict=True)):
            self.by_article.setdefault(event.article_id, []).append(i)
            if window is not None and event.location is not None:
                buckets.setdefault(event.location.country, []).append((window[0], i))
        self.starts: dict[str | None, list[int]] = {}
        self.order: dict[str | None, list[int]] = {}
        for key, entries in buckets.items():
            entries.sort()
            self.starts[key] = [s for s, _ in entries]
            self.order[key] = [i for _, i in entries]
        self.span = max((w[1] - w[0] for w in self.windows if w is not None), default=0)

    def overlap(self, i: int, j: int) -> bool:
        """Return whether the date windows of reports ``i`` and ``j`` overlap."""
        wi, wj = self.windows[i], self.windows[j]
        return wi is not None and wj is not None and wi[0] <= wj[1] and wj[0] <= wi[1]

    def near(self, i: int) -> list[int]:
        """Return the indices of reports that may be compatible with report ``i``."""
        window = self.windows[i]
        if window is None:
            return []
        event = self.nodes[i]
        out = [
            j for j in self.by_article[event.article_id]
            if j != i and (w := self.windows[j]) is not None and w[0] <= window[1] and w[1] >= window[0]
        ]
        if event.location is None:
            return out
        country = event.location.country
        keys = list(self.starts) if country is None else [k for k in (country, None) if k in self.starts]
        seen = set(out)
        for key in keys:
            starts, order = self.starts[key], self.order[key]
            lo = bisect.bisect_left(starts, window[0] - self.span)
            hi = bisect.bisect_right(starts, window[1])
            for k in range(lo, hi):
                j = order[k]
                other = self.windows[j]
                if j != i and j not in seen and other is not None and other[1] >= window[0]:
                    out.append(j)
                    seen.add(j)
        return out


def _order_key(event: Event) -> tuple[dt.date, str]:
    return (event.date or dt.date.max, event.event_id)


def _precision_key(event: Event) -> tuple[int, int, float, dt.date, str]:
    loc = event.location
    has_point = loc is not None and loc.lat is not None and loc.lon is not None
    geo = (loc.geo_precision or 3) if has_point and loc is not None else 4
    return (event.time_precision or 4, geo, -event.confidence, event.date or dt.date.max, event.event_id)


def _is_anchor(event: Event) -> bool:
    loc = event.location
    return (
        event.time_precision == 1
        and event.date is not None
        and loc is not None
        and loc.lat is not None
        and loc.lon is not None
        and (loc.geo_precision or 1) <= 2
    )


def _types_compatible(a: Event, b: Event) -> bool:
    if a.plover_type == b.plover_type:
        return True
    fa = ACLED_FAMILIES.get(a.acled_event_type or "")
    fb = ACLED_FAMILIES.get(b.acled_event_type or "")
    if fa is None or fa != fb:
        return False
    if fa == "strategic developments":
        return a.acled_sub_event_type == b.acled_sub_event_type
    return True


def _is_point(loc: Location) -> bool:
    return loc.lat is not None and loc.lon is not None and (loc.geo_precision or 1) <= 2


def _places_compatible(a: Event, b: Event, rule: ClusterRule) -> bool:
    la, lb = a.location, b.location
    if la is None or lb is None:
        return a.article_id == b.article_id
    if la.country and lb.country and la.country != lb.country:
        return False
    if _is_point(la) and _is_point(lb):
        assert la.lat is not None and la.lon is not None and lb.lat is not None and lb.lon is not None
        if haversine_km(la.lat, la.lon, lb.lat, lb.lon) <= rule.max_km:
            return True
        return bool(la.admin2 and la.admin2 == lb.admin2 and la.admin1 == lb.admin1)
    # One side is a region or a country only: the same country (and admin1 when both have one).
    if not (la.country and la.country == lb.country):
        return False
    return not (la.admin1 and lb.admin1 and la.admin1 != lb.admin1)


def _actor_keys(actors: Sequence[Actor]) -> set[object]:
    keys: set[object] = set()
    for actor in actors:
        keys.add(actor.actor_id or actor.name.strip().lower())
        if actor.country and actor.sector != "UNK":
            keys.add((actor.country, actor.sector))
    return keys


def _side_ok(x: set[object], y: set[object]) -> bool:
    return not x or not y or bool(x & y)


def _actors_compatible(a: Event, b: Event) -> bool:
    sa, ta = _actor_keys(a.source_actors), _actor_keys(a.target_actors)
    sb, tb = _actor_keys(b.source_actors), _actor_keys(b.target_actors)
    return (_side_ok(sa, sb) and _side_ok(ta, tb)) or (_side_ok(sa, tb) and _side_ok(ta, sb))


def _enough_evidence(a: Event, b: Event) -> bool:
    """Rule 5: reports from different articles need a date to the day to merge.

    Measured on current-events items, "the same country within a week", "25 km within a
    week" and even "the same city on the same reporting dates" mostly joined distinct
    events (strikes on Gaza, Zaporizhzhia or Kharkiv on neighbouring days, two ministers'
    calls on one day). Across articles, two located points merge only when one of them is
    dated to the day (a toll update or a claim of "yesterday's bombing"); a report that
    names only a region or a country merges only with the same admin1, both dated to the day.
    """
    if a.article_id == b.article_id:
        return True
    if _has_point(a) and _has_point(b):
        return a.time_precision == 1 or b.time_precision == 1
    la, lb = a.location, b.location
    same_admin1 = la is not None and lb is not None and la.admin1 is not None and la.admin1 == lb.admin1
    return same_admin1 and a.time_precision == 1 and b.time_precision == 1


def _has_point(event: Event) -> bool:
    return event.location is not None and _is_point(event.location)


def _union_actors(groups: Iterable[Sequence[Actor]]) -> tuple[Actor, ...]:
    seen: dict[str, Actor] = {}
    for group in groups:
        for actor in group:
            seen.setdefault(actor.actor_id or actor.name.strip().lower(), actor)
    return tuple(seen.values())
