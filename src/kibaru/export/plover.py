"""Write events as PLOVER JSON Lines, using the field names of the PLOVER specification.

PLOVER (Open Event Data Alliance) names the fields of an event record: ``id``, ``date``,
``enddate``, ``source`` and ``recipient`` (lists of actor objects with ``code``, ``sector``,
``actor_text``, ``identifier_id``, ``identifier_text``), ``event`` (list of categories),
``mode``, ``context``, ``event_loc`` (a GeoNames-style location object), ``event_text``,
``quad_code``, ``text_info``, ``cite_info``, ``coder`` and ``coded_date``; it recommends one
JSON record per line. Our mapping is documented in docs/export.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable
from typing import Any

from kibaru import lexicon
from kibaru.contract import Actor
from kibaru.export.rows import ExportItem, Output, open_text
from kibaru.export.stats import ExportStats

__all__ = ["plover_record", "quad_codes", "write_plover"]

@functools.cache
def quad_codes() -> dict[str, int]:
    """Return PLOVER's quad category per type (data/crosswalk.yaml): 1 verbal cooperation,
    2 material cooperation, 3 verbal conflict, 4 material conflict."""
    return {str(k): int(v) for k, v in lexicon.load_shared("crosswalk")["plover_quads"].items()}


@functools.cache
def _alpha2(iso3: str) -> str | None:
    import pycountry

    record = pycountry.countries.get(alpha_3=iso3)
    return record.alpha_2 if record else None


def _actor(actor: Actor) -> dict[str, Any]:
    return {
        "code": actor.country,
        "sector": actor.sector,
        "actor_text": actor.text,
        "identifier_id": actor.external_id or actor.actor_id,
        "identifier_text": actor.name,
    }


def plover_record(item: ExportItem, *, coder: str = "kibaru", coded_date: dt.date | None = None) -> dict[str, Any]:
    """Return the PLOVER record of one event."""
    e = item.event
    loc = e.location
    event_loc = None
    if loc is not None:
        event_loc = {
            "geonameid": loc.geonameid,
            "name": loc.name,
            "latitude": loc.lat,
            "longitude": loc.lon,
            "country code": _alpha2(loc.country) if loc.country else None,
            "cc3": loc.country,
            "admin1 code": loc.admin1,
            "admin2 code": loc.admin2,
            "geo_precision": loc.geo_precision,
            "location_text": loc.text,
        }
    size: dict[str, Any] = {}
    if e.fatalities:
        size["dead"] = e.fatalities.best
    if e.injuries:
        size["injured"] = e.injuries.best
    record: dict[str, Any] = {
        "id": e.event_id,
        "date": e.date.isoformat() if e.date else None,
        "enddate": e.date_end.isoformat() if e.date_end and e.date_end != e.date else None,
        "source": [_actor(a) for a in e.source_actors],
        "recipient": [_actor(a) for a in e.target_actors],
        "event": [e.plover_type],
        "mode": [e.plover_mode] if e.plover_mode else [],
        "context": [],
        "event_loc": event_loc,
        "event_text": [item.evidence_text] if item.evidence_text else [],
        "quad_code": quad_codes().get(e.plover_type),
        **size,
        "text_info": {
            "start": e.evidence.sentence_start,
            "end": e.evidence.sentence_end,
            "trigger_start": e.evidence.trigger_start,
            "trigger_end": e.evidence.trigger_end,
        },
        "cite_info": {
            "citation": e.article_id,
            "url": item.url,
            "publication": "; ".join(item.sources) or None,
            "coder": f"{coder} {e.pipeline_version}",
            "codebook": "plover-2024",
        },
        "coder": coder,
        "coded_date": (coded_date or dt.date.today()).isoformat(),
        "time_precision": e.time_precision,
        "modality": e.modality,
        "n_reports": item.n_reports,
        "cameo_root": e.cameo_root,
        "confidence": round(e.confidence, 3),
    }
    return record


def write_plover(
    items: Iterable[ExportItem], out: Output, *, coder: str = "kibaru", coded_date: dt.date | None = None
) -> ExportStats:
    """Write one PLOVER record per event and line."""
    written = 0
    with open_text(out) as handle:
        for item in items:
            handle.write(json.dumps(plover_record(item, coder=coder, coded_date=coded_date), ensure_ascii=False) + "\n")
            written += 1
    return ExportStats(format="plover", written=written)
