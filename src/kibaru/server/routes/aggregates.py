"""Serve counts and fatalities by period and by type, country or admin1."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from kibaru.server import queries
from kibaru.server.deps import StoreGate, gate
from kibaru.server.errors import ERROR_RESPONSES, ApiError, ErrorDetail
from kibaru.server.models import AggregateOut, AggregatesOut
from kibaru.server.params import event_filter
from kibaru.store.filters import EventFilter

__all__ = ["router"]

router = APIRouter(tags=["aggregates"])


@router.get("/api/aggregates", response_model=AggregatesOut, responses=ERROR_RESPONSES,
            summary="Events and fatalities per day, week or month and key")
def get_aggregates(
    flt: Annotated[EventFilter, Depends(event_filter)],
    store: Annotated[StoreGate, Depends(gate)],
    interval: Annotated[Literal["day", "week", "month"], Query(
        description="Period length; weeks start on Monday.",
    )] = "week",
    by: Annotated[str, Query(
        max_length=40,
        description="Comma-separated keys, at most two of: type, acled, country, admin1 "
                    "(e.g. 'type,country'); empty for totals per period.",
    )] = "type",
) -> AggregatesOut:
    """Return one row per period and combination of keys, dated events only."""
    keys = [k.strip().lower() for k in by.split(",") if k.strip()]
    bad = [k for k in keys if k not in queries.AGGREGATE_BY]
    if bad or len(keys) > 2 or len(set(keys)) != len(keys):
        reason = (f"unknown key {bad[0]!r}" if bad else "at most two distinct keys")
        detail = ErrorDetail(loc="query.by", message=f"{reason}; choose from "
                             + ", ".join(queries.AGGREGATE_BY))
        raise ApiError(422, f"invalid request: query.by: {detail.message}", details=[detail])
    rows = store.run(queries.aggregate, flt, interval=interval, by=keys)
    return AggregatesOut(
        interval=interval, by=keys,
        rows=[AggregateOut(period=r.period.isoformat(), events=r.events,
                           fatalities=r.fatalities, **r.keys) for r in rows],
    )
