"""The commands that write into content/ (new, import, number, check --fix-encoding) never write outside
it, never through a symbolic link, never clobber, never leave half a file, never corrupt a valid file,
and answer every bad input with a message instead of a traceback."""
import datetime as dt
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import make_project

from generator.commands import content_files, numbering
from generator.commands.authoring import UsageError, assign_numbers, new_record
from generator.commands.cli import main
from generator.config import load_config
from generator.content.readers import read_document

PREFIX_CONFIG = "    index_number:\n      prefix: 11370829MB0000000A\n"
NUMBER = "11370829MB0000000A/2024-{:05d}"
NOTICE = "---\n标题: 通知\n类别: 通知\n发布日期: {date}\n发布机构: 镇\n---\n正文\n"
NAME_HINT = "例如 --name 2024-chungeng; 不写 --name 则用索引号的序号作文件名"
USAGE_EXIT = (1, 2)  # UsageError is a ConfigError (exit 1) until cli.py maps it to 2


def site(tmp_path: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """A project in tmp_path/site with a 前段码; tmp_path/outside is a folder beside it, outside content/."""
    root = make_project(tmp_path / "site", files or {}, issuer="纸坊镇人民政府")
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + PREFIX_CONFIG, encoding="utf-8")
    (tmp_path / "outside").mkdir()
    return root


def snapshot(folder: Path) -> dict[str, object]:
    """Every file, folder and link below folder, with its bytes or target: to prove nothing changed."""
    found: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        found[key] = ("link", os.readlink(path)) if path.is_symlink() else ("dir",) if path.is_dir() else path.read_bytes()
    return found


def run(capsys, root: Path, *arguments: str) -> tuple[int, str, str]:
    code = main([*arguments, "--root", str(root)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def gongkai(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "generator", *arguments, "--root", str(root)],
                            capture_output=True, text=True, encoding="utf-8", check=False)
    assert "Traceback" not in result.stderr, result.stderr
    return result


# --- 1. --name is one plain file name in its section's folder ---------------------------------------------

BAD_NAMES = [
    ("../../x", "--name '../../x': 文件名不能含有 / 或 \\, 新文件总是放在 content/ 中相应栏目的文件夹里 (只写文件名本身, " + NAME_HINT + ")"),
    ("/tmp/abs", "--name '/tmp/abs': 文件名不能含有 / 或 \\"),
    ("sub/name", "--name 'sub/name': 文件名不能含有 / 或 \\"),
    ("a\\b", "--name 'a\\b': 文件名不能含有 / 或 \\"),
    ("..", "--name '..': 文件名不能以 . 开头"),
    (".hidden", "--name '.hidden': 文件名不能以 . 开头, 这样的文件会被隐藏, 不会发布 (" + NAME_HINT + ")"),
    ("a..b", "--name 'a..b': 文件名不能含有 .."),
    ("   ", "--name '   ': 文件名不能为空 (" + NAME_HINT + ")"),
    ("春耕 通知", "--name '春耕 通知': 文件名含有不能用的字符 空格 (请只用字母、数字、汉字和 -, " + NAME_HINT + ")"),
    ("a#b?c%d", "--name 'a#b?c%d': 文件名含有不能用的字符 '#' '%' '?'"),
    ("x\x1by", "--name 'x<U+001B>y': 文件名含有看不见的控制字符 U+001B (请重新输入文件名, 不要从网页或 Word 复制)"),
    ("x\u202ey", "--name 'x<U+202E>y': 文件名含有看不见的控制字符 U+202E"),
    ("x" * 101, "--name '" + "x" * 40 + "…': 文件名太长 (101 个字符) (最多 100 个字母或数字, 或 80 个汉字)"),
    ("汉" * 81, "--name '" + "汉" * 40 + "…': 文件名太长 (81 个字符)"),
    ("README", "--name 'README': README 是说明文件的名字, 不会作为信息发布 (请换一个文件名)"),
]


@pytest.mark.parametrize("name, message", BAD_NAMES, ids=[repr(n)[:20] for n, _ in BAD_NAMES])
def test_new_refuses_a_name_that_is_not_a_plain_file_name(tmp_path, capsys, name, message):
    root = site(tmp_path, {"content/notices/a.md": NOTICE.format(date="2024-03-01")})
    before = snapshot(tmp_path)
    code, out, err = run(capsys, root, "new", "通知", "关于春耕的通知", "--name", name, "--today", "2024-05-06")
    assert code in USAGE_EXIT and out == ""
    assert err.startswith(message), err
    assert snapshot(tmp_path) == before


def test_a_bad_name_is_a_usage_error(tmp_path):
    config = load_config(site(tmp_path))
    with pytest.raises(UsageError):
        new_record(config, "通知", "标题", dt.date(2024, 5, 6), "../../x")
    assert not (tmp_path / "x.md").exists() and not (tmp_path.parent / "x.md").exists()


def test_import_refuses_a_bad_name_before_reading_anything(tmp_path, capsys):
    root = site(tmp_path)
    source = tmp_path / "outside" / "通知.txt"
    source.write_text("关于春耕的通知\n正文。\n", encoding="utf-8")
    before = snapshot(tmp_path)
    code, _, err = run(capsys, root, "import", str(source), "--name", "../../../evil")
    assert code in USAGE_EXIT
    assert err.startswith("--name '../../../evil': 文件名不能含有 / 或 \\")
    assert snapshot(tmp_path) == before


def test_a_name_with_md_suffix_is_taken_without_it(tmp_path, capsys):
    root = site(tmp_path)
    code, out, _ = run(capsys, root, "new", "通知", "标题", "--name", "春耕.md", "--today", "2024-05-06")
    assert code == 0 and out == "已新建 / created: content/notices/春耕.md\n"


def test_new_refuses_a_section_folder_that_is_a_link(tmp_path, capsys):
    root = site(tmp_path)
    (root / "content").mkdir()
    (root / "content" / "notices").symlink_to(tmp_path / "outside", target_is_directory=True)
    before = snapshot(tmp_path)
    code, _, err = run(capsys, root, "new", "通知", "标题", "--today", "2024-05-06")
    assert code == 1
    assert err == "content/notices: 是符号链接 (快捷方式), 为安全起见不在其中新建文件 (请把它换成普通文件夹)\n"
    assert snapshot(tmp_path) == before and list((tmp_path / "outside").iterdir()) == []


def test_new_does_not_follow_a_dangling_link_at_the_target(tmp_path, capsys):
    root = site(tmp_path)
    (root / "content" / "notices").mkdir(parents=True)
    (root / "content" / "notices" / "mine.md").symlink_to(tmp_path / "outside" / "created.md")
    before = snapshot(tmp_path)
    code, _, err = run(capsys, root, "new", "通知", "标题", "--name", "mine", "--today", "2024-05-06")
    assert code == 1
    assert err == "content/notices/mine.md: 已有同名的符号链接 (快捷方式), 没有覆盖 (请用 --name 换个文件名)\n"
    assert snapshot(tmp_path) == before and not (tmp_path / "outside" / "created.md").exists()


def test_the_new_file_is_created_exclusively_even_past_the_checks(tmp_path):
    """Whatever slips past the checks (a link made in between), the final open neither follows nor clobbers."""
    root = site(tmp_path)
    folder = root / "content" / "notices"
    folder.mkdir(parents=True)
    (folder / "x.md").symlink_to(tmp_path / "outside" / "target.md")
    with pytest.raises(FileExistsError):
        content_files.create_exclusive(folder / "x.md", b"data")
    assert not (tmp_path / "outside" / "target.md").exists()


# --- 2. any title becomes valid front matter that reads back as given -----------------------------------

TITLES = [
    '关于"春耕": 备耕工作的通知', "- 以短横开头", "[方括号", "{花括号", "&锚点", "*星号", "!叹号", "|竖线", ">大于",
    "%百分号", "@at", "`反引号", "'单引号'", "#井号开头", "中间 #井号", "结尾冒号:", "? 问号", "反斜杠\\n\\t\\",
    "null", "~", "yes", "2024", "0x1F", "关于" + "很长的" * 400 + "通知", "𠀀𠀁 生僻字与 😀", "含 --- 的标题", "a: b: c",
]


@pytest.mark.parametrize("title", TITLES)
def test_any_title_reads_back_exactly(tmp_path, capsys, title):
    root = site(tmp_path)
    code, _, err = run(capsys, root, "new", "通知", title, "--name", "t", "--today", "2024-05-06")
    assert code == 0, err
    path = root / "content" / "notices" / "t.md"
    document, problems = read_document(path, root, "notices", "t")
    assert problems == [] and document is not None
    fields = dict(document.fields)
    assert fields["标题"].data == title and fields["索引号"].data == NUMBER.format(1)
    assert fields["发布机构"].data == "纸坊镇人民政府" and document.body.strip() == "在这里写正文。"


def test_a_plain_title_stays_plain(tmp_path, capsys):
    root = site(tmp_path)
    run(capsys, root, "new", "通知", "关于 春耕\n备耕的通知", "--name", "t", "--today", "2024-05-06")
    assert (root / "content/notices/t.md").read_text(encoding="utf-8").startswith("---\n标题: 关于 春耕 备耕的通知\n")


@pytest.mark.parametrize("title, code_point", [("关于\x1b[31m的通知", "U+001B"), ("通知\u202e知通", "U+202E"),
                                               ("零宽\u200b空格", "U+200B"), ("a\x00b", "U+0000")])
def test_a_title_with_control_characters_is_refused(tmp_path, capsys, title, code_point):
    root = site(tmp_path)
    before = snapshot(tmp_path)
    code, _, err = run(capsys, root, "new", "通知", title, "--today", "2024-05-06")
    assert code in USAGE_EXIT
    assert err.startswith("标题 '") and f"' 含有看不见的控制字符 {code_point} (请重新输入标题, 不要从网页或 Word 直接复制)" in err
    assert snapshot(tmp_path) == before


def test_an_empty_title_is_refused(tmp_path, capsys):
    root = site(tmp_path)
    before = snapshot(tmp_path)
    code, _, err = run(capsys, root, "new", "通知", " \t ", "--today", "2024-05-06")
    assert code in USAGE_EXIT and err.startswith("标题不能为空")
    assert snapshot(tmp_path) == before


def test_an_issuer_with_colons_is_written_safely(tmp_path, capsys):
    root = make_project(tmp_path, {}, issuer="'纸坊镇: 人民政府 #1'")
    run(capsys, root, "new", "规范性文件", "管理办法", "--name", "p", "--today", "2024-05-06")
    document, problems = read_document(root / "content/policies/p.md", root, "policies", "p")
    assert problems == [] and dict(document.fields)["发文机关"].data == "纸坊镇: 人民政府 #1"


# --- 3. number and --fix-encoding never write through a link or outside content/ -----------------------

def test_number_refuses_a_file_that_is_a_link(tmp_path, capsys):
    real = NOTICE.format(date="2024-03-01")
    root = site(tmp_path, {"content/notices/real.md": real})
    (root / "content/notices/link.md").symlink_to("real.md")
    code, out, err = run(capsys, root, "number")
    assert code == 1
    assert err.splitlines() == [
        "content/notices/link.md:1: 字段 '索引号': 文件是符号链接 (快捷方式), 为安全起见不写入索引号, 文件未改动 "
        f"(请手工添加一行 索引号: {NUMBER.format(1)})"]
    assert (root / "content/notices/link.md").is_symlink()
    assert out.splitlines()[0] == f"content/notices/real.md: 索引号 {NUMBER.format(2)}"


def test_number_never_writes_to_a_file_outside_content(tmp_path, capsys):
    root = site(tmp_path, {"content/notices/a.md": NOTICE.format(date="2024-03-01")})
    outside = tmp_path / "outside" / "b.md"
    outside.write_text(NOTICE.format(date="2024-03-02"), encoding="utf-8")
    (root / "content/notices/b.md").symlink_to(outside)
    before = outside.read_bytes()
    code, _, _ = run(capsys, root, "number")
    assert outside.read_bytes() == before and (root / "content/notices/b.md").is_symlink()
    assert code in (0, 1)


def test_number_refuses_files_in_a_linked_folder(tmp_path, capsys):
    root = site(tmp_path)
    (tmp_path / "outside" / "a.md").write_text(NOTICE.format(date="2024-03-01"), encoding="utf-8")
    (root / "content").mkdir()
    (root / "content/notices").symlink_to(tmp_path / "outside", target_is_directory=True)
    before = snapshot(tmp_path)
    _, out, _ = run(capsys, root, "number")  # whether or not the reader skips the linked folder
    assert "编号 0 个文件 / numbered 0 file(s)" in out
    assert snapshot(tmp_path) == before
    # and should a reader hand over a file in it, the writer itself refuses
    document, _ = read_document(root / "content/notices/a.md", root, "notices", "a")
    problem = numbering._write_index_number(load_config(root), document, NUMBER.format(1))
    assert str(problem) == ("content/notices/a.md:1: 字段 '索引号': 文件所在的文件夹 content/notices 是符号链接 (快捷方式), "
                            f"为安全起见不写入索引号, 文件未改动 (请手工添加一行 索引号: {NUMBER.format(1)})")
    assert snapshot(tmp_path) == before


def test_fix_encoding_never_writes_through_a_link(tmp_path, capsys):
    gbk = NOTICE.format(date="2024-03-01").encode("gb18030")
    root = site(tmp_path, {"content/notices/mine.md": gbk})
    outside = tmp_path / "outside" / "gbk.md"
    outside.write_bytes(gbk)
    (root / "content/notices/link.md").symlink_to(outside)
    code, out, err = run(capsys, root, "check", "--fix-encoding", "--today", "2024-05-06")
    assert out.splitlines()[0] == "已改为 UTF-8 / converted: content/notices/mine.md (原文件保存为 mine.md.gbk.bak)"
    assert err.splitlines()[0] == ("content/notices/link.md:1: 文件是符号链接 (快捷方式), 为安全起见不写入, 没有转换编码, 文件未改动 "
                                   "(请在记事本中打开它, “另存为”时编码选 UTF-8)")
    assert code == 1
    assert outside.read_bytes() == gbk and (root / "content/notices/link.md").is_symlink()
    assert sorted(p.name for p in (tmp_path / "outside").iterdir()) == ["gbk.md"]


# --- 4. number edits front matter only where the edit is provably safe --------------------------------

CASES = {
    "next-line": ("---\n标题: 通知\n类别: 通知\n发布日期:\n  2024-03-01\n发布机构: 镇\n---\n正文\n",
                  "---\n标题: 通知\n类别: 通知\n发布日期:\n  2024-03-01\n索引号: {n}\n发布机构: 镇\n---\n正文\n"),
    "flow": ("---\n{标题: 通知, 类别: 通知, 发布日期: 2024-03-01, 发布机构: 镇}\n---\n正文\n",
             "---\n{标题: 通知, 类别: 通知, 发布日期: 2024-03-01, 索引号: {n}, 发布机构: 镇}\n---\n正文\n"),
    "quoted-around": ('---\n标题: "第一行\n  第二行"\n类别: 通知\n发布日期: 2024-03-01\n摘要: "甲\n\n  乙"\n发布机构: 镇\n---\n正文\n',
                      '---\n标题: "第一行\n  第二行"\n类别: 通知\n发布日期: 2024-03-01\n索引号: {n}\n摘要: "甲\n\n  乙"\n发布机构: 镇\n---\n正文\n'),
    "quoted-date": ('---\n标题: 通知\n类别: 通知\n发布日期: "2024-03-01"   # 发布\n发布机构: 镇\n---\n正文\n',
                    '---\n标题: 通知\n类别: 通知\n发布日期: "2024-03-01"   # 发布\n索引号: {n}\n发布机构: 镇\n---\n正文\n'),
    "comment": ("---\n标题: 通知\n类别: 通知\n发布日期: 2024-03-01\n索引号:   # 待编号\n发布机构: 镇\n---\n正文\n",
                "---\n标题: 通知\n类别: 通知\n发布日期: 2024-03-01\n索引号: {n}   # 待编号\n发布机构: 镇\n---\n正文\n"),
    "tilde": ("---\n标题: 通知\n类别: 通知\n发布日期: 2024-03-01\n索引号: ~\n发布机构: 镇\n---\n正文\n",
              "---\n标题: 通知\n类别: 通知\n发布日期: 2024-03-01\n索引号: {n}\n发布机构: 镇\n---\n正文\n"),
    "indented": ("---\n  标题: 通知\n  类别: 通知\n  发布日期: 2024-03-01\n  发布机构: 镇\n---\n正文\n",
                 "---\n  标题: 通知\n  类别: 通知\n  发布日期: 2024-03-01\n  索引号: {n}\n  发布机构: 镇\n---\n正文\n"),
    "block": ("---\n标题: 通知\n类别: 通知\n发布日期: |\n  2024-03-01\n发布机构: 镇\n---\n正文\n",
              "---\n标题: 通知\n类别: 通知\n发布日期: |\n  2024-03-01\n索引号: {n}\n发布机构: 镇\n---\n正文\n"),
    "crlf-bom": ("\ufeff---\r\n标题: 通知\r\n类别: 通知\r\n发布日期: 2024-03-01\r\n发布机构: 镇\r\n---\r\n正文\r\n",
                 "\ufeff---\r\n标题: 通知\r\n类别: 通知\r\n发布日期: 2024-03-01\r\n索引号: {n}\r\n发布机构: 镇\r\n---\r\n正文\r\n"),
    "last-line": ("---\n标题: 通知\n类别: 通知\n发布机构: 镇\n发布日期: 2024-03-01\n---\n---\n正文\n",
                  "---\n标题: 通知\n类别: 通知\n发布机构: 镇\n发布日期: 2024-03-01\n索引号: {n}\n---\n---\n正文\n"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_number_keeps_every_other_byte(tmp_path, capsys, case):
    before, after = CASES[case]
    root = site(tmp_path, {"content/notices/a.md": before.encode("utf-8")})
    code, out, err = run(capsys, root, "number")
    assert code == 0, err
    assert out.splitlines()[0] == f"content/notices/a.md: 索引号 {NUMBER.format(1)}"
    assert (root / "content/notices/a.md").read_bytes() == after.replace("{n}", NUMBER.format(1)).encode("utf-8")
    assert sorted(p.name for p in (root / "content/notices").iterdir()) == ["a.md"]  # no temporary file left
    assert run(capsys, root, "number")[1] == "编号 0 个文件 / numbered 0 file(s)\n"


UNSAFE = {
    "complex-key": ("---\n标题: 通知\n类别: 通知\n? 发布日期\n: 2024-03-01\n发布机构: 镇\n---\n正文\n", 1,
                    "请手工添加一行 索引号: {n}"),
    "tagged-null": ("---\n标题: 通知\n类别: 通知\n发布日期: 2024-03-01\n索引号: !!null\n发布机构: 镇\n---\n正文\n", 5,
                    "请手工填写 索引号: {n}"),
}


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_number_refuses_an_edit_it_cannot_prove_safe_and_goes_on(tmp_path, capsys, case):
    text, line, advice = UNSAFE[case]
    root = site(tmp_path, {"content/notices/a.md": text, "content/notices/b.md": NOTICE.format(date="2024-04-01")})
    code, out, err = run(capsys, root, "number")
    assert code == 1
    assert err == (f"content/notices/a.md:{line}: 字段 '索引号': 无法安全地自动写入索引号, 文件未改动 "
                   f"({advice.format(n=NUMBER.format(1))})\n")
    assert (root / "content/notices/a.md").read_text(encoding="utf-8") == text
    assert out.splitlines() == [f"content/notices/b.md: 索引号 {NUMBER.format(2)}", "编号 1 个文件 / numbered 1 file(s)"]


def test_a_crash_while_writing_leaves_the_file_whole(tmp_path, monkeypatch):
    text = NOTICE.format(date="2024-03-01")
    root = site(tmp_path, {"content/notices/a.md": text})

    def crash(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(content_files.os, "replace", crash)
    assigned, problems = assign_numbers(load_config(root))
    assert assigned == [] and [str(p) for p in problems] == [
        "content/notices/a.md:1: 字段 '索引号': 文件无法写入 (No space left on device), 文件未改动 "
        f"(请手工添加一行 索引号: {NUMBER.format(1)})"]
    assert (root / "content/notices/a.md").read_text(encoding="utf-8") == text
    assert sorted(p.name for p in (root / "content/notices").iterdir()) == ["a.md"]


# --- 5. --fix-encoding keeps every earlier backup ----------------------------------------------------------

def test_fix_encoding_keeps_earlier_backups_and_the_line_breaks(tmp_path, capsys):
    original = NOTICE.format(date="2024-03-01").replace("\n", "\r\n")
    root = site(tmp_path, {"content/notices/a.md": original.encode("gb18030"),
                           "content/notices/a.md.gbk.bak": b"first backup", "content/notices/a.md.gbk.1.bak": b"second"})
    _, out, _ = run(capsys, root, "check", "--fix-encoding", "--today", "2024-05-06")
    assert out.splitlines()[0] == "已改为 UTF-8 / converted: content/notices/a.md (原文件保存为 a.md.gbk.2.bak)"
    folder = root / "content/notices"
    assert (folder / "a.md").read_bytes() == original.encode("utf-8")
    assert (folder / "a.md.gbk.bak").read_bytes() == b"first backup" and (folder / "a.md.gbk.1.bak").read_bytes() == b"second"
    assert (folder / "a.md.gbk.2.bak").read_bytes() == original.encode("gb18030")


def test_fix_encoding_does_not_follow_a_link_where_the_backup_goes(tmp_path, capsys):
    original = NOTICE.format(date="2024-03-01").encode("gb18030")
    root = site(tmp_path, {"content/notices/a.md": original})
    (root / "content/notices/a.md.gbk.bak").symlink_to(tmp_path / "outside" / "stolen")
    run(capsys, root, "check", "--fix-encoding", "--today", "2024-05-06")
    assert not (tmp_path / "outside" / "stolen").exists()
    assert (root / "content/notices/a.md.gbk.1.bak").read_bytes() == original


# --- 6. import: every recognised date is validated; every unusable file gets a message --------------------

@pytest.mark.parametrize("written", ["2024年2月30日", "0000年1月1日", "1900年1月1日", "2300年5月6日", "2023年13月1日"])
def test_an_impossible_date_is_a_note_not_a_crash(tmp_path, capsys, written):
    root = site(tmp_path)
    source = tmp_path / "outside" / "通知.txt"
    source.write_text(f"纸坊镇人民政府\n关于春耕的通知\n各村：\n做好准备。\n纸坊镇人民政府\n{written}\n", encoding="utf-8")
    code, out, err = run(capsys, root, "import", str(source), "--name", "a", "--today", "2024-05-06")
    assert code == 0, err
    assert f"  未识别或需核对 / check: 发布日期: 文末的“{written}”不是有效的日期, 已填今天 2024-05-06, 请核对" in out.splitlines()
    assert "发布日期: 2024-05-06\n" in (root / "content/notices/a.md").read_text(encoding="utf-8")


def test_an_impossible_report_year_is_a_note(tmp_path, capsys):
    root = site(tmp_path)
    source = tmp_path / "outside" / "报告.txt"
    source.write_text("纸坊镇人民政府\n纸坊镇0000年度法治政府建设报告\n正文。\n2024年1月5日\n", encoding="utf-8")
    code, out, _ = run(capsys, root, "import", str(source), "--name", "r", "--today", "2024-05-06")
    assert code == 0
    assert out.splitlines()[1:] == ["  未识别或需核对 / check: 年度: 标题中的“0000年”不是有效的年份, 请填写"]
    assert "\n年度: \n" in (root / "content/fazhi/r.md").read_text(encoding="utf-8")


def docx_without_document(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not word")
    return path


def broken_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("关于春耕的通知")
    document.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut off: the zip's directory is missing
    return path


def sparse(path: Path, size: int) -> None:
    with path.open("wb") as out:
        out.truncate(size)


WORD = "不是有效的 Word 文件 (文件已损坏, 或不是 .docx 格式; 请用 Word 或 WPS 打开后“另存为” .docx)"
UNUSABLE = [
    ("not-zip.docx", lambda p: p.write_bytes(b"this is not a zip"), WORD),
    ("no-document.docx", docx_without_document, WORD),
    ("cut.docx", broken_docx, WORD),
    ("empty.docx", lambda p: p.write_bytes(b""), "文件是空的, 没有可导入的内容"),
    ("empty.txt", lambda p: p.write_bytes(b""), "文件是空的, 没有可导入的内容"),
    ("blank.txt", lambda p: p.write_bytes(b"\n  \r\n\t\n"), "文件中没有文字, 没有可导入的内容"),
    ("binary.txt", lambda p: p.write_bytes(bytes(range(256)) * 8), "含有二进制数据, 不是文字文件, 无法导入 (请导入 Word 的 .docx 文件或 .txt 文字文件)"),
    ("scan.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n"), "是 PDF 文件, 无法导入"),
    ("old.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100), "是旧版 Word 文件 (.doc), 无法直接导入"),
    ("huge.txt", lambda p: sparse(p, 21 * 1024 * 1024), "文件太大 (21.0 MB) (可导入的文件最多 20 MB; 大的材料请作为附件)"),
    ("undecodable.txt", lambda p: p.write_bytes("正文".encode() + b"\xff\xfe\xfd" * 3), "无法识别的文字编码"),
]


@pytest.mark.parametrize("name, make, message", UNUSABLE, ids=[n for n, _, _ in UNUSABLE])
def test_an_unusable_file_gets_a_message(tmp_path, capsys, name, make, message):
    root = site(tmp_path)
    source = tmp_path / "outside" / name
    make(source)
    before = snapshot(tmp_path)
    code, out, err = run(capsys, root, "import", str(source), "--today", "2024-05-06")
    assert code == 1 and out == ""
    assert err.startswith(f"{source}: {message}"), err
    assert snapshot(tmp_path) == before


def test_a_broken_word_file_through_the_command_line(tmp_path):
    root = site(tmp_path)
    source = broken_docx(tmp_path / "outside" / "坏.docx")
    result = gongkai(root, "import", str(source))
    assert result.returncode == 1 and result.stderr == f"{source}: {WORD}\n"
    assert not (root / "content").exists()


def test_imported_fields_with_yaml_syntax_read_back(tmp_path, capsys):
    root = site(tmp_path)
    source = tmp_path / "outside" / "通知.txt"
    source.write_text("纸坊镇人民政府\n关于“#1” & [加急] 事项的通知\n正文。\n2024年5月6日\n", encoding="utf-8")
    code, _, err = run(capsys, root, "import", str(source), "--name", "y")
    assert code == 0, err
    document, problems = read_document(root / "content/notices/y.md", root, "notices", "y")
    assert problems == [] and dict(document.fields)["标题"].data == "关于“#1” & [加急] 事项的通知"


def test_invisible_characters_in_an_imported_text_are_removed_with_a_note(tmp_path, capsys):
    root = site(tmp_path)
    source = tmp_path / "outside" / "通知.txt"
    source.write_text("关于\u202e春耕\x1b的通知\n正\u200b文。\n2024年5月6日\n", encoding="utf-8")
    code, out, _ = run(capsys, root, "import", str(source), "--name", "c")
    assert code == 0
    assert "  未识别或需核对 / check: 删除了 3 个看不见的控制字符, 请核对正文" in out.splitlines()
    text = (root / "content/notices/c.md").read_text(encoding="utf-8")
    assert "标题: 关于春耕的通知\n" in text and text.endswith("\n正文。\n\n2024年5月6日\n")
