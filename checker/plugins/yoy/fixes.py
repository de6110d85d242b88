"""The edits (``checker fix``) that make a change statement right, where one value is right.

A statement prints up to four figures: this year's amount, the change, the percentage and last
year's amount. When they disagree the tables decide: this year's amount is the table's (Y001);
with last year's disclosure (``--prior``) the change is the two tables' difference (Y030), and
once the change agrees with it a percentage or last year's amount that does not fit is the wrong
one (Y003, Y007). Without ``--prior`` the change or the percentage could be the wrong one: no fix.

Each figure is found in the paragraph's matching form (:class:`~.text.MappedText`): the change
clause once, and the figure inside it (or, for this year's amount, the last time it is printed
before the clause), so that the edit lands on that figure and no other.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable, Optional, Union

from checker.core.findings import Finding, Fix, Location
from checker.core.fixer import amount_like, percent_like
from checker.core.model import YUAN_PER_WAN, Amount
from checker.core.text import MappedText, lazy_pattern

from .statements import AMOUNT_RE, PCT_RE, ChangeStatement
from .text import LAST, direction_of, matching

NEEDS_PRIOR = "没有上年度工作簿（--prior），无法判断是增减额还是这一数字写错了"
_LAST = lazy_pattern(LAST)


def _clause(st: ChangeStatement) -> Union[tuple[str, int, Optional[re.Match[str]]], str]:
    """The paragraph's matching text, where the change clause starts in it, and the clause's match
    (None for "与上年持平")."""
    text = MappedText(st.paragraph.text).text
    clause = matching(st.clause)
    hits = [m.start() for m in re.finditer(re.escape(clause), text)] if clause else []
    if len(hits) != 1:
        return "同样的增减说明在该段出现不止一次，无法确定改哪一处"
    return text, hits[0], AMOUNT_RE.match(clause) or PCT_RE.match(clause)


def _in_unit(value: Decimal, amount: Amount) -> Decimal:
    return value * YUAN_PER_WAN if amount.unit == "元" else value


def current_fix(st: ChangeStatement, value: Decimal) -> Union[Fix, str]:
    """This year's amount (printed before the change clause in the same paragraph) → ``value`` (万元)."""
    current = st.current
    if current is None or current.cell != st.cell:
        return "本年金额写在另一句中，无法确定改哪一处"
    found = _clause(st)
    if isinstance(found, str):
        return found
    text, at, _ = found
    raw = matching(str(current.raw))
    hits = list(re.finditer(rf"(?<![\d.,]){re.escape(raw)}(?!\d)(?={current.unit})", text[:at]))
    if not hits:
        return "无法在原文中定位本年金额"
    m = hits[-1]
    return Fix.span(st.cell, text, m.start(), m.end(), amount_like(raw, _in_unit(value, current)))


def change_fix(st: ChangeStatement, expected: Decimal) -> Union[Fix, str]:
    """The change X → ``expected`` (signed, 万元), when the printed direction stays right."""
    if st.amount is None or st.flat:
        return "说明没有写增减额"
    way = direction_of(st.amount_word)
    if expected == 0 or (expected > 0) != (way > 0) or st.amount.value < 0:
        return "增减方向也须改写，须人工修改"
    return _clause_fix(st, "x", "无法在原文中定位增减额",
                       lambda printed: amount_like(printed, _in_unit(abs(expected), st.amount)))


def percent_fix(st: ChangeStatement, expected: Decimal) -> Union[Fix, str]:
    """The percentage Y → ``expected``, with Y's decimals."""
    return _clause_fix(st, "y", "无法在原文中定位增减幅度", lambda printed: percent_like(printed, expected))


def _clause_fix(st: ChangeStatement, group: str, unfound: str, write) -> Union[Fix, str]:
    """The edit of the change clause's ``group`` ("x" the change, "y" the percentage) to what
    ``write`` makes of the printed figure, or why there is none."""
    found = _clause(st)
    if isinstance(found, str):
        return found
    text, at, m = found
    if m is None or m.group(group) is None:
        return unfound
    start, end = m.span(group)
    return Fix.span(st.cell, text, at + start, at + end, write(m.group(group)))


def last_fix(st: ChangeStatement, expected: Decimal) -> Union[Fix, str]:
    """Last year's amount as printed with the change → ``expected`` (万元)."""
    last = st.last
    assert last is not None
    text = MappedText(st.paragraph.text).text
    raw = matching(str(last.raw))
    hits = [m for m in _LAST.finditer(text) if m.group("last") == raw]
    if not hits:
        return "无法在原文中定位上年数"
    if len(hits) > 1:
        return "上年数在该段出现不止一次，无法确定改哪一处"
    start, end = hits[0].span("last")
    return Fix.span(st.cell, text, start, end, amount_like(raw, _in_unit(expected, last)))


def attach(finding: Finding, fix: Union[Fix, str]) -> Finding:
    if isinstance(fix, Fix):
        finding.fixes.append(fix)
    else:
        finding.unfixed = fix
    return finding


def settle(findings: Iterable[Finding], prior_given: bool) -> list[Finding]:
    """Keep the fixes of Y003 and Y007 only where last year's tables vouch for the change: with
    --prior, and neither the change (Y030) nor this year's amount (Y001) of that statement is wrong."""
    found = list(findings)

    def at(*rules: str) -> set[Location]:
        return {f.locations[0] for f in found if f.rule in rules and f.locations}

    # a percentage is judged against this year's amount, the change and (when printed) last year's
    doubtful = {"Y003": at("Y001", "Y030", "Y007"), "Y007": at("Y001", "Y030")}
    for f in found:
        if f.rule not in doubtful or not f.fixes:
            continue
        if not prior_given:
            f.fixes, f.unfixed = [], NEEDS_PRIOR
        elif f.locations and f.locations[0] in doubtful[f.rule]:
            f.fixes, f.unfixed = [], "同一句的其他数字也不对，先改正它们再核对这一数字"
    return found
