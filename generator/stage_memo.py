"""What the writer knows from its last write in the same process (`gongkai serve`), so that a save does
not read back and compare 10,000 unchanged files.

A file counts as unchanged when gongkai would write what it wrote last time and the file is still the
one it left there (same inode, size, time, a plain file): then it is neither read nor checked again.
Anything else takes the writer's full path (links refused, foreign files kept, content compared). The
stage's folders are listed again only where a folder's time changed: adding, removing or renaming a
file changes its folder's time, so a file someone put into the stage is still found.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterator

from .pages.outputs import CopiedFile, GeneratedFile, Page

Output = Page | CopiedFile | GeneratedFile


def _file_key(path: str) -> tuple[int, int, int] | None:
    try:
        status = os.lstat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns) if stat.S_ISREG(status.st_mode) else None


def _content(output: Output) -> object:
    """What the file is made from: the text, the bytes, or the source's size and time for a copy."""
    if isinstance(output, Page):
        return output.text
    if isinstance(output, GeneratedFile):
        return output.data
    try:
        status = os.stat(output.source)
    except OSError:
        return None
    return (str(output.source), status.st_size, status.st_mtime_ns)


class StageMemo:
    def __init__(self) -> None:
        self._stage: Path | None = None
        self._files: dict[str, tuple[object, tuple[int, int, int]]] = {}  # path → (content, file key)
        self._folders: dict[str, tuple[tuple[int, int], list[str], list[str], frozenset[str]]] = {}

    def unchanged(self, stage_dir: Path, wanted: dict[str, Output]) -> set[str]:
        """The paths whose file is the one written last time, with the same content wanted now."""
        if stage_dir != self._stage:
            self.forget()
            return set()
        top = str(stage_dir)
        found = set()
        for path, output in wanted.items():
            kept = self._files.get(path)
            if kept is not None and kept[0] is not None and kept[0] == _content(output) and kept[1] == _file_key(f"{top}/{path}"):
                found.add(path)
        return found

    def remember(self, stage_dir: Path, wanted: dict[str, Output], kept: set[str]) -> None:
        """After a complete write: every file as it is now (those in `kept` as they were)."""
        top = str(stage_dir)
        files = {path: self._files[path] for path in kept} if stage_dir == self._stage else {}
        for path, output in wanted.items():
            if path not in files:
                key = _file_key(f"{top}/{path}")
                if key is not None:
                    files[path] = (_content(output), key)
        self._stage, self._files = stage_dir, files

    def forget(self) -> None:
        self._stage = None
        self._files.clear()
        self._folders.clear()

    def walk(self, top: str) -> Iterator[tuple[str, list[str], list[str]]]:
        """os.walk (top down, links to folders listed but not entered), listing a folder only when its
        time changed. The caller may prune the folder names, as with os.walk."""
        pending = [top]
        while pending:
            folder = pending.pop()
            try:
                status = os.lstat(folder)
            except OSError:
                continue
            key = (status.st_ino, status.st_mtime_ns)
            kept = self._folders.get(folder)
            if kept is None or kept[0] != key:
                kept = (key, *self._list(folder))
                self._folders[folder] = kept
            dirnames, filenames, links = list(kept[1]), list(kept[2]), kept[3]
            yield folder, dirnames, filenames
            pending += [os.path.join(folder, name) for name in reversed(dirnames) if name not in links]

    @staticmethod
    def _list(folder: str) -> tuple[list[str], list[str], frozenset[str]]:
        dirnames, filenames, links = [], [], set()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        is_folder = entry.is_dir()
                    except OSError:
                        is_folder = False
                    (dirnames if is_folder else filenames).append(entry.name)
                    if is_folder and entry.is_symlink():
                        links.add(entry.name)
        except OSError:
            pass
        return dirnames, filenames, frozenset(links)
