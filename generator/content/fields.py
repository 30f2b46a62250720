"""Field types: each turns a front-matter value as written into a typed value, or raises Invalid."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable

from .readers import RawValue


class Invalid(Exception):
    """A value that cannot be converted; `expected` says what to write instead."""

    def __init__(self, message: str, expected: str = "", line: int | None = None):
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.line = line


@dataclass(frozen=True)
class Attachment:
    file: str  # name relative to the record's folder, as written
    name: str  # what the download link says
    path: Path  # absolute path of the file


def _plain(value: RawValue, what: str = "一段文字") -> str:
    if value.kind != "text":
        raise Invalid("应为一个值, 不是列表或键值表", what)
    return str(value.data)


def _normalized(text: str) -> str:
    """Full-width digits and spaces, as Chinese input methods type them, become ASCII."""
    return "".join(unicodedata.normalize("NFKC", ch) if ch.isdigit() or ch.isspace() else ch for ch in text)


def text(value: RawValue) -> str:
    return " ".join(_plain(value).split())


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_CHINESE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
DATE_EXPECTED = "应为 2024-03-15 或 2024年3月15日"
# Dates and years staff may write: from the founding of the PRC to a horizon that keeps every derived date
# (有效期 of up to 100 years, report deadlines) far inside what datetime and the build tools can represent.
FIRST_YEAR, LAST_YEAR = 1949, 2100
YEAR_RANGE = f"应在 {FIRST_YEAR} 至 {LAST_YEAR} 年之间"


def date(value: RawValue) -> dt.date:
    written = _plain(value, DATE_EXPECTED)
    compact = "".join(_normalized(written).split())
    match = _ISO_DATE.fullmatch(compact) or _CHINESE_DATE.fullmatch(compact)
    if not match:
        raise Invalid(f"'{written}' 不是日期", DATE_EXPECTED)
    year, month, day = (int(part) for part in match.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Invalid(f"'{written}' 年份超出范围", YEAR_RANGE)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Invalid(f"'{written}' 是不存在的日期", "请核对月份和日子") from None


def year(value: RawValue) -> int:
    written = _plain(value, "应为四位年份, 例如 2023")
    compact = _normalized(written).strip().removesuffix("年")
    if not re.fullmatch(r"\d{4}", compact):
        raise Invalid(f"'{written}' 不是年份", "应为四位年份, 例如 2023")
    if not FIRST_YEAR <= int(compact) <= LAST_YEAR:
        raise Invalid(f"'{written}' 年份超出范围", YEAR_RANGE)
    return int(compact)


def choice(*options: str):
    def convert(value: RawValue) -> str:
        written = text(value)
        if written not in options:
            raise Invalid(f"'{written}' 不是可选的值", "应为 " + " / ".join(options))
        return written

    return convert


_SEPARATORS = re.compile(r"[,，、;；\s]+")


def keywords(value: RawValue) -> tuple[str, ...]:
    """A list, or one line separated by 、 or commas: both are what staff write."""
    if value.kind == "list":
        return tuple(word for item in value.data for word in [text(item)] if word)  # type: ignore[union-attr]
    return tuple(word for word in _SEPARATORS.split(_plain(value)) if word)


def attachments(value: RawValue, folder: Path, content_dir: Path) -> tuple[Attachment, ...]:
    items = value.data if value.kind == "list" else (value,)
    found = []
    for item in items:  # type: ignore[union-attr]
        file, name = _attachment_entry(item)
        found.append(_resolve_attachment(file, name or PurePosixPath(file).name, folder, content_dir, item.line))
    return tuple(found)


def _attachment_entry(item: RawValue) -> tuple[str, str]:
    if item.kind == "text":
        return str(item.data), ""
    if item.kind == "map":
        pairs = dict(item.data)  # type: ignore[arg-type]
        unknown = sorted(set(pairs) - {"文件", "名称"})
        if unknown or "文件" not in pairs:
            raise Invalid("附件项应有 文件 (和可选的 名称)", "例如 - {文件: 报名表.docx, 名称: 报名表}", item.line)
        return _plain(pairs["文件"]).strip(), text(pairs["名称"]) if "名称" in pairs else ""
    raise Invalid("附件项应为文件名", "例如 - 报名表.docx", item.line)


def _resolve_attachment(file: str, name: str, folder: Path, content_dir: Path, line: int) -> Attachment:
    relative = PurePosixPath(file.replace("\\", "/"))
    if not file or relative.is_absolute() or ".." in relative.parts:
        raise Invalid(f"附件 '{file}' 不在本条目的文件夹内", "附件应与本文件放在同一文件夹, 只写文件名", line)
    if any(len(part.encode("utf-8")) > 255 for part in relative.parts):  # no file system holds such a name
        raise Invalid(f"附件文件名太长 ({len(file)} 个字符)", "文件名请不超过 80 个汉字", line)
    path = folder.joinpath(*relative.parts)
    try:
        found = path.is_file()
    except OSError as error:
        raise Invalid(f"附件 '{file}' 无法读取 ({error.strerror})", "请检查文件名", line) from None
    if not found:
        raise Invalid(f"找不到附件 '{file}'", f"应放在 {folder.name}/ 文件夹中, 与本文件在一起", line)
    if not path.resolve().is_relative_to(content_dir.resolve()):
        raise Invalid(f"附件 '{file}' 是指向 content/ 以外的链接", "请把文件本身复制到本条目的文件夹", line)
    return Attachment(relative.as_posix(), name, path)


def entry(value: RawValue, parts: dict[str, Callable[[RawValue], object]], example: str) -> dict[str, object]:
    """A small key/value table such as 撤回: {日期: …, 原因: …}; every part is required."""
    if value.kind != "map":
        raise Invalid("应写成分行的 " + "、".join(parts), example)
    given = dict(value.data)  # type: ignore[arg-type]
    unknown = sorted(set(given) - set(parts))
    if unknown:
        raise Invalid(f"未知的子项 '{unknown[0]}'", "可写 " + "、".join(parts), given[unknown[0]].line)
    converted = {}
    for key, convert in parts.items():
        if key not in given or (given[key].kind == "text" and not given[key].data):
            raise Invalid(f"缺少 {key}", example, value.line)
        try:
            converted[key] = convert(given[key])
        except Invalid as err:
            raise Invalid(f"{key}: {err.message}", err.expected, err.line or given[key].line) from None
    return converted


def entries(value: RawValue, parts: dict[str, Callable[[RawValue], object]], example: str) -> list[dict[str, object]]:
    items = value.data if value.kind == "list" else (value,)
    return [entry(item, parts, example) for item in items]  # type: ignore[union-attr]


def one_or_more(value: RawValue, convert: Callable[[RawValue], object]) -> tuple:
    """One value or a list of them, each converted; a problem names the item's own line."""
    items = value.data if value.kind == "list" else (value,)
    converted = []
    for item in items:  # type: ignore[union-attr]
        try:
            converted.append(convert(item))
        except Invalid as err:
            raise Invalid(err.message, err.expected, err.line or item.line) from None
    return tuple(converted)


def table(value: RawValue, columns: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Rows of a declared table field (领导信息: 姓名, 职务, 分工): each row a small table of those columns."""
    example = "例如 - {" + ", ".join(f"{c}: …" for c in columns) + "}"
    items = value.data if value.kind == "list" else (value,)
    rows = []
    for item in items:  # type: ignore[union-attr]
        if item.kind != "map":
            raise Invalid("每一行应写成 {列名: 值}", example, item.line)
        given = dict(item.data)  # type: ignore[arg-type]
        unknown = sorted(set(given) - set(columns))
        if unknown:
            raise Invalid(f"未知的列 '{unknown[0]}'", "可写 " + "、".join(columns), given[unknown[0]].line)
        rows.append(tuple(text(given[c]) if c in given else "" for c in columns))
    return tuple(rows)


# A natural person in a published decision is named masked (张某、王某某、李**): 条例 第十五条. Organisations
# keep their full name; a value of two to four 汉字 with no mask reads as a person's full name.
_MASKS = "某*＊×Xx○"
_PERSON = re.compile(r"[\u4e00-\u9fff]{2,4}")
_BODIES = ("公司", "局", "所", "站", "社", "厂", "店", "部", "会", "院", "中心", "委", "办", "队", "村", "组", "镇", "乡", "场", "行", "馆")


def party(value: RawValue) -> str:
    written = text(value)
    if _PERSON.fullmatch(written) and not any(mark in written for mark in _MASKS) and not written.endswith(_BODIES):
        raise Invalid(f"'{written}' 像是个人的全名, 公开的执法决定中个人姓名应隐去", f"写作 {written[0]}某某; 单位写全称", value.line)
    return written
