"""`gongkai check --fix-encoding`: record files saved as GBK/GB18030 (Notepad, WPS) rewritten as UTF-8,
the original kept beside each as FILE.gbk.bak; never through a link, never over an earlier backup."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..config import SiteConfig
from .content_files import UnsafeFile, regular_file_bytes, relative_path, replace_atomically, unsafe_reason, write_backup
from ..errors import Problem, SourceRef
from ..content.readers import gbk_text


def _markdown_files(content_dir: Path) -> list[Path]:
    """Every .md file below content/, without entering folders that are symbolic links."""
    found = []
    for folder, dirnames, filenames in os.walk(content_dir):  # followlinks=False
        dirnames.sort()
        found += [Path(folder) / name for name in sorted(filenames) if name.endswith(".md") and not name.startswith(".")]
    return found


def _gbk_text(data: bytes) -> str | None:
    """The text of a GBK/GB18030 file; None for UTF-8 (nothing to do) or an encoding that is neither."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    return gbk_text(data)  # None for neither: `check` reports it


def convert_encodings(config: SiteConfig) -> tuple[list[str], list[Problem]]:
    """Rewrite GBK/GB18030 record files as UTF-8, keeping the original beside it as FILE.gbk.bak;
    what was converted, and a Problem for every file that needed it but could not safely be replaced."""
    fixed, problems = [], []
    for path in _markdown_files(config.content_dir):
        shown = relative_path(path, config)

        def refuse(what: str, shown: str = shown) -> None:
            problems.append(Problem(SourceRef(shown, 1), "", f"{what}, 没有转换编码, 文件未改动",
                                    "请在记事本中打开它, “另存为”时编码选 UTF-8"))

        reason = unsafe_reason(config, path)
        try:
            data = regular_file_bytes(path)
        except UnsafeFile as why:
            if path.is_symlink():  # a link: say so only if the file it points to needs converting
                try:
                    if _gbk_text(path.read_bytes()) is not None:
                        refuse(f"文件{why}, 为安全起见不写入")
                except OSError:
                    pass
            continue
        except OSError as error:
            refuse(f"文件无法读取 ({error.strerror})")
            continue
        text = _gbk_text(data)
        if text is None:
            continue
        if reason:
            refuse(f"文件{reason}, 为安全起见不写入")
            continue
        backup = write_backup(path, data)
        if isinstance(backup, str):
            refuse(backup)
            continue
        try:
            replace_atomically(path, text.encode("utf-8"), data)
        except (UnsafeFile, OSError) as error:
            backup.unlink(missing_ok=True)
            refuse(f"文件{error}" if isinstance(error, UnsafeFile) else f"文件无法写入 ({error.strerror})")
            continue
        fixed.append(f"{shown} (原文件保存为 {backup.name})")
    return fixed, problems


def fix_encodings(config: SiteConfig) -> list[str]:
    """convert_encodings for the command line: the files converted; each file that was refused is
    reported on stderr (and the check that follows reports its encoding again)."""
    fixed, problems = convert_encodings(config)
    for problem in problems:
        print(problem, file=sys.stderr)
    return fixed
