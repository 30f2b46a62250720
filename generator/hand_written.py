"""Hand-written pages (docs/) into the stage: copied as they are, except that the settings the theme
prints as HTML (title, description) are written escaped, as a record's are. So a 关于"放管服"改革 or
R&D in a title reads as written, and any mkdocs.yml builder builds a safe page from the stage."""
from __future__ import annotations

import json

import yaml
from mkdocs.utils import meta

from .markdown_text import theme_text
from .outputs import CopiedFile, Page

ESCAPED = ("title", "description")


def stage_copy(file: CopiedFile) -> CopiedFile | Page:
    """The file as it goes into the stage (`gongkai check` has already refused anything else in it)."""
    if not file.path.endswith(".md"):
        return file
    text = file.source.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    front = meta.YAML_RE.match(text)
    if not front:
        return file
    try:
        settings = yaml.load(front.group(1), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return file  # not front matter to MkDocs either: rendered as the page's text, and checked as that
    if not isinstance(settings, dict):
        return file
    lines = [f"{key}: {theme_text(value) if key in ESCAPED else json.dumps(value, ensure_ascii=False)}" for key, value in settings.items()]
    return Page(file.path, "---\n" + "\n".join(lines) + "\n---\n" + text[front.end():])
