"""`gongkai import` of a 政府信息公开工作年度报告 from Word or pasted text, in the 2021 and the 2019 layout:
every cell becomes data, the identities are checked at once, and unread cells are named."""
import datetime as dt
import subprocess
import sys

import pytest

from generator.checks.warnings import warnings
from generator.config import load_config
from generator.pages import generate
from generator.pipeline import load_site

from conftest import REPO, copy_sample_project
from report_documents import report_docx, report_text

TODAY = "2026-11-25"


def gongkai(root, *args):
    return subprocess.run([sys.executable, "-m", "generator", *args, "--root", str(root)], capture_output=True, text=True, cwd=REPO)


def imported(root, source, name="imported"):
    result = gongkai(root, "import", str(source), "--name", name, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    text = (root / f"content/reports/{name}.md").read_text(encoding="utf-8")
    return result.stdout, text


TABLES_2021 = """表二:
  规章: [0, 0, 0]
  行政规范性文件: [1, 0, 2]
  行政许可: 0
  行政处罚: 1
  行政强制: 0
  行政事业性收费: 0
表三:
  本年新收: [3, 0, 0, 0, 0, 0, 3]
  上年结转: [0, 0, 0, 0, 0, 0, 0]
  予以公开: [2, 0, 0, 0, 0, 0, 2]
  部分公开: [0, 0, 0, 0, 0, 0, 0]
  不予公开:
    属于国家秘密: [0, 0, 0, 0, 0, 0, 0]
    其他法律行政法规禁止公开: [0, 0, 0, 0, 0, 0, 0]
    危及“三安全一稳定”: [0, 0, 0, 0, 0, 0, 0]
    保护第三方合法权益: [0, 0, 0, 0, 0, 0, 0]
    属于三类内部事务信息: [0, 0, 0, 0, 0, 0, 0]
    属于四类过程性信息: [0, 0, 0, 0, 0, 0, 0]
    属于行政执法案卷: [0, 0, 0, 0, 0, 0, 0]
    属于行政查询事项: [0, 0, 0, 0, 0, 0, 0]
  无法提供:
    本机关不掌握相关政府信息: [1, 0, 0, 0, 0, 0, 1]
    没有现成信息需要另行制作: [0, 0, 0, 0, 0, 0, 0]
    补正后申请内容仍不明确: [0, 0, 0, 0, 0, 0, 0]
  不予处理:
    信访举报投诉类申请: [0, 0, 0, 0, 0, 0, 0]
    重复申请: [0, 0, 0, 0, 0, 0, 0]
    要求提供公开出版物: [0, 0, 0, 0, 0, 0, 0]
    无正当理由大量反复申请: [0, 0, 0, 0, 0, 0, 0]
    要求行政机关确认或重新出具已获取信息: [0, 0, 0, 0, 0, 0, 0]
  其他处理:
    申请人无正当理由逾期不补正: [0, 0, 0, 0, 0, 0, 0]
    申请人逾期未按收费通知要求缴纳费用: [0, 0, 0, 0, 0, 0, 0]
    其他: [0, 0, 0, 0, 0, 0, 0]
  总计: [3, 0, 0, 0, 0, 0, 3]
  结转下年度: [0, 0, 0, 0, 0, 0, 0]
表四:
  行政复议: [1, 0, 0, 0, 1]
  未经复议直接起诉: [0, 0, 0, 0, 0]
  复议后起诉: [0, 0, 0, 0, 0]
"""


@pytest.fixture
def site(tmp_path):
    root = copy_sample_project(tmp_path / "site")
    (root / "content/reports/2023-zhengfu-xinxi-gongkai.md").unlink()  # the import takes its place
    return root


def test_a_word_report_in_the_2021_layout_becomes_data_with_every_cell(site, tmp_path):
    stdout, text = imported(site, report_docx(tmp_path / "2023.docx"))
    assert "# 表二至表四由 gongkai import 从原报告读出 (国办公开办函〔2021〕30号的表格)\n" + TABLES_2021 in text
    assert "报告中的问题" not in stdout and "请核对" not in stdout.replace("发布日期", "")
    body = text.split("\n---\n", 1)[1]
    assert "## 二、主动公开政府信息情况\n\n## 三、收到和处理政府信息公开申请情况" in body  # the tables went into the data
    assert "|" not in body
    assert gongkai(site, "check", "--today", TODAY).returncode == 0


def test_pasted_text_reads_the_same_cells(site, tmp_path):
    source = tmp_path / "2023.txt"
    source.write_text(report_text(), encoding="utf-8")
    stdout, text = imported(site, source)
    assert TABLES_2021 in text, stdout
    assert gongkai(site, "check", "--today", TODAY).returncode == 0


def test_a_broken_identity_is_reported_at_import(site, tmp_path):
    source = report_docx(tmp_path / "2023.docx", total=["4", "0", "0", "0", "0", "0", "4"])
    stdout, text = imported(site, source)
    assert "  总计: [4, 0, 0, 0, 0, 0, 4]\n" in text  # as published: the checker says what is wrong, not the importer
    assert ("报告中的问题: content/reports/imported.md:43: 字段 '表三': 行“总计”列“自然人”应为 3 (（一）至（六）各项之和), 实际为 4"
            in stdout.splitlines()[2])
    assert gongkai(site, "check", "--today", TODAY).returncode == 1


def test_a_2019_report_with_rules_is_read_in_its_own_layout(site, tmp_path):
    stdout, text = imported(site, report_docx(tmp_path / "2020.docx", layout="2019", year=2020, rules="6"))
    assert "(国办公开办函〔2019〕60号的表格)\n表二:\n  规章: [6, 6, 6]\n  规范性文件: [1, 1, 2]\n  行政许可: [3, -1, 5]\n" in text
    assert "  政府集中采购: [2, 35.6]\n" in text
    assert "  其他处理: [0, 0, 0, 0, 0, 0, 0]\n  总计:" in text
    assert "报告中的问题: content/reports/imported.md:9: 字段 '表二': 乡镇不制定规章, “规章”行应全为 0 (规章: [0, 0, 0])" in stdout


def test_an_unreadable_cell_is_named_and_written_as_zero(site, tmp_path):
    source = report_docx(tmp_path / "2023.docx", cannot=["—", "0", "0", "0", "0", "0", "1"])
    stdout, text = imported(site, source)
    assert "    本机关不掌握相关政府信息: [0, 0, 0, 0, 0, 0, 1]\n" in text
    assert "表三 行“无法提供：本机关不掌握相关政府信息”列“自然人”: 没有读出数字 ('—'), 已填 0, 请核对" in stdout


def test_a_2019_report_is_shown_in_its_own_tables(site, tmp_path):
    imported(site, report_docx(tmp_path / "2020.docx", layout="2019", year=2020))
    pages = {p.path: p.text for p in generate(load_site(load_config(site), dt.date(2026, 11, 25)))[0]}
    page = pages["reports/imported/index.md"]
    for cell in ('<th scope="col">本年新制作数量</th>',
                 '<th scope="row">政府集中采购</th><td data-label="采购项目数量">2</td><td data-label="采购总金额" colspan="2">35.6</td>',
                 '<th scope="row">行政许可</th><td data-label="上一年项目数量">3</td><td data-label="本年增/减">-1</td><td data-label="处理决定数量">5</td>',
                 '<th rowspan="20" scope="rowgroup">三、本年度办理结果</th>',
                 '<th colspan="2" scope="row">（六）其他处理</th><td data-label="自然人">0</td>'):
        assert cell in page, cell


def test_a_2019_table_in_a_2023_report_is_warned_about(site, tmp_path):
    imported(site, report_docx(tmp_path / "2023.docx", layout="2019", year=2023))
    found = [str(w) for w in warnings(load_site(load_config(site), dt.date(2026, 11, 25)))]
    table2_line = next(n for n, line in enumerate((site / "content/reports/imported.md").read_text(encoding="utf-8").splitlines(), 1)
                       if line == "表二:")
    assert (f"content/reports/imported.md:{table2_line}: 警告: 字段 '表二': 2023年度报告用了国办公开办函〔2019〕60号的旧表格 "
            "(2021年度起应使用国办公开办函〔2021〕30号的表格 (行政规范性文件: [本年制发, 本年废止, 现行有效] 等))") in found
