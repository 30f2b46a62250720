"""Peak memory of a build: this process and every process it started, sampled together.

`gongkai build` indexes in this process while MkDocs renders in a child, so what a county runner must
provide is their sum at one moment; the largest `ru_maxrss` of either alone would understate it.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and its descendants, read from /proc (Linux)."""
    parents: dict[int, int] = {}
    resident: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended while we looked
        parents[int(entry.name)], resident[int(entry.name)] = int(fields[1]), int(fields[21]) * PAGE
    family, added = {root}, True
    while added:
        grown = family | {pid for pid, parent in parents.items() if parent in family}
        added, family = grown != family, grown
    return sum(resident.get(pid, 0) for pid in family)


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
