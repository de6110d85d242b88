"""checker.core.rounding directly: the interval arithmetic every rule's tolerance rests on, pinned at
the edges mutation testing found unpinned (see mutmut-equivalent.md for the mutants that cannot be)."""
from __future__ import annotations

from decimal import Decimal as D

from checker.core.model import Amount
from checker.core.rounding import (HALF_CENT, Agreement, Interval, compare, interval, percent_agrees,
                                   percent_interval)


def test_magnitude_of_a_change_whose_sign_is_printed_as_a_word():
    """|x| over an interval, for "减少 0.57 万元" read as a size: a positive interval stays as it is (also
    when it starts between 0 and 1), a negative one is mirrored (also when it ends between −1 and 0), and
    one around zero runs from 0 to the larger of its two ends."""
    assert Interval(D("0.565"), D("0.575")).magnitude() == Interval(D("0.565"), D("0.575"))
    assert Interval(D("0"), D("0.01")).magnitude() == Interval(D("0"), D("0.01"))
    assert Interval(D("-0.575"), D("-0.565")).magnitude() == Interval(D("0.565"), D("0.575"))
    assert Interval(D("-0.2"), D("0.5")).magnitude() == Interval(D("0"), D("0.5"))
    assert Interval(D("-0.7"), D("0.2")).magnitude() == Interval(D("0"), D("0.7"))
    assert Interval(D("-0.01"), D("0")).magnitude() == Interval(D("0"), D("0.01"))


def test_a_share_of_a_whole_that_may_be_zero_can_only_be_zero():
    """"占 Y%" of a whole printed as 0.00 (it may be anything up to 0.005): no share is computable, so
    only 0 % agrees — also when the whole's interval just touches zero."""
    part = Interval(D("0.995"), D("1.005"))
    for whole in (Interval(D("-0.005"), D("0.005")), Interval(D("0"), D("0.01"))):
        assert percent_interval(part, whole) is None
        assert percent_agrees(D("0"), part, whole)
        assert not percent_agrees(D("5.00"), part, whole)


def test_a_share_is_allowed_half_its_last_printed_digit():
    """1 of 3 is 33.333…%: "33.33%" and "33.3%" agree, "33.34%" does not (with exact inputs), and a share
    printed as a whole number is allowed ±0.5."""
    one, three = Interval(D(1), D(1)), Interval(D(3), D(3))
    assert percent_agrees(D("33.33"), one, three)
    assert not percent_agrees(D("33.34"), one, three)
    assert percent_agrees(D("33.3"), one, three, decimals=1)
    assert percent_agrees(D("33"), one, three, decimals=0)
    assert not percent_agrees(D("34"), one, three, decimals=0)
    # 1 of 8 is exactly 12.5 %: printed as a whole number either 12 % or 13 % is its rounding
    eight = Interval(D(8), D(8))
    assert percent_agrees(D("12"), one, eight, decimals=0) and percent_agrees(D("13"), one, eight, decimals=0)


def test_compare_takes_single_values_and_lists_and_a_precision_floor():
    """A bare value and a one-item list compare alike; a blank (None) is zero; the floor widens every
    figure's interval to at least half a cent of 万元."""
    yuan = Amount(D("1.0001"), None, "元", D("0.0000005"))           # 10,001.00 元
    other = Amount(D("1.0000"), None, "元", D("0.0000005"))          # 10,000.00 元
    assert compare(D("1.00"), [D("1.00")]) is Agreement.EXACT
    assert compare([D("2.00"), None], D("2.00")) is Agreement.EXACT
    assert compare(None, D("0")) is Agreement.EXACT                      # a blank cell against a zero
    assert compare(yuan, other) is Agreement.BROKEN                      # 1 元 apart, compared in 元
    assert compare(yuan, other, floor=HALF_CENT) is Agreement.ROUNDING   # 万元 figures re-expressed in 元
    assert compare((x for x in [D("1.00"), D("1.00")]), D("2.01")) is Agreement.ROUNDING   # any iterable


def test_interval_of_a_published_value():
    assert interval(None) == Interval(D(0), D(0))
    assert interval(D("5.00")) == Interval(D("4.995"), D("5.005"))
    assert interval(5, D("0.5")) == Interval(D("4.5"), D("5.5"))
    a = Amount(D("5.00"), None, "元", D("0.0000005"))
    assert interval(a) == Interval(D("4.9999995"), D("5.0000005"))
    assert interval(a, HALF_CENT) == Interval(D("4.995"), D("5.005"))


def test_yuan_figures_among_wan_figures_are_still_recognised_as_converted():
    """A workbook with some tables in 万元 and one in 元 (表10 printed in 元, say): the 元 figures, all whole
    hundreds, are 万元 figures re-expressed — whatever order the tables come in."""
    from checker.core.rounding import converted_precision
    wan = Amount(D("22.02"), None)
    hundreds = Amount(D("2.0000"), None, "元", D("0.0000005"))        # 20,000.00 元
    with_yuan = Amount(D("2.0001"), None, "元", D("0.0000005"))       # 20,001.00 元
    assert converted_precision([wan, hundreds]) == HALF_CENT
    assert converted_precision([wan, hundreds, with_yuan]) is None


def test_the_floor_never_narrows_a_figure_s_own_precision():
    """Approximate parts ("人员经费增加 300 万元，公用经费增加 57 万元", each ±0.5) against a change of 357.80:
    rounding explains 0.80 whether or not a 万元 floor is given — the floor only widens finer figures."""
    parts = [Amount(D(300), None, precision=D("0.5")), Amount(D(57), None, precision=D("0.5"))]
    assert compare(parts, D("357.80")) is Agreement.ROUNDING
    assert compare(parts, D("357.80"), floor=HALF_CENT) is Agreement.ROUNDING
    assert compare(parts, D("359.10"), floor=HALF_CENT) is Agreement.BROKEN
