"""`mkdocs serve` generates the tree and the search index too, so that the preview has working search."""
import os
import socket
import subprocess
import sys
import json
import re
import time
import urllib.error
import urllib.request

from browser import chromium_page, require_browser
from conftest import SAMPLE_TODAY, copy_sample_project

from generator.bench.preview import NEW_NOTICE, add_and_wait, edit_and_wait, gongkai_serve


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


def served_page(url: str) -> str:
    """A page as built: without the reload script MkDocs adds as it serves, which counts the builds."""
    return re.sub(r"livereload\(\d+, \d+\)", "", urllib.request.urlopen(url, timeout=5).read().decode("utf-8"))


def index_entries(url: str) -> int:
    return json.loads(urllib.request.urlopen(url + "search-index/meta.json", timeout=5).read())["entries"]


def test_gongkai_serve_shows_an_edit_a_new_notice_and_a_removal(tmp_path):
    """A clerk saves a file and the open page shows it; pages that did not change are not built again;
    the search index follows."""
    require_browser()
    root = copy_sample_project(tmp_path)
    notice = root / "content/notices/2024-chungeng-beigeng.md"
    with gongkai_serve(root, SAMPLE_TODAY, startup_seconds=180) as url, chromium_page() as page:
        untouched = served_page(url + "notices/2023-tingdian-gonggao/")
        indexed = index_entries(url)
        edit_and_wait(page, url + "notices/2024-chungeng-beigeng/", notice, "补充通知：请于四月底前报送春耕备耕统计表。")
        title = "关于开展冬季用电安全检查的通知"
        add_and_wait(page, url + "notices/", root / "content/notices/2026-yongdian.md", title, SAMPLE_TODAY, 90)
        assert urllib.request.urlopen(url + "notices/2026-yongdian/", timeout=5).read().decode("utf-8").count(title) >= 1
        assert served_page(url + "notices/2023-tingdian-gonggao/") == untouched
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and index_entries(url) != indexed + 1:  # written after the page
            time.sleep(0.2)
        assert index_entries(url) == indexed + 1
        notice.unlink()
        page.goto(url + "notices/", wait_until="load")
        page.wait_for_timeout(1000)
        page.wait_for_function("() => !document.body.innerText.includes('春耕备耕')", timeout=60_000, polling=50)
        try:
            urllib.request.urlopen(url + "notices/2024-chungeng-beigeng/", timeout=5)
            gone = False
        except urllib.error.HTTPError as error:
            gone = error.code == 404
        assert gone  # a removed record's page is not served on


def _comparable(html: str) -> str:
    """A page without what only the preview server adds: its reload script and its own address (the
    canonical link and SiteDomain, from site_url), and the blank lines they leave."""
    html = re.sub(r"<script>\s*var livereload = .*?</script>", "", html, flags=re.S)
    html = re.sub(r'<link rel="canonical" href="[^"]*">|<meta name="SiteDomain" content="[^"]*">', "", html)
    return "\n".join(line for line in html.splitlines() if line.strip())


def test_a_save_builds_just_its_pages_and_they_are_the_published_ones(tmp_path):
    """After the first build, a save builds only the pages the generator rewrote (with the navigation and
    templates of that build): the pages served are byte for byte those `gongkai build` publishes."""
    root = copy_sample_project(tmp_path)
    log = tmp_path / "serve.log"
    notice = root / "content/notices/2024-chungeng-beigeng.md"
    title = "关于开展冬季用电安全检查的通知"
    pages = ["notices/2024-chungeng-beigeng/", "notices/2026-yongdian/", "notices/", "", "catalog/", "notices/2023-tingdian-gonggao/"]

    def saves_built(count: int) -> None:
        deadline = time.monotonic() + 120
        while log.read_text(encoding="utf-8").count("gongkai: 重建了") < count:
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")[-3000:]
            time.sleep(0.1)

    with gongkai_serve(root, SAMPLE_TODAY, startup_seconds=180, log_path=log) as url:
        with open(notice, "a", encoding="utf-8") as file:
            file.write("\n补充通知：请于四月底前报送春耕备耕统计表。\n")
        saves_built(1)
        (root / "content/notices/2026-yongdian.md").write_text(
            NEW_NOTICE.format(title=title, today=SAMPLE_TODAY, year=SAMPLE_TODAY[:4], serial=90), encoding="utf-8")
        saves_built(2)
        text = notice.read_text(encoding="utf-8")
        notice.write_text(text.replace("发布日期: 2024-03-05", "发布日期: 2024-13-05"), encoding="utf-8")  # a careless save
        deadline = time.monotonic() + 120
        while "个内容问题" not in log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline
            time.sleep(0.1)
        notice.write_text(text, encoding="utf-8")
        saves_built(3)
        time.sleep(3)  # a build reads content/: reading must not count as a change that starts the next build
        assert log.read_text(encoding="utf-8").count("gongkai: 重建了") <= 4
        served = {path: _comparable(served_page(url + path)) for path in pages}
        said = log.read_text(encoding="utf-8")
    assert said.count("Building documentation...") == 1  # the first build only: the saves built single pages
    assert "content/notices/2024-chungeng-beigeng.md:4: 字段 '发布日期'" in said and "Traceback" not in said
    assert "补充通知" in served[pages[0]] and title in served["notices/"]
    subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--today", SAMPLE_TODAY],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for path in pages:
        assert served[path] == _comparable((root / "site" / path / "index.html").read_text(encoding="utf-8")), path


def test_a_new_title_in_the_navigation_rebuilds_every_page(tmp_path):
    """A page of the navigation whose title comes from its heading shows that title on every page: when
    it changes, MkDocs builds in full, and every page's menu has the new title."""
    root = copy_sample_project(tmp_path)
    settings = root / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "  - 政府信息公开制度: rules.md\n", "  - 政府信息公开制度: rules.md\n  - office.md\n"), encoding="utf-8")
    (root / "docs/office.md").write_text("# 办公时间\n\n工作日 8:30—17:30。\n", encoding="utf-8")
    log = tmp_path / "serve.log"
    with gongkai_serve(root, SAMPLE_TODAY, startup_seconds=180, log_path=log) as url:
        assert "办公时间" in served_page(url + "notices/2023-tingdian-gonggao/")
        (root / "docs/office.md").write_text("# 办事时间\n\n工作日 8:30—17:30。\n", encoding="utf-8")
        deadline = time.monotonic() + 120
        while "办事时间" not in served_page(url + "notices/2023-tingdian-gonggao/"):  # a page that did not change
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")[-3000:]
            time.sleep(0.2)
        assert log.read_text(encoding="utf-8").count("Building documentation...") == 2


def test_stopping_gongkai_serve_stops_the_preview_server(tmp_path):
    """An editor's stop button or a county script ends `gongkai serve` with SIGTERM: the MkDocs server it
    runs stops too, and the port is free for the next preview."""
    root = copy_sample_project(tmp_path)
    with gongkai_serve(root, SAMPLE_TODAY, startup_seconds=180) as url:
        port = int(url.rstrip("/").rsplit(":", 1)[1])
    # gongkai_serve has sent SIGTERM to `gongkai serve` and waited for it to end
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as a server binds: only a listener refuses
        sock.bind(("127.0.0.1", port))
