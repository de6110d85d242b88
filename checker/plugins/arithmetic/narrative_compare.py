"""Comparing narrative figures with table values, rounding-aware, through checker.core.rounding.

Three kinds of comparison:

* a **restatement** — the narrative copies one table cell ("单位资金 7,929.93 万元"). Both figures
  are the same amount rounded the same way, so they must agree at the narrative's precision:
  57.98 against 57.99 is an error, 9,457.44 against a table in 元 showing 94,574,412.00 is not.
  (A published value v stands for [v − p, v + p); two such intervals of the same amount overlap
  in more than an end point.)
* a **sum** — the narrative states the total of several figures (a 表7 project over several
  codes, 资金分配 items, 货物 + 工程 + 服务). :func:`checker.core.rounding.compare` decides: exact,
  rounding (an info finding) or broken (an error).
* a **share** — "占 Y%": :func:`checker.core.rounding.percent_agrees` against the interval the
  rounded part and whole allow.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Optional

from checker.core.model import Amount, Disclosure
from checker.core.text import lazy_pattern
from checker.core.rounding import (Agreement, Interval, compare, converted_precision, interval, percent_agrees,
                                   value_of)


def floor_of(document: Disclosure) -> Optional[Decimal]:
    """The least precision the document's table figures carry: 万元 precision for a workbook
    whose 元 figures are 万元 figures re-expressed (see :func:`converted_precision`)."""
    return converted_precision(a for t in document.tables.values() for side in t.sides
                               for row in side.rows for a in row.amounts.values())


def _interval(value: Optional[Amount], floor: Optional[Decimal]) -> Interval:
    if value is None or floor is None:
        return interval(value)
    return interval(value, max(value.precision, floor))


def restates(stated: Amount, table: Iterable[Optional[Amount]], floor: Optional[Decimal] = None) -> bool:
    """Does ``stated`` restate the table figure (or the sum of the table figures)?"""
    cells = list(table)
    if len(cells) != 1:
        return compare(stated, cells, floor=floor) is not Agreement.BROKEN
    if value_of(stated) == value_of(cells[0]):
        return True
    s, t = _interval(stated, floor), _interval(cells[0], floor)
    return s.lo < t.hi and t.lo < s.hi


def sum_interval(values: Iterable[Optional[Amount]], floor: Optional[Decimal] = None) -> Interval:
    total = interval(None)
    for v in values:
        total = total + _interval(v, floor)
    return total


def share_agrees(share: Decimal, decimals: int, part: Iterable[Optional[Amount]],
                 whole: Iterable[Optional[Amount]], floor: Optional[Decimal] = None) -> bool:
    return percent_agrees(share, sum_interval(part, floor), sum_interval(whole, floor), decimals=decimals)


def percent(part: Decimal, whole: Decimal, decimals: int = 2) -> Optional[Decimal]:
    if whole == 0:
        return None
    return (part / whole * 100).quantize(Decimal(1).scaleb(-decimals))


def exceeds(part: Iterable[Optional[Amount]], whole: Iterable[Optional[Amount]],
            floor: Optional[Decimal] = None) -> Agreement:
    """Is the sum of ``part`` larger than the sum of ``whole``, beyond what rounding explains?
    EXACT: not larger; ROUNDING: larger, but rounding explains it; BROKEN: larger."""
    parts, wholes = list(part), list(whole)
    if sum(map(value_of, parts)) <= sum(map(value_of, wholes)):
        return Agreement.EXACT
    return Agreement.ROUNDING if sum_interval(parts, floor).lo <= sum_interval(wholes, floor).hi else Agreement.BROKEN


# the narrative's own word that its shares were balanced to 100 %
BALANCING_NOTE = lazy_pattern(r"舍位平衡|尾差调整|尾数调整|四舍五入[^。；]{0,8}调整")


def balanced_total(shares: Iterable[tuple[Decimal, int, Optional[Decimal]]]) -> Optional[Decimal]:
    """For a list of shares of one whole, each (printed share, its decimals, exact share): the total
    of the exact shares rounded as printed, when the printed shares total exactly 100 % and those
    do not (the list was balanced, 舍位平衡); None otherwise."""
    listed = list(shares)
    if len(listed) < 2 or any(exact is None for _, _, exact in listed):
        return None
    if sum(printed for printed, _, _ in listed) != 100:
        return None
    rounded = sum(exact.quantize(Decimal(1).scaleb(-decimals)) for _, decimals, exact in listed)   # type: ignore[union-attr]
    return rounded if rounded != 100 else None
