"""``kibaru recode``: re-code stored articles coded by another pipeline version."""

from __future__ import annotations

from pathlib import Path

import click

from kibaru.cli.common import friendly_errors
from kibaru.cli.ingest_cmd import pipeline_config, report_line
from kibaru.cli.store_options import RichProgress, db_option
from kibaru.ingest import recode
from kibaru.reading import DEFAULT_MAX_BYTES
from kibaru.store import Store

__all__ = ["recode_command"]


@click.command("recode")
@db_option
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True,
              help="Articles per committed batch.")
@click.option("--workers", type=click.IntRange(0, 64), default=2, show_default=True,
              help="Coding processes (0: code in this process).")
@click.option("--model", type=click.Choice(["md", "sm"]), default="md", show_default=True,
              help="spaCy English model.")
@click.option("--actors", "actor_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra actor knowledge-base YAML file (repeatable).")
@click.option("--stages", help="Comma-separated pipeline stage names (default: the full pipeline).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@friendly_errors
def recode_command(db: Path, batch_size: int, workers: int, model: str,
                   actor_files: tuple[Path, ...], stages: str | None, quiet: bool) -> None:
    """Re-code the stored articles whose pipeline version is not the current one."""
    config = pipeline_config(model, actor_files, DEFAULT_MAX_BYTES, stages)
    # A running 'kibaru serve' lets go of the file between bursts of requests: wait for that.
    with Store.open(db, wait=15.0) as store:
        if quiet:
            report = recode(store, config, batch_size=batch_size, workers=workers)
        else:
            with RichProgress("recode") as progress:
                report = recode(store, config, batch_size=batch_size, workers=workers, progress=progress)
    click.echo(report_line(report, db))
