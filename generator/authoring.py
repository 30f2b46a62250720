"""Commands that write into content/, and only where they say: `gongkai new` and `gongkai number`.

Both refuse to overwrite: `new` creates a file that does not exist yet; `number` adds the one key
索引号 to files that have none and never renumbers an existing one.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import index_numbers
from .config import SiteConfig
from .errors import ConfigError, Problem
from .fields import Invalid, date
from .models import CONTENT_TYPES, INDEX_KEY
from .readers import RawDocument, read_tree
from .importer import front_matter, read_blocks, recognise
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


@dataclass(frozen=True)
class Numbered:
    path: str
    number: str


def _documents(config: SiteConfig) -> list[RawDocument]:
    documents, _ = read_tree(config.content_dir, config.root, frozenset(CONTENT_TYPES))
    return documents


def _issued_numbers(documents: list[RawDocument]) -> list[str]:
    return [str(raw.data).strip() for d in documents for key, raw in d.fields if key == INDEX_KEY and raw.kind == "text"]


def next_index_number(config: SiteConfig, year: int) -> str:
    return index_numbers.next_free(_issued_numbers(_documents(config)), year, config) if config.index_prefix else ""


def create_file(config: SiteConfig, section: str, name: str, index_number: str, day: dt.date, text: str) -> Path:
    """Write a new record file; its name defaults to the 索引号 serial. Never overwrites."""
    name = name or (index_number.rsplit("/", 1)[-1] if index_number else day.strftime("%Y-%m%d"))
    path = config.content_dir / section / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        raise ConfigError(f"{path.relative_to(config.root).as_posix()}: 文件已存在, 没有覆盖 (请用 --name 换个文件名)") from None
    return path


def new_record(config: SiteConfig, type_word: str, title: str, today: dt.date, name: str = "") -> Path:
    if type_word not in TYPE_WORDS:
        raise ConfigError(f"未知的类型 '{type_word}' (应为 " + " / ".join(TYPE_WORDS) + ")")
    section, preset = TYPE_WORDS[type_word]
    number = next_index_number(config, today.year)
    text = render("new.md.j2", section=section, title=" ".join(title.split()), today=today, issuer=config.issuer,
                  category=preset if section == "notices" else "", report_type=preset if section == "reports" else "",
                  index_number=number, year=today.year - 1, gongkai_headings=GONGKAI_HEADINGS, fazhi_parts=[p for p, _ in FAZHI_PARTS],
                  table3_groups=OUTCOME_GROUPS)
    return create_file(config, section, name, number, today, text)


def import_document(config: SiteConfig, source: Path, today: dt.date, name: str = "") -> tuple[Path, list[str]]:
    blocks, notes = read_blocks(source)
    imported = recognise(blocks, config, today)
    published = dt.date.fromisoformat(imported.fields["发布日期"])
    number = next_index_number(config, published.year)
    fields = {**imported.fields, **({INDEX_KEY: number} if number else {})}
    path = create_file(config, imported.section, name, number, published, front_matter(fields) + imported.body)
    return path, notes + imported.notes


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
        issued.append(number)
        _write_index_number(document, number)
        assigned.append(Numbered(document.source.path, number))
    return assigned, problems


def fix_encodings(config: SiteConfig) -> list[str]:
    """Rewrite GBK/GB18030 record files as UTF-8, keeping the original beside it as FILE.gbk.bak."""
    fixed = []
    for path in sorted(config.content_dir.rglob("*.md")):
        data = path.read_bytes()
        try:
            data.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            continue  # neither: `check` reports it
        backup = path.with_name(path.name + ".gbk.bak")
        counter = 1
        while backup.exists():  # never overwrite an earlier backup
            backup, counter = path.with_name(f"{path.name}.gbk.{counter}.bak"), counter + 1
        backup.write_bytes(data)
        path.write_text(text, encoding="utf-8")
        fixed.append(f"{path.relative_to(config.root).as_posix()} (原文件保存为 {backup.name})")
    return fixed


def _write_index_number(document: RawDocument, number: str) -> None:
    """Add or fill the 索引号 line, leaving every other byte of the file as it was."""
    data = document.path.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    fields = dict(document.fields)
    if INDEX_KEY in fields:  # written but empty: `索引号:`
        lines[fields[INDEX_KEY].line - 1] = f"{INDEX_KEY}: {number}{newline}"
    else:
        after = fields["发布日期"].line  # the line of 发布日期, 1-based: insert right below it
        lines.insert(after, f"{INDEX_KEY}: {number}{newline}")
    document.path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + "".join(lines).encode("utf-8"))
