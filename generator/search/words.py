"""What the search index counts as words: one definition, which the browser repeats (search.js).

Text is read as *units*: every Chinese character is one, and so is every run of digits and every run of
Latin letters, after NFKC (full-width ２０２４ and ＰＤＦ are 2024 and pdf). The index holds each unit
together with the unit that follows it (a *term*: 森+林, 2024+年, 11+号), so a query of any length is
found as a chain of terms at consecutive positions: an exact substring match, whatever the query's
segmentation, and a number is never found inside a longer number. Brackets and other punctuation are not
units, so 纸政发〔2024〕11号, 纸政发[2024]11号 and 纸政发（2024）11号 are the same words. Spaces and the
punctuation that ends a phrase (。，、；：！？) break the chain: a query does not match across a sentence.
"""
from __future__ import annotations

import re
import unicodedata

_UNIT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]|[0-9]+|[a-z]+")
_BREAK = re.compile(r"[\s。，、；：！？,.;:!?]+")
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # only ASCII: what JavaScript lowers alike
# A term is written "森 林"; "火 " ends a phrase. The marks that begin the other terms sort before any unit.
SEPARATOR = " "  # between a term's two units
FILTER = "!"  # a filter's term ("!类型 规范性文件") holds the records it applies to
DOC_NUMBER = "#"  # a 文号's term holds the one record that is that document, not the ones citing it
# A query that is a 文号 typed loosely: 纸政发2024年11号, 纸政发 2024 11, 纸政发[2024]11, 纸政发〔2024〕11号
_DOC_NUMBER_QUERY = re.compile(r"^\s*([\u3400-\u4dbf\u4e00-\u9fff]{2,})\s*(?:[〔\[(【]\s*((?:19|20)\d{2})\s*[〕\])】]?|((?:19|20)\d{2})\s*(?:年|\s)"
                               r"|((?:19|20)\d{2})\s*[〕\])】])\s*(\d{1,4})\s*号?\s*$")


def phrases(text: str) -> list[list[str]]:
    """The units of a text, phrase by phrase: 纸政发〔２０２４〕11号。 → [[纸, 政, 发, 2024, 11, 号]]."""
    found = (_UNIT.findall(phrase) for phrase in _BREAK.split(unicodedata.normalize("NFKC", text).translate(_LOWER)))
    return [units for units in found if units]


def terms(text: str) -> list[str]:
    """The term at each unit's position: the unit and the one after it, or the unit alone where its phrase ends."""
    found: list[str] = []
    for units in phrases(text):
        found += [a + SEPARATOR + b for a, b in zip(units, units[1:])]
        found.append(units[-1] + SEPARATOR)
    return found


def filter_term(name: str, value: str) -> str:
    return FILTER + name + SEPARATOR + value


def doc_number_term(doc_number: str) -> str:
    return DOC_NUMBER + SEPARATOR.join(unit for phrase in phrases(doc_number) for unit in phrase)


def doc_number_query(query: str) -> str | None:
    """A query that is a 文号, in the form documents write it (纸政发〔2024〕11号); None if it is not one."""
    match = _DOC_NUMBER_QUERY.match(unicodedata.normalize("NFKC", query))
    if not match:
        return None
    prefix, year, number = match.group(1), match.group(2) or match.group(3) or match.group(4), match.group(5)
    return f"{prefix}〔{year}〕{number}号"
