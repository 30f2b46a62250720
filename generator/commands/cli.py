"""gongkai: the command line. Thin: parses arguments, runs the pipeline, turns problems into exit codes."""
from __future__ import annotations

import argparse
import re
import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..config import load_config
from ..errors import ConfigError, ContentError
from .authoring import UsageError, assign_numbers, fix_encodings, import_document, new_record
from ..checks.warnings import warnings
from .locking import build_lock
from ..checks.personal_data import redact
from ..incremental import CLEAN, DIRTY, UNCHANGED, clear_stamp, plan_build, write_stamp
from ..pipeline import build_stage, plan, publish_search_index, stage_search_index
from ..search.index import discard_index
from ..content.site import Site
from ..writer import claim_site_dir

TODAY_VARIABLE = "GONGKAI_TODAY"  # carries --today into the MkDocs hook
CLI_BUILD_VARIABLE = "GONGKAI_CLI_BUILD"  # tells the hook that `gongkai build` generates and indexes itself

DESCRIPTION = """\
gongkai — 乡镇政务公开网站生成工具 / builds a township's 政务公开 section from content/.

命令 / commands:
  check   检查 content/ 中的全部文件 / validate every file in content/
  build   生成并构建网站到 site/ / generate and build the site into site/
  serve   本地预览, 修改后自动刷新 / live preview that reloads on every change
  new     按模板新建一条信息 / create a record file from a template
  number  给没有索引号的文件编号 / give every record without 索引号 the next free number
  import  把 Word (.docx) 或文本文件导入为新的内容文件 / turn a .docx or text file into a new record
"""


def _date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' 不是日期 (应为 2024-03-15) / not a date") from None
    if not 1970 <= day.year <= 2100:  # MkDocs dates its sitemap archive in a field that ends in 2106
        raise argparse.ArgumentTypeError(f"'{text}' 超出范围 (应在 1970 至 2100 年之间) / out of range")
    return day


def say(text: object, error: bool = False) -> None:
    """Every line gongkai prints: a message may echo what staff typed, and never shows a full number."""
    print(redact(str(text)), file=sys.stderr if error else sys.stdout)


class _Parser(argparse.ArgumentParser):
    """argparse echoes what was typed (`invalid choice: '138…'`): its messages are masked like every other."""

    def _print_message(self, message, file=None):
        super()._print_message(redact(message) if message else message, file)

    def error(self, message):
        for english, chinese in _ARGPARSE_MESSAGES:
            if re.match(english, message):
                message = f"{re.sub(english, chinese, message)} / {message}"
                break
        super().error(message)


# argparse's own messages, said in Chinese first (the English stays for county IT's searches)
_ARGPARSE_MESSAGES = (
    (r"the following arguments are required: (.*)", r"缺少参数 \1 (例如 gongkai new 通知 关于春耕的通知)"),
    (r"argument (\S+): expected one argument", r"\1 后面要写一个值 (以 - 开头的值请写成 \1=值)"),
    (r"unrecognized arguments: (.*)", r"不认识的参数 \1 (gongkai --help 列出全部用法)"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"\1 不能是 \2 (可选: \3)"),
)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gongkai", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="{check,build,serve,new,number,import}")
    common = _Parser(add_help=False)
    common.add_argument("--root", type=Path, default=Path("."), help="项目目录 (含 mkdocs.yml) / project folder with mkdocs.yml")
    common.add_argument("--today", type=_date, default=None, help="构建日期, 默认今天 / build date, default today (YYYY-MM-DD)")
    check = commands.add_parser("check", parents=[common], help="检查内容 / validate content",
                                description="检查 content/ 中的全部文件; 有问题时退出码为 1 / validate content; exit 1 on problems")
    check.add_argument("--fix-encoding", action="store_true",
                       help="把 GBK/GB18030 编码的文件改存为 UTF-8, 原文件备份为 .gbk.bak / rewrite GBK files as UTF-8, keeping a backup")
    build = commands.add_parser("build", parents=[common], help="生成并构建网站 / generate and build site/",
                                description="生成 Markdown 并用 MkDocs 严格模式构建 site/; 只重建有变化的页面, 结果与完整构建相同 / "
                                            "generate Markdown and run mkdocs build --strict, rebuilding only what changed")
    build.add_argument("--clean", action="store_true", help="完整重建全部页面 / rebuild every page")
    serve = commands.add_parser("serve", parents=[common], help="本地预览 / live preview",
                                description="本地预览, content/ 或 docs/ 修改后自动重建 / live preview with reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="地址:端口 / address:port (default 127.0.0.1:8000)")
    new = commands.add_parser("new", parents=[common], help="新建一条信息 / create a record",
                              description="在 content/ 中按模板新建文件, 填好今天的日期和下一个索引号; 不覆盖已有文件 / "
                                          "create a record file with today's date and the next free 索引号; never overwrites")
    new.add_argument("type", help="栏目名称、文件夹名或别名, 例如 通知 公示 规范性文件 解读 财政预决算 行政处罚 年报 法治报告 / "
                                  "a column's name, folder or alias (mkdocs.yml extra.gongkai.columns)")
    new.add_argument("title", help="标题 / title")
    new.add_argument("--name", default="", help="文件名 (不含 .md), 默认用索引号序号 / file name without .md")
    commands.add_parser("number", parents=[common], help="补编索引号 / assign missing 索引号",
                        description="给没有索引号的文件按发布日期编号, 只写入 索引号 这一行, 不改已有编号 / "
                                    "adds 索引号 to records without one, writing only that line; never renumbers")
    imports = commands.add_parser("import", parents=[common], help="导入 Word 或文本文件 / import a .docx or text file",
                                  description="识别标题、发布机构、文号和日期, 把 一、（一）1.（1） 变为各级标题, 写成新的内容文件; "
                                              "不覆盖已有文件 / recognises title, issuer, 文号 and date; outline numbering becomes headings")
    imports.add_argument("file", type=Path, help="要导入的 .docx 或 .txt 文件 (UTF-8 或 GBK) / the file to import")
    imports.add_argument("--name", default="", help="新文件名 (不含 .md) / new file name without .md")
    return parser


def _summary(site: Site) -> str:
    return ", ".join(f"{c.name} {len(site.in_column(c.folder))} {c.unit}" for c in site.config.columns if site.in_column(c.folder))


def _mkdocs(root: Path, today: dt.date, *arguments: str, cli_build: bool = False) -> int:
    # NO_MKDOCS_2_WARNING: MkDocs 1.6 prints a banner about 2.0 on every run; gongkai pins mkdocs<2.
    environment = dict(os.environ, **{TODAY_VARIABLE: today.isoformat(), "NO_MKDOCS_2_WARNING": "1"})
    if cli_build:
        environment[CLI_BUILD_VARIABLE] = "1"
    # -I: the project folder is not on Python's path, so a folder named mkdocs/ (or markdown/, nh3.py …)
    # that someone put there is never imported in place of the real package
    child = subprocess.Popen([sys.executable, "-I", "-m", "mkdocs", *arguments], cwd=root, env=environment)
    stopping = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _stop) if stopping else None
    try:
        return child.wait()
    finally:
        if stopping:
            signal.signal(signal.SIGTERM, previous)
        if child.poll() is None:  # we were stopped: MkDocs stops too, or `serve` would keep the port busy
            child.terminate()
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def _stop(signum, frame) -> None:
    """SIGTERM (an editor's stop button, a county script): end as Ctrl+C does, MkDocs with us."""
    raise KeyboardInterrupt


def build_site(config, site: Site, today: dt.date, clean: bool, timings: dict[str, float] | None = None) -> int:
    """MkDocs builds the pages while the search index is made beside it (two cores, two jobs).
    timings: filled with the seconds MkDocs and the index took (for the benchmark)."""
    timings = {} if timings is None else timings
    build = plan_build(config, today, clean)
    clear_stamp(config)  # a build that does not finish leaves no stamp: the next one is clean
    if build.mode == UNCHANGED:
        write_stamp(config, build.stamp)
        say(f"网站没有变化, 无需重建 / site/ is up to date ({build.reason})")
        return 0
    say(f"构建 / building: {'完整构建' if build.mode == CLEAN else '只重建有变化的页面'} ({build.reason})")
    with ThreadPoolExecutor(max_workers=1) as pool:
        staged = pool.submit(_timed, timings, "indexing", stage_search_index, config, site) if config.search == "gongkai" else None
        failed = _timed(timings, "mkdocs", _mkdocs, config.root, today, "build", "--strict", *(["--dirty"] if build.mode == DIRTY else []),
                        cli_build=True)
        index = staged.result() if staged else None
    if failed:
        if index:
            discard_index(index)
        return 1
    if index:
        publish_search_index(config, index)
    write_stamp(config, build.stamp)
    return 0


def _timed(timings: dict[str, float], name: str, function, *arguments, **keywords):
    start = time.perf_counter()
    try:
        return function(*arguments, **keywords)
    finally:
        timings[name] = time.perf_counter() - start


def _print_warnings(site: Site) -> None:
    found = warnings(site)
    for problem in found:
        say(problem, error=True)
    if found:
        say(f"另有 {len(found)} 个警告, 不影响发布 / {len(found)} warning(s)", error=True)


def _authoring(arguments: argparse.Namespace, config, today: dt.date) -> int:
    if arguments.command == "new":
        path = new_record(config, arguments.type, arguments.title, today, arguments.name)
        say(f"已新建 / created: {path.relative_to(config.root).as_posix()}")
        return 0
    if arguments.command == "import":
        if not arguments.file.is_file():
            raise ConfigError(f"{arguments.file}: 找不到要导入的文件")
        path, notes = import_document(config, arguments.file, today, arguments.name)
        say(f"已导入 / imported: {path.relative_to(config.root).as_posix()}")
        for note in notes:
            say(f"  未识别或需核对 / check: {note}")
        return 0
    numbered, problems = assign_numbers(config)
    for item in numbered:
        say(f"{item.path}: 索引号 {item.number}")
    for problem in problems:
        say(problem, error=True)
    say(f"编号 {len(numbered)} 个文件 / numbered {len(numbered)} file(s)")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    today = arguments.today or dt.date.today()
    try:
        config = load_config(arguments.root)
        if arguments.command in ("new", "number", "import"):
            return _authoring(arguments, config, today)
        if arguments.command == "check":
            for fixed in fix_encodings(config) if arguments.fix_encoding else []:
                say(f"已改为 UTF-8 / converted: {fixed}")
            site, _ = plan(config, today)
            _print_warnings(site)
            say("检查通过 / no problems: " + _summary(site))
            return 0
        # One build at a time: `gongkai build` holds the lock until the index is written, `serve` while it generates.
        with build_lock(config.root):
            if arguments.command == "build":
                claim_site_dir(config.site_dir)  # before MkDocs empties it
            site, written = build_stage(config, today)
            _print_warnings(site)
            say(f"已生成 {config.stage_dir.name}/: {_summary(site)} (更新 {written.written} 个文件, 删除 {written.removed} 个)")
            if arguments.command == "build":
                return build_site(config, site, today, arguments.clean)
        # --dirty: a save rebuilds the pages whose Markdown changed (preview.py), not all of them
        return _mkdocs(config.root, today, "serve", "--dirty", "--dev-addr", arguments.dev_addr)
    except ContentError as error:
        for problem in error.problems:
            say(problem, error=True)
        say(f"共 {len(error.problems)} 个问题, 请修改后重新运行 / {len(error.problems)} problem(s) found", error=True)
        return 1
    except UsageError as error:
        say(error, error=True)
        return 2
    except ConfigError as error:
        say(error, error=True)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as error:  # a full disk, a permission, a file that vanished while we read it
        say(f"{error.filename or ''}: 无法读写文件 ({error.strerror or type(error).__name__}) / cannot read or write a file", error=True)
        return 1
    except Exception as error:  # a bug in gongkai: say so plainly; GONGKAI_DEBUG=1 shows the details
        if os.environ.get("GONGKAI_DEBUG") == "1":
            raise
        say(f"gongkai 内部错误 ({type(error).__name__}), 内容没有被改动; 请把这条信息和所用的文件告诉技术人员 "
            "(设置 GONGKAI_DEBUG=1 可看到详细信息) / internal error", error=True)
        return 1


if __name__ == "__main__":
    sys.exit(main())
