"""C002–C004: how coded rows nest and follow each other within a table (or a 表7 unit's block).

Walking the rows top-down keeps the current 类 and 款. A 款 or 项 row belongs under the nearest 类/款
row above it (its positional parent):

* its code does not start with that parent's, and its own parent is nowhere in the block → C002;
* there is no positional parent, its own parent is nowhere in the block, and the block does print
  rows of that level elsewhere → C003 (a block that never prints 款 rows is a flat layout, not an error);
* its own parent is in the block but not above it → C004, as are siblings out of ascending order and
  a code printed twice (表7 repeats a 项 for each project, which is allowed).
"""
from __future__ import annotations

from typing import Iterator, Optional

from checker.core.findings import Finding, Location
from checker.core.model import TableRole
from checker.core.text import norm

from .occurrences import Analysis, CodedRow

LEVEL = {3: "类", 5: "款", 7: "项"}


def blocks(a: Analysis) -> list[list[CodedRow]]:
    out: dict[tuple, list[CodedRow]] = {}
    for r in a.rows:
        group = r.row.unit_group if r.table.kind is TableRole.GPB_PROJECTS else None
        out.setdefault((id(r.side), group), []).append(r)
    return list(out.values())


def check(a: Analysis) -> Iterator[Finding]:
    for block in blocks(a):
        yield from _block(a, block)


def _where(r: CodedRow) -> Location:
    return Location.at(r.row.code_cell or r.row.cell, r.table.label, r.row.label)


def _label(code: str, name: str) -> str:
    return f"{LEVEL[len(code)]} {code} {name}".rstrip()


def _block(a: Analysis, block: list[CodedRow]) -> Iterator[Finding]:
    present: dict[str, int] = {}
    for i, r in enumerate(block):
        present.setdefault(r.code, i)
    names = {r.code: r.name for r in reversed(block)}
    levels = {len(r.code) for r in block}
    repeat_ok = block[0].table.kind is TableRole.GPB_PROJECTS
    current: dict[int, Optional[str]] = {3: None, 5: None}
    last: dict[str, str] = {}
    for i, r in enumerate(block):
        code, n = r.code, len(r.code)
        parent = code[:-2] if n > 3 else None
        if n == 3:
            current = {3: code, 5: None}
        elif current[n - 2] != parent:
            yield from _misplaced(a, r, i, parent, current[n - 2], present, names, levels)
            if n == 5:
                current[5] = code
            continue
        elif n == 5:
            current[5] = code
        key = parent or ""
        prev = last.get(key)
        if prev is not None and (code < prev or (code == prev and not repeat_ok)):
            what = "重复列出" if code == prev else f"排在 {prev} {names.get(prev, '')} 之后，未按编码从小到大排列"
            yield Finding("C004", f"{r.table.label} 中的{_label(code, r.name)}{what}。",
                          [_where(r)], actual=code)
        if prev is None or code > prev:
            last[key] = code


def _misplaced(a: Analysis, r: CodedRow, i: int, parent: str, above: Optional[str], present: dict[str, int],
               names: dict[str, str], levels: set[int]) -> Iterator[Finding]:
    code = r.code
    me = _label(code, r.name)
    if parent in present:
        where = "之前" if present[parent] > i else f"之外（排在{_label(above, names.get(above, ''))}之下）" if above else "之外"
        yield Finding("C004", f"{r.table.label} 中的{me}排在其上级科目{_label(parent, names.get(parent, ''))}{where}，"
                              "应紧随上级科目排列。", [_where(r)], actual=code)
        return
    if above is not None:
        expected = _suggest(a, r, above)
        hint = f"（按名称应为 {expected}）" if expected else ""
        yield Finding("C002", f"{r.table.label} 中的{me}排在{_label(above, names.get(above, ''))}之下，"
                              f"但编码不以 {above} 开头{hint}：编码有误，或缺少其上级科目 {parent} 的行。",
                      [_where(r)], expected=expected, actual=code)
        return
    missing = [p for p in (code[:3], code[:5]) if len(p) < len(code) and p not in present and len(p) in levels]
    if missing:
        said = "、".join(f"{LEVEL[len(p)]} {p}" for p in missing)
        yield Finding("C003", f"{r.table.label} 中的{me}之上缺少其上级科目 {said} 的行（表中其他科目列有{LEVEL[len(missing[-1])]}级行）。",
                      [_where(r)], expected=missing[-1], actual=code)


def _suggest(a: Analysis, r: CodedRow, above: str) -> Optional[str]:
    """The code the row's name has under ``above`` in the year's list, when there is one."""
    lst = a.list_for(r.kind)
    if lst is None or not r.name:
        return None
    for e in lst.children(above):
        if norm(e.name) == norm(r.name):
            return e.code
    return None
