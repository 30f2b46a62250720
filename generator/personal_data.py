"""Personal data that must never be published (domain.md §7): 身份证号 (GB 11643, 18 and 15 digits),
mobile numbers and bank card numbers (Luhn). Found numbers are only ever shown masked."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_ID18 = re.compile(r"(?<![0-9A-Za-z])[1-8]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])[1-8]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
_CARD = re.compile(r"(?<!\d)(?:[1-9]\d{15,18}|[1-9]\d{3}(?: \d{4}){3}(?: \d{1,3})?)(?!\d)")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


@dataclass(frozen=True)
class Hit:
    kind: str  # 身份证号, 手机号, 银行卡号
    start: int
    end: int
    digits: str  # the number without separators, for the allow-list
    masked: str


def id_check_digit(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        return dt.date(year, month, day) <= dt.date.today()
    except ValueError:
        return False


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def mask(kind: str, digits: str) -> str:
    if kind == "身份证号":
        return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]
    if kind == "手机号":
        return digits[-11:-8] + "****" + digits[-4:]
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


_CANDIDATE = re.compile(r"\d[\d\- ]{10,}")  # a run long enough to be any of them: most text has none


def find(text: str) -> list[Hit]:
    if not _CANDIDATE.search(text):
        return []
    hits: list[Hit] = []
    taken: list[range] = []

    def add(kind: str, match: re.Match[str], digits: str) -> None:
        if any(match.start() in span or match.end() - 1 in span for span in taken):
            return
        taken.append(range(match.start(), match.end()))
        hits.append(Hit(kind, match.start(), match.end(), digits, mask(kind, digits)))

    for match in _ID18.finditer(text):
        number = match.group(0).upper()
        if _valid_date(int(number[6:10]), int(number[10:12]), int(number[12:14])) and id_check_digit(number[:17]) == number[17]:
            add("身份证号", match, number)
    for match in _ID15.finditer(text):
        number = match.group(0)
        if _valid_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12])):
            add("身份证号", match, number)
    for match in _MOBILE.finditer(text):
        add("手机号", match, re.sub(r"\D", "", match.group(0))[-11:])
    for match in _CARD.finditer(text):
        digits = match.group(0).replace(" ", "")
        if _luhn(digits):
            add("银行卡号", match, digits)
    return sorted(hits, key=lambda hit: hit.start)


def masked_excerpt(text: str, hit: Hit, context: int = 8) -> str:
    """The hit in its context, with every number found in that context masked."""
    start, end = max(0, hit.start - context), min(len(text), hit.end + context)
    while start < hit.start and text[start].isdigit() and start > 0 and text[start - 1].isdigit():
        start += 1  # never show part of a neighbouring number
    while end > hit.end and text[end - 1].isdigit() and end < len(text) and text[end].isdigit():
        end -= 1
    pieces, position = [], start
    for other in find(text[start:end]):
        pieces += [text[position : start + other.start], other.masked]
        position = start + other.end
    pieces.append(text[position:end])
    return "".join(pieces).strip()
