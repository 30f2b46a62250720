"""条例 第二十六条: proactive information is published within 20 working days of being made.

Working days are the official calendar's: 法定节假日 and the weekend days made workdays (调休) come from the
`holidays` package, which follows the State Council's yearly notice; for a year whose notice is not out
yet it knows the statutory holidays only.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from ..content.site import Site, listed
from ..errors import Problem

WORKING_DAYS = 20


@lru_cache(maxsize=None)
def _calendar(first: int, last: int) -> holidays.HolidayBase:
    return holidays.China(years=range(first, last + 1))


@lru_cache(maxsize=4096)  # asked for every 规范性文件 on every build of the preview
def last_publication_day(made: dt.date) -> dt.date:
    """The 20th working day after the day a document was made."""
    return _calendar(made.year, made.year + 1).get_nth_working_day(made, WORKING_DAYS)


def late_publications(site: Site) -> list[Problem]:
    found = []
    for policy in listed(site.policies):
        last_day = last_publication_day(policy.signed)
        if policy.published > last_day:
            days = _calendar(policy.signed.year, policy.published.year).get_working_days_count(policy.signed + dt.timedelta(days=1), policy.published)
            found.append(Problem(policy.line_of("发布日期"), "发布日期",
                                 f"{policy.doc_number} 成文日期 {policy.signed.isoformat()}, 发布日期 {policy.published.isoformat()}, 相隔 {days} 个工作日, 超过 {WORKING_DAYS} 个工作日 (应在 {last_day.isoformat()} 前发布)",
                                 "条例 第二十六条: 应自形成之日起 20 个工作日内公开; 发布日期要写实际发布的日子, 不能倒填", warning=True))
    return found
