"""Kibaru's command line: thin click shells over library functions.

Each command lives in its own module and is added to the ``main`` group here. Every library
error becomes one sentence on stderr and exit code 1 (see ``kibaru.cli.common``).
"""

from __future__ import annotations

import importlib

import click

from kibaru.version import __version__

__all__ = ["main"]

COMMANDS: dict[str, str] = {
    "code": "kibaru.cli.code_cmd:code_command",
    "ingest": "kibaru.cli.ingest_cmd:ingest_command",
    "recode": "kibaru.cli.recode_cmd:recode_command",
    "events": "kibaru.cli.events_cmd:events_command",
    "export": "kibaru.cli.events_cmd:export_command",
    "failures": "kibaru.cli.failures_cmd:failures_command",
    "stats": "kibaru.cli.stats_cmd:stats_command",
    "demo": "kibaru.cli.demo_cmd:demo_command",
    "gazetteer": "kibaru.cli.gazetteer_cmd:gazetteer_command",
    "eval": "kibaru.cli.eval_cmd:eval_command",
    "serve": "kibaru.cli.serve_cmd:serve_command",
}
"""Command name -> ``module:attribute``; a command's module is imported only when it runs
(or when ``--help`` lists them), so ``kibaru code`` does not pay for the server or Dask."""


class LazyGroup(click.Group):
    """A click group that imports each command's module on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Return the command names in the order they are documented."""
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import and return the command named ``cmd_name`` (None when unknown)."""
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kibaru")
def main() -> None:
    """Turn news articles into conflict event data with evidence."""
