"""The Pagefind search index, written from the records themselves after the MkDocs build.

Pagefind splits a Chinese query into single characters in the browser and matches each as the prefix of
an indexed word, so a word index built with jieba misses words such as 人居环境; and one word per character
makes every common character's list of pages as long as the site. So Chinese text is indexed as
overlapping character pairs (人居 居环 环境 …), each written as a plain ASCII word, and the browser turns a
query into the same pairs and searches them as an exact phrase (gongkai.js): a substring match whose
download stays small as the site grows. The words shown in results come from the record's plain text,
kept beside the index.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from ..content.markdown_text import plain_text
from ..content.models import Policy, Record
from ..content.site import Site, listed, record_dir

_HAN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")


@dataclass(frozen=True)
class SearchRecord:
    url: str  # relative to the site root, e.g. "notices/2024-chungeng/"
    title: str
    text: str  # plain text of the page
    meta: dict[str, str] = field(default_factory=dict)  # shown with a result: 发布日期, 文号
    filters: dict[str, list[str]] = field(default_factory=dict)  # 类型, 年度, 发布机构, 有效性
    date: str = ""  # sort key, ISO date


_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9A-Za-z]+")
EXCERPT_TEXT = 800  # characters of plain text kept with each entry, for excerpts (each result downloads them)
HAND_WRITTEN_KIND = "政府信息公开指南和制度"  # the 类型 of the hand-written pages in docs/


def char_code(char: str) -> str:
    """A character as five lowercase letters (26**5 covers every code point in use)."""
    number, letters = ord(char), []
    for _ in range(5):
        number, digit = divmod(number, 26)
        letters.append(chr(97 + digit))
    return "".join(reversed(letters))


def filter_token(name: str, value: str) -> str:
    """A filter (类型=规范性文件) as one more indexed word: a filtered search adds it to the query.

    Pagefind's own filters are written in an order that changes from build to build, and a search page
    that uses them downloads every filter's file; a word does neither."""
    return "zf" + "".join(char_code(c) for c in name) + "x" + "".join(char_code(c) for c in value)


def tokens(text: str) -> str:
    """Chinese runs become pairs of neighbouring characters plus the run's last character; other words stay.

    "纸政发〔2023〕3号" → q(纸政) q(政发) q(发) 2023 3 q(号); the browser makes the same words from a query."""
    words = []
    for run in _RUN.findall(text):
        if _HAN.match(run):
            words += ["q" + char_code(a) + char_code(b) for a, b in zip(run, run[1:])] + ["q" + char_code(run[-1])]
        else:
            words.append(run.lower())
    return " ".join(words)


def record_entry(record: Record, site: Site) -> SearchRecord:
    filters = {"类型": [site.config.column(record.section).name], "年度": [str(record.published.year)], "发布机构": [record.issuer]}
    meta = {"发布日期": record.published.isoformat()}
    if isinstance(record, Policy):
        filters["有效性"] = [site.status[record.doc_number].status]
        meta["文号"] = record.doc_number
    # the body first: Pagefind takes excerpts from where the matches are, and keywords read badly there
    words = [plain_text(record.body), record.summary, "、".join(record.keywords), getattr(record, "doc_number", ""),
             getattr(record, "interprets", "")]
    return SearchRecord(f"{record_dir(record)}/", record.title, "。\n".join(w for w in words if w), meta, filters, record.published.isoformat())


def page_entry(path: str, markdown: str) -> SearchRecord:
    """A hand-written page from docs/, or one made from configuration (指南, 依申请公开): its first heading is its title."""
    if markdown.startswith("---\n") and "\n---\n" in markdown[4:]:
        markdown = markdown[4:].split("\n---\n", 1)[1]  # the page settings are not its words
    title = next((line[2:].strip() for line in markdown.split("\n") if line.startswith("# ")), path)
    url = "" if path == "index.md" else path.removesuffix("index.md").removesuffix(".md") + ("" if path.endswith("index.md") else "/")
    return SearchRecord(url, title, plain_text(markdown), {}, {"类型": [HAND_WRITTEN_KIND]})


def search_entries(site: Site, hand_written: dict[str, str]) -> list[SearchRecord]:
    """What search finds: every record not withdrawn, and the hand-written pages; never listings."""
    return [record_entry(r, site) for r in listed(site.records)] + [page_entry(p, text) for p, text in sorted(hand_written.items())]


def entry_html(entry: SearchRecord) -> str:
    """The page Pagefind indexes for one entry: the text to search, and the title, details and filters
    it shows with a result (data-pagefind-ignore keeps those out of the words, not out of the result)."""
    details = [f'<span data-pagefind-meta="title">{escape(entry.title)}</span>',
               f'<span data-pagefind-meta="text">{escape(" ".join(entry.text.split())[:EXCERPT_TEXT])}</span>']
    details += [f'<span data-pagefind-meta="{escape(key)}">{escape(value)}</span>' for key, value in entry.meta.items()]
    if entry.date:
        details.append(f'<span data-pagefind-sort="date">{escape(entry.date)}</span>')
    text = " ".join([tokens(entry.title + "。\n" + entry.text), *(filter_token(k, v) for k, values in entry.filters.items() for v in values)])
    return (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{escape(entry.title)}</title></head>'
            f'<body><main data-pagefind-body><div data-pagefind-ignore>{"".join(details)}</div><p>{text}</p></main></body></html>')


def write_index(entries: list[SearchRecord], output: Path) -> None:
    """Run Pagefind over one small page per entry, written to a temporary folder, into `output`."""
    with tempfile.TemporaryDirectory(prefix="gongkai-search-") as folder:
        for entry in entries:
            page = Path(folder, entry.url, "index.html")
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(entry_html(entry), encoding="utf-8")
        if output.exists():
            shutil.rmtree(output)
        # -I: a pagefind/ folder in the current one is never run in place of the real indexer; cwd: Pagefind
        # reads a pagefind.yml from its current folder (a logfile path, a server), so it runs in the empty one
        command = [sys.executable, "-I", "-m", "pagefind", "--site", folder, "--output-path", str(output.resolve()), "--silent"]
        environment = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace", cwd=folder, env=environment)
        if result.returncode:
            raise RuntimeError((result.stdout + result.stderr).strip() or f"pagefind exited with {result.returncode}")
