"""Define the event query filter shared by the CLI, the REST API and the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["EventFilter"]


@dataclass(frozen=True)
class EventFilter:
    """Which events to return. Every field is optional; all given fields must hold.

    ``bbox`` is (west, south, east, north) in degrees. ``text`` searches evidence sentences
    and actor and place names. ``modalities`` defaults to asserted events only.
    """

    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    plover_type: str | None = None
    acled_event_type: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    article_id: str | None = None
    modalities: tuple[str, ...] = ("asserted",)
    include_aggregates: bool = False
