"""Declared columns (栏目): what each folder of content/ holds, read from mkdocs.yml `extra.gongkai.columns`.

A column names its folder, its record kind (which of gongkai's rules apply: 有效性 for 规范性文件, the
tables of a 年报 …), the fields its records carry on top of the common ones, how its listing groups and
sorts, and what an empty listing says. Without `columns` the standard township set
(standard_columns.yml) is used; an entry `- standard: notices` takes one standard column and may
override its keys. Every mistake is a Problem at the line of mkdocs.yml where it was written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import yaml

from ..config_values import CONFIG_FILE
from ..errors import Problem, SourceRef
from .readers import RawValue, raw_value

KINDS = {"item": "信息", "policy": "规范性文件", "interpretation": "政策解读", "report": "年度报告"}
REPORT_TYPES = {"gongkai": "政府信息公开", "fazhi": "法治政府建设"}
REPORT_NAMES = {"政府信息公开": "政府信息公开工作年度报告", "法治政府建设": "法治政府建设年度报告"}  # by report type
HAND_WRITTEN_KIND = "政府信息公开指南和制度"  # the 类型 of the hand-written pages (docs/, 指南, 依申请公开) in search
FIELD_TYPES = ("text", "date", "year", "doc_number", "choice", "list", "table", "publicity_end", "party")
# Keys every record has, and those a kind adds: a declared field may not take one of their names.
COMMON_KEYS = ("标题", "发布日期", "发布机构", "发文机关", "索引号", "摘要", "关键词", "附件", "撤回", "修订记录", "公开号码")
# The fields each kind brings (models.py converts them) and their field type, for group/sort/show; a
# declared field may not take one of their names.
KIND_FIELDS: dict[str, dict[str, str]] = {
    "item": {},
    "policy": {"文号": "doc_number", "成文日期": "date", "施行日期": "date", "有效期至": "date", "登记号": "text", "主题分类": "text",
               "废止": "entry", "修改": "list"},
    "interpretation": {"解读文件": "doc_number"},
    "report": {"年度": "year", "报告类型": "text", "表二": "table", "表三": "table", "表四": "table"},
}
YEAR = "year"  # group/sort by the year of 发布日期
PUBLISHED = "发布日期"
_FOLDER = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


@dataclass(frozen=True)
class FieldDecl:
    name: str  # the front-matter key staff write
    type: str  # one of FIELD_TYPES
    required: bool = False
    options: tuple[str, ...] = ()  # choice: the allowed values
    columns: tuple[str, ...] = ()  # table: the columns of each row
    only_when: tuple[tuple[str, str], ...] = ()  # allowed only when these fields hold these values
    example: str = ""  # what `gongkai new` writes and errors suggest
    line: int = 0


@dataclass(frozen=True)
class Column:
    name: str  # 栏目名称, as the site shows it
    folder: str  # content/<folder>/ and the URL /<folder>/
    kind: str  # one of KINDS
    fields: tuple[FieldDecl, ...] = ()
    report: str = ""  # kind report: gongkai or fazhi
    group: str = YEAR  # listing headings: year of 发布日期, or a year/choice field's name
    sort: str = PUBLISHED  # newest first by 发布日期 or by a date/year field
    show: tuple[str, ...] = ()  # fields shown beside the title in the listing
    empty: str = ""  # why the listing is legitimately empty
    feed: bool = False  # an RSS feed at feeds/<folder>.xml
    stale_warning: bool = False  # `check` warns when nothing new for stale_months
    aliases: tuple[str, ...] = ()  # words `gongkai new` accepts besides the name and folder
    column_type: str = "信息公开"  # the ColumnType <meta> national crawlers read
    line: int = 0

    @property
    def issuer_key(self) -> str:
        return "发文机关" if self.kind == "policy" else "发布机构"

    @property
    def unit(self) -> str:
        """The measure word a count of its records takes: 5 条通知, 5 件规范性文件, 2 篇报告."""
        return {"policy": "件", "interpretation": "篇", "report": "篇"}.get(self.kind, "条")

    @property
    def report_type(self) -> str:
        return REPORT_TYPES.get(self.report, "")

    def field(self, name: str) -> FieldDecl | None:
        return next((f for f in self.fields if f.name == name), None)


class _Declarations:
    """Reads one list of declarations, collecting every problem with its line."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, line: int, key: str, message: str, expected: str = "") -> None:
        self.problems.append(Problem(SourceRef(self.path, line), key, message, expected))

    def table(self, value: RawValue, where: str, allowed: tuple[str, ...], example: str) -> dict[str, RawValue] | None:
        if value.kind != "map":
            self.problem(value.line, where, "应为键值表", example)
            return None
        found: dict[str, RawValue] = {}
        for key, item in value.data:  # type: ignore[misc]
            if key not in allowed:
                self.problem(item.line, where, f"未知的键 '{key}'", "可写 " + ", ".join(allowed))
            elif key in found:
                self.problem(item.line, where, f"'{key}' 写了两次", "每个键只写一次")
            else:
                found[key] = item
        return found

    def text(self, table: dict[str, RawValue], key: str, where: str, default: str = "", limit: int = 200) -> str:
        value = table.get(key)
        if value is None:
            return default
        if value.kind != "text":
            self.problem(value.line, f"{where}.{key}", "应为文字, 不是列表或键值表")
            return default
        text = " ".join(str(value.data).split())
        if len(text) > limit or any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in text):
            self.problem(value.line, f"{where}.{key}", f"太长或含有控制字符 (最多 {limit} 个字符)")
            return default
        return text

    def name(self, table: dict[str, RawValue], key: str, where: str, default: str = "", limit: int = 40) -> str:
        """A name the site shows as a heading, tag or menu entry: letters, digits, 汉字 and a few marks only."""
        text = self.text(table, key, where, default, limit)
        bad = next((c for c in text if not (c.isalnum() or c in NAME_MARKS)), None)
        if bad is not None and key in table:
            self.problem(table[key].line, f"{where}.{key}", f"'{text}' 含有不能用在名称中的字符 '{bad}'",
                         "名称只用汉字、字母、数字、空格和 " + NAME_MARKS.strip())
            return default
        return text

    def texts(self, table: dict[str, RawValue], key: str, where: str) -> tuple[str, ...]:
        value = table.get(key)
        if value is None:
            return ()
        items = value.data if value.kind == "list" else (value,)
        found = []
        for item in items:  # type: ignore[union-attr]
            word = self.name({key: item}, key, where)
            if word:
                found.append(word)
        return tuple(found)

    def flag(self, table: dict[str, RawValue], key: str, where: str, default: bool) -> bool:
        value = table.get(key)
        if value is None:
            return default
        if value.kind != "text" or str(value.data) not in ("true", "false"):
            self.problem(value.line, f"{where}.{key}", f"应为 true 或 false, 实际是 {value.data!r:.40}")
            return default
        return value.data == "true"


NAME_MARKS = "（）()、·—-_/ "
COLUMN_KEYS = ("standard", "name", "folder", "kind", "report", "fields", "group", "sort", "show", "empty", "feed",
               "stale_warning", "aliases", "column_type")
FIELD_KEYS = ("name", "type", "required", "options", "columns", "only_when", "example")
EXAMPLE = "例如 - {name: 财政预决算, folder: finance, kind: item}"


def read_columns(value: RawValue | None, path: str) -> tuple[tuple[Column, ...], list[Problem]]:
    """The columns declared at `value` (None: the standard set); problems name lines of `path`."""
    standard = standard_columns()
    if value is None:
        return standard, []
    reader = _Declarations(path)
    if value.kind != "list":
        reader.problem(value.line, "columns", "应为栏目的列表, 每项以“- ”开头", EXAMPLE)
        return (), reader.problems
    columns: list[Column] = []
    for item in value.data:  # type: ignore[union-attr]
        column = _column(reader, item, {c.folder: c for c in standard})
        if column is None:
            continue
        clash = next((c for c in columns if c.folder == column.folder or c.name == column.name), None)
        if clash:
            what = "folder" if clash.folder == column.folder else "name"
            reader.problem(column.line, f"columns.{what}", f"与第 {clash.line} 行的栏目重复", "每个栏目的 name 和 folder 都唯一")
            continue
        columns.append(column)
    if not columns and not reader.problems:
        reader.problem(value.line, "columns", "没有声明任何栏目", EXAMPLE)
    return tuple(columns), reader.problems


def _column(reader: _Declarations, value: RawValue, standard: dict[str, Column]) -> Column | None:
    table = reader.table(value, "columns", COLUMN_KEYS, EXAMPLE)
    if table is None:
        return None
    before = len(reader.problems)
    base = None
    if "standard" in table:
        reported = len(reader.problems)
        name = reader.text(table, "standard", "columns")
        base = standard.get(name)
        if base is None:
            if len(reader.problems) == reported:
                reader.problem(table["standard"].line, "columns.standard", f"没有名为 '{name}' 的标准栏目", "可写 " + ", ".join(standard))
            return None
        for key in ("kind", "report"):
            if key in table:
                reader.problem(table[key].line, f"columns.{key}", f"标准栏目“{base.name}”的 {key} 不能改",
                               "要不同的记录类型, 请去掉 standard, 完整声明一个新栏目")
                return None
    reported = len(reader.problems)
    folder = reader.text(table, "folder", "columns", base.folder if base else "")
    if len(reader.problems) > reported:
        pass  # not a text: already reported
    elif not _FOLDER.fullmatch(folder) or set(folder) - set("abcdefghijklmnopqrstuvwxyz0123456789-") or folder in RESERVED_FOLDERS:
        line = table["folder"].line if "folder" in table else value.line
        reader.problem(line, "columns.folder", f"'{folder}' 不能作为栏目文件夹" if folder else "缺少 folder",
                       "小写字母、数字和连字符, 例如 finance (也是网址的一部分); 不能用 " + ", ".join(sorted(RESERVED_FOLDERS)))
    reported = len(reader.problems)
    name = reader.name(table, "name", "columns", base.name if base else "")
    if not name and len(reader.problems) == reported:
        reader.problem(value.line, "columns.name", "缺少栏目名称", "例如 name: 财政预决算")
    kind = reader.text(table, "kind", "columns", base.kind if base else "item")
    if kind not in KINDS:
        reader.problem(table["kind"].line, "columns.kind", f"不认识的记录类型 '{kind}'",
                       "可写 " + ", ".join(f"{k} ({label})" for k, label in KINDS.items()))
        kind = "item"
    report = reader.text(table, "report", "columns", base.report if base else "")
    if kind == "report" and report not in REPORT_TYPES:
        line = table["report"].line if "report" in table else value.line
        reader.problem(line, "columns.report", f"年度报告栏目应写明报告类型, 实际是 '{report}'", "可写 gongkai (政府信息公开) 或 fazhi (法治政府建设)")
    elif kind != "report" and report:
        reader.problem(table["report"].line, "columns.report", "只有 kind: report 的栏目才写 report")
    fields = base.fields if base and "fields" not in table else _fields(reader, table.get("fields"), kind)
    column = Column(
        name=name, folder=folder, kind=kind, fields=fields, report=report,
        group=reader.name(table, "group", "columns", base.group if base else (YEAR if kind != "report" else "年度")),
        sort=reader.name(table, "sort", "columns", base.sort if base else PUBLISHED),
        show=reader.texts(table, "show", "columns") if "show" in table else (base.show if base else ()),
        empty=reader.text(table, "empty", "columns", base.empty if base else "", limit=500),
        feed=reader.flag(table, "feed", "columns", base.feed if base else False),
        stale_warning=reader.flag(table, "stale_warning", "columns", base.stale_warning if base else False),
        aliases=reader.texts(table, "aliases", "columns") if "aliases" in table else (base.aliases if base else ()),
        column_type=reader.name(table, "column_type", "columns", base.column_type if base else "信息公开"),
        line=value.line,
    )
    _check_listing(reader, column, table)
    return column if len(reader.problems) == before else None


RESERVED_FOLDERS = frozenset({"catalog", "search", "sitemap", "contact", "feeds", "assets", "search-index", "guide", "application",
                              "standard-catalog", "page", "current", "repealed"})


def _check_listing(reader: _Declarations, column: Column, table: dict[str, RawValue]) -> None:
    types = {**KIND_FIELDS[column.kind], **{f.name: f.type for f in column.fields}}
    line = lambda key: table[key].line if key in table else column.line  # noqa: E731
    if column.group != YEAR and types.get(column.group) not in ("year", "choice"):
        reader.problem(line("group"), "columns.group", f"不能按 '{column.group}' 分组", "可写 year (发布年份), 或本栏目一个 year 或 choice 类型字段的名称")
    if column.sort != PUBLISHED and types.get(column.sort) not in ("date", "year"):
        reader.problem(line("sort"), "columns.sort", f"不能按 '{column.sort}' 排序", "可写 发布日期, 或本栏目一个 date 或 year 类型字段的名称")
    for name in column.show:
        if name not in types or types[name] in ("table", "entry"):
            reader.problem(line("show"), "columns.show", f"列表中不能显示 '{name}'", "可写本栏目的字段名 (table 类型除外)")


def _fields(reader: _Declarations, value: RawValue | None, kind: str) -> tuple[FieldDecl, ...]:
    if value is None:
        return ()
    if value.kind != "list":
        reader.problem(value.line, "columns.fields", "应为字段的列表", "例如 - {name: 年度, type: year, required: true}")
        return ()
    taken = set(COMMON_KEYS) | set(KIND_FIELDS[kind])
    found: list[FieldDecl] = []
    for item in value.data:  # type: ignore[union-attr]
        table = reader.table(item, "columns.fields", FIELD_KEYS, "例如 - {name: 年度, type: year}")
        if table is None:
            continue
        name = reader.name(table, "name", "columns.fields", limit=20)
        type_ = reader.text(table, "type", "columns.fields", "text")
        if not name or " " in name:
            reader.problem(item.line, "columns.fields.name", f"字段名 '{name}' 不可用" if name else "缺少字段名", "写中文字段名, 不含空格, 例如 年度")
            continue
        if name in taken or any(f.name == name for f in found):
            reader.problem(item.line, "columns.fields.name", f"字段 '{name}' 已经有了", "每个栏目都有的字段不必再写: " + "、".join(COMMON_KEYS))
            continue
        if type_ not in FIELD_TYPES:
            reader.problem(table["type"].line, "columns.fields.type", f"不认识的字段类型 '{type_}'", "可写 " + ", ".join(FIELD_TYPES))
            continue
        options = reader.texts(table, "options", "columns.fields")
        if (type_ == "choice") != bool(options):
            reader.problem(item.line, "columns.fields.options", "choice 类型要写 options, 其他类型不写" if type_ == "choice" else "只有 choice 类型才写 options",
                           "例如 options: [预算, 决算]")
        columns = reader.texts(table, "columns", "columns.fields")
        if (type_ == "table") != bool(columns):
            reader.problem(item.line, "columns.fields.columns", "table 类型要写 columns (表格的各列)" if type_ == "table" else "只有 table 类型才写 columns",
                           "例如 columns: [姓名, 职务, 分工]")
        only_when = _only_when(reader, table.get("only_when"), found)
        if type_ == "publicity_end" and any(f.type == "publicity_end" for f in found):
            reader.problem(item.line, "columns.fields.type", "一个栏目只能有一个 publicity_end (公示期至) 字段")
        found.append(FieldDecl(name, type_, reader.flag(table, "required", "columns.fields", False), options, columns, only_when,
                               reader.text(table, "example", "columns.fields"), item.line))
    return tuple(found)


def _only_when(reader: _Declarations, value: RawValue | None, earlier: list[FieldDecl]) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    choices = tuple(f.name for f in earlier if f.type == "choice")
    if not choices:
        reader.problem(value.line, "columns.fields.only_when", "只能引用写在本字段之前的 choice 字段", "先声明 choice 字段, 例如 {name: 类别, type: choice, options: [通知, 公示]}")
        return ()
    table = reader.table(value, "columns.fields.only_when", choices, "例如 only_when: {类别: 公示}")
    found = []
    for key, item in (table or {}).items():
        option = reader.text({key: item}, key, "columns.fields.only_when")
        decl = next(f for f in earlier if f.name == key)
        if option not in decl.options:
            reader.problem(item.line, "columns.fields.only_when", f"'{option}' 不是 {key} 的选项", "可写 " + " / ".join(decl.options))
        found.append((key, option))
    return tuple(found)


_STANDARD: tuple[Column, ...] | None = None
STANDARD_FILE = "standard_columns.yml"


def standard_columns() -> tuple[Column, ...]:
    """The standard township set shipped with gongkai (国办发〔2019〕54号; 条例 第二十条、第二十一条)."""
    global _STANDARD
    if _STANDARD is None:
        text = resources.files(__package__).joinpath(STANDARD_FILE).read_text(encoding="utf-8")
        reader = _Declarations(f"generator/content/{STANDARD_FILE}")
        items = raw_value(yaml.compose(text, Loader=yaml.SafeLoader), 1).data
        _STANDARD = tuple(c for item in items if (c := _column(reader, item, {})) is not None)  # type: ignore[union-attr]
        if reader.problems:  # a mistake in the shipped file is our bug, never the user's
            raise RuntimeError("\n".join(map(str, reader.problems)))
    return _STANDARD


def nav_problems(columns: tuple[Column, ...], nav: tuple, text: str, standard_catalog: bool) -> list[Problem]:
    """With a nav in mkdocs.yml, every generated listing must be in it: MkDocs (and Zensical) build the
    navigation from mkdocs.yml alone, so a column left out would have no way in from the menu."""
    if not nav:
        return []
    listed = set(_nav_paths(nav))
    nav_line = next((number for number, line in enumerate(text.split("\n"), 1) if line.startswith("nav:")), 1)
    wanted = [(f"{c.folder}/index.md", c.name, c.line or nav_line) for c in columns]
    wanted += [("guide.md", "政府信息公开指南", nav_line), ("application/index.md", "依申请公开", nav_line)]
    wanted += [("standard-catalog/index.md", "基层政务公开标准目录", nav_line)] if standard_catalog else []
    return [Problem(SourceRef(CONFIG_FILE, line), "nav", f"“{name}”的页面 {path} 不在导航中", f"在 nav 中加一行 - {name}: {path}")
            for path, name, line in wanted if path not in listed]



def _nav_paths(items: tuple) -> list[str]:
    found = []
    for _, target in items:
        found += [target] if isinstance(target, str) else _nav_paths(target)
    return found
