"""The page of one record: metadata table, status banners, body, attachments, links to related records."""
from __future__ import annotations

from dataclasses import dataclass

from ..content.columns import REPORT_NAMES
from ..content.lifecycle import AMENDED, EXPIRED, REPEALED, PolicyStatus, publicity_over, published_attachments, start_date
from ..content.markdown_text import chinese_date, inline, shown_value
from ..content.models import Interpretation, Policy, Record, Report
from .outputs import CopiedFile, Page
from .report_pages import report_body
from ..content.site import Site, group_label, record_dir
from .templating import Link, PageMemo, link, page_path


@dataclass(frozen=True)
class MetaRow:
    label: str
    value: str


@dataclass(frozen=True)
class Banner:
    kind: str  # admonition type: danger, warning, info
    title: str
    text: str  # Markdown


@dataclass(frozen=True)
class Related:
    heading: str
    links: tuple[Link, ...]
    empty: str = ""  # what to say when there is none; "" hides the section


def record_output(record: Record, site: Site, memo: PageMemo | None = None) -> tuple[Page, list[CopiedFile]]:
    here = page_path(record)
    published_files = published_attachments(record, site.today)
    text = (memo or PageMemo()).render(
        here,
        "record.md.j2",
        record=record,
        body=report_body(record) if isinstance(record, Report) else record.body.strip(),
        column=site.config.column(record.section).name,
        column_type=site.config.column(record.section).column_type,
        group=group_label(record, site.config.column(record.section)),
        tables=field_tables(record, site),
        metadata=metadata_rows(record, site),
        banners=status_banners(record, site, here),
        attachments=[(a, a.path.stat().st_size) for a in published_files],
        attachments_hidden=bool(record.attachments) and not published_files,
        related=[r for r in related_sections(record, site, here) if r.links or r.empty],
    )
    return Page(here, text), [CopiedFile(f"{record_dir(record)}/{a.file}", a.path) for a in published_files]


def metadata_rows(record: Record, site: Site) -> list[MetaRow]:
    rows = [MetaRow("索引号", record.index_number)] if record.index_number else []
    column = site.config.column(record.section)
    rows.append(MetaRow(column.issuer_key, record.issuer))
    if isinstance(record, Policy):
        rows += [MetaRow("文号", record.doc_number), MetaRow("成文日期", chinese_date(record.signed))]
    rows.append(MetaRow("发布日期", chinese_date(record.published)))
    if record.revisions:
        rows.append(MetaRow("更新日期", chinese_date(record.revisions[0].date)))
    rows += [MetaRow(decl.name, shown_value(record.value(decl.name))) for decl in column.fields
             if decl.type != "table" and shown_value(record.value(decl.name))]
    if isinstance(record, Policy):
        status = site.status[record.doc_number]
        if record.effective:
            rows.append(MetaRow("施行日期", chinese_date(record.effective)))
        rows.append(_validity_row(record, status, site))
        if record.registration:
            rows.append(MetaRow("登记号", record.registration))
        if record.topic:
            rows.append(MetaRow("主题分类", record.topic))
        rows.append(MetaRow("有效性", status.status))
    elif isinstance(record, Interpretation):
        rows.append(MetaRow("解读文件", record.interprets))
    elif isinstance(record, Report):
        rows += [MetaRow("年度", f"{record.year}年"), MetaRow("报告类型", REPORT_NAMES[record.report_type])]
    if record.withdrawal:
        rows.append(MetaRow("状态", f"已于{chinese_date(record.withdrawal.date)}撤回"))
    if record.keywords:
        rows.append(MetaRow("关键词", "、".join(record.keywords)))
    return rows


def _validity_row(policy: Policy, status: PolicyStatus, site: Site) -> MetaRow:
    """The stated 有效期, or the term a configured provincial rule supplies (and which), or 未标注: never a
    term nobody stated."""
    if status.expires is None:
        return MetaRow("有效期", "未标注")
    if status.expiry_stated:
        return MetaRow("有效期至", chinese_date(status.expires))
    start = "施行" if policy.effective else "发布"
    basis = f"（文件未载明，按{site.config.validity.source}自{start}之日起{status.term_years}年推算）"
    return MetaRow("有效期至", chinese_date(status.expires) + basis)


@dataclass(frozen=True)
class FieldTable:
    heading: str  # the field's name: 领导信息
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def field_tables(record: Record, site: Site) -> list[FieldTable]:
    """Declared table fields (领导信息, 内设机构), shown above the body."""
    column = site.config.column(record.section)
    return [FieldTable(decl.name, decl.columns, record.value(decl.name)) for decl in column.fields
            if decl.type == "table" and record.value(decl.name)]


def _reference(policy: Policy, here: str) -> str:
    target = link(policy, here)
    return f"[{inline(policy.doc_number)}《{inline(policy.title)}》]({target.href})"


def status_banners(record: Record, site: Site, here: str) -> list[Banner]:
    if record.withdrawal:
        text = f"本信息已于{chinese_date(record.withdrawal.date)}撤回。撤回原因：{inline(record.withdrawal.reason)}"
        return [Banner("danger", "本信息已撤回", text)]
    if publicity_over(record, site.today):
        return [Banner("info", "公示期已满", f"本公示的公示期至{chinese_date(record.publicity_until)}，已经结束。公示期满后，附件不再公开。")]
    if not isinstance(record, Policy):
        return []
    status = site.status[record.doc_number]
    banners = []
    if status.status == REPEALED:
        by = f"被{_reference(status.repealed_by, here)}" if status.repealed_by else ""
        banners.append(Banner("danger", "本文件已废止", f"本文件已于{chinese_date(status.repealed_on)}{by}废止，不再执行。"))
    elif status.status == EXPIRED:
        banners.append(Banner("danger", "本文件已失效", f"本文件有效期至{chinese_date(status.expires)}，已于{chinese_date(status.since)}失效，不再执行。"))
    elif status.repealed_on and status.repealed_by:
        banners.append(Banner("warning", "本文件将被废止", f"本文件将于{chinese_date(status.repealed_on)}被{_reference(status.repealed_by, here)}废止。"))
    if status.status == AMENDED:
        amendments = "、".join(f"{_reference(p, here)}（{chinese_date(start_date(p))}起施行）" for p in status.amended_by)
        banners.append(Banner("warning", "本文件已修改", f"本文件已被{amendments}修改，请结合修改文件阅读。"))
    return banners


def related_sections(record: Record, site: Site, here: str) -> list[Related]:
    """Links between records, both ways: 解读 ↔ 规范性文件, 废止 and 修改."""
    if isinstance(record, Interpretation):
        return [Related("解读的文件", (link(site.policy_by_number[record.interprets], here, record.interprets),))]
    if not isinstance(record, Policy):
        return []

    def links(policies) -> tuple[Link, ...]:
        return tuple(link(p, here, p.doc_number) for p in policies)

    number = record.doc_number
    amending = [site.policy_by_number[n] for n in record.amended_by if n in site.policy_by_number]
    return [
        Related("政策解读", tuple(link(i, here) for i in site.interpretations_of.get(number, ()) if not i.withdrawal), "暂无政策解读"),
        Related("修改本文件的文件", links(amending)),
        Related("本文件修改的文件", links(site.amended_by_this.get(number, ()))),
        Related("本文件废止的文件", links(site.repealed_by_this.get(number, ()))),
    ]
