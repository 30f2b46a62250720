"""The one user-facing error type and the way every content problem is printed."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceRef:
    """Where something came from: a path relative to the project root and a 1-based line."""

    path: str
    line: int
    place: str = ""  # instead of a line, where a line means nothing: "工作表 Sheet1 单元格 B3", "第 2 页"


BODY = "正文"  # the Markdown body below the front matter: not a field, printed as "正文: …"


@dataclass(frozen=True)
class Problem:
    """One finding about the content, e.g. a missing field or a YAML syntax error.

    `field` is the front-matter key the problem is about, or "" when it concerns the file.
    `expected` says what would be right; it is printed in parentheses.
    """

    source: SourceRef
    field: str
    message: str
    expected: str = ""
    warning: bool = False  # a warning is printed but does not stop the build

    def __str__(self) -> str:
        path = _one_line(self.source.path)
        where = f"{path}: {self.source.place}: " if self.source.place else f"{path}:{self.source.line}: "
        where += "警告: " if self.warning else ""
        if self.field == BODY:
            what = f"{BODY}: {self.message}"
        else:
            what = f"字段 '{self.field}': {self.message}" if self.field else self.message
        return where + _one_line(what) + (f" ({self.expected})" if self.expected else "")

    @property
    def sort_key(self) -> tuple[str, int, str]:
        return (self.source.path, self.source.line, self.field)


def _one_line(text: str) -> str:
    """A problem is one line: a line break or control character in a file name or a quoted value is
    shown as U+XXXX, so that the next line of output is the next problem."""
    return "".join(f"U+{ord(c):04X}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029" else c for c in text)


class ContentError(Exception):
    """Raised with every problem of a run, so that all of them are reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: p.sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(Exception):
    """The site configuration (mkdocs.yml) is unusable; the message says which key and why."""
