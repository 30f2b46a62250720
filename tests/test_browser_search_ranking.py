"""Search on a generated 1,000-record site, in Chromium, as a citizen uses it: what is found, in what order,
and what a result says. What ought to be found is read from the built pages' own text (bench/relevance.py).
"""
import datetime as dt

import pytest

from browser import require_browser, serve
from generator.bench.relevance import expected, page_texts, title_matches

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def large(large_site, tmp_path_factory):
    require_browser()
    from playwright.sync_api import sync_playwright

    root, _ = large_site
    with serve(root / "site") as url, sync_playwright() as playwright:
        from browser import CHROMIUM, CHROMIUM_ARGS

        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield url, page, page_texts(root / "site")
        browser.close()


def ask(page, url: str, query: str) -> str:
    """Type the query into the header box of the home page and press Enter; the status line."""
    page.goto(url)
    page.fill("#gk-header-query", query)
    page.press("#gk-header-query", "Enter")
    page.wait_for_function("/找到|没有/.test(document.querySelector('.gk-search__status')?.textContent || '')", timeout=30_000)
    return page.locator(".gk-search__status").inner_text()


def every_result(page) -> list[dict]:
    """Press 更多结果 until every result is shown; each result's address, title and details."""
    while page.locator(".gk-search__more").is_visible():
        shown = page.locator(".gk-search__result").count()
        page.click(".gk-search__more")
        page.wait_for_function(f"document.querySelectorAll('.gk-search__result').length > {shown}")
    return page.eval_on_selector_all(".gk-search__result", """items => items.map(item => ({
        url: new URL(item.querySelector('h2 a').href).pathname.slice(1),
        title: item.querySelector('h2').textContent,
        date: (item.querySelector('[data-field=发布日期]') || {}).textContent || '',
        status: (item.querySelector('[data-field=有效性]') || {}).textContent || ''}))""")


# (query, the words a page must hold to be expected): every form a citizen types
QUERIES = [
    ("森林防火", ["森林防火"]),
    ("最低生活保障", ["最低生活保障"]),
    ("2024年", ["2024年"]),
    ("11号", ["11号"]),
    ("2024年 森林防火", ["2024年", "森林防火"]),
    ("纸政发〔2024〕11号", ["纸政发〔2024〕11号"]),
    ("纸政发2024年11号", ["纸政发〔2024〕11号"]),
    ("纸政发 2024 11", ["纸政发〔2024〕11号"]),
    ("纸政发[2024]11号", ["纸政发〔2024〕11号"]),
    ("纸政发（２０２４）１１号", ["纸政发〔2024〕11号"]),
    ("失效", ["失效"]),
    ("废止", ["废止"]),
    ("已修改", ["已修改"]),
    ("规范性文件", ["规范性文件"]),
    ("政策解读", ["政策解读"]),
    ("纸坊镇人民政府", ["纸坊镇人民政府"]),
    ("csv", ["csv"]),
    ("biao.csv", ["biao.csv"]),
    ("请结合修改文件阅读", ["请结合修改文件阅读"]),
    ("明厨亮灶", ["明厨亮灶"]),
]


@pytest.mark.parametrize("query, words", QUERIES, ids=[q for q, _ in QUERIES])
def test_every_page_holding_the_query_is_found_titles_first_newest_first(large, query, words):
    url, page, texts = large
    wanted = expected(texts, words)
    assert wanted, "a query of this test must be on some page"
    status = ask(page, url, query)
    assert status == f"找到 {len(wanted)} 条结果"
    results = every_result(page)
    found = [r["url"] for r in results]
    assert set(found) == wanted  # recall 1 and nothing else
    if query.startswith("纸政发"):  # the document of that 文号 first (below), then the others
        results = results[1:]
    # the more of the query's words a title holds, the higher; among equals newer first (a page without
    # a date, such as the 指南, counts as current)
    titled = [title_matches(texts, [word]) for word in words]
    ranks = [(-sum(r["url"] in urls for urls in titled), r["date"] or "9999") for r in results]
    assert all(a[0] < b[0] or (a[0] == b[0] and a[1] >= b[1]) for a, b in zip(ranks, ranks[1:])), ranks


@pytest.mark.parametrize("query", ["纸政发〔2024〕11号", "纸政发2024年11号", "纸政发 2024 11"])
def test_the_document_with_the_typed_number_comes_first(large, query):
    url, page, _ = large
    ask(page, url, query)
    first = page.locator(".gk-search__result").first
    assert first.locator("[data-field=文号]").inner_text() == "纸政发〔2024〕11号"
    assert first.locator("h2 a").get_attribute("href").endswith("/policies/zhengfa-2024-11/")


def test_a_result_says_what_it_is_and_marks_an_ended_document(large):
    url, page, texts = large
    ask(page, url, "失效")
    results = every_result(page)
    ended = [r for r in results if r["status"] == "有效性：失效"]
    assert ended and all(r["url"].startswith("policies/") for r in ended)
    first = page.locator(".gk-search__result", has=page.locator(".gk-search__ended")).first
    assert first.locator(".gk-search__ended").inner_text() in ("有效性：失效", "有效性：废止")
    details = first.locator(".gk-search__details span").all_inner_texts()
    assert details[0] == "规范性文件" and dt.date.fromisoformat(details[1]) and details[2].startswith("纸政发〔")
    # a 规范性文件 found by its 有效性 shows that line as its excerpt, the word marked
    assert "失效" in first.locator(".gk-search__excerpt mark").all_inner_texts()


def test_the_excerpt_comes_from_where_the_match_is_and_the_title_is_marked(large):
    url, page, texts = large
    ask(page, url, "明厨亮灶")
    result = page.locator(".gk-search__result").first
    assert result.locator(".gk-search__excerpt mark").all_inner_texts() == ["明厨亮灶"]
    ask(page, url, "森林防火")
    titled = page.locator(".gk-search__result").first
    assert titled.locator("h2 mark").all_inner_texts() == ["森林防火"]
    excerpt = titled.locator(".gk-search__excerpt").inner_text()
    assert "。。" not in excerpt and "、森林防火、" not in excerpt


def test_a_misspelt_query_shows_near_results(large):
    url, page, texts = large
    status = ask(page, url, "森林放火")
    assert status.startswith("没有完全匹配的结果，以下是相近的结果")
    titles = page.locator(".gk-search__result h2").all_inner_texts()
    assert len(titles) == 10 and all("森林防火" in t for t in titles)


def test_nothing_near_says_so(large):
    url, page, _ = large
    assert ask(page, url, "量子计算机") == "没有找到相关信息。可以换个关键词，或减少筛选条件。"
