"""有效性 of 规范性文件, computed for a given day from 有效期, 废止 and 修改 (domain.md §3).

A document that states no 有效期 has no known expiry unless the configured provincial rule supplies a term.

Nothing here reads the clock: `today` is an input, so a build is reproducible and tests move time.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from ..validity import Validity
from .fields import Attachment
from .models import Policy, Record

VALID, AMENDED, EXPIRED, REPEALED = "有效", "已修改", "失效", "废止"
STATUSES = (VALID, AMENDED, EXPIRED, REPEALED)
IN_FORCE = (VALID, AMENDED)


@dataclass(frozen=True)
class PolicyStatus:
    status: str  # one of STATUSES
    expires: dt.date | None  # the last day in force, stated (有效期至) or derived from a configured term; None: unknown
    expiry_stated: bool
    term_years: int | None  # the configured term the expiry was derived from (when not stated)
    repealed_by: Policy | None  # the repealing document, also when the repeal lies in the future
    repealed_on: dt.date | None
    amended_by: tuple[Policy, ...]  # amending documents in force on the day

    @property
    def since(self) -> dt.date | None:
        """The day the current status began; None while the document is simply 有效."""
        if self.status == REPEALED:
            return self.repealed_on
        if self.status == EXPIRED and self.expires is not None:
            return day_after(self.expires)
        if self.status == AMENDED:
            return min(start_date(p) for p in self.amended_by)
        return None


def start_date(policy: Policy) -> dt.date:
    return policy.effective or policy.published


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February. Past the last day datetime can
    represent (a long configured term), the result is that last day: in force for good."""
    year = day.year + years
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


def day_after(day: dt.date) -> dt.date:
    return day if day == dt.date.max else day + dt.timedelta(days=1)


def day_before(day: dt.date) -> dt.date:
    return day if day == dt.date.min else day - dt.timedelta(days=1)


def is_provisional(policy: Policy, rules: Validity) -> bool:
    return any(word in policy.title for word in rules.provisional_words)


def default_term(policy: Policy, rules: Validity) -> int | None:
    """The term a configured rule gives a document that states none; None where no rule gives one."""
    if is_provisional(policy, rules):
        return rules.default_provisional_years or rules.default_years
    return rules.default_years


def longest_term(policy: Policy, rules: Validity) -> int | None:
    return (rules.max_provisional_years or rules.max_years) if is_provisional(policy, rules) else rules.max_years


def expiry(policy: Policy, rules: Validity) -> dt.date | None:
    if policy.valid_until:
        return policy.valid_until
    term = default_term(policy, rules)
    if term is None:
        return None
    end = add_years(start_date(policy), term)
    return end if end == dt.date.max else day_before(end)


def status_of(policy: Policy, by_number: Mapping[str, Policy], rules: Validity, today: dt.date) -> PolicyStatus:
    expires = expiry(policy, rules)
    repealed_by = by_number.get(policy.repeal.by) if policy.repeal else None
    amended_by = tuple(
        sorted((by_number[n] for n in policy.amended_by if n in by_number and start_date(by_number[n]) <= today), key=start_date)
    )
    if policy.repeal and policy.repeal.date <= today:
        status = REPEALED
    elif expires is not None and today > expires:
        status = EXPIRED
    elif amended_by:
        status = AMENDED
    else:
        status = VALID
    repealed_on = policy.repeal.date if policy.repeal else None
    return PolicyStatus(status, expires, policy.valid_until is not None, default_term(policy, rules), repealed_by, repealed_on, amended_by)


def published_attachments(record: Record, today: dt.date) -> tuple[Attachment, ...]:
    """What of a record's attachments the site publishes: none once it is withdrawn or a 公示 has ended
    (they often hold personal data)."""
    if record.withdrawal or publicity_over(record, today):
        return ()
    return record.attachments


def publicity_over(record: Record, today: dt.date) -> bool:
    """A 公示 past its 公示期至: it says so, and its attachments (often personal data) are no longer published."""
    return record.publicity_until is not None and today > record.publicity_until
