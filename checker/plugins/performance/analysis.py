"""What every performance rule needs, worked out once per document.

The 表7 projects (a project's rows under several 功能分类 codes summed), the target tables with
their header amounts, and which table belongs to which project.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from checker.core.cells import CellRef
from checker.core.model import Amount, BudgetTable, Disclosure, RowKind, TableRole, TableRow, TargetTable
from checker.core.text import clean, norm, parse_number

from .names import Matcher, project_key


@dataclass(frozen=True)
class Money:
    """A header amount of a target table (万元) and the cell it was read from."""

    value: Decimal
    cell: Optional[CellRef]


@dataclass
class Project:
    """One project of 表7, summed over the 功能分类 rows it appears under."""

    name: str
    unit: Optional[str]
    rows: list[TableRow] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    targets: list["Target"] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((a.value for a in self.amounts), Decimal(0))

    @property
    def cell(self) -> CellRef:
        row = self.rows[0]
        return row.project_cell or row.cell


@dataclass
class Target:
    """A target table and what the rules read from it."""

    table: TargetTable
    name: str
    total: Optional[Money] = None
    fin: Optional[Money] = None
    other: Optional[Money] = None
    project: Optional[Project] = None       # its 表7 project
    carry: Optional[TableRow] = None        # its 表11 project (a carry-over), when not in 表7

    @property
    def is_project(self) -> bool:
        return self.table.is_project

    @property
    def label(self) -> str:
        return f"{self.table.kind}（{self.name}）" if self.name else self.table.kind

    @property
    def is_financial(self) -> bool:
        return self.fin is not None and self.fin.value > 0


@dataclass
class Analysis:
    """The document's projects and target tables, paired once per check."""

    document: Disclosure
    t7: Optional[BudgetTable]
    projects: list[Project]
    targets: list[Target]

    @property
    def project_targets(self) -> list[Target]:
        return [t for t in self.targets if t.is_project]

    @property
    def whole_targets(self) -> list[Target]:
        return [t for t in self.targets if not t.is_project]


def analyse(document: Disclosure) -> Analysis:
    t7 = document.tables.get(TableRole.GPB_PROJECTS)
    projects = read_projects(t7) if t7 is not None else []
    targets = [read_target(t) for t in document.targets]
    carry = carry_over_projects(document)
    by_project = Matcher([(p.name, p) for p in projects])
    by_carry: Optional[Matcher] = None
    for target in targets:
        if not target.is_project:
            continue
        target.project = by_project.best(target.name)
        if target.project is not None:
            target.project.targets.append(target)
        else:
            by_carry = by_carry or Matcher([(r.project or r.label, r) for r in carry])
            target.carry = by_carry.best(target.name)
    return Analysis(document, t7, projects, targets)


def total_column(table: BudgetTable):
    for col in table.columns:
        if "合计" in col.key or "合计" in col.header:
            return col
    return table.columns[0] if table.columns else None


def read_projects(t7: BudgetTable) -> list[Project]:
    col = total_column(t7)
    found: dict[tuple[str, str], Project] = {}
    for row in t7.rows:
        if row.kind is not RowKind.ITEM or not row.project:
            continue
        key = (norm(row.unit_group or ""), project_key(row.project))
        project = found.get(key)
        if project is None:
            project = found[key] = Project(name=row.project, unit=row.unit_group)
        project.rows.append(row)
        amount = row.amount(col)
        if amount is not None:
            project.amounts.append(amount)
    return list(found.values())


def carry_over_projects(document: Disclosure) -> list[TableRow]:
    t11 = document.tables.get(TableRole.CARRYOVER)
    if t11 is None:
        return []
    return [r for r in t11.rows if r.kind is RowKind.ITEM and (r.project or r.label)]


def field_money(table: TargetTable, *labels: str, exact: bool = False) -> Optional[Money]:
    """The first header field named by ``labels`` (in order) that holds a number."""
    for label in labels:
        want = norm(label)
        for key, fld in table.fields.items():
            key = key.split("#", 1)[0]
            if not (key == want if exact else want in key):
                continue
            value = fld.value
            if not isinstance(value, Decimal):
                value, _ = parse_number(value)
            if value is not None:
                return Money(value, fld.cell)
    return None


def text_field(table: TargetTable, *labels: str):
    """The header field named by ``labels`` (exact label first, then containing), or None."""
    for exact in (True, False):
        for label in labels:
            want = norm(label)
            for key, fld in table.fields.items():
                key = key.split("#", 1)[0]
                if key == want if exact else want in key:
                    return fld
    return None


def read_target(table: TargetTable) -> Target:
    target = Target(table=table, name=clean(table.project_name))
    if table.is_project:
        target.total = field_money(table, "年度预算总额", "年度资金总额", "资金总额")
        target.fin = field_money(table, "财政拨款", "财政资金")
        target.other = field_money(table, "其他资金")
    else:
        target.total = field_money(table, "资金总额", "年度预算总额", "年度资金总额")
        upper = field_money(table, "上级安排", exact=True)
        local = field_money(table, "本级安排", exact=True)
        if upper is not None or local is not None:
            parts = [m for m in (upper, local) if m is not None]
            target.fin = Money(sum((m.value for m in parts), Decimal(0)), parts[-1].cell)
        else:
            target.fin = field_money(table, "财政资金", "财政拨款")
        target.other = field_money(table, "其他", exact=True) or field_money(table, "其他资金")
    return target
