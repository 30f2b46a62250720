"""Jinja2 filters that put content values into generated Markdown safely and readably."""
from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
import urllib.parse
from decimal import Decimal

# The characters Python-Markdown lets a backslash escape; "|" has no escape outside tables.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!>-])")


def inline(value: object) -> str:
    """Text shown as text: no HTML, no Markdown emphasis or links from a title or any metadata value."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=False))
    return escaped.replace("|", "&#124;")


def attribute(value: object) -> str:
    return html.escape(str(value), quote=True)


def theme_text(value: object) -> str:
    """A front-matter value that the theme prints into HTML as it is (title, description): MkDocs takes
    a page title for HTML (a title from a heading arrives escaped), so the value is written escaped."""
    return yaml_string(html.escape(str(value), quote=True))


def url_path(value: object) -> str:
    """A relative link to a file, every character outside [A-Za-z0-9_.-/~] percent-encoded: a file name
    holding `>`, `)`, a space or `javascript:` stays one harmless relative address (MkDocs decodes it to
    find the file)."""
    return urllib.parse.quote(str(value), safe="/")


def chinese_date(value: dt.date) -> str:
    """2024年4月6日: how dates are written in Chinese official prose (no leading zeros)."""
    return f"{value.year}年{value.month}月{value.day}日"


def yaml_string(value: object) -> str:
    """A JSON string is a valid YAML scalar, whatever quotes or colons the value holds."""
    return json.dumps(str(value), ensure_ascii=False)


@functools.lru_cache(maxsize=1 << 17)  # every listing row and record link, on every build of the preview
def relative(target: str, start_page: str) -> str:
    """Link from one generated page to another file, both given relative to the tree's root (normalised
    paths, as the generator makes them; plain string work because this runs for every link of every page)."""
    target_parts = target.split("/")
    start_parts = start_page.split("/")[:-1]
    common = 0
    while common < min(len(start_parts), len(target_parts) - 1) and start_parts[common] == target_parts[common]:
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + target_parts[common:])


def file_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def report_number(value: Decimal) -> str:
    """A table cell: 3, not 3.0; 1.25 (万元) as written."""
    return str(value.quantize(Decimal(1))) if value == value.to_integral_value() else str(value.normalize())


FILTERS = {
    "report_number": report_number,
    "inline": inline,
    "attribute": attribute,
    "url_path": url_path,
    "chinese_date": chinese_date,
    "yaml_string": yaml_string,
    "theme_text": theme_text,
    "file_size": file_size,
}


_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"^\s*(?:#{1,6}|[-*+]|\d+\.|>|!!!.*|\|?\s*-{3,}.*)\s*|[*_`|]")


def plain_text(markdown: str) -> str:
    """Markdown reduced to its words: no tags, link targets, list markers, table rules or emphasis."""
    lines = []
    for line in markdown.split("\n"):
        line = _LINK.sub(r"\1", _TAG.sub(" ", line))
        line = _MARKUP.sub(" ", line)
        if line.strip():
            lines.append(line.strip())
    return "\n".join(lines)


OVERVIEW_CHARS = 60
_ADMONITION = re.compile(r"^!!!.*\n(?:(?:[ ]{4}|\t).*\n|[ \t]*\n)*", re.M)


@functools.lru_cache(maxsize=1 << 15)  # the 目录, its CSV and JSON and the column list each show it: made once
def overview(summary: str, body: str) -> str:
    """内容概述 for the 目录 (条例 第十二条): the 摘要, or the body's first sentence, cut at OVERVIEW_CHARS."""
    lines = plain_text(_ADMONITION.sub("", body)).split("\n")  # a 示例 note or a 注意 box is not what the item says
    text = summary or next((line for line in lines if ("。" in line or "，" in line) and not line.endswith(("：", ":"))), "")
    sentence = " ".join(re.split(r"(?<=[。！？])", text, maxsplit=1)[0].split())
    return sentence if len(sentence) <= OVERVIEW_CHARS else sentence[:OVERVIEW_CHARS - 1] + "…"


def shown_value(value: object) -> str:
    """A field's value as a listing or a metadata table shows it."""
    if isinstance(value, dt.date):
        return chinese_date(value)
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int):
        return f"{value}年"
    if isinstance(value, tuple):
        return "、".join(map(str, value))
    return str(value)
