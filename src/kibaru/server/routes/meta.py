"""Serve the server's health and what the filter widgets offer (types, countries, dates)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from kibaru.contract import MODALITIES, PLOVER_TYPES
from kibaru.server import queries
from kibaru.server.deps import StoreGate, gate
from kibaru.server.errors import ERROR_RESPONSES
from kibaru.server.models import HealthOut, MetaOut, ValueCount
from kibaru.server.params import ACLED_EVENT_TYPES, MAX_LIMIT
from kibaru.store.filters import EventFilter
from kibaru.version import __version__

__all__ = ["country_name", "router"]

router = APIRouter(tags=["meta"])


def country_name(code: str) -> str | None:
    """Return the English short name of an ISO 3166-1 alpha-3 (or alpha-2) code."""
    import pycountry

    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else (
        pycountry.countries.get(alpha_2=code) if len(code) == 2 else None)
    if found is None:
        return None
    name = str(getattr(found, "common_name", None) or found.name)
    head, _, tail = name.partition(", ")
    if tail.endswith((" of", " of the")):  # ISO's inverted form: "Congo, The Democratic Republic of the"
        name = f"{tail.removeprefix('The ')} {head}"
    return name


@router.get("/api/health", response_model=HealthOut, responses=ERROR_RESPONSES,
            summary="Whether the server can read its database")
def health(store: Annotated[StoreGate, Depends(gate)]) -> HealthOut:
    """Return ``ok`` with the number of events when the database answers."""
    events = store.run(lambda s: s.count_events(EventFilter(modalities=MODALITIES,
                                                            include_aggregates=True)))
    return HealthOut(status="ok", version=__version__, events=events)


@router.get("/api/meta", response_model=MetaOut, responses=ERROR_RESPONSES,
            summary="Types, countries and date range for the filter widgets")
def meta(store: Annotated[StoreGate, Depends(gate)]) -> MetaOut:
    """Return what the store holds (asserted events): types, countries, first and last day."""
    flt = EventFilter()
    types = store.run(queries.type_counts, flt)
    countries = store.run(queries.countries, flt)
    first, last = store.run(queries.date_range, flt)
    articles = store.run(queries.article_count)
    return MetaOut(
        plover_types=list(PLOVER_TYPES),
        acled_event_types=list(ACLED_EVENT_TYPES),
        modalities=list(MODALITIES),
        types=[ValueCount(value=t, name=None, events=n) for t, n in types],
        countries=[ValueCount(value=c.code, name=country_name(c.code), events=c.events)
                   for c in countries],
        first_date=first.isoformat() if first else None,
        last_date=last.isoformat() if last else None,
        events=sum(n for _, n in types),
        articles=articles,
        max_page_size=MAX_LIMIT,
    )
