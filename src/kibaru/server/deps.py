"""Share the open store between routes, and let writers in between bursts of requests."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request

__all__ = ["StoreGate", "gate"]

T = TypeVar("T")


class StoreGate:
    """Run store calls on the app's read-only store, from FastAPI's worker threads.

    A DuckDB connection must not be used by two threads at once. Without ``reopen``, each
    thread reads through its own cursor of the one read-only connection (``Store.reader``),
    so requests run in parallel; closing the store closes every cursor.

    DuckDB lets one process write a file only while no other process has it open, even
    read-only. With ``reopen`` (what ``kibaru serve`` passes unless told ``--hold-db``), the
    gate therefore holds its read-only connection as a lease, one call at a time: it closes it
    after ``idle`` seconds without a request, and after ``max_hold`` seconds of continuous use
    it closes it and pauses ``pause`` seconds, so that a waiting ``kibaru ingest`` can take the
    file. While a writer holds it, ``reopen`` raises ``StoreBusyError``, which the API answers
    as 503 busy. Opening costs tens of milliseconds, which is why the lease is not per request.
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
        self._local = threading.local()
        self._per_thread = reopen is None and callable(getattr(store, "reader", None))
        if reopen is not None:
            self._start_timer()

    def run(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call ``func(store, *args, **kwargs)`` on a store this thread may use now."""
        if self._per_thread:
            return func(self._thread_store(), *args, **kwargs)
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

    def close(self) -> None:
        """Close the store (and with it every thread's cursor); the gate is done."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._reopen = None
            self._close()

    def _thread_store(self) -> Any:
        mine = getattr(self._local, "store", None)
        if mine is None:
            with self._lock:
                mine = self.store.reader()
            self._local.store = mine
        return mine

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
