"""Table figures a drafter writes the narrative from, looked up by role the way the checks look them
up (the year-over-year plugin's :mod:`checker.plugins.yoy.figures`), so that what the draft states
is what the checks compare it with. Amounts in 万元; a figure the tables do not hold is None.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from checker.core.model import BudgetTable, Column, Disclosure, RowKind, TableRow
from checker.core.template import TableRole
from checker.plugins.yoy.figures import figure, income_figure, item_names, item_rows, prior_item_row
from checker.plugins.yoy.subjects import Subject

R = TableRole


def value(doc: Optional[Disclosure], kind: str, key: str, label: str = "") -> Optional[Decimal]:
    """The table figure of a subject (kinds as in :mod:`checker.plugins.yoy.subjects`)."""
    if doc is None:
        return None
    fig = figure(doc, Subject(kind, key, label or key))
    return fig.value if fig is not None else None


def income(doc: Optional[Disclosure], source: str) -> Optional[Decimal]:
    if doc is None:
        return None
    fig = income_figure(doc, source)
    return fig.value if fig is not None else None


def total_column(table: BudgetTable, side=None) -> Optional[Column]:
    side = side or table.main
    return side.column("合计") or side.column("总计") or side.column("预算数") or (side.columns[0] if side.columns else None)


def total(table: Optional[BudgetTable], side_name: str = "main", column: Optional[str] = None,
          first: bool = False) -> Optional[Decimal]:
    """A table's total row in its total column (or ``column``, or its ``first`` column: 表11's 总计
    before its 财政拨款 合计): the income side of a two-sided table with ``side_name="income"``."""
    if table is None:
        return None
    side = table.income if side_name == "income" and table.income is not None else table.main
    row = next((r for r in side.rows if r.kind is RowKind.TOTAL), None)
    col = side.columns[0] if first and side.columns else side.column(column) if column else total_column(table, side)
    if row is None or col is None:
        return None
    return row.value(col)


def classes(table: Optional[BudgetTable], column: Optional[str] = None) -> list[tuple[TableRow, Decimal]]:
    """The 类 rows of a table with their amount (in ``column``, else the total column), blank ones left out."""
    if table is None:
        return []
    col = table.column(column) if column else total_column(table)
    if col is None:
        return []
    out = []
    for row in table.main.rows:
        if row.code is not None and row.code.level == "类" and row.kind is RowKind.ITEM and row.value(col) != 0:
            out.append((row, row.value(col)))
    return out


def items(table: Optional[BudgetTable]) -> list[tuple[TableRow, tuple[str, str, str], Decimal]]:
    """The 项 rows of a 一般公共预算 table with their 类/款/项 names and 合计, blank ones left out."""
    if table is None or table.column("合计") is None:
        return []
    col = table.column("合计")
    return [(r, item_names(table, r), r.value(col)) for r in item_rows(table) if r.value(col) != 0]


def prior_item(prior: Optional[Disclosure], row: TableRow, names: tuple[str, str, str]) -> Optional[Decimal]:
    """Last year's 合计 of this year's 项 (0 when last year had no such 项); None without --prior."""
    if prior is None:
        return None
    t5 = prior.table(R.GPB_FUNCTION)
    if t5 is None or t5.column("合计") is None:
        return None
    from checker.plugins.yoy.text import matching

    found = prior_item_row(t5, row, Subject("item", "", "", names=tuple(matching(n) for n in names)))
    return found.value(t5.column("合计")) if found is not None else Decimal(0)


def kuan_names(table: Optional[BudgetTable], column: str) -> list[str]:
    """The names of the 款 rows of 表6 that carry an amount in ``column`` (人员经费, 公用经费)."""
    if table is None:
        return []
    col = table.column(column)
    if col is None:
        return []
    return [r.name for r in table.main.rows if r.code is not None and r.code.level == "款" and r.value(col) != 0]


def projects(table: Optional[BudgetTable], first: bool = False) -> list[tuple[str, str, Decimal]]:
    """The projects of 表7 or 表11 in table order: (name, the unit it sits under, its amount summed over
    its rows) in the total column (or the ``first``)."""
    if table is None or table.is_empty:
        return []
    col = table.columns[0] if first and table.columns else total_column(table)
    if col is None:
        return []
    order: dict[str, list] = {}
    for row in table.main.rows:
        if row.kind is RowKind.ITEM and row.project:
            entry = order.setdefault(row.project, [row.unit_group or "", Decimal(0)])
            entry[1] += row.value(col)
    return [(name, unit, amount) for name, (unit, amount) in order.items()]
