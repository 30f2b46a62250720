"""Writing inside content/ safely, for the commands that say they do (`new`, `import`, `number`,
`check --fix-encoding`): a new file never overwrites anything, never lands outside content/ and never
goes through a symbolic link; an existing file is only ever replaced whole (a temporary file renamed
over it), so a crash leaves either the old or the new file, never half of one.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tempfile
import unicodedata
from pathlib import Path

from ..config import SiteConfig
from ..errors import ConfigError, SourceRef
from ..content.readers import NAME_PUNCTUATION, RawValue, _parse_front_matter, relative_to_root
from ..checks.personal_data import redact

MAX_NAME_CHARS = 100  # --name: a file name, not a sentence
MAX_NAME_BYTES = 240  # and within the 255 bytes file systems allow, with ".md" (80 汉字 are 240 bytes)
# Not in a file name: separators, what URLs cannot carry (readers.py refuses ' ', '#', '?', '%', '\'),
# and what Windows cannot store.
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_BOM = b"\xef\xbb\xbf"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what readers.py counts as a line break
_NAME_EXAMPLE = "例如 --name 2024-chungeng; 不写 --name 则用索引号的序号作文件名"


class UsageError(ConfigError):
    """A command-line argument that cannot be used as given, such as a --name that is not a plain file
    name; the command line reports it like a ConfigError and exits with 2 (a usage error)."""


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


def plain_value(value: RawValue) -> object:
    """A value without its line numbers, to compare what two texts say."""
    if value.kind == "text":
        return ("text", value.data)
    if value.kind == "list":
        return ("list", tuple(plain_value(item) for item in value.data))  # type: ignore[union-attr]
    return ("map", tuple((key, plain_value(item)) for key, item in value.data))  # type: ignore[misc]


def shown(text: str, limit: int = 40) -> str:
    """A user's input quoted in a message: invisible characters as U+XXXX, long input shortened."""
    visible = "".join(f"<U+{ord(c):04X}>" if invisible(c) else c for c in redact(text))  # masked before U+ breaks it up
    return "'" + (visible if len(visible) <= limit else visible[:limit] + "…") + "'"


def invisible(char: str) -> bool:
    """Characters no one types on purpose and that must not reach a file name or a title: control
    characters, bidirectional overrides and other format characters (zero-width spaces, byte-order
    marks), surrogates, line and paragraph separators, and non-characters."""
    code = ord(char)
    return (unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")
            or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE)


def check_name(name: str) -> str:
    """The --name staff gave, as the file name (without .md) it may be: a single plain name inside its
    section's folder. Anything else is a UsageError saying what is wrong with it."""
    def refuse(what: str, expected: str = _NAME_EXAMPLE) -> UsageError:
        return UsageError(f"--name {shown(name)}: {what} ({expected})")

    bad = next((c for c in name if invisible(c)), None)
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
    # the same allow-list as the reader's (readers.name_problem): a name `new` accepts, `check` accepts
    forbidden = sorted({"空格" if c.isspace() else c for c in name if not (c.isalnum() or c in NAME_PUNCTUATION)})
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


def relative_path(path: Path, config: SiteConfig) -> str:
    return relative_to_root(path, config.root)


def unsafe_reason(config: SiteConfig, path: Path) -> str:
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
            return f"所在的文件夹 {relative_path(current, config)} 是符号链接 (快捷方式)"
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
        raise ConfigError(f"{relative_path(content, config)}: 无法创建内容文件夹 ({error.strerror})") from None
    folder = content / section
    if folder.is_symlink():
        raise ConfigError(f"{relative_path(folder, config)}: 是符号链接 (快捷方式), 为安全起见不在其中新建文件 "
                          "(请把它换成普通文件夹)")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise ConfigError(f"{relative_path(folder, config)}: 无法创建文件夹 ({error.strerror})") from None
    if folder.is_symlink() or not folder.is_dir():
        raise ConfigError(f"{relative_path(folder, config)}: 不是普通文件夹, 没有新建文件 (请把它换成普通文件夹)")
    path = folder / f"{name}.md"
    if path.is_symlink():
        raise ConfigError(f"{relative_path(path, config)}: 已有同名的符号链接 (快捷方式), 没有覆盖 (请用 --name 换个文件名)")
    reason = unsafe_reason(config, path)
    if reason or Path(os.path.realpath(path)).parent != Path(os.path.realpath(folder)):
        raise ConfigError(f"{relative_path(path, config)}: {reason or '实际位置在栏目文件夹以外'}, 为安全起见没有新建文件")
    return path


def create_exclusive(path: Path, data: bytes) -> None:
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
    shown = relative_path(path, config)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise ConfigError(f"{shown}: 内容含有无法保存的字符, 没有新建文件 (请重新输入标题)") from None
    try:
        create_exclusive(path, data)
    except FileExistsError:
        raise ConfigError(f"{shown}: 文件已存在, 没有覆盖 (请用 --name 换个文件名)") from None
    except OSError as error:
        raise ConfigError(f"{shown}: 无法新建文件 ({error.strerror})") from None
    return path


class UnsafeFile(Exception):
    """A file that must not be replaced; the message says why, in words for the user."""


def regular_file_bytes(path: Path) -> bytes:
    """The bytes of a regular file, never through a symbolic link (nor from a pipe that would block)."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeFile("是符号链接 (快捷方式)")
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFile("不是普通文件")
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(handle, "rb") as source:
        return source.read()


def replace_atomically(path: Path, data: bytes, expected: bytes) -> None:
    """Replace the file `path`, whose bytes were read as `expected`, by `data`: a temporary file in the
    same folder is written, flushed and renamed over it, so that a crash leaves the old or the new file.
    UnsafeFile when it has meanwhile become a link or changed."""
    mode = stat.S_IMODE(os.lstat(path).st_mode)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        if regular_file_bytes(path) != expected:  # last look: still the file that was read
            raise UnsafeFile("在处理过程中被改动了")
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


def write_backup(path: Path, data: bytes) -> Path | str:
    """A new file FILE.gbk.bak (or FILE.gbk.N.bak) holding `data`; never overwrites an earlier backup.
    On failure, what went wrong."""
    for counter in range(1000):
        backup = path.with_name(f"{path.name}.gbk.bak" if counter == 0 else f"{path.name}.gbk.{counter}.bak")
        try:
            create_exclusive(backup, data)
            return backup
        except FileExistsError:
            continue
        except OSError as error:
            return f"无法写入备份文件 {backup.name} ({error.strerror})"
    return "备份文件太多, 无法再写入备份"
