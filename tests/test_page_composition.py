"""Hostile input that is harmless alone but not where the page puts it: a body that changes the template
around it, MkDocs' own extensions, front matter of hand-written pages that the theme prints, file names
that become links or titles, and report headings that a table is placed under."""
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_sample_project
from test_unsafe_input import HTML_EXPECTED, notice, problems, project  # noqa: F401 - the fixture

OPEN_EXPECTED = "代码块请以单独一行 ``` 结束, HTML 标签请写出结束标签; 不需要时请删除"


@pytest.mark.parametrize("body, line, message", [
    # MkDocs always adds fenced_code: with attr_list a fence sets any attribute on <pre>/<code>
    ('``` { .x #gkfence tabindex="0" autofocus="" onfocus="alert(1)" }\n说明\n```', 9, "不允许在 <code> 上使用 autofocus 属性"),
    ("```{ style=\"background:url(//evil.example/x)\" }\n说明\n```", 9, "不允许在 <code> 上使用 style 属性"),
    ("## __config\n\n正文", 7, '不允许的锚点名 id="__config"'),  # a body with no markup at all but a heading
    ("md-content\n==========\n", 8, '不允许的锚点名 id="md-content"'),
    ("![](/\\evil.example/a.png)", 7, "图片地址 '/\\evil.example/a.png' 不是本站的文件"),
    ('<img src="/\\evil.example/b.png" alt="">', 7, "图片地址 '/\\evil.example/b.png' 不是本站的文件"),
    ('<img src="map .png" alt="">', 7, "图片地址 'map .png' 不是本站的文件"),
    ("正文\n\n<div>\n后面的附件列表都会被吞进这个标签", 9, "这里开始的代码块 ``` 或 HTML 标签到正文结束都没有闭合"),
])
def test_a_body_is_checked_as_mkdocs_renders_it_in_its_page(project, body, line, message):
    found = problems(project({"content/notices/a.md": notice(body)}))
    assert found[0].startswith(f"content/notices/a.md:{line}: 正文: {message} (")


def test_an_open_body_names_what_to_do(project):
    found = problems(project({"content/notices/a.md": notice("<div>\n未闭合")}))
    assert found == [f"content/notices/a.md:7: 正文: 这里开始的代码块 ``` 或 HTML 标签到正文结束都没有闭合 ({OPEN_EXPECTED})"]


@pytest.mark.parametrize("page, line, field, message", [
    ('---\nauthor: \'"><script>alert(1)</script>\'\n---\n正文\n', 2, "author", "手写页面不支持这项设置"),
    ('---\ntemplate: redirect.html\nlocation: https://evil.example/\n---\n正文\n', 2, "template", "手写页面不支持这项设置"),
    ("---\ndescription: |-\n  x\n  \"><script>alert(1)</script>\n---\n正文\n", 2, "description", "含有换行或看不见的控制字符"),
    ("---\nsubtitle: 副标题\n---\n正文\n", 2, "subtitle", "手写页面不支持这项设置"),
    ("---\nhide: [footer]\n---\n正文\n", 2, "hide", "只能隐藏 navigation 或 toc"),
    # no --- : MkDocs takes `key: value` lines at the top of a page for its settings (MultiMarkdown)
    ("author: 张三\n\n正文\n", 1, "author", "手写页面不支持这项设置"),
    # a tab after the colon: libyaml (MkDocs' loader) reads it, pure PyYAML does not; both sides use MkDocs'
    ("---\ntemplate:\tredirect.html\n---\n正文\n", 2, "template", "手写页面不支持这项设置"),
])
def test_hand_written_page_settings_are_an_allow_list(project, page, line, field, message):
    found = problems(project({"content/notices/a.md": notice(), "docs/page.md": page}))
    assert found[0].startswith(f"docs/page.md:{line}: 字段 '{field}': {message} (")


def test_a_page_whose_first_line_is_not_front_matter_is_checked_as_its_body(project):
    found = problems(project({"content/notices/a.md": notice(), "docs/page.md": " ---\n<script>alert(1)</script>\n---\n正文\n"}))
    assert found[0].startswith("docs/page.md:2: 正文: 不允许使用 <script> 标签 (")


def test_yaml_aliases_in_a_hand_written_page_are_refused(project):
    bomb = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 12))
    found = problems(project({"content/notices/a.md": notice(), "docs/page.md": "---\nl0: &l0 [x]\n" + bomb + "---\n正文\n"}))
    assert found == ["docs/page.md:2: 不支持 YAML 的 & 锚点和 * 引用 (每个值请直接写出来)"]


@pytest.mark.parametrize("name", ["<img src=x onerror=alert(7)>.md", 'a"b.md', "x(y).md", "folder<b>/page.md"])
def test_names_that_become_addresses_or_titles_are_an_allow_list(project, name):
    found = problems(project({"content/notices/a.md": notice(), f"docs/{name}": "没有标题的页面。\n"}))
    assert len(found) == 1 and "文件名或文件夹名含有网址不能用的字符" in found[0] and found[0].startswith("docs/")


@pytest.mark.parametrize("name", ["x(y).md", "a<b>.md", "a'b.md"])
def test_record_file_names_are_an_allow_list(project, name):
    found = problems(project({f"content/notices/{name}": notice()}))
    assert found == [f"content/notices/{name}:1: 文件名或文件夹名含有网址不能用的字符 " + " ".join(repr(c) for c in sorted(set(name[:-3]) - set("xyab"))) + " (请改用字母、数字、汉字和 -)"]


def test_a_report_heading_inside_an_html_attribute_gets_no_table(tmp_path):
    root = copy_sample_project(tmp_path / "p")
    report = root / "content/reports/2023-zhengfu-xinxi-gongkai.md"
    text = report.read_text(encoding="utf-8")
    text = text.replace("## 二、主动公开政府信息情况\n", '<h2 id="a\n## 二、主动公开政府信息情况\nb<img src=x onerror=alert(10)>">二、主动公开政府信息情况</h2>\n', 1)
    report.write_text(text, encoding="utf-8")
    line = text.split("\n").index("## 二、主动公开政府信息情况") + 1
    assert any(p.startswith(f"content/reports/2023-zhengfu-xinxi-gongkai.md:{line}: 正文: 固定标题“二、主动公开政府信息情况”不是单独的一个标题")
               for p in problems(root))


def _build(root):
    return subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--today", "2026-11-25"],
                          capture_output=True, text=True, encoding="utf-8")


def test_attachment_file_names_cannot_break_out_of_their_link(tmp_path):
    root = copy_sample_project(tmp_path / "p")
    bundle = root / "content/notices/att"
    (bundle / "javascript:alert(1)").mkdir(parents=True)
    evil = "x.pdf>) <img src=x onerror=alert(3)> (<x.pdf"
    for name in ("x.pdf", evil, "javascript:alert(1)/y.pdf", "附件1：名单 (2024).pdf"):
        (bundle / name).write_bytes(b"%PDF-1.4\n%%EOF\n")
    (bundle / "index.md").write_text(notice(extra=(
        "索引号: 11370829MB0000000A/2024-00099\n附件:\n  - x.pdf\n  - 文件: \"x.pdf>) <img src=x onerror=alert(3)> (<x.pdf\"\n"
        "  - javascript:alert(1)/y.pdf\n  - 附件1：名单 (2024).pdf\n")), encoding="utf-8")
    result = _build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site/notices/att/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and 'href="javascript:' not in page
    assert 'href="javascript%3Aalert%281%29/y.pdf"' in page
    assert (root / "site/notices/att/附件1：名单 (2024).pdf").is_file() and 'href="%E9%99%84' in page


def test_the_page_net_passes_the_templates_own_markup_and_stops_anything_else():
    from generator.checks.page_html import page_findings

    template = ('<nav class="gk-breadcrumbs" aria-label="当前位置" data-search-exclude="1"><a href="../">首页</a></nav>'
                '<table class="gk-meta"><tbody><tr><th scope="row">索引号</th><td>x</td></tr></tbody></table>'
                '<form class="gk-search__form" id="gk-search-form" role="search" aria-label="搜索" action="./" method="get">'
                '<label for="q">搜索</label><input id="q" name="q" type="search"><select form="gk-search-form" name="y">'
                '<option value="2024">2024</option></select><button type="submit">搜索</button></form>'
                '<div class="admonition warning"><p class="admonition-title">已废止</p></div>')
    assert page_findings(template) == []
    assert page_findings(template + '<img src="x" onerror="alert(1)">') == ["不允许在 <img> 上使用 onerror 属性"]
    assert page_findings('<a href="javascript:alert(1)">x</a>') == ["不允许的链接地址 'javascript:alert(1)'"]
    assert page_findings("<script>alert(1)</script>") == ["不允许使用 <script> 标签"]
    assert page_findings('<p class="md-typeset evil">x</p>') == ['不允许的样式 class="md-typeset evil"']


@pytest.mark.parametrize("html, expected", [
    ('<p>a<br />b</p><hr />', []),  # Markdown's void tags: the same page to a browser
    ('<p>x</p><img src="x" onerror="alert(1)" />', ["不允许在 <img> 上使用 onerror 属性"]),
    ('<p>x</p><script>a />b</script>', ["不允许使用 <script> 标签"]),
    ('<p>a <!-- b /> --></p>', ["不允许使用 HTML 注释 <!-- -->"]),
    ('<p>a<br /><a href="javascript:x()" />b</p>', ["不允许的链接地址 'javascript:x()'"]),
])
def test_the_page_net_sees_what_hides_beside_a_self_closing_tag(html, expected):
    from generator.checks.page_html import page_findings

    assert page_findings(html) == expected


@pytest.mark.parametrize("heading", ["## 一、供暖时间 {: id='x\" onfocus=\"alert(1)\" autofocus' }", "## 一、总体要求 {: #a%zz }"])
def test_heading_ids_are_made_of_slug_characters_only(project, heading):
    # Material prints an id into the page's table of contents unescaped, and decodes it as a URL
    found = problems(project({"content/notices/a.md": notice(heading)}))
    assert found[0].startswith("content/notices/a.md:7: 正文: 不允许的锚点名 id=")
    assert found[0].endswith("(锚点名只能用汉字、字母、数字、- 和 _, 不能以 __、md-、gk- 开头)")


@pytest.mark.parametrize("title", ["__config", "gk-search", "md-content"])
def test_a_title_may_not_make_an_id_the_theme_uses(project, title):
    found = problems(project({"content/notices/a.md": notice(title=title)}))
    assert found == [f"content/notices/a.md:2: 字段 '标题': 标题会成为页面的锚点, 不允许的锚点名 id=\"{title}\" "
                     "(锚点名只能用汉字、字母、数字、- 和 _, 不能以 __、md-、gk- 开头)"]


def test_a_right_aligned_signature_passes(project):
    from generator.config import load_config
    from generator.pipeline import load_site
    from test_unsafe_input import TODAY

    body = '正文。\n\n<p align="right">纸坊镇人民政府<br>2024年3月25日</p>'
    assert load_site(load_config(project({"content/notices/a.md": notice(body)})), TODAY)


def test_a_package_dropped_at_the_project_root_is_never_run(tmp_path):
    root = copy_sample_project(tmp_path / "p")
    marker = tmp_path / "ran"
    for name in ("mkdocs", "markdown", "yaml"):
        (root / name).mkdir()
        (root / name / "__init__.py").write_text(f"open({str(marker)!r}, 'w').write({name!r})\n", encoding="utf-8")
        (root / name / "__main__.py").write_text(f"open({str(marker)!r}, 'w').write({name!r})\n", encoding="utf-8")
    gongkai = Path(sys.executable).with_name("gongkai")  # as a clerk runs it, in the project folder
    result = subprocess.run([str(gongkai), "build", "--today", "2026-11-25"], capture_output=True, text=True, encoding="utf-8", cwd=root)
    assert result.returncode == 0, result.stderr
    assert not marker.exists() and (root / "site/search-index/meta.json").is_file()


@pytest.mark.parametrize("front", ["title:\n  <img src=x onerror=alert(1)>\ndescription: 纸坊镇R&D投入", "title: |-\n  <img src=x onerror=alert(1)>\ndescription: 纸坊镇R&D投入",
                                   '{title: "<img src=x onerror=alert(1)>", description: 纸坊镇R&D投入}', 'title: 关于"放管服"改革 R&D <说明>\ndescription: 纸坊镇R&D投入'])
def test_hand_written_page_titles_are_written_escaped_into_the_stage(tmp_path, front):
    root = copy_sample_project(tmp_path / "p")
    (root / "docs/page.md").write_text(f"---\n{front}\n---\n正文\n", encoding="utf-8")
    result = _build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site/page/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "<说明>" not in page
    assert "&lt;" in page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert '<meta name="description" content="纸坊镇R&amp;D投入">' in page


@pytest.mark.parametrize("page", ["title: <img src=x onerror=alert(1)>\ndescription: R&D\n\n正文\n",  # MultiMarkdown settings
                                  '---\ntitle: "\\ud800"\n---\n正文\n',  # not YAML to libyaml: the page's text
                                  "---\ntitle:\t</title><img src=x onerror=alert(1)><title>\ndescription:\t'\"><script>alert(2)</script>'\n---\n正文\n"])
def test_settings_read_by_mkdocs_own_reader_are_written_escaped(tmp_path, page):
    root = copy_sample_project(tmp_path / "p")
    (root / "docs/page.md").write_text(page, encoding="utf-8")
    result = _build(root)
    assert result.returncode == 0, result.stderr
    built = (root / "site/page/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in built and "<script>alert" not in built and ("&lt;img src=x" in built or "ud800" in built)
