"""The same commit built twice gives byte-identical output; dates come from content or --today."""
import hashlib
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLE_TODAY, copy_sample_project


def build(root: Path, today: str = SAMPLE_TODAY) -> dict[str, str]:
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--today", today],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


def with_site_url(root: Path) -> Path:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_dir: site", "site_dir: site\nsite_url: https://www.example.gov.cn/zwgk/"),
                      encoding="utf-8")
    return root


def test_two_builds_are_byte_identical(tmp_path):
    first = build(with_site_url(copy_sample_project(tmp_path / "a")))
    second = build(with_site_url(copy_sample_project(tmp_path / "b")))
    assert first == second
    assert "sitemap.xml.gz" in first and any(p.startswith("search-index/c/") for p in first)


def test_sitemap_dates_come_from_records_and_the_build_date(tmp_path):
    root = with_site_url(copy_sample_project(tmp_path))
    build(root, "2026-11-25")
    sitemap = (root / "site/sitemap.xml").read_text(encoding="utf-8")
    assert ("<loc>https://www.example.gov.cn/zwgk/notices/2024-chungeng-beigeng/</loc>\n         <lastmod>2024-03-07</lastmod>"
            in sitemap)  # its latest 修订记录
    assert "<loc>https://www.example.gov.cn/zwgk/catalog/</loc>\n         <lastmod>2026-11-25</lastmod>" in sitemap
    feed = (root / "site/feeds/notices.xml").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="text/html" href="https://www.example.gov.cn/zwgk/notices/2026-dongji-fanghuo/"/>' in feed
