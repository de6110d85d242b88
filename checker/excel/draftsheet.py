"""``write_draft``: the 生成说明 button — the narrative drafted from the open workbook's tables
(``checker draft``), written to a new sheet 情况说明草稿 of that workbook.

The sheet is checker's: its first cell says so (``DRAFT_PREFIX``), the reader never takes it for
the narrative (it is a draft to fill in and copy into the 情况说明), a second click replaces it and
清除标记 deletes it. A sheet of the user's with that name is never changed: the draft then goes to
情况说明草稿（2）. It uses only the part of xlwings' API the remote engine shares.
"""
from __future__ import annotations

from typing import Any, Optional

from ..core.drafting import Draft
from ..core.engine import Engine
from ..core.reader import read_grids
from ..core.reader.document import DRAFT_PREFIX, DRAFT_SHEET_NAME
from . import classic

DRAFT_SHEET = DRAFT_SHEET_NAME


def is_our_draft(name: str, first_cell: object) -> bool:
    return name.startswith(DRAFT_SHEET) and isinstance(first_cell, str) and first_cell.startswith(DRAFT_PREFIX)


def our_draft_sheets(book: Any) -> list[Any]:
    """The draft sheets checker wrote (the first cell read only of sheets named so)."""
    return [sheet for sheet in book.sheets
            if sheet.name.startswith(DRAFT_SHEET) and is_our_draft(sheet.name, sheet.range("A1").value)]


def draft_rows(draft: Draft) -> list[list[str]]:
    """The sheet's column A: the marking line, then every part's paragraphs, a blank row between parts."""
    rows = [[f"{DRAFT_PREFIX}按各表起草，“【请填写】”处（{draft.placeholders} 处）待补充；校验时不读取本表，"
             "定稿后请复制到情况说明工作表。点“清除标记”删除本表。"]]
    for part in draft.parts:
        rows.append([""])
        rows.extend([text] for text in part.paragraphs)
    return rows


def write_draft(book: Any, engine: Optional[Engine] = None) -> Draft:
    """Draft the narrative of ``book`` and write it to a new sheet; returns the draft."""
    from ..draft.compose import draft_narrative
    from ..draft.writers import unique_name
    from .book import default_engine, read_book

    engine = engine if engine is not None else default_engine()
    with classic.busy(book, "正在起草情况说明…"):
        document = read_grids(read_book(book, engine.limits()), book.name, templates=engine.templates)
        draft = draft_narrative(engine.pm, document)
        for sheet in our_draft_sheets(book):        # the previous click's draft
            sheet.delete()
        name = unique_name([s.name for s in book.sheets], DRAFT_SHEET)
        sheet = book.sheets.add(name, after=book.sheets[len(book.sheets) - 1])
        rows = draft_rows(draft)
        sheet.range("A1").value = rows
        sheet.range((1, 1), (len(rows), 1)).wrap_text = True
        classic.set_column_widths(book, sheet, [100])
        sheet.activate()
    classic.set_status(book, f"已起草情况说明：工作表“{name}”，{draft.placeholders} 处“【请填写】”待补充")
    return draft


def delete_drafts(book: Any) -> int:
    """Delete the draft sheets checker wrote (清除标记); returns how many."""
    sheets = our_draft_sheets(book)
    for sheet in sheets:
        sheet.delete()
    return len(sheets)
