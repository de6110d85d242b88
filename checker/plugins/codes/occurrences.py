"""Where the document prints classification codes and names: table rows, and the 类/款/项 names of
the narrative (its 项, and the 类/款 names of Xinjiang's 五（一）、（二）, as the core read them by the
template's sentence shapes, ``Disclosure.statements``), whose codes are not printed and are found
through the 一般公共预算 table."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from checker.core.cells import CellRef
from checker.core.findings import Location
from checker.core.model import (BudgetTable, Disclosure, EconomicCode, FunctionCode, Paragraph, TableRole,
                                TableRow, TableSide)
from checker.core.rounding import Agreement, compare
from checker.core.statements import Statement
from checker.core.text import clean, norm

from .reference import CodeList, Reference
from ...core.text import lazy_pattern


@dataclass
class Occurrence:
    """One printed code (or, in the narrative, one 类/款/项 name whose code 表5 tells)."""

    kind: str                   # function | economic | economic_gov
    code: str
    name: Optional[str]         # as printed, without the code; None where the table prints no name
    table: str                  # the location's table label, e.g. "表2 单位收入总体情况表", "情况说明 五（三）"
    row: str                    # the row label, or the narrative item's head
    name_cell: CellRef
    code_cell: CellRef
    narrative: bool = False
    span: Optional[tuple[str, int]] = None      # narrative: the text the name was read from, and where
                                                # the name starts in it (for checker fix)

    @property
    def level(self) -> str:
        return {3: "类", 5: "款", 7: "项"}[len(self.code)]

    def at_name(self) -> Location:
        return Location.at(self.name_cell, self.table, self.row)

    def at_code(self) -> Location:
        return Location.at(self.code_cell, self.table, self.row)


@dataclass
class CodedRow:
    """A table row with a well-formed code, and the block (table side, 表7 unit group) it sits in."""

    table: BudgetTable
    side: TableSide
    row: TableRow
    kind: str
    code: str
    name: str = ""      # the classification name as printed ("" where the table prints none)


@dataclass
class Analysis:
    """Where the document prints each classification code, worked out once per check."""

    document: Disclosure
    year: Optional[int]
    ref: Reference
    rows: list[CodedRow] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)     # tables first, then the narrative

    def list_for(self, kind: str) -> Optional[CodeList]:
        return self.ref.get(kind, self.year)


def well_formed_code(code: object) -> Optional[str]:
    """The digits of a code the reader built, when every part has its proper width."""
    if isinstance(code, FunctionCode):
        ok = len(code.cls) == 3 and (code.kuan is None or len(code.kuan) == 2) and (code.xiang is None or len(code.xiang) == 2)
    elif isinstance(code, EconomicCode):
        ok = len(code.cls) == 3 and (code.kuan is None or len(code.kuan) == 2)
    else:
        return None
    return code.code if ok and code.code.isdigit() else None


CLASSIFICATION_HEADER = lazy_pattern(r"(分类|科目)")


def table_kind(table: BudgetTable, code: str) -> str:
    if table.kind is TableRole.GPB_BASIC:
        return "economic_gov" if code.startswith("5") else "economic"
    return "function"


def analyse(document: Disclosure, ref: Reference, year: Optional[int]) -> Analysis:
    a = Analysis(document=document, year=year, ref=ref)
    for table in sorted(document.tables.values(), key=lambda t: t.number):
        for side in table.sides:
            named = bool(CLASSIFICATION_HEADER.search(side.label_header))
            for row in side.rows:
                code = well_formed_code(row.code)
                if code is None or not (row.code_parts or named):
                    continue    # digits at the start of a project name are not a code
                kind = table_kind(table, code)
                a.rows.append(CodedRow(table, side, row, kind, code, row.name if named else ""))
                # without a 科目名称 column the label is a project's name: no classification name printed
                a.occurrences.append(Occurrence(kind, code, row.name if named else None, table.label, row.label,
                                                row.cell, row.code_cell or row.cell))
    a.occurrences.extend(narrative_occurrences(document, ref, year))
    return a


# ---------------------------------------------------------------------------- the narrative

DEPTH = {"类": 1, "款": 2, "项": 3}


@dataclass
class NarrativeItem:
    """A 类/款/项 item the narrative names, with its amount."""

    names: dict[str, str]           # 类/款/项 → name as printed
    amount: Optional[Decimal]
    head: str                       # the item's text up to its last (类)/(款)/(项) mark
    paragraph: Paragraph
    starts: dict[str, int] = field(default_factory=dict)    # where each name starts in ``head``

    @property
    def deepest(self) -> str:
        return max(self.names, key=DEPTH.__getitem__)


_MARK_AFTER = lazy_pattern(r"\s*[（(]\s*(?:类|款|项)\s*[)）]")


def statement_items(document: Disclosure) -> list[NarrativeItem]:
    """The 项 the core read from the narrative by the template's sentence shapes (Xinjiang's 五（三）
    "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）：…预算数为 1,018.41 万元",
    Shanghai's "“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目 X 万元"), each with its
    names as printed and where they stand in the item's head (the text from its first name to the
    mark after its last)."""
    return [_named(st, ("类", "款", "项")) for st in document.statements
            if st.subject == "item" and len(st.names) == 3 and len(st.name_spans) == 3]


# the levels of the names of the core's statements of 五（一）、（二）'s items (the Xinjiang profile's shapes)
CLASS_LEVELS = {"function_class": ("类", "款"), "function_kuan": ("款",)}


def class_items(document: Disclosure) -> list[NarrativeItem]:
    """The "一般公共服务支出（类）1,222.89 万元" items of 五（一）、（二） (a 类, or its 款, by its name and mark)
    as the core read them by the template's sentence shapes; a 项 is :func:`statement_items`'s."""
    return [_named(st, CLASS_LEVELS[st.subject]) for st in document.statements
            if st.subject in CLASS_LEVELS and st.paragraph.section == "五" and st.name_spans]


def _named(st: Statement, levels: tuple[str, ...]) -> NarrativeItem:
    """``st``'s names as printed by their ``levels``, where they stand in the item's head (the text
    from its first name to the mark after its last) and its amount."""
    text = clean(st.paragraph.text)
    first, end = st.name_spans[0][0], st.name_spans[-1][1]
    mark = _MARK_AFTER.match(text, end)
    end = mark.end() if mark else end
    return NarrativeItem(names=dict(zip(levels, st.printed_names)),
                         amount=st.amount.value if st.amount is not None else None,
                         head=text[first:end], paragraph=st.paragraph,
                         starts={level: a - first for level, (a, _) in zip(levels, st.name_spans)})


def narrative_occurrences(document: Disclosure, ref: Reference, year: Optional[int]) -> list[Occurrence]:
    """The narrative's 类/款/项 names (section 五's, or the items the template's sentence shapes
    read), each tied to the 一般公共预算 table's row it describes."""
    narrative = document.narrative
    t5 = document.tables.get(TableRole.GPB_FUNCTION)
    if narrative is None or t5 is None:
        return []
    items = statement_items(document) + class_items(document)
    if not items:
        return []
    order = {id(p): i for i, p in enumerate(narrative.paragraphs)}
    items.sort(key=lambda item: order.get(id(item.paragraph), len(order)))
    rows = [(well_formed_code(r.code), r) for r in t5.rows]
    rows = [(c, r) for c, r in rows if c is not None and c.startswith("2")]
    names = {c: r.name for c, r in reversed(rows)}       # the first row of each code wins
    total = t5.column("合计") or (t5.columns[0] if t5.columns else None)
    out: list[Occurrence] = []
    for item in items:
        paragraph = item.paragraph
        code = _match(item, rows, names, total, ref, year)
        if code is None:
            continue
        where = f"情况说明 {paragraph.section}（{paragraph.subsection}）" if paragraph.subsection else \
            f"情况说明 {paragraph.section}".rstrip()
        for level, name in item.names.items():
            part = code[:{"类": 3, "款": 5, "项": 7}[level]]
            start = item.starts.get(level)
            out.append(Occurrence("function", part, name, where, item.head, paragraph.cell, paragraph.cell,
                                  narrative=True, span=(item.head, start) if start is not None else None))
    return out


def _chain(code: str, names: dict[str, str]) -> dict[str, str]:
    return {level: names.get(code[:n], "") for level, n in (("类", 3), ("款", 5), ("项", 7)) if len(code) >= n}


def _agreeing(item: NarrativeItem, code: str, names: dict[str, str]) -> int:
    chain = _chain(code, names)
    return sum(1 for level, name in item.names.items() if norm(chain.get(level, "")) == norm(name))


def _match(item: NarrativeItem, rows: list[tuple[str, TableRow]], names: dict[str, str], total,
           ref: Reference, year: Optional[int]) -> Optional[str]:
    """The code of the 表5 row the item describes: by its names, else by its amount (with at least
    one of its names agreeing, or for a 类 item a name close to the row's)."""
    width = {"类": 3, "款": 5, "项": 7}[item.deepest]
    candidates = [(c, r) for c, r in rows if len(c) == width]
    n = len(item.names)
    exact = [c for c, _ in candidates if _agreeing(item, c, names) == n]
    if exact:
        return exact[0]
    listed = _listed(item, ref, year)
    if listed is not None:
        # the item's names are those of a code of the year's list: that row (whose printed names differ),
        # or a code 表5 does not print, which an amount must not tie to another row
        return listed if any(c == listed for c, _ in candidates) else None
    by_amount = []
    if item.amount is not None and total is not None:
        by_amount = [c for c, r in candidates
                     if r.amount(total) is not None and compare(item.amount, r.amount(total)) is not Agreement.BROKEN]
    if n > 1:
        plausible = [c for c in by_amount if _agreeing(item, c, names) >= 1]
        if len(plausible) == 1:
            return plausible[0]
        close = [c for c, _ in candidates if _agreeing(item, c, names) >= n - 1]
        return close[0] if len(close) == 1 else None
    if len(by_amount) == 1:
        code = by_amount[0]
        name = item.names[item.deepest]
        from difflib import SequenceMatcher     # only for a code whose name differs
        similar = SequenceMatcher(None, norm(name), norm(names.get(code, ""))).ratio() >= 0.5
        if similar or ref.name_elsewhere("function", code, name, year or 0):
            return code
    return None


def _listed(item: NarrativeItem, ref: Reference, year: Optional[int]) -> Optional[str]:
    """The code of the year's function list whose 类/款/项 names are exactly the item's, if one is."""
    lst = ref.get("function", year)
    if lst is None:
        return None
    code: Optional[str] = None
    for level in ("类", "款", "项")[:DEPTH[item.deepest]]:
        name = item.names.get(level)
        if name is None:
            return None
        pool = lst.classes() if code is None else lst.children(code)
        hits = [e.code for e in pool if norm(e.name) == norm(name)]
        if len(hits) != 1:
            return None
        code = hits[0]
    return code
