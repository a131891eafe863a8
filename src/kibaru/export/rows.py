"""Normalise what callers hand the exporters into ``ExportItem``s and flat, typed rows.

Writers accept an iterable of contract ``Event``s, ``EventCluster``s (one merged event with
its member count and sources), ``CodeResult``s (their events, with the article text so that
the evidence sentence can be quoted) or ready ``ExportItem``s, mixed freely. Nothing is
materialised: ``iter_items`` is a generator, so writers stream.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TextIO

import pyarrow as pa

from kibaru.cluster import EventCluster
from kibaru.contract import Actor, CodeResult, Event

__all__ = [
    "FLAT_COLUMNS",
    "FLAT_SCHEMA",
    "ExportItem",
    "Exportable",
    "Output",
    "flat_row",
    "iso_date",
    "iter_items",
    "open_binary",
    "open_text",
]

Exportable = Event | EventCluster | CodeResult
Output = str | Path | IO[str] | IO[bytes]


@dataclass(frozen=True, slots=True)
class ExportItem:
    """One event to write, with what the event contract alone does not carry."""

    event: Event
    n_reports: int = 1
    sources: tuple[str, ...] = ()
    """Outlet names (or article ids) that reported the event."""
    article_ids: tuple[str, ...] = ()
    evidence_text: str | None = None
    """The evidence sentence, when the article text is known."""
    url: str | None = None


def iter_items(
    events: Iterable[Exportable | ExportItem],
    *,
    article_texts: Mapping[str, str] | None = None,
    source_names: Mapping[str, str] | None = None,
    urls: Mapping[str, str] | None = None,
) -> Iterator[ExportItem]:
    """Yield an ``ExportItem`` per event; ``article_texts`` (article id -> cleaned text)
    lets the evidence sentence be quoted, ``source_names`` names each article's outlet."""
    texts = article_texts or {}
    names = source_names or {}
    links = urls or {}

    def evidence(event: Event, text: str | None) -> str | None:
        text = text if text is not None else texts.get(event.article_id)
        if text is None:
            return None
        ev = event.evidence
        return " ".join(text[ev.sentence_start : ev.sentence_end].split())

    for obj in events:
        if isinstance(obj, ExportItem):
            yield obj
        elif isinstance(obj, CodeResult):
            for event in obj.events:
                yield ExportItem(
                    event=event,
                    sources=(names.get(event.article_id, event.article_id),),
                    article_ids=(event.article_id,),
                    evidence_text=evidence(event, obj.text),
                    url=obj.doc.article.url or links.get(event.article_id),
                )
        elif isinstance(obj, EventCluster):
            merged = obj.event
            best = next(r for r in obj.reports if r.evidence == merged.evidence and r.article_id == merged.article_id)
            yield ExportItem(
                event=merged,
                n_reports=obj.n_reports,
                sources=tuple(names.get(s, s) for s in obj.sources),
                article_ids=obj.article_ids,
                evidence_text=evidence(best, None),
                url=links.get(best.article_id),
            )
        elif isinstance(obj, Event):
            yield ExportItem(
                event=obj,
                sources=(names.get(obj.article_id, obj.article_id),),
                article_ids=(obj.article_id,),
                evidence_text=evidence(obj, None),
                url=links.get(obj.article_id),
            )
        else:
            raise TypeError(f"cannot export a {type(obj).__name__}; pass Event, EventCluster or CodeResult")


def _names(actors: tuple[Actor, ...]) -> str:
    return "; ".join(a.name for a in actors)


def _field(actors: tuple[Actor, ...], get: Callable[[Actor], object]) -> str:
    return "; ".join("" if get(a) is None else str(get(a)) for a in actors)


FLAT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("article_id", pa.string()),
        ("plover_type", pa.string()),
        ("plover_mode", pa.string()),
        ("acled_event_type", pa.string()),
        ("acled_sub_event_type", pa.string()),
        ("cameo_root", pa.string()),
        ("modality", pa.string()),
        ("aggregate", pa.bool_()),
        ("date", pa.date32()),
        ("date_end", pa.date32()),
        ("time_precision", pa.int8()),
        ("source_actors", pa.string()),
        ("source_countries", pa.string()),
        ("source_sectors", pa.string()),
        ("target_actors", pa.string()),
        ("target_countries", pa.string()),
        ("target_sectors", pa.string()),
        ("location", pa.string()),
        ("country", pa.string()),
        ("admin1", pa.string()),
        ("admin2", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("geonameid", pa.int64()),
        ("geo_precision", pa.int8()),
        ("fatalities_low", pa.int32()),
        ("fatalities_best", pa.int32()),
        ("fatalities_high", pa.int32()),
        ("injuries_low", pa.int32()),
        ("injuries_best", pa.int32()),
        ("injuries_high", pa.int32()),
        ("sentence_start", pa.int32()),
        ("sentence_end", pa.int32()),
        ("trigger_start", pa.int32()),
        ("trigger_end", pa.int32()),
        ("evidence_text", pa.string()),
        ("confidence", pa.float64()),
        ("pipeline_version", pa.string()),
        ("n_reports", pa.int32()),
        ("sources", pa.string()),
        ("article_ids", pa.string()),
        ("url", pa.string()),
    ]
)
"""The flat typed schema shared by the CSV and Parquet exports (multi-valued cells joined
with ``"; "``)."""

FLAT_COLUMNS: tuple[str, ...] = tuple(FLAT_SCHEMA.names)


def flat_row(item: ExportItem) -> dict[str, Any]:
    """Return the flat row of ``item`` (Python values typed as ``FLAT_SCHEMA``)."""
    e = item.event
    loc = e.location
    fat, inj = e.fatalities, e.injuries
    return {
        "event_id": e.event_id,
        "article_id": e.article_id,
        "plover_type": e.plover_type,
        "plover_mode": e.plover_mode,
        "acled_event_type": e.acled_event_type,
        "acled_sub_event_type": e.acled_sub_event_type,
        "cameo_root": e.cameo_root,
        "modality": e.modality,
        "aggregate": e.aggregate,
        "date": e.date,
        "date_end": e.date_end,
        "time_precision": e.time_precision,
        "source_actors": _names(e.source_actors),
        "source_countries": _field(e.source_actors, lambda a: a.country),
        "source_sectors": _field(e.source_actors, lambda a: a.sector),
        "target_actors": _names(e.target_actors),
        "target_countries": _field(e.target_actors, lambda a: a.country),
        "target_sectors": _field(e.target_actors, lambda a: a.sector),
        "location": loc.name if loc else None,
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "geo_precision": loc.geo_precision if loc else None,
        "fatalities_low": fat.low if fat else None,
        "fatalities_best": fat.best if fat else None,
        "fatalities_high": fat.high if fat else None,
        "injuries_low": inj.low if inj else None,
        "injuries_best": inj.best if inj else None,
        "injuries_high": inj.high if inj else None,
        "sentence_start": e.evidence.sentence_start,
        "sentence_end": e.evidence.sentence_end,
        "trigger_start": e.evidence.trigger_start,
        "trigger_end": e.evidence.trigger_end,
        "evidence_text": item.evidence_text,
        "confidence": round(e.confidence, 3),
        "pipeline_version": e.pipeline_version,
        "n_reports": item.n_reports,
        "sources": "; ".join(item.sources),
        "article_ids": "; ".join(item.article_ids or (e.article_id,)),
        "url": item.url,
    }


def iso_date(value: dt.date | None) -> str:
    """Return ``value`` as YYYY-MM-DD, or an empty string."""
    return value.isoformat() if value else ""


@contextlib.contextmanager
def open_text(out: Output) -> Iterator[TextIO]:
    """Yield a text stream for ``out`` (a path, ``"-"`` for stdout, or an open stream)."""
    if isinstance(out, (str, Path)):
        if str(out) == "-":
            yield sys.stdout
            return
        with Path(out).open("w", encoding="utf-8", newline="") as handle:
            yield handle
        return
    if isinstance(out, io.TextIOBase) or hasattr(out, "encoding"):
        yield out  # type: ignore[misc]
        return
    wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")  # type: ignore[type-var]
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()


@contextlib.contextmanager
def open_binary(out: Output) -> Iterator[IO[bytes]]:
    """Yield a binary stream for ``out`` (a path, ``"-"`` for stdout, or a binary stream)."""
    if isinstance(out, (str, Path)):
        if str(out) == "-":
            yield sys.stdout.buffer
            return
        with Path(out).open("wb") as handle:
            yield handle
        return
    if isinstance(out, io.TextIOBase):
        raise TypeError("this format is binary: pass a path or a binary stream")
    yield out  # type: ignore[misc]
