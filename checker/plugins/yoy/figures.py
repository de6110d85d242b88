"""The table figure a statement's subject stands for, in this year's or last year's disclosure.

Income sources: 表2's total row (one column per source), else 表1's income side. 基本/项目支出:
表3's total row (all funds) or 表5's (一般公共预算). A 项 of 五（三）: its 表5 row, found by its
类/款/项 names (or code). 三公: 表10. 机关运行经费 has no table of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from checker.core.findings import Location
from checker.core.memo import per_object
from checker.core.model import Amount, BudgetTable, Column, Disclosure, RowKind, TableRow, TableSide
from checker.core.rounding import Agreement, compare

from .subjects import INCOME_SOURCES, SANGONG_PARTS, Subject
from .text import matching
from checker.core.model import TableRole


@dataclass
class Figure:
    """An amount of a table, with the table and row it is read from."""

    amount: Amount
    table: BudgetTable
    row: TableRow
    column: Column

    @property
    def value(self) -> Decimal:
        return self.amount.value

    def location(self) -> Location:
        return Location.at(self.amount.cell, self.table.label, self.row.label)

    def where(self) -> str:
        """"表5 E11" for messages."""
        return f"{self.table.short_label} {self.amount.cell.address}"


def cell_amount(row: TableRow, column: Column) -> Amount:
    """The amount in ``column``; a blank cell is exactly zero at that cell."""
    found = row.amount(column)
    if found is not None:
        return found
    return Amount(Decimal(0), row.cell_in(column), precision=Decimal(0))


def _figure(table: Optional[BudgetTable], row: Optional[TableRow], column: Optional[Column]) -> Optional[Figure]:
    if table is None or row is None or column is None:
        return None
    return Figure(cell_amount(row, column), table, row, column)


def _total_column(side: TableSide) -> Optional[Column]:
    return side.column("合计") or side.column("总计") or side.column("预算数") or (side.columns[0] if side.columns else None)


# ------------------------------------------------------------------ income sources

_SOURCE_COLUMNS = {
    "一般公共预算": "一般公共预算", "政府性基金预算": "政府性基金", "国有资本经营预算": "国有资本经营",
    "上级一般公共预算安排的转移支付": "上级一般公共预算", "上级政府性基金安排的转移支付": "上级政府性基金",
    "上级国有资本经营预算安排的转移支付": "上级国有资本经营", "财政专户管理资金": "财政专户",
    "单位资金": "单位资金", "财政拨款结转": "财政拨款结转", "非财政拨款结转结余": "非财政拨款结转",
}


def _source_matches(source: str, text: str) -> bool:
    word = _SOURCE_COLUMNS[source]
    if word not in text:
        return False
    if ("上级" in text) != source.startswith("上级"):
        return False
    if source == "财政拨款结转" and "非财政拨款" in text:
        return False
    return True


def income_figure(doc: Disclosure, source: str) -> Optional[Figure]:
    t2 = doc.table(TableRole.INCOME)
    if t2 is not None and t2.total_row() is not None:
        for col in t2.columns:
            if col.path and _source_matches(source, col.path[-1]):
                return _figure(t2, t2.total_row(), col)
    t1 = doc.table(TableRole.SUMMARY)
    if t1 is not None and t1.income is not None:
        side = t1.income
        col = _total_column(side)
        for row in side.rows:
            label = re.sub(r"^(?:[一二三四五六七八九十]+、|\d+[、.．]\s*)", "", matching(row.label))
            if label.startswith("其中") or row.kind is RowKind.TOTAL:
                continue
            if _source_matches(source, label):
                return _figure(t1, row, col)
    return None


# ------------------------------------------------------------------ 表5 项 rows

@dataclass
class ItemMatch:
    """The 表5 row a 五（三） entry stands for, and the names that differ from the table's."""

    row: Optional[TableRow]
    table_names: tuple[str, str, str] = ("", "", "")
    mismatches: list[tuple[str, str, str]] = field(default_factory=list)    # (level, stated, table)


def item_names(table: BudgetTable, row: TableRow) -> tuple[str, str, str]:
    """The 类, 款 and 项 names of a 项 row as the table prints them."""
    by_code = _items(table).by_code
    code = row.code
    cls = by_code.get(code.cls) if code is not None else None
    kuan = by_code.get(code.cls + (code.kuan or "")) if code is not None and code.kuan else None
    return (cls.name if cls else "", kuan.name if kuan else "", row.name)


def item_rows(table: BudgetTable) -> list[TableRow]:
    return list(_items(table).rows)


class _ItemIndex:
    """A table's 项 rows by code, by matching name and by the matching name of their 款, built once
    per table so that looking up every 五（三） entry costs the same however many 项 there are."""

    def __init__(self, table: BudgetTable) -> None:
        self.by_code: dict[str, TableRow] = {}
        for r in table.coded_rows():
            self.by_code[r.code.code] = r      # the last row of a code wins, as it always has
        self.rows = [r for r in table.coded_rows() if r.code.level == "项" and r.kind is RowKind.ITEM]
        self.item_code: dict[str, list[TableRow]] = {}
        self.name: dict[str, list[TableRow]] = {}
        self.kuan_name: dict[str, list[TableRow]] = {}
        for r in self.rows:
            self.item_code.setdefault(r.code.code, []).append(r)
            self.name.setdefault(matching(r.name), []).append(r)
        self._table = table

    def under_kuan(self, name: str) -> list[TableRow]:
        if not self.kuan_name and self.rows:
            for r in self.rows:
                self.kuan_name.setdefault(matching(item_names(self._table, r)[1]), []).append(r)
        return self.kuan_name.get(name, [])


@per_object
def _items(table: BudgetTable) -> _ItemIndex:
    return _ItemIndex(table)


def match_item(table: BudgetTable, subject: Subject, current: Optional[Amount] = None) -> ItemMatch:
    """The 表5 项 row a 五（三） entry names: by code, else by 项 name (the 类/款 names decide between
    rows of the same name); an entry whose 项 name is misspelt is matched to the row under its 款
    that holds its amount, so that the name is reported as wrong rather than the row as missing."""
    stated = tuple(subject.names) if subject.names else ("", "", "")
    index = _items(table)
    candidates: list[TableRow] = []
    if subject.code:
        candidates = list(index.item_code.get(subject.code, ()))
    if not candidates:
        candidates = list(index.name.get(stated[2], ()))
    if not candidates and current is not None and stated[1]:
        column = table.column("合计")
        candidates = [r for r in index.under_kuan(stated[1]) if column is not None
                      and compare(current, cell_amount(r, column)) is not Agreement.BROKEN]
    if not candidates:
        return ItemMatch(None)

    def score(r: TableRow) -> int:
        names = tuple(matching(n) for n in item_names(table, r))
        return sum(1 for s, t in zip(stated, names) if s and s == t)

    best = max(candidates, key=score)
    names = item_names(table, best)
    mismatches = [(level, s_name, t_name) for level, s_name, t_name in zip(("类", "款", "项"), stated, names)
                  if s_name and t_name and s_name != matching(t_name)]
    return ItemMatch(best, names, mismatches)


def prior_item_row(prior: BudgetTable, row: Optional[TableRow], subject: Subject) -> Optional[TableRow]:
    """Last year's row for this year's 项: by code; by name when the code was renamed."""
    index = _items(prior)
    if row is not None and row.code is not None and row.code.code in index.item_code:
        return index.item_code[row.code.code][0]
    name = matching(row.name) if row is not None else (subject.names[2] if subject.names else "")
    named = list(index.name.get(name, ()))
    if len(named) > 1 and subject.names and subject.names[1]:
        named = [r for r in named if matching(item_names(prior, r)[1]) == subject.names[1]] or named
    return named[0] if named else None


# ------------------------------------------------------------------ every subject

_SANGONG_ROWS = {
    "abroad": lambda t: "因公出国" in t,
    "vehicle": lambda t: "购置及运行" in t,
    "purchase": lambda t: "公务用车购置" in t and "运行" not in t,
    "operation": lambda t: "公务用车运行" in t and "购置" not in t,
    "reception": lambda t: "公务接待" in t,
}


def figure(doc: Disclosure, subject: Subject) -> Optional[Figure]:
    """The table figure for ``subject`` in ``doc``, or None when no table holds it."""
    kind, key = subject.kind, subject.key
    if kind == "income":
        return income_figure(doc, key)
    if kind in ("expense_kind", "gpb_kind", "gpb_total", "expense_total"):
        table = doc.table(TableRole.GPB_FUNCTION if kind.startswith("gpb") else TableRole.EXPENSE)
        if table is None:
            return None
        column = table.column("合计") if key == "合计" else table.column(key)
        return _figure(table, table.total_row(), column)
    if kind == "income_total":
        t1 = doc.table(TableRole.SUMMARY)
        if t1 is None or t1.income is None:
            return None
        total = next((r for r in t1.income.rows if r.kind is RowKind.TOTAL), None)
        return _figure(t1, total, _total_column(t1.income))
    if kind == "fund_total":
        t4 = doc.table(TableRole.FISCAL_SUMMARY)
        if t4 is None or t4.income is None:
            return None
        total = next((r for r in t4.income.rows if r.kind is RowKind.TOTAL), None)
        return _figure(t4, total, _total_column(t4.income))
    if kind == "item":
        t5 = doc.table(TableRole.GPB_FUNCTION)
        if t5 is None:
            return None
        return _figure(t5, match_item(t5, subject).row, t5.column("合计"))
    if kind == "class":
        table = doc.table(TableRole.FISCAL_SUMMARY if key.startswith("fund:") else TableRole.GPB_FUNCTION)
        if table is None:
            return None
        name = subject.names[0]
        row = next((r for r in table.main.rows if r.code is not None and r.code.level == "类"
                    and (matching(r.name) == name or (subject.code and r.code.code == subject.code))), None)
        return _figure(table, row, _total_column(table.main))
    if kind == "basic_part":
        t6 = doc.table(TableRole.GPB_BASIC)
        if t6 is None:
            return None
        column = next((c for c in t6.columns if c.path and matching(c.path[-1]) == key), None)
        return _figure(t6, t6.total_row(), column)
    if kind == "sangong":
        t10 = doc.table(TableRole.THREE_PUBLIC)
        if t10 is None:
            return None
        column = _total_column(t10.main)
        if key == "total":
            return _figure(t10, t10.total_row(), column)
        test = _SANGONG_ROWS[key]
        row = next((r for r in t10.rows if r.kind is RowKind.ITEM and test(matching(r.label))), None)
        return _figure(t10, row, column)
    return None


def standard_subjects() -> list[Subject]:
    """The subjects every disclosure has a table figure for, whatever its narrative says: the
    income sources, 基本/项目支出 (all funds and 一般公共预算), 三公 and its four parts."""
    out = [Subject("income", key, key) for key, _ in INCOME_SOURCES]
    out += [Subject("expense_kind", k, k) for k in ("基本支出", "项目支出")]
    out += [Subject("gpb_kind", k, f"一般公共预算{k}") for k in ("基本支出", "项目支出")]
    out += [Subject("sangong", k, SANGONG_PARTS[k]) for k in ("total", "abroad", "purchase", "operation", "reception")]
    return out


def family(doc: Disclosure, subject: Subject) -> Optional[str]:
    """What kind of money a subject is: "basic" (基本支出 and what it is made of: 人员/公用经费,
    机关运行经费), "basic_item" (a 项 or 类 that 表5 funds from 基本支出 only), "project" (项目支出, a 项
    or 类 funded from 项目支出 only), "sangong" (a part of 三公); None for totals, income sources and
    mixed 项."""
    kind, key = subject.kind, subject.key
    if kind in ("expense_kind", "gpb_kind"):
        return {"基本支出": "basic", "项目支出": "project"}.get(key)
    if kind in ("operating", "basic_part"):
        return "basic"
    if kind == "sangong":
        return None if key == "total" else "sangong"
    if kind in ("item", "class"):
        fig = figure(doc, subject)
        t5 = doc.table(TableRole.GPB_FUNCTION)
        if fig is None or t5 is None or fig.table is not t5:
            return None
        basic, project = t5.column("基本支出"), t5.column("项目支出")
        if basic is None or project is None:
            return None
        b, p = fig.row.value(basic) or 0, fig.row.value(project) or 0
        if b and not p:
            return "basic_item"
        if p and not b:
            return "project"
    return None
