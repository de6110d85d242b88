"""Section 七: each project's 预算安排规模 against 表7 and against its own 资金分配情况 (A203, A204)."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Optional

from checker.core.findings import Finding, Location, Severity, amount_text
from checker.core.cells import CellRef
from checker.core.model import YUAN_PER_WAN, Disclosure, format_wan
from checker.core.printed import PrintedAmount
from checker.core.rounding import Agreement, compare

from . import narrative_tables as nt
from .narrative_compare import restates
from .narrative_facts import Part, ProjectBlock, core, project_blocks
from checker.core.model import TableRole
from ...core.text import lazy_pattern


def check_projects(doc: Disclosure, parts: list[Part], floor: Optional[Decimal] = None) -> list[Finding]:
    out: list[Finding] = []
    every: list[ProjectBlock] = []
    first: Optional[Part] = None
    for part in parts:
        if part.topic != "project":
            continue
        first = first or part
        blocks = project_blocks(part)
        every.extend(blocks)
        for block in blocks:
            out.extend(_scale(doc, part, block, floor))
            out.extend(_allocation(part, block))
    if first is not None:
        # 七 may put each project in a subsection of its own: the blocks of all of them count
        out.extend(_undescribed(doc, Part(first.number, "", first.topic, "", None), every))
    return out


def check_carry_projects(doc: Disclosure, parts: list[Part]) -> list[Finding]:
    """十一 lists the carried-over projects ("1. 某某项目 X 万元"): when it lists any, every project of
    表11 with an amount should be among them (A206). The amounts are checked with the others (A201)."""
    t11 = nt.usable(doc, TableRole.CARRYOVER)
    if t11 is None or t11.is_empty:
        return []
    rows = nt.project_rows(t11)
    col = nt.t11_columns(t11)["total"]
    out: list[Finding] = []
    for part in parts:
        if part.topic != "carry":
            continue
        listed = [f for p in part.paragraphs for f in part.figures_of(p) if _LISTED.match(f.label.strip())]
        described = {id(r) for f in listed for r in nt.match_project(core(f.label, doc.unit), rows)}
        if not described:
            continue
        missing = [r for r in rows if id(r) not in described and r.value(col) != 0]
        unmatched = [f for f in listed if not nt.match_project(core(f.label, doc.unit), rows)]
        if len(missing) > len(unmatched):     # else misnamed (A209), not missing
            names = "、".join(f"“{r.project}”（{format_wan(r.value(col))} 万元）" for r in missing)
            out.append(Finding("A206", f"{part.name}逐项列出了上年结转结余的项目，但没有列出{t11.short_label}中的项目{names}。",
                               [Location.at(listed[0].paragraph.cell, part.label)] +
                               [Location.at(r.project_cell or r.cell, t11.label, r.project or "") for r in missing[:3]],
                               expected=str(len(described) + len(missing)), actual=str(len(described))))
    return out


_LISTED = lazy_pattern(r"^(?:\d{1,2}\s*[、.．](?!\d)|[(（]\s*\d{1,2}\s*[)）])")


def _undescribed(doc: Disclosure, part: Part, blocks: list[ProjectBlock]) -> list[Finding]:
    """七 describes projects one by one ("项目名称：…"): every project of 表7 with an amount should
    be among them (A206, a warning: the section may legitimately group small projects)."""
    t7 = nt.usable(doc, TableRole.GPB_PROJECTS)
    if t7 is None or t7.is_empty or not blocks:
        return []
    rows = nt.project_rows(t7)
    col = t7.column("项目支出合计") or t7.column("合计") or nt.first_column(t7.main)
    described = {id(r) for b in blocks for r in nt.match_project(b.name, rows)}
    totals: dict[str, list] = {}
    for r in rows:
        if id(r) not in described:
            totals.setdefault(r.project or "", []).append(r)
    missing = [(name, rs) for name, rs in totals.items() if sum((r.value(col) for r in rs), Decimal(0)) != 0]
    unmatched = [b for b in blocks if not nt.match_project(b.name, rows)]
    if len(missing) <= len(unmatched):
        return []       # as many described projects are not found in 表7 (A209 says so): misnamed, not missing
    names = "、".join(f"“{name}”（{format_wan(sum((r.value(col) for r in rs), Decimal(0)))} 万元）"
                     for name, rs in missing)
    locations = [Location.at(blocks[0].name_paragraph.cell, part.label)]
    locations += [Location.at(rs[0].project_cell or rs[0].cell, t7.label, name) for name, rs in missing[:3]]
    return [Finding("A206", f"{part.name}逐个说明了 {len(blocks)} 个项目，但没有说明{t7.short_label}中的项目{names}。",
                    locations, expected=str(len(blocks) + len(missing)), actual=str(len(blocks)))]


def _scale(doc: Disclosure, part: Part, block: ProjectBlock, floor: Optional[Decimal]) -> list[Finding]:
    if block.scale is None or block.scale_paragraph is None:
        return []
    where = Location.at(block.scale_paragraph.cell, part.label, block.name)
    ref = nt.t7_project_ref(doc, block.name)
    t7 = nt.usable(doc, TableRole.GPB_PROJECTS)
    if ref is None and t7 is not None and t7.is_empty and block.scale.value != 0:
        return [Finding("A201", f"{part.name}说明了项目“{block.name}”，预算安排规模 {block.scale.shown}，但{t7.short_label}为空表，"
                                "没有任何项目，说明与表格矛盾。",
                        [where, Location.at(t7.empty_statement_cell or t7.title_cell, t7.label)],
                        expected=amount_text(Decimal(0)), actual=amount_text(block.scale.value))]
    if ref is None:
        return []
    if ref is False:
        t7_label = doc.label(TableRole.GPB_PROJECTS)
        return [Finding("A209", f"{part.name}说明了项目“{block.name}”（预算安排规模 {block.scale.shown}），但{t7_label}中没有"
                                f"这个项目，无法核对。请检查项目名称是否与{t7_label}一致。",
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
    return [Finding("A203", f"{part.name}项目“{block.name}”的预算安排规模为 {block.scale.shown}，但{ref.shown()}"
                            f"{detail}，两者应一致：预算安排规模应为 {format_wan(ref.value)} 万元。",
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
    cell = block.allocation[0][0].cell
    for a, is_total in amounts:
        if is_total and len(values) > 1 and a.value == total - a.value:
            items = [a]
            break
    else:
        at = _own_total(block)
        if at is not None:
            return _wrong_total(part, block, values[at], values[:at] + values[at + 1:], cell)
    stated = block.scale.amount(block.scale_paragraph.cell)
    parts = [a.amount(cell) for a in items]
    agreement = compare(parts, stated)
    if agreement is Agreement.EXACT:
        return []
    allocated = sum((a.value for a in items), Decimal(0))
    if all(a.unit == "万元" for a in items):
        shown, total = "＋".join(a.text for a in items), f"{format_wan(allocated)} 万元"
    else:       # items in 元 are shown in 元 and the sum to the 元
        shown = "＋".join(a.shown for a in items)
        total = f"{format_wan(allocated * YUAN_PER_WAN)} 元（{format_wan(allocated)} 万元）"
    return [Finding("A204", f"{part.name}项目“{block.name}”资金分配情况各项合计 {shown} = {total}，"
                            f"与预算安排规模 {block.scale.shown}不一致：各项合计应为 {format_wan(block.scale.value)} 万元。",
                    [Location.at(cell, part.label, block.name),
                     Location.at(block.scale_paragraph.cell, part.label, block.name)],
                    expected=amount_text(block.scale.value), actual=amount_text(allocated),
                    severity=Severity.INFO if agreement is Agreement.ROUNDING else None)]


def _own_total(block: ProjectBlock) -> Optional[int]:
    """Where among the amounts stands the 共计 of an allocation given in one paragraph after (or before) its items ("差旅费 15 万元，
    培训费 5 万元，共计 20 万元"). A 共计 standing alone in its paragraph is one item's amount
    ("2. 专家评审费……共计 10.00 万元") and is left an item."""
    groups = [replace(block, allocation=[entry]).allocation_amounts() for entry in block.allocation]
    holding = [g for g in groups if g]
    if len(holding) != 1 or len(holding[0]) < 2:
        return None
    totals = [i for i, (_, is_total) in enumerate(holding[0]) if is_total]
    return totals[0] if len(totals) == 1 else None


def _wrong_total(part: Part, block: ProjectBlock, stated_total: PrintedAmount, items: list[PrintedAmount],
                 cell: CellRef) -> list[Finding]:
    """资金分配情况 states its own 共计 and it is not the sum of the items listed before or after it:
    the 共计 is not one more item. Where the items add up to 预算安排规模 the 共计 is the wrong
    figure; otherwise the items are."""
    assert block.scale is not None and block.scale_paragraph is not None
    added = sum((a.value for a in items), Decimal(0))
    listed = "＋".join(a.text if a.unit == "万元" else a.shown for a in items)
    head = (f"{part.name}项目“{block.name}”资金分配情况写“共计 {stated_total.shown}”，但所列各项 {listed} = "
            f"{format_wan(added)} 万元，")
    stated = block.scale.amount(block.scale_paragraph.cell)
    if compare([a.amount(cell) for a in items], stated) is not Agreement.BROKEN:
        message = head + f"与预算安排规模 {block.scale.shown}一致：共计应为 {format_wan(added)} 万元。"
        expected, actual = added, stated_total.value
    else:
        message = head + (f"与所写的共计、与预算安排规模 {block.scale.shown}都不一致：各项合计应为 "
                          f"{format_wan(block.scale.value)} 万元。")
        expected, actual = block.scale.value, added
    return [Finding("A204", message, [Location.at(cell, part.label, block.name),
                                      Location.at(block.scale_paragraph.cell, part.label, block.name)],
                    expected=amount_text(expected), actual=amount_text(actual))]
