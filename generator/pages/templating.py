"""The Jinja2 environment for Markdown templates, and links between generated pages."""
from __future__ import annotations

from dataclasses import dataclass

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


def template_module(template: str):
    """A template's macros, callable from Python."""
    return _environment.get_template(template).module


def page_path(record: Record) -> str:
    return f"{record_dir(record)}/index.md"


def link(record: Record, from_page: str, note: str = "") -> Link:
    return Link(record.title, relative(page_path(record), from_page), note)
