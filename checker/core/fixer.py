"""``checker fix``: the edits findings know to be right, applied to a copy of the workbook.

A plugin that knows the one correct value of what it reports attaches :class:`~.findings.Fix`
edits to the finding (its rule declares ``fixable``); this module decides which of them can be
applied and applies them, whatever plugin made them:

* only error-level findings of fixable rules are fixed; a warning needs a person's explanation
  and is never touched, nor an error that carries no fix (its ``unfixed`` says why);
* an edit is applied only where its quote occurs exactly once in the cell, and where the text it
  replaces is still there (compared in matching form: NFKC, no whitespace, as the readers match);
* a finding is fixed whole or not at all; two findings that edit the same text differently are
  both left alone, two that make the same edit share it;
* only the replaced characters of the cell's text change (rich-text runs keep their formatting,
  provided the edit lies within one run).

Numbers are written the way the narrative printed them (:func:`amount_like`, :func:`percent_like`).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable, Iterable, Optional, Union

from .cells import CellRef
from .findings import Finding, Fix, Rule, Severity

NO_UNIQUE_VALUE = "没有唯一的正确值"


# ------------------------------------------------------------------ numbers printed like the original

def _decimals(printed: str) -> int:
    return len(printed.split(".", 1)[1]) if "." in printed else 0


def _quantized(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def amount_like(printed: str, value: Decimal) -> str:
    """``value`` written as ``printed`` was: its decimals when they show ``value`` exactly ("188"
    stays without decimals for 190.00), else two (an amount in 万元 or 元 is exact to the cent),
    thousands separators when ``printed`` had them. ``value`` is in the unit ``printed`` was in."""
    decimals = _decimals(printed)
    if _quantized(value, decimals) != value:
        decimals = max(decimals, 2)
    q = _quantized(value, decimals)
    return f"{q:,.{decimals}f}" if "," in printed else f"{q:.{decimals}f}"


def percent_like(printed: str, value: Decimal) -> str:
    """A percentage with the decimals ``printed`` had, rounded half up as budget systems do."""
    decimals = _decimals(printed)
    return f"{_quantized(abs(value), decimals):.{decimals}f}"


# ------------------------------------------------------------------ locating an edit in a cell

def matching_form(text: str) -> tuple[str, list[int]]:
    """``text`` as the readers match it (NFKC, no whitespace), with the index in ``text`` of each
    character of the result."""
    chars: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(text):
        for n in unicodedata.normalize("NFKC", ch):
            if not n.isspace():
                chars.append(n)
                pos.append(i)
    return "".join(chars), pos


@dataclass(frozen=True)
class Edit:
    """A fix located in the cell's own text: characters ``start:end`` become ``after``."""

    cell: CellRef
    start: int
    end: int
    after: str


def locate(fix: Fix, text: str) -> Union[Edit, str]:
    """Where ``fix`` applies in the cell text ``text``, or why it cannot (Chinese)."""
    if not fix.before:
        return "要修改的文字为空"
    quote, _ = matching_form(fix.quote)
    lead, _ = matching_form(fix.quote[:fix.start])
    before, _ = matching_form(fix.before)
    if not before or quote[len(lead):len(lead) + len(before)] != before:
        return "修改内容与所引原文不符"
    body, pos = matching_form(text)
    hits = []
    i = body.find(quote)
    while i >= 0:
        hits.append(i)
        i = body.find(quote, i + 1)
    if not hits:
        return "单元格中找不到所引的原文（可能分在几个单元格中）"
    if len(hits) > 1:
        return f"同样的文字“{fix.quote}”在单元格中出现了 {len(hits)} 次，无法确定改哪一处"
    first = hits[0] + len(lead)
    return Edit(fix.cell, pos[first], pos[first + len(before) - 1] + 1, fix.after)


# ------------------------------------------------------------------ the plan

@dataclass
class Change:
    """One edit applied to a cell, with the findings it fixes."""

    edit: Edit
    findings: list[Finding]
    before_text: str            # the cell's text before and after every edit of that cell
    after_text: str = ""

    @property
    def where(self) -> str:
        return str(self.edit.cell)


@dataclass
class Skipped:
    """A finding the fix leaves alone, and why."""

    finding: Finding
    reason: str


@dataclass
class Plan:
    """What a fix will change, which findings that fixes, and which it leaves."""

    changes: list[Change] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


CellText = Callable[[CellRef], Optional[str]]


def plan_fixes(findings: Iterable[Finding], rules: dict[str, Rule], cell_text: CellText) -> Plan:
    """Which fixes of ``findings`` can be applied, given each cell's current text."""
    plan = Plan()
    wanted: list[tuple[Finding, list[Edit]]] = []
    for f in findings:
        rule = rules.get(f.rule)
        if rule is None or not rule.fixable or f.severity is not Severity.ERROR:
            continue
        if not f.fixes:
            plan.skipped.append(Skipped(f, f.unfixed or NO_UNIQUE_VALUE))
            continue
        edits: list[Edit] = []
        why = ""
        for fix in f.fixes:
            text = cell_text(fix.cell)
            if text is None:
                why = f"{fix.cell} 不是文字单元格"
                break
            found = locate(fix, text)
            if isinstance(found, str):
                why = found
                break
            edits.append(found)
        if why:
            plan.skipped.append(Skipped(f, why))
        else:
            wanted.append((f, list(dict.fromkeys(edits))))
    # two findings that edit overlapping text: the same edit is shared, different ones are dropped
    clash: set[int] = set()
    for i, (fi, ei) in enumerate(wanted):
        for j in range(i + 1, len(wanted)):
            for a in ei:
                for b in wanted[j][1]:
                    if a.cell == b.cell and a.start < b.end and b.start < a.end and a != b:
                        clash |= {i, j}
    by_edit: dict[Edit, Change] = {}
    for i, (f, edits) in enumerate(wanted):
        if i in clash:
            plan.skipped.append(Skipped(f, "另一条结果要把同一处改成不同的内容，须人工判断"))
            continue
        plan.fixed.append(f)
        for e in edits:
            change = by_edit.get(e)
            if change is None:
                change = by_edit[e] = Change(e, [], cell_text(e.cell) or "")
                plan.changes.append(change)
            change.findings.append(f)
    by_cell: dict[CellRef, list[Change]] = {}
    for change in plan.changes:
        by_cell.setdefault(change.edit.cell, []).append(change)
    for cell, changes in by_cell.items():
        text = changes[0].before_text
        for change in sorted(changes, key=lambda c: c.edit.start, reverse=True):
            text = text[:change.edit.start] + change.edit.after + text[change.edit.end:]
        for change in changes:
            change.after_text = text
    plan.changes.sort(key=lambda c: (c.edit.cell.sheet, c.edit.cell.row, c.edit.cell.col, c.edit.start))
    return plan


_SENTENCE_END = "。；;：:"


def context(text: str, start: int, end: int, replacement: Optional[str] = None, before: int = 24,
            after: int = 16) -> str:
    """The edited place with the words around it, for the list of changes: back to the start of
    its sentence (at most ``before`` characters), on to the end of it (at most ``after``)."""
    middle = text[start:end] if replacement is None else replacement
    a = max(0, start - before)
    cut = max(text.rfind(mark, a, start) for mark in _SENTENCE_END)
    a = cut + 1 if cut >= 0 else a
    b = min(len(text), end + after)
    stops = [i for i in (text.find(mark, end, b) for mark in _SENTENCE_END) if i >= 0]
    b = min(stops) + 1 if stops else b
    return ("…" if a > 0 and cut < 0 else "") + text[a:start].lstrip() + middle + text[end:b] + \
        ("…" if b < len(text) else "")


def change_lines(plan: Plan, rules: dict[str, Rule]) -> list[str]:
    """The changes and the findings left alone, as the command prints them (Chinese)."""
    lines = []
    for c in plan.changes:
        e = c.edit
        codes = "、".join(dict.fromkeys(f.rule for f in c.findings))
        titles = "；".join(dict.fromkeys(rules[f.rule].title for f in c.findings if f.rule in rules))
        lines.append(f"修改 {c.where}（{codes} {titles}）：“{c.before_text[e.start:e.end]}”改为“{e.after}”")
        lines.append(f"    原文：{context(c.before_text, e.start, e.end)}")
        lines.append(f"    改后：{context(c.before_text, e.start, e.end, e.after)}")
    for s in plan.skipped:
        loc = s.finding.locations[0] if s.finding.locations else None
        where = str(loc) if loc is not None else ""
        lines.append(f"未自动修改：{where} {s.finding.rule} {s.finding.message}——原因：{s.reason}。")
    return lines


# ------------------------------------------------------------------ applying to an openpyxl workbook

def workbook_text(wb: Any) -> CellText:
    """The text of a cell of an openpyxl workbook (plain or rich text), None for other cells."""
    def text(cell: CellRef) -> Optional[str]:
        if cell.sheet not in wb.sheetnames:
            return None
        value = wb[cell.sheet].cell(cell.row + 1, cell.col + 1).value
        if isinstance(value, str):
            return value
        if _is_rich(value):
            return str(value)
        return None
    return text


def _is_rich(value: object) -> bool:
    from openpyxl.cell.rich_text import CellRichText

    return isinstance(value, CellRichText)


def apply_plan(plan: Plan, wb: Any) -> list[Skipped]:
    """Write ``plan``'s changes into ``wb``; a rich-text cell whose edit would straddle two runs is
    left as it was, and the findings of its changes are returned as skipped."""
    by_cell: dict[CellRef, list[Change]] = {}
    for change in plan.changes:
        by_cell.setdefault(change.edit.cell, []).append(change)
    undone: list[Skipped] = []
    for cell, changes in by_cell.items():
        target = wb[cell.sheet].cell(cell.row + 1, cell.col + 1)
        if isinstance(target.value, str):
            target.value = changes[0].after_text
            continue
        rich = _edited_rich(target.value, [c.edit for c in changes])
        if rich is None:
            for c in changes:
                undone.extend(Skipped(f, "修改处跨越了格式不同的几段文字") for f in c.findings)
            continue
        target.value = rich
    if undone:
        gone = {id(s.finding) for s in undone}
        plan.changes = [c for c in plan.changes if not any(id(f) in gone for f in c.findings)]
        plan.fixed = [f for f in plan.fixed if id(f) not in gone]
        plan.skipped.extend(undone)
    return undone


def _edited_rich(value: Any, edits: list[Edit]) -> Optional[Any]:
    """A CellRichText with ``edits`` made inside its runs, or None when one crosses a run boundary."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock

    parts = list(value)
    bounds = []
    pos = 0
    for part in parts:
        text = part.text if isinstance(part, TextBlock) else str(part)
        bounds.append((pos, pos + len(text)))
        pos += len(text)
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        k = next((k for k, (a, b) in enumerate(bounds) if a <= e.start and e.end <= b), None)
        if k is None:
            return None
        a = bounds[k][0]
        part = parts[k]
        text = part.text if isinstance(part, TextBlock) else str(part)
        new = text[:e.start - a] + e.after + text[e.end - a:]
        parts[k] = TextBlock(part.font, new) if isinstance(part, TextBlock) else new
    return CellRichText(parts)


# ------------------------------------------------------------------ checking the copy again

def key(f: Finding) -> tuple:
    """A finding's identity across two checks of (nearly) the same workbook."""
    loc = f.locations[0] if f.locations else None
    return (f.rule, str(loc) if loc is not None else "", f.expected, f.actual)


@dataclass
class Recheck:
    """The fixed copy checked again: what it still reports and what is new."""

    still: list[Finding]        # fixed findings the copy still reports
    new: list[Finding]          # warnings and errors of the copy the original did not have


def recheck(before: list[Finding], fixed: list[Finding], after: list[Finding]) -> Recheck:
    """A fixed finding is still there when the copy reports it with the same figures; a finding is
    new when its rule reports nothing at that place in the original (one whose figures moved with
    the edit, such as a sum of parts, is the same finding)."""
    after_keys = {key(f) for f in after}
    before_places = {key(f)[:2] for f in before}
    still = [f for f in fixed if key(f) in after_keys]
    new = [f for f in after if f.severity is not Severity.INFO and key(f)[:2] not in before_places]
    return Recheck(still, new)
