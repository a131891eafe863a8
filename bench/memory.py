"""Sample the resident memory of a process tree while a benchmark runs (psutil)."""

from __future__ import annotations

import threading
import time
from types import TracebackType
from typing import Self

import psutil


def tree_rss(process: psutil.Process) -> tuple[int, int]:
    """Return (RSS, PSS) in bytes summed over ``process`` and all its children (PSS counts
    pages shared between forked workers once; 0 when the platform cannot tell)."""
    rss = pss = 0
    for proc in [process, *process.children(recursive=True)]:
        try:
            rss += proc.memory_info().rss
            pss += getattr(proc.memory_full_info(), "pss", 0)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return rss, pss


class PeakMemory:
    """Context manager recording the peak RSS/PSS of a process tree every ``interval`` s."""

    def __init__(self, pid: int | None = None, *, interval: float = 0.1) -> None:
        self.process = psutil.Process(pid)
        self.interval = interval
        self.peak_rss = 0
        self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            rss, pss = tree_rss(self.process)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            time.sleep(self.interval)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join()


def mib(value: int) -> float:
    """Return bytes as MiB."""
    return round(value / 2**20, 1)
