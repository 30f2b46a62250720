"""`gongkai new` and `gongkai number`: the only commands that write into content/, and never clobber."""
import subprocess
import sys

from conftest import make_project

PREFIX_CONFIG = "    index_number:\n      prefix: 11370829MB0000000A\n"
NOTICE = "---\n标题: 通知\n类别: 通知\n发布日期: {date}\n{extra}发布机构: 镇\n---\n正文\n"


def gongkai(root, *arguments):
    return subprocess.run([sys.executable, "-m", "generator", *arguments, "--root", str(root)],
                          capture_output=True, text=True, encoding="utf-8")


def project_with_prefix(tmp_path, files):
    root = make_project(tmp_path, files, issuer="纸坊镇人民政府")
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + PREFIX_CONFIG, encoding="utf-8")
    return root


def test_new_notice_gets_today_and_the_next_free_index_number(tmp_path):
    root = project_with_prefix(tmp_path, {
        "content/notices/a.md": NOTICE.format(date="2024-03-01", extra="索引号: 11370829MB0000000A/2024-00007\n"),
    })
    result = gongkai(root, "new", "公示", "关于低保对象的公示", "--today", "2024-05-06")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "已新建 / created: content/notices/2024-00008.md\n"
    text = (root / "content/notices/2024-00008.md").read_text(encoding="utf-8")
    assert text.startswith("---\n标题: 关于低保对象的公示\n类别: 公示\n发布日期: 2024-05-06\n索引号: 11370829MB0000000A/2024-00008\n"
                           "发布机构: 纸坊镇人民政府\n")
    assert gongkai(root, "check", "--today", "2024-05-06").returncode == 0


def test_new_policy_must_be_completed_before_it_passes(tmp_path):
    root = project_with_prefix(tmp_path, {})
    assert gongkai(root, "new", "规范性文件", "管理办法", "--today", "2024-05-06").returncode == 0
    result = gongkai(root, "check", "--today", "2024-05-06")
    assert result.returncode == 1
    assert "content/policies/2024-00001.md:3: 字段 '文号': 不能为空 (例如 文号: 纸政发〔2023〕3号)" in result.stderr


def test_new_never_overwrites(tmp_path):
    root = project_with_prefix(tmp_path, {"content/notices/mine.md": "我的文件"})
    result = gongkai(root, "new", "通知", "标题", "--name", "mine")
    assert result.returncode == 1
    assert result.stderr.strip() == "content/notices/mine.md: 文件已存在, 没有覆盖 (请用 --name 换个文件名)"
    assert (root / "content/notices/mine.md").read_text(encoding="utf-8") == "我的文件"


def test_new_rejects_an_unknown_type(tmp_path):
    result = gongkai(project_with_prefix(tmp_path, {}), "new", "新闻", "标题")
    assert result.returncode == 1 and result.stderr.startswith("未知的类型 '新闻'")


def test_number_fills_only_missing_numbers_in_publication_order(tmp_path):
    kept = NOTICE.format(date="2024-01-05", extra="索引号: 11370829MB0000000A/2024-00003\n")
    later = NOTICE.format(date="2024-06-01", extra="")
    earlier = NOTICE.format(date="2024-02-01", extra="").replace("\n", "\r\n")  # a Windows file stays a Windows file
    root = project_with_prefix(tmp_path, {"content/notices/kept.md": kept, "content/notices/later.md": later,
                                          "content/notices/earlier.md": "\ufeff" + earlier})
    result = gongkai(root, "number")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "content/notices/earlier.md: 索引号 11370829MB0000000A/2024-00004",
        "content/notices/later.md: 索引号 11370829MB0000000A/2024-00005",
        "编号 2 个文件 / numbered 2 file(s)",
    ]
    assert (root / "content/notices/kept.md").read_text(encoding="utf-8") == kept
    assert (root / "content/notices/later.md").read_text(encoding="utf-8") == later.replace(
        "发布日期: 2024-06-01\n", "发布日期: 2024-06-01\n索引号: 11370829MB0000000A/2024-00005\n")
    assert (root / "content/notices/earlier.md").read_bytes() == ("\ufeff" + earlier.replace(
        "发布日期: 2024-02-01\r\n", "发布日期: 2024-02-01\r\n索引号: 11370829MB0000000A/2024-00004\r\n")).encode("utf-8")
    assert gongkai(root, "number").stdout == "编号 0 个文件 / numbered 0 file(s)\n"


def test_number_needs_the_prefix(tmp_path):
    result = gongkai(make_project(tmp_path, {}), "number")
    assert result.returncode == 1 and "index_number.prefix" in result.stderr


def test_check_reports_missing_malformed_and_duplicate_index_numbers(tmp_path):
    root = project_with_prefix(tmp_path, {
        "content/notices/a.md": NOTICE.format(date="2024-01-05", extra=""),
        "content/notices/b.md": NOTICE.format(date="2024-01-05", extra="索引号: 11370829MB0000000A/2024-None\n"),
        "content/notices/c.md": NOTICE.format(date="2024-01-05", extra="索引号: 11370829MB0000000A/2024-00001\n"),
        "content/notices/d.md": NOTICE.format(date="2024-01-05", extra="索引号: 11370829MB0000000A/2024-00001\n"),
    })
    result = gongkai(root, "check")
    assert result.stderr.splitlines()[:3] == [
        "content/notices/a.md:1: 字段 '索引号': 缺少索引号 (运行 gongkai number 自动编号)",
        "content/notices/b.md:5: 字段 '索引号': '11370829MB0000000A/2024-None' 不是规范的索引号 "
        "(应为 11370829MB0000000A/2024-00001 (前段码/年份-5位序号))",
        "content/notices/d.md:5: 字段 '索引号': 与 content/notices/c.md 重复 (索引号一经发布不能改变: 请给这一条 (较晚发布的) 换一个, gongkai new 会给出下一个空号)",
    ]
