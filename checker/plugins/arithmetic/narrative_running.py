"""Section 十二（一）: 机关运行经费 (read by the core, the template's sentence shapes) against 表6
公用经费 (A211), and 十二's "未安排购置车辆经费" (read by the core too) against 表10 公务用车购置费 (A201).

机关运行经费 is, by the template's own 名词解释, the 公用经费 of 行政单位 and 参照公务员法管理的事业单位.
For a department whose units are all of that kind it is 表6's 公用经费; a department with ordinary
事业单位 states less, and has to say why. So a difference is a warning that asks for an
explanation, not an error; the one case that is always wrong (more than 表6 has) says so.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from checker.core.findings import Finding, Location, amount_text
from checker.core.model import Disclosure, format_wan

from . import narrative_tables as nt
from .narrative_compare import restates
from .narrative_facts import Part
from .stated import sangong_figure
from checker.core.model import TableRole


def check_running(doc: Disclosure, parts: list[Part], floor: Optional[Decimal] = None) -> list[Finding]:
    out = _running(doc, floor)
    for part in parts:
        if part.topic == "other":
            out.extend(_no_car_purchase(doc, part))
    return out


def _running(doc: Disclosure, floor: Optional[Decimal]) -> list[Finding]:
    """Each 机关运行经费 the core read (``document.statements``, subject ``operating``) against the
    基本支出 table's 公用经费, where the 三公 table does not carry it itself (Shanghai's does: A201
    against that row, arithmetic.stated)."""
    ref = nt.total_ref(doc, TableRole.GPB_BASIC, "公用经费")
    if ref is None or ref.column is None or sangong_figure(doc, "operating") is not None:
        return []
    out = []
    reported: set[int] = set()
    for st in doc.statements:
        if st.subject != "operating" or st.amount is None or id(st.paragraph) in reported:
            continue
        stated = st.amount.amount(st.cell)
        if restates(stated, ref.amounts, floor):
            continue
        more = st.amount.value > ref.value
        why = (f"机关运行经费是行政单位和参公事业单位的公用经费，不应超过{ref.table.short_label}的公用经费合计，请核对。" if more else
               "机关运行经费只含行政单位和参公事业单位的公用经费；如部门中有其他事业单位，两者可以不同，"
               "但须说明差额原因，否则请改为一致。")
        out.append(Finding(
            "A211", f"{st.place.replace(' ', '')}写“{st.printed}”，而{ref.shown()}，相差 "
                    f"{format_wan(abs(st.amount.value - ref.value))} 万元。{why}",
            [Location.at(st.cell, st.place, "机关运行经费"), ref.location()],
            expected=amount_text(ref.value), actual=amount_text(st.amount.value)))
        reported.add(id(st.paragraph))     # one figure per paragraph: the rest are changes against last year
    return out


def _no_car_purchase(doc: Disclosure, part: Part) -> list[Finding]:
    """"2024 年部门预算未安排购置车辆经费" (the core's ``no_car_purchase``, the first in the part) while
    表10 shows a 公务用车购置费."""
    for p in part.paragraphs:
        said = part.said(p, "no_car_purchase")
        if not said:
            continue
        ref = nt.sangong_ref(doc, "car_buy")
        if ref is None or ref.value == 0:
            return []
        return [Finding("A201", f"{part.name}称“{said[0].printed}”，但{ref.shown()}，说明与表格矛盾。",
                        [Location.at(p.cell, part.label, "车辆购置"), ref.location()],
                        expected=amount_text(ref.value), actual=amount_text(Decimal(0)))]
    return []
