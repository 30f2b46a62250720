"""Search on a generated site of 1,000 records, in Chromium: counts known in advance, a filter, a click."""
import pytest

from browser import chromium_page, require_browser, serve
from generator.bench.corpus import MARKER

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(large_site):
    require_browser()
    root, stats = large_site
    with serve(root / "site") as url:
        yield url, stats


def run_search(page, url: str, query: str, start: str) -> str:
    page.goto(url + start)
    page.fill("#gk-header-query", query)
    page.press("#gk-header-query", "Enter")
    page.wait_for_function("/找到|没有/.test(document.querySelector('.gk-search__status')?.textContent || '')", timeout=30_000)
    return page.locator(".gk-search__status").inner_text()


def test_a_term_in_a_known_set_of_records_is_found_exactly(site):
    url, stats = site
    with chromium_page() as page:
        status = run_search(page, url, MARKER, "policies/")  # the header box of another page type
        assert status == f"找到 {len(stats.marker_records)} 条结果"
        page.wait_for_selector(".gk-search__result")
        shown = page.locator(".gk-search__result h2 a").evaluate_all("links => links.map(a => new URL(a.href).pathname.slice(1))")
        assert len(shown) == 10 and all(path in stats.marker_records for path in shown)
        page.click(".gk-search__more")
        page.wait_for_function("document.querySelectorAll('.gk-search__result').length === 20")


def test_a_filter_narrows_a_large_result(site):
    url, stats = site
    with chromium_page() as page:
        everything = int(run_search(page, url, "安全生产", "").split()[1])
        page.select_option("select[name='类型']", "规范性文件")
        page.wait_for_function("(t => /找到 \\d+ 条|没有/.test(t) && !t.includes('找到 %d 条'))(document.querySelector('.gk-search__status').textContent)" % everything)
        narrowed = int(page.locator(".gk-search__status").inner_text().split()[1])
        assert 0 < narrowed < everything
        page.wait_for_selector(".gk-search__result")
        assert all(d.count("纸政发") == 1 for d in page.locator(".gk-search__details").all_inner_texts())


def test_clicking_a_result_opens_the_record(site):
    url, stats = site
    with chromium_page() as page:
        run_search(page, url, MARKER, "")
        first = page.locator(".gk-search__result h2 a").first
        title = first.inner_text()
        first.click()
        page.wait_for_load_state()
        assert page.locator("h1").first.inner_text() == title
        assert MARKER in page.locator("article").inner_text()


@pytest.mark.parametrize("path", ["catalog/", "policies/", "notices/"])
def test_year_links_land_on_their_year(site, path):
    url, _ = site
    with chromium_page() as page:
        page.goto(url + path)
        links = page.eval_on_selector_all(".gk-years a", "links => links.map(a => a.href)")
        assert len(links) > 3
        for href in links:
            page.goto(href)
            anchor = href.split("#", 1)[1]
            assert page.evaluate("id => document.getElementById(decodeURIComponent(id)) !== null", anchor), href
