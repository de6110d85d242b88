"""The narrative's lists against the tables (A205 wrong or missing names, A206 omissions).

The lists are read in the core by the template's sentence shapes (``document.statements``,
subjects ``list`` and ``main_list``: :meth:`narrative_facts.Part.list_of`; 四's ``income_listing`` and
``expense_listing``, whose items are the figures that follow).

"收入预算包括：一般公共预算、单位资金。" must name exactly the income sources 表1 shows
non-zero; "支出预算包括：" the 功能分类 classes; "一般公共预算支出包括：类 X 万元；…" (四) the classes
表4 shows in that column; "人员经费……主要包括：" (六) the 表6 items with 人员经费. A listed name
the table does not have at all counts as listed with nothing when it is an official 功能分类 类 or
经济分类 款 name (asked through the ``checker_classification_names`` hook). Section 二 walks the income sources of 表1,
五（二） and 五（三） the classes and 项 of 表5: a source, class or 项 they leave out is a warning.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable, Optional

from checker.core.findings import Finding, Location
from checker.core.model import Column, Disclosure, FunctionCode, Paragraph, TableRow

from . import narrative_tables as nt
from .narrative_amounts import usage_paths
from .narrative_facts import Part, core
from checker.core.model import TableRole


def check_lists(doc: Disclosure, parts: list[Part], official: nt.OfficialNames) -> list[Finding]:
    out: list[Finding] = []
    for part in parts:
        for p in part.paragraphs:
            lst = part.list_of(p)
            if lst is not None:
                lead, items, complete = nt.key(lst.label), list(lst.names), lst.subject == "list"
                if part.topic == "overall" and "收入" in lead:
                    out.extend(_sources(doc, part, p, items, complete))
                elif part.topic == "overall" and "支出" in lead:
                    out.extend(_classes(doc, part, p, items, complete, TableRole.SUMMARY, "预算数", official))
                elif part.topic == "basic" and ("人员经费" in lead or "公用经费" in lead):
                    word = "人员经费" if "人员经费" in lead else "公用经费"
                    out.extend(_economic(doc, part, p, items, complete, word, official))
                continue
            if part.topic == "fiscal":
                names = [core(f.label, doc.unit) for f in part.figures_of(p)]
                if part.said(p, "income_listing"):
                    out.extend(_fiscal_sources(doc, part, p, names))
                listing = part.said(p, "expense_listing")
                if listing:
                    classes = [n for n in names if nt.match_name(n, nt.class_rows(t4)) is not None] \
                        if (t4 := nt.usable(doc, TableRole.FISCAL_SUMMARY)) is not None else []
                    col = _fiscal_column(listing[0].names[0] if listing[0].names else "")
                    out.extend(_classes(doc, part, p, classes, True, TableRole.FISCAL_SUMMARY, col, official, listed_amounts=True))
        if part.topic == "income":
            out.extend(_walk_sources(doc, part))
        if part.topic == "expense":
            out.extend(_walk_basic_project(doc, part))
        if part.topic == "gpb_year" and part.subtopic == "structure":
            names = [core(f.label, doc.unit) for p in part.paragraphs for f in part.figures_of(p)]
            if names and part.paragraphs:
                out.extend(_walk_classes(doc, part, names))
        if part.topic == "gpb_year" and part.subtopic == "usage":
            out.extend(_walk_items(doc, part))
    return out


def split_and(items: list[str], known) -> list[str]:
    """"卫生健康支出和住房保障支出" is two items when each part is a name ``known`` recognises
    (and the whole is not: 社会保障和就业支出 stays one)."""
    out = []
    for item in items:
        if known(item) is None and re.search(r"和|及|与", item):
            pieces = [x.strip() for x in re.split(r"以及|和|及|与", item) if x.strip()]
            if len(pieces) > 1 and all(known(x) is not None for x in pieces):
                out.extend(pieces)
                continue
        out.append(item)
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
    t1 = nt.usable(doc, TableRole.SUMMARY)
    rows = nt.income_rows(doc)
    if t1 is None or t1.income is None or not rows:
        return []
    col = nt.first_column(t1.income)
    nonzero = {k for k in nt.SOURCES if k in rows and rows[k].value(col) != 0}
    items = split_and(items, nt.source_key)
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
        out.append(_finding("A205", f"{part.name}的收入预算列举了“{'、'.join(zero)}”，但{t1.short_label}中这些收入为 0（或没有）；"
                                    "只应列举表中有数的收入来源。", part, p, zero_rows, t1.label, col,
                            actual="、".join(items), expected=_names(rows[k] for k in nt.SOURCES if k in nonzero)))
    missing = [k for k in nt.SOURCES if k in nonzero and k not in covered]
    if missing:
        rule = "A205" if complete else "A206"
        out.append(_finding(rule, f"{part.name}的收入预算只列举了“{'、'.join(items)}”，漏列了{t1.short_label}中有数的"
                                  f"“{_names(rows[k] for k in missing)}”。", part, p, [rows[k] for k in missing],
                            t1.label, col, actual="、".join(items),
                            expected=_names(rows[k] for k in nt.SOURCES if k in nonzero)))
    return out


def _fiscal_sources(doc: Disclosure, part: Part, p: Paragraph, names: list[str]) -> list[Finding]:
    """四 "收入预算包括：一般公共预算拨款 X 万元" against 表4's income rows."""
    t4 = nt.usable(doc, TableRole.FISCAL_SUMMARY)
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
    return [_finding("A205", f"{part.name}的财政拨款收入预算只列举了“{'、'.join(names)}”，漏列了{t4.short_label}中有数的"
                             f"“{_names(rows[k] for k in missing)}”。", part, p, [rows[k] for k in missing],
                     t4.label, col, actual="、".join(names),
                     expected=_names(r for r in rows.values() if r.value(col) != 0))]


# ------------------------------------------------------------------------------- classes

def _classes(doc: Disclosure, part: Part, p: Paragraph, items: list[str], complete: bool, number: TableRole,
             col_name: str, official: nt.OfficialNames, listed_amounts: bool = False) -> list[Finding]:
    table = nt.usable(doc, number)
    if table is None:
        return []
    side = table.main
    col = side.column(col_name) or nt.first_column(side)
    classes = nt.class_rows(table, side)
    if not classes or col is None:
        return []
    nonzero = [r for r in classes if r.value(col) != 0]
    items = split_and(items, lambda x: nt.match_name(x, classes))
    matched: dict[str, Optional[TableRow]] = {item: nt.match_name(item, classes) for item in items}
    out = []
    zero = [i for i, r in matched.items() if (r is not None and r.value(col) == 0) or
            (r is None and official.code("function", i) is not None)]
    if zero:
        out.append(_finding("A205", f"{part.name}列举了“{'、'.join(zero)}”，但{table.short_label}中这些支出为 0（或没有）；"
                                    "只应列举表中有数的支出功能分类。", part, p,
                            [r for r in matched.values() if r is not None and r.value(col) == 0], table.label, col,
                            actual="、".join(items), expected=_names(nonzero)))
    found = {id(r) for r in matched.values() if r is not None}
    missing = [r for r in nonzero if id(r) not in found]
    if missing:
        rule = "A205" if complete else "A206"
        out.append(_finding(rule, f"{part.name}列举的支出为“{'、'.join(items)}”，漏列了{table.short_label}中有数的"
                                  f"“{_names(missing)}”。", part, p, missing, table.label, col,
                            actual="、".join(items), expected=_names(nonzero)))
    return out


def _walk_sources(doc: Disclosure, part: Part) -> list[Finding]:
    """二 goes through the income sources one by one: each source 表1 shows non-zero should be there."""
    t1 = nt.usable(doc, TableRole.SUMMARY)
    rows = nt.income_rows(doc)
    if t1 is None or t1.income is None or not part.paragraphs:
        return []
    col = nt.first_column(t1.income)
    stated = {nt.source_key(core(f.label, doc.unit)) for p in part.paragraphs for f in part.figures_of(p)}
    if not stated & set(nt.SOURCES):
        return []       # not a walk through the sources
    if "carry" in stated:
        stated |= {"CARRY_F", "CARRY_NF"}
    missing = [rows[k] for k in nt.SOURCES if k in rows and k not in stated and rows[k].value(col) != 0]
    if not missing:
        return []
    return [_finding("A206", f"{part.name}逐项说明了收入来源，但没有写{t1.short_label}中有数的“{_names(missing)}”。", part,
                     part.paragraphs[0], missing, t1.label, col, actual="",
                     expected=_names(rows[k] for k in nt.SOURCES if k in rows and rows[k].value(col) != 0))]


def _walk_basic_project(doc: Disclosure, part: Part) -> list[Finding]:
    """三 states 基本支出 and 项目支出: each one 表3 shows non-zero should be there."""
    t3 = nt.usable(doc, TableRole.EXPENSE)
    row = t3.total_row() if t3 is not None else None
    if t3 is None or row is None or not part.paragraphs:
        return []
    stated = [core(f.label, doc.unit) for p in part.paragraphs for f in part.figures_of(p)]
    words = [w for w in ("基本支出", "项目支出") if any(w in c for c in stated)]
    if not words:
        return []
    missing = [w for w in ("基本支出", "项目支出") if w not in words and (col := t3.column(w)) is not None
               and row.value(col) != 0]
    if not missing:
        return []
    cols = [t3.column(w) for w in missing]
    return [Finding("A206", f"{part.name}没有写{t3.short_label}中有数的“{'、'.join(missing)}”。",
                    [Location.at(part.paragraphs[0].cell, part.label)] +
                    [Location.at(row.cell_in(c), t3.label, row.label) for c in cols if c is not None],
                    expected="基本支出、项目支出", actual="、".join(words))]


def _walk_classes(doc: Disclosure, part: Part, names: list[str]) -> list[Finding]:
    """五（二） should give every class of 表5 with its amount."""
    t5 = nt.usable(doc, TableRole.GPB_FUNCTION)
    if t5 is None:
        return []
    col = t5.column("合计") or nt.first_column(t5.main)
    classes = nt.class_rows(t5)
    found = {id(r) for n in names if (r := nt.match_name(n, classes)) is not None}
    missing = [r for r in classes if r.value(col) != 0 and id(r) not in found]
    if not missing:
        return []
    return [_finding("A206", f"{part.name}没有写{t5.short_label}中有数的“{_names(missing)}”。", part, part.paragraphs[0],
                     missing, t5.label, col, actual="、".join(names),
                     expected=_names(r for r in classes if r.value(col) != 0))]


def _walk_items(doc: Disclosure, part: Part) -> list[Finding]:
    """五（三） should walk every 项 of 表5 that has an amount."""
    t5 = nt.usable(doc, TableRole.GPB_FUNCTION)
    paths = list(usage_paths(doc, part))
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
    return [_finding("A206", f"{part.name}没有说明{t5.short_label}中有数的项：{names}。", part, part.paragraphs[0],
                     missing, t5.label, col, actual=str(len(paths)), expected=str(len(paths) + len(missing)))]


# ------------------------------------------------------------------------------- 表6 items

def _economic(doc: Disclosure, part: Part, p: Paragraph, items: list[str], complete: bool,
              word: str, official: nt.OfficialNames) -> list[Finding]:
    t6 = nt.usable(doc, TableRole.GPB_BASIC)
    if t6 is None:
        return []
    col = t6.column(word)
    rows = nt.economic_rows(doc)
    if col is None or not rows:
        return []
    nonzero = [r for r in rows if r.value(col) != 0]
    items = split_and(items, lambda x: nt.match_name(x, rows))
    matched = {item: nt.match_name(item, rows) for item in items}
    out = []
    zero = [i for i, r in matched.items() if (r is not None and r.value(col) == 0) or
            (r is None and official.code("economic", i) is not None)]
    if zero:
        out.append(_finding("A205", f"{part.name}的{word}列举了“{'、'.join(zero)}”，但{t6.short_label}中这些科目的{word}为 0（或没有）。",
                            part, p, [r for r in matched.values() if r is not None and r.value(col) == 0],
                            t6.label, col, actual="、".join(items), expected=_names(nonzero)))
    found = {id(r) for r in matched.values() if r is not None}
    missing = [r for r in nonzero if id(r) not in found]
    if missing:
        rule = "A205" if complete else "A206"
        out.append(_finding(rule, f"{part.name}的{word}“主要包括”没有列出{t6.short_label}中{word}有数的“{_names(missing)}”"
                                  f"（合计 {sum((r.value(col) for r in missing), Decimal(0)):.2f} 万元）。",
                            part, p, missing, t6.label, col, actual="、".join(items), expected=_names(nonzero)))
    return out
