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

# 部门/单位整体 tables: the 二级指标 each framework-specific 一级指标 takes (besides the project 一级s
# above, which keep LEVEL2). A 二级 outside these lists is accepted (departments word their own), but
# one that belongs to another 一级 (经济成本指标 under 履职效能) or is blank is reported.
WHOLE_LEVEL2 = {
    "履职效能": ("数量", "质量", "时效", "重点工作履行情况", "部门职责履行情况", "职责履行", "履职目标实现", "重点工作",
             "重点工作任务完成", "工作任务完成", "产出"),
    "管理效率": ("预算执行", "预算编制", "预算管理", "资金管理", "资产管理", "财务管理", "采购管理", "内控管理", "内部控制",
             "绩效管理", "人员管理", "信息公开", "制度建设", "项目管理", "业务管理"),
    "运行成本": ("经济成本", "社会成本", "生态环境成本", "生态成本", "成本控制", "成本节约", "预算成本"),
    "社会效应": ("经济效益", "社会效益", "生态效益", "生态环境效益", "可持续影响", "社会影响"),
    "可持续发展能力": ("可持续影响", "人员队伍", "能力建设", "长效管理", "制度建设", "信息化建设", "档案管理"),
    "可持续发展": ("可持续影响", "人员队伍", "能力建设", "长效管理", "制度建设", "信息化建设", "档案管理"),
    "服务对象满意度": ("服务对象满意度", "满意度"),
    "产出及效果": ("数量", "质量", "时效", "经济效益", "社会效益", "生态效益", "可持续影响", "服务对象满意度", "满意度"),
    "效果": ("经济效益", "社会效益", "生态效益", "生态环境效益", "可持续影响", "服务对象满意度", "满意度"),
    "经济效益": ("经济效益",), "社会效益": ("社会效益",), "生态效益": ("生态效益", "生态环境效益"),
    "投入": ("预算配置", "目标设定", "资金到位", "预算编制"),
    "过程": ("预算执行", "资金管理", "财务管理", "资产管理", "采购管理", "业务管理", "项目管理", "组织实施"),
}
# every 二级 the two frameworks know, and the 一级s it belongs under
_PARENTS: dict[str, set[str]] = {}
for _l1, _l2s in list(LEVEL2.items()) + list(WHOLE_LEVEL2.items()):
    for _l2 in _l2s:
        _PARENTS.setdefault(_l2, set()).add(_l1)


def level2_ok(l1: str, l2: str, whole: bool) -> bool:
    """Whether 二级 ``l2`` (without 指标) may stand under 一级 ``l1``; False when blank."""
    if not l2:
        return False
    if l1 in LEVEL2:
        return l2 in LEVEL2[l1]
    if whole and l1 in WHOLE_LEVEL2:
        return l2 in WHOLE_LEVEL2[l1] or l2 not in _PARENTS
    return True


def base(level: str) -> str:
    """产出指标 → 产出; 服务对象满意度指标 → 服务对象满意度."""
    level = level.strip()
    return level[:-2] if level.endswith("指标") and len(level) > 2 else level


# the 部门整体 一级指标 that count as one of the six kinds
_WHOLE_KIND = {"运行成本": "成本", "社会效应": "效益", "服务对象满意度": "满意度", "经济效益": "效益", "社会效益": "效益",
               "生态效益": "效益"}


def kind_of(ind: Indicator, whole: bool = False) -> Optional[str]:
    """Which of the six kinds an indicator counts as, if any (``whole``: in a 部门/单位整体 table, where
    运行成本, 社会效应 … count too)."""
    l1, l2 = base(ind.level1), base(ind.level2)
    if l1 in ("成本", "效益", "满意度"):
        return l1
    if l1 == "服务对象满意度":
        return "满意度"
    if whole and l1 in _WHOLE_KIND:
        return _WHOLE_KIND[l1]
    return l2 if l2 in LEVEL2["产出"] else None


def check(a: Analysis, context: CheckContext) -> Iterator[Finding]:
    required = required_kinds(a.document, context)
    whole = _kind_list(option(context, "performance_required_kinds_whole"))
    for t in a.targets:
        yield from _levels(t)
        if t.is_project:
            yield from _kinds(t, required)
        elif whole:
            yield from _kinds(t, whole)


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
            # no 建议值: which of the 一级指标 it should be is the unit's choice; the message lists them
            yield Finding("P020", message, [_where(t, ind, 1)], actual=ind.level1 or "空")
        if l1 not in LEVEL2 and (t.is_project or l1 not in WHOLE_LEVEL2):
            continue
        if level2_ok(l1, l2, not t.is_project) or (ind.level1, ind.level2) in seen2:
            continue
        seen2.add((ind.level1, ind.level2))
        valid = "、".join(f"{x}指标" for x in (LEVEL2.get(l1) or WHOLE_LEVEL2[l1]))
        if not l2:
            message = f"{t.label}的三级指标“{ind.name}”没有二级指标（{ind.level1}下应为{valid}）。"
        else:
            message = f"{t.label}的二级指标“{ind.level2}”不属于一级指标“{ind.level1}”（应为{valid}）。"
        choices = LEVEL2.get(l1) or WHOLE_LEVEL2[l1]
        yield Finding("P021", message, [_where(t, ind, 2)], expected=f"{choices[0]}指标" if len(choices) == 1 else None,
                      actual=ind.level2 or "空")


def _kinds(t: Target, required: list[str]) -> Iterator[Finding]:
    present = {kind_of(ind, not t.is_project) for ind in t.table.indicators}
    missing = [k for k in required if k not in present]
    if missing:
        names = "、".join(f"{k}指标" for k in missing)
        what = "项目支出绩效目标表" if t.is_project else "整体绩效目标表"
        yield Finding("P022", f"{t.label}缺少{names}（{what}应至少各有一个"
                              f"{'、'.join(required)}指标）。",
                      [Location.at(t.table.title_cell, t.label, "指标")], actual=names)


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
    return _kind_list(chosen)


def _kind_list(chosen: Any) -> list[str]:
    """"数量,质量" / "数量、质量" / ["数量", "质量指标"] → ["数量", "质量"]."""
    if isinstance(chosen, str):
        chosen = chosen.replace("，", ",").replace("、", ",").split(",")
    out = []
    for k in chosen or []:
        k = base(str(k).strip())
        if k in KINDS and k not in out:
            out.append(k)
    return out
