"""Checks that keep what staff write safe to publish, whether or not it is otherwise valid:

- personal data in every value, key, file name, body and published attachment (errors, always masked);
- HTML that the sanitizer would remove from a body (errors: what is built is what was checked);
- attachments of a type a browser would run from the site's own origin, or whose content is not what
  their name says (errors); attachments that could not be scanned (warnings).
"""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Iterable, Iterator

from . import page_html, personal_data, sanitizer
from .attachment_text import Unreadable, pieces
from ..config import SiteConfig
from ..errors import BODY, Problem, SourceRef
from ..content.fields import Attachment
from ..content.readers import RawDocument, RawValue

PUBLIC_NUMBERS_KEY = "公开号码"
# Documents a citizen downloads, by the first bytes their content must start with (None: plain text).
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ATTACHMENT_TYPES: dict[str, tuple[tuple[bytes, ...] | None, str]] = {
    ".pdf": ((b"%PDF-",), "PDF"), ".ofd": ((_ZIP,), "OFD"),
    ".doc": ((_OLE,), "Word"), ".docx": ((_ZIP,), "Word"), ".wps": ((_OLE, _ZIP), "WPS 文字"),
    ".xls": ((_OLE,), "Excel"), ".xlsx": ((_ZIP,), "Excel"), ".et": ((_OLE, _ZIP), "WPS 表格"),
    ".ppt": ((_OLE,), "PowerPoint"), ".pptx": ((_ZIP,), "PowerPoint"), ".dps": ((_OLE, _ZIP), "WPS 演示"),
    ".csv": (None, "CSV"), ".txt": (None, "文本"),
    ".zip": ((_ZIP,), "ZIP"), ".rar": ((b"Rar!\x1a\x07",), "RAR"), ".7z": ((b"7z\xbc\xaf\x27\x1c",), "7z"),
    ".jpg": ((b"\xff\xd8\xff",), "JPEG 图片"), ".jpeg": ((b"\xff\xd8\xff",), "JPEG 图片"),
    ".png": ((b"\x89PNG\r\n\x1a\n",), "PNG 图片"), ".gif": ((b"GIF87a", b"GIF89a"), "GIF 图片"),
}
_RUNS_IN_BROWSER = {".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".js", ".mjs", ".css", ".xml", ".xsl",
                    ".md", ".markdown", ".swf", ".php", ".jsp", ".asp", ".aspx", ".wasm", ".json"}
PLAIN_EXPECTED = "公开前必须打码, 如 {masked}; 若是公开的办公号码, 在本文件的 公开号码 或 mkdocs.yml 的 personal_data.allowed 中列出"
ID_EXPECTED = "公开前必须打码, 如 {masked}; 身份证号任何时候都不能公开"
# What a clerk may list as public: an office mobile, a government body's bank account (收款账号). Never an ID.
LISTABLE = ("手机号", "银行卡号")


def allowed_numbers(config: SiteConfig, own: Iterable[str] = ()) -> set[str]:
    """Numbers that may be published: hotlines in mkdocs.yml, office numbers a record lists as 公开号码."""
    return {re.sub(r"\D", "", n) for n in (*config.allowed_numbers, *own) if re.sub(r"\D", "", n)}


def _own_numbers(document: RawDocument) -> list[str]:
    written = dict(document.fields).get(PUBLIC_NUMBERS_KEY)
    return [re.sub(r"\s", "", text) for _, text in _texts(written) for text in re.split(r"[,，、;；\s]+", text)] if written else []


def _texts(value: RawValue) -> Iterator[tuple[int, str]]:
    """Every text inside a front-matter value, with its line, keys of nested tables included."""
    if value.kind == "text":
        yield value.line, str(value.data)
    elif value.kind == "list":
        for item in value.data:  # type: ignore[union-attr]
            yield from _texts(item)
    else:
        for key, item in value.data:  # type: ignore[misc]
            yield item.line, key
            yield from _texts(item)


def numbers_in(text: str) -> frozenset[str]:
    return frozenset(hit.digits for hit in personal_data.find(text))


def number_problems(text: str, where: SourceRef, field: str, allowed: set[str], first_line: int | None = None,
                    known: frozenset[str] = frozenset()) -> list[Problem]:
    """Personal data in `text`; with `first_line`, `text` spans lines and each hit names its own; numbers
    in `known` were reported already (from the same file as written)."""
    found = []
    for hit in personal_data.find(text):
        if (hit.digits in allowed and hit.kind in LISTABLE) or hit.digits in known:
            continue
        line = where.line if first_line is None else first_line + text.count("\n", 0, hit.start)
        excerpt = " ".join(personal_data.masked_excerpt(text, hit).split())
        found.append(Problem(SourceRef(where.path, line, where.place), field, f"疑似{hit.kind} {hit.masked}: “{excerpt}”",
                             (PLAIN_EXPECTED if hit.kind in LISTABLE else ID_EXPECTED).format(masked=hit.masked)))
    return found


def document_problems(document: RawDocument, config: SiteConfig, extensions: str) -> list[Problem]:
    """Personal data anywhere in a record file, and unsafe HTML in its body; valid or not."""
    allowed = allowed_numbers(config, _own_numbers(document))
    path = document.source.path
    found = number_problems(document.slug, document.source, "", allowed)  # the file name becomes the URL
    for key, value in document.fields:
        if key != PUBLIC_NUMBERS_KEY:
            for line, text in [(value.line, key), *_texts(value)]:
                found += number_problems(text, SourceRef(path, line), key, allowed)
    found += _title_problems(document, extensions)
    found += number_problems(document.body, SourceRef(path, document.body_line), BODY, allowed, document.body_line)
    found += shown_number_problems(document.body, SourceRef(path, document.body_line), allowed, extensions)
    return found + body_markup_problems(document.body, path, document.body_line, extensions)


def _title_problems(document: RawDocument, extensions: str) -> list[Problem]:
    """The title is the page's first heading, and its anchor id is made from it: `__config` or `gk-search`
    as a title would take an id the theme's scripts look for."""
    title = dict(document.fields).get("标题")
    if title is None or title.kind != "text":
        return []
    finding = sanitizer.heading_id_finding(str(title.data), extensions)
    return [Problem(SourceRef(document.source.path, title.line), "标题", f"标题会成为页面的锚点, {finding.message}", finding.expected)] if finding else []


# Where the shown text can differ from the written in its digits: tags, entities, marks touching a digit,
# a percent-encoded digit
_RENDERING_CHANGES = re.compile(r"[<&]|\d[*_~`\\]|[*_~`\\]\d|%3\d")


def shown_number_problems(body: str, where: SourceRef, allowed: set[str], extensions: str) -> list[Problem]:
    """Numbers that appear only once the body is rendered: `&#49;&#51;…`, `137**1234**5678`,
    `<td>370829</td><td>1985…</td>`, `tel:%31%33…`. Named by the body's first line: the written text has
    no single place for them."""
    if not _RENDERING_CHANGES.search(body):
        return []
    shown = number_problems(page_html.shown_text(sanitizer.render(body, extensions)), where, BODY, allowed, known=numbers_in(body))
    return [Problem(where, BODY, "网页上显示为" + p.message, p.expected) for p in shown]


def body_markup_problems(body: str, path: str, first_line: int, extensions: str) -> list[Problem]:
    return [Problem(SourceRef(path, first_line + offset), BODY, finding.message, finding.expected)
            for offset, finding in sanitizer.findings(body, extensions)]


def attachment_problems(attachments: Iterable[Attachment], published: Iterable[Attachment], where: SourceRef,
                        allowed: set[str]) -> list[Problem]:
    """Type and name of every attachment; the text of those that will be published."""
    folder = where.path.rsplit("/", 1)[0]
    found = []
    for attachment in attachments:
        found += file_type_problems(attachment.path, attachment.file, where)
    for attachment in published:
        found += content_problems(attachment.path, f"{folder}/{attachment.file}", allowed)
    return found


def file_type_problems(path: Path, shown_name: str, where: SourceRef, field: str = "附件") -> list[Problem]:
    suffix = path.suffix.lower()
    if suffix in _RUNS_IN_BROWSER:
        return [Problem(where, field, f"'{shown_name}': 不能发布 {suffix} 文件, 浏览器会在本站打开并运行其中的代码",
                        "请转为 PDF 后再作为附件")]
    if suffix not in ATTACHMENT_TYPES:
        kinds = "、".join(sorted(k.lstrip(".") for k in ATTACHMENT_TYPES))
        return [Problem(where, field, f"'{shown_name}': 不能发布 {suffix or '没有扩展名的'} 文件", f"可以发布的类型: {kinds}")]
    signatures, kind = ATTACHMENT_TYPES[suffix]
    with path.open("rb") as handle:
        head = handle.read(512)
    if signatures is None and (b"\x00" not in head or head[:2] in (b"\xff\xfe", b"\xfe\xff")):
        return []  # text: UTF-8, GB18030 or UTF-16 with its byte-order mark (Excel's "Unicode text")
    if signatures is not None and head.startswith(signatures):
        return []
    return [Problem(where, field, f"'{shown_name}': 文件内容不是 {kind} (扩展名与内容不符)", f"请用正确的扩展名保存为 {kind} 文件")]


def content_problems(file: Path, shown_path: str, allowed: set[str]) -> list[Problem]:
    """Personal data in a published attachment's text; a file read before, unchanged, is not read again
    (the preview checks every attachment on every save)."""
    try:
        status = os.stat(file)
    except OSError:
        return _read_problems(file, shown_path, allowed)
    return list(_scanned(file, shown_path, frozenset(allowed), (status.st_ino, status.st_size, status.st_mtime_ns)))


@functools.lru_cache(maxsize=1 << 14)
def _scanned(file: Path, shown_path: str, allowed: frozenset[str], stamp: tuple[int, int, int]) -> tuple[Problem, ...]:
    return tuple(_read_problems(file, shown_path, allowed))


def _read_problems(file: Path, shown_path: str, allowed: set[str] | frozenset[str]) -> list[Problem]:
    found = []
    try:
        for piece in pieces(file):
            found += number_problems(piece.text, SourceRef(shown_path, piece.line, piece.place), "附件", allowed)
    except Unreadable as error:
        found.append(Problem(SourceRef(shown_path, 1), "附件", str(error), "请人工确认其中没有身份证号、手机号、银行卡号", warning=True))
    return found
