"""The indicator framework: 一级/二级 names and the indicator kinds a table must have (P020–P022)."""
from __future__ import annotations

from typing import Any, Iterator, Optional

from checker.core.context import CheckContext
from checker.core.findings import Finding, Location
from checker.core.model import Disclosure, Indicator

from .analysis import Analysis, Target
from .options import option

PROJECT_LEVEL1 = ("产出", "成本", "效益", "满意度")
# 部门/单位整体 tables follow the 部门整体绩效 framework as well as the project one
WHOLE_LEVEL1 = PROJECT_LEVEL1 + ("履职效能", "管理效率", "社会效应", "可持续发展能力", "可持续发展", "服务对象满意度",
                                 "运行成本", "投入", "过程", "产出及效果", "效果", "社会效益", "经济效益", "生态效益")
LEVEL2 = {
    "产出": ("数量", "质量", "时效"),
    "成本": ("经济成本", "社会成本", "生态环境成本", "生态成本"),
    "效益": ("经济效益", "社会效益", "生态效益", "生态环境效益", "可持续影响"),
    "满意度": ("服务对象满意度", "满意度"),
}
KINDS = ("数量", "质量", "时效", "成本", "效益", "满意度")


def base(level: str) -> str:
    """产出指标 → 产出; 服务对象满意度指标 → 服务对象满意度."""
    level = level.strip()
    return level[:-2] if level.endswith("指标") and len(level) > 2 else level


def kind_of(ind: Indicator) -> Optional[str]:
    """Which of the six kinds an indicator counts as, if any."""
    l1, l2 = base(ind.level1), base(ind.level2)
    if l1 in ("成本", "效益", "满意度"):
        return l1
    if l1 == "服务对象满意度":
        return "满意度"
    return l2 if l2 in LEVEL2["产出"] else None


def check(a: Analysis, context: CheckContext) -> Iterator[Finding]:
    required = required_kinds(a.document, context)
    for t in a.targets:
        yield from _levels(t)
        if t.is_project:
            yield from _kinds(t, required)


def _where(t: Target, ind: Indicator, level: int) -> Location:
    cell = ind.level1_cell if level == 1 else ind.level2_cell
    return Location.at(cell or ind.cell, t.label, ind.name)


def _levels(t: Target) -> Iterator[Finding]:
    allowed1 = PROJECT_LEVEL1 if t.is_project else WHOLE_LEVEL1
    seen1: set[str] = set()
    seen2: set[tuple[str, str]] = set()
    for ind in t.table.indicators:
        l1, l2 = base(ind.level1), base(ind.level2)
        if l1 not in allowed1 and ind.level1 not in seen1:
            seen1.add(ind.level1)
            names = "、".join(f"{x}指标" for x in PROJECT_LEVEL1)
            if not l1:
                message = f"{t.label}的三级指标“{ind.name}”没有一级指标。"
            else:
                message = f"{t.label}的一级指标“{ind.level1}”不在规定的{names}之中。"
            yield Finding("P020", message, [_where(t, ind, 1)], expected=names, actual=ind.level1 or "空")
        if not t.is_project or l1 not in LEVEL2:
            continue
        if l2 in LEVEL2[l1] or (ind.level1, ind.level2) in seen2:
            continue
        seen2.add((ind.level1, ind.level2))
        valid = "、".join(f"{x}指标" for x in LEVEL2[l1])
        if not l2:
            message = f"{t.label}的三级指标“{ind.name}”没有二级指标（{ind.level1}下应为{valid}）。"
        else:
            message = f"{t.label}的二级指标“{ind.level2}”不属于一级指标“{ind.level1}”（应为{valid}）。"
        yield Finding("P021", message, [_where(t, ind, 2)], expected=valid, actual=ind.level2 or "空")


def _kinds(t: Target, required: list[str]) -> Iterator[Finding]:
    present = {kind_of(ind) for ind in t.table.indicators}
    missing = [k for k in required if k not in present]
    if missing:
        names = "、".join(f"{k}指标" for k in missing)
        yield Finding("P022", f"{t.label}缺少{names}（项目支出绩效目标表应至少各有一个"
                              f"{'、'.join(required)}指标）。",
                      [Location.at(t.table.title_cell, t.label, "指标")], expected="、".join(required), actual=names)


def required_kinds(document: Disclosure, context: CheckContext) -> list[str]:
    """The kinds a project table must have: by region (a name in the unit's name), by year, or the default."""
    chosen: Any = None
    by_region = option(context, "performance_required_kinds_by_region") or {}
    for region, kinds in dict(by_region).items():
        if region and region in (document.unit or ""):
            chosen = kinds
            break
    if chosen is None:
        by_year = option(context, "performance_required_kinds_by_year") or {}
        for year, kinds in dict(by_year).items():
            if document.year is not None and str(year) == str(document.year):
                chosen = kinds
                break
    if chosen is None:
        chosen = option(context, "performance_required_kinds")
    if isinstance(chosen, str):
        chosen = chosen.replace("，", ",").replace("、", ",").split(",")
    out = []
    for k in chosen or []:
        k = base(str(k).strip())
        if k in KINDS and k not in out:
            out.append(k)
    return out
