"""Under `gongkai serve`: build only the pages gongkai rewrote, with MkDocs' own page functions.

A full MkDocs build, even `--dirty`, lists, stats and sets up every one of 10,000 pages on every save
(seconds on a large site). Between saves nothing that every page shares changes (the preview checks
mkdocs.yml, the theme and gongkai first), so the files, navigation and templates of the last full build
are kept, and a save renders the pages whose Markdown changed and copies the files that changed, into
the folder MkDocs serves. What the navigation shows (the titles of pages in `nav`) is compared: when a
page in the navigation is removed or its title changes, every page shows it: the served folder is emptied and
MkDocs builds in full (its `--dirty` build would keep the pages that did not change, with the old menu).
The preview's sitemap.xml is written by full builds only (no page shows it; `gongkai build` writes it whole).

MkDocs' page functions are internal (`mkdocs.commands.build`); gongkai pins mkdocs<2, and a failure here
falls back to MkDocs' own rebuild.
"""
from __future__ import annotations

from dataclasses import dataclass

import jinja2
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


@dataclass
class ServedSite:
    """What the last complete MkDocs build of the preview left, to build single pages with."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment


def build_changed(served: ServedSite, written: tuple[str, ...], removed: tuple[str, ...]) -> bool:
    """Build the stage files in `written` into the served folder and forget those in `removed`.
    False when the change reaches every page (a full build is needed); nothing shown has changed then."""
    config, files = served.config, served.files
    in_nav = {page.file.src_uri for page in served.nav.pages}
    if in_nav & set(removed):
        return False
    changed = []
    for path in written:
        file = files.get_file_from_path(path)
        if file is None:
            file = File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
            set_exclusions([file], config)
            files.append(file)
        changed.append(file)
    for path in removed:
        gone = files.get_file_from_path(path)
        if gone is not None:
            files.remove(gone)
    pages = [file for file in changed if file.is_documentation_page()]
    for file in pages:
        page = file.page if file.page is not None else Page(None, file, config)
        title = page.title
        _populate_page(page, config, files)
        if file.src_uri in in_nav and page.title != title:
            return False
    for file in changed:
        if not file.is_documentation_page():
            file.copy_file()
    documentation = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for file in pages:
        assert file.page is not None
        _build_page(file.page, config, documentation, served.nav, served.env, excluded=file.inclusion.is_excluded())
    for file in pages:
        assert file.page is not None
        file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    return True
