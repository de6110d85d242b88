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

import io
import json
import uuid
from copy import copy
from pathlib import Path
from typing import Optional
from xml.etree import ElementTree

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.fills import Fill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from ..core.errors import CheckerError, InputError
from ..core.findings import Finding, Severity
from ..core.outputs import atomic_write, check_output
from ..core.vet import Limits
from ..core.workbook import _open_zip, read_bytes
from .layout import (COLUMN_WIDTHS, FIRST_RESULT_ROW, HEADER_FILL, HEADER_ROW, LEVEL_COLUMN,
                     LINK_COLUMN, MARKS_SHEET, RESULTS_SHEET, CellMark, cell_marks, is_our_results, note_size,
                     results_block)
from .marks import (MARK_ID, MARK_ID_PREFIX, MARKS_HEADER, NO_FILL, NOTE_NONE, NOTE_TEXT, UNKNOWN_FILL, Original,
                    _decode, marks_block, read_marks)

NOTE_AUTHOR = "预算校验"


class AnnotateError(CheckerError):
    """The annotated copy could not be written or cleared (exit status 2)."""


def annotate_copy(source: Path, out: Path, findings: list[Finding], limits: Optional[Limits] = None) -> None:
    """Write a copy of ``source`` to ``out`` marked with ``findings``; ``source`` is only read."""
    source, out = Path(source), Path(out)
    check_target(source, out)
    macro = source.suffix.lower() == ".xlsm"
    wb = _load(source, macro, limits)
    mark_workbook(wb, findings)
    _save(wb, out, like=source)


def check_target(source: Path, out: Path) -> None:
    """Refuse an annotated copy that could not or must not be written — before any work is done
    (``checker run`` calls it first): never the original, however spelt or linked."""
    source, out = Path(source), Path(out)
    check_output(out, [source], "--annotate")
    if source.suffix.lower() == ".xls":
        raise AnnotateError(f"标注副本只能由 .xlsx/.xlsm 工作簿生成：请先把 {source} 另存为 .xlsx。")
    want = ".xlsm" if source.suffix.lower() == ".xlsm" else ".xlsx"
    if out.suffix.lower() != want:
        raise AnnotateError(f"标注副本的扩展名应与原文件一致（{want}）：{out}")


def clear_file(path: Path) -> int:
    """Restore the annotated workbook at ``path`` in place; returns the number of cells
    restored. A file without checker's marks is not written at all (returns -1)."""
    path = Path(path)
    check_output(path, [], "要清除标记的文件")
    wb = _load(path, path.suffix.lower() == ".xlsm")
    if own_marks(wb) is None:
        return -1
    restored = clear_workbook(wb)
    _save(wb, path)
    return restored


# Checker's own sheets are known by an id, never by their names alone: a user's sheet named
# 校验结果 or _checker_marks, whatever its A1 says, is neither deleted nor altered. The id is a
# random 128-bit hex recorded in H1 of the very hidden marks sheet and in the workbook's custom
# property ``checker_marks``; the marks sheet also records the name of the results sheet it made
# (I1), the sheet that was active (J1) and each sheet's tab selection (K1).
ID_PROPERTY = "checker_marks"
ID_COLUMN = 8           # H


def _id_property(wb: Workbook) -> Optional[str]:
    """The id recorded at workbook level: the custom property, else the defined name of the same
    name the Excel button writes on engines without custom properties (checker.excel.own)."""
    for prop in getattr(wb, "custom_doc_props", None) or []:
        if prop.name == ID_PROPERTY:
            return str(prop.value)
    defined = wb.defined_names.get(ID_PROPERTY)
    if defined is not None:
        found = MARK_ID.match(str(defined.attr_text or "").strip('"'))
        return found.group(1) if found else None
    return None


def _header(ws: Worksheet, column: int) -> str:
    return _decode(ws.cell(1, column).value)


def own_marks(wb: Workbook) -> Optional[Worksheet]:
    """The marks sheet checker wrote, if any: its H1 carries the id, matching the workbook's
    custom property or defined name ``checker_marks`` where there is one (the Excel button writes
    the custom property where the engine can, the defined name everywhere). A sheet without the id is never taken for ours,
    whatever its name, header or state."""
    prop = _id_property(wb)
    for ws in wb.worksheets:
        if not ws.title.startswith(MARKS_SHEET):
            continue
        found = MARK_ID.match(_header(ws, ID_COLUMN))
        if found and (prop is None or prop == found.group(1)):
            return ws
    return None


def own_results(wb: Workbook, marks: Optional[Worksheet]) -> Optional[Worksheet]:
    """The results sheet the marks sheet ``marks`` names (I1), if it still shows our summary."""
    if marks is None:
        return None
    name = _header(marks, ID_COLUMN + 1)
    if name in wb.sheetnames and is_our_results(wb[name]["A1"].value):
        return wb[name]
    return None


def _free_name(wb: Workbook, name: str) -> str:
    from .own import free_name      # the Excel button names its sheets the same way

    return free_name(wb.sheetnames, name)


def mark_workbook(wb: Workbook, findings: list[Finding]) -> None:
    """Mark an openpyxl workbook in memory; marks of an earlier run are cleared first. The user's
    sheets keep their names: where one is named like checker's sheets, ours get another name."""
    clear_workbook(wb)
    names = list(wb.sheetnames)
    active = wb.active.title if wb.active is not None else ""
    selected = {ws.title: ws.sheet_view.tabSelected for ws in wb.worksheets}
    results_name = _free_name(wb, RESULTS_SHEET)
    marks_name = _free_name(wb, MARKS_SHEET)
    originals = []
    for mark in _on_merge_origins(wb, cell_marks(findings, names, own=())).values():
        originals.append(_mark(wb[mark.sheet][mark.address], mark))
    mark_id = uuid.uuid4().hex
    marks = wb.create_sheet(marks_name)
    for row in marks_block(originals):
        marks.append(row)
    for offset, value in enumerate((MARK_ID_PREFIX + mark_id, results_name, active, selected)):
        marks.cell(1, ID_COLUMN + offset, json.dumps(value, ensure_ascii=False))
    marks.sheet_state = "veryHidden"
    wb.custom_doc_props.append(StringProperty(name=ID_PROPERTY, value=mark_id))
    _write_results(wb, findings, names, results_name)


def _on_merge_origins(wb: Workbook, marks: dict[tuple[str, str], CellMark]) -> dict[tuple[str, str], CellMark]:
    """A cell inside a merged range cannot carry a fill or a note of its own (openpyxl, like
    Excel, keeps them on the range's top-left cell): such a mark moves there, its note naming the
    cell and the range; marks meeting on one cell are combined."""
    out: dict[tuple[str, str], CellMark] = {}
    for mark in marks.values():
        ws = wb[mark.sheet]
        target = mark
        if isinstance(ws[mark.address], MergedCell):
            for rng in ws.merged_cells.ranges:
                if mark.address in rng:
                    origin = f"{get_column_letter(rng.min_col)}{rng.min_row}"
                    target = CellMark(mark.sheet, origin, mark.severity,
                                      [f"（{mark.address} 位于合并区域 {rng.coord}，标在其左上角 {origin}）{line}"
                                       for line in mark.lines])
                    break
        known = out.get(target.key)
        if known is None:
            out[target.key] = target
            continue
        if target.severity is Severity.ERROR:
            known.severity = Severity.ERROR
        known.lines.extend(line for line in target.lines if line not in known.lines)
    return out


def clear_workbook(wb: Workbook) -> int:
    """Restore every marked cell and remove the results and marks sheets checker wrote (known by
    their id, never by name alone); returns the number of cells restored."""
    marks = own_marks(wb)
    if marks is None:
        return 0
    restored = 0
    results = own_results(wb, marks)
    active = _header(marks, ID_COLUMN + 2)
    try:
        selected = json.loads(marks.cell(1, ID_COLUMN + 3).value or "null")
    except ValueError:
        selected = None
    for original in read_marks(marks.iter_rows(max_col=len(MARKS_HEADER), values_only=True)).values():
        if original.sheet in wb.sheetnames and wb[original.sheet] not in (marks, results):
            _restore(wb[original.sheet][original.address], original)
            restored += 1
    wb.remove(marks)
    if results is not None:
        wb.remove(results)
    props = getattr(wb, "custom_doc_props", None)
    if props is not None:
        props.props = [p for p in props.props if p.name != ID_PROPERTY]
    wb.defined_names.pop(ID_PROPERTY, None)        # the Excel button's record (checker.excel.own)
    if active in wb.sheetnames and isinstance(selected, dict):
        for ws in wb.worksheets:
            ws.sheet_view.tabSelected = selected.get(ws.title, ws.sheet_view.tabSelected)
        wb.active = wb[active]
    else:
        _select(wb, 0)
    return restored


def _load(path: Path, macro: bool, limits: Optional[Limits] = None) -> Workbook:
    # vetted like every input (core.vet: a regular file, no bomb, bounded extent and merges)
    # before openpyxl, which would expand what the sheet declares, sees it
    data = read_bytes(path, limits)
    _open_zip(str(path), data, limits)
    try:
        return load_workbook(io.BytesIO(data), keep_vba=macro, rich_text=False)
    except Exception as exc:  # openpyxl raises many types for files it cannot read
        raise InputError(str(path), f"无法作为 Excel 工作簿打开（{type(exc).__name__}），请确认是 .xlsx/.xlsm 文件。") from exc


def _save(wb: Workbook, out: Path, like: Optional[Path] = None) -> None:
    """Write to a temporary file beside ``out``, then move it into place (core.outputs): an
    interrupted save never leaves a half-written workbook nor a temporary file, and the file keeps
    the permission bits of ``like`` (the original) or of the file it replaces."""
    with atomic_write(out, like) as tmp:
        wb.save(tmp)


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


def _write_results(wb: Workbook, findings: list[Finding], names: list[str], title: str = RESULTS_SHEET) -> None:
    ws = wb.create_sheet(title, 0)
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
