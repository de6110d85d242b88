"""C001: codes whose digits do not form a 类 (3), 款 (2) or 项 (2), or a joined 3/5/7-digit code."""
from __future__ import annotations

import re
from typing import Iterator, Optional

from checker.core.findings import Finding, Location
from checker.core.model import TableRole, TableRow

from .occurrences import well_formed_code
from ...core.text import lazy_pattern

CODED_TABLES = {TableRole.SUMMARY, TableRole.INCOME, TableRole.EXPENSE, TableRole.FISCAL_SUMMARY, TableRole.GPB_FUNCTION, TableRole.GPB_BASIC,
                TableRole.GPB_PROJECTS, TableRole.GOV_FUNDS, TableRole.STATE_CAPITAL}
# a label that starts with a run of digits and then the name: "2013 一般公共服务支出"
DIGIT_LABEL = lazy_pattern(r"^(\d[\d ]*\d)\s*(?![年月日万元%])([^\d\s、.．:：].*)$")
PART_NAMES = ("类", "款", "项")


def check(document) -> Iterator[Finding]:
    for table in sorted(document.tables.values(), key=lambda t: t.number):
        if table.kind not in CODED_TABLES:
            continue
        economic = table.kind is TableRole.GPB_BASIC
        for side in table.sides:
            if side.name == "income":
                continue
            named = bool(re.search(r"(分类|科目)", side.label_header))
            for row in side.rows:
                problem = _problem(row, economic, named)
                if problem is None:
                    continue
                digits, why = problem
                yield Finding(
                    "C001", f"{table.label} 中“{row.label}”一行的编码“{digits}”位数不对：{why}。"
                            f"{'经济分类' if economic else '功能分类'}编码分列时类 3 位、款 2 位"
                            f"{'' if economic else '、项 2 位'}，合在一起时为 {'3 或 5' if economic else '3、5 或 7'} 位。",
                    [Location.at(row.code_cell or row.cell, table.label, row.label)], actual=digits)


def _problem(row: TableRow, economic: bool, named: bool) -> Optional[tuple[str, str]]:
    placed = [(i, p) for i, p in enumerate(row.code_parts) if p]
    widths = (3, 2) if economic else (3, 2, 2)
    if len(placed) > 1 and any(i >= len(widths) or len(p) != widths[i] for i, p in placed):
        # split columns with a part of the wrong width, even where the digits still add up to a code:
        # "20103 | | 50" is not 类 | 款 | 项
        return " ".join(p for _, p in placed), _placed_text(placed, widths)
    if row.code is not None:
        if not (row.code_parts or named):
            return None     # digits at the start of a project name, not a code
        if well_formed_code(row.code) is not None:
            return None
        # the reader builds an ill-formed code only from a 类 column and a 款 printed before the
        # name ("20 | 50 事业运行", core/reader/codes.py): a 类 and a 款, never a 项
        return row.code.code, _parts_text([p for p in (row.code.cls, row.code.kuan) if p])
    if row.code_parts:
        parts = [p for p in row.code_parts if p]
        digits = "".join(parts)
        if len(parts) > 1:      # each part of its width in its column, and no 类: "| 03 | 50"
            return " ".join(parts), "没有填类，只有" + _placed_text(placed, widths)
        return digits, f"{len(digits)} 位数字不能构成{'类、款' if economic else '类、款、项'}编码"
    m = DIGIT_LABEL.match(row.label) if named else None
    if m:
        digits = m.group(1).replace(" ", "")
        return digits, f"名称前的 {len(digits)} 位数字不能构成{'类、款' if economic else '类、款、项'}编码"
    return None


def _parts_text(parts: list[str]) -> str:
    """The 类 and 款 of a code the reader built, each with its width if wrong."""
    widths = (3, 2)
    said = []
    for i, part in enumerate(parts):
        ok = len(part) == widths[i]
        said.append(f"{PART_NAMES[i]} {part}" + ("" if ok else f"（{len(part)} 位，应为 {widths[i]} 位）"))
    return "、".join(said)


def _placed_text(placed: list[tuple[int, str]], widths: tuple[int, ...]) -> str:
    said = []
    for i, part in placed:
        if i >= len(widths):
            said.append(f"多出 {part}")
        else:
            said.append(f"{PART_NAMES[i]} {part}" + ("" if len(part) == widths[i] else f"（{len(part)} 位，应为 {widths[i]} 位）"))
    return "、".join(said)
