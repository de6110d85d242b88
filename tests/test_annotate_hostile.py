"""Annotation on awkward workbooks, and clear removing only what checker wrote.

Each case: build the workbook with openpyxl, annotate a copy, clear the copy, and compare with the
original: every cell's value, fill and comment, every sheet's name, order and state, the merged
ranges, the active sheet and selected tabs, the custom properties.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
from click.testing import CliRunner
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from checker.cli import cli
from checker.core.findings import Finding, Location, Severity
from checker.excel.annotate import annotate_copy, clear_file, own_marks
from checker.excel.cli import register
from checker.excel.layout import FILL, MARKS_SHEET, RESULTS_SHEET

register(cli)

ERROR = FILL[Severity.ERROR].lstrip("#")


def snapshot(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    fills = [ElementTree.tostring(fill.to_tree()) for fill in wb._fills]
    sheets = []
    for ws in wb.worksheets:
        cells = {}
        for (r, c), cell in sorted(ws._cells.items()):
            comment = (cell.comment.text, cell.comment.author) if cell.comment else None
            if cell.value is None and comment is None and cell._style.fillId == 0:
                continue        # an empty cell carries nothing (openpyxl drops it when it saves)
            cells[(r, c)] = (cell.value, fills[cell._style.fillId], comment)
        sheets.append((ws.title, ws.sheet_state, ws.sheet_view.tabSelected, sorted(str(m) for m in ws.merged_cells.ranges),
                       cells))
    props = sorted((p.name, str(p.value)) for p in wb.custom_doc_props.props)
    return {"sheets": sheets, "active": wb.active.title, "props": props}


def finding(sheet: str, cell: str, severity=Severity.ERROR, message="合计不等于各项之和。") -> Finding:
    return Finding("A101", message, [Location(sheet, cell, f"{sheet} 表")], severity=severity)


def roundtrip(tmp_path: Path, source: Path, findings: list[Finding]) -> Path:
    """Annotate a copy, check the original is untouched, clear the copy: it equals the original."""
    before = snapshot(source)
    raw = source.read_bytes()
    out = tmp_path / ("标注" + source.suffix)
    annotate_copy(source, out, findings)
    assert source.read_bytes() == raw
    marked = tmp_path / ("标注-保留" + source.suffix)
    shutil.copy(out, marked)
    assert clear_file(out) >= 0
    assert snapshot(out) == before
    return marked


def base_workbook() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws["A1"] = "部门收支总体情况表"
    for r in range(3, 8):
        ws.cell(r, 1, f"项目{r}")
        ws.cell(r, 3, r * 10)
    ws["C4"].fill = PatternFill(fill_type="solid", fgColor="00B050")
    ws["C5"].comment = Comment("原有批注", "张三")
    return wb


def test_flagged_cell_inside_a_merged_range_marks_its_top_left(tmp_path):
    wb = base_workbook()
    ws = wb["表1"]
    ws["B10"] = 100
    ws.merge_cells("B10:E10")
    ws.merge_cells("A12:A14")
    ws["A12"].comment = Comment("合并格原批注", "李四")
    source = tmp_path / "合并.xlsx"
    wb.save(source)
    findings = [finding("表1", "D10"), finding("表1", "E10", Severity.WARNING, "另一条"),
                finding("表1", "A13", Severity.WARNING), finding("表1", "C3")]
    marked = roundtrip(tmp_path, source, findings)
    wb = openpyxl.load_workbook(marked)
    ws = wb["表1"]
    assert ws["B10"].fill.fgColor.rgb[-6:] == ERROR           # the worst of the two findings
    note = ws["B10"].comment.text
    assert "D10 位于合并区域 B10:E10" in note and "E10 位于合并区域 B10:E10" in note and "另一条" in note
    assert "A13 位于合并区域 A12:A14" in ws["A12"].comment.text and "合并格原批注" in ws["A12"].comment.text
    assert ws["C3"].fill.fgColor.rgb[-6:] == ERROR
    assert sorted(str(m) for m in ws.merged_cells.ranges) == ["A12:A14", "B10:E10"]


def test_user_sheets_named_like_checkers_are_never_touched(tmp_path):
    wb = base_workbook()
    results = wb.create_sheet(RESULTS_SHEET)
    results["A1"] = "校验结果：这是我自己的记录"           # even with our summary prefix
    results["B2"] = "不能丢"
    marks = wb.create_sheet(MARKS_SHEET)
    marks.append(["工作表", "单元格", "原填充色"])            # even with our header
    marks.append(["表1", "C3", "无"])
    marks.sheet_state = "veryHidden"
    source = tmp_path / "同名.xlsx"
    wb.save(source)
    digest = source.read_bytes()
    # clear on the user's own file: nothing of checker's there, nothing written
    assert clear_file(source) == -1 and source.read_bytes() == digest
    result = CliRunner().invoke(cli, ["clear", str(source)])
    assert result.exit_code == 0 and "没有校验标记" in result.output and source.read_bytes() == digest
    marked = roundtrip(tmp_path, source, [finding("表1", "C3"), finding(RESULTS_SHEET, "B2")])
    wb = openpyxl.load_workbook(marked)
    assert wb.sheetnames[0] == RESULTS_SHEET + "_2"
    assert wb[RESULTS_SHEET]["B2"].value == "不能丢"
    assert wb[RESULTS_SHEET]["B2"].fill.fgColor.rgb[-6:] == ERROR     # the user's sheet is a sheet like any other
    assert own_marks(wb).title == MARKS_SHEET + "_2"
    assert [c.value for c in wb[MARKS_SHEET][2]][:2] == ["表1", "C3"]


def test_only_visible_sheet_named_like_the_marks_sheet(tmp_path):
    wb = base_workbook()
    wb["表1"].sheet_state = "hidden"
    visible = wb.create_sheet(MARKS_SHEET)
    visible["A1"] = "工作表"
    wb.active = 1
    wb["表1"].sheet_view.tabSelected = False
    visible.sheet_view.tabSelected = True
    source = tmp_path / "唯一可见.xlsx"
    wb.save(source)
    marked = roundtrip(tmp_path, source, [finding("表1", "C3"), finding(MARKS_SHEET, "A1")])
    wb = openpyxl.load_workbook(marked)
    assert wb[MARKS_SHEET].sheet_state == "visible" and wb[MARKS_SHEET]["A1"].value == "工作表"


def test_hidden_sheets_and_active_sheet_are_restored(tmp_path):
    wb = base_workbook()
    second = wb.create_sheet("表2")
    second["C3"] = 5
    wb.create_sheet("附表").sheet_state = "veryHidden"
    wb["表1"].sheet_state = "hidden"
    wb.active = 1
    wb["表1"].sheet_view.tabSelected = False
    second.sheet_view.tabSelected = True
    source = tmp_path / "隐藏.xlsx"
    wb.save(source)
    roundtrip(tmp_path, source, [finding("表1", "C3"), finding("表2", "C3", Severity.WARNING)])


def test_annotating_an_annotated_file_then_clearing_once_restores(tmp_path):
    wb = base_workbook()
    wb["表1"].merge_cells("B10:C10")
    source = tmp_path / "原.xlsx"
    wb.save(source)
    before = snapshot(source)
    once = tmp_path / "一次.xlsx"
    twice = tmp_path / "两次.xlsx"
    annotate_copy(source, once, [finding("表1", "C4"), finding("表1", "C10")])
    annotate_copy(once, twice, [finding("表1", "C5", Severity.WARNING)])
    wb2 = openpyxl.load_workbook(twice)
    assert [ws.title for ws in wb2.worksheets].count(RESULTS_SHEET) == 1
    assert clear_file(twice) >= 0
    assert snapshot(twice) == before


def test_a_marks_sheet_without_the_workbooks_id_is_not_ours(tmp_path):
    # a marks sheet copied in from another annotated workbook: its id does not match this one's
    wb = base_workbook()
    source = tmp_path / "原.xlsx"
    wb.save(source)
    out = tmp_path / "标注.xlsx"
    annotate_copy(source, out, [finding("表1", "C3")])
    wb = openpyxl.load_workbook(out)
    for prop in wb.custom_doc_props.props:
        if prop.name == "checker_marks":
            prop.value = "0" * 32
    wb.save(out)
    assert clear_file(out) == -1
