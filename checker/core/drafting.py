"""The drafted narrative (情况说明) and the pieces every template's drafter writes it with.

``checker draft`` writes the narrative of a workbook's template from its tables. What the narrative
says and in which words varies by template, so each template plugin answers the
``checker_draft_narrative`` hook for its own documents (the Xinjiang drafter writes 一 … 十二, the
Shanghai one 编制说明 and 其他相关情况说明); this module holds what they share: the :class:`Draft`
they return, the marked placeholder for what the tables cannot tell (every reason, every figure no
table carries), amounts printed the way disclosures print them, the change against last year in
the template's words, and shares balanced to 100.00 % by the largest remainder.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Optional, Sequence

PLACEHOLDER = "【请填写】"           # what a person must still write; wording rule S010 reports it
REASON = "主要原因是：" + PLACEHOLDER
CENT = Decimal("0.01")


@dataclass(frozen=True)
class DraftPart:
    """One part of the drafted narrative, written to a sheet of its own by ``--into``."""

    key: str                       # the template's NarrativePart.key ("explanation", "other"), or ""
    sheet: str                     # the sheet name ``--into`` gives it
    paragraphs: tuple[str, ...]    # in reading order, headings included


@dataclass(frozen=True)
class Draft:
    """The narrative drafted for one workbook."""

    template: str                  # the template profile's name
    parts: tuple[DraftPart, ...]
    with_prior: bool = False       # the changes against last year were computed from --prior

    @property
    def paragraphs(self) -> list[str]:
        return [p for part in self.parts for p in part.paragraphs]

    @property
    def placeholders(self) -> int:
        """How many 【请填写】 are left to fill."""
        return sum(p.count(PLACEHOLDER) for p in self.paragraphs)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def wan(value: Optional[Decimal]) -> str:
    """An amount in 万元 as disclosures print it: "1,379.81万元" (a missing figure is 0.00)."""
    return f"{cents(value or Decimal(0)):,.2f}万元"


def percent(value: Decimal) -> str:
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):.2f}%"


def balanced_shares(parts: Sequence[Decimal], whole: Optional[Decimal] = None) -> list[Decimal]:
    """Each part's share of ``whole`` (the parts' sum when not given) in percent to two decimals,
    balanced so that shares of parts that make up the whole add to exactly 100.00 %: every share is
    first cut down to the hundredth, then the hundredths still missing go one each to the shares
    with the largest remainders (the largest-remainder or Hamilton method; ties to the larger part,
    then to the earlier). Parts that do not add up to the whole are not balanced (each is rounded
    half up), nor is a list with a negative part; a zero whole gives zero shares."""
    values = [Decimal(p) for p in parts]
    total = sum(values, Decimal(0)) if whole is None else Decimal(whole)
    if total == 0:
        return [Decimal("0.00") for _ in values]
    exact = [v / total * 100 for v in values]
    if cents(sum(values, Decimal(0))) != cents(total) or any(v < 0 for v in values):
        return [e.quantize(CENT, rounding=ROUND_HALF_UP) for e in exact]
    floors = [e.quantize(CENT, rounding=ROUND_FLOOR) for e in exact]
    missing = int(((Decimal(100) - sum(floors, Decimal(0))) / CENT).to_integral_value(rounding=ROUND_HALF_UP))
    order = sorted(range(len(values)), key=lambda i: (-(exact[i] - floors[i]), -values[i], i))
    for i in order[:max(missing, 0)]:
        floors[i] += CENT
    return floors


BALANCING_NOTE = "以上各项占比经舍位平衡，合计为100.00%。"


def balancing_note(parts: Sequence[Decimal], whole: Optional[Decimal], shares: Sequence[Decimal]) -> str:
    """The sentence a drafted list of ``shares`` needs when balancing moved any of them off its own
    rounding: a share that differs from the computed value must say why (A202 reports it otherwise,
    as a reader checking the figure would); "" when every share is its own rounding."""
    values = [Decimal(p) for p in parts]
    total = sum(values, Decimal(0)) if whole is None else Decimal(whole)
    if total == 0:
        return ""
    plain = [(v / total * 100).quantize(CENT, rounding=ROUND_HALF_UP) for v in values]
    return BALANCING_NOTE if list(plain) != list(shares) else ""


@dataclass(frozen=True)
class ChangeWords:
    """How a template says a change against last year.

    ``"比{base}增加{amount}，增长{pct}"`` and its kin: ``base`` is the words for last year's figure
    ("上年预算", "2024年预算"), ``with_percent`` adds the percentage, ``flat`` is what an unchanged
    figure is said with ("持平" after ``base``, or "增加0.00万元，增长0.00%" when empty)."""

    base: str
    with_percent: bool = True
    flat: str = ""
    separator: str = "，"

    def say(self, current: Optional[Decimal], last: Optional[Decimal], money=wan) -> str:
        """The change clause, without the reason; a placeholder when last year's figure is unknown."""
        if last is None or current is None:
            return f"比{self.base}{PLACEHOLDER}"
        diff = cents(current) - cents(last)
        if diff == 0 and self.flat:
            return f"比{self.base}{self.flat}"
        word, rate = ("增加", "增长") if diff >= 0 else ("减少", "下降")
        text = f"比{self.base}{word}{money(abs(diff))}"
        if self.with_percent:
            if cents(last) == 0:
                pct = Decimal(100) if diff else Decimal(0)
            else:
                pct = abs(diff) / cents(last) * 100
            text += f"{self.separator}{rate}{percent(pct)}"
        return text
