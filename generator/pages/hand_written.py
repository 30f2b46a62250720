"""Hand-written pages (docs/) as MkDocs reads them, and into the stage: the check and the stage both read
a page's settings with MkDocs' own reader (`get_data`, with the YAML loader MkDocs uses), so what is
checked is what is built; the stage then writes the allowed settings itself, title and description
escaped as a record's are. So a 关于"放管服"改革 or R&D in a title reads as written, and any mkdocs.yml
builder builds a safe page from the stage."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils import meta

from ..content.markdown_text import theme_text
from .outputs import CopiedFile, Page
from ..content.readers import first_alias

ESCAPED = ("title", "description")
ALLOWED = (*ESCAPED, "hide")


@dataclass(frozen=True)
class HandWrittenPage:
    text: str  # the whole file, as MkDocs decodes it
    body: str  # what MkDocs renders as the page
    settings: dict  # what MkDocs takes for the page's settings (--- front matter or MultiMarkdown lines)
    body_line: int  # the body's first line in the file


class PageUnreadable(Exception):
    """MkDocs could not read the page either (a YAML alias, which would expand before anything is checked)."""


def read_page(path: Path) -> HandWrittenPage:
    """Raises UnicodeDecodeError for a file that is not UTF-8, PageUnreadable for YAML aliases."""
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    front = meta.YAML_RE.match(text)
    if front and has_alias(front.group(1)):
        raise PageUnreadable(front.group(1))
    body, settings = meta.get_data(text)
    return HandWrittenPage(text, body, settings, 1 + text[: len(text) - len(body)].count("\n"))


def has_alias(yaml_text: str) -> bool:
    """An anchor or alias, as the YAML loader MkDocs uses sees it (libyaml where installed)."""
    try:
        return first_alias(yaml_text, meta.SafeLoader) is not None
    except yaml.YAMLError:
        return False  # not YAML to MkDocs either: the page's text, checked as its body


def stage_copy(file: CopiedFile) -> CopiedFile | Page:
    """The file as it goes into the stage (`gongkai check` has already refused anything else in it)."""
    if not file.path.endswith(".md"):
        return file
    page = read_page(file.source)
    if not page.settings:
        return file
    lines = [f"{key}: {theme_text(page.settings[key]) if key in ESCAPED else json.dumps(page.settings[key], ensure_ascii=False)}"
             for key in ALLOWED if key in page.settings]
    return Page(file.path, "---\n" + "\n".join(lines) + "\n---\n\n" + page.body)
