"""What a check gets besides the document: the run's options and the prior year's document."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from .findings import Rule
from .model import Disclosure

# Defaults a plugin may read through ``context.option``; a run can override any of them
# (``checker run --option name=value``).
DEFAULT_OPTIONS: dict[str, Any] = {
    "large_change_percent": 10,     # a change of more than ±10 % …
    "large_change_amount": 10,      # … and more than ±10 万元 counts as large (Y rules)
}


@dataclass
class CheckContext:
    year: Optional[int] = None                      # the document's year (or --year)
    prior: Optional[Disclosure] = None              # last year's disclosure (--prior)
    options: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_OPTIONS))
    rules: dict[str, Rule] = field(default_factory=dict)
    pm: Any = None                                  # the plugin manager, for plugins that call a hook
                                                    # themselves (e.g. checker_reference_codes)

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)
