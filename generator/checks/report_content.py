"""What a 政府信息公开工作年度报告 must say, and whether its figures agree with the site's other pages.

条例 第五十条 and 国办公开办函〔2021〕30号: 一、总体情况 covers 监督保障 and the results of 工作考核、社会评议
和责任追究; 五 reports how last year's problems were dealt with. The 表二 figures that the same year's
法治政府建设年度报告 or the site's own 规范性文件 also give must agree — or the warning says which page says what.
"""
from __future__ import annotations

import datetime as dt
import re

from ..content.lifecycle import IN_FORCE, status_of
from ..content.models import Report
from ..content.report_tables import LAYOUT_2019, LAYOUT_RULES, NORMATIVE_ROW, decisions
from ..content.site import Site, listed
from ..errors import Problem, SourceRef

GENERAL, PROBLEMS = "一、总体情况", "五、存在的主要问题及改进情况"
GENERAL_TOPICS = (  # what 一 must speak of, and the words that show it does
    ("监督保障", ("监督保障", "监督", "保障")),
    ("工作考核", ("考核",)),
    ("社会评议", ("评议",)),
    ("责任追究", ("追究", "问责")),
)
LAST_YEAR_WORDS = ("上年", "上一年", "去年", "{last}年", "整改")
NEXT_REPORT = "尚未发布的报告请补上; 已发布的不必改动, 请在下一年度的报告中写明"
# 表二 rows whose count a 法治政府建设年度报告 states in its own words.
FAZHI_FIGURES = {
    "行政处罚": re.compile(r"(?:行政处罚(?:案件|决定)?|立案)[^，。；、\d]{0,6}?(\d+)\s*(?:起|件)"),
    "行政许可": re.compile(r"行政许可(?:事项|决定|申请)?[^，。；、\d]{0,6}?(\d+)\s*(?:件|项)"),
    "行政强制": re.compile(r"行政强制(?:措施|执行|决定)?[^，。；、\d]{0,6}?(\d+)\s*(?:起|件)"),
}
_HEADING = re.compile(r"#{1,6}\s+(.+?)\s*#*\s*$")


def sections(report: Report) -> dict[str, tuple[int, str]]:
    """(first line, text) under each level-2 heading of the body, headings of lower levels included."""
    found: dict[str, tuple[int, list[str]]] = {}
    current = None
    for offset, line in enumerate(report.body.split("\n")):
        match = _HEADING.match(line)
        if match and line.startswith("## "):
            current = match.group(1)
            found[current] = (report.body_line + offset, [])
        elif current:
            found[current][1].append(line)
    return {name: (line, "\n".join(lines)) for name, (line, lines) in found.items()}


def content_warnings(report: Report, site: Site) -> list[Problem]:
    parts = sections(report)
    found = []
    if GENERAL in parts:
        line, text = parts[GENERAL]
        missing = [topic for topic, words in GENERAL_TOPICS if not any(w in text for w in words)]
        if missing:
            found.append(Problem(SourceRef(report.source.path, line), "正文", f"“{GENERAL}”没有写到{'、'.join(missing)}情况 (条例 第五十条、国办公开办函〔2021〕30号)",
                                 NEXT_REPORT, warning=True))
    if PROBLEMS in parts:
        line, text = parts[PROBLEMS]
        if not any(w.format(last=report.year - 1) in text for w in LAST_YEAR_WORDS):
            found.append(Problem(SourceRef(report.source.path, line), "正文", f"“{PROBLEMS}”没有说上一年度报告所列问题的改进情况",
                                 NEXT_REPORT, warning=True))
    if report.table2 is not None and report.table2.layout == LAYOUT_2019 and report.year >= 2021:
        found.append(Problem(SourceRef(report.source.path, report.table2.line), "表二", f"{report.year}年度报告用了{LAYOUT_RULES[LAYOUT_2019]}的旧表格",
                             f"2021年度起应使用{LAYOUT_RULES['2021']}的表格 (行政规范性文件: [本年制发, 本年废止, 现行有效] 等)", warning=True))
    return found + _against_fazhi(report, site) + _against_policies(report, site)


def _against_fazhi(report: Report, site: Site) -> list[Problem]:
    fazhi = next((r for r in listed(site.reports) if r.report_type == "法治政府建设" and r.year == report.year), None)
    if fazhi is None or report.table2 is None:
        return []
    found = []
    for row, pattern in FAZHI_FIGURES.items():
        match = pattern.search(fazhi.body)
        stated = decisions(report.table2, row)
        if match and int(match.group(1)) != stated:
            line = fazhi.body_line + fazhi.body[: match.start()].count("\n")
            found.append(Problem(SourceRef(report.source.path, report.table2[row].line), "表二",
                                 f"“{row}”本年处理决定数量为 {stated}, 而{report.year}年度法治政府建设年度报告 ({fazhi.source.path}:{line}) 写“{match.group(0)}”",
                                 "请核对两份报告的数字", warning=True))
    return found


def _against_policies(report: Report, site: Site) -> list[Problem]:
    """The 行政规范性文件 row against the 规范性文件 this site publishes, for a year the site covers (a site
    that publishes none at all keeps them elsewhere)."""
    if report.table2 is None or not site.policies or report.year < site.first_year:
        return []
    year_end = dt.date(report.year, 12, 31)
    policies = [p for p in listed(site.policies) if p.published <= year_end]
    made = sum(1 for p in policies if p.signed.year == report.year)
    repealed = sum(1 for p in policies if p.repeal and p.repeal.date.year == report.year)
    current = sum(1 for p in policies if status_of(p, site.policy_by_number, site.config.validity, year_end).status in IN_FORCE)
    row = report.table2[NORMATIVE_ROW[report.table2.layout]]
    found = []
    columns = ("本年新制作数量", "本年新公开数量", "对外公开总数量") if report.table2.layout == LAYOUT_2019 else ("本年制发件数", "本年废止件数", "现行有效件数")
    published = sum(1 for p in policies if p.published.year == report.year)
    counts = (made, published, len(policies)) if report.table2.layout == LAYOUT_2019 else (made, repealed, current)
    for column, stated, counted in zip(columns, row.values, counts):
        if stated != counted:
            found.append(Problem(SourceRef(report.source.path, row.line), "表二",
                                 f"行“{row.name}”列“{column}”为 {stated}, 而本站发布的规范性文件按{report.year}年计为 {counted}",
                                 "请核对报告, 或补发缺少的规范性文件", warning=True))
    return found
