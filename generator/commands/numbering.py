"""`gongkai number`: give every record without 索引号 the next free number, writing only that one
line, and only where re-reading the file proves that nothing else changed."""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ..content import index_numbers
from ..config import SiteConfig
from .content_files import UnsafeFile, plain_value, read_back, regular_file_bytes, replace_atomically, unsafe_reason
from ..errors import ConfigError, Problem, SourceRef
from ..content.fields import Invalid, date
from ..content.models import INDEX_KEY
from ..content.readers import RawDocument, read_tree

_BOM = b"\xef\xbb\xbf"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what readers.py counts as a line break


@dataclass(frozen=True)
class Numbered:
    path: str
    number: str


def documents_of(config: SiteConfig) -> list[RawDocument]:
    documents, _ = read_tree(config.content_dir, config.root, config.folders)
    return documents


def issued_numbers(documents: list[RawDocument], config: SiteConfig) -> list[str]:
    """Every 索引号 already written: in the fields of the records that can be read, and anywhere in the text
    of those that cannot (a YAML error, a file too large) — their numbers are published or will be."""
    numbers = [str(raw.data).strip() for d in documents for key, raw in d.fields if key == INDEX_KEY and raw.kind == "text"]
    read = {d.path.resolve() for d in documents}
    written = re.compile(re.escape(config.index_prefix) + r"\s*/\s*\d{4}\s*-\s*\d+")
    for path in sorted(config.content_dir.rglob("*.md")) if config.index_prefix and config.content_dir.is_dir() else ():
        if path.is_file() and not path.is_symlink() and path.resolve() not in read:
            with path.open("rb") as handle:
                text = handle.read(MAX_SCANNED_BYTES).decode("utf-8", errors="replace")
            numbers += ["".join(match.split()) for match in written.findall(text)]
    return numbers


MAX_SCANNED_BYTES = 64 * 1024 * 1024  # an unreadable record is scanned this far for the numbers it holds


def next_index_number(config: SiteConfig, year: int) -> str:
    return index_numbers.next_free(issued_numbers(documents_of(config), config), year, config) if config.index_prefix else ""


def assign_numbers(config: SiteConfig) -> tuple[list[Numbered], list[Problem]]:
    if not config.index_prefix:
        raise ConfigError("请先在 mkdocs.yml 的 extra.gongkai.index_number.prefix 填写本机关的统一社会信用代码 (索引号前段码)")
    documents = documents_of(config)
    issued = issued_numbers(documents, config)
    pending, problems = [], []
    for document in documents:
        fields = dict(document.fields)
        if INDEX_KEY in fields and str(fields[INDEX_KEY].data).strip():
            continue
        try:
            published = date(fields["发布日期"]) if "发布日期" in fields else None
        except Invalid as err:
            problems.append(Problem(document.source, "发布日期", f"{err.message}, 无法编索引号", err.expected))
            continue
        if published is None:
            problems.append(Problem(document.source, "发布日期", "缺少发布日期, 无法编索引号", "先填写 发布日期"))
            continue
        pending.append((published, document.source.path, document))
    assigned = []
    for published, _, document in sorted(pending, key=lambda item: (item[0], item[1])):
        number = index_numbers.next_free(issued, published.year, config)
        issued.append(number)  # also when it cannot be written: the message offers it to be typed in
        problem = _write_index_number(config, document, number)
        if problem is None:
            assigned.append(Numbered(document.source.path, number))
        else:
            problems.append(problem)
    return assigned, problems


def _write_index_number(config: SiteConfig, document: RawDocument, number: str) -> Problem | None:
    """Add or fill the 索引号 line, leaving every other byte of the file as it was; a Problem, with
    the file untouched, when that cannot be done safely."""
    existing = next((raw for key, raw in document.fields if key == INDEX_KEY), None)
    line = existing.line if existing is not None else 1
    advice = f"请手工添加一行 {INDEX_KEY}: {number}" if existing is None else f"请手工填写 {INDEX_KEY}: {number}"

    def refuse(what: str) -> Problem:
        return Problem(SourceRef(document.source.path, line), INDEX_KEY, f"{what}, 文件未改动", advice)

    reason = unsafe_reason(config, document.path)
    if reason:
        return refuse(f"文件{reason}, 为安全起见不写入索引号")
    try:
        data = regular_file_bytes(document.path)
    except UnsafeFile as why:
        return refuse(f"文件{why}, 为安全起见不写入索引号")
    except OSError as error:
        return refuse(f"文件无法读取 ({error.strerror})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return refuse("文件不是 UTF-8 编码, 无法安全地自动写入索引号")
    old = read_back(text)
    if old is None or [(k, plain_value(v)) for k, v in old[0]] != [(k, plain_value(v)) for k, v in document.fields]:
        return refuse("文件在编号过程中被改动了, 没有写入索引号")
    numbered = _numbered_text(text, number)
    if numbered is None or not _only_index_added(old, read_back(numbered), number):
        return refuse("无法安全地自动写入索引号")
    try:
        replace_atomically(document.path, (_BOM if data.startswith(_BOM) else b"") + numbered.encode("utf-8"), data)
    except UnsafeFile as why:
        return refuse(f"文件{why}, 没有写入索引号")
    except OSError as error:
        return refuse(f"文件无法写入 ({error.strerror})")
    return None


def _only_index_added(old: tuple, new: tuple | None, number: str) -> bool:
    """Whether the new reading is the old one with 索引号 set to `number` and nothing else changed."""
    if new is None or new[1] != old[1]:  # the body must read exactly as before
        return False

    def others(fields: tuple) -> list:
        return [(key, plain_value(value)) for key, value in fields if key != INDEX_KEY]

    def numbers(fields: tuple) -> list:
        return [plain_value(value) for key, value in fields if key == INDEX_KEY]

    return (others(new[0]) == others(old[0]) and numbers(old[0]) in ([], [("text", "")])
            and numbers(new[0]) == [("text", number)])


def _numbered_text(text: str, number: str) -> str | None:
    """`text` (a record file, without BOM) with 索引号 added right after the 发布日期 value, or filled in
    where it is written empty; None where the front matter is not laid out so that this is possible.
    Only inserts: every comment, quote and line break of the file stays."""
    starts, position = [], 0  # where each line starts, by the line breaks readers.py counts
    for match in _LINE_BREAK.finditer(text):
        starts.append((position, match.start(), match.group()))
        position = match.end()
    starts.append((position, len(text), ""))
    if text[starts[0][0] : starts[0][1]].strip() != "---":
        return None
    end = next((i for i in range(1, len(starts)) if text[starts[i][0] : starts[i][1]].rstrip() in ("---", "...")), None)
    if end is None or end < 2:
        return None
    begin, stop = starts[1][0], starts[end][0]
    head = text[begin:stop]
    try:  # the pure-Python loader: its marks index characters of `head`
        root = yaml.compose(head, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    pairs = [(str(k.value).strip(), k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)]
    indexes = [(k, v) for key, k, v in pairs if key == INDEX_KEY]
    dates = [(k, v) for key, k, v in pairs if key == "发布日期"]
    if len(indexes) > 1:
        return None
    if indexes:  # `索引号:` written without a value: fill it in, keeping a comment after it
        value = indexes[0][1]
        if not isinstance(value, yaml.ScalarNode) or value.style not in (None, "'", '"'):
            return None
        at, until = value.start_mark.index, value.end_mark.index
        written = head[at:until]
        if written == "":
            edited = head[:at] + " " + number + head[at:]
        elif written in ("~", "null", "Null", "NULL", '""', "''"):
            edited = head[:at] + number + head[until:]
        else:
            return None
    elif len(dates) == 1:
        key, value = dates[0]
        after = value.end_mark.index
        if root.flow_style:  # {标题: …, 发布日期: 2024-03-01}: one more entry after the date
            edited = head[:after] + f", {INDEX_KEY}: {number}" + head[after:]
        else:  # a line of its own after the line where the date's value ends
            if after > 0 and head[after - 1] in "\r\n":
                newline = "\r\n" if head[max(0, after - 2) : after] == "\r\n" else head[after - 1]
                at = after
            else:
                found = _LINE_BREAK.search(head, after)
                if found is None:
                    return None
                newline, at = found.group(), found.end()
            edited = head[:at] + " " * key.start_mark.column + f"{INDEX_KEY}: {number}{newline}" + head[at:]
    else:
        return None
    return text[:begin] + edited + text[stop:]
