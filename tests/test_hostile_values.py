"""Hostile and extreme values: exports a spreadsheet or feed reader cannot be attacked or broken with, dates
that contradict each other or lie out of range, report cells no table can hold. Each gives a located problem
or a clean exit, never a traceback."""
import csv
import dataclasses
import datetime as dt
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from report_texts import gongkai_report

from generator.pages import exports
from generator.commands.cli import main
from generator.config import load_config
from generator.errors import ContentError
from generator.content.fields import Invalid, date, year
from generator.content.lifecycle import add_years, expiry
from generator.pipeline import load_site
from generator.content.readers import RawValue

TODAY = dt.date(2024, 6, 1)
NOTICE = "---\n标题: {title}\n类别: {category}\n发布日期: 2024-03-05\n发布机构: 纸坊镇人民政府\n{extra}---\n正文\n"
POLICY = ("---\n标题: 管理办法\n文号: {number}\n发文机关: 纸坊镇人民政府\n成文日期: 2023-05-10\n发布日期: 2023-05-16\n"
          "{extra}---\n正文\n")
ATOM = "{http://www.w3.org/2005/Atom}"


def notice(title: str = "关于春耕的通知", category: str = "通知", extra: str = "") -> str:
    return NOTICE.format(title=title, category=category, extra=extra)


def policy(number: str, extra: str = "") -> str:
    return POLICY.format(number=number, extra=extra)


def problems(root, today: dt.date = TODAY) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_site(load_config(root), today)
    return [str(p) for p in caught.value.problems]


def pages(site) -> dict[str, str]:
    return {page.path: page.text for page in exports.export_files(site)}


# 1. Exports -------------------------------------------------------------------------------------------------

FORMULAS = ["=HYPERLINK(\"http://evil.example/\",\"点此\")", "@SUM(1+1)*cmd|' /C calc'!A0", "+1+2", "-2+3",
            "＝1+1", "＋1", "－1", "＠SUM(A1)"]


def test_catalog_csv_cells_that_start_a_formula_are_neutralized(project):
    files = {f"content/notices/n{i}.md": notice(title=json.dumps(title, ensure_ascii=False)) for i, title in enumerate(FORMULAS)}
    files["content/notices/plain.md"] = notice(title="关于春耕的通知")
    files["content/notices/issuer.md"] = notice(title="普通标题").replace("发布机构: 纸坊镇人民政府", "发布机构: =1+1")
    site = load_site(load_config(project(files)), TODAY)
    text = pages(site)["catalog.csv"]
    assert text.startswith("\ufeff索引号,标题,")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    titles = {row["标题"] for row in rows}
    assert titles >= {"'" + title for title in FORMULAS} | {"关于春耕的通知", "普通标题"}
    assert not any(title in titles for title in FORMULAS)
    assert next(row for row in rows if row["标题"] == "普通标题")["发布机构"] == "'=1+1"
    assert all(row["发布日期"][:1].isdigit() for row in rows)  # normal cells untouched
    assert {entry["标题"] for entry in json.loads(pages(site)["catalog.json"])} == {*FORMULAS, "关于春耕的通知", "普通标题"}  # JSON as written


@pytest.mark.parametrize("value", ["\t=1+1", "\r=1+1", "  =1+1", "\u3000@SUM(A1)", "\n-1", "\t", "=", " ＋1"])
def test_formula_after_control_or_leading_whitespace_is_neutralized(project, value):
    site = load_site(load_config(project({"content/notices/a.md": notice()})), TODAY)
    hostile = dataclasses.replace(site.in_column("notices")[0], title=value, issuer=value)
    rows = list(csv.DictReader(io.StringIO(pages(dataclasses.replace(site, columns={"notices": (hostile,)}))["catalog.csv"].removeprefix("\ufeff"))))
    assert (rows[0]["标题"], rows[0]["发布机构"]) == ("'" + value, "'" + value)


@pytest.mark.parametrize("value", ["关于春耕的通知", "2024年-春耕", "a=b", "纸政发〔2023〕3号", "'=已加引号"])
def test_ordinary_cells_are_left_alone(project, value):
    site = load_site(load_config(project({"content/notices/a.md": notice()})), TODAY)
    hostile = dataclasses.replace(site.in_column("notices")[0], title=value)
    rows = list(csv.DictReader(io.StringIO(pages(dataclasses.replace(site, columns={"notices": (hostile,)}))["catalog.csv"].removeprefix("\ufeff"))))
    assert rows[0]["标题"] == value


def test_feeds_stay_well_formed_xml_for_every_control_character_and_lone_surrogates(project):
    root = project({"content/notices/a.md": notice(), "content/policies/p.md": policy("纸政发〔2023〕3号")})
    site = load_site(load_config(root), TODAY)
    controls = "".join(chr(c) for c in range(32)) + "\x7f\ufffe\uffff\udfff\ud800"  # low before high: no pair
    hostile = "标题<&>\"'" + controls + "]]>结束"
    notices = tuple(dataclasses.replace(site.in_column("notices")[0], slug=f"n{i}", title=hostile + str(i), summary=controls,
                                        issuer="镇" + controls) for i in range(3))
    policies = (dataclasses.replace(site.policies[0], title=controls + "办法", summary=""),)
    hostile_config = dataclasses.replace(site.config, town="纸坊镇\x00\x1b\ud83d", issuer="\x0c政府")
    output = pages(dataclasses.replace(site, columns={"notices": notices, "policies": policies}, policies=policies, config=hostile_config))
    for path in ("feeds/notices.xml", "feeds/policies.xml"):
        data = output[path].encode("utf-8")  # no lone surrogate left to break the UTF-8 file
        feed = ET.fromstring(data)
        assert feed.find(f"{ATOM}title").text == "纸坊镇" + ("通知公告" if "notices" in path else "规范性文件")
    entries = list(ET.fromstring(output["feeds/notices.xml"].encode()).iter(f"{ATOM}entry"))
    # tab and newline kept (a carriage return is read as a newline), every other control and non-character dropped
    assert [e.find(f"{ATOM}title").text for e in entries] == [f"标题<&>\"'\t\n\n\x7f]]>结束{i}" for i in (2, 1, 0)]
    assert {e.find(f"{ATOM}author/{ATOM}name").text for e in entries} == {"镇\t\n\n\x7f"}
    assert ET.fromstring(output["feeds/policies.xml"].encode()).find(f"{ATOM}entry/{ATOM}title").text == "\t\n\n\x7f办法"


def test_catalog_json_and_csv_survive_lone_surrogates_and_controls(project):
    site = load_site(load_config(project({"content/notices/a.md": notice()})), TODAY)
    hostile = dataclasses.replace(site.in_column("notices")[0], title="a\ud800b\x00c\ud83d\ude00d", issuer="\udfff=1")
    output = pages(dataclasses.replace(site, columns={"notices": (hostile,)}))
    entries = json.loads(output["catalog.json"].encode("utf-8"))
    assert (entries[0]["标题"], entries[0]["发布机构"]) == ("ab\x00c😀d", "=1")  # a pair written as two escapes is joined
    rows = list(csv.DictReader(io.StringIO(output["catalog.csv"].encode("utf-8").decode("utf-8-sig"))))
    assert (rows[0]["标题"], rows[0]["发布机构"]) == ("ab\x00c😀d", "'=1")


# 2. Dates that contradict each other -----------------------------------------------------------------------

def test_publicity_period_ending_before_publication(project):
    root = project({"content/notices/a.md": notice(category="公示", extra="公示期至: 2024-03-01\n")})
    assert problems(root) == [
        "content/notices/a.md:6: 字段 '公示期至': 公示期至 2024-03-01 早于发布日期 2024-03-05 (公示期至应在发布日期之后)"]


def test_publicity_period_ending_on_the_day_of_publication_is_allowed(project):
    root = project({"content/notices/a.md": notice(category="公示", extra="公示期至: 2024-03-05\n")})
    assert load_site(load_config(root), TODAY).in_column("notices")[0].publicity_until == dt.date(2024, 3, 5)


def test_effective_before_signed(project):
    root = project({"content/policies/p.md": policy("纸政发〔2023〕3号", "施行日期: 2023年5月1日\n")})
    assert problems(root) == [
        "content/policies/p.md:7: 字段 '施行日期': 施行日期 2023-05-01 早于成文日期 2023-05-10 (施行日期不能早于成文日期)"]


def test_expiry_on_the_day_it_takes_effect(project):
    root = project({"content/policies/p.md": policy("纸政发〔2023〕3号", "施行日期: 2023-06-01\n有效期至: 2023-06-01\n")})
    assert problems(root) == [
        "content/policies/p.md:8: 字段 '有效期至': 有效期至 2023-06-01 不晚于施行日期 2023-06-01 (有效期至应在施行日期之后)"]


def test_withdrawal_and_revision_dates_after_today(project):
    root = project({
        "content/notices/a.md": notice(extra="撤回:\n  日期: 2024-06-02\n  原因: 会议取消\n"),
        "content/notices/b.md": notice(extra="修订记录:\n  - 日期: 2024-04-01\n    说明: 更正电话\n  - 日期: 2025-01-01\n    说明: 预填\n"),
    })
    assert problems(root) == [
        "content/notices/a.md:6: 字段 '撤回': 撤回日期 2024-06-02 晚于今天 2024-06-01 (撤回日期是实际撤回的日子, 不能预填将来的日期)",
        "content/notices/b.md:6: 字段 '修订记录': 修订日期 2025-01-01 晚于今天 2024-06-01 (修订日期是实际修订的日子, 不能预填将来的日期)",
    ]
    assert load_site(load_config(root), dt.date(2025, 1, 1)).in_column("notices")[0].withdrawal is not None  # fine once the day has come


def test_two_documents_repealing_and_amending_each_other(project):
    root = project({
        "content/policies/a.md": policy("纸政发〔2023〕1号", "废止:\n  日期: 2023-06-01\n  文号: 纸政发〔2023〕2号\n"),
        "content/policies/b.md": policy("纸政发〔2023〕2号", "修改: 纸政发〔2023〕1号\n"),
    })
    assert problems(root) == [(
        "content/policies/a.md:7: 字段 '废止': 废止、修改关系构成循环: 纸政发〔2023〕1号 被 纸政发〔2023〕2号 废止; 纸政发〔2023〕2号 被 纸政发〔2023〕1号 修改 "
        "(被废止或修改的文件不能反过来废止或修改后来的文件, 请核对各文件 废止 和 修改 中写的文号)")]


def test_a_longer_cycle_is_one_problem_naming_the_numbers_in_order(project):
    root = project({
        "content/policies/c1.md": policy("纸政发〔2023〕1号", "修改:\n  - 纸政发〔2023〕9号\n  - 纸政发〔2023〕2号\n"),
        "content/policies/c2.md": policy("纸政发〔2023〕2号", "修改: 纸政发〔2023〕3号\n"),
        "content/policies/c3.md": policy("纸政发〔2023〕3号", "废止:\n  日期: 2023-06-01\n  文号: 纸政发〔2023〕1号\n"),
        "content/policies/c9.md": policy("纸政发〔2023〕9号"),  # amends 1 but is not in the circle
    })
    assert problems(root) == [(
        "content/policies/c1.md:7: 字段 '修改': 废止、修改关系构成循环: 纸政发〔2023〕1号 被 纸政发〔2023〕2号 修改; "
        "纸政发〔2023〕2号 被 纸政发〔2023〕3号 修改; 纸政发〔2023〕3号 被 纸政发〔2023〕1号 废止 "
        "(被废止或修改的文件不能反过来废止或修改后来的文件, 请核对各文件 废止 和 修改 中写的文号)")]


def test_a_chain_without_a_circle_is_fine(project):
    root = project({
        "content/policies/a.md": policy("纸政发〔2023〕1号", "废止:\n  日期: 2023-06-01\n  文号: 纸政发〔2023〕2号\n"),
        "content/policies/b.md": policy("纸政发〔2023〕2号", "修改: 纸政发〔2023〕3号\n"),
        "content/policies/c.md": policy("纸政发〔2023〕3号"),
    })
    assert len(load_site(load_config(root), TODAY).policies) == 3


def test_repealed_before_the_repealing_document_takes_effect(project):
    root = project({
        "content/policies/a.md": policy("纸政发〔2023〕1号", "废止:\n  日期: 2023-06-01\n  文号: 纸政发〔2024〕2号\n"),
        "content/policies/b.md": policy("纸政发〔2024〕2号").replace("2023-05-10", "2024-02-01").replace("2023-05-16", "2024-02-22"),
    })
    assert problems(root) == [
        "content/policies/a.md:7: 字段 '废止': 废止日期 2023-06-01 早于 纸政发〔2024〕2号 的发布日期 2024-02-22 (废止日期不能早于废止它的文件的发布日期)"]


# 3. Values out of every range ------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["9999-01-01", "0001-01-01", "0000-01-01", "1948-12-31", "2101-01-01", "9999年12月31日"])
def test_dates_outside_the_plausible_range(written):
    with pytest.raises(Invalid) as caught:
        date(RawValue(written, 3, "text"))
    assert (caught.value.message, caught.value.expected) == (f"'{written}' 年份超出范围", "应在 1949 至 2100 年之间")


def test_range_limits_are_accepted():
    assert date(RawValue("1949-01-01", 3, "text")) == dt.date(1949, 1, 1)
    assert date(RawValue("2100-12-31", 3, "text")) == dt.date(2100, 12, 31)
    assert year(RawValue("2100", 3, "text")) == 2100
    with pytest.raises(Invalid) as caught:
        year(RawValue("2200", 3, "text"))
    assert caught.value.message == "'2200' 年份超出范围"


@pytest.mark.parametrize("line, expected", [
    ("施行日期: 9999-01-01", "content/policies/p.md:7: 字段 '施行日期': '9999-01-01' 年份超出范围 (应在 1949 至 2100 年之间)"),
    ("有效期至: 0001-01-01", "content/policies/p.md:7: 字段 '有效期至': '0001-01-01' 年份超出范围 (应在 1949 至 2100 年之间)"),
])
def test_extreme_dates_are_located_problems_not_tracebacks(project, capsys, line, expected):
    root = project({"content/policies/p.md": policy("纸政发〔2023〕3号", line + "\n")})
    assert main(["check", "--root", str(root), "--today", "2024-06-01"]) == 1
    err = capsys.readouterr().err
    assert expected in err.splitlines() and "Traceback" not in err


def test_lifecycle_arithmetic_is_safe_for_any_date_and_term(project, capsys):
    assert add_years(dt.date(2100, 2, 28), 100) == dt.date(2200, 2, 28)
    assert add_years(dt.date(2096, 2, 29), 4) == dt.date(2100, 2, 28)  # 2100 is no leap year
    assert add_years(dt.date(2100, 12, 31), 10**6) == dt.date.max
    config = "    validity:\n      default_years: 100\n      default_provisional_years: 100\n      source: 《某省规定》\n"
    root = project({
        "content/policies/p.md": policy("纸政发〔2023〕3号", "施行日期: 2100-12-31\n"),
        "content/policies/q.md": policy("纸政发〔2023〕4号", "有效期至: 2100-12-31\n"),
        "content/policies/r.md": policy("纸政发〔2023〕5号").replace("管理办法", "暂行办法"),
    })
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + config, encoding="utf-8")
    site = load_site(load_config(root), dt.date(2100, 12, 31))
    assert site.status["纸政发〔2023〕3号"].expires == dt.date(2200, 12, 30)
    assert site.status["纸政发〔2023〕5号"].expires == dt.date(2123, 5, 15)
    assert expiry(site.policy_by_number["纸政发〔2023〕4号"], site.config.validity) == dt.date(2100, 12, 31)
    for today in ("1970-01-01", "2100-12-31"):
        code = main(["check", "--root", str(root), "--today", today])
        err = capsys.readouterr().err
        assert "Traceback" not in err and code == (0 if today == "2100-12-31" else 1)


@pytest.mark.parametrize("today", ["2107-01-01", "0001-01-01", "9999-12-31", "1948-12-31"])
def test_a_build_date_out_of_range_is_a_usage_error(project, capsys, today):
    root = project({"content/notices/a.md": notice()})
    with pytest.raises(SystemExit) as exit_status:
        main(["check", "--root", str(root), "--today", today])
    assert exit_status.value.code == 2
    assert f"argument --today: '{today}' 超出范围 (应在 1970 至 2100 年之间)" in capsys.readouterr().err


def test_build_in_2107_exits_2_without_traceback(project):
    root = project({"content/notices/a.md": notice()})
    (root / "generated").mkdir()
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--today", "2107-01-01"],
                            capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "'2107-01-01' 超出范围" in result.stderr


REPORT = "content/reports/2023-gk.md"
INTEGER = "每格填一个非负整数, 没有就填 0"


@pytest.mark.parametrize("cell, message", [
    ("1e30", "'1e30' 超出范围 (每格应小于 1000000000)"),
    ("1" * 100, f"'{'1' * 100}' 超出范围 (每格应小于 1000000000)"),
    ("1000000000", "'1000000000' 超出范围 (每格应小于 1000000000)"),
    ("1e-30", f"'1e-30' 不是非负整数 ({INTEGER})"),
    ("NaN", f"'NaN' 不是非负整数 ({INTEGER})"),
    ("sNaN", f"'sNaN' 不是非负整数 ({INTEGER})"),
    ("Infinity", f"'Infinity' 不是非负整数 ({INTEGER})"),
    ("-Infinity", f"'-Infinity' 不是非负整数 ({INTEGER})"),
    ("-0", f"'-0' 不能带正负号 ({INTEGER})"),
    ("+3", f"'+3' 不能带正负号 ({INTEGER})"),
    ("1e3", "'1e3' 不是普通的数字写法 (直接写数字, 例如 12, 不用科学计数法)"),
    ("1_000", "'1_000' 不是普通的数字写法 (直接写数字, 例如 12, 不用科学计数法)"),
])
def test_hostile_integer_cells(project, cell, message):
    text = gongkai_report().replace("  行政处罚: 12", f"  行政处罚: \"{cell}\"")
    root = project({REPORT: text})
    assert problems(root) == [f"{REPORT}:11: 字段 '表二': {message}"]


@pytest.mark.parametrize("cell, message", [
    ("1e-30", "'1e-30' 小数超过 4 位 (金额以万元为单位, 最多写 4 位小数)"),
    ("0.12345", "'0.12345' 小数超过 4 位 (金额以万元为单位, 最多写 4 位小数)"),
    ("1e30", "'1e30' 超出范围 (每格应小于 1000000000)"),
    ("1000000000.5", "'1000000000.5' 超出范围 (每格应小于 1000000000)"),
    ("999999999.99999", "'999999999.99999' 小数超过 4 位 (金额以万元为单位, 最多写 4 位小数)"),
    ("NaN", "'NaN' 不是非负数 (每格填一个非负数, 没有就填 0)"),
    ("-0.0", "'-0.0' 不能带正负号 (每格填一个非负数, 没有就填 0)"),
    ("1.5e2", "'1.5e2' 不是普通的数字写法 (直接写数字, 例如 0.5, 不用科学计数法)"),
])
def test_hostile_fee_cells(project, cell, message):
    text = gongkai_report().replace("  行政事业性收费: 0", f"  行政事业性收费: \"{cell}\"")
    assert problems(project({REPORT: text})) == [f"{REPORT}:13: 字段 '表二': {message}"]


def test_fee_with_four_decimals_and_full_width_digits_are_accepted(project):
    text = gongkai_report().replace("  行政事业性收费: 0", "  行政事业性收费: 999999999.1234").replace("  行政处罚: 12", "  行政处罚: １２")
    report = load_site(load_config(project({REPORT: text})), TODAY).reports[0]
    assert report.table2["行政事业性收费"].values == (Decimal("999999999.1234"),)
    assert report.table2["行政处罚"].values[0] == 12


def test_hostile_cells_through_the_command_line_give_no_traceback(project, capsys):
    text = gongkai_report().replace("  行政处罚: 12", "  行政处罚: .nan").replace("  行政复议: [1, 0, 0, 0, 1]", "  行政复议: [1, 0, 0, 0, -.inf]")
    root = project({REPORT: text})
    assert main(["check", "--root", str(root), "--today", "2024-06-01"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{REPORT}:11: 字段 '表二': '.nan' 不是非负整数 ({INTEGER})" in err.splitlines()
    assert f"{REPORT}:45: 字段 '表四': '-.inf' 不是非负整数 ({INTEGER})" in err.splitlines()


@pytest.mark.parametrize("empty", ["", " null", " ~"])
def test_an_emptied_report_table_is_a_message(project, empty):
    text = gongkai_report()
    start = text.index("表四:")
    text = text[:start] + f"表四:{empty}\n" + text[text.index("---", start):]
    line = text[:start].count("\n") + 1
    assert problems(project({REPORT: text})) == [
        f"{REPORT}:{line}: 字段 '表四': 表四是空的 (按表格逐行填写, 零报告每格填 0 (gongkai new 年报 生成全是 0 的表格))"]


def test_yaml_aliases_in_mkdocs_yml_are_refused_before_they_expand(project):
    root = project({"content/notices/a.md": notice()})
    bomb = "".join(f"a{i}: &a{i} [" + ", ".join([f"{{t: *a{i - 1}}}"] * 10) + "]\n" for i in range(1, 9))
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("a0: &a0 [x]\n" + bomb + "nav:\n  - 炸: *a8\n")
    line = (root / "mkdocs.yml").read_text(encoding="utf-8").split("\n").index("a0: &a0 [x]") + 1
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(root)], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"mkdocs.yml:{line}: 不支持 YAML 的 & 锚点和 * 引用 (每个值请直接写出来)" in result.stderr


@pytest.mark.parametrize("extensions, message", [
    ("markdown_extensions:\n  - admonitionn\n", "无法加载 (ModuleNotFoundError: No module named 'admonitionn') (请核对扩展名称和选项的拼写)"),
    ("markdown_extensions: 5\n", "应是扩展名称的列表 (例如 - admonition)"),
])
def test_a_wrong_markdown_extension_is_a_message(project, extensions, message):
    root = project({"content/notices/a.md": notice()})
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(extensions)
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(root)], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1 and "Traceback" not in result.stderr and "内部错误" not in result.stderr
    assert f"mkdocs.yml: markdown_extensions: {message}" in result.stderr


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_a_line_separator_from_word_names_its_own_line(project, char):
    root = project({"content/notices/a.md": notice(extra=f"摘要: 部署{char}第二行\n")})
    assert problems(root) == [f"content/notices/a.md:6: 含有看不见的换行字符 U+{ord(char):04X} (请删除它 (常从网页或 Word 复制而来): 重新输入这一行)"]
