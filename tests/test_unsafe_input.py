"""Hostile or careless input from content/ and docs/: script never reaches a page, every refusal names
its file and line, nothing outside content/ or docs/ is published, and no input ends in a traceback."""
import datetime as dt
import os
import subprocess
import sys

import pytest

from conftest import REPO, copy_sample_project, make_project
from generator.config import load_config
from generator.errors import ContentError
from generator.pipeline import load_site, plan

TODAY = dt.date(2024, 6, 1)
NOTICE = "---\n标题: {title}\n类别: 通知\n发布日期: 2024-03-25\n发布机构: 纸坊镇人民政府\n{extra}---\n{body}\n"
HTML_EXPECTED = "正文只能用 Markdown 和简单的 HTML: 标题、段落、列表、表格、链接和本站图片; 视频、网页等请作为附件或写成链接"
LINK_EXPECTED = "链接只能是 http://、https://、mailto:、tel: 或站内地址"


EXTENSIONS = "markdown_extensions:\n" + (REPO / "mkdocs.yml").read_text(encoding="utf-8").split("markdown_extensions:\n", 1)[1].split("\n\n", 1)[0] + "\n"


@pytest.fixture
def project(tmp_path):
    """A project whose mkdocs.yml lists the sample's Markdown extensions (attr_list, md_in_html, …)."""
    def build(files):
        root = make_project(tmp_path, files)
        with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
            config.write(EXTENSIONS)
        return root

    return build


def problems(root) -> list[str]:
    with pytest.raises(ContentError) as caught:
        plan(load_config(root), TODAY)
    return [str(p) for p in caught.value.problems]


def notice(body: str = "正文", title: str = "通知", extra: str = "") -> str:
    return NOTICE.format(title=title, extra=extra, body=body)


@pytest.mark.parametrize("body, line, message", [
    ('![x](data:,){: onerror="alert(1)" }', 7, "不允许在 <img> 上使用 onerror 属性"),
    ("第一段\n\n<img\nsrc=x onerror=alert(1)>", 10, "不允许在 <img> 上使用 onerror 属性"),
    ('<a title="a>b" href="#" onclick="alert(1)">x</a>', 7, "不允许在 <a> 上使用 onclick 属性"),
    ('<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>', 7, "不允许使用 <object> 标签"),
    ("<embed src=x.swf>", 7, "不允许使用 <embed> 标签"),
    ('<base href="https://evil.example/">', 7, "不允许使用 <base> 标签"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', 7, "不允许使用 <meta> 标签"),
    ('<form action="https://evil.example">领取补贴</form>', 7, "不允许使用 <form> 标签"),
    ("<style>body{display:none}</style>", 7, "不允许使用 <style> 标签"),
    ("段落\n{: onclick=\"alert(1)\" }", 8, "不允许在 <p> 上使用 onclick 属性"),
    ('段落\n{: style="position:fixed" }', 8, "不允许在 <p> 上使用 style 属性"),
    ("<svg><script>alert(1)</script></svg>", 7, "不允许使用 <script> 标签"),
    ("<!-- 内部意见：暂不公开 -->", 7, "不允许使用 HTML 注释 <!-- -->"),
    ("!!! evil\n    提示", 7, '不允许的样式 class="admonition evil"'),
])
def test_unsafe_html_in_a_body_is_refused_with_its_line(project, body, line, message):
    found = problems(project({"content/notices/a.md": notice(body)}))
    assert found[0].startswith(f"content/notices/a.md:{line}: 正文: {message} (")


@pytest.mark.parametrize("link", ["jav&#x61;script:alert(1)", "javascript&colon;alert(1)", "JaVaScRiPt:alert(1)",
                                  "vbscript:x", "data:text/html,<script>alert(1)</script>"])
def test_script_links_are_refused_however_they_are_spelt(project, link):
    found = problems(project({"content/notices/a.md": notice(f"见[这里]({link})。")}))
    assert len(found) == 1 and found[0].startswith("content/notices/a.md:7: 正文: 不允许的链接地址 '")
    assert found[0].endswith(f"({LINK_EXPECTED})")


def test_a_reference_link_is_refused_at_its_definition(project):
    found = problems(project({"content/notices/a.md": notice("见[通知][1]。\n\n[1]: javascript:alert(1)")}))
    assert found == [f"content/notices/a.md:9: 正文: 不允许的链接地址 'javascript:alert(1)' ({LINK_EXPECTED})"]


def test_a_picture_from_another_host_is_refused(project):
    found = problems(project({"content/notices/a.md": notice("![图](https://tracker.example/x.png)")}))
    assert found == ["content/notices/a.md:7: 正文: 图片地址 'https://tracker.example/x.png' 不是本站的文件 "
                     "(图片请放在本条目的文件夹中, 用文件名引用; 外站图片会向其他网站发出请求)"]


def test_what_a_document_needs_passes(project):
    body = ("## 一、总则\n\n**第一条** 为了……\n\n| 项目 | 金额 |\n|:--|--:|\n| 补贴 | 100 |\n\n"
            '<table><tr><td rowspan="2">合并</td><td>a</td></tr><tr><td>b</td></tr></table>\n\n'
            "!!! note \"说明\"\n    注意事项\n\n见[县政府网站](https://www.example.gov.cn/)、[邮箱](mailto:a@example.cn)、"
            "[电话](tel:0537-1234567)、[附件](#附件)。\n\n![示意图](map.png)\n\n换行<br>测试 <sup>2</sup>")
    assert load_site(load_config(project({"content/notices/a.md": notice(body)})), TODAY)


def test_html_in_metadata_is_text_on_the_built_page(tmp_path):
    root = copy_sample_project(tmp_path / "clone")
    assert not (root.parent / "shared").exists()  # the repository stands alone: this build has no ../shared
    hostile = '"><img src=x onerror=alert(1)>&amp;<script>alert(2)</script>'
    text = notice("正文。", title="'" + hostile.replace("'", "''") + "'",
                  extra=f"摘要: '{hostile}'\n关键词: ['{hostile}']\n索引号: 11370829MB0000000A/2024-00099\n")
    (root / "content/notices/hostile.md").write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--today", "2026-11-25"],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    page = (root / "site/notices/hostile/index.html").read_text(encoding="utf-8")
    assert "<script>alert(2)" not in page and "<img src=x" not in page
    assert '<meta name="description" content="&#34;&gt;&lt;img' in page or '<meta name="description" content="&quot;&gt;&lt;img' in page
    assert "<title>&#34;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;&lt;script&gt;" in page or \
        "<title>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;&lt;script&gt;" in page


@pytest.mark.parametrize("name, message", [
    ("通知.html", "'通知.html': 不能发布 .html 文件, 浏览器会在本站打开并运行其中的代码 (请转为 PDF 后再作为附件)"),
    ("图.svg", "'图.svg': 不能发布 .svg 文件, 浏览器会在本站打开并运行其中的代码 (请转为 PDF 后再作为附件)"),
    ("说明.md", "'说明.md': 不能发布 .md 文件, 浏览器会在本站打开并运行其中的代码 (请转为 PDF 后再作为附件)"),
    ("假的.pdf", "'假的.pdf': 文件内容不是 PDF (扩展名与内容不符) (请用正确的扩展名保存为 PDF 文件)"),
])
def test_attachments_a_browser_would_run_are_refused(project, name, message):
    root = project({"content/notices/a/index.md": notice(extra=f"附件:\n  - {name}\n"),
                    f"content/notices/a/{name}": "<html><script>alert(1)</script></html>"})
    assert problems(root) == [f"content/notices/a/index.md:6: 字段 '附件': {message}"]


def test_docs_pages_are_checked_like_content(project, tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0", encoding="utf-8")
    root = project({
        "content/notices/a.md": notice(),
        "docs/guide.md": "---\ntitle: 指南<script>\n---\n# 指南\n\n<script>alert(1)</script>\n\n联系 13812345678\n",
        "docs/page.html": "<script>alert(1)</script>",
    })
    os.symlink(secret, root / "docs/passwd.md")
    found = problems(root)
    assert found[0].startswith("docs/guide.md:6: 正文: 不允许使用 <script> 标签")  # the title is written escaped
    assert found[1].startswith("docs/guide.md:8: 正文: 疑似手机号 138****5678")
    assert found[2] == ("docs/page.html:1: 'page.html': 不能发布 .html 文件, 浏览器会在本站打开并运行其中的代码 (请转为 PDF 后再作为附件)")
    assert found[3] == "docs/passwd.md:1: 是指向 docs/ 以外的链接 (请把文件本身复制到 docs/ 中)"
    assert len(found) == 4


def test_control_characters_are_refused_in_every_field_and_the_body(project):
    root = project({"content/notices/a.md": notice("第一行\n含\x1b[31m转义", title='"标题\\u202e反转"', extra='摘要: "\\x00"\n')})
    assert problems(root) == [
        "content/notices/a.md:2: 字段 '标题': 含有看不见的控制字符 U+202E (请删除它 (常从网页或 Word 复制而来): 重新输入这一行)",
        "content/notices/a.md:6: 字段 '摘要': 含有看不见的控制字符 U+0000 (请删除它 (常从网页或 Word 复制而来): 重新输入这一行)",
        "content/notices/a.md:9: 正文: 含有看不见的控制字符 U+001B (请删除它 (常从网页或 Word 复制而来))",
    ]


def test_yaml_aliases_are_refused_before_they_expand(project):
    bomb = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 12))
    root = project({"content/notices/a.md": "---\nl0: &l0 [x]\n" + bomb + "---\n正文\n"})
    assert problems(root) == ["content/notices/a.md:2: 不支持 YAML 的 & 锚点和 * 引用 (每个值请直接写出来)"]


def test_links_out_of_content_and_dangling_links_are_refused(project, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.md").write_text(notice(), encoding="utf-8")
    root = project({"content/notices/a.md": notice()})
    os.symlink(outside, root / "content/policies")
    os.symlink(outside / "x.md", root / "content/notices/b.md")
    os.symlink(root / "missing.md", root / "content/notices/c.md")
    assert problems(root) == [
        "content/notices/b.md:1: 是指向 content/ 以外的链接 (请把文件本身复制到 content/ 中)",
        "content/notices/c.md:1: 是一个指向不存在的文件的链接 (请删除这个链接, 或把文件本身放在这里)",
        "content/policies:1: 是指向 content/ 以外的链接 (请把文件本身复制到 content/ 中)",
    ]


def test_an_attachment_may_not_shadow_another_file_by_case(project):
    root = project({"content/notices/a.md": notice(), "docs/Catalog.csv": "a,b\n"})
    assert problems(root) == ["docs/Catalog.csv:1: 与网站上的另一个文件 Catalog.csv 重名 (只差大小写) (请换个文件名)"]


def run(root, *arguments):
    return subprocess.run([sys.executable, "-m", "generator", *arguments, "--root", str(root)],
                          capture_output=True, text=True, encoding="utf-8")


def test_no_message_prints_a_full_number(project):
    from generator.checks.personal_data import id_check_digit

    number = "11010519491231002" + id_check_digit("11010519491231002")
    root = project({"content/notices/a.md": notice().replace("2024-03-25", number)})
    result = run(root, "check", "--today", "2024-06-01")
    assert result.returncode == 1 and number not in result.stderr + result.stdout
    assert f"字段 '发布日期': '110105********{number[-4:]}' 不是日期" in result.stderr


@pytest.mark.parametrize("arguments, code", [
    (("build", "--today", "2107-01-01"), 2), (("check", "--today", "0001-01-01"), 2),
    (("new", "通知", "标题", "--name", "/tmp/x"), 2), (("new", "通知", "标题", "--name", "../../x"), 2),
])
def test_bad_arguments_are_usage_errors_without_a_traceback(project, arguments, code):
    root = project({"content/notices/a.md": notice()})
    result = run(root, *arguments)
    assert result.returncode == code and "Traceback" not in result.stderr and result.stderr.strip()
    assert sorted(p.name for p in (root / "content/notices").iterdir()) == ["a.md"]


@pytest.mark.parametrize("arguments", [("13812345678",), ("check", "--today", "13812345678"), ("check", "13812345678")])
def test_usage_errors_never_print_a_full_number(project, arguments):
    root = project({"content/notices/a.md": notice()})
    result = subprocess.run([sys.executable, "-m", "generator", *arguments], cwd=root, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 2 and "13812345678" not in result.stderr and "138****5678" in result.stderr


def test_a_pipe_is_refused_instead_of_read_forever(project):
    root = project({"content/notices/a.md": notice()})
    os.mkfifo(root / "content/notices/b.md")
    (root / "docs").mkdir()
    os.mkfifo(root / "docs/page.md")
    assert problems(root) == ["content/notices/b.md:1: 不是普通的文件 (是管道或设备) (请删除它)",
                              "docs/page.md:1: 不是普通的文件 (是管道或设备) (请删除它)"]
