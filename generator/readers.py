"""Read content/: find record files, split front matter, keep the line of every YAML value.

YAML is composed, not constructed: every value stays the string staff typed (`010` stays "010",
`no` stays "no"), and the models convert it. Nothing here knows what a field means.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Union

import yaml

from .errors import Problem, SourceRef

try:  # the C loader is 8x faster; the pure-Python one behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

RECORD_SUFFIX = ".md"
BUNDLE_INDEX = "index.md"
_NULLS = {"", "~", "null", "Null", "NULL"}
_BAD_NAME_CHARS = set(" #?%\\")


@dataclass(frozen=True)
class RawValue:
    """A front-matter value as written: text, a list of values, or key/value pairs in order."""

    data: Union[str, tuple["RawValue", ...], tuple[tuple[str, "RawValue"], ...]]
    line: int
    kind: str  # "text", "list" or "map"


@dataclass(frozen=True)
class RawDocument:
    path: Path  # absolute path of the record file
    source: SourceRef  # path relative to the project root, line 1
    section: str  # the top folder under content/, e.g. "notices"
    slug: str  # the record's place inside its section, e.g. "2024-chungeng"; its URL derives from it
    fields: tuple[tuple[str, RawValue], ...]  # in file order, duplicates kept for the validator
    body: str
    body_line: int  # line of the body's first line in the file

    @property
    def folder(self) -> Path:
        return self.path.parent


def read_tree(content_dir: Path, root: Path, sections: frozenset[str]) -> tuple[list[RawDocument], list[Problem]]:
    documents: list[RawDocument] = []
    problems: list[Problem] = []
    if not content_dir.is_dir():
        return documents, [Problem(SourceRef(_rel(content_dir, root), 0), "", "找不到内容目录", "应有 content/ 文件夹")]
    for entry in sorted(content_dir.iterdir()):
        if entry.name.startswith("."):
            continue
        ref = SourceRef(_rel(entry, root), 1)
        if entry.is_dir() and entry.name not in sections:
            problems.append(Problem(ref, "", "未知的栏目文件夹", "应为 " + " / ".join(sorted(sections))))
        elif entry.is_dir():
            for path, slug in _record_files(entry):
                document, found = read_document(path, root, entry.name, slug)
                problems.extend(found)
                if document is not None:
                    documents.append(document)
        elif entry.suffix == RECORD_SUFFIX and entry.name.lower() != "readme.md":
            problems.append(Problem(ref, "", "文件不在任何栏目文件夹中", "应放在 " + " / ".join(sorted(sections)) + " 之一"))
    return documents, problems


def _record_files(section_dir: Path) -> list[tuple[Path, str]]:
    """Record files of one section with their slugs; a folder with index.md is one record (a bundle)."""
    found: list[tuple[Path, str]] = []
    for folder, dirnames, filenames in os.walk(section_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(folder)
        relative = here.relative_to(section_dir).as_posix()
        if here != section_dir and BUNDLE_INDEX in filenames:
            found.append((here / BUNDLE_INDEX, relative))
            dirnames[:] = []  # everything else in a bundle is an attachment
            continue
        for name in sorted(filenames):
            if name.endswith(RECORD_SUFFIX) and not name.startswith(".") and name.lower() != "readme.md":
                stem = name[: -len(RECORD_SUFFIX)]
                found.append((here / name, stem if relative == "." else f"{relative}/{stem}"))
    return found


def read_document(path: Path, root: Path, section: str, slug: str) -> tuple[RawDocument | None, list[Problem]]:
    ref = SourceRef(_rel(path, root), 1)
    bad = sorted(set(slug) & _BAD_NAME_CHARS)
    if bad:
        return None, [Problem(ref, "", "文件名或文件夹名含有网址不能用的字符 " + " ".join(repr(c) for c in bad), "请改用字母、数字、汉字和 -")]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [_encoding_problem(ref, data)]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None, [Problem(ref, "", "缺少文件头", "文件第一行应为 ---, 其后是 标题: … 等字段, 再以 --- 结束")]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return None, [Problem(ref, "", "文件头没有结束", "字段之后应有一行 ---")]
    fields, problems = _parse_front_matter("\n".join(lines[1:end]), ref)
    if problems:  # without its fields the file cannot be validated any further
        return None, problems
    body = "\n".join(lines[end + 1 :])
    return RawDocument(path, ref, section, slug, fields, body, end + 2), []


def _encoding_problem(ref: SourceRef, data: bytes) -> Problem:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return Problem(ref, "", "文件不是 UTF-8 编码的文字", "请用 UTF-8 编码保存")
    return Problem(ref, "", "文件是 GBK/GB18030 编码, 不是 UTF-8", "运行 gongkai check --fix-encoding 自动转换, 或在记事本中“另存为”选 UTF-8")


def _parse_front_matter(text: str, ref: SourceRef) -> tuple[tuple[tuple[str, RawValue], ...], list[Problem]]:
    offset = ref.line + 1  # the front matter starts on the line after the opening ---
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if err.context_mark and mark and mark.index >= len(text):
            mark = err.context_mark  # an unclosed [ or " fails at the end: name the line where it opened
        line = offset + (mark.line if mark else 0)
        return (), [_yaml_problem(ref, line, str(err.problem or err.context or ""))]
    except yaml.YAMLError as err:
        return (), [Problem(ref, "", "YAML 语法错误: " + str(err))]
    if node is None:
        return (), []
    if not isinstance(node, yaml.MappingNode):
        return (), [Problem(SourceRef(ref.path, offset), "", "文件头应是“字段: 值”的列表", "例如 标题: 关于……的通知")]
    return _convert(node, offset).data, []  # type: ignore[return-value]


def _yaml_problem(ref: SourceRef, line: int, problem: str) -> Problem:
    where = SourceRef(ref.path, line)
    if "tab character" in problem or "'\\t'" in problem:
        return Problem(where, "", "YAML 语法错误: 用了 Tab 缩进", "请改用空格缩进")
    if "expected ',' or ']'" in problem:
        return Problem(where, "", "YAML 语法错误: 方括号 [ 没有配对的 ]", "列表写作 [甲, 乙] 或逐行以“- ”开头")
    if "mapping values are not allowed" in problem:
        return Problem(where, "", "YAML 语法错误: 值里有冒号", "含冒号“:”的值请用引号括起来")
    return Problem(where, "", f"YAML 语法错误: {problem}", "每行应为“字段: 值”, 列表项以“- ”开头, 缩进用空格")


def _convert(node: yaml.Node, offset: int) -> RawValue:
    line = offset + node.start_mark.line
    if isinstance(node, yaml.ScalarNode):
        plain_null = node.tag == "tag:yaml.org,2002:null" and node.value in _NULLS
        return RawValue("" if plain_null else str(node.value).strip(), line, "text")
    if isinstance(node, yaml.SequenceNode):
        return RawValue(tuple(_convert(item, offset) for item in node.value), line, "list")
    pairs = []
    for key_node, value_node in node.value:
        key = str(key_node.value).strip() if isinstance(key_node, yaml.ScalarNode) else "?"
        value = _convert(value_node, offset)
        # a problem about the whole list or table names the key's line; its items keep their own
        pairs.append((key, RawValue(value.data, offset + key_node.start_mark.line, value.kind)))
    return RawValue(tuple(pairs), line, "map")


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
