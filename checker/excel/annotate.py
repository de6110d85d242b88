"""Annotating a copy of a workbook without Excel: ``checker run --annotate`` and ``checker clear``.

For users of WPS Office or LibreOffice (which xlwings cannot drive) the same marks the Excel
add-in makes — the results sheet 校验结果, fills and comments on offending cells, the originals
in the very hidden sheet ``_checker_marks`` — are written with openpyxl into a *copy*; the
user's file is never written. ``checker clear`` restores the copy in place, fills and comments
exactly as openpyxl read them.

openpyxl rewrites the whole file: what it does not understand (pictures, charts, form
controls) is not carried into the copy. That is one more reason the original stays untouched.
"""
from __future__ import annotations

import os
import tempfile
from copy import copy
from pathlib import Path
from typing import Optional
from xml.etree import ElementTree

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.fills import Fill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from ..core.errors import CheckerError, InputError
from ..core.findings import Finding
from .layout import (COLUMN_WIDTHS, FIRST_RESULT_ROW, FOREIGN_RESULTS, HEADER_FILL, HEADER_ROW, LEVEL_COLUMN,
                     LINK_COLUMN, MARKS_SHEET, RESULTS_SHEET, CellMark, cell_marks, is_our_results, note_size,
                     results_block)
from .marks import NO_FILL, NOTE_NONE, NOTE_TEXT, UNKNOWN_FILL, Original, marks_block, read_marks

NOTE_AUTHOR = "预算校验"


class AnnotateError(CheckerError):
    """The annotated copy could not be written or cleared (exit status 2)."""


def annotate_copy(source: Path, out: Path, findings: list[Finding]) -> None:
    """Write a copy of ``source`` to ``out`` marked with ``findings``; ``source`` is only read."""
    source, out = Path(source), Path(out)
    if out.resolve() == source.resolve():
        raise AnnotateError(f"标注副本不能覆盖原文件 {source}，请为 --annotate 指定另一个文件名。")
    if source.suffix.lower() == ".xls":
        raise AnnotateError(f"标注副本只能由 .xlsx/.xlsm 工作簿生成：请先把 {source} 另存为 .xlsx。")
    macro = source.suffix.lower() == ".xlsm"
    if out.suffix.lower() != (".xlsm" if macro else ".xlsx"):
        want = ".xlsm" if macro else ".xlsx"
        raise AnnotateError(f"标注副本的扩展名应与原文件一致（{want}）：{out}")
    wb = _load(source, macro)
    mark_workbook(wb, findings)
    _save(wb, out)


def clear_file(path: Path) -> int:
    """Restore the annotated workbook at ``path`` in place; returns the number of cells
    restored. A file without marks is not written at all (returns -1)."""
    path = Path(path)
    wb = _load(path, path.suffix.lower() == ".xlsm")
    if not _ours(wb) and MARKS_SHEET not in wb.sheetnames:
        return -1
    restored = clear_workbook(wb)
    _save(wb, path)
    return restored


def _ours(wb: Workbook) -> bool:
    """The workbook has a results sheet we wrote (not merely one of the user's by that name)."""
    return RESULTS_SHEET in wb.sheetnames and is_our_results(wb[RESULTS_SHEET]["A1"].value)


def mark_workbook(wb: Workbook, findings: list[Finding]) -> None:
    """Mark an openpyxl workbook in memory; marks of an earlier run are cleared first."""
    if RESULTS_SHEET in wb.sheetnames and not _ours(wb):
        raise AnnotateError(FOREIGN_RESULTS)
    clear_workbook(wb)
    names = list(wb.sheetnames)
    originals = []
    for mark in cell_marks(findings, names).values():
        originals.append(_mark(wb[mark.sheet][mark.address], mark))
    if originals:
        marks = wb.create_sheet(MARKS_SHEET)
        for row in marks_block(originals):
            marks.append(row)
        marks.sheet_state = "veryHidden"
    _write_results(wb, findings, names)


def clear_workbook(wb: Workbook) -> int:
    """Restore every marked cell and remove the results and marks sheets; returns the number of
    cells restored."""
    restored = 0
    if MARKS_SHEET in wb.sheetnames:
        for original in read_marks(wb[MARKS_SHEET].iter_rows(values_only=True)).values():
            if original.sheet in wb.sheetnames:
                _restore(wb[original.sheet][original.address], original)
                restored += 1
        wb.remove(wb[MARKS_SHEET])
    if _ours(wb):
        wb.remove(wb[RESULTS_SHEET])
    _select(wb, 0)
    return restored


def _load(path: Path, macro: bool) -> Workbook:
    if not path.exists():
        raise InputError(str(path), "文件不存在，请检查路径是否正确。")
    try:
        return load_workbook(path, keep_vba=macro, rich_text=False)
    except Exception as exc:  # openpyxl raises many types for files it cannot read
        raise InputError(str(path), f"无法作为 Excel 工作簿打开（{type(exc).__name__}），请确认是 .xlsx/.xlsm 文件。") from exc


def _save(wb: Workbook, out: Path) -> None:
    """Write to a temporary file beside ``out``, then move it into place: an interrupted save
    never leaves a half-written workbook."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".checker-", suffix=out.suffix, dir=out.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, out)
    except OSError as exc:
        raise AnnotateError(f"无法写入 {out}（{exc.strerror or exc}），请确认文件未在其他程序中打开且有写入权限。") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _fill_xml(fill: Fill) -> str:
    return ElementTree.tostring(fill.to_tree(), encoding="unicode")


def _fill_colour(fill: Fill) -> str:
    """The fill as ``#RRGGBB`` where it is a plain solid colour (what Excel's clear can restore),
    NO_FILL where there is none, UNKNOWN_FILL otherwise (theme colours, patterns, gradients —
    ``checker clear`` restores those exactly from the XML)."""
    if not isinstance(fill, PatternFill) or fill.fill_type is None:
        return NO_FILL
    rgb = fill.fgColor.rgb if fill.fgColor is not None and fill.fgColor.type == "rgb" else None
    if fill.fill_type == "solid" and isinstance(rgb, str) and len(rgb) in (6, 8):
        return "#" + rgb[-6:].upper()
    return UNKNOWN_FILL


def _mark(cell, mark: CellMark) -> Original:
    fill = copy(cell.fill)
    comment: Optional[Comment] = cell.comment
    original = Original(
        sheet=mark.sheet, address=mark.address, fill=_fill_colour(fill), fill_xml=_fill_xml(fill),
        note=NOTE_TEXT if comment is not None else NOTE_NONE,
        note_text=comment.text if comment is not None else "",
        note_author=(comment.author or "") if comment is not None else "")
    cell.fill = PatternFill(fill_type="solid", fgColor=mark.fill.lstrip("#"), bgColor=mark.fill.lstrip("#"))
    text = mark.note(original.note_text or None)
    width, height = note_size(text)             # the box shows the whole note, no more
    cell.comment = Comment(text, NOTE_AUTHOR, width=width, height=height)
    return original


def _restore(cell, original: Original) -> None:
    if original.fill_xml:
        cell.fill = Fill.from_tree(ElementTree.fromstring(original.fill_xml))
    elif original.fill.startswith("#"):
        colour = original.fill.lstrip("#")
        cell.fill = PatternFill(fill_type="solid", fgColor=colour, bgColor=colour)
    else:
        cell.fill = PatternFill(fill_type=None)
    if original.note == NOTE_NONE:
        cell.comment = None
    elif original.note == NOTE_TEXT:
        cell.comment = Comment(original.note_text, original.note_author)
    # NOTE_UNTOUCHED: marking (by the remote engine) left the note alone


def _write_results(wb: Workbook, findings: list[Finding], names: list[str]) -> None:
    ws = wb.create_sheet(RESULTS_SHEET, 0)
    block, rows = results_block(findings, names)
    for r, values in enumerate(block, start=1):
        for c, value in enumerate(values, start=1):
            if value != "":
                ws.cell(r, c, value)
    link_col = LINK_COLUMN + 1
    for i, row in enumerate(rows):
        if row.link is None:
            continue
        cell = ws.cell(FIRST_RESULT_ROW + i, link_col)
        sheet, address = row.link
        # An internal hyperlink rather than a =HYPERLINK formula: openpyxl cannot store a
        # formula's result, and a formula without one shows blank in viewers that do not
        # recalculate (and is reported by checker's own reader).
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location="'" + sheet.replace("'", "''") + "'!" + address,
                                   display=cell.value)
        cell.style = "Hyperlink"
    _style_results(ws, len(block))
    for i, row in enumerate(rows):
        if row.fill:
            ws.cell(FIRST_RESULT_ROW + i, LEVEL_COLUMN + 1).fill = PatternFill(fill_type="solid",
                                                                             fgColor=row.fill.lstrip("#"))
    if rows:       # filter by 规则, 级别, 表 … from the header row
        ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMN_WIDTHS))}{FIRST_RESULT_ROW + len(rows) - 1}"
    _select(wb, 0)


def _style_results(ws: Worksheet, height: int) -> None:
    bold = Font(bold=True)
    ws.cell(1, 1).font = Font(bold=True, size=12)
    header_fill = PatternFill(fill_type="solid", fgColor=HEADER_FILL.lstrip("#"))
    for c in range(1, len(COLUMN_WIDTHS) + 1):
        head = ws.cell(HEADER_ROW, c)
        head.font = bold
        head.fill = header_fill
        ws.column_dimensions[get_column_letter(c)].width = COLUMN_WIDTHS[c - 1]
    wrap = Alignment(wrap_text=True, vertical="top")
    for r in range(FIRST_RESULT_ROW, height + 1):
        lines = 1
        for c in range(1, len(COLUMN_WIDTHS) + 1):
            cell = ws.cell(r, c)
            cell.alignment = wrap
            lines = max(lines, _wrapped_lines(cell.value, COLUMN_WIDTHS[c - 1]))
        # Excel sizes rows of wrapped text when it opens the file; LibreOffice keeps the stored
        # height, so an estimate is stored (a CJK character is two columns wide).
        ws.row_dimensions[r].height = LINE_HEIGHT * lines
    ws.freeze_panes = ws.cell(FIRST_RESULT_ROW, 1)
    # Printed (and converted to PDF) landscape, one page wide.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


LINE_HEIGHT = 15.0   # points per line of 11 pt text


def _wrapped_lines(value: object, width: int) -> int:
    if value is None:
        return 1
    total = 0
    for part in str(value).split("\n"):
        columns = sum(2 if ord(ch) > 0x2E7F else 1 for ch in part)
        # a column width counts digits of the default font; Chinese glyphs render narrower than
        # two digits, hence the 1.2 (measured on LibreOffice's rendering of the seeds)
        total += max(1, -(-columns // max(int(width * 1.2), 1)))
    return total


def _select(wb: Workbook, index: int) -> None:
    """Make one sheet active and selected: openpyxl leaves the previously selected tab selected
    too, and Excel would open the workbook with the sheets grouped."""
    visible = [ws for ws in wb.worksheets[index:] + wb.worksheets[:index] if ws.sheet_state == "visible"]
    if not visible:
        return
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = False
    wb.active = visible[0]
    visible[0].sheet_view.tabSelected = True
