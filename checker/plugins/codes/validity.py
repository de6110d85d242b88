"""C010–C014: is each printed code in the year's list, and can the list tell?"""
from __future__ import annotations

from typing import Iterator, Optional

from checker.core.findings import Finding, Location
from checker.core.text import norm

from .occurrences import Analysis, Occurrence
from .reference import KINDS, UNCERTAIN, CodeList

LEVEL = {3: "类", 5: "款", 7: "项"}


def grouped(occurrences: list[Occurrence]) -> dict[tuple[str, str], list[Occurrence]]:
    out: dict[tuple[str, str], list[Occurrence]] = {}
    for o in occurrences:
        out.setdefault((o.kind, o.code), []).append(o)
    return out


def _tables(occs: list[Occurrence]) -> str:
    seen: list[str] = []
    for o in occs:
        short = o.table.split(" ", 1)[0]
        if short not in seen:
            seen.append(short)
    return "、".join(seen)


def check(a: Analysis) -> Iterator[Finding]:
    printed = [o for o in a.occurrences if not o.narrative]
    yield from _no_list(a, printed)
    for (kind, code), occs in grouped(printed).items():
        lst = a.list_for(kind)
        if lst is None:
            continue
        locations = [o.at_code() for o in occs]
        name = next((o.name for o in occs if o.name), "")
        shown = f"{code} {name}".rstrip()
        entry = lst.get(code)
        if entry is None and lst.additions_only:
            continue    # C014 says the year has no list; additions cannot tell a code is missing
        if entry is not None:
            if entry.status == UNCERTAIN:
                yield Finding("C013", f"{_tables(occs)} 列出了“{shown}”。{a.year} 年{KINDS[kind]}是否仍有此科目，"
                                      f"随附资料无法确定：{entry.note}请对照 {a.year} 年官方科目表核对"
                                      "（或用 checker codes import 导入官方科目表）。", locations, actual=code)
            continue
        others = a.ref.valid_elsewhere(kind, code, a.year or 0)
        also = "、".join(f"{y} 年（{e.name}）" for y, e in others)
        if lst.branch_complete(code):
            if others:
                yield Finding("C012", f"{_tables(occs)} 的“{shown}”不在 {a.year} 年{KINDS[kind]}中，"
                                      f"而 {also}的科目表有此科目：可能套用了其他年度的科目表或模板"
                                      "（预算年度识别有误时请用 --year 指定）。", locations, actual=code)
                continue
            expected = _by_name(lst, code, name)
            hint = f"按名称应为 {expected}。" if expected else ""
            yield Finding("C010", f"{_tables(occs)} 的“{shown}”不在 {a.year} 年{KINDS[kind]}中"
                                  f"（{_complete_where(lst, code)}）。{hint}请核对编码。",
                          locations, expected=expected, actual=code)
        else:
            hint = f"另：{also}的科目表中有此科目。" if others else ""
            yield Finding("C011", f"{_tables(occs)} 的“{shown}”不在随附的 {a.year} 年{KINDS[kind]}中；"
                                  f"{_incomplete_where(lst, code)}，无法断定编码有误，请对照官方科目表核对。{hint}",
                          locations, actual=code)


def _complete_where(lst: CodeList, code: str) -> str:
    source = "导入的官方科目表" if lst.origin.startswith("imported") else "随附科目表"
    parent = code[:-2] if len(code) > 3 else None
    while parent is not None and lst.get(parent) is None:
        parent = parent[:-2] if len(parent) > 3 else None
    if parent is None:
        return f"{source}中的类级科目清单是完整的"
    return f"{source}中 {parent} {lst.get(parent).name} 下的{LEVEL[len(parent) + 2]}是完整的"


def _incomplete_where(lst: CodeList, code: str) -> str:
    parent = code[:-2] if len(code) > 3 else None
    if parent is None:
        return "随附科目表的类级清单不完整"
    entry = lst.get(parent)
    if entry is None:
        return f"随附科目表没有收录 {parent}，其下的科目不完整"
    return f"随附科目表只收录了 {parent} {entry.name} 下已见文件印过的{LEVEL[len(code)]}"


def _by_name(lst: CodeList, code: str, name: str) -> Optional[str]:
    """A code of the same level whose name is the printed name (under the same 类 first)."""
    if not name:
        return None
    same = [e.code for c, e in sorted(lst.entries.items()) if len(c) == len(code) and norm(e.name) == norm(name)]
    near = [c for c in same if c[:3] == code[:3]]
    pick = near or same
    return pick[0] if len(pick) == 1 else None


def _no_list(a: Analysis, printed: list[Occurrence]) -> Iterator[Finding]:
    kinds = [k for k in KINDS if any(o.kind == k for o in printed)]
    if not kinds:
        return
    where = [Location(sheet="", cell="", table="科目编码")]
    if a.year is None:
        yield Finding("C014", "无法确定预算年度，科目编码和名称没有对照科目表检查；请用 --year 指定年度。", where)
        return
    missing = [k for k in kinds if a.list_for(k) is None or a.list_for(k).additions_only]
    if missing:
        have = "、".join(str(y) for y in a.ref.years(missing[0])
                        if not a.ref.get(missing[0], y).additions_only) or "无"
        only = [k for k in missing if a.list_for(k) is not None]
        extra = f"；{'、'.join(KINDS[k] for k in only)}只有插件或部分导入补充的科目，只核对了这些科目" if only else ""
        yield Finding("C014", f"没有 {a.year} 年的{'、'.join(KINDS[k] for k in missing)}（现有年度：{have}{extra}），"
                              f"这些科目的编码和名称没有对照科目表检查。可用 checker codes import 文件 --year {a.year} "
                              "导入预算系统导出的官方科目表。", where)
