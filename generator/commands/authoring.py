"""`gongkai new` and `gongkai import`: a new record file from a template or from a Word or text file.
Neither overwrites anything; both write the front matter only when reading it back gives exactly the
values meant (see content_files for where and how files are written)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..config import SiteConfig
from ..content.columns import Column
from .content_files import UsageError, check_name, create_file, invisible, plain_value, read_back, shown
from .encodings import fix_encodings
from ..errors import ConfigError
from .documents import read_blocks
from .importer import front_matter, recognise, yaml_scalar
from ..checks import report_checks
from ..content.models import INDEX_KEY, Report, validate
from .numbering import Numbered, assign_numbers, next_index_number
from ..content.readers import MAX_RECORD_BYTES, read_document
from ..checks.report_checks import FAZHI_OUTLINE, GONGKAI_HEADINGS
from ..content.report_tables import OUTCOME_GROUPS
from ..pages.templating import render

__all__ = ["Numbered", "UsageError", "assign_numbers", "fix_encodings", "import_document", "new_record"]

def column_for_word(config: SiteConfig, word: str) -> tuple[Column, dict[str, str]]:
    """The column staff name after `gongkai new` (its name, folder or an alias), and the values the word
    implies: 公示 is a 通知公告 whose 类别 is 公示."""
    for column in config.columns:
        if word in (column.name, column.folder, *column.aliases):
            presets = {f.name: word for f in column.fields if f.type == "choice" and word in f.options}
            return column, presets
    words = " / ".join(c.name for c in config.columns)
    raise ConfigError(f"未知的类型 '{word}' (应为栏目名称之一: {words})")


def _field_lines(column: Column, presets: dict[str, str], today: dt.date) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(required, optional) declared fields as `gongkai new` writes them: required with a value to correct,
    optional commented out with what to write."""
    required, optional = [], []
    for decl in column.fields:
        value = presets.get(decl.name) or decl.example or (decl.options[0] if decl.options else "")
        if decl.type == "year":  # this year, not the example's: a 预算 is made for the year it is published
            value = str(today.year)
        table_example = decl.example or "[{" + ", ".join(f"{c}: …" for c in decl.columns) + "}]"
        hint = "可选: " + " / ".join(decl.options) if decl.options else {
            "date": "例如 2024-03-15", "publicity_end": "例如 2024-03-15", "year": "例如 2024", "table": "例如 " + table_example,
            "party": "个人写作 王某某, 单位写全称"}.get(decl.type, "")
        if decl.required and decl.type != "table":
            required.append((decl.name, yaml_scalar(value) if value else ""))
        else:
            optional.append((decl.name, hint))
    return required, optional

def check_title(title: str) -> str:
    """The title as it will be written: whitespace runs become one space; control characters refused."""
    bad = next((c for c in title if invisible(c) and c not in "\t\n\r"), None)
    if bad is not None:
        raise UsageError(f"标题 {shown(title)} 含有看不见的控制字符 U+{ord(bad):04X} "
                         "(请重新输入标题, 不要从网页或 Word 直接复制)")
    title = " ".join(title.split())
    if not title:
        raise UsageError("标题不能为空 (例如 gongkai new 通知 \"关于春耕备耕工作的通知\")")
    return title


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
    return all(key in fields and plain_value(fields[key]) == ("text", value) for key, value in expected.items())


def new_record(config: SiteConfig, type_word: str, title: str, today: dt.date, name: str = "") -> Path:
    column, presets = column_for_word(config, type_word)
    if name:
        check_name(name)  # refuse a bad --name before anything else; create_file applies it
    title = check_title(title)
    section = column.folder
    issuer = " ".join(config.issuer.split())
    number = next_index_number(config, today.year)
    required, optional = _field_lines(column, presets, today)
    text = render("new.md.j2", kind=column.kind, title_yaml=yaml_scalar(title), today=today, issuer_yaml=yaml_scalar(issuer),
                  issuer_key=column.issuer_key, report_type=column.report_type, required=required, optional=optional,
                  index_number=number, year=today.year - 1, gongkai_headings=GONGKAI_HEADINGS, fazhi_parts=FAZHI_OUTLINE,
                  table3_groups=OUTCOME_GROUPS, validity=config.validity)
    expected = {"标题": title, "发布日期": today.isoformat(), column.issuer_key: issuer,
                **({INDEX_KEY: number} if number else {})}
    if not _reads_back(text, expected):
        raise ConfigError(f"标题 {shown(title)} 无法安全地写入文件头, 没有新建文件 (请去掉标题中的特殊符号后重试)")
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
    text = front_matter(fields, imported.tables) + imported.body
    if len(text.encode("utf-8")) > MAX_RECORD_BYTES:  # check would refuse the file it wrote
        raise ConfigError(f"{source}: 文字太多 ({len(text.encode('utf-8')) // 1024} KB), 没有导入 "
                          f"(一条信息的文字不超过 {MAX_RECORD_BYTES // 1024 // 1024} MB; 大的材料请作为附件发布)")
    if not _reads_back(text, fields):
        raise ConfigError(f"{source}: 识别出的字段无法安全地写入文件头, 没有导入 (请把文件中的标题和发布机构改为普通文字后重试)")
    path = create_file(config, imported.section, name, number, published, text)
    return path, notes + imported.notes + _report_problems(config, path, imported.section)


def _report_problems(config: SiteConfig, path: Path, section: str) -> list[str]:
    """An imported 年报's identities and structure, checked at once: the clerk sees what the report got wrong."""
    if config.column(section).report_type != "政府信息公开":
        return []
    document, problems = read_document(path, config.root, section, path.stem)
    record, found = validate(document, config) if document else (None, [])
    if isinstance(record, Report):
        found += report_checks.record_problems(record, config.text)
    return [f"报告中的问题: {problem}" for problem in problems + found]
