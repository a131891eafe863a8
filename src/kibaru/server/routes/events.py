"""Serve events: a filtered, paginated list (JSON or GeoJSON), one event, and map points."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse

from kibaru.server import queries
from kibaru.server.deps import StoreGate, gate
from kibaru.server.errors import ERROR_RESPONSES, ApiError
from kibaru.server.models import EventDetailOut, EventPage, FeatureCollectionOut, PointsOut
from kibaru.server.params import Page, event_filter, page
from kibaru.store.filters import EventFilter

__all__ = ["ID_PATTERN", "router"]

router = APIRouter(tags=["events"])

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"
"""Event and article ids: content hashes and prefixes, never paths."""

GEOJSON = "application/geo+json"


def _next_url(request: Request, pg: Page, total: int) -> str | None:
    if pg.offset + pg.limit >= total:
        return None
    # Keep every parameter the client sent, moving only the offset.
    return str(request.url.include_query_params(offset=pg.offset + pg.limit, limit=pg.limit))


def _feature(event: dict[str, Any]) -> dict[str, Any]:
    loc = event.get("location") or {}
    geometry = None
    if loc.get("lat") is not None and loc.get("lon") is not None:
        geometry = {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
    return {"type": "Feature", "id": event["event_id"], "geometry": geometry, "properties": event}


@router.get(
    "/api/events",
    response_model=EventPage,
    summary="List events matching the filters",
    responses={
        **ERROR_RESPONSES,
        200: {
            "description": "A page of events: JSON, or GeoJSON with format=geojson or "
                           "Accept: application/geo+json.",
            "content": {GEOJSON: {"schema": FeatureCollectionOut.model_json_schema(
                ref_template="#/components/schemas/{model}")}},
        },
    },
)
def list_events(
    request: Request,
    flt: Annotated[EventFilter, Depends(event_filter)],
    pg: Annotated[Page, Depends(page)],
    store: Annotated[StoreGate, Depends(gate)],
    format: Annotated[Literal["json", "geojson"] | None, Query(
        description="json (default) or geojson; the Accept header also selects GeoJSON.",
    )] = None,
) -> Any:
    """Return one page of events, newest first, with a ``next`` link to the following page."""
    total = store.run(lambda s: s.count_events(flt))
    records = store.run(lambda s: s.query_events(flt, limit=pg.limit, offset=pg.offset))
    events = [r.to_json() for r in records]
    nxt = _next_url(request, pg, total)
    wants_geo = format == "geojson" or (
        format is None and GEOJSON in request.headers.get("accept", "")
    )
    if wants_geo:
        body = FeatureCollectionOut.model_validate({
            "type": "FeatureCollection", "features": [_feature(e) for e in events],
            "total": total, "limit": pg.limit, "offset": pg.offset, "next": nxt,
        })
        return JSONResponse(body.model_dump(mode="json"), media_type=GEOJSON)
    return EventPage.model_validate({"total": total, "limit": pg.limit, "offset": pg.offset,
                                     "next": nxt, "events": events})


@router.get("/api/points", response_model=PointsOut, responses=ERROR_RESPONSES,
            summary="Located events for the map, compact")
def list_points(
    flt: Annotated[EventFilter, Depends(event_filter)],
    store: Annotated[StoreGate, Depends(gate)],
) -> PointsOut:
    """Return every located event matching the filters (newest first, capped) as
    ``[event_id, lat, lon, plover_type, fatalities]``."""
    pts = store.run(queries.points, flt)
    return PointsOut(located=pts.located, unlocated=pts.unlocated, truncated=pts.truncated,
                     points=[list(p) for p in pts.points])


@router.get("/api/events/{event_id}", response_model=EventDetailOut, responses=ERROR_RESPONSES,
            summary="One event with its reports, evidence and sources")
def get_event(
    event_id: Annotated[str, Path(pattern=ID_PATTERN, description="The event's id.")],
    store: Annotated[StoreGate, Depends(gate)],
) -> Any:
    """Return one event with every report's evidence sentence and its source articles."""
    detail = store.run(lambda s: s.get_event(event_id))
    if detail is None:
        raise ApiError(404, f"no event with id {event_id!r}")
    return detail.to_json()
