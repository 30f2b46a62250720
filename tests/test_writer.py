"""The writer touches only its own folder, rewrites only what changed and removes what is gone."""
import os

import pytest

from generator.errors import ConfigError
from generator.pages import CopiedFile, Page
from generator.writer import MARKER, write_tree


def test_writes_pages_and_copies_files(tmp_path):
    source = tmp_path / "a.pdf"
    source.write_bytes(b"%PDF")
    stage = tmp_path / "stage"
    summary = write_tree(stage, [Page("x/index.md", "# 甲\n"), CopiedFile("x/a.pdf", source)])
    assert (stage / "x/index.md").read_text(encoding="utf-8") == "# 甲\n"
    assert (stage / "x/a.pdf").read_bytes() == b"%PDF"
    assert (summary.written, summary.unchanged, summary.removed) == (2, 0, 0)


def test_unchanged_files_keep_their_mtime(tmp_path):
    stage = tmp_path / "stage"
    write_tree(stage, [Page("a.md", "甲"), Page("b.md", "乙")])
    os.utime(stage / "a.md", ns=(1_000_000_000, 1_000_000_000))
    summary = write_tree(stage, [Page("a.md", "甲"), Page("b.md", "乙改")])
    assert (stage / "a.md").stat().st_mtime_ns == 1_000_000_000
    assert (summary.written, summary.unchanged) == (1, 1)


def test_stale_pages_and_empty_folders_disappear(tmp_path):
    stage = tmp_path / "stage"
    write_tree(stage, [Page("notices/old/index.md", "旧"), Page("index.md", "首页")])
    summary = write_tree(stage, [Page("index.md", "首页")])
    assert summary.removed == 1
    assert not (stage / "notices").exists()
    assert (stage / MARKER).exists()


def test_dotfiles_in_the_stage_are_kept(tmp_path):
    stage = tmp_path / "stage"
    stage.mkdir()
    (stage / ".gitkeep").write_text("")
    write_tree(stage, [Page("index.md", "首页")])
    assert (stage / ".gitkeep").exists()


def test_refuses_a_folder_it_did_not_create(tmp_path):
    stage = tmp_path / "docs"
    stage.mkdir()
    (stage / "hand-written.md").write_text("不要删除我", encoding="utf-8")
    with pytest.raises(ConfigError):
        write_tree(stage, [Page("index.md", "首页")])
    assert (stage / "hand-written.md").read_text(encoding="utf-8") == "不要删除我"
