"""Share the open store between routes, one query at a time, and let writers in between."""

from __future__ import annotations

import threading
import time
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

    DuckDB lets one process write a file only while no other process has it open, even
    read-only. With ``reopen`` (what ``kibaru serve`` passes), the gate therefore holds its
    read-only connection as a lease: it closes it after ``idle`` seconds without a request,
    and after ``max_hold`` seconds of continuous use it closes it and pauses ``pause``
    seconds, so that a waiting ``kibaru ingest`` can take the file. While a writer holds it,
    ``reopen`` raises ``StoreBusyError``, which the API answers as 503 busy. Opening costs
    tens of milliseconds, which is why the lease is not per request.
    """

    def __init__(self, store: Any, *, reopen: Callable[[], Any] | None = None,
                 idle: float = 1.0, max_hold: float = 5.0, pause: float = 0.3) -> None:
        self.store = store
        self._reopen = reopen
        self._idle = idle
        self._max_hold = max_hold
        self._pause = pause
        self._opened = time.monotonic()
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        if reopen is not None:
            self._start_timer()

    def run(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call ``func(store, *args, **kwargs)`` holding the lock."""
        with self._lock:
            if self._reopen is None:
                return func(self.store, *args, **kwargs)
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self.store is not None and time.monotonic() - self._opened > self._max_hold:
                self._close()
                time.sleep(self._pause)  # the window a waiting writer needs
            if self.store is None:
                self.store = self._reopen()
                self._opened = time.monotonic()
            try:
                return func(self.store, *args, **kwargs)
            finally:
                self._start_timer()

    def release(self) -> None:
        """Close the leased connection (the next call opens a new one)."""
        with self._lock:
            if self._reopen is not None:
                self._close()

    def _start_timer(self) -> None:
        self._timer = threading.Timer(self._idle, self.release)
        self._timer.daemon = True
        self._timer.start()

    def _close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


def gate(request: Request) -> StoreGate:
    """Return the app's store gate (a FastAPI dependency)."""
    found: StoreGate = request.app.state.gate
    return found
