"""Values no budget can hold (1e26, 1e308, NaN, infinity, as numbers or text) are reported as S008
on their cell and set aside: no plugin ever sees them, so none crashes (no S900)."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from checker.cli import cli
from checker.core.engine import Engine
from checker.core.reader import read_workbook
from checker.excel.annotate import annotate_copy, clear_file
from checker.excel.cli import register

register(cli)

VALUES = [1e26, 1e308, -1e300, "NaN", "inf", "-Infinity", "1e26", "1E+308", "123456789012345678901234567"]


def hostile_amounts(seed: Path, out: Path, raw_nan: bool = True) -> tuple[str, list[str]]:
    """The seed with amount cells of 表5 (一般公共预算支出情况表) replaced by VALUES, and one more
    whose stored XML reads <v>NaN</v> (what openpyxl cannot write)."""
    wb = openpyxl.load_workbook(seed)
    ws = next(ws for ws in wb.worksheets
              if any("一般公共预算支出情况表" in str(c.value or "") for row in ws.iter_rows(max_row=3) for c in row))
    numeric = [c for row in ws.iter_rows(min_row=5) for c in row if isinstance(c.value, (int, float))]
    cells = numeric[:len(VALUES) + 1]
    for cell, value in zip(cells, VALUES):
        cell.value = value
    cells[-1].value = 424242.5
    wb.save(out)
    if not raw_nan:
        return ws.title, [c.coordinate for c in cells[:-1]]
    raw = out.with_suffix(".tmp.xlsx")
    out.rename(raw)
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(b"<v>424242.5</v>", b"<v>NaN</v>")
            dst.writestr(item, data)
    raw.unlink()
    return ws.title, [c.coordinate for c in cells]


def test_implausible_values_are_s007_and_no_plugin_crashes(tmp_path, seed_path):
    path = tmp_path / "怪值.xlsx"
    sheet, cells = hostile_amounts(seed_path("000", "split"), path)
    document = read_workbook(path)
    findings = Engine().check(document)
    assert not [f for f in findings if f.rule == "S900"], [f.message for f in findings if f.rule == "S900"]
    flagged = {loc.cell for f in findings if f.rule == "S008" for loc in f.locations if loc.sheet == sheet}
    assert set(cells) <= flagged, (cells, flagged)
    for fmt in ("text", "json"):
        result = CliRunner().invoke(cli, ["run", str(path), "--format", fmt], catch_exceptions=False)
        assert result.exit_code == 1 and "S900" not in result.output
        assert "S008" in result.output
    parsed = json.loads(CliRunner().invoke(cli, ["run", str(path), "--format", "json"]).output)
    assert parsed["files"][0]["counts"]["error"] >= len(cells)
    # openpyxl itself refuses a stored <v>NaN</v> (a clean InputError, tested here); the copy is
    # made from the workbook without it
    import pytest
    from checker.core.errors import InputError
    with pytest.raises(InputError):
        annotate_copy(path, tmp_path / "不能.xlsx", findings)
    plain = tmp_path / "怪值2.xlsx"
    hostile_amounts(seed_path("000", "split"), plain, raw_nan=False)
    findings = Engine().check(read_workbook(plain))
    assert not [f for f in findings if f.rule == "S900"]
    out = tmp_path / "标注.xlsx"
    annotate_copy(plain, out, findings)
    before = openpyxl.load_workbook(plain)
    assert clear_file(out) >= 0
    after = openpyxl.load_workbook(out)
    assert [[c.value for c in row] for row in after[sheet].iter_rows()] == \
        [[c.value for c in row] for row in before[sheet].iter_rows()]


def test_plausible_large_amounts_and_id_numbers_are_not_flagged(tmp_path):
    """Near miss of S008: large real amounts, an 18-digit ID number and a word "inf" in a text."""
    from checker.core.grid import SheetGrid
    from checker.core.reader.plausible import set_aside

    grid = SheetGrid("表1", [[123456789012.34, "110101199001011234", "1,234.56", 10 ** 14, "说明 inf 文字"]])
    assert list(set_aside([grid])) == []
    assert grid.rows[0][0] == 123456789012.34
