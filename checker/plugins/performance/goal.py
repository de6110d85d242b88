"""The 总体目标 against the indicators (P050).

A goal text lists what the project will deliver ("2024 年预计完成审核招标文件350件，审核合同草案至少
40件……"). For each indicator with a quantity, look for its name in the goal (or the name without a
generic ending such as 数量/人数, a leading verb such as 保障/购置, or a trailing one such as 出具/修复),
take the number that follows within a few characters ("审核招标文件350件"), that a list of names
shares ("A、B均达到100%"), or that stands right before the name ("保障23位办公人员", "2日内出具…"),
and compare it with the indicator's value when the units agree (人/名/位 and 天/日 count alike).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Optional

from checker.core.findings import Finding, Location
from checker.core.printed import parse_decimal
from checker.core.text import clean, norm

from .analysis import Analysis, text_field
from .header import GOAL_FIELDS
from .statements import NUM
from .values import WAN, Value, parse_value, unit_core
from ...core.text import lazy_pattern

_QUOTES = lazy_pattern(r"[“”\"'‘’《》]")
_ENDINGS = ("数量", "人数", "次数", "个数", "件数", "批次", "时间", "时长", "时效", "数", "量")
# verbs an indicator name may start with while the goal words it differently (保障办公人员数量 /
# "计划保障 23 位办公人员", 购置办公耗材批次 / "采购办公耗材不少于 4 批")
_VERBS = ("保障", "完成", "购置", "采购", "开展", "组织", "举办", "实现", "租赁", "聘请", "聘用", "新增", "管理",
          "搭建", "对接", "维护", "建设", "培训", "服务")
# verbs a time indicator's name ends with while the goal puts them first (公平性审查报告出具时间 /
# "2日内出具公平性审查报告", 其他系统故障修复时间 / "24小时内修复其他系统故障")
_TRAILING_VERBS = ("出具", "修复", "处理", "完成", "响应", "办结", "处置")
# between a name and its number: a few words such as 达到/不少于/至少/预计, no digits or separators
_FOLLOW = lazy_pattern(rf"^([^\d,;。、:()]{{0,6}}?){NUM}")
# a list of names sharing one number: "办公用品政府采购率、经费支付及时率均达到100%",
# "公共设施维护考核通过率以及消防设施完好考核通过率达到90%"
_LIST_FOLLOW = lazy_pattern(rf"^((?:、|以及|及|和)[^\d,;。:()]{{1,30}}?){NUM}")
# measure words that count the same thing
_ALIASES = ({"人", "名", "位"}, {"天", "日"}, {"小时", "个小时"}, {"分钟", "分"})


def _clean(text: str) -> str:
    return _QUOTES.sub("", norm(text)).rstrip("。.")


def candidates(name: str) -> list[str]:
    """The indicator's name, then without a generic ending (数量, 人数 …), then without a leading verb."""
    full = _clean(name)
    out = [full]
    for ending in _ENDINGS:
        if full.endswith(ending) and len(full) - len(ending) >= 3:
            out.append(full[: -len(ending)])
    for cand in list(out):
        for verb in _VERBS:
            if cand.startswith(verb) and len(cand) - len(verb) >= 4:
                out.append(cand[len(verb):])
        for verb in _TRAILING_VERBS:
            if cand.endswith(verb) and len(cand) - len(verb) >= 4:
                out.append(cand[: -len(verb)])
    return list(dict.fromkeys(out))


def _units_like(unit: str) -> list[str]:
    """``unit`` and the measure words that count the same thing, longest first."""
    for group in _ALIASES:
        if unit in group:
            return sorted(group, key=len, reverse=True)
    return [unit]


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
            hits = []
            after = goal[start + len(cand):]
            # the name, then the number: "审核招标文件350件", "办公耗材不少于4批", "A、B均达到100%"
            m = _FOLLOW.match(after) or _LIST_FOLLOW.match(after)
            if m:
                said = parse_decimal(m.group(2))[0]
                rest = after[m.end():]
                scale, width = _scale(rest, unit)
                if scale is not None:
                    hits.append((goal[start:start + len(cand) + m.end()] + rest[:width], said * scale))
            # the number, then the name: "保障23位办公人员", "14个工作日内完成现场测评", "完成1辆汽车租赁"
            before = _BEFORE.search(goal[:start])
            if before:
                said = parse_decimal(before.group(1))[0]
                scale, width = _scale(before.group(2), unit)
                if scale is not None and width == len(before.group(2)):
                    hits.append((before.group(0) + cand, said * scale))
            for phrase, said in hits:
                if said == value.number:
                    return phrase, said, True
                found = found or (phrase, said, False)
            start = goal.find(cand, start + 1)
        if found:
            return found
    return None


# a number, its measure word and a few linking words (位, 内完成, 内修复) right before a name
_BEFORE = lazy_pattern(rf"{NUM}([^\d,;。、:()]{{1,8}}?)(?:内|以内)?(?:完成|实现|开展|组织|举办|出具|修复|处理|响应|办结|处置)?$")


def _scale(rest: str, unit: str) -> tuple[Optional[Decimal], int]:
    """How the goal's number relates to the indicator's unit: 1, 10,000 (goal says 万 more), or None;
    and how many characters of ``rest`` the unit takes."""
    for u in _units_like(unit):
        if rest.startswith(u):
            return Decimal(1), len(u)
    if rest.startswith("万" + unit) and not unit.startswith("万"):
        return WAN, len(unit) + 1
    if unit.startswith("万") and rest.startswith(unit[1:]) and len(unit) > 1:
        return Decimal(1) / WAN, len(unit) - 1
    return None, 0


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
