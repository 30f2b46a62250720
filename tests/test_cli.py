"""The command line as staff use it: messages on stderr, exit codes, no traceback, nothing lost."""
import hashlib
import subprocess
import sys
from pathlib import Path

from conftest import copy_sample_project, make_project

NOTICE = "---\n标题: 关于春耕的通知\n类别: 通知\n发布日期: 2024-03-05\n发布机构: 纸坊镇人民政府\n---\n正文\n"


def gongkai(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *arguments, "--root", str(root)],
                          capture_output=True, text=True, encoding="utf-8")


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_check_passes_on_good_content(tmp_path):
    result = gongkai(make_project(tmp_path, {"content/notices/a.md": NOTICE}), "check")
    assert result.returncode == 0
    assert "检查通过" in result.stdout


def test_check_reports_all_problems_and_exits_1_without_traceback(tmp_path):
    root = make_project(tmp_path, {
        "content/notices/a.md": NOTICE.replace("2024-03-05", "2024-02-30"),
        "content/notices/b.md": "---\n标题: a: b\n---\n",
    })
    result = gongkai(root, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/notices/a.md:4: 字段 '发布日期': '2024-02-30' 是不存在的日期 (请核对月份和日子)",
        "content/notices/b.md:2: YAML 语法错误: 值里有冒号 (含冒号“:”的值请用引号括起来)",
        "共 2 个问题, 请修改后重新运行 / 2 problem(s) found",
    ]
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert gongkai(tmp_path, "publish").returncode == 2
    assert gongkai(tmp_path, "check", "--today", "明天").returncode == 2


def test_missing_configuration_is_a_message(tmp_path):
    result = gongkai(tmp_path, "check")
    assert result.returncode == 1
    assert "找不到站点配置文件" in result.stderr and "Traceback" not in result.stderr


def test_help_is_bilingual(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, encoding="utf-8")
    assert "检查 content/ 中的全部文件" in result.stdout and "validate every file in content/" in result.stdout


def test_build_never_writes_into_content_or_docs(tmp_path):
    root = copy_sample_project(tmp_path)
    before = fingerprint(root / "content"), fingerprint(root / "docs")
    result = gongkai(root, "build")
    assert result.returncode == 0, result.stderr
    assert (fingerprint(root / "content"), fingerprint(root / "docs")) == before
    assert (root / "site" / "index.html").exists()


def test_a_failed_build_leaves_the_previous_tree(tmp_path):
    root = copy_sample_project(tmp_path)
    assert gongkai(root, "build").returncode == 0
    generated = fingerprint(root / "generated")
    (root / "content/notices/bad.md").write_text("---\n标题: x\n---\n", encoding="utf-8")
    result = gongkai(root, "build")
    assert result.returncode == 1
    assert "content/notices/bad.md:1: 字段 '发布日期': 缺少必填字段" in result.stderr
    assert fingerprint(root / "generated") == generated
