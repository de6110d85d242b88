"""In-table identities (A001–A099): every total inside one table equals the sum of its parts,
down the code hierarchy and across the columns."""
from __future__ import annotations

from typing import Iterator, Optional

from checker.core.findings import Finding, Rule, Severity
from checker.core.model import (Amount, BudgetTable, Disclosure, EconomicCode, RowKind, TableRole, TableRow,
                                TableSide)
from checker.core.text import norm

from . import income
from .common import Arithmetic, Figure, Outcome, column_name, row_label, total_column
from .hierarchy import children_word, code_tree, column_identities

ROUNDING_NOTE = "相差在四舍五入误差范围内（如 1,904.25 + 0.25 印为 1,904.49）的，只作提示。"

RULES = [
    Rule("A001", Severity.ERROR, "功能分类科目的合计与所属明细之和不符",
         "按支出功能分类逐列核对：总计 = 各类之和，类 = 所属各款之和，款 = 所属各项之和。适用于收入总表、支出总表、"
         "一般公共预算支出表、政府性基金预算支出表、国有资本经营预算支出表；收支总表和财政拨款收支总表的支出总计 = 各类之和；"
         "项目支出表在每个单位内核对。" + ROUNDING_NOTE,
         "科目合计与明细对不上，说明有科目漏填、重复或金额录错，公开的预算数据自相矛盾。",
         "（新疆模板）表3 “201 一般公共服务支出”合计 2,607.01，所属“20103 政府办公厅（室）及相关机构事务”为 2,597.01。",
         "（新疆模板）表3 “201 一般公共服务支出”合计 2,597.01，等于所属各款之和 2,597.01。"),
    Rule("A002", Severity.ERROR, "经济分类科目的合计与所属明细之和不符",
         "一般公共预算基本支出表逐列核对：总计 = 各类（301、302、303…）之和，类 = 所属各款之和。" + ROUNDING_NOTE,
         "基本支出按经济分类的明细加不上合计，人员经费、公用经费的口径就无法核实。",
         "（新疆模板）表6 “302 商品和服务支出”公用经费 353.55，所属各款之和为 343.55。",
         "（新疆模板）表6 “302 商品和服务支出”公用经费 343.55，等于办公费、水费……其他商品和服务支出之和。"),
    Rule("A003", Severity.ERROR, "合计列与各分列之和不符",
         "逐行核对表头的合计关系（以模板印制的表头为准）：收入总表总计 = 财政拨款（补助）小计 + 财政专户 + 单位资金 + "
         "财政拨款结转 + 非财政拨款结转结余，小计 = 其下各列之和；支出总表、一般公共预算支出表合计 = 基本支出 + 项目支出；"
         "一般公共预算基本支出表合计 = 人员经费 + 公用经费；财政拨款收支总表合计 = 一般公共预算 + 政府性基金 + "
         "国有资本经营预算；项目支出表项目支出合计 = 各经济分类列之和；政府性基金、国有资本经营预算支出表合计 = 人员经费 + "
         "公用经费 + 项目支出；“三公”经费表合计 = 各资金来源之和；上年结转结余表总计 = 财政拨款 + 非财政拨款，各自 = "
         "人员经费 + 公用经费 + 项目支出。" + ROUNDING_NOTE,
         "一行之内各列加不上合计，是最直观的计算错误，也说明资金来源或支出性质的划分有误。",
         "（新疆模板）表3 “2010350 事业运行”合计 959.26，基本支出 699.26，项目支出 250.00。",
         "（新疆模板）表3 “2010350 事业运行”合计 959.26 = 基本支出 699.26 + 项目支出 260.00。"),
    Rule("A004", Severity.ERROR, "收入项目与其明细之和不符",
         "收支总表收入方：本年收入 = 各项收入来源之和，每项来源 = 其“其中”各行之和，上年结转结余 = 财政拨款结转 + "
         "非财政拨款结转结余（各自 = 其中各行之和），收入总计 = 本年收入 + 上年结转结余；财政拨款收支总表收入方同理。"
         "“其中”各行全部空白（未细分）的不核对。" + ROUNDING_NOTE,
         "收入来源的层级合计错了，收入总计和各资金来源的公开数就不可信。",
         "一、本年收入 3,384.08；1. 一般公共预算拨款 3,134.08；5. 单位资金 240.00。",
         "一、本年收入 3,384.08 = 1. 一般公共预算拨款 3,134.08 + 5. 单位资金 250.00。"),
    Rule("A005", Severity.ERROR, "财政拨款收入总计与支出总计不等",
         "财政拨款收支总表的收入总计应等于支出总计（收支总表的收支总计见 A101）。" + ROUNDING_NOTE,
         "财政拨款收支必须平衡，收支不等说明收入或支出漏列。",
         "（新疆模板）表4 收入总计 3,134.08，支出总计 3,124.08。",
         "（新疆模板）表4 收入总计 3,134.08，支出总计 3,134.08。"),
    Rule("A006", Severity.ERROR, "项目支出表的单位小计或总计与明细不符",
         "项目支出表分单位列示时：每个单位的小计行 = 该单位各类之和，总计行 = 各单位小计之和；不分单位时总计 = 各类之和"
         "（见 A001）。逐列核对。" + ROUNDING_NOTE,
         "部门预算汇总了所属单位，单位小计加不上总计，说明有单位或项目漏列、重复。",
         "总计 373.16；新疆巴州人民政府办公室 363.16；巴音郭楞蒙古自治州政务服务和公共资源交易中心 20.00。",
         "总计 373.16 = 新疆巴州人民政府办公室 363.16 + 巴音郭楞蒙古自治州政务服务和公共资源交易中心 10.00。"),
    Rule("A007", Severity.ERROR, "“三公”经费合计与分项之和不符",
         "“三公”经费表逐列核对：合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费，公务用车购置及运行费 = "
         "公务用车购置费 + 公务用车运行费。" + ROUNDING_NOTE,
         "“三公”经费是社会关注度最高的数字，合计错误会被直接质疑。",
         "合计 92.40；公务接待费 1.00；公务用车购置及运行费 81.40。",
         "合计 92.40 = 因公出国（境）费 0 + 公务接待费 1.00 + 公务用车购置及运行费 91.40。"),
    Rule("A008", Severity.ERROR, "上年结转结余明细表的总计、单位小计与项目之和不符",
         "上年结转结余表逐列核对：总计行 = 各单位行之和（不分单位时 = 各项目之和），单位行 = 其下各项目之和。" + ROUNDING_NOTE,
         "结转结余要落实到具体项目，单位和项目的数加不上，说明有项目漏列。",
         "总计 715.73；昌吉州公共资源交易平台改造项目 29.86、……家具采购 38.59、……信息化建设 507.28、"
         "机构运行补助经费 130.00。",
         "总计 715.73 = 29.86 + 38.59 + 507.28 + 140.00。"),
]

FUNCTION_TABLES = (TableRole.SUMMARY, TableRole.INCOME, TableRole.EXPENSE, TableRole.FISCAL_SUMMARY, TableRole.GPB_FUNCTION, TableRole.GOV_FUNDS,
                   TableRole.STATE_CAPITAL)


def check(document: Disclosure, arith: Arithmetic) -> Iterator[Finding]:
    outcomes: list[Optional[Outcome]] = []
    for table in document.tables.values():
        outcomes.extend(_code_sums(arith, table))
        outcomes.extend(_column_sums(arith, table))
    for kind in (TableRole.SUMMARY, TableRole.FISCAL_SUMMARY):
        table = document.tables.get(kind)
        if table is not None and table.income is not None:
            outcomes.extend(_income_sums(arith, table, table.income))
    outcomes.append(_t4_balance(arith, document.tables.get(TableRole.FISCAL_SUMMARY)))
    outcomes.extend(_t7_units(arith, document.tables.get(TableRole.GPB_PROJECTS)))
    outcomes.extend(_t10(arith, document.tables.get(TableRole.THREE_PUBLIC)))
    outcomes.extend(_t11(arith, document.tables.get(TableRole.CARRYOVER)))
    yield from arith.findings(outcomes)


# ---------------------------------------------------------------------- A001 / A002

def _code_sums(arith: Arithmetic, table: BudgetTable) -> Iterator[Optional[Outcome]]:
    side = table.main
    coded = [r for r in side.rows if r.code is not None]
    if not coded:
        return
    economic = isinstance(coded[0].code, EconomicCode)
    if not economic and table.kind not in FUNCTION_TABLES + (TableRole.GPB_PROJECTS,):
        return
    rule = "A002" if economic else "A001"
    total = table.total_row() if table.kind is not TableRole.GPB_PROJECTS or not _has_units(table) else None
    if table.kind is TableRole.GPB_PROJECTS:
        groups: dict[Optional[str], list[TableRow]] = {}
        for row in side.rows:
            if row.kind is RowKind.ITEM and row.code is not None:
                groups.setdefault(row.unit_group, []).append(row)
        blocks = list(groups.values())
    else:
        blocks = [coded]
    for rows in blocks:
        tree = code_tree(rows)
        for parent in tree.parents:
            kids = tree.children[id(parent)]
            yield from _sum_over_columns(arith, rule, table, side, parent, kids,
                                         f"{children_word(kids)}之和")
        if total is not None and tree.top and len(blocks) == 1:
            yield from _sum_over_columns(arith, rule, table, side, total, tree.top, "各类之和")


def _adds_up(total: Optional[Amount], parts: list[Optional[Amount]]) -> bool:
    """Do the figures agree to the cent (``compare``'s EXACT)? Tried before any Figure is built:
    most rows of a table add up."""
    return (total.value if total is not None else 0) == sum(a.value for a in parts if a is not None)


def _has_units(table: BudgetTable) -> bool:
    return any(r.kind is RowKind.UNIT for r in table.rows)


def _sum_over_columns(arith: Arithmetic, rule: str, table: BudgetTable, side: TableSide, parent: TableRow,
                      kids: list[TableRow], kids_text: str) -> Iterator[Optional[Outcome]]:
    for col in side.columns:
        if parent.amount(col) is None and all(k.amount(col) is None for k in kids):
            continue
        if _adds_up(parent.amount(col), [k.amount(col) for k in kids]):
            continue        # exact to the cent: no outcome (Arithmetic.identity would give None)
        total = Figure.cell_of(table, parent, col, "")
        parts = [Figure.cell_of(table, k, col, "") for k in kids]
        yield arith.identity(rule, table.label, total, parts,
                             f"“{row_label(parent)}”行“{column_name(col, side)}”列", kids_text,
                             group=(rule, table.label, id(parent), kids_text))


# ---------------------------------------------------------------------- A003

def _column_sums(arith: Arithmetic, table: BudgetTable) -> Iterator[Optional[Outcome]]:
    for side in table.sides:
        for ident in column_identities(side.columns):
            part_cols = [c for p in ident.parts for c in p.columns]
            names = " + ".join(p.name for p in ident.parts)
            for row in side.rows:
                if row.amount(ident.total) is None and all(row.amount(c) is None for c in part_cols):
                    continue
                if _adds_up(row.amount(ident.total), [row.amount(c) for c in part_cols]):
                    continue
                total = Figure.cell_of(table, row, ident.total, "")
                parts = [Figure.cell_of(table, row, c, "") for c in part_cols]
                yield arith.identity("A003", table.label, total, parts,
                                     f"“{row_label(row)}”行“{column_name(ident.total, side)}”", names,
                                     group=("A003", table.label, id(row)))


# ---------------------------------------------------------------------- A004 / A005

def _income_sums(arith: Arithmetic, table: BudgetTable, side: TableSide) -> Iterator[Optional[Outcome]]:
    col = total_column(side)
    if col is None:
        return
    tree = income.outline(side)
    for line in tree.lines():
        if not line.children:
            continue
        kids = [k.row for k in line.children]
        if all(k.amount(col) is None for k in kids):
            continue        # not broken down
        total = Figure.cell_of(table, line.row, col, "")
        parts = [Figure.cell_of(table, k, col, "") for k in kids]
        names = "、".join(f"“{k.label}”" for k in kids)
        yield arith.identity("A004", table.label, total, parts, f"“{line.row.label}”",
                             f"其下各行（{names}）之和")
    if tree.total is not None and tree.top:
        tops = [line.row for line in tree.top]
        total = Figure.cell_of(table, tree.total, col, "")
        parts = [Figure.cell_of(table, r, col, "") for r in tops]
        names = " + ".join(f"“{r.label}”" for r in tops)
        yield arith.identity("A004", table.label, total, parts, f"“{tree.total.label}”", names)


def _t4_balance(arith: Arithmetic, table: Optional[BudgetTable]) -> Optional[Outcome]:
    if table is None or table.income is None:
        return None
    inc, exp = table.income, table.main
    inc_total = next((r for r in inc.rows if r.kind is RowKind.TOTAL), None)
    exp_total = next((r for r in exp.rows if r.kind is RowKind.TOTAL), None)
    inc_col, exp_col = total_column(inc), total_column(exp)
    if inc_total is None or exp_total is None or inc_col is None or exp_col is None:
        return None
    left = Figure.cell_of(table, inc_total, inc_col, "")
    right = Figure.cell_of(table, exp_total, exp_col, "")
    return arith.identity("A005", table.label, left, [right], f"“{inc_total.label}”",
                          f"“{exp_total.label}”", locations=[left.location(), right.location()])


# ---------------------------------------------------------------------- A006: 表7 units

def _t7_units(arith: Arithmetic, table: Optional[BudgetTable]) -> Iterator[Optional[Outcome]]:
    if table is None or not _has_units(table):
        return
    units = [r for r in table.rows if r.kind is RowKind.UNIT]
    total = table.total_row()
    for unit in units:
        rows = [r for r in table.rows if r.kind is RowKind.ITEM and r.unit_group == unit.label and r.code]
        tops = code_tree(rows).top
        if tops:
            yield from _sum_over_columns(arith, "A006", table, table.main, unit, tops, "该单位各类之和")
    if total is not None:
        yield from _sum_over_columns(arith, "A006", table, table.main, total, units, "各单位小计之和")


# ---------------------------------------------------------------------- A007: 表10

def _t10(arith: Arithmetic, table: Optional[BudgetTable]) -> Iterator[Optional[Outcome]]:
    if table is None or table.is_empty:
        return
    rows = table.rows
    total = table.total_row()
    abroad = _row(rows, "因公出国")
    hosting = _row(rows, "公务接待")
    car = _row(rows, "购置及运行")
    buy = _row(rows, "购置费", unless="运行")
    run = _row(rows, "运行费", unless="购置")
    if car is not None and (buy is not None or run is not None):
        kids = [r for r in (buy, run) if r is not None]
        yield from _sum_over_columns(arith, "A007", table, table.main, car, kids,
                                     "公务用车购置费与运行费之和")
    if total is not None:
        parts = [r for r in (abroad, hosting) if r is not None]
        parts += [car] if car is not None else [r for r in (buy, run) if r is not None]
        if parts:
            yield from _sum_over_columns(arith, "A007", table, table.main, total, parts,
                                         "因公出国（境）费、公务接待费、公务用车购置及运行费之和")


def _row(rows: list[TableRow], word: str, unless: str = "") -> Optional[TableRow]:
    for row in rows:
        label = norm(row.label)
        if row.kind is not RowKind.TOTAL and word in label and not (unless and unless in label):
            return row
    return None


# ---------------------------------------------------------------------- A008: 表11

def _t11(arith: Arithmetic, table: Optional[BudgetTable]) -> Iterator[Optional[Outcome]]:
    if table is None or table.is_empty:
        return
    rows = [r for r in table.rows if r.kind is not RowKind.TOTAL]
    units = [r for r in rows if r.kind is RowKind.UNIT]
    for unit in units:
        projects = [r for r in rows if r.kind is RowKind.ITEM and r.unit_group == unit.label]
        if projects:
            yield from _sum_over_columns(arith, "A008", table, table.main, unit, projects, "其下各项目之和")
    total = table.total_row()
    if total is None:
        return
    tops = units or [r for r in rows if r.kind is RowKind.ITEM]
    if tops:
        yield from _sum_over_columns(arith, "A008", table, table.main, total, tops,
                                     "各单位之和" if units else "各项目之和")
