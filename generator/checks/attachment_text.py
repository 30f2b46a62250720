"""The text inside an attachment, piece by piece with where each piece is, for the personal-data scan.

Reads txt, csv, tsv, md, docx, xlsx and the text layer of pdf. A docx or xlsx is read as what it is, a zip of
XML parts, and every part is searched: a number in a header, a comment, a text box, a tracked deletion, a
field code or a formula is published with the file as surely as one in the body. What cannot be read raises
`Unreadable`, so that `check` can say it was not scanned.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import personal_data

TEXT_TYPES = {".txt", ".csv", ".md", ".tsv"}
READABLE = TEXT_TYPES | {".docx", ".xlsx", ".pdf"}


@dataclass(frozen=True)
class Piece:
    line: int  # 1-based line for text files, else 0
    place: str  # "工作表 Sheet1 单元格 B3", "第 2 页", "第 4 段", "页眉 header1.xml 第 1 段"; "" for text files
    text: str


class Unreadable(Exception):
    """The attachment could not be read; the message says why."""


def pieces(path: Path) -> Iterator[Piece]:
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_TYPES:
            yield from _text(path)
        elif suffix in (".docx", ".xlsx"):
            from .ooxml_text import docx_pieces, xlsx_pieces  # it reads Piece from here

            yield from (docx_pieces if suffix == ".docx" else xlsx_pieces)(path)
        elif suffix == ".pdf":
            yield from _pdf(path)
        else:
            raise Unreadable(f"无法检查 {suffix or '无扩展名'} 文件中的个人信息 (请转为 .docx、.xlsx 或带文字层的 .pdf)")
    except Unreadable:
        raise
    except Exception as error:  # each reader library raises its own types for a broken file
        raise Unreadable(f"文件打不开, 无法检查其中的个人信息 ({type(error).__name__})") from None


def _decode(data: bytes) -> str:
    """UTF-16 (with a BOM, or without one when NUL bytes show it: UTF-8 and GBK text has none), UTF-8 with or
    without BOM, else GB18030 (what Notepad and WPS save as "ANSI" on Chinese Windows)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    sample = data[:4096]
    if sample.count(0) * 4 >= len(sample):  # UTF-16 text of any script has NUL in a quarter of its bytes or more
        little = sample[1::2].count(0) >= sample[0::2].count(0)  # ASCII in UTF-16LE: every second byte is 0
        return data.decode("utf-16-le" if little else "utf-16-be", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


_ENDS_IN_DIGIT, _STARTS_WITH_DIGIT = re.compile(r"\d\W{0,8}$"), re.compile(r"\W{0,8}\d")


def across(texts: list[str], joiner: str) -> Iterator[tuple[int, str]]:
    """Numbers split between two neighbouring texts (lines, cells): (index of the first text, the number).
    Only the number itself is returned: one inside a single text is reported with that text already."""
    for index in range(len(texts) - 1):
        first, second = texts[index], texts[index + 1]
        if _ENDS_IN_DIGIT.search(first) and _STARTS_WITH_DIGIT.match(second):  # cheap: most pairs are not
            joined = first + joiner + second
            yield from ((index, joined[h.start : h.end]) for h in personal_data.find(joined) if h.start < len(first) < h.end)


_LITERAL = re.compile(r'"([^"]*)"|(\d+)')


def formula_shown(formula: str) -> str:
    """What a spreadsheet shows for a formula that joins texts and numbers (`="1381234"&5678`,
    `CONCATENATE("370829","1985…")`): its literals, in order, as one text."""
    return "".join(text or digits for text, digits in _LITERAL.findall(formula))


def _formula_pieces(piece: Piece, cells: list[str]) -> Iterator[Piece]:
    for cell in cells:
        if cell.lstrip()[:1] in ("=", "+", "@"):
            shown = formula_shown(cell)
            if {h.digits for h in personal_data.find(shown)} - {h.digits for h in personal_data.find(cell)}:
                yield Piece(piece.line, "公式", shown)


def _text(path: Path) -> Iterator[Piece]:
    text = _decode(path.read_bytes())
    found = [Piece(number, "", line) for number, line in enumerate(text.splitlines(), 1)]
    if path.suffix.lower() in (".csv", ".tsv"):
        try:  # a record, whose cells may hold line breaks, is one text: `138,1234 5678` is found
            reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
            records, line = [], 1
            for row in reader:
                records.append(Piece(line, "", " | ".join(row)))
                records += _formula_pieces(records[-1], row)  # Excel runs a cell that starts with =
                line = reader.line_num + 1
            found = records
        except csv.Error:
            pass  # e.g. a field over the size limit: read it as plain lines
    yield from found
    for index, number in across([piece.text for piece in found], "\n"):  # a number broken over two lines
        yield Piece(found[index].line, "", number)


def _pdf(path: Path) -> Iterator[Piece]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    texts = [page.extract_text() or "" for page in reader.pages]
    # What a PDF reader shows besides the pages: properties, notes, form fields, bookmarks, attached files.
    for key, value in (reader.metadata or {}).items():
        yield Piece(0, f"文档属性 {str(key).lstrip('/')}", str(value))
    xmp = reader.trailer["/Root"].get("/Metadata")
    if xmp is not None:  # the same properties again as XML (what Acrobat shows first)
        yield Piece(0, "文档属性 XMP", re.sub(r"<[^>]*>", "\n", xmp.get_object().get_data().decode("utf-8", "replace")))
    for number, page in enumerate(reader.pages, 1):
        for annotation in page.get("/Annots") or []:
            note = annotation.get_object()
            texts_of_note = [str(note.get(key, "")) for key in ("/Contents", "/T", "/V", "/TU")]
            yield Piece(0, f"第 {number} 页 批注或表单", "\n".join(texts_of_note))
    for name, field in (reader.get_fields() or {}).items():
        yield Piece(0, f"表单字段 {name}", f"{name}\n{field.get('/V', '')}")
    yield from _outline(reader.outline)
    if reader.attachments:
        raise Unreadable(f"其中附带的文件 {'、'.join(reader.attachments)} 无法检查其中的个人信息")
    if not any(text.strip() for text in texts):
        raise Unreadable("PDF 没有文字层 (可能是扫描件), 无法检查其中的个人信息")
    for number, text in enumerate(texts, 1):
        yield Piece(0, f"第 {number} 页", text)


def _outline(items: list) -> Iterator[Piece]:
    for item in items:
        if isinstance(item, list):
            yield from _outline(item)
        else:
            yield Piece(0, "书签", str(getattr(item, "title", "")))
