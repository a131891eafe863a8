"""``kibaru events`` and ``kibaru export``: query the event database and write events out."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from kibaru.cli.common import friendly_errors
from kibaru.cli.store_options import db_option, event_filter, filter_options
from kibaru.contract import Actor
from kibaru.export import FORMATS
from kibaru.store import EventRecord, Store
from kibaru.store.exporting import export_events

__all__ = ["events_command", "export_command", "records_table"]


def _names(actors: tuple[Actor, ...]) -> str:
    return "; ".join(a.name for a in actors) or "-"


def records_table(records: list[EventRecord], total: int, *, width: int = 170) -> None:
    """Print stored events as a table with their evidence sentence."""
    console = Console(file=sys.stdout, width=width, highlight=False)
    table = Table(title=f"{len(records):,} of {total:,} events", show_lines=True)
    for column in ("date", "type", "source", "target", "where", "deaths", "reports",
                   "evidence", "event_id"):
        table.add_column(column, overflow="fold")
    for record in records:
        event = record.event
        when = event.date.isoformat() if event.date else "?"
        if event.date_end and event.date_end != event.date:
            when += f"..{event.date_end.isoformat()}"
        kind = event.plover_type + (f"\n{event.acled_sub_event_type or event.acled_event_type}"
                                    if event.acled_event_type else "")
        loc = event.location
        where = "-" if loc is None else ", ".join(p for p in (loc.name, loc.admin1, loc.country) if p)
        dead = event.fatalities
        deaths = "-" if dead is None else (str(dead.best) if dead.low == dead.high
                                          else f"{dead.best} ({dead.low}-{dead.high})")
        evidence = record.evidence_text
        if len(evidence) > 220:
            evidence = evidence[:219] + "…"
        table.add_row(when, kind, _names(event.source_actors), _names(event.target_actors), where,
                      deaths, f"{record.n_reports} / {record.n_sources} src", evidence,
                      record.event_id)
    console.print(table)


@click.command("events")
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(1, 1_000_000), default=50, show_default=True,
              help="Most events to show.")
@click.option("--format", "fmt", type=click.Choice(["table", *sorted(FORMATS)]), default="table",
              show_default=True, help="table for reading; the others as in 'kibaru export'.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of stdout.")
@friendly_errors
def events_command(db: Path, limit: int, fmt: str, output: Path | None, **filters: object) -> None:
    """Show the events in the database that match the filters, newest first."""
    flt = event_filter(**filters)  # type: ignore[arg-type]
    with Store.open(db, read_only=True) as store:
        if fmt == "table":
            records = store.query_events(flt, limit=min(limit, 10_000))
            records_table(records, store.count_events(flt))
            return
        if fmt == "parquet" and output is None:
            raise click.UsageError("--format parquet needs --output FILE")
        stats = export_events(store, fmt, str(output) if output else "-", flt=flt, limit=limit)
    if output:
        click.echo(f"{stats.summary()} to {output}", err=True)


@click.command("export")
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), required=True,
              help="acled: ACLED-style CSV; plover: PLOVER JSON; csv, jsonl, geojson, parquet.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write (- for stdout, except parquet).")
@click.option("--limit", type=click.IntRange(1), help="Most events to write (default: all).")
@friendly_errors
def export_command(db: Path, fmt: str, output: Path, limit: int | None, **filters: object) -> None:
    """Write every event matching the filters to a file in an analyst's format."""
    flt = event_filter(**filters)  # type: ignore[arg-type]
    if fmt == "parquet" and str(output) == "-":
        raise click.UsageError("parquet cannot go to stdout; give --output FILE")
    with Store.open(db, read_only=True) as store:
        stats = export_events(store, fmt, str(output), flt=flt, limit=limit)
    click.echo(f"{stats.summary()} to {output}", err=True)
