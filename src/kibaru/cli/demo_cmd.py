"""``kibaru demo``: code the bundled demo reports into the database and summarise them."""

from __future__ import annotations

from pathlib import Path

import click

from kibaru.cli.common import friendly_errors
from kibaru.cli.events_cmd import records_table
from kibaru.cli.ingest_cmd import report_line
from kibaru.cli.stats_cmd import print_stats
from kibaru.cli.store_options import RichProgress, db_option
from kibaru.config import PipelineConfig
from kibaru.errors import InputError
from kibaru.ingest import ingest
from kibaru.ingest.demo import demo_items, gold_dir
from kibaru.store import EventFilter, Store

__all__ = ["demo_command"]


@click.command("demo")
@db_option
@click.option("--workers", type=click.IntRange(0, 64), default=2, show_default=True,
              help="Coding processes (0: code in this process).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@friendly_errors
def demo_command(db: Path, workers: int, quiet: bool) -> None:
    """Code the bundled demo reports (the gold sets' dev half) into the database."""
    items = list(demo_items())
    if not items:
        raise InputError(f"no demo reports found in {gold_dir()}")
    with Store.open(db) as store:
        if quiet:
            report = ingest((), store=store, config=PipelineConfig(), workers=workers, items=items)
        else:
            with RichProgress("demo") as progress:
                report = ingest((), store=store, config=PipelineConfig(), workers=workers,
                                items=items, progress=progress)
        stats = store.stats()
        runs = store.runs(limit=1)
        latest = store.query_events(EventFilter(), limit=10)
        total = store.count_events(EventFilter())
    click.echo(report_line(report, db))
    print_stats(stats, runs, title=f"demo database {db}")
    records_table(latest, total)
