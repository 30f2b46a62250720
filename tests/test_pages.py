"""Golden Markdown: the pages generated from tests/fixtures/basic match tests/golden/basic exactly.

After an intended change of output, regenerate with GONGKAI_UPDATE_GOLDEN=1 and review the diff.
"""
import datetime as dt
import os
from pathlib import Path

from generator.config import load_config
from generator.pages import generate
from generator.pages.outputs import CopiedFile
from generator.pipeline import load_site

FIXTURE = Path(__file__).parent / "fixtures" / "basic"
GOLDEN = Path(__file__).parent / "golden" / "basic"


def generated_pages() -> dict[str, str]:
    site = load_site(load_config(FIXTURE), dt.date(2024, 6, 1))
    pages, _ = generate(site)
    return {page.path: page.text for page in pages}


def test_generated_markdown_matches_golden_files():
    pages = generated_pages()
    if os.environ.get("GONGKAI_UPDATE_GOLDEN") == "1":
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(text.encode("utf-8"))
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(pages) == sorted(golden)
    for path, text in pages.items():
        assert text == golden[path], f"{path} differs from its golden file"


def test_attachments_are_copied_beside_their_page():
    site = load_site(load_config(FIXTURE), dt.date(2024, 6, 1))
    _, files = generate(site)
    # the 公示 past its period (2024-04-01) no longer publishes its list of names
    assert [(f.path, f.source.name) for f in files if isinstance(f, CopiedFile)] == [("notices/2024-fanghuo/zerenshu.pdf", "zerenshu.pdf")]


def test_long_listings_paginate_with_a_year_jump_list(project):
    from generator.pages.pagination import page_path

    notice = "---\n标题: 第{n}号通知\n类别: 通知\n发布日期: {date}\n发布机构: 镇\n---\n正文\n"
    files = {f"content/notices/n{n:03d}.md": notice.format(n=n, date=f"{2022 + n // 100}-0{1 + n % 9}-1{n % 10}") for n in range(350)}
    pages = {p.path: p.text for p in generate(load_site(load_config(project(files)), dt.date(2025, 12, 31)))[0]}
    listing = [page_path("notices", n) for n in (1, 2, 3)]
    assert [path for path in pages if path.startswith("notices/") and "/n" not in path] == listing
    # pages are cut from the oldest end: the first page holds the 150 newest, the others 100 each
    assert [pages[p].count("- <span class=\"gk-tag\">") for p in listing] == [150, 100, 100]
    first, second = pages[listing[0]], pages[listing[1]]
    assert "[下一页](../page/2/index.md)" not in first and "[下一页](page/2/index.md)" in first
    assert "[上一页](../../index.md)" in second and "**第 2 页**" in second
    assert "按年份：[2025年](index.md#2025年) · [2024年](index.md#2024年) · [2023年](page/2/index.md#2023年) · [2022年](page/3/index.md#2022年)" in first
    assert "第299号通知" in first and "第199号通知" in second and "第99号通知" in pages[listing[2]]


def test_a_new_notice_changes_only_the_first_page_of_its_list_and_of_the_catalog(project):
    """Pages after the first are counted from the oldest: a new item does not move every item of the
    list to the next page, so the preview and an incremental build rebuild one listing page, not all."""
    notice = "---\n标题: 第{n}号通知\n类别: 通知\n发布日期: {date}\n发布机构: 镇\n---\n正文\n"
    files = {f"content/notices/n{n:03d}.md": notice.format(n=n, date=f"{2022 + n // 100}-0{1 + n % 9}-1{n % 10}") for n in range(350)}
    root = project(files)
    before = {p.path: p.text for p in generate(load_site(load_config(root), dt.date(2025, 12, 31)))[0]}
    (root / "content/notices/new.md").write_text(notice.format(n=999, date="2025-12-20"), encoding="utf-8")
    after = {p.path: p.text for p in generate(load_site(load_config(root), dt.date(2025, 12, 31)))[0]}
    changed = sorted(path for path in after if before.get(path) != after[path])
    assert changed == ["catalog.csv", "catalog.json", "catalog/index.md", "feeds/notices.xml", "index.md", "notices/index.md", "notices/new/index.md"]


def test_a_record_named_like_a_listing_page_is_refused(project):
    import pytest

    from generator.errors import ContentError
    from generator.pipeline import plan

    policy = "---\n标题: 办法\n文号: 纸政发〔2023〕3号\n发文机关: 镇\n成文日期: 2023-05-10\n发布日期: 2023-05-16\n---\n"
    with pytest.raises(ContentError) as caught:
        plan(load_config(project({"content/policies/current.md": policy})), dt.date(2024, 1, 1))
    assert [str(p) for p in caught.value.problems] == [
        "content/policies/current.md:1: 文件名与网站自动生成的页面 policies/current/index.md 冲突 (请换个文件名 (page、current、repealed 是保留的名字))"
    ]
