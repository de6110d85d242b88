"""The document's 目录 (table of contents) read as its own list of tables.

A 目录 is a sheet (or a Word table, or a PDF page) whose first text is "目录"; each line after it
that names a table of the document's template ("5．2025年部门一般公共预算支出功能分类预算表
……", "表3 单位支出总体情况表") is an entry: its text without the dot leader and page number, the
table's name without the enumerator, the table's role and the number the line gives it. The
structure rule S009 compares the entries with the tables the document holds.
"""
from __future__ import annotations

from typing import Iterable, Optional

from ..cells import CellRef
from ..grid import SheetGrid
from ..model import ContentsEntry
from ..template import TemplateProfile
from ..text import clean, lazy_pattern, norm
from .titles import match_table_title

LEADER = lazy_pattern(r"\s*[.…·．。_—-]{3,}.*$")                 # dot leader and what follows (page number)
PAGE_NUMBER = lazy_pattern(r"\s+\d{1,4}$")
NUMBERED = lazy_pattern(r"^\s*(?:(附)?表\s*(\d{1,2})\s*[、.．:：]?|(\d{1,2})\s*[、.．]|[（(](\d{1,2})[)）])\s*")
HEADING = "目录"


def is_contents(texts: Iterable[str]) -> bool:
    first = next((t for t in texts if t and t.strip()), "")
    return norm(first).replace(" ", "") == HEADING


def grid_lines(grid: SheetGrid) -> Optional[list[tuple[str, CellRef]]]:
    """The lines of a 目录 sheet (each row's texts joined), or None when the sheet is not one."""
    rows = [(r, grid.row_texts(r)) for r in range(grid.height)]
    rows = [(r, texts) for r, texts in rows if texts]
    if not rows or not is_contents([rows[0][1][0][1]]):
        return None
    return [(" ".join(t for _, t in texts), grid.cell(r, texts[0][0])) for r, texts in rows[1:]]


def read_contents(lines: list[tuple[str, CellRef]], template: Optional[TemplateProfile]) -> list[ContentsEntry]:
    """The entries of ``lines`` (a 目录's lines after its heading) that name a table of ``template``."""
    if template is None:
        return []
    out = []
    for text, cell in lines:
        printed = PAGE_NUMBER.sub("", LEADER.sub("", clean(text))).strip()
        m = NUMBERED.match(printed)
        name = printed[m.end():].strip() if m else printed
        found = match_table_title(name, [template])
        if not name or found is None:
            continue
        number = next((int(g) for g in (m.groups()[1:] if m else ()) if g), None)
        out.append(ContentsEntry(printed, name, found[0].role, number, cell))
    return out
