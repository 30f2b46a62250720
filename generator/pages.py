"""Generate: pure functions from a Site to Markdown pages and the attachment files they link to."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import jinja2

from .markdown_text import FILTERS, chinese_date, relative
from .models import CONTENT_TYPES, Interpretation, Notice, Policy, Record, Report
from .site import Site, record_dir

HOME_PAGE = "index.md"
GUIDE_PAGE = "guide.md"  # 政府信息公开指南, hand-written in docs/
RULES_PAGE = "rules.md"  # 政府信息公开制度, hand-written in docs/
LATEST_ON_HOME = 8


@dataclass(frozen=True)
class Page:
    path: str  # relative to the generated tree, e.g. "notices/2024-chungeng/index.md"
    text: str


@dataclass(frozen=True)
class CopiedFile:
    path: str  # where it goes in the generated tree
    source: Path  # the attachment in content/


@dataclass(frozen=True)
class MetaRow:
    label: str
    value: str


@dataclass(frozen=True)
class Link:
    title: str
    href: str  # relative link to a .md page, so that MkDocs checks it
    note: str = ""


_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    undefined=jinja2.StrictUndefined,
    autoescape=False,  # the output is Markdown; values pass through the `inline` filter instead
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_environment.filters.update(FILTERS)


def _render(template: str, **context: object) -> str:
    return _environment.get_template(template).render(**context)


def page_path(record: Record) -> str:
    return f"{record_dir(record)}/index.md"


def validity(policy: Policy) -> str:
    """有效性; the lifecycle (失效, 废止, 已修改) is computed in a later stage of the project."""
    return "有效"


def generate(site: Site) -> tuple[list[Page], list[CopiedFile]]:
    pages = [
        _home(site),
        _notice_list(site),
        _policy_list(site),
        _interpretation_list(site),
        _report_list(site),
    ]
    files: list[CopiedFile] = []
    for record in site.records:
        pages.append(_record_page(record, site))
        files.extend(CopiedFile(f"{record_dir(record)}/{a.file}", a.path) for a in record.attachments)
    return pages, files


def _link(record: Record, from_page: str, note: str = "") -> Link:
    return Link(record.title, relative(page_path(record), from_page), note)


def _metadata(record: Record, site: Site) -> list[MetaRow]:
    rows = [MetaRow("索引号", record.index_number)] if record.index_number else []
    issuer_label = "发文机关" if isinstance(record, Policy) else "发布机构"
    rows.append(MetaRow(issuer_label, record.issuer))
    if isinstance(record, Policy):
        rows += [MetaRow("文号", record.doc_number), MetaRow("成文日期", chinese_date(record.signed))]
    rows.append(MetaRow("发布日期", chinese_date(record.published)))
    if isinstance(record, Notice):
        rows.append(MetaRow("类别", record.category))
        if record.publicity_until:
            rows.append(MetaRow("公示期至", chinese_date(record.publicity_until)))
    elif isinstance(record, Policy):
        if record.effective:
            rows.append(MetaRow("施行日期", chinese_date(record.effective)))
        if record.topic:
            rows.append(MetaRow("主题分类", record.topic))
        rows.append(MetaRow("有效性", validity(record)))
    elif isinstance(record, Interpretation):
        rows.append(MetaRow("解读文件", record.interprets))
    elif isinstance(record, Report):
        rows += [MetaRow("年度", f"{record.year}年"), MetaRow("报告类型", f"{record.report_type}工作年度报告")]
    if record.keywords:
        rows.append(MetaRow("关键词", "、".join(record.keywords)))
    return rows


def _related(record: Record, site: Site, here: str) -> tuple[str, list[Link]]:
    """The other side of a 解读 ↔ 规范性文件 pair, linked both ways."""
    if isinstance(record, Policy):
        return "政策解读", [_link(item, here) for item in site.interpretations_of.get(record.doc_number, ())]
    if isinstance(record, Interpretation):
        return "解读的文件", [_link(site.policy_by_number[record.interprets], here, record.interprets)]
    return "", []


def _record_page(record: Record, site: Site) -> Page:
    here = page_path(record)
    heading, related = _related(record, site, here)
    text = _render(
        "record.md.j2",
        record=record,
        type_label=CONTENT_TYPES[record.section].label,
        metadata=_metadata(record, site),
        attachments=[(a, a.path.stat().st_size) for a in record.attachments],
        related_heading=heading,
        related=related,
        missing_interpretation=isinstance(record, Policy) and not related,
    )
    return Page(here, text)


def _by_year(records: tuple[Record, ...], from_page: str, note=lambda r: "") -> list[tuple[int, list[tuple[Record, Link]]]]:
    return [
        (year, [(r, _link(r, from_page, note(r))) for r in group])
        for year, group in groupby(records, key=lambda r: r.published.year)
    ]


def _notice_list(site: Site) -> Page:
    here = "notices/index.md"
    return Page(here, _render("notices.md.j2", years=_by_year(site.notices, here)))


def _policy_list(site: Site) -> Page:
    here = "policies/index.md"
    rows = [(policy, _link(policy, here), validity(policy)) for policy in site.policies]
    return Page(here, _render("policies.md.j2", rows=rows))


def _interpretation_list(site: Site) -> Page:
    here = "interpretations/index.md"
    return Page(here, _render("interpretations.md.j2", years=_by_year(site.interpretations, here)))


def _report_list(site: Site) -> Page:
    here = "reports/index.md"
    kinds = [
        (f"{kind}工作年度报告", [(r, _link(r, here)) for r in site.reports if r.report_type == kind])
        for kind in ("政府信息公开", "法治政府建设")
    ]
    return Page(here, _render("reports.md.j2", kinds=kinds))


def _home(site: Site) -> Page:
    here = HOME_PAGE
    return Page(
        here,
        _render(
            "home.md.j2",
            config=site.config,
            guide=GUIDE_PAGE,
            rules=RULES_PAGE,
            latest=[(n, _link(n, here)) for n in site.notices[:LATEST_ON_HOME]],
            counts={"notices": len(site.notices), "policies": len(site.policies),
                    "interpretations": len(site.interpretations), "reports": len(site.reports)},
        ),
    )
