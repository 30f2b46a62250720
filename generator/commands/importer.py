"""`gongkai import FILE`: a Word (.docx) or plain-text document becomes a new content file.

Recognises the title, the issuing body, a 文号 and a date where the text states them; turns outline
numbering 一、 / （一） / 1. / （1） into heading levels; keeps every paragraph, and Word tables as tables
(a 政府信息公开工作年度报告's three tables become data: report_import.py). Reading the file is documents.py.
Says what it could not recognise, and never overwrites a file.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from ..config import SiteConfig
from ..content.columns import Column
from ..content.docnumbers import find_doc_number
from ..errors import ConfigError
from .documents import Table, _invisible
from .report_import import split_report_tables

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
@dataclass
class Imported:
    section: str
    fields: dict[str, str]
    body: str
    notes: list[str] = field(default_factory=list)  # what could not be recognised, for the user
    tables: str = ""  # a 政府信息公开工作年度报告's 表二–表四, as front-matter lines


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
        lines, data = split_report_tables(lines)
        return Imported(section, fields, _markdown(lines), notes + data.notes, data.front_matter)
    return Imported(section, fields, _markdown(lines), notes)


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
