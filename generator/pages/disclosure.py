"""Pages made from configuration: the 政府信息公开指南, 依申请公开 with its 申请表, the 基层政务公开标准目录.

The guide is generated from the declared columns and extra.gongkai.application, so it never promises a
column or a channel the site does not have.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..content.markdown_text import inline, relative
from ..content.site import Site
from ..content.standard_catalog import Matter
from .application_form import FORM_FILE, FORM_TITLE, form_docx, form_sections
from .listings import APPLICATION_PAGE, CATALOG_FOLDER, GUIDE_PAGE, RULES_PAGE, STANDARD_CATALOG_PAGE
from .outputs import GeneratedFile, Page
from .templating import render


@dataclass(frozen=True)
class Channel:
    name: str  # 当面提交, 邮寄, 传真, 电子邮件, 在线申请
    how: str  # Markdown


def channels(site: Site) -> list[Channel]:
    """The ways to hand in a request that this body offers: only those with an address or number."""
    application = site.config.application
    found = []
    if application.address:
        hours = f"（{inline(application.hours)}）" if application.hours else ""
        found.append(Channel("当面提交", f"到{inline(application.address)}提交书面申请{hours}。"))
        postcode = f"，邮政编码 {inline(application.postcode)}" if application.postcode else ""
        found.append(Channel("邮寄", f"寄至{inline(application.address)}{postcode}，请在信封左下角注明“政府信息公开申请”。"))
    if application.fax:
        found.append(Channel("传真", f"传真至 {inline(application.fax)}，请注明“政府信息公开申请”。"))
    if application.email:
        found.append(Channel("电子邮件", f"发送至 <{application.email}>，邮件主题注明“政府信息公开申请”。"))
    if application.online_url:
        found.append(Channel("在线申请", f"通过[网上申请平台]({application.online_url})提交。"))
    return found


def disclosure_pages(site: Site) -> list[Page]:
    """The 指南, 依申请公开 and (when configured) the 标准目录: also what search indexes of them."""
    return [_guide(site), _application(site), *([_standard_catalog(site)] if site.config.standard_catalog is not None else [])]


def application_form(site: Site) -> GeneratedFile:
    return GeneratedFile(FORM_FILE, form_docx(site.config.application.office))


def _guide(site: Site) -> Page:
    here = GUIDE_PAGE
    columns = [(c, relative(f"{c.folder}/index.md", here)) for c in site.config.columns]
    return Page(here, render("guide.md.j2", config=site.config, columns=columns, channels=channels(site),
                             application=relative(APPLICATION_PAGE, here), rules=relative(RULES_PAGE, here),
                             catalog=relative(f"{CATALOG_FOLDER}/index.md", here)))


def _application(site: Site) -> Page:
    here = APPLICATION_PAGE
    return Page(here, render("application.md.j2", config=site.config, channels=channels(site), form_title=FORM_TITLE,
                             form=relative(FORM_FILE, here), sections=form_sections(site.config.application.office),
                             guide=relative(GUIDE_PAGE, here)))


@dataclass(frozen=True)
class MatterRow:
    matter: Matter
    column_name: str
    href: str
    newest: str  # ISO date of the column's newest item, "" when it has none


def _standard_catalog(site: Site) -> Page:
    here = STANDARD_CATALOG_PAGE
    domains = []
    for domain in site.standard_catalog:
        rows = []
        for matter in domain.matters:
            column = site.config.column(matter.folder)
            newest = site.newest_in(matter.folder)
            rows.append(MatterRow(matter, column.name, relative(f"{matter.folder}/index.md", here), newest.isoformat() if newest else ""))
        domains.append((domain.name, rows))
    return Page(here, render("standard_catalog.md.j2", domains=domains, today=site.today))
