"""Figure checks in report prose: a stated rate next to the two counts it is computed from is recomputed.

"排查出各类信访案件61件，化解59件，调处率98%" states 98% where 59 ÷ 61 is 96.7%. A rate that cannot be tied
to exactly two counts in the same sentence before it is left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_SENTENCE = re.compile(r"[^。；;！？\n]+")
_COUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:件|个|起|人次|人|家次|家|次|户|场次|场|份|项|条|宗|批)")
_RATE = re.compile(r"[\u4e00-\u9fff]{1,6}率\s*(?:均)?(?:为|达到|达|是)?\s*(\d+(?:\.\d+)?)\s*%")
TOLERANCE = Decimal("0.5")  # percentage points


@dataclass(frozen=True)
class RateMismatch:
    line: int
    text: str  # the clause, from the first count to the rate
    whole: Decimal
    part: Decimal
    stated: Decimal
    computed: Decimal


def rate_mismatches(text: str, first_line: int) -> list[RateMismatch]:
    found = []
    for number, line_text in enumerate(text.split("\n")):
        for sentence in _SENTENCE.finditer(line_text):
            found += _in_sentence(sentence.group(0), first_line + number)
    return found


def _in_sentence(sentence: str, line: int) -> list[RateMismatch]:
    found = []
    start = 0  # counts belong to the rate that follows them, not to an earlier one
    for rate in _RATE.finditer(sentence):
        counts = list(_COUNT.finditer(sentence, start, rate.start()))
        clause_start, start = start, rate.end()
        if len(counts) != 2:
            continue
        whole, part = (Decimal(c.group(1)) for c in counts)
        if whole == 0 or part > whole:
            continue
        computed = (part / whole * 100).quantize(Decimal("0.1"))
        stated = Decimal(rate.group(1))
        if abs(computed - stated) > TOLERANCE:
            clause = sentence[clause_start:rate.end()].strip().lstrip("，,、")
            found.append(RateMismatch(line, clause, whole, part, stated, computed))
    return found
