"""The 项目经费情况说明 a template writes one per project (Shanghai's): each project's 年度预算安排
against its own 其中 items, 合计 and quarterly 用款计划 (A214), and against the tables (A213).

The statements come from the template's sentence shapes (``project_budget``, ``project_part``,
``project_sum``, ``project_quarter``), grouped by project with
:func:`checker.core.statements.part_pieces`. A template without a 项目支出 table of its own
(Shanghai's) lists no project by name: a project is then matched to a 项 of the 支出总表 only where its
name is that 项's name, and its amount can be no more than that 项's 项目支出; whatever the name, no
project, and not all of them together, can have more than the table's 项目支出 in total. A project
that matches no 项 by name gives nothing more: its amount may be spread over several 项, and every
Shanghai project would otherwise carry a note that says nothing a reviewer can act on.

A template that also prints a 项目支出 table (``TableRole.GPB_PROJECTS``, projects by name) is
matched by name first: a project the table lists (its rows summed over the 项 it is spread on) has
its 年度预算安排 there. That table holds the 一般公共预算 part, so the 说明's amount may not be less;
nor more, unless other funds pay for projects too (the 支出总表's 项目支出 above the 一般公共预算 one's).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator, Optional

from checker.core.findings import Finding, Location, Rule, Severity, amount_text
from checker.core.model import BudgetTable, Column, Disclosure, Paragraph, TableRole, TableRow, format_wan
from checker.core.rounding import Agreement, compare, interval
from checker.core.statements import Statement, part_pieces
from checker.core.text import lazy_pattern, norm

from . import narrative_tables as nt
from .common import Arithmetic

RULES = [
    Rule("A213", Severity.ERROR, "项目金额与表中的项目支出不符",
         "按项目经费情况说明（上海模板每个项目一篇）“六、年度预算安排”写的金额，检查每个项目、以及所有项目合计，"
         "是否超出支出预算总表的项目支出合计；项目名称就是某个“项”的名称时，检查是否超出该项的项目支出。模板另有"
         "项目支出表、且表中按名称列出该项目时，年度预算安排与该表中这个项目的金额（分列在几个科目下的相加）核对："
         "不能少于表中的数；项目支出全部由一般公共预算安排时也不能多于表中的数。绩效目标设置情况写的“涉及项目预算资金”"
         "也不得超出项目支出合计。说明的金额按万元两位小数的四舍五入误差核对。",
         "项目经费是项目支出的一部分，说明中的项目金额比表中全部（或所在科目的）项目支出还多，说明与表格必有一处写错。",
         "（上海模板）“科技条件专项经费情况说明”：2025 年度项目总预算 1,800.00 万元；表3“2060503 科技条件专项”项目支出 1,720.00 万元。",
         "（上海模板）“科技条件专项经费情况说明”：2025 年度项目总预算 1,720.00 万元；表3“2060503 科技条件专项”项目支出 1,720.00 万元。"),
    Rule("A214", Severity.ERROR, "项目年度预算安排与其分项不一致",
         "检查项目经费情况说明“六、年度预算安排”中，项目总预算是否等于“其中”所列各项之和、与所写“合计”相同，"
         "并等于各季度用款计划之和。",
         "总额与分项对不上，读者无从知道项目到底安排了多少钱，也说明分项金额可能抄错。",
         "2025 年度项目总预算 1,170.00 万元，其中支持企业规模化发展 870.00 万元，支持企业创新化发展 70.00 万元，"
         "支持企业协同化发展 180.00 万元，支持企业国际化发展 60.00 万元，合计 1,170.00 万元。",
         "……支持企业国际化发展 50.00 万元，合计 1,170.00 万元。"),
]

PROJECT_PART = "project"
# "科技创新专项经费情况说明", "区政府督查及建议提案工作业务经费项目经费情况说明" → the project's name
_TITLE_END = lazy_pattern(r"(?:项目)?经费情况说明\d*$")
_NAME_END = lazy_pattern(r"(?:\(政策资金\)|专项|项目|经费|资金)+$")


@dataclass
class ProjectBudget:
    """One project's 年度预算安排 as its 说明 states it."""

    heading: Paragraph
    total: Optional[Statement] = None               # 项目总预算 X 万元
    parts: list[Statement] = field(default_factory=list)        # its 其中 items (same paragraph)
    sums: list[Statement] = field(default_factory=list)         # 合计 X 万元 (same paragraph)
    quarters: list[Statement] = field(default_factory=list)     # 第一季度用款计划 X 万元 …

    @property
    def title(self) -> str:
        return norm(self.heading.text)

    @property
    def name(self) -> str:
        return _TITLE_END.sub("", self.title)

    @property
    def stated(self) -> Optional[Statement]:
        """The statement that gives the year's amount: the total, else the first quarter's plan."""
        return self.total or (self.quarters[0] if self.quarters else None)

    @property
    def value(self) -> Optional[Decimal]:
        if self.total is not None:
            return self.total.amount.value            # type: ignore[union-attr]
        if self.quarters:
            return sum((q.amount.value for q in self.quarters), Decimal(0))      # type: ignore[union-attr]
        return None

    @property
    def low(self) -> Decimal:
        """The least the printed amount can stand for (its rounding)."""
        pieces = [self.total] if self.total is not None else self.quarters
        return sum((interval(st.amount.amount(st.cell)).lo for st in pieces), Decimal(0))   # type: ignore[union-attr]


def projects(document: Disclosure) -> list[ProjectBudget]:
    """The projects of the template's repeated 项目经费情况说明 part, with their statements."""
    template = document.template
    part = next((p for p in template.narrative_parts if p.key == PROJECT_PART), None) if template else None
    if part is None or document.narrative is None:
        return []
    out: list[ProjectBudget] = []
    owner: dict[int, ProjectBudget] = {}
    for piece in part_pieces(document.narrative, part):
        project = ProjectBudget(piece[0])
        out.append(project)
        owner.update((id(p), project) for p in piece)
    for st in document.statements:
        project = owner.get(id(st.paragraph))
        if project is None or st.amount is None:
            continue
        if st.subject == "project_budget" and project.total is None:
            project.total = st
        elif st.subject == "project_quarter":
            project.quarters.append(st)
        elif st.subject in ("project_part", "project_sum") and project.total is not None \
                and st.paragraph is project.total.paragraph:
            (project.parts if st.subject == "project_part" else project.sums).append(st)
    return out


def check(document: Disclosure, arith: Arithmetic) -> Iterator[Finding]:
    found = projects(document)
    for project in found:
        yield from _parts(project)
    yield from _against_tables(document, [p for p in found if p.value is not None])
    yield from _target_funds(document)


# ---------------------------------------------------------------------- A214: the project's own sums

def _where(project: ProjectBudget, st: Statement) -> Location:
    return Location.at(st.cell, "项目经费情况说明", project.name or project.title)


def _parts(project: ProjectBudget) -> Iterator[Finding]:
    total = project.total
    if total is None:
        return
    stated = total.amount.amount(total.cell)                     # type: ignore[union-attr]
    shown = f"“{project.title}”写项目总预算 {total.amount.text} 万元"    # type: ignore[union-attr]
    if project.parts:
        amounts = [st.amount.amount(st.cell) for st in project.parts]   # type: ignore[union-attr]
        yield from _sum_finding(project, total, amounts, stated,
                                f"{shown}，但其中各项 {'＋'.join(st.amount.text for st in project.parts)}"   # type: ignore[union-attr]
                                f" = {format_wan(sum((a.value for a in amounts), Decimal(0)))} 万元")
    for st in project.sums:
        if st.amount.value != total.amount.value:                # type: ignore[union-attr]
            yield Finding("A214", f"{shown}，随后又写“合计{st.amount.text}”（{st.amount.text} 万元），前后不一致。",  # type: ignore[union-attr]
                          [_where(project, st)], expected=amount_text(total.amount.value),   # type: ignore[union-attr]
                          actual=amount_text(st.amount.value))                # type: ignore[union-attr]
    if project.quarters:
        amounts = [st.amount.amount(st.cell) for st in project.quarters]      # type: ignore[union-attr]
        yield from _sum_finding(project, total, amounts, stated,
                                f"{shown}，但各季度用款计划 {'＋'.join(st.amount.text for st in project.quarters)}"  # type: ignore[union-attr]
                                f" = {format_wan(sum((a.value for a in amounts), Decimal(0)))} 万元")


def _sum_finding(project: ProjectBudget, total: Statement, amounts: list, stated, said: str) -> Iterator[Finding]:
    agreement = compare(amounts, stated)
    if agreement is Agreement.EXACT:
        return
    added = sum((a.value for a in amounts), Decimal(0))
    yield Finding("A214", f"{said}，与总预算不一致：各项之和应为 {total.amount.text} 万元。",      # type: ignore[union-attr]
                  [_where(project, total)], expected=amount_text(total.amount.value),      # type: ignore[union-attr]
                  actual=amount_text(added), severity=Severity.INFO if agreement is Agreement.ROUNDING else None)


# ---------------------------------------------------------------------- A213: against the tables

def _project_column(document: Disclosure) -> Optional[tuple[BudgetTable, Column]]:
    """The 支出总表's 项目支出 column (all funds), else the 一般公共预算 table's."""
    for role in (TableRole.EXPENSE, TableRole.GPB_FUNCTION):
        table = nt.usable(document, role)
        column = table.column("项目支出") if table is not None else None
        if table is not None and column is not None and table.total_row() is not None:
            return table, column
    return None


def _named_item(table: BudgetTable, name: str) -> Optional[TableRow]:
    """The 项 whose name the project's is ("科技条件专项" for 科技条件专项经费情况说明), with or without
    its 专项/项目/经费 ending; only one such 项."""
    wanted = {nt.key(name), nt.key(_NAME_END.sub("", name))} - {""}
    rows = [r for r in table.coded_rows() if r.code.level == "项" and nt.row_name(r) in wanted]
    return rows[0] if len(rows) == 1 else None


@dataclass
class ListedProject:
    """A project the 项目支出 table lists by name: its rows (one per 项 it is spread over) and their
    sum in the table's total column."""

    table: BudgetTable
    column: Column
    rows: list[TableRow]

    @property
    def value(self) -> Decimal:
        return sum((r.value(self.column) for r in self.rows), Decimal(0))

    @property
    def name(self) -> str:
        return self.rows[0].project or ""


def _listed_projects(document: Disclosure) -> dict[str, ListedProject]:
    """The projects of the template's 项目支出 table by the matching form of their names (with and
    without a 专项/项目/经费 ending); none when the template has no such table."""
    table = nt.usable(document, TableRole.GPB_PROJECTS)
    if table is None or table.is_empty:
        return {}
    # a table with an amount has columns: its 项目支出合计 (Xinjiang's 表7), 合计, else its first
    column = table.column("项目支出合计") or table.column("合计") or table.columns[0]
    by_name: dict[str, ListedProject] = {}
    for row in table.rows:
        if row.project and row.code is not None:
            name = nt.key(row.project)
            by_name.setdefault(name, ListedProject(table, column, [])).rows.append(row)
    out: dict[str, ListedProject] = {}
    for name, listed in by_name.items():
        for form in {name, nt.key(_NAME_END.sub("", name))} - {""}:
            out[form] = listed if form not in out or out[form] is listed else None     # type: ignore[assignment]
    return {k: v for k, v in out.items() if v is not None}


def _listed(listed: dict[str, ListedProject], name: str) -> Optional[ListedProject]:
    found = {id(v): v for v in (listed.get(form) for form in (nt.key(name), nt.key(_NAME_END.sub("", name))))
             if v is not None}
    return next(iter(found.values())) if len(found) == 1 else None


def _other_funds_for_projects(document: Disclosure) -> bool:
    """Do funds besides the 一般公共预算 pay for projects (the 支出总表's 项目支出 above the
    一般公共预算支出表's)? Then a project may have more than the 项目支出 table's 一般公共预算 part."""
    amounts = []
    for role in (TableRole.EXPENSE, TableRole.GPB_FUNCTION):
        table = nt.usable(document, role)
        column = table.column("项目支出") if table is not None else None
        total = table.total_row() if table is not None else None
        if column is None or total is None:
            return True          # cannot tell: say nothing of a project above the table's figure
        amounts.append(total.value(column))
    return amounts[0] > amounts[1]


def _against_listed(project: ProjectBudget, listed: ListedProject, more_allowed: bool) -> Iterator[Finding]:
    st = project.stated
    assert st is not None and project.value is not None
    pieces = [project.total] if project.total is not None else project.quarters
    high = sum((interval(p.amount.amount(p.cell)).hi for p in pieces), Decimal(0))   # type: ignore[union-attr]
    table_value = listed.value
    if high >= table_value and (more_allowed or project.low <= table_value):
        return
    where = "、".join(f"“{r.code} {r.name}”" for r in listed.rows)
    said = (f"“{project.title}”的年度预算安排为 {format_wan(project.value)} 万元，但{listed.table.short_label}"
            f"列出的“{listed.name}”（{where}）合计 {format_wan(table_value)} 万元")
    why = ("：表中是项目的一般公共预算部分，说明的全年安排不能比它少" if high < table_value
           else "：项目支出全部由一般公共预算安排，两处应相同")
    yield Finding("A213", f"{said}{why}，请核对说明或表格。",
                  [_where(project, st)] + [Location.at(r.cell_in(listed.column), listed.table.label, r.label)
                                           for r in listed.rows],
                  expected=amount_text(table_value), actual=amount_text(project.value))


def _against_tables(document: Disclosure, found: list[ProjectBudget]) -> Iterator[Finding]:
    place = _project_column(document)
    if place is None or not found:
        return
    table, column = place
    total_row = table.total_row()
    assert total_row is not None
    whole = total_row.value(column)
    listed = _listed_projects(document)
    more_allowed = _other_funds_for_projects(document) if listed else True
    over = []
    for project in found:
        st = project.stated
        assert st is not None and project.value is not None
        match = _listed(listed, project.name) if listed else None
        item = _named_item(table, project.name) if match is None else None
        if match is not None and project.low <= whole:
            yield from _against_listed(project, match, more_allowed)
        elif item is not None and project.low > item.value(column):
            yield Finding("A213", f"“{project.title}”的年度预算安排为 {format_wan(project.value)} 万元，但{table.short_label}"
                                  f"“{item.code} {item.name}”的项目支出只有 {format_wan(item.value(column))} 万元：项目金额"
                                  "不能多于它所在科目的项目支出，请核对说明或表格。",
                          [_where(project, st), Location.at(item.cell_in(column), table.label, item.label)],
                          expected=amount_text(item.value(column)), actual=amount_text(project.value))
        elif project.low > whole:
            over.append(project)
            yield Finding("A213", f"“{project.title}”的年度预算安排为 {format_wan(project.value)} 万元，多于{table.short_label}"
                                  f"“{total_row.label}”行的项目支出 {format_wan(whole)} 万元（全部项目的支出），请核对说明或表格。",
                          [_where(project, st), Location.at(total_row.cell_in(column), table.label, total_row.label)],
                          expected=amount_text(whole), actual=amount_text(project.value))
    if over or len(found) < 2:
        return
    low = sum((p.low for p in found), Decimal(0))
    added = sum((p.value for p in found), Decimal(0))        # type: ignore[misc]
    if low > whole:
        first = found[0]
        yield Finding("A213", f"项目经费情况说明所列 {len(found)} 个项目的年度预算安排合计 {format_wan(added)} 万元，多于"
                              f"{table.short_label}“{total_row.label}”行的项目支出 {format_wan(whole)} 万元，请核对说明或表格。",
                      [_where(first, first.stated), Location.at(total_row.cell_in(column), table.label, total_row.label)],  # type: ignore[arg-type]
                      expected=amount_text(whole), actual=amount_text(added))


def _target_funds(document: Disclosure) -> Iterator[Finding]:
    """绩效目标设置情况's "涉及项目预算资金 X 万元": the projects with targets are some of the projects,
    so their money is no more than the table's 项目支出."""
    st = next((st for st in document.statements if st.subject == "target_funds" and st.amount is not None), None)
    place = _project_column(document)
    if st is None or place is None:
        return
    table, column = place
    total_row = table.total_row()
    assert total_row is not None and st.amount is not None
    whole = total_row.value(column)
    if interval(st.amount.amount(st.cell)).lo > whole:
        yield Finding("A213", f"说明写编报绩效目标的项目“涉及项目预算资金{st.amount.text}万元”，多于{table.short_label}"
                              f"“{total_row.label}”行的项目支出 {format_wan(whole)} 万元（全部项目的支出），请核对说明或表格。",
                      [Location.at(st.cell, "情况说明", "绩效目标设置情况"),
                       Location.at(total_row.cell_in(column), table.label, total_row.label)],
                      expected=amount_text(whole), actual=amount_text(st.amount.value))
