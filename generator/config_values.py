"""Reading single values of mkdocs.yml: each checked for its type, range, length and control characters, so
that a mistake is one ConfigError naming the key and what was written."""
from __future__ import annotations

import datetime as dt
import re

from .checks.personal_data import redact
from .errors import ConfigError

CONFIG_FILE = "mkdocs.yml"
MAX_TEXT = 1000  # characters in one configuration value
# C0 and C1 control characters, line and paragraph separators and bidirectional overrides: never
# meant in a name, an address or a path, and each can disguise or break what is published.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\t\n]")


def key_path(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def quoted(value: object) -> str:
    """A value as the message shows it: its repr, cut short."""
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        text = repr(redact(value) if isinstance(value, str) else value)  # masked before repr writes \x07 into it
    except ValueError:  # an integer too long to print
        text = type(value).__name__
    return text if len(text) <= 60 else text[:57] + "…"


def checked_text(value: str, name: str, lines: bool = False) -> str:
    """A text value, refused when it is huge or holds control characters (lines: may hold line breaks)."""
    if len(value) > MAX_TEXT:
        raise ConfigError(f"{CONFIG_FILE}: {name}: 太长 ({len(value)} 个字符, 最多 {MAX_TEXT} 个)")
    bad = _CONTROL.search(value) or (None if lines else _LINE_BREAKS.search(value))
    if bad:
        raise ConfigError(f"{CONFIG_FILE}: {name}: 含有控制字符 U+{ord(bad.group()):04X}, 请删除 (值为 {quoted(value)})")
    return value


def text_of(table: dict, key: str, where: str, default: str = "", lines: bool = False) -> str:
    value = table.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ConfigError(f"{CONFIG_FILE}: {key_path(where, key)}: 应为文字, 实际是 {type_name(value)}")
    return checked_text(str(value).strip(), key_path(where, key), lines)


def type_name(value: object) -> str:
    return {bool: "true/false", dict: "键值表", list: "列表", float: "小数", dt.date: "日期", dt.datetime: "日期时间"}.get(
        type(value), type(value).__name__)


def number_of(table: dict, key: str, where: str, default: int, low: int, high: int) -> int:
    value = table.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(f"{CONFIG_FILE}: {key_path(where, key)}: 应为 {low} 到 {high} 之间的整数, 实际是 {quoted(value)}")
    return value


def table_of(table: dict, key: str, where: str) -> dict:
    value = table.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{CONFIG_FILE}: {key_path(where, key)}: 应为键值表 (下一行缩进写 键: 值), 实际是 {type_name(value)}")
    return value


def texts_of(table: dict, key: str, where: str) -> tuple[str, ...]:
    values = table.get(key)
    if values is None:
        return ()
    if not isinstance(values, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in values):
        raise ConfigError(f"{CONFIG_FILE}: {key_path(where, key)}: 应为列表, 例如 [\"0537-1234567\", \"12345\"]")
    return tuple(checked_text(str(v).strip(), key_path(where, key)) for v in values)
