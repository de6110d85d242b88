"""Section 七: each project's 预算安排规模 against 表7 and against its own 资金分配情况 (A203, A204)."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from checker.core.findings import Finding, Location, Severity, amount_text
from checker.core.model import Disclosure, format_wan
from checker.core.rounding import Agreement, compare

from . import narrative_tables as nt
from .narrative_compare import restates
from .narrative_facts import Part, ProjectBlock, project_blocks


def check_projects(doc: Disclosure, parts: list[Part], floor: Optional[Decimal] = None) -> list[Finding]:
    out: list[Finding] = []
    for part in parts:
        if part.topic != "project":
            continue
        for block in project_blocks(part):
            out.extend(_scale(doc, part, block, floor))
            out.extend(_allocation(part, block))
    return out


def _scale(doc: Disclosure, part: Part, block: ProjectBlock, floor: Optional[Decimal]) -> list[Finding]:
    if block.scale is None or block.scale_paragraph is None:
        return []
    where = Location.at(block.scale_paragraph.cell, part.label, block.name)
    ref = nt.t7_project_ref(doc, block.name)
    if ref is None:
        return []
    if ref is False:
        return [Finding("A209", f"{part.name}说明了项目“{block.name}”（预算安排规模 {block.scale} 万元），但表7中没有"
                                "这个项目，无法核对。请检查项目名称是否与表7一致。",
                        [Location.at(block.name_paragraph.cell, part.label, block.name)],
                        actual=amount_text(block.scale.value))]
    stated = block.scale.amount(block.scale_paragraph.cell)
    if len(ref.rows) == 1:
        agreement = Agreement.EXACT if restates(stated, ref.amounts, floor) else Agreement.BROKEN
    else:
        agreement = compare(stated, ref.amounts, floor=floor)
    if agreement is Agreement.EXACT:
        return []
    codes = "＋".join(format_wan(r.value(ref.column)) for r in ref.rows)
    detail = f"（{codes}）" if len(ref.rows) > 1 else ""
    return [Finding("A203", f"{part.name}项目“{block.name}”的预算安排规模为 {block.scale} 万元，但{ref.shown()}"
                            f"{detail}，两者应一致。",
                    [where, ref.location()], expected=amount_text(ref.value), actual=amount_text(block.scale.value),
                    severity=Severity.INFO if agreement is Agreement.ROUNDING else None)]


def _allocation(part: Part, block: ProjectBlock) -> list[Finding]:
    """资金分配情况 adds up to 预算安排规模. When one figure is a 共计/合计 of all the others it is
    the allocation's total; otherwise the items are summed."""
    amounts = block.allocation_amounts()
    if block.scale is None or block.scale_paragraph is None or not amounts:
        return []
    values = [a for a, _ in amounts]
    total = sum((a.value for a in values), Decimal(0))
    items = values
    for a, is_total in amounts:
        if is_total and len(values) > 1 and a.value == total - a.value:
            items = [a]
            break
    cell = block.allocation[0][0].cell
    stated = block.scale.amount(block.scale_paragraph.cell)
    parts = [a.amount(cell) for a in items]
    agreement = compare(parts, stated)
    if agreement is Agreement.EXACT:
        return []
    allocated = sum((a.value for a in items), Decimal(0))
    shown = "＋".join(a.text for a in items)
    return [Finding("A204", f"{part.name}项目“{block.name}”资金分配情况各项合计 {shown} = {format_wan(allocated)} 万元，"
                            f"与预算安排规模 {block.scale} 万元不一致。",
                    [Location.at(cell, part.label, block.name),
                     Location.at(block.scale_paragraph.cell, part.label, block.name)],
                    expected=amount_text(block.scale.value), actual=amount_text(allocated),
                    severity=Severity.INFO if agreement is Agreement.ROUNDING else None)]
