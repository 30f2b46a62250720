"""Reading a document to import: a Word (.docx) or text file (UTF-8 or GBK) as paragraphs and tables.

Every way a file can be unusable (missing, empty, too big, binary, a broken .docx) is a ConfigError with a
message for the clerk, never a traceback; invisible characters are removed and counted.
"""
from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError

MAX_IMPORT_BYTES = 20 * 1024 * 1024  # a document to import is text; anything bigger is not one
MAX_DOCX_UNPACKED = 200 * 1024 * 1024  # a .docx is a zip: what it may unpack to, against "zip bombs"


@dataclass
class Table:
    rows: list[list[str]]  # every grid cell: a merged cell repeats its text
    distinct: list[list[str]] = field(default_factory=list)  # each row's cells, a merged cell once


def read_blocks(path: Path) -> tuple[list[str | Table], list[str]]:
    """Paragraph texts and tables in document order, and notes about the reading itself.

    Every way a file can be unusable (missing, empty, too big, binary, a broken .docx) is a ConfigError
    with a message for the clerk, never a traceback."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ConfigError(f"{path}: 无法读取 ({error.strerror})") from None
    if not path.is_file():
        raise ConfigError(f"{path}: 不是文件 (请给出要导入的 .docx 或 .txt 文件)")
    if size == 0:
        raise ConfigError(f"{path}: 文件是空的, 没有可导入的内容")
    if size > MAX_IMPORT_BYTES:
        raise ConfigError(f"{path}: 文件太大 ({size / 1024 / 1024:.1f} MB) "
                          f"(可导入的文件最多 {MAX_IMPORT_BYTES // 1024 // 1024} MB; 大的材料请作为附件)")
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise ConfigError(f"{path}: 是旧版 Word 文件 (.doc), 无法直接导入 (请在 Word 或 WPS 中“另存为” .docx 后再导入)")
    if suffix == ".docx":
        blocks, notes = _docx_blocks(path), []
    else:
        blocks, notes = _text_blocks(path)
    blocks, removed = _cleaned(blocks)
    if removed:
        notes.append(f"删除了 {removed} 个看不见的控制字符, 请核对正文")
    if not any(block for block in blocks if isinstance(block, Table) or block.strip("# ")):
        raise ConfigError(f"{path}: 文件中没有文字, 没有可导入的内容")
    return blocks, notes


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{path}: 无法读取 ({error.strerror})") from None


def _text_blocks(path: Path) -> tuple[list[str | Table], list[str]]:
    data = _read(path)
    kind = _binary_kind(data)
    if kind:
        raise ConfigError(f"{path}: {kind}")
    binary = f"{path}: 含有二进制数据, 不是文字文件, 无法导入 (请导入 Word 的 .docx 文件或 .txt 文字文件)"
    notes: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode": UTF-16 with a byte-order mark
        try:
            text, notes = data.decode("utf-16"), ["原文件是 UTF-16 编码, 已转为 UTF-8"]
        except UnicodeDecodeError:
            raise ConfigError(f"{path}: 无法识别的文字编码 (请另存为 UTF-8 或 .docx)") from None
    else:
        if b"\x00" in data:
            raise ConfigError(binary)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text, notes = data.decode("gb18030"), ["原文件是 GBK/GB18030 编码, 已转为 UTF-8"]
            except UnicodeDecodeError:
                raise ConfigError(f"{path}: 无法识别的文字编码 (请另存为 UTF-8 或 .docx)") from None
    controls = sum(1 for ch in text if _invisible(ch))
    if "\x00" in text or controls > max(8, len(text) // 100):  # text has none; a binary file decoded by luck has many
        raise ConfigError(binary)
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")], notes


def _binary_kind(data: bytes) -> str:
    """What a file obviously is by its first bytes, when it is not text; "" when it may be text."""
    if data.startswith(b"%PDF"):
        return "是 PDF 文件, 无法导入 (请导入 Word 的 .docx 文件或 .txt 文字文件)"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "是旧版 Office/WPS 文件 (如 .doc 或 .wps), 无法直接导入 (请在 Word 或 WPS 中“另存为” .docx 后再导入)"
    if data.startswith(b"PK\x03\x04"):
        return "是压缩文件, 不是文字文件 (若是 Word 文件, 请把文件扩展名改为 .docx 后再导入)"
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "是图片, 不是文字文件, 无法导入 (请导入 Word 的 .docx 文件或 .txt 文字文件)"
    return ""


def _docx_blocks(path: Path) -> list[str | Table]:
    try:
        import docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise ConfigError("读取 .docx 需要 python-docx (pip install python-docx)") from None
    broken = ConfigError(f"{path}: 不是有效的 Word 文件 (文件已损坏, 或不是 .docx 格式; 请用 Word 或 WPS 打开后“另存为” .docx)")
    try:
        with zipfile.ZipFile(path) as archive:
            names = {info.filename for info in archive.infolist()}
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise broken from None
    if "word/document.xml" not in names:
        raise broken
    if unpacked > MAX_DOCX_UNPACKED:
        raise ConfigError(f"{path}: Word 文件解压后太大 ({unpacked // 1024 // 1024} MB), 无法导入 (请删去其中的大图片或视频后再导入)")
    try:
        document = docx.Document(str(path))
        blocks: list[str | Table] = []
        for child in document.element.body.iterchildren():
            if child.tag.endswith("}p"):
                paragraph = Paragraph(child, document)
                text = paragraph.text.strip()
                level = _heading_style_level(paragraph.style.name if paragraph.style is not None else "")
                blocks.append(("#" * level + " " + text) if level and text else text)
            elif child.tag.endswith("}tbl"):
                table = DocxTable(child, document)
                rows = [list(row.cells) for row in table.rows]
                blocks.append(Table([[cell.text.strip() for cell in row] for row in rows],
                                    [[cell.text.strip() for i, cell in enumerate(row) if i == 0 or cell._tc is not row[i - 1]._tc]
                                     for row in rows]))
    except Exception:  # noqa: BLE001 - python-docx and lxml raise many types for a broken file
        raise broken from None
    return blocks


def _invisible(char: str) -> bool:
    """Characters no one types on purpose: control characters (tab and line break aside), bidirectional
    overrides and marks, zero-width spaces, byte-order marks, surrogates and non-characters."""
    code = ord(char)
    if char in "\t\n\r":
        return False
    category = unicodedata.category(char)
    return (category in ("Cc", "Cs") or 0x200B <= code <= 0x200F or 0x202A <= code <= 0x202E or 0x2060 <= code <= 0x206F
            or code == 0xFEFF or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE)


def _cleaned(blocks: list[str | Table]) -> tuple[list[str | Table], int]:
    """The blocks without invisible characters, and how many were removed."""
    removed = 0

    def clean(text: str) -> str:
        nonlocal removed
        kept = "".join(ch for ch in text if not _invisible(ch))
        removed += len(text) - len(kept)
        return kept

    cleaned: list[str | Table] = []
    for block in blocks:
        cleaned.append(Table([[clean(cell).strip() for cell in row] for row in block.rows],
                             [[clean(cell).strip() for cell in row] for row in block.distinct]) if isinstance(block, Table)
                       else clean(block).strip())
    return cleaned, removed


def _heading_style_level(style: str) -> int:
    match = re.fullmatch(r"(?:Heading|标题)\s*(\d)", style)
    return min(int(match.group(1)) + 1, 6) if match else 0


