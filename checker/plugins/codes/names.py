"""C020/C021 (and C012 for names): the names printed next to codes, in the tables and in section 五.

Names are compared after :func:`checker.core.text.norm` (full/half-width brackets made equal,
spaces dropped). Where the year's list has the code, every printed name is compared with the list
(C020; a name the code has in another year is C012 instead). Where it has not, the printed names are
compared with each other (C021), the most frequent (then the first) being taken as intended.
"""
from __future__ import annotations

from typing import Iterator

from checker.core.findings import Finding, Fix
from checker.core.text import norm

from .occurrences import Analysis, Occurrence
from .reference import KINDS
from .validity import grouped

LEVEL = {3: "类", 5: "款", 7: "项"}


def _places(occs: list[Occurrence]) -> str:
    seen: list[str] = []
    for o in occs:
        short = o.table.split(" ", 1)[0] if not o.narrative else o.table
        if short not in seen:
            seen.append(short)
    return "、".join(seen)


def check(a: Analysis) -> Iterator[Finding]:
    named = [o for o in a.occurrences if o.name is not None]
    for (kind, code), occs in grouped(named).items():
        lst = a.list_for(kind)
        entry = lst.get(code) if lst is not None else None
        if entry is not None:
            yield from _against_list(a, kind, code, entry.name, occs)
        else:
            yield from _against_each_other(code, occs)


def name_fixes(occs: list[Occurrence], official: str) -> tuple[list[Fix], str]:
    """The edits that put the official name in place of each printed one: only in the narrative
    (the tables' own names are the tables' to correct) and only where the name's place is known."""
    if not all(o.narrative for o in occs):
        return [], "表中的科目名称也写错了，须在表中改正（checker fix 只改情况说明）"
    fixes = []
    for o in occs:
        if o.span is None or o.name is None:
            return [], "无法在说明中定位这一名称"
        quote, start = o.span
        fixes.append(Fix.span(o.name_cell, quote, start, start + len(o.name), official))
    return fixes, ""


def _by_name(occs: list[Occurrence]) -> dict[str, list[Occurrence]]:
    out: dict[str, list[Occurrence]] = {}
    for o in occs:
        out.setdefault(norm(o.name), []).append(o)
    return out


def _against_list(a: Analysis, kind: str, code: str, official: str, occs: list[Occurrence]) -> Iterator[Finding]:
    for key, same in _by_name(occs).items():
        if key == norm(official):
            continue
        printed = same[0].name
        locations = [o.at_name() for o in same]
        if not printed:
            yield Finding("C020", f"{_places(same)} 的{LEVEL[len(code)]} {code} 没有印科目名称，应为“{official}”。",
                          locations, expected=official, actual="")
            continue
        other = a.ref.name_elsewhere(kind, code, printed, a.year or 0)
        if other:
            yield Finding("C012", f"{_places(same)} 把 {code} 写作“{printed}”，这是 {other}的名称；"
                                  f"{a.year} 年{KINDS[kind]}中为“{official}”。",
                          locations, expected=official, actual=printed)
        else:
            fixes, unfixed = name_fixes(same, official)
            yield Finding("C020", f"{_places(same)} 把 {code} 写作“{printed}”，"
                                  f"{a.year} 年{KINDS[kind]}中为“{official}”。",
                          locations, expected=official, actual=printed, fixes=fixes, unfixed=unfixed)


def _against_each_other(code: str, occs: list[Occurrence]) -> Iterator[Finding]:
    variants = {k: v for k, v in _by_name(occs).items() if k}
    if len(variants) < 2:
        return
    intended = max(variants, key=lambda k: len(variants[k]))   # ties: the first printed
    main = variants[intended]
    for key, same in variants.items():
        if key == intended:
            continue
        yield Finding("C021", f"{LEVEL[len(code)]} {code} 在{_places(same)}写作“{same[0].name}”，"
                              f"在{_places(main)}写作“{main[0].name}”，同一科目的名称应当一致。",
                      [o.at_name() for o in same] + [main[0].at_name()],
                      expected=main[0].name, actual=same[0].name)
