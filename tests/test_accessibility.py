"""axe-core in Chromium on every page type: no violation of impact serious or critical."""
import contextlib
from pathlib import Path

import pytest

from screenshots import PAGES as SCREENSHOT_PAGES

pytestmark = pytest.mark.browser
# every page type of the sample, as tests/screenshots.py takes them (search: below, once results show)
PAGES = {name: path for name, path in SCREENSHOT_PAGES.items() if name != "search"}


def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@contextlib.contextmanager
def new_page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        yield page
    finally:
        page.close()


def serious_violations(page) -> list[str]:
    page.add_script_tag(content=axe_script())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "长者模式"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_type_has_no_serious_violation(sample_url, browser, name, elder):
    with new_page(browser) as page:
        page.goto(sample_url)
        page.evaluate(f"localStorage.setItem('gongkai.elder', '{1 if elder else 0}')")
        page.goto(sample_url + PAGES[name])
        page.wait_for_load_state("networkidle")
        violations = serious_violations(page)
        assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "长者模式"])
def test_search_results_have_no_serious_violation(sample_url, browser, elder):
    with new_page(browser) as page:
        page.goto(sample_url)
        page.evaluate(f"localStorage.setItem('gongkai.elder', '{1 if elder else 0}')")
        page.goto(sample_url + "search/?q=%E8%B0%83%E8%A7%A3")
        page.wait_for_selector(".gk-search__result")
        violations = serious_violations(page)
        assert violations == [], "\n".join(violations)
