"""Kibaru's command line: thin click shells over library functions.

Each command lives in its own module and is added to the ``main`` group here. Every library
error becomes one sentence on stderr and exit code 1 (see ``kibaru.cli.common``).
"""

from __future__ import annotations

import click

from kibaru.cli.code_cmd import code_command
from kibaru.version import __version__

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kibaru")
def main() -> None:
    """Turn news articles into conflict event data with evidence."""


main.add_command(code_command)
