"""Listing pages split into numbered pages, so that no page grows with the number of records.

Lists run newest first, but their pages are cut from the oldest end: every page after the first holds
`size` items counted from the oldest, and the first page holds the rest (`size` to 2 × `size` − 1 once
there are that many). A new item then changes the first page only, not every page of the list, and
the preview and an incremental build rebuild one page instead of all of them. When the first page is
full, it is split and the pages are numbered anew (once every `size` items).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar

from ..content.markdown_text import relative

T = TypeVar("T")


@dataclass(frozen=True)
class Pager:
    number: int  # 1-based
    links: tuple[tuple[int, str], ...]  # every page: (number, relative .md link from this page)
    previous: str  # "" on the first page
    next: str  # "" on the last page

    @property
    def total(self) -> int:
        return len(self.links)

    @property
    def window(self) -> list[tuple[int, str]]:
        """The first, the last and the pages near this one; (0, "") stands for a gap."""
        shown = [link for link in self.links if link[0] in (1, self.total) or abs(link[0] - self.number) <= 3]
        with_gaps: list[tuple[int, str]] = []
        for link in shown:
            if with_gaps and link[0] - with_gaps[-1][0] > 1:
                with_gaps.append((0, ""))
            with_gaps.append(link)
        return with_gaps


@dataclass(frozen=True)
class Chunk(Generic[T]):
    path: str
    items: Sequence[T]
    pager: Pager


def page_path(folder: str, number: int) -> str:
    return f"{folder}/index.md" if number == 1 else f"{folder}/page/{number}/index.md"


def first_page_size(count: int, size: int) -> int:
    """Items on the first page: all but the whole pages of `size` counted from the oldest."""
    return count - max(0, count // size - 1) * size


def paginate(folder: str, items: Sequence[T], size: int) -> list[Chunk[T]]:
    """Page 1 is folder/index.md, page n is folder/page/n/index.md; an empty listing still has page 1."""
    first = first_page_size(len(items), size)
    bounds = [(0, first)] + [(start, start + size) for start in range(first, len(items), size)]
    paths = [page_path(folder, n) for n in range(1, len(bounds) + 1)]
    chunks = []
    for index, (path, (start, end)) in enumerate(zip(paths, bounds)):
        links = tuple((n + 1, relative(other, path)) for n, other in enumerate(paths))
        pager = Pager(index + 1, links, links[index - 1][1] if index else "", links[index + 1][1] if index + 1 < len(paths) else "")
        chunks.append(Chunk(path, items[start:end], pager))
    return chunks


def page_of(position: int, count: int, size: int) -> int:
    """The number of the page that holds the item at `position` (newest first) of `count`."""
    first = first_page_size(count, size)
    return 1 if position < first else 2 + (position - first) // size
