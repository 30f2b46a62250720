"""What a careless clerk does without meaning harm: every case ends in a message that names the file,
and no command hands out a number twice or writes a file that `check` would then refuse."""
import datetime as dt
import os

import pytest
from test_authoring_safety import NUMBER, gongkai, site

from generator.config import load_config
from generator.errors import ContentError
from generator.pipeline import load_site

NOTICE = "---\n标题: 通知\n类别: {category}\n发布日期: 2024-03-01\n发布机构: 镇\n索引号: {number}\n{extra}---\n正文\n"


def problems(root) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_site(load_config(root), dt.date(2024, 6, 1))
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("broken", ["类别: [通知", "类别: 通知\n" + "x" * (3 * 1024 * 1024)])
def test_new_never_reuses_the_number_of_a_record_that_cannot_be_read(tmp_path, broken):
    root = site(tmp_path, {"content/notices/old.md": NOTICE.format(category="通知", number=NUMBER.format(1), extra="").replace("类别: 通知", broken)})
    result = gongkai(root, "new", "通知", "关于测试的通知", "--today", "2024-06-01")
    assert result.returncode == 0, result.stderr
    assert f"索引号: {NUMBER.format(2)}" in (root / "content/notices/2024-00002.md").read_text(encoding="utf-8")


def test_a_duplicate_number_is_blamed_on_the_newer_record(tmp_path):
    root = site(tmp_path, {
        "content/notices/a-new.md": NOTICE.format(category="通知", number=NUMBER.format(1), extra="").replace("2024-03-01", "2024-05-01"),
        "content/notices/b-old.md": NOTICE.format(category="通知", number=NUMBER.format(1), extra=""),
    })
    assert problems(root) == ["content/notices/a-new.md:6: 字段 '索引号': 与 content/notices/b-old.md 重复 "
                              "(索引号一经发布不能改变: 请给这一条 (较晚发布的) 换一个, gongkai new 会给出下一个空号)"]


def test_an_attachment_name_too_long_for_any_file_system_is_a_message(tmp_path):
    name = "附" * 120 + ".pdf"
    root = site(tmp_path, {"content/notices/a/index.md": NOTICE.format(category="通知", number=NUMBER.format(1), extra=f"附件:\n  - {name}\n")})
    assert problems(root) == ["content/notices/a/index.md:8: 字段 '附件': 附件文件名太长 (124 个字符) (文件名请不超过 80 个汉字)"]


@pytest.mark.parametrize("name", ["$HOME", "~", "a(b)", "a'b"])
def test_new_accepts_only_names_that_check_accepts(tmp_path, name):
    root = site(tmp_path)
    result = gongkai(root, "new", "通知", "标题", "--name", name, "--today", "2024-06-01")
    assert result.returncode == 2 and "文件名含有不能用的字符" in result.stderr
    assert not any((root / "content").rglob("*.md"))


def test_import_refuses_what_check_would_refuse_and_never_dates_a_record_in_the_future(tmp_path):
    root = site(tmp_path)
    big = tmp_path / "big.txt"
    big.write_text("关于测试的通知\n\n" + "正文。" * 400_000, encoding="utf-8")
    result = gongkai(root, "import", str(big), "--today", "2024-06-01")
    assert result.returncode == 1 and "文字太多" in result.stderr and not any((root / "content").rglob("*.md"))
    future = tmp_path / "future.txt"
    future.write_text("关于测试的通知\n\n各村：\n\n正文。\n\n纸坊镇人民政府\n2099年1月1日\n", encoding="utf-8")
    result = gongkai(root, "import", str(future), "--today", "2024-06-01")
    assert result.returncode == 0, result.stderr
    assert "“2099年1月1日”晚于今天, 已填今天 2024-06-01" in result.stdout + result.stderr
    written = next((root / "content").rglob("*.md")).read_text(encoding="utf-8")
    assert "发布日期: 2024-06-01" in written or "发布日期: '2024-06-01'" in written or '发布日期: "2024-06-01"' in written


def test_fix_encoding_converts_chinese_gbk_only(tmp_path):
    root = site(tmp_path, {"content/notices/gbk.md": NOTICE.format(category="通知", number=NUMBER.format(1), extra="").encode("gb18030"),
                           "content/notices/latin.md": NOTICE.format(category="通知", number=NUMBER.format(2), extra="").replace("正文", "Caf\xe9\xe9").encode("latin-1", "replace")})
    latin = (root / "content/notices/latin.md").read_bytes()
    result = gongkai(root, "check", "--fix-encoding", "--today", "2024-06-01")
    assert "已改为 UTF-8 / converted: content/notices/gbk.md" in result.stdout
    assert (root / "content/notices/latin.md").read_bytes() == latin
    assert "content/notices/latin.md:1: 文件不是 UTF-8 编码的文字 (请用 UTF-8 编码保存)" in result.stderr


def test_a_link_to_a_folder_inside_a_section_is_named(tmp_path):
    root = site(tmp_path, {"content/notices/a.md": NOTICE.format(category="通知", number=NUMBER.format(1), extra="")})
    os.symlink(tmp_path / "outside", root / "content/notices/linked")
    assert problems(root) == ["content/notices/linked:1: 是指向文件夹的链接, 其中的文件不会发布 (请把文件夹本身放在这里)"]


def test_a_line_break_in_a_file_name_stays_on_one_line_of_output(tmp_path):
    root = site(tmp_path, {"content/notices/a\nb.md": NOTICE.format(category="通知", number=NUMBER.format(1), extra="")})
    assert problems(root) == ["content/notices/aU+000Ab.md:1: 文件名或文件夹名含有网址不能用的字符 U+000A (请改用字母、数字、汉字和 -)"]


@pytest.mark.parametrize("arguments, chinese", [
    (("new", "通知"), "缺少参数 title"), (("new", "通知", "x", "--name", "-rf"), "--name 后面要写一个值"),
])
def test_argparse_speaks_chinese(tmp_path, arguments, chinese):
    result = gongkai(site(tmp_path), *arguments)
    assert result.returncode == 2 and chinese in result.stderr
