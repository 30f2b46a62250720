"""What a clerk waits for under `gongkai serve`: from saving a file to the refreshed page in Chromium.

Used by the benchmark (timed) and by the tests (what the page shows).
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

NEW_NOTICE = """---
标题: {title}
类别: 通知
发布日期: {today}
索引号: 11370829MB0000000A/{year}-{serial:05d}
发布机构: 纸坊镇人民政府
---

各村（社区）：

为做好冬季用电安全工作，镇政府定于下月开展用电安全检查，请各村提前做好准备。
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gongkai_serve(root: Path, today: str, startup_seconds: float = 900, log_path: Path | None = None):
    """`gongkai serve` on a free port; yields its address once the first build is served. What it says
    goes to `log_path` when given."""
    port = free_port()
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # not a pipe: a pipe nobody reads fills up and stops the server
    log = open(log_path, "w+b") if log_path else tempfile.TemporaryFile()
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(root), "--today", today, "--dev-addr", f"127.0.0.1:{port}"],
                              env=environment, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if server.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"gongkai serve stopped: {log.read().decode('utf-8', 'replace')[-2000:]}")
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def wait_for_text(page, text: str, timeout_seconds: float = 300) -> None:
    """Until the page, as the browser shows it after a reload, holds `text`."""
    page.wait_for_function("text => document.body && document.body.innerText.includes(text)", arg=text,
                           timeout=timeout_seconds * 1000, polling=50)


def edit_and_wait(page, record_url: str, record_file: Path, added: str) -> float:
    """Seconds from saving `record_file` with `added` at its end to the open page showing it."""
    page.goto(record_url, wait_until="load")
    page.wait_for_timeout(1000)  # livereload connects
    start = time.perf_counter()
    with open(record_file, "a", encoding="utf-8") as file:
        file.write(f"\n{added}\n")
    wait_for_text(page, added)
    return time.perf_counter() - start


def add_and_wait(page, listing_url: str, new_file: Path, title: str, today: str, serial: int) -> float:
    """Seconds from saving a new notice to the open listing showing its title."""
    page.goto(listing_url, wait_until="load")
    page.wait_for_timeout(1000)
    start = time.perf_counter()
    new_file.write_text(NEW_NOTICE.format(title=title, today=today, year=today[:4], serial=serial), encoding="utf-8")
    wait_for_text(page, title)
    return time.perf_counter() - start
