"""Share the open store between routes, one query at a time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request

__all__ = ["StoreGate", "gate"]

T = TypeVar("T")


class StoreGate:
    """Run store calls one at a time on the app's read-only store.

    A DuckDB connection must not be used by two threads at once, and FastAPI runs sync
    routes in a thread pool; DuckDB parallelises each query itself, so serialising loses
    little on a laptop.
    """

    def __init__(self, store: Any) -> None:
        self.store = store
        self._lock = threading.Lock()

    def run(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call ``func(store, *args, **kwargs)`` holding the lock."""
        with self._lock:
            return func(self.store, *args, **kwargs)


def gate(request: Request) -> StoreGate:
    """Return the app's store gate (a FastAPI dependency)."""
    found: StoreGate = request.app.state.gate
    return found
