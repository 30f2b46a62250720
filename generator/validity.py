"""有效期 rules for 规范性文件 (extra.gongkai.validity): set by each province, none nationally.

国办发〔2018〕37号 sets no default term, so a document that states none has no known expiry unless a
configured provincial rule supplies one, and the page then says which rule it applied (domain.md §3).
A profile bundles one province's rules; every key may still be set on its own.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .config_values import CONFIG_FILE, checked_text, number_of, quoted, text_of
from .errors import ConfigError


@dataclass(frozen=True)
class Validity:
    profile: str = "none"
    source: str = ""  # the rule that supplies or limits terms, named on pages and in warnings
    default_years: int | None = None  # the term of a document that states none, only where a rule gives one
    default_provisional_years: int | None = None
    max_years: int | None = None  # the longest term a document may state
    max_provisional_years: int | None = None
    provisional_words: tuple[str, ...] = ("暂行", "试行")
    term_required: bool = False  # the rule requires the term in the document itself
    registration_required: bool = False  # 登记号 under 统一登记
    evaluation_months: int = 6  # `check` warns this long before a document expires: time to evaluate it
    interpretation_required_from: int = 2020  # 规范性文件 published from this year on need a 政策解读


PROFILES = {
    "none": Validity(),
    # 有效期一般3年或5年, 暂行、试行1年或2年, 在文件中载明; 统一登记 (登记号); 有效期届满前6个月评估.
    "shandong": Validity(profile="shandong", source="《山东省司法厅规范性文件制定管理办法》", max_years=5,
                         max_provisional_years=2, term_required=True, registration_required=True, evaluation_months=6),
}
_FLAGS = ("term_required", "registration_required")
_YEARS = ("default_years", "default_provisional_years", "max_years", "max_provisional_years")
KEYS = ("profile", "source", *_YEARS, "provisional_words", *_FLAGS, "evaluation_months", "interpretation_required_from")
_RENAMED = {"years": "default_years", "provisional_years": "default_provisional_years", "warn_days": "evaluation_months"}


def validity_of(table: dict) -> Validity:
    where = "extra.gongkai.validity"
    for old, new in _RENAMED.items():
        if old in table:
            raise ConfigError(f"{CONFIG_FILE}: {where}.{old}: 已改名为 {new} (有效期没有全国统一的默认值: 只有本省规定了默认有效期时才写 default_years, 并在 source 中写明规定的名称)")
    unknown = sorted(str(k) for k in table if k not in KEYS)
    if unknown:
        raise ConfigError(f"{CONFIG_FILE}: {where}: 不认识 {quoted(unknown[0])} (可写 {', '.join(KEYS)})")
    name = text_of(table, "profile", where, "none")
    if name not in PROFILES:
        raise ConfigError(f"{CONFIG_FILE}: {where}.profile: 不认识 {quoted(name)} (可写 {', '.join(PROFILES)})")
    rules = PROFILES[name]
    changes: dict = {}
    if "source" in table:
        changes["source"] = text_of(table, "source", where)
    for key in _YEARS:
        if key in table:
            changes[key] = number_of(table, key, where, 0, 1, 100)
    for key in _FLAGS:
        if key in table:
            if not isinstance(table[key], bool):
                raise ConfigError(f"{CONFIG_FILE}: {where}.{key}: 应为 true 或 false, 实际是 {quoted(table[key])}")
            changes[key] = table[key]
    if "provisional_words" in table:
        words = table["provisional_words"] or []
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise ConfigError(f"{CONFIG_FILE}: {where}.provisional_words: 应为文字列表, 例如 [暂行, 试行]")
        changes["provisional_words"] = tuple(checked_text(w.strip(), f"{where}.provisional_words") for w in words)
    changes["evaluation_months"] = number_of(table, "evaluation_months", where, rules.evaluation_months, 0, 120)
    changes["interpretation_required_from"] = number_of(table, "interpretation_required_from", where,
                                                         rules.interpretation_required_from, 1949, 2100)
    rules = replace(rules, **changes)
    if (rules.default_years or rules.default_provisional_years) and not rules.source:
        raise ConfigError(f"{CONFIG_FILE}: {where}.default_years: 默认有效期要有出处 (在 source 中写明规定的名称, 页面上会注明按它推算)")
    return rules
