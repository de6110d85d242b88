"""The narrative's lists against the tables (A205 wrong or missing names, A206 omissions).

"收入预算包括：一般公共预算、单位资金。" must name exactly the income sources 表1 shows
non-zero; "支出预算包括：" the 功能分类 classes; "一般公共预算支出包括：类 X 万元；…" (四) the classes
表4 shows in that column; "人员经费……主要包括：" (六) the 表6 items with 人员经费. Section 五（二）
and 五（三） walk the classes and 项 of 表5: a class or 项 they leave out is a warning.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable, Optional

from checker.core.findings import Finding, Location
from checker.core.model import Column, Disclosure, FunctionCode, Paragraph, TableRow

from . import narrative_tables as nt
from .narrative_amounts import usage_paths
from .narrative_facts import Part, core, named_list, paragraph_facts, prepare


def check_lists(doc: Disclosure, parts: list[Part]) -> list[Finding]:
    out: list[Finding] = []
    for part in parts:
        for p in part.paragraphs:
            lst = named_list(p)
            if lst is not None:
                lead = nt.key(lst.lead)
                if part.topic == "overall" and "收入" in lead:
                    out.extend(_sources(doc, part, p, lst.items, lst.complete))
                elif part.topic == "overall" and "支出" in lead:
                    out.extend(_classes(doc, part, p, lst.items, lst.complete, 1, "预算数"))
                elif part.topic == "basic" and ("人员经费" in lead or "公用经费" in lead):
                    word = "人员经费" if "人员经费" in lead else "公用经费"
                    out.extend(_economic(doc, part, p, lst.items, lst.complete, word))
                continue
            if part.topic == "fiscal":
                text = prepare(p.text)
                names = [core(f.subject, doc.unit) for f in paragraph_facts(p) if f.checkable]
                if re.search(r"收入预算包括", text):
                    out.extend(_fiscal_sources(doc, part, p, names))
                m = re.search(r"(一般公共预算|政府性基金预算?|国有资本经营预算?)?(?:拨款)?支出包括", text)
                if m:
                    classes = [n for n in names if nt.match_name(n, nt.class_rows(t4)) is not None] \
                        if (t4 := nt.usable(doc, 4)) is not None else []
                    col = _fiscal_column(m.group(1) or "")
                    out.extend(_classes(doc, part, p, classes, True, 4, col, listed_amounts=True))
        if part.topic == "gpb_year" and part.subtopic == "structure":
            names = [core(f.subject, doc.unit) for p in part.paragraphs for f in paragraph_facts(p) if f.checkable]
            if names and part.paragraphs:
                out.extend(_walk_classes(doc, part, names))
        if part.topic == "gpb_year" and part.subtopic == "usage":
            out.extend(_walk_items(doc, part))
    return out


def _fiscal_column(kind: str) -> str:
    if kind.startswith("政府性基金"):
        return "政府性基金预算"
    if kind.startswith("国有资本经营"):
        return "国有资本经营预算"
    return "一般公共预算" if kind else "合计"


def _names(rows: Iterable[TableRow]) -> str:
    return "、".join(nt.row_name(r) for r in rows)


def _finding(rule: str, message: str, part: Part, p: Paragraph, rows: list[TableRow], table_label: str,
             column: Optional[Column], actual: str, expected: str) -> Finding:
    locations = [Location.at(p.cell, part.label)]
    for row in rows[:3]:
        locations.append(Location.at(row.cell_in(column) if column is not None else row.cell, table_label, row.label))
    return Finding(rule, message, locations, expected=expected, actual=actual)


# ------------------------------------------------------------------------------- income sources

def _sources(doc: Disclosure, part: Part, p: Paragraph, items: list[str], complete: bool) -> list[Finding]:
    t1 = nt.usable(doc, 1)
    rows = nt.income_rows(doc)
    if t1 is None or t1.income is None or not rows:
        return []
    col = nt.first_column(t1.income)
    nonzero = {k for k in nt.SOURCES if k in rows and rows[k].value(col) != 0}
    listed: dict[str, str] = {}
    for item in items:
        k = nt.source_key(item)
        if k in nt.SOURCES or k == "carry":
            listed[item] = k
    if not listed:
        return []
    covered = set()
    for k in listed.values():
        covered |= {"CARRY_F", "CARRY_NF"} if k == "carry" else {k}
    out = []
    zero = [item for item, k in listed.items()
            if (k == "carry" and not ({"CARRY_F", "CARRY_NF"} & nonzero)) or (k != "carry" and k not in nonzero)]
    if zero:
        zero_rows = [rows[listed[i]] for i in zero if listed[i] in rows]
        out.append(_finding("A205", f"{part.name}的收入预算列举了“{'、'.join(zero)}”，但表1中这些收入为 0（或没有）；"
                                    "只应列举表中有数的收入来源。", part, p, zero_rows, t1.label, col,
                            actual="、".join(items), expected=_names(rows[k] for k in nt.SOURCES if k in nonzero)))
    missing = [k for k in nt.SOURCES if k in nonzero and k not in covered]
    if missing:
        rule = "A205" if complete else "A206"
        out.append(_finding(rule, f"{part.name}的收入预算只列举了“{'、'.join(items)}”，漏列了表1中有数的"
                                  f"“{_names(rows[k] for k in missing)}”。", part, p, [rows[k] for k in missing],
                            t1.label, col, actual="、".join(items),
                            expected=_names(rows[k] for k in nt.SOURCES if k in nonzero)))
    return out


def _fiscal_sources(doc: Disclosure, part: Part, p: Paragraph, names: list[str]) -> list[Finding]:
    """四 "收入预算包括：一般公共预算拨款 X 万元" against 表4's income rows."""
    t4 = nt.usable(doc, 4)
    if t4 is None or t4.income is None:
        return []
    col = nt.first_column(t4.income)
    rows = {k: r.rows[0] for k in ("GPB", "FUND", "SOE") if (r := nt.fiscal_income_ref(doc, k)) is not None}
    listed = {nt.source_key(n) for n in names} & set(rows)
    if not listed:
        return []
    missing = [k for k, row in rows.items() if row.value(col) != 0 and k not in listed]
    if not missing:
        return []
    return [_finding("A205", f"{part.name}的财政拨款收入预算只列举了“{'、'.join(names)}”，漏列了表4中有数的"
                             f"“{_names(rows[k] for k in missing)}”。", part, p, [rows[k] for k in missing],
                     t4.label, col, actual="、".join(names),
                     expected=_names(r for r in rows.values() if r.value(col) != 0))]


# ------------------------------------------------------------------------------- classes

def _classes(doc: Disclosure, part: Part, p: Paragraph, items: list[str], complete: bool, number: int,
             col_name: str, listed_amounts: bool = False) -> list[Finding]:
    table = nt.usable(doc, number)
    if table is None:
        return []
    side = table.main
    col = side.column(col_name) or nt.first_column(side)
    classes = nt.class_rows(table, side)
    if not classes or col is None:
        return []
    nonzero = [r for r in classes if r.value(col) != 0]
    matched: dict[str, Optional[TableRow]] = {item: nt.match_name(item, classes) for item in items}
    out = []
    zero = [i for i, r in matched.items() if r is not None and r.value(col) == 0]
    if zero:
        out.append(_finding("A205", f"{part.name}列举了“{'、'.join(zero)}”，但{table.kind.label}中这些支出为 0；"
                                    "只应列举表中有数的支出功能分类。", part, p,
                            [r for r in matched.values() if r is not None and r.value(col) == 0], table.label, col,
                            actual="、".join(items), expected=_names(nonzero)))
    found = {id(r) for r in matched.values() if r is not None}
    missing = [r for r in nonzero if id(r) not in found]
    if missing:
        rule = "A205" if complete else "A206"
        out.append(_finding(rule, f"{part.name}列举的支出为“{'、'.join(items)}”，漏列了{table.kind.label}中有数的"
                                  f"“{_names(missing)}”。", part, p, missing, table.label, col,
                            actual="、".join(items), expected=_names(nonzero)))
    return out


def _walk_classes(doc: Disclosure, part: Part, names: list[str]) -> list[Finding]:
    """五（二） should give every class of 表5 with its amount."""
    t5 = nt.usable(doc, 5)
    if t5 is None:
        return []
    col = t5.column("合计") or nt.first_column(t5.main)
    classes = nt.class_rows(t5)
    found = {id(r) for n in names if (r := nt.match_name(n, classes)) is not None}
    missing = [r for r in classes if r.value(col) != 0 and id(r) not in found]
    if not missing:
        return []
    return [_finding("A206", f"{part.name}没有写表5中有数的“{_names(missing)}”。", part, part.paragraphs[0],
                     missing, t5.label, col, actual="、".join(names),
                     expected=_names(r for r in classes if r.value(col) != 0))]


def _walk_items(doc: Disclosure, part: Part) -> list[Finding]:
    """五（三） should walk every 项 of 表5 that has an amount."""
    t5 = nt.usable(doc, 5)
    paths = list(usage_paths(part))
    if t5 is None or not paths:
        return []
    col = t5.column("合计") or nt.first_column(t5.main)
    found = set()
    for _, (cls, kuan, xiang), code, _fact in paths:
        ref = nt.item_path_ref(doc, cls, kuan, xiang, code)
        if ref:
            found.add(id(ref.rows[0]))
    items = [r for r in t5.rows if isinstance(r.code, FunctionCode) and r.code.level == "项"]
    missing = [r for r in items if r.value(col) != 0 and id(r) not in found]
    if not missing:
        return []
    names = "、".join(f"{r.code} {r.name}" for r in missing)
    return [_finding("A206", f"{part.name}没有说明表5中有数的项：{names}。", part, part.paragraphs[0],
                     missing, t5.label, col, actual=str(len(paths)), expected=str(len(paths) + len(missing)))]


# ------------------------------------------------------------------------------- 表6 items

def _economic(doc: Disclosure, part: Part, p: Paragraph, items: list[str], complete: bool,
              word: str) -> list[Finding]:
    t6 = nt.usable(doc, 6)
    if t6 is None:
        return []
    col = t6.column(word)
    rows = nt.economic_rows(doc)
    if col is None or not rows:
        return []
    nonzero = [r for r in rows if r.value(col) != 0]
    matched = {item: nt.match_name(item, rows) for item in items}
    out = []
    zero = [i for i, r in matched.items() if r is not None and r.value(col) == 0]
    if zero:
        out.append(_finding("A205", f"{part.name}的{word}列举了“{'、'.join(zero)}”，但表6中这些科目的{word}为 0。",
                            part, p, [r for r in matched.values() if r is not None and r.value(col) == 0],
                            t6.label, col, actual="、".join(items), expected=_names(nonzero)))
    found = {id(r) for r in matched.values() if r is not None}
    missing = [r for r in nonzero if id(r) not in found]
    if missing:
        rule = "A205" if complete else "A206"
        out.append(_finding(rule, f"{part.name}的{word}“主要包括”没有列出表6中{word}有数的“{_names(missing)}”"
                                  f"（合计 {sum((r.value(col) for r in missing), Decimal(0)):.2f} 万元）。",
                            part, p, missing, t6.label, col, actual="、".join(items), expected=_names(nonzero)))
    return out
