"""MkDocs hook: `mkdocs build` and `mkdocs serve` regenerate the Markdown tree from content/ first.

A convenience only: `gongkai build` writes the same tree, which any mkdocs.yml builder can build
without this hook.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import os
import re
import time
from pathlib import Path

from mkdocs.exceptions import Abort, BuildError, PluginError

from generator.checks import page_html
from generator.checks.warnings import warnings

from generator.commands.cli import CLI_BUILD_VARIABLE, TODAY_VARIABLE
from generator.config import check_folders, load_config
from generator.errors import ConfigError, ContentError
from generator.commands.locking import acquire
from generator.checks.personal_data import redact
from generator.incremental import clear_stamp, shared_inputs
from generator.pages.templating import page_path
from generator.pipeline import build_stage
from generator.preview import PREVIEW, empty, forget_removed, watch_natively
from generator.served_pages import ServedSite, build_changed
from generator.writer import claim_site_dir


class _Built:
    """The site of the current build, from on_pre_build to on_post_build."""

    site = None
    lock = None  # the build lock, when MkDocs runs without `gongkai build`


_built = _Built()

# Content warnings are logged as INFO: a MkDocs WARNING would abort a --strict build.
log = logging.getLogger("mkdocs.plugins.gongkai")


def _settings(config):
    return load_config(Path(config.config_file_path).parent)


def _today() -> dt.date:
    today_text = os.environ.get(TODAY_VARIABLE)
    try:
        return dt.date.fromisoformat(today_text) if today_text else dt.date.today()
    except ValueError:
        raise PluginError(f"gongkai: {TODAY_VARIABLE}={redact(today_text)!r} 不是日期 (应为 2024-03-15)") from None


class _DirtyNotice(logging.Filter):
    """MkDocs warns on every `--dirty` build that links may be stale, which aborts a --strict build.
    gongkai asks for a dirty build only when nothing every page shares has changed (incremental.py):
    the notice is said at INFO instead."""

    TEXT = "A 'dirty' build is being performed"

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.getMessage().startswith(self.TEXT):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def on_startup(command, dirty):
    PREVIEW.dirty = command == "serve" and dirty


def on_config(config):
    build_logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyNotice) for f in build_logger.filters):
        build_logger.addFilter(_DirtyNotice())
    # MkDocs dates the sitemap and its .gz with the build time unless SOURCE_DATE_EPOCH is set: take the
    # build date (--today) instead, so that the same commit built on the same day gives the same bytes.
    midnight = dt.datetime.combine(_today(), dt.time(), tzinfo=dt.timezone.utc)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    try:  # refuse a site_dir (also one given with -d) or docs_dir on content/, docs/, .git … before MkDocs empties it
        settings = _settings(config)
        check_folders(dataclasses.replace(settings, site_dir=Path(config.site_dir).resolve()), site_shown=str(config.site_dir))
    except ConfigError as error:
        raise PluginError(redact(f"gongkai: {error}")) from None
    return config


def on_page_markdown(markdown, page, config, files):
    """A record's sitemap date is its own: the latest 修订记录 or its 发布日期."""
    updated = (page.meta.get("gongkai") or {}).get("updated")
    if updated:
        page.update_date = updated
    return markdown


_UPDATED = re.compile(r'^  updated: "?(\d{4}-\d{2}-\d{2})"?$', re.M)  # as record.md.j2 writes it


def on_env(env, config, files):
    """A dirty build reads only the pages it rebuilds: the others' sitemap dates are set here, so that the
    sitemap is the one a clean build writes. Under `gongkai serve` they come from the records; under
    `gongkai build --dirty` from the front matter the generator wrote."""
    updated_dates = {page_path(r): (r.revisions[0].date if r.revisions else r.published).isoformat() for r in _built.site.records} \
        if _built.site is not None else None
    for file in files.documentation_pages():
        page = file.page
        if page is None or page.markdown is not None or not file.abs_src_path:
            continue
        if updated_dates is not None:
            updated = updated_dates.get(file.src_uri)
        else:
            with open(file.abs_src_path, encoding="utf-8-sig") as source:
                head = source.read()
            front = head.split("\n---", 1)[0] if head.startswith("---") else ""
            found = _UPDATED.search(front)
            updated = found.group(1) if found else None
        if updated:
            page.update_date = updated
    if PREVIEW.dirty:  # what a save under `gongkai serve` builds single pages with, once this build is complete
        PREVIEW.building = ServedSite(config, files, PREVIEW.nav, env)
    return env


def on_nav(nav, config, files):
    PREVIEW.nav = nav
    return nav


def on_page_content(html, page, config, files):
    """The net under the body check: a page whose rendered Markdown carries markup outside the page
    allow-list stops the build before any page is written."""
    found = page_html.page_findings(html)
    if found:
        raise PluginError(redact(f"gongkai: {config.docs_dir}/{page.file.src_uri}: 页面含有不允许的网页代码: {'; '.join(found)} "
                                 "(网站没有生成; 请检查对应的内容文件, 并告诉技术人员: gongkai 的检查本应拦住它)"))
    return html


def _driven_by_cli() -> bool:
    """`gongkai build` generates and indexes itself and runs MkDocs only in between."""
    return os.environ.get(CLI_BUILD_VARIABLE) == "1"


def on_pre_build(config) -> None:
    if _driven_by_cli():  # `gongkai build` holds the lock and has claimed site_dir
        return
    today = _today()
    _release()
    PREVIEW.served = None  # a save during this build waits for it, then builds in full if it failed
    try:
        settings = _settings(config)
        _built.lock = acquire(settings.root)  # held until on_post_build or on_build_error
        site_dir = Path(config.site_dir)
        claim_site_dir(site_dir)
        clear_stamp(settings)  # built without `gongkai build`: its next build is clean
        site, written = build_stage(settings, today, PREVIEW.cache)
        _built.site = site
        if PREVIEW.dirty:
            shared = shared_inputs(settings, today)
            if shared != PREVIEW.shared_inputs:
                empty(site_dir)
                PREVIEW.shared_inputs = shared
            forget_removed(site_dir, written.removed_paths)
    except ContentError as error:
        _release()
        raise PluginError(redact(f"gongkai: 共 {len(error.problems)} 个内容问题:\n{error}")) from None
    except ConfigError as error:
        _release()
        raise PluginError(redact(f"gongkai: {error}")) from None
    except BaseException:
        _release()
        raise
    for problem in warnings(site):
        log.info("gongkai: %s", redact(str(problem)))


def on_post_build(config) -> None:
    """Write the search index into the built site; under `mkdocs serve` after the page, in the background."""
    try:
        settings = _settings(config)
        if _built.site is None or _driven_by_cli():
            return
        if PREVIEW.dirty:
            PREVIEW.served = PREVIEW.building
        if settings.search != "gongkai":
            return
        served = dataclasses.replace(settings, site_dir=Path(config.site_dir))
        PREVIEW.index.submit(served, _built.site)
        if not PREVIEW.dirty:  # `mkdocs build`: the site is complete when the command ends
            PREVIEW.index.wait()
    except ConfigError as error:
        raise PluginError(redact(f"gongkai: {error}")) from None
    finally:
        _release()


def on_build_error(error) -> None:
    _release()


def _release() -> None:
    if _built.lock is not None:
        _built.lock.release()
        _built.lock = None


def on_serve(server, config, builder):
    settings = _settings(config)
    # The stage is written by the rebuild itself: watching it would start a second rebuild after each.
    server.unwatch(config.docs_dir)
    for folder in (settings.content_dir, settings.pages_dir):
        if folder.is_dir():
            server.watch(str(folder))
    if settings.standard_catalog is not None and settings.standard_catalog.is_file():
        server.watch(str(settings.standard_catalog))  # its page changes with it
    watch_natively(server)
    server.builder = functools.partial(_save_rebuild, builder)
    return server


def _save_rebuild(full_build) -> None:
    """The preview server's builder: a save that changes only pages builds just those pages
    (served_pages.py); a change to what every page shares, or no complete build to start from, is
    MkDocs' own rebuild. Errors are reported as MkDocs reports a failed rebuild."""
    served = PREVIEW.served
    if served is None:
        return full_build()
    start, today = time.monotonic(), _today()
    try:
        settings = _settings(served.config)
        if shared_inputs(settings, today) != PREVIEW.shared_inputs:
            return full_build()
        lock = acquire(settings.root)
    except ConfigError as error:
        log.error(redact(f"gongkai: {error}"))
        raise Abort("Aborted with a BuildError!") from None
    try:
        PREVIEW.served = None  # until the pages are built: after a failure the next save builds in full
        site, written = build_stage(settings, today, PREVIEW.cache)
        forget_removed(Path(served.config.site_dir), written.removed_paths)
        try:
            complete = build_changed(served, written.written_paths, written.removed_paths)
        except BuildError:
            raise
        except Exception as error:  # noqa: BLE001 - MkDocs' page functions are internal: its own rebuild still works
            log.info("gongkai: %s; MkDocs builds in full", error)
            complete = False
    except ContentError as error:
        PREVIEW.served = served  # nothing was written: the pages served are the last ones built
        log.error(redact(f"gongkai: 共 {len(error.problems)} 个内容问题:\n{error}"))
        raise Abort("Aborted with a BuildError!") from None
    except (ConfigError, BuildError) as error:
        log.error(redact(f"gongkai: {error}" if isinstance(error, ConfigError) else str(error)))
        raise Abort("Aborted with a BuildError!") from None
    finally:
        lock.release()
    if not complete:  # the navigation changed, and every page shows it: MkDocs' dirty build would keep the old pages
        empty(Path(served.config.site_dir))
        return full_build()
    PREVIEW.served = served
    for problem in warnings(site):
        log.info("gongkai: %s", redact(str(problem)))
    if settings.search == "gongkai":
        PREVIEW.index.submit(dataclasses.replace(settings, site_dir=Path(served.config.site_dir)), site)
    log.info(f"gongkai: 重建了 {len(written.written_paths)} 个文件 / rebuilt {len(written.written_paths)} file(s) "
             f"in {time.monotonic() - start:.2f} seconds")
