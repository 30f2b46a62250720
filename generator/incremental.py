"""Incremental builds: when `gongkai build` may let MkDocs rebuild only the pages whose Markdown changed.

A page's HTML is made from its own Markdown and from what every page shares: mkdocs.yml (the nav among
it), the theme and its overrides, the hooks, gongkai's own code, the versions of MkDocs, Material and
Markdown, and the build date. A complete `gongkai build` leaves `.gongkai-build` in the stage (not in
site_dir: it records file times, and the published site must be the same from every checkout) with a
digest of those shared inputs, the stage it built from and the site it left: every file's path, size
and time.

The next build compares:
- shared inputs changed, no stamp (the last build failed, or MkDocs built without gongkai), a file of
  the stage gone, a file in site_dir added, changed or removed since (by hand: a clean build puts back
  what it built and removes what it did not), or `--clean`: a clean build, as always;
- the stage exactly as it was: nothing to build;
- otherwise `mkdocs build --dirty`, which rebuilds a page when its Markdown is newer than its HTML.
  gongkai rewrites only files whose content changed, so those are the pages that changed.

A removed file means a clean build: a page may link to the removed one, and only a clean build checks
every link again (`--strict`).
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import generator

from .config import SiteConfig
from .writer import MARKER

BUILD_STAMP = ".gongkai-build"  # in stage_dir; MkDocs builds no dotfiles
FORMAT = 1
# Whose code renders every page: a new version of any of them means a clean build.
BUILDERS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pygments", "pyyaml")

CLEAN, DIRTY, UNCHANGED = "clean", "dirty", "unchanged"


@dataclass(frozen=True)
class BuildStamp:
    inputs: str  # digest of what every page shares
    stage: str  # digest of the stage's files: path, size, time
    files: tuple[str, ...]  # the stage's files, to see what a later stage lost
    site: str = ""  # digest of site_dir's files as the build left them: path, size, time


@dataclass(frozen=True)
class BuildPlan:
    mode: str  # CLEAN, DIRTY or UNCHANGED
    reason: str  # why, said to the user
    stamp: BuildStamp  # what the site will be once built


def _tree(digest, folder: Path) -> None:
    """Every file below `folder`, by path and content, in a fixed order; caches left out."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")


def shared_inputs(config: SiteConfig, today) -> str:
    digest = hashlib.sha256(f"gongkai-build {FORMAT}\0{today.isoformat()}\0{sys.version}\0".encode("utf-8"))
    for name in BUILDERS:
        try:
            digest.update(f"{name} {metadata.version(name)}\0".encode("utf-8"))
        except metadata.PackageNotFoundError:
            digest.update(f"{name} -\0".encode("utf-8"))
    digest.update(config.text.encode("utf-8") + b"\0")
    _tree(digest, Path(generator.__file__).parent)
    if config.theme_dir is not None and config.theme_dir.is_dir():
        _tree(digest, config.theme_dir)
    for hook in config.hooks:
        digest.update(hook.read_bytes() if hook.is_file() else b"-")
    return digest.hexdigest()


def stage_files(stage_dir: Path) -> tuple[str, ...]:
    """The files MkDocs builds from: the stage's, without dotfiles (MkDocs leaves them out too)."""
    found = []
    for folder, dirnames, filenames in os.walk(stage_dir):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found += [(Path(folder) / name).relative_to(stage_dir).as_posix() for name in filenames if not name.startswith(".")]
    return tuple(sorted(found))


def _stage_digest(stage_dir: Path, files: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for path in (MARKER, *files):
        status = (stage_dir / path).stat()
        digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\0".encode("utf-8"))
    return digest.hexdigest()


def _site_digest(site_dir: Path) -> str:
    digest = hashlib.sha256()
    for folder, dirnames, filenames in os.walk(site_dir):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(folder) / name
            status = path.lstat()
            digest.update(f"{path.relative_to(site_dir).as_posix()}\0{status.st_size}\0{status.st_mtime_ns}\0".encode("utf-8"))
    return digest.hexdigest()


def read_stamp(config: SiteConfig) -> BuildStamp | None:
    try:
        data = json.loads((config.stage_dir / BUILD_STAMP).read_text(encoding="utf-8"))
        stamp = BuildStamp(data["inputs"], data["stage"], tuple(data["files"]), data["site"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return stamp if data.get("format") == FORMAT else None


def write_stamp(config: SiteConfig, stamp: BuildStamp) -> None:
    """Once the build is complete: the site's own files are recorded as they are now."""
    data = {"format": FORMAT, "note": "gongkai: what this site was built from; a build without it is clean",
            "inputs": stamp.inputs, "stage": stamp.stage, "files": list(stamp.files), "site": _site_digest(config.site_dir)}
    (config.stage_dir / BUILD_STAMP).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def clear_stamp(config: SiteConfig) -> None:
    """Before a build changes site_dir: a build that does not finish leaves no stamp, so the next is clean."""
    try:
        (config.stage_dir / BUILD_STAMP).unlink()
    except FileNotFoundError:
        pass


def plan_build(config: SiteConfig, today, clean: bool) -> BuildPlan:
    """How to build site_dir from the stage as it is now (call after the stage is written)."""
    files = stage_files(config.stage_dir)
    stamp = BuildStamp(shared_inputs(config, today), _stage_digest(config.stage_dir, files), files)
    previous = read_stamp(config)
    if clean:
        return BuildPlan(CLEAN, "--clean", stamp)
    if previous is None:
        return BuildPlan(CLEAN, "上次构建的记录不存在", stamp)
    if previous.inputs != stamp.inputs:
        return BuildPlan(CLEAN, "mkdocs.yml、主题、gongkai 或构建日期有变化", stamp)
    if not set(previous.files) <= set(files):
        return BuildPlan(CLEAN, "有页面或附件被删除", stamp)
    if previous.site != _site_digest(config.site_dir):
        return BuildPlan(CLEAN, f"{config.site_dir.name}/ 中的文件被改动过", stamp)
    if previous.stage == stamp.stage:
        return BuildPlan(UNCHANGED, "内容没有变化", stamp)
    return BuildPlan(DIRTY, "只重建有变化的页面", stamp)
