"""Write events as an ACLED-style CSV: ACLED's column names, codes and conventions.

Only events with an ACLED event type are written (the rest are counted as left out). The
mapping is documented in docs/export.md; in short: ``actor1``/``actor2`` are the first
source/target actor and the others become ``assoc_actor_1``/``assoc_actor_2``; ``interaction``
joins the two inter codes lower first, or is ``inter1 * 10`` when there is no actor 2;
``notes`` is "On <day month year>, <evidence sentence>"; ``fatalities`` is the best figure
(0 when none was reported, as ACLED codes it).
"""

from __future__ import annotations

import csv
import functools
import time
from collections.abc import Iterable
from importlib import resources
from typing import Any

import yaml

from kibaru.contract import Actor, Event
from kibaru.export.rows import ExportItem, Output, iso_date, open_text
from kibaru.export.stats import ExportStats

__all__ = ["ACLED_COLUMNS", "acled_row", "disorder_type", "interaction", "write_acled"]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)

_POLITICAL_VIOLENCE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def disorder_type(event_type: str, sub_event_type: str | None) -> str:
    """Return ACLED's disorder type for an event type and sub-event type."""
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if sub_event_type == "Mob violence" or event_type in _POLITICAL_VIOLENCE:
        return "Political violence"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    return "Strategic developments"


def interaction(inter1: int | None, inter2: int | None, *, has_actor2: bool) -> int | None:
    """Return ACLED's interaction code: both inter codes lower first, or inter1*10 alone."""
    if inter1 is None:
        return None
    if not has_actor2:
        return inter1 * 10
    if inter2 is None:
        return None
    low, high = sorted((inter1, inter2))
    return low * 10 + high


@functools.cache
def _regions() -> dict[str, str]:
    text = (resources.files("kibaru") / "data" / "acled_regions.yaml").read_text(encoding="utf-8")
    table: dict[str, list[str]] = yaml.safe_load(text)
    return {iso3: region for region, codes in table.items() for iso3 in codes}


@functools.cache
def _country(iso3: str) -> tuple[str, str]:
    """Return (numeric ISO code, country name) for an ISO3 code ('' when unknown)."""
    import pycountry

    record = pycountry.countries.get(alpha_3=iso3)
    if record is None:
        return "", iso3
    name = getattr(record, "common_name", None) or record.name
    return str(int(record.numeric)), name


def _inter(actor: Actor | None) -> int | None:
    return actor.acled_inter if actor else None


def _notes(event: Event, evidence: str | None) -> str:
    day = f"{event.date.day} {event.date:%B %Y}" if event.date else "an unknown date"
    if evidence:
        return f"On {day}, {evidence}"
    actors = ", ".join(a.name for a in event.source_actors) or "unidentified actors"
    place = event.location.name if event.location else "an unknown place"
    return f"On {day}, {actors}: {(event.acled_sub_event_type or event.acled_event_type or '').lower()} in {place}."


def acled_row(item: ExportItem, *, timestamp: int, source_scale: str = "") -> dict[str, Any]:
    """Return the ACLED-style row of an item whose event has an ACLED event type."""
    e = item.event
    assert e.acled_event_type is not None
    src, tgt = e.source_actors, e.target_actors
    actor1, actor2 = (src[0] if src else None), (tgt[0] if tgt else None)
    inter1, inter2 = _inter(actor1), _inter(actor2)
    loc = e.location
    iso3 = (loc.country if loc else None) or next((a.country for a in (*src, *tgt) if a.country), None)
    iso_numeric, country = _country(iso3) if iso3 else ("", "")
    civilians = e.acled_event_type == "Violence against civilians" or any(a.acled_inter == 7 for a in tgt)
    fat = e.fatalities
    tags = [f"plover={e.plover_type}"]
    if fat and fat.low != fat.high:
        tags.append(f"fatalities range={fat.low}-{fat.high}")
    if item.n_reports > 1:
        tags.append(f"reports={item.n_reports}")
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}-{e.event_id}",
        "event_date": iso_date(e.date),
        "year": e.date.year if e.date else "",
        "time_precision": e.time_precision or "",
        "disorder_type": disorder_type(e.acled_event_type, e.acled_sub_event_type),
        "event_type": e.acled_event_type,
        "sub_event_type": e.acled_sub_event_type or "",
        "actor1": actor1.name if actor1 else "",
        "assoc_actor_1": "; ".join(a.name for a in src[1:]),
        "inter1": "" if inter1 is None else inter1,
        "actor2": actor2.name if actor2 else "",
        "assoc_actor_2": "; ".join(a.name for a in tgt[1:]),
        "inter2": "" if inter2 is None else inter2,
        "interaction": interaction(inter1, inter2, has_actor2=actor2 is not None) or "",
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": iso_numeric,
        "region": _regions().get(iso3 or "", ""),
        "country": country,
        "admin1": (loc.admin1 or "") if loc else "",
        "admin2": (loc.admin2 or "") if loc else "",
        "admin3": "",
        "location": loc.name if loc else "",
        "latitude": f"{loc.lat:.4f}" if loc and loc.lat is not None else "",
        "longitude": f"{loc.lon:.4f}" if loc and loc.lon is not None else "",
        "geo_precision": (loc.geo_precision or "") if loc else "",
        "source": "; ".join(item.sources),
        "source_scale": source_scale,
        "notes": _notes(e, item.evidence_text),
        "fatalities": fat.best if fat else 0,
        "tags": "; ".join(tags),
        "timestamp": timestamp,
    }


def write_acled(
    items: Iterable[ExportItem],
    out: Output,
    *,
    timestamp: int | None = None,
    source_scale: str = "",
    located_only: bool = True,
) -> ExportStats:
    """Write the ACLED-style CSV; ``timestamp`` (Unix seconds) defaults to now.

    ACLED codes no event to a whole country: unless ``located_only`` is false, events without
    coordinates are left out (and counted) like events without an ACLED type.
    """
    stamp = int(time.time()) if timestamp is None else timestamp
    written = 0
    skipped: dict[str, int] = {}
    with open_text(out) as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
        writer.writeheader()
        for item in items:
            loc = item.event.location
            if not item.event.acled_event_type:
                skipped["no ACLED event type"] = skipped.get("no ACLED event type", 0) + 1
                continue
            if located_only and (loc is None or loc.lat is None or loc.lon is None):
                skipped["no coordinates"] = skipped.get("no coordinates", 0) + 1
                continue
            writer.writerow(acled_row(item, timestamp=stamp, source_scale=source_scale))
            written += 1
    reason = ", ".join(f"{n:,} {why}" for why, n in skipped.items())
    return ExportStats(format="acled", written=written, skipped=sum(skipped.values()), skipped_reason=reason)
