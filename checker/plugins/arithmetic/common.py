"""Shared pieces of the table checks: published figures with their cells, rounding-aware
identities, the odd one out among tables that should agree, and turning outcomes into findings.

Every comparison goes through :func:`checker.core.rounding.compare`. A difference rounding
explains becomes an info finding (several of them on one row merge into one); anything beyond
it is reported at the rule's own severity.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Optional, Sequence

from checker.core.cells import CellRef
from checker.core.findings import Finding, Location, Severity, amount_text
from checker.core.model import (YUAN_PER_WAN, Amount, BudgetTable, Column, Disclosure, TableRow, TableSide,
                                format_wan)
from checker.core.rounding import Agreement, compare, converted_precision
from checker.core.text import norm
from ...core.text import lazy_pattern

TOTAL_KEY = lazy_pattern(r"(合计|小计|总计)$")


def row_label(row: TableRow) -> str:
    """How a row is named in locations and messages: "201 一般公共服务支出", "收入总计"."""
    if row.code is not None:
        return f"{row.code} {row.name}".strip()
    return row.label


def column_name(column: Column, side: Optional[TableSide] = None) -> str:
    """A column's header as messages quote it: its last header, with the one above when the
    last alone is ambiguous in ``side`` (表11 财政拨款/小计 and 非财政拨款/小计)."""
    if side is not None and len(column.path) > 1 and sum(c.key == column.key for c in side.columns) > 1:
        return column.path[-2] + column.key
    return column.key


def side_amounts(side: TableSide) -> Iterable[Amount]:
    for row in side.rows:
        yield from row.amounts.values()


@dataclass
class Figure:
    """One side of a comparison: a published figure, or the sum of several, and where it is.

    ``amounts`` empty means the cell is blank or the row is not there at all (``absent``):
    both count as zero.
    """

    what: str                               # how the message names it
    amounts: list[Amount]
    table: BudgetTable
    cell: Optional[CellRef] = None
    row: str = ""
    absent: bool = False
    more: list[Location] = field(default_factory=list)    # cells of further parts
    absent_text: str = "未列出"                            # why it is absent: 未列出, 空表

    @property
    def value(self) -> Decimal:
        return sum((a.value for a in self.amounts), Decimal(0))

    def location(self) -> Location:
        return Location.at(self.cell or self.table.title_cell, self.table.label, self.row)

    def locations(self) -> list[Location]:
        return [self.location(), *self.more]

    @classmethod
    def cell_of(cls, table: BudgetTable, row: TableRow, column: Optional[Column], what: str) -> "Figure":
        amount = row.amount(column)
        cell = row.cell_in(column) if column is not None else row.cell
        return cls(what, [amount] if amount is not None else [], table, cell, row_label(row))

    @classmethod
    def cells_of(cls, table: BudgetTable, row: TableRow, columns: Sequence[Column], what: str) -> "Figure":
        amounts = [a for a in (row.amount(c) for c in columns) if a is not None]
        cell = amounts[0].cell if amounts else (row.cell_in(columns[0]) if columns else row.cell)
        return cls(what, amounts, table, cell, row_label(row))

    @classmethod
    def rows_of(cls, table: BudgetTable, rows: Sequence[TableRow], column: Column, what: str) -> "Figure":
        """The sum of ``column`` over ``rows`` (e.g. a code's 表7 project rows)."""
        amounts = [a for a in (r.amount(column) for r in rows) if a is not None]
        cells = [r.cell_in(column) for r in rows]
        first = cells[0] if cells else None
        more = [Location.at(c, table.label, row_label(r)) for c, r in zip(cells[1:], rows[1:])]
        return cls(what, amounts, table, first, row_label(rows[0]) if rows else "", more=more)

    @classmethod
    def missing(cls, table: BudgetTable, what: str, row: str = "", why: str = "未列出") -> "Figure":
        return cls(what, [], table, None, row, absent=True, absent_text=why)


@dataclass
class Outcome:
    """A comparison that did not come out exact."""

    rule: str
    agreement: Agreement
    subject: str                    # what the comparison is about, e.g. the table's label
    text: str                       # the numbers, quoted
    locations: list[Location]
    expected: Optional[Decimal] = None
    actual: Optional[Decimal] = None
    group: tuple = ()               # rounding outcomes of one group merge into one info finding
    advice: str = ""                # what to do when the difference is real
    unit: str = "万元"               # the unit the tables involved print

    def values(self) -> tuple[Optional[str], Optional[str]]:
        """建议值 and the value found, in 万元 — or in 元 when the tables print 元 and the two differ
        by less than a cent of 万元 (a 1 元 slip would otherwise show two equal figures)."""
        expected, actual = amount_text(self.expected), amount_text(self.actual)
        if self.unit == "元" and expected == actual and self.expected is not None and self.actual is not None:
            expected = amount_text(self.expected * YUAN_PER_WAN)
            actual = amount_text(self.actual * YUAN_PER_WAN)
        return expected, actual


class Arithmetic:
    """The comparisons of one document: its precision, its units, its findings."""

    def __init__(self, document: Disclosure):
        self.document = document
        amounts = [a for t in document.tables.values() for s in t.sides for a in side_amounts(s)]
        self.floor = converted_precision(amounts)

    # ------------------------------------------------------------------ comparing

    def compare(self, left: Sequence[Amount], right: Sequence[Amount]) -> Agreement:
        return compare(list(left), list(right), floor=self.floor)

    # ------------------------------------------------------------------ printing

    @staticmethod
    def unit_of(tables: Iterable[BudgetTable]) -> str:
        """Quote amounts in 元 when every table involved prints 元, in 万元 otherwise."""
        units = {t.unit_text for t in tables}
        return "元" if units == {"元"} else "万元"

    @staticmethod
    def money(value: Decimal, unit: str) -> str:
        if unit == "元":
            return f"{(value * YUAN_PER_WAN).quantize(Decimal('0.01')):,.2f} 元"
        return f"{format_wan(value)} 万元"

    def show(self, figure: Figure, unit: str) -> str:
        if figure.absent:
            return f"{figure.absent_text}（按 0 计）"
        if not figure.amounts:
            return "空白（按 0 计）"
        return self.money(figure.value, unit)

    # ------------------------------------------------------------------ identities

    def identity(self, rule: str, subject: str, total: Figure, parts: Sequence[Figure], total_text: str,
                 parts_text: str, group: tuple = (), advice: str = "",
                 locations: Optional[list[Location]] = None) -> Optional[Outcome]:
        """``total`` should equal the sum of ``parts``."""
        amounts = [a for p in parts for a in p.amounts]
        agreement = self.compare(total.amounts, amounts)
        if agreement is Agreement.EXACT:
            return None
        tables = [total.table, *(p.table for p in parts)]
        unit = self.unit_of(tables)
        summed = sum((a.value for a in amounts), Decimal(0))
        diff = abs(total.value - summed)
        text = (f"{total_text}为 {self.show(total, unit)}，{parts_text}为 {self.money(summed, unit)}，"
                f"相差 {self.money(diff, unit)}")
        return Outcome(rule, agreement, subject, text, locations or total.locations(),
                       expected=summed, actual=total.value, group=group or (rule, subject, total_text),
                       advice=advice, unit=unit)

    def not_above(self, rule: str, subject: str, part: Figure, whole: Figure, text: str,
                  advice: str = "") -> Optional[Outcome]:
        """``part`` should not exceed ``whole``: only an excess counts."""
        if part.value <= whole.value:
            return None
        agreement = self.compare(part.amounts, whole.amounts)
        unit = self.unit_of([part.table, whole.table])
        full = (f"{part.what}为 {self.show(part, unit)}，大于{whole.what}的 {self.show(whole, unit)}，"
                f"多出 {self.money(part.value - whole.value, unit)}（{text}）")
        return Outcome(rule, agreement, subject, full, [part.location(), whole.location()],
                       expected=whole.value, actual=part.value, group=(rule, subject, text), advice=advice,
                       unit=unit)

    def agree(self, rule: str, subject: str, figures: Sequence[Figure], advice: str = "") -> list[Outcome]:
        """Figures that should all be equal. When most of them agree, each one that does not is
        the odd one out: the finding points at it and says the value the others have."""
        figures = list(figures)
        if len(figures) < 2:
            return []
        by_value: dict[Decimal, list[Figure]] = defaultdict(list)
        for f in figures:
            by_value[f.value].append(f)
        if len(by_value) == 1:
            return []
        unit = self.unit_of(f.table for f in figures)
        sizes = sorted((len(v) for v in by_value.values()), reverse=True)
        if sizes[0] >= 2 and sizes[0] > sizes[1]:
            majority = max(by_value.values(), key=len)
            ref = majority[0]
            out = []
            for f in figures:
                if f.value == ref.value:
                    continue
                agreement = self.compare(f.amounts, ref.amounts)
                others = "、".join(m.what for m in majority)
                text = (f"{f.what}为 {self.show(f, unit)}，而{others}均为 {self.money(ref.value, unit)}，"
                        f"相差 {self.money(abs(f.value - ref.value), unit)}")
                out.append(Outcome(rule, agreement, subject, text,
                                   f.locations() + [m.location() for m in majority],
                                   expected=ref.value, actual=f.value, group=(rule, subject, f.what),
                                   advice=advice, unit=unit))
            return out
        worst = Agreement.ROUNDING
        for i, a in enumerate(figures):
            for b in figures[i + 1:]:
                if self.compare(a.amounts, b.amounts) is Agreement.BROKEN:
                    worst = Agreement.BROKEN
        text = "，".join(f"{f.what}为 {self.show(f, unit)}" for f in figures)
        locations = [loc for f in figures for loc in f.locations()]
        return [Outcome(rule, worst, subject, text + "，互不一致", locations, group=(rule, subject), advice=advice)]

    # ------------------------------------------------------------------ findings

    @staticmethod
    def findings(outcomes: Iterable[Optional[Outcome]]) -> list[Finding]:
        """Broken outcomes one finding each; rounding outcomes of one group merged into one info."""
        out: list[Finding] = []
        merged: dict[tuple, list[Outcome]] = {}
        order: list[tuple] = []
        for o in outcomes:
            if o is None or o.agreement is Agreement.EXACT:
                continue
            if o.agreement is Agreement.BROKEN:
                advice = f"{o.advice}" if o.advice else ""
                expected, actual = o.values()
                out.append(Finding(o.rule, f"{o.subject}：{o.text}，超出四舍五入误差。{advice}".rstrip(),
                                   list(o.locations), expected=expected, actual=actual))
                continue
            key = (o.rule, o.subject, o.group)
            if key not in merged:
                merged[key] = []
                order.append(key)
            merged[key].append(o)
        for key in order:
            group = merged[key]
            first = group[0]
            seen: list[Location] = []
            for o in group:
                for loc in o.locations[:1]:
                    if loc not in seen:
                        seen.append(loc)
            text = "；".join(o.text for o in group)
            out.append(Finding(first.rule, f"{first.subject}：{text}。差额在四舍五入误差范围内（尾差），仅供参考。",
                               seen, severity=Severity.INFO, expected=amount_text(first.expected),
                               actual=amount_text(first.actual)))
        return out


def find_column(side: Optional[TableSide], *keys: str, exclude: str = "") -> list[Column]:
    """The columns of ``side`` whose last header contains any of ``keys`` (and not ``exclude``)."""
    if side is None:
        return []
    out = []
    for col in side.columns:
        key = norm(col.key)
        if any(norm(k) in key for k in keys) and not (exclude and norm(exclude) in key):
            out.append(col)
    return out


def total_column(side: TableSide, group: str = "") -> Optional[Column]:
    """The 合计/总计/小计 column of ``side`` (of the header group ``group`` when given), else the
    first amount column (表1's 预算数)."""
    for col in side.columns:
        if group and (not col.path or col.path[0] != norm(group)):
            continue
        if TOTAL_KEY.search(col.key) and (group or len(col.path) <= 2):
            return col
    if group:
        return None
    return side.columns[0] if side.columns else None
