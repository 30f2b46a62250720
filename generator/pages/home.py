"""The home page: what a township 政务公开 home shows at a glance — each column with its newest items and
their dates, the number of 规范性文件 in force, the latest annual reports, and a search box."""
from __future__ import annotations

from dataclasses import dataclass

from ..content.columns import REPORT_NAMES, Column
from ..content.lifecycle import IN_FORCE
from ..content.models import Policy, Record, Report
from ..content.site import Site, in_listing_order, listed
from .outputs import Page
from .templating import Link, link, render

HOME_PAGE = "index.md"
NEWEST_PER_COLUMN = 5


@dataclass(frozen=True)
class ColumnSummary:
    column: Column
    href: str
    count: int
    newest: tuple[tuple[Record, Link], ...]  # up to NEWEST_PER_COLUMN, newest first
    current: int  # 规范性文件 in force; 0 for other kinds


def home_page(site: Site, pages: dict[str, str]) -> Page:
    """pages: the addresses of the fixed pages the home page leads to (guide, application, catalog, …)."""
    summaries = []
    for column in site.config.columns:
        records = listed(site.in_column(column.folder))
        newest = sorted(records, key=lambda r: (-r.published.toordinal(), r.title, r.slug)) if column.kind != "report" \
            else in_listing_order(column, records)
        current = sum(site.status[r.doc_number].status in IN_FORCE for r in records if isinstance(r, Policy))
        summaries.append(ColumnSummary(column, f"{column.folder}/index.md", len(records),
                                       tuple((r, link(r, HOME_PAGE)) for r in newest[:NEWEST_PER_COLUMN]), current))
    reports = [s for s in summaries if s.column.kind == "report"]
    return Page(HOME_PAGE, render("home.md.j2", config=site.config, pages=pages, report_names=REPORT_NAMES,
                                  columns=[s for s in summaries if s.column.kind != "report"], reports=reports,
                                  policies=[s for s in summaries if s.column.kind == "policy"],
                                  latest_reports=[s.newest[0] for s in reports if s.newest and isinstance(s.newest[0][0], Report)]))
