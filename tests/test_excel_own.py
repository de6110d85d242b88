"""The workbook-level record of checker's id: the defined name ``checker_marks`` the Excel button
writes on every engine is honoured by ``checker clear`` as the custom property is — a marks
sheet is cleared only when the name holds its id, and clearing removes the name."""
from __future__ import annotations

import openpyxl
from openpyxl.workbook.defined_name import DefinedName

from checker.excel.annotate import annotate_copy, clear_file
from checker.excel.own import free_name
from test_excel_support import make_engine, prepare, read_findings


def _annotated_with_name(seed_path, tmp_path, same_id: bool):
    """A copy annotated by the CLI, then saved as the Excel button leaves it: the custom property
    gone (the remote engine cannot keep one), the defined name holding the id (or another)."""
    source = tmp_path / "source.xlsx"
    targets = prepare(seed_path("000", "split"), source)
    out = tmp_path / "annotated.xlsx"
    annotate_copy(source, out, read_findings(source, make_engine(targets.findings())))
    wb = openpyxl.load_workbook(out)
    mark_id = next(p.value for p in wb.custom_doc_props if p.name == "checker_marks")
    wb.custom_doc_props.props = []
    recorded = mark_id if same_id else "0" * 32
    wb.defined_names["checker_marks"] = DefinedName("checker_marks", attr_text=f'"checker-marks:{recorded}"')
    wb.save(out)
    return source, out


def test_checker_clear_honours_the_defined_name_and_removes_it(seed_path, tmp_path):
    source, out = _annotated_with_name(seed_path, tmp_path, same_id=True)
    assert clear_file(out) == 4
    wb = openpyxl.load_workbook(out)
    assert "checker_marks" not in wb.defined_names
    assert wb.sheetnames == openpyxl.load_workbook(source).sheetnames


def test_a_defined_name_with_another_id_makes_the_marks_sheet_not_ours(seed_path, tmp_path):
    _, out = _annotated_with_name(seed_path, tmp_path, same_id=False)
    before = out.read_bytes()
    assert clear_file(out) == -1 and out.read_bytes() == before      # not written at all


def test_free_names_are_case_blind_as_excel_is():
    assert free_name(["表1"], "校验结果") == "校验结果"
    assert free_name(["_CHECKER_MARKS", "_checker_marks_2"], "_checker_marks") == "_checker_marks_3"
