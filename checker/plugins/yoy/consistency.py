"""Y001–Y006: is each change statement consistent in itself, with the tables, and with its parts?"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Optional, Sequence

from checker.core.findings import Finding, amount_text
from checker.core.model import Amount, Disclosure
from checker.core.rounding import Agreement, Interval, compare, interval, percent_agrees

from .figures import figure, income_figure
from .fixes import attach, current_fix, last_fix, percent_fix
from .statements import ChangeStatement
from .subjects import INCOME_SOURCES, Subject
from .text import direction_of, fmt, fmt_pct, printed
from checker.core.model import TableRole

HUNDRED = Decimal(100)
TINY = Decimal("0.000001")


def _abs(a: Amount) -> Amount:
    return Amount(abs(a.value), a.cell, a.unit, a.precision, a.raw)


def last_year(current: Amount, change: Amount) -> Interval:
    """The interval last year's amount lies in: current − change."""
    return interval(current) - interval(change)


def expected_percent(change: Decimal, current: Decimal) -> Optional[Decimal]:
    last = current - change
    if last <= 0:
        return None
    return abs(change) / last * HUNDRED


def percent_fits(stated: Decimal, decimals: int, change: Amount, current: Amount) -> bool:
    """Does the printed |Y%| fit |X| / (current − X) within the rounding of all three figures?
    A new item (last year zero) conventionally says 增长 100%."""
    stated = abs(stated)
    whole = last_year(current, change)
    part = interval(_abs(change))
    if whole.hi <= 0:
        return stated == (0 if change.value == 0 else HUNDRED)
    if whole.lo <= 0:
        whole = Interval(TINY, whole.hi)
        if change.value != 0 and stated == HUNDRED and current.value == change.value:
            return True
    return percent_agrees(stated, part, whole, decimals)


def check(statements: Sequence[ChangeStatement], document: Disclosure, complete_items: bool) -> Iterator[Finding]:
    for st in statements:
        found = list(_statement(st, document))
        if any(f.rule == "Y003" for f in found) and any(f.rule == "Y001" for f in found):
            # the amount itself is wrong (Y001): a rate that fits the table's amount is right, and
            # only the amount needs mending ("352.67 万元，比上年增加 0.53%" where 表5 has 350.35)
            fig = figure(document, st.subject)
            if fig is not None and not any(f.rule == "Y003" for f in _statement(st, document, fig.amount)):
                found = [f for f in found if f.rule != "Y003"]
        yield from found
    yield from _parts(statements, complete_items)
    yield from _totals(statements, document)
    found = _income_against_expense(statements, document)
    if found:
        yield found


def _statement(st: ChangeStatement, document: Disclosure, instead: Optional[Amount] = None) -> Iterator[Finding]:
    """The findings about one statement; with ``instead``, as if it printed that current amount."""
    fig = figure(document, st.subject)
    if st.current is not None and fig is not None and compare(st.current, fig.amount) is Agreement.BROKEN:
        yield attach(Finding(
            "Y001",
            f"{st.section.label}“{st.quote()}”中{st.subject.label}本年为 {fmt(st.current.value)} 万元，"
            f"{fig.where()}（{fig.row.label}）为 {fmt(fig.value)} 万元。",
            [st.location(), fig.location()], expected=amount_text(fig.value), actual=amount_text(st.current.value)),
            current_fix(st, fig.value))
    words = _words(st)
    if words:
        yield words
    change = st.change_amount
    current = instead or (st.current if st.current is not None else (fig.amount if fig is not None else None))
    if current is None:
        return
    down_all = (st.percent is not None and direction_of(st.percent_word) < 0 and abs(st.percent) == HUNDRED)
    if down_all and current.value != 0:
        yield Finding(
            "Y005",
            f"{st.section.label}“{st.quote()}”写下降 100%，但{st.subject.label}本年为 {fmt(current.value)} 万元"
            f"{'' if st.current is not None else f'（{fig.where()}）'}；下降 100% 时本年应为零。",
            [st.location()] + ([fig.location()] if fig is not None and st.current is None else []),
            expected="0.00", actual=amount_text(current.value))
        return
    if st.last is not None:
        yield from _stated_last(st, current, change)
        return
    if change is None:
        return
    last = last_year(current, change)
    if last.hi < 0:
        yield Finding(
            "Y002",
            f"{st.section.label}“{st.quote()}”：本年 {fmt(current.value)} 万元{_verb(st)} {fmt(abs(change.value))} 万元，"
            f"推算上年为 {fmt(current.value - change.value)} 万元，不可能为负数。",
            [st.location()], actual=amount_text(current.value - change.value))
        return
    if st.percent is not None and not percent_fits(st.percent, st.percent_decimals, change, current):
        exp = expected_percent(change.value, current.value)
        last_mid = current.value - change.value
        if exp is None:
            exp, why = HUNDRED, "上年为零的新增项目按惯例写增长 100%"
        else:
            why = (f"上年 = 本年 {fmt(current.value)} {'−' if change.value >= 0 else '+'} {fmt(abs(change.value))} = "
                   f"{fmt(last_mid)}，{fmt(abs(change.value))} ÷ {fmt(last_mid)}")
        yield attach(Finding(
            "Y003",
            f"{st.section.label}“{st.quote()}”：幅度应为 {fmt_pct(exp, st.percent_decimals)}（{why}），"
            f"写的是 {fmt_pct(abs(st.percent), st.percent_decimals)}。",
            [st.location()], expected=f"{amount_text(exp)}%", actual=f"{amount_text(abs(st.percent))}%"),
            percent_fix(st, exp))


def _stated_last(st: ChangeStatement, current: Amount, change: Optional[Amount]) -> Iterator[Finding]:
    """"上年预算数为 A 万元" printed with the change: A = current − X within rounding (Y007), and Y% is
    |X| ÷ A (Y003)."""
    last = st.last
    word = st.percent_word or st.amount_word
    moved = interval(current) - interval(last)
    if direction_of(word) and (moved.hi < 0 if direction_of(word) > 0 else moved.lo > 0):
        # "上年 45.41 万元，本年 42.60 万元，比上年增加 6.19%": the printed figures say the other way
        yield Finding("Y004", f"{st.section.label}“{st.quote()}”写“{word}”，但本年 {fmt(current.value)} 万元"
                              f"{'少于' if moved.hi < 0 else '多于'}所写的上年 {printed(last)}，增减方向与数字矛盾。",
                      [st.location()], expected="减少" if moved.hi < 0 else "增加", actual=word)
        return
    if change is not None and compare([current, _negated(change)], [last]) is Agreement.BROKEN:
        implied = current.value - change.value
        yield attach(Finding(
            "Y007",
            f"{st.section.label}“{st.quote()}”写上年为 {printed(last)}，但本年 {fmt(current.value)} 万元"
            f"{_verb(st)} {fmt(abs(change.value))} 万元，上年应为 {fmt(implied)} 万元。",
            [st.location()], expected=amount_text(implied), actual=amount_text(last.value)),
            last_fix(st, implied) if implied > 0 else "推算的上年数不大于 0")
    if st.percent is None or last.value <= 0:
        return
    part = interval(_abs(change)) if change is not None else (interval(current) - interval(last)).magnitude()
    if percent_agrees(abs(st.percent), part, interval(last), st.percent_decimals):
        return
    x = abs(change.value) if change is not None else abs(current.value - last.value)
    exp = x / last.value * HUNDRED
    yield attach(Finding(
        "Y003",
        f"{st.section.label}“{st.quote()}”：幅度应为 {fmt_pct(exp, st.percent_decimals)}（说明写上年为 "
        f"{printed(last)}，{fmt(x)} ÷ {fmt(last.value)}），写的是 {fmt_pct(abs(st.percent), st.percent_decimals)}。",
        [st.location()], expected=f"{amount_text(exp)}%", actual=f"{amount_text(abs(st.percent))}%"),
        percent_fix(st, exp))


def _negated(a: Amount) -> Amount:
    return Amount(-a.value, a.cell, a.unit, a.precision, a.raw)


def _verb(st: ChangeStatement) -> str:
    return "比上年" + (st.amount_word or "变化")


def _words(st: ChangeStatement) -> Optional[Finding]:
    d1, d2 = direction_of(st.amount_word), direction_of(st.percent_word)
    problem = ""
    if st.amount is not None and st.percent is not None and d1 and d2 and d1 != d2 \
            and not (st.amount.value == 0 and st.percent == 0):
        problem = f"金额写“{st.amount_word}”，幅度写“{st.percent_word}”"
    elif st.amount is not None and st.amount.value < 0 and d1:
        problem = f"“{st.amount_word}”后面的金额带负号（{st.amount.raw} 万元）"
    elif st.percent is not None and st.percent < 0 and d2:
        problem = f"“{st.percent_word}”后面的幅度带负号（{st.percent}%）"
    if not problem:
        return None
    return Finding("Y004", f"{st.section.label}“{st.quote()}”：{problem}，增减方向前后矛盾。请统一为“增加……增长”"
                           "或“减少……下降”，数字不带负号。", [st.location()])


# ------------------------------------------------------------------ parts and their total

def _first(statements: Sequence[ChangeStatement], kind: str, key: str, section: str = "") -> Optional[ChangeStatement]:
    for st in statements:
        if st.subject.kind == kind and st.subject.key == key and (not section or st.section.key == section):
            return st
    return None


def _sum_finding(total: ChangeStatement, parts: list[ChangeStatement], what: str) -> Optional[Finding]:
    amounts = [p.change_amount for p in parts]
    if total.change_amount is None or any(a is None for a in amounts):
        return None
    if compare(amounts, total.change_amount) is not Agreement.BROKEN:
        return None
    listed = "，".join(f"{p.subject.label} {fmt(p.change)}" for p in parts)
    total_sum = sum((p.change for p in parts), Decimal(0))
    return Finding(
        "Y006",
        f"{total.section.label}{total.subject.label}比上年{'增加' if total.change >= 0 else '减少'} "
        f"{fmt(abs(total.change))} 万元，但{what}的增减额相加为 {fmt(total_sum)} 万元（{listed}）。",
        [total.location()] + [p.location() for p in parts if p.cell != total.cell][:1],
        expected=amount_text(total_sum), actual=amount_text(total.change))


def _parts(statements: Sequence[ChangeStatement], complete_items: bool) -> Iterator[Finding]:
    total = _first(statements, "sangong", "total")
    if total is not None:
        parts = [_first(statements, "sangong", k) for k in ("abroad", "purchase", "operation", "reception")]
        if all(parts):
            found = _sum_finding(total, parts, "因公出国（境）费、公务用车购置费、公务用车运行费、公务接待费")
            if found:
                yield found
        vehicle = _first(statements, "sangong", "vehicle")
        if vehicle is not None and not parts[1] and not parts[2] and parts[0] and parts[3]:
            found = _sum_finding(total, [parts[0], vehicle, parts[3]], "因公出国（境）费、公务用车购置及运行费、公务接待费")
            if found:
                yield found
        if vehicle is not None and parts[1] and parts[2]:
            found = _sum_finding(vehicle, [parts[1], parts[2]], "公务用车购置费、公务用车运行费")
            if found:
                yield found
    gpb_total = _first(statements, "gpb_total", "合计") or _first(statements, "income", "一般公共预算")
    kinds = [_first(statements, "gpb_kind", k, "gpb") for k in ("基本支出", "项目支出")]
    if gpb_total is not None and all(kinds):
        found = _sum_finding(gpb_total, kinds, "五（一）基本支出和项目支出")
        if found:
            yield found
    costs = [_first(statements, "basic_part", k) for k in ("人员经费", "公用经费")]
    if all(costs):
        basic = next((st for st in statements if st.subject.ident == ("gpb_kind", "基本支出")
                      and st.section == costs[0].section), None) or _first(statements, "gpb_kind", "基本支出")
        if basic is not None:
            found = _sum_finding(basic, costs, "人员经费和公用经费")
            if found:
                yield found
    items = [st for st in statements if st.subject.kind == "item" and st.section.subkey == "items"]
    if items and complete_items and gpb_total is not None:
        found = _sum_finding(gpb_total, items, f"五（三）{len(items)} 个项")
        if found:
            yield found


def _all_sources_stated(document: Disclosure, sources: Sequence[Optional[ChangeStatement]]) -> bool:
    """Every income source the tables hold an amount for has its statement (else Y023 says so)."""
    for (key, _), st in zip(INCOME_SOURCES, sources):
        fig = income_figure(document, key)
        if st is None and fig is not None and fig.value != 0:
            return False
    return True


def _totals(statements: Sequence[ChangeStatement], document: Disclosure) -> Iterator[Finding]:
    """"收入预算 18,767.18 万元，比上年增加 …" (一/二) = Σ the sources' changes; "支出预算 …，比上年增加 …"
    (三) = 基本支出 + 项目支出."""
    total = _first(statements, "expense_total", "合计")
    kinds = [_first(statements, "expense_kind", k, "expense") for k in ("基本支出", "项目支出")]
    if total is not None and all(kinds):
        found = _sum_finding(total, kinds, "三中基本支出和项目支出")
        if found:
            yield found
    total = _first(statements, "income_total", "合计")
    sources = [_first(statements, "income", key, "income") for key, _ in INCOME_SOURCES]
    if total is not None and any(sources) and _all_sources_stated(document, sources):
        found = _sum_finding(total, [st for st in sources if st is not None], "二中各收入来源")
        if found:
            yield found


def _income_against_expense(statements: Sequence[ChangeStatement], document: Disclosure) -> Optional[Finding]:
    """Income and expenditure totals are equal (表2 合计 = 表3 合计 = 基本支出 + 项目支出), so the changes
    二 states for the income sources add up to the changes 三 states for 基本支出 and 项目支出. Judged only
    when 二 states every source the tables hold and 三 both kinds."""
    sources = [_first(statements, "income", key, "income") for key, _ in INCOME_SOURCES]
    kinds = [_first(statements, "expense_kind", k, "expense") for k in ("基本支出", "项目支出")]
    if not all(kinds) or not any(sources) or not _all_sources_stated(document, sources):
        return None
    t2, t3 = document.table(TableRole.INCOME), document.table(TableRole.EXPENSE)
    if t2 is None or t3 is None or t2.total_row() is None or t3.total_row() is None:
        return None
    t2_total = t2.total_row().amount(t2.column("合计") or t2.column("总计"))
    t3_total = t3.total_row().amount(t3.column("合计"))
    basic, project = (figure(document, Subject("expense_kind", k, k)) for k in ("基本支出", "项目支出"))
    if t2_total is None or t3_total is None or basic is None or project is None:
        return None
    if compare(t2_total, t3_total) is Agreement.BROKEN or \
            compare([basic.amount, project.amount], t3_total) is Agreement.BROKEN:
        return None     # totals that do not balance, or other expenditure kinds: not this rule's to judge
    stated = [st for st in sources if st is not None]
    amounts_in = [st.change_amount for st in stated]
    amounts_out = [st.change_amount for st in kinds]
    if any(a is None for a in amounts_in + amounts_out):
        return None
    if compare(amounts_in, amounts_out) is not Agreement.BROKEN:
        return None
    sum_in = sum((st.change for st in stated), Decimal(0))
    sum_out = sum((st.change for st in kinds), Decimal(0))
    listed_in = "，".join(f"{st.subject.label} {fmt(st.change)}" for st in stated)
    listed_out = "，".join(f"{st.subject.label} {fmt(st.change)}" for st in kinds)
    return Finding(
        "Y006",
        f"情况说明二中各收入来源的增减额相加为 {fmt(sum_in)} 万元（{listed_in}），三中基本支出和项目支出的增减额相加为 "
        f"{fmt(sum_out)} 万元（{listed_out}）；收入总额等于支出总额（{fmt(t3_total.value)} 万元），两边的增减应相等。"
        "请核对哪一句的增减额写错了，或是否漏写了某一来源的变化。",
        [stated[0].location(), kinds[0].location()], expected=amount_text(sum_in), actual=amount_text(sum_out))
