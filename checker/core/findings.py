"""Rules and findings: what a check declares and what it reports."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Optional

from .cells import CellRef
from .text import lazy_pattern

RULE_CODE = lazy_pattern(r"^[SACYP]\d{3}$")

FAMILIES = {
    "S": "结构",
    "A": "算术",
    "C": "科目编码",
    "Y": "增减变化",
    "P": "绩效目标",
}


class Severity(Enum):
    ERROR = "error"       # 强制性: must be fixed before publication
    WARNING = "warning"   # 提示性: must be explained
    INFO = "info"         # for the record, e.g. a difference rounding explains

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def meaning(self) -> str:
        return {"error": "强制性，必须修改", "warning": "提示性，须作出说明", "info": "仅供参考"}[self.value]


@dataclass(frozen=True)
class Rule:
    """A rule a plugin declares through the ``checker_rules`` hook.

    ``title`` is the short Chinese name; ``what``/``why`` say what the rule checks and why it
    matters (the rule's docs entry); ``bad``/``good`` are short examples, Chinese text as a
    disclosure would print it. ``fixable``: where the rule knows the one correct value of what
    it reports, its findings may carry :class:`Fix` edits that ``checker fix`` applies.
    """

    code: str
    severity: Severity
    title: str
    what: str
    why: str
    bad: str
    good: str
    plugin: str = ""
    fixable: bool = False

    def __post_init__(self) -> None:
        if not RULE_CODE.match(self.code):
            raise ValueError(f"rule code {self.code!r} must be S/A/C/Y/P followed by three digits")

    @property
    def family(self) -> str:
        return FAMILIES[self.code[0]]


@dataclass(frozen=True)
class Location:
    """Where a finding points: a cell of a sheet, with the table and row it belongs to."""

    sheet: str
    cell: str                       # "D12"; "" when the finding concerns a whole sheet
    table: str = ""                 # "表2 部门收入总体情况表", "情况说明 五（三）", …
    row: str = ""                   # the row's label, e.g. "201 一般公共服务支出"
    page: Optional[int] = None      # the printed page of a published PDF the row is on (core.pages)

    @classmethod
    def at(cls, ref: Optional[CellRef], table: str = "", row: str = "") -> "Location":
        if ref is None:
            return cls(sheet="", cell="", table=table, row=row)
        return cls(sheet=ref.sheet, cell=ref.address, table=table, row=row)

    def __str__(self) -> str:
        if self.page is not None:       # a published document: its page and the row, as printed
            return " ".join(part for part in (f"第{self.page}页", self.table, self.row) if part)
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        return where or self.table


@dataclass(frozen=True)
class Fix:
    """One precise edit of the narrative's text that a finding knows to be right: in ``cell``,
    replace ``before``, which starts at ``start`` in ``quote``, with ``after``.

    ``quote`` is a stretch of the text around the figure as the plugin read it (cleaned or in
    matching form: :mod:`checker.core.fixer` compares both sides in matching form); it pins the
    place, so that a figure printed twice in one cell is never changed at the wrong place. The
    fixer applies the edit only where ``quote`` occurs exactly once in the cell.
    """

    cell: CellRef
    quote: str
    start: int
    before: str
    after: str

    @classmethod
    def span(cls, cell: CellRef, text: str, start: int, end: int, after: str,
             before_context: int = 14, after_context: int = 8) -> "Fix":
        """The edit of ``text[start:end]`` (``text`` being the paragraph as the plugin read it),
        quoted with a few characters on either side."""
        a, b = max(0, start - before_context), min(len(text), end + after_context)
        return cls(cell, text[a:b], start - a, text[start:end], after)


@dataclass
class Finding:
    """One problem found. ``severity`` defaults to the rule's; ``expected``/``actual`` carry the
    values where the checker can compute them (amounts in 万元, as strings for stable JSON)."""

    rule: str
    message: str
    locations: list[Location] = field(default_factory=list)
    severity: Optional[Severity] = None
    expected: Optional[str] = None
    actual: Optional[str] = None
    plugin: str = ""
    explained: Optional[str] = None     # the 校验说明 text that explains this warning
    fixes: list[Fix] = field(default_factory=list)     # the edits that make it right (fixable rules)
    unfixed: str = ""                   # a fixable rule's finding without fixes: why (Chinese)

    @property
    def family(self) -> str:
        return self.rule[0]

    def sort_key(self) -> tuple:
        loc = self.locations[0] if self.locations else Location("", "")
        return (group_order(loc.table), loc.sheet, _cell_order(loc.cell), self.rule)


_TABLE_LABEL = lazy_pattern(r"^表(\d+)")
_NARRATIVE_LABEL = lazy_pattern(r"^情况说明\s*([一二三四五六七八九十]*)(?:[（(]([一二三四五六七八九十]+)[)）])?")


def group_order(table: str) -> tuple:
    """Reading order of the groups a report lists: 表1 … 表11, then the 情况说明 by section,
    then the target tables and the rest, as a reviewer goes through the document."""
    from .text import chinese_to_int

    m = _TABLE_LABEL.match(table)
    if m:
        return (1, int(m.group(1)), 0, table)
    m = _NARRATIVE_LABEL.match(table)
    if m:
        return (2, chinese_to_int(m.group(1) or ""), chinese_to_int(m.group(2) or ""), table)
    # target tables and the rest: by sheet and cell (the keys that follow), i.e. document order
    return (0 if not table else 3, 0, 0, "")


def _cell_order(cell: str) -> tuple[int, str]:
    digits = "".join(ch for ch in cell if ch.isdigit())
    letters = "".join(ch for ch in cell if ch.isalpha())
    return (int(digits) if digits else 0, letters.rjust(3))


def amount_text(value: Optional[Decimal]) -> Optional[str]:
    """Amounts in findings: ``1234.56`` with two decimals, or None."""
    if value is None:
        return None
    return f"{value.quantize(Decimal('0.01'))}"
