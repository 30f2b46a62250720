"""Benchmark: build generated corpora of N records and measure what county IT and citizens notice.

    python -m generator.bench.benchmark --sizes 100 1000 10000

For each N: generator stage, MkDocs build, search indexing and total time; peak memory; site size and
median/max page size; bytes Chromium downloads for the home page and for a first search query (served
with gzip, as a real web server does); rebuild time after editing one notice; and, up to --stock-max
records, stock MkDocs + Material (automatic navigation, built-in search) on the same Markdown.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import http.server
import io
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from ..config import load_config
from .corpus import MARKER, write_corpus
from ..pipeline import build_stage, index_search
from ..search.index import SEARCH_INDEX
from .relevance import page_texts
from .search_bench import measure_search, search_table

TODAY = dt.date(2026, 11, 25)
CHROMIUM = "/usr/bin/chromium"
STOCK_CONFIG = """site_name: 纸坊镇政府信息公开
plugins:
  - search:
      lang: zh
markdown_extensions: [tables, attr_list, md_in_html, admonition, toc]
theme:
  name: material
  language: zh
"""


def _mkdocs(root: Path, *extra: str) -> float:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", GONGKAI_CLI_BUILD="1", GONGKAI_TODAY=TODAY.isoformat())
    start = time.perf_counter()
    subprocess.run([sys.executable, "-I", "-m", "mkdocs", "build", "--strict", "--quiet", *extra], cwd=root, env=environment, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _timed(function, *arguments):
    start = time.perf_counter()
    result = function(*arguments)
    return time.perf_counter() - start, result


def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _pages(site: Path) -> list[int]:
    return sorted(p.stat().st_size for p in site.rglob("*.html"))


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build(root: Path) -> dict[str, float]:
    config = load_config(root)
    generator, (site, written) = _timed(build_stage, config, TODAY)
    mkdocs = _mkdocs(root)
    indexing, _ = _timed(index_search, config, site)
    _, unchanged = build_stage(config, TODAY)
    if unchanged.written:  # the README's claim: an unchanged record is never rewritten
        raise AssertionError(f"a second generator run rewrote {unchanged.written} unchanged files")
    return {"generator": generator, "mkdocs": mkdocs, "indexing": indexing, "total": generator + mkdocs + indexing}


def rebuild_after_editing_one_notice(root: Path) -> float:
    notice = sorted((root / "content" / "notices").glob("*.md"))[0]
    notice.write_text(notice.read_text(encoding="utf-8") + "\n补充说明：请各村于月底前报送材料。\n", encoding="utf-8")
    return build(root)["total"]


def stock(root: Path, prune: bool) -> tuple[dict[str, float], Path]:
    """Stock MkDocs + Material on the same Markdown: automatic navigation (every page lists every page),
    or with navigation.prune (the fair anchor on a large site)."""
    project = root.parent / ("stock-prune" if prune else "stock")
    shutil.copytree(root / "generated", project / "docs", ignore=shutil.ignore_patterns(".*"))
    (project / "mkdocs.yml").write_text(STOCK_CONFIG + ("  features: [navigation.prune]\n" if prune else ""), encoding="utf-8")
    seconds = _mkdocs(project)
    index = project / "site" / "search" / "search_index.json"
    pages = _pages(project / "site")
    return {"total": seconds, "site_mib": _size(project / "site") / 2**20, "median_kib": statistics.median(pages) / 1024,
            "max_kib": pages[-1] / 1024, "index_mib": index.stat().st_size / 2**20, "index_gzip_mib": len(gzip.compress(index.read_bytes())) / 2**20}, project


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text compressed and lets the browser cache for five minutes, as a web server set up for a
    government site does; Pagefind's own files are compressed already."""

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=300")
        super().end_headers()

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in self.TEXT and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def gzip_server(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: _GzipHandler(*a, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def browser_bytes(site: Path, query: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with gzip_server(site) as url:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            received: list[int] = []
            page.on("requestfinished", lambda request: received.append(request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]))
            page.goto(url, wait_until="networkidle")
            home = sum(received)
            received.clear()
            page.fill("#gk-header-query", query)
            page.press("#gk-header-query", "Enter")
            page.wait_for_selector(".gk-search__result", timeout=60_000)
            page.wait_for_load_state("networkidle")
            first_query = sum(received)
            found = page.locator(".gk-search__status").inner_text()
            browser.close()
    return {"home_kib": home / 1024, "first_query_kib": first_query / 1024, "found": found}


def measure(template: Path, count: int, stock_max: int, prune_max: int) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"gongkai-bench-{count}-") as folder:
        root = Path(folder) / "site"
        stats = write_corpus(template, root, count)
        result = {"records": count, **build(root)}
        pages = _pages(root / "site")
        result.update(site_mib=_size(root / "site") / 2**20, pages=len(pages), median_kib=statistics.median(pages) / 1024,
                      max_kib=pages[-1] / 1024, index_mib=_size(root / "site" / SEARCH_INDEX) / 2**20)
        result["rebuild"] = rebuild_after_editing_one_notice(root)
        result["peak_mib"] = _peak_mib()  # the builds' own: the browser (a child process too) runs after this
        result.update(browser_bytes(root / "site", MARKER), expected=len(stats.marker_records))
        texts = page_texts(root / "site")
        result["search"] = measure_search(root / "site", texts, False, gzip_server)
        searched = None
        if count <= stock_max:
            result["stock"], searched = stock(root, prune=False)
        if count <= prune_max:
            result["stock_prune"], searched = stock(root, prune=True)
        if searched:
            result["stock_search"] = measure_search(searched / "site", texts, True, gzip_server)
        return result


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "?")
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def table(results: list[dict]) -> str:
    rows = ["| records | generator | MkDocs | search index | total | generator share | rebuild after one edit | peak memory | site | pages | median / max page | home page download | first search query download |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        rows.append(f"| {r['records']:,} | {r['generator']:.1f} s | {r['mkdocs']:.1f} s | {r['indexing']:.1f} s | {r['total']:.1f} s | "
                    f"{100 * r['generator'] / r['total']:.1f} % | {r['rebuild']:.1f} s | {r['peak_mib']:.0f} MiB | {r['site_mib']:.0f} MiB | {r['pages']:,} | "
                    f"{r['median_kib']:.1f} / {r['max_kib']:.0f} KiB | {r['home_kib']:.0f} KiB | {r['first_query_kib']:.0f} KiB ({r['found']}, expected {r['expected']}) |")
    stock_rows = [(r["records"], name, r[key]) for r in results for key, name in (("stock", "automatic"), ("stock_prune", "navigation.prune")) if key in r]
    if stock_rows:
        rows += ["", "Stock MkDocs + Material on the same Markdown (built-in search with jieba):", "",
                 "| records | navigation | build | site | median / max page | search index (downloaded on every page load) |", "|---:|---|---:|---:|---:|---:|"]
        for records, name, s in stock_rows:
            rows.append(f"| {records:,} | {name} | {s['total']:.1f} s | {s['site_mib']:.0f} MiB | {s['median_kib']:.1f} / {s['max_kib']:.0f} KiB | "
                        f"{s['index_mib']:.1f} MiB ({s['index_gzip_mib']:.2f} MiB gzipped) |")
    for r in results:
        rows += ["", search_table(r["records"], r["search"], r.get("stock_search"))]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.bench.benchmark", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--stock-max", type=int, default=1000, help="compare with stock MkDocs + Material (automatic navigation) up to this many records")
    parser.add_argument("--stock-prune-max", type=int, default=10000, help="and with stock Material with navigation.prune up to this many")
    parser.add_argument("--template", type=Path, default=Path("."), help="the project whose mkdocs.yml, docs/ and overrides/ to use")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    arguments = parser.parse_args(argv)
    results = []
    for count in arguments.sizes:  # each size in its own process, so that peak memory is that size's own
        output = subprocess.run([sys.executable, "-c", f"import json, sys; from pathlib import Path; from generator.bench.benchmark import measure; "
                                 f"print(json.dumps(measure(Path({str(arguments.template.resolve())!r}), {count}, {arguments.stock_max}, {arguments.stock_prune_max})))"],
                                capture_output=True, text=True, encoding="utf-8", check=True)
        results.append(json.loads(output.stdout.strip().splitlines()[-1]))
        print(f"{count} records measured", file=sys.stderr)
    print(f"Machine: {machine()}\n")
    print(table(results))
    if arguments.json:
        arguments.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
