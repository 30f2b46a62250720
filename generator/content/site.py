"""Assemble the validated records into a Site: sorted collections, links between records, 有效性."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, TypeVar

from ..config import SiteConfig
from ..errors import ConfigError, Problem
from .fields import FIRST_YEAR, LAST_YEAR
from .lifecycle import PolicyStatus, start_date, status_of
from .columns import PUBLISHED, YEAR, Column
from .models import Interpretation, Policy, Record, Report, content_type_of
from .standard_catalog import Domain

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    today: dt.date
    columns: Mapping[str, tuple[Record, ...]]  # folder → its records, newest first, withdrawn records included
    policies: tuple[Policy, ...]  # the records of every column of each kind, newest first
    interpretations: tuple[Interpretation, ...]
    reports: tuple[Report, ...]
    policy_by_number: Mapping[str, Policy]
    interpretations_of: Mapping[str, tuple[Interpretation, ...]]  # 文号 → its 解读
    status: Mapping[str, PolicyStatus]  # 文号 → 有效性 on `today`
    repealed_by_this: Mapping[str, tuple[Policy, ...]]  # 文号 → the documents it repealed
    amended_by_this: Mapping[str, tuple[Policy, ...]]  # 文号 → the documents it amended
    standard_catalog: tuple[Domain, ...] = ()  # 基层政务公开标准目录, when the site has one
    scan_warnings: tuple[Problem, ...] = ()  # found while reading attachments, reported with the other warnings

    @property
    def records(self) -> tuple[Record, ...]:
        return tuple(r for column in self.config.columns for r in self.columns.get(column.folder, ()))

    @property
    def first_year(self) -> int:
        """The first year the site publishes for: configured, or the year its oldest record is of."""
        if self.config.first_year:
            return self.config.first_year
        return min((r.year if isinstance(r, Report) else r.published.year for r in self.records), default=self.today.year)

    def in_column(self, folder: str) -> tuple[Record, ...]:
        return self.columns.get(folder, ())

    def newest_in(self, folder: str) -> dt.date | None:
        """The 发布日期 of the column's newest listed record: when it was last updated."""
        return max((r.published for r in self.in_column(folder) if r.withdrawal is None), default=None)


def listed(records: Iterable[R]) -> tuple[R, ...]:
    """What listings, search, the 目录 and feeds show: everything not withdrawn (撤回)."""
    return tuple(r for r in records if r.withdrawal is None)


def record_dir(record: Record) -> str:
    """The record's folder in the generated tree; its URL is this folder."""
    return f"{record.section}/{record.slug}"


def _newest_first(records: Iterable[R]) -> tuple[R, ...]:
    return tuple(sorted(records, key=lambda r: (-r.published.toordinal(), r.title, r.slug)))


def field_value(record: Record, column: Column, name: str) -> object:
    """A field of the record by the name staff write: a kind's own field (its record attribute), or a declared one."""
    if name == PUBLISHED:
        return record.published
    spec = content_type_of(column).spec(name)
    return getattr(record, spec.attr) if spec and spec.attr and spec.declared is None else record.value(name)


def made_on(record: Record) -> dt.date:
    """生成日期 in the 目录: the day a document was signed (成文日期), else the day it was published."""
    return getattr(record, "signed", None) or record.published


def in_listing_order(column: Column, records: Iterable[R]) -> tuple[R, ...]:
    """Newest first by the column's sort field (then by 发布日期); records without it last."""
    def key(record: R) -> tuple:
        value = field_value(record, column, column.sort)
        rank = value.toordinal() if isinstance(value, dt.date) else value if isinstance(value, int) else None
        return (rank is None, -(rank or 0), -record.published.toordinal(), record.title, record.slug)
    return tuple(sorted(records, key=key))


def group_label(record: Record, column: Column) -> str:
    """The heading a record is listed under, and the last step of its breadcrumbs: 2023年, or 预算."""
    if column.group == YEAR:
        return f"{record.published.year}年"
    value = field_value(record, column, column.group)
    return f"{value}年" if isinstance(value, int) else str(value) if value else "其他"


def assemble(
    records: list[Record], config: SiteConfig, today: dt.date, invalid_policy_numbers: frozenset[str] = frozenset()
) -> tuple[Site, list[Problem]]:
    """`invalid_policy_numbers`: 文号 of policies that failed validation; a reference to one is no second problem."""
    if not FIRST_YEAR <= today.year <= LAST_YEAR:
        raise ConfigError(f"构建日期 {today.isoformat()} 超出范围 (应在 {FIRST_YEAR} 至 {LAST_YEAR} 年之间, 用 --today 指定) / "
                          f"the build date must lie between {FIRST_YEAR} and {LAST_YEAR}")
    problems = [
        Problem(r.line_of("发布日期"), "发布日期", f"{r.published.isoformat()} 晚于今天 {today.isoformat()}", "发布日期是实际发布的日子, 不能预填将来的日期")
        for r in records
        if r.published > today
    ]
    problems += _future_dates(records, today)
    problems += _duplicates(records, lambda r: record_dir(r).lower(), "", "网址与 {other} 相同", "请改用不同的文件名或文件夹名")
    problems += _duplicates(records, lambda r: r.index_number, "索引号", "与 {other} 重复", "索引号一经发布不能改变: 请给这一条 (较晚发布的) 换一个, gongkai new 会给出下一个空号")
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
    problems += _repealed_before_the_repealer(policies, by_number)
    problems += _cycles(policies, by_number)
    site = Site(
        config=config,
        today=today,
        columns={c.folder: in_listing_order(c, [r for r in records if r.section == c.folder]) for c in config.columns},
        policies=policies,
        interpretations=interpretations,
        reports=_newest_first(r for r in records if isinstance(r, Report)),
        policy_by_number=by_number,
        interpretations_of=_frozen(interpretations_of),
        status={p.doc_number: status_of(p, by_number, config.validity, today) for p in policies},
        repealed_by_this=_frozen(repealed_by_this),
        amended_by_this=_frozen(amended_by_this),
    )
    return site, problems


def _future_dates(records: Iterable[Record], today: dt.date) -> list[Problem]:
    """撤回 and 修订记录 record what has happened: neither may lie after the build date."""
    problems = []
    for record in records:
        dated = [("撤回", "撤回", record.withdrawal.date)] if record.withdrawal else []
        dated += [("修订记录", "修订", record.revisions[0].date)] if record.revisions else []  # newest first
        for key, what, day in dated:
            if day > today:
                problems.append(Problem(record.line_of(key), key, f"{what}日期 {day.isoformat()} 晚于今天 {today.isoformat()}",
                                        f"{what}日期是实际{what}的日子, 不能预填将来的日期"))
    return problems


def _repealed_before_the_repealer(policies: Iterable[Policy], by_number: Mapping[str, Policy]) -> list[Problem]:
    """A document is repealed when the repealing one takes effect, not before it exists."""
    problems = []
    for policy in policies:
        repealer = by_number.get(policy.repeal.by) if policy.repeal else None
        if policy.repeal is None or repealer is None or repealer is policy:
            continue
        start = start_date(repealer)
        if policy.repeal.date < start:
            label = "施行日期" if repealer.effective else "发布日期"
            problems.append(Problem(policy.line_of("废止"), "废止",
                                    f"废止日期 {policy.repeal.date.isoformat()} 早于 {repealer.doc_number} 的{label} {start.isoformat()}",
                                    f"废止日期不能早于废止它的文件的{label}"))
    return problems


def _links(policy: Policy, by_number: Mapping[str, Policy]) -> list[tuple[str, Policy]]:
    """(废止 or 修改, the other document) for each known document that repealed or amended this one."""
    links = [("废止", by_number[policy.repeal.by])] if policy.repeal and policy.repeal.by in by_number else []
    links += [("修改", by_number[number]) for number in policy.amended_by if number in by_number]
    return [(key, other) for key, other in links if other is not policy]  # naming itself is reported in models


def _cycles(policies: Iterable[Policy], by_number: Mapping[str, Policy]) -> list[Problem]:
    """One problem per group of documents that repeal or amend each other in a circle (A 被 B 废止, B 被 A 修改),
    at the 废止/修改 line of the group's first file, naming the circle in order."""
    ordered = sorted(policies, key=lambda p: p.source.path)
    links = {id(p): _links(p, by_number) for p in ordered}
    problems = []
    for group in _strongly_connected(ordered, links):
        if len(group) < 2:
            continue
        members = {id(p) for p in group}
        first = min(group, key=lambda p: p.source.path)
        circle = _shortest_circle(first, links, members)
        steps = "; ".join(f"{policy.doc_number} 被 {other.doc_number} {key}" for policy, key, other in circle)
        problems.append(Problem(first.line_of(circle[0][1]), circle[0][1], f"废止、修改关系构成循环: {steps}",
                                "被废止或修改的文件不能反过来废止或修改后来的文件, 请核对各文件 废止 和 修改 中写的文号"))
    return problems


def _strongly_connected(nodes: list[Policy], links: Mapping[int, list[tuple[str, Policy]]]) -> list[list[Policy]]:
    """Tarjan's algorithm without recursion (a county may have thousands of documents)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[Policy] = []
    on_stack: set[int] = set()
    groups = []
    for root in nodes:
        if id(root) in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[id(node)] = low[id(node)] = len(index)
                stack.append(node)
                on_stack.add(id(node))
            edges = links.get(id(node), [])
            if position < len(edges):
                work.append((node, position + 1))
                other = edges[position][1]
                if id(other) not in index:
                    work.append((other, 0))
                elif id(other) in on_stack:
                    low[id(node)] = min(low[id(node)], index[id(other)])
                continue
            if low[id(node)] == index[id(node)]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(id(member))
                    group.append(member)
                    if member is node:
                        break
                groups.append(group)
            if work:
                parent = work[-1][0]
                low[id(parent)] = min(low[id(parent)], low[id(node)])
    return groups


def _shortest_circle(start: Policy, links: Mapping[int, list[tuple[str, Policy]]], members: set[int]) -> list[tuple[Policy, str, Policy]]:
    """The shortest way from `start` back to itself inside one group, as (document, 废止/修改, by whom) steps."""
    came_from: dict[int, tuple[Policy, str, Policy]] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for key, other in links[id(node)]:
                if id(other) not in members:
                    continue
                if other is start:
                    steps = [(node, key, other)]
                    while steps[0][0] is not start:
                        steps.insert(0, came_from[id(steps[0][0])])
                    return steps
                if id(other) not in came_from:
                    came_from[id(other)] = (node, key, other)
                    following.append(other)
        frontier = following
    return []


def _frozen(groups: dict[str, list[R]]) -> dict[str, tuple[R, ...]]:
    return {key: tuple(items) for key, items in groups.items()}


def _duplicates(records: Iterable[R], key_of: Callable[[R], str], field: str, message: str, expected: str) -> list[Problem]:
    """One problem per record whose key an earlier record already has; field "" = the file. Earlier means
    published earlier (then path order): the record already out keeps its 索引号 or 文号, the newer one is named."""
    first_by_key: dict[str, Record] = {}
    problems = []
    for record in sorted(records, key=lambda r: (r.published, r.source.path)):
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
