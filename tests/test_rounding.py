"""checker.core.rounding directly: the interval arithmetic every rule's tolerance rests on, pinned at
the edges mutation testing found unpinned (see mutmut-equivalent.md for the mutants that cannot be)."""
from __future__ import annotations

from decimal import Decimal as D

from checker.core.rounding import Interval


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
