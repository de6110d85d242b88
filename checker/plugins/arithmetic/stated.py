"""The narrative's statements (read once in the core by the template's sentence shapes,
``document.statements``) against the tables, and against each other.

Each subject a statement names resolves, by table role, to the figure it restates: 收入预算 to the
收支总表's 收入总计, 财政拨款支出 to the 财政拨款收支总表's 支出总计, a 项 to its row of the 一般公共预算
table found by its 类/款/项 names, the 三公 parts to the 三公 table's rows, and so on (A201). The
narrative's own sums are checked too: 政府采购 = 货物 + 工程 + 服务, 中小企业预留 ≥ 小微 (A207), the
三公 parts against their total (A210), and one item given two different amounts (A212). A share
("占 Y%") a statement prints is checked against the whole its subject is a part of (A202: a 三公 part
of the 三公 total), a list balanced to 100 % by the policy of :func:`narrative_compare.balanced_total`.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable, Iterator, Optional

from checker.core.findings import Finding, Fix, Location, Rule, Severity, amount_text
from checker.core.fixer import amount_like, percent_like
from checker.core.model import (YUAN_PER_WAN, BudgetTable, Column, Disclosure, Paragraph, TableRole, TableSide,
                                format_wan)
from checker.core.printed import PrintedAmount
from checker.core.rounding import Agreement, compare
from checker.core.statements import SUBJECT_WORDS, Statement
from checker.core.text import clean, norm

from . import narrative_tables as nt
from .common import Arithmetic, Figure, total_column
from .narrative_compare import BALANCING_NOTE, balanced_total, exceeds, percent, restates, share_agrees

RULES = [
    Rule("A212", Severity.ERROR, "同一项目前后写了两个不同的金额",
         "检查说明中同一个科目（项）先后两次写出的本年金额是否相同：如“……（项）”350.35 万元，同一段又写“2024 年"
         "预算安排 352.67 万元”。",
         "同一项目两个金额必有一个是错的，读者无从判断哪个是真实的预算。",
         "“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35 万元……2024 年预算安排 352.67 万元。",
         "“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35 万元……2024 年预算安排 350.35 万元。"),
]

# the 三公 table's rows by narrative_tables.SANGONG's keys (the rows Xinjiang's sections resolve to)
SANGONG_ROWS = {
    "sangong_total": "total", "sangong_abroad": "abroad", "sangong_vehicle": "car", "sangong_purchase": "car_buy",
    "sangong_operation": "car_run", "sangong_reception": "reception", "operating": "operating",
}
# the subjects as the messages name them: the core's names (statements.SUBJECT_WORDS), the four
# 拨款支出 kinds said as the budget they are ("财政拨款支出预算")
WORDS = {k: SUBJECT_WORDS[k] for k in (
    "income_total",
    "fiscal_income",
    "business_income",
    "operating_income",
    "other_income",
    "expense_total",
    "fiscal_expense",
    "gpb_expense",
    "gov_funds_expense",
    "soe_expense",
    "sangong_total",
    "sangong_abroad",
    "sangong_vehicle",
    "sangong_purchase",
    "sangong_operation",
    "sangong_reception",
    "operating",
)}
WORDS.update({k: SUBJECT_WORDS[k] + "预算" for k in ("fiscal_expense", "gpb_expense", "gov_funds_expense", "soe_expense")})


def check(document: Disclosure, arith: Arithmetic) -> Iterator[Finding]:
    statements = document.statements
    if not statements:
        return
    by_section = _read_by_section(document)
    for st in statements:
        if id(st) in by_section:
            continue
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
                              [Location.at(st.cell, st.place, _word(st)), figure.location()],
                              expected=amount_text(figure.value), actual=amount_text(st.amount.value),
                              fixes=[fix] if isinstance(fix, Fix) else [], unfixed=fix if isinstance(fix, str) else "")
        if st.restated is not None and st.amount is not None and st.restated.value != st.amount.value:
            yield Finding("A212", f"说明中“{'-'.join(st.names)}”先写 {st.amount.text} 万元，随后又写“{st.restated_quote}”"
                                  f"（{st.restated.text} 万元），同一项目的金额前后不一致。",
                          [Location.at(st.cell, st.place, st.names[-1] if st.names else "")],
                          actual=amount_text(st.restated.value))
    yield from _shares(document, statements, arith)
    yield from _procurement(statements)
    yield from _sangong_parts(statements)


def _read_by_section(document: Disclosure) -> set[int]:
    """The 项 statements that stand in a numbered section of the 一般公共预算当年拨款 (Xinjiang's
    五（三）), which the section-by-section check ties to their rows by name or code and reports
    (narrative_amounts: A201, A209); not checked here a second time."""
    narrative = document.narrative
    if narrative is None or not narrative.sections:
        return set()
    from .narrative_amounts import usage_paths
    from .narrative_facts import parts

    return {id(st) for part in parts(narrative) if part.topic == "gpb_year"
            for *_, st in usage_paths(document, part)}


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

_table = nt.usable


def _total(table: Optional[BudgetTable], side: Optional[TableSide] = None, column: Optional[Column] = None,
           what: str = "总计") -> Optional[Figure]:
    if table is None:
        return None
    side = side or table.main
    if table.is_empty:
        return Figure.missing(table, what, why="空表") if table.empty_statement else None
    row = nt.total_row(side)
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
    项 has its amount (as the narrative rounds it: 78.29 万元 for 782,855.28 元), the names were copied
    wrong: the codes plugin names the right ones (C020, C012)."""
    assert st.amount is not None
    stated = st.amount.amount(st.cell)
    for role in (TableRole.GPB_FUNCTION, TableRole.GOV_FUNDS):
        table = _table(document, role)
        column = total_column(table.main) if table is not None else None
        if column is not None and any(row.code.level == "项" and row.amount(column) is not None
                                      and restates(stated, [row.amount(column)], floor) for row in table.coded_rows()):
            return None
    return Finding("A209", f"说明中的“{'-'.join(st.names)}”（{st.amount.text} 万元）在一般公共预算、政府性基金预算支出表中"
                           "都找不到，无法核对。请检查类、款、项名称和金额是否与表中一致。",
                   [Location.at(st.cell, st.place, st.names[-1] if st.names else "")])


def sangong_figure(document: Disclosure, subject: str) -> Optional[Figure]:
    table = nt.sangong_table(document)
    row = nt.sangong_row(table, SANGONG_ROWS[subject]) if table is not None else None
    if table is None or row is None:
        return None
    return Figure.cell_of(table, row, total_column(table.main), f"“{row.label}”")


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
        return sangong_figure(document, st.subject)
    resolve = RESOLVERS.get(st.subject)
    return resolve(document) if resolve else None


# ---------------------------------------------------------------------- shares

# the whole a subject's share is of, and the words "占 X 的 Y%" may name it by
SHARE_OF = {part: "sangong_total" for part in ("sangong_abroad", "sangong_vehicle", "sangong_purchase",
                                               "sangong_operation", "sangong_reception")}
WHOLE_WORDS = {"sangong_total": ("三公",)}
_GENERIC_WHOLE = ("", "总", "总额", "总数", "全部", "合计", "总计")


def _shares(document: Disclosure, statements: list[Statement], arith: Arithmetic) -> Iterator[Finding]:
    """"占 Y%" of each statement whose subject is part of a whole, against the tables' figures; the
    shares of one whole are settled together (a list balanced to 100 %: see balanced_total)."""
    lists: dict[str, list[tuple[Statement, Figure, Figure, bool]]] = {}
    for st in statements:
        whole_subject = SHARE_OF.get(st.subject)
        if st.share is None or st.amount is None or whole_subject is None:
            continue
        said = norm(st.share_of).strip("的")
        if said not in _GENERIC_WHOLE and not any(w in said for w in WHOLE_WORDS[whole_subject]):
            continue        # a share of something else: not checked against the wrong whole
        figure, whole = _figure(document, st), _whole_figure(document, whole_subject)
        if figure is None or whole is None or not figure.amounts or not whole.amounts:
            continue
        agrees = (share_agrees(st.share.value, st.share.decimals, figure.amounts, whole.amounts, arith.floor)
                  or share_agrees(st.share.value, st.share.decimals, [st.amount.amount(st.cell)], whole.amounts,
                                  arith.floor))
        lists.setdefault(whole_subject, []).append((st, figure, whole, agrees))
    for listed in lists.values():
        balanced = balanced_total((st.share.value, st.share.decimals, _exact(figure, whole))   # type: ignore[union-attr]
                                  for st, figure, whole, _ in listed)
        for st, figure, whole, agrees in listed:
            found = None if agrees else _share_finding(document, st, figure, whole, balanced, arith)
            if found is not None:
                yield found


def _whole_figure(document: Disclosure, subject: str) -> Optional[Figure]:
    return sangong_figure(document, subject) if subject in SANGONG_ROWS else None


def _exact(figure: Figure, whole: Figure) -> Optional[Decimal]:
    return figure.value / whole.value * 100 if whole.value else None


def _share_finding(document: Disclosure, st: Statement, figure: Figure, whole: Figure,
                   balanced: Optional[Decimal], arith: Arithmetic) -> Optional[Finding]:
    share = st.share
    assert share is not None
    expected = percent(figure.value, whole.value, max(share.decimals, 2))
    exp_text = f"{expected}%" if expected is not None else "无法计算"
    head = (f"说明写“{st.quote}”，按{figure.table.short_label}{figure.what} {format_wan(figure.value)} 万元 ÷ "
            f"{whole.table.short_label}{whole.what} {format_wan(whole.value)} 万元计算应为 {exp_text}")
    where = [Location.at(st.cell, st.place, _word(st)), figure.location(), whole.location()]
    exact = _exact(figure, whole)
    if balanced is not None and exact is not None and abs(share.value - exact) < Decimal(1).scaleb(-share.decimals):
        if any(BALANCING_NOTE.search(p.text) for p in _same_place(document, st)):
            return None
        return Finding("A202", f"{head}。所列各项占比合计 100.00%，而按金额计算、四舍五入后合计为 {balanced}%，"
                               f"{share}% 是为使合计等于 100% 调整尾数（舍位平衡）的结果；请在说明中注明占比经舍位平衡，"
                               "或按计算值列示。", where, severity=Severity.WARNING, actual=str(share.value))
    fix = _share_fix(st, figure, whole, arith)
    return Finding("A202", f"{head}，舍入误差不能解释 {share}% 的差异。", where,
                   expected=str(expected) if expected is not None else None, actual=str(share.value),
                   fixes=[fix] if isinstance(fix, Fix) else [], unfixed=fix if isinstance(fix, str) else "")


def _same_place(document: Disclosure, st: Statement) -> list[Paragraph]:
    narrative = document.narrative
    p = st.paragraph
    return [q for q in (narrative.paragraphs if narrative else [])
            if (q.section, q.subsection, q.part) == (p.section, p.subsection, p.part)]


def _share_fix(st: Statement, figure: Figure, whole: Figure, arith: Arithmetic) -> "Fix | str":
    """The edit of "占 Y%" to the share the tables give, with Y's decimals."""
    share = st.share
    assert share is not None
    if whole.value == 0:
        return "总额为 0，占比无法计算"
    after = percent_like(share.text, figure.value / whole.value * 100)
    if not share_agrees(Decimal(after), share.decimals, figure.amounts, whole.amounts, arith.floor):
        return "按原文的小数位数写不出与表格相符的占比"
    text = clean(st.paragraph.text)
    return Fix.span(st.cell, text, st.share_span[0], st.share_span[1], after)


# ---------------------------------------------------------------------- the narrative's own sums

def _first(statements: list[Statement], subject: str) -> Optional[Statement]:
    return next((st for st in statements if st.subject == subject and st.amount is not None), None)


PROCUREMENT = {"procurement": "政府采购预算", "procurement_goods": "货物", "procurement_works": "工程",
               "procurement_services": "服务", "sme_reserved": "面向中小企业预留", "sme_small": "小微企业预留"}


def _procurement(statements: list[Statement]) -> Iterator[Finding]:
    """政府采购预算 = 货物 + 工程 + 服务 (two kinds at least: one kind named alone is no breakdown), and
    小微企业预留 ≤ 面向中小企业预留 ≤ 政府采购预算, each rounding-aware (A207)."""
    found = {k: st for k in PROCUREMENT if (st := _first(statements, k)) is not None}

    def where(*keys: str) -> list[Location]:
        seen, locs = set(), []
        for k in keys:
            if found[k].cell not in seen:
                seen.add(found[k].cell)
                locs.append(Location.at(found[k].cell, found[k].place, PROCUREMENT[k]))
        return locs

    def amount(k: str):
        return found[k].amount.amount(found[k].cell)     # type: ignore[union-attr]

    kinds = [k for k in ("procurement_goods", "procurement_works", "procurement_services") if k in found]
    if "procurement" in found and len(kinds) >= 2:
        total = found["procurement"]
        agreement = compare([amount(k) for k in kinds], amount("procurement"))
        if agreement is not Agreement.EXACT:
            added = sum((found[k].amount.value for k in kinds), Decimal(0))      # type: ignore[union-attr]
            shown = " ＋ ".join(f"{PROCUREMENT[k]} {found[k].amount}" for k in kinds)
            yield Finding("A207", f"{total.place.replace(' ', '')}政府采购预算 {total.amount} 万元，但{shown} = "
                                  f"{format_wan(added)} 万元，两者应相等。", where("procurement", *kinds),
                          expected=amount_text(added), actual=amount_text(total.amount.value),      # type: ignore[union-attr]
                          severity=Severity.INFO if agreement is Agreement.ROUNDING else None)
    for small, big in (("sme_reserved", "procurement"), ("sme_small", "sme_reserved"), ("sme_small", "procurement")):
        if small not in found or big not in found or (small, big) == ("sme_small", "procurement") and "sme_reserved" in found:
            continue        # 小微 is compared with the 中小企业 reserve it is part of, when that is stated
        agreement = exceeds([amount(small)], [amount(big)])
        if agreement is not Agreement.EXACT:
            yield Finding("A207", f"{found[small].place.replace(' ', '')}{PROCUREMENT[small]}政府采购项目预算 "
                                  f"{found[small].amount} 万元，超过了{PROCUREMENT[big]} {found[big].amount} 万元。",
                          where(small, big),      # no 建议值: "≤ N" is a bound, not a value to enter (A208 alike)
                          actual=amount_text(found[small].amount.value),                              # type: ignore[union-attr]
                          severity=Severity.INFO if agreement is Agreement.ROUNDING else None)


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
                          [Location.at(w.cell, w.place, WORDS[whole])], expected=amount_text(added), actual=amount_text(w.amount.value))

