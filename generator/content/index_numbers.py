"""索引号: `前段码/YYYY-NNNNN` (domain.md §2). Stored in the record's file, never recomputed from order."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..config import SiteConfig
from .fields import Invalid

# Without a configured 前段码: any 统一社会信用代码 (18) or 组织机构代码 (9, maybe with a dash).
_ANY_PREFIX = r"[0-9A-Z]{18}|[0-9A-Z]{8}-?[0-9A-Z]"


@dataclass(frozen=True, order=True)
class IndexNumber:
    year: int
    serial: int


def _pattern(config: SiteConfig) -> re.Pattern[str]:
    prefix = re.escape(config.index_prefix) if config.index_prefix else f"(?:{_ANY_PREFIX})"
    return re.compile(rf"{prefix}/(?P<year>\d{{4}})-(?P<serial>\d{{{config.index_serial_digits}}})")


def example(config: SiteConfig, year: int = 2024, serial: int = 1) -> str:
    return format_number(config, year, serial) if config.index_prefix else f"113708290000000000/{year}-{serial:0{config.index_serial_digits}d}"


def format_number(config: SiteConfig, year: int, serial: int) -> str:
    return f"{config.index_prefix}/{year}-{serial:0{config.index_serial_digits}d}"


def parse(number: str, config: SiteConfig) -> IndexNumber | None:
    match = _pattern(config).fullmatch(number)
    return IndexNumber(int(match["year"]), int(match["serial"])) if match else None


def validate(number: str, config: SiteConfig) -> str:
    parsed = parse(number, config)
    if parsed is None or parsed.serial == 0:
        raise Invalid(f"'{number}' 不是规范的索引号", f"应为 {example(config)} (前段码/年份-{config.index_serial_digits}位序号)")
    return number


def next_free(numbers: list[str], year: int, config: SiteConfig) -> str:
    """The next serial of the year after every number already issued (gaps are never refilled)."""
    serials = [parsed.serial for parsed in (parse(n, config) for n in numbers) if parsed and parsed.year == year]
    return format_number(config, year, max(serials, default=0) + 1)
