"""The thresholds of a large change (Y015), read from the run's options."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

DEFAULTS: dict[str, Any] = {
    "large_change_percent": 10,     # |Y%| above this …
    "large_change_amount": 10,      # … and |X| above this many 万元: a large change
}


def _decimal(value: Any, default: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(str(default))


def large_change(options: dict[str, Any]) -> tuple[Decimal, Decimal]:
    """(percent, amount in 万元): a change is large when it exceeds both."""
    return (_decimal(options.get("large_change_percent", DEFAULTS["large_change_percent"]),
                     DEFAULTS["large_change_percent"]),
            _decimal(options.get("large_change_amount", DEFAULTS["large_change_amount"]),
                     DEFAULTS["large_change_amount"]))
