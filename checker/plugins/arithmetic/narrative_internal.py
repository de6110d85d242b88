"""Figures of 十二 that no table carries but that must add up among themselves.

政府采购 (A207) is read by the core (the template's sentence shapes) and checked by
:mod:`arithmetic.stated`. 国有资产 (A208): 车辆 N 辆 = the vehicles by kind, in number and in
value; devices worth 100 万元 or more are among those worth 50 万元 or more, so there cannot be more
of them.
"""
from __future__ import annotations

from decimal import Decimal

from checker.core.findings import Finding, Location, Severity, amount_text
from checker.core.model import Disclosure, Paragraph, format_wan
from checker.core.rounding import Agreement, compare

from .narrative_facts import Part, prepare, stated
from ...core.text import lazy_pattern


def check_internal(doc: Disclosure, parts: list[Part]) -> list[Finding]:
    out: list[Finding] = []
    for part in parts:
        if part.topic != "other":
            continue
        if part.subtopic == "assets":     # 政府采购 (A207) is the template's statements' (stated.py)
            out.extend(_assets(part))
    return out


# ------------------------------------------------------------------------------- 国有资产

_NUM = r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
_VEHICLES = lazy_pattern(r"车辆\s*(\d+)\s*辆(?:\s*[，,]?\s*价值\s*" + _NUM + r"\s*万元)?")
_KIND = lazy_pattern(r"(一般公务用车|执法执勤用车|特种专业技术用车|其他车辆|其他用车|机要通信用车|应急保障用车|"
                   r"业务用车|特种用车)\s*(\d+)\s*辆(?:\s*[，,]?\s*价值\s*" + _NUM + r"\s*万元)?")
_DEVICES = lazy_pattern(r"(50|100)\s*万元\s*(?:[(（]\s*含\s*[)）])?\s*(?:及)?以上[^，,；;。]*?(\d+)\s*台")


def _assets(part: Part) -> list[Finding]:
    out: list[Finding] = []
    for p in part.paragraphs:
        text = prepare(p.text)
        out.extend(_vehicles(part, p, text))
        out.extend(_devices(part, p, text))
    return out


def _vehicles(part: Part, p: Paragraph, text: str) -> list[Finding]:
    m = _VEHICLES.search(text)
    if not m:
        return []
    kinds = list(_KIND.finditer(text, m.end()))
    if not kinds:
        return []
    out = []
    count = int(m.group(1))
    counted = sum(int(k.group(2)) for k in kinds)
    where = [Location.at(p.cell, part.label, "车辆")]
    if counted != count:
        shown = " ＋ ".join(f"{k.group(1)} {k.group(2)} 辆" for k in kinds)
        out.append(Finding("A208", f"{part.name}写车辆 {count} 辆，但{shown} = {counted} 辆，两者应相等。", where,
                           expected=str(counted), actual=str(count)))
    if m.group(2) and all(k.group(3) for k in kinds):
        total = stated(m.group(2), m.group(3))
        values = [stated(k.group(3), k.group(4)) for k in kinds]
        agreement = compare([v.amount(p.cell) for v in values], total.amount(p.cell))
        if agreement is not Agreement.EXACT:
            s = sum((v.value for v in values), Decimal(0))
            out.append(Finding("A208", f"{part.name}写车辆价值 {total} 万元，但各类车辆价值合计 "
                                       f"{' ＋ '.join(v.text for v in values)} = {format_wan(s)} 万元。", where,
                               expected=amount_text(s), actual=amount_text(total.value),
                               severity=Severity.INFO if agreement is Agreement.ROUNDING else None))
    return out


def _devices(part: Part, p: Paragraph, text: str) -> list[Finding]:
    counts: dict[str, int] = {}
    for m in _DEVICES.finditer(text):
        counts.setdefault(m.group(1), int(m.group(2)))
    if "50" in counts and "100" in counts and counts["100"] > counts["50"]:
        return [Finding("A208", f"{part.name}写单位价值 100 万元以上大型设备 {counts['100']} 台，多于 50 万元以上的 "
                                f"{counts['50']} 台；100 万元以上的设备也是 50 万元以上的设备，不能更多。",
                        [Location.at(p.cell, part.label, "大型设备")],
                        actual=str(counts["100"]))]
    return []
