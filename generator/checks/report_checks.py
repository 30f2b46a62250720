"""Checks of annual reports (domain.md §4, §5): structure and identities are errors; timing,
cross-year warnings and figures that contradict each other are warnings."""
from __future__ import annotations

import datetime as dt
import hashlib
import re

from ..errors import Problem, SourceRef
from .figures import rate_mismatches
from .report_content import content_warnings
from . import sanitizer
from ..content.columns import REPORT_NAMES
from ..content.models import Report
from ..pages.report_pages import table_after, with_tables
from ..content.report_tables import APPLICANTS, identity_problems
from ..content.site import Site, listed

GONGKAI, FAZHI = "政府信息公开", "法治政府建设"
GONGKAI_HEADINGS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
# The parts a 法治政府建设年度报告 must cover (督察工作规定 第二十四条) and words by which a heading *or a
# paragraph* shows it: signed reports cover them in their own words and often without a heading of their
# own ("还存在一定的不足，主要为…"). 其他需要报告的情况 is left out: a report with nothing else has no such part.
FAZHI_PARTS = (
    ("主要举措和成效", ("举措", "成效", "主要工作", "工作情况", "推进", "开展", "取得")),
    ("存在的不足和原因", ("不足", "存在问题", "存在的问题", "短板", "差距", "薄弱", "有待")),
    ("党政主要负责人履行推进法治建设第一责任人职责情况", ("党政主要负责人", "第一责任人", "主要负责人", "一把手")),
    ("下一年度主要安排", ("下一年度", "下一步", "下步", "工作安排", "工作打算", "主要安排", "明年", "{next}年")),
)
FAZHI_RULE = "《法治政府建设与责任落实督察工作规定》第二十四条"
FAZHI_OUTLINE = (*(part for part, _ in FAZHI_PARTS), "其他需要报告的情况")  # the headings `gongkai new` suggests
# Where each deadline comes from: 条例 第四十九条 sets 1月31日 for 县级以上 departments only; a township's is local.
DEADLINE_BASIS = {GONGKAI: "本站设置的期限 (extra.gongkai.report_deadlines), 乡镇的年报期限由当地规定",
                  FAZHI: f"{FAZHI_RULE}: 每年4月1日之前"}
_HEADING = re.compile(r"(#{1,6})\s+(.+?)\s*#*\s*$")
_PERIOD = re.compile(r"统计期限[^。]*?(\d{4})年(\d{1,2})月(\d{1,2})日[^。]*?至\s*(\d{4})年(\d{1,2})月(\d{1,2})日")
_RECEIVED = re.compile(r"(?:收到|新收|受理)[^。，；\d]{0,12}?申请[^。，；\d]{0,6}?(\d+)\s*件")


def headings(report: Report) -> list[tuple[int, str, int]]:
    """(level, text, line) of every Markdown heading in the body, outside code blocks."""
    found, fenced = [], False
    for offset, text in enumerate(report.body.split("\n")):
        if text.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        match = None if fenced else _HEADING.match(text)
        if match:
            found.append((len(match.group(1)), match.group(2), report.body_line + offset))
    return found


def _body(report: Report, line: int | None = None) -> SourceRef:
    return SourceRef(report.source.path, line or report.body_line)


def record_problems(report: Report, extensions: str) -> list[Problem]:
    """Errors of one report; `extensions` is mkdocs.yml's text, with which the body is rendered."""
    if report.report_type != GONGKAI:
        return []
    problems = identity_problems(report.source.path, report.table2, report.table3, report.table4)
    problems += _table_places(report, extensions)
    titles = [text for _, text, _ in headings(report)]
    for heading in GONGKAI_HEADINGS:
        if heading not in titles:
            problems.append(Problem(_body(report), "正文", f"缺少标题“{heading}”", f"六个固定标题都要写成 ## {heading}, 顺序不变"))
    present = [t for t in titles if t in GONGKAI_HEADINGS]
    if not problems and present != list(GONGKAI_HEADINGS):
        problems.append(Problem(_body(report), "正文", "六个固定标题的顺序不对", "应为 " + " · ".join(GONGKAI_HEADINGS)))
    for match in _PERIOD.finditer(report.body):
        numbers = [int(n) for n in match.groups()]
        try:
            period = (dt.date(*numbers[:3]), dt.date(*numbers[3:]))
        except ValueError:
            period = None
        if period != (dt.date(report.year, 1, 1), dt.date(report.year, 12, 31)):
            line = report.body_line + report.body[: match.start()].count("\n")
            problems.append(Problem(_body(report, line), "正文", f"统计期限“{match.group(0)}”与年度 {report.year} 不符",
                                    f"应为 自{report.year}年1月1日起至{report.year}年12月31日止"))
    return problems


def _table_places(report: Report, extensions: str) -> list[Problem]:
    """Each table goes under its heading as a block of its own: a heading line that Markdown does not take
    for a heading (inside an HTML tag or attribute, a code block) would put the table's HTML there."""
    marker = "gongkai" + hashlib.sha1(report.body.encode()).hexdigest()[:16]
    keys = ("table2", "table3", "table4")
    html = sanitizer.render(with_tables(report.body, {key: marker + key for key in keys}), extensions)
    problems = []
    for offset, line in enumerate(report.body.strip().split("\n")):
        key = table_after(line)
        if key and f"<p>{marker}{key}</p>" not in html:
            line_number = report.body_line + report.body[: len(report.body) - len(report.body.lstrip())].count("\n") + offset
            problems.append(Problem(_body(report, line_number), "正文", f"固定标题“{line.lstrip('# ').strip()}”不是单独的一个标题 (在 HTML 标签或代码块里面), 表格无法放在它下面",
                                    "请把它单独写成一行 ## 标题, 前后各空一行"))
    return problems


def _previous(report: Report, site: Site) -> Report | None:
    return next((r for r in listed(site.reports) if r.report_type == report.report_type and r.year == report.year - 1), None)


def site_problems(site: Site) -> list[Problem]:
    """Cross-year: this year's 上年结转 equals last year's 结转下年度继续办理, column by column."""
    problems = []
    for report in listed(site.reports):
        last = _previous(report, site) if report.report_type == GONGKAI else None
        if last is None:
            continue
        carried, expected = report.table3["上年结转"], last.table3["结转下年度"]
        for column, found, wanted in zip(APPLICANTS, carried.values, expected.values):
            if found != wanted:
                problems.append(Problem(SourceRef(report.source.path, carried.line), "表三",
                                        f"行“上年结转”列“{column}”应为 {wanted} ({last.year}年报告的“结转下年度”), 实际为 {found}"))
    return problems


def _deadline(year: int, month_day: tuple[int, int]) -> dt.date:
    return dt.date(year + 1, *month_day)


def site_warnings(site: Site) -> list[Problem]:
    found = []
    reports = listed(site.reports)
    for report in reports:
        month_day = site.config.deadlines.gongkai if report.report_type == GONGKAI else site.config.deadlines.fazhi
        last_day = _deadline(report.year, month_day)
        if report.published > last_day:
            found.append(Problem(report.line_of("发布日期"), "发布日期", f"{report.year}年度报告应在 {last_day.isoformat()} 前发布, 实际 {report.published.isoformat()}",
                                 f"{DEADLINE_BASIS[report.report_type]}; 如确有原因, 请在报告中说明", warning=True))
        found += _fazhi_parts(report) if report.report_type == FAZHI else _gongkai_consistency(report, site) + content_warnings(report, site)
        found += [Problem(_body(report, m.line), "正文", f"“{m.text}”: 按 {m.part} ÷ {m.whole} 计算应为 {m.computed}%, 文中写 {m.stated}%",
                          "请核对比率或数字", warning=True) for m in rate_mismatches(report.body, report.body_line)]
    return found + _missing_reports(site, reports)


def _missing_reports(site: Site, reports: list[Report]) -> list[Problem]:
    """Every year since the site's first whose report is past its deadline and not there, of either kind."""
    found = []
    for column in site.config.columns:
        if column.kind != "report":
            continue
        month_day = site.config.deadlines.gongkai if column.report_type == GONGKAI else site.config.deadlines.fazhi
        have = {r.year for r in reports if r.report_type == column.report_type}
        folder = f"{site.config.content_dir.name}/{column.folder}"
        for year in range(site.first_year, site.today.year):
            last_day = _deadline(year, month_day)
            if year not in have and site.today > last_day:
                found.append(Problem(SourceRef(folder, 1), "", f"缺少{year}年度{REPORT_NAMES[column.report_type]}, 已过发布期限 {last_day.isoformat()}",
                                     f"在 {folder}/ 中新建 (gongkai new {column.name} …); 该年度的报告发布在别处的, 在 mkdocs.yml 的 extra.gongkai.first_year 写本站开始的年份",
                                     warning=True))
    return found


def _fazhi_parts(report: Report) -> list[Problem]:
    """A part neither a heading nor a paragraph speaks of. A published report is signed: the note is for the next one."""
    text = _prose(report.body)
    return [
        Problem(_body(report), "正文", f"没有找到“{part}”的内容 ({FAZHI_RULE}要求写明)",
                "已发布的报告不必改动; 请在下一年度的报告中写明这一部分", warning=True)
        for part, words in FAZHI_PARTS
        if not any(word.format(next=report.year + 1) in text for word in words)
    ]


def _prose(body: str) -> str:
    """The body's headings and paragraphs, without code blocks and Markdown marks."""
    kept, fenced = [], False
    for line in body.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            kept.append(line)
    return "\n".join(kept)


def _gongkai_consistency(report: Report, site: Site) -> list[Problem]:
    found = []
    last = _previous(report, site)
    if last is not None and report.table2.layout == last.table2.layout == "2021":  # 现行有效 this year = last year + 制发 − 废止
        this, before = report.table2["行政规范性文件"], last.table2["行政规范性文件"]
        expected = before.values[2] + this.values[0] - this.values[1]
        if this.values[2] != expected:
            found.append(Problem(SourceRef(report.source.path, this.line), "表二",
                                 f"行“行政规范性文件”列“现行有效件数”按上年 {before.values[2]} + 本年制发 {this.values[0]} − 本年废止 {this.values[1]} 应为 {expected}, 实际为 {this.values[2]}",
                                 "请核对", warning=True))
    received = report.table3["本年新收"].values[6]
    for match in _RECEIVED.finditer(report.body):
        if int(match.group(1)) != received:
            line = report.body_line + report.body[: match.start()].count("\n")
            found.append(Problem(_body(report, line), "正文", f"文中“{match.group(0)}”与表三“本年新收”总计 {received} 件不符", "请核对正文和表格", warning=True))
    return found
