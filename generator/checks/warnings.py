"""Warnings about a valid site that staff should act on before an inspector notices (domain.md §7)."""
from __future__ import annotations

import calendar
import datetime as dt

from . import report_checks
from ..errors import Problem, SourceRef
from ..content.lifecycle import IN_FORCE
from ..config_values import CONFIG_FILE
from ..content.readers import relative_to_root
from ..content.site import Site, listed


def warnings(site: Site) -> list[Problem]:
    found = (_expiring(site) + _without_interpretation(site) + _stale_columns(site) + _overdue_matters(site) + _application_channels(site) + report_checks.site_warnings(site)
             + list(site.scan_warnings))
    return sorted(found, key=lambda p: p.sort_key)


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _stale_columns(site: Site) -> list[Problem]:
    """A blank column must say why; inspections veto a site whose columns go unupdated for 6 months (the
    columns declared with stale_warning)."""
    found = []
    limit = months_before(site.today, site.config.stale_months)
    for column in site.config.columns:
        where = SourceRef(f"{site.config.content_dir.name}/{column.folder}", 1)
        newest = site.newest_in(column.folder)
        if newest is None and not column.empty:
            found.append(Problem(where, "", f"“{column.name}”栏目没有任何信息, 也没有说明原因",
                                 "发布信息, 或在 mkdocs.yml 该栏目的 empty 中写明原因", warning=True))
        elif newest is not None and newest < limit and column.stale_warning:
            found.append(Problem(where, "", f"“{column.name}”栏目最新一条发布于 {newest.isoformat()}, 已超过 {site.config.stale_months} 个月没有更新",
                                 "栏目超过 6 个月不更新是网站检查的单项否决项", warning=True))
    return found


def _application_channels(site: Site) -> list[Problem]:
    """条例 第十二条: the 指南 names where and how to apply; a site without any channel cannot be applied to."""
    application = site.config.application
    if application.address or application.fax or application.email or application.online_url:
        return []
    return [Problem(SourceRef(CONFIG_FILE, 1), "application", "依申请公开没有任何申请渠道 (地址、传真、电子邮件或在线平台)",
                    "在 extra.gongkai.application (或 contact) 中写明受理机构的地址等", warning=True)]


def _overdue_matters(site: Site) -> list[Problem]:
    """A 事项 of the 标准目录 whose column has had nothing new within its 更新周期."""
    found = []
    shown = relative_to_root(site.config.standard_catalog, site.config.root) if site.config.standard_catalog else ""
    for domain in site.standard_catalog:
        for matter in domain.matters:
            if matter.period is None:
                continue
            period = matter.period
            since = months_before(site.today, period.amount) if period.unit == "月" else site.today - dt.timedelta(days=period.amount)
            newest = site.newest_in(matter.folder)
            if newest is None or newest < since:
                column = site.config.column(matter.folder).name
                what = f"最新一条发布于 {newest.isoformat()}" if newest else "还没有任何信息"
                found.append(Problem(SourceRef(shown, matter.line), "更新周期", f"事项“{matter.name}”所在的“{column}”栏目{what}, 超过了更新周期 {period}",
                                     f"在 {site.config.content_dir.name}/{matter.folder}/ 中发布这一事项的新信息", warning=True))
    return found


def _expiring(site: Site) -> list[Problem]:
    window = site.config.lifecycle.warn_days
    found = []
    for policy in listed(site.policies):
        status = site.status[policy.doc_number]
        days_left = (status.expires - site.today).days
        if status.status in IN_FORCE and 0 <= days_left <= window and not (policy.repeal and policy.repeal.date <= status.expires):
            key = "有效期至" if status.expiry_stated else ("施行日期" if policy.effective else "发布日期")
            basis = "" if status.expiry_stated else f" (按 {status.term_years} 年有效期推算)"
            found.append(Problem(policy.line_of(key), key, f"{policy.doc_number} 将于 {status.expires.isoformat()} 失效, 还有 {days_left} 天{basis}",
                                 "需要继续施行的, 请按程序评估后重新发布或修改有效期", warning=True))
    return found


def _without_interpretation(site: Site) -> list[Problem]:
    first_year = site.config.lifecycle.interpretation_required_from
    return [
        Problem(policy.line_of("文号"), "文号", f"{policy.doc_number} 没有政策解读",
                f"{first_year} 年起发布的规范性文件应同步发布解读: 在 content/interpretations/ 中写 解读文件: {policy.doc_number}", warning=True)
        for policy in listed(site.policies)
        if policy.published.year >= first_year
        and site.status[policy.doc_number].status in IN_FORCE
        and not listed(site.interpretations_of.get(policy.doc_number, ()))
    ]
