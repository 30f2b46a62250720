"""Every page type at 320, 375 and 1280 px, in normal and 长者模式, measured in Chromium: nothing wider
than the screen, the switch on screen and saying its state, the site's name in the header, every table
fitting its box or stacked into cards, the 目录's titles readable on a desk (year links that land:
test_browser_large_site.py)."""
import pytest

from screenshots import PAGES

pytestmark = pytest.mark.browser

# Per table of the main content: "stacked" (cards), "fits" (its scroll box shows all of it) or "clipped".
TABLE_STATES = """() => [...document.querySelectorAll('.md-content table')].map(table => {
  if (getComputedStyle(table).display === 'block' && ['flex', 'grid', 'block'].includes(getComputedStyle(table.rows[table.rows.length - 1]).display))
    return 'stacked';
  const box = table.closest('.md-typeset__scrollwrap, .gk-report-table');
  const fits = box ? box.scrollWidth <= box.clientWidth + 1
                   : table.getBoundingClientRect().right <= table.parentElement.getBoundingClientRect().right + 1;
  return fits && table.getBoundingClientRect().right <= innerWidth + 1 ? 'fits' : 'clipped: ' + (table.caption ? table.caption.textContent : table.rows[0].textContent.slice(0, 30));
})"""


@pytest.mark.parametrize("width", [320, 375, 1280])
@pytest.mark.parametrize("elder", [False, True])
def test_every_page_type_fits_the_screen(sample_url, browser, width, elder):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(sample_url)
    page.evaluate(f"localStorage.setItem('gongkai.elder', '{1 if elder else 0}')")
    problems = []
    for name, path in PAGES.items():
        page.goto(sample_url + path)
        if name == "search":
            page.wait_for_selector(".gk-search__result")
        if page.evaluate("document.documentElement.scrollWidth") > width:
            problems.append(f"{name}: the page is {page.evaluate('document.documentElement.scrollWidth')} px wide")
        toggle = page.locator(".gk-elder-toggle")
        box = toggle.bounding_box()
        if box is None or box["x"] < 0 or box["x"] + box["width"] > width or box["y"] < 0:
            problems.append(f"{name}: the 长者模式 switch is off the screen ({box})")
        if toggle.inner_text() != ("退出长者模式" if elder else "长者模式"):
            problems.append(f"{name}: the switch says {toggle.inner_text()!r}")
        site_name = page.locator(".md-header__topic").first
        if not site_name.is_visible() or site_name.evaluate("e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1"):
            problems.append(f"{name}: the site's name is not shown whole in the header")
        problems += [f"{name}: table {state}" for state in page.evaluate(TABLE_STATES) if state not in ("stacked", "fits")]
    context.close()
    assert problems == []


@pytest.mark.parametrize("elder", [False, True])
def test_a_title_column_of_the_catalog_holds_16_characters_on_a_desk(sample_url, browser, elder):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(sample_url)
    page.evaluate(f"localStorage.setItem('gongkai.elder', '{1 if elder else 0}')")
    page.goto(sample_url + "catalog/")
    width, font = page.evaluate("""() => { const cell = document.querySelector('.md-content table td:nth-child(2)');
      return [cell.getBoundingClientRect().width, parseFloat(getComputedStyle(cell).fontSize)]; }""")
    assert width >= 16 * font
    assert page.evaluate("[...document.querySelectorAll('.md-content table')].every(t => t.getBoundingClientRect().right <= innerWidth)")
    context.close()


def test_on_a_phone_tab_never_lands_on_a_hidden_link(sample_url, browser):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(sample_url + "notices/")
    for _ in range(8):
        page.keyboard.press("Tab")
        assert page.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
          return r.width > 0 && r.left >= 0 && r.right <= innerWidth; }"""), page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
    page.locator(".md-header label[for='__drawer']").click()  # the menu opened: its links are reachable again
    page.wait_for_timeout(400)
    assert page.get_by_role("link", name="政府信息公开目录", exact=True).first.is_visible()
    page.close()


def test_after_a_search_the_focus_is_on_its_outcome(sample_url, browser):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(sample_url + "search/")
    page.wait_for_selector(".gk-search__status:has-text('请输入')")
    page.fill("#gk-search-query", "森林防火")
    page.keyboard.press("Enter")
    page.wait_for_selector(".gk-search__result")
    assert page.evaluate("document.activeElement.classList.contains('gk-search__status')")
    assert page.evaluate("document.activeElement.textContent").startswith("找到")
    page.close()


def test_filter_labels_stay_beside_their_controls(sample_url, browser):
    page = browser.new_page(viewport={"width": 320, "height": 800})
    for path in ("catalog/", "search/?q=森林"):
        page.goto(sample_url + path)
        page.wait_for_selector(".gk-filter select")
        assert page.evaluate("""() => [...document.querySelectorAll('.gk-filter')].every(group => {
          const [label, control] = group.children; return Math.abs(label.getBoundingClientRect().top - control.getBoundingClientRect().top) < 20; })"""), path
    page.close()


LONG = "A" * 150
LONG_NOTICE = f"""---
标题: 关于{LONG}的通知
类别: 通知
发布日期: 2026-11-20
发布机构: 纸坊镇人民政府{"镇" * 60}
关键词: {LONG}
---

正文 https://example.gov.cn/{"x" * 120} 以及 {LONG}

| 一 | 二 | 三 | 四 | 五 | 六 | 七 | 八 | 九 | 十 |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| {LONG} | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 |
"""


def test_a_long_unbroken_value_never_widens_a_page(tmp_path, browser):
    import subprocess
    import sys

    from browser import serve
    from conftest import REPO, SAMPLE_TODAY, copy_sample_project

    root = copy_sample_project(tmp_path)
    (root / "content/notices/long.md").write_text(LONG_NOTICE, encoding="utf-8")
    for command in (["number"], ["build", "--today", SAMPLE_TODAY]):
        result = subprocess.run([sys.executable, "-m", "generator", *command, "--root", str(root)], capture_output=True, text=True, cwd=REPO)
        assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        for width in (320, 1280):
            for elder in (0, 1):
                page = browser.new_page(viewport={"width": width, "height": 800})
                page.goto(url)
                page.evaluate(f"localStorage.setItem('gongkai.elder', '{elder}')")
                for path in ("notices/long/", "notices/", "catalog/", ""):
                    page.goto(url + path)
                    assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, elder, path)
                page.close()
