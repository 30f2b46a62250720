"""Listing pages: the section home, one list per column, the 规范性文件 clean-up lists and the 公开目录.

Every list is split into pages (pagination.py) newest first, with a jump list of years on each page.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Sequence

from ..content.lifecycle import EXPIRED, IN_FORCE, REPEALED, STATUSES
from ..content.markdown_text import inline, relative
from ..content.models import CONTENT_TYPES, Policy, Record
from .outputs import Page
from .pagination import Chunk, page_of, page_path, paginate
from ..search.index import HAND_WRITTEN_KIND
from ..content.site import Site, listed
from .templating import Link, link, render

HOME_PAGE = "index.md"
GUIDE_PAGE = "guide.md"  # 政府信息公开指南, hand-written in docs/
RULES_PAGE = "rules.md"  # 政府信息公开制度, hand-written in docs/
CATALOG_FOLDER = "catalog"
SEARCH_PAGE = "search/index.md"  # Pagefind's results page; the header box of every page leads here
LATEST_ON_HOME = 8
LIST_SIZE = 100  # items on one page of a list
CATALOG_SIZE = 200  # rows on one page of the 目录


@dataclass(frozen=True)
class Row:
    record: Record
    link: Link
    column: str  # 通知公告, 规范性文件, …
    doc_number: str
    status: str  # 有效性 of a policy, "" otherwise


@dataclass(frozen=True)
class YearLink:
    year: int
    count: int
    href: str  # to the page and heading where the year starts


def listing_pages(site: Site) -> list[Page]:
    policies = listed(site.policies)
    in_force = [p for p in policies if site.status[p.doc_number].status in IN_FORCE]
    ended = [p for p in policies if site.status[p.doc_number].status in (REPEALED, EXPIRED)]
    return [
        _home(site),
        *_list(site, "notices", "通知公告", "notices.md.j2", listed(site.notices)),
        *_list(site, "policies", "规范性文件", "policies.md.j2", policies, filterable=True),
        *_list(site, "policies/current", "现行有效的规范性文件", "policies.md.j2", in_force, column="规范性文件"),
        *_list(site, "policies/repealed", "已废止和失效的规范性文件", "policies.md.j2", ended, column="规范性文件"),
        *_list(site, "interpretations", "政策解读", "interpretations.md.j2", listed(site.interpretations)),
        _reports(site),
        *_catalog(site),
        _sitemap(site),
        Page("contact/index.md", render("contact.md.j2", config=site.config)),
        *([Page(SEARCH_PAGE, render("search.md.j2", filters=search_filters(site)))] if site.config.search == "pagefind" else []),
    ]


def search_filters(site: Site) -> list[tuple[str, list[str]]]:
    """The choices of the search page's filters, written into the page so that a first search need not
    download Pagefind's filter files (tens of KB on a large site) just to list them."""
    records = listed(site.records)
    kinds = [t.label for t in CONTENT_TYPES.values() if any(r.section == t.section for r in records)] + [HAND_WRITTEN_KIND]
    return [
        ("类型", kinds),
        ("年度", sorted({str(r.published.year) for r in records}, reverse=True)),
        ("发布机构", sorted({r.issuer for r in records})),
        ("有效性", [s for s in STATUSES if any(site.status[p.doc_number].status == s for p in listed(site.policies))]),
    ]


def empty_reason(site: Site, section: str) -> str:
    """Why a listing is legitimately empty, from extra.gongkai.empty_reasons (a blank column must say why)."""
    return inline(dict(site.config.empty_reasons).get(section, ""))


def status_of(record: Record, site: Site) -> str:
    return site.status[record.doc_number].status if isinstance(record, Policy) else ""


def rows(site: Site, records: Sequence[Record], from_page: str) -> list[Row]:
    return [Row(r, link(r, from_page), CONTENT_TYPES[r.section].label, getattr(r, "doc_number", ""), status_of(r, site))
            for r in records]


def _year_links(records: Sequence[Record], folder: str, size: int, from_page: str) -> list[YearLink]:
    found: list[YearLink] = []
    for position, record in enumerate(records):
        if found and found[-1].year == record.published.year:
            found[-1] = YearLink(record.published.year, found[-1].count + 1, found[-1].href)
        else:
            target = relative(page_path(folder, page_of(position, size)), from_page)
            found.append(YearLink(record.published.year, 1, f"{target}#{record.published.year}年"))
    return found


def _list(site: Site, folder: str, title: str, template: str, records: Sequence[Record],
          filterable: bool = False, column: str = "") -> list[Page]:
    section = folder.split("/")[0]
    pages = []
    for chunk in paginate(folder, records, LIST_SIZE):
        pages.append(Page(chunk.path, render(
            template, title=title, column=column or title, rows=rows(site, chunk.items, chunk.path), pager=chunk.pager,
            years=_year_links(records, folder, LIST_SIZE, chunk.path), filterable=filterable,
            links={"current": relative("policies/current/index.md", chunk.path),
                   "repealed": relative("policies/repealed/index.md", chunk.path)},
            empty_reason=empty_reason(site, section),
        )))
    return pages


def _reports(site: Site) -> Page:
    here = "reports/index.md"
    kinds = [
        (f"{kind}工作年度报告", [(r, link(r, here)) for r in listed(site.reports) if r.report_type == kind])
        for kind in ("政府信息公开", "法治政府建设")
    ]
    return Page(here, render("reports.md.j2", kinds=kinds, empty_reason=empty_reason(site, "reports")))


def catalog_records(site: Site) -> list[Record]:
    return sorted(listed(site.records), key=lambda r: (-r.published.toordinal(), r.index_number, r.slug))


def _catalog(site: Site) -> list[Page]:
    records = catalog_records(site)
    chunks: list[Chunk[Record]] = paginate(CATALOG_FOLDER, records, CATALOG_SIZE)
    return [
        Page(chunk.path, render("catalog.md.j2", rows=rows(site, chunk.items, chunk.path), pager=chunk.pager,
                                years=_year_links(records, CATALOG_FOLDER, CATALOG_SIZE, chunk.path),
                                downloads=relative("catalog.csv", chunk.path), json=relative("catalog.json", chunk.path)))
        for chunk in chunks
    ]


def _sitemap(site: Site) -> Page:
    """The nav of mkdocs.yml, with the pages below listings that the nav leaves out."""
    extra = {
        "notices/index.md": [(f"{y.year}年", y.href) for y in _year_links(listed(site.notices), "notices", LIST_SIZE, "notices/index.md")],
        "policies/index.md": [("现行有效的规范性文件", "current/index.md"), ("已废止和失效的规范性文件", "repealed/index.md")],
    }
    here = "sitemap/index.md"
    return Page(here, render("sitemap.md.j2", nav=_relative_nav(site.config.nav),
                             extra={"../" + key: [(t, relative(posix_join(key, href), here)) for t, href in items]
                                    for key, items in extra.items()}))


def posix_join(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


def _relative_nav(items: tuple) -> tuple:
    return tuple((title, "../" + target if isinstance(target, str) else _relative_nav(target)) for title, target in items)


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
    return Page(here, render("home.md.j2", config=site.config, guide=GUIDE_PAGE, rules=RULES_PAGE, catalog=f"{CATALOG_FOLDER}/index.md",
                             latest=latest, counts=counts))
