"""The text of a .docx or .xlsx attachment for the personal-data scan, read as what the file is: a zip of
XML parts, every one of which is searched. A number in a header, a comment, a text box, a tracked
deletion, a field code or a formula is published with the file as surely as one in the body."""
from __future__ import annotations

import io
import math
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.parsers import expat

from . import personal_data
from .attachment_text import Piece, Unreadable, across, formula_shown

_MAX_UNZIPPED = 50 * 1024 * 1024  # all parts of one docx/xlsx together: a zip bomb stops here
_MAX_PART = 20 * 1024 * 1024  # one part larger than this is named as unread, and the others are still read
_XML = (".xml", ".rels", ".vml")
_OFFICE = (".docx", ".xlsx", ".docm", ".xlsm")
# Pictures and fonts: their text (if any) is not shown as text (a picture's alt text is in the XML)
_MEDIA = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".wdp", ".jfif", ".webp", ".odttf", ".ttf")


def docx_pieces(path: Path) -> Iterator[Piece]:
    yield from _office(path, _docx)


def xlsx_pieces(path: Path) -> Iterator[Piece]:
    yield from _office(path, _xlsx)


# --- docx and xlsx: every XML part, read with expat, refusing DTDs (an untrusted file) ---

def _refuse(*_: object) -> None:
    raise Unreadable("文件中有 DTD 声明 (正常的 Office 文件没有), 为安全起见不读取, 无法检查其中的个人信息")


def _parse(data: bytes, start: Callable[[str, dict[str, str]], object],
           end: Callable[[str], object] | None = None, text: Callable[[str], object] | None = None) -> None:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse  # no DTD, so no entity can be declared or expanded
    parser.EntityDeclHandler = _refuse
    parser.buffer_text = True
    parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    parser.Parse(data, True)


def _local(name: str) -> str:
    return name.rpartition(" ")[2]


def _elements(data: bytes, local: str) -> list[dict[str, str]]:
    """The attributes (by local name) of every element of that local name."""
    found: list[dict[str, str]] = []
    _parse(data, lambda name, attributes: found.append({_local(k): v for k, v in attributes.items()})
           if _local(name) == local else None)
    return found


def _unzip(source: Path | IO[bytes], budget: list[int], prefix: str = "") -> tuple[dict[str, bytes], list[str]]:
    """The XML parts of an Office file and of the Office files embedded in it (a chart's data, a pasted
    table) by name, and the embedded objects that cannot be read."""
    parts: dict[str, bytes] = {}
    others = []
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            name, lower = prefix + info.filename, info.filename.lower()
            if lower.endswith("/") or lower.endswith(_MEDIA) or (prefix and lower.endswith(_OFFICE)):
                continue
            if not lower.endswith(_OFFICE) and re.search(r"(embeddings|activeX)/|afchunk|\.(txt|html?|mht|rtf|bin)$", lower):  # OLE, imported text
                others.append(name)
                continue
            with archive.open(info) as member:  # read at most the budget: never trust the sizes the zip declares
                data = member.read(min(budget[0], _MAX_PART) + 1)
            if len(data) > _MAX_PART:
                others.append(f"{name} (解压后超过 {_MAX_PART // 2**20} MB)")
                continue
            budget[0] -= len(data)
            if budget[0] < 0:
                raise Unreadable(f"文件解压后超过 {_MAX_UNZIPPED // 2**20} MB, 无法检查其中的个人信息 (请拆分或转为 PDF)")
            if lower.endswith(_OFFICE):
                inner, inner_others = _unzip(io.BytesIO(data), budget, f"{name}: ")
                parts.update(inner)
                others += inner_others
            elif lower.endswith(_XML) or data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
                parts[name] = data  # a part is read by what it holds: the main document may have any name
            else:
                others.append(name)
    return parts, others


def _office(path: Path, read: Callable[[dict[str, bytes]], Iterator[Piece]]) -> Iterator[Piece]:
    parts, others = _unzip(path, [_MAX_UNZIPPED])
    yield from read(parts)
    if others:  # raised after everything else was scanned, so that the numbers found are still reported
        raise Unreadable(f"其中嵌入的对象 {'、'.join(others)} 无法检查其中的个人信息")


_TEXT = {"t": "text", "delText": "before", "instrText": "code", "delInstrText": "code"}
_BREAKS = {"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}
# Elements whose content is: inserted or deleted by a tracked change, the same text box again for old
# readers (reported once), or the phonetic guide of an Excel string (not its text).
_DEPTHS = {"ins": "inserted", "moveTo": "inserted", "del": "deleted", "moveFrom": "deleted", "Fallback": "fallback",
           "rPh": "phonetic"}
_LABELS = {"docProps": "文档属性", "drawings": "图形", "charts": "图表", "comments": "批注", "threadedComments": "批注",
           "customXml": "自定义数据", "diagrams": "图示"}


@dataclass
class _Unit:
    """A paragraph, table row, cell, shared string or comment; "before" is the text before tracked changes."""
    tag: str
    where: str
    cell_type: str = ""
    parts: dict[str, list[str]] = field(default_factory=dict)

    def add(self, channel: str, text: str) -> None:
        self.parts.setdefault(channel, []).append(text)

    def text(self, channel: str) -> str:
        return "".join(self.parts.get(channel, ()))


class _Walker:
    """Collects the text of one XML part in document order, unit by unit (expat handlers)."""

    def __init__(self) -> None:
        self.word = False  # WordprocessingML: only w:t and the like hold text, not e.g. a picture's offset
        self.units: list[_Unit] = []
        self.names: list[str] = []  # the open elements
        self.open: list[_Unit] = []  # the units being read, innermost last
        self.rows: list[_Unit] = []  # a table row is one text: a number may be split over its cells
        self.tables: list[list[int]] = []  # [number, rows so far] of the open tables
        self.paragraphs = self.table_count = 0
        self.depth = dict.fromkeys(_DEPTHS.values(), 0)
        self.loose: list[str] = []  # text outside any unit (document properties, chart values)
        self.seen: set[str] = set()

    def start(self, name: str, attributes: dict[str, str]) -> None:
        uri, _, local = name.rpartition(" ")
        self.word = self.word or (not self.names and "wordprocessingml" in uri)
        self.names.append(local)
        for key, value in attributes.items():  # alt text, link targets, form field defaults, pivot cache values
            if len(value) >= 11 and sum(char.isdigit() for char in value) >= 11:
                self.units.append(_Unit("@", f"属性 {_local(key)}", parts={"text": [value]}))
        if local in _DEPTHS:
            self.depth[_DEPTHS[local]] += 1
        elif local == "tbl":
            self.table_count += 1
            self.tables.append([self.table_count, 0])
        elif local == "tr" and self.tables:
            self.tables[-1][1] += 1
            self.rows.append(_Unit("tr", f"表格 {self.tables[-1][0]} 第 {self.tables[-1][1]} 行"))
        elif local == "p":
            self.paragraphs += 0 if self.depth["fallback"] else 1
            self.open.append(_Unit("p", f"第 {self.paragraphs} 段"))
        elif local in ("si", "comment", "c") and not self.word:
            self.open.append(_Unit(local, attributes.get("r") or attributes.get("ref") or "", attributes.get("t", "")))
        elif local in _BREAKS and self.open:  # w:br, a:br: two numbers on two lines are two numbers
            self._add("text", _BREAKS[local])
        elif local == "sym" and self.open:  # <w:sym w:char="0031"/>: Word shows the character (F0xx: a symbol font's)
            code = next((v for k, v in attributes.items() if _local(k) == "char"), "")
            if re.fullmatch(r"[0-9A-Fa-f]{1,4}", code):
                value = int(code, 16)
                self._add("text", chr(value - 0xF000 if value >= 0xF000 else value))

    def _add(self, channel: str, text: str) -> None:
        if channel == "text":  # a deletion is in the text as it was, an insertion in the text as it is
            channels = ([] if self.depth["deleted"] else ["text"]) + ([] if self.depth["inserted"] else ["before"])
        else:
            channels = [channel]
        for name in channels:
            self.open[-1].add(name, text)

    def text(self, data: str) -> None:
        if self.depth["phonetic"] or not self.names:
            return
        local = self.names[-1]
        if self.open and self.open[-1].tag == "c" and local in ("v", "f"):
            self.open[-1].add(local, data)
        elif local in _TEXT or not self.word:
            if self.open:
                self._add(_TEXT.get(local, "text"), data)
            else:
                self.loose.append(data)

    def end(self, name: str) -> None:
        local = self.names.pop()
        if local in _DEPTHS:
            self.depth[_DEPTHS[local]] -= 1
        elif local == "tbl" and self.tables:
            self.tables.pop()
        elif local == "tc" and self.rows:
            for channel in ("text", "before", "code"):
                self.rows[-1].add(channel, " | ")
        elif local == "tr" and self.rows:
            self._finish(self.rows.pop())
        elif self.open and self.open[-1].tag == local:
            unit = self.open.pop()
            if local == "p" and self.rows:
                for channel, texts in unit.parts.items():
                    self.rows[-1].add(channel, "".join(texts) + "\n")
            else:
                self._finish(unit)
        if self.loose:
            self._finish(_Unit(local, local, parts={"text": self.loose}))
            self.loose = []

    def _finish(self, unit: _Unit) -> None:
        text = unit.text("text") + unit.text("v")
        if not (self.depth["fallback"] and text in self.seen):
            self.seen.add(text)
            self.units.append(unit)


def _walk(data: bytes) -> list[_Unit]:
    walker = _Walker()
    _parse(data, walker.start, walker.end, walker.text)
    return walker.units


def _number(value: str) -> str:
    """A number as Excel shows it: 13812345678 is stored as 13812345678 or 1.3812345678E10."""
    try:
        number = float(value)
    except ValueError:
        return value
    if not math.isfinite(number):
        return value
    # a format such as 0 shows 13912340103.4 as 13912340103: both what is stored and what is shown
    return str(int(number)) if number.is_integer() else f"{value} {round(number)}"


def _unit_pieces(label: str, unit: _Unit) -> Iterator[Piece]:
    place = f"{label} {unit.where}".strip()
    texts = {"": unit.text("text"), " 修订前": unit.text("before"), " 域代码": unit.text("code"),
             " 值": _number(unit.text("v")), " 公式": unit.text("f")}
    shown = set()
    for suffix, text in texts.items():
        if text.replace("|", "").strip() and text not in shown:
            shown.add(text)
            yield Piece(0, place + suffix, text)


def _label(name: str) -> str:
    outer, _, inner = name.rpartition(": ")
    folder, _, file = inner.rpartition("/")
    label = f"{_LABELS[folder.rpartition('/')[2]]} {file}" if folder.rpartition("/")[2] in _LABELS else inner
    return f"嵌入对象 {outer.rpartition('/')[2]}: {label}" if outer else label


def _rels(parts: dict[str, bytes], part: str) -> dict[str, tuple[str, str]]:
    """The relationships of a part: id -> (type, e.g. "comments", and the target part's name)."""
    folder, _, file = part.rpartition("/")
    data = parts.get(f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels")
    found = {}
    for link in _elements(data, "Relationship") if data else ():
        target = link.get("Target", "")
        if link.get("TargetMode") != "External":
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[link.get("Id", "")] = (link.get("Type", "").rpartition("/")[2], name)
    return found


def _main(parts: dict[str, bytes], default: str) -> str:
    return next((name for kind, name in _rels(parts, "").values() if kind == "officeDocument"), default)


def _other(parts: dict[str, bytes], name: str) -> Iterator[Piece]:
    try:
        units = _walk(parts[name])
    except expat.ExpatError:  # Office's VML is not always well-formed: read the text between its tags
        units = [_Unit("", "", parts={"text": [re.sub(r"<[^>]*>", "\n", parts[name].decode("utf-8", "replace"))]})]
    for unit in units:
        yield from _unit_pieces(_label(name), unit)


def _docx(parts: dict[str, bytes]) -> Iterator[Piece]:
    main = _main(parts, "word/document.xml")
    names = {"header": "页眉", "footer": "页脚", "footnotes": "脚注", "endnotes": "尾注", "comments": "批注"}
    order = ("", "header", "footer", "footnotes", "endnotes", "comments")

    def kind(name: str) -> str:
        return "" if name == main else re.sub(r"\d*\.xml$", "", name[5:]) if name.startswith("word/") else "?"

    for name in sorted(parts, key=lambda n: (order.index(kind(n)) if kind(n) in order else len(order), n)):
        if kind(name) not in names and name != main:
            yield from _other(parts, name)
            continue
        # The body keeps the places people know ("第 2 段"); headers and footers say which one.
        label = "" if name == main else names[kind(name)] + (f" {name[5:]}" if kind(name) in ("header", "footer") else "")
        units = _walk(parts[name])
        for unit in units:
            yield from _unit_pieces(label, unit)
        paragraphs = [unit for unit in units if unit.tag == "p"]  # Enter pressed inside a number
        for index, number in across([unit.text("text") for unit in paragraphs], "\n"):
            yield Piece(0, f"{label} {paragraphs[index].where}".strip(), number)


_HEADER_CODES = re.compile(r'&"[^"]*"|&[LCRPNDTAZFBIUSEXYGK]')  # font, section and field codes of a header text


def _xlsx(parts: dict[str, bytes]) -> Iterator[Piece]:
    book = _main(parts, "xl/workbook.xml")
    links = _rels(parts, book)
    strings_part = next((name for kind, name in links.values() if kind == "sharedStrings"), "")
    strings = [unit.text("text") for unit in _walk(parts[strings_part]) if unit.tag == "si"] if strings_part in parts else []
    used: set[int] = set()
    done = {strings_part}
    for sheet in _elements(parts[book], "sheet"):
        title, part = sheet.get("name", ""), links.get(sheet.get("id", ""), ("", ""))[1]
        if part not in parts:
            continue
        done.add(part)
        row: list[tuple[str, str]] = []
        for unit in [*_walk(parts[part]), _Unit("c", "")]:  # the last one ends the last row
            if unit.tag != "c":
                if unit.tag.endswith(("Header", "Footer")):
                    unit = _Unit(unit.tag, "页眉" if unit.tag.endswith("Header") else "页脚",
                                 parts={"text": [_HEADER_CODES.sub(" ", unit.text("text"))]})
                yield from _unit_pieces(f"工作表 {title}", unit)
                continue
            if row and re.sub(r"\D", "", unit.where) != re.sub(r"\D", "", row[0][0]):
                for index, number in across([text for _, text in row], " | "):  # `| 138 | 1234 5678 |`
                    yield Piece(0, f"工作表 {title} 单元格 {row[index][0]}:{row[index + 1][0]}", number)
                row = []
            value, kind = unit.text("v"), unit.cell_type
            if kind == "s":
                index = int(value) if value.strip().isdigit() else -1
                used.add(index)
                value = strings[index] if 0 <= index < len(strings) else ""
            value = unit.text("text") if kind == "inlineStr" else _number(value) if kind in ("", "n") else value
            row.append((unit.where, value))
            place = f"工作表 {title} 单元格 {unit.where}"
            if value.strip():
                yield Piece(0, place, value)
            formula = unit.text("f")
            if formula.strip():
                yield Piece(0, f"{place} 公式", formula)
                joined = formula_shown(formula)
                if {h.digits for h in personal_data.find(joined)} - {h.digits for h in personal_data.find(formula)}:
                    yield Piece(0, f"{place} 公式", joined)
        for kind, comments in _rels(parts, part).values():
            if kind == "comments" and comments in parts:
                done.add(comments)
                for unit in _walk(parts[comments]):
                    yield from _unit_pieces(f"工作表 {title} 批注", unit)
    for index, text in enumerate(strings):
        if index not in used and text.strip():  # kept in the file though no cell shows it
            yield Piece(0, f"共享字符串 第 {index + 1} 条 (未在单元格中显示)", text)
    for name in sorted(set(parts) - done):
        yield from _other(parts, name)
