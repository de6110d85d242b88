"""Correspondences that may legitimately differ (A300–A399, warnings): figures of different tables
that normally agree, where a difference is allowed but must be explained (in the narrative or on
the 校验说明 sheet). 机关运行经费 as the narrative states it (十二（一）) against 表6 公用经费 is the
narrative part's (A211, narrative_running.py).

Any difference between the published figures is reported; when rounding alone could explain it
the message says so, and the unit can record it as a 尾差 on the 校验说明 sheet.
"""
from __future__ import annotations

from typing import Iterator, Optional, Sequence

from checker.core.findings import Finding, Location, Rule, Severity, amount_text
from checker.core.model import BudgetTable, Disclosure, RowKind, TableRole, TableRow
from checker.core.rounding import Agreement
from checker.core.text import norm

from .common import Arithmetic, Figure, find_column, row_label, total_column

RULES = [
    Rule("A301", Severity.WARNING, "“三公”经费与一般公共预算基本支出表的对应经济科目不一致",
         "“三公”经费表的公务接待费（一般公共预算）与一般公共预算基本支出表“30217 公务接待费”、公务用车运行费与该表"
         "“30231 公务用车运行维护费”"
         "比较。项目支出中也安排了此类经费时两者可以不同，但须说明原因。",
         "“三公”经费与基本支出中的对应科目是审核必查的口径，差异不说明会被认为数据有误。",
         "（新疆模板）表10 公务用车运行费 91.40；表6 30231 公务用车运行维护费 81.40（没有说明差额 10.00 的来源）。",
         "（新疆模板）表10 公务用车运行费 91.40；表6 30231 公务用车运行维护费 91.40。"
         "（或在校验说明中写明：项目支出中安排公务用车运行费 10.00 万元。）"),
    Rule("A302", Severity.WARNING, "社会保险缴费、住房公积金与对应功能科目不一致",
         "一般公共预算基本支出表的缴费科目与一般公共预算支出表基本支出中对应的项比较：30108 机关事业单位基本养老保险缴费 ↔ 2080505，"
         "30109 职业年金缴费 ↔ 2080506，30110 职工基本医疗保险缴费 ↔ 2101101 + 2101102，"
         "30111 公务员医疗补助缴费 ↔ 2101103，30113 住房公积金 ↔ 2210201。差额在四舍五入误差范围内的（尾差）"
         "只作为“提示”列出。",
         "同一笔缴费按经济分类和功能分类各列一次，通常相等；不等时多半是科目挂错，确有原因的须说明。",
         "（新疆模板）表6 30110 职工基本医疗保险缴费 28.99；表5 2101101 行政单位医疗 15.11 + 2101102 事业单位医疗 3.89 = 19.00。",
         "（新疆模板）表6 30110 职工基本医疗保险缴费 29.00；表5 2101101 + 2101102 = 29.00。"),
    Rule("A303", Severity.WARNING, "离退休费与离退休功能科目不一致",
         "一般公共预算支出表基本支出中 2080501 行政单位离退休 + 2080502 事业单位离退休，应不少于一般公共预算基本支出表的 "
         "30301 离休费 + 30302 退休费，且不多于该表“303 对个人和家庭的补助”合计（离退休人员的其他补助也在 303 中）。超出部分在四舍五入"
         "误差范围内的不报告。",
         "离退休费按经济分类和功能分类各列一次，超出这个范围说明离退休经费挂错了科目，或须说明原因。",
         "（新疆模板）表6 30302 退休费 20.17；表5 2080501 行政单位离退休 10.00。",
         "（新疆模板）表6 30302 退休费 20.17，303 合计 81.10；表5 2080501 行政单位离退休 80.52。"),
]

# 表6 code(s) ↔ 表5 项 code(s)
CONTRIBUTIONS = [
    (["30108"], ["2080505"]),
    (["30109"], ["2080506"]),
    (["30110"], ["2101101", "2101102"]),
    (["30111"], ["2101103"]),
    (["30113"], ["2210201"]),
]
RETIREMENT_PAY = ["30301", "30302"]
RETIREMENT_ITEMS = ["2080501", "2080502"]


def check(document: Disclosure, arith: Arithmetic) -> Iterator[Finding]:
    t5, t6, t10 = (document.tables.get(role) for role in (TableRole.GPB_FUNCTION, TableRole.GPB_BASIC,
                                                             TableRole.THREE_PUBLIC))
    if t6 is not None and t6.sides and not t6.is_empty:
        if t10 is not None and t10.sides and not t10.is_empty:
            yield from _three_public(arith, t10, t6)
        if t5 is not None and t5.sides and not t5.is_empty:
            yield from _contributions(arith, t5, t6)
            yield from _retirement(arith, t5, t6)


def _rows(table: BudgetTable) -> dict[str, TableRow]:
    out: dict[str, TableRow] = {}
    for row in table.rows:
        if row.kind is RowKind.ITEM and row.code is not None:
            out.setdefault(row.code.code, row)
    return out


def _sum(table: BudgetTable, rows: dict[str, TableRow], codes: Sequence[str], column, what: str) -> Figure:
    present = [rows[c] for c in codes if c in rows]
    if not present:
        return Figure.missing(table, what, "、".join(codes))
    amounts = [a for a in (r.amount(column) for r in present) if a is not None]
    cells = [r.cell_in(column) for r in present]
    more = [Location.at(c, table.label, row_label(r)) for c, r in zip(cells[1:], present[1:])]
    return Figure(what, amounts, table, cells[0], row_label(present[0]), more=more)


def _differ(arith: Arithmetic, rule: str, a: Figure, b: Figure, why: str,
            unit: Optional[str] = None) -> Optional[Finding]:
    if a.value == b.value:
        return None
    unit = unit or arith.unit_of([a.table, b.table])
    agreement = arith.compare(a.amounts, b.amounts)
    # a difference the rounding of the printed figures explains is no one's mistake: info
    rounding = agreement is Agreement.ROUNDING
    note = "差额在四舍五入误差范围内（尾差），仅供参考" if rounding else why
    message = (f"{a.what}为 {arith.show(a, unit)}，{b.what}为 {arith.show(b, unit)}，"
               f"相差 {arith.money(abs(a.value - b.value), unit)}。{note}。")
    # no 建议值: either side may be the one to correct (or the difference may be legitimate, A301);
    # the message gives both. A difference rounding explains is for the record only (info).
    return Finding(rule, message, a.locations() + b.locations(), actual=amount_text(a.value),
                   severity=Severity.INFO if agreement is Agreement.ROUNDING else None)


# ---------------------------------------------------------------------- A301

def _three_public(arith: Arithmetic, t10: BudgetTable, t6: BudgetTable) -> Iterator[Finding]:
    cols = find_column(t10.main, "一般公共预算")
    col10 = cols[0] if cols else total_column(t10.main)
    col6 = total_column(t6.main)
    if col10 is None or col6 is None:
        return
    rows6 = _rows(t6)
    for word, unless, code in (("公务接待", "", "30217"), ("运行费", "购置", "30231")):
        row = next((r for r in t10.rows if r.kind is not RowKind.TOTAL and word in norm(r.label)
                    and not (unless and unless in norm(r.label))), None)
        if row is None:
            continue
        a = Figure.cell_of(t10, row, col10, f"{t10.short_label}“{row.label}”（{col10.key}）")
        b = _sum(t6, rows6, [code], col6, f"{t6.short_label}“{row_label(rows6[code])}”" if code in rows6 else f"{t6.short_label} {code}")
        found = _differ(arith, "A301", a, b, "如项目支出中也安排了该项经费，请在情况说明或校验说明中写明差额的来源")
        if found:
            yield found


# ---------------------------------------------------------------------- A302

def _contributions(arith: Arithmetic, t5: BudgetTable, t6: BudgetTable) -> Iterator[Finding]:
    basic = find_column(t5.main, "基本支出")
    col6 = total_column(t6.main)
    if not basic or col6 is None:
        return
    rows5, rows6 = _rows(t5), _rows(t6)
    for econ, func in CONTRIBUTIONS:
        a = _sum(t6, rows6, econ, col6, f"{t6.short_label}“" + "”+“".join(row_label(rows6[c]) for c in econ if c in rows6) + "”"
                 if any(c in rows6 for c in econ) else f"{t6.short_label} {'+'.join(econ)}")
        names = [row_label(rows5[c]) for c in func if c in rows5]
        b = _sum(t5, rows5, func, basic[0],
                 (f"{t5.short_label} 基本支出“" + "”+“".join(names) + "”") if names else f"{t5.short_label} 基本支出 {'+'.join(func)}")
        if a.value == 0 and b.value == 0:
            continue
        found = _differ(arith, "A302", a, b, "请核对缴费是否挂错功能科目，确有原因的请说明")
        if found:
            yield found


# ---------------------------------------------------------------------- A303

def _retirement(arith: Arithmetic, t5: BudgetTable, t6: BudgetTable) -> Iterator[Finding]:
    basic = find_column(t5.main, "基本支出")
    col6 = total_column(t6.main)
    if not basic or col6 is None:
        return
    rows5, rows6 = _rows(t5), _rows(t6)
    pay = _sum(t6, rows6, RETIREMENT_PAY, col6, f"{t6.short_label} 离休费、退休费")
    items = _sum(t5, rows5, RETIREMENT_ITEMS, basic[0], f"{t5.short_label} 基本支出 2080501、2080502 离退休")
    if "303" in rows6:
        ceiling = Figure.cell_of(t6, rows6["303"], col6, f"{t6.short_label}“303 对个人和家庭的补助”")
    else:
        kids = [r for c, r in rows6.items() if c.startswith("303") and len(c) == 5]
        amounts = [a for a in (r.amount(col6) for r in kids) if a is not None]
        ceiling = Figure(f"{t6.short_label} 303 各款之和", amounts, t6, kids[0].cell_in(col6) if kids else None)
    if pay.value == 0 and items.value == 0:
        return
    unit = arith.unit_of([t5, t6])
    m = arith.money
    # only a difference rounding cannot explain takes an amount out of its range
    if items.value < pay.value and arith.compare(items.amounts, pay.amounts) is Agreement.BROKEN:
        yield Finding("A303", f"{items.what}为 {arith.show(items, unit)}，少于{pay.what}合计 {m(pay.value, unit)}，"
                              f"相差 {m(pay.value - items.value, unit)}。离退休费应在离退休科目中列支，请核对科目或说明原因。",
                      items.locations() + pay.locations(), expected=amount_text(pay.value),
                      actual=amount_text(items.value))
    elif items.value > ceiling.value and arith.compare(items.amounts, ceiling.amounts) is Agreement.BROKEN:
        yield Finding("A303", f"{items.what}为 {arith.show(items, unit)}，多于{ceiling.what} {m(ceiling.value, unit)}，"
                              f"相差 {m(items.value - ceiling.value, unit)}。请说明离退休科目中其余支出的内容。",
                      items.locations() + ceiling.locations(), expected=amount_text(ceiling.value),
                      actual=amount_text(items.value))
