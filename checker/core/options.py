"""Run options: the thresholds and lists a plugin's rules read, adjustable per run.

A plugin declares the options it reads through the ``checker_options`` hook, each with its
default and a Chinese description; the engine starts every run from those defaults and lays the
user's ``checker run --option name=value`` over them. A name no plugin declared is refused with
the list of the names that exist: a misspelt option must not silently leave the default in force.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .errors import UsageError


@dataclass(frozen=True)
class RunOption:
    """One option a plugin reads through ``context.option(name)``."""

    name: str
    default: Any
    help: str            # what it adjusts, in Chinese, naming the rules it affects
    plugin: str = ""     # filled in by the engine

    @property
    def shown_default(self) -> str:
        return shown_value(self.default)


def shown_value(value: Any) -> str:
    """An option's value as it would be typed after ``--option name=``."""
    if value in ("", None):
        return "（空）"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def parse_value(raw: str) -> Any:
    """A value as typed: JSON where it is JSON (20, [90, 100], {"2020": "…"}), else the text itself."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def check_names(given: Mapping[str, Any], declared: Iterable[RunOption], saved: bool = False) -> None:
    """Refuse option names no plugin declared (UsageError, in Chinese); ``saved`` for the names
    saved with ``checker options set`` (a plugin since removed may have declared them)."""
    known = sorted(o.name for o in declared)
    unknown = [name for name in given if name not in known]
    if not unknown:
        return
    names = "、".join(unknown)
    listed = "、".join(known) if known else "（没有）"
    if saved:
        raise UsageError(f"保存的规则参数 {names} 已没有插件使用。请用 checker options unset {unknown[0]} 删除。"
                         f"可用的参数：{listed}。")
    raise UsageError(f"未知的规则参数：{names}。可用的参数：{listed}（见 checker options）。")
