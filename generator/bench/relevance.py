"""What a search ought to find, read from the built pages themselves: for the benchmark and the tests.

A page is expected for a query when its visible text (the article, without the breadcrumb) holds every
word of the query. Brackets are one mark on both sides, so that a 文号 is expected whichever brackets a
page writes it with (〔2024〕, [2024], （2024）). This is plain substring search, deliberately
independent of the index's own reading of text (generator/search/words.py), except that a number or a
Latin word is found whole, as a citizen means it (11号 is not in 111号).
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_BRACKET = re.compile(r"[〔〕\[\]()【】]")
_SPACE = re.compile(r"\s+")
_BREADCRUMB = re.compile(r"<nav class=\"gk-breadcrumbs\".*?</nav>", re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class PageText:
    url: str  # relative to the site root, as the index writes it
    title: str
    date: str  # 发布日期 (ISO), "" for a page without one
    text: str  # the article's visible text, canonical()


def canonical(text: str) -> str:
    return _SPACE.sub(" ", _BRACKET.sub("|", unicodedata.normalize("NFKC", text))).lower()


def page_texts(site: Path) -> list[PageText]:
    """Every page search covers (the index's entries), with the text the built page shows."""
    index = site / "search-index" / "r"
    found = []
    for number in range(len(list(index.glob("*.json")))):
        entry = json.loads((index / f"{number}.json").read_text(encoding="utf-8"))
        page = (site / entry["url"] / "index.html").read_text(encoding="utf-8")
        article = _BREADCRUMB.sub(" ", page.split("<article", 1)[1].split("</article>", 1)[0])
        found.append(PageText(entry["url"], entry["title"], entry["date"], canonical(html.unescape(_TAG.sub(" ", "<article" + article)))))
    return found


def _pattern(word: str) -> re.Pattern:
    """A word as a citizen means it: 11号 is not in 111号, nor csv in csvs (a number or a word is whole)."""
    before = r"(?<![0-9])" if word[:1].isdigit() else r"(?<![a-z])" if word[:1].isascii() and word[:1].isalpha() else ""
    after = r"(?![0-9])" if word[-1:].isdigit() else r"(?![a-z])" if word[-1:].isascii() and word[-1:].isalpha() else ""
    return re.compile(before + re.escape(word) + after)


def expected(pages: list[PageText], words: list[str]) -> set[str]:
    wanted = [_pattern(canonical(word)) for word in words]
    return {page.url for page in pages if all(pattern.search(page.text) for pattern in wanted)}


def title_matches(pages: list[PageText], words: list[str]) -> set[str]:
    wanted = [canonical(word) for word in words]
    return {page.url for page in pages if all(word in canonical(page.title) for word in wanted)}
