"""``checker run --report 汇总.xlsx``: the reviewer's summary as an Excel workbook.

Sheet 总览: one row per file (department) — the columns of core.review, the worst findings, and a
link to the file's annotated copy when ``--annotate DIR/`` wrote one (relative to the report, so
the folder can be moved or zipped as a whole). Sheet 全部问题: every finding, one a row, with an
autofilter on the header so a reviewer can filter by unit, rule or severity. Every text is written
as text: a unit name or message starting with "=" never becomes a formula, and characters a
workbook cannot hold are dropped.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .outputs import atomic_write
from .review import OVERVIEW_COLUMNS, Reviewed, finding_line, overview_row, worst_findings

OVERVIEW_SHEET = "总览"
FINDINGS_SHEET = "全部问题"
FINDING_COLUMNS = ["文件", "单位", "规则", "级别", "表", "工作表", "单元格", "行", "问题", "建议值", "实际值", "已说明"]
WORST = 3


def _put(ws, row: int, column: int, value: Any):
    """Write ``value``; a string stays a string (never a formula), without illegal characters."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _header(ws, columns: list[str], widths: dict[str, int]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    for i, title in enumerate(columns, 1):
        cell = _put(ws, 1, i, title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        ws.column_dimensions[get_column_letter(i)].width = widths.get(title, 10)
    ws.freeze_panes = "A2"
    # printed landscape, all columns on the page's width, the header on every page
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "1:1"


def _link(report: Path, target: str) -> str:
    """The annotated copy's path relative to the report's folder (absolute when on another drive)."""
    try:
        return Path(os.path.relpath(Path(target).resolve(), report.resolve().parent)).as_posix()
    except ValueError:        # pragma: no cover - Windows, another drive
        return str(Path(target).resolve())


def build_workbook(items: list[Reviewed], report: Path):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = OVERVIEW_SHEET
    columns = OVERVIEW_COLUMNS + ["主要问题", "标注副本"]
    _header(ws, columns, {"文件": 36, "单位": 28, "模板": 14, "状态": 10, "说明": 40, "主要问题": 70, "标注副本": 30})
    for r, item in enumerate(items, 2):
        for c, value in enumerate(overview_row(item), 1):
            _put(ws, r, c, value)
        worst = "\n".join(finding_line(f) for f in worst_findings(item.entry, WORST))
        _put(ws, r, len(columns) - 1, worst).alignment = Alignment(wrap_text=True, vertical="top")
        if item.annotated:
            cell = _put(ws, r, len(columns), Path(item.annotated).name)
            cell.hyperlink = _link(report, item.annotated)
            cell.font = Font(color="0563C1", underline="single")
    ws.auto_filter.ref = f"A1:{ws.cell(row=max(len(items) + 1, 1), column=len(columns)).coordinate}"

    fs = wb.create_sheet(FINDINGS_SHEET)
    _header(fs, FINDING_COLUMNS, {"文件": 36, "单位": 28, "表": 30, "工作表": 16, "行": 24, "问题": 80, "已说明": 30})
    r = 1
    for item in items:
        e = item.entry
        for f in e["findings"]:
            r += 1
            loc = f["locations"][0] if f["locations"] else {"table": "", "sheet": "", "cell": "", "row": ""}
            values = [e["path"], e["unit"] or "", f["rule"], f["severity_label"] or "", loc["table"], loc["sheet"],
                      loc["cell"], loc["row"], f["message"], f["expected"], f["actual"], f["explained"] or ""]
            for c, value in enumerate(values, 1):
                _put(fs, r, c, value if isinstance(value, (int, float, str)) or value is None else str(value))
    fs.auto_filter.ref = f"A1:{fs.cell(row=r, column=len(FINDING_COLUMNS)).coordinate}"
    return wb


def write_xlsx(out: Path, items: list[Reviewed]) -> None:
    """Write the summary workbook to ``out`` atomically."""
    wb = build_workbook(items, Path(out))
    with atomic_write(Path(out)) as tmp:
        wb.save(tmp)
