"""Share the CLI's error shape and option parsing: one sentence on stderr, exit code 1."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable

import click

from kibaru.errors import KibaruError

__all__ = ["fail", "friendly_errors"]


def fail(message: str) -> None:
    """Print ``kibaru: message`` on stderr and exit with status 1."""
    click.echo(f"kibaru: {message}", err=True)
    sys.exit(1)


def friendly_errors[**P, R](func: Callable[P, R]) -> Callable[P, R]:
    """Turn Kibaru errors raised by a command into one line on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except KibaruError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("interrupted")
        raise AssertionError("unreachable")

    return wrapper
