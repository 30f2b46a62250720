"""The body of a 政府信息公开工作年度报告 page: the staff's prose with the three national tables
placed under their fixed headings 二, 三 and 四."""
from __future__ import annotations

import re

from ..content.models import Report
from ..content.report_tables import LAYOUT_2019, OUTCOME_GROUPS
from .templating import template_module

GROUP_LABELS = {
    "不予公开": "（三）不予公开",
    "无法提供": "（四）无法提供",
    "不予处理": "（五）不予处理",
    "其他处理": "（六）其他处理",
    "其他处理/申请人无正当理由逾期不补正": "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "其他处理/申请人逾期未按收费通知要求缴纳费用": "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
}
_TABLE_AFTER = {"二、主动公开政府信息情况": "table2", "三、收到和处理政府信息公开申请情况": "table3",
                "四、政府信息公开行政复议、行政诉讼情况": "table4"}
_HEADING = re.compile(r"#{1,6}\s+(.+?)\s*#*\s*$")


def report_body(report: Report) -> str:
    if report.table2 is None:
        return report.body.strip()
    tables = template_module("report_tables.html.j2")
    rendered = {
        "table2": tables.table2_2019(report.table2) if report.table2.layout == LAYOUT_2019 else tables.table2(report.table2),
        "table3": tables.table3(report.table3, list(OUTCOME_GROUPS.items()), GROUP_LABELS),
        "table4": tables.table4(report.table4),
    }
    return with_tables(report.body, {key: str(html).strip() for key, html in rendered.items()})


def with_tables(body: str, tables: dict[str, str]) -> str:
    """The body with each table (by key: table2, table3, table4) as a block under its fixed heading."""
    lines = []
    for line in body.strip().split("\n"):
        lines.append(line)
        key = table_after(line)
        if key:
            lines += ["", tables[key], ""]
    return "\n".join(lines)


def table_after(line: str) -> str | None:
    """The key of the table that goes under this line, when it is one of the three fixed headings."""
    match = _HEADING.match(line)
    return _TABLE_AFTER.get(match.group(1)) if match else None
