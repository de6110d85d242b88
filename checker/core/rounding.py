"""Rounding-aware comparison, in one place, used by every rule that compares amounts.

Disclosures publish amounts rounded to 0.01 万元 (or 0.01 元), so a published value v stands for
the interval [v − p, v + p] with p half the last digit. A sum identity holds when the interval of
the summed parts overlaps the interval of the published total (the approach of XBRL
Calculations 1.1): 1,904.25 + 0.25 published as 1,904.49 is rounding; 3,384.08 against 3,374.08
is not.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Iterable, Optional, Union

from .model import Amount

HALF_CENT = Decimal("0.005")
Number = Union[Amount, Decimal, int, None]


@dataclass(frozen=True)
class Interval:
    """The closed range of exact values a printed (rounded) amount stands for."""

    lo: Decimal
    hi: Decimal

    def overlaps(self, other: "Interval") -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def magnitude(self) -> "Interval":
        """The interval of |x| for x in this interval (a change whose sign is printed as a word)."""
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return Interval(-self.hi, -self.lo)
        return Interval(Decimal(0), max(-self.lo, self.hi))


def interval(value: Number, precision: Optional[Decimal] = None) -> Interval:
    """The interval a published value stands for. A blank cell is exactly zero."""
    if value is None:
        return Interval(Decimal(0), Decimal(0))
    if isinstance(value, Amount):
        p = value.precision if precision is None else precision
        return Interval(value.value - p, value.value + p)
    p = HALF_CENT if precision is None else precision
    v = Decimal(value)
    return Interval(v - p, v + p)


def value_of(value: Number) -> Decimal:
    if value is None:
        return Decimal(0)
    if isinstance(value, Amount):
        return value.value
    return Decimal(value)


class Agreement(Enum):
    EXACT = "exact"          # the figures agree to the cent
    ROUNDING = "rounding"    # they differ, but rounding of the published figures explains it
    BROKEN = "broken"        # no rounding explains the difference


def compare(left: Iterable[Number] | Number, right: Iterable[Number] | Number,
            floor: Optional[Decimal] = None) -> Agreement:
    """Compare the sum of ``left`` with the sum of ``right`` (each a value or an iterable).

    ``floor`` is the least precision any published value is taken to have (see
    :func:`converted_precision`); by default each amount's own precision counts."""
    lefts = list(left) if _iterable(left) else [left]       # type: ignore[arg-type]
    rights = list(right) if _iterable(right) else [right]   # type: ignore[arg-type]
    if sum(map(value_of, lefts)) == sum(map(value_of, rights)):
        return Agreement.EXACT
    li = _sum_interval(lefts, floor)
    ri = _sum_interval(rights, floor)
    return Agreement.ROUNDING if li.overlaps(ri) else Agreement.BROKEN


def _iterable(x: object) -> bool:
    return isinstance(x, (list, tuple)) or (hasattr(x, "__iter__") and not isinstance(x, (str, Amount, Decimal)))


def _sum_interval(values: list[Number], floor: Optional[Decimal] = None) -> Interval:
    total = Interval(Decimal(0), Decimal(0))
    for v in values:
        if v is not None:
            own = v.precision if isinstance(v, Amount) else HALF_CENT
            total = total + interval(v, max(own, floor) if floor is not None else None)
    return total


def converted_precision(amounts: Iterable[Amount]) -> Optional[Decimal]:
    """The precision amounts read in 元 really carry when they were converted from 万元.

    A workbook whose 元 figures are every one a whole hundred 元 (18,767.18 万元 printed as
    187,671,800.00 元) holds two-decimal 万元 figures re-expressed in 元: their rounding is that of
    the 万元 figures, so they are compared with 万元 precision (returns ``HALF_CENT``). When any 元
    figure has a finer digit, 元 figures are real 元 figures and keep their own precision (None).
    """
    seen = False
    for a in amounts:
        if a.unit != "元":
            continue
        seen = True
        if (a.value * 100) % 1 != 0:
            return None
    return HALF_CENT if seen else None


def percent_interval(part: Interval, whole: Interval) -> Optional[Interval]:
    """The interval of ``part / whole × 100`` given the intervals of both (whole > 0)."""
    if whole.lo <= 0:
        return None
    candidates = [part.lo / whole.lo, part.lo / whole.hi, part.hi / whole.lo, part.hi / whole.hi]
    return Interval(min(candidates) * 100, max(candidates) * 100)


def percent_agrees(stated: Decimal, part: Interval, whole: Interval, decimals: int = 2) -> bool:
    """Does a percentage printed with ``decimals`` decimals fit the interval its inputs allow?"""
    allowed = percent_interval(part, whole)
    if allowed is None:
        return stated == 0
    half = Decimal(1).scaleb(-decimals) / 2
    return Interval(stated - half, stated + half).overlaps(allowed)
