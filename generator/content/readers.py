"""Read content/: find record files, split front matter, keep the line of every YAML value.

YAML is composed, not constructed: every value stays the string staff typed (`010` stays "010",
`no` stays "no"), and the models convert it. Nothing here knows what a field means.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Union

import yaml

from ..errors import BODY, Problem, SourceRef

try:  # the C loader is 8x faster; the pure-Python one behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

RECORD_SUFFIX = ".md"
BUNDLE_INDEX = "index.md"
_NULLS = {"", "~", "null", "Null", "NULL"}
NAME_PUNCTUATION = frozenset("-_./")  # besides letters, digits and 汉字: a name that is a safe address as it is
MAX_RECORD_BYTES = 2 * 1024 * 1024  # a record file is text; the longest real report is about 60 KB
MAX_DEPTH = 20  # front matter nests two or three levels; deeper is a mistake or an attack


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


Reader = Callable[[Path, Path, str, str], tuple["RawDocument | None", list[Problem]]]  # read_document or a cache of it


def read_tree(content_dir: Path, root: Path, sections: frozenset[str], read: Reader | None = None) -> tuple[list[RawDocument], list[Problem]]:
    documents: list[RawDocument] = []
    problems: list[Problem] = []
    if not content_dir.is_dir():
        return documents, [Problem(SourceRef(relative_to_root(content_dir, root), 0), "", "找不到内容目录", "应有 content/ 文件夹")]
    for entry in sorted(content_dir.iterdir()):
        if entry.name.startswith("."):
            continue
        ref = SourceRef(relative_to_root(entry, root), 1)
        link = link_problem(entry, content_dir, root)
        if link:
            problems.append(link)
        elif entry.is_dir() and entry.name not in sections:
            problems.append(Problem(ref, "", "未知的栏目文件夹", "应为 " + " / ".join(sorted(sections))))
        elif entry.is_dir():
            problems += [Problem(SourceRef(relative_to_root(link, root), 1), "", "是指向文件夹的链接, 其中的文件不会发布", "请把文件夹本身放在这里")
                         for link in _folder_links(entry)]
            for path, slug in _record_files(entry):
                document, found = (read or read_document)(path, root, entry.name, slug)
                problems.extend(found)
                if document is not None:
                    documents.append(document)
        elif entry.suffix == RECORD_SUFFIX and entry.name.lower() != "readme.md":
            problems.append(Problem(ref, "", "文件不在任何栏目文件夹中", "应放在 " + " / ".join(sorted(sections)) + " 之一"))
    return documents, problems


def _folder_links(section_dir: Path) -> list[Path]:
    """Links to folders inside a section: os.walk does not follow them, so their records would vanish unsaid."""
    found = []
    for folder, dirnames, _ in os.walk(section_dir):
        found += [Path(folder) / d for d in sorted(dirnames) if not d.startswith(".") and (Path(folder) / d).is_symlink()]
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
    return found


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


_YAML_ONLY_BREAKS = "\x85\u2028\u2029"
_YAML_ONLY_BREAK = re.compile(f"[{_YAML_ONLY_BREAKS}]")


def read_document(path: Path, root: Path, section: str, slug: str) -> tuple[RawDocument | None, list[Problem]]:
    ref = SourceRef(relative_to_root(path, root), 1)
    problem = name_problem(slug, ref)
    if problem:
        return None, [problem]
    content_dir = path.parents[len(PurePosixPath(slug).parts) + (path.name == BUNDLE_INDEX)]
    link = link_problem(path, content_dir, root)
    if link:
        return None, [link]
    try:
        if path.stat().st_size > MAX_RECORD_BYTES:
            return None, [Problem(ref, "", f"文件太大 ({path.stat().st_size // 1024} KB)", f"一条信息的文字不超过 {MAX_RECORD_BYTES // 1024 // 1024} MB; 大的材料请作为附件")]
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(ref, "", f"文件无法读取 ({error.strerror})", "请检查文件权限")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [_encoding_problem(ref, data)]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    # YAML takes these for line breaks, so that every line number after them would be wrong
    breaks = [(number, char) for number, line in enumerate(lines, 1) for char in line if char in _YAML_ONLY_BREAKS] \
        if _YAML_ONLY_BREAK.search(text) else []
    if breaks:
        return None, [Problem(SourceRef(ref.path, number), "", f"含有看不见的换行字符 U+{ord(char):04X}",
                              "请删除它 (常从网页或 Word 复制而来): 重新输入这一行") for number, char in dict(breaks).items()]
    if lines[0].strip() != "---":
        return None, [Problem(ref, "", "缺少文件头", "文件第一行应为 ---, 其后是 标题: … 等字段, 再以 --- 结束")]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return None, [Problem(ref, "", "文件头没有结束", "字段之后应有一行 ---")]
    fields, problems = _parse_front_matter("\n".join(lines[1:end]), ref)
    if problems:  # without its fields the file cannot be validated any further
        return None, problems
    body = "\n".join(lines[end + 1 :])
    document = RawDocument(path, ref, section, slug, fields, body, end + 2)
    return document, _invisible_problems(document)


# The characters `invisible` accepts, as one class: a whole text is tested in one search.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def name_problem(name: str, ref: SourceRef) -> Problem | None:
    """A file or folder name becomes part of the page's address and, for a page without a title, its
    title: letters, digits, 汉字, `-`, `_` and `.` only (an allow-list: `<`, `"`, `)` would break out)."""
    bad = sorted({char for char in name if not (char.isalnum() or char in NAME_PUNCTUATION) or invisible(char)})
    if not bad:
        return None
    shown = " ".join(f"U+{ord(c):04X}" if invisible(c) or not c.isprintable() else repr(c) for c in bad)
    return Problem(ref, "", "文件名或文件夹名含有网址不能用的字符 " + shown, "请改用字母、数字、汉字和 -")


def invisible(char: str) -> bool:
    """Characters no one types on purpose that change how text is read or parsed: control characters
    (they break feeds and terminals), bidirectional overrides (they reverse what a title appears to
    say), and code points that are not characters at all."""
    code = ord(char)
    return ((code < 0x20 and char not in "\t\n") or 0x7F <= code <= 0x9F or 0x202A <= code <= 0x202E
            or code in (0x2028, 0x2029) or 0x2066 <= code <= 0x2069 or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF))


def _invisible_problems(document: RawDocument) -> list[Problem]:
    found = []

    def check(key: str, value: RawValue) -> None:
        if value.kind == "text":
            bad = first_invisible(str(value.data))
            if bad is not None:
                found.append(Problem(SourceRef(document.source.path, value.line), key, f"含有看不见的控制字符 U+{ord(bad):04X}",
                                     "请删除它 (常从网页或 Word 复制而来): 重新输入这一行"))
        elif value.kind == "list":
            for item in value.data:  # type: ignore[union-attr]
                check(key, item)
        else:
            for sub_key, sub_value in value.data:  # type: ignore[misc]
                check(key if invisible_free(sub_key) else "?", sub_value)

    for key, value in document.fields:
        if not invisible_free(key):
            found.append(Problem(SourceRef(document.source.path, value.line), "?", "字段名含有看不见的控制字符", "请重新输入这个字段名"))
        check(key, value)
    for offset, line in enumerate(document.body.split("\n") if not invisible_free(document.body) else ()):
        bad = first_invisible(line)
        if bad is not None:
            found.append(Problem(SourceRef(document.source.path, document.body_line + offset), BODY, f"含有看不见的控制字符 U+{ord(bad):04X}",
                                 "请删除它 (常从网页或 Word 复制而来)"))
    return found


def first_invisible(text: str) -> str | None:
    found = _INVISIBLE.search(text)
    return found.group() if found else None


def invisible_free(text: str) -> bool:
    return not _INVISIBLE.search(text)


def link_problem(path: Path, inside: Path, root: Path) -> Problem | None:
    """A symbolic link may point only within `inside` (content/ or docs/): anything else would publish
    a file from elsewhere on the machine, or read one that is not there. A pipe or a device, which a read
    would wait on forever, is refused too."""
    ref = SourceRef(relative_to_root(path, root), 1)
    if path.exists() and not path.is_dir() and not path.is_file():
        return Problem(ref, "", "不是普通的文件 (是管道或设备)", "请删除它")
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return Problem(ref, "", "是一个指向不存在的文件的链接", "请删除这个链接, 或把文件本身放在这里")
    if not target.is_relative_to(inside.resolve()):
        return Problem(ref, "", f"是指向 {inside.name}/ 以外的链接", f"请把文件本身复制到 {inside.name}/ 中")
    return None


def gbk_text(data: bytes) -> str | None:
    """The text of a file saved as GBK/GB18030 (Notepad's "ANSI" on Chinese Windows), or None. Almost any
    bytes decode as GB18030, so the text must also read as Chinese: most of its non-ASCII characters among
    the 3,755 common 汉字 (GB 2312 level 1) or Chinese punctuation (a Latin-1 `Café` decodes to a rare one)."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    wide = [c for c in text if ord(c) > 0x7F]
    return text if wide and sum(map(_common_chinese, wide)) >= 0.7 * len(wide) else None


def _common_chinese(char: str) -> bool:
    try:
        lead = char.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xA1 <= lead <= 0xA9 or 0xB0 <= lead <= 0xD7  # punctuation and full-width forms, level-1 汉字


def _encoding_problem(ref: SourceRef, data: bytes) -> Problem:
    if gbk_text(data) is None:
        return Problem(ref, "", "文件不是 UTF-8 编码的文字", "请用 UTF-8 编码保存")
    return Problem(ref, "", "文件是 GBK/GB18030 编码, 不是 UTF-8", "运行 gongkai check --fix-encoding 自动转换, 或在记事本中“另存为”选 UTF-8")


def first_alias(text: str, loader: type | None = None) -> yaml.Event | None:
    """The first YAML anchor or alias in `text`, read as `loader` reads it; raises yaml.YAMLError. An alias
    repeats a value by reference: twelve lines of them expand to gigabytes, so they are refused unread."""
    for event in yaml.parse(text, Loader=loader or _Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return event
    return None


def _parse_front_matter(text: str, ref: SourceRef) -> tuple[tuple[tuple[str, RawValue], ...], list[Problem]]:
    offset = ref.line + 1  # the front matter starts on the line after the opening ---
    try:
        alias = first_alias(text)
        if alias is not None:
            return (), [Problem(SourceRef(ref.path, offset + alias.start_mark.line), "", "不支持 YAML 的 & 锚点和 * 引用",
                                "每个值请直接写出来")]
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        return (), [marked_yaml_problem(err, text, ref, offset)]
    except yaml.YAMLError as err:
        return (), [Problem(ref, "", "YAML 语法错误: " + str(err))]
    except RecursionError:
        return (), [Problem(ref, "", "文件头嵌套太深", "每行应为“字段: 值”")]
    if node is None:
        return (), []
    if not isinstance(node, yaml.MappingNode):
        return (), [Problem(SourceRef(ref.path, offset), "", "文件头应是“字段: 值”的列表", "例如 标题: 关于……的通知")]
    if _depth(node) > MAX_DEPTH:
        return (), [Problem(SourceRef(ref.path, offset), "", "文件头嵌套太深", "每行应为“字段: 值”, 列表和键值表最多嵌套几层")]
    return raw_value(node, offset).data, []  # type: ignore[return-value]


def _depth(node: yaml.Node) -> int:
    """How deeply the values nest, without recursion (a hostile file can nest thousands deep)."""
    deepest, pending = 0, [(node, 1)]
    while pending:
        current, level = pending.pop()
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        if isinstance(current, yaml.SequenceNode):
            pending += [(item, level + 1) for item in current.value]
        elif isinstance(current, yaml.MappingNode):
            pending += [(item, level + 1) for pair in current.value for item in pair]
    return deepest


def marked_yaml_problem(err: yaml.MarkedYAMLError, text: str, ref: SourceRef, offset: int) -> Problem:
    """A YAML syntax error in words staff understand, at the line where the mistake was made."""
    mark = err.problem_mark or err.context_mark
    if err.context_mark and mark and mark.index >= len(text):
        mark = err.context_mark  # an unclosed [ or " fails at the end: name the line where it opened
    return _yaml_problem(ref, offset + (mark.line if mark else 0), str(err.problem or err.context or ""))


def _yaml_problem(ref: SourceRef, line: int, problem: str) -> Problem:
    where = SourceRef(ref.path, line)
    if "tab character" in problem or "'\\t'" in problem:
        return Problem(where, "", "YAML 语法错误: 用了 Tab 缩进", "请改用空格缩进")
    if "expected ',' or ']'" in problem:
        return Problem(where, "", "YAML 语法错误: 方括号 [ 没有配对的 ]", "列表写作 [甲, 乙] 或逐行以“- ”开头")
    if "mapping values are not allowed" in problem:
        return Problem(where, "", "YAML 语法错误: 值里有冒号", "含冒号“:”的值请用引号括起来")
    return Problem(where, "", f"YAML 语法错误: {problem}", "每行应为“字段: 值”, 列表项以“- ”开头, 缩进用空格")


def raw_value(node: yaml.Node, offset: int) -> RawValue:
    """A composed YAML node as RawValue, lines counted from `offset` (the file line of the node's line 0)."""
    line = offset + node.start_mark.line
    if isinstance(node, yaml.ScalarNode):
        plain_null = node.tag == "tag:yaml.org,2002:null" and node.value in _NULLS
        return RawValue("" if plain_null else str(node.value).strip(), line, "text")
    if isinstance(node, yaml.SequenceNode):
        return RawValue(tuple(raw_value(item, offset) for item in node.value), line, "list")
    pairs = []
    for key_node, value_node in node.value:
        key = str(key_node.value).strip() if isinstance(key_node, yaml.ScalarNode) else "?"
        value = raw_value(value_node, offset)
        # a problem about the whole list or table names the key's line; its items keep their own
        pairs.append((key, RawValue(value.data, offset + key_node.start_mark.line, value.kind)))
    return RawValue(tuple(pairs), line, "map")


def relative_to_root(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
