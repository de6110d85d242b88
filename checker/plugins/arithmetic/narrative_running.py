"""Section 十二（一）: 机关运行经费 against 表6 公用经费 (A211), and 十二's "未安排购置车辆经费"
against 表10 公务用车购置费 (A201).

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
from .narrative_facts import Part, clauses, core, paragraph_facts, prepare, shown
from checker.core.model import TableRole
from ...core.text import lazy_pattern

_RUNNING = lazy_pattern(r"(?:机关|单位|部门)?运行经费")
_NO_CAR = lazy_pattern(r"(?:未|没有|不)安排(?:公务用?车(?:辆)?购置|购置(?:公务用?车|车辆)|车辆购置)")


def check_running(doc: Disclosure, parts: list[Part], floor: Optional[Decimal] = None) -> list[Finding]:
    out: list[Finding] = []
    for part in parts:
        if part.topic != "other":
            continue
        if part.subtopic == "running":
            out.extend(_running(doc, part, floor))
        out.extend(_no_car_purchase(doc, part))
    return out


def _running(doc: Disclosure, part: Part, floor: Optional[Decimal]) -> list[Finding]:
    ref = nt.total_ref(doc, TableRole.GPB_BASIC, "公用经费")
    if ref is None or ref.column is None:
        return []
    out = []
    for p in part.paragraphs:
        for fact in paragraph_facts(p):
            if not fact.checkable or not _RUNNING.search(core(fact.subject, doc.unit)):
                continue
            stated = fact.amount.amount(p.cell)
            if restates(stated, ref.amounts, floor):
                continue
            more = fact.amount.value > ref.value
            why = (f"机关运行经费是行政单位和参公事业单位的公用经费，不应超过{ref.table.short_label}的公用经费合计，请核对。" if more else
                   "机关运行经费只含行政单位和参公事业单位的公用经费；如部门中有其他事业单位，两者可以不同，"
                   "但须说明差额原因，否则请改为一致。")
            out.append(Finding(
                "A211", f"{part.name}写{fact.quote(share=False)}，而{ref.shown()}，相差 "
                        f"{format_wan(abs(fact.amount.value - ref.value))} 万元。{why}",
                [Location.at(p.cell, part.label, shown(fact.subject, doc.unit)), ref.location()],
                expected=amount_text(ref.value), actual=amount_text(fact.amount.value)))
            break       # one figure per paragraph: the rest are changes against last year
    return out


def _no_car_purchase(doc: Disclosure, part: Part) -> list[Finding]:
    """"2024 年部门预算未安排购置车辆经费" while 表10 shows a 公务用车购置费."""
    out = []
    for p in part.paragraphs:
        for _, clause in clauses(prepare(p.text)):
            if not _NO_CAR.search(clause.replace(" ", "")):
                continue
            ref = nt.sangong_ref(doc, "car_buy")
            if ref is not None and ref.value != 0:
                out.append(Finding(
                    "A201", f"{part.name}称“{clause.strip()}”，但{ref.shown()}，说明与表格矛盾。",
                    [Location.at(p.cell, part.label, "车辆购置"), ref.location()],
                    expected=amount_text(ref.value), actual=amount_text(Decimal(0))))
            return out
    return out
