"""Printing a seed workbook to PDF the way a department publishes it, with headless LibreOffice.

Before converting, each sheet is set up as publishers do: landscape and fit to one page wide
(LibreOffice otherwise prints a wide table's right-hand columns on later pages); columns wide
enough for their text (a name wider than its column is clipped on paper: "一般公共服务支" for
"一般公共服务支出"); the rows of a paragraph merged over the sheet's width tall enough for its
wrapped lines (else they print over the next paragraph); and each 绩效目标表 on a page of its own.
A sheet with a column wider than the paper (the Shanghai template's text sheets hold each text in
one column sized to Excel's own font) is printed at the scale that fits it (:func:`fit_scale`):
LibreOffice's "one page wide" splits columns over pages but never shrinks a single column, which it
prints clipped at both paper edges.
Long tables still run over pages, which is what the PDF reader has to join.
"""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Optional

import pytest

import openpyxl
from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

LINE_POINTS = 16        # one wrapped line of an 11-point paragraph
# LibreOffice lays a column width of N characters out as N digits of the workbook's default font,
# as it renders that font: here a stand-in (DejaVu Sans, digits 0.636 em; Excel's 宋体 has 0.5 em).
# The bound is taken with room to spare, so that a sheet scaled by it fits wherever it is printed.
DIGIT_EM = 0.66
PAPER_POINTS = {9: (595.3, 841.9), 8: (841.9, 1190.6), 1: (612.0, 792.0)}    # A4, A3, Letter (portrait)
UNSTYLED_WIDTH = 14     # a table column's width in a workbook written without styles: the builders'
A4_LANDSCAPE_POINTS = 842 - 2 * 0.75 * 72      # the printable width between openpyxl's default margins


POINTS_PER_WIDTH = 7.0      # LibreOffice's print of a column of width w (characters): about 6.9 w points


def one_page_wide_scale(ws) -> int:
    """The print scale (percent) at which the sheet's used columns fit one A4 landscape page wide
    (widths measured on LibreOffice's prints of the seeds), with 5 % to spare."""
    points = sum((ws.column_dimensions[get_column_letter(k)].width or 8.43) * POINTS_PER_WIDTH + 4
                 for k in range(1, ws.max_column + 1))
    return max(10, min(100, int(A4_LANDSCAPE_POINTS / max(points, 1) * 95)))


def display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


Box = tuple[int, int, int, int]          # first row, first column, last row, last column (1-based)
THIN = Side(style="thin")


def set_up_for_print(source: Path, target: Path, *, scaled: bool = False,
                     title_rows: Optional[dict[str, tuple[int, int]]] = None,
                     ruled: Optional[dict[str, list[Box]]] = None) -> Path:
    """``source`` set up for print as ``target``. ``scaled``: one page wide by a scale worked out
    here from the column widths on A4 (what "fit to one page wide" settles on, a little smaller)
    instead of LibreOffice's own fit, which costs it four times as long to print (it paginates the
    sheet again for each scale it tries). ``title_rows``: sheet → (first, last) 1-based rows
    printed again at the top of each page (顶端标题行: a long table's header on every page).
    ``ruled``: sheet → ranges given thin borders on every cell (a workbook written without
    styles has none, and a table printed without its rules is no table on paper); given, each
    column is at least as wide as the builders make a table's (else "编制单位：…", merged over
    half the table, no longer fits its line)."""
    wb = openpyxl.load_workbook(source)
    default_size = float(wb._fonts[0].sz or 11)      # the workbook's default font (its Normal style)
    for ws in wb:
        for r1, c1, r2, c2 in (ruled or {}).get(ws.title, []):
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    ws.cell(r, c).border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
        spans = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
        widths: dict[int, int] = {}
        for row in ws.iter_rows():
            for cell in row:
                rng = spans.get((cell.row, cell.column))
                if cell.value is None or (rng is not None and rng.max_col > rng.min_col):
                    continue
                text = f"{cell.value:,.2f}" if isinstance(cell.value, (int, float)) else str(cell.value)
                widths[cell.column] = max(widths.get(cell.column, 0),
                                          min(max(display_width(line) for line in text.split("\n")), 60))
        for col, width in widths.items():
            dim = ws.column_dimensions[get_column_letter(col)]
            dim.width = max(width + 2, dim.width or 0, UNSTYLED_WIDTH if ruled is not None else 0)
        heights: dict[int, float] = {}
        for (r, c), rng in spans.items():
            value = ws.cell(r, c).value
            if not isinstance(value, str) or rng.max_col - rng.min_col < 4:
                continue        # only paragraphs merged across the sheet
            width = sum(ws.column_dimensions[get_column_letter(k)].width or 8.43
                        for k in range(rng.min_col, rng.max_col + 1))
            lines = sum(max(1, -(-display_width(part) // max(int(width), 1))) for part in value.split("\n"))
            rows = rng.max_row - rng.min_row + 1
            for k in range(rows):
                heights[r + k] = max(heights.get(r + k, 0), lines * LINE_POINTS / rows)
            ws.cell(r, c).alignment = Alignment(wrap_text=True, vertical="top")
        merged = {(r, c) for rng in ws.merged_cells.ranges for r in range(rng.min_row, rng.max_row + 1)
                  for c in range(rng.min_col, rng.max_col + 1)}
        for row in ws.iter_rows():
            # a paragraph alone in its row and wider than its column (a 说明 typed one paragraph a
            # cell, unmerged): wrapped, as a publisher prints it, instead of running off the page
            filled = [c for c in row if c.value is not None]
            if len(filled) != 1 or not isinstance(filled[0].value, str) or (filled[0].row, filled[0].column) in merged:
                continue
            cell = filled[0]
            width = ws.column_dimensions[get_column_letter(cell.column)].width or 8.43
            lines = sum(max(1, -(-display_width(part) // max(int(width), 1))) for part in cell.value.split("\n"))
            if lines > 1:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                heights[cell.row] = max(heights.get(cell.row, 0), lines * LINE_POINTS)
        for r, height in heights.items():
            ws.row_dimensions[r].height = max(height, ws.row_dimensions[r].height or 0)
        for (cell,) in ws.iter_rows(min_col=1, max_col=1):
            if cell.row > 1 and isinstance(cell.value, str) and cell.value.strip().endswith("绩效目标表"):
                ws.row_breaks.append(Break(id=cell.row - 1))
        ws.page_setup.orientation = "landscape"
        if (title_rows or {}).get(ws.title):
            first, last = title_rows[ws.title]
            ws.print_title_rows = f"{first}:{last}"
        if scaled:
            ws.page_setup.paperSize = ws.PAPERSIZE_A4
            ws.page_setup.scale = one_page_wide_scale(ws)
        else:
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        scale = fit_scale(ws, default_size)     # a single column wider than the paper: only a scale fits it
        if scale is not None:
            ws.sheet_properties.pageSetUpPr.fitToPage = False
            ws.page_setup.scale = scale
    wb.save(target)
    return target


def fit_scale(ws, default_size: float) -> int | None:
    """The print scale (percent) at which the sheet's used columns fit the paper's width between its
    margins, when one of those columns alone is wider than that (else None: "one page wide" does)."""
    used = sorted({cell.column for row in ws.iter_rows() for cell in row if cell.value is not None})
    unit = DIGIT_EM * default_size
    widths = [(ws.column_dimensions[get_column_letter(c)].width or 8.43) * unit for c in used]
    portrait = PAPER_POINTS.get(int(ws.page_setup.paperSize or 9), PAPER_POINTS[9])
    paper = portrait[1] if ws.page_setup.orientation == "landscape" else portrait[0]
    margins = ws.page_margins
    printable = paper - 72 * ((margins.left or 0.75) + (margins.right or 0.75))
    if not widths or max(widths) <= printable:
        return None
    return max(10, int(100 * printable / sum(widths)))


def print_to_pdf(workbooks: list[Path], outdir: Path, timeout: float = 600) -> list[Path]:
    """The workbooks converted to PDF by one headless LibreOffice run (own profile); the PDFs' paths."""
    from checker.core.recalc import soffice

    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([soffice(), f"-env:UserInstallation=file://{outdir / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), *map(str, workbooks)],
                   check=True, capture_output=True, timeout=timeout)
    return [outdir / f"{p.stem}.pdf" for p in workbooks]


def printed_or_skip(workbooks: list[Path], outdir: Path) -> list[Path]:
    """:func:`print_to_pdf` for a test fixture: the test is skipped when LibreOffice cannot print."""
    try:
        pdfs = print_to_pdf(workbooks, outdir)
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"LibreOffice could not convert: {exc}")
    if not all(p.exists() for p in pdfs):
        pytest.skip("LibreOffice wrote no PDF")
    return pdfs
