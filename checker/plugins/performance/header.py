"""The header block of each target table (P010–P016)."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator, Optional

from checker.core.findings import Finding, Location, Severity, amount_text
from checker.core.model import RowKind, TableRole, format_wan
from checker.core.printed import wan
from checker.core.rounding import Agreement, compare
from checker.core.statements import place
from checker.core.text import clean, norm

from .analysis import Analysis, Target, text_field
from .names import unit_key
from .statements import MONEY, NUM, explanation
from ...core.text import lazy_pattern

UNIT_FIELDS = ("预算单位", "部门名称", "单位名称")
GOAL_FIELDS = ("项目总体目标", "年度总体目标", "总体目标", "年度绩效目标", "绩效目标")
REQUIRED_PROJECT = [("预算单位", UNIT_FIELDS), ("项目名称", ("项目名称",)), ("项目负责人", ("项目负责人",)),
                    ("项目总体目标", GOAL_FIELDS), ("年度预算总额", ("年度预算总额", "年度资金总额", "资金总额"))]
REQUIRED_WHOLE = [("部门（单位）名称", UNIT_FIELDS), ("年度绩效目标", GOAL_FIELDS)]

# "预算投入 180 万元", "2024 年预算运转经费 70 万元": a total the goal text states
GOAL_TOTAL = lazy_pattern(rf"(预算|总投资|总投入|投入资金|资金总额|项目资金|安排资金|申请资金|资金规模)[^,;。:、\d]{{0,6}}?{NUM}(万元|元)")


def check(a: Analysis) -> Iterator[Finding]:
    units = _units(a)
    for t in a.targets:
        yield from _unit(a, t, units)
        yield from _required(t)
        yield from _sum(t)
        yield from _year(a, t)
        if t.is_project:
            yield from _against_t7(a, t)
            yield from _goal_funding(t)


# "纳入…部门预算编制范围的下属预算单位包括：1、…；2、…" / "下属单位有：A、B"
_SUB_UNITS = lazy_pattern(r"(?:下属|所属|二级)(?:预算)?单位(?:包括|有|为|是)[:：]?(.*)")
_LIST_ITEM = lazy_pattern(r"(?:^|[、，,；;。\s])(?:-\s*)?(?:\d+[、.．]|[（(]\d+[)）])?\s*([^、，,；;。\s]{4,40}?(?:单位|中心|局|办公室|厅|委员会|委|所|站|院|队|馆|处|室|会|社|校|学校|部))(?=$|[、，,；;。\s])")


def _units(a: Analysis) -> dict[str, str]:
    """The unit and its sub-units, by unit_key: the unit rows of any budget table (表7/表11 list the
    projects by unit), the units rows are grouped under, and the sub-units the 部门概况 or the
    情况说明 lists."""
    names = [a.document.unit] if a.document.unit else []
    for table in a.document.tables.values():
        names += [r.label for r in table.rows if r.kind is RowKind.UNIT]
        names += [r.unit_group for r in table.rows if r.unit_group]
    for text in (a.document.overview, a.document.narrative):   # 部门概况 lists them; some 情况说明 too
        if text is None:
            continue
        paragraphs = text.paragraphs
        for i, p in enumerate(paragraphs):
            m = _SUB_UNITS.search(norm(p.text))
            if not m:
                continue
            # the list follows on the same line or on the next few (one unit a line)
            same_line = _LIST_ITEM.findall(m.group(1))
            names += same_line
            if same_line:
                continue
            for q in paragraphs[i + 1:i + 8]:
                found = _LIST_ITEM.findall(norm(q.text))
                if not found:
                    break
                names += found
    return {unit_key(n): clean(n) for n in names if n}


def _is_ours(named: str, document_unit: str, units: dict[str, str]) -> bool:
    """``named`` is the unit or a sub-unit, also when printed with the department's region in front
    (巴州政务服务和公共资源交易中心 for the sub-unit 政务服务和公共资源交易中心 of 巴州政府办公室)."""
    key = unit_key(named)
    if key in units:
        return True
    own = unit_key(document_unit)
    for sub in units:
        if len(sub) >= 4 and key.endswith(sub) and own.startswith(key[: -len(sub)]):
            return True
    return False


def _unit(a: Analysis, t: Target, units: dict[str, str]) -> Iterator[Finding]:
    fld = text_field(t.table, *UNIT_FIELDS)
    if fld is None or not clean(fld.value) or not a.document.unit:
        return
    named = clean(fld.value)
    label = re.sub(r"\s*[（(]盖章[)）]", "", fld.label)
    if "部门整体" in t.table.kind:
        ok = unit_key(named) == unit_key(a.document.unit)
        allowed = f"本部门“{a.document.unit}”"
    else:
        ok = _is_ours(named, a.document.unit, units)
        subs = [n for k, n in units.items() if k != unit_key(a.document.unit)]
        allowed = f"本{a.document.kind or '单位'}“{a.document.unit}”" + (f"或所属单位（{'、'.join(subs)}）" if subs else "")
    if not ok:
        yield Finding("P010", f"{t.label}的{label}为“{named}”，不是{allowed}。",
                      [Location.at(fld.cell, t.label, label)], expected=a.document.unit, actual=named)


def _required(t: Target) -> Iterator[Finding]:
    for name, labels in (REQUIRED_PROJECT if t.is_project else REQUIRED_WHOLE):
        fld = text_field(t.table, *labels)
        if fld is not None and clean(fld.value):
            continue
        where_ = fld.cell if fld is not None and fld.cell is not None else t.table.title_cell
        state = "没有填写" if fld is not None else "缺少这一栏"
        yield Finding("P011", f"{t.label}的“{name}”{state}。", [Location.at(where_, t.label, name)], actual="空")


def _sum(t: Target) -> Iterator[Finding]:
    if t.total is None or t.fin is None or t.other is None:
        return
    if compare([t.fin.value, t.other.value], t.total.value) is Agreement.BROKEN:
        expected = t.fin.value + t.other.value
        parts = "上级安排、本级安排与其他资金" if not t.is_project else "财政拨款与其他资金"
        yield Finding("P012", f"{t.label}的年度预算总额 {format_wan(t.total.value)} 万元不等于{parts}之和 "
                              f"{format_wan(t.fin.value)} + {format_wan(t.other.value)} = {format_wan(expected)} 万元。",
                      [Location.at(t.total.cell, t.label, "年度预算总额")],
                      expected=amount_text(expected), actual=amount_text(t.total.value))


def _year(a: Analysis, t: Target) -> Iterator[Finding]:
    year = a.document.year
    if year is None:
        return
    if t.table.year is not None and t.table.year != year:
        yield Finding("P014", f"{t.label}标注的年度为 {t.table.year} 年，本次公开的是 {year} 年预算。",
                      [Location.at(t.table.title_cell, t.label, "年度")], expected=str(year), actual=str(t.table.year))
    m = re.match(r"^(20\d{2})年", norm(t.name))
    if m and int(m.group(1)) != year:
        fld = text_field(t.table, "项目名称")
        yield Finding("P014", f"项目名称“{t.name}”中的年度为 {m.group(1)} 年，本次公开的是 {year} 年预算。",
                      [Location.at(fld.cell if fld else t.table.title_cell, t.label, "项目名称")],
                      expected=str(year), actual=m.group(1))


def _against_t7(a: Analysis, t: Target) -> Iterator[Finding]:
    p = t.project
    if p is None or t.total is None or not p.amounts:
        return
    if compare(p.amounts, t.total.value) is not Agreement.BROKEN:
        return
    if t.fin is not None and compare(p.amounts, t.fin.value) is not Agreement.BROKEN:
        return  # 表7 shows the 一般公共预算 part; the other funds come on top
    t7 = a.document.label(TableRole.GPB_PROJECTS)
    t7_label = a.t7.label if a.t7 is not None else t7
    locations = [Location.at(t.total.cell, t.label, "年度预算总额"), Location.at(p.cell, t7_label, p.name)]
    message = (f"{t.label}的年度预算总额 {format_wan(t.total.value)} 万元"
               + (f"（其中财政拨款 {format_wan(t.fin.value)} 万元）" if t.fin is not None else "")
               + f"与{t7} 中该项目的合计 {format_wan(p.total)} 万元不符")
    figures = [p.total - t.total.value] + ([p.total - t.fin.value] if t.fin is not None else [])
    own = [m.value for m in (t.fin, t.other) if m is not None and m.value != t.total.value]
    para = explanation(a.document, p.name, figures, own) or explanation(a.document, t.name, figures, own)
    finding = Finding("P013", message, locations, expected=amount_text(p.total), actual=amount_text(t.total.value))
    if para is not None:
        finding.severity = Severity.WARNING
        finding.message += f"；{place(para)}对差额作了说明（{para.cell}）。"
        finding.explained = f"{place(para)}：{clean(para.text)}"
        finding.locations.append(Location.at(para.cell, place(para), p.name))
    else:
        finding.message += "，情况说明中也没有解释。"
    yield finding


def goal_total(t: Target):
    """The 总体目标's own total ("预算运转经费 70 万元"): (its match in the normalised text, the text,
    the amount in 万元, the goal field), or None when the goal states none."""
    fld = text_field(t.table, *GOAL_FIELDS)
    if fld is None or not clean(fld.value):
        return None
    text = norm(fld.value)
    m = GOAL_TOTAL.search(text)
    if not m:
        return None
    return m, text, wan(m.group(2), m.group(3)), fld


def header_figures(t: Target) -> list:
    return [(n, x) for n, x in (("年度预算总额", t.total), ("财政拨款", t.fin), ("其他资金", t.other)) if x is not None]


def _contradicts(stated: Decimal, header: list) -> bool:
    return bool(header) and all(compare(stated, x.value) is Agreement.BROKEN for _, x in header)


def goal_contradicts_header(t: Target) -> Optional[Decimal]:
    """The 总体目标's total where the table's own header (年度预算总额, 财政拨款, 其他资金) agrees with
    none of it (P015): the table contradicts itself, so figures summed from its header are not
    the narrative's to answer for."""
    goal = goal_total(t)
    return goal[2] if goal is not None and _contradicts(goal[2], header_figures(t)) else None


def _goal_funding(t: Target) -> Iterator[Finding]:
    goal = goal_total(t)
    if goal is None:
        return
    m, text, stated, fld = goal
    loc = [Location.at(fld.cell, t.label, fld.label)]
    header = header_figures(t)
    if _contradicts(stated, header):
        figures = "、".join(f"{n} {format_wan(x.value)} 万元" for n, x in header)
        yield Finding("P015", f"{t.label}的总体目标写“{m.group(0)}”，与表头（{figures}）都不相符。", loc,
                      expected=amount_text(header[0][1].value), actual=amount_text(stated))
    rest = text[m.end():]
    if not re.match(r"^[,;:]?其中", rest):
        return
    clause = re.split(r"[。;]", rest, maxsplit=1)[0]
    parts = list(MONEY.finditer(clause))
    if len(parts) < 2:
        return
    values = [wan(p.group(1), p.group(2)) for p in parts]
    total = sum(values, Decimal(0))
    if compare(values, stated) is not Agreement.BROKEN:
        return
    message = (f"{t.label}的总体目标写“{m.group(0)}”，其中各项合计 {format_wan(total)} 万元"
               f"（{'、'.join(p.group(0) for p in parts)}），与总数不符")
    yuan = [p for p in parts if p.group(2) == "元"]
    as_wan = [wan(p.group(1)) for p in parts]
    if yuan and compare(as_wan, stated) is not Agreement.BROKEN:
        message += f"；把{'、'.join('“' + p.group(0) + '”' for p in yuan)}按万元计正好合计 {format_wan(stated)} 万元，单位应为“万元”"
    yield Finding("P016", message + "。", loc, expected=amount_text(stated), actual=amount_text(total))
