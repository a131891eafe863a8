"""Render coded events for people: a rich table with the evidence sentence."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table

from kibaru.contract import CodeResult, Event

__all__ = ["event_summary", "events_table"]


def _actors(actors: tuple[object, ...]) -> str:
    return "; ".join(getattr(a, "name", "") for a in actors) or "-"


def event_summary(event: Event) -> dict[str, str]:
    """Return the short human-readable fields of an event."""
    when = event.date.isoformat() if event.date else "?"
    if event.date_end and event.date_end != event.date:
        when += f"..{event.date_end.isoformat()}"
    where = "-"
    if event.location:
        where = event.location.name + (f", {event.location.country}" if event.location.country else "")
    deaths = "-"
    if event.fatalities:
        deaths = str(event.fatalities.best)
    acled = event.acled_sub_event_type or event.acled_event_type or "-"
    return {
        "date": f"{when} (p{event.time_precision})" if event.time_precision else when,
        "type": f"{event.plover_type}" + (f"/{event.plover_mode}" if event.plover_mode else ""),
        "acled": acled,
        "source": _actors(event.source_actors),
        "target": _actors(event.target_actors),
        "where": where,
        "deaths": deaths,
        "modality": event.modality + (" (aggregate)" if event.aggregate else ""),
    }


def events_table(result: CodeResult, out: TextIO, *, width: int = 160) -> None:
    """Write the events of ``result`` to ``out`` as a table with evidence sentences."""
    console = Console(file=out, width=width, force_terminal=False, highlight=False)
    table = Table(title=f"article {result.article_id}: {len(result.events)} events", show_lines=True)
    for column in ("date", "type", "acled", "source", "target", "where", "deaths", "modality", "evidence"):
        table.add_column(column, overflow="fold")
    for event in result.events:
        fields = event_summary(event)
        ev = event.evidence
        sentence = result.text[ev.sentence_start : ev.sentence_end]
        if len(sentence) > 220:
            rel = ev.trigger_start - ev.sentence_start
            lo = max(0, rel - 100)
            sentence = ("…" if lo else "") + sentence[lo : lo + 220] + "…"
        table.add_row(*fields.values(), sentence)
    console.print(table)
