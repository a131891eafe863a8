"""Kibaru's command line: thin click shells over library functions.

Each command lives in its own module and is added to the ``main`` group here. Every library
error becomes one sentence on stderr and exit code 1 (see ``kibaru.cli.common``).
"""

from __future__ import annotations

import click

from kibaru.cli.code_cmd import code_command
from kibaru.cli.demo_cmd import demo_command
from kibaru.cli.eval_cmd import eval_command
from kibaru.cli.events_cmd import events_command, export_command
from kibaru.cli.failures_cmd import failures_command
from kibaru.cli.gazetteer_cmd import gazetteer_command
from kibaru.cli.ingest_cmd import ingest_command
from kibaru.cli.recode_cmd import recode_command
from kibaru.cli.serve_cmd import serve_command
from kibaru.cli.stats_cmd import stats_command
from kibaru.version import __version__

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kibaru")
def main() -> None:
    """Turn news articles into conflict event data with evidence."""


main.add_command(code_command)
main.add_command(ingest_command)
main.add_command(recode_command)
main.add_command(events_command)
main.add_command(export_command)
main.add_command(failures_command)
main.add_command(stats_command)
main.add_command(demo_command)
main.add_command(gazetteer_command)
main.add_command(eval_command)
main.add_command(serve_command)
