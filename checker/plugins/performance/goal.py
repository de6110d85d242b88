"""The 总体目标 against the indicators (P050).

A goal text lists what the project will deliver ("2024 年预计完成审核招标文件350件，审核合同草案至少
40件……"). For each indicator with a quantity, look for its name in the goal (or the name without a
generic ending such as 数量/人数), take the number that follows within a few characters, and compare
it with the indicator's value when the units agree.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator, Optional

from checker.core.findings import Finding, Location
from checker.core.text import clean, norm

from .analysis import Analysis, text_field
from .header import GOAL_FIELDS
from .statements import NUM, number
from .values import WAN, Value, parse_value, unit_core

_QUOTES = re.compile(r"[“”\"'‘’《》]")
_ENDINGS = ("数量", "人数", "次数", "个数", "件数", "时间", "时长", "数", "量")
# between a name and its number: a few words such as 达到/不少于/至少/预计, no digits or separators
_FOLLOW = re.compile(rf"^([^\d,;。、:()]{{0,6}}?){NUM}")


def _clean(text: str) -> str:
    return _QUOTES.sub("", norm(text)).rstrip("。.")


def candidates(name: str) -> list[str]:
    full = _clean(name)
    out = [full]
    for ending in _ENDINGS:
        if full.endswith(ending) and len(full) - len(ending) >= 3:
            out.append(full[: -len(ending)])
    return out


def promised(goal: str, name: str, value: Value) -> Optional[tuple[str, Decimal, bool]]:
    """The goal's phrase for this indicator, the number it promises (in the indicator's unit) and
    whether it agrees; None when the goal gives no comparable number for it."""
    unit = unit_core(value.unit)
    if value.number is None or not unit:
        return None
    found: Optional[tuple[str, Decimal, bool]] = None
    for cand in candidates(name):
        start = goal.find(cand)
        while start >= 0:
            after = goal[start + len(cand):]
            m = _FOLLOW.match(after)
            if m:
                said = number(m.group(2))
                rest = after[m.end():]
                scale = _scale(rest, unit)
                if scale is not None:
                    phrase = goal[start:start + len(cand) + m.end()] + rest[: len(unit) + (1 if scale == WAN else 0)]
                    agrees = said * scale == value.number
                    if agrees:
                        return phrase, said * scale, True
                    found = found or (phrase, said * scale, False)
            start = goal.find(cand, start + 1)
        if found:
            return found
    return None


def _scale(rest: str, unit: str) -> Optional[Decimal]:
    """How the goal's number relates to the indicator's unit: 1, 10,000 (goal says 万 more), or None."""
    if rest.startswith(unit):
        return Decimal(1)
    if rest.startswith("万" + unit) and not unit.startswith("万"):
        return WAN
    if unit.startswith("万") and rest.startswith(unit[1:]) and len(unit) > 1:
        return Decimal(1) / WAN
    return None


def check(a: Analysis) -> Iterator[Finding]:
    for t in a.targets:
        fld = text_field(t.table, *GOAL_FIELDS)
        if fld is None or not clean(fld.value):
            continue
        goal = _clean(str(fld.value))
        for ind in t.table.indicators:
            value = parse_value(ind.value)
            if not value.is_quantity:
                continue
            hit = promised(goal, ind.name, value)
            if hit is None or hit[2]:
                continue
            phrase, said, _ = hit
            yield Finding("P050", f"{t.label}的总体目标写“{phrase}”，而指标“{ind.name}”的指标值为“{ind.value}”，两者不一致。",
                          [Location.at(ind.value_cell or ind.cell, t.label, ind.name),
                           Location.at(fld.cell, t.label, fld.label)],
                          expected=f"{said.normalize():f}{value.unit}", actual=ind.value)
