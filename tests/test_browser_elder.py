"""适老化 and keyboard use: the 长者模式 toggle persists across pages, a skip link comes first, focus is
visible, and a document prints with its metadata table and without navigation."""
import pytest

from browser import chromium_page

pytestmark = pytest.mark.browser


def font_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")


def test_elder_mode_enlarges_text_and_persists_across_pages(sample_url):
    with chromium_page() as page:
        page.goto(sample_url + "notices/2024-chungeng-beigeng/")
        normal = font_size(page)
        toggle = page.get_by_role("button", name="长者模式")
        assert toggle.get_attribute("aria-pressed") == "false"
        toggle.click()
        assert toggle.get_attribute("aria-pressed") == "true"
        assert font_size(page) >= normal * 1.25
        page.goto(sample_url + "policies/zhengfa-2021-5/")
        assert page.evaluate("document.documentElement.classList.contains('gk-elder')")
        assert page.get_by_role("button", name="长者模式").get_attribute("aria-pressed") == "true"
        page.get_by_role("button", name="长者模式").click()
        page.goto(sample_url)
        assert not page.evaluate("document.documentElement.classList.contains('gk-elder')")


def test_keyboard_reaches_a_skip_link_first_and_sees_focus(sample_url):
    with chromium_page() as page:
        page.goto(sample_url + "notices/")
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.className, document.activeElement.textContent.trim(), "
                                "getComputedStyle(document.activeElement).outlineStyle]")
        assert "md-skip" in focused[0].split() and focused[1] == "跳转至"
        assert focused[2] != "none"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.md-content') !== null")


def test_a_document_prints_with_its_metadata_and_without_navigation(sample_url):
    with chromium_page() as page:
        page.goto(sample_url + "policies/zhengfa-2023-3/")
        page.emulate_media(media="print")
        hidden = page.evaluate("['.md-header', '.md-sidebar--primary', '.md-footer', '.gk-breadcrumbs']"
                               ".map(s => getComputedStyle(document.querySelector(s)).display)")
        assert hidden == ["none"] * 4
        assert page.locator("table.gk-meta").is_visible()
        assert page.locator("table.gk-meta").inner_text().count("纸政发〔2023〕3号") == 1


PHONE_PAGES = ["", "notices/", "policies/", "catalog/", "policies/zhengfa-2021-5/", "reports/2023-zhengfu-xinxi-gongkai/",
               "organization/jigou-xinxi/", "application/", "standard-catalog/", "search/?q=森林"]


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("elder", [False, True])
def test_on_a_phone_no_page_is_wider_than_the_screen_and_the_switch_stays_on_it(sample_url, width, elder):
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.goto(sample_url)
            page.evaluate(f"localStorage.setItem('gongkai.elder', '{1 if elder else 0}')")
            for path in PHONE_PAGES:
                page.goto(sample_url + path)
                toggle = page.locator(".gk-elder-toggle")
                box = toggle.bounding_box()
                assert page.evaluate("document.documentElement.scrollWidth") <= width, path
                assert box is not None and 0 <= box["x"] and box["x"] + box["width"] <= width, path
                assert toggle.inner_text() == ("退出长者模式" if elder else "长者模式"), path
        finally:
            browser.close()
