"""Cell values no budget can hold, set aside before any table is read.

A cell holding NaN or infinity (as a number or as text), a number written with an exponent
(``1e26``), or a number whose size no budget reaches (|x| ≥ 10^15 in any unit — the whole national
budget is some 10^9 万元; as text, more than 20 digits) is not a figure anyone meant; worse, such values exceed what a Decimal
context can round (``quantize`` raises on 1e26) and would crash whichever plugin met them first.
Each is reported as rule S008 naming its cell and replaced by a blank in the grid, so that every
plugin works on plausible values only.
"""
from __future__ import annotations

import re

import math
from typing import Iterator

from ..grid import SheetGrid
from ..model import ReadProblem
from ..text import lazy_pattern

LIMIT = 10 ** 15
NOT_NUMBERS = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "#num!"}
EXPONENT = lazy_pattern(r"^[-+]?\d+(\.\d*)?[eE][-+]?\d+$")
DIGITS = lazy_pattern(r"^[-+]?\d[\d,，]*(\.\d+)?$")
# how everything _implausible looks for begins: a sign, a digit, NaN, infinity, #NUM!
_FIRST = frozenset("+-0123456789nNiI#")
PER_SHEET = 20          # reported per sheet; the rest are set aside all the same


def _implausible(value: object) -> bool:
    if type(value) is float:
        return not -LIMIT < value < LIMIT          # NaN fails both comparisons
    if type(value) is int:
        return not -LIMIT < value < LIMIT
    if type(value) is str and len(value) < 64:
        text = value.strip()
        if text[:1] not in _FIRST:          # most text: no number, NaN or infinity can start so
            return False
        if text.lower() in NOT_NUMBERS or EXPONENT.match(text):
            return True
        if DIGITS.match(text):
            digits = text.lstrip("+-").replace(",", "").replace("，", "").split(".")[0]
            return len(digits) > 20     # 18-digit ID numbers in text are not amounts, and do no harm
    return False


def _shown(value: object) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return str(value)[:40]


# what Excel shows in a cell whose formula failed (or where such a value was pasted)
ERROR_VALUE = lazy_pattern(r"^#(REF!|DIV/0!|N/A|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|"
                         r"CONNECT!|BUSY!|UNKNOWN!)$", re.I)


def error_values(grids: list[SheetGrid]) -> Iterator[ReadProblem]:
    """Report every cell holding an Excel error value, with its cell and the error, and blank it
    in the grid (in place): from the sheet XML (``SheetGrid.errors``: python-calamine reads such a
    cell as empty) or as text (a grid read through Excel, a PDF). A figure that shows #REF! is
    not blank and not 0: the table around it cannot be checked until it is mended."""
    for grid in grids:
        found = dict(grid.errors)
        for r, row in enumerate(grid.rows):
            for c, value in enumerate(row):
                if type(value) is str and len(value) < 16 and "#" in value and ERROR_VALUE.match(value.strip()):
                    found[r, c] = value.strip().upper()
                    row[c] = None
        for n, ((r, c), error) in enumerate(sorted(found.items())):
            if n == PER_SHEET:
                yield ReadProblem("error-value", f"工作表“{grid.name}”另有 {len(found) - PER_SHEET} 个单元格显示错误值，"
                                                 "均未读取。请逐一改正。", grid.cell(0, 0))
                break
            cell = grid.cell(r, c)
            yield ReadProblem("error-value",
                              f"{cell} 显示错误值 {error}（公式出错或引用已失效），未读作金额或文字，所在的行、表无法完整校验。"
                              "请修正公式或填写实际数值后再校验。", cell)


def set_aside(grids: list[SheetGrid]) -> Iterator[ReadProblem]:
    """Blank every implausible value in ``grids`` (in place), yielding a problem for each (up to
    :data:`PER_SHEET` per sheet, then one that says how many more)."""
    for grid in grids:
        found = 0
        for r, row in enumerate(grid.rows):
            for c, value in enumerate(row):
                if value is None or not _implausible(value):
                    continue
                found += 1
                row[c] = None
                if found <= PER_SHEET:
                    cell = grid.cell(r, c)
                    yield ReadProblem("implausible-value",
                                      f"{cell} 的值“{_shown(value)}”不是可能的金额（非数字、无穷大、科学计数法或绝对值"
                                      f"达到 10 的 15 次方），已按空白处理、不参与校验。请改为正确的金额。", cell)
        if found > PER_SHEET:
            yield ReadProblem("implausible-value",
                              f"工作表“{grid.name}”另有 {found - PER_SHEET} 个这样的值，均已按空白处理。请逐一改正。",
                              grid.cell(0, 0))
