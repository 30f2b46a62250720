"""The text inside an attachment, piece by piece with where each piece is, for the personal-data scan.

Reads txt, csv, md, docx, xlsx and the text layer of pdf. Any other type, or a file that does not open,
yields a note instead, so that `check` can say it was not scanned.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

TEXT_TYPES = {".txt", ".csv", ".md", ".tsv"}
READABLE = TEXT_TYPES | {".docx", ".xlsx", ".pdf"}


@dataclass(frozen=True)
class Piece:
    line: int  # 1-based line for text files, else 0
    place: str  # "工作表 Sheet1 单元格 B3", "第 2 页", "第 4 段"; "" for text files
    text: str


class Unreadable(Exception):
    """The attachment could not be read; the message says why."""


def pieces(path: Path) -> Iterator[Piece]:
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_TYPES:
            yield from _text(path)
        elif suffix == ".docx":
            yield from _docx(path)
        elif suffix == ".xlsx":
            yield from _xlsx(path)
        elif suffix == ".pdf":
            yield from _pdf(path)
        else:
            raise Unreadable(f"无法检查 {suffix or '无扩展名'} 文件中的个人信息 (请转为 .docx、.xlsx 或带文字层的 .pdf)")
    except Unreadable:
        raise
    except Exception as error:  # each reader library raises its own types for a broken file
        raise Unreadable(f"文件打不开, 无法检查其中的个人信息 ({type(error).__name__})") from None


def _text(path: Path) -> Iterator[Piece]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")
    for number, line in enumerate(text.splitlines(), 1):
        yield Piece(number, "", line)


def _docx(path: Path) -> Iterator[Piece]:
    import docx

    document = docx.Document(str(path))
    for number, paragraph in enumerate(document.paragraphs, 1):
        yield Piece(0, f"第 {number} 段", paragraph.text)
    for table_number, table in enumerate(document.tables, 1):
        for row_number, row in enumerate(table.rows, 1):
            yield Piece(0, f"表格 {table_number} 第 {row_number} 行", " ".join(cell.text for cell in row.cells))


def _xlsx(path: Path) -> Iterator[Piece]:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        value = cell.value
                        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
                        yield Piece(0, f"工作表 {sheet.title} 单元格 {cell.coordinate}", text)
    finally:
        workbook.close()


def _pdf(path: Path) -> Iterator[Piece]:
    from pypdf import PdfReader

    for number, page in enumerate(PdfReader(path).pages, 1):
        yield Piece(0, f"第 {number} 页", page.extract_text() or "")
