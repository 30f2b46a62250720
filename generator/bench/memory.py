"""Peak memory of a build: this process and every process it started, sampled together.

`gongkai build` indexes in this process while MkDocs renders in a child, so what a county runner must
provide is their sum at one moment; the largest `ru_maxrss` of either alone would understate it.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


def _children(pid: int) -> list[int]:
    """The processes `pid`'s main thread started (the build starts MkDocs there; reading every thread's
    list would cost more than the sampling is worth)."""
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and its descendants, read from /proc (Linux): a few files, not all of
    /proc, so that sampling costs the measured process next to nothing."""
    total, waiting = 0, [root]
    while waiting:
        pid = waiting.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
            waiting += _children(pid)
        except (OSError, IndexError, ValueError):
            continue  # ended while we looked
    return total


class TreeMemory:
    """with TreeMemory() as memory: ...; memory.peak_mib is the largest sum seen (every 50 ms)."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak_mib = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while True:
            self.peak_mib = max(self.peak_mib, _tree_rss(os.getpid()) / 2**20)
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()
