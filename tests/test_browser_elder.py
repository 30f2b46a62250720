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
