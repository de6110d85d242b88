"""The one reading of the amounts the 情况说明 prints (checker.core.printed)."""
from decimal import Decimal

import pytest

from checker.core.cells import CellRef
from checker.core.printed import PrintedAmount, parse_decimal, wan
from checker.core.rounding import Agreement, compare


def test_parse_decimal_keeps_sign_and_decimals():
    assert parse_decimal("3,567.07") == (Decimal("3567.07"), 2)
    assert parse_decimal("−5.1") == (Decimal("-5.1"), 1)
    assert parse_decimal("188") == (Decimal(188), 0)
    assert parse_decimal("约") == (None, 0)
    assert parse_decimal("NaN") == (None, 0)


def test_amount_in_wan_and_in_yuan():
    a = PrintedAmount.parse("1,379.81")
    assert (a.value, a.text, a.decimals, a.unit, a.shown) == (Decimal("1379.81"), "1,379.81", 2, "万元", "1,379.81 万元")
    y = PrintedAmount.parse("120,000.00", "元")
    assert y.value == Decimal(12) and y.shown == "120,000.00 元"
    assert PrintedAmount.parse("12,3456") is None and PrintedAmount.parse("") is None
    assert wan("100,000", "元") == Decimal(10)
    with pytest.raises(ValueError):
        wan("十万")


def test_a_whole_number_is_exact_as_a_figure():
    """"188 万元" is 188.00: a table's 188.30 does not agree with it, 188.004 does."""
    figure = PrintedAmount.parse("188").amount(CellRef("情况说明", 3, 0))
    assert figure.precision == Decimal("0.005")
    assert compare(figure, Decimal("188.30")) is Agreement.BROKEN
    assert compare(figure, Decimal("188.00")) is Agreement.EXACT
    # four round items that add up to 280 are not 278.00 "by rounding"
    items = [PrintedAmount.parse(t).amount(figure.cell) for t in ("188", "25", "35", "32")]
    assert compare(items, Decimal("278.00")) is Agreement.BROKEN


def test_finer_printing_keeps_its_own_precision():
    assert PrintedAmount.parse("1.2345").precision == Decimal("0.00005")
    # 元 figures are exact to the 元 cent, expressed in 万元
    assert PrintedAmount.parse("5,000", "元").precision == Decimal("0.005") / 10000


def test_a_quoted_reason_part_is_an_approximation():
    part = PrintedAmount.parse("300")
    assert part.approximate_precision == Decimal("0.5")
    assert PrintedAmount.parse("57.3").approximate_precision == Decimal("0.05")


def test_the_amount_remembers_what_was_printed():
    cell = CellRef("情况说明", 5, 0)
    a = PrintedAmount.parse("120,000.00", "元").amount(cell)
    assert (a.value, a.unit, a.raw, a.cell) == (Decimal(12), "元", "120,000.00", cell)
    # and its precision: half a cent of 元 (in 万元), not half a cent of 万元 — 50 元 is no rounding of 元
    assert a.precision == Decimal("0.005") / 10000


def test_number_pattern_never_takes_the_tail_of_a_number():
    import re

    from checker.core.printed import NUMBER
    assert re.findall(NUMBER, "增加1,379.81万元，减少5,07万元") == ["1,379.81", "5"]
    assert re.findall(NUMBER, "保障到位,2日内出具报告") == ["2"]


def test_interval_magnitude():
    from checker.core.rounding import Interval
    assert Interval(Decimal(2), Decimal(3)).magnitude() == Interval(Decimal(2), Decimal(3))
    assert Interval(Decimal(-3), Decimal(-2)).magnitude() == Interval(Decimal(2), Decimal(3))
    assert Interval(Decimal(-1), Decimal(4)).magnitude() == Interval(Decimal(0), Decimal(4))


def test_wan_names_the_text_it_could_not_read():
    """wan() is called on text a pattern matched as a number; when it is not one, the error says which
    text (a programming error to be found from the message)."""
    with pytest.raises(ValueError, match="十万"):
        wan("十万")
