"""Y020–Y023: does the narrative state every change it must, for the items the tables hold?"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional, Sequence

from checker.core.findings import Finding, Location
from checker.core.model import Disclosure, TableRow

from .figures import ItemMatch, figure, item_names, item_rows, match_item, standard_subjects
from .statements import ChangeStatement
from .subjects import SANGONG_PARTS, Subject
from .text import direction_of, fmt
from checker.core.model import TableRole

def _place(document: Disclosure, kind: str) -> Optional[str]:
    """Where the document's template requires the change of a ``kind`` subject to be stated."""
    return document.template.change_place(kind) if document.template is not None else None


@dataclass
class ItemCoverage:
    """How the 五（三） entries map onto the 项 of 表5."""

    matches: dict[int, ItemMatch] = field(default_factory=dict)     # id(statement) → match
    unlisted: list[TableRow] = field(default_factory=list)          # 表5 项 with an amount and no entry

    @property
    def complete(self) -> bool:
        return not self.unlisted


def item_statements(statements: Sequence[ChangeStatement]) -> list[ChangeStatement]:
    return [st for st in statements if st.subject.kind == "item"]


def is_vanished_statement(st: ChangeStatement) -> bool:
    """"…预算数为 0.00 万元，比上年预算减少 4.24 万元，下降 100%": an item that no longer exists."""
    if st.current is not None and st.current.value == 0 and st.direction < 0:
        return True
    return st.percent is not None and abs(st.percent) == 100 and direction_of(st.percent_word) < 0


def item_coverage(document: Disclosure, statements: Sequence[ChangeStatement]) -> ItemCoverage:
    out = ItemCoverage()
    t5 = document.table(TableRole.GPB_FUNCTION)
    if t5 is None or document.narrative is None:
        return out
    column = t5.column("合计")
    matched: set[int] = set()
    for st in item_statements(statements):
        m = match_item(t5, st.subject, st.current)
        out.matches[id(st)] = m
        if m.row is not None:
            matched.add(id(m.row))
    for row in item_rows(t5):
        if id(row) not in matched and column is not None and row.value(column) != 0:
            out.unlisted.append(row)
    return out


def check(document: Disclosure, statements: Sequence[ChangeStatement], cov: ItemCoverage) -> Iterator[Finding]:
    if document.narrative is None:
        return
    yield from _items(document, statements, cov)
    yield from _standard(document, statements)


def _items(document: Disclosure, statements: Sequence[ChangeStatement], cov: ItemCoverage) -> Iterator[Finding]:
    t5 = document.table(TableRole.GPB_FUNCTION)
    if t5 is None:
        return
    column = t5.column("合计")
    place = _place(document, "item")
    for row in cov.unlisted if place else ():
        names = item_names(t5, row)
        yield Finding(
            "Y020",
            f"{t5.short_label} 的“{row.code} {row.name}”（{'（类）'.join(names[:2])}（款））为 {fmt(row.value(column))} 万元，"
            f"情况说明{place}中没有这一项的增减说明。",
            [Location.at(row.cell_in(column), t5.label, row.label)])
    order = {id(r): i for i, r in enumerate(t5.rows)}
    furthest: Optional[tuple[int, ChangeStatement]] = None
    for st in item_statements(statements):
        m = cov.matches.get(id(st))
        if m is None:
            continue
        if m.row is None:
            if is_vanished_statement(st):
                continue
            yield Finding(
                "Y021",
                f"{st.section.label}说明了“{'（类）'.join(n for n in st.subject.names if n)}（项）”，"
                f"但{t5.short_label} 中没有名为“{st.subject.names[2] if st.subject.names else st.subject.label}”的项。",
                [st.location(), Location.at(t5.title_cell, t5.label)])
            continue
        if m.mismatches:
            diff = "；".join(f"{level}写作“{stated}”，{t5.short_label} 为“{table}”" for level, stated, table in m.mismatches)
            yield Finding(
                "Y021",
                f"{st.section.label}“{st.subject.label}”的名称与{t5.short_label} {m.row.code} 不一致：{diff}。",
                [st.location(), Location.at(m.row.cell, t5.label, m.row.label)],
                expected="（类）".join(m.table_names[:2]) + "（款）" + m.table_names[2] + "（项）")
        position = order[id(m.row)]
        if furthest is not None and position < furthest[0]:
            before = furthest[1]
            yield Finding(
                "Y022",
                f"{st.section.label}“{st.subject.label}”写在“{before.subject.label}”之后，"
                f"但{t5.short_label} 中 {m.row.code} {m.row.name} 在前。请按{t5.short_label} 的顺序逐项说明。",
                [st.location(), Location.at(m.row.cell, t5.label, m.row.label)])
        elif furthest is None or position > furthest[0]:
            furthest = (position, st)


# the sections (SectionInfo.key) where each kind of subject must have its change statement
SECTIONS = {
    "income": ("income",),
    "expense_kind": ("expense",),
    "gpb_kind": ("gpb", "basic", "project"),
    "sangong": ("sangong",),
}


def _stated(document: Disclosure, statements: Sequence[ChangeStatement]) -> set[tuple[str, str]]:
    """The subjects stated where they belong: an income source in 二, not only in 四; where the
    narrative has no section of that kind at all (headings not recognised), anywhere."""
    present = {st.section.key for st in statements}
    if document.narrative is not None:
        from .subjects import section_map
        sections, _ = section_map(document.narrative)
        present |= {info.key for info in sections.values()}
    out = set()
    for st in statements:
        wanted = SECTIONS.get(st.subject.kind)
        if wanted is None or st.section.key in wanted or not present.intersection(wanted):
            out.add(st.subject.ident)
    return out


def _standard(document: Disclosure, statements: Sequence[ChangeStatement]) -> Iterator[Finding]:
    stated = _stated(document, statements)
    if ("sangong", "vehicle") in stated:
        # "公务用车购置及运行费增加……" states 购置费 and 运行费 together
        stated |= {("sangong", "purchase"), ("sangong", "operation")}
    sangong_required = any(st.subject.kind == "sangong" for st in statements)
    total10 = figure(document, Subject("sangong", "total", SANGONG_PARTS["total"]))
    if total10 is not None and total10.value != 0:
        sangong_required = True
    for subject in standard_subjects():
        place = _place(document, subject.kind)
        if subject.ident in stated or place is None:
            continue
        fig = figure(document, subject)
        if subject.kind == "sangong":
            if not sangong_required or fig is None:
                continue
        elif fig is None or fig.value == 0:
            continue
        yield Finding(
            "Y023",
            f"{fig.table.short_label} {subject.label} {fmt(fig.value)} 万元，"
            f"情况说明{place}中没有它与上年相比增加或减少的说明。",
            [fig.location()])
