"""What a check gets besides the document: the run's options and the prior year's document."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from .findings import Rule
from .model import Disclosure

@dataclass
class CheckContext:
    """What every check of one document is given besides the document."""

    year: Optional[int] = None                      # the document's year (or --year)
    prior: Optional[Disclosure] = None              # last year's disclosure (--prior)
    options: dict[str, Any] = field(default_factory=dict)   # declared defaults, then --option (see core.options)
    rules: dict[str, Rule] = field(default_factory=dict)
    pm: Any = None                                  # the plugin manager
    hooks: Any = None                               # its hooks, for plugins that call one themselves
                                                    # (context.hooks.checker_reference_codes(year=…)):
                                                    # each implementation bounded (core.engine.PluginCalls)

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)
