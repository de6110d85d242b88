"""``validate`` and ``clear`` on a workbook open in xlwings (classic or remote engine).

``validate`` reads every sheet's values in one call, runs the same reader and plugins as
``checker run``, and marks the workbook: a results sheet 校验结果, a fill and a note on each
offending cell, and the cells' previous fills and notes recorded in the very hidden sheet
``_checker_marks`` (see :mod:`checker.excel.marks`). ``clear`` puts everything back. Both sheets
are known by the id they carry (:mod:`checker.excel.own`), never by name: where a user's sheet
has one of these names, checker's take others (校验结果_2) and the user's is left alone.

The calls that need desktop Excel live in :mod:`checker.excel.classic`; everything here uses
the part of xlwings' API that the remote engine (xlwings Server/Lite) shares.
"""
from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from typing import Any, Optional

from ..core.engine import Engine
from ..core.findings import Finding
from ..core.grid import SheetGrid, grid_from_values
from ..core.reader import read_grids
from ..core.settings import saved_options
from ..core.vet import Limits, vet_area
from . import classic
from .draftsheet import delete_drafts
from .layout import (COLUMN_WIDTHS, FIRST_RESULT_ROW, HEADER_FILL, HEADER_ROW, LEVEL_COLUMN, LINK_COLUMN,
                     RESULTS_HEADER, CellMark, cell_marks, hyperlink_formula, is_own_sheet, note_size, results_block,
                     status_text)
from .marks import NO_FILL, NOTE_NONE, NOTE_TEXT, NOTE_UNTOUCHED, UNKNOWN_FILL, Original, marks_block, new_mark_id, read_marks
from .own import OwnSheets, find_own, forget_id, record_id


def read_book(book: Any, limits: Optional[Limits] = None, own: Optional[set[str]] = None) -> list[SheetGrid]:
    """Every sheet's values as grids, one ``used_range`` read per sheet, checker's own sheets
    (``own``: their names; default: those named like them) left out. Merged ranges are not read:
    that would cost a call per cell over COM and is not possible on the remote engine; a merged
    range reads as its value in the top-left cell. A used range larger than ``max_sheet_cells``
    (core.vet) is refused before its values are read."""
    grids = []
    for sheet in book.sheets:
        if (sheet.name in own) if own is not None else is_own_sheet(sheet.name):
            continue
        rng = sheet.used_range
        rows, cols = rng.shape
        vet_area(book.name, sheet.name, rng.row - 1 + rows, rng.column - 1 + cols, limits)
        values = rng.options(ndim=2).value or [[]]
        grid = grid_from_values(sheet.name, values, top=rng.row - 1, left=rng.column - 1)
        grid.hidden = not sheet.visible
        grids.append(grid)
    return grids


def _sheet(book: Any, name: str) -> Optional[Any]:
    for sheet in book.sheets:
        if sheet.name == name:
            return sheet
    return None


def default_engine() -> Engine:
    """The engine ``validate`` uses unless given one, with the options the user saved
    (``checker options set``): Excel has no command line to pass ``--option``."""
    saved = saved_options()
    return _engine(json.dumps(saved, sort_keys=True, ensure_ascii=False))


@lru_cache(maxsize=4)
def _engine(saved: str) -> Engine:
    # Made once per Python process and saved options: loading the plugins and their reference
    # lists costs more than a click itself, and a process that lives on (xlwings Server, a
    # kept-alive interpreter) should pay for it only on the first click, or after the saved
    # options change.
    return Engine(saved=json.loads(saved))


def validate(book: Any, engine: Optional[Engine] = None) -> list[Finding]:
    """Check ``book`` and mark it; returns the findings.

    Running it twice leaves the workbook as running it once: marks of the previous run are
    cleared first (cells marked again keep the originals recorded the first time)."""
    engine = engine if engine is not None else default_engine()
    own = find_own(book, new_mark_id())        # its marks read once: each read is a round trip to Excel
    with classic.busy(book, "正在校验预算公开工作簿…"):
        document = read_grids(read_book(book, engine.limits(), own.names), book.name)
        findings = engine.check(document)
        names = [s.name for s in book.sheets if s.name not in own.names]
        marks = cell_marks(findings, names, own=())
        previous = read_marks(own.values) if own.values else {}
        pending = dict(previous)        # recorded originals not yet dealt with
        originals: list[Original] = []
        try:
            for key, original in previous.items():
                if key not in marks and _restore(book, original):
                    del pending[key]        # a record not restored fully stays for a later clear
            for mark in marks.values():
                _mark(book, mark, pending.pop(mark.key, None), originals)
        finally:
            # Written even when marking stopped half-way (a protected sheet, Excel busy), so
            # that every cell changed so far can still be cleared.
            _write_marks(book, originals + list(pending.values()), own)
        _write_results(book, findings, names, own)
    classic.set_status(book, status_text(findings))
    return findings


def clear(book: Any) -> int:
    """Remove the results sheet and the drafts of 生成说明, and restore every fill and note
    ``validate`` changed; returns the number of cells restored. A workbook that was never marked is
    left as it is, and so is every sheet of the user's, whatever its name.

    Where the engine cannot restore a note (xlwings Server's Office Scripts client, on a workbook
    marked in desktop Excel or by ``checker run --annotate``), the cell's fill is restored, its
    record is kept in the marks sheet for a clear that can finish the job, and the user is told."""
    with classic.busy(book, "正在清除校验标记…"):
        delete_drafts(book)       # the 生成说明 button's sheets, never a sheet of the user's
        own = find_own(book, "")
        if own.marks is None:      # nothing of checker's here: nothing is touched
            return 0
        previous = read_marks(own.values or [])
        left = [original for original in previous.values() if not _restore(book, original)]
        if own.results is not None:
            _sheet(book, own.results_name).delete()
        _write_marks(book, left, own, keep=bool(left))
    restored = len(previous) - len(left)
    classic.set_status(book, f"已清除校验标记（恢复 {restored} 个单元格）")
    if left:
        classic.alert(book, f"有 {len(left)} 个单元格的批注在这里无法恢复（当前的 Excel 客户端不能读写批注），"
                            "它们的填色已恢复，原批注仍记录在工作簿中。请在桌面版 Excel 中点击“清除标记”，"
                            "或运行 checker clear 文件名，完成清除。")
    return restored


def _cell(book: Any, sheet_name: str, address: str) -> Optional[Any]:
    sheet = _sheet(book, sheet_name)
    return sheet.range(address) if sheet is not None else None


def _mark(book: Any, mark: CellMark, known: Optional[Original], originals: list[Original]) -> None:
    """Fill and annotate one cell, recording in ``originals`` what it was before (``known`` when
    an earlier run already recorded it: the cell now shows that run's mark, not its own state).
    The record is appended before the cell is changed."""
    rng = _cell(book, mark.sheet, mark.address)
    assert rng is not None  # cell_marks only keeps cells of existing sheets
    original = known if known is not None else _read_original(book, rng, mark)
    originals.append(original)
    rng.color = mark.fill
    if original.note != NOTE_UNTOUCHED:
        text = mark.note(original.note_text if original.note == NOTE_TEXT else None)
        if not classic.notes_supported(book) or not _write_note(book, rng, text):
            # The engine cannot write notes (remote engine without an Office.js client). A cell
            # read just now: its note was not changed, so nothing is to be restored. A cell an
            # earlier run recorded: the note that run wrote is still there, and so is its record.
            if known is None:
                originals[-1] = replace(original, note=NOTE_UNTOUCHED, note_text="")
        else:
            classic.size_note(book, rng, *note_size(text))      # the box shows the whole note


def _read_original(book: Any, rng: Any, mark: CellMark) -> Original:
    fill = classic.read_fill(book, rng)
    has_note, text = classic.read_note(book, rng)
    if not has_note:
        note, note_text = NOTE_NONE, ""
    elif text is None:
        note, note_text = NOTE_UNTOUCHED, ""     # a note we cannot read is left alone
    else:
        note, note_text = NOTE_TEXT, text
    return Original(sheet=mark.sheet, address=mark.address, fill=fill, note=note, note_text=note_text)


def _write_note(book: Any, rng: Any, text: str) -> bool:
    """Set the cell's note to ``text``; False when the engine cannot write notes, or when desktop
    Excel refuses a note on this cell (it has a threaded comment, which cannot coexist with a
    note): the cell's fill still shows the finding, and the results sheet lists it."""
    note = rng.note
    try:
        if note is not None:
            note.text = text
        else:
            rng.add_note(text)
    except NotImplementedError:
        return False
    except Exception:  # noqa: BLE001 - COM raises com_error, AppleScript CommandError
        if not classic.is_classic(book):
            raise
        return False
    return True


def _restore(book: Any, original: Original) -> bool:
    """Put the cell's fill and note back; False when its note could not be (the engine cannot
    see or write notes), so that its record must be kept."""
    rng = _cell(book, original.sheet, original.address)
    if rng is None:
        return True  # the sheet was deleted or renamed since: nothing left to restore
    rng.color = None if original.fill in (NO_FILL, UNKNOWN_FILL) else original.fill
    if original.note == NOTE_UNTOUCHED:
        return True
    if not classic.notes_supported(book):
        return False
    note = rng.note
    if original.note == NOTE_NONE:
        if note is not None:
            note.delete()
    elif note is not None:
        note.text = original.note_text
    else:
        return _write_note(book, rng, original.note_text)
    return True


def _write_marks(book: Any, originals: list[Original], own: OwnSheets, keep: bool = True) -> None:
    """Write the marks sheet with the id, and the id at workbook level (validate always writes
    it, even without a record: it carries the id that makes the results sheet ours); ``keep``
    False (clear, nothing left to restore): delete both."""
    sheet = _sheet(book, own.marks_name) if own.marks is not None else None
    if not keep:
        if sheet is not None:
            classic.unhide(book, sheet)
            sheet.delete()
        forget_id(book)
        return
    if sheet is None:
        sheet = book.sheets.add(own.marks_name, after=book.sheets[len(book.sheets) - 1])
        classic.hide_very(book, sheet)
        own.marks = sheet
    else:
        sheet.clear_contents()
    sheet.range("A1").value = marks_block(originals, own.mark_id, own.results_name)
    record_id(book, own.mark_id)


def _write_results(book: Any, findings: list[Finding], names: list[str], own: OwnSheets) -> None:
    if own.results is not None:         # ours (found by the id); a sheet of the user's is never deleted
        _sheet(book, own.results_name).delete()
    first = next(s for s in book.sheets if s.name != own.marks_name and s.visible)
    sheet = book.sheets.add(own.results_name, before=first)
    block, rows = results_block(findings, names)
    sheet.range("A1").value = block
    if rows:
        # The 位置 column as links, in one call: a formula where the cell exists, else its text.
        column = [[hyperlink_formula(*r.link) if r.link else r.values[LINK_COLUMN]] for r in rows]
        top = FIRST_RESULT_ROW
        sheet.range((top, LINK_COLUMN + 1), (top + len(rows) - 1, LINK_COLUMN + 1)).formula = column
        sheet.range((top, RESULTS_HEADER.index("说明") + 1), (top + len(rows) - 1, RESULTS_HEADER.index("说明") + 1)
                    ).wrap_text = True
    header = sheet.range((HEADER_ROW, 1), (HEADER_ROW, len(RESULTS_HEADER)))
    header.font.bold = True
    header.color = HEADER_FILL
    sheet.range("A1").font.bold = True
    for i, row in enumerate(rows):            # the 级别 column coloured like the cells
        if row.fill:
            sheet.range((FIRST_RESULT_ROW + i, LEVEL_COLUMN + 1)).color = row.fill
    if rows:
        classic.autofilter(book, sheet.range((HEADER_ROW, 1), (FIRST_RESULT_ROW + len(rows) - 1, len(RESULTS_HEADER))))
    classic.set_column_widths(book, sheet, COLUMN_WIDTHS)
    sheet.activate()
