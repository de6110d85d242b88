"""The run options the year-over-year rules read: the thresholds of a large change (Y015)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from checker.core.options import RunOption

OPTIONS = [
    RunOption("large_change_percent", 10, "增减幅度超过 ±该百分比（且增减额超过 large_change_amount）的变化算大幅变化，原因不能只写套话（Y015）",
              type="number", minimum=0),
    RunOption("large_change_amount", 10, "增减额超过 ±该金额（万元，且幅度超过 large_change_percent）的变化算大幅变化（Y015）",
              type="number", minimum=0),
]
DEFAULTS: dict[str, Any] = {o.name: o.default for o in OPTIONS}


def _decimal(value: Any, default: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(str(default))


def large_change(options: dict[str, Any]) -> tuple[Decimal, Decimal]:
    """(percent, amount in 万元): a change is large when it exceeds both."""
    return tuple(_decimal(options.get(name, DEFAULTS[name]), DEFAULTS[name])    # type: ignore[return-value]
                 for name in ("large_change_percent", "large_change_amount"))
