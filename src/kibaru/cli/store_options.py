"""Share the store commands' options: ``--db``, the event filters, and the ingest progress bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, Self

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from kibaru.errors import QueryError
from kibaru.store import DEFAULT_DB, EventFilter, FailureRecord, RunCounts

__all__ = ["RichProgress", "db_option", "event_filter", "filter_options"]


def db_option[F: Callable[..., Any]](func: F) -> F:
    """Add ``--db PATH`` (default ./kibaru.duckdb)."""
    return click.option(
        "--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
        show_default=True, help="The event database file (DuckDB).",
    )(func)


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise QueryError(f"--{name} {value!r} is not a YYYY-MM-DD date") from exc


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    parts = value.split(",")
    try:
        numbers = tuple(float(p) for p in parts)
    except ValueError as exc:
        raise QueryError(f"--bbox {value!r} must be four numbers: W,S,E,N") from exc
    if len(numbers) != 4:
        raise QueryError(f"--bbox {value!r} must be four numbers: W,S,E,N")
    return numbers[0], numbers[1], numbers[2], numbers[3]


def filter_options[F: Callable[..., Any]](func: F) -> F:
    """Add the event filters shared by ``events`` and ``export``."""
    options = [
        click.option("--country", help="ISO3 country code of the event location, e.g. MLI."),
        click.option("--since", help="Events on or after this date (YYYY-MM-DD)."),
        click.option("--until", help="Events on or before this date (YYYY-MM-DD)."),
        click.option("--type", "plover_type", help="PLOVER event type, e.g. ASSAULT."),
        click.option("--acled-type", "acled_type", help="ACLED event type, e.g. Battles."),
        click.option("--actor", help="Events with an actor whose name contains this text."),
        click.option("--bbox", help="Bounding box W,S,E,N in degrees."),
        click.option("--text", "text", help="Evidence sentence, actor or place containing this text."),
        click.option("--all-modalities", is_flag=True, help="Also negated, hypothetical and future events."),
        click.option("--aggregates", "include_aggregates", is_flag=True, help="Also aggregate (multi-event) reports."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def event_filter(country: str | None, since: str | None, until: str | None, plover_type: str | None,
                 acled_type: str | None, actor: str | None, bbox: str | None, text: str | None,
                 all_modalities: bool, include_aggregates: bool) -> EventFilter:
    """Build the ``EventFilter`` the filter options describe."""
    return EventFilter(
        country=country.upper() if country else None, since=_date(since, "since"),
        until=_date(until, "until"), plover_type=plover_type, acled_event_type=acled_type,
        actor=actor, bbox=_bbox(bbox), text=text,
        modalities=("asserted", "negated", "hypothetical", "future") if all_modalities else ("asserted",),
        include_aggregates=include_aggregates,
    )


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} items/s" if speed else "- items/s", style="progress.data.speed")


class RichProgress:
    """Draw an ingest's progress bar (items/s, ETA) on stderr and print each failure as one
    line above it."""

    def __init__(self, description: str = "ingest", *, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(bar_width=24), MofNCompleteColumn(),
            _Rate(), TextColumn("ETA"), TimeRemainingColumn(), TextColumn("{task.fields[summary]}"),
            console=self.console, transient=False,
        )
        self.description = description
        self.task: Any = None

    def __enter__(self) -> Self:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def start(self, total: int | None) -> None:
        """Start the bar (``total`` items expected, None when unknown)."""
        self.task = self.progress.add_task(self.description, total=total, summary="")

    def advance(self, items: int, counts: RunCounts) -> None:
        """Move the bar on by ``items`` and show the run's counts."""
        task = self.progress.tasks[0]
        if task.total is not None and task.completed + items > task.total:
            self.progress.update(self.task, total=task.completed + items)
        self.progress.update(
            self.task, advance=items,
            summary=f"{counts.new} coded · {counts.duplicates} dup · {counts.skipped} skip · "
                    f"{counts.failed} fail",
        )

    def failure(self, failure: FailureRecord) -> None:
        """Print one failure as one line."""
        self.progress.console.print(Text(f"kibaru: {failure.line()}", style="yellow"), soft_wrap=True)
