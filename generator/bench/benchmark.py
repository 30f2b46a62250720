"""Benchmark: build generated corpora of N records and measure what clerks, county IT and citizens notice.

    python -m generator.bench.benchmark --sizes 1000 10000

Printed first: the date and the machine. For each N, as `gongkai build` runs it: generator, MkDocs and
search-index time, the full build's total and the generator's share of it; peak memory of the build's
processes together; an unchanged rebuild and a rebuild after editing one notice (incremental); under
`gongkai serve`, in Chromium, seconds from saving a notice to the page showing the new text (median of
three edits) and from adding a notice to its listing showing it; site size, median/max page, bytes
Chromium downloads for the home page and a first search query (gzip, as a real web server serves), and
search quality. Beside it, in the same run, stock MkDocs + Material with built-in search on the same
Markdown: with navigation.prune up to --stock-prune-max records, automatic navigation up to --stock-max.
Sizes up to --runs-max are run --runs times (min / median shown; search and stock in the first run only).
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
from ..commands.cli import build_site
from ..pipeline import build_stage
from .memory import TreeMemory
from .preview import add_and_wait, edit_and_wait, gongkai_serve
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


def _mkdocs(root: Path, limit_seconds: float) -> tuple[float, float, bool]:
    """Seconds and peak memory (MiB) of `mkdocs build` in `root` (the child's own, whatever ran before it),
    and whether it finished within `limit_seconds` (it is stopped there)."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", GONGKAI_CLI_BUILD="1", GONGKAI_TODAY=TODAY.isoformat())
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-I", "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=root, env=environment,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finished = True
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > limit_seconds:
            child.kill()
            _, status, usage = os.wait4(child.pid, 0)
            finished = False
            break
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if finished and child.returncode:
        raise RuntimeError(f"mkdocs build failed in {root}")
    return seconds, usage.ru_maxrss / 1024, finished


def _timed(function, *arguments):
    start = time.perf_counter()
    result = function(*arguments)
    return time.perf_counter() - start, result


def _pages(site: Path) -> list[int]:
    return sorted(p.stat().st_size for p in site.rglob("*.html"))


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build(root: Path, clean: bool) -> dict[str, float]:
    """`gongkai build` as the command runs it (MkDocs and the search index side by side), each part timed."""
    config = load_config(root)
    start = time.perf_counter()
    timings = {"mkdocs": 0.0, "indexing": 0.0}
    generator, (site, _) = _timed(build_stage, config, TODAY)
    with contextlib.redirect_stdout(io.StringIO()):
        failed = build_site(config, site, TODAY, clean, timings)
    if failed:
        raise RuntimeError("gongkai build failed")
    return {"generator": generator, **timings, "total": time.perf_counter() - start}


def edit_one_notice(root: Path) -> None:
    notice = sorted((root / "content" / "notices").glob("*.md"))[0]
    notice.write_text(notice.read_text(encoding="utf-8") + "\n补充说明：请各村于月底前报送材料。\n", encoding="utf-8")


def preview(root: Path) -> dict[str, float]:
    """Under `gongkai serve`, in Chromium: three edits of one notice, then a new notice in its listing."""
    from playwright.sync_api import sync_playwright

    notice = sorted((root / "content" / "notices").glob("*.md"))[1]
    start = time.perf_counter()
    with gongkai_serve(root, TODAY.isoformat()) as url, sync_playwright() as playwright:
        startup = time.perf_counter() - start
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        edits = [edit_and_wait(page, f"{url}notices/{notice.stem}/", notice, f"预览修改第{n}次：会议改在三楼会议室。") for n in range(1, 4)]
        added = add_and_wait(page, f"{url}notices/", root / "content" / "notices" / "zz-preview.md", "关于开展冬季用电安全检查的通知",
                             TODAY.isoformat(), 99999)
        browser.close()
    return {"preview_startup": startup, "preview_edit": statistics.median(edits), "preview_edit_max": max(edits), "preview_new": added}


def stock(root: Path, prune: bool, limit_seconds: float) -> tuple[dict, Path | None]:
    """Stock MkDocs + Material on the same Markdown: automatic navigation (every page lists every page),
    or with navigation.prune (the fair anchor on a large site). Stopped after `limit_seconds`: then the
    figures say how many of its pages it had written."""
    project = root.parent / ("stock-prune" if prune else "stock")
    shutil.copytree(root / "generated", project / "docs", ignore=shutil.ignore_patterns(".*"))
    (project / "mkdocs.yml").write_text(STOCK_CONFIG + ("  features: [navigation.prune]\n" if prune else ""), encoding="utf-8")
    seconds, peak, finished = _mkdocs(project, limit_seconds)
    if not finished:
        return {"finished": False, "total": seconds, "peak_mib": peak, "pages_written": len(_pages(project / "site")),
                "pages": sum(1 for _ in (project / "docs").rglob("*.md"))}, None
    index = project / "site" / "search" / "search_index.json"
    pages = _pages(project / "site")
    return {"finished": True, "total": seconds, "peak_mib": peak, "site_mib": _size(project / "site") / 2**20, "median_kib": statistics.median(pages) / 1024,
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


def measure(template: Path, count: int, stock_max: int, prune_max: int, searches: bool = True, stock_limit: float = 900) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"gongkai-bench-{count}-") as folder:
        root = Path(folder) / "site"
        stats = write_corpus(template, root, count)
        with TreeMemory() as memory:
            result = {"records": count, **build(root, clean=True)}
        result["peak_mib"] = memory.peak_mib  # this process (generator, index) and MkDocs beside it
        pages = _pages(root / "site")
        result.update(site_mib=_size(root / "site") / 2**20, pages=len(pages), median_kib=statistics.median(pages) / 1024,
                      max_kib=pages[-1] / 1024, index_mib=_size(root / "site" / SEARCH_INDEX) / 2**20)
        result["unchanged"] = build(root, clean=False)["total"]
        edit_one_notice(root)
        result["rebuild"] = build(root, clean=False)["total"]
        result.update(preview(root))
        if not searches:  # the repeated runs of a size: build and preview figures only
            return result
        result.update(browser_bytes(root / "site", MARKER), expected=len(stats.marker_records))
        texts = page_texts(root / "site")
        result["search"] = measure_search(root / "site", texts, False, gzip_server)
        searched = None
        if count <= stock_max:
            result["stock"], searched = stock(root, False, stock_limit)
        if count <= prune_max:
            result["stock_prune"], searched = stock(root, True, stock_limit)
        if searched:
            result["stock_search"] = measure_search(searched / "site", texts, True, gzip_server)
        return result


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "?")
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def _figure(runs: list[dict], key: str, unit: str, digits: int = 1) -> str:
    """One run's figure, or min / median of several."""
    values = [run[key] for run in runs]
    if len(values) == 1:
        return f"{values[0]:.{digits}f} {unit}"
    return f"{min(values):.{digits}f} / {statistics.median(values):.{digits}f} {unit}"


def table(results: list[list[dict]]) -> str:
    """results: for each size, its runs (several for the small sizes: min / median)."""
    rows = ["| records | runs | generator | MkDocs | search index | total (full build) | generator share | peak memory | "
            "unchanged rebuild | rebuild after one edit | preview: edit → page | preview: new notice → listing | preview start |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for runs in results:
        for run in runs:
            run["share"] = 100 * run["generator"] / run["total"]
        rows.append(f"| {runs[0]['records']:,} | {len(runs)} | {_figure(runs, 'generator', 's')} | {_figure(runs, 'mkdocs', 's')} | "
                    f"{_figure(runs, 'indexing', 's')} | {_figure(runs, 'total', 's')} | {_figure(runs, 'share', '%')} | "
                    f"{_figure(runs, 'peak_mib', 'MiB', 0)} | {_figure(runs, 'unchanged', 's')} | {_figure(runs, 'rebuild', 's')} | "
                    f"{_figure(runs, 'preview_edit', 's')} | {_figure(runs, 'preview_new', 's')} | {_figure(runs, 'preview_startup', 's', 0)} |")
    rows += ["", "| records | site | pages | median / max page | home page download | first search query download |", "|---:|---:|---:|---:|---:|---:|"]
    for r in (runs[0] for runs in results):
        rows.append(f"| {r['records']:,} | {r['site_mib']:.0f} MiB | {r['pages']:,} | {r['median_kib']:.1f} / {r['max_kib']:.0f} KiB | "
                    f"{r['home_kib']:.0f} KiB | {r['first_query_kib']:.0f} KiB ({r['found']}, expected {r['expected']}) |")
    stock_rows = [(r["records"], name, r[key]) for r in (runs[0] for runs in results)
                  for key, name in (("stock", "automatic"), ("stock_prune", "navigation.prune")) if key in r]
    if stock_rows:
        rows += ["", "Stock MkDocs + Material on the same Markdown (built-in search with jieba), in the same run:", "",
                 "| records | navigation | build | peak memory | site | median / max page | search index (downloaded on every page load) |",
                 "|---:|---|---:|---:|---:|---:|---:|"]
        for records, name, s in stock_rows:
            if not s.get("finished", True):
                rows.append(f"| {records:,} | {name} | stopped after {s['total'] / 60:.0f} min: {s['pages_written']:,} of {s['pages']:,} "
                            f"pages written | {s['peak_mib']:.0f} MiB | – | – | – |")
                continue
            rows.append(f"| {records:,} | {name} | {s['total']:.1f} s | {s['peak_mib']:.0f} MiB | {s['site_mib']:.0f} MiB | "
                        f"{s['median_kib']:.1f} / {s['max_kib']:.0f} KiB | {s['index_mib']:.1f} MiB ({s['index_gzip_mib']:.2f} MiB gzipped) |")
    for r in (runs[0] for runs in results):
        rows += ["", search_table(r["records"], r["search"], r.get("stock_search"))]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.bench.benchmark", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--stock-max", type=int, default=1000, help="compare with stock MkDocs + Material (automatic navigation) up to this many records")
    parser.add_argument("--stock-prune-max", type=int, default=10000, help="and with stock Material with navigation.prune up to this many")
    parser.add_argument("--template", type=Path, default=Path("."), help="the project whose mkdocs.yml, docs/ and overrides/ to use")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--runs", type=int, default=3, help="runs of each size up to --runs-max records (min / median are shown)")
    parser.add_argument("--runs-max", type=int, default=1000)
    parser.add_argument("--stock-minutes", type=float, default=10, help="stop a stock build after this long (it grows with the square of the pages)")
    arguments = parser.parse_args(argv)
    results = []
    for count in arguments.sizes:
        runs = []
        for run in range(arguments.runs if count <= arguments.runs_max else 1):
            # each run in its own process, so that peak memory is that run's own; searches and stock in the first only
            call = (f"measure(Path({str(arguments.template.resolve())!r}), {count}, {arguments.stock_max if run == 0 else 0}, "
                    f"{arguments.stock_prune_max if run == 0 else 0}, {run == 0}, {arguments.stock_minutes * 60})")
            output = subprocess.run([sys.executable, "-c", f"import json; from pathlib import Path; from generator.bench.benchmark import measure; "
                                     f"print(json.dumps({call}))"], capture_output=True, text=True, encoding="utf-8")
            if output.returncode:
                print(output.stderr[-3000:], file=sys.stderr)
                return 1
            runs.append(json.loads(output.stdout.strip().splitlines()[-1]))
            print(f"{count} records measured (run {run + 1})", file=sys.stderr)
            if arguments.json:  # after every run: a later failure keeps what was measured
                arguments.json.write_text(json.dumps([*results, runs], ensure_ascii=False, indent=1), encoding="utf-8")
        results.append(runs)
    print(f"Date: {dt.datetime.now().astimezone().isoformat(timespec='minutes')}")
    print(f"Machine: {machine()}\n")
    print(table(results))
    if arguments.json:
        arguments.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
