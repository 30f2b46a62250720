"""The Jinja2 environment for Markdown templates, and links between generated pages."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import jinja2

from ..content.markdown_text import FILTERS, relative
from ..content.models import Record
from ..content.site import record_dir

_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "pages/templates"),
    undefined=jinja2.StrictUndefined,
    autoescape=False,  # the output is Markdown; values pass through the `inline` filter instead
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_environment.filters.update(FILTERS)


@dataclass(frozen=True)
class Link:
    title: str
    href: str  # relative link to a .md page, so that MkDocs checks it
    note: str = ""


def render(template: str, **context: object) -> str:
    return _environment.get_template(template).render(**context)


class PageMemo:
    """Pages rendered by an earlier build in the same process (`gongkai serve`), by path: a page is
    rendered again only when its template or what it is made from changed (compared by value)."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[str, dict[str, object], str]] = {}

    def render(self, path: str, template: str, **context: object) -> str:
        return self.made(path, template, context, lambda: render(template, **context))

    def made(self, path: str, maker: str, inputs: dict[str, object], make: Callable[[], str]) -> str:
        """The text `make()` gives for `inputs`, made again only when they differ from last time's."""
        kept = self._pages.get(path)
        if kept is not None and kept[0] == maker and kept[1] == inputs:
            return kept[2]
        text = make()
        self._pages[path] = (maker, inputs, text)
        return text


def template_module(template: str):
    """A template's macros, callable from Python."""
    return _environment.get_template(template).module


def page_path(record: Record) -> str:
    return f"{record_dir(record)}/index.md"


def link(record: Record, from_page: str, note: str = "") -> Link:
    return Link(record.title, relative(page_path(record), from_page), note)
