"""Cross-table identities (A100–A199): the same figure printed in several tables must be the same.

When most of the tables agree and one differs, the finding points at the odd one out and says the
value the others have.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

from checker.core.findings import Finding, Rule, Severity
from checker.core.model import BudgetTable, Column, Disclosure, FunctionCode, RowKind, TableRole, TableRow
from checker.core.rounding import Agreement

from . import income
from .common import Arithmetic, Figure, Outcome, find_column, row_label, total_column

ROUNDING_NOTE = "相差在四舍五入误差范围内的，只作提示。"

RULES = [
    Rule("A101", Severity.ERROR, "收支总计在各表之间不一致",
         "核对收支总表的收入总计和支出总计、收入总表总计、支出总表总计四个数是否相等；多数一致、个别不同时指出不同的那一个。"
         + ROUNDING_NOTE,
         "收支总预算是整套公开表的总量，几张表的总数不一致，公开数据就失去了可信度。",
         "（新疆模板）表1 收入总计 3,384.08，支出总计 3,384.08；表2 总计 3,384.08；表3 总计 3,374.08。",
         "（新疆模板）表1、表2、表3 的总计均为 3,384.08。"),
    Rule("A102", Severity.ERROR, "同一功能分类科目在收支总表、收入总表、支出总表中金额不一致",
         "按科目核对：收支总表支出方各类、收入总表总计列、支出总表合计列中同一科目（类、款、项）的金额应相等，"
         "某表缺少另一表有金额的科目也算不一致。" + ROUNDING_NOTE,
         "收入表与支出表按科目编列同一笔预算，科目金额对不上说明某张表漏改或录错。",
         "（新疆模板）“205 教育支出”：表1 23.35，表2 23.35，表3 32.35。",
         "（新疆模板）“205 教育支出”在表1、表2、表3 中均为 23.35。"),
    Rule("A103", Severity.ERROR, "同一资金来源在各表中的金额不一致",
         "核对各资金来源的总额：一般公共预算拨款（收支总表 = 收入总表一般公共预算列 = 财政拨款收支总表收入、支出 = "
         "一般公共预算支出表总计）、政府性基金（……= 政府性基金预算支出表总计）、国有资本经营预算（……= 国有资本经营预算支出表"
         "总计）、财政专户和单位资金（收支总表 = 收入总表对应列）、财政拨款结转和非财政拨款结转结余（收支总表 = 收入总表对应列 = "
         "上年结转结余表对应合计）。空表按 0 计。"
         "财政拨款收支总表收入方列有“上年结转”且有数的模板，该表支出总计（及一般公共预算支出表等表头或总计表明含结转的表）"
         "按“本年 + 上年结转”核对，该表的“上年结转”与收支总表财政拨款结转核对，其余仍按本年数核对。" + ROUNDING_NOTE,
         "资金来源在各表口径一致是预算公开审核的首要检查点，不一致会被直接退回。",
         "（新疆模板）一般公共预算：表1 1,379.81，表2 1,379.81，表4 1,379.81，表5 总计 1,389.81。",
         "（新疆模板）一般公共预算在表1、表2、表4、表5 中均为 1,379.81。"),
    Rule("A104", Severity.ERROR, "同一资金来源按科目在各表中不一致",
         "按功能分类科目核对：收入总表一般公共预算列（含上级转移支付）= 一般公共预算支出表合计列，类级还应 = 财政拨款收支总表"
         "一般公共预算列；政府性基金对政府性基金预算支出表、国有资本经营预算对国有资本经营预算支出表同理。财政拨款收支总表"
         "含上年结转时，其各类只与同样含结转的一般公共预算支出表核对。"
         + ROUNDING_NOTE,
         "一般公共预算、政府性基金、国有资本经营预算三张支出表是收入总表对应资金来源按科目的展开，科目金额不一致说明有一张表"
         "没有同步修改。",
         "（新疆模板）“2010350 事业运行”：表2 一般公共预算 709.26，表5 合计 719.26。",
         "（新疆模板）“2010350 事业运行”：表2 一般公共预算 709.26，表5 合计 709.26。"),
    Rule("A105", Severity.ERROR, "一般公共预算支出表的基本支出与一般公共预算基本支出表不一致",
         "一般公共预算支出表总计行的基本支出应等于一般公共预算基本支出表总计行的合计。" + ROUNDING_NOTE,
         "一般公共预算基本支出表是一般公共预算支出表中基本支出按经济分类的展开，两者总数必须相同。",
         "（新疆模板）表5 基本支出 2,760.92，表6 合计 2,750.92。",
         "（新疆模板）表5 基本支出 2,760.92，表6 合计 2,760.92。"),
    Rule("A106", Severity.ERROR, "一般公共预算支出表的项目支出与项目支出表不一致",
         "一般公共预算支出表总计行的项目支出应等于项目支出表总计；按功能分类的项，一般公共预算支出表的项目支出应等于项目支出表"
         "该项下各项目之和。项目支出表为空表时按 0 计；模板没有项目支出表时不作此检查。" + ROUNDING_NOTE,
         "项目支出表是一般公共预算支出表中项目支出按项目的展开，科目或金额对不上说明项目挂错了科目或漏列。",
         "（新疆模板）表5 “2010302 一般行政管理事务”项目支出 347.16；表7 该项下四个项目合计 337.16。",
         "（新疆模板）表5 “2010302 一般行政管理事务”项目支出 347.16 = 表7 该项下 266.00 + 27.16 + 28.00 + 26.00。"),
    Rule("A107", Severity.ERROR, "一般公共预算支出大于同科目的总支出",
         "按科目和列（合计、基本支出、项目支出）核对：一般公共预算支出表的金额是支出总表总支出的一部分，不能大于支出总表"
         "同一科目同一列的金额；一般公共预算支出表有而支出总表没有的科目也在此列出。" + ROUNDING_NOTE,
         "一般公共预算只是资金来源之一，某科目的一般公共预算支出超过该科目全部支出，说明支出总表或一般公共预算支出表录错。",
         "（新疆模板）“2010350 事业运行”：表5 项目支出 10.00，表3 项目支出 0。",
         "（新疆模板）“2010350 事业运行”：表5 项目支出 10.00，表3 项目支出 260.00。"),
    Rule("A108", Severity.ERROR, "收支总表的人员经费、公用经费与一般公共预算基本支出表不一致",
         "收支总表支出方把基本支出分列人员经费、公用经费时（如上海模板的单位预算），其“支出总计”行的人员经费、公用经费"
         "分别与一般公共预算基本支出表合计行的人员经费、公用经费核对：收支总表的收入全部是一般公共预算资金时应相等；"
         "另有其他收入时，收支总表包含其他资金安排的基本支出，一般公共预算基本支出表的数不能大于它。"
         "收支总表不分列人员经费、公用经费的模板不作此检查。" + ROUNDING_NOTE,
         "一般公共预算基本支出表是基本支出按经济分类（工资福利支出、对个人和家庭的补助为人员经费，商品和服务支出、"
         "资本性支出等为公用经费）的展开，两张表的人员经费、公用经费对不上，说明有一处把支出划错了类别或录错了数。",
         "（上海模板单位预算）表1 支出总计 人员经费 18,120,593.00 元、公用经费 1,710,062.00 元；表8 合计 人员经费 "
         "18,020,593.00 元、公用经费 1,810,062.00 元。",
         "（上海模板单位预算）表1 与表8 的人员经费均为 18,120,593.00 元，公用经费均为 1,710,062.00 元。"),
]


def check(document: Disclosure, arith: Arithmetic) -> Iterator[Finding]:
    outcomes: list[Optional[Outcome]] = []
    outcomes += _totals(document, arith)
    outcomes += _codes_123(document, arith)
    outcomes += _sources(document, arith)
    outcomes += _sources_by_code(document, arith)
    outcomes += _t5_t6(document, arith)
    outcomes += _t5_t7(document, arith)
    outcomes += _t5_within_t3(document, arith)
    outcomes += _basic_kinds(document, arith)
    yield from arith.findings(outcomes)


def _t(document: Disclosure, role: TableRole) -> Optional[BudgetTable]:
    return document.tables.get(role)


def _total_figure(table: BudgetTable, column: Optional[Column], what: str) -> Optional[Figure]:
    """The table's 总计 in ``column``; 0 for a table stated empty; None if it cannot be found."""
    if table.is_empty:
        return Figure.missing(table, what, why="空表") if table.empty_statement else None
    row = table.total_row()
    if row is None or column is None:
        return None
    return Figure.cell_of(table, row, column, what)


def _side_total(table: BudgetTable, side_index: int, what: str) -> Optional[Figure]:
    side = table.sides[side_index] if len(table.sides) > side_index else None
    if side is None:
        return None
    row = next((r for r in side.rows if r.kind is RowKind.TOTAL), None)
    col = total_column(side)
    if row is None or col is None:
        return None
    return Figure.cell_of(table, row, col, what + f"“{row.label}”")


# ---------------------------------------------------------------------- A101

def _totals(document: Disclosure, arith: Arithmetic) -> list[Outcome]:
    figures = []
    t1 = _t(document, TableRole.SUMMARY)
    if t1 is not None and t1.income is not None:
        figures += [f for f in (_side_total(t1, 0, t1.short_label), _side_total(t1, 1, t1.short_label)) if f]
    for role in (TableRole.INCOME, TableRole.EXPENSE):
        table = _t(document, role)
        if table is not None and table.sides:
            f = _total_figure(table, total_column(table.main), f"{table.short_label}“总计”")
            if f is not None:
                figures.append(f)
    return arith.agree("A101", "收支总计", figures)


# ---------------------------------------------------------------------- A102

def _by_code(table: BudgetTable) -> dict[str, TableRow]:
    out: dict[str, TableRow] = {}
    for row in table.rows:
        if row.kind is RowKind.ITEM and row.code is not None and isinstance(row.code, FunctionCode):
            out.setdefault(row.code.code, row)
    return out


def _code_figure(table: BudgetTable, rows: dict[str, TableRow], code: str, columns: list[Column],
                 what: str) -> Figure:
    row = rows.get(code)
    if row is None:
        return Figure.missing(table, what, code)
    return Figure.cells_of(table, row, columns, what)


def _codes_123(document: Disclosure, arith: Arithmetic) -> list[Outcome]:
    present = [(n, _t(document, n)) for n in (TableRole.SUMMARY, TableRole.INCOME, TableRole.EXPENSE)]
    tables = [(n, t) for n, t in present if t is not None and t.sides and not t.is_empty]
    if len(tables) < 2:
        return []
    rows = {n: _by_code(t) for n, t in tables}
    names = {}
    order: list[str] = []
    for n, t in tables:
        for code, row in rows[n].items():
            if code not in names:
                names[code] = row_label(row)
                order.append(code)
    out = []
    for code in sorted(order):
        figures = []
        for n, t in tables:
            if n is TableRole.SUMMARY and len(code) != 3:
                continue
            col = total_column(t.main)
            if col is None:
                continue
            figures.append(_code_figure(t, rows[n], code, [col], t.short_label))
        if any(f.value for f in figures):
            out += arith.agree("A102", f"功能分类“{names[code]}”", figures)
    return out


# ---------------------------------------------------------------------- A103

FUNDS = [
    # (subject, 表1 words, 表2 column words, 表4 word, spending table)
    ("一般公共预算拨款", "一般公共预算", "一般公共预算", TableRole.GPB_FUNCTION),
    ("政府性基金预算拨款", "基金", "政府性基金", TableRole.GOV_FUNDS),
    ("国有资本经营预算拨款", "国有资本", "国有资本经营", TableRole.STATE_CAPITAL),
]


def _sources(document: Disclosure, arith: Arithmetic) -> list[Outcome]:
    t1, t2, t4, t11 = (_t(document, n) for n in (TableRole.SUMMARY, TableRole.INCOME, TableRole.FISCAL_SUMMARY,
                                                  TableRole.CARRYOVER))
    tree1 = income.outline(t1.income) if t1 is not None and t1.income is not None else None
    col1 = total_column(t1.income) if t1 is not None and t1.income is not None else None
    t2_total = t2.total_row() if t2 is not None and t2.sides else None

    def from_t1(line: Optional[income.Line]) -> list[Figure]:
        if t1 is None or line is None or col1 is None:
            return []
        return [Figure.cell_of(t1, line.row, col1, f"{t1.short_label}“{line.row.label}”")]

    def from_t2(*words: str, exclude: str = "") -> list[Figure]:
        if t2 is None or t2_total is None:
            return []
        cols = find_column(t2.main, *words, exclude=exclude)
        if not cols:
            return []
        names = "、".join(f"“{c.key}”" for c in cols)
        return [Figure.cells_of(t2, t2_total, cols, f"{t2.short_label} 总计行{names}列")]

    out: list[Outcome] = []
    for subject, word1, word2, spending in FUNDS:
        figures = from_t1(income.source(tree1, word1) if tree1 else None) + from_t2(word2)
        carry = _t4_carry(document, arith, word1, word2, spending)
        # 表4's expense totals (and perhaps 表5's) include 上年结转 when its income side carries it:
        # those are compared with this year's plus the carry-over, the others with this year's alone
        with_carry: list[Figure] = []
        if carry.year is not None:
            figures.append(carry.year)
        if carry.expense is not None:
            (with_carry if carry.carried else figures).append(carry.expense)
        if carry.spending is not None:
            (with_carry if carry.spending_carried else figures).append(carry.spending)
        if any(f.value for f in figures) or len({f.value for f in figures}) > 1:
            out += arith.agree("A103", subject, figures)
        if with_carry and carry.year is not None and carry.carry_line is not None:
            parts = [carry.year, carry.carry_line]
            for f in with_carry:
                outcome = arith.identity(
                    "A103", subject, f, parts, f.what,
                    f"{t4.short_label} 收入方本年“{carry.year.row}”与上年结转“{carry.carry_line.row}”之和",
                    locations=[f.location(), carry.year.location(), carry.carry_line.location()])
                if outcome is not None:
                    out.append(outcome)
    # 财政专户、单位资金: 表1 = 表2
    for subject, word in (("财政专户核拨", "财政专户"), ("单位资金", "单位资金")):
        figures = from_t1(income.source(tree1, word) if tree1 else None) + from_t2(word)
        out += arith.agree("A103", subject, figures)
    # 结转结余: 表1 = 表2 = 表11
    carry = income.carried_over(tree1) if tree1 else None
    for subject, word, exclude, group in (("财政拨款结转", "财政拨款结转", "非", "财政拨款"),
                                          ("非财政拨款结转结余", "非财政拨款", "", "非财政拨款")):
        line = tree1.find(word, under=carry, unless=exclude) if tree1 and carry else None
        figures = from_t1(line) + from_t2(word, exclude=exclude)
        if group == "财政拨款":         # 表4 "二、上年结转" (财政拨款 only), in a template that has it
            heading = _t4_carry_heading(t4)
            if heading is not None and heading.value:     # left blank: the template's rows, unused
                figures.append(heading)
        if t11 is not None and t11.sides:
            col11 = total_column(t11.main, group)
            f = _total_figure(t11, col11, f"{t11.short_label} 总计行“{group}{col11.key if col11 else ''}”")
            if f is not None:
                figures.append(f)
        out += arith.agree("A103", subject, figures)
    return out


@dataclass
class Carry:
    """What 表4 says about one fund: this year's income line, the 上年结转 line when its income side
    has one (templates that put 上年结转 in 表4), its expense total in the fund's column, and the
    spending table's (表5/8/9) total, each with whether it includes the carry-over."""

    year: Optional[Figure] = None
    carry_line: Optional[Figure] = None
    expense: Optional[Figure] = None
    spending: Optional[Figure] = None
    spending_carried: bool = False

    @property
    def carried(self) -> bool:
        return self.carry_line is not None and bool(self.carry_line.value)


def _t4_outline(t4: Optional[BudgetTable]) -> Optional[income.Outline]:
    return income.outline(t4.income) if t4 is not None and t4.income is not None else None


def _t4_carry_heading(t4: Optional[BudgetTable]) -> Optional[Figure]:
    """表4 income "二、上年结转" (or "…结转结余") as a figure, when the template prints it."""
    tree = _t4_outline(t4)
    heading = income.carried_over(tree) if tree is not None else None
    col = total_column(t4.income) if t4 is not None and t4.income is not None else None
    if heading is None or col is None:
        return None
    return Figure.cell_of(t4, heading.row, col, f"{t4.short_label} 收入“{heading.row.label}”")   # type: ignore[arg-type]


def _says_carry(table: BudgetTable) -> bool:
    """Does a table's own title or column headers say it includes 上年结转?"""
    return "结转" in table.title or any("结转" in "".join(c.path) for c in table.main.columns)


def _t4_carry(document: Disclosure, arith: Arithmetic, word1: str, word2: str, spending: TableRole) -> Carry:
    out = Carry()
    t4 = _t(document, TableRole.FISCAL_SUMMARY)
    tree4 = _t4_outline(t4)
    if t4 is not None and tree4 is not None:
        heading = income.carried_over(tree4)
        col4 = total_column(t4.income) if t4.income is not None else None
        year = next((ln for ln in tree4.lines() if (word2 in ln.text or word1 in ln.text) and
                     not (heading is not None and income.below(ln, heading))), None)
        if year is not None and col4 is not None:
            out.year = Figure.cell_of(t4, year.row, col4, f"{t4.short_label} 收入“{year.row.label}”")
        if heading is not None and col4 is not None:
            line = tree4.find(word2, under=heading) or tree4.find(word1, under=heading)
            if line is not None:
                out.carry_line = Figure.cell_of(t4, line.row, col4, f"{t4.short_label} 收入上年结转“{line.row.label}”")
        exp_total = next((r for r in t4.main.rows if r.kind is RowKind.TOTAL), None)
        cols = find_column(t4.main, word2)
        if exp_total is not None and cols:
            out.expense = Figure.cells_of(t4, exp_total, cols, f"{t4.short_label} 支出总计行“{cols[0].key}”列")
    table = _t(document, spending)
    if table is not None and table.sides:
        out.spending = _total_figure(table, total_column(table.main), f"{table.short_label} 总计")
        if out.spending is not None and out.carried and out.year is not None:
            # 表5 may print this year's funding only or include the carry-over: what its own headers
            # say, else the one its total agrees with (when it agrees with neither, the nearer one)
            if _says_carry(table):
                out.spending_carried = True
            else:
                with_carry = [*out.year.amounts, *out.carry_line.amounts]   # type: ignore[union-attr]
                if arith.compare(out.spending.amounts, out.year.amounts) is not Agreement.BROKEN:
                    out.spending_carried = False
                elif arith.compare(out.spending.amounts, with_carry) is not Agreement.BROKEN:
                    out.spending_carried = True
                else:
                    v = out.spending.value
                    out.spending_carried = abs(v - out.year.value - out.carry_line.value) < \
                        abs(v - out.year.value)      # type: ignore[union-attr]
    return out


# ---------------------------------------------------------------------- A104

def _sources_by_code(document: Disclosure, arith: Arithmetic) -> list[Outcome]:
    t2, t4 = _t(document, TableRole.INCOME), _t(document, TableRole.FISCAL_SUMMARY)
    out: list[Outcome] = []
    for subject, word1, word2, spending in FUNDS:
        members: list[tuple[BudgetTable, dict[str, TableRow], list[Column], str, bool]] = []
        carry = _t4_carry(document, arith, word1, word2, spending)
        # like with like: when 表4 includes 上年结转, its classes are compared with 表5 only if 表5
        # includes it too (and 表2, this year's funding, with neither)
        with_t2 = not (carry.carried and carry.spending_carried)
        with_t4 = not carry.carried or carry.spending_carried
        if with_t2 and t2 is not None and t2.sides and not t2.is_empty:
            cols = find_column(t2.main, word2)
            if cols:
                members.append((t2, _by_code(t2), cols, f"{t2.short_label}“" + "”“".join(c.key for c in cols) + "”列", False))
        if with_t4 and t4 is not None and t4.sides and not t4.is_empty:
            cols = find_column(t4.main, word2)
            if cols:
                members.append((t4, _by_code(t4), cols, f"{t4.short_label}“{cols[0].key}”列", True))
        table = _t(document, spending)
        if table is not None and table.sides:
            col = total_column(table.main)
            if col is not None:
                members.append((table, _by_code(table), [col], f"{table.short_label}“{col.key}”列", False))
        if len(members) < 2:
            continue
        codes: dict[str, str] = {}
        for t, rows, cols, _, _ in members:
            for code, row in rows.items():
                if any(row.amount(c) is not None for c in cols):
                    codes.setdefault(code, row_label(row))
        for code in sorted(codes):
            figures = []
            for t, rows, cols, what, classes_only in members:
                if classes_only and len(code) != 3:
                    continue
                figures.append(_code_figure(t, rows, code, cols, what))
            if len(figures) >= 2 and any(f.value for f in figures):
                out += arith.agree("A104", f"{subject}“{codes[code]}”", figures)
    return out


# ---------------------------------------------------------------------- A105

def _t5_t6(document: Disclosure, arith: Arithmetic) -> list[Outcome]:
    t5, t6 = _t(document, TableRole.GPB_FUNCTION), _t(document, TableRole.GPB_BASIC)
    if t5 is None or t6 is None or not t5.sides or not t6.sides:
        return []
    basic = find_column(t5.main, "基本支出")
    a = _total_figure(t5, basic[0] if basic else None, f"{t5.short_label} 总计行“基本支出”")
    b = _total_figure(t6, total_column(t6.main), f"{t6.short_label} 总计行“合计”")
    if a is None or b is None:
        return []
    return arith.agree("A105", "一般公共预算基本支出", [a, b])


# ---------------------------------------------------------------------- A106

def _t5_t7(document: Disclosure, arith: Arithmetic) -> list[Outcome]:
    t5, t7 = _t(document, TableRole.GPB_FUNCTION), _t(document, TableRole.GPB_PROJECTS)
    if t5 is None or t7 is None or not t5.sides or not t7.sides:
        return []
    project5 = find_column(t5.main, "项目支出")
    col5 = project5[0] if project5 else None
    col7 = total_column(t7.main)
    if col5 is None or col7 is None:
        return []
    out: list[Outcome] = []
    a = _total_figure(t5, col5, f"{t5.short_label} 总计行“项目支出”")
    b = _total_figure(t7, col7, f"{t7.short_label} 总计行“{col7.key}”")
    if a is not None and b is not None:
        out += arith.agree("A106", "一般公共预算项目支出", [a, b])
    leaves = [r for r in t7.rows if r.kind is RowKind.ITEM and r.code is not None and r.project]
    if not leaves:
        leaves = [r for r in t7.rows if r.kind is RowKind.ITEM and r.code is not None and r.code.level == "项"]
    by_code: dict[str, list[TableRow]] = {}
    for r in leaves:
        by_code.setdefault(r.code.code, []).append(r)  # type: ignore[union-attr]
    rows5 = _by_code(t5)
    codes = set(by_code)
    codes |= {c for c, r in rows5.items() if len(c) == 7 and r.amount(col5) is not None and r.amount(col5).value}
    for code in sorted(codes):
        name = row_label(rows5[code]) if code in rows5 else row_label(by_code[code][0])
        f5 = _code_figure(t5, rows5, code, [col5], f"{t5.short_label}“项目支出”")
        if code in by_code:
            f7 = Figure.rows_of(t7, by_code[code], col7, f"{t7.short_label} 该项下{len(by_code[code])}个项目之和")
        else:
            f7 = Figure.missing(t7, f"{t7.short_label} 该项下的项目", code)
        if f5.value or f7.value:
            out += arith.agree("A106", f"项目支出“{name}”", [f5, f7])
    return out


# ---------------------------------------------------------------------- A107

def _t5_within_t3(document: Disclosure, arith: Arithmetic) -> list[Optional[Outcome]]:
    t3, t5 = _t(document, TableRole.EXPENSE), _t(document, TableRole.GPB_FUNCTION)
    if t3 is None or t5 is None or not t3.sides or not t5.sides:
        return []
    rows3 = _by_code(t3)
    total3 = t3.total_row()
    out: list[Optional[Outcome]] = []
    for col5 in t5.main.columns:
        col3 = t3.main.column(col5.key)
        if col3 is None or col3.key != col5.key:
            continue
        for row in t5.rows:
            if row.amount(col5) is None:
                continue
            part = Figure.cell_of(t5, row, col5, t5.short_label)
            if row.kind is RowKind.TOTAL:
                if total3 is None:
                    continue
                whole = Figure.cell_of(t3, total3, col3, t3.short_label)
            elif row.code is not None:
                other = rows3.get(row.code.code)
                whole = (Figure.cell_of(t3, other, col3, t3.short_label) if other is not None
                         else Figure.missing(t3, f"{t3.short_label}（未列出该科目）", row.code.code))
            else:
                continue
            out.append(arith.not_above("A107", f"“{row_label(row)}”“{col5.key}”", part, whole,
                                       "一般公共预算支出不应大于总支出"))
    return out


# ---------------------------------------------------------------------- A108

BASIC_KINDS = ("人员经费", "公用经费")
_A108_ADVICE = "请按经济分类核对两表的人员经费、公用经费划分（工资福利支出、对个人和家庭的补助为人员经费，其余为公用经费）。"


def _basic_kinds(document: Disclosure, arith: Arithmetic) -> list[Optional[Outcome]]:
    """收支总表's 支出总计 人员经费/公用经费 (all funds) against 一般公共预算基本支出表's (this year's
    一般公共预算 only): equal when all the income is 一般公共预算, else the latter within the former."""
    t1, t8 = _t(document, TableRole.SUMMARY), _t(document, TableRole.GPB_BASIC)
    if t1 is None or t8 is None or not t1.sides or not t8.sides or t8.is_empty:
        return []
    total1 = next((r for r in t1.main.rows if r.kind is RowKind.TOTAL), None)
    total8 = t8.total_row()
    if total1 is None or total8 is None:
        return []
    only_gpb = _all_income_is_gpb(t1)
    out: list[Optional[Outcome]] = []
    for kind in BASIC_KINDS:
        col1, col8 = t1.main.column(kind), t8.main.column(kind)
        if col1 is None or col8 is None or col1.key != kind or col8.key != kind:
            continue
        f1 = Figure.cell_of(t1, total1, col1, f"{t1.short_label}“{total1.label}”行“{kind}”")
        f8 = Figure.cell_of(t8, total8, col8, f"{t8.short_label}“{total8.label}”行“{kind}”")
        if only_gpb:
            out += arith.agree("A108", f"基本支出中的{kind}", [f1, f8], advice=_A108_ADVICE)
        else:
            out.append(arith.not_above("A108", f"基本支出中的{kind}", f8, f1,
                                       "一般公共预算安排的部分不应大于全部资金安排的数", advice=_A108_ADVICE))
    return out


def _all_income_is_gpb(t1: BudgetTable) -> bool:
    """Is every 元 of the 收支总表's income this year's 一般公共预算 (its line equals 收入总计)?"""
    if t1.income is None:
        return False
    tree = income.outline(t1.income)
    col = total_column(t1.income)
    line = income.source(tree, "一般公共预算")
    if tree.total is None or line is None or col is None:
        return False
    return line.row.value(col) == tree.total.value(col)
