"""Cells no table can be read from, reported with their cell and text (issue #12 item 2): an Excel
error value (#REF!, #DIV/0!, #N/A, #VALUE!: S015) and an amount written in words ("一千万": S008),
never read as blank or 0."""
from __future__ import annotations

import openpyxl
import pytest

from checker.core.engine import Engine, make_plugin_manager
from checker.core.reader import read_workbook
from checker.core.workbook import load_grids

T2 = "表2 单位收入总体情况表"


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


def _edited(seed_path, tmp_path, changes: dict[str, object], sheet: str = T2):
    wb = openpyxl.load_workbook(seed_path("000", "split"))
    ws = wb[sheet]
    for address, value in changes.items():
        ws[address] = value
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    return path


def _findings(engine, path, rule):
    return [(f.locations[0].sheet, f.locations[0].cell, f.message) for f in engine.check(read_workbook(path))
            if f.rule == rule]


def test_error_values_are_taken_from_the_sheet_xml(seed_path, tmp_path):
    """openpyxl writes "#REF!" as an error cell (t="e"); python-calamine reads it as empty, the
    sheet XML still says what it is."""
    path = _edited(seed_path, tmp_path, {"E8": "#REF!", "F9": "#DIV/0!"})
    grid = next(g for g in load_grids(path) if g.name == T2)
    assert grid.value(7, 4) is None
    assert grid.errors == {(7, 4): "#REF!", (8, 5): "#DIV/0!"}


def test_s015_error_values_in_a_table(engine, seed_path, tmp_path):
    path = _edited(seed_path, tmp_path, {"E8": "#REF!", "F9": "#DIV/0!", "G10": "#N/A", "E11": "#VALUE!"})
    found = _findings(engine, path, "S015")
    assert [(s, c) for s, c, _ in found] == [(T2, "E8"), (T2, "F9"), (T2, "G10"), (T2, "E11")]
    assert "#REF!" in found[0][2] and "#VALUE!" in found[3][2]
    doc = read_workbook(path)
    # the cell is not read as an amount (neither 0 nor blank that adds up)
    table = doc.tables[next(k for k in doc.tables if doc.tables[k].title_cell.sheet == T2)]
    assert not any(a.cell.address == "E8" for row in table.rows for a in row.amounts.values())


def test_s015_error_values_typed_as_text_are_reported_too(engine, seed_path, tmp_path):
    """A grid read through Excel or from a PDF carries the error as its text."""
    wb = openpyxl.load_workbook(seed_path("000", "split"))
    wb[T2]["E8"] = "#REF!"
    wb[T2]["E8"].data_type = "s"
    path = tmp_path / "text.xlsx"
    wb.save(path)
    assert [(s, c) for s, c, _ in _findings(engine, path, "S015")] == [(T2, "E8")]


def test_s015_silent_on_a_sentence_that_mentions_an_error(engine, seed_path, tmp_path):
    path = _edited(seed_path, tmp_path, {"A3": "注：原表 E8 曾显示 #REF!，已改为实际金额。"}, sheet="情况说明")
    assert _findings(engine, path, "S015") == []


def test_s015_many_error_values_on_one_sheet_are_summed_up(engine, seed_path, tmp_path):
    changes = {f"{col}{row}": "#REF!" for col in "EFGHIJ" for row in range(8, 13)}
    found = _findings(engine, _edited(seed_path, tmp_path, changes), "S015")
    assert len(found) == 21
    assert [m for _, _, m in found if "另有 10 个单元格" in m]


def test_s008_an_amount_written_in_words(engine, seed_path, tmp_path):
    path = _edited(seed_path, tmp_path, {"E8": "一千万", "F9": "壹佰万元整"})
    found = _findings(engine, path, "S008")
    assert [(s, c) for s, c, _ in found] == [(T2, "E8"), (T2, "F9")]
    assert "“一千万”" in found[0][2]


def test_s008_silent_on_a_dash_or_a_label_in_an_amount_column(engine, seed_path, tmp_path):
    path = _edited(seed_path, tmp_path, {"E8": "—", "F9": "-", "G10": "无"})
    assert _findings(engine, path, "S008") == []


def test_cell_text_with_character_references_is_read_decoded():
    """A web export leaves "&#20010;" for 个 and "&amp;" for &: messages quote the text decoded."""
    from checker.core.text import clean

    assert clean("审核招标文件350&#20010;") == "审核招标文件350个"
    assert clean("R&amp;D 经费") == "R&D 经费" and clean("R&D") == "R&D"


def test_s015_error_values_in_an_old_format_xls(engine, seed_path, tmp_path):
    """A budget system's .xls export (LibreOffice saves it here): python-calamine reads the error
    cells as empty, xlrd finds them, so the .xls reports the same S015 as the .xlsx."""
    from test_xls import save_as_xls      # skips when LibreOffice is absent

    wb = openpyxl.load_workbook(seed_path("000", "split"))
    wb[T2]["E8"] = "=1/0"
    wb[T2]["F9"] = "=#REF!+1"
    source = tmp_path / "errors.xlsx"
    wb.save(source)
    xls = save_as_xls([source], tmp_path / "xls")[0]
    grid = next(g for g in load_grids(xls) if g.name == T2)
    assert grid.value(7, 4) is None and grid.errors == {(7, 4): "#DIV/0!", (8, 5): "#REF!"}
    assert [(s, c) for s, c, _ in _findings(engine, xls, "S015")] == [(T2, "E8"), (T2, "F9")]
