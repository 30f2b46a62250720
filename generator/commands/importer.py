"""`gongkai import FILE`: a Word (.docx) or plain-text document becomes a new content file.

Recognises the title, the issuing body, a 文号 and a date where the text states them; turns outline
numbering 一、 / （一） / 1. / （1） into heading levels; keeps every paragraph, and Word tables as tables.
Says what it could not recognise, and never overwrites a file.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..config import SiteConfig
from ..content.columns import Column
from ..content.docnumbers import find_doc_number
from ..errors import ConfigError
from ..checks.report_checks import GONGKAI_HEADINGS
from .report_import import SECTIONS, Cells, ReportData, cells_of_line, cells_of_row, normal, report_data

OUTLINE = (  # pattern, Markdown heading level
    (re.compile(r"[一二三四五六七八九十]+、"), 2),
    (re.compile(r"（[一二三四五六七八九十]+）"), 3),
    (re.compile(r"\d{1,2}[.．](?!\d)"), 4),
    (re.compile(r"（\d{1,2}）"), 5),
)
_TITLE_WORDS = re.compile(r"(报告|通知|公告|公示|办法|规定|决定|意见|方案|细则|解读|规则|制度)$")
_ISSUER = re.compile(r"^(?:\S*(?:人民政府|委员会|办公室|党委|党组|办事处|管理局|中心|所|站))(?:\s+\S*(?:人民政府|委员会|办公室|党委|党组|办事处|管理局|中心|所|站))*$")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_TITLE_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")
FIRST_YEAR, LAST_YEAR = 1949, 2100  # the years a date may have (as generator/content/fields.py checks them)
MAX_IMPORT_BYTES = 20 * 1024 * 1024  # a document to import is text; anything bigger is not one
MAX_DOCX_UNPACKED = 200 * 1024 * 1024  # a .docx is a zip: what it may unpack to, against "zip bombs"


@dataclass
class Table:
    rows: list[list[str]]  # every grid cell: a merged cell repeats its text
    distinct: list[list[str]] = field(default_factory=list)  # each row's cells, a merged cell once


@dataclass
class Imported:
    section: str
    fields: dict[str, str]
    body: str
    notes: list[str] = field(default_factory=list)  # what could not be recognised, for the user
    tables: str = ""  # a 政府信息公开工作年度报告's 表二–表四, as front-matter lines


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


def recognise(blocks: list[str | Table], config: SiteConfig, today: dt.date) -> Imported:
    lines = [b for b in blocks if not (isinstance(b, str) and not b)]
    notes: list[str] = []
    head: list[str] = []
    while lines and isinstance(lines[0], str) and len(head) < 4 and _is_head_line(lines[0]):
        head.append(lines.pop(0))
    title = " ".join(next((h for h in head if _TITLE_WORDS.search(h)), "").split())
    issuer = " ".join(h for h in head if _ISSUER.match(h))
    number = " ".join(next((found for h in head for found in [find_doc_number(h)] if found), "").split())
    date_match = next((m for b in reversed(lines[-4:]) if isinstance(b, str) for m in [_DATE.fullmatch(b)] if m), None)
    if not title:
        notes.append("标题: 没有找到, 请填写")
    if not issuer:
        issuer = " ".join(config.issuer.split())
        notes.append(f"发布机构: 没有找到, 已填默认的 {issuer or '(空)'}")
    published = _valid_date(date_match) if date_match else None
    if published is None and date_match:
        notes.append(f"发布日期: 文末的“{date_match.group(0)}”不是有效的日期, 已填今天 {today.isoformat()}, 请核对")
    elif published is None:
        notes.append(f"发布日期: 没有找到, 已填今天 {today.isoformat()}, 请核对")
    elif published > today:  # a date typed wrong, or a document not yet out: 发布日期 is the day it is published
        notes.append(f"发布日期: 文末的“{date_match.group(0)}”晚于今天, 已填今天 {today.isoformat()}, 请核对")
        published = today
    published = published or today
    kind, report_type, fields = _classify(title, number, notes)
    column = _column_for(config, kind, report_type, notes)
    section = column.folder
    if kind == "report" and title and config.town and config.town not in title and re.match(r"\d{4}", title):
        title = config.town + title  # a report title names its body: 纸坊镇2023年度法治政府建设报告
    fields = {"标题": title, **fields, "发布日期": published.isoformat(),
              column.issuer_key: issuer}
    if kind == "item" and not column.field("类别"):
        fields.pop("类别", None)
    if kind == "policy":
        fields["成文日期"] = published.isoformat()
    if kind == "report" and report_type == "政府信息公开":
        lines, data = _report_tables(lines)
        return Imported(section, fields, _markdown(lines), notes + data.notes, data.front_matter)
    return Imported(section, fields, _markdown(lines), notes)


def _report_tables(blocks: list[str | Table]) -> tuple[list[str | Table], ReportData]:
    """The blocks without the three tables, and the tables read as data: Word tables wherever they are
    (known by their rows), pasted rows under the headings 二, 三 and 四."""
    kept: list[str | Table] = []
    tables: dict[str, list[Cells]] = {"表二": [], "表三": [], "表四": []}
    section = ""
    for block in blocks:
        if isinstance(block, Table):
            text = "".join("".join(row) for row in block.rows)
            key = "表三" if "本年新收" in text else "表二" if "第二十条" in text else "表四" if "行政复议" in text else ""
            if key:
                tables[key] += [cells_of_row(row) for row in block.distinct or block.rows]
                continue
        else:
            heading = normal(block.lstrip("#"))
            fixed = next((title for title in GONGKAI_HEADINGS if heading.startswith(normal(title))), None)
            if fixed and not cells_of_line(block).values:  # 一、本年新收… 3 0 0 is a row of 表三, not a heading
                section = SECTIONS.get(fixed, "")
            elif section and (cells_of_line(block).values or "。" not in block):
                tables[section].append(cells_of_line(block))  # a pasted row, or a table's own caption or header
                continue
        kept.append(block)
    return kept, report_data(tables)


def _valid_date(match: re.Match[str]) -> dt.date | None:
    """The date a recognised 2024年3月15日 names, or None when there is no such day (2月30日, 0000年)."""
    try:
        year, month, day = (int(group) for group in match.groups())
        found = dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None
    return found if FIRST_YEAR <= found.year <= LAST_YEAR else None


def _title_year(title: str, notes: list[str]) -> str:
    """The 年度 a report title names (2023年度…), as four ASCII digits; "" with a note when it names none."""
    match = _TITLE_YEAR.search(title)
    if not match:
        notes.append("年度: 标题中没有找到年份, 请填写")
        return ""
    try:
        year = int(match.group(1))
    except ValueError:  # pragma: no cover - \d matches only what int() reads
        year = 0
    if not FIRST_YEAR <= year <= LAST_YEAR:
        notes.append(f"年度: 标题中的“{match.group(0)}”不是有效的年份, 请填写")
        return ""
    return str(year)


def _is_head_line(line: str) -> bool:
    """Lines above the text proper: issuer, title, 文号; short and without sentence punctuation."""
    return len(line) <= 60 and not re.search(r"[。：:；]", line) and not any(p.match(line) for p, _ in OUTLINE)


def _classify(title: str, number: str, notes: list[str]) -> tuple[str, str, dict[str, str]]:
    """(record kind, report type, fields) that the title and 文号 suggest."""
    if title.endswith("报告"):
        year = _title_year(title, notes)
        kind = "法治政府建设" if "法治" in title else "政府信息公开" if "信息公开" in title else ""
        return "report", kind, {"年度": year}
    if "解读" in title:
        notes.append("解读文件: 请填写所解读文件的文号")
        return "interpretation", "", {"解读文件": ""}
    if number or re.search(r"(办法|规定|决定|细则|规则)$", title):
        if not number:
            notes.append("文号: 没有找到, 请填写")
        return "policy", "", {"文号": number}
    category = next((c for c in ("公示", "公告") if c in title), "通知")
    return "item", "", {"类别": category}


def _column_for(config: SiteConfig, kind: str, report_type: str, notes: list[str]) -> Column:
    """The declared column an imported document goes to: 通知公告 for plain items, else the first of its kind."""
    candidates = [c for c in config.columns if c.kind == kind and (not report_type or c.report_type == report_type)]
    if kind == "item":
        candidates.sort(key=lambda c: c.folder != "notices")
    if not candidates:
        raise ConfigError(f"mkdocs.yml 中没有可以放这份文件的栏目 (需要 kind: {kind} 的栏目)")
    if kind == "report" and not report_type:
        notes.append(f"报告类型: 没有识别出, 已放入“{candidates[0].name}”, 如不对请移到另一个报告栏目的文件夹")
    return candidates[0]


_FIRST_ITEM = re.compile(r"（一）|1[.．]|（1）")
_LEAD_IN_END = ("：", ":")


def _markdown(blocks: list[str | Table]) -> str:
    """Word paragraphs as Markdown, outline numbering as heading levels.

    A list that an unheaded paragraph introduces (…下步将从以下几方面努力：（一）… （二）…) after its
    section's own text belongs to that paragraph, not to the section: its items are outdented to the
    section's level, so that the outline does not make them sub-sections of it."""
    parts: list[str] = []
    section_level, paragraphs, outdent = 1, 0, False
    for block in blocks:
        if isinstance(block, Table):
            parts.append(_markdown_table(block))
            paragraphs += 1
            continue
        lines = [block] if block.startswith("#") else _outline(block)
        level = len(lines[0]) - len(lines[0].lstrip("#"))
        if not level:
            parts.extend(lines)
            paragraphs += 1
            continue
        outdent = level > section_level and (outdent or _introduces_list(parts, paragraphs, level, section_level, lines[0]))
        if outdent:
            lines[0] = lines[0][1:]
        else:
            section_level, paragraphs = level, 0
        parts.extend(lines)
        paragraphs += len(lines) - 1
    return "\n\n".join(parts) + "\n"


def _introduces_list(parts: list[str], paragraphs: int, level: int, section_level: int, heading: str) -> bool:
    """A first item one level below the section, right after a paragraph ending in ： that is not the section's first."""
    item = heading.lstrip("#").strip()
    return (level == section_level + 1 and paragraphs >= 2 and bool(_FIRST_ITEM.match(item))
            and parts[-1].rstrip().endswith(_LEAD_IN_END))


def _outline(line: str) -> list[str]:
    for pattern, level in OUTLINE:
        if pattern.match(line):
            heading, stop, rest = line.partition("。")
            # a run-in heading: the first sentence is the heading, the rest its paragraph
            return ["#" * level + " " + heading] + ([rest.strip()] if rest.strip() else [])
    return [line]


def _markdown_table(table: Table) -> str:
    rows = [[cell.replace("|", "&#124;").replace("\n", "<br>") for cell in row] for row in table.rows if any(row)]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def yaml_scalar(value: str) -> str:
    """`value` written as a YAML scalar that reads back as exactly `value`: as typed when that is safe,
    else as a double-quoted string (JSON's escapes are YAML's), with every invisible character escaped."""
    if _plain_reads_back(value):
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    return "".join(ch if not (_invisible(ch) or unicodedata.category(ch) in ("Zl", "Zp", "Cf"))
                   else f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}" for ch in quoted)


def _plain_reads_back(value: str) -> bool:
    if value == "":
        return True
    if value != value.strip() or any(_invisible(ch) or not ch.isprintable() for ch in value):
        return False
    try:
        node = yaml.compose(f"key: {value}\n", Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return False
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return False
    scalar = node.value[0][1]
    return (isinstance(scalar, yaml.ScalarNode) and scalar.style is None and scalar.value == value
            and scalar.tag != "tag:yaml.org,2002:null" and scalar.start_mark.index == len("key: ")
            and scalar.end_mark.index == len("key: ") + len(value))


def front_matter(fields: dict[str, str], tables: str = "") -> str:
    return "---\n" + "".join(f"{key}: {yaml_scalar(value)}\n" for key, value in fields.items()) + tables + "---\n\n"
