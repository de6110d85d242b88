"""A header row merged over a table's whole width, printed column-wise with the page cut through
it: no cell on either page, so pdfplumber makes no row for it; the reader puts it back as the
joined table's top row (checker.core.reader.pdf_cut_headers.restore_cut_band). Printed by headless
LibreOffice from the Shanghai 政府办 unit workbook's 收支总表 with such a row added over its header."""
from __future__ import annotations

import copy
import shutil
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")

import openpyxl  # noqa: E402

from checker.core.engine import Engine, make_plugin_manager  # noqa: E402
from checker.core.reader import read_workbook  # noqa: E402
from checker.core.reader.pdf import load_pdf_grids  # noqa: E402
from checker.core.reader.pdf_columns import PlainRow, PlainTable  # noqa: E402
from checker.core.reader.pdf_cut_headers import Word, restore_cut_band  # noqa: E402
from publish import printed_or_skip, set_up_for_print  # noqa: E402
from test_pdf import _table_content  # noqa: E402

SHEET = "单位收支总表"
BAND = "财务收支预算"          # a group heading over all of 表1's columns (A5:G5)


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


def _with_band(source: Path, target: Path) -> Path:
    """``source`` with only 表1 left, a row merged over its seven columns added above its header
    (ruled and styled as the header row below it)."""
    wb = openpyxl.load_workbook(source)
    for name in wb.sheetnames:
        if name != SHEET:
            del wb[name]
    ws = wb[SHEET]
    for col in range(1, 8):
        below = ws.cell(6, col)
        cell = ws.cell(5, col)
        cell.border, cell.font, cell.alignment = copy.copy(below.border), copy.copy(below.font), copy.copy(below.alignment)
    ws.cell(5, 1).value = BAND
    ws.merge_cells("A5:G5")
    ws.row_dimensions[5].height = ws.row_dimensions[6].height
    wb.save(target)
    return target


@pytest.fixture(scope="module")
def printed(shanghai_path, tmp_path_factory):
    """(workbook, PDF printed as it is: 表1's columns over two pages, the cut through the band;
    PDF printed one page wide: the band a whole cell)."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed")
    root = tmp_path_factory.mktemp("cut_band")
    book = _with_band(shanghai_path("sh_office_unit_2025"), root / "cut.xlsx")
    whole = set_up_for_print(book, root / "whole.xlsx")
    cut_pdf, whole_pdf = printed_or_skip([book, whole], root / "pdf")
    return book, cut_pdf, whole_pdf


def _findings(engine, doc) -> Counter:
    return Counter((f.rule, f.expected, f.actual) for f in engine.check(doc) if f.severity.value != "info")


def _pages(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as opened:
        return len(opened.pages)


def _band(pdf: Path):
    [grid] = load_pdf_grids(pdf)
    i = next(i for i, row in enumerate(grid.rows) if row[0] == BAND)
    return grid, i


def test_a_merged_row_cut_by_the_page_is_the_joined_tables_top_row(engine, printed):
    """The band printed over two pages (no cell on either) is read as the joined table's first
    row, one cell over all seven columns, once, and not again as a line above the table; the
    table reads as the workbook's, with the workbook's findings."""
    book_path, cut_pdf, _ = printed
    assert _pages(cut_pdf) == 2         # 表1's left-hand columns, then its right-hand ones
    grid, i = _band(cut_pdf)
    assert grid.rows[i] == [BAND] + [None] * 6
    assert grid.rows[i + 1][:3] == ["本年收入", None, "本年支出"]
    assert (i, 0, i, 6) in grid.merges
    assert [v for row in grid.rows for v in row].count(BAND) == 1
    doc, book = read_workbook(cut_pdf, templates=engine.templates), read_workbook(book_path, templates=engine.templates)
    assert set(doc.tables) == set(book.tables) and len(doc.tables) == 1 and not doc.problems
    for role, table in doc.tables.items():
        assert _table_content(table) == _table_content(book.tables[role]), role
    assert _findings(engine, doc) == _findings(engine, book)


def test_a_merged_row_not_cut_stays_as_pdfplumber_found_it(engine, printed):
    """Near miss: printed one page wide the band is a whole ruled cell, found by pdfplumber; the
    reader leaves it as it is (one row over all columns, read once) and the table is the same."""
    book_path, cut_pdf, whole_pdf = printed
    assert _pages(whole_pdf) == 1
    grid, i = _band(whole_pdf)
    assert grid.rows[i] == [BAND] + [None] * 6 and (i, 0, i, 6) in grid.merges
    assert [v for row in grid.rows for v in row].count(BAND) == 1
    doc, book = read_workbook(whole_pdf, templates=engine.templates), read_workbook(book_path, templates=engine.templates)
    assert set(doc.tables) == set(book.tables) and not doc.problems
    for role, table in doc.tables.items():
        assert _table_content(table) == _table_content(book.tables[role]), role
    assert _findings(engine, doc) == _findings(engine, book)


def _joined() -> PlainTable:
    """A joined two-row table (header, then a row of amounts) with its top at 100 pt."""
    rows = [PlainRow([(0, 100, 50, 120), (50, 100, 100, 120)], (0, 100, 100, 120)),
            PlainRow([(0, 120, 50, 140), (50, 120, 100, 140)], (0, 120, 100, 140))]
    return PlainTable((0, 100, 100, 140), rows, [["项目", "预算数"], ["合计", "1"]], [c for r in rows for c in r.cells])


def test_a_band_needs_the_same_rule_on_both_pages_and_words_under_it():
    """Near misses of the band: the rule above the table drawn by one page only (or at another
    height), or words above the rule (a title line) and none under it: no row is added."""
    words = [Word(30, 60, 84, 92, "财务收支预算")]
    for left, right in (((80.0,), ()), ((80.0,), (60.0,))):
        table = _joined()
        assert not restore_cut_band(table, words, left, right) and len(table.rows) == 2
    table = _joined()
    assert not restore_cut_band(table, [Word(30, 60, 60, 70, "2025年预算")], (80.0,), (80.0,))
    assert len(table.rows) == 2 and table.bbox[1] == 100
    assert restore_cut_band(table, words + [w.shifted(0.5) for w in words], (80.0,), (80.5,))
    assert table.extract()[0] == ["财务收支预算", None] and table.rows[0].cells[0] == (0, 80.0, 100, 100)
    assert table.bbox == (0, 80.0, 100, 140) and (0, 80.0, 100, 100) in table.cells
