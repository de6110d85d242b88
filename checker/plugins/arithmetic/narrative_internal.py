"""Figures of 十二 that no table carries but that must add up among themselves.

政府采购 (A207): 采购预算 = 货物 + 工程 + 服务, and 小微企业预留 ≤ 中小企业预留 ≤ 采购预算.
国有资产 (A208): 车辆 N 辆 = the vehicles by kind, in number and in value; devices worth 100 万元
or more are among those worth 50 万元 or more, so there cannot be more of them.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from checker.core.findings import Finding, Location, Severity, amount_text
from checker.core.model import Amount, Disclosure, Paragraph, format_wan
from checker.core.rounding import Agreement, compare

from .narrative_compare import exceeds
from .narrative_facts import Fact, Part, core, paragraph_facts, prepare, stated
from ...core.text import lazy_pattern


def check_internal(doc: Disclosure, parts: list[Part]) -> list[Finding]:
    out: list[Finding] = []
    for part in parts:
        if part.topic != "other":
            continue
        if part.subtopic == "procurement":
            out.extend(_procurement(doc, part))
        elif part.subtopic == "assets":
            out.extend(_assets(part))
    return out


# ------------------------------------------------------------------------------- 政府采购

def _kind(c: str) -> Optional[str]:
    if "小微" in c:
        return "micro"
    if "中小企业" in c:
        return "sme"
    for k, word in (("goods", "货物"), ("works", "工程"), ("services", "服务")):
        if word in c:
            return k
    if "采购" in c and ("预算" in c or "金额" in c):
        return "total"
    return None


NAMES = {"total": "政府采购预算", "goods": "货物", "works": "工程", "services": "服务",
         "sme": "面向中小企业预留", "micro": "小微企业预留"}


def _procurement(doc: Disclosure, part: Part) -> list[Finding]:
    found: dict[str, Fact] = {}
    for p in part.paragraphs:
        for fact in paragraph_facts(p):
            if not fact.checkable:
                continue
            k = _kind(core(fact.subject, doc.unit))
            if k and k not in found:
                found[k] = fact
    out = []

    def amt(k: str) -> Amount:
        f = found[k]
        return f.amount.amount(f.paragraph.cell)

    def where(*keys: str) -> list[Location]:
        seen, locs = set(), []
        for k in keys:
            cell = found[k].paragraph.cell
            if cell not in seen:
                seen.add(cell)
                locs.append(Location.at(cell, part.label, NAMES[k]))
        return locs

    kinds = [k for k in ("goods", "works", "services") if k in found]
    if "total" in found and len(kinds) >= 2:
        agreement = compare([amt(k) for k in kinds], amt("total"))
        if agreement is not Agreement.EXACT:
            total = sum((found[k].amount.value for k in kinds), Decimal(0))
            shown = " ＋ ".join(f"{NAMES[k]} {found[k].amount}" for k in kinds)
            out.append(Finding("A207", f"{part.name}政府采购预算 {found['total'].amount} 万元，但{shown} = "
                                       f"{format_wan(total)} 万元，两者应相等。", where("total", *kinds),
                               expected=amount_text(total), actual=amount_text(found["total"].amount.value),
                               severity=Severity.INFO if agreement is Agreement.ROUNDING else None))
    for small, big in (("sme", "total"), ("micro", "sme"), ("micro", "total")):
        if small in found and big in found:
            if small == "micro" and big == "total" and "sme" in found:
                continue
            agreement = exceeds([amt(small)], [amt(big)])
            if agreement is not Agreement.EXACT:
                out.append(Finding("A207", f"{part.name}{NAMES[small]}政府采购项目预算 {found[small].amount} 万元，"
                                           f"超过了{NAMES[big]} {found[big].amount} 万元。", where(small, big),
                                   expected=f"≤ {amount_text(found[big].amount.value)}",
                                   actual=amount_text(found[small].amount.value),
                                   severity=Severity.INFO if agreement is Agreement.ROUNDING else None))
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
