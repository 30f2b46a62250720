"""Records read and checked by an earlier build in the same process, kept by file.

`gongkai serve` rebuilds on every save: reading, checking and validating 10,000 record files again
would take most of the wait. A file is read again only when its size, time or inode changed, and
checked again only when it was read again; everything is dropped when the configuration changes.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Callable, Generic, TypeVar

from ..config import SiteConfig
from ..errors import Problem
from .readers import RawDocument, read_document

Checked = TypeVar("Checked")


def _file_key(path: Path, section: str, slug: str) -> tuple | None:
    try:
        link = os.lstat(path)
        target = os.stat(path) if stat.S_ISLNK(link.st_mode) else link
    except OSError:
        return None  # read_document says what is wrong
    return section, slug, link.st_mode, link.st_ino, target.st_ino, target.st_size, target.st_mtime_ns, target.st_ctime_ns


class RecordCache(Generic[Checked]):
    def __init__(self) -> None:
        self._config: SiteConfig | None = None
        self._read: dict[Path, tuple[tuple, tuple[RawDocument | None, list[Problem]]]] = {}
        self._checked: dict[Path, tuple[RawDocument, Checked]] = {}
        self._seen: set[Path] = set()

    def start(self, config: SiteConfig) -> None:
        """Begin a build with `config`: what was read under another configuration is dropped."""
        if config != self._config:
            self._read.clear()
            self._checked.clear()
            self._config = config
        self._seen = set()

    def read(self, path: Path, root: Path, section: str, slug: str) -> tuple[RawDocument | None, list[Problem]]:
        """read_document, or what it gave for the same file before."""
        self._seen.add(path)
        key = _file_key(path, section, slug)
        kept = self._read.get(path)
        if key is not None and kept is not None and kept[0] == key:
            return kept[1]
        result = read_document(path, root, section, slug)
        if key is not None:
            self._read[path] = (key, result)
        return result

    def checked(self, document: RawDocument, check: Callable[[RawDocument], Checked]) -> Checked:
        """check(document), or what it gave for the same document object before."""
        kept = self._checked.get(document.path)
        if kept is not None and kept[0] is document:
            return kept[1]
        result = check(document)
        self._checked[document.path] = (document, result)
        return result

    def finish(self) -> None:
        """Forget the files this build did not read (removed or renamed)."""
        for gone in set(self._read) - self._seen:
            del self._read[gone]
            self._checked.pop(gone, None)
