"""``kibaru ingest``: read, deduplicate, code and store articles from files, folders, globs
or stdin, with a progress bar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from kibaru.cli.common import friendly_errors
from kibaru.cli.store_options import RichProgress, db_option
from kibaru.config import DEFAULT_STAGES, PipelineConfig
from kibaru.errors import ConfigError, InvalidDateError
from kibaru.ingest import IngestProgress, IngestReport, ReadOptions, ingest
from kibaru.reading import DEFAULT_MAX_BYTES
from kibaru.store import Store

__all__ = ["ingest_command", "pipeline_config", "report_line"]


def pipeline_config(model: str, actor_files: tuple[Path, ...], max_bytes: int,
                    stages: str | None = None) -> PipelineConfig:
    """Return the pipeline settings the common options describe."""
    names = tuple(s.strip() for s in stages.split(",") if s.strip()) if stages else DEFAULT_STAGES
    return PipelineConfig(stages=names, model=model, actor_files=actor_files,
                          max_article_chars=max_bytes)


def report_line(report: IngestReport, db: Path) -> str:
    """Return the one-line summary of a run."""
    c = report.counts
    return (f"{c.read:,} items in {report.seconds:,.1f} s ({report.items_per_second:,.1f}/s): "
            f"{c.new:,} coded ({c.reports:,} reports), {c.duplicates:,} near-duplicates linked, "
            f"{c.skipped:,} already stored, {c.failed:,} failed -> {db} (run {report.run_id})")


INGEST_MEMORY_LIMIT = "256MB"
"""DuckDB's buffer-pool cap while ingesting. DuckDB caches the pages it writes up to its cap,
so the writer's memory grows with the database up to the cap: on the 117,298 current-events
items (coding switched off to isolate the writer) it peaked at 556 MiB with a 512 MB cap,
478 MiB with 256 MB and 362 MiB with 128 MB, at the same speed."""


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--published", help="Publication date YYYY-MM-DD for items that carry none (and .txt files).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True,
              help="Items per committed batch.")
@click.option("--workers", type=click.IntRange(0, 64), default=2, show_default=True,
              help="Coding processes (0: code in this process).")
@click.option("--engine", type=click.Choice(["plain", "dask"]), default="plain", show_default=True,
              help="plain: local worker processes; dask: a Dask cluster.")
@click.option("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a local cluster.")
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest article (file, line or record) accepted.")
@click.option("--max-items", type=click.IntRange(1), help="Stop after this many items.")
@click.option("--model", type=click.Choice(["md", "sm"]), default="md", show_default=True,
              help="spaCy English model.")
@click.option("--actors", "actor_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra actor knowledge-base YAML file (repeatable).")
@click.option("--stages", help="Comma-separated pipeline stage names (default: the full pipeline).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@friendly_errors
def ingest_command(
    paths: tuple[str, ...], db: Path, published: str | None, batch_size: int, workers: int,
    engine: str, scheduler: str | None, max_bytes: int, max_items: int | None, model: str,
    actor_files: tuple[Path, ...], stages: str | None, quiet: bool,
) -> None:
    """Code the articles in PATHS (files, folders, globs, or - for stdin) into the database.

    Reads .txt, .html, .jsonl/.json, .csv, RSS/Atom (.rss/.atom/.xml) and WARC (.warc,
    .warc.gz). Articles already stored are skipped; near-duplicates are linked, not coded
    twice; each batch is committed at once, so an interrupted run can simply be rerun.
    """
    try:
        day = dt.date.fromisoformat(published) if published else None
    except ValueError as exc:
        raise InvalidDateError(f"--published {published!r} is not a YYYY-MM-DD date") from exc
    if scheduler and engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")
    options = ReadOptions(published=day, max_bytes=max_bytes, max_items=max_items)
    config = pipeline_config(model, actor_files, max_bytes, stages)
    # A running 'kibaru serve' lets go of the file between bursts of requests: wait for that.
    # Batches are written and released one at a time: DuckDB needs little memory here, and
    # a capped buffer pool keeps the ingest's memory independent of the database's size.
    with Store.open(db, wait=15.0, memory_limit=INGEST_MEMORY_LIMIT) as store:

        def run(progress: IngestProgress | None) -> IngestReport:
            if engine == "dask":
                from kibaru.ingest.on_dask import ingest_on_dask

                return ingest_on_dask(list(paths), store=store, config=config, scheduler=scheduler,
                                      batch_size=batch_size, workers=max(1, workers),
                                      options=options, progress=progress)
            return ingest(list(paths), store=store, config=config, batch_size=batch_size,
                          workers=workers, options=options, progress=progress)

        if quiet:
            report = run(None)
        else:
            with RichProgress("ingest") as bar:
                report = run(bar)
    click.echo(report_line(report, db))
