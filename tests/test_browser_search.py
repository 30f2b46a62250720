"""A citizen types Chinese words into the header search box of the built sample site and finds the report.

The tests open the real page in Chromium and type into the real box.
"""
import urllib.parse

import pytest

from browser import chromium_page

pytestmark = pytest.mark.browser
REPORT_TITLE = "纸坊镇2023年度法治政府建设报告"


def search(page, sample_url: str, query: str, start: str = "notices/") -> list[str]:
    """Type the query into the header box of a page, as a citizen would, and read the result titles."""
    page.goto(sample_url + start)
    page.fill("#gk-header-query", query)
    page.press("#gk-header-query", "Enter")
    page.wait_for_function("/找到|没有/.test(document.querySelector('.gk-search__status')?.textContent || '')")
    count = page.locator(".gk-search__status").inner_text()
    if count.startswith("找到"):
        page.wait_for_selector(".gk-search__result")
    return page.locator(".gk-search__result h2").all_inner_texts()


@pytest.mark.parametrize("query", ["调解", "矛盾纠纷", "行政执法", "调处率98%"])
def test_chinese_query_finds_the_report(sample_url, query):
    with chromium_page() as page:
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        assert REPORT_TITLE in search(page, sample_url, query)
        assert all(url.startswith(sample_url) for url in requested), [u for u in requested if not u.startswith(sample_url)]


def test_a_word_jieba_and_the_browser_segment_differently_is_found(sample_url):
    # 人居环境: indexed word by word it was missed; indexed by character it is a plain substring match
    with chromium_page() as page:
        titles = search(page, sample_url, "人居环境")
        assert "【示例】纸坊镇农村人居环境整治管理办法" in titles and len(titles) == 4


def test_search_by_doc_number_shows_what_the_result_is(sample_url):
    with chromium_page() as page:
        titles = search(page, sample_url, "纸政发〔2021〕5号")
        assert titles[0] == "【示例】纸坊镇村级财务管理办法"
        first = page.locator(".gk-search__result").first
        assert first.locator(".gk-search__details span").all_inner_texts() == ["规范性文件", "2021-06-18", "纸政发〔2021〕5号", "有效性：废止"]
        assert first.locator(".gk-search__ended").inner_text() == "有效性：废止"  # marked, not only written


def test_filters_narrow_the_results(sample_url):
    with chromium_page() as page:
        assert len(search(page, sample_url, "财务")) == 3
        page.select_option("select[name='类型']", "规范性文件")
        page.wait_for_function("document.querySelectorAll('.gk-search__result').length === 2")
        page.select_option("select[name='有效性']", "废止")
        page.wait_for_function("document.querySelectorAll('.gk-search__result').length === 1")
        assert page.locator(".gk-search__result h2").inner_text() == "【示例】纸坊镇村级财务管理办法"
        assert "有效性=废止" in urllib.parse.unquote(page.url)  # the filtered search can be bookmarked


def test_withdrawn_notices_are_not_found(sample_url):
    with chromium_page() as page:
        titles = search(page, sample_url, "春季安全生产工作会议")  # only near results: other 安全生产 notices
        assert page.locator(".gk-search__status").inner_text().startswith("没有完全匹配的结果")
        assert "【示例】关于召开2024年春季安全生产工作会议的通知" not in titles


def test_clicking_a_result_opens_the_report(sample_url):
    with chromium_page() as page:
        search(page, sample_url, "调解")
        page.locator(".gk-search__result a", has_text="法治").first.click()
        page.wait_for_url("**/fazhi/2023-fazhi-zhengfu-jianshe/")
        assert page.locator("h1").first.inner_text() == REPORT_TITLE


@pytest.mark.parametrize("query, title", [("申请表", "依申请公开"), ("信息处理费", "依申请公开"),
                                          ("乡镇财政预算", "基层政务公开标准目录"), ("监督和救济", "纸坊镇人民政府政府信息公开指南")])
def test_pages_made_from_configuration_are_found(sample_url, query, title):
    with chromium_page() as page:
        assert title in search(page, sample_url, query)
