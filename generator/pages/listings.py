"""Listing pages: the section home, one list per column, the 规范性文件 clean-up lists and the 公开目录.

Every list is split into pages (pagination.py) newest first, with a jump list of years on each page.
"""
from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from typing import Sequence

from ..content.lifecycle import EXPIRED, IN_FORCE, REPEALED, STATUSES
from ..content.columns import Column
from ..content.markdown_text import inline, overview, relative, shown_value
from ..content.models import Policy, Record
from .home import home_page
from .outputs import Page
from .pagination import Chunk, page_of, page_path, paginate
from ..content.columns import HAND_WRITTEN_KIND
from ..content.site import Site, field_value, group_label, listed, made_on
from .templating import Link, PageMemo, link, render

GUIDE_PAGE = "guide.md"  # 政府信息公开指南, generated from the columns and extra.gongkai.application
APPLICATION_PAGE = "application/index.md"  # 依申请公开
STANDARD_CATALOG_PAGE = "standard-catalog/index.md"  # 基层政务公开标准目录
RULES_PAGE = "rules.md"  # 政府信息公开制度, hand-written in docs/
CATALOG_FOLDER = "catalog"
SEARCH_PAGE = "search/index.md"  # the results page; the header box of every page leads here
LIST_SIZE = 100  # items on one page of a list (the first page holds up to twice as many: pagination.py)
CATALOG_SIZE = 100  # rows on one page of the 目录 (the first page holds up to twice as many: pagination.py)


@dataclass(frozen=True)
class Row:
    record: Record
    link: Link
    column: str  # 通知公告, 规范性文件, …
    doc_number: str
    status: str  # 有效性 of a policy, "" otherwise
    group: str = ""  # the heading it is listed under: 2024年, 预算
    shown: tuple[str, ...] = ()  # the values of the column's `show` fields

    @property
    def overview(self) -> str:
        return overview(self.record.summary, self.record.body)

    @property
    def made_on(self) -> dt.date:
        return made_on(self.record)


@dataclass(frozen=True)
class GroupLink:
    label: str  # 2024年, 预算
    href: str  # to the page and heading where the group starts (no count: it would change every page of the list)


def listing_pages(site: Site, memo: PageMemo | None = None) -> list[Page]:
    """memo: the lists of an earlier build in the same process, rendered again only where they changed."""
    memo = memo or PageMemo()
    pages = [home_page(site, {"guide": GUIDE_PAGE, "application": APPLICATION_PAGE, "rules": RULES_PAGE,
                              "catalog": f"{CATALOG_FOLDER}/index.md", "search": SEARCH_PAGE,
                              "standard_catalog": STANDARD_CATALOG_PAGE if site.config.standard_catalog else ""})]
    for column in site.config.columns:
        pages += _policy_lists(site, column, memo) if column.kind == "policy" else _list(
            site, column, column.folder, "column.md.j2", listed(site.in_column(column.folder)), memo)
    return pages + [
        *_catalog(site, memo),
        _sitemap(site),
        Page("contact/index.md", render("contact.md.j2", config=site.config)),
        *([Page(SEARCH_PAGE, render("search.md.j2", filters=search_filters(site)))] if site.config.search == "gongkai" else []),
    ]


def _policy_lists(site: Site, column: Column, memo: PageMemo) -> list[Page]:
    policies = listed(site.in_column(column.folder))
    in_force = [p for p in policies if site.status[p.doc_number].status in IN_FORCE]  # type: ignore[attr-defined]
    ended = [p for p in policies if site.status[p.doc_number].status in (REPEALED, EXPIRED)]  # type: ignore[attr-defined]
    folder = column.folder
    return [
        *_list(site, column, folder, "policies.md.j2", policies, memo, filterable=True),
        *_list(site, column, f"{folder}/current", "policies.md.j2", in_force, memo, title=f"现行有效的{column.name}"),
        *_list(site, column, f"{folder}/repealed", "policies.md.j2", ended, memo, title=f"已废止和失效的{column.name}"),
    ]


def search_filters(site: Site) -> list[tuple[str, list[str]]]:
    """The choices of the search page's filters, written into the page: the index holds a filter only
    as the list of the entries it applies to."""
    records = listed(site.records)
    kinds = [c.name for c in site.config.columns if any(r.section == c.folder for r in records)] + [HAND_WRITTEN_KIND]
    return [
        ("类型", kinds),
        ("年度", sorted({str(r.published.year) for r in records}, reverse=True)),
        ("发布机构", sorted({r.issuer for r in records})),
        ("有效性", [s for s in STATUSES if any(site.status[p.doc_number].status == s for p in listed(site.policies))]),
    ]


def status_of(record: Record, site: Site) -> str:
    return site.status[record.doc_number].status if isinstance(record, Policy) else ""


def rows(site: Site, records: Sequence[Record], from_page: str, grouping: Column | None = None) -> list[Row]:
    """grouping: the column whose groups the page lists by (the 目录's years), when not the record's own."""
    found = []
    for r in records:
        column = site.config.column(r.section)
        found.append(Row(r, link(r, from_page), column.name, getattr(r, "doc_number", ""), status_of(r, site), group_label(r, grouping or column),
                         tuple(shown_value(field_value(r, column, name)) for name in column.show)))
    return found


def _groups(column: Column, records: Sequence[Record], size: int) -> list[tuple[str, int]]:
    """(label, number of the page where the group starts), once per list: not once per page of it."""
    found: list[tuple[str, int]] = []
    for position, record in enumerate(records):
        label = group_label(record, column)
        if not found or found[-1][0] != label:
            found.append((label, page_of(position, len(records), size)))
    return found


def _group_links(groups: list[tuple[str, int]], folder: str, from_page: str) -> list[GroupLink]:
    return [GroupLink(label, f"{relative(page_path(folder, number), from_page)}#{label}") for label, number in groups]


def _list(site: Site, column: Column, folder: str, template: str, records: Sequence[Record], memo: PageMemo,
          filterable: bool = False, title: str = "") -> list[Page]:
    """A list longer than a page has a jump list of its groups (its first page may hold up to two pages' worth)."""
    pages = []
    groups = _groups(column, records, LIST_SIZE)
    for chunk in paginate(folder, records, LIST_SIZE):
        pages.append(Page(chunk.path, memo.render(
            chunk.path, template, title=title or column.name, column=column.name, column_type=column.column_type, rows=rows(site, chunk.items, chunk.path), pager=chunk.pager,
            years=_group_links(groups, folder, chunk.path) if len(records) > LIST_SIZE else [], filterable=filterable,
            links={"current": relative(f"{column.folder}/current/index.md", chunk.path),
                   "repealed": relative(f"{column.folder}/repealed/index.md", chunk.path)},
            empty_reason=inline(column.empty),
        )))
    return pages


def catalog_records(site: Site) -> list[Record]:
    return sorted(listed(site.records), key=lambda r: (-r.published.toordinal(), r.index_number, r.slug))


def _catalog(site: Site, memo: PageMemo) -> list[Page]:
    records = catalog_records(site)
    chunks: list[Chunk[Record]] = paginate(CATALOG_FOLDER, records, CATALOG_SIZE)
    catalog_column = Column(name="政府信息公开目录", folder=CATALOG_FOLDER, kind="item")
    groups = _groups(catalog_column, records, CATALOG_SIZE)
    return [
        Page(chunk.path, memo.render(chunk.path, "catalog.md.j2", rows=rows(site, chunk.items, chunk.path, catalog_column), pager=chunk.pager,
                                years=_group_links(groups, CATALOG_FOLDER, chunk.path) if len(records) > CATALOG_SIZE else [],
                                downloads=relative("catalog.csv", chunk.path), json=relative("catalog.json", chunk.path)))
        for chunk in chunks
    ]


def _sitemap(site: Site) -> Page:
    """The nav of mkdocs.yml, with the pages below listings that the nav leaves out."""
    extra = {}
    for column in site.config.columns:
        key = f"{column.folder}/index.md"
        if column.kind == "policy":
            extra[key] = [(f"现行有效的{column.name}", "current/index.md"), (f"已废止和失效的{column.name}", "repealed/index.md")]
        else:
            records = listed(site.in_column(column.folder))
            extra[key] = [(g.label, g.href) for g in _group_links(_groups(column, records, LIST_SIZE), column.folder, key)]
    here = "sitemap/index.md"
    return Page(here, render("sitemap.md.j2", nav=_relative_nav(site.config.nav),
                             extra={"../" + key: [(t, relative(posix_join(key, href), here)) for t, href in items]
                                    for key, items in extra.items()}))


def posix_join(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


def _relative_nav(items: tuple) -> tuple:
    return tuple((title, "../" + target if isinstance(target, str) else _relative_nav(target)) for title, target in items)


