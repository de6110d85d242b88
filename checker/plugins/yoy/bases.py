"""Y008: the overall changes of the narrative measured against one base (预算 or 预算执行数).

Reads the statements the core took from the narrative by the template's sentence shapes
(``document.statements``); templates without such shapes give none, and nothing is reported.
"""
from __future__ import annotations

from typing import Iterator

from checker.core.findings import Finding, Location
from checker.core.model import Disclosure

TOTALS = {"fiscal_income": "财政拨款收入", "fiscal_expense": "财政拨款支出", "gpb_expense": "一般公共预算拨款支出",
          "gov_funds_expense": "政府性基金拨款支出", "soe_expense": "国有资本经营预算拨款支出"}


def check(document: Disclosure) -> Iterator[Finding]:
    stated = [st for st in document.statements if st.subject in TOTALS and st.base and st.direction is not None]
    bases = {st.base for st in stated}
    if len(bases) < 2:
        return
    by_base = {base: [st for st in stated if st.base == base] for base in sorted(bases)}
    said = "；".join(f"“比上年{base}”：{'、'.join(TOTALS[st.subject] for st in sts)}" for base, sts in by_base.items())
    first = [sts[0] for sts in by_base.values()]
    yield Finding("Y008", f"说明中总体增减的比较基数不一致（{said}），增减额因此不可比。请统一按同一基数说明。",
                  [Location.at(st.cell, "情况说明", TOTALS[st.subject]) for st in first],
                  actual="、".join(sorted(bases)))
