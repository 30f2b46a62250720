"""Warnings about a valid site that staff should act on before an inspector notices (domain.md §7)."""
from __future__ import annotations

import calendar
import datetime as dt

from . import report_checks, timeliness
from ..errors import Problem, SourceRef
from ..content.models import Policy
from ..content.lifecycle import IN_FORCE, add_years, day_before, is_provisional, longest_term, start_date
from ..config_values import CONFIG_FILE
from ..content.readers import relative_to_root
from ..content.site import Site, listed


def warnings(site: Site) -> list[Problem]:
    found = (timeliness.late_publications(site) + _expiring(site) + _validity_terms(site) + _without_interpretation(site) + _stale_columns(site) + _overdue_matters(site) + _application_channels(site) + report_checks.site_warnings(site)
             + list(site.scan_warnings))
    return sorted(found, key=lambda p: p.sort_key)


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


VETO_COLUMNS = 5  # the inspection indicator's single veto: this many 一级栏目 not updated within the period


def _stale_columns(site: Site) -> list[Problem]:
    """A blank column must say why; a column declared with stale_warning should not go unupdated for
    stale_months. The inspection's single veto needs VETO_COLUMNS such columns, not one."""
    found, stale = [], []
    limit = months_before(site.today, site.config.stale_months)
    for column in site.config.columns:
        where = SourceRef(f"{site.config.content_dir.name}/{column.folder}", 1)
        newest = site.newest_in(column.folder)
        if newest is None and not column.empty:
            found.append(Problem(where, "", f"“{column.name}”栏目没有任何信息, 也没有说明原因",
                                 "发布信息, 或在 mkdocs.yml 该栏目的 empty 中写明原因", warning=True))
        elif newest is not None and newest < limit and column.stale_warning:
            stale.append(column.name)
            found.append(Problem(where, "", f"“{column.name}”栏目最新一条发布于 {newest.isoformat()}, 已超过 {site.config.stale_months} 个月没有更新",
                                 f"网站检查中, {VETO_COLUMNS} 个及以上栏目超过 6 个月不更新是单项否决项", warning=True))
    if len(stale) >= VETO_COLUMNS:
        found.append(Problem(SourceRef(site.config.content_dir.name, 1), "", f"已有 {len(stale)} 个栏目超过 {site.config.stale_months} 个月没有更新 ({'、'.join(stale)})",
                             f"达到网站检查单项否决的标准 ({VETO_COLUMNS} 个及以上栏目): 请尽快更新", warning=True))
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
    found = []
    for policy in listed(site.policies):
        status = site.status[policy.doc_number]
        if status.expires is None or status.status not in IN_FORCE or (policy.repeal and policy.repeal.date <= status.expires):
            continue
        window = (status.expires - months_before(status.expires, site.config.validity.evaluation_months)).days
        days_left = (status.expires - site.today).days
        if 0 <= days_left <= window:
            key = "有效期至" if status.expiry_stated else ("施行日期" if policy.effective else "发布日期")
            basis = "" if status.expiry_stated else f" (按{site.config.validity.source} {status.term_years} 年有效期推算)"
            found.append(Problem(policy.line_of(key), key, f"{policy.doc_number} 将于 {status.expires.isoformat()} 失效, 还有 {days_left} 天{basis}",
                                 "需要继续施行的, 请按程序评估后重新发布或修改有效期", warning=True))
    return found


def _validity_terms(site: Site) -> list[Problem]:
    """A document in force whose term nobody knows, or that breaks the configured provincial rule."""
    rules = site.config.validity
    found = []
    for policy in listed(site.policies):
        status = site.status[policy.doc_number]
        if status.status not in IN_FORCE:
            continue
        if status.expires is None or (rules.term_required and not status.expiry_stated):
            rule = f"{rules.source}要求在文件中载明有效期" if rules.term_required else "没有配置本省的默认有效期, 页面显示“有效期：未标注”"
            found.append(Problem(_line_or_number(policy, "有效期至"), "有效期至", f"{policy.doc_number} 没有写有效期至 ({rule})",
                                 "写上文件中载明的有效期的最后一天, 例如 有效期至: 2028-05-31", warning=True))
        longest = longest_term(policy, rules)
        if status.expiry_stated and longest and status.expires > day_before(add_years(start_date(policy), longest)):
            what = "暂行、试行的文件" if is_provisional(policy, rules) else "文件"
            found.append(Problem(policy.line_of("有效期至"), "有效期至", f"{policy.doc_number} 有效期至 {status.expires.isoformat()}, 超过 {longest} 年 ({rules.source}: {what}有效期最长 {longest} 年)",
                                 "请核对文件中载明的有效期", warning=True))
        if rules.registration_required and not policy.registration:
            found.append(Problem(_line_or_number(policy, "登记号"), "登记号", f"{policy.doc_number} 没有登记号 ({rules.source}要求统一登记)",
                                 "写上统一登记时给的登记号, 即 登记号: …", warning=True))
    return found


def _line_or_number(policy: Policy, key: str) -> SourceRef:
    """The line of a key written empty (as `gongkai new` writes it), else that of the 文号."""
    return policy.line_of(key if key in policy.lines else "文号")


def _without_interpretation(site: Site) -> list[Problem]:
    first_year = site.config.validity.interpretation_required_from
    return [
        Problem(policy.line_of("文号"), "文号", f"{policy.doc_number} 没有政策解读",
                f"{first_year} 年起发布的规范性文件应同步发布解读: 在 content/interpretations/ 中写 解读文件: {policy.doc_number}", warning=True)
        for policy in listed(site.policies)
        if policy.published.year >= first_year
        and site.status[policy.doc_number].status in IN_FORCE
        and not listed(site.interpretations_of.get(policy.doc_number, ()))
    ]
