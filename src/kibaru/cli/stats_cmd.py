"""``kibaru stats``: counts over the event database and its latest runs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from kibaru.cli.common import friendly_errors
from kibaru.cli.store_options import db_option
from kibaru.store import RunRecord, Store, StoreStats

__all__ = ["print_stats", "stats_command"]


def print_stats(stats: StoreStats, runs: list[RunRecord], *, title: str) -> None:
    """Print the store's counts, top types and countries, and the latest runs."""
    console = Console(file=sys.stdout, width=140, highlight=False)
    table = Table(title=title, show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("articles", stats.articles), ("  coded", stats.coded_articles),
        ("  near-duplicates linked", stats.duplicates), ("  failed", stats.failed_articles),
        ("reports (coded events of one article)", stats.reports),
        ("events (clusters of reports)", stats.events),
        ("  asserted, not aggregate", stats.asserted_events), ("failures recorded", stats.failures),
        ("runs", stats.runs),
    ]
    for name, value in rows:
        table.add_row(name, f"{value:,}")
    table.add_row("dates", f"{stats.first_date or '-'} .. {stats.last_date or '-'}")
    table.add_row("by type", ", ".join(f"{k} {v}" for k, v in stats.events_by_type) or "-")
    table.add_row("by country", ", ".join(f"{k} {v}" for k, v in stats.events_by_country[:10]) or "-")
    console.print(table)
    if runs:
        last = Table(title="latest runs")
        for column in ("run", "command", "status", "read", "new", "dup", "skipped", "failed", "reports"):
            last.add_column(column)
        for r in runs:
            last.add_row(r.run_id, r.command, r.status, str(r.n_read), str(r.n_new), str(r.n_duplicates),
                         str(r.n_skipped), str(r.n_failed), str(r.n_reports))
        console.print(last)


@click.command("stats")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@friendly_errors
def stats_command(db: Path, as_json: bool) -> None:
    """Show how many articles, reports, events and failures the database holds."""
    with Store.open(db, read_only=True) as store:
        stats = store.stats()
        runs = store.runs(limit=5)
    if as_json:
        click.echo(json.dumps(stats.to_json(), indent=2))
    else:
        print_stats(stats, runs, title=str(db))
