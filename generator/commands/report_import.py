"""`gongkai import` of a 政府信息公开工作年度报告: its three tables become the data form, every cell.

A past report is brought in as data, so that cross-year carry-over can be checked against it and county
IT can check what its townships already published. Tables come from Word (one block each) or from
pasted text (one line per row: the row's label, then its numbers). Both layouts are read: 2021
(国办公开办函〔2021〕30号) and 2019 (国办公开办函〔2019〕60号, for the reports of 2019 and 2020). A cell
that cannot be read is written as 0 and named in a note: nothing is guessed silently.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..checks.report_checks import GONGKAI_HEADINGS
from .documents import Table
from ..content.report_tables import (APPLICANTS, LAYOUT_2019, LAYOUT_2021, LAYOUT_RULES, NORMATIVE_ROW, OUTCOME_GROUPS,
                                     SINGLE_ROW_2019, TABLE2_ROWS, TABLE2_ROWS_2019, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_ROWS)

SECTIONS = {"二、主动公开政府信息情况": "表二", "三、收到和处理政府信息公开申请情况": "表三", "四、政府信息公开行政复议、行政诉讼情况": "表四"}
_VALUE = re.compile(r"-?\d+(?:\.\d+)?")
_BLANKS = ("", "-", "—", "——", "－", "/", "无", "空")  # what a cell holds where a number was not typed
_TABLE2_ORDER = ("其他对外管理服务事项", "规范性文件", "规章", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "政府集中采购")


@dataclass(frozen=True)
class Cells:
    """One table row as read: its label (all text cells joined) and the texts of its value cells."""

    label: str
    values: tuple[str, ...]


@dataclass
class ReportData:
    layout: str
    front_matter: str  # the 表二, 表三 and 表四 lines of the data form
    notes: list[str] = field(default_factory=list)


def normal(text: str) -> str:
    """Full-width to half-width, no spaces, one kind of quotes: labels compare as typed in any editor."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text).replace('"', "“").replace("”", "“")


def is_value(text: str) -> bool:
    return normal(text) in _BLANKS or bool(_VALUE.fullmatch(normal(text).replace(",", "")))


def cells_of_row(texts: list[str]) -> Cells:
    """A Word row: the value cells are those after the last text cell."""
    last_label = max((i for i, t in enumerate(texts) if not is_value(t)), default=-1)
    return Cells("".join(texts[: last_label + 1]), tuple(texts[last_label + 1:]))


def cells_of_line(line: str) -> Cells:
    """A pasted row: its label, then numbers separated by spaces or tabs."""
    tokens = line.split()
    values: list[str] = []
    while tokens and is_value(tokens[-1]) and normal(tokens[-1]) != "":
        values.insert(0, tokens.pop())
    return Cells("".join(tokens), tuple(values))


def layout_of(rows: list[Cells]) -> str:
    words = "".join(r.label for r in rows)
    return LAYOUT_2019 if any(w in words for w in ("本年新制作数量", "上一年项目数量", "政府集中采购", "其他对外管理服务事项")) else LAYOUT_2021


def _table2(rows: list[Cells], layout: str) -> dict[str, Cells]:
    found: dict[str, Cells] = {}
    for row in rows:
        label = normal(row.label)
        name = next((n for n in _TABLE2_ORDER if n in label), None)
        if name and row.values:
            found.setdefault(NORMATIVE_ROW[layout] if name == "规范性文件" else name, row)
    return found


def _table3(rows: list[Cells], layout: str) -> dict[str, Cells]:
    found: dict[str, Cells] = {}
    group = ""
    for row in rows:
        label = normal(row.label)
        group = next((g for g in OUTCOME_GROUPS if g in label), group)
        if not row.values:
            continue
        name = _table3_name(label, group, layout)
        if name:
            found.setdefault(name, row)
    return found


def _table3_name(label: str, group: str, layout: str) -> str:
    for name in ("本年新收", "上年结转", "结转下年度"):
        if name in label:
            return name
    for outcome, subs in OUTCOME_GROUPS.items():
        for sub in subs:
            if sub != "其他" and normal(sub) in label:
                return f"{outcome}/{sub}"
    if "总计" in label:
        return "总计"
    if "部分公开" in label:
        return "部分公开"
    if "予以公开" in label:
        return "予以公开"
    if group == SINGLE_ROW_2019:
        return SINGLE_ROW_2019 if layout == LAYOUT_2019 else (f"{SINGLE_ROW_2019}/其他" if label.endswith("其他") else "")
    return ""


def _table4(rows: list[Cells]) -> dict[str, Cells]:
    data = max(rows, key=lambda r: len(r.values), default=None)
    if data is None or len(data.values) < 15:
        return {}
    values = data.values[-15:]
    return {name: Cells(name, values[5 * i: 5 * i + 5]) for i, name in enumerate(TABLE4_ROWS)}


class _Writer:
    """The data form's lines, with a note for every cell written as 0 because it could not be read."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.notes: list[str] = []

    def row(self, table: str, name: str, found: dict[str, Cells], kinds: str, columns: tuple[str, ...], indent: str = "  ") -> None:
        key = name.split("/")[-1]
        cells = found.get(name)
        shown = name.replace("/", "：")
        if cells is None:
            self.notes.append(f"{table} 行“{shown}”: 没有找到, 已填 0, 请核对")
            values = ["0"] * len(kinds)
        else:
            given = list(cells.values[-len(kinds):])
            if len(cells.values) < len(kinds):
                self.notes.append(f"{table} 行“{shown}”: 只读出 {len(cells.values)} 格 (应有 {len(kinds)} 格), 缺的已填 0, 请核对")
                given += [""] * (len(kinds) - len(given))
            values = []
            for index, (text, kind) in enumerate(zip(given, kinds)):
                number = normal(text).replace(",", "")
                if _VALUE.fullmatch(number) and (kind == "m" or "." not in number) and (kind == "s" or not number.startswith("-")):
                    values.append(number)
                else:
                    column = columns[index] if index < len(columns) else f"第{index + 1}格"
                    self.notes.append(f"{table} 行“{shown}”列“{column}”: 没有读出数字 ('{text}'), 已填 0, 请核对")
                    values.append("0")
        written = values[0] if len(values) == 1 else "[" + ", ".join(values) + "]"
        self.lines.append(f"{indent}{key}: {written}")


def report_data(tables: dict[str, list[Cells]]) -> ReportData:
    """The data form of the three tables, from the rows read under each (表二, 表三, 表四)."""
    layout = layout_of(tables.get("表二", []))
    writer = _Writer()
    rows2 = TABLE2_ROWS_2019 if layout == LAYOUT_2019 else TABLE2_ROWS
    found2 = _table2(tables.get("表二", []), layout)
    writer.lines.append(f"# 表二至表四由 gongkai import 从原报告读出 ({LAYOUT_RULES[layout]}的表格)")
    writer.lines.append("表二:")
    for name, kinds in rows2.items():
        writer.row("表二", name, found2, kinds, ())
    found3 = _table3(tables.get("表三", []), layout)
    writer.lines.append("表三:")
    for name in TABLE3_ROWS:
        if name in OUTCOME_GROUPS and not (layout == LAYOUT_2019 and name == SINGLE_ROW_2019):
            writer.lines.append(f"  {name}:")
            for sub in OUTCOME_GROUPS[name]:
                writer.row("表三", f"{name}/{sub}", found3, "n" * 7, APPLICANTS, "    ")
        else:
            writer.row("表三", name, found3, "n" * 7, APPLICANTS)
    found4 = _table4(tables.get("表四", []))
    writer.lines.append("表四:")
    for name in TABLE4_ROWS:
        writer.row("表四", name, found4, "n" * 5, TABLE4_COLUMNS)
    return ReportData(layout, "\n".join(writer.lines) + "\n", writer.notes)


def split_report_tables(blocks: list[str | Table]) -> tuple[list[str | Table], ReportData]:
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
