"""Tying every amount and share the narrative states (sections 一 to 十二) to its table value.

The figures are read in the core by the template's labelled sentence shape (``document.statements``,
subject ``figure``; :meth:`narrative_facts.Part.figures_of`), 四's class lists by its
``expense_listing`` shape, the nil statements ("……未安排", "无……", "……为空表") by its ``nil``,
``nil_list`` and ``empty_table`` shapes; still read here, for 五（三）, the 类/款/项 path each figure
follows (:func:`usage_paths`).

Which table a figure restates depends on the section it stands in: a class amount in 四 is a
表4 row, the same class in 五（二） a 表5 row; 基本支出 in 三 is 表3's, in 五（一） 表5's, in 六 表6's.
:func:`bind` makes that choice; :func:`check_amounts` compares and reports (A201 amounts, A202
shares, A209 names not found, A210 sub-items of a class in 四). 机关运行经费 in 十二（一） against 表6
公用经费 is :mod:`narrative_running`'s (A211).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator, Optional, Union

from checker.core.findings import Finding, Fix, Location, Severity, amount_text
from checker.core.fixer import amount_like, percent_like
from checker.core.printed import PrintedAmount
from checker.core.model import Amount, Disclosure, FunctionCode, Paragraph, format_wan
from checker.core.rounding import Agreement, compare
from checker.core.statements import Statement

from . import narrative_tables as nt
from .narrative_compare import BALANCING_NOTE, balanced_total, exceeds, percent, restates, share_agrees
from .narrative_facts import Part, core, prepare, quote, shown
from checker.core.model import TableRole

Bound = Union[nt.Ref, bool, None]     # a Ref; False: the table has no such row; None: not tied


@dataclass
class PrintedShare:
    """One "占 Y%" of a list of shares of the same whole, as checked: what :func:`settle_shares`
    needs to tell a share balanced to make the list add up to 100 % from a wrong one."""

    part: Part
    fact: Statement
    ref: nt.Ref
    whole: nt.Ref
    agrees: bool
    wholes: tuple[nt.Ref, ...] = ()     # every whole it may be of (the fix needs them)

    @property
    def exact(self) -> Optional[Decimal]:
        return self.ref.value / self.whole.value * 100 if self.whole.value else None


@dataclass
class Reporter:
    """Collects the findings of the narrative's amounts against the tables."""

    doc: Disclosure
    floor: Optional[Decimal] = None      # see narrative_compare.floor_of
    findings: list[Finding] = field(default_factory=list)
    shares: dict[tuple[int, str], list[PrintedShare]] = field(default_factory=dict)

    def here(self, part: Part, paragraph: Paragraph, row: str = "") -> Location:
        return Location.at(paragraph.cell, part.label, row)

    def add(self, rule: str, message: str, locations: list[Location], expected: Optional[Decimal] = None,
            actual: Optional[Decimal] = None, severity: Optional[Severity] = None,
            expected_text: Optional[str] = None, actual_text: Optional[str] = None,
            fix: "Optional[Fix | str]" = None) -> None:
        """``fix``: the edit that makes the finding right (a fixable rule), or why there is none."""
        self.findings.append(Finding(rule, message, locations, severity=severity,
                                     expected=expected_text if expected_text is not None else amount_text(expected),
                                     actual=actual_text if actual_text is not None else amount_text(actual),
                                     fixes=[fix] if isinstance(fix, Fix) else [],
                                     unfixed=fix if isinstance(fix, str) else ""))


def amount_fix(rep: Reporter, fact: Statement, refs: list[nt.Ref]) -> "Fix | str":
    """The edit of ``fact``'s amount to the table value it restates, when that value is one."""
    values = {ref.value for ref in refs}
    if len(values) != 1:
        return "说明中的金额可能复述表中不同的数，无法确定唯一的正确值"
    after = amount_like(fact.amount.text, values.pop())
    fixed = PrintedAmount.parse(after)
    if fixed is None or not restates(fixed.amount(fact.paragraph.cell), refs[0].amounts, rep.floor):
        return "按原文的写法无法写出与表格一致的金额"
    text = prepare(fact.paragraph.text)
    return Fix.span(fact.paragraph.cell, text, fact.span[0], fact.span[1], after)


def subject_core(doc: Disclosure, fact: Statement) -> str:
    return core(fact.label, doc.unit)


# ------------------------------------------------------------------------------- binding

def bind(doc: Disclosure, part: Part, fact: Statement, text: str) -> Bound:
    """The table value ``fact`` restates, by the section it stands in."""
    c = subject_core(doc, fact)
    topic, sub = part.topic, part.subtopic
    if topic == "overall":
        if ("支出总预算" in c or "支出预算" in c) and "收支" not in c:
            return nt.t1_expense_total_ref(doc)
        if "收支总预算" in c or "收支预算" in c or "总预算" in c:
            return nt.income_ref(doc, "total")
        return None
    if topic == "income":
        k = nt.source_key(c)
        return nt.income_ref(doc, k) if k else None
    if topic == "expense":
        if "基本支出" in c:
            return nt.total_ref(doc, TableRole.EXPENSE, "基本支出")
        if "项目支出" in c:
            return nt.total_ref(doc, TableRole.EXPENSE, "项目支出")
        if "支出预算" in c or "支出总预算" in c or "支出总计" in c:
            return nt.expense_total_ref(doc)
        return None
    if topic == "gpb_year":
        if sub == "structure" or (not sub and "(类)" in c and "(项)" not in c):
            return nt.class_ref(doc, TableRole.GPB_FUNCTION, c)
        if sub in ("scale", ""):
            if "基本支出" in c:
                return nt.total_ref(doc, TableRole.GPB_FUNCTION, "基本支出")
            if "项目支出" in c:
                return nt.total_ref(doc, TableRole.GPB_FUNCTION, "项目支出")
            if c.endswith("合计") or c.endswith("拨款") or "当年拨款" in c or c.endswith("一般公共预算支出"):
                return nt.total_ref(doc, TableRole.GPB_FUNCTION, "合计", word="合计")
        return None
    if topic == "project":
        # "2024 年一般公共预算项目支出 373.16 万元，共 5 个项目": the projects' own scales are A203's
        if "项目支出" in c and "项目名称" not in c and ("一般公共预算" in c or c.endswith("项目支出")):
            return nt.total_ref(doc, TableRole.GPB_FUNCTION, "项目支出")
        return None
    if topic == "basic":
        if "人员经费" in c:
            return nt.total_ref(doc, TableRole.GPB_BASIC, "人员经费")
        if "公用经费" in c:
            return nt.total_ref(doc, TableRole.GPB_BASIC, "公用经费")
        if "基本支出" in c:
            return nt.total_ref(doc, TableRole.GPB_BASIC, "合计", word="合计")
        return None
    if topic in ("fund", "soe"):
        number = TableRole.GOV_FUNDS if topic == "fund" else TableRole.STATE_CAPITAL
        found = nt.class_ref(doc, number, c)
        if found:
            return found
        if ("支出" in c or "拨款" in c) and ("政府性基金" in c or "国有资本经营" in c):
            return nt.table_total_ref(doc, number)
        return None
    if topic == "carry":
        if "非财政拨款" in c:
            return nt.t11_ref(doc, "nonfiscal")
        if c.startswith("财政拨款"):
            return nt.t11_ref(doc, "fiscal")
        if "结转" in c:
            return nt.t11_ref(doc, "total")
        if c:
            return nt.t11_ref(doc, "total", project=c)
        return None
    return None


def share_whole(doc: Disclosure, part: Part) -> Optional[nt.Ref]:
    """What a share "占 Y%" in this section is a share of."""
    return {
        "income": lambda: nt.income_ref(doc, "total"),
        "expense": lambda: nt.expense_total_ref(doc),
        "gpb_year": lambda: nt.total_ref(doc, TableRole.GPB_FUNCTION, "合计", word="合计"),
        "fiscal": lambda: nt.fiscal_income_ref(doc, "total"),
        "basic": lambda: nt.total_ref(doc, TableRole.GPB_BASIC, "合计", word="合计"),
        "carry": lambda: nt.t11_ref(doc, "total") or None,
    }.get(part.topic, lambda: None)()


# What "占 X 的 Y%" may name as X for the section's whole; a share said to be of something else
# ("占财政拨款的 Y%" in 二) is not checked rather than checked against the wrong whole.
_WHOLE_WORDS = {
    "income": (("收入",), ("本年收入", "财政拨款", "一般公共预算", "上年")),
    "expense": (("支出",), ("基本支出", "项目支出", "一般公共预算", "财政拨款", "本年")),
    "gpb_year": (("一般公共预算", "当年拨款", "支出", "拨款"), ("基本支出", "项目支出", "收支")),
    "fiscal": (("财政拨款", "支出", "收入"), ("一般公共预算支出", "基本支出", "项目支出")),
    "basic": (("基本支出",), ()),
    "carry": (("结转", "结余"), ()),
}


def names_the_whole(part: Part, share_of: str) -> bool:
    """Is "占 ``share_of`` 的 Y%" a share of what :func:`share_whole` gives for ``part``? An empty
    ``share_of`` ("占 Y%", "占比 Y%") is."""
    s = re.sub(r"\s+", "", share_of).strip("的")
    if not s or s in ("总", "总额", "总数", "全部", "合计", "总计"):
        return True
    words, others = _WHOLE_WORDS.get(part.topic, ((), ()))
    return any(w in s for w in words) and not any(o in s for o in others)


# ------------------------------------------------------------------------------- checks

def check_amounts(doc: Disclosure, parts: list[Part], floor: Optional[Decimal] = None) -> list[Finding]:
    rep = Reporter(doc, floor)
    for part in parts:
        if part.topic == "fiscal":
            _fiscal(rep, part)
        elif part.topic == "gpb_year" and (part.subtopic == "usage" or _has_paths(doc, part)):
            _usage(rep, part)
        elif part.topic not in ("other", "sangong"):      # 十: the template's statements (stated.py)
            _plain(rep, part)
        _zero_statements(rep, part)
    settle_shares(rep)
    return rep.findings


def _plain(rep: Reporter, part: Part) -> None:
    for p in part.paragraphs:
        text = prepare(p.text)
        for fact in part.figures_of(p):
            ref = bind(rep.doc, part, fact, text)
            if ref is None and _amount_of_an_empty_table(rep, part, fact):
                continue
            _report(rep, part, fact, ref, expect_item=_expects_item(part, fact))


def _amount_of_an_empty_table(rep: Reporter, part: Part, fact: Statement) -> bool:
    """八/九 give an amount other than nil ("政府性基金预算拨款支出 5.00 万元") while 表8/表9 is
    empty: the narrative and the table contradict each other (A201); reported once per paragraph."""
    role = {"fund": TableRole.GOV_FUNDS, "soe": TableRole.STATE_CAPITAL}.get(part.topic)
    table = rep.doc.table(role) if role is not None else None
    if table is None or not table.is_empty or fact.amount.value == 0:
        return False
    if any(f.rule == "A201" and f.locations[0] == rep.here(part, fact.paragraph) for f in rep.findings):
        return True
    rep.add("A201", f"{part.name}写{quote(fact, share=False)}，但{table.short_label}为空表（没有任何金额），说明与表格矛盾："
                    "请核对说明中的金额，或补填该表。",
            [rep.here(part, fact.paragraph), Location.at(table.empty_statement_cell or table.title_cell, table.label)],
            actual=fact.amount.value, fix="表为空表：无法确定是说明的金额还是表格有误")
    return True


def _expects_item(part: Part, fact: Statement) -> bool:
    """Is the subject meant to be a row of the table (so that not finding it is worth saying)?"""
    if part.topic == "gpb_year" and part.subtopic == "structure":
        return True
    if part.topic == "carry":
        return bool(re.match(r"^\s*(?:\d{1,2}\s*[、.．](?!\d)|[(（])", fact.label)) or fact.clause == 0
    return False


def _report(rep: Reporter, part: Part, fact: Statement, ref: Bound, expect_item: bool = False,
            also: tuple[nt.Ref, ...] = (), wholes: tuple[nt.Ref, ...] = ()) -> None:
    doc = rep.doc
    if ref is False:
        if expect_item:
            rep.add("A209", f"{part.name}写{quote(fact)}，但在相应的表中找不到“{shown(fact.label, doc.unit)}”，"
                            "无法核对。请检查名称是否与表中一致。",
                    [rep.here(part, fact.paragraph, shown(fact.label, doc.unit))], actual=fact.amount.value)
        return
    if ref is None:
        return
    stated = fact.amount.amount(fact.paragraph.cell)
    if not restates(stated, ref.amounts, rep.floor) and not any(restates(stated, r.amounts, rep.floor) for r in also):
        rep.add("A201", f"{part.name}写{quote(fact, share=False)}，但{ref.shown()}，两者应一致：说明中应为 "
                        f"{format_wan(ref.value)} 万元。",
                [rep.here(part, fact.paragraph, shown(fact.label, doc.unit)), ref.location()],
                expected=ref.value, actual=fact.amount.value, fix=amount_fix(rep, fact, [ref, *also]))
    if fact.share is not None:
        _share(rep, part, fact, ref, stated, wholes)


def _share(rep: Reporter, part: Part, fact: Statement, ref: nt.Ref, stated: Amount,
           wholes: tuple[nt.Ref, ...] = ()) -> None:
    """"占 Y%" against the section's whole; ``wholes`` are other wholes the share may be of (四:
    a class in the 一般公共预算 list may be a share of that column's total), the first one preferred."""
    section_whole = share_whole(rep.doc, part)
    candidates = [w for w in (*wholes, section_whole) if w is not None and w.cell != ref.cell]
    if not candidates or fact.share is None or not names_the_whole(part, fact.share_of):
        return
    share, dec = fact.share.value, fact.share.decimals
    agreed = next((whole for whole in candidates
                   if share_agrees(share, dec, ref.amounts, whole.amounts, rep.floor)
                   or share_agrees(share, dec, [stated], whole.amounts, rep.floor)), None)
    whole = agreed or candidates[0]
    # reported once the whole list is known (settle_shares): a list balanced to 100 % changes the verdict
    rep.shares.setdefault((id(part), whole.what), []).append(
        PrintedShare(part, fact, ref, whole, agreed is not None, tuple(candidates)))


def settle_shares(rep: Reporter) -> None:
    """A202 for every share that the amounts do not explain. Where the shares of one list over one
    whole print exactly 100.00 % in all while the exact shares, rounded, do not add up to 100 %, the
    list was balanced (舍位平衡: a budget system moves the last digit of some shares so that the list
    totals 100 %): a share within one unit of its last digit of the exact value is then a warning
    that says so, with no 建议值 — entering the exact value would break the list's total. Where the
    narrative itself says the shares were balanced (what ``checker draft`` writes under such a
    list), the warning has its explanation and is not reported."""
    for shares in rep.shares.values():
        balanced = _balanced(shares)
        for s in shares:
            if s.agrees:
                continue
            fact, ref, whole, part = s.fact, s.ref, s.whole, s.part
            dec = fact.share.decimals
            expected = percent(ref.value, whole.value, max(dec, 2))
            exp_text = f"{expected}%" if expected is not None else "无法计算"
            head = (f"{part.name}写{quote(fact)}，按{ref.what} {format_wan(ref.value)} 万元 ÷ {whole.what} "
                    f"{format_wan(whole.value)} 万元计算应为 {exp_text}")
            where = [rep.here(part, fact.paragraph, shown(fact.label, rep.doc.unit)), ref.location(), whole.location()]
            unit = Decimal(1).scaleb(-dec)
            if balanced is not None and s.exact is not None and abs(fact.share.value - s.exact) < unit:
                if any(BALANCING_NOTE.search(p.text) for p in part.paragraphs):
                    continue
                rep.add("A202", f"{head}。所列各项占比合计 100.00%，而按金额计算、四舍五入后合计为 {balanced}%，"
                                f"{fact.share}% 是为使合计等于 100% 调整尾数（舍位平衡）的结果；请在说明中注明占比经舍位平衡，"
                                "或按计算值列示。",
                        where, actual_text=str(fact.share.value), severity=Severity.WARNING)
            else:
                rep.add("A202", f"{head}，舍入误差不能解释 {fact.share}% 的差异。", where,
                        expected_text=str(expected) if expected is not None else None, actual_text=str(fact.share.value),
                        fix=_share_fix(rep, fact, ref, list(s.wholes)))


def _balanced(shares: list[PrintedShare]) -> Optional[Decimal]:
    return balanced_total((s.fact.share.value, s.fact.share.decimals, s.exact) for s in shares)


def _share_fix(rep: Reporter, fact: Statement, ref: nt.Ref, wholes: list[nt.Ref]) -> "Fix | str":
    """The edit of "占 Y%" to the share of the one whole it can be of, with Y's decimals."""
    share = fact.share
    assert share is not None
    if len({w.value for w in wholes}) != 1:
        return "占比可能是几个不同总额中的一个，无法确定唯一的正确值"
    if wholes[0].value == 0:
        return "总额为 0，占比无法计算"
    after = percent_like(share.text, ref.value / wholes[0].value * 100)
    if not share_agrees(Decimal(after), share.decimals, ref.amounts, wholes[0].amounts, rep.floor):
        return "按原文的小数位数写不出与表格相符的占比"
    start, end = fact.share_span
    return Fix.span(fact.paragraph.cell, prepare(fact.paragraph.text), start, end, after)


# ------------------------------------------------------------------------------- 四

def _fiscal(rep: Reporter, part: Part) -> None:
    """四: 财政拨款收支总预算, the income sources and the class amounts with what they are 主要用于."""
    doc = rep.doc
    for p in part.paragraphs:
        listing = part.said(p, "expense_listing")
        if listing:
            _fiscal_classes(rep, part, p, listing[0].names[0] if listing[0].names else "")
            continue
        for fact in part.figures_of(p):
            c = subject_core(doc, fact)
            if "总预算" in c or "收支预算" in c or "收入总计" in c:
                ref: Bound = nt.fiscal_income_ref(doc, "total")
            else:
                k = nt.source_key(c)
                ref = nt.fiscal_income_ref(doc, k) if k in ("GPB", "FUND", "SOE") else None
                if ref is None and c.startswith("财政拨款") and "收入" in c and "支出" not in c:
                    ref = nt.fiscal_income_ref(doc, "total")        # "财政拨款收入预算 X 万元"
                elif ref is None and c.startswith("财政拨款") and "支出" in c and "收入" not in c:
                    ref = nt.fiscal_expense_total_ref(doc)           # "财政拨款支出预算 X 万元"
                if ref is None:     # a class stated on its own line: "1、一般公共服务支出（类）X 万元"
                    ref = nt.class_ref(doc, TableRole.FISCAL_SUMMARY, c) or None
            _report(rep, part, fact, ref)


def _budget_column(kind: str) -> tuple[str, ...]:
    if kind.startswith("一般公共预算"):
        return ("一般公共预算",)
    if kind.startswith("政府性基金"):
        return ("政府性基金预算",)
    if kind.startswith("国有资本经营"):
        return ("国有资本经营预算",)
    return ("合计",)


def _fiscal_classes(rep: Reporter, part: Part, p: Paragraph, kind: str) -> None:
    doc = rep.doc
    cols = _budget_column(kind)
    current: Optional[tuple[Statement, nt.Ref]] = None
    subs: list[tuple[Statement, str]] = []
    for fact in part.figures_of(p):
        c = subject_core(doc, fact)
        found = nt.class_ref(doc, TableRole.FISCAL_SUMMARY, c, cols, word=cols[0])
        if found:
            if current:
                _sub_items(rep, part, current, subs)
            _report(rep, part, fact, found, wholes=_column_total(doc, cols))
            current, subs = (fact, found), []
        elif current is not None:
            subs.append((fact, c))
        elif found is False and c.endswith("支出"):
            _report(rep, part, fact, False, expect_item=True)
    if current:
        _sub_items(rep, part, current, subs)


def _column_total(doc: Disclosure, cols: tuple[str, ...]) -> tuple[nt.Ref, ...]:
    """表4 支出总计 in the column a class list of 四 restates (一般公共预算 …)."""
    t4 = nt.usable(doc, TableRole.FISCAL_SUMMARY)
    if t4 is None or cols == ("合计",):
        return ()
    row, col = t4.total_row(), t4.column(*cols)
    if row is None or col is None:
        return ()
    return (nt.Ref(t4, [row], col, f"{t4.short_label}“{row.label}”“{cols[0]}”栏"),)


def _sub_items(rep: Reporter, part: Part, cls: tuple[Statement, nt.Ref], subs: list[tuple[Statement, str]]) -> None:
    """"一般公共服务支出 1,222.89 万元，主要用于机构运行补助 450 万元；人员经费 367.93 万元……": each
    part that names a 项, a 表6 item or a 表7 project restates it; together they cannot exceed the class."""
    doc = rep.doc
    cls_fact, cls_ref = cls
    row = cls_ref.rows[0]
    if not isinstance(row.code, FunctionCode):
        return
    code = row.code.cls
    items = nt.items_in_class(doc, TableRole.GPB_FUNCTION, code)
    econ = nt.economic_rows(doc)
    staff: dict[str, Statement] = {}
    for fact, c in subs:
        if c in ("人员经费", "公用经费"):
            staff[c] = fact
            _within(rep, part, fact, nt.total_ref(doc, TableRole.GPB_BASIC, c))
            continue
        item = nt.match_name(c, items)
        e_row = nt.match_name(c, econ)
        candidates: list[nt.Ref] = []
        t5 = nt.usable(doc, TableRole.GPB_FUNCTION)
        if item is not None and t5 is not None:
            col = t5.column("合计") or nt.first_column(t5.main)
            candidates.append(nt.Ref(t5, [item], col, f"{t5.short_label}“{item.code} {item.name}”“合计”栏"))
        if e_row is not None and e_row.code is not None:
            mapped = nt.mapped_items_ref(doc, e_row.code.code, code)
            if mapped is not None:
                candidates.append(mapped)
            if mapped is not None or item is not None:
                e_ref = nt.economic_ref(doc, e_row, "合计")
                if e_ref is not None:
                    candidates.append(e_ref)
            elif item is None:
                _within(rep, part, fact, nt.economic_ref(doc, e_row, "合计"))
                continue
        if not candidates:
            project = nt.t7_project_ref(doc, c, code_prefix=code)
            if project:
                candidates.append(project)
        if candidates:
            _report(rep, part, fact, candidates[0], also=tuple(candidates[1:]))
    if len(staff) == 2:
        _staff_pair(rep, part, cls_fact, code, staff["人员经费"], staff["公用经费"])
    parts = [f.amount.amount(f.paragraph.cell) for f, _ in subs]
    if parts:
        whole = cls_fact.amount.amount(cls_fact.paragraph.cell)
        agreement = exceeds(parts, [whole])
        if agreement is not Agreement.EXACT:
            total = sum((f.amount.value for f, _ in subs), Decimal(0))
            rep.add("A210", f"{part.name}中{quote(cls_fact, share=False)}“主要用于”的各项合计 {format_wan(total)} 万元，"
                            f"超过了该类支出本身。",
                    [rep.here(part, cls_fact.paragraph, shown(cls_fact.label, doc.unit))],
                    expected=cls_fact.amount.value, actual=total,
                    severity=Severity.INFO if agreement is Agreement.ROUNDING else None)


def _staff_pair(rep: Reporter, part: Part, cls_fact: Statement, code: str, staff: Statement, public: Statement) -> None:
    """人员经费 + 公用经费 stated for one class make up that class's 基本支出 in 表5."""
    t5 = nt.usable(rep.doc, TableRole.GPB_FUNCTION)
    row = nt.code_rows(t5).get(code) if t5 is not None else None
    col = t5.column("基本支出") if t5 is not None else None
    if t5 is None or row is None or col is None:
        return
    basic = nt.Ref(t5, [row], col, f"{t5.short_label}“{row.code} {row.name}”“基本支出”栏")
    pair = [staff.amount.amount(staff.paragraph.cell), public.amount.amount(public.paragraph.cell)]
    agreement = compare(pair, basic.amounts, floor=rep.floor)
    if agreement is Agreement.EXACT:
        return
    total = staff.amount.value + public.amount.value
    rep.add("A210", f"{part.name}中{quote(cls_fact, share=False)}的人员经费 {staff.amount} 万元与公用经费 "
                    f"{public.amount} 万元合计 {format_wan(total)} 万元，而{basic.shown()}；该类的基本支出应等于"
                    "人员经费与公用经费之和。",
            [rep.here(part, cls_fact.paragraph, shown(cls_fact.label, rep.doc.unit)), basic.location()],
            expected=basic.value, actual=total, severity=Severity.INFO if agreement is Agreement.ROUNDING else None)


def _within(rep: Reporter, part: Part, fact: Statement, ref: Optional[nt.Ref]) -> None:
    """A part of an item (其他社会保障缴费 of one class) cannot exceed the item's table total."""
    if ref is None:
        return
    stated = fact.amount.amount(fact.paragraph.cell)
    agreement = exceeds([stated], ref.amounts, rep.floor)
    if agreement is Agreement.EXACT:
        return
    rep.add("A210", f"{part.name}写{quote(fact, share=False)}，超过了{ref.shown()}。",
            [rep.here(part, fact.paragraph, shown(fact.label, rep.doc.unit)), ref.location()],
            expected=ref.value, actual=fact.amount.value,
            severity=Severity.INFO if agreement is Agreement.ROUNDING else None)


# ------------------------------------------------------------------------------- 五（三）

def _has_paths(doc: Disclosure, part: Part) -> bool:
    return next(usage_paths(doc, part), None) is not None


def usage_paths(doc: Disclosure, part: Part) -> Iterator[tuple[Paragraph, tuple[str, str, str], str, Statement]]:
    """五（三）: each 项 the core read in ``part`` ("类（类）款（款）项（项）：…预算数为 X 万元", or the 项 by its
    code), with its 类/款/项 names as printed ("" for those a code stands for) and its code when printed."""
    mine = {id(p) for p in part.paragraphs}
    for st in doc.statements:
        if st.subject != "item" or id(st.paragraph) not in mine:
            continue
        names = st.printed_names
        yield st.paragraph, (("", "", *names) if len(names) < 3 else names)[-3:], st.code, st


def _item_fix(rep: Reporter, st: Statement, ref: nt.Ref) -> "Fix | str":
    """The edit of a 项's amount to its 表5 value."""
    assert st.amount is not None
    after = amount_like(st.amount.text, ref.value)
    fixed = PrintedAmount.parse(after)
    if fixed is None or not restates(fixed.amount(st.cell), ref.amounts, rep.floor):
        return "按原文的写法无法写出与表格一致的金额"
    start, end = st.span
    return Fix.span(st.cell, prepare(st.paragraph.text), start, end, after)


def _usage(rep: Reporter, part: Part) -> None:
    doc = rep.doc
    for p, (cls, kuan, xiang), code, fact in usage_paths(doc, part):
        if fact.amount is None:
            continue
        ref = nt.item_path_ref(doc, cls, kuan, xiang, code)
        if ref is False:
            path = f"{cls}（类）{kuan}（款）{xiang}（项）" if cls else f"{code} {xiang}"
            t5_label = doc.label(TableRole.GPB_FUNCTION)
            rep.add("A209", f"{part.name}写“{path}”{fact.amount} 万元，但{t5_label}中找不到"
                            f"这一科目，无法核对。请检查科目名称是否与{t5_label}一致。",
                    [rep.here(part, p, xiang)], actual=fact.amount.value)
            continue
        if ref is None:
            continue
        stated = fact.amount.amount(p.cell)
        if not restates(stated, ref.amounts, rep.floor):
            rep.add("A201", f"{part.name}写“{xiang}（项）：预算数为 {fact.amount} 万元”，但{ref.shown()}，两者应一致："
                            f"说明中应为 {format_wan(ref.value)} 万元。",
                    [rep.here(part, p, xiang), ref.location()], expected=ref.value, actual=fact.amount.value,
                    fix=_item_fix(rep, fact, ref))


# ------------------------------------------------------------------------------- zero statements

ZERO_CLAIM = "说明称没有这项预算而表中有数，须人工改写这句话"
_EMPTY_TABLE = {"project": TableRole.GPB_PROJECTS, "fund": TableRole.GOV_FUNDS, "soe": TableRole.STATE_CAPITAL,
                "carry": TableRole.CARRYOVER}


def _zero_statements(rep: Reporter, part: Part) -> None:
    """"政府性基金预算未安排" / "无政府性基金预算拨款和国有资本经营预算" / "……为空表" (the core's
    ``nil``, ``nil_list`` and ``empty_table`` statements): the table value the sentence says is nil
    must be nil."""
    doc = rep.doc
    for p in part.paragraphs:
        if part.topic in _EMPTY_TABLE and part.said(p, "empty_table"):
            ref = nt.table_total_ref(doc, _EMPTY_TABLE[part.topic])
            if ref is not None and ref.value != 0:
                rep.add("A201", f"{part.name}称“{prepare(p.text).strip()[:60]}”，但{ref.shown()}，说明与表格矛盾。",
                        [rep.here(part, p), ref.location()], expected=ref.value, actual=Decimal(0), fix=ZERO_CLAIM)
            continue
        by_clause: dict[int, dict[str, Statement]] = {}
        for st in part.said(p, "nil", "nil_list"):
            by_clause.setdefault(st.words[0], {})[st.subject] = st
        for _, said in sorted(by_clause.items()):
            names: list[str] = []
            clause = next(iter(said.values())).printed
            if "nil" in said and part.topic == "income":
                names = [said["nil"].label]
            if "nil_list" in said and part.topic in ("income", "fiscal"):
                names = list(said["nil_list"].names)
            for name in names:
                k = nt.source_key(name)
                if k is None:
                    continue
                ref = nt.income_ref(doc, k) if part.topic == "income" else \
                    (nt.fiscal_income_ref(doc, k) if k in ("GPB", "FUND", "SOE") else None)
                if ref is not None and ref.value != 0:
                    rep.add("A201", f"{part.name}称“{clause}”，但{ref.shown()}，说明与表格矛盾。",
                            [rep.here(part, p, name.strip()), ref.location()], expected=ref.value,
                            actual=Decimal(0), fix=ZERO_CLAIM)
