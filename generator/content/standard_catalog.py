"""The 基层政务公开标准目录 (国办发〔2019〕54号): 领域 → 事项 with their standard elements, read from a YAML file.

Each 事项 names the column where it is published, so the site can link it and show when that column was
last updated, and `check` can warn when nothing has appeared there within the 事项's 更新周期.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import Problem, SourceRef
from .columns import Column
from .readers import MAX_RECORD_BYTES, RawValue, first_alias, marked_yaml_problem, raw_value, relative_to_root

# The standard elements of a 公开事项, in the order the national catalogue prints them.
ELEMENTS = ("公开内容", "公开依据", "公开时限", "公开主体", "公开渠道", "公开对象", "公开方式")
MATTER_KEYS = ("事项", "栏目", *ELEMENTS, "更新周期")
_PERIOD = re.compile(r"(\d{1,3})\s*(个月|月|年|天|日)")
MAX_TEXT = 500


@dataclass(frozen=True)
class Period:
    """How often a 事项 gets something new at the least: N months or N days."""

    amount: int
    unit: str  # "月" or "天"

    def __str__(self) -> str:
        return f"{self.amount}个月" if self.unit == "月" else f"{self.amount}天"


@dataclass(frozen=True)
class Matter:
    name: str  # 公开事项
    folder: str  # the column it is published in
    elements: tuple[tuple[str, str], ...]  # (element, text) for the ELEMENTS given
    period: Period | None
    line: int


@dataclass(frozen=True)
class Domain:
    name: str  # 领域: 财政预决算, 社会救助, …
    matters: tuple[Matter, ...]


def read_standard_catalog(path: Path, root: Path, columns: tuple[Column, ...]) -> tuple[tuple[Domain, ...], list[Problem]]:
    shown = relative_to_root(path, root)
    problems: list[Problem] = []

    def problem(line: int, key: str, message: str, expected: str = "") -> None:
        problems.append(Problem(SourceRef(shown, line), key, message, expected))

    try:
        if path.is_symlink() or not path.is_file():
            raise FileNotFoundError
        data = path.read_bytes()
        if len(data) > MAX_RECORD_BYTES:
            return (), [Problem(SourceRef(shown, 1), "", f"文件太大 ({len(data) // 1024} KB)", "标准目录一般只有几十 KB")]
        text = data.decode("utf-8")
        alias = first_alias(text)
        if alias is not None:
            return (), [Problem(SourceRef(shown, alias.start_mark.line + 1), "", "不支持 YAML 的 & 锚点和 * 引用", "每个值请直接写出来")]
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except FileNotFoundError:
        return (), [Problem(SourceRef(shown, 1), "", "找不到标准目录文件 (或它是符号链接)", "在 mkdocs.yml 的 standard_catalog 中写对文件名")]
    except (UnicodeDecodeError, OSError) as error:
        return (), [Problem(SourceRef(shown, 1), "", f"无法读取 ({error})", "应为 UTF-8 编码的 YAML 文件")]
    except yaml.MarkedYAMLError as error:
        return (), [marked_yaml_problem(error, text, SourceRef(shown, 1), 1)]
    except (yaml.YAMLError, RecursionError) as error:
        return (), [Problem(SourceRef(shown, 1), "", f"YAML 语法错误: {error}")]
    folders = {c.folder: c for c in columns}
    domains = []
    top = raw_value(node, 1) if node is not None else RawValue((), 1, "list")
    if top.kind != "list":
        problem(top.line, "", "应为领域的列表", "例如 - 领域: 财政预决算")
        return (), problems
    for item in top.data:  # type: ignore[union-attr]
        table = dict(item.data) if item.kind == "map" else {}  # type: ignore[arg-type]
        if set(table) != {"领域", "事项"} or table["领域"].kind != "text" or table["事项"].kind != "list":
            problem(item.line, "领域", "每个领域应写 领域 (名称) 和 事项 (列表)", "例如 - {领域: 财政预决算, 事项: [...]}")
            continue
        matters = [m for entry in table["事项"].data if (m := _matter(entry, folders, problem))]  # type: ignore[union-attr]
        domains.append(Domain(_text(table["领域"], "领域", problem), tuple(matters)))
    return tuple(domains), problems


def _text(value: RawValue, key: str, problem) -> str:
    if value.kind != "text":
        problem(value.line, key, "应为文字, 不是列表或键值表")
        return ""
    text = " ".join(str(value.data).split())
    if len(text) > MAX_TEXT or any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029" for c in text):
        problem(value.line, key, f"太长或含有控制字符 (最多 {MAX_TEXT} 个字符)")
        return ""
    return text


def _matter(value: RawValue, folders: dict[str, Column], problem) -> Matter | None:
    if value.kind != "map":
        problem(value.line, "事项", "每个事项应写成 键: 值", "例如 - {事项: 乡镇财政预算, 栏目: finance, 公开时限: 批准后20日内}")
        return None
    table: dict[str, RawValue] = {}
    for key, item in value.data:  # type: ignore[misc]
        if key not in MATTER_KEYS:
            problem(item.line, key, "未知的键", "可写 " + "、".join(MATTER_KEYS))
        else:
            table[key] = item
    name = _text(table["事项"], "事项", problem) if "事项" in table else ""
    if not name:
        problem(value.line, "事项", "缺少事项名称", "例如 事项: 乡镇财政预算")
        return None
    folder = _text(table["栏目"], "栏目", problem) if "栏目" in table else ""
    if folder not in folders:
        problem(table["栏目"].line if "栏目" in table else value.line, "栏目", f"没有这个栏目 '{folder}'" if folder else "缺少栏目",
                "写栏目的文件夹名: " + ", ".join(folders))
        return None
    period = None
    if "更新周期" in table:
        written = _text(table["更新周期"], "更新周期", problem)
        match = _PERIOD.fullmatch(written.replace(" ", ""))
        if not match or int(match.group(1)) == 0:
            problem(table["更新周期"].line, "更新周期", f"'{written}' 不是周期", "例如 12个月、1年、30天")
        else:
            amount, unit = int(match.group(1)), match.group(2)
            period = Period(amount * 12, "月") if unit == "年" else Period(amount, "月" if unit in ("个月", "月") else "天")
    elements = tuple((key, _text(table[key], key, problem)) for key in ELEMENTS if key in table)
    return Matter(name, folder, elements, period, value.line)
