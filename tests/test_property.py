"""Property-based: random workbooks (real table titles, random numbers — huge, tiny, NaN-like text —
text, merges, hidden sheets, error values) go through read, check, text/JSON rendering, annotate
and clear in-process without an uncaught exception, and annotate + clear gives the original back.

CI runs a bounded number of examples (profile ``ci``, the default: 50, some 10 s). A longer search:

    HYPOTHESIS_PROFILE=long python -m pytest tests/test_property.py      # 500 examples
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from checker.core.engine import Engine, make_plugin_manager
from checker.core.errors import CheckerError
from checker.core.reader import read_workbook
from checker.core.report import FileResult, render_json, render_text
from checker.excel.annotate import annotate_copy, clear_file
from test_annotate_hostile import snapshot

settings.register_profile("ci", max_examples=50, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=500, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ENGINE = Engine(make_plugin_manager())

TITLES = ([f"2024年部门{spec.name}" for profile in ENGINE.templates for spec in profile.tables]
          + ["情况说明", "校验结果", "_checker_marks"])
ERRORS = ["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NUM!"]
numbers = st.one_of(
    st.integers(-10 ** 9, 10 ** 9),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e30, max_value=1e30),
    st.decimals(min_value=-10 ** 6, max_value=10 ** 6, places=2).map(float),
)
texts = st.one_of(
    st.sampled_from(["合计", "一般公共服务支出", "201", "01", "行政运行", "编制单位：某某局", "单位：万元",
                     "NaN", "inf", "1e26", "-", "", "  ", "（一）", "一、", "=SUM(A1:A3)", "校验结果：x"]),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),   # what a cell can hold
)
values = st.one_of(st.none(), numbers, texts, st.sampled_from(ERRORS))
SHEET_NAMES = ["表1", "表2", "表3", "校验结果", "_checker_marks", "说明", "Sheet", "表5"]


@st.composite
def workbooks(draw):
    n_sheets = draw(st.integers(1, 3))
    names = draw(st.lists(st.sampled_from(SHEET_NAMES), min_size=n_sheets, max_size=n_sheets, unique=True))
    sheets = []
    for name in names:
        rows, cols = draw(st.integers(1, 12)), draw(st.integers(1, 6))
        grid = [[draw(values) for _ in range(cols)] for _ in range(rows)]
        if draw(st.booleans()):
            grid[0][0] = draw(st.sampled_from(TITLES))
        merges = []
        for _ in range(draw(st.integers(0, 2))):
            r, c = draw(st.integers(1, rows)), draw(st.integers(1, cols))
            h, w = draw(st.integers(1, 3)), draw(st.integers(1, 3))
            if h * w > 1:
                merges.append((r, c, r + h - 1, c + w - 1))
        state = draw(st.sampled_from(["visible", "visible", "hidden", "veryHidden"]))
        styled = draw(st.lists(st.tuples(st.integers(1, rows), st.integers(1, cols)), max_size=3))
        sheets.append((name, grid, merges, state, styled))
    flagged = draw(st.lists(st.tuples(st.sampled_from(names), st.integers(1, 14), st.integers(1, 8),
                                      st.sampled_from(["error", "warning"])), max_size=6))
    return sheets, flagged


def build(sheets, path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, grid, merges, state, styled in sheets:
        ws = wb.create_sheet(name)
        for r, row in enumerate(grid, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(r, c, value)
        taken: set[tuple[int, int]] = set()
        for r1, c1, r2, c2 in merges:
            cells = {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
            if cells & taken:
                continue            # overlapping merges are not a workbook Excel would write
            taken |= cells
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        for r, c in styled:
            cell = ws.cell(r, c)
            if type(cell).__name__ != "MergedCell":
                cell.fill = PatternFill(fill_type="solid", fgColor="00B050")
                cell.comment = Comment("原批注", "用户")
        ws.sheet_state = state
    if all(ws.sheet_state != "visible" for ws in wb.worksheets):
        wb.worksheets[0].sheet_state = "visible"
    wb.active = next(i for i, ws in enumerate(wb.worksheets) if ws.sheet_state == "visible")
    wb.save(path)


@given(workbooks())
def test_random_workbooks_never_crash_and_annotate_clear_restores(case):
    from checker.core.findings import Finding, Location, Severity

    sheets, flagged = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "随机.xlsx"
        build(sheets, path)
        try:
            document = read_workbook(path)
        except CheckerError:
            return                      # an empty workbook: one clean message, nothing else to do
        findings = ENGINE.check(document)
        assert not [f.message for f in findings if f.rule == "S900"]
        results = [FileResult(path=str(path), document=document, findings=findings)]
        render_text(results, verbose=True)
        json.loads(render_json(results))
        # the engine's findings plus arbitrary cells flagged, merged ones included
        extra = [Finding("S005", "随机标记", [Location(s, f"{openpyxl.utils.get_column_letter(c)}{r}", s)],
                         severity=Severity.ERROR if sev == "error" else Severity.WARNING)
                 for s, r, c, sev in flagged]
        before = snapshot(path)
        out = Path(tmp) / "标注.xlsx"
        annotate_copy(path, out, findings + extra)
        assert snapshot(path) == before
        assert clear_file(out) >= 0
        assert snapshot(out) == before
