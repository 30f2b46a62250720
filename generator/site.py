"""Assemble the validated records into a Site: sorted collections, 文号 lookups and cross-record checks."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, TypeVar

from .config import SiteConfig
from .errors import Problem
from .models import Interpretation, Notice, Policy, Record, Report

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    today: dt.date
    notices: tuple[Notice, ...]  # every collection newest first
    policies: tuple[Policy, ...]
    interpretations: tuple[Interpretation, ...]
    reports: tuple[Report, ...]
    policy_by_number: Mapping[str, Policy]
    interpretations_of: Mapping[str, tuple[Interpretation, ...]]  # 文号 → its 解读

    @property
    def records(self) -> tuple[Record, ...]:
        return self.notices + self.policies + self.interpretations + self.reports


def record_dir(record: Record) -> str:
    """The record's folder in the generated tree; its URL is this folder."""
    return f"{record.section}/{record.slug}"


def _newest_first(records: Iterable[R]) -> tuple[R, ...]:
    return tuple(sorted(records, key=lambda r: (-r.published.toordinal(), r.title, r.slug)))


def assemble(
    records: list[Record], config: SiteConfig, today: dt.date, invalid_policy_numbers: frozenset[str] = frozenset()
) -> tuple[Site, list[Problem]]:
    """`invalid_policy_numbers`: 文号 of policies that failed validation; a 解读 of one is no second problem."""
    problems = _duplicates(records, lambda r: record_dir(r).lower(), "", "网址与 {other} 相同", "请改用不同的文件名或文件夹名")
    problems += _duplicates(records, lambda r: r.index_number, "索引号", "与 {other} 重复", "索引号一经发布不能重复")
    policies = [r for r in records if isinstance(r, Policy)]
    problems += _duplicates(policies, lambda r: r.doc_number, "文号", "与 {other} 重复", "每份规范性文件的文号唯一")
    policy_by_number = {p.doc_number: p for p in policies}
    interpretations = _newest_first(r for r in records if isinstance(r, Interpretation))
    interpretations_of: dict[str, list[Interpretation]] = defaultdict(list)
    for item in interpretations:
        if item.interprets in policy_by_number:
            interpretations_of[item.interprets].append(item)
        elif item.interprets not in invalid_policy_numbers:
            problems.append(Problem(item.line_of("解读文件"), "解读文件", f"没有文号为 '{item.interprets}' 的规范性文件",
                                    "应为 content/policies/ 中某份文件的 文号"))
    site = Site(
        config=config,
        today=today,
        notices=_newest_first(r for r in records if isinstance(r, Notice)),
        policies=_newest_first(policies),
        interpretations=interpretations,
        reports=_newest_first(r for r in records if isinstance(r, Report)),
        policy_by_number=policy_by_number,
        interpretations_of={number: tuple(items) for number, items in interpretations_of.items()},
    )
    return site, problems


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
