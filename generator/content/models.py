"""The declared content types: which keys each folder's files carry and the typed records they become."""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from . import fields, index_numbers, report_tables
from ..config import SiteConfig
from .docnumbers import doc_number
from ..errors import Problem, SourceRef
from .fields import Attachment, Invalid
from .readers import RawDocument, RawValue
from .columns import Column, FieldDecl
from .report_tables import Table


@dataclass(frozen=True)
class Withdrawal:
    """撤回: the page stays at its URL and says why; the item leaves listings, search and feeds."""

    date: dt.date
    reason: str


@dataclass(frozen=True)
class Revision:
    """One line of 修订记录."""

    date: dt.date
    note: str


@dataclass(frozen=True)
class Repeal:
    """废止: the date and the 文号 of the document that repealed this one."""

    date: dt.date
    by: str


@dataclass(frozen=True, kw_only=True)
class Record:
    """A record of a column of kind item (信息); the other kinds add their own attributes."""

    section: str  # the column's folder
    slug: str
    source: SourceRef
    title: str
    published: dt.date
    issuer: str
    index_number: str
    summary: str
    keywords: tuple[str, ...]
    attachments: tuple[Attachment, ...]
    withdrawal: Withdrawal | None
    revisions: tuple[Revision, ...]  # newest first
    public_numbers: tuple[str, ...]  # 公开号码: numbers in this record that may be published (office phones)
    body: str
    body_line: int
    lines: Mapping[str, int] = field(compare=False, hash=False)  # front-matter key → line, for later checks
    values: tuple[tuple[str, Any], ...] = ()  # the column's declared fields as given, typed, in declared order
    publicity_until: dt.date | None = None  # a declared publicity_end field (公示期至): attachments end with it

    def line_of(self, key: str) -> SourceRef:
        return SourceRef(self.source.path, self.lines.get(key, self.source.line))

    def value(self, name: str, default: Any = None) -> Any:
        return next((value for key, value in self.values if key == name), default)


@dataclass(frozen=True, kw_only=True)
class Policy(Record):
    doc_number: str
    signed: dt.date
    effective: dt.date | None
    valid_until: dt.date | None
    registration: str  # 登记号 under 统一登记, where a province requires it
    topic: str
    repeal: Repeal | None
    amended_by: tuple[str, ...]  # 文号 of the documents that amended this one


@dataclass(frozen=True, kw_only=True)
class Interpretation(Record):
    interprets: str  # the 文号 of the 规范性文件 it explains


@dataclass(frozen=True, kw_only=True)
class Report(Record):
    year: int
    report_type: str  # from the column: 政府信息公开 or 法治政府建设
    table2: Table | None  # 政府信息公开 reports only: 主动公开 (表二), 申请 (表三), 复议诉讼 (表四)
    table3: Table | None
    table4: Table | None


@dataclass(frozen=True)
class FieldSpec:
    key: str  # the front-matter key staff write
    attr: str  # the record attribute it fills; "" for a declared field (Record.values)
    convert: Callable[[RawValue], Any]
    required: bool = False
    example: str = ""
    empty: Any = ""
    declared: FieldDecl | None = None


@dataclass(frozen=True)
class ContentType:
    column: Column
    record_class: type[Record]
    fields: tuple[FieldSpec, ...]

    @property
    def label(self) -> str:
        return self.column.name

    def spec(self, key: str) -> FieldSpec | None:
        return next((spec for spec in self.fields if spec.key == key), None)


def _withdrawal(value: RawValue) -> Withdrawal:
    parts = fields.entry(value, {"日期": fields.date, "原因": fields.text}, "例如 撤回: {日期: 2024-03-20, 原因: 会议时间调整}")
    return Withdrawal(parts["日期"], parts["原因"])  # type: ignore[arg-type]


def _revisions(value: RawValue) -> tuple[Revision, ...]:
    items = fields.entries(value, {"日期": fields.date, "说明": fields.text}, "例如 - {日期: 2024-03-20, 说明: 更正联系电话}")
    revisions = [Revision(item["日期"], item["说明"]) for item in items]  # type: ignore[arg-type]
    return tuple(sorted(revisions, key=lambda r: r.date, reverse=True))


def _repeal(value: RawValue) -> Repeal:
    parts = fields.entry(value, {"日期": fields.date, "文号": doc_number}, "例如 废止: {日期: 2025-03-01, 文号: 纸政发〔2025〕4号}")
    return Repeal(parts["日期"], parts["文号"])  # type: ignore[arg-type]


def _common(issuer_key: str) -> tuple[FieldSpec, ...]:
    return (
        FieldSpec("标题", "title", fields.text, True, "标题: 关于做好春耕备耕工作的通知"),
        FieldSpec("发布日期", "published", fields.date, True, "发布日期: 2024-03-15"),
        FieldSpec(issuer_key, "issuer", fields.text, True, f"{issuer_key}: 纸坊镇人民政府"),
        FieldSpec("索引号", "index_number", fields.text),
        FieldSpec("摘要", "summary", fields.text),
        FieldSpec("关键词", "keywords", fields.keywords, empty=()),
        FieldSpec("附件", "attachments", fields.attachments, empty=()),  # converted with the folder
        FieldSpec("撤回", "withdrawal", _withdrawal, empty=None),
        FieldSpec("修订记录", "revisions", _revisions, empty=()),
        FieldSpec("公开号码", "public_numbers", fields.keywords, empty=()),
    )


def _kind_fields(column: Column) -> tuple[FieldSpec, ...]:
    if column.kind == "policy":
        return (
            FieldSpec("文号", "doc_number", doc_number, True, "文号: 纸政发〔2023〕3号"),
            FieldSpec("成文日期", "signed", fields.date, True, "成文日期: 2023-06-01"),
            FieldSpec("施行日期", "effective", fields.date, empty=None),
            FieldSpec("有效期至", "valid_until", fields.date, empty=None),
            FieldSpec("登记号", "registration", fields.text),
            FieldSpec("主题分类", "topic", fields.text),
            FieldSpec("废止", "repeal", _repeal, empty=None),
            FieldSpec("修改", "amended_by", lambda value: fields.one_or_more(value, doc_number), empty=()),
        )
    if column.kind == "interpretation":
        return (FieldSpec("解读文件", "interprets", doc_number, True, "解读文件: 纸政发〔2023〕3号"),)
    if column.kind == "report":
        return (
            FieldSpec("年度", "year", fields.year, True, "年度: 2023"),
            # written by earlier versions, when both kinds of report shared one column: must name this column's kind
            FieldSpec("报告类型", "report_type", fields.choice(column.report_type), False, f"报告类型: {column.report_type}", column.report_type),
            FieldSpec("表二", "table2", report_tables.table2, empty=None),
            FieldSpec("表三", "table3", report_tables.table3, empty=None),
            FieldSpec("表四", "table4", report_tables.table4, empty=None),
        )
    return ()


def _converter(decl: FieldDecl) -> Callable[[RawValue], Any]:
    if decl.type == "choice":
        return fields.choice(*decl.options)
    if decl.type == "table":
        return lambda value: fields.table(value, decl.columns)
    return {"text": fields.text, "date": fields.date, "year": fields.year, "doc_number": doc_number, "list": fields.keywords,
            "publicity_end": fields.date, "party": fields.party}[decl.type]


def _declared(decl: FieldDecl) -> FieldSpec:
    example = f"{decl.name}: {decl.example or (decl.options[0] if decl.options else '…')}"
    return FieldSpec(decl.name, "publicity_until" if decl.type == "publicity_end" else "", _converter(decl),
                     decl.required, example, None, decl)


RECORD_CLASSES: dict[str, type[Record]] = {"item": Record, "policy": Policy, "interpretation": Interpretation, "report": Report}
_TYPES: dict[int, tuple[Column, ContentType]] = {}  # by the column object: hashing a Column compares all it declares


def content_type_of(column: Column) -> ContentType:
    """The fields and record class of a column: the common fields, its kind's, then its declared ones."""
    kept = _TYPES.get(id(column))
    if kept is None or kept[0] is not column:
        declared = tuple(_declared(decl) for decl in column.fields)
        kept = _TYPES[id(column)] = (column, ContentType(column, RECORD_CLASSES[column.kind], _common(column.issuer_key) + _kind_fields(column) + declared))
    return kept[1]


ISSUER_KEYS = ("发布机构", "发文机关")
INDEX_KEY = "索引号"


def validate(document: RawDocument, config: SiteConfig) -> tuple[Record | None, list[Problem]]:
    content_type = content_type_of(config.column(document.section))
    problems: list[Problem] = []
    given: dict[str, RawValue] = {}
    for key, raw in document.fields:
        where = SourceRef(document.source.path, raw.line)
        if key in given:
            problems.append(Problem(where, key, f"重复的字段, 第 {given[key].line} 行已经写过", "每个字段只写一次"))
        elif content_type.spec(key) is None:
            problems.append(Problem(where, key, "未知字段", _suggestion(key, content_type)))
        else:
            given[key] = raw
    values: dict[str, Any] = {}
    declared: dict[str, Any] = {}
    for spec in content_type.fields:
        raw = given.get(spec.key)
        if raw is None or (raw.kind == "text" and raw.data == ""):
            if spec.key in ISSUER_KEYS and config.issuer:
                values[spec.attr] = config.issuer
            elif spec.key == INDEX_KEY and config.index_prefix:
                line = raw.line if raw else document.source.line
                problems.append(Problem(SourceRef(document.source.path, line), spec.key, "缺少索引号", "运行 gongkai number 自动编号"))
            elif spec.required:
                line = raw.line if raw else document.source.line
                message = "不能为空" if raw else "缺少必填字段"
                problems.append(Problem(SourceRef(document.source.path, line), spec.key, message, "例如 " + spec.example))
            elif spec.attr:
                values[spec.attr] = spec.empty
            continue
        try:
            if spec.attr == "attachments":
                values[spec.attr] = fields.attachments(raw, document.folder, config.content_dir)
            elif spec.key == INDEX_KEY:
                values[spec.attr] = index_numbers.validate(fields.text(raw), config)
            elif spec.declared is not None:
                declared[spec.key] = spec.convert(raw)
                if spec.attr:
                    values[spec.attr] = declared[spec.key]
            else:
                values[spec.attr] = spec.convert(raw)
        except Invalid as err:
            problems.append(Problem(SourceRef(document.source.path, err.line or raw.line), spec.key, err.message, err.expected))
    problems.extend(_cross_field_problems(values, given, document))
    problems.extend(_declared_problems(content_type.column, declared, values.get("published"), given, document.source.path))
    if problems:
        return None, problems
    record = content_type.record_class(
        section=document.section,
        slug=document.slug,
        source=document.source,
        body=document.body,
        body_line=document.body_line,
        lines={key: raw.line for key, raw in given.items()},
        values=tuple((decl.name, declared[decl.name]) for decl in content_type.column.fields if decl.name in declared),
        **values,
    )
    return record, []


def _cross_field_problems(values: dict[str, Any], given: dict[str, RawValue], document: RawDocument) -> list[Problem]:
    problems = []
    path = document.source.path
    signed, published = values.get("signed"), values.get("published")
    if signed and published and published < signed:
        problems.append(Problem(SourceRef(path, given["发布日期"].line), "发布日期",
                                f"发布日期 {published.isoformat()} 早于成文日期 {signed.isoformat()}", "发布日期不能早于成文日期"))
    effective = values.get("effective")
    if signed and effective and effective < signed:
        problems.append(Problem(SourceRef(path, given["施行日期"].line), "施行日期",
                                f"施行日期 {effective.isoformat()} 早于成文日期 {signed.isoformat()}", "施行日期不能早于成文日期"))
    later_than_published = [
        ("撤回", values.get("withdrawal") and values["withdrawal"].date, "撤回日期"),
        ("废止", values.get("repeal") and values["repeal"].date, "废止日期"),
        ("修订记录", values.get("revisions") and min(r.date for r in values["revisions"]), "修订日期"),
    ]
    for key, date, label in later_than_published:
        if date and published and date < published:
            problems.append(Problem(SourceRef(path, given[key].line), key, f"{label} {date.isoformat()} 早于发布日期 {published.isoformat()}",
                                    f"{label}不能早于发布日期"))
    start = values.get("effective") or published
    if values.get("valid_until") and start and values["valid_until"] <= start:
        problems.append(Problem(SourceRef(path, given["有效期至"].line), "有效期至", f"有效期至 {values['valid_until'].isoformat()} 不晚于施行日期 {start.isoformat()}",
                                "有效期至应在施行日期之后"))
    number = values.get("doc_number")
    if number and (values.get("repeal") and values["repeal"].by == number or number in values.get("amended_by", ())):
        key = "废止" if values.get("repeal") and values["repeal"].by == number else "修改"
        problems.append(Problem(SourceRef(path, given[key].line), key, "文件不能废止或修改自己", "应写另一份文件的文号"))
    report_type = values.get("report_type")
    for key in ("表二", "表三", "表四") if report_type else ():
        if report_type == "政府信息公开" and key not in given:
            problems.append(Problem(SourceRef(path, document.source.line), key, f"政府信息公开工作年度报告缺少{key}",
                                    "按国办公开办函〔2021〕30号的表格逐行填写, 见 README 的完整示例"))
        elif report_type == "政府信息公开" and given[key].kind == "text" and not given[key].data:  # `表四:` with nothing
            problems.append(Problem(SourceRef(path, given[key].line), key, f"{key}是空的",
                                    "按表格逐行填写, 零报告每格填 0 (gongkai new 年报 生成全是 0 的表格)"))
        elif report_type != "政府信息公开" and key in given:
            problems.append(Problem(SourceRef(path, given[key].line), key, f"只有政府信息公开工作年度报告才有{key}", "报告类型: 政府信息公开"))
    return problems


def _declared_problems(column: Column, declared: dict[str, Any], published: dt.date | None, given: dict[str, RawValue],
                       path: str) -> list[Problem]:
    """The rules a declaration states: a field allowed only for some values of another (公示期至 only for a 公示),
    and a 公示期 that ends after it began."""
    problems = []
    for decl in column.fields:
        if decl.name not in declared:
            continue
        where = SourceRef(path, given[decl.name].line)
        wrong = [(key, option) for key, option in decl.only_when if declared.get(key) != option]
        if wrong:
            key, option = wrong[0]
            problems.append(Problem(where, decl.name, f"只有{option}才有{decl.name.removesuffix('至')}", f"{key} 为 {option} 时才填写 {decl.name}"))
        elif decl.type == "publicity_end" and published and declared[decl.name] < published:
            problems.append(Problem(where, decl.name, f"{decl.name} {declared[decl.name].isoformat()} 早于发布日期 {published.isoformat()}",
                                    f"{decl.name}应在发布日期之后"))
    return problems


def _suggestion(key: str, content_type: ContentType) -> str:
    known = [spec.key for spec in content_type.fields]
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
    if close:
        return f"是否应为 '{close[0]}'?"
    return f"{content_type.label}可用的字段: " + "、".join(known)
