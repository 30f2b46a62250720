"""Golden Markdown: the pages generated from tests/fixtures/basic match tests/golden/basic exactly.

After an intended change of output, regenerate with GONGKAI_UPDATE_GOLDEN=1 and review the diff.
"""
import datetime as dt
import os
from pathlib import Path

from generator.config import load_config
from generator.pages import generate
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
    assert [(f.path, f.source.name) for f in files] == [("notices/2024-fanghuo/zerenshu.pdf", "zerenshu.pdf")]
