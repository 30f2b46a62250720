"""`gongkai import`: the seed text, a GBK copy of it and a real .docx become content files that pass check."""
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from generator.commands import importer

from conftest import REPO, SEED, copy_sample_project

SAMPLE = REPO / "content" / "fazhi" / "2023-fazhi-zhengfu-jianshe.md"


def gongkai(root, *arguments):
    return subprocess.run([sys.executable, "-m", "generator", *arguments, "--root", str(root)],
                          capture_output=True, text=True, encoding="utf-8")


def split(path: Path) -> tuple[dict[str, str], str]:
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return dict(line.split(": ", 1) for line in head.splitlines() if ": " in line), body.lstrip("\n")


def test_seed_imports_into_the_hand_converted_sample(tmp_path):
    root = copy_sample_project(tmp_path)
    result = gongkai(root, "import", str(SEED), "--name", "imported", "--today", "2026-11-25")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "已导入 / imported: content/fazhi/imported.md",
        "  未识别或需核对 / check: 发布日期: 没有找到, 已填今天 2026-11-25, 请核对",
    ]
    fields, body = split(root / "content/fazhi/imported.md")
    sample_fields, sample_body = split(SAMPLE)
    assert body == sample_body
    # the 下步 plans that an unheaded paragraph introduces after 五 are not sub-sections of 五
    outline = [line for line in body.splitlines() if line.startswith("#")]
    assert outline[-6:] == ["### （二）严格落实合法性审查工作", "## 五、政务公开工作落实到位", "## （一）进一步规范行政执法行为",
                            "## （二）大力推动法治阵地建设", "## （三）扎实推进公民法律素养提升工程", "## （四）深入推进矛盾纠纷化解工作"]
    for key in ("标题", "年度", "发布机构"):
        assert fields[key] == sample_fields[key], key
    assert fields["索引号"] == "11370829MB0000000A/2026-00002"
    assert gongkai(root, "check", "--today", "2026-11-25").returncode == 0


@pytest.mark.parametrize("blocks, outline", [
    (["一、总体情况", "引言：", "（一）主动公开", "正文"], ["## 一、总体情况", "### （一）主动公开"]),  # the section's own first paragraph
    (["一、总体情况", "文字。", "另起一段。", "（一）主动公开", "正文"], ["## 一、总体情况", "### （一）主动公开"]),  # no lead-in
    (["一、总体情况", "文字。", "还要做好以下工作：", "（二）主动公开"], ["## 一、总体情况", "### （二）主动公开"]),  # not a first item
    (["一、总体情况", "文字。", "下步将做好以下工作：", "（一）甲", "1.子项", "（二）乙", "二、丙"],
     ["## 一、总体情况", "## （一）甲", "### 1.子项", "## （二）乙", "## 二、丙"]),
])
def test_a_list_belongs_to_the_paragraph_that_introduces_it(blocks, outline):
    assert [line for line in importer._markdown(blocks).splitlines() if line.startswith("#")] == outline


def test_a_gbk_text_file_imports_the_same(tmp_path):
    root = copy_sample_project(tmp_path)
    gbk = tmp_path / "报告.txt"
    gbk.write_bytes(SEED.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    result = gongkai(root, "import", str(gbk), "--name", "gbk", "--today", "2026-11-25")
    assert "  未识别或需核对 / check: 原文件是 GBK/GB18030 编码, 已转为 UTF-8" in result.stdout.splitlines()
    assert split(root / "content/fazhi/gbk.md")[1] == split(SAMPLE)[1]


def make_docx(path: Path) -> Path:
    document = docx.Document()
    for text in ("纸坊镇人民政府", "纸政发〔2024〕5号", "纸坊镇农村集体资产管理办法"):
        document.add_paragraph(text)
    document.add_paragraph("各村（社区）：")
    document.add_paragraph("一、总体要求")
    document.add_paragraph("（一）明确责任。村集体资产由村股份经济合作社管理。")
    document.add_paragraph("1.建立台账。每年清查一次。")
    document.add_paragraph("（1）资源性资产。")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, ("资产类别", "管理方式", "备注", "耕地", "发包", "公开招标")):
        cell.text = text
    document.add_paragraph("二、附则")
    document.add_paragraph("本办法自发布之日起施行。")
    document.add_paragraph("纸坊镇人民政府")
    document.add_paragraph("2024年5月6日")
    document.save(path)
    return path


def test_a_word_file_with_a_table(tmp_path):
    root = copy_sample_project(tmp_path / "site")
    source = make_docx(tmp_path / "办法.docx")
    result = gongkai(root, "import", str(source), "--today", "2026-11-25")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["已导入 / imported: content/policies/2024-00008.md"]
    fields, body = split(root / "content/policies/2024-00008.md")
    assert fields == {"标题": "纸坊镇农村集体资产管理办法", "文号": "纸政发〔2024〕5号", "发布日期": "2024-05-06",
                      "发文机关": "纸坊镇人民政府", "成文日期": "2024-05-06", "索引号": "11370829MB0000000A/2024-00008"}
    assert body == (
        "各村（社区）：\n\n## 一、总体要求\n\n### （一）明确责任\n\n村集体资产由村股份经济合作社管理。\n\n"
        "#### 1.建立台账\n\n每年清查一次。\n\n##### （1）资源性资产\n\n"
        "| 资产类别 | 管理方式 | 备注 |\n| --- | --- | --- |\n| 耕地 | 发包 | 公开招标 |\n\n"
        "## 二、附则\n\n本办法自发布之日起施行。\n\n纸坊镇人民政府\n\n2024年5月6日\n"
    )
    check = gongkai(root, "check", "--today", "2026-11-25")
    assert check.returncode == 0, check.stderr


def test_import_never_overwrites(tmp_path):
    root = copy_sample_project(tmp_path)
    result = gongkai(root, "import", str(SEED), "--name", "2023-fazhi-zhengfu-jianshe")
    assert result.returncode == 1
    assert result.stderr.strip() == "content/fazhi/2023-fazhi-zhengfu-jianshe.md: 文件已存在, 没有覆盖 (请用 --name 换个文件名)"
    assert SAMPLE.read_text(encoding="utf-8") == (root / "content/fazhi/2023-fazhi-zhengfu-jianshe.md").read_text(encoding="utf-8")


def test_a_file_that_is_not_word(tmp_path):
    root = copy_sample_project(tmp_path / "site")
    fake = tmp_path / "坏.docx"
    fake.write_bytes(b"not a zip")
    result = gongkai(root, "import", str(fake))
    assert result.returncode == 1 and "不是有效的 Word 文件" in result.stderr and "Traceback" not in result.stderr
