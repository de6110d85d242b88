"""The narrative's statements (read once in the core by the template's sentence shapes,
``document.statements``) against the tables, and against each other.

Each subject a statement names resolves, by table role, to the figure it restates: 收入预算 to the
收支总表's 收入总计, 财政拨款支出 to the 财政拨款收支总表's 支出总计, a 项 to its row of the 一般公共预算
table found by its 类/款/项 names, the 三公 parts to the 三公 table's rows, and so on (A201). The
narrative's own sums are checked too: 政府采购 = 货物 + 工程 + 服务, 中小企业预留 ≥ 小微 (A207), the
三公 parts against their total (A210), and one item given two different amounts (A212).
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable, Iterator, Optional

from checker.core.findings import Finding, Fix, Location, Rule, Severity, amount_text
from checker.core.fixer import amount_like
from checker.core.model import YUAN_PER_WAN, BudgetTable, Column, Disclosure, RowKind, TableRole, TableSide, format_wan
from checker.core.printed import PrintedAmount
from checker.core.statements import Statement
from checker.core.text import norm

from .common import Arithmetic, Figure, total_column
from .narrative_compare import restates

RULES = [
    Rule("A212", Severity.ERROR, "同一项目前后写了两个不同的金额",
         "检查说明中同一个科目（项）先后两次写出的本年金额是否相同：如“……（项）”350.35 万元，同一段又写“2024 年"
         "预算安排 352.67 万元”。",
         "同一项目两个金额必有一个是错的，读者无从判断哪个是真实的预算。",
         "“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35 万元……2024 年预算安排 352.67 万元。",
         "“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35 万元……2024 年预算安排 350.35 万元。"),
]

SANGONG_ROWS = {
    "sangong_total": ("合计",), "sangong_abroad": ("因公出国",), "sangong_vehicle": ("购置及运行",),
    "sangong_purchase": ("购置费",), "sangong_operation": ("运行费",), "sangong_reception": ("公务接待",),
    "operating": ("机关运行经费",),
}
SANGONG_UNLESS = {"sangong_purchase": "运行", "sangong_operation": "购置"}
WORDS = {
    "income_total": "收入预算", "fiscal_income": "财政拨款收入", "business_income": "事业收入",
    "operating_income": "事业单位经营收入", "other_income": "其他收入", "expense_total": "支出预算",
    "fiscal_expense": "财政拨款支出预算", "gpb_expense": "一般公共预算拨款支出预算",
    "gov_funds_expense": "政府性基金拨款支出预算", "soe_expense": "国有资本经营预算拨款支出预算",
    "sangong_total": "“三公”经费", "sangong_abroad": "因公出国（境）费", "sangong_vehicle": "公务用车购置及运行费",
    "sangong_purchase": "公务用车购置费", "sangong_operation": "公务用车运行费", "sangong_reception": "公务接待费",
    "operating": "机关运行经费",
}


def check(document: Disclosure, arith: Arithmetic) -> Iterator[Finding]:
    statements = document.statements
    if not statements:
        return
    for st in statements:
        figure = _figure(document, st)
        if figure is None and st.subject == "item" and st.amount is not None:
            unknown = _unknown_item(document, st, arith.floor)
            if unknown is not None:
                yield unknown
        if figure is not None and st.amount is not None:
            stated = st.amount.amount(st.cell)
            if not restates(stated, figure.amounts, arith.floor):
                fix = _amount_fix(st, figure, arith.floor)
                yield Finding("A201", f"说明写“{st.quote}”，但{figure.table.short_label}{figure.what}为 "
                                      f"{format_wan(figure.value)} 万元，两者应一致：说明中应为 {format_wan(figure.value)} 万元。",
                              [Location.at(st.cell, "情况说明", _word(st)), figure.location()],
                              expected=amount_text(figure.value), actual=amount_text(st.amount.value),
                              fixes=[fix] if isinstance(fix, Fix) else [], unfixed=fix if isinstance(fix, str) else "")
        if st.restated is not None and st.amount is not None and st.restated.value != st.amount.value:
            yield Finding("A212", f"说明中“{'-'.join(st.names)}”先写 {st.amount.text} 万元，随后又写“{st.restated_quote}”"
                                  f"（{st.restated.text} 万元），同一项目的金额前后不一致。",
                          [Location.at(st.cell, "情况说明", st.names[-1] if st.names else "")],
                          actual=amount_text(st.restated.value))
    yield from _procurement(statements)
    yield from _sangong_parts(statements)


def _amount_fix(st: Statement, figure: Figure, floor: Optional[Decimal]) -> "Fix | str":
    """The edit of the statement's amount to the table figure, printed in the statement's unit and
    style; the amount is found in the statement's quote (once, as a number of its own)."""
    amount = st.amount
    assert amount is not None
    hits = [m for m in re.finditer(rf"(?<![\d.,]){re.escape(amount.text)}(?![\d])(?={amount.unit})", st.quote)]
    if len(hits) != 1:
        return "说明中这一金额出现不止一次，无法确定改哪一处"
    value = figure.value * YUAN_PER_WAN if amount.unit == "元" else figure.value
    after = amount_like(amount.text, value)
    fixed = PrintedAmount.parse(after, amount.unit)
    if fixed is None or not restates(fixed.amount(st.cell), figure.amounts, floor):
        return "按原文的写法无法写出与表格一致的金额"
    return Fix.span(st.cell, st.quote, hits[0].start(), hits[0].end(), after)


def _word(st: Statement) -> str:
    return st.names[-1] if st.names else WORDS.get(st.subject, st.subject)


# ---------------------------------------------------------------------- subjects → table figures

def _table(document: Disclosure, role: TableRole) -> Optional[BudgetTable]:
    table = document.table(role)
    return table if table is not None and table.sides else None


def _total(table: Optional[BudgetTable], side: Optional[TableSide] = None, column: Optional[Column] = None,
           what: str = "总计") -> Optional[Figure]:
    if table is None:
        return None
    side = side or table.main
    if table.is_empty:
        return Figure.missing(table, what, why="空表") if table.empty_statement else None
    row = next((r for r in side.rows if r.kind is RowKind.TOTAL), None)
    column = column or total_column(side)
    if row is None or column is None:
        return None
    return Figure.cell_of(table, row, column, f"“{row.label}”")


def _income_row(table: Optional[BudgetTable], word: str, unless: str = "") -> Optional[Figure]:
    if table is None or table.income is None:
        return None
    column = total_column(table.income)
    for row in table.income.rows:
        label = norm(row.label)
        if word in label and not (unless and unless in label):
            return Figure.cell_of(table, row, column, f"“{row.label}”")
    return None


def _item(document: Disclosure, names: tuple[str, ...]) -> Optional[Figure]:
    """The 项 a statement names, in the 一般公共预算 table (then 政府性基金's): by its 项 name, the
    类 and 款 names telling apart 项 of the same name ("一般行政管理事务")."""
    if len(names) < 3:
        return None
    wanted = [norm(n) for n in names]
    for role in (TableRole.GPB_FUNCTION, TableRole.GOV_FUNDS, TableRole.STATE_CAPITAL):
        table = _table(document, role)
        if table is None:
            continue
        by_code = {r.code.code: r for r in table.coded_rows()}
        column = total_column(table.main)
        for row in table.coded_rows():
            if row.code.level != "项" or norm(row.name) != wanted[2]:
                continue
            kuan = by_code.get(row.code.parent.code) if row.code.parent else None
            cls = by_code.get(row.code.parent.parent.code) if row.code.parent and row.code.parent.parent else None
            if kuan is not None and norm(kuan.name) != wanted[1]:
                continue
            if cls is not None and norm(cls.name) != wanted[0]:
                continue
            return Figure.cell_of(table, row, column, f"“{row.code} {row.name}”")
    return None


def _unknown_item(document: Disclosure, st: Statement, floor: Optional[Decimal] = None) -> Optional[Finding]:
    """A 项 the narrative names that no 一般公共预算 or 政府性基金 table has by those names. Where one
    项 has its amount (as printed in 万元, a table in 元 rounded: "31.42" for 314,218.15 元), the
    names were copied wrong: the codes plugin names the right ones (C020)."""
    stated = st.amount.amount(st.cell)
    for role in (TableRole.GPB_FUNCTION, TableRole.GOV_FUNDS):
        table = _table(document, role)
        column = total_column(table.main) if table is not None else None
        if column is not None and any(row.code.level == "项" and row.amount(column) is not None
                                      and restates(stated, [row.amount(column)], floor) for row in table.coded_rows()):
            return None
    return Finding("A209", f"说明中的“{'-'.join(st.names)}”（{st.amount.text} 万元）在一般公共预算、政府性基金预算支出表中"
                           "都找不到，无法核对。请检查类、款、项名称和金额是否与表中一致。",
                   [Location.at(st.cell, "情况说明", st.names[-1] if st.names else "")])


def _sangong(document: Disclosure, subject: str) -> Optional[Figure]:
    table = _table(document, TableRole.THREE_PUBLIC)
    if table is None or table.is_empty:
        return None
    column = total_column(table.main) or (table.main.columns[0] if table.main.columns else None)
    words, unless = SANGONG_ROWS[subject], SANGONG_UNLESS.get(subject, "")
    for row in table.rows:
        label = norm(row.label)
        if (row.kind is RowKind.TOTAL and words == ("合计",)) or (
                words != ("合计",) and all(w in label for w in words) and not (unless and unless in label)):
            return Figure.cell_of(table, row, column, f"“{row.label}”")
    return None


def _income_total(document: Disclosure) -> Optional[Figure]:
    table = _table(document, TableRole.SUMMARY)
    return _total(table, side=table.income) if table is not None and table.income is not None else None


RESOLVERS: dict[str, Callable[[Disclosure], Optional[Figure]]] = {
    "income_total": _income_total,
    "fiscal_income": lambda d: _income_row(_table(d, TableRole.SUMMARY), "财政拨款"),
    "business_income": lambda d: _income_row(_table(d, TableRole.SUMMARY), "事业收入", unless="经营"),
    "operating_income": lambda d: _income_row(_table(d, TableRole.SUMMARY), "经营收入"),
    "other_income": lambda d: _income_row(_table(d, TableRole.SUMMARY), "其他收入"),
    "expense_total": lambda d: _total(_table(d, TableRole.SUMMARY)),
    "fiscal_expense": lambda d: _total(_table(d, TableRole.FISCAL_SUMMARY)),
    "gpb_expense": lambda d: _total(_table(d, TableRole.GPB_FUNCTION)),
    "gov_funds_expense": lambda d: _total(_table(d, TableRole.GOV_FUNDS)),
    "soe_expense": lambda d: _total(_table(d, TableRole.STATE_CAPITAL)),
}


def _figure(document: Disclosure, st: Statement) -> Optional[Figure]:
    if st.subject == "item":
        return _item(document, st.names)
    if st.subject in SANGONG_ROWS:
        return _sangong(document, st.subject)
    resolve = RESOLVERS.get(st.subject)
    return resolve(document) if resolve else None


# ---------------------------------------------------------------------- the narrative's own sums

def _first(statements: list[Statement], subject: str) -> Optional[Statement]:
    return next((st for st in statements if st.subject == subject and st.amount is not None), None)


def _procurement(statements: list[Statement]) -> Iterator[Finding]:
    total = _first(statements, "procurement")
    parts = [_first(statements, s) for s in ("procurement_goods", "procurement_works", "procurement_services")]
    if total is not None and all(p is not None for p in parts):
        added = sum((p.amount.value for p in parts), Decimal(0))     # type: ignore[union-attr]
        if added != total.amount.value:                              # type: ignore[union-attr]
            yield Finding("A207", f"政府采购预算 {total.amount.text} 万元，但货物 {parts[0].amount.text}、工程 "
                                  f"{parts[1].amount.text}、服务 {parts[2].amount.text} 万元之和为 {format_wan(added)} 万元。",
                          [Location.at(total.cell, "情况说明", "政府采购")], expected=amount_text(added), actual=amount_text(total.amount.value))
    sme, small = _first(statements, "sme_reserved"), _first(statements, "sme_small")
    if sme is not None and small is not None and small.amount.value > sme.amount.value:    # type: ignore[union-attr]
        yield Finding("A207", f"预留给小型和微型企业的 {small.amount.text} 万元多于面向中小企业预留的 {sme.amount.text} 万元"
                              "（小微企业是中小企业的一部分）。", [Location.at(small.cell, "情况说明", "政府采购")])
    if sme is not None and total is not None and sme.amount.value > total.amount.value:    # type: ignore[union-attr]
        yield Finding("A207", f"面向中小企业预留的 {sme.amount.text} 万元多于政府采购预算 {total.amount.text} 万元。",
                      [Location.at(sme.cell, "情况说明", "政府采购")])


def _sangong_parts(statements: list[Statement]) -> Iterator[Finding]:
    found = {s: _first(statements, s) for s in SANGONG_ROWS}
    checks = [("sangong_total", ("sangong_abroad", "sangong_vehicle", "sangong_reception")),
              ("sangong_vehicle", ("sangong_purchase", "sangong_operation"))]
    for whole, parts in checks:
        w = found.get(whole)
        ps = [found.get(p) for p in parts]
        if w is None or any(p is None for p in ps):
            continue
        added = sum((p.amount.value for p in ps), Decimal(0))        # type: ignore[union-attr]
        if added != w.amount.value:                                  # type: ignore[union-attr]
            names = "、".join(f"{WORDS[p]} {found[p].amount.text}" for p in parts)   # type: ignore[union-attr]
            yield Finding("A210", f"说明写{WORDS[whole]} {w.amount.text} 万元，但{names} 万元之和为 {format_wan(added)} 万元。",
                          [Location.at(w.cell, "情况说明", WORDS[whole])], expected=amount_text(added), actual=amount_text(w.amount.value))

