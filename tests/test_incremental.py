"""`gongkai build` rebuilds only what changed, and what it leaves is byte for byte what a clean build makes."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE_TODAY, copy_sample_project

from generator.incremental import BUILD_STAMP

NOTICE = "content/notices/2024-chungeng-beigeng.md"
ATTACHMENT = "content/notices/2024-senlin-fanghuo/fanghuo-zerenshu.pdf"
ADDED = """---
标题: 关于开展冬季用电安全检查的通知
类别: 通知
发布日期: 2026-11-21
索引号: 11370829MB0000000A/2026-00091
发布机构: 纸坊镇人民政府
---

各村（社区）：

为做好冬季用电安全工作，镇政府定于12月开展用电安全检查。
"""


def gongkai_build(root: Path, *extra: str) -> str:
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--today", SAMPLE_TODAY, *extra],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def site_files(root: Path) -> dict[str, bytes]:
    """Every file of the built site (the build stamp, which records file times, is in the stage)."""
    site = root / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def with_site_url(root: Path) -> Path:
    """Absolute sitemap entries: their dates are the ones a dirty build must keep right."""
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_dir: site", "site_dir: site\nsite_url: https://www.example.gov.cn/zwgk/"),
                      encoding="utf-8")
    return root


@pytest.fixture
def built(tmp_path):
    root = with_site_url(copy_sample_project(tmp_path / "town"))
    assert "完整构建" in gongkai_build(root)
    assert (root / "generated" / BUILD_STAMP).is_file() and not (root / "site" / BUILD_STAMP).exists()  # not published
    return root


def clean_build_of(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """The same sources built from nothing, in another folder."""
    fresh = tmp_path / "fresh"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("site", "generated"))
    gongkai_build(fresh)
    return site_files(fresh)


def edit(root: Path) -> None:
    notice = root / NOTICE
    notice.write_text(notice.read_text(encoding="utf-8") + "\n会后各村须于三日内报送整改清单。\n", encoding="utf-8")
    (root / "content/notices/2026-yongdian-jiancha.md").write_text(ADDED, encoding="utf-8")
    attachment = root / ATTACHMENT
    attachment.write_bytes(attachment.read_bytes().replace(b"%%EOF", b"% revised\n%%EOF"))
    os.utime(attachment, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))  # 2001: older than the last build (cp -p)


def test_an_edit_rebuilds_only_what_changed_and_equals_a_clean_build(built, tmp_path):
    untouched = built / "site/notices/2023-tingdian-gonggao/index.html"
    before = untouched.stat().st_mtime_ns
    edit(built)
    said = gongkai_build(built)
    assert "只重建有变化的页面" in said
    assert untouched.stat().st_mtime_ns == before  # a page whose Markdown did not change is not built again
    after = site_files(built)
    assert "会后各村须于三日内报送整改清单" in after["notices/2024-chungeng-beigeng/index.html"].decode("utf-8")
    assert "关于开展冬季用电安全检查的通知" in after["notices/index.html"].decode("utf-8")
    assert b"% revised" in after["notices/2024-senlin-fanghuo/fanghuo-zerenshu.pdf"]
    assert after == clean_build_of(built, tmp_path)


def test_an_unchanged_tree_builds_nothing(built):
    before = {p: p.stat().st_mtime_ns for p in (built / "site").rglob("*") if p.is_file()}
    assert "网站没有变化" in gongkai_build(built)
    assert {p: p.stat().st_mtime_ns for p in before} == before


def test_a_removed_record_means_a_clean_build(built, tmp_path):
    (built / NOTICE).unlink()
    assert "完整构建 (有页面或附件被删除)" in gongkai_build(built)
    after = site_files(built)
    assert "notices/2024-chungeng-beigeng/index.html" not in after
    assert after == clean_build_of(built, tmp_path)


@pytest.mark.parametrize("change", ["mkdocs.yml", "overrides", "today", "--clean"])
def test_what_every_page_shares_means_a_clean_build(built, change):
    extra = []
    if change == "mkdocs.yml":
        config = built / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("site_description: ", "site_description: 新的"), encoding="utf-8")
    elif change == "overrides":
        style = built / "overrides/assets/stylesheets/gongkai.css"
        style.write_text(style.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    elif change == "today":
        extra = ["--today", "2026-11-26"]
    else:
        extra = ["--clean"]
    untouched = built / "site/notices/2023-tingdian-gonggao/index.html"
    before = untouched.stat().st_mtime_ns
    assert "完整构建" in gongkai_build(built, *extra)
    assert untouched.stat().st_mtime_ns != before


def test_a_failed_build_leaves_no_stamp_so_the_next_is_clean(built):
    notice = built / NOTICE
    text = notice.read_text(encoding="utf-8")
    notice.write_text(text + "\n[断开的链接](../policies/no-such-page.md)\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(built), "--today", SAMPLE_TODAY],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1
    assert not (built / "generated" / BUILD_STAMP).exists()
    notice.write_text(text, encoding="utf-8")
    assert "完整构建 (上次构建的记录不存在)" in gongkai_build(built)


def test_a_file_changed_by_hand_in_the_site_means_a_clean_build(built, tmp_path):
    (built / "site/stale.html").write_text("旧", encoding="utf-8")
    page = built / "site/notices/index.html"
    page.write_text("被改过", encoding="utf-8")
    assert "完整构建 (site/ 中的文件被改动过)" in gongkai_build(built)
    assert not (built / "site/stale.html").exists()
    assert site_files(built) == clean_build_of(built, tmp_path)
