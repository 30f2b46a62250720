"""Property: whatever hostile bodies and front matter are committed, either `gongkai check` refuses the
file (with path:line, no traceback) or the built site, opened in Chromium, fires no dialog, sends no
request to another origin, and has no element carrying an event handler or a javascript:/data: URL."""
import json
import re
import shutil
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from browser import CHROMIUM, CHROMIUM_ARGS, require_browser, serve
from conftest import SAMPLE_TODAY, copy_sample_project

pytestmark = pytest.mark.browser

# Pieces an attacker tries, from the issue and from common filter-evasion lists.
ATTACKS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><img src=x onerror=alert(1)>', "</title><script>alert(1)</script>",
    "<svg onload=alert(1)>", "<iframe src=javascript:alert(1)>", "[点我](javascript:alert(1))", "[点我](jav&#x61;script:alert(1))",
    "[点我](javascript&colon;alert(1))", "![x](data:,){: onerror=\"alert(1)\" }", "段落\n{: onclick=\"alert(1)\" }",
    "<img\nsrc=x onerror=alert(1)>", '<a title="x>y" href="javascript:alert(1)">z</a>', "```\n<script>alert(1)</script>",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>', "<embed src=x>",
    '<base href="https://evil.example/">', '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<form action="https://evil.example/"><input name=q></form>', "<style>*{background:url(https://evil.example/x)}</style>",
    "![x](https://evil.example/pixel.png)", "<details open ontoggle=alert(1)>", "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "{{ config }}", "{% raw %}", "&lt;script&gt;alert(1)&lt;/script&gt;", "<!-- <script>alert(1)</script> -->",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "javascript:alert(1)", "*强调* **加粗** `代码`",
]
TEXT = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), max_size=12)
VALUE = st.lists(st.one_of(st.sampled_from(ATTACKS), TEXT), min_size=1, max_size=3).map("".join)
BODY = st.lists(st.one_of(st.sampled_from(ATTACKS), TEXT, st.just("\n\n")), max_size=6).map(" ".join)
RECORD = st.fixed_dictionaries({"title": VALUE, "summary": VALUE, "keyword": VALUE, "body": BODY})


def record_file(number: int, fields: dict, body: str) -> str:
    quoted = {key: json.dumps(value.replace("\n", " "), ensure_ascii=False) for key, value in fields.items()}
    return (f"---\n标题: {quoted['title']}\n类别: 通知\n发布日期: 2024-03-{number + 1:02d}\n索引号: 11370829MB0000000A/2024-{900 + number:05d}\n"
            f"摘要: {quoted['summary']}\n关键词: [{quoted['keyword']}]\n---\n{body}\n")


@pytest.fixture(scope="module")
def chromium():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def sample_copy(tmp_path_factory):
    root = copy_sample_project(tmp_path_factory.mktemp("hostile"))
    shutil.rmtree(root / "content")
    return root


def gongkai(root, *arguments):
    return subprocess.run([sys.executable, "-m", "generator", *arguments, "--root", str(root), "--today", SAMPLE_TODAY],
                          capture_output=True, text=True, encoding="utf-8")


UNSAFE_ELEMENTS = """() => [...document.querySelectorAll('*')].flatMap(element => [...element.attributes]
  .filter(a => /^on/i.test(a.name) || (/^(href|src|action|formaction|data|xlink:href)$/i.test(a.name)
                && /^\\s*(javascript|data|vbscript):/i.test(a.value)))
  .map(a => element.tagName + ' ' + a.name + '=' + a.value))"""


@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck),
          phases=(Phase.explicit, Phase.generate))  # no shrinking: each example is a real build
@given(records=st.lists(RECORD, min_size=3, max_size=3))
def test_hostile_content_is_refused_or_harmless_in_a_browser(chromium, sample_copy, records):
    content = sample_copy / "content" / "notices"
    shutil.rmtree(sample_copy / "content", ignore_errors=True)
    content.mkdir(parents=True)
    for number, record in enumerate(records):
        body = record["body"] if number else "正文。"  # the first record always builds: metadata alone is hostile
        fields = {key: record[key] for key in ("title", "summary", "keyword")}
        (content / f"h{number}.md").write_text(record_file(number, fields, body), encoding="utf-8")
    checked = gongkai(sample_copy, "check")
    assert "Traceback" not in checked.stderr
    refused = set()
    for line in checked.stderr.splitlines():
        located = re.match(r"^(content/notices/h\d\.md):\d+: ", line)
        if located and "警告" not in line:
            refused.add(located.group(1))
        else:
            assert not line.startswith("content/notices/h") or "警告" in line, line
    for path in refused:
        (sample_copy / path).unlink()
    built = gongkai(sample_copy, "build")
    assert built.returncode == 0, built.stderr
    pages = [f"notices/h{n}/" for n in range(3) if f"content/notices/h{n}.md" not in refused] + ["notices/", "catalog/", "sitemap/"]
    with serve(sample_copy / "site") as url:
        page = chromium.new_page()
        dialogs, outside = [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: None if request.url.startswith((url, "data:", "blob:")) else outside.append(request.url))
        for path in pages:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate(UNSAFE_ELEMENTS) == [], path
        page.close()
    assert dialogs == [] and outside == []
