"""Screenshots of every page type of a built site, to look at before saying a layout change is done.

    python tests/screenshots.py [SITE_DIR] [OUT_DIR] [--viewport]   (defaults: site/ and screenshots/)

Writes OUT_DIR/<page>-<width>[-elder].png, full page (--viewport: the first screen only), at 320, 375 and
1280 px, in normal and 长者模式, and
prints each page's scrollWidth (wider than the screen means a phone scrolls sideways). The output is
not committed (screenshots/ is ignored); the README shows two of them.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

# One page of each type in the sample site: home, listings, 目录, a record of each kind, each report, search.
PAGES = {
    "home": "",
    "notices": "notices/",
    "policies": "policies/",
    "policies-current": "policies/current/",
    "interpretations": "interpretations/",
    "reports": "reports/",
    "catalog": "catalog/",
    "notice": "notices/2024-senlin-fanghuo/",
    "policy": "policies/zhengfa-2021-5/",
    "interpretation": "interpretations/zhengfa-2023-3-jiedu/",
    "organization": "organization/jigou-xinxi/",
    "listing-by-field": "finance/",
    "sitemap": "sitemap/",
    "guide": "guide/",
    "contact": "contact/",
    "feeds": "feeds/",
    "report": "reports/2023-zhengfu-xinxi-gongkai/",
    "fazhi": "fazhi/2023-fazhi-zhengfu-jianshe/",
    "standard-catalog": "standard-catalog/",
    "application": "application/",
    "search": "search/?q=森林防火",
    "search-number": "search/?q=纸政发2021年5号",  # an ended document: 有效性 marked
    "search-near": "search/?q=森林放火",  # a misspelt query: near results
}
WIDTHS = (320, 375, 1280)


def main(site: Path, out: Path, full_page: bool = True) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            for elder in (False, True):
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                page.goto(url)
                page.evaluate(f"localStorage.setItem('gongkai.elder', '{1 if elder else 0}')")
                for name, path in PAGES.items():
                    page.goto(url + path)
                    page.wait_for_load_state("networkidle")
                    target = out / f"{name}-{width}{'-elder' if elder else ''}.png"
                    page.screenshot(path=str(target), full_page=full_page)
                    print(f"{target}  scrollWidth {page.evaluate('document.documentElement.scrollWidth')}")
                context.close()
        browser.close()


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--viewport"]
    main(Path(arguments[0] if arguments else "site"), Path(arguments[1] if len(arguments) > 1 else "screenshots"),
         full_page="--viewport" not in sys.argv)
