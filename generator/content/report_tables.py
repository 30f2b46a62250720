"""The three tables of the 政府信息公开工作年度报告: declared rows, parsing, identities.

Staff write each row as a list of numbers in the column order of the paper table, e.g.
`予以公开: [2, 0, 0, 0, 0, 0, 2]`. The identities of domain.md §4 are checked here. Reports from 2021 on
use the tables of 国办公开办函〔2021〕30号; those of 2019 and 2020 used 国办公开办函〔2019〕60号, whose 表二 has
other rows and columns and whose 表三 has （六）其他处理 as one row. Which layout a report is in shows in
its rows: 表二 with 规范性文件 (not 行政规范性文件) is the 2019 one.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Mapping

from ..errors import Problem, SourceRef
from .fields import Invalid
from .readers import RawValue

LAYOUT_2021, LAYOUT_2019 = "2021", "2019"
LAYOUT_RULES = {LAYOUT_2021: "国办公开办函〔2021〕30号", LAYOUT_2019: "国办公开办函〔2019〕60号"}
# Row → the kind of each cell: n a count, s a signed change (本年增/减), m an amount in 万元 (decimals).
TABLE2_ROWS = {"规章": "nnn", "行政规范性文件": "nnn", "行政许可": "n", "行政处罚": "n", "行政强制": "n", "行政事业性收费": "m"}
TABLE2_ROWS_2019 = {"规章": "nnn", "规范性文件": "nnn", "行政许可": "nsn", "其他对外管理服务事项": "nsn", "行政处罚": "nsn",
                    "行政强制": "nsn", "行政事业性收费": "ns", "政府集中采购": "nm"}
TABLE2_COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")
NORMATIVE_ROW = {LAYOUT_2021: "行政规范性文件", LAYOUT_2019: "规范性文件"}
DECISIONS_COLUMN = {LAYOUT_2021: 0, LAYOUT_2019: 2}  # where 表二 gives the 处理决定数量 of 行政许可/处罚/强制
FEE_PLACES = 4  # decimals of the fee (万元, i.e. to the yuan)
CELL_LIMIT = 10**9  # every cell, the fee included, is below this
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")

APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
OUTCOME_GROUPS = {
    "不予公开": ("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益", "属于三类内部事务信息",
             "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"),
    "无法提供": ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"),
    "不予处理": ("信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请", "要求行政机关确认或重新出具已获取信息"),
    "其他处理": ("申请人无正当理由逾期不补正", "申请人逾期未按收费通知要求缴纳费用", "其他"),
}
TABLE3_ROWS = ("本年新收", "上年结转", "予以公开", "部分公开", *OUTCOME_GROUPS, "总计", "结转下年度")
SINGLE_ROW_2019 = "其他处理"  # a group of three rows since 2021, one row before
TABLE4_ROWS = ("行政复议", "未经复议直接起诉", "复议后起诉")
TABLE4_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


@dataclass(frozen=True)
class Row:
    name: str  # "予以公开", or "不予公开/属于国家秘密" for a sub-row
    values: tuple[Decimal, ...]
    line: int


@dataclass(frozen=True)
class Table:
    key: str  # 表二, 表三, 表四
    line: int
    rows: Mapping[str, Row]
    layout: str = LAYOUT_2021

    def __getitem__(self, name: str) -> Row:
        return self.rows[name]


def _number(value: RawValue, kind: str = "n") -> Decimal:
    """A cell below CELL_LIMIT: a plain non-negative integer (n); a change that may be negative (s); an
    amount in 万元 (m) with up to FEE_PLACES decimals."""
    written = str(value.data).strip() if value.kind == "text" else ""
    decimals = kind == "m"
    what = {"n": "非负整数", "s": "整数", "m": "非负数"}[kind]

    def invalid(message: str, expected: str = f"每格填一个{what}, 没有就填 0") -> Invalid:
        return Invalid(f"'{written or value.kind}' {message}", expected, value.line)

    compact = unicodedata.normalize("NFKC", written)  # full-width digits, as Chinese input methods type them
    negative = kind == "s" and compact.startswith("-") and len(compact) > 1
    digits = compact[1:] if negative else compact
    try:
        number = Decimal(digits)
    except InvalidOperation:
        raise invalid(f"不是{what}") from None
    if not number.is_finite() or number < 0:  # NaN, Infinity
        raise invalid(f"不是{what}")
    if digits[:1] in "+-":  # -0, +3
        raise invalid("不能带正负号" if kind != "s" else "不是普通的数字写法")
    if number >= CELL_LIMIT:
        raise invalid("超出范围", f"每格应小于 {CELL_LIMIT}")
    if not decimals and number != number.to_integral_value():
        raise invalid(f"不是{what}")
    if decimals and number != number.quantize(Decimal(1).scaleb(-FEE_PLACES)):
        raise invalid(f"小数超过 {FEE_PLACES} 位", f"金额以万元为单位, 最多写 {FEE_PLACES} 位小数")
    if not _PLAIN_NUMBER.fullmatch(digits):  # 1e3, 1_000, .5
        raise invalid("不是普通的数字写法", f"直接写数字, 例如 {'0.5' if decimals else '12'}, 不用科学计数法")
    return -number if negative else number


def _row(name: str, value: RawValue, kinds: str) -> Row:
    count = len(kinds)
    items = value.data if value.kind == "list" else (value,) if count == 1 else None
    if items is None or len(items) != count:  # type: ignore[arg-type]
        found = len(value.data) if value.kind == "list" else 1  # type: ignore[arg-type]
        raise Invalid(f"“{name}”应有 {count} 个数, 实际 {found} 个", f"按表格列的顺序写 [{', '.join(['0'] * count)}]", value.line)
    return Row(name, tuple(_number(item, kind) for item, kind in zip(items, kinds)), value.line)  # type: ignore[arg-type]


def _rows(key: str, value: RawValue, declared: Mapping[str, object]) -> dict[str, Row]:
    """declared: row name → the kinds of its cells, or a tuple of sub-row names (a group of rows)."""
    if value.kind != "map":
        raise Invalid(f"{key}应按行填写", "每行写作 行名: [数, 数, …]", value.line)
    given = dict(value.data)  # type: ignore[arg-type]
    unknown = [name for name in given if name not in declared]
    if unknown:
        raise Invalid(f"未知的行“{unknown[0]}”", "应为 " + "、".join(declared), given[unknown[0]].line)
    rows: dict[str, Row] = {}
    for name, shape in declared.items():
        if name not in given:
            raise Invalid(f"缺少行“{name}”", "表格每一行都要填写, 没有就填 0", value.line)
        if isinstance(shape, tuple):
            rows.update({f"{name}/{sub}": row for sub, row in _rows(f"{key}“{name}”", given[name], {s: "n" * 7 for s in shape}).items()})
        else:
            rows[name] = _row(name, given[name], shape)  # type: ignore[arg-type]
    return rows


def _given(value: RawValue) -> dict:
    return dict(value.data) if value.kind == "map" else {}  # type: ignore[arg-type]


def table2(value: RawValue) -> Table:
    layout = LAYOUT_2019 if any(name in _given(value) for name in ("规范性文件", "其他对外管理服务事项", "政府集中采购")) else LAYOUT_2021
    return Table("表二", value.line, _rows("表二", value, TABLE2_ROWS_2019 if layout == LAYOUT_2019 else TABLE2_ROWS), layout)


def table3(value: RawValue) -> Table:
    single = _given(value).get(SINGLE_ROW_2019)
    layout = LAYOUT_2019 if single is not None and single.kind == "list" else LAYOUT_2021
    declared = {name: ("n" * 7 if layout == LAYOUT_2019 and name == SINGLE_ROW_2019 else OUTCOME_GROUPS.get(name, "n" * 7))
                for name in TABLE3_ROWS}
    return Table("表三", value.line, _rows("表三", value, declared), layout)


def table4(value: RawValue) -> Table:
    return Table("表四", value.line, _rows("表四", value, {name: "n" * 5 for name in TABLE4_ROWS}))


def decisions(table: Table, row: str) -> Decimal:
    """The 处理决定数量 of 行政许可, 行政处罚 or 行政强制, in either layout."""
    return table[row].values[DECISIONS_COLUMN[table.layout]]


def outcome_rows(table: Table) -> list[Row]:
    """（一）to（六）: every row that adds up to （七）总计 (（六）其他处理 is one row in the 2019 layout)."""
    rows = [table["予以公开"], table["部分公开"]]
    for group, subs in OUTCOME_GROUPS.items():
        rows += [table[group]] if group in table.rows else [table[f"{group}/{sub}"] for sub in subs]
    return rows


def _mismatch(path: str, table: Table, row: Row, column: str, expected: Decimal, rule: str) -> Problem:
    columns = TABLE4_COLUMNS if table.key == "表四" else APPLICANTS
    found = row.values[columns.index(column)]
    label = row.name.replace("/", "：")
    return Problem(SourceRef(path, row.line), table.key, f"行“{label}”列“{column}”应为 {expected} ({rule}), 实际为 {found}")


def identity_problems(path: str, t2: Table, t3: Table, t4: Table) -> list[Problem]:
    problems = []
    if t2.layout != t3.layout:
        problems.append(Problem(SourceRef(path, t3.line), "表三", f"表二是{LAYOUT_RULES[t2.layout]}的格式, 表三却是{LAYOUT_RULES[t3.layout]}的格式",
                                "同一份报告的表格应使用同一年的格式 (2019 年格式的“其他处理”是一行 7 个数, 2021 年格式分 3 行)"))
    if any(t2["规章"].values):
        problems.append(Problem(SourceRef(path, t2["规章"].line), "表二", "乡镇不制定规章, “规章”行应全为 0", "规章: [0, 0, 0]"))
    for row in t3.rows.values():  # identity 3: 总计 = the six applicant columns
        if row.values[6] != sum(row.values[:6]):
            problems.append(_mismatch(path, t3, row, "总计", sum(row.values[:6]), "前六列之和"))
    for index, column in enumerate(APPLICANTS):
        total = sum(r.values[index] for r in outcome_rows(t3))  # identity 2
        if t3["总计"].values[index] != total:
            problems.append(_mismatch(path, t3, t3["总计"], column, total, "（一）至（六）各项之和"))
        received = t3["本年新收"].values[index] + t3["上年结转"].values[index]  # identity 1
        handled = t3["总计"].values[index] + t3["结转下年度"].values[index]
        if received != handled:
            expected = received - t3["总计"].values[index]
            problems.append(_mismatch(path, t3, t3["结转下年度"], column, expected, "本年新收 + 上年结转 − 总计"))
    for row in t4.rows.values():  # identity 4
        if row.values[4] != sum(row.values[:4]):
            problems.append(_mismatch(path, t4, row, "总计", sum(row.values[:4]), "维持 + 纠正 + 其他 + 尚未审结"))
    return problems
