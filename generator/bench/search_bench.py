"""Search as a citizen meets it, measured in Chromium: gongkai's search page and stock Material's search.

For every query: what the first query downloads on a fresh visit (after the home page) and how long its
results take, what a second query downloads, the share of the top 10 whose title holds the query, and
the recall against the pages that hold it (bench/relevance.py). Served with gzip, as a real server does.
"""
from __future__ import annotations

import time
import urllib.parse
from pathlib import Path

from .relevance import PageText, canonical, expected, title_matches

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
# (query, the words a page must hold to be expected); the last one is misspelt (森林防火)
QUERIES = [("森林防火", ["森林防火"]), ("最低生活保障", ["最低生活保障"]), ("2024年", ["2024年"]), ("11号", ["11号"]),
           ("2024年 森林防火", ["2024年", "森林防火"]), ("纸政发2024年11号", ["纸政发〔2024〕11号"]), ("失效", ["失效"]),
           ("csv", ["csv"]), ("明厨亮灶", ["明厨亮灶"]), ("森林放火", ["森林防火"])]


def _counting(page, counted=lambda address: True) -> list[int]:
    """Bytes received per request (as sent: compressed), for the requests `counted` accepts."""
    received: list[int] = []

    def finished(request) -> None:
        if counted(request.url):
            sizes = request.sizes()
            received.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    page.on("requestfinished", finished)
    return received


def _outcome(page, selector: str, pattern: str) -> None:
    page.wait_for_function(f"/{pattern}/.test(document.querySelector({selector!r})?.textContent || '')", timeout=120_000)


def _titles(titles: list[str], words: list[str], pages: list[PageText]) -> tuple[int, int]:
    """How many of the top 10 have the query in their title, and how many could (records and pages with it
    in theirs; stock also finds listings, whose titles may hold it too)."""
    wanted = [canonical(word) for word in words]
    holds = sum(all(word in canonical(title) for word in wanted) for title in titles[:10])
    return holds, max(holds, min(10, len(title_matches(pages, words))))


def _recall(found: list[str], pages: list[PageText], words: list[str]) -> tuple[float, int]:
    wanted = expected(pages, words)
    return (len(wanted & set(found)) / len(wanted) if wanted else 1.0), len(wanted)


_ALL_OURS = """async () => {
  const more = document.querySelector('.gk-search__more');
  while (!more.hidden) {
    const shown = document.querySelectorAll('.gk-search__result').length;
    more.click();
    while (document.querySelectorAll('.gk-search__result').length === shown) await new Promise(r => setTimeout(r, 5));
  }
  return Array.from(document.querySelectorAll('.gk-search__result h2 a'), a => [new URL(a.href).pathname.slice(1), a.textContent]);
}"""


def gongkai_search(browser, url: str, pages: list[PageText]) -> list[dict]:
    rows = []
    for number, (query, words) in enumerate(QUERIES):
        second_query = QUERIES[(number + 1) % len(QUERIES)][0]  # asked next, on the search page itself
        context = browser.new_context()
        page = context.new_page()
        received = _counting(page)
        page.goto(url, wait_until="networkidle")
        received.clear()
        start = time.perf_counter()
        page.fill("#gk-header-query", query)
        page.press("#gk-header-query", "Enter")
        _outcome(page, ".gk-search__status", "找到|没有")
        seconds = time.perf_counter() - start
        page.wait_for_load_state("networkidle")
        first = sum(received)
        status = page.locator(".gk-search__status").inner_text()
        found = page.evaluate(_ALL_OURS)
        received.clear()
        start = time.perf_counter()
        page.fill("#gk-search-query", second_query)
        page.press("#gk-search-query", "Enter")
        page.wait_for_function(f"new URLSearchParams(location.search).get('q') === {second_query!r} && "
                               f"/找到|没有/.test(document.querySelector('.gk-search__status').textContent)", timeout=120_000)
        page.wait_for_timeout(500)  # the page is loaded already: wait for the query's own downloads to be reported
        second, second_seconds = sum(received), time.perf_counter() - start
        recall, relevant = _recall([u for u, _ in found], pages, words)
        rows.append({"query": query, "status": status, "results": len(found), "relevant": relevant, "recall": recall,
                     "titles": _titles([t for _, t in found], words, pages), "first_kib": first / 1024, "seconds": seconds,
                     "second_query": second_query, "second_kib": second / 1024, "second_seconds": second_seconds})
        context.close()
    return rows


# Material renders its results a few at a time as one scrolls; what its worker answered is the whole list,
# in the order shown. The page's Worker is wrapped before Material's script runs, to keep those answers.
_KEEP_STOCK_ANSWERS = """(() => {
  const Original = window.Worker;
  window.__answers = [];
  window.Worker = function (url, options) {
    const worker = new Original(url, options);
    worker.addEventListener('message', e => { if (e.data && e.data.type === 3) window.__answers.push(e.data.data.items); });
    return worker;
  };
})();"""
_STOCK_RESULTS = """() => window.__answers[window.__answers.length - 1].map(item =>
  [item[0].location.split('#')[0], item[0].title.replace(/<[^>]+>/g, '').replace(/\u200b/g, '')])"""


def stock_search(browser, url: str, pages: list[PageText]) -> list[dict]:
    """Stock Material: its index (the whole site) is downloaded when a page loads and searched in a worker;
    what is counted is that download (index, worker, lunr), not the page."""
    rows = []
    for query, words in QUERIES:
        context = browser.new_context()
        context.add_init_script(_KEEP_STOCK_ANSWERS)
        page = context.new_page()
        received = _counting(page, lambda address: "/search/" in address or "/lunr/" in address or "/workers/" in address)
        page.goto(url + "index.html", wait_until="networkidle")
        page.click(".md-search__input") if page.locator(".md-search__input").is_visible() else page.click("label[for='__search']")
        _outcome(page, ".md-search-result__meta", "键入")
        first = sum(received)
        start = time.perf_counter()
        page.fill(".md-search__input", query)
        page.press(".md-search__input", "End")  # Material searches on keyup; typed Chinese arrives as input only
        _outcome(page, ".md-search-result__meta", "结果")
        seconds = time.perf_counter() - start
        answer = page.evaluate(_STOCK_RESULTS)
        found = list(dict.fromkeys(urllib.parse.unquote(location) for location, _ in answer))
        titles = [title for _, title in answer]
        recall, relevant = _recall(found, pages, words)
        rows.append({"query": query, "status": page.locator(".md-search-result__meta").inner_text(), "results": len(found),
                     "relevant": relevant, "recall": recall, "titles": _titles(titles, words, pages), "first_kib": first / 1024,
                     "seconds": seconds})
        context.close()
    return rows


def measure_search(site: Path, pages: list[PageText], stock: bool, serve) -> list[dict]:
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            return stock_search(browser, url, pages) if stock else gongkai_search(browser, url, pages)
        finally:
            browser.close()


def search_table(records: int, ours: list[dict], stock: list[dict] | None) -> str:
    """One row per query: gongkai beside stock Material (when measured)."""
    rows = [f"Search at {records:,} records (Chromium; download and time of a query asked first, from the home page's box, and "
            "download of the same query asked next, in the search page's box after the query above it):", "",
            "| query | relevant pages | found (recall) | title matches in top 10 | first query | results in | as a second query |"
            + (" stock: found (recall) | stock: titles in top 10 | stock: index download | stock: results in |" if stock else ""),
            "|---|---:|---:|---:|---:|---:|---:|" + ("---:|---:|---:|---:|" if stock else "")]
    for n, r in enumerate(ours):
        near = " (near)" if r["status"].startswith("没有完全匹配") else ""
        row = (f"| {r['query']} | {r['relevant']:,} | {r['results']:,}{near} ({100 * r['recall']:.0f} %) | {r['titles'][0]} of {r['titles'][1]} | "
               f"{r['first_kib']:.0f} KiB | {r['seconds']:.2f} s | {ours[n - 1]['second_kib']:.0f} KiB |")
        if stock:
            s = stock[n]
            row += f" {s['results']:,} ({100 * s['recall']:.0f} %) | {s['titles'][0]} of {s['titles'][1]} | {s['first_kib']:.0f} KiB | {s['seconds']:.2f} s |"
        rows.append(row)
    return "\n".join(rows)
