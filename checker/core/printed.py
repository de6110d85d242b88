"""Amounts as the 情况说明 prints them: "1,379.81 万元", "188万元", "120,000.00 元".

Every plugin that compares the narrative with the tables reads the narrative's amounts here, so
that one disclosure gets one reading of what a printed number means:

- A figure the tables also carry (a subject's amount, a change against last year, last year's
  amount, an item of 资金分配情况) is exact to the cent of its unit. Budgets are allocated in
  round sums, so "188 万元" means 188.00 万元, not "somewhere between 187.5 and 188.5": four
  round items that add up to 280 against a total of 278.00 must not pass as rounding.
- A quantity quoted inside a reason ("主要是人员经费增加 300 万元，公用经费增加 57 万元") is an
  approximation the writer rounded: it stands for half its last printed digit
  (:attr:`PrintedAmount.approximate_precision`).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional

from .cells import CellRef
from .model import YUAN_PER_WAN, Amount
from .rounding import HALF_CENT
from .text import lazy_pattern

# A number as printed, with optional thousands separators and sign: "1,379.81", "188", "−5.07";
# never the tail of a longer number ("07" of "5,07"), but a number may follow a comma ("，2日内").
NUMBER = r"(?<!\d)(?<!\d[.,])[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER = lazy_pattern(rf"\s*({NUMBER})\s*")


def parse_decimal(text: str) -> tuple[Optional[Decimal], int]:
    """``"3,567.07"`` → (Decimal("3567.07"), 2 decimals); a minus sign is kept; (None, 0) for text
    that is not a number."""
    t = text.strip().replace(",", "").replace("−", "-")
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None, 0
    if not value.is_finite():
        return None, 0
    decimals = len(t.split(".", 1)[1]) if "." in t else 0
    return value, decimals


def half_digit(decimals: int) -> Decimal:
    """Half the last printed digit: 2 decimals → 0.005, none → 0.5."""
    return Decimal(5).scaleb(-(decimals + 1))


@dataclass(frozen=True)
class PrintedAmount:
    """An amount the narrative printed, with the unit and the number of decimals it was printed in."""

    value: Decimal       # in 万元 (an amount printed in 元 is divided by 10,000)
    text: str            # the digits as printed, e.g. "1,379.81"
    decimals: int
    unit: str = "万元"    # the unit it was printed in: 万元 or 元

    @classmethod
    def parse(cls, text: str, unit: str = "万元") -> Optional["PrintedAmount"]:
        """``PrintedAmount.parse("1,379.81")``; None when ``text`` is not a number."""
        m = _NUMBER.fullmatch(text)
        value, decimals = parse_decimal(m.group(1)) if m else (None, 0)
        if value is None:
            return None
        return cls(value / YUAN_PER_WAN if unit == "元" else value, m.group(1), decimals, unit)

    def _in_wan(self, half: Decimal) -> Decimal:
        return half / YUAN_PER_WAN if self.unit == "元" else half

    @property
    def precision(self) -> Decimal:
        """As a figure: half the last printed digit, but never coarser than half a cent of its unit."""
        return self._in_wan(HALF_CENT if self.decimals <= 2 else half_digit(self.decimals))

    @property
    def approximate_precision(self) -> Decimal:
        """As an approximation: half the last printed digit, in 万元."""
        return self._in_wan(half_digit(self.decimals))

    @property
    def shown(self) -> str:
        """As printed with its unit: "188 万元", "5,000 元"."""
        return f"{self.text} {self.unit}"

    def amount(self, cell: CellRef) -> Amount:
        """The figure as an :class:`Amount` in 万元 that remembers its printed unit and digits."""
        return Amount(value=self.value, cell=cell, unit=self.unit, precision=self.precision, raw=self.text)

    def __str__(self) -> str:
        return self.text


def wan(text: str, unit: str = "万元") -> Decimal:
    """The value in 万元 of a number a pattern has already matched, printed in ``unit``."""
    amount = PrintedAmount.parse(text, unit)
    if amount is None:
        raise ValueError(f"not a printed amount: {text!r}")
    return amount.value
