"""``kibaru failures``: list what could not be read or coded, and why."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kibaru.cli.common import friendly_errors
from kibaru.cli.store_options import db_option
from kibaru.store import Store

__all__ = ["failures_command"]


@click.command("failures")
@db_option
@click.option("--run", "run_id", help="Only the failures first seen in this run.")
@click.option("--limit", type=click.IntRange(1, 1_000_000), default=100, show_default=True,
              help="Most failures to list.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@friendly_errors
def failures_command(db: Path, run_id: str | None, limit: int, as_json: bool) -> None:
    """List recorded failures, newest first: origin, reason and stage, one a line."""
    with Store.open(db, read_only=True) as store:
        failures = store.failures(limit=limit, run_id=run_id)
    for failure in failures:
        click.echo(json.dumps(failure.to_json(), ensure_ascii=False) if as_json else failure.line())
    if not as_json:
        click.echo(f"{len(failures)} failure(s)", err=True)
