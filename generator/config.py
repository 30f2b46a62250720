"""Site configuration: read once from mkdocs.yml (`docs_dir`, `site_name`, `extra.gongkai`).

The town's settings live in mkdocs.yml under `extra.gongkai`, so that the theme templates (footer)
and the generator read the same values from one place.

Every value is checked here, so that a mistake in mkdocs.yml is one ConfigError naming the key: numbers
have a range, texts a length and no control characters, and the two folders that are emptied or
rewritten on every build (`site_dir`, `docs_dir`) may not overlap anything staff wrote.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from .content.chrome import FOOTER_ITEMS, IMAGE_PATH, Footer
from .content.columns import Column, read_columns
from .errors import ConfigError
from .checks.personal_data import redact
from .validity import Validity, validity_of
from .config_values import (CONFIG_FILE, checked_text, key_path, number_of, quoted, table_of, text_of, texts_of,
                            type_name)
from .content.readers import first_alias, raw_value
from .checks.sanitizer import extensions_problem

SITE_DIR_WHY = "site_dir 是构建输出的目录, 每次构建会被清空, 必须是单独的文件夹, 例如 site"
STAGE_DIR_WHY = "docs_dir 是 gongkai 生成 Markdown 的目录, 每次生成会被改写, 必须是单独的文件夹, 例如 generated"


@dataclass(frozen=True)
class Contact:
    address: str = ""
    phone: str = ""
    hours: str = ""
    email: str = ""


@dataclass(frozen=True)
class Application:
    """依申请公开: where and how a request is made (条例 第二十七条至第三十三条); empty values are channels not offered."""

    office: str = ""  # 受理机构
    address: str = ""  # 当面 and 邮寄
    postcode: str = ""
    phone: str = ""  # 咨询电话
    fax: str = ""
    email: str = ""
    online_url: str = ""  # the county's online request platform, if it provides one
    hours: str = ""


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
    validity: Validity = Validity()
    deadlines: ReportDeadlines = ReportDeadlines()
    first_year: int = 0  # the first year the site publishes for (reports of earlier years are elsewhere); 0: its oldest record's
    allowed_numbers: tuple[str, ...] = ()  # phone numbers that may be published anywhere (hotlines)
    footer: Footer = Footer()
    columns: tuple[Column, ...] = ()  # the declared columns (栏目), in the order the site shows them
    application: Application = Application()
    standard_catalog: Path | None = None  # 基层政务公开标准目录 (a YAML file), if the site has one
    stale_months: int = 6  # 通知公告 and 政策文件 columns older than this are flagged (single-veto rule)
    search: str = "gongkai"  # "gongkai" (default: generator/search/) or "material" (MkDocs' built-in index, for tiny sites)
    nav: tuple = ()  # mkdocs.yml nav as written: the site's structure for the 网站地图
    text: str = ""  # mkdocs.yml as written, to name lines in configuration problems
    theme_dir: Path | None = None  # mkdocs.yml theme.custom_dir (overrides/), resolved
    hooks: tuple[Path, ...] = ()  # mkdocs.yml hooks: code that shapes every page, as the theme does

    def column(self, folder: str) -> Column:
        return self._columns_by_folder[folder]

    @cached_property
    def _columns_by_folder(self) -> dict[str, Column]:  # asked for every record of every list on every build
        return {c.folder: c for c in self.columns}

    @property
    def folders(self) -> frozenset[str]:
        return frozenset(c.folder for c in self.columns)


class _TolerantLoader(yaml.SafeLoader):
    """Loads mkdocs.yml without executing its `!!python/...` and `!ENV` tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)


MAX_CONFIG_CHARS = 1_000_000  # a site's settings are a few KB


def _refuse_aliases(text: str) -> None:
    """Too large or holding YAML aliases: refused before YAML builds anything from it."""
    if len(text) > MAX_CONFIG_CHARS:
        raise ConfigError(f"{CONFIG_FILE}: 文件太大 ({len(text)} 个字符, 最多 {MAX_CONFIG_CHARS} 个)")
    alias = first_alias(text, _TolerantLoader)
    if alias is not None:
        raise ConfigError(f"{CONFIG_FILE}:{alias.start_mark.line + 1}: 不支持 YAML 的 & 锚点和 * 引用 (每个值请直接写出来)")


def _month_day(table: dict, key: str, default: tuple[int, int]) -> tuple[int, int]:
    value = table.get(key)
    if value is None:
        return default
    try:
        if isinstance(value, bool) or not isinstance(value, (str, int)) or len(str(value)) > 10:
            raise ValueError
        month, day = (int(part) for part in str(value).split("-"))
        dt.date(2001, month, day)
    except (ValueError, OverflowError):
        raise ConfigError(f"{CONFIG_FILE}: extra.gongkai.report_deadlines.{key}: 应为 月-日, 例如 \"01-31\", 实际是 {quoted(value)}") from None
    return month, day


def _deadlines(table: dict) -> ReportDeadlines:
    default = ReportDeadlines()
    return ReportDeadlines(_month_day(table, "gongkai", default.gongkai), _month_day(table, "fazhi", default.fazhi))


def _footer(table: dict, gongkai: dict, contact: Contact, folders: tuple[Path, ...]) -> Footer:
    where = "extra.gongkai.footer"
    site_id_code = text_of(gongkai, "site_id_code", "extra.gongkai")
    jiucuo = text_of(table, "jiucuo_url", where) or (
        f"https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={site_id_code}" if site_id_code else "")
    contact_line = "；".join(f"{label}：{value}" for value, label in ((contact.address, "地址"), (contact.phone, "电话")) if value)
    keys = tuple(key for key, _, _ in FOOTER_ITEMS)
    portal = keys if table.get("provided_by_portal") is True else texts_of(table, "provided_by_portal", where)
    unknown = [item for item in portal if item not in keys]
    if unknown:
        raise ConfigError(f"{CONFIG_FILE}: {where}.provided_by_portal: 不认识 {quoted(unknown[0])} (可写 true, 或列出 {', '.join(keys)})")
    police_url = text_of(table, "police_url", where)
    if police_url and not police_url.startswith("https://"):
        raise ConfigError(f"{CONFIG_FILE}: {where}.police_url: 应为以 https:// 开头的网址, 实际是 {quoted(police_url)}")
    return Footer(host=text_of(gongkai, "host", "extra.gongkai"), contact=contact_line, site_id_code=site_id_code,
                  icp=text_of(table, "icp", where), police_record=text_of(table, "police_record", where),
                  dzjg_url=text_of(table, "dzjg_url", where), jiucuo_url=jiucuo, provided_by_portal=portal,
                  dzjg_image=_image(table, "dzjg_image", Footer.dzjg_image, folders),
                  police_image=_image(table, "police_image", Footer.police_image, folders), police_url=police_url)


def _image(table: dict, key: str, default: str, folders: tuple[Path, ...]) -> str:
    """A badge image: a plain relative path of an image file that the site ships (docs/ or overrides/)."""
    where = f"extra.gongkai.footer.{key}"
    path = text_of(table, key, "extra.gongkai.footer", default)
    if not IMAGE_PATH.fullmatch(path):
        raise ConfigError(f"{CONFIG_FILE}: {where}: {quoted(path)} 不是本站的图片路径 (写 docs/ 或 overrides/ 下图片文件的相对路径, 例如 assets/images/dzjg.png; 不能是外部网址)")
    if path != default and not any((folder / path).is_file() for folder in folders):
        raise ConfigError(f"{CONFIG_FILE}: {where}: 找不到图片 {path} (应放在 {' 或 '.join(f.name + '/' for f in folders)} 下)")
    return path


def _application(table: dict, contact: Contact) -> Application:
    where = "extra.gongkai.application"
    unknown = sorted(str(k) for k in table if k not in Application.__dataclass_fields__)
    if unknown:
        raise ConfigError(f"{CONFIG_FILE}: {where}: 不认识 {quoted(unknown[0])} (可写 {', '.join(Application.__dataclass_fields__)})")
    found = {key: text_of(table, key, where) for key in Application.__dataclass_fields__}
    online = found["online_url"]
    if online and not re.fullmatch(r"https://[\w.-]+(?::\d+)?(?:/[\w./?=&%#~+-]*)?", online, re.ASCII):
        raise ConfigError(f"{CONFIG_FILE}: {where}.online_url: 应为 https:// 开头的网址, 实际是 {quoted(online)}")
    for key, fallback in (("address", contact.address), ("phone", contact.phone), ("email", contact.email), ("hours", contact.hours)):
        found[key] = found[key] or fallback
    if found["email"] and not re.fullmatch(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", found["email"], re.ASCII):
        raise ConfigError(f"{CONFIG_FILE}: {where}.email: 应为电子邮箱地址, 例如 gk@example.gov.cn, 实际是 {quoted(found['email'])}")
    return Application(**found)


def _columns(text: str) -> tuple[Column, ...]:
    """extra.gongkai.columns, read from the composed YAML so that each problem names its line."""
    node = yaml.compose(text, Loader=_TolerantLoader)
    for key in ("extra", "gongkai", "columns"):
        node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None) \
            if isinstance(node, yaml.MappingNode) else None
    value = raw_value(node, 1) if node is not None and not (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")) else None
    columns, problems = read_columns(value, CONFIG_FILE)
    if problems:
        raise ConfigError("\n".join(str(p) for p in sorted(problems, key=lambda p: p.sort_key)))
    return columns


def _standard_catalog(root: Path, gongkai: dict) -> Path | None:
    written = text_of(gongkai, "standard_catalog", "extra.gongkai")
    if not written:
        return None
    path = (root / written).resolve()
    if not _inside(path, root) or path.suffix not in (".yml", ".yaml"):
        raise ConfigError(f"{CONFIG_FILE}: extra.gongkai.standard_catalog: 应为项目内的 .yml 文件, 例如 standard-catalog.yml, 实际是 {quoted(written)}")
    return path


def _search(gongkai: dict) -> str:
    engine = text_of(gongkai, "search", "extra.gongkai", "gongkai")
    if engine == "pagefind":  # the default's name before gongkai wrote its own index: older mkdocs.yml keep working
        return "gongkai"
    if engine not in ("gongkai", "material"):
        raise ConfigError(f"{CONFIG_FILE}: extra.gongkai.search: 应为 gongkai 或 material, 实际是 {quoted(engine)}")
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


def _folder(root: Path, table: dict, key: str, where: str, default: str) -> tuple[Path, str]:
    """A folder named in mkdocs.yml, resolved (symbolic links followed), and the value as written."""
    value = text_of(table, key, where, default)
    if not value:
        raise ConfigError(f"{CONFIG_FILE}: {key_path(where, key)}: 不能为空 (例如 {default})")
    return (root / value).resolve(), value


def _theme_dir(root: Path, raw: dict) -> Path | None:
    theme = raw.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if isinstance(custom, str) and custom.strip():
        return (root / checked_text(custom.strip(), "theme.custom_dir")).resolve()
    return None


def _hooks(root: Path, raw: dict) -> tuple[Path, ...]:
    hooks = raw.get("hooks")
    return tuple((root / hook).resolve() for hook in hooks if isinstance(hook, str)) if isinstance(hooks, list) else ()


def _named(path: Path, root: Path) -> str:
    return f"{path.relative_to(root).as_posix()}/" if _inside(path, root) and path != root else str(path)


def check_folders(config: SiteConfig, site_shown: str = "", stage_shown: str = "") -> None:
    """Refuse a site_dir or docs_dir that is, holds or sits in anything the project keeps.

    MkDocs empties site_dir before every build and gongkai rewrites docs_dir: either one on content/,
    docs/, .git, overrides/, generator/ or the project itself would destroy it. Paths are compared
    resolved, so a symbolic link to a protected folder is caught too."""
    root = config.root
    protected = [
        ("内容目录", config.content_dir.resolve()),
        ("手写页面目录", config.pages_dir.resolve()),
        ("Git 仓库", (root / ".git").resolve()),
        ("主题目录", (root / "overrides").resolve()),
        ("程序目录", (root / "generator").resolve()),
    ]
    protected += [("Git 仓库", (folder / ".git").resolve()) for folder in root.parents if (folder / ".git").exists()]
    if config.theme_dir is not None:
        protected.append(("主题目录 (theme.custom_dir)", config.theme_dir))
    outputs = (("site_dir", config.site_dir, site_shown, SITE_DIR_WHY), ("docs_dir", config.stage_dir, stage_shown, STAGE_DIR_WHY))
    for key, folder, shown, why in outputs:
        written = shown or _named(folder, root).rstrip("/")
        name = f"{CONFIG_FILE}: {key}: {written!r}"
        if os.path.normpath(root / written) != str(folder):
            name += f" (实际位置 {folder})"
        if folder == root:
            raise ConfigError(f"{name} 是项目根目录 ({why})")
        if _inside(root, folder):
            raise ConfigError(f"{name} 包含项目根目录 ({why})")
        for label, path in protected:
            if _inside(folder, path) or _inside(path, folder):
                raise ConfigError(f"{name} 与 {label} {_named(path, root)} 重叠 ({why})")
    if _inside(config.site_dir, config.stage_dir) or _inside(config.stage_dir, config.site_dir):
        written = stage_shown or _named(config.stage_dir, root).rstrip("/")
        raise ConfigError(f"{CONFIG_FILE}: site_dir: {(site_shown or _named(config.site_dir, root).rstrip('/'))!r} "
                          f"与 docs_dir {written!r} 重叠 ({SITE_DIR_WHY})")


def load_config(root: Path) -> SiteConfig:
    try:
        return _load_config(root)
    except RecursionError:
        raise ConfigError(f"{CONFIG_FILE}: 嵌套太深或引用了自身, 无法读取") from None


def _load_config(root: Path) -> SiteConfig:
    root = root.resolve()
    path = root / CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8")
        _refuse_aliases(text)
        raw = yaml.load(text, Loader=_TolerantLoader)
    except FileNotFoundError:
        raise ConfigError(f"{path}: 找不到站点配置文件 (请在项目根目录运行)") from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise ConfigError(f"{CONFIG_FILE}: 无法读取: {err}") from None
    except (ValueError, OverflowError) as err:  # a date such as 2024-02-30, a number too long
        raise ConfigError(f"{CONFIG_FILE}: 无法读取: {err}") from None
    except OSError as err:
        raise ConfigError(f"{path}: 无法读取站点配置文件: {err.strerror}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{CONFIG_FILE}: 应为键值表 (site_name: …, extra: …), 实际是 {type_name(raw)}")
    extra = raw.get("extra") or {}
    gongkai = extra.get("gongkai") if isinstance(extra, dict) else None
    if not isinstance(gongkai, dict):
        raise ConfigError(f"{CONFIG_FILE}: 缺少 extra.gongkai 配置段 (站点名称、发布机构等)")
    if "empty_reasons" in gongkai:
        raise ConfigError(f"{CONFIG_FILE}: extra.gongkai.empty_reasons: 已改为写在各栏目的 empty 中 "
                          "(例如 columns: [{standard: interpretations, empty: 本机关暂无需要解读的政策文件。}, …])")
    contact_table = table_of(gongkai, "contact", "extra.gongkai")
    contact = Contact(**{k: text_of(contact_table, k, "extra.gongkai.contact") for k in ("address", "phone", "hours", "email")})
    index_number = table_of(gongkai, "index_number", "extra.gongkai")
    town = text_of(gongkai, "town", "extra.gongkai")
    if not town:
        raise ConfigError(f"{CONFIG_FILE}: extra.gongkai.town: 不能为空 (例如 纸坊镇)")
    content_dir, _ = _folder(root, gongkai, "content_dir", "extra.gongkai", "content")
    pages_dir, _ = _folder(root, gongkai, "pages_dir", "extra.gongkai", "docs")
    stage_dir, stage_shown = _folder(root, raw, "docs_dir", "", "docs")
    site_dir, site_shown = _folder(root, raw, "site_dir", "", "site")
    for key, folder in (("content_dir", content_dir), ("pages_dir", pages_dir)):
        if _inside(root, folder):
            raise ConfigError(f"{CONFIG_FILE}: extra.gongkai.{key}: 不能是项目根目录或包含它 (例如 {'content' if key == 'content_dir' else 'docs'})")
    config = SiteConfig(
        root=root,
        content_dir=root / text_of(gongkai, "content_dir", "extra.gongkai", "content"),
        pages_dir=root / text_of(gongkai, "pages_dir", "extra.gongkai", "docs"),
        stage_dir=stage_dir,
        site_dir=site_dir,
        site_name=text_of(raw, "site_name", ""),
        town=town,
        issuer=text_of(gongkai, "issuer", "extra.gongkai"),
        host=text_of(gongkai, "host", "extra.gongkai"),
        contact=contact,
        site_url=text_of(raw, "site_url", ""),
        site_id_code=text_of(gongkai, "site_id_code", "extra.gongkai"),
        index_prefix=text_of(index_number, "prefix", "extra.gongkai.index_number"),
        index_serial_digits=number_of(index_number, "serial_digits", "extra.gongkai.index_number", 5, 1, 10),
        validity=validity_of(table_of(gongkai, "validity", "extra.gongkai")),
        deadlines=_deadlines(table_of(gongkai, "report_deadlines", "extra.gongkai")),
        first_year=number_of(gongkai, "first_year", "extra.gongkai", 0, 1949, 2100),
        allowed_numbers=texts_of(table_of(gongkai, "personal_data", "extra.gongkai"), "allowed", "extra.gongkai.personal_data"),
        footer=_footer(table_of(gongkai, "footer", "extra.gongkai"), gongkai, contact,
                       tuple(f for f in (pages_dir, _theme_dir(root, raw)) if f is not None)),
        columns=_columns(text),
        application=_application(table_of(gongkai, "application", "extra.gongkai"), contact),
        standard_catalog=_standard_catalog(root, gongkai),
        stale_months=number_of(gongkai, "stale_months", "extra.gongkai", 6, 1, 120),
        search=_search(gongkai),
        nav=_nav(raw.get("nav") or []),
        text=text,
        theme_dir=_theme_dir(root, raw),
        hooks=_hooks(root, raw),
    )
    check_folders(config, site_shown, stage_shown)
    extensions = extensions_problem(text)
    if extensions:
        raise ConfigError(f"{CONFIG_FILE}: markdown_extensions: {redact(extensions)}")
    return config
