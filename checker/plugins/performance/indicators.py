"""Each 三级指标: its value, rates, negative indicators, costs, basis and weight (P030–P036)."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from checker.core.findings import Finding, Location, Severity, amount_text
from checker.core.model import Indicator, format_wan
from checker.core.rounding import Agreement, compare
from checker.core.text import norm

from .analysis import Analysis, Target
from .framework import base, kind_of
from .values import Value, parse_value
from ...core.text import lazy_pattern

# a 率 whose value may exceed 100 %
_GROWTH = lazy_pattern(r"(增长率|增速|增幅|提升率|提高率|增长比例)$")
# indicators where lower is better
NEGATIVE = lazy_pattern(r"(故障率|故障发生率|投诉率|差错率|错误率|失误率|事故率|事故发生率|发生率|不合格率|返工率|违规率|"
                      r"流失率|损耗率|空置率|超支率|误报率|漏报率|延误率|退件率|逾期率|失败率|丢失率|返修率|"
                      r"故障次数|事故次数|投诉次数|投诉量|差错次数)$")
# cost indicators per person or per unit: not summed into the project's cost
PER_UNIT = lazy_pattern(r"(人均|户均|单价|单位成本|平均|每[人次件个台年月天日户场期项])")


def check(a: Analysis) -> Iterator[Finding]:
    for t in a.targets:
        parsed = [(ind, parse_value(ind.value)) for ind in t.table.indicators]
        for ind, value in parsed:
            yield from _value(t, ind, value)
            yield from _rate(t, ind, value)
            yield from _negative(t, ind, value)
        if t.is_project:
            yield from _costs(t, parsed)
        yield from _basis_and_weight(t)


def _loc(t: Target, ind: Indicator) -> list[Location]:
    return [Location.at(ind.value_cell or ind.cell, t.label, ind.name)]


def _value(t: Target, ind: Indicator, value: Value) -> Iterator[Finding]:
    kind = kind_of(ind)
    if value.kind in ("empty", "malformed"):
        yield Finding("P030", f"{t.label}的指标“{ind.name}”的指标值“{ind.value}”不规范：{value.problem}。",
                      _loc(t, ind), actual=ind.value or "空")
        return
    if value.kind == "deadline" and kind != "时效":
        yield Finding("P030", f"{t.label}的指标“{ind.name}”的指标值“{ind.value}”是时间要求，只能用于时效指标，"
                              f"{ind.level2 or ind.level1}应写成“运算符+数值+单位”。", _loc(t, ind), actual=ind.value)
        return
    if value.kind != "qualitative":
        return
    l1 = base(ind.level1)
    if l1 == "效益" or (not t.is_project and kind is None):
        return
    level = ind.level2 or ind.level1
    if kind in ("数量", "成本"):
        yield Finding("P031", f"{t.label}的{level}“{ind.name}”的指标值是定性的“{ind.value}”，{kind}指标必须量化"
                              "（运算符+数值+单位）。", _loc(t, ind), actual=ind.value)
    else:
        yield Finding("P031", f"{t.label}的{level}“{ind.name}”的指标值是定性的“{ind.value}”；定性指标值一般只用于效益指标，"
                              "请量化或说明理由。", _loc(t, ind), severity=Severity.WARNING, actual=ind.value)


def _rate(t: Target, ind: Indicator, value: Value) -> Iterator[Finding]:
    name = norm(ind.name).rstrip("。.")
    if not name.endswith("率") or _GROWTH.search(name) or not value.is_quantity:
        return
    if not value.is_percent:
        yield Finding("P032", f"{t.label}的比率指标“{ind.name}”的指标值“{ind.value}”不是百分数。", _loc(t, ind),
                      actual=ind.value)
    elif value.number is not None and value.number > 100:
        yield Finding("P032", f"{t.label}的比率指标“{ind.name}”的指标值“{ind.value}”超过 100%。", _loc(t, ind),
                      actual=ind.value)


def _negative(t: Target, ind: Indicator, value: Value) -> Iterator[Finding]:
    name = norm(ind.name).rstrip("。.")
    if not NEGATIVE.search(name) or not value.is_quantity:
        return
    if value.op in ("≤", "<"):
        return
    if value.op == "=" and value.number == 0:
        # "=0" cannot be met the wrong way, but a 反向指标 is written as an upper bound all the same
        yield Finding("P033", f"{t.label}的“{ind.name}”越低越好，指标值“{ind.value}”应写成上限“≤0{value.unit}”"
                              "（反向指标使用 ≤ 或 <）。", _loc(t, ind), severity=Severity.WARNING,
                      expected=f"≤0{value.unit}", actual=ind.value)
        return
    yield Finding("P033", f"{t.label}的“{ind.name}”越低越好，指标值应使用 ≤ 或 <，而不是“{ind.value}”。",
                  _loc(t, ind), expected=f"≤{value.number}{value.unit}", actual=ind.value)


def _costs(t: Target, parsed: list[tuple[Indicator, Value]]) -> Iterator[Finding]:
    if t.total is None:
        return
    budget = t.total.value
    summed: list[tuple[Indicator, Decimal]] = []
    for ind, value in parsed:
        if kind_of(ind) != "成本" or not value.is_quantity:
            continue
        wan = value.wan()
        if wan is None:
            continue
        if PER_UNIT.search(norm(ind.name)) or "/" in value.unit:
            if compare(wan, budget) is Agreement.BROKEN and wan > budget:
                yield Finding("P034", f"{t.label}的成本指标“{ind.name}”为 {ind.value}（{format_wan(wan)} 万元），"
                                      f"超过年度预算总额 {format_wan(budget)} 万元。", _loc(t, ind),
                              expected=amount_text(budget), actual=amount_text(wan))
            continue
        summed.append((ind, wan))
    if not summed:
        return
    total = sum((w for _, w in summed), Decimal(0))
    agreement = compare([w for _, w in summed], budget)
    if agreement is not Agreement.BROKEN:
        return
    items = "、".join(f"{ind.name} {ind.value}" for ind, _ in summed)
    locations = [Location.at(t.total.cell, t.label, "年度预算总额")] + [_loc(t, ind)[0] for ind, _ in summed]
    if total > budget:
        yield Finding("P034", f"{t.label}的成本指标合计 {format_wan(total)} 万元（{items}），超过年度预算总额 "
                              f"{format_wan(budget)} 万元。", locations, expected=amount_text(budget), actual=amount_text(total))
    else:
        yield Finding("P035", f"{t.label}的成本指标合计 {format_wan(total)} 万元（{items}），只占年度预算总额 "
                              f"{format_wan(budget)} 万元的 {total / budget * 100:.1f}%，其余 {format_wan(budget - total)} 万元没有成本目标。",
                      locations, expected=amount_text(budget), actual=amount_text(total))


def _basis_and_weight(t: Target) -> Iterator[Finding]:
    if not t.table.indicators:
        return
    for attr, label in (("basis", "指标值设置依据"), ("weight", "指标分值权重")):
        if attr not in t.table.columns:
            yield Finding("P036", f"{t.label}的指标表没有“{label}”一栏。",
                          [Location.at(t.table.indicators[0].cell, t.label, label)], actual="缺列")
            continue
        blank = [ind for ind in t.table.indicators if getattr(ind, attr) in (None, "")]
        for ind in blank:
            cell = ind.weight_cell if attr == "weight" else None
            yield Finding("P036", f"{t.label}的指标“{ind.name}”没有填写{label}。",
                          [Location.at(cell or ind.cell, t.label, ind.name)], actual="空")
