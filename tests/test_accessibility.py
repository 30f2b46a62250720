"""axe-core in Chromium on every page type: no violation of impact serious or critical."""
from pathlib import Path

import pytest

from browser import chromium_page

pytestmark = pytest.mark.browser
PAGES = {
    "home": "",
    "listing": "notices/",
    "record with a banner": "policies/zhengfa-2021-5/",
    "report with tables": "reports/2023-zhengfu-xinxi-gongkai/",
    "目录": "catalog/",
    "policy table": "policies/",
    "网站地图": "sitemap/",
    "机构信息 with its tables": "organization/jigou-xinxi/",
    "listing grouped by a field": "finance/",
    "指南": "guide/",
    "依申请公开 with the form": "application/",
    "标准目录": "standard-catalog/",
}


def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def serious_violations(page) -> list[str]:
    page.add_script_tag(content=axe_script())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("name", list(PAGES))
def test_page_type_has_no_serious_violation(sample_url, name):
    with chromium_page() as page:
        page.goto(sample_url + PAGES[name])
        page.wait_for_load_state("networkidle")
        violations = serious_violations(page)
        assert violations == [], "\n".join(violations)


def test_search_results_have_no_serious_violation(sample_url):
    with chromium_page() as page:
        page.goto(sample_url + "search/?q=%E8%B0%83%E8%A7%A3")
        page.wait_for_selector(".gk-search__result")
        violations = serious_violations(page)
        assert violations == [], "\n".join(violations)
