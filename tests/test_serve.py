"""`mkdocs serve` generates the tree and the search index too, so that the preview has working search."""
import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import SAMPLE_TODAY, copy_sample_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_has_pages_and_search(tmp_path):
    root = copy_sample_project(tmp_path)
    port = free_port()
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", GONGKAI_TODAY=SAMPLE_TODAY)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"],
                              cwd=root, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline, entry = time.monotonic() + 90, None
        while time.monotonic() < deadline and entry is None:
            try:
                entry = urllib.request.urlopen(f"http://127.0.0.1:{port}/search-index/meta.json", timeout=5).read()
            except OSError:
                time.sleep(0.5)
        assert entry and b'"entries"' in entry
        report = urllib.request.urlopen(f"http://127.0.0.1:{port}/fazhi/2023-fazhi-zhengfu-jianshe/", timeout=5).read().decode("utf-8")
        assert "一、党政主要负责人履职切实增强" in report
    finally:
        server.terminate()
        server.wait(timeout=30)
