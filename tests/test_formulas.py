"""Formula cells: read through cached values; a formula with none is reported, not read as empty;
--recalc has LibreOffice compute them first."""
from __future__ import annotations

import shutil

import openpyxl
import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.core.reader import read_workbook
from checker.core.recalc import soffice
from checker.core.model import TableRole


def _with_formula(src, dst):
    """Replace 表3's 总计 合计 with =SUM over the class rows, written by openpyxl (no cached value)."""
    wb = openpyxl.load_workbook(src)
    ws = next(ws for ws in wb.worksheets if ws.title.startswith("表3"))
    total_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 4).value == "总计")
    class_rows = [r for r in range(total_row + 1, ws.max_row + 1)
                  if ws.cell(r, 1).value and not ws.cell(r, 2).value]
    ws.cell(total_row, 5).value = "=" + "+".join(f"E{r}" for r in class_rows)
    wb.save(dst)
    return f"E{total_row}"


def test_uncached_formula_is_reported(tmp_path, seed_path):
    path = tmp_path / "formula.xlsx"
    address = _with_formula(seed_path("000", "split"), path)
    doc = read_workbook(path)
    problems = [p for p in doc.problems if p.kind == "formula-without-value"]
    assert [p.cell.address for p in problems] == [address]
    assert "没有计算结果" in problems[0].message
    result = CliRunner().invoke(cli, ["run", str(path), "--select", "S004"])
    assert "S004" in result.output and address in result.output


def test_cached_formula_values_are_read(tmp_path, seed_path):
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    path = tmp_path / "formula.xlsx"
    _with_formula(seed_path("000", "split"), path)
    from checker.core.recalc import recalculated_copy
    recalculated = recalculated_copy(path, tmp_path / "lo")
    doc = read_workbook(recalculated)
    assert not [p for p in doc.problems if p.kind == "formula-without-value"]
    total = doc.table(TableRole.EXPENSE).total_row()
    # LibreOffice computed the formula: the four class rows of the real document add up to
    # 18,767.19, one cent more than the 18,767.18 it printed
    assert str(total.value(doc.table(TableRole.EXPENSE).column("合计"))) == "18767.19"


def test_recalc_option_runs_libreoffice(tmp_path, seed_path):
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    path = tmp_path / "formula.xlsx"
    _with_formula(seed_path("000", "split"), path)
    result = CliRunner().invoke(cli, ["run", str(path), "--recalc", "--select", "S004"])
    assert result.exit_code == 0, result.output
    assert "S004" not in result.output


def test_recalc_without_libreoffice_says_so(tmp_path, seed_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = CliRunner().invoke(cli, ["run", str(seed_path("000", "split")), "--recalc"])
    assert result.exit_code == 2
    assert "LibreOffice" in result.output and "Traceback" not in result.output
