"""Commands that write into content/, and only where they say: `gongkai new`, `gongkai import`,
`gongkai number` and `gongkai check --fix-encoding`.

None of them overwrites: `new` and `import` create a file that does not exist yet; `number` adds the one
key 索引号 to files that have none and never renumbers an existing one; `--fix-encoding` keeps the
original beside the converted file. None of them writes outside content/ or through a symbolic link,
and a file is only ever replaced whole (a temporary file renamed over it), so a crash leaves either
the old or the new file, never half of one.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import stat
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import index_numbers
from .config import SiteConfig
from .errors import ConfigError, Problem, SourceRef
from .fields import Invalid, date
from .importer import front_matter, read_blocks, recognise, yaml_scalar
from .models import CONTENT_TYPES, INDEX_KEY
from .readers import RawDocument, RawValue, _parse_front_matter, read_tree
from .report_checks import FAZHI_PARTS, GONGKAI_HEADINGS
from .report_tables import OUTCOME_GROUPS
from .templating import render

# What staff may type after `gongkai new`, and the 类别 a word implies.
TYPE_WORDS = {
    "notice": ("notices", "通知"), "通知公告": ("notices", "通知"), "通知": ("notices", "通知"),
    "公告": ("notices", "公告"), "公示": ("notices", "公示"),
    "policy": ("policies", ""), "规范性文件": ("policies", ""),
    "interpretation": ("interpretations", ""), "政策解读": ("interpretations", ""), "解读": ("interpretations", ""),
    "report": ("reports", ""), "年度报告": ("reports", ""), "报告": ("reports", ""),
    "年报": ("reports", "政府信息公开"), "政府信息公开年报": ("reports", "政府信息公开"),
    "法治报告": ("reports", "法治政府建设"), "法治政府建设年度报告": ("reports", "法治政府建设"),
}

MAX_NAME_CHARS = 100  # --name: a file name, not a sentence
MAX_NAME_BYTES = 240  # and within the 255 bytes file systems allow, with ".md" (80 汉字 are 240 bytes)
# Not in a file name: separators, what URLs cannot carry (readers.py refuses ' ', '#', '?', '%', '\'),
# and what Windows cannot store.
_NAME_FORBIDDEN = set(' #?%\\/:*"<>|')
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_BOM = b"\xef\xbb\xbf"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what readers.py counts as a line break
_NAME_EXAMPLE = "例如 --name 2024-chungeng; 不写 --name 则用索引号的序号作文件名"


class UsageError(ConfigError):
    """A command-line argument that cannot be used as given, such as a --name that is not a plain file
    name; the command line reports it like a ConfigError and exits with 2 (a usage error)."""


@dataclass(frozen=True)
class Numbered:
    path: str
    number: str


# ---------------------------------------------------------------------------------------------------
# Reading a record's text back exactly as `gongkai check` reads it


def read_back(text: str) -> tuple[tuple[tuple[str, RawValue], ...], str] | None:
    """The front-matter fields and the body of a record file's text as readers.read_document reads
    them, or None when the text is not a readable record."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return None
    try:
        fields, problems = _parse_front_matter("\n".join(lines[1:end]), SourceRef("", 1))
    except Exception:  # noqa: BLE001 - pragma: no cover; the reader reports problems instead of raising
        return None
    if problems:
        return None
    return fields, "\n".join(lines[end + 1 :])


def _plain(value: RawValue) -> object:
    """A value without its line numbers, to compare what two texts say."""
    if value.kind == "text":
        return ("text", value.data)
    if value.kind == "list":
        return ("list", tuple(_plain(item) for item in value.data))  # type: ignore[union-attr]
    return ("map", tuple((key, _plain(item)) for key, item in value.data))  # type: ignore[misc]


def _shown(text: str, limit: int = 40) -> str:
    """A user's input quoted in a message: invisible characters as U+XXXX, long input shortened."""
    visible = "".join(f"<U+{ord(c):04X}>" if _invisible(c) else c for c in text)
    return "'" + (visible if len(visible) <= limit else visible[:limit] + "…") + "'"


def _invisible(char: str) -> bool:
    """Characters no one types on purpose and that must not reach a file name or a title: control
    characters, bidirectional overrides and other format characters (zero-width spaces, byte-order
    marks), surrogates, line and paragraph separators, and non-characters."""
    code = ord(char)
    return (unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")
            or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE)


# ---------------------------------------------------------------------------------------------------
# Where a new file may go


def check_name(name: str) -> str:
    """The --name staff gave, as the file name (without .md) it may be: a single plain name inside its
    section's folder. Anything else is a UsageError saying what is wrong with it."""
    def refuse(what: str, expected: str = _NAME_EXAMPLE) -> UsageError:
        return UsageError(f"--name {_shown(name)}: {what} ({expected})")

    bad = next((c for c in name if _invisible(c)), None)
    if bad is not None:
        raise refuse(f"文件名含有看不见的控制字符 U+{ord(bad):04X}", "请重新输入文件名, 不要从网页或 Word 复制")
    if not name.strip():
        raise refuse("文件名不能为空")
    if "/" in name or "\\" in name or os.path.isabs(name):
        raise refuse("文件名不能含有 / 或 \\, 新文件总是放在 content/ 中相应栏目的文件夹里",
                     "只写文件名本身, " + _NAME_EXAMPLE)
    if name.startswith("."):
        raise refuse("文件名不能以 . 开头, 这样的文件会被隐藏, 不会发布")
    if ".." in name:
        raise refuse("文件名不能含有 ..")
    if name.lower().endswith(".md"):  # staff often type the suffix the help says to leave out
        name = name[:-3]
        if not name.strip() or name.endswith("."):
            raise refuse("文件名不能为空" if not name.strip() else "文件名不能以 . 结尾")
    forbidden = sorted({"空格" if c.isspace() else c for c in name if c in _NAME_FORBIDDEN or c.isspace()})
    if forbidden:
        raise refuse("文件名含有不能用的字符 " + " ".join(f"'{c}'" if c != "空格" else c for c in forbidden),
                     "请只用字母、数字、汉字和 -, " + _NAME_EXAMPLE)
    if name.endswith("."):
        raise refuse("文件名不能以 . 结尾")
    if len(name) > MAX_NAME_CHARS or len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        raise refuse(f"文件名太长 ({len(name)} 个字符)", f"最多 {MAX_NAME_CHARS} 个字母或数字, 或 {MAX_NAME_BYTES // 3} 个汉字")
    if name.lower() == "readme":
        raise refuse("README 是说明文件的名字, 不会作为信息发布", "请换一个文件名")
    if name.lower().split(".")[0] in _WINDOWS_RESERVED:
        raise refuse("这是 Windows 保留的设备名, 不能作文件名", "请换一个文件名")
    return name


def _rel(path: Path, config: SiteConfig) -> str:
    try:
        return path.relative_to(config.root).as_posix()
    except ValueError:
        return path.as_posix()


def _unsafe_reason(config: SiteConfig, path: Path) -> str:
    """Why `path`, a file below content/, must not be written: a symbolic link on the way to it or
    at it, or a real location outside content/; "" when it may be written."""
    content = config.content_dir
    try:
        relative = path.relative_to(content)
    except ValueError:
        return "不在 content/ 文件夹中"
    current = content
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            if current == path:
                return "是符号链接 (快捷方式)"
            return f"所在的文件夹 {_rel(current, config)} 是符号链接 (快捷方式)"
    real, base = os.path.realpath(path), os.path.realpath(content)
    if os.path.commonpath([real, base]) != base:
        return "实际位置在 content/ 以外"
    return ""


def _new_file_path(config: SiteConfig, section: str, name: str) -> Path:
    """content/<section>/<name>.md, with its folder created; refuses a folder that is, or lies behind,
    a symbolic link, and a path that would resolve outside content/."""
    content = config.content_dir
    try:
        content.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(f"{_rel(content, config)}: 无法创建内容文件夹 ({error.strerror})") from None
    folder = content / section
    if folder.is_symlink():
        raise ConfigError(f"{_rel(folder, config)}: 是符号链接 (快捷方式), 为安全起见不在其中新建文件 "
                          "(请把它换成普通文件夹)")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise ConfigError(f"{_rel(folder, config)}: 无法创建文件夹 ({error.strerror})") from None
    if folder.is_symlink() or not folder.is_dir():
        raise ConfigError(f"{_rel(folder, config)}: 不是普通文件夹, 没有新建文件 (请把它换成普通文件夹)")
    path = folder / f"{name}.md"
    if path.is_symlink():
        raise ConfigError(f"{_rel(path, config)}: 已有同名的符号链接 (快捷方式), 没有覆盖 (请用 --name 换个文件名)")
    reason = _unsafe_reason(config, path)
    if reason or Path(os.path.realpath(path)).parent != Path(os.path.realpath(folder)):
        raise ConfigError(f"{_rel(path, config)}: {reason or '实际位置在栏目文件夹以外'}, 为安全起见没有新建文件")
    return path


def _create_exclusive(path: Path, data: bytes) -> None:
    """Write a new file; FileExistsError when anything, even a dangling link, has the name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    handle = os.open(path, flags, 0o666)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        path.unlink(missing_ok=True)  # never leave half a new file
        raise


def create_file(config: SiteConfig, section: str, name: str, index_number: str, day: dt.date, text: str) -> Path:
    """Write a new record file; its name defaults to the 索引号 serial. Never overwrites."""
    name = check_name(name) if name else (index_number.rsplit("/", 1)[-1] if index_number else day.strftime("%Y-%m%d"))
    path = _new_file_path(config, section, name)
    shown = _rel(path, config)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise ConfigError(f"{shown}: 内容含有无法保存的字符, 没有新建文件 (请重新输入标题)") from None
    try:
        _create_exclusive(path, data)
    except FileExistsError:
        raise ConfigError(f"{shown}: 文件已存在, 没有覆盖 (请用 --name 换个文件名)") from None
    except OSError as error:
        raise ConfigError(f"{shown}: 无法新建文件 ({error.strerror})") from None
    return path


# ---------------------------------------------------------------------------------------------------
# gongkai new, gongkai import


def check_title(title: str) -> str:
    """The title as it will be written: whitespace runs become one space; control characters refused."""
    bad = next((c for c in title if _invisible(c) and c not in "\t\n\r"), None)
    if bad is not None:
        raise UsageError(f"标题 {_shown(title)} 含有看不见的控制字符 U+{ord(bad):04X} "
                         "(请重新输入标题, 不要从网页或 Word 直接复制)")
    title = " ".join(title.split())
    if not title:
        raise UsageError("标题不能为空 (例如 gongkai new 通知 \"关于春耕备耕工作的通知\")")
    return title


def _documents(config: SiteConfig) -> list[RawDocument]:
    documents, _ = read_tree(config.content_dir, config.root, frozenset(CONTENT_TYPES))
    return documents


def _issued_numbers(documents: list[RawDocument]) -> list[str]:
    return [str(raw.data).strip() for d in documents for key, raw in d.fields if key == INDEX_KEY and raw.kind == "text"]


def next_index_number(config: SiteConfig, year: int) -> str:
    return index_numbers.next_free(_issued_numbers(_documents(config)), year, config) if config.index_prefix else ""


def _reads_back(text: str, expected: dict[str, str]) -> bool:
    """Whether `text` is a record whose front matter holds exactly `expected` where it names them."""
    found = read_back(text)
    if found is None:
        return False
    fields = {}
    for key, value in found[0]:
        if key in fields:
            return False  # a key twice: the text is not what it was meant to be
        fields[key] = value
    return all(key in fields and _plain(fields[key]) == ("text", value) for key, value in expected.items())


def new_record(config: SiteConfig, type_word: str, title: str, today: dt.date, name: str = "") -> Path:
    if type_word not in TYPE_WORDS:
        raise ConfigError(f"未知的类型 '{type_word}' (应为 " + " / ".join(TYPE_WORDS) + ")")
    if name:
        check_name(name)  # refuse a bad --name before anything else; create_file applies it
    title = check_title(title)
    section, preset = TYPE_WORDS[type_word]
    issuer = " ".join(config.issuer.split())
    number = next_index_number(config, today.year)
    text = render("new.md.j2", section=section, title_yaml=yaml_scalar(title), today=today, issuer_yaml=yaml_scalar(issuer),
                  category=preset if section == "notices" else "", report_type=preset if section == "reports" else "",
                  index_number=number, year=today.year - 1, gongkai_headings=GONGKAI_HEADINGS, fazhi_parts=[p for p, _ in FAZHI_PARTS],
                  table3_groups=OUTCOME_GROUPS)
    expected = {"标题": title, "发布日期": today.isoformat(), ("发文机关" if section == "policies" else "发布机构"): issuer,
                **({INDEX_KEY: number} if number else {})}
    if not _reads_back(text, expected):
        raise ConfigError(f"标题 {_shown(title)} 无法安全地写入文件头, 没有新建文件 (请去掉标题中的特殊符号后重试)")
    return create_file(config, section, name, number, today, text)


def import_document(config: SiteConfig, source: Path, today: dt.date, name: str = "") -> tuple[Path, list[str]]:
    if name:
        check_name(name)  # refuse a bad --name before anything else; create_file applies it
    blocks, notes = read_blocks(source)
    imported = recognise(blocks, config, today)
    try:
        published = dt.date.fromisoformat(imported.fields["发布日期"])
    except (KeyError, ValueError):  # pragma: no cover - recognise() writes only valid dates
        published = today
    number = next_index_number(config, published.year)
    fields = {**imported.fields, **({INDEX_KEY: number} if number else {})}
    text = front_matter(fields) + imported.body
    if not _reads_back(text, fields):
        raise ConfigError(f"{source}: 识别出的字段无法安全地写入文件头, 没有导入 (请把文件中的标题和发布机构改为普通文字后重试)")
    path = create_file(config, imported.section, name, number, published, text)
    return path, notes + imported.notes


# ---------------------------------------------------------------------------------------------------
# Replacing a file that exists


class _Unsafe(Exception):
    """A file that must not be replaced; the message says why, in words for the user."""


def _regular_file_bytes(path: Path) -> bytes:
    """The bytes of a regular file, never through a symbolic link (nor from a pipe that would block)."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise _Unsafe("是符号链接 (快捷方式)")
    if not stat.S_ISREG(info.st_mode):
        raise _Unsafe("不是普通文件")
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(handle, "rb") as source:
        return source.read()


def _replace_atomically(path: Path, data: bytes, expected: bytes) -> None:
    """Replace the file `path`, whose bytes were read as `expected`, by `data`: a temporary file in the
    same folder is written, flushed and renamed over it, so that a crash leaves the old or the new file.
    _Unsafe when it has meanwhile become a link or changed."""
    mode = stat.S_IMODE(os.lstat(path).st_mode)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        if _regular_file_bytes(path) != expected:  # last look: still the file that was read
            raise _Unsafe("在处理过程中被改动了")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable where the system allows it
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)
    except OSError:
        pass
    finally:
        os.close(folder)


# ---------------------------------------------------------------------------------------------------
# gongkai number


def assign_numbers(config: SiteConfig) -> tuple[list[Numbered], list[Problem]]:
    if not config.index_prefix:
        raise ConfigError("请先在 mkdocs.yml 的 extra.gongkai.index_number.prefix 填写本机关的统一社会信用代码 (索引号前段码)")
    documents = _documents(config)
    issued = _issued_numbers(documents)
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

    reason = _unsafe_reason(config, document.path)
    if reason:
        return refuse(f"文件{reason}, 为安全起见不写入索引号")
    try:
        data = _regular_file_bytes(document.path)
    except _Unsafe as why:
        return refuse(f"文件{why}, 为安全起见不写入索引号")
    except OSError as error:
        return refuse(f"文件无法读取 ({error.strerror})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return refuse("文件不是 UTF-8 编码, 无法安全地自动写入索引号")
    old = read_back(text)
    if old is None or [(k, _plain(v)) for k, v in old[0]] != [(k, _plain(v)) for k, v in document.fields]:
        return refuse("文件在编号过程中被改动了, 没有写入索引号")
    numbered = _numbered_text(text, number)
    if numbered is None or not _only_index_added(old, read_back(numbered), number):
        return refuse("无法安全地自动写入索引号")
    try:
        _replace_atomically(document.path, (_BOM if data.startswith(_BOM) else b"") + numbered.encode("utf-8"), data)
    except _Unsafe as why:
        return refuse(f"文件{why}, 没有写入索引号")
    except OSError as error:
        return refuse(f"文件无法写入 ({error.strerror})")
    return None


def _only_index_added(old: tuple, new: tuple | None, number: str) -> bool:
    """Whether the new reading is the old one with 索引号 set to `number` and nothing else changed."""
    if new is None or new[1] != old[1]:  # the body must read exactly as before
        return False

    def others(fields: tuple) -> list:
        return [(key, _plain(value)) for key, value in fields if key != INDEX_KEY]

    def numbers(fields: tuple) -> list:
        return [_plain(value) for key, value in fields if key == INDEX_KEY]

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


# ---------------------------------------------------------------------------------------------------
# gongkai check --fix-encoding


def _markdown_files(content_dir: Path) -> list[Path]:
    """Every .md file below content/, without entering folders that are symbolic links."""
    found = []
    for folder, dirnames, filenames in os.walk(content_dir):  # followlinks=False
        dirnames.sort()
        found += [Path(folder) / name for name in sorted(filenames) if name.endswith(".md") and not name.startswith(".")]
    return found


def _gbk_text(data: bytes) -> str | None:
    """The text of a GBK/GB18030 file; None for UTF-8 (nothing to do) or an encoding that is neither."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return None  # neither: `check` reports it


def convert_encodings(config: SiteConfig) -> tuple[list[str], list[Problem]]:
    """Rewrite GBK/GB18030 record files as UTF-8, keeping the original beside it as FILE.gbk.bak;
    what was converted, and a Problem for every file that needed it but could not safely be replaced."""
    fixed, problems = [], []
    for path in _markdown_files(config.content_dir):
        shown = _rel(path, config)

        def refuse(what: str, shown: str = shown) -> None:
            problems.append(Problem(SourceRef(shown, 1), "", f"{what}, 没有转换编码, 文件未改动",
                                    "请在记事本中打开它, “另存为”时编码选 UTF-8"))

        reason = _unsafe_reason(config, path)
        try:
            data = _regular_file_bytes(path)
        except _Unsafe as why:
            if path.is_symlink():  # a link: say so only if the file it points to needs converting
                try:
                    if _gbk_text(path.read_bytes()) is not None:
                        refuse(f"文件{why}, 为安全起见不写入")
                except OSError:
                    pass
            continue
        except OSError as error:
            refuse(f"文件无法读取 ({error.strerror})")
            continue
        text = _gbk_text(data)
        if text is None:
            continue
        if reason:
            refuse(f"文件{reason}, 为安全起见不写入")
            continue
        backup = _write_backup(path, data)
        if isinstance(backup, str):
            refuse(backup)
            continue
        try:
            _replace_atomically(path, text.encode("utf-8"), data)
        except (_Unsafe, OSError) as error:
            backup.unlink(missing_ok=True)
            refuse(f"文件{error}" if isinstance(error, _Unsafe) else f"文件无法写入 ({error.strerror})")
            continue
        fixed.append(f"{shown} (原文件保存为 {backup.name})")
    return fixed, problems


def _write_backup(path: Path, data: bytes) -> Path | str:
    """A new file FILE.gbk.bak (or FILE.gbk.N.bak) holding `data`; never overwrites an earlier backup.
    On failure, what went wrong."""
    for counter in range(1000):
        backup = path.with_name(f"{path.name}.gbk.bak" if counter == 0 else f"{path.name}.gbk.{counter}.bak")
        try:
            _create_exclusive(backup, data)
            return backup
        except FileExistsError:
            continue
        except OSError as error:
            return f"无法写入备份文件 {backup.name} ({error.strerror})"
    return "备份文件太多, 无法再写入备份"


def fix_encodings(config: SiteConfig) -> list[str]:
    """convert_encodings for the command line: the files converted; each file that was refused is
    reported on stderr (and the check that follows reports its encoding again)."""
    fixed, problems = convert_encodings(config)
    for problem in problems:
        print(problem, file=sys.stderr)
    return fixed
