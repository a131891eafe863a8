"""Parse and check the query parameters shared by the event routes into an ``EventFilter``.

The parameters are the CLI's filters. Every problem is reported at once, one detail per
parameter, as a 422 in the error envelope; limits on page size, offset and text length keep
any one request cheap.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import Query

from kibaru.contract import MODALITIES, PLOVER_TYPES
from kibaru.server.errors import ApiError, ErrorDetail
from kibaru.store.filters import EventFilter

__all__ = [
    "ACLED_EVENT_TYPES",
    "MAX_LIMIT",
    "MAX_OFFSET",
    "MAX_TEXT",
    "Page",
    "event_filter",
    "page",
    "parse_bbox",
]

MAX_LIMIT = 500
"""Largest page of events one request may ask for."""
MAX_OFFSET = 1_000_000
MAX_TEXT = 200
"""Longest free-text, actor or country value accepted."""

ACLED_EVENT_TYPES: tuple[str, ...] = (
    "Battles",
    "Explosions/Remote violence",
    "Protests",
    "Riots",
    "Strategic developments",
    "Violence against civilians",
)

_NUMBER = r"\s*-?\d+(\.\d+)?\s*"
_BBOX_PATTERN = f"^{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}$"
_MODALITY_PATTERN = r"^(all|((asserted|negated|hypothetical|future)(,(asserted|negated|hypothetical|future))*))$"

_PLOVER = {t.lower(): t for t in PLOVER_TYPES}
_ACLED = {t.lower(): t for t in ACLED_EVENT_TYPES}


@dataclass(frozen=True)
class Page:
    """Which slice of the result to return."""

    limit: int
    offset: int


def parse_bbox(raw: str) -> tuple[float, float, float, float]:
    """Parse ``west,south,east,north`` in degrees; raise ValueError with the reason."""
    parts = raw.split(",")
    if len(parts) != 4:
        raise ValueError("expected four numbers west,south,east,north")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ValueError("expected four numbers west,south,east,north") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise ValueError("coordinates must be finite numbers")
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise ValueError("longitudes must lie in [-180, 180]")
    if not (-90 <= south <= 90 and -90 <= north <= 90):
        raise ValueError("latitudes must lie in [-90, 90]")
    if south > north:
        raise ValueError("south must not be greater than north")
    if west > east:
        raise ValueError("west must not be greater than east (boxes across the antimeridian "
                         "are not supported; split them in two)")
    return (west, south, east, north)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_day(name: str, value: str | None, problems: list[ErrorDetail]) -> dt.date | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        if not _DAY.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append(ErrorDetail(
            loc=f"query.{name}", message=f"{value!r} is not a date; expected YYYY-MM-DD",
        ))
        return None


def _clean_text(name: str, value: str | None, problems: list[ErrorDetail]) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if "\x00" in value:
        problems.append(ErrorDetail(loc=f"query.{name}", message="must not contain NUL"))
        return None
    return value


def event_filter(
    country: Annotated[str | None, Query(
        max_length=3, description="ISO 3166-1 alpha-3 country code, e.g. MLI.",
        json_schema_extra={"pattern": "^[A-Za-z]{3}$"},
    )] = None,
    since: Annotated[str | None, Query(
        max_length=10, description="First day, YYYY-MM-DD.", json_schema_extra={"format": "date"},
    )] = None,
    until: Annotated[str | None, Query(
        max_length=10, description="Last day, YYYY-MM-DD.", json_schema_extra={"format": "date"},
    )] = None,
    type: Annotated[str | None, Query(
        max_length=40, description="PLOVER event type, e.g. ASSAULT (any case).",
        json_schema_extra={"enum": list(PLOVER_TYPES)},
    )] = None,
    acled_type: Annotated[str | None, Query(
        max_length=40, description="ACLED event type, e.g. Battles (any case).",
        json_schema_extra={"enum": list(ACLED_EVENT_TYPES)},
    )] = None,
    actor: Annotated[str | None, Query(
        max_length=MAX_TEXT, description="Actor name (source or target), substring match.",
    )] = None,
    bbox: Annotated[str | None, Query(
        max_length=120, description="west,south,east,north in degrees (west <= east, "
        "south <= north).", examples=["-12.3,10.1,4.3,25.0"],
        json_schema_extra={"pattern": _BBOX_PATTERN},
    )] = None,
    text: Annotated[str | None, Query(
        max_length=MAX_TEXT, description="Words in the evidence sentence, actor or place names.",
    )] = None,
    modality: Annotated[str | None, Query(
        max_length=80, json_schema_extra={"pattern": _MODALITY_PATTERN},
        description="Comma-separated modalities (asserted, negated, hypothetical, future) "
                    "or 'all'; default asserted.",
    )] = None,
    article: Annotated[str | None, Query(
        max_length=128, description="Only events of this article id.",
    )] = None,
    aggregates: Annotated[bool, Query(
        description="Include aggregate statements ('dozens of attacks this year').",
    )] = False,
) -> EventFilter:
    """Return the ``EventFilter`` the query asks for, or raise a 422 naming every problem."""
    problems: list[ErrorDetail] = []
    first = _parse_day("since", since, problems)
    last = _parse_day("until", until, problems)
    country = _clean_text("country", country, problems)
    actor = _clean_text("actor", actor, problems)
    text = _clean_text("text", text, problems)
    article = _clean_text("article", article, problems)

    plover = None
    if type is not None and type.strip():
        plover = _PLOVER.get(type.strip().lower())
        if plover is None:
            problems.append(ErrorDetail(
                loc="query.type",
                message=f"unknown event type {type.strip()!r}; expected one of "
                        + ", ".join(PLOVER_TYPES),
            ))
    acled = None
    if acled_type is not None and acled_type.strip():
        acled = _ACLED.get(acled_type.strip().lower())
        if acled is None:
            problems.append(ErrorDetail(
                loc="query.acled_type",
                message=f"unknown ACLED event type {acled_type.strip()!r}; expected one of "
                        + ", ".join(ACLED_EVENT_TYPES),
            ))
    box = None
    if bbox is not None and bbox.strip():
        try:
            box = parse_bbox(bbox)
        except ValueError as exc:
            problems.append(ErrorDetail(loc="query.bbox", message=str(exc)))
    modalities: tuple[str, ...] = ("asserted",)
    if modality is not None and modality.strip():
        wanted = [m.strip().lower() for m in modality.split(",") if m.strip()]
        if wanted == ["all"]:
            modalities = MODALITIES
        else:
            bad = [m for m in wanted if m not in MODALITIES]
            if bad or not wanted:
                problems.append(ErrorDetail(
                    loc="query.modality",
                    message=f"unknown modality {', '.join(bad)!r}; expected 'all' or any of "
                            + ", ".join(MODALITIES),
                ))
            else:
                modalities = tuple(m for m in MODALITIES if m in wanted)
    if first and last and first > last:
        problems.append(ErrorDetail(
            loc="query.since", message=f"since ({first}) is after until ({last})",
        ))
    if problems:
        summary = "; ".join(f"{p.loc}: {p.message}" for p in problems)
        raise ApiError(422, f"invalid request: {summary}", details=problems)
    return EventFilter(
        country=country, since=first, until=last, plover_type=plover, acled_event_type=acled,
        actor=actor, bbox=box, text=text, article_id=article, modalities=modalities,
        include_aggregates=aggregates,
    )


def page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")] = 0,
) -> Page:
    """Return the requested page (sizes over ``MAX_LIMIT`` are a 422)."""
    return Page(limit=limit, offset=offset)
