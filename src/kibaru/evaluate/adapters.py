"""Turn data users already hold into gold reports: ACLED-style CSV and PLOVER-annotated JSON.

**ACLED-style CSV.** Each row with a non-empty ``notes`` becomes one report whose text is the
note and whose publication date is the row's ``event_date`` (so relative dates resolve as the
analyst read them). The gold event spans the whole note (evidence and trigger), carries the
row's ``event_type``/``sub_event_type``, date and ``time_precision``, ``actor1``/``actor2``
(sector from ``inter1``/``inter2``; the country only for state forces, inter 1), the
``location``/``latitude``/``longitude``/``geo_precision`` and ``fatalities``. It has no PLOVER
type, so matching uses the ACLED type and any PLOVER family. Notes often hold several events
while the row holds one, so precision against ACLED notes is a lower bound.

**PLOVER JSON.** A JSON list, a ``{"events": [...]}`` object, or JSON lines; one object per
event with ``text`` (or ``story_text``), optionally ``sentence`` (the evidence; the whole text
otherwise), ``id``, ``date``, ``publication_date``, ``event_type``, ``mode``, ``actor`` and
``actor_country``, ``recipient`` and ``recipient_country`` (``source``/``target`` also
accepted), ``location`` (object or list with ``placename``/``name``, ``lat``, ``lon``,
``country``) and ``fatalities``. Events sharing a text become one report.

Reports from both adapters are in the ``test`` split unless another split is asked for.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pycountry

from kibaru.contract import Span
from kibaru.errors import ConfigError, MalformedInputError
from kibaru.evaluate.gold import (
    GoldActor,
    GoldCount,
    GoldEvent,
    GoldLocation,
    GoldReport,
    GoldSet,
)

__all__ = ["country_iso3", "load_acled_csv", "load_any", "load_plover_json"]

_SECTOR_BY_INTER = {2: "REB", 3: "OPP", 4: "MIL_ID", 6: "PRO", 7: "CVL"}
_ACLED_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%m/%d/%Y")


def country_iso3(value: str | None) -> str | None:
    """Return the ISO3 code of a country given by name, ISO2 or ISO3 (None when unknown)."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        if len(value) == 3 and value.isupper():
            found = pycountry.countries.get(alpha_3=value)
        elif len(value) == 2 and value.isupper():
            found = pycountry.countries.get(alpha_2=value)
        else:
            found = pycountry.countries.lookup(value)
    except LookupError:
        return None
    return str(found.alpha_3) if found else None


def _acled_date(value: str, origin: str) -> dt.date:
    for fmt in _ACLED_DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise MalformedInputError(f"{origin}: event_date {value!r} is not a date")


def _int(value: Any) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _acled_actor(name: str, inter: int | None, country: str | None) -> tuple[GoldActor, ...]:
    if not name.strip():
        return ()
    return (
        GoldActor(
            name=name.strip(),
            text=name.strip(),
            country=country if inter == 1 else None,
            sector=_SECTOR_BY_INTER.get(inter or 0),
            acled_inter=inter,
        ),
    )


def load_acled_csv(path: Path, *, split: str = "test") -> GoldSet:
    """Return one gold report per ACLED-style row with notes (see the module docstring)."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the ACLED file ({exc.strerror})") from exc
    reports: list[GoldReport] = []
    skipped: list[str] = []
    with handle:
        reader = csv.DictReader(handle)
        missing = {"event_date", "event_type", "notes"} - set(reader.fieldnames or ())
        if missing:
            raise MalformedInputError(f"{path}: ACLED CSV lacks column(s) {', '.join(sorted(missing))}")
        try:
            rows = list(reader)
        except csv.Error as exc:
            raise MalformedInputError(f"{path}: broken CSV ({exc})") from exc
    for number, row in enumerate(rows, 2):
        origin = f"{path.name}:{number}"
        note = (row.get("notes") or "").strip()
        if not note:
            skipped.append(f"{origin}: skipped, no notes")
            continue
        day = _acled_date(row["event_date"], origin)
        country = country_iso3(row.get("iso3") or row.get("country"))
        lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
        location = None
        if row.get("location") or lat is not None:
            location = GoldLocation(
                name=(row.get("location") or "").strip(), country=country,
                admin1=(row.get("admin1") or None), lat=lat, lon=lon,
                geo_precision=_int(row.get("geo_precision")),
            )
        deaths = _int(row.get("fatalities"))
        event = GoldEvent(
            evidence=note, trigger=note, evidence_span=Span(0, len(note)), trigger_span=Span(0, len(note)),
            plover_type=None,
            acled_event_type=(row.get("event_type") or None),
            acled_sub_event_type=(row.get("sub_event_type") or None),
            date=day, date_end=day, time_precision=_int(row.get("time_precision")) or 1,
            source_actors=_acled_actor(row.get("actor1") or "", _int(row.get("inter1")), country),
            target_actors=_acled_actor(row.get("actor2") or "", _int(row.get("inter2")), country),
            location=location,
            fatalities=GoldCount(deaths, deaths, deaths) if deaths is not None else None,
        )
        rid = (row.get("event_id_cnty") or row.get("event_id") or f"{path.stem}-{number}").strip()
        reports.append(GoldReport(id=rid, split=split, published=day, text=note, events=(event,),
                                  title=rid, origin=origin))
    return GoldSet(tuple(reports), tuple(skipped), (str(path),))


def _plover_records(path: Path) -> list[Mapping[str, Any]]:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the PLOVER file ({exc.strerror})") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in raw.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise MalformedInputError(f"{path}: neither JSON nor JSON lines ({exc.msg})") from exc
    if isinstance(data, Mapping):
        data = data.get("events", [data])
    if not isinstance(data, list) or not all(isinstance(d, Mapping) for d in data):
        raise MalformedInputError(f"{path}: expected a list of PLOVER event objects")
    return data


def _plover_location(value: Any) -> GoldLocation | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, Mapping):
        return None
    return GoldLocation(
        name=str(value.get("placename") or value.get("name") or ""),
        country=country_iso3(value.get("country") or value.get("country_code")),
        admin1=value.get("admin1"),
        lat=_float(value.get("lat")), lon=_float(value.get("lon")),
        geo_precision=_int(value.get("geo_precision")),
    )


def _plover_actor(name: Any, country: Any) -> tuple[GoldActor, ...]:
    if not name:
        return ()
    names = name if isinstance(name, list) else [name]
    return tuple(GoldActor(name=str(n), text=str(n), country=country_iso3(country)) for n in names)


def load_plover_json(path: Path, *, split: str = "test") -> GoldSet:
    """Return gold reports from PLOVER-annotated JSON (see the module docstring)."""
    by_text: dict[str, list[tuple[Mapping[str, Any], str]]] = {}
    order: list[str] = []
    for i, rec in enumerate(_plover_records(path), 1):
        text = str(rec.get("text") or rec.get("story_text") or "")
        if not text.strip():
            raise MalformedInputError(f"{path} record {i}: no text")
        if text not in by_text:
            by_text[text] = []
            order.append(text)
        by_text[text].append((rec, f"{path.name} record {i}"))
    reports = []
    for n, text in enumerate(order, 1):
        events = []
        first = by_text[text][0][0]
        for rec, origin in by_text[text]:
            sentence = str(rec.get("sentence") or text)
            start = text.find(sentence)
            if start < 0:
                raise MalformedInputError(f"{origin}: sentence is not in the text")
            span = Span(start, start + len(sentence))
            try:
                day = dt.date.fromisoformat(str(rec["date"])[:10]) if rec.get("date") else None
            except ValueError as exc:
                raise MalformedInputError(f"{origin}: bad date {rec.get('date')!r}") from exc
            deaths = _int(rec.get("fatalities"))
            events.append(GoldEvent(
                evidence=sentence, trigger=sentence, evidence_span=span, trigger_span=span,
                plover_type=(str(rec.get("event_type") or "").upper() or None),
                plover_mode=rec.get("mode"),
                date=day, date_end=day, time_precision=1 if day else None,
                source_actors=_plover_actor(rec.get("actor") or rec.get("source"),
                                            rec.get("actor_country") or rec.get("source_country")),
                target_actors=_plover_actor(rec.get("recipient") or rec.get("target"),
                                            rec.get("recipient_country") or rec.get("target_country")),
                location=_plover_location(rec.get("location")),
                fatalities=GoldCount(deaths, deaths, deaths) if deaths is not None else None,
            ))
        pub = first.get("publication_date") or first.get("pub_date") or first.get("date")
        try:
            published = dt.date.fromisoformat(str(pub)[:10]) if pub else None
        except ValueError as exc:
            raise MalformedInputError(f"{path}: bad publication date {pub!r}") from exc
        rid = str(first.get("story_id") or first.get("id") or f"{path.stem}-{n}")
        reports.append(GoldReport(id=rid, split=split, published=published, text=text,
                                  events=tuple(events), title=rid, origin=f"{path.name}"))
    return GoldSet(tuple(reports), (), (str(path),))


def load_any(path: Path, *, kind: str = "auto", shared_dir: Path | None = None) -> GoldSet:
    """Load ``path`` as Kibaru gold (.jsonl), ACLED CSV (.csv) or PLOVER JSON (.json)."""
    from kibaru.evaluate.gold import load_gold

    if kind == "auto":
        suffix = path.suffix.lower()
        kind = {".csv": "acled", ".json": "plover"}.get(suffix, "gold")
    if kind == "acled":
        return load_acled_csv(path)
    if kind == "plover":
        return load_plover_json(path)
    return load_gold(path, shared_dir=shared_dir)
