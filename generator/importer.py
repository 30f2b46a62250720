"""`gongkai import FILE`: a Word (.docx) or plain-text document becomes a new content file.

Recognises the title, the issuing body, a 文号 and a date where the text states them; turns outline
numbering 一、 / （一） / 1. / （1） into heading levels; keeps every paragraph, and Word tables as tables.
Says what it could not recognise, and never overwrites a file.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .config import SiteConfig
from .docnumbers import find_doc_number
from .errors import ConfigError

OUTLINE = (  # pattern, Markdown heading level
    (re.compile(r"[一二三四五六七八九十]+、"), 2),
    (re.compile(r"（[一二三四五六七八九十]+）"), 3),
    (re.compile(r"\d{1,2}[.．](?!\d)"), 4),
    (re.compile(r"（\d{1,2}）"), 5),
)
_TITLE_WORDS = re.compile(r"(报告|通知|公告|公示|办法|规定|决定|意见|方案|细则|解读|规则|制度)$")
_ISSUER = re.compile(r"^(?:\S*(?:人民政府|委员会|办公室|党委|党组|办事处|管理局|中心|所|站))(?:\s+\S*(?:人民政府|委员会|办公室|党委|党组|办事处|管理局|中心|所|站))*$")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


@dataclass
class Table:
    rows: list[list[str]]


@dataclass
class Imported:
    section: str
    fields: dict[str, str]
    body: str
    notes: list[str] = field(default_factory=list)  # what could not be recognised, for the user


def read_blocks(path: Path) -> tuple[list[str | Table], list[str]]:
    """Paragraph texts and tables in document order, and notes about the reading itself."""
    if path.suffix.lower() == ".docx":
        return _docx_blocks(path), []
    data = path.read_bytes()
    try:
        text, notes = data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        try:
            text, notes = data.decode("gb18030"), ["原文件是 GBK/GB18030 编码, 已转为 UTF-8"]
        except UnicodeDecodeError:
            raise ConfigError(f"{path}: 无法识别的文字编码 (请另存为 UTF-8 或 .docx)") from None
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n")], notes


def _docx_blocks(path: Path) -> list[str | Table]:
    try:
        import docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise ConfigError("读取 .docx 需要 python-docx (pip install python-docx)") from None
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises many types for a broken file
        raise ConfigError(f"{path}: 不是有效的 Word 文件 ({error})") from None
    blocks: list[str | Table] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            paragraph = Paragraph(child, document)
            text = paragraph.text.strip()
            level = _heading_style_level(paragraph.style.name if paragraph.style is not None else "")
            blocks.append(("#" * level + " " + text) if level and text else text)
        elif child.tag.endswith("}tbl"):
            table = DocxTable(child, document)
            blocks.append(Table([[cell.text.strip() for cell in row.cells] for row in table.rows]))
    return blocks


def _heading_style_level(style: str) -> int:
    match = re.fullmatch(r"(?:Heading|标题)\s*(\d)", style)
    return min(int(match.group(1)) + 1, 6) if match else 0


def recognise(blocks: list[str | Table], config: SiteConfig, today: dt.date) -> Imported:
    lines = [b for b in blocks if not (isinstance(b, str) and not b)]
    notes: list[str] = []
    head: list[str] = []
    while lines and isinstance(lines[0], str) and len(head) < 4 and _is_head_line(lines[0]):
        head.append(lines.pop(0))
    title = next((h for h in head if _TITLE_WORDS.search(h)), "")
    issuer = " ".join(h for h in head if _ISSUER.match(h))
    number = next((found for h in head for found in [find_doc_number(h)] if found), "")
    date_match = next((m for b in reversed(lines[-4:]) if isinstance(b, str) for m in [_DATE.fullmatch(b)] if m), None)
    if not title:
        notes.append("标题: 没有找到, 请填写")
    if not issuer:
        issuer = config.issuer
        notes.append(f"发布机构: 没有找到, 已填默认的 {issuer or '(空)'}")
    published = today
    if date_match:
        published = dt.date(*(int(g) for g in date_match.groups()))
    else:
        notes.append(f"发布日期: 没有找到, 已填今天 {today.isoformat()}, 请核对")
    section, fields = _classify(title, number, config, notes)
    if section == "reports" and title and config.town and config.town not in title and re.match(r"\d{4}", title):
        title = config.town + title  # a report title names its body: 纸坊镇2023年度法治政府建设报告
    fields = {"标题": title, **fields, "发布日期": published.isoformat(),
              ("发文机关" if section == "policies" else "发布机构"): issuer}
    if section == "policies":
        fields["成文日期"] = published.isoformat()
    return Imported(section, fields, _markdown(lines), notes)


def _is_head_line(line: str) -> bool:
    """Lines above the text proper: issuer, title, 文号; short and without sentence punctuation."""
    return len(line) <= 60 and not re.search(r"[。：:；]", line) and not any(p.match(line) for p, _ in OUTLINE)


def _classify(title: str, number: str, config: SiteConfig, notes: list[str]) -> tuple[str, dict[str, str]]:
    if title.endswith("报告"):
        year = re.search(r"(\d{4})\s*年", title)
        kind = "法治政府建设" if "法治" in title else "政府信息公开" if "信息公开" in title else ""
        if not kind:
            notes.append("报告类型: 没有识别出, 请填 法治政府建设 或 政府信息公开")
        if kind == "政府信息公开":
            notes.append("表二、表三、表四: 请按 README 的示例逐行填写数字")
        return "reports", {"年度": year.group(1) if year else "", "报告类型": kind}
    if "解读" in title:
        notes.append("解读文件: 请填写所解读文件的文号")
        return "interpretations", {"解读文件": ""}
    if number or re.search(r"(办法|规定|决定|细则|规则)$", title):
        if not number:
            notes.append("文号: 没有找到, 请填写")
        return "policies", {"文号": number}
    category = next((c for c in ("公示", "公告") if c in title), "通知")
    return "notices", {"类别": category}


def _markdown(blocks: list[str | Table]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Table):
            parts.append(_markdown_table(block))
        elif block.startswith("#"):
            parts.append(block)
        else:
            parts.extend(_outline(block))
    return "\n\n".join(parts) + "\n"


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


def _yaml_value(value: str) -> str:
    if value and (value[0] in "[]{}&*!|>'\"%@`#,?-" or ": " in value or " #" in value or value.strip() != value):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def front_matter(fields: dict[str, str]) -> str:
    return "---\n" + "".join(f"{key}: {_yaml_value(value)}\n" for key, value in fields.items()) + "---\n\n"
