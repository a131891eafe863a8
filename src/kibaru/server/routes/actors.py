"""Serve the top actors and the actor network (who acted on whom, by event type)."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from kibaru.server.deps import StoreGate, gate
from kibaru.server.errors import ERROR_RESPONSES
from kibaru.server.models import ActorPage, LinkOut, NetworkOut, NodeOut, TopActorOut
from kibaru.server.params import event_filter
from kibaru.store.filters import EventFilter

__all__ = ["MAX_ACTORS", "MAX_LINKS", "router"]

router = APIRouter(tags=["actors"])

MAX_ACTORS = 500
MAX_LINKS = 300


@router.get("/api/actors", response_model=ActorPage, responses=ERROR_RESPONSES,
            summary="The actors in the most events")
def top_actors(
    flt: Annotated[EventFilter, Depends(event_filter)],
    store: Annotated[StoreGate, Depends(gate)],
    limit: Annotated[int, Query(ge=1, le=MAX_ACTORS, description="How many actors.")] = 20,
) -> ActorPage:
    """Return the actors taking part (either side) in the most events matching the filters."""
    rows = store.run(lambda s: s.top_actors(flt, limit=limit))
    return ActorPage(actors=[TopActorOut(name=a.name, country=a.country, sector=a.sector,
                                         events=a.events, fatalities=a.fatalities) for a in rows])


@router.get("/api/actors/network", response_model=NetworkOut, responses=ERROR_RESPONSES,
            summary="Actor pairs with event counts by type")
def actor_network(
    flt: Annotated[EventFilter, Depends(event_filter)],
    store: Annotated[StoreGate, Depends(gate)],
    limit: Annotated[int, Query(ge=1, le=MAX_LINKS, description="How many pairs.")] = 100,
) -> NetworkOut:
    """Return the source -> target pairs with the most events, and their actors as nodes
    (a node's ``events`` counts the events of the returned pairs it takes part in)."""
    links = store.run(lambda s: s.actor_network(flt, limit=limit))
    weight: Counter[str] = Counter()
    for link in links:
        weight[link.source] += link.events
        weight[link.target] += link.events
    nodes = [NodeOut(id=name, events=n) for name, n in sorted(weight.items(),
                                                              key=lambda kv: (-kv[1], kv[0]))]
    return NetworkOut(nodes=nodes, links=[
        LinkOut(source=l.source, target=l.target, events=l.events, by_type=dict(l.by_type))
        for l in links
    ])
