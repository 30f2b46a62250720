"""The 规范性文件 table and the 公开目录 filter in the browser, and stay complete without JavaScript."""
import pytest

from browser import chromium_page

pytestmark = pytest.mark.browser


def visible_rows(page) -> list[str]:
    return [row.inner_text() for row in page.locator(".gk-table tbody tr:visible").all()]


def test_filter_policies_by_validity_and_year(sample_url):
    with chromium_page() as page:
        page.goto(sample_url + "policies/")
        assert len(visible_rows(page)) == 5
        page.select_option("select[data-column='有效性']", "废止")
        rows = visible_rows(page)
        assert len(rows) == 1 and "纸政发〔2021〕5号" in rows[0]
        assert page.locator(".gk-filter-status").inner_text() == "共 5 条，显示 1 条"
        page.select_option("select[data-column='有效性']", "")
        page.select_option("select[data-column='发布日期']", "2025")
        assert sorted(r.split("\t")[0] for r in visible_rows(page)) == ["纸政发〔2025〕2号", "纸政发〔2025〕3号"]


def test_catalog_filters_by_type_and_text_and_sorts(sample_url):
    with chromium_page() as page:
        page.goto(sample_url + "catalog/")
        page.select_option("select[data-column='类型']", "政策解读")
        assert len(visible_rows(page)) == 3
        page.select_option("select[data-column='类型']", "")
        page.fill(".gk-filters input[type=search]", "财务")
        assert len(visible_rows(page)) == 3  # two versions of the 财务管理办法 and the 解读 of the new one
        page.fill(".gk-filters input[type=search]", "")
        page.click("th >> text=索引号")
        first = page.locator(".gk-table tbody tr").first.inner_text()
        assert first.startswith("11370829MB0000000A/2021-00001")


def test_without_javascript_the_table_is_complete(sample_url):
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(java_script_enabled=False).new_page()
        page.goto(sample_url + "catalog/")
        assert page.locator(".gk-table tbody tr").count() == 21
        assert page.locator(".gk-filters").count() == 0
        browser.close()
