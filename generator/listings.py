"""Listing pages: the section home, one list per column, the 规范性文件 clean-up lists and the 公开目录."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from .lifecycle import EXPIRED, IN_FORCE, REPEALED
from .models import CONTENT_TYPES, Policy, Record
from .outputs import Page
from .site import Site, listed
from .markdown_text import inline
from .templating import Link, link, render

HOME_PAGE = "index.md"
GUIDE_PAGE = "guide.md"  # 政府信息公开指南, hand-written in docs/
RULES_PAGE = "rules.md"  # 政府信息公开制度, hand-written in docs/
CATALOG_PAGE = "catalog/index.md"
LATEST_ON_HOME = 8


@dataclass(frozen=True)
class CatalogRow:
    record: Record
    link: Link
    column: str
    doc_number: str
    status: str


def listing_pages(site: Site) -> list[Page]:
    return [
        _home(site),
        _notices(site),
        _policies(site, "policies/index.md", "规范性文件", listed(site.policies), filterable=True),
        _policies(site, "policies/current.md", "现行有效的规范性文件",
                  [p for p in listed(site.policies) if site.status[p.doc_number].status in IN_FORCE]),
        _policies(site, "policies/repealed.md", "已废止和失效的规范性文件",
                  [p for p in listed(site.policies) if site.status[p.doc_number].status in (REPEALED, EXPIRED)]),
        _interpretations(site),
        _reports(site),
        _catalog(site),
        _sitemap(site),
        Page("contact/index.md", render("contact.md.j2", config=site.config)),
    ]


def empty_reason(site: Site, section: str) -> str:
    """Why a listing is legitimately empty, from extra.gongkai.empty_reasons (a blank column must say why)."""
    return inline(dict(site.config.empty_reasons).get(section, ""))


def status_of(record: Record, site: Site) -> str:
    return site.status[record.doc_number].status if isinstance(record, Policy) else ""


def _by_year(records, from_page: str) -> list[tuple[int, list[tuple[Record, Link]]]]:
    return [(year, [(r, link(r, from_page)) for r in group]) for year, group in groupby(records, key=lambda r: r.published.year)]


def _notices(site: Site) -> Page:
    here = "notices/index.md"
    return Page(here, render("notices.md.j2", years=_by_year(listed(site.notices), here), empty_reason=empty_reason(site, "notices")))


def _policies(site: Site, here: str, title: str, policies, filterable: bool = False) -> Page:
    rows = [(policy, link(policy, here), site.status[policy.doc_number]) for policy in policies]
    return Page(here, render("policies.md.j2", title=title, rows=rows, filterable=filterable, empty_reason=empty_reason(site, "policies")))


def _interpretations(site: Site) -> Page:
    here = "interpretations/index.md"
    return Page(here, render("interpretations.md.j2", years=_by_year(listed(site.interpretations), here),
                             empty_reason=empty_reason(site, "interpretations")))


def _reports(site: Site) -> Page:
    here = "reports/index.md"
    kinds = [
        (f"{kind}工作年度报告", [(r, link(r, here)) for r in listed(site.reports) if r.report_type == kind])
        for kind in ("政府信息公开", "法治政府建设")
    ]
    return Page(here, render("reports.md.j2", kinds=kinds, empty_reason=empty_reason(site, "reports")))


def catalog_rows(site: Site, from_page: str) -> list[CatalogRow]:
    records = sorted(listed(site.records), key=lambda r: (-r.published.toordinal(), r.index_number, r.slug))
    return [
        CatalogRow(r, link(r, from_page), CONTENT_TYPES[r.section].label, getattr(r, "doc_number", ""), status_of(r, site))
        for r in records
    ]


def _catalog(site: Site) -> Page:
    return Page(CATALOG_PAGE, render("catalog.md.j2", rows=catalog_rows(site, CATALOG_PAGE)))


def _sitemap(site: Site) -> Page:
    """The nav of mkdocs.yml, with the pages below listings that the nav leaves out."""
    years = sorted({n.published.year for n in listed(site.notices)}, reverse=True)
    extra = {
        "notices/index.md": [(f"{year}年", f"notices/index.md#{year}年") for year in years],
        "policies/index.md": [("现行有效的规范性文件", "policies/current.md"), ("已废止和失效的规范性文件", "policies/repealed.md")],
    }
    return Page("sitemap/index.md", render("sitemap.md.j2", nav=_relative_nav(site.config.nav), extra=_relative_extra(extra)))


def _relative_nav(items: tuple) -> tuple:
    return tuple((title, "../" + target if isinstance(target, str) else _relative_nav(target)) for title, target in items)


def _relative_extra(extra: dict) -> dict:
    return {"../" + key: [(title, "../" + target) for title, target in items] for key, items in extra.items()}


def _home(site: Site) -> Page:
    here = HOME_PAGE
    policies = listed(site.policies)
    counts = {
        "notices": len(listed(site.notices)),
        "policies": len(policies),
        "current": sum(site.status[p.doc_number].status in IN_FORCE for p in policies),
        "interpretations": len(listed(site.interpretations)),
        "reports": len(listed(site.reports)),
    }
    latest = [(n, link(n, here)) for n in listed(site.notices)[:LATEST_ON_HOME]]
    return Page(here, render("home.md.j2", config=site.config, guide=GUIDE_PAGE, rules=RULES_PAGE, catalog=CATALOG_PAGE,
                             latest=latest, counts=counts))
