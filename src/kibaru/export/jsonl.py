"""Write events as JSON Lines (the event contract, one event a line) and read them back."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kibaru.contract import Actor, Count, Event, Evidence, Location
from kibaru.errors import MalformedInputError
from kibaru.export.rows import ExportItem, Output, open_text
from kibaru.export.stats import ExportStats

__all__ = ["event_from_json", "item_json", "read_jsonl", "write_jsonl"]


def item_json(item: ExportItem) -> dict[str, Any]:
    """Return the contract JSON of the item's event plus its report count, sources and
    evidence sentence (additive keys after the contract's fixed ones)."""
    data = item.event.to_json()
    data["n_reports"] = item.n_reports
    data["sources"] = list(item.sources)
    data["article_ids"] = list(item.article_ids or (item.event.article_id,))
    data["evidence_text"] = item.evidence_text
    return data


def write_jsonl(items: Iterable[ExportItem], out: Output) -> ExportStats:
    """Write one JSON object per event and line to ``out``."""
    written = 0
    with open_text(out) as handle:
        for item in items:
            handle.write(json.dumps(item_json(item), ensure_ascii=False) + "\n")
            written += 1
    return ExportStats(format="jsonl", written=written)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _actor(data: dict[str, Any]) -> Actor:
    return Actor(
        text=data.get("text") or "",
        name=data.get("name") or "",
        country=data.get("country"),
        sector=data.get("sector") or "UNK",
        acled_inter=data.get("acled_inter"),
        actor_id=data.get("actor_id"),
        external_id=data.get("external_id"),
    )


def _count(data: dict[str, Any] | None) -> Count | None:
    if not data:
        return None
    return Count(low=data["low"], best=data["best"], high=data["high"], text=data.get("text") or "")


def _location(data: dict[str, Any] | None) -> Location | None:
    if not data:
        return None
    return Location(
        text=data.get("text") or "",
        name=data.get("name") or "",
        country=data.get("country"),
        admin1=data.get("admin1"),
        admin2=data.get("admin2"),
        lat=data.get("lat"),
        lon=data.get("lon"),
        geonameid=data.get("geonameid"),
        geo_precision=data.get("geo_precision"),
    )


def event_from_json(data: dict[str, Any]) -> Event:
    """Rebuild a contract ``Event`` from its JSON object (``Event.to_json``)."""
    try:
        return Event(
            event_id=data["event_id"],
            article_id=data["article_id"],
            plover_type=data["plover_type"],
            plover_mode=data.get("plover_mode"),
            acled_event_type=data.get("acled_event_type"),
            acled_sub_event_type=data.get("acled_sub_event_type"),
            cameo_root=data.get("cameo_root"),
            modality=data.get("modality", "asserted"),
            aggregate=bool(data.get("aggregate", False)),
            date=_date(data.get("date")),
            date_end=_date(data.get("date_end")),
            time_precision=data.get("time_precision"),
            source_actors=tuple(_actor(a) for a in data.get("source_actors") or ()),
            target_actors=tuple(_actor(a) for a in data.get("target_actors") or ()),
            location=_location(data.get("location")),
            fatalities=_count(data.get("fatalities")),
            injuries=_count(data.get("injuries")),
            evidence=Evidence(**data["evidence"]),
            confidence=float(data.get("confidence", 1.0)),
            pipeline_version=data.get("pipeline_version", ""),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise MalformedInputError(f"not a Kibaru event object: {type(exc).__name__}: {exc}") from exc


def read_jsonl(path: str | Path) -> Iterator[Event]:
    """Yield the events of a JSON Lines file written by ``write_jsonl``."""
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedInputError(f"line {number} is not JSON: {exc.msg}", origin=str(path)) from exc
            yield event_from_json(data)
