"""Render coded events for people: a compact rich table with the evidence around the trigger."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kibaru.contract import Actor, CodeResult, Event

__all__ = ["event_summary", "events_table", "evidence_snippet"]


def _actor(actor: Actor) -> str:
    details = ", ".join(x for x in (actor.country, actor.sector if actor.sector != "UNK" else None) if x)
    return f"{actor.name} ({details})" if details else actor.name


def _actors(actors: tuple[Actor, ...]) -> str:
    return "; ".join(_actor(a) for a in actors) or "-"


def event_summary(event: Event) -> dict[str, str]:
    """Return the short human-readable fields of an event."""
    when = event.date.isoformat() if event.date else "?"
    if event.date_end and event.date_end != event.date:
        when += f"..{event.date_end.isoformat()}"
    if event.time_precision:
        when += f" p{event.time_precision}"
    where = "-"
    if event.location:
        where = event.location.name
        if event.location.country and event.location.country not in where:
            where += f", {event.location.country}"
        if event.location.geo_precision:
            where += f" p{event.location.geo_precision}"
    deaths = "-"
    if event.fatalities:
        f = event.fatalities
        deaths = str(f.best) if f.low == f.high else f"{f.best} ({f.low}-{f.high})"
    kind = event.plover_type + (f"/{event.plover_mode}" if event.plover_mode else "")
    acled = event.acled_sub_event_type or event.acled_event_type
    if acled:
        kind += f"\n{acled}"
    if event.modality != "asserted":
        kind += f"\n[{event.modality}]"
    if event.aggregate:
        kind += "\n[aggregate]"
    return {
        "date": when,
        "type": kind,
        "who": f"{_actors(event.source_actors)}\n→ {_actors(event.target_actors)}",
        "where": where,
        "deaths": deaths,
    }


def evidence_snippet(text: str, event: Event, *, width: int = 160) -> tuple[str, str, str]:
    """Return (before, trigger, after) of the evidence sentence, trimmed around the trigger."""
    ev = event.evidence
    before = text[ev.sentence_start : ev.trigger_start]
    trigger = text[ev.trigger_start : ev.trigger_end]
    after = text[ev.trigger_end : ev.sentence_end]
    room = max(20, (width - len(trigger)) // 2)
    if len(before) > room:
        before = "…" + before[-room:].lstrip()
    if len(after) > room:
        after = after[:room].rstrip() + "…"
    return before, trigger, after


def events_table(result: CodeResult, out: TextIO, *, width: int = 150) -> None:
    """Write the events of ``result`` to ``out`` as a table, the trigger marked in the evidence."""
    console = Console(file=out, width=width, highlight=False, soft_wrap=False)
    title = f"article {result.article_id}"
    if result.published:
        title += f", published {result.published.isoformat()}"
    table = Table(title=f"{title}: {len(result.events)} events", show_lines=True, expand=False)
    table.add_column("#", justify="right")
    table.add_column("date", no_wrap=True)
    table.add_column("type")
    table.add_column("who → whom", max_width=34)
    table.add_column("where", max_width=18)
    table.add_column("deaths", justify="right")
    table.add_column("evidence", ratio=1, min_width=40)
    for number, event in enumerate(result.events, 1):
        fields = event_summary(event)
        before, trigger, after = evidence_snippet(result.text, event)
        evidence = f"{escape(before)}[bold underline]{escape(trigger)}[/]{escape(after)}"
        table.add_row(str(number), *(escape(v) for v in fields.values()), evidence)
    console.print(table)
