"""``kibaru code``: code one article file (or stdin) and print its events."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kibaru.cli.common import friendly_errors
from kibaru.coder import code
from kibaru.config import PipelineConfig
from kibaru.reading import DEFAULT_MAX_BYTES, read_text
from kibaru.render import events_table

__all__ = ["code_command"]


@click.command("code")
@click.argument("path", type=str)
@click.option("--published", help="Publication date, YYYY-MM-DD (else taken from the dateline).")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="table",
    show_default=True, help="json: article and events; jsonl: one event a line; table: for reading.",
)
@click.option("--all-modalities", is_flag=True, help="Also show negated, hypothetical and future events.")
@click.option("--model", type=click.Choice(["md", "sm"]), default="md", show_default=True, help="spaCy English model.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Extra actor knowledge-base YAML file (repeatable).")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Refuse larger files.")
@friendly_errors
def code_command(
    path: str, published: str | None, fmt: str, all_modalities: bool, model: str,
    actor_files: tuple[Path, ...], max_bytes: int,
) -> None:
    """Code the article in PATH (a text file, or - for stdin) into events."""
    origin = "-" if path == "-" else path
    source = sys.stdin.buffer if path == "-" else Path(path)
    text = read_text(source, max_bytes=max_bytes, origin=origin)
    config = PipelineConfig(model=model, actor_files=actor_files, max_article_chars=max_bytes)
    result = code(text, published=published, all_modalities=all_modalities, config=config)
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for event in result.events:
            click.echo(json.dumps(event.to_json(), ensure_ascii=False))
    else:
        events_table(result, sys.stdout)
