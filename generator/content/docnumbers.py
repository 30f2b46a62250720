"""文号 (GB/T 9704-2012 §7.2.5): 发文机关代字 + 〔full year〕 + sequence number + 号.

Each wrong form seen on live sites gets its own message with the corrected 文号 to write instead.
"""
from __future__ import annotations

import re
import unicodedata

from .fields import Invalid, text
from .readers import RawValue

_WELL_FORMED = re.compile(r"(?P<code>[^\s〔〕]+)〔(?P<year>\d{4})〕(?P<number>[1-9]\d*)号")
# Liberal: any bracket pair, 2- or 4-digit year, optional 第, leading zeros, optional 号.
_LIBERAL = re.compile(
    r"(?P<code>[^\s\[\]()（）【】〔〕［］]+?)(?P<open>[〔\[(（【［])(?P<year>\d{2}|\d{4})(?P<close>[〕\])）】］])"
    r"(?P<di>第)?(?P<number>\d+)(?P<hao>号)?"
)
def find_doc_number(text: str) -> str:
    """A 文号 anywhere in a line, as written (for import); "" when there is none."""
    match = _LIBERAL.search(text)
    return match.group(0) if match else ""


GENERIC_EXPECTED = "应为 发文机关代字〔年份〕序号号, 如 纸政发〔2023〕3号"


def doc_number(value: RawValue) -> str:
    written = "".join(text(value).split())
    if _WELL_FORMED.fullmatch(written):
        return written
    digits = "".join(unicodedata.normalize("NFKC", ch) if ch.isdigit() else ch for ch in written)
    match = _LIBERAL.fullmatch(digits)
    if not match:
        raise Invalid(f"'{written}' 不是规范的文号", GENERIC_EXPECTED)
    defects = []
    if digits != written:
        defects.append("数字要用半角")
    if (match["open"], match["close"]) != ("〔", "〕"):
        defects.append(f"年份要用六角括号〔〕, 不用 {match['open']}{match['close']}")
    year = match["year"]
    if len(year) == 2:
        defects.append("年份要写全四位")
        year = "20" + year
    if match["di"]:
        defects.append("序号前不加“第”")
    if match["number"].startswith("0"):
        defects.append("序号前不加 0")
    if not match["hao"]:
        defects.append("序号后要有“号”")
    number = str(int(match["number"]))
    if number == "0":
        raise Invalid(f"'{written}' 不是规范的文号: 序号不能为 0", GENERIC_EXPECTED)
    corrected = f"{match['code']}〔{year}〕{number}号"
    raise Invalid(f"'{written}' 不规范: " + "；".join(defects), f"应为 {corrected}")
