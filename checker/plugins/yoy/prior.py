"""Y030–Y031: the stated changes against last year's disclosure (``--prior``).

Each statement's subject is looked up in both years' tables (a 项 by its code, by its name when the
code changed between the years' classification lists); subjects without a table of their own
(机关运行经费) by the amount last year's narrative stated for them.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Iterator, Optional, Sequence

from checker.core.findings import Finding, Location, amount_text
from checker.core.model import Amount, Disclosure
from checker.core.rounding import Agreement, compare, interval, percent_agrees

from .coverage import ItemCoverage
from .figures import figure, item_names, item_rows, prior_item_row, standard_subjects
from .fixes import attach, change_fix, percent_fix
from .statements import ChangeStatement, read_statements
from .subjects import Subject
from .text import direction_of, fmt, fmt_pct, matching
from checker.core.model import TableRole
from ...core.text import lazy_pattern


def _negated(a: Amount) -> Amount:
    return Amount(-a.value, a.cell, a.unit, a.precision, a.raw)


def _prior_amount(st: ChangeStatement, document: Disclosure, prior: Disclosure,
                  prior_statements: Sequence[ChangeStatement], cov: ItemCoverage) -> tuple[Optional[Amount], str]:
    """Last year's amount for this statement's subject and where it was found."""
    if st.subject.kind == "item":
        pt5 = prior.table(TableRole.GPB_FUNCTION)
        if pt5 is None or pt5.column("合计") is None:
            return None, ""
        match = cov.matches.get(id(st))
        row = prior_item_row(pt5, match.row if match else None, st.subject)
        if row is None:
            return Amount(Decimal(0), pt5.title_cell, precision=Decimal(0)), f"上年{pt5.short_label} 无此项"
        amount = row.amount(pt5.column("合计")) or Amount(Decimal(0), row.cell_in(pt5.column("合计")), precision=Decimal(0))
        return amount, f"上年{pt5.short_label} {row.code} {row.name}"
    fig = figure(prior, st.subject)
    if fig is not None:
        return fig.amount, f"上年{fig.table.short_label}{fig.row.label}"
    if st.subject.kind in ("operating", "other"):
        for old in prior_statements:
            if old.subject.ident == st.subject.ident and old.current is not None:
                return old.current, f"上年情况说明{old.section.label[4:]}"
    return None, ""


def check(document: Disclosure, statements: Sequence[ChangeStatement], prior: Optional[Disclosure],
          cov: ItemCoverage) -> Iterator[Finding]:
    if prior is None or document.narrative is None:
        return
    prior_statements = read_statements(prior)
    for st in statements:
        found = _against_prior(st, document, prior, prior_statements, cov)
        if found:
            yield found
    yield from _vanished(document, statements, prior)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _against_prior(st: ChangeStatement, document: Disclosure, prior: Disclosure,
                   prior_statements: Sequence[ChangeStatement], cov: ItemCoverage) -> Optional[Finding]:
    last, source = _prior_amount(st, document, prior, prior_statements, cov)
    if last is None:
        return None
    fig = figure(document, st.subject)
    current = fig.amount if fig is not None else st.current
    if current is None:
        return None
    expected = current.value - last.value
    where = f"（本年 {fmt(current.value)} − {source} {fmt(last.value)}）"
    if st.change_amount is not None:
        if compare([st.change_amount], [current, _negated(last)]) is not Agreement.BROKEN:
            return None
        if st.change == _cents(current.value) - _cents(last.value):
            return None     # the difference of the two totals as the narrative prints them (万元, 2 places)
        said = "持平" if st.flat else f"{st.amount_word}{fmt(abs(st.change))} 万元"
        should = "持平" if expected == 0 else f"{'增加' if expected > 0 else '减少'} {fmt(abs(expected))} 万元"
        return _with_fixes(Finding(
            "Y030",
            f"{st.section.label}{st.subject.label}写比上年{said}，按两年表格应为{should}{where}。",
            [st.location()] + ([fig.location()] if fig is not None else []),
            expected=amount_text(expected), actual=amount_text(st.change)), st, current, last, expected)
    if st.percent is not None and last.value > 0:
        if percent_agrees(abs(st.percent), (interval(current) - interval(last)).magnitude(), interval(last),
                          st.percent_decimals):
            return None
        pct = abs(expected) / last.value * 100
        same_way = (expected >= 0) == (direction_of(st.percent_word) >= 0)
        return attach(Finding(
            "Y030",
            f"{st.section.label}{st.subject.label}写比上年{st.percent_word}{fmt_pct(abs(st.percent), st.percent_decimals)}，"
            f"按两年表格应为{'增长' if expected >= 0 else '下降'} {fmt_pct(pct, st.percent_decimals)}{where}。",
            [st.location()], expected=f"{amount_text(pct)}%", actual=f"{amount_text(abs(st.percent))}%"),
            percent_fix(st, pct) if same_way else "增减方向也须改写，须人工修改")
    return None


def _with_fixes(finding: Finding, st: ChangeStatement, current: Amount, last: Amount, expected: Decimal) -> Finding:
    """Y030's change → the two tables' difference; the percentage too when it no longer fits."""
    fix = change_fix(st, expected)
    if isinstance(fix, str) or st.percent is None:
        return attach(finding, fix)
    finding.fixes.append(fix)
    if last.value > 0 and not percent_agrees(abs(st.percent), (interval(current) - interval(last)).magnitude(),
                                             interval(last), st.percent_decimals):
        pct = percent_fix(st, abs(expected) / last.value * 100)
        if isinstance(pct, str):
            finding.fixes, finding.unfixed = [], pct
        else:
            finding.fixes.append(pct)
    return finding


_GONE = lazy_pattern(r"不再(?:安排|列支|保留|设置|发生)|取消|撤销|已?完成|到期")


def says_all_gone(st: ChangeStatement) -> bool:
    """Does the statement say the item is gone: "减少 … 下降 100%", or a decrease whose reason says
    "不再安排"/"取消"/…?"""
    if st.direction >= 0:
        return False
    if st.percent is not None and direction_of(st.percent_word) < 0 and abs(st.percent) == 100:
        return True
    return bool(_GONE.search(st.reason_text))


def _not_all_gone(st: ChangeStatement, what: str, old_value: Decimal, location: Location) -> Finding:
    return Finding(
        "Y031",
        f"{what}上年为 {fmt(old_value)} 万元，本年已为零，但{st.section.label}的说明“{st.quote()}”没有写"
        f"“比上年减少 {fmt(old_value)} 万元，下降 100%”（或“本年不再安排”）。",
        [st.location(), location], expected=amount_text(-old_value),
        actual=amount_text(st.change) if st.change is not None else None)


def _vanished(document: Disclosure, statements: Sequence[ChangeStatement], prior: Disclosure) -> Iterator[Finding]:
    template = document.template
    for subject in standard_subjects():
        if template is not None and template.change_place(subject.kind) is None:
            continue    # the template does not ask for this subject's change
        old = figure(prior, subject)
        if old is None or old.value == 0:
            continue
        new = figure(document, subject)
        if new is not None and new.value != 0:
            continue
        if new is None and document.table(old.table.kind) is None:
            continue    # this year's table is missing altogether: a structure finding, not ours
        st = next((st for st in statements if st.subject.ident == subject.ident), None)
        if st is not None:
            if not says_all_gone(st):
                here = new.location() if new is not None else Location.at(
                    document.table(old.table.kind).title_cell, document.table(old.table.kind).label)
                yield _not_all_gone(st, f"{subject.label}", old.value, here)
            continue
        yield Finding(
            "Y031",
            f"上年{old.table.short_label}{subject.label}为 {fmt(old.value)} 万元，本年为零，"
            f"情况说明中没有“比上年减少 {fmt(old.value)} 万元，下降 100%”的说明。",
            [new.location() if new is not None else Location.at(document.table(old.table.kind).title_cell,
                                                                 document.table(old.table.kind).label)],
            expected=amount_text(-old.value))
    pt5, t5 = prior.table(TableRole.GPB_FUNCTION), document.table(TableRole.GPB_FUNCTION)
    place = template.change_place("item") if template is not None else None
    if pt5 is None or t5 is None or pt5.column("合计") is None or place is None:
        return
    items = [st for st in statements if st.subject.kind == "item"]
    for row in item_rows(pt5):
        value = row.value(pt5.column("合计"))
        if value == 0:
            continue
        names = tuple(matching(n) for n in item_names(pt5, row))
        now = prior_item_row(t5, row, _subject_of(names))
        if now is not None and t5.column("合计") is not None and now.value(t5.column("合计")) != 0:
            continue
        st = next((st for st in items if _same_item(st, row.code.code, names)), None)
        if st is not None:
            if not says_all_gone(st):
                yield _not_all_gone(st, f"上年{pt5.short_label}“{row.code} {row.name}”", value,
                                    Location.at(t5.title_cell, t5.label, f"{row.code} {row.name}"))
            continue
        yield Finding(
            "Y031",
            f"上年{pt5.short_label} 有“{row.code} {row.name}”{fmt(value)} 万元，本年{t5.short_label} 已没有这一项，情况说明{place}中"
            f"没有“{names[2]}（项）……比上年预算减少 {fmt(value)} 万元，下降 100%”的说明。",
            [Location.at(t5.title_cell, t5.label, f"{row.code} {row.name}")], expected=amount_text(-value))


def _subject_of(names: tuple[str, ...]) -> Subject:
    return Subject("item", "/".join(names), f"{names[2]}（项）", names, "", (names[2],))


def _same_item(st: ChangeStatement, code: str, names: tuple[str, ...]) -> bool:
    if st.subject.code and st.subject.code == code:
        return True
    return bool(st.subject.names) and st.subject.names[2] == names[2] and \
        all(not s or s == n for s, n in zip(st.subject.names[:2], names[:2]))
