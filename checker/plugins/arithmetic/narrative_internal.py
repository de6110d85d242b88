"""Figures of 十二 that no table carries but that must add up among themselves.

政府采购 (A207) is read by the core (the template's sentence shapes) and checked by
:mod:`arithmetic.stated`. 国有资产 (A208), read by the core too (subjects ``vehicles``,
``vehicle_kind``, ``devices``): 车辆 N 辆 = the vehicles by kind, in number and in value; devices
worth 100 万元 or more are among those worth 50 万元 or more, so there cannot be more of them.
"""
from __future__ import annotations

from decimal import Decimal

from checker.core.findings import Finding, Location, Severity, amount_text
from checker.core.model import Disclosure, Paragraph, format_wan
from checker.core.rounding import Agreement, compare

from .narrative_facts import Part


def check_internal(doc: Disclosure, parts: list[Part]) -> list[Finding]:
    out: list[Finding] = []
    for part in parts:
        if part.topic != "other":
            continue
        if part.subtopic == "assets":     # 政府采购 (A207) is the template's statements' (stated.py)
            out.extend(_assets(part))
    return out


# ------------------------------------------------------------------------------- 国有资产

def _assets(part: Part) -> list[Finding]:
    out: list[Finding] = []
    for p in part.paragraphs:
        out.extend(_vehicles(part, p))
        out.extend(_devices(part, p))
    return out


def _vehicles(part: Part, p: Paragraph) -> list[Finding]:
    """车辆 N 辆 (the first the paragraph states) against the kinds stated after it."""
    totals = part.said(p, "vehicles")
    if not totals:
        return []
    whole = totals[0]
    kinds = [st for st in part.said(p, "vehicle_kind") if st.words[0] >= whole.words[1]]
    if not kinds or whole.count is None:
        return []
    out = []
    count = whole.count
    counted = sum(k.count or 0 for k in kinds)
    where = [Location.at(p.cell, part.label, "车辆")]
    if counted != count:
        shown = " ＋ ".join(f"{k.names[0]} {k.count} 辆" for k in kinds)
        out.append(Finding("A208", f"{part.name}写车辆 {count} 辆，但{shown} = {counted} 辆，两者应相等。", where,
                           expected=str(counted), actual=str(count)))
    total = whole.amount
    if total is not None and all(k.amount is not None for k in kinds):
        values = [k.amount for k in kinds if k.amount is not None]
        agreement = compare([v.amount(p.cell) for v in values], total.amount(p.cell))
        if agreement is not Agreement.EXACT:
            s = sum((v.value for v in values), Decimal(0))
            out.append(Finding("A208", f"{part.name}写车辆价值 {total} 万元，但各类车辆价值合计 "
                                       f"{' ＋ '.join(v.text for v in values)} = {format_wan(s)} 万元。", where,
                               expected=amount_text(s), actual=amount_text(total.value),
                               severity=Severity.INFO if agreement is Agreement.ROUNDING else None))
    return out


def _devices(part: Part, p: Paragraph) -> list[Finding]:
    counts: dict[str, int] = {}
    for st in part.said(p, "devices"):
        if st.count is not None:
            counts.setdefault(st.names[0], st.count)
    if "50" in counts and "100" in counts and counts["100"] > counts["50"]:
        return [Finding("A208", f"{part.name}写单位价值 100 万元以上大型设备 {counts['100']} 台，多于 50 万元以上的 "
                                f"{counts['50']} 台；100 万元以上的设备也是 50 万元以上的设备，不能更多。",
                        [Location.at(p.cell, part.label, "大型设备")],
                        actual=str(counts["100"]))]
    return []
