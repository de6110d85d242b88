"""C040 (表6: 人员经费 takes 301 and 303, 公用经费 302 and 310; by the 政府预算经济分类 501 and 509,
公用经费 502) and C041 (表7's economic class column headers: the official 类 names, in code order,
none missing)."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Optional

from checker.core.findings import Finding, Location, Severity, amount_text
from checker.core.model import Column, TableRole
from checker.core.text import norm

from .occurrences import Analysis
from .reference import Entry
from ...core.text import lazy_pattern

PERSONNEL = {"301": "工资福利支出", "303": "对个人和家庭的补助",
             "501": "机关工资福利支出", "509": "对个人和家庭的补助"}      # 政府预算经济分类 where 表6 uses it
PUBLIC = {"302": "商品和服务支出", "310": "资本性支出", "502": "机关商品和服务支出"}


def check(a: Analysis) -> Iterator[Finding]:
    yield from _table6(a)
    yield from _table7(a)


def _table6(a: Analysis) -> Iterator[Finding]:
    t6 = a.document.tables.get(TableRole.GPB_BASIC)
    if t6 is None:
        return
    personnel, public = t6.column("人员经费"), t6.column("公用经费")
    if personnel is None or public is None:
        return
    rows = [r for r in a.rows if r.table is t6 and r.kind in ("economic", "economic_gov")]
    for r in rows:
        cls = r.code[:3]
        if cls in PERSONNEL:
            wrong, right, group = public, personnel, "人员经费"
        elif cls in PUBLIC:
            wrong, right, group = personnel, public, "公用经费"
        else:
            continue
        amount = r.row.amount(wrong)
        if amount is None or amount.value == 0:
            continue
        if len(r.code) == 3 and any(c.code[:3] == cls and len(c.code) == 5 and c.row.amount(wrong) is not None
                                    and c.row.amount(wrong).value != 0 for c in rows):
            continue    # its 款 rows are reported
        class_name = PERSONNEL.get(cls) or PUBLIC[cls]
        yield Finding("C040", f"{t6.short_label} 中 {r.code} {r.row.name} 在“{wrong.key}”栏填了 {amount_text(amount.value)} 万元；"
                              f"{class_name}（{cls}）属于{group}，应填在“{right.key}”栏。",
                      [Location.at(amount.cell, t6.label, r.row.label)],
                      expected=amount_text(Decimal(0)), actual=amount_text(amount.value))


SUBTOTAL = lazy_pattern(r"(合计|小计|总计)")


def _table7(a: Analysis) -> Iterator[Finding]:
    t7 = a.document.tables.get(TableRole.GPB_PROJECTS)
    if t7 is None:
        return
    columns = [c for c in t7.columns if not SUBTOTAL.search(c.key)]
    if len(columns) < 3:
        return
    lists = [lst for lst in (a.list_for("economic"), a.list_for("economic_gov")) if lst is not None]
    if not lists:
        return
    lst = max(lists, key=lambda l: sum(1 for c in columns for e in l.classes() if norm(e.name) == norm(c.key)))
    official = lst.classes()
    mapped = _map(columns, official)
    if sum(1 for e in mapped.values() if e is not None) < len(columns) / 2:
        return      # not columns by economic class
    label = t7.label
    for col in columns:
        e = mapped[col.index]
        where = [Location.at(col.header_cell, label, col.key)]
        if e is None:
            yield Finding("C041", f"{label} 的栏目“{col.key}”不是 {lst.title}的类级科目名称。", where, actual=col.key)
        elif norm(e.name) != norm(col.key):
            template = a.document.template
            own = template.prints(TableRole.GPB_PROJECTS, col.key, a.document.year) if template else None
            if own is not None:     # the blank template prints it: not the unit's mistake
                yield Finding("C041", f"{label} 的栏目“{col.key}”是{template.title}{a.document.year} 年版模板本身印制的"
                                      f"名称（{lst.title}类级科目 {e.code} 为“{e.name}”），不是填报错误；仅供参考。",
                              where, actual=col.key, severity=Severity.INFO)
                continue
            yield Finding("C041", f"{label} 的栏目“{col.key}”与 {lst.title}类级科目 {e.code}“{e.name}”的名称不一致。",
                          where, expected=e.name, actual=col.key)
    codes = [mapped[c.index].code for c in columns if mapped[c.index] is not None]
    if codes != sorted(codes):
        first = next(c for c in columns if mapped[c.index] is not None)
        yield Finding("C041", f"{label} 的经济分类栏目没有按科目编码顺序排列，应为 "
                              + "、".join(f"{e.code} {e.name}" for e in sorted(
                                  (mapped[c.index] for c in columns if mapped[c.index] is not None), key=lambda e: e.code))
                              + "。", [Location.at(first.header_cell, label, first.key)],
                      expected=" ".join(sorted(codes)), actual=" ".join(codes))
    missing = [e for e in official if e not in mapped.values()]
    if missing:
        yield Finding("C041", f"{label} 缺少 {lst.title}类级科目的栏目：" + "、".join(f"{e.code} {e.name}" for e in missing)
                              + "。", [Location.at(columns[-1].header_cell, label, columns[-1].key)],
                      expected=" ".join(e.code for e in official), actual=" ".join(codes))


def _map(columns: list[Column], official: list[Entry]) -> dict[int, Optional[Entry]]:
    """Each column to the class it stands for: equal names first, then the closest remaining name."""
    mapped: dict[int, Optional[Entry]] = {c.index: None for c in columns}
    used: set[str] = set()
    for col in columns:
        for e in official:
            if e.code not in used and norm(e.name) == norm(col.key):
                mapped[col.index] = e
                used.add(e.code)
                break
    for col in columns:
        if mapped[col.index] is not None:
            continue
        from difflib import SequenceMatcher     # only for a column whose name is not official
        scored = [(SequenceMatcher(None, norm(col.key), norm(e.name)).ratio(), e) for e in official if e.code not in used]
        if scored:
            ratio, best = max(scored, key=lambda s: s[0])
            if ratio >= 0.6:
                mapped[col.index] = best
                used.add(best.code)
    return mapped
