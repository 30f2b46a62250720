"""`gongkai serve`: what the preview keeps from one rebuild to the next, so that a saved file shows in seconds.

`gongkai serve` runs `mkdocs serve --dirty`. The first build is MkDocs' own; after it, a save runs the
generator (which re-reads only changed files, re-renders only pages whose inputs changed and rewrites
only files whose text changed) and builds just the pages it rewrote, with the files, navigation and
templates of that first build (served_pages.py). When something every page shares changes (mkdocs.yml,
the theme, gongkai itself, the date), or a page of the navigation changes its title or goes, MkDocs
builds again in full, from an emptied served folder (every page must change). Between rebuilds
this module keeps the records read and checked (by file), the pages rendered, the files written, and
what every page shares. The search index is written after the page, in the background: a reload never
waits for it. Changes are watched with inotify where the system has it, not by polling 10,000 files.

MkDocs runs its hooks file afresh whenever it reloads mkdocs.yml, so the state lives here, not there.
"""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import SiteConfig
from .content.site import Site
from .errors import ConfigError
from .pipeline import BuildCache, index_search
from .served_pages import ServedSite

if TYPE_CHECKING:
    from mkdocs.structure.nav import Navigation

log = logging.getLogger("mkdocs.plugins.gongkai")


class BackgroundIndex:
    """Writes the search index of the newest build in the background; a build that comes while it writes
    is indexed next, the ones in between never. Where it can, the index is written by a forked child: on
    the other core, without holding the interpreter the next rebuild needs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: tuple[SiteConfig, Site] | None = None
        self._worker: threading.Thread | None = None

    def submit(self, config: SiteConfig, site: Site) -> None:
        with self._lock:
            self._pending = (config, site)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="gongkai-search-index", daemon=True)
                self._worker.start()

    def wait(self) -> None:
        worker = self._worker
        if worker is not None:
            worker.join()

    def _run(self) -> None:
        while True:
            with self._lock:
                job, self._pending = self._pending, None
                if job is None:
                    self._worker = None
                    return
            if hasattr(os, "fork"):
                _index_in_child(*job)
            else:  # pragma: no cover - Windows
                _index_here(*job)


def _index_here(config: SiteConfig, site: Site) -> None:
    try:
        index_search(config, site)
    except ConfigError as error:  # a full disk: the preview goes on without a fresh index
        log.warning("gongkai: %s", error)


def _index_in_child(config: SiteConfig, site: Site) -> None:
    """The child has the site already (fork copies the process): it only writes, and says what failed."""
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, measured by the serve tests
        os.close(reader)
        code = 0
        try:
            index_search(config, site)
        except BaseException as error:  # noqa: BLE001 - the child must end here, whatever happened
            os.write(writer, str(error).encode("utf-8", "replace")[:4000])
            code = 1
        finally:
            os._exit(code)
    os.close(writer)
    with os.fdopen(reader, "rb") as said:
        message = said.read().decode("utf-8", "replace")
    os.waitpid(child, 0)
    if message:
        log.warning("gongkai: %s", message)


@dataclass
class Preview:
    dirty: bool = False  # MkDocs rebuilds only changed pages (`mkdocs serve --dirty`)
    cache: BuildCache = field(default_factory=BuildCache)
    shared_inputs: str = ""  # of the last build: mkdocs.yml, theme, hooks, gongkai, versions, date
    index: BackgroundIndex = field(default_factory=BackgroundIndex)
    nav: Navigation | None = None  # of the full build under way
    building: ServedSite | None = None  # what the full build under way will leave
    served: ServedSite | None = None  # what the last complete full build left: a save builds single pages with it


PREVIEW = Preview()


def served_output(site_dir: Path, stage_path: str) -> Path:
    """Where MkDocs put what it built from a stage file (use_directory_urls)."""
    if not stage_path.endswith(".md"):
        return site_dir / stage_path
    stem = stage_path.removesuffix(".md")
    folder = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return site_dir / folder / "index.html"


def forget_removed(site_dir: Path, removed: tuple[str, ...]) -> None:
    """A dirty rebuild leaves the pages of removed files in place: the preview would still show them."""
    for path in removed:
        output = served_output(site_dir, path)
        if output.is_file() and site_dir in output.parents:
            output.unlink()


def empty(site_dir: Path) -> None:
    """Everything shared changed: every page is built again (MkDocs' own clean, as a clean build does)."""
    from mkdocs.utils import clean_directory

    clean_directory(str(site_dir))


def watch_natively(server) -> None:
    """MkDocs' preview server polls what it watches every half second: on 10,000 files in content/ a poll
    keeps Python busy for most of that time, and a rebuild after a save shares the interpreter with it
    (it took twice as long). Where the system reports changes itself (inotify), it does; where it cannot
    (another system, or its limit of watches reached), the server polls as before."""
    try:
        from watchdog import events
        from watchdog.observers.inotify import InotifyObserver

        changes = [events.FileCreatedEvent, events.FileDeletedEvent, events.FileModifiedEvent, events.FileMovedEvent,
                   events.FileClosedEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]
    except (ImportError, AttributeError):  # pragma: no cover - not Linux, or a watchdog before 2.1
        return

    class ChangeObserver(InotifyObserver):
        """Reports changes only: inotify also reports a file opened or read, and a build reads content/,
        so that every build would start the next."""

        def schedule(self, event_handler, path, *, recursive=False, **_):
            return super().schedule(event_handler, path, recursive=recursive, event_filter=changes)

    polling = server.observer
    watched = dict(server._watched_paths)  # path → how many asked for it
    _unwatch_all(server, watched)
    server.observer = ChangeObserver()
    try:
        _watch_all(server, watched)
    except (OSError, TypeError) as error:  # TypeError: a watchdog without event filters (before 4.0)
        log.info("gongkai: 系统无法直接通知文件变化, 改为定时检查 / polling for changes (%s)", error)
        _unwatch_all(server, {path: count for path, count in server._watched_paths.items()})
        server.observer = polling
        _watch_all(server, watched)


def _unwatch_all(server, watched: dict[str, int]) -> None:
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)


def _watch_all(server, watched: dict[str, int]) -> None:
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
