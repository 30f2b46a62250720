"""Columns declared in mkdocs.yml: a column that exists only in a test configuration gets its listing,
record pages, 目录 rows, search filter and feed; every wrong declaration names its line of mkdocs.yml."""
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE_TODAY, copy_sample_project, make_project
from generator.config import load_config
from generator.errors import ConfigError, ContentError
from generator.pipeline import load_site
from generator.search.entries import search_entries

VILLAGE_COLUMN = """\
      - name: 村务公开
        folder: village
        kind: item
        group: 村
        show: [村, 公开期限]
        feed: true
        empty: 各村暂无村务公开信息。
        aliases: [村务]
        fields:
          - {name: 村, type: choice, options: [东村, 西村], required: true, example: 东村}
          - {name: 公开期限, type: text}
          - {name: 经办人员, type: table, columns: [姓名, 职务]}
          - {name: 公示期至, type: publicity_end}
"""
RECORD = """---
标题: 东村2024年第一季度财务收支公开
村: 东村
公开期限: 季度
经办人员:
  - {姓名: 赵某某, 职务: 村报账员}
发布日期: 2024-04-10
索引号: 11370829MB0000000A/2024-00090
发布机构: 纸坊镇人民政府
---

东村2024年第一季度收入3.2万元，支出2.8万元，明细见下表。
"""


def gongkai(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *arguments, "--root", str(root), "--today", SAMPLE_TODAY],
                          capture_output=True, text=True, encoding="utf-8")


def with_village(root: Path) -> Path:
    """The sample project with the village column added to its columns and its nav."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("      - standard: fazhi\n", "      - standard: fazhi\n" + VILLAGE_COLUMN)
    text = text.replace("      - 农业农村: agriculture/index.md\n", "      - 农业农村: agriculture/index.md\n      - 村务公开: village/index.md\n")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    (root / "content/village").mkdir()
    (root / "content/village/2024-dongcun-caiwu.md").write_text(RECORD, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def village_site(tmp_path_factory):
    root = with_village(copy_sample_project(tmp_path_factory.mktemp("village")))
    result = gongkai(root, "build")
    assert result.returncode == 0, result.stderr
    return root


def html(root: Path, path: str) -> str:
    return (root / "site" / path).read_text(encoding="utf-8")


def test_the_declared_column_has_its_listing_grouped_by_its_field(village_site):
    listing = html(village_site, "village/index.html")
    assert '<h2 id="东村">东村</h2>' in listing
    assert "东村2024年第一季度财务收支公开" in listing and "季度" in listing
    assert "村务公开" in html(village_site, "index.html")  # on the home page, with its count


def test_its_record_page_shows_the_declared_fields_and_table(village_site):
    page = html(village_site, "village/2024-dongcun-caiwu/index.html")
    assert '<th scope="row">村</th><td>东村</td>' in page
    assert '<th scope="row">公开期限</th><td>季度</td>' in page
    assert '<td data-label="姓名">赵某某</td>' in page and '<td data-label="职务">村报账员</td>' in page
    assert "› 东村" in page  # breadcrumbs end with the group the listing shows it under


def test_its_records_are_rows_of_the_catalog_and_its_feed(village_site):
    rows = json.loads(html(village_site, "catalog.json"))
    row = next(r for r in rows if r["类型"] == "村务公开")
    assert row["内容概述"] == "东村2024年第一季度收入3.2万元，支出2.8万元，明细见下表。"
    assert row["生成日期"] == "2024-04-10"
    assert "东村2024年第一季度财务收支公开" in html(village_site, "feeds/village.xml")
    assert 'href="village.xml"' in html(village_site, "feeds/index.html")


def test_its_name_is_a_search_filter(village_site):
    assert "<option>村务公开</option>" in html(village_site, "search/index.html").replace(' value="村务公开"', "")
    site = load_site(load_config(village_site), dt.date.fromisoformat(SAMPLE_TODAY))
    entry = next(e for e in search_entries(site, {}) if e.url == "village/2024-dongcun-caiwu/")
    assert entry.filters["类型"] == "村务公开" and entry.kind == "村务公开"


def test_gongkai_new_writes_the_declared_fields(tmp_path):
    root = with_village(copy_sample_project(tmp_path))
    result = gongkai(root, "new", "村务", "西村2024年第二季度财务收支公开", "--name", "xicun")
    assert result.returncode == 0, result.stderr
    text = (root / "content/village/xicun.md").read_text(encoding="utf-8")
    assert "\n村: 东村\n" in text and "\n# 公开期限:\n" in text and "\n# 公示期至:  例如 2024-03-15\n" in text
    assert gongkai(root, "check").returncode == 0


COLUMNS_YML = """\
site_name: 测试
docs_dir: generated
extra:
  gongkai:
    town: 纸坊镇
    issuer: 纸坊镇人民政府
    footer:
      provided_by_portal: true
    columns:
{columns}"""


def declaration_problems(tmp_path: Path, columns: str) -> list[str]:
    (tmp_path / "mkdocs.yml").write_text(COLUMNS_YML.format(columns=columns), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    return str(caught.value).splitlines()


@pytest.mark.parametrize("columns, expected", [
    ("      - {name: 收费, folder: fees, kind: notice}\n",
     "mkdocs.yml:10: 字段 'columns.kind': 不认识的记录类型 'notice' (可写 item (信息), policy (规范性文件), interpretation (政策解读), report (年度报告))"),
    ("      - {name: 收费, folder: Fees}\n",
     "mkdocs.yml:10: 字段 'columns.folder': 'Fees' 不能作为栏目文件夹 (小写字母、数字和连字符, 例如 finance (也是网址的一部分); 不能用 application, assets, "
     "catalog, contact, current, feeds, guide, page, repealed, search, search-index, sitemap, standard-catalog)"),
    ("      - {name: 收费, folder: catalog}\n", "mkdocs.yml:10: 字段 'columns.folder': 'catalog' 不能作为栏目文件夹"),
    ("      - {name: 收费}\n", "mkdocs.yml:10: 字段 'columns.folder': 缺少 folder (小写字母、数字和连字符"),
    ("      - {name: <b>收费</b>, folder: fees}\n",
     "mkdocs.yml:10: 字段 'columns.name': '<b>收费</b>' 含有不能用在名称中的字符 '<' (名称只用汉字、字母、数字、空格和 （）()、·—-_/)"),
    ("      - {name: 收费, folder: fees, kind: item, column_type: \"信息公开\\\">\"}\n",
     "mkdocs.yml:10: 字段 'columns.column_type': '信息公开\">' 含有不能用在名称中的字符 '\"' (名称只用汉字、字母、数字、空格和 （）()、·—-_/)"),
    ("      - {name: 收费, folder: fees, colour: red}\n",
     "mkdocs.yml:10: 字段 'columns': 未知的键 'colour' (可写 standard, name, folder, kind, report, fields, group, sort, show, empty, feed, stale_warning, aliases, column_type)"),
    ("      - {standard: news}\n",
     "mkdocs.yml:10: 字段 'columns.standard': 没有名为 'news' 的标准栏目 (可写 organization, notices, policies, interpretations, finance, "
     "enforcement, assistance, projects, emergency, agriculture, reports, fazhi)"),
    ("      - {standard: notices, kind: policy}\n",
     "mkdocs.yml:10: 字段 'columns.kind': 标准栏目“通知公告”的 kind 不能改 (要不同的记录类型, 请去掉 standard, 完整声明一个新栏目)"),
    ("      - {standard: notices}\n      - {standard: notices}\n", "mkdocs.yml:11: 字段 'columns.folder': 与第 10 行的栏目重复 (每个栏目的 name 和 folder 都唯一)"),
    ("      - {name: 报告, folder: baogao, kind: report}\n",
     "mkdocs.yml:10: 字段 'columns.report': 年度报告栏目应写明报告类型, 实际是 '' (可写 gongkai (政府信息公开) 或 fazhi (法治政府建设))"),
    ("      - name: 收费\n        folder: fees\n        fields:\n          - {name: 金额, type: money}\n",
     "mkdocs.yml:13: 字段 'columns.fields.type': 不认识的字段类型 'money' (可写 text, date, year, doc_number, choice, list, table, publicity_end, party)"),
    ("      - name: 收费\n        folder: fees\n        fields:\n          - {name: 类型, type: choice}\n",
     "mkdocs.yml:13: 字段 'columns.fields.options': choice 类型要写 options, 其他类型不写 (例如 options: [预算, 决算])"),
    ("      - name: 收费\n        folder: fees\n        fields:\n          - {name: 发布日期, type: date}\n",
     "mkdocs.yml:13: 字段 'columns.fields.name': 字段 '发布日期' 已经有了 (每个栏目都有的字段不必再写: 标题、发布日期、发布机构、发文机关、索引号、摘要、关键词、附件、撤回、修订记录、公开号码)"),
    ("      - name: 收费\n        folder: fees\n        group: 金额\n",
     "mkdocs.yml:12: 字段 'columns.group': 不能按 '金额' 分组 (可写 year (发布年份), 或本栏目一个 year 或 choice 类型字段的名称)"),
    ("      - name: 收费\n        folder: fees\n        feed: yes please\n", "mkdocs.yml:12: 字段 'columns.feed': 应为 true 或 false, 实际是 'yes please'"),
    ("      - standard: ''\n", "mkdocs.yml:10: 字段 'columns.standard': 没有名为 '' 的标准栏目"),
    ("      - {name: 收费, folder: fees, fields: [{name: 期限, type: text, only_when: {类别: 公示}}]}\n",
     "mkdocs.yml:10: 字段 'columns.fields.only_when': 只能引用写在本字段之前的 choice 字段 (先声明 choice 字段, 例如 {name: 类别, type: choice, options: [通知, 公示]})"),
    ("      - {name: [收费], folder: fees}\n", "mkdocs.yml:10: 字段 'columns.name': 应为文字, 不是列表或键值表"),
    ("      5\n", "mkdocs.yml:10: 字段 'columns': 应为栏目的列表, 每项以“- ”开头 (例如 - {name: 财政预决算, folder: finance, kind: item})"),
])
def test_a_wrong_declaration_names_its_line(tmp_path, columns, expected):
    problems = declaration_problems(tmp_path, columns)
    assert problems == [expected] or (problems[0].startswith(expected) and ("folder" in expected or "standard" in expected))


def test_every_wrong_declaration_is_reported_together(tmp_path):
    problems = declaration_problems(tmp_path, "      - {name: 甲, folder: a, kind: x}\n      - {name: 乙, folder: B}\n")
    assert [p.split(":")[1] for p in problems] == ["10", "11"]


def test_a_declared_column_missing_from_the_nav_is_named(tmp_path):
    root = make_project(tmp_path, {"content/notices/a.md": "---\n标题: 通知\n类别: 通知\n发布日期: 2024-05-01\n发布机构: 镇\n---\n正文\n"})
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text + "    columns:\n      - standard: notices\n      - {name: 收费公示, folder: fees}\n"
                                     "nav:\n  - 首页: index.md\n  - 通知公告: notices/index.md\n  - 政府信息公开指南: guide.md\n"
                                     "  - 依申请公开: application/index.md\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_site(load_config(root), dt.date(2024, 6, 1))
    assert [str(p) for p in caught.value.problems] == [
        "mkdocs.yml:11: 字段 'nav': “收费公示”的页面 fees/index.md 不在导航中 (在 nav 中加一行 - 收费公示: fees/index.md)"]


@pytest.mark.parametrize("line, expected", [
    ("村: 北村", "content/village/a.md:3: 字段 '村': '北村' 不是可选的值 (应为 东村 / 西村)"),
    ("经办人员: [{姓名: 赵某, 电话: 1}]", "content/village/a.md:3: 字段 '经办人员': 未知的列 '电话' (可写 姓名、职务)"),
    ("公示期至: 2024-03-01", "content/village/a.md:3: 字段 '公示期至': 公示期至 2024-03-01 早于发布日期 2024-04-10 (公示期至应在发布日期之后)"),
])
def test_declared_fields_are_checked_like_the_built_in_ones(project, line, expected):
    record = RECORD.replace("公开期限: 季度\n", "").replace("村: 东村\n", "").replace("经办人员:\n  - {姓名: 赵某某, 职务: 村报账员}\n", "")
    record = record.replace("---\n标题: 东村2024年第一季度财务收支公开\n", f"---\n标题: 东村2024年第一季度财务收支公开\n{line}\n村: 东村\n" if not line.startswith("村:")
                            else f"---\n标题: 东村2024年第一季度财务收支公开\n{line}\n")
    root = project({"content/village/a.md": record})
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text + "    columns:\n" + VILLAGE_COLUMN, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_site(load_config(root), dt.date(2024, 6, 1))
    assert expected in [str(p) for p in caught.value.problems]


def test_a_party_in_an_enforcement_decision_is_masked(project):
    record = ("---\n标题: 行政处罚决定\n执法类别: 行政处罚\n当事人: 王小明\n发布日期: 2024-05-01\n发布机构: 镇\n---\n决定。\n")
    root = project({"content/enforcement/a.md": record})
    with pytest.raises(ContentError) as caught:
        load_site(load_config(root), dt.date(2024, 6, 1))
    assert [str(p) for p in caught.value.problems] == [
        "content/enforcement/a.md:4: 字段 '当事人': '王小明' 像是个人的全名, 公开的执法决定中个人姓名应隐去 (写作 王某某; 单位写全称)"]
    for allowed in ("王某某", "王**", "纸坊镇某某养殖合作社", "东村村委会"):
        (root / "content/enforcement/a.md").write_text(record.replace("王小明", allowed), encoding="utf-8")
        assert load_site(load_config(root), dt.date(2024, 6, 1)).in_column("enforcement")[0].value("当事人") == allowed


def test_a_公示期_only_where_the_declaration_allows_it(project):
    notice = "---\n标题: 会议通知\n类别: 通知\n公示期至: 2024-06-01\n发布日期: 2024-05-01\n发布机构: 镇\n---\n正文\n"
    with pytest.raises(ContentError) as caught:
        load_site(load_config(project({"content/notices/a.md": notice})), dt.date(2024, 6, 1))
    assert [str(p) for p in caught.value.problems] == ["content/notices/a.md:4: 字段 '公示期至': 只有公示才有公示期 (类别 为 公示 时才填写 公示期至)"]


def test_a_column_may_not_take_the_address_of_a_hand_written_page(project):
    from generator.pipeline import plan

    root = project({"content/notices/a.md": RECORD.replace("村: 东村\n", "类别: 通知\n").replace("公开期限: 季度\n", "")
                    .replace("经办人员:\n  - {姓名: 赵某某, 职务: 村报账员}\n", "").replace("索引号: 11370829MB0000000A/2024-00090\n", ""),
                    "docs/notices.md": "# 手写的通知公告\n"})
    with pytest.raises(ContentError) as caught:
        plan(load_config(root), dt.date(2024, 6, 1))
    assert [str(p) for p in caught.value.problems] == ["docs/notices.md:1: 与自动生成的页面同名 (请给手写页面换个文件名)"]


def test_reports_are_listed_and_crumbed_by_the_year_they_report_on(village_site):
    page = html(village_site, "fazhi/2023-fazhi-zhengfu-jianshe/index.html")  # published 2024-03-28
    assert "› 2023年" in page and "› 2024年" not in page
    assert '<h2 id="2023年">2023年</h2>' in html(village_site, "fazhi/index.html")


@pytest.mark.parametrize("word", ["机构信息", "公示", "财政预决算", "行政处罚", "低保", "重大建设项目", "应急预案", "宅基地", "年报", "法治报告"])
def test_gongkai_new_makes_a_valid_record_in_every_standard_column(tmp_path, word):
    root = copy_sample_project(tmp_path)
    result = gongkai(root, "new", word, f"【示例】新建的{word}", "--name", "new-one")
    assert result.returncode == 0, result.stderr
    check = gongkai(root, "check")
    assert check.returncode == 0, check.stderr
