"""C030: the 类 rows of the tables whose template lists every class (Xinjiang's 表1 and 表4, as the
template profile says: ``TableSpec.lists_every_class``) against the year's class list.

Such a template prints every class of the year's 支出功能分类, with or without an amount. A class whose
validity the data cannot settle (2025: 234) may be printed or left out. Classes the template does not
have (C010 also reports them as codes) and rows below class level printed in 表1/表4 are named as extra.
"""
from __future__ import annotations

from typing import Iterator

from checker.core.findings import Finding, Location

from .occurrences import Analysis, well_formed_code
from .reference import VALID


def check(a: Analysis) -> Iterator[Finding]:
    lst = a.list_for("function")
    if lst is None or not lst.classes_complete:
        return
    expected = [e for e in lst.classes() if e.status == VALID]
    template = a.document.template
    for spec in (template.tables if template else ()):
        table = a.document.tables.get(spec.role)
        if table is None or not spec.lists_every_class:
            continue
        rows = [(well_formed_code(r.code), r) for r in table.main.rows]
        rows = [(c, r) for c, r in rows if c is not None]
        if not rows:
            continue
        printed = {c for c, _ in rows}
        missing = [e for e in expected if e.code not in printed]
        allowed = {e.code for e in lst.classes()}       # with the unsettled ones, which may be printed or not
        unknown = [(c, r) for c, r in rows if len(c) == 3 and c not in allowed]
        extra = [(c, r) for c, r in rows if len(c) != 3]
        if not missing and not extra and not unknown:
            continue
        said = []
        if missing:
            said.append(f"缺少 {len(missing)} 个类：" + "、".join(f"{e.code} {e.name}" for e in missing))
        if unknown:
            said.append("多出模板没有的类：" + "、".join(f"{c} {r.name}".rstrip() for c, r in unknown))
        if extra:
            said.append("多出非类级的行：" + "、".join(f"{c} {r.name}".rstrip() for c, r in extra))
        extra = unknown + extra
        yield Finding("C030", f"{table.label} 的支出功能分类与 {a.year} 年模板所列 {len(expected)} 个类不一致，"
                              f"{'；'.join(said)}。模板列出全部类级科目，没有金额的类也要列出。",
                      [Location.at(table.title_cell, table.label)] +
                      [Location.at(r.cell, table.label, r.label) for _, r in extra],
                      expected=" ".join(e.code for e in expected),
                      actual=" ".join(c for c, _ in rows))
