"""Personal data that must never be published (domain.md §7): 身份证号 (GB 11643, 18 and 15 digits),
mobile numbers and bank card numbers (Luhn). Found numbers are only ever shown masked.

A careless clerk or an attacker writes a number in many ways: `110105 19491231 0021`, full-width digits,
full-width or long dashes, zero-width characters inside, `+86` in front, split over two lines or two table
cells. So the text is first normalized (see `_normalize`), keeping for each character where it came from,
and the search runs on digit "chains": digits with at most one separator (a space, a dash, a line break or
a table cell border) between two of them. A number is then any run of the right length in a chain that
starts and ends on a separator or a non-alphanumeric character, is grouped the way people group it
(`_fits`), and passes its validation; where two candidates overlap, an ID wins over a mobile over a card.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 统一社会信用代码 (GB 32100) characters and check weights
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# Any character that may stand for a digit: a text with fewer than 11 of them holds no number (the quick exit).
_DIGITISH = re.compile(r"[\d\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089\u2460-\u249b\u24ea-\u24ff\u2776-\u2793]")
# Eleven digit-like characters with nothing but separators, marks and invisible characters (no letter,
# no 汉字) between them: every number the search can find contains such a run, and most text has none.
_DIGIT_RUN = re.compile(rf"{_DIGITISH.pattern}(?:(?:[^\w]|[_\u30fc\uff70]){{0,40}}{_DIGITISH.pattern}){{10}}")
_CHAIN = re.compile(r"[0-9](?:[- \n|]?[0-9]){10,}(?:[- \n|]?[Xx])?")  # 11 digits or more, one separator at most between two
# Besides one run, the groupings people write a number in. Other groupings (neighbouring numbers of a
# statistics table, digits spaced one by one) are not taken for a number: `| 151 | 5047 | 2023 |` or
# `16922 463473` would otherwise be mobile numbers.
_SHAPES = {18: {(6, 8, 4), (6, 4, 4, 4)}, 15: {(6, 6, 3), (6, 9)}, 11: {(3, 4, 4), (3, 8)}}
# Mobile numbers are also written in two or three groups of three digits or more (`1381 234 5678`).
_MOBILE_GROUPS = (2, 3)
# What follows an amount or a measure, never a mobile number: `13812345678元`, `18512345678 平方米`.
# (Whole words only: a one-character word such as 户 or 个 also starts 户主 or 个人, and a 台子村.)
_UNITS = re.compile(r" ?(?:元|万元|亿元|万亩|万人|万平方米|平方米|平方公里|立方米|亩|吨|公斤|千克|公里|公顷|人次)")
# Words before a 15-digit number that is a company's old 注册号 (营业执照), not an old 身份证号.
_REGISTRATION = re.compile(r"(?<!身份证)(?<!证件)(?<!证)(注册号|执照|登记号|编号|代码)[^\d]{0,6}$")


@dataclass(frozen=True)
class Hit:
    kind: str  # 身份证号, 手机号, 银行卡号
    start: int  # in the original text
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


def _uscc(code: str) -> bool:
    """An 18-digit 统一社会信用代码 with a valid check character: an organization, not a person's card."""
    total = sum(_USCC.index(c) * w for c, w in zip(code, _USCC_WEIGHTS))
    return _USCC[(31 - total % 31) % 31] == code[17]


def mask(kind: str, digits: str) -> str:
    if kind == "身份证号":
        return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]
    if kind == "手机号":
        return digits[-11:-8] + "****" + digits[-4:]
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


def _fold(char: str) -> str:
    """What one character counts as when looking for numbers: "" (invisible), a separator ("|" a table cell
    border or tab, "\n" a line break, " " a space, "-" any dash) or its NFKC form with any digit as 0-9."""
    if char in "\t|│┃¦":
        return "|"
    if char in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
        return "\n"
    if char.isspace():
        return " "
    category = unicodedata.category(char)
    if category in ("Cf", "Cc", "Mn", "Me"):  # zero-width space/joiners, BOM, soft hyphen, combining marks
        return ""
    if category == "Pd" or char in _DASHLIKE:
        return "-"
    folded = unicodedata.normalize("NFKC", char)  # full-width digits and letters, ①, ¹
    if len(folded) == 1 and unicodedata.category(folded) == "Nd":
        return str(unicodedata.decimal(folded))  # other scripts' digits
    return folded


# Besides dashes: minus, box lines, 长音符, middle dots, wave dashes, full-width : . / _ and ，、；（）＊＋＝＃【】
_DASHLIKE = frozenset("\u2212\u2043\u2500\u2501\u30fc\uff70\u00b7\u30fb\uff65\uff5e\u301c\uff1a\u2026\uff0e\uff0f\uff3f"
                      "\uff0c\u3001\uff1b\uff08\uff09\uff0a\uff0b\uff1d\uff03\u3010\u3011")
_FOLDED: dict[str, str] = {}
_STRENGTH = {"-": 0, " ": 1, "\n": 2, "|": 3}  # a run of separators counts as its strongest one


# Runs of characters that stand for themselves, and runs of ASCII separators: most of any text, taken a
# run at a time; any other character goes through `_fold`.
_FAST = re.compile(r"([0-9A-Za-z!\"$%&<>?@\[\]^`{}\u4e00-\u9fff]+)|([ \t|\n\r./_~,:;()*+=#'\\-]+)")


def _separator(run: str) -> str:
    return "|" if "|" in run or "\t" in run else "\n" if "\n" in run or "\r" in run else " " if " " in run else "-"


def _normalize(text: str) -> tuple[str, list[int]]:
    """The text as the search sees it (a run of separators made one character), and for each of its
    characters the index of the original character it came from."""
    out: list[str] = []  # runs of plain characters; anything else one character at a time
    origin: list[int] = []

    def add(one: str, index: int) -> None:
        if one in _STRENGTH and out and out[-1] in _STRENGTH:
            out[-1] = max(one, out[-1], key=_STRENGTH.__getitem__)
        else:
            out.append(one)
            origin.append(index)

    position = 0
    for run in (*_FAST.finditer(text), None):
        for index in range(position, run.start() if run else len(text)):
            folded = _FOLDED.get(text[index])
            if folded is None:
                folded = _FOLDED[text[index]] = _fold(text[index])
            for one in folded:
                add(one, index)
        if run and run.group(1):
            out.append(run.group(1))
            origin.extend(range(run.start(), run.end()))
        elif run:
            add(_separator(run.group(2)), run.start())
        position = run.end() if run else 0
    return "".join(out), origin


def _group_sizes(gaps: list[str]) -> list[int]:
    """How many digits stand between the separators ("" between two digits of a group)."""
    sizes = [1]
    for gap in gaps:
        if gap:
            sizes.append(1)
        else:
            sizes[-1] += 1
    return sizes


def _fits(gaps: list[str], length: int, card: bool) -> int:
    """How a number written with these separators between its digits ("" where none) is grouped: 1 the way
    people write it, 2 only when a line break in it is taken for nothing (a wrapped line, Enter pressed
    inside it), 0 neither. One cell break at most: neighbouring table cells are numbers, not one; two
    line breaks only between the usual groups."""
    cells, lines = gaps.count("|"), gaps.count("\n")
    if cells + lines == 2 and not cells:  # `139⏎8765⏎4321`, `138<br>2345<br>6789`: only in the usual groups
        return 2 if tuple(_group_sizes(gaps)) in ((3, 4, 4), (6, 8, 4)) else 0
    if cells + lines > 1:
        return 0
    for merge in (False, True):
        sizes, kinds = [1], []
        for gap in gaps:
            if gap == "" or (merge and gap == "\n"):
                sizes[-1] += 1
            else:
                sizes.append(1)
                kinds.append(gap)
        if len(sizes) == 1:
            return 2 if merge else 1
        one_line = "|" not in kinds and "\n" not in kinds
        if card:
            # Bank cards only in groups of 4 within a line: with free grouping, Luhn (1 in 10) passes too much.
            if one_line and all(s == 4 for s in sizes[:-1]) and sizes[-1] <= 4:
                return 2 if merge else 1
        elif ((length == 18 and (len(sizes) == 2 or one_line)) or tuple(sizes) in _SHAPES[length]
              or (length == 11 and one_line and len(sizes) in _MOBILE_GROUPS and min(sizes) >= 3)):
            # the check digit and date of an 18-digit ID make any grouping within a line safe enough
            return 2 if merge else 1
    return 0


def _alone(norm: str, start: int, end: int) -> bool:
    """No other number right before or after: `1584855⏎2020` in a column of figures is two numbers."""
    before = start >= 2 and norm[start - 1] in _STRENGTH and norm[start - 2].isdigit()
    return not before and not (end + 1 < len(norm) and norm[end] in _STRENGTH and norm[end + 1].isdigit())


def _free(norm: str, end: int) -> bool:
    return end >= len(norm) or norm[end] not in _ALNUM


# Letters glued to a number make it part of a code (`MA13812345678`), except these labels of one.
_LABEL = re.compile(r"(?<![A-Za-z])(?:tel|mobile|phone|mob|cell|id|no|sfz|sj|dh|wx|vx|weixin|wechat|qq)$", re.IGNORECASE)


def _free_start(norm: str, start: int) -> bool:
    return start == 0 or norm[start - 1] not in _ALNUM or bool(_LABEL.search(norm[max(0, start - 6) : start]))


def _amount(norm: str, end: int) -> bool:
    """A unit of money or measure follows the digits (a space between them allowed)."""
    return bool(_UNITS.match(norm, end))


def _card_network(card: str) -> bool:
    """Card numbers start with a network's digit: 3 (JCB, Amex), 4 (Visa), 5 (Mastercard), 6 (银联), 9 (old
    domestic cards), or 2221–2720 (Mastercard). A 17-digit 流水号 `2024031509…` or an ID `1768…` does not."""
    return card[0] in "34569" or (len(card) == 16 and "2221" <= card[:4] <= "2720")


def _is_id18(number: str) -> bool:
    return (number[:17].isdigit() and number[6:8] in ("18", "19", "20")
            and _valid_date(int(number[6:10]), int(number[10:12]), int(number[12:14])) and id_check_digit(number[:17]) == number[17])


def _at(norm: str, where: list[int], gaps: list[str], digits: str, stops: list[bool], k: int,
        mobile_only: bool) -> Iterator[tuple[int, str, int, int, str]]:
    """The numbers that may start at the k-th digit of a chain: (priority, kind, start, end, number)."""
    def number(length: int, card: bool = False) -> tuple[str, int]:
        if k + length > len(where) or not stops[k + length - 1]:
            return "", 0
        if (card or length != 18) and not digits[k : k + length].isdigit():
            return "", 0  # the check character X ends an 18-digit ID only
        end = where[k + length - 1] + 1
        if norm[end : end + 1] == "-" and norm[end + 1 : end + 2].isdigit():
            return "", 0  # the dash goes on into more digits: the year of `2024-03-11`, not the end of a number
        fits = _fits(gaps[k + 1 : k + length], length, card)
        return (digits[k : k + length], end) if fits == 1 or (fits == 2 and _alone(norm, where[k], end)) else ("", 0)

    start = where[k]
    if not mobile_only and "1" <= digits[k] <= "8":
        id18, end = number(18)
        if id18 and _is_id18(id18):
            yield 0, "身份证号", start, end, id18
        id15, end = number(15)
        if id15 and _valid_date(1900 + int(id15[6:8]), int(id15[8:10]), int(id15[10:12])) and not _REGISTRATION.search(norm[max(0, start - 12) : start]):
            yield 1, "身份证号", start, end, id15
    mobile, end = number(11)
    if mobile and mobile[0] == "1" and mobile[1] in "3456789" and not _amount(norm, end):
        yield 2, "手机号", start, end, mobile
    for length in range(16, 20) if not mobile_only else ():
        card, end = number(length, card=True)
        # A row of years `2019 2020 2021 2022` is shaped like a card: it is taken for one only when it passes
        # Luhn (1 in 10). Refusing all such rows would let through the usual way of writing a card number.
        if card and _card_network(card) and _luhn(card) and not (length == 18 and _uscc(card)):  # an all-digit 统一社会信用代码 passes Luhn 1 in 10
            yield 3, "银行卡号", start, end, card


def _country_code(digits: str, gaps: list[str], k: int, free_start: bool) -> bool:
    """The digits glued before the k-th are a country code (`8613812345678`, `+86138…`, `0086138…`)."""
    first = k
    while first > 0 and gaps[first] == "":
        first -= 1
    return digits[first:k] in ("86", "0086") and (first > 0 or free_start)


def _candidates(norm: str) -> Iterator[tuple[int, str, int, int, str]]:
    for chain in _CHAIN.finditer(norm):
        where, gaps, gap = [], [], ""
        for offset, char in enumerate(chain.group()):
            if char in _STRENGTH:
                gap = char
            else:
                where.append(chain.start() + offset)
                gaps.append(gap)  # the separator before this digit, "" if none
                gap = ""
        digits = "".join(norm[p] for p in where).upper()
        free_start = _free_start(norm, chain.start())
        # A number ends before a separator, or at the end of the chain when no letter or digit follows.
        stops = [gap != "" for gap in gaps[1:]] + [_free(norm, chain.end())]
        # Every digit after a separator may start a number: a 序号 `1 ` before it must not hide it.
        for k in range(len(where) - 10):
            if digits[k] == "0":
                continue  # no ID, mobile or card starts with 0
            if free_start if k == 0 else gaps[k] != "":
                yield from _at(norm, where, gaps, digits, stops, k, False)
            elif digits[k] == "1" and _country_code(digits, gaps, k, free_start):
                yield from _at(norm, where, gaps, digits, stops, k, True)


# Digits written as Chinese numerals, one by one (一三九一二三四零零零六): eleven or more in a row occur in
# no ordinary text, so such a run is read as the digits it spells (same length: positions are kept).
_CHINESE_DIGITS = str.maketrans("零〇一二三四五六七八九幺壹贰叁肆伍陆柒捌玖", "001234567891123456789")  # 大写 too
_CHINESE_RUN = re.compile(r"[零〇一二三四五六七八九幺壹贰叁肆伍陆柒捌玖](?:[ \u3000\-－—]{0,2}[零〇一二三四五六七八九幺壹贰叁肆伍陆柒捌玖]){10,}")


def _search(text: str) -> tuple[Hit, ...]:
    if _CHINESE_RUN.search(text):
        text = _CHINESE_RUN.sub(lambda run: run.group().translate(_CHINESE_DIGITS), text)
    if not _DIGIT_RUN.search(text):
        return ()
    norm, origin = _normalize(text)
    taken = bytearray(len(norm))  # the characters of the numbers already found
    hits = []
    for _, kind, start, end, number in sorted(_candidates(norm), key=lambda c: (c[0], c[2])):
        if not any(taken[start:end]):  # IDs first, then mobiles, then cards
            taken[start:end] = b"\1" * (end - start)
            hits.append(Hit(kind, origin[start], origin[end - 1] + 1, number, mask(kind, number)))
    return tuple(sorted(hits, key=lambda hit: hit.start))


_cached = lru_cache(maxsize=64)(_search)  # safety.py finds, then builds an excerpt per hit of the same text


def _find(text: str) -> tuple[Hit, ...]:
    return _cached(text) if len(text) < 100_000 else _search(text)  # never keep whole large files alive


def find(text: str) -> list[Hit]:
    """Every number found, with its place in `text` as given (not normalized)."""
    return list(_find(text))


def redact(text: str) -> str:
    """The text with every number found replaced by its masked form; any other text comes back unchanged.
    Cheap when the text has fewer than 11 digits, so it can be applied to every message printed."""
    hits = _find(text)
    if not hits:
        return text
    pieces, position = [], 0
    for hit in hits:
        pieces += [text[position : hit.start], hit.masked]
        position = hit.end
    pieces.append(text[position:])
    return "".join(pieces)


_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def masked_excerpt(text: str, hit: Hit, context: int = 8) -> str:
    """The hit in its context, on one line, with every number found in the text masked."""
    start, end = max(0, hit.start - context), min(len(text), hit.end + context)
    while start < hit.start and text[start].isdigit() and start > 0 and text[start - 1].isdigit():
        start += 1  # never show part of a neighbouring number
    while end > hit.end and text[end - 1].isdigit() and end < len(text) and text[end].isdigit():
        end -= 1
    pieces, position = [], start
    for other in _find(text):
        if other.start < end and start < other.end:  # a number cut by the window is shown masked, whole
            pieces += [text[position : max(position, other.start)], other.masked]
            position = max(position, other.end)
    pieces.append(text[position:end])
    return " ".join(_INVISIBLE.sub("", "".join(pieces)).split())
