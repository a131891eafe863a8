"""``kibaru eval``: code gold reports with the real pipeline and print the quality figures."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kibaru.cli.common import fail, friendly_errors
from kibaru.evaluate.adapters import load_any
from kibaru.evaluate.gold import GoldReport, GoldSet, bundled_gold_files
from kibaru.evaluate.report import to_html, to_json, to_markdown
from kibaru.evaluate.runner import evaluate, pipeline_coder

__all__ = ["eval_command"]


def _load(paths: tuple[Path, ...], kind: str) -> GoldSet:
    files = list(paths) or bundled_gold_files()
    reports: list[GoldReport] = []
    skipped: list[str] = []
    names: list[str] = []
    for path in files:
        part = load_any(path, kind=kind)
        reports.extend(part.reports)
        skipped.extend(part.skipped)
        names.extend(part.files)
    return GoldSet(tuple(reports), tuple(skipped), tuple(names))


@click.command("eval")
@click.argument("gold", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["md", "json", "html"]), default="md",
              show_default=True, help="md: table and errors; json: everything; html: a page.")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="all", show_default=True,
              help="Which gold reports to code (test is never used to tune rules).")
@click.option("--kind", type=click.Choice(["auto", "gold", "acled", "plover"]), default="auto",
              show_default=True, help="Gold file kind; auto goes by extension (.jsonl/.csv/.json).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of stdout.")
@click.option("--errors/--no-errors", default=True, show_default=True,
              help="List the errors of each article after the table (md).")
@click.option("--model", type=click.Choice(["md", "sm"]), default="md", show_default=True,
              help="spaCy English model.")
@friendly_errors
def eval_command(gold: tuple[Path, ...], fmt: str, split: str, kind: str, output: Path | None,
                 errors: bool, model: str) -> None:
    """Evaluate the pipeline on GOLD files (default: the bundled gold sets).

    GOLD may be Kibaru gold JSONL, an ACLED-style CSV with notes, or PLOVER JSON. Prints
    asserted-event precision/recall/F1, hypotheticals emitted as asserted, and field accuracies
    on matched events (see docs/QUALITY.md).
    """
    goldset = _load(gold, kind)
    chosen = goldset.split(split)
    if not chosen.reports:
        fail(f"no gold report in split {split!r}" + (f" ({chosen.skipped[0]})" if chosen.skipped else ""))
    coder, version = pipeline_coder(model=model)
    with click.progressbar(length=len(chosen.reports), label="coding gold reports", file=sys.stderr) as bar:
        run = evaluate(chosen, coder, split=split, pipeline_version=version, progress=lambda _r: bar.update(1))
    text = {"md": lambda: to_markdown(run, errors=errors), "json": lambda: to_json(run), "html": lambda: to_html(run)}[fmt]()
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"kibaru: wrote {output}", err=True)
    else:
        click.echo(text, nl=False)
