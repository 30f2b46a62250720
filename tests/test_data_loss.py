"""Nothing staff wrote is ever deleted: the output folders may not overlap the project, the stage writer
removes only what it wrote itself, builds run one at a time, and a broken mkdocs.yml is a message."""
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SAMPLE_TODAY, copy_sample_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.commands import locking
from generator.commands.cli import main
from generator.config import SITE_DIR_WHY, STAGE_DIR_WHY, load_config
from generator.errors import ConfigError
from generator.pages import Page
from generator.writer import MARKER, SITE_MARKER, write_tree

NOTICE = "---\n标题: 关于春耕的通知\n类别: 通知\n发布日期: 2024-03-05\n发布机构: 纸坊镇人民政府\n---\n正文\n"
# Enough for a strict MkDocs build of the minimal project: the home page links the two guide pages.
PROJECT = {"content/notices/a.md": NOTICE, "generated/.gitkeep": "", "docs/rules.md": "# 制度\n",
           ".git/HEAD": "ref: refs/heads/main\n", "overrides/main.html": "{% extends 'base.html' %}\n"}
SITE_WHY = f"({SITE_DIR_WHY})"
STAGE_WHY = f"({STAGE_DIR_WHY})"


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def run(root: Path, *arguments: str, module: str = "generator", **environment: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", module, *arguments]
    if module == "generator":
        command += ["--root", str(root)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GONGKAI_TODAY=SAMPLE_TODAY, **environment)
    env.pop("GONGKAI_CLI_BUILD", None)
    return subprocess.run(command, check=False, cwd=root, env=env, capture_output=True, text=True, encoding="utf-8")


def configure(root: Path, text: str = "docs_dir: generated\n") -> Path:
    """The minimal project's mkdocs.yml with `docs_dir: generated` replaced by text, and gongkai's MkDocs hook."""
    config = root / "mkdocs.yml"
    hook = f"hooks:\n  - {REPO / 'generator' / 'mkdocs_hook.py'}\n"
    config.write_text(hook + config.read_text(encoding="utf-8").replace("docs_dir: generated\n", text), encoding="utf-8")
    return root


def config_error(root: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    return str(caught.value)


# --- site_dir and docs_dir may not overlap what the project keeps ---------------------------------------

PROTECTED = [
    ("content", "与 内容目录 content/ 重叠"),
    ("content/site", "与 内容目录 content/ 重叠"),
    ("docs", "与 手写页面目录 docs/ 重叠"),
    (".", "是项目根目录"),
    ("./", "是项目根目录"),
    ("..", "包含项目根目录"),
    (".git", "与 Git 仓库 .git/ 重叠"),
    (".git/site", "与 Git 仓库 .git/ 重叠"),
    ("overrides", "与 主题目录 overrides/ 重叠"),
    ("generator", "与 程序目录 generator/ 重叠"),
]


@pytest.mark.parametrize("value, problem", PROTECTED)
def test_site_dir_may_not_overlap_the_project(project, value, problem):
    root = configure(project(PROJECT), f"docs_dir: generated\nsite_dir: '{value}'\n")
    assert config_error(root) == f"mkdocs.yml: site_dir: {value!r} {problem} {SITE_WHY}"


@pytest.mark.parametrize("value, problem", PROTECTED)
def test_docs_dir_may_not_overlap_the_project(project, value, problem):
    root = configure(project(PROJECT), f"docs_dir: '{value}'\n")
    assert config_error(root) == f"mkdocs.yml: docs_dir: {value!r} {problem} {STAGE_WHY}"


def test_site_dir_may_not_hold_the_content(project):
    root = configure(project({**PROJECT, "data/content/notices/a.md": NOTICE}),
                     "docs_dir: generated\nsite_dir: data\n")
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8")
                                     .replace("    town:", "    content_dir: data/content\n    town:"), encoding="utf-8")
    assert config_error(root) == f"mkdocs.yml: site_dir: 'data' 与 内容目录 data/content/ 重叠 {SITE_WHY}"


def test_site_dir_and_docs_dir_may_not_overlap_each_other(project):
    root = configure(project(PROJECT), "docs_dir: generated\nsite_dir: generated/site\n")
    assert config_error(root) == f"mkdocs.yml: site_dir: 'generated/site' 与 docs_dir 'generated' 重叠 {SITE_WHY}"
    root = configure(project(PROJECT), "docs_dir: generated\nsite_dir: generated\n")
    assert "与 docs_dir 'generated' 重叠" in config_error(root)


def test_a_custom_theme_folder_is_protected(project):
    root = configure(project({**PROJECT, "theme/main.html": "x"}), "docs_dir: generated\nsite_dir: theme\ntheme:\n  name: material\n  custom_dir: theme\n")
    assert config_error(root) == f"mkdocs.yml: site_dir: 'theme' 与 主题目录 (theme.custom_dir) theme/ 重叠 {SITE_WHY}"


@pytest.mark.parametrize("key", ["site_dir", "docs_dir"])
def test_a_symlink_to_the_content_is_caught(project, key):
    root = project(PROJECT)
    (root / "out").symlink_to(root / "content", target_is_directory=True)
    configure(root, f"docs_dir: {'out' if key == 'docs_dir' else 'generated'}\nsite_dir: {'out' if key == 'site_dir' else 'site'}\n")
    why = SITE_WHY if key == "site_dir" else STAGE_WHY
    assert config_error(root) == f"mkdocs.yml: {key}: 'out' (实际位置 {root / 'content'}) 与 内容目录 content/ 重叠 {why}"


def test_gongkai_build_into_content_deletes_nothing(project):
    root = configure(project(PROJECT), "docs_dir: generated\nsite_dir: content\n")
    before = fingerprint(root)
    result = run(root, "build")
    assert result.returncode == 1
    assert result.stderr == f"mkdocs.yml: site_dir: 'content' 与 内容目录 content/ 重叠 {SITE_WHY}\n"
    assert fingerprint(root) == before


@pytest.mark.parametrize("arguments, shown", [
    (("build", "--strict"), "'content'"),  # site_dir: content in mkdocs.yml
    (("build", "--strict", "-d", "docs"), None),  # a site_dir given on MkDocs' command line
])
def test_plain_mkdocs_build_is_protected_too(project, arguments, shown):
    root = configure(project(PROJECT), "docs_dir: generated\nsite_dir: content\n" if shown else "docs_dir: generated\n")
    before = fingerprint(root)
    result = run(root, *arguments, module="mkdocs")
    assert result.returncode == 1
    if shown:
        assert f"gongkai: mkdocs.yml: site_dir: 'content' 与 内容目录 content/ 重叠 {SITE_WHY}" in result.stderr
    else:
        assert f"gongkai: mkdocs.yml: site_dir: '{root / 'docs'}' 与 手写页面目录 docs/ 重叠 {SITE_WHY}" in result.stderr
    assert "Traceback" not in result.stderr
    assert fingerprint(root) == before


# --- site_dir: only a folder a build made --------------------------------------------------------------

def test_a_full_folder_that_no_build_made_is_refused_as_site_dir(project):
    root = configure(project({**PROJECT, "archive/2019/report.pdf": "旧档案"}), "docs_dir: generated\nsite_dir: archive\n")
    before = fingerprint(root / "archive")
    result = run(root, "build")
    assert result.returncode == 1
    assert result.stderr == (f"{root / 'archive'}: 这个文件夹里已有不是构建生成的文件 (2019), 构建时会被清空, 所以不会使用 "
                             "(mkdocs.yml 的 site_dir 应指向一个不存在的、空的或由构建生成的文件夹, 例如 site)\n")
    assert fingerprint(root / "archive") == before
    assert [p.name for p in (root / "generated").iterdir()] == [".gitkeep"]  # refused before anything was written


def test_plain_mkdocs_build_refuses_a_full_folder_too(project):
    root = configure(project({**PROJECT, "archive/old.html": "旧页面"}), "docs_dir: generated\nsite_dir: archive\n")
    result = run(root, "build", "--strict", module="mkdocs")
    assert result.returncode == 1
    assert f"gongkai: {root / 'archive'}: 这个文件夹里已有不是构建生成的文件 (old.html)" in result.stderr
    assert (root / "archive/old.html").read_text(encoding="utf-8") == "旧页面"


def test_the_site_dir_is_marked_and_rebuilt(project):
    root = configure(project(PROJECT))
    assert run(root, "build").returncode == 0
    assert (root / "site" / SITE_MARKER).exists() and (root / "site/index.html").exists()
    (root / "site/stale.html").write_text("旧", encoding="utf-8")
    assert run(root, "build").returncode == 0
    assert not (root / "site/stale.html").exists()


def test_an_earlier_mkdocs_build_without_marker_is_accepted(project):
    root = configure(project({**PROJECT, "site/index.html": "<html></html>", "site/sitemap.xml": "<urlset/>", "site/old.html": "旧"}))
    result = run(root, "build")
    assert result.returncode == 0, result.stderr
    assert not (root / "site/old.html").exists() and (root / "site" / SITE_MARKER).exists()


# --- the stage writer --------------------------------------------------------------------------------

def test_a_stage_folder_with_only_dot_folders_is_refused_and_untouched(tmp_path):
    stage = tmp_path / "generated"
    (stage / ".git").mkdir(parents=True)
    (stage / ".git/HEAD").write_text("ref: refs/heads/main\n")
    (stage / ".backup").mkdir()
    (stage / ".backup/notes.md").write_text("备份", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        write_tree(stage, [Page("index.md", "首页")])
    assert str(caught.value) == (f"{stage}: 这个文件夹里已有不是 gongkai 生成的文件 (.backup, .git), 不会使用 "
                                 "(mkdocs.yml 的 docs_dir 应指向一个不存在的、空的或由 gongkai 生成的文件夹, 例如 generated)")
    assert sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*")) == [".backup", ".backup/notes.md", ".git", ".git/HEAD"]


def test_the_cli_refuses_such_a_stage_with_a_message(project):
    root = configure(project({**PROJECT, "generated/.git/HEAD": "x", "generated/.backup/a.md": "备份"}))
    before = fingerprint(root / "generated")
    result = run(root, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{root / 'generated'}: 这个文件夹里已有不是 gongkai 生成的文件 (.backup, .git), 不会使用" in result.stderr
    assert fingerprint(root / "generated") == before


@pytest.mark.parametrize("contents", [None, [], [".gitkeep"]])
def test_a_missing_empty_or_gitkeep_stage_is_claimed(tmp_path, contents):
    stage = tmp_path / "generated"
    if contents is not None:
        stage.mkdir()
        for name in contents:
            (stage / name).write_text("")
    write_tree(stage, [Page("index.md", "首页")])
    assert json.loads((stage / MARKER).read_text(encoding="utf-8"))["files"] == ["index.md"]


def test_a_clerks_file_dropped_into_the_stage_is_kept_and_stops_the_build(tmp_path):
    """MkDocs would publish it unchecked (script, an ID number): kept, but nothing is built until it is moved."""
    stage = tmp_path / "generated"
    write_tree(stage, [Page("index.md", "首页"), Page("notices/old/index.md", "旧"), Page("notices/index.md", "列表")])
    (stage / "clerk.docx").write_bytes(b"PK")
    (stage / "notices/old/clerk.md").write_text("<script>alert(1)</script>", encoding="utf-8")
    (stage / "drafts").mkdir()
    (stage / "drafts/draft.md").write_text("草稿", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        write_tree(stage, [Page("index.md", "首页")])
    assert str(caught.value) == ("generated/clerk.docx, generated/drafts/draft.md, generated/notices/old/clerk.md: 不是 gongkai 生成的文件, "
                                 "会不经检查就发布到网站上 (手写页面请移到 docs/, 信息请放在 content/; generated/ 由 gongkai 生成, 不要手工放文件)")
    assert (stage / "clerk.docx").read_bytes() == b"PK"
    assert (stage / "notices/old/clerk.md").read_text(encoding="utf-8") == "<script>alert(1)</script>"
    assert (stage / "drafts/draft.md").read_text(encoding="utf-8") == "草稿"
    for name in ("clerk.docx", "notices/old/clerk.md", "drafts/draft.md"):
        (stage / name).unlink()
    summary = write_tree(stage, [Page("index.md", "首页")])  # moved away: the sweep removes only gongkai's own files
    assert summary.removed == 2
    assert not (stage / "notices/index.md").exists() and not (stage / "notices/old/index.md").exists()
    assert json.loads((stage / MARKER).read_text(encoding="utf-8"))["files"] == ["index.md"]


def test_a_clerks_file_at_a_generated_path_is_not_overwritten(tmp_path):
    stage = tmp_path / "generated"
    write_tree(stage, [Page("index.md", "首页")])
    (stage / "guide.md").write_text("科员写的指南", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        write_tree(stage, [Page("index.md", "首页"), Page("guide.md", "# 指南")])
    assert str(caught.value) == (f"{stage / 'guide.md'}: 这个文件不是 gongkai 生成的, 不会覆盖 "
                                 "(请把它移出 generated/, 这个文件夹由 gongkai 生成)")
    assert (stage / "guide.md").read_text(encoding="utf-8") == "科员写的指南"


def test_empty_folders_are_removed_only_when_gongkai_made_them(tmp_path):
    stage = tmp_path / "generated"
    write_tree(stage, [Page("index.md", "首页"), Page("notices/a/index.md", "甲")])
    (stage / "empty-by-clerk").mkdir()
    write_tree(stage, [Page("index.md", "首页")])
    assert not (stage / "notices").exists()
    assert (stage / "empty-by-clerk").is_dir()


def test_symlinks_in_the_stage_are_never_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.md").write_text("别处的文件", encoding="utf-8")
    (outside / "keep.md").write_text("别处的文件", encoding="utf-8")
    stage = tmp_path / "generated"
    write_tree(stage, [Page("index.md", "首页"), Page("notices/index.md", "列表"), Page("a.md", "甲")])
    (stage / "link").symlink_to(outside, target_is_directory=True)  # a link someone made
    (stage / "notices/index.md").unlink()
    (stage / "notices").rmdir()
    (stage / "notices").symlink_to(outside, target_is_directory=True)  # a folder gongkai wrote, now a link
    (stage / "a.md").unlink()
    (stage / "a.md").symlink_to(outside / "keep.md")  # a file gongkai wrote, now a link
    write_tree(stage, [Page("index.md", "首页")])
    assert sorted(p.name for p in outside.iterdir()) == ["index.md", "keep.md"]
    assert (outside / "index.md").read_text(encoding="utf-8") == "别处的文件"
    assert (stage / "link").is_symlink() and (stage / "notices").is_symlink() and (stage / "a.md").is_symlink()
    with pytest.raises(ConfigError) as caught:  # writing through the link would write outside the stage
        write_tree(stage, [Page("index.md", "首页"), Page("notices/index.md", "列表")])
    assert str(caught.value) == (f"{stage / 'notices'}: 是符号链接, gongkai 不会通过它写入文件 "
                                 "(请把它移出 generated/, 这个文件夹由 gongkai 生成)")
    assert (outside / "index.md").read_text(encoding="utf-8") == "别处的文件"


def test_a_changed_manifest_cannot_reach_outside_the_stage(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content/a.md").write_text("原稿", encoding="utf-8")
    stage = tmp_path / "generated"
    write_tree(stage, [Page("index.md", "首页")])
    (stage / ".git").mkdir()
    (stage / ".git/config").write_text("x")
    (stage / MARKER).write_text(json.dumps({"files": ["index.md", "../content/a.md", str(tmp_path / "content/a.md"),
                                                      ".git/config", "./index.md"]}), encoding="utf-8")
    write_tree(stage, [])
    assert (tmp_path / "content/a.md").read_text(encoding="utf-8") == "原稿"
    assert (stage / ".git/config").exists()
    assert not (stage / "index.md").exists()


def test_a_stage_from_before_the_manifest_keeps_its_files(tmp_path):
    stage = tmp_path / "generated"
    stage.mkdir()
    (stage / MARKER).write_text("This folder is generated by gongkai; edits here are lost.\n", encoding="utf-8")
    (stage / "index.md").write_text("旧首页", encoding="utf-8")
    (stage / "unknown.md").write_text("不知是谁的", encoding="utf-8")
    write_tree(stage, [Page("index.md", "首页")])
    assert (stage / "index.md").read_text(encoding="utf-8") == "首页"
    assert (stage / "unknown.md").exists()
    assert json.loads((stage / MARKER).read_text(encoding="utf-8"))["files"] == ["index.md"]


def test_an_unchanged_build_writes_nothing_into_the_stage(tmp_path):
    """`mkdocs serve` watches the stage: a rebuild that changes nothing must not touch it, not even the manifest."""
    stage = tmp_path / "generated"
    write_tree(stage, [Page("index.md", "首页")])
    os.utime(stage / MARKER, ns=(1_000_000_000, 1_000_000_000))
    summary = write_tree(stage, [Page("index.md", "首页")])
    assert (summary.written, summary.removed) == (0, 0)
    assert (stage / MARKER).stat().st_mtime_ns == 1_000_000_000


# --- one build at a time -----------------------------------------------------------------------------

def test_concurrent_builds_wait_for_each_other(tmp_path):
    root = copy_sample_project(tmp_path)
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", GONGKAI_TODAY=SAMPLE_TODAY)
    environment.pop("GONGKAI_CLI_BUILD", None)
    commands = [[sys.executable, "-m", "generator", "build", "--root", str(root), "--today", SAMPLE_TODAY]] * 2 + [
        [sys.executable, "-m", "mkdocs", "build", "--strict"]]
    held = locking.acquire(root)  # all three start while a build is running, and must wait for it
    try:
        processes = [subprocess.Popen(command, cwd=root, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True, encoding="utf-8") for command in commands]
        for process in processes:  # each says that it waits; then they race for the lock
            seen = [process.stderr.readline()]
            while seen[-1] and seen[-1] != locking.WAITING + "\n":
                seen.append(process.stderr.readline())
            assert seen[-1] == locking.WAITING + "\n", "".join(seen)
    finally:
        held.release()
    results = [(process.wait(timeout=300), *process.communicate()) for process in processes]
    for code, _, stderr in results:
        assert "Traceback" not in stderr
        assert code == 0 or stderr.strip().endswith("/ gave up waiting for another build"), stderr
    assert any(code == 0 for code, _, _ in results)
    site, stage = root / "site", root / "generated"
    outputs = json.loads((stage / MARKER).read_text(encoding="utf-8"))["files"]
    built = [Path(path).parent / "index.html" if path.endswith("index.md") else Path(path[:-3]) / "index.html"
             if path.endswith(".md") else Path(path) for path in outputs]
    assert len(built) > 30 and [path for path in built if not (site / path).is_file()] == []
    assert (site / "index.html").exists() and (site / "sitemap.xml").exists() and (site / SITE_MARKER).exists()
    assert (site / "search-index/meta.json").exists()
    assert not [p for p in site.rglob("*.tmp")] and not [p for p in (root / "generated").rglob(".*.tmp")]


def test_a_build_that_waits_too_long_fails_cleanly(project):
    root = configure(project(PROJECT))
    held = locking.acquire(root)
    try:
        result = run(root, "build", GONGKAI_LOCK_TIMEOUT="0.5")
    finally:
        held.release()
    assert result.returncode == 1
    assert result.stderr == (f"{locking.WAITING}\n另一个构建 0.5 秒后仍未结束, 本次构建已取消 "
                             "(请等它结束, 或确认没有别的 gongkai build、gongkai serve、mkdocs build 在运行后重试) "
                             "/ gave up waiting for another build\n")
    assert [p.name for p in (root / "generated").iterdir()] == [".gitkeep"]


def test_the_lock_says_once_that_it_waits(tmp_path, capsys):
    held = locking.acquire(tmp_path)
    with pytest.raises(ConfigError) as caught:
        locking.acquire(tmp_path, timeout=0.5, poll=0.05)
    assert str(caught.value).startswith("另一个构建 0.5 秒后仍未结束")
    assert capsys.readouterr().err == locking.WAITING + "\n"
    held.release()
    with locking.build_lock(tmp_path):  # free again
        pass


# --- hostile configuration ---------------------------------------------------------------------------

G = "docs_dir: generated\nextra:\n  gongkai:\n    town: 纸坊镇\n"
HOSTILE = [
    (G + "    index_number: {serial_digits: 0}\n",
     "mkdocs.yml: extra.gongkai.index_number.serial_digits: 应为 1 到 10 之间的整数, 实际是 0"),
    (G + "    index_number: {serial_digits: 100000000000}\n",
     "mkdocs.yml: extra.gongkai.index_number.serial_digits: 应为 1 到 10 之间的整数, 实际是 100000000000"),
    (G + "    validity: {default_years: 0}\n", "mkdocs.yml: extra.gongkai.validity.default_years: 应为 1 到 100 之间的整数, 实际是 0"),
    (G + "    validity: {max_years: 10000}\n", "mkdocs.yml: extra.gongkai.validity.max_years: 应为 1 到 100 之间的整数, 实际是 10000"),
    (G + "    validity: {default_provisional_years: 101}\n",
     "mkdocs.yml: extra.gongkai.validity.default_provisional_years: 应为 1 到 100 之间的整数, 实际是 101"),
    (G + "    validity: {evaluation_months: 99999999}\n",
     "mkdocs.yml: extra.gongkai.validity.evaluation_months: 应为 0 到 120 之间的整数, 实际是 99999999"),
    (G + "    validity: {interpretation_required_from: 10000}\n",
     "mkdocs.yml: extra.gongkai.validity.interpretation_required_from: 应为 1949 到 2100 之间的整数, 实际是 10000"),
    (G + "    validity: {default_years: 2.5}\n", "mkdocs.yml: extra.gongkai.validity.default_years: 应为 1 到 100 之间的整数, 实际是 2.5"),
    (G + "    validity: {default_years: 5}\n",
     "mkdocs.yml: extra.gongkai.validity.default_years: 默认有效期要有出处 (在 source 中写明规定的名称, 页面上会注明按它推算)"),
    (G + "    validity: {years: 5}\n",
     "mkdocs.yml: extra.gongkai.validity.years: 已改名为 default_years (有效期没有全国统一的默认值: 只有本省规定了默认有效期时才写 default_years, 并在 source 中写明规定的名称)"),
    (G + "    validity: {profile: beijing}\n", "mkdocs.yml: extra.gongkai.validity.profile: 不认识 'beijing' (可写 none, shandong)"),
    (G + "    validity: {term_required: 1}\n", "mkdocs.yml: extra.gongkai.validity.term_required: 应为 true 或 false, 实际是 1"),
    (G + "    validity: {profile: shandong, source: \"a\\u202eb\"}\n",
     "mkdocs.yml: extra.gongkai.validity.source: 含有控制字符 U+202E, 请删除 (值为 'a\\u202eb')"),
    (G + "    validity: [years, 5]\n", "mkdocs.yml: extra.gongkai.validity: 应为键值表 (下一行缩进写 键: 值), 实际是 列表"),
    (G + "    stale_months: -1\n", "mkdocs.yml: extra.gongkai.stale_months: 应为 1 到 120 之间的整数, 实际是 -1"),
    (G + "    stale_months: '6'\n", "mkdocs.yml: extra.gongkai.stale_months: 应为 1 到 120 之间的整数, 实际是 '6'"),
    (G + "    contact: 纸坊镇政府\n", "mkdocs.yml: extra.gongkai.contact: 应为键值表 (下一行缩进写 键: 值), 实际是 str"),
    (G + "    contact: {phone: [1, 2]}\n", "mkdocs.yml: extra.gongkai.contact.phone: 应为文字, 实际是 列表"),
    (G + "    report_deadlines: {gongkai: 2024-01-31}\n",
     "mkdocs.yml: extra.gongkai.report_deadlines.gongkai: 应为 月-日, 例如 \"01-31\", 实际是 2024-01-31"),
    (G + "    report_deadlines: {fazhi: 99999999999999999999-1}\n",
     "mkdocs.yml: extra.gongkai.report_deadlines.fazhi: 应为 月-日, 例如 \"01-31\", 实际是 '99999999999999999999-1'"),
    (G + "    application: {fax: [1]}\n", "mkdocs.yml: extra.gongkai.application.fax: 应为文字, 实际是 列表"),
    (G + "    footer: {provided_by_portal: [icp, beian]}\n",
     ("mkdocs.yml: extra.gongkai.footer.provided_by_portal: 不认识 'beian' (可写 true, 或列出 host, contact, site_id_code, icp, "
      "police_record, dzjg_url, jiucuo_url)")),
    (G + "    validity: {provisional_words: [暂行, '']}\n",
     "mkdocs.yml: extra.gongkai.validity.provisional_words: 应为文字列表, 例如 [暂行, 试行]"),
    (G.replace("纸坊镇", '"纸坊\\0镇"'), "mkdocs.yml: extra.gongkai.town: 含有控制字符 U+0000, 请删除 (值为 '纸坊\\x00镇')"),
    (G.replace("纸坊镇", '"纸坊\\u202e镇"'), "mkdocs.yml: extra.gongkai.town: 含有控制字符 U+202E, 请删除 (值为 '纸坊\\u202e镇')"),
    (G + "    issuer: " + "长" * 5000 + "\n", "mkdocs.yml: extra.gongkai.issuer: 太长 (5000 个字符, 最多 1000 个)"),
    (G + "    content_dir: .\n", "mkdocs.yml: extra.gongkai.content_dir: 不能是项目根目录或包含它 (例如 content)"),
    ("site_dir: \"si\\0te\"\n" + G, "mkdocs.yml: site_dir: 含有控制字符 U+0000, 请删除 (值为 'si\\x00te')"),
    ("site_name: [纸坊镇]\n" + G, "mkdocs.yml: site_name: 应为文字, 实际是 列表"),
    ("- site_name\n- extra\n", "mkdocs.yml: 应为键值表 (site_name: …, extra: …), 实际是 列表"),
    ("extra: [gongkai]\n", "mkdocs.yml: 缺少 extra.gongkai 配置段 (站点名称、发布机构等)"),
    ("site_name: 2024-02-30\n" + G, "mkdocs.yml: 无法读取: day is out of range for month"),
    ("nav: &a [{x: *a}]\n" + G, "mkdocs.yml:1: 不支持 YAML 的 & 锚点和 * 引用 (每个值请直接写出来)"),
    ("a: " + "[" * 3000 + "]" * 3000 + "\n" + G, "mkdocs.yml: 嵌套太深或引用了自身, 无法读取"),
]


@pytest.mark.parametrize("text, message", HOSTILE)
def test_hostile_configuration_is_a_message(tmp_path, capsys, text, message):
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    assert main(["build", "--root", str(tmp_path)]) == 1
    assert capsys.readouterr().err == message + "\n"


def test_hostile_configuration_has_no_traceback_on_the_command_line(tmp_path):
    (tmp_path / "mkdocs.yml").write_bytes(G.encode() + b"    validity: {evaluation_months: .inf}\n")
    result = run(tmp_path, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == "mkdocs.yml: extra.gongkai.validity.evaluation_months: 应为 0 到 120 之间的整数, 实际是 inf\n"


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
                    st.sampled_from(["", ".", "..", "content", "docs", ".git", "/", "overrides", "01-31", "13-45",
                                     "a\x00b", "x" * 1200, "\u202e", "a\nb", "generated", "site"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)),
                      max_leaves=6)
GONGKAI_KEYS = ["town", "issuer", "host", "contact", "site_id_code", "footer", "columns", "application", "standard_catalog", "index_number", "validity",
                "report_deadlines", "personal_data", "stale_months", "search", "content_dir", "pages_dir"]
TOP_KEYS = ["site_name", "docs_dir", "site_dir", "site_url", "nav", "theme", "extra"]


@st.composite
def configurations(draw):
    gongkai = {"town": "纸坊镇"}
    for key in draw(st.lists(st.sampled_from(GONGKAI_KEYS), max_size=4)):
        gongkai[key] = draw(VALUES)
    raw = {"docs_dir": "generated", "extra": {"gongkai": gongkai}}
    for key in draw(st.lists(st.sampled_from(TOP_KEYS), max_size=2)):
        raw[key] = draw(VALUES)
    return raw


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(configurations(), VALUES))
def test_any_configuration_loads_or_is_a_config_error(tmp_path_factory, raw):
    root = tmp_path_factory.mktemp("c")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    try:
        load_config(root)
    except ConfigError as error:
        assert str(error).startswith("mkdocs.yml:")
