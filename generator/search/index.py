"""The search index, written from the records themselves beside the built site; search.js reads it.

    meta.json      the number of entries, the first term of every chunk, a stamp that changes with the index
    c/N.bin        chunks of terms in sorted order, each term with the entries that hold it and where
    r/N.json       one entry as a result shows it: title, 类型, 发布日期, 文号, 有效性, its lines and its body

A query downloads meta.json, the chunks its terms fall in, and the entries of the results it shows: on
a 10,000-record site a few tens of kilobytes beyond the page, not the whole index. Entries are numbered
newest first, so a posting list in number order is already in the order results are shown among equals.
Positions below TITLE_SPAN are in the title: a result knows from its positions alone that the title
matched. Words are defined in words.py.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path

from .entries import SearchEntry
from .words import doc_number_term, filter_term, terms

SEARCH_INDEX = "search-index"  # the index's folder in the built site
TITLE_SPAN = 256  # positions 0..255 are the title's; the rest of an entry starts here
CHUNK_BYTES = 8 * 1024  # a chunk closes once it holds this much; a longer posting list is a chunk of its own
FORMAT = 1


def _varint(number: int, out: bytearray) -> None:
    while number >= 0x80:
        out.append((number & 0x7F) | 0x80)
        number >>= 7
    out.append(number)


def entry_terms(entry: SearchEntry) -> dict[str, list[int]]:
    """Every term of the entry with its positions, in order: the title from 0, the rest from TITLE_SPAN."""
    title = terms(entry.title)
    rest = terms("\n".join([*entry.details, entry.body]))
    positions: dict[str, list[int]] = {}
    start = max(TITLE_SPAN, len(title))  # an overlong title runs on; its tail counts as text
    for offset, words in ((0, title), (start, rest)):
        for position, word in enumerate(words, offset):
            found = positions.get(word)
            if found is None:
                positions[word] = [position]
            else:
                found.append(position)
    for name, value in entry.filters.items():
        positions.setdefault(filter_term(name, value), [])
    if entry.doc_number:
        positions.setdefault(doc_number_term(entry.doc_number), [])
    return positions


class Postings:
    """Posting lists built entry by entry, already encoded: (entry number delta, count, position deltas)."""

    def __init__(self) -> None:
        self.encoded: dict[str, bytearray] = {}
        self.last: dict[str, int] = {}
        self.count: dict[str, int] = {}

    def add(self, number: int, found: dict[str, list[int]]) -> None:
        for word, positions in found.items():
            out = self.encoded.get(word)
            if out is None:
                out = self.encoded[word] = bytearray()
                self.last[word], self.count[word] = 0, 0
            _varint(number - self.last[word], out)
            self.last[word] = number
            self.count[word] += 1
            _varint(len(positions), out)
            previous = 0
            for position in positions:
                _varint(position - previous, out)
                previous = position

    def chunks(self) -> list[tuple[str, bytes]]:
        """(first term, bytes) of every chunk, terms in the order JavaScript compares strings (UTF-16)."""
        found: list[tuple[str, bytes]] = []
        current, first = bytearray(), ""
        for word in sorted(self.encoded, key=lambda w: w.encode("utf-16-be")):
            key = word.encode("utf-8")
            payload = bytearray()
            _varint(self.count[word], payload)
            payload += self.encoded[word]
            if current and len(current) + len(payload) > CHUNK_BYTES:
                found.append((first, bytes(current)))
                current = bytearray()
            if not current:
                first = word
            _varint(len(key), current)
            current += key
            _varint(len(payload), current)
            current += payload
        if current:
            found.append((first, bytes(current)))
        return found


def shown(entry: SearchEntry) -> dict:
    """What a result needs of its entry; the filters are words only."""
    data = asdict(entry)
    del data["filters"]
    return data


def stage_index(entries: list[SearchEntry], site_dir: Path) -> Path:
    """Write the index of `entries` (newest first) into a new dot-folder of `site_dir`, which MkDocs'
    clean leaves alone: the index can be made while MkDocs builds, and put in place after (publish_index)."""
    postings = Postings()
    for number, entry in enumerate(entries):
        postings.add(number, entry_terms(entry))
    chunks = postings.chunks()
    stamp = hashlib.sha256()
    site_dir.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=".search-", dir=site_dir))
    try:
        (staged / "c").mkdir()
        (staged / "r").mkdir()
        for number, (_, data) in enumerate(chunks):
            (staged / "c" / f"{number}.bin").write_bytes(data)
            stamp.update(data)
        for number, entry in enumerate(entries):
            text = json.dumps(shown(entry), ensure_ascii=False, separators=(",", ":"))
            (staged / "r" / f"{number}.json").write_text(text, encoding="utf-8")
            stamp.update(text.encode("utf-8"))
        meta = {"format": FORMAT, "entries": len(entries), "title_span": TITLE_SPAN, "stamp": stamp.hexdigest()[:16],
                "chunks": [first for first, _ in chunks]}
        (staged / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    except BaseException:
        discard_index(staged)
        raise
    staged.chmod(0o755)  # mkdtemp makes it private; the published folder is read by the web server
    return staged


def publish_index(staged: Path, output: Path) -> None:
    """Put a staged index in place of the one at `output`."""
    if output.exists():
        shutil.rmtree(output)
    staged.rename(output)


def discard_index(staged: Path) -> None:
    shutil.rmtree(staged, ignore_errors=True)
