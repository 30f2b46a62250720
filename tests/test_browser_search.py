"""A citizen types Chinese words into the search box of the built sample site and finds the report."""
import pytest

from browser import chromium_page, require_browser, serve

pytestmark = pytest.mark.browser
REPORT_TITLE = "纸坊镇2023年度法治政府建设报告"


def search(page, query: str) -> list[str]:
    page.click(".md-search__input")
    page.fill(".md-search__input", "")
    page.keyboard.type(query)
    page.keyboard.press("End")  # a key event, as an input method's commit produces
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.locator(".md-search-result__item h1").all_inner_texts()


@pytest.fixture(scope="module")
def site_url(sample_site):
    require_browser()
    with serve(sample_site / "site") as url:
        yield url


@pytest.mark.parametrize("query", ["调解", "矛盾纠纷", "行政执法"])
def test_chinese_query_finds_the_report(site_url, query):
    with chromium_page() as page:
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(site_url)
        titles = search(page, query)
        assert REPORT_TITLE in titles  # exactly: no U+200B from the segmented index in what citizens copy
        assert all(url.startswith(site_url) for url in requested), [u for u in requested if not u.startswith(site_url)]


def test_clicking_a_result_opens_the_report(site_url):
    with chromium_page() as page:
        page.goto(site_url)
        search(page, "调解")
        page.locator(".md-search-result__item", has_text="法治").first.click()
        page.wait_for_url("**/reports/2023-fazhi-zhengfu-jianshe/**")
        assert page.locator("h1").first.inner_text() == REPORT_TITLE
