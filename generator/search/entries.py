"""What search finds and shows: one entry per record not withdrawn, and per hand-written page.

An entry's words are what its page says, made by the functions that make the page: the title, the
breadcrumb's column, the banners (已废止, 已修改 …), the metadata table (有效性, 发布机构, 文号, declared
fields, as masked on the page), declared tables, the body (a 年报 with its tables), attachments by name
and type, related documents and revisions. A result shows 标题, 类型, 发布日期, 文号 and 有效性, and an
excerpt from the body.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..content.columns import HAND_WRITTEN_KIND
from ..content.lifecycle import published_attachments
from ..content.markdown_text import chinese_date, plain_text
from ..content.models import Policy, Record, Report
from ..content.site import Site, group_label, listed, record_dir
from ..pages.record_pages import field_tables, metadata_rows, related_sections, status_banners
from ..pages.report_pages import report_body
from ..pages.templating import page_path



@dataclass(frozen=True)
class SearchEntry:
    url: str  # relative to the site root, e.g. "notices/2024-chungeng/"
    title: str
    kind: str  # 类型: the column's name
    date: str = ""  # 发布日期, ISO; "" for a page without one
    doc_number: str = ""  # 文号, of a 规范性文件
    status: str = ""  # 有效性, of a 规范性文件
    details: tuple[str, ...] = ()  # metadata, banners and attachments as the page shows them, one per line
    body: str = ""  # the body's plain text
    filters: dict[str, str] = field(default_factory=dict)  # 类型, 年度, 发布机构, 有效性


def record_entry(record: Record, site: Site) -> SearchEntry:
    kind = site.config.column(record.section).name
    filters = {"类型": kind, "年度": str(record.published.year), "发布机构": record.issuer}
    doc_number = status = ""
    if isinstance(record, Policy):
        doc_number, status = record.doc_number, site.status[record.doc_number].status
        filters["有效性"] = status
    here = page_path(record)
    details = [f"{kind} {group_label(record, site.config.column(record.section))}"]
    details += [plain_text(f"{banner.title}：{banner.text}") for banner in status_banners(record, site, here)]
    details += [f"{row.label}：{row.value}" for row in metadata_rows(record, site)]
    if record.summary:
        details.append(f"内容概述：{record.summary}")
    details += [f"{table.heading}：" + " ".join([*table.columns, *(cell for row in table.rows for cell in row)]) for table in field_tables(record, site)]
    details += [f"附件：{a.name}（{a.file.rsplit('.', 1)[-1].upper()}，{a.file}）" for a in published_attachments(record, site.today)]
    details += [f"{section.heading}：" + ("；".join(f"{item.note} {item.title}".strip() for item in section.links) or section.empty)
                for section in related_sections(record, site, here) if section.links or section.empty]
    details += [f"修订记录：{chinese_date(revision.date)}：{revision.note}" for revision in record.revisions]
    body = report_body(record) if isinstance(record, Report) else record.body
    return SearchEntry(f"{record_dir(record)}/", record.title, kind, record.published.isoformat(), doc_number, status,
                       tuple(details), plain_text(body), filters)


def page_entry(path: str, markdown: str) -> SearchEntry:
    """A hand-written page from docs/, or one made from configuration (指南, 依申请公开): its first heading is its title."""
    if markdown.startswith("---\n") and "\n---\n" in markdown[4:]:
        markdown = markdown[4:].split("\n---\n", 1)[1]  # the page settings are not its words
    title = next((line[2:].strip() for line in markdown.split("\n") if line.startswith("# ")), path)
    url = "" if path == "index.md" else path.removesuffix("index.md").removesuffix(".md") + ("" if path.endswith("index.md") else "/")
    return SearchEntry(url, title, HAND_WRITTEN_KIND, body=plain_text(markdown), filters={"类型": HAND_WRITTEN_KIND})


def search_entries(site: Site, hand_written: dict[str, str]) -> list[SearchEntry]:
    """What search finds, newest first (the order results keep among equals): the hand-written pages,
    which are always current, then every record not withdrawn; never listings."""
    pages = [page_entry(p, text) for p, text in sorted(hand_written.items())]
    records = sorted((record_entry(r, site) for r in listed(site.records)), key=lambda e: e.url)
    return pages + sorted(records, key=lambda e: e.date, reverse=True)
