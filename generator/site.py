"""Assemble the validated records into a Site: sorted collections, links between records, 有效性."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, TypeVar

from .config import SiteConfig
from .errors import Problem
from .lifecycle import PolicyStatus, status_of
from .models import Interpretation, Notice, Policy, Record, Report

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    today: dt.date
    notices: tuple[Notice, ...]  # every collection newest first, withdrawn records included
    policies: tuple[Policy, ...]
    interpretations: tuple[Interpretation, ...]
    reports: tuple[Report, ...]
    policy_by_number: Mapping[str, Policy]
    interpretations_of: Mapping[str, tuple[Interpretation, ...]]  # 文号 → its 解读
    status: Mapping[str, PolicyStatus]  # 文号 → 有效性 on `today`
    repealed_by_this: Mapping[str, tuple[Policy, ...]]  # 文号 → the documents it repealed
    amended_by_this: Mapping[str, tuple[Policy, ...]]  # 文号 → the documents it amended
    scan_warnings: tuple[Problem, ...] = ()  # found while reading attachments, reported with the other warnings

    @property
    def records(self) -> tuple[Record, ...]:
        return self.notices + self.policies + self.interpretations + self.reports


def listed(records: Iterable[R]) -> tuple[R, ...]:
    """What listings, search, the 目录 and feeds show: everything not withdrawn (撤回)."""
    return tuple(r for r in records if r.withdrawal is None)


def record_dir(record: Record) -> str:
    """The record's folder in the generated tree; its URL is this folder."""
    return f"{record.section}/{record.slug}"


def _newest_first(records: Iterable[R]) -> tuple[R, ...]:
    return tuple(sorted(records, key=lambda r: (-r.published.toordinal(), r.title, r.slug)))


def assemble(
    records: list[Record], config: SiteConfig, today: dt.date, invalid_policy_numbers: frozenset[str] = frozenset()
) -> tuple[Site, list[Problem]]:
    """`invalid_policy_numbers`: 文号 of policies that failed validation; a reference to one is no second problem."""
    problems = [
        Problem(r.line_of("发布日期"), "发布日期", f"{r.published.isoformat()} 晚于今天 {today.isoformat()}", "发布日期是实际发布的日子, 不能预填将来的日期")
        for r in records
        if r.published > today
    ]
    problems += _duplicates(records, lambda r: record_dir(r).lower(), "", "网址与 {other} 相同", "请改用不同的文件名或文件夹名")
    problems += _duplicates(records, lambda r: r.index_number, "索引号", "与 {other} 重复", "索引号一经发布不能重复")
    policies = _newest_first(r for r in records if isinstance(r, Policy))
    problems += _duplicates(policies, lambda r: r.doc_number, "文号", "与 {other} 重复", "每份规范性文件的文号唯一")
    by_number = {p.doc_number: p for p in policies}

    def unknown(record: Record, key: str, number: str) -> bool:
        if number in by_number or number in invalid_policy_numbers:
            return False
        problems.append(Problem(record.line_of(key), key, f"没有文号为 '{number}' 的规范性文件", "应为 content/policies/ 中某份文件的 文号"))
        return True

    interpretations = _newest_first(r for r in records if isinstance(r, Interpretation))
    interpretations_of: dict[str, list[Interpretation]] = defaultdict(list)
    for item in interpretations:
        if not unknown(item, "解读文件", item.interprets) and item.interprets in by_number:
            interpretations_of[item.interprets].append(item)
    repealed_by_this: dict[str, list[Policy]] = defaultdict(list)
    amended_by_this: dict[str, list[Policy]] = defaultdict(list)
    for policy in policies:
        if policy.repeal and not unknown(policy, "废止", policy.repeal.by):
            repealed_by_this[policy.repeal.by].append(policy)
        for number in policy.amended_by:
            if not unknown(policy, "修改", number):
                amended_by_this[number].append(policy)
    site = Site(
        config=config,
        today=today,
        notices=_newest_first(r for r in records if isinstance(r, Notice)),
        policies=policies,
        interpretations=interpretations,
        reports=_newest_first(r for r in records if isinstance(r, Report)),
        policy_by_number=by_number,
        interpretations_of=_frozen(interpretations_of),
        status={p.doc_number: status_of(p, by_number, config.lifecycle, today) for p in policies},
        repealed_by_this=_frozen(repealed_by_this),
        amended_by_this=_frozen(amended_by_this),
    )
    return site, problems


def _frozen(groups: dict[str, list[R]]) -> dict[str, tuple[R, ...]]:
    return {key: tuple(items) for key, items in groups.items()}


def _duplicates(records: Iterable[R], key_of: Callable[[R], str], field: str, message: str, expected: str) -> list[Problem]:
    """One problem per record whose key an earlier record (in path order) already has; field "" = the file."""
    first_by_key: dict[str, Record] = {}
    problems = []
    for record in sorted(records, key=lambda r: r.source.path):
        key = key_of(record)
        if not key:
            continue
        if key in first_by_key:
            other = first_by_key[key].source.path
            where = record.line_of(field) if field else record.source
            problems.append(Problem(where, field, message.format(other=other), expected))
        else:
            first_by_key[key] = record
    return problems
