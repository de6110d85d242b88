"""Old-format .xls workbooks (BIFF8, what many budget systems still export), written by LibreOffice.

The seed workbooks are saved as .xls by real LibreOffice (headless) and checked: every finding,
cell for cell, must be what the .xlsx gives.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.core.engine import Engine
from checker.core.reader import read_workbook
from checker.core.recalc import convert, soffice
from checker.plugins.codes.importer import import_file


def save_as_xls(sources: list[Path], workdir: Path, infilter: Optional[str] = None) -> list[Path]:
    exe = soffice()
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = convert(exe, sources, workdir, "xls:MS Excel 97", ".xls", infilter=infilter, timeout=240)
    assert all(p.exists() and p.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" for p in out)
    return out


@pytest.fixture(scope="module")
def xls_seeds(seed_path, tmp_path_factory):
    """(xlsx, xls) for seed 001 (split layout) and 003 (stacked)."""
    sources = [seed_path("001", "split"), seed_path("003", "stacked")]
    folder = tmp_path_factory.mktemp("xls")
    copies = []
    for i, src in enumerate(sources):       # distinct stems: both seeds are named after their layout
        copy = folder / f"seed{i}-{src.name}"
        copy.write_bytes(src.read_bytes())
        copies.append(copy)
    return list(zip(copies, save_as_xls(copies, folder / "work")))


def _findings(path: Path):
    return [(f.rule, f.severity, f.message, [(loc.sheet, loc.cell) for loc in f.locations], f.expected)
            for f in Engine().check(read_workbook(path))]


def test_xls_gives_the_same_findings_as_xlsx(xls_seeds):
    for xlsx, xls in xls_seeds:
        doc = read_workbook(xls)
        assert len(doc.tables) == 11 and doc.narrative is not None and doc.targets
        want = _findings(xlsx)
        assert want, "the seed must have findings to compare"
        assert _findings(xls) == want


def test_run_checks_xls_files_and_folders(xls_seeds):
    xls = xls_seeds[0][1]
    result = CliRunner().invoke(cli, ["run", str(xls.parent)])
    assert result.exit_code == 1, result.output          # the seeds carry real errors
    assert result.output.count("文件：") == 2 and "识别到 11 张公开表" in result.output


def test_annotate_refuses_xls_before_doing_anything(xls_seeds, tmp_path):
    out = tmp_path / "标注.xlsx"
    result = CliRunner().invoke(cli, ["run", str(xls_seeds[0][1]), "--annotate", str(out)])
    assert result.exit_code == 2 and "另存为 .xlsx" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_import_codes_from_an_xls_export(tmp_path, monkeypatch):
    csv = tmp_path / "科目表.csv"
    csv.write_text("科目编码,科目名称\n201,一般公共服务支出\n20103,政府办公厅（室）及相关机构事务\n"
                   "2010301,行政运行\n", encoding="utf-8")
    (xls,) = save_as_xls([csv], tmp_path / "work", infilter="CSV:44,34,76")
    monkeypatch.setenv("CHECKER_DATA_DIR", str(tmp_path / "data"))
    result, written = import_file(xls, 2025, partial=True)
    assert [p.name for p in written] == ["function_2025.csv"]
    assert {code: e.name for code, e in result.lists["function"].entries.items()} == {
        "201": "一般公共服务支出", "20103": "政府办公厅（室）及相关机构事务", "2010301": "行政运行"}
