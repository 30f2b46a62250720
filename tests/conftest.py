"""Shared helpers: content trees written from dicts, the sample project copied, browser availability."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The seed report (纸坊镇 2023年度法治政府建设报告) as it was handed over: raw input for import and figure tests.
SEED = REPO / "tests" / "fixtures" / "seed" / "2023-fazhi-report.txt"
SAMPLE_TODAY = "2026-11-25"  # the sample site shows 有效, 已修改, 失效 and 废止 documents on this day
MINIMAL_MKDOCS_YML = """\
site_name: 测试站点
docs_dir: generated
extra:
  gongkai:
    town: 纸坊镇
    issuer: {issuer}
    footer:
      provided_by_portal: true
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: text or bytes} below root; returns root."""
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


def make_project(root: Path, files: dict[str, str | bytes], issuer: str = '""') -> Path:
    """A project with a minimal mkdocs.yml and the given files; no default 发布机构 unless given."""
    return write_tree(root, {"mkdocs.yml": MINIMAL_MKDOCS_YML.format(issuer=issuer), **files})


def copy_sample_project(target: Path) -> Path:
    """The repository's sample site, without generated output, in a place tests may write to."""
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns(".git", "site", ".venv", "venv", "__pycache__", "*.egg-info", ".pytest_cache")
    for name in ("mkdocs.yml", "standard-catalog.yml", "content", "docs", "overrides", "generator"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    (target / "generated").mkdir()
    return target


def minimal_pdf(content: bytes | None) -> bytes:
    """A one-page PDF whose page shows `content` (a PDF content stream), or has no text layer at all (None)."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
    page += b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>" if content is not None else b" >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page]
    if content is not None:
        objects += [b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
                    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return pdf + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


@pytest.fixture
def project(tmp_path: Path):
    def build(files: dict[str, str | bytes], issuer: str = '""') -> Path:
        return make_project(tmp_path, files, issuer)

    return build


def browser_required() -> bool:
    return os.environ.get("GONGKAI_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample project built once with plain `mkdocs build --strict` (the hook generates the tree)."""
    import subprocess
    import sys

    root = copy_sample_project(tmp_path_factory.mktemp("sample"))
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", GONGKAI_TODAY=SAMPLE_TODAY)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=environment,
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def large_site(tmp_path_factory):
    """A generated site of 1,000 records (generator/corpus.py), built with `gongkai build`."""
    import subprocess
    import sys

    from generator.bench.corpus import write_corpus

    root = tmp_path_factory.mktemp("large") / "site"
    stats = write_corpus(REPO, root, 1000)
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--today", SAMPLE_TODAY],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return root, stats


@pytest.fixture(scope="module")
def sample_url(sample_site):
    """The built sample site served on loopback to a browser test module."""
    from browser import require_browser, serve

    require_browser()
    with serve(sample_site / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser(sample_url):
    """One Chromium for a test module: each test opens its own page or context in it."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
