"""Machine-readable output: the 公开目录 as catalog.json and catalog.csv, Atom feeds of notices and policies.

Every date comes from the records, never from the build time, so the files change only with content.
"""
from __future__ import annotations

import csv
import io
import json
import re
from xml.sax.saxutils import escape, quoteattr

from .templating import PageMemo
from .listings import CATALOG_FOLDER, catalog_records, rows, status_of
from ..content.models import Policy, Record
from .outputs import Page
from ..content.markdown_text import inline, relative
from ..content.site import Site, listed, record_dir

CATALOG_COLUMNS = ("索引号", "标题", "内容概述", "类型", "发布机构", "生成日期", "发布日期", "文号", "有效性", "网址")
FEED_ENTRIES = 50
FEEDS_PAGE = "feeds/index.md"


# What a spreadsheet (Excel, WPS) runs as a formula when a cell starts with it, also after spaces: OWASP's list
# and its full-width forms, which WPS and Excel with a Chinese input method treat alike.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# Not allowed in XML 1.0: C0 controls other than tab, newline and carriage return, surrogates, U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _text(value: str) -> str:
    """Any value as text that encodes as UTF-8 (the reader refuses what could carry surrogates, but an export
    must never fail on a value): a surrogate pair becomes its character, a lone surrogate is dropped."""
    if not _SURROGATE.search(value):
        return value
    joined = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")
    return _SURROGATE.sub("", joined)


def _cell(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text: one that would start a formula gets a leading '."""
    value = _text(value)
    if value.startswith(_FORMULA_STARTS) or value.lstrip().startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("", _text(value))


def _xml(value: str) -> str:
    """Element text that keeps the feed well-formed whatever the content holds."""
    return escape(_xml_text(value))


def _xml_attr(value: str) -> str:
    return quoteattr(_xml_text(value))


def export_files(site: Site, memo: PageMemo | None = None) -> list[Page]:
    """memo: the exports of an earlier build in the same process, written again only if their entries changed."""
    memo = memo or PageMemo()
    feeds = [(f"feeds/{c.folder}.xml", c.folder, c.name) for c in site.config.columns if c.feed]
    catalog = _catalog_entries(site)  # made once: the overviews of every record are the slow part
    exports = [Page(path, memo.made(path, "catalog", {"entries": catalog}, lambda make=make: make(catalog).text))
               for path, make in (("catalog.json", _catalog_json), ("catalog.csv", _catalog_csv))]
    return exports + [_feeds_page(site, feeds)] + [_feed(site, *feed) for feed in feeds]


def _feeds_page(site: Site, feeds: list[tuple[str, str, str]]) -> Page:
    """What the footer's 订阅 link opens: one Atom feed per column that declares `feed: true`."""
    lines = ["---", "title: 订阅", "gongkai:", '  column: "订阅"', "---", "", "# 订阅", "",
             "用 RSS/Atom 阅读器订阅下列栏目，有新信息时会收到提醒。", ""]
    lines += [f"- [{inline(name)}]({relative(path, FEEDS_PAGE)})" for path, _, name in feeds] or ["本网站暂无可订阅的栏目。"]
    return Page(FEEDS_PAGE, "\n".join(lines) + "\n")


def _url(site: Site, record: Record, from_folder: str = "") -> str:
    """Absolute when mkdocs.yml has site_url; otherwise relative to the file that links."""
    path = f"{record_dir(record)}/"
    if site.config.site_url:
        return site.config.site_url.rstrip("/") + "/" + path
    return "../" * from_folder.count("/") + path


def _catalog_entries(site: Site) -> list[dict[str, str]]:
    return [
        dict(zip(CATALOG_COLUMNS, (row.record.index_number, row.record.title, row.overview, row.column, row.record.issuer,
                                   row.made_on.isoformat(), row.record.published.isoformat(), row.doc_number, row.status,
                                   _url(site, row.record))))
        for row in rows(site, catalog_records(site), f"{CATALOG_FOLDER}/index.md")
    ]


def _catalog_json(catalog: list[dict[str, str]]) -> Page:
    # json.dumps(entries, ensure_ascii=False, indent=1), written out: with indent, json encodes in Python (slow at 10,000)
    items = [",\n".join(f"  {json.dumps(key, ensure_ascii=False)}: {json.dumps(_text(value), ensure_ascii=False)}" for key, value in entry.items())
             for entry in catalog]
    text = "[\n" + ",\n".join(" {\n" + item + "\n }" for item in items) + "\n]" if items else "[]"
    return Page("catalog.json", text + "\n")


def _catalog_csv(catalog: list[dict[str, str]]) -> Page:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CATALOG_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: _cell(value) for key, value in entry.items()} for entry in catalog)
    return Page("catalog.csv", "\ufeff" + buffer.getvalue())  # the BOM makes Excel read UTF-8


def _timestamp(record: Record) -> tuple[str, str]:
    """(published, updated) as Atom dates, in China Standard Time."""
    updated = record.revisions[0].date if record.revisions else record.published
    return f"{record.published.isoformat()}T00:00:00+08:00", f"{updated.isoformat()}T00:00:00+08:00"


def _feed(site: Site, path: str, section: str, title: str) -> Page:
    records = [r for r in listed(site.records) if r.section == section]
    records.sort(key=lambda r: (_timestamp(r)[1], r.published, r.slug), reverse=True)
    records = records[:FEED_ENTRIES]
    feed_id = (site.config.site_url.rstrip("/") + "/" + path) if site.config.site_url else f"urn:gongkai:{site.config.town}:{section}"
    newest = max((_timestamp(r)[1] for r in records), default="2000-01-01T00:00:00+08:00")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"  <title>{_xml(site.config.town + title)}</title>",
        f"  <id>{_xml(feed_id)}</id>",
        f"  <updated>{newest}</updated>",
        f"  <author><name>{_xml(site.config.issuer or site.config.town)}</name></author>",
    ]
    for record in records:
        published, updated = _timestamp(record)
        url = _url(site, record, path)
        summary = record.summary or (f"{record.doc_number} {status_of(record, site)}" if isinstance(record, Policy) else "")
        lines += [
            "  <entry>",
            f"    <title>{_xml(record.title)}</title>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={_xml_attr(url)}/>",
            f"    <id>{_xml(url if site.config.site_url else feed_id + ':' + record.slug)}</id>",
            f"    <published>{published}</published>",
            f"    <updated>{updated}</updated>",
            f"    <author><name>{_xml(record.issuer)}</name></author>",
        ]
        if summary:
            lines.append(f"    <summary>{_xml(summary)}</summary>")
        lines.append("  </entry>")
    lines.append("</feed>")
    return Page(path, "\n".join(lines) + "\n")
