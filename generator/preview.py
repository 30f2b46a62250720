"""`gongkai serve`: what the preview keeps from one rebuild to the next, so that a saved file shows in seconds.

`gongkai serve` runs `mkdocs serve --dirty`: MkDocs rebuilds the pages whose Markdown is newer than
their HTML, and the generator rewrites only the Markdown that changed. Between rebuilds this module
keeps the records read and checked (by file), the pages rendered, and what every page shares; when
that changes (mkdocs.yml, the theme), the served folder is emptied so that every page is built again.
The search index is written after the page, in the background: a reload never waits for it.

MkDocs runs its hooks file afresh whenever it reloads mkdocs.yml, so the state lives here, not there.
"""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .config import SiteConfig
from .content.site import Site
from .errors import ConfigError
from .pipeline import BuildCache, index_search

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
