"""Site configuration: read once from mkdocs.yml (`docs_dir`, `site_name`, `extra.gongkai`).

The town's settings live in mkdocs.yml under `extra.gongkai`, so that the theme templates (footer)
and the generator read the same values from one place.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from .chrome import FOOTER_ITEMS, Footer
from .errors import ConfigError

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class Contact:
    address: str = ""
    phone: str = ""
    hours: str = ""
    email: str = ""


@dataclass(frozen=True)
class Lifecycle:
    """How long a 规范性文件 stays in force when it states no 有效期至 (domain.md §3; varies by province)."""

    years: int = 5
    provisional_years: int = 2  # titles with a provisional word: 暂行, 试行
    provisional_words: tuple[str, ...] = ("暂行", "试行")
    warn_days: int = 180  # `check` warns this many days before a document expires
    interpretation_required_from: int = 2020  # 规范性文件 published from this year on need a 政策解读


@dataclass(frozen=True)
class ReportDeadlines:
    """Last day (month, day) of the following year on which an annual report may be published."""

    gongkai: tuple[int, int] = (1, 31)  # 政府信息公开工作年度报告: 1月31日 in most counties (local)
    fazhi: tuple[int, int] = (3, 31)  # 法治政府建设年度报告: before 4月1日 (督察工作规定 Art. 24)


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    content_dir: Path  # what staff write: content/
    pages_dir: Path  # hand-written pages: docs/
    stage_dir: Path  # the generated Markdown tree that MkDocs builds (mkdocs.yml docs_dir)
    site_dir: Path  # the built site (mkdocs.yml site_dir)
    site_name: str
    town: str  # 纸坊镇
    issuer: str  # default 发布机构 / 发文机关 when a record leaves it out
    host: str  # 主办单位
    contact: Contact
    site_url: str = ""
    site_id_code: str = ""  # 网站标识码, for the meta tags national crawlers read
    index_prefix: str = ""  # 索引号 前段码: the body's 统一社会信用代码
    index_serial_digits: int = 5
    lifecycle: Lifecycle = Lifecycle()
    deadlines: ReportDeadlines = ReportDeadlines()
    allowed_numbers: tuple[str, ...] = ()  # phone numbers that may be published anywhere (hotlines)
    footer: Footer = Footer()
    empty_reasons: tuple[tuple[str, str], ...] = ()  # section → why its listing is legitimately empty
    stale_months: int = 6  # 通知公告 and 政策文件 columns older than this are flagged (single-veto rule)
    search: str = "pagefind"  # "pagefind" (default) or "material" (MkDocs' built-in index, for tiny sites)
    nav: tuple = ()  # mkdocs.yml nav as written: the site's structure for the 网站地图
    text: str = ""  # mkdocs.yml as written, to name lines in configuration problems


class _TolerantLoader(yaml.SafeLoader):
    """Loads mkdocs.yml without executing its `!!python/...` and `!ENV` tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)


def _text(table: dict, key: str, where: str, default: str = "") -> str:
    value = table.get(key, default)
    if value is None:
        return default
    if not isinstance(value, (str, int)):
        raise ConfigError(f"{CONFIG_FILE}: {where}.{key}: 应为文字, 实际是 {type(value).__name__}")
    return str(value).strip()


def _number(table: dict, key: str, where: str, default: int) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{CONFIG_FILE}: {where}.{key}: 应为非负整数, 实际是 {value!r}")
    return value


def _table(table: dict, key: str, where: str) -> dict:
    value = table.get(key) or {}
    if not isinstance(value, dict):
        raise ConfigError(f"{CONFIG_FILE}: {where}.{key}: 应为键值表")
    return value


def _texts(table: dict, key: str, where: str) -> tuple[str, ...]:
    values = table.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, (str, int)) for v in values):
        raise ConfigError(f"{CONFIG_FILE}: {where}.{key}: 应为列表, 例如 [\"0537-1234567\", \"12345\"]")
    return tuple(str(v) for v in values)


def _lifecycle(table: dict) -> Lifecycle:
    where = "extra.gongkai.validity"
    default = Lifecycle()
    words = table.get("provisional_words", list(default.provisional_words))
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ConfigError(f"{CONFIG_FILE}: {where}.provisional_words: 应为文字列表, 例如 [暂行, 试行]")
    return Lifecycle(
        years=_number(table, "years", where, default.years),
        provisional_years=_number(table, "provisional_years", where, default.provisional_years),
        provisional_words=tuple(words),
        warn_days=_number(table, "warn_days", where, default.warn_days),
        interpretation_required_from=_number(table, "interpretation_required_from", where, default.interpretation_required_from),
    )


def _month_day(table: dict, key: str, default: tuple[int, int]) -> tuple[int, int]:
    value = table.get(key)
    if value is None:
        return default
    try:
        month, day = (int(part) for part in str(value).split("-"))
        dt.date(2001, month, day)
    except ValueError:
        raise ConfigError(f"{CONFIG_FILE}: extra.gongkai.report_deadlines.{key}: 应为 月-日, 例如 \"01-31\", 实际是 {value!r}") from None
    return month, day


def _deadlines(table: dict) -> ReportDeadlines:
    default = ReportDeadlines()
    return ReportDeadlines(_month_day(table, "gongkai", default.gongkai), _month_day(table, "fazhi", default.fazhi))


def _footer(table: dict, gongkai: dict, contact: dict) -> Footer:
    where = "extra.gongkai.footer"
    site_id_code = _text(gongkai, "site_id_code", "extra.gongkai")
    jiucuo = _text(table, "jiucuo_url", where) or (
        f"https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={site_id_code}" if site_id_code else "")
    contact_line = "；".join(f"{label}：{contact[key]}" for key, label in (("address", "地址"), ("phone", "电话")) if contact.get(key))
    portal = tuple(key for key, _, _ in FOOTER_ITEMS) if table.get("provided_by_portal") is True else _texts(table, "provided_by_portal", where)
    return Footer(host=_text(gongkai, "host", "extra.gongkai"), contact=contact_line, site_id_code=site_id_code,
                  icp=_text(table, "icp", where), police_record=_text(table, "police_record", where),
                  dzjg_url=_text(table, "dzjg_url", where), jiucuo_url=jiucuo, provided_by_portal=portal)


def _search(gongkai: dict) -> str:
    engine = _text(gongkai, "search", "extra.gongkai", "pagefind")
    if engine not in ("pagefind", "material"):
        raise ConfigError(f"{CONFIG_FILE}: extra.gongkai.search: 应为 pagefind 或 material, 实际是 {engine!r}")
    return engine


def _nav(items: list) -> tuple:
    """((title, path or children), …) from mkdocs.yml nav; bare paths keep "" as their title."""
    found = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            for title, value in item.items():
                found.append((str(title), _nav(value) if isinstance(value, list) else str(value)))
        elif isinstance(item, str):
            found.append(("", item))
    return tuple(found)


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def load_config(root: Path) -> SiteConfig:
    root = root.resolve()
    path = root / CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.load(text, Loader=_TolerantLoader) or {}
    except FileNotFoundError:
        raise ConfigError(f"{path}: 找不到站点配置文件 (请在项目根目录运行)") from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise ConfigError(f"{CONFIG_FILE}: 无法读取: {err}") from None
    extra = raw.get("extra") or {}
    gongkai = extra.get("gongkai") if isinstance(extra, dict) else None
    if not isinstance(gongkai, dict):
        raise ConfigError(f"{CONFIG_FILE}: 缺少 extra.gongkai 配置段 (站点名称、发布机构等)")
    contact = _table(gongkai, "contact", "extra.gongkai")
    index_number = _table(gongkai, "index_number", "extra.gongkai")
    town = _text(gongkai, "town", "extra.gongkai")
    if not town:
        raise ConfigError(f"{CONFIG_FILE}: extra.gongkai.town: 不能为空 (例如 纸坊镇)")
    config = SiteConfig(
        root=root,
        content_dir=root / _text(gongkai, "content_dir", "extra.gongkai", "content"),
        pages_dir=root / _text(gongkai, "pages_dir", "extra.gongkai", "docs"),
        stage_dir=(root / _text(raw, "docs_dir", "", "docs")).resolve(),
        site_dir=(root / _text(raw, "site_dir", "", "site")).resolve(),
        site_name=_text(raw, "site_name", ""),
        town=town,
        issuer=_text(gongkai, "issuer", "extra.gongkai"),
        host=_text(gongkai, "host", "extra.gongkai"),
        contact=Contact(**{k: _text(contact, k, "extra.gongkai.contact") for k in ("address", "phone", "hours", "email")}),
        site_url=_text(raw, "site_url", ""),
        site_id_code=_text(gongkai, "site_id_code", "extra.gongkai"),
        index_prefix=_text(index_number, "prefix", "extra.gongkai.index_number"),
        index_serial_digits=_number(index_number, "serial_digits", "extra.gongkai.index_number", 5),
        lifecycle=_lifecycle(_table(gongkai, "validity", "extra.gongkai")),
        deadlines=_deadlines(_table(gongkai, "report_deadlines", "extra.gongkai")),
        allowed_numbers=_texts(_table(gongkai, "personal_data", "extra.gongkai"), "allowed", "extra.gongkai.personal_data"),
        footer=_footer(_table(gongkai, "footer", "extra.gongkai"), gongkai, contact),
        empty_reasons=tuple((str(k), str(v)) for k, v in _table(gongkai, "empty_reasons", "extra.gongkai").items()),
        stale_months=_number(gongkai, "stale_months", "extra.gongkai", 6),
        search=_search(gongkai),
        nav=_nav(raw.get("nav") or []),
        text=text,
    )
    for name, protected in (("content_dir", config.content_dir), ("pages_dir", config.pages_dir)):
        if _inside(config.stage_dir, protected.resolve()) or _inside(protected.resolve(), config.stage_dir):
            raise ConfigError(
                f"{CONFIG_FILE}: docs_dir 与 extra.gongkai.{name} 重叠 "
                "(docs_dir 是生成的目录, 必须与 content/ 和 docs/ 分开, 例如 generated)"
            )
    return config
