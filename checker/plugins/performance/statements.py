"""What the 情况说明 says about performance targets.

Section 十二（四） counts the projects under performance management ("当年财政拨款项目 5 个，涉及预算
金额 373.16 万元；当年非财政拨款项目 2 个，…", or "当年预算安排项目共 1 个，其中：财政拨款项目涉及
预算金额 450.00 万元…"): the core reads those by the template's sentence shapes (subjects
``target_whole``, ``target_fiscal``, ``target_nonfiscal``, ``target_all``). A later paragraph may
declare 涉密 projects whose tables are not published, or explain why a target table's amount differs
from 表7.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Optional

from checker.core.model import Disclosure, Paragraph
from checker.core.printed import NUMBER, wan
from checker.core.rounding import Agreement, compare
from checker.core.text import norm

from .names import project_key
from ...core.text import lazy_pattern

NUM = rf"({NUMBER})"
SECRET = lazy_pattern(r"(\d+)个涉密项目")
SECRET_AMOUNT = lazy_pattern(rf"涉及(?:预算)?(?:资金|金额){NUM}万元")
# "本部门无涉密项目", "不涉及涉密项目": a statement that there is none, not a declaration
NO_SECRET = lazy_pattern(r"(?:无|没有|不涉及|不存在|未安排|(?<!\d)0个)涉密项目")
MONEY = lazy_pattern(rf"{NUM}(万元|元)")


@dataclass
class Stated:
    """One figure pair the narrative states: ``count`` projects (None when not given), ``amount``."""

    what: str                   # 整体 / 财政拨款 / 非财政拨款 / 全部
    count: Optional[int]
    amount: Optional[Decimal]
    paragraph: Paragraph


# the statements of 十二（四） the core reads by the template's sentence shapes, by what they count
_WHAT = {"target_whole": "整体", "target_fiscal": "财政拨款", "target_nonfiscal": "非财政拨款", "target_all": "全部"}


def stated_counts(document: Disclosure) -> list[Stated]:
    """The numbers of targets and their money the narrative states (``document.statements``)."""
    return [Stated(_WHAT[st.subject], st.count, st.amount.value if st.amount is not None else None, st.paragraph)
            for st in document.statements if st.subject in _WHAT]


@dataclass
class Secret:
    """The narrative's statement of projects that are not disclosed (涉密)."""

    count: Optional[int]
    amount: Optional[Decimal]
    paragraph: Paragraph

    def names(self, name: str) -> bool:
        key = project_key(name)
        return bool(key) and key in norm(self.paragraph.text)


def secret_declarations(document: Disclosure) -> list[Secret]:
    if document.narrative is None:
        return []
    out = []
    for p in document.narrative.paragraphs:
        text = norm(p.text)
        if "涉密" not in text:
            continue
        m = SECRET.search(text)
        a = SECRET_AMOUNT.search(text)
        if a is None and NO_SECRET.search(text) and (m is None or m.group(1) == "0"):
            continue    # "本部门无涉密项目": says there is none
        if m or a or "涉密项目" in text:
            out.append(Secret(int(m.group(1)) if m else None, wan(a.group(1)) if a else None, p))
    return out


def money_in(text: str) -> list[Decimal]:
    """Every amount of the text in 万元 (元 amounts divided by 10,000)."""
    return [wan(m.group(1), m.group(2)) for m in MONEY.finditer(norm(text))]


# words that give a reason for an amount differing from the budget tables
REASON = lazy_pattern(r"调整|调减|调增|追加|结转|划转|划入|划出|收回|统筹|含有|包含")


def explanation(document: Disclosure, name: str, figures: Iterable[Decimal],
                own: Iterable[Decimal] = ()) -> Optional[Paragraph]:
    """A narrative paragraph that names the project and either states one of ``figures`` (the
    difference it explains) or gives a reason (调整, 结转, 含有 …) together with one of ``own`` (the
    target table's own amounts: "机构运行补助经费含有 2024 年结转 140 万元"), or None."""
    if document.narrative is None:
        return None
    key = project_key(name)
    wanted = [abs(f) for f in figures if f != 0]
    mine = [f for f in own if f > 0]
    for p in document.narrative.paragraphs:
        text = norm(p.text)
        if not key or key not in text:
            continue
        amounts = money_in(p.text)
        if any(compare(amount, f) is not Agreement.BROKEN for amount in amounts for f in wanted):
            return p
        if REASON.search(text) and any(compare(amount, f) is not Agreement.BROKEN for amount in amounts for f in mine):
            return p
    return None
