"""Personal data never reaches the site, and content cannot inject script: exact messages, masked numbers."""
import datetime as dt
import os
import subprocess
import sys

import docx
import openpyxl
import pytest

from conftest import copy_sample_project, minimal_pdf
from generator.config import load_config
from generator.errors import ContentError
from generator.checks.personal_data import id_check_digit
from generator.pipeline import load_site

TODAY = dt.date(2024, 6, 1)
ID = "11010519491231002" + id_check_digit("11010519491231002")  # 110105194912310021-style, valid check digit
NOTICE = "---\n标题: 低保公示\n类别: 公示\n发布日期: 2024-03-25\n发布机构: 纸坊镇人民政府\n{extra}---\n{body}\n"


def problems(project, files) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_site(load_config(project(files)), TODAY)
    return [str(p) for p in caught.value.problems]


def passes(project, files) -> bool:
    load_site(load_config(project(files)), TODAY)
    return True


def test_an_id_number_in_the_body_is_an_error_and_shown_masked(project):
    found = problems(project, {"content/notices/a.md": NOTICE.format(extra="", body=f"户主张某某，身份证号{ID}，东庄村。")})
    assert found == [f"content/notices/a.md:7: 正文: 疑似身份证号 110105********{ID[-4:]}: “张某某，身份证号110105********{ID[-4:]}，东庄村。” "
                     "(公开前必须打码, 如 110105********" + ID[-4:] + "; 身份证号任何时候都不能公开)"]
    assert ID not in found[0]


def test_id_with_a_wrong_check_digit_is_not_an_id(project):
    wrong = ID[:17] + ("0" if ID[17] != "0" else "1")
    assert passes(project, {"content/notices/a.md": NOTICE.format(extra="", body=f"编号{wrong}")})


def test_old_15_digit_id_mobile_and_bank_card(project):
    body = "旧证 110105491231002\n\n联系 13812345678\n\n卡号 6222 0212 3456 7890 128"
    found = problems(project, {"content/notices/a.md": NOTICE.format(extra="", body=body)})
    assert [f.split(": “")[0] for f in found] == [
        "content/notices/a.md:7: 正文: 疑似身份证号 110105*****1002",
        "content/notices/a.md:9: 正文: 疑似手机号 138****5678",
        "content/notices/a.md:11: 正文: 疑似银行卡号 6222***********0128",
    ]
    assert not any(n in "\n".join(found) for n in ("13812345678", "110105491231002", "6222021234567890128"))


def test_masked_numbers_and_landlines_pass(project):
    body = "张某某 110105********002X 电话 138****1234 办公室 0537-1234567 卡号 6222********0128"
    assert passes(project, {"content/notices/a.md": NOTICE.format(extra="", body=body)})


def test_a_published_office_mobile_is_allowed_by_the_record_or_the_configuration(project):
    body = "值班电话 13812345678"
    assert passes(project, {"content/notices/a.md": NOTICE.format(extra="公开号码: [13812345678]\n", body=body)})
    root = project({"content/notices/b.md": NOTICE.format(extra="", body=body)})
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8")
                                     + "    personal_data:\n      allowed: [\"138-1234-5678\"]\n", encoding="utf-8")
    assert load_site(load_config(root), TODAY)


def test_personal_data_in_a_title(project):
    found = problems(project, {"content/notices/a.md": NOTICE.replace("低保公示", "张某13812345678公示").format(extra="", body="")})
    assert found[0].startswith("content/notices/a.md:2: 字段 '标题': 疑似手机号 138****5678")


def attachment_notice(name: str) -> str:
    return NOTICE.format(extra=f"附件:\n  - {name}\n", body="见附件。")


def test_attachments_are_scanned_with_their_place(project, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "名单"
    workbook.active["A1"], workbook.active["B3"] = "身份证号", ID
    workbook.active["C3"] = 13812345678  # a number typed into Excel is stored as a number
    workbook.save(tmp_path / "x.xlsx")
    document = docx.Document()
    document.add_paragraph("说明")
    document.add_paragraph("联系人手机 13912345678")
    document.save(tmp_path / "x.docx")
    files = {
        "content/notices/a/index.md": attachment_notice("名单.csv"),
        "content/notices/a/名单.csv": f"序号,姓名,身份证号\n1,张某,{ID}\n",
        "content/notices/b/index.md": attachment_notice("名单.xlsx"),
        "content/notices/b/名单.xlsx": (tmp_path / "x.xlsx").read_bytes(),
        "content/notices/c/index.md": attachment_notice("说明.docx"),
        "content/notices/c/说明.docx": (tmp_path / "x.docx").read_bytes(),
    }
    assert [f.split(": “")[0] for f in problems(project, files)] == [
        "content/notices/a/名单.csv:2: 字段 '附件': 疑似身份证号 110105********" + ID[-4:],
        "content/notices/b/名单.xlsx: 工作表 名单 单元格 B3: 字段 '附件': 疑似身份证号 110105********" + ID[-4:],
        "content/notices/b/名单.xlsx: 工作表 名单 单元格 C3: 字段 '附件': 疑似手机号 138****5678",
        "content/notices/c/说明.docx: 第 2 段: 字段 '附件': 疑似手机号 139****5678",
    ]


def test_the_text_layer_of_a_pdf_is_scanned(project):
    pdf = minimal_pdf(b"BT /F1 12 Tf 72 720 Td (Tel 13812345678) Tj ET")
    found = problems(project, {"content/notices/a/index.md": attachment_notice("表.pdf"), "content/notices/a/表.pdf": pdf})
    assert found[0].startswith("content/notices/a/表.pdf: 第 1 页: 字段 '附件': 疑似手机号 138****5678")


def test_an_unreadable_attachment_type_is_a_warning(project):
    from generator.checks.warnings import warnings

    root = project({"content/notices/a/index.md": attachment_notice("名单.doc"), "content/notices/a/名单.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)})
    found = [str(w) for w in warnings(load_site(load_config(root), TODAY)) if "名单" in str(w)]
    assert found == ["content/notices/a/名单.doc:1: 警告: 字段 '附件': 无法检查 .doc 文件中的个人信息 (请转为 .docx、.xlsx 或带文字层的 .pdf) "
                     "(请人工确认其中没有身份证号、手机号、银行卡号)"]


def test_a_gongshi_past_its_period_no_longer_publishes_and_so_no_longer_blocks(project):
    files = {"content/notices/a/index.md": attachment_notice("名单.csv").replace("发布机构", "公示期至: 2024-04-01\n发布机构"),
             "content/notices/a/名单.csv": f"1,张某,{ID}\n"}
    assert passes(project, files)


HTML_EXPECTED = "正文只能用 Markdown 和简单的 HTML: 标题、段落、列表、表格、链接和本站图片; 视频、网页等请作为附件或写成链接"


@pytest.mark.parametrize(
    "body, message",
    [("<script>alert(1)</script>", "不允许使用 <script> 标签"),
     ('<img src="x.png" onerror="alert(1)">', "不允许在 <img> 上使用 onerror 属性"),
     ('<iframe src="https://example.com"></iframe>', "不允许使用 <iframe> 标签")],
)
def test_script_in_a_body_is_refused_with_its_line(project, body, message):
    found = problems(project, {"content/notices/a.md": NOTICE.format(extra="", body="第一段\n\n" + body)})
    assert found == [f"content/notices/a.md:9: 正文: {message} ({HTML_EXPECTED})"]


def test_a_javascript_link_is_refused_with_its_line(project):
    found = problems(project, {"content/notices/a.md": NOTICE.format(extra="", body="第一段\n\n[点我](javascript:alert(1))")})
    assert found == ["content/notices/a.md:9: 正文: 不允许的链接地址 'javascript:alert(1)' (链接只能是 http://、https://、mailto:、tel: 或站内地址)"]


def test_script_inside_a_code_block_is_shown_as_text(project):
    assert passes(project, {"content/notices/a.md": NOTICE.format(extra="", body="示例：\n\n    <script>x</script>\n\n`<b onclick=x>`")})


def test_an_unclosed_fence_hides_nothing(project):
    """mkdocs.yml has no fenced-code extension: ``` is text, and what follows it is rendered and checked."""
    found = problems(project, {"content/notices/a.md": NOTICE.format(extra="", body="```\n第一行\n<script>x</script>")})
    assert found == [f"content/notices/a.md:9: 正文: 不允许使用 <script> 标签 ({HTML_EXPECTED})"]


def test_an_attachment_linking_out_of_content_is_refused(project, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    root = project({"content/notices/a/index.md": attachment_notice("link.txt")})
    os.symlink(outside, root / "content/notices/a/link.txt")
    with pytest.raises(ContentError) as caught:
        load_site(load_config(root), TODAY)
    assert [str(p) for p in caught.value.problems] == [
        "content/notices/a/index.md:7: 字段 '附件': 附件 'link.txt' 是指向 content/ 以外的链接 (请把文件本身复制到本条目的文件夹)"
    ]


def test_build_refuses_to_publish_personal_data(tmp_path):
    root = copy_sample_project(tmp_path)
    gongkai = [sys.executable, "-m", "generator", "build", "--root", str(root), "--today", "2026-11-25"]
    assert subprocess.run(gongkai, capture_output=True).returncode == 0
    before = (root / "site/notices/index.html").read_bytes()
    leak = NOTICE.format(extra="索引号: 11370829MB0000000A/2024-00099\n", body=f"身份证 {ID}")
    (root / "content/notices/leak.md").write_text(leak, encoding="utf-8")
    result = subprocess.run(gongkai, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1
    assert "疑似身份证号" in result.stderr and ID not in result.stderr
    assert (root / "site/notices/index.html").read_bytes() == before
    assert not (root / "generated/notices/leak").exists()


def test_fix_encoding_converts_gbk_files_and_keeps_a_backup(tmp_path):
    from conftest import make_project

    original = NOTICE.format(extra="", body="正文").encode("gb18030")
    root = make_project(tmp_path, {"content/notices/a.md": original})
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--fix-encoding", "--root", str(root)],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "已改为 UTF-8 / converted: content/notices/a.md (原文件保存为 a.md.gbk.bak)"
    assert (root / "content/notices/a.md").read_text(encoding="utf-8") == original.decode("gb18030")
    assert (root / "content/notices/a.md.gbk.bak").read_bytes() == original
