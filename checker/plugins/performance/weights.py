"""Weights: each table's 指标分值权重 total 90 or 100, one convention per document (P040, P041)."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Iterator

from checker.core.context import CheckContext
from checker.core.findings import Finding, Location

from .analysis import Analysis, Target
from .options import option


def _total(t: Target) -> Decimal | None:
    weights = [ind.weight for ind in t.table.indicators]
    if not weights or any(w is None for w in weights):
        return None   # a missing weight is P036's
    return sum(weights, Decimal(0))    # type: ignore[arg-type]


def _text(d: Decimal) -> str:
    return f"{d.normalize():f}"


def check(a: Analysis, context: CheckContext) -> Iterator[Finding]:
    allowed = [Decimal(str(x)) for x in (option(context, "performance_weight_totals") or [])]
    conventions: list[tuple[Target, Decimal]] = []
    for t in a.targets:
        total = _total(t)
        if total is None:
            continue
        first = t.table.indicators[0]
        loc = [Location.at(first.weight_cell or first.cell, t.label, "指标分值权重")]
        if allowed and total not in allowed:
            shown = " 或 ".join(_text(x) for x in allowed)
            yield Finding("P040", f"{t.label}的指标分值权重合计 {_text(total)}，应为 {shown}"
                                  "（90 时另 10 分留给预算执行率）。", loc,
                          # a 建议值 only where one total is allowed: "90 或 100" is not a value to enter
                          expected=shown if len(allowed) == 1 else None, actual=_text(total))
        else:
            conventions.append((t, total))
    counts = Counter(total for _, total in conventions)
    if len(counts) < 2:
        return
    ranked = sorted(counts, key=lambda x: (-counts[x], [tot for _, tot in conventions].index(x)))
    main = ranked[0]
    for t, total in conventions:
        if total == main:
            continue
        first = t.table.indicators[0]
        yield Finding("P041", f"{t.label}的指标分值权重合计 {_text(total)}，而本文件另有 {counts[main]} 张目标表合计 "
                              f"{_text(main)}，权重口径不一致。",
                      [Location.at(first.weight_cell or first.cell, t.label, "指标分值权重")],
                      expected=_text(main), actual=_text(total))
