"""Build realistic disclosure workbooks from the transcribed seed documents.

Two layouts, as finance staff's workbooks come:

* ``split``   – one table per sheet (``表1`` … ``表11``), a ``表N`` label above a merged title,
                编制单位 and 单位：万元 side by side, multi-row merged headers, 类/款/项 code columns,
                amounts as numbers in 万元; cover, 目录, 情况说明 (one paragraph per row) and
                绩效目标表 (all target tables stacked) sheets.
* ``stacked`` – several tables stacked on two sheets, titles carrying unit and year
                ("…中心2024年单位收支总体情况表", the alternative 2023–2025 spelling of 表4),
                codes joined in one column ("2010301", "30101"), amounts in 元 (表10/表11 as
                text with thousands separators), the narrative with long paragraphs spread over
                two merged rows, target tables on their own sheet.

Usage: ``python tests/seeds/build.py OUT_DIR`` writes every seed in both layouts.
"""
from __future__ import annotations

import json
import sys
from copy import copy
from decimal import Decimal
from pathlib import Path
from typing import Optional

from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange

HERE = Path(__file__).resolve().parent
SEEDS = ["000", "001", "003"]
LAYOUTS = ["split", "stacked"]

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
AMOUNT_FORMAT = "#,##0.00"


def load_seed(seed_id: str) -> dict:
    return json.loads((HERE / f"seed_{seed_id}.json").read_text(encoding="utf-8"))


def build_workbook(seed: dict | str, layout: str, path: Path) -> Path:
    """Write ``seed`` (a seed id or its loaded data) in ``layout`` to ``path``."""
    if isinstance(seed, str):
        seed = load_seed(seed)
    wb = Workbook()
    wb.remove(wb.active)
    if layout == "split":
        _split(wb, seed)
    elif layout == "stacked":
        _stacked(wb, seed)
    else:
        raise ValueError(layout)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


# ---------------------------------------------------------------- layout: split

def _split(wb: Workbook, seed: dict) -> None:
    cover = wb.create_sheet("封面")
    _merged_text(cover, 3, 1, 8, seed["unit"], Font(size=20, bold=True), CENTER)
    _merged_text(cover, 5, 1, 8, seed["cover_title"], Font(size=18, bold=True), CENTER)
    toc = wb.create_sheet("目录")
    toc.cell(1, 1, "目  录").font = Font(size=16, bold=True)
    for i, table in enumerate(seed["tables"]):
        toc.cell(i + 3, 1, f"表{table['number']}")
        toc.cell(i + 3, 2, table["title"])
    _paragraph_sheet(wb.create_sheet(f"{seed['kind']}概况"), seed.get("overview", []), 1)
    for table in seed["tables"]:
        ws = wb.create_sheet(_sheet_name(f"表{table['number']} {table['title']}"))
        _write_table(ws, 1, table, label=f"表{table['number']}", joined=False, in_yuan=False, text_amounts=False,
                     title=table["title"])
    _paragraph_sheet(wb.create_sheet("情况说明"), seed["narrative"], 1)
    _targets_sheet(wb.create_sheet("绩效目标表"), seed["targets"])
    _paragraph_sheet(wb.create_sheet("名词解释"), seed.get("glossary", []), 1)


# ---------------------------------------------------------------- layout: stacked

ALT_T4 = {"财政拨款收支总体情况表": "财政拨款收支预算总体情况表", "财政拨款收支预算总体情况表": "财政拨款收支总体情况表"}


def _stacked(wb: Workbook, seed: dict) -> None:
    sheets = {1: wb.create_sheet("公开表(一)"), 7: wb.create_sheet("公开表(二)")}
    row = {1: 1, 7: 1}
    for table in seed["tables"]:
        key = 1 if table["number"] <= 6 else 7
        ws = sheets[key]
        title = ALT_T4.get(table["title"], table["title"])
        title = f"{seed['unit']}{seed['year']}年{title}"
        row[key] = _write_table(ws, row[key], table, label=None, joined=True, in_yuan=True,
                                text_amounts=table["number"] in (10, 11), title=title) + 3
    # 第一部分 with a sheet name that says nothing: recognised by its heading "…概况"
    _paragraph_sheet(wb.create_sheet("第一部分"), seed.get("overview", []), 2)
    _paragraph_sheet(wb.create_sheet("预算情况说明"), seed["narrative"], 2)
    _targets_sheet(wb.create_sheet("绩效目标"), seed["targets"])


# ---------------------------------------------------------------- pieces

def _put(ws, row: int, col: int, value):
    """Write a value; text that starts with "=" (an indicator value such as "=100%") is text,
    as a user types it with a leading apostrophe, not a formula."""
    cell = ws.cell(row, col, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _sheet_name(name: str) -> str:
    for ch in '[]:*?/\\':
        name = name.replace(ch, "")
    return name[:31]


def _merge(ws, start_row: int, start_column: int, end_row: int, end_column: int) -> None:
    """Merge a range the way Excel stores it: one <mergeCell>, the covered cells empty and carrying
    the top-left cell's style. (openpyxl's merge_cells rebuilds each edge cell's border through
    style hashing, which took half the time of building a seed workbook.)"""
    merged = MergedCellRange(ws, CellRange(min_row=start_row, min_col=start_column, max_row=end_row,
                                           max_col=end_column).coord)
    ws.merged_cells.add(merged)
    style = ws.cell(start_row, start_column)._style
    for row, col in list(merged.cells)[1:]:
        covered = MergedCell(ws, row, col)
        covered._style = copy(style)
        ws._cells[row, col] = covered


def _merged_text(ws, row: int, col1: int, col2: int, text: str, font: Optional[Font] = None,
                 align: Alignment = WRAP, rows: int = 1) -> None:
    cell = ws.cell(row, col1, text)
    if font:
        cell.font = font
    cell.alignment = align
    if col2 > col1 or rows > 1:
        _merge(ws, start_row=row, start_column=col1, end_row=row + rows - 1, end_column=col2)


def _code_columns(header: list[list]) -> list[int]:
    cols = set()
    for hrow in header:
        for c, v in enumerate(hrow):
            if isinstance(v, str) and v.strip() in ("类", "款", "项"):
                cols.add(c)
    return sorted(cols)


def _write_table(ws, top: int, table: dict, label: Optional[str], joined: bool, in_yuan: bool,
                 text_amounts: bool, title: str) -> int:
    """Write one table with its top at row ``top``; return the last row written."""
    header: list[list] = [list(r) for r in table["header"]]
    merges = [list(m) for m in table.get("header_merges", [])]
    marker = list(table["marker"]) if table.get("marker") else None
    rows = [list(r) for r in table["rows"]]
    code_cols = _code_columns(header) if joined else []
    if code_cols:
        keep_first, drop = code_cols[0], set(code_cols[1:])
        remap = {}
        new_c = 0
        for c in range(len(header[0])):
            if c in drop:
                remap[c] = remap[keep_first]
                continue
            remap[c] = new_c
            new_c += 1

        def squeeze(values: list) -> list:
            return [v for c, v in enumerate(values) if c not in drop]

        for hrow in header:
            for c in code_cols:
                if isinstance(hrow[c], str) and hrow[c].strip() in ("类", "款", "项"):
                    hrow[c] = None
        header = [squeeze(h) for h in header]
        new_merges = []
        for r1, c1, r2, c2 in merges:
            m = [r1, remap[c1], r2, remap[c2]]
            if (m[0], m[1]) != (m[2], m[3]) and not (m[1] == m[3] == remap[keep_first]):
                new_merges.append(m)
        # the joined column keeps its own header text (…科目编码) and spans down to the last
        # header row where 类/款/项 stood; cells a wider merge covers (科目) stay as they are
        joined_col = remap[keep_first]
        covered = {r for r1, c1, r2, c2 in new_merges if c1 <= joined_col <= c2 for r in range(r1, r2 + 1)}
        text_rows = [r for r in range(len(header)) if header[r][joined_col] and r not in covered]
        if not text_rows and len(header) > 1:
            first_free = min(set(range(len(header))) - covered, default=None)
            if first_free is not None:
                header[first_free][joined_col] = "科目编码"
                text_rows = [first_free]
        if text_rows and text_rows[0] < len(header) - 1:
            new_merges.append([text_rows[0], joined_col, len(header) - 1, joined_col])
        merges = new_merges
        if marker:
            marker = squeeze(marker)
        new_rows = []
        for body in rows:
            code = "".join(str(body[c]) for c in code_cols if body[c] not in (None, ""))
            body[keep_first] = code or None
            new_rows.append(squeeze(body))
        rows = new_rows
    width = max(len(header[0]), len(rows[0]) if rows else 0)
    r = top
    if label:
        ws.cell(r, 1, label)
        r += 1
    _merged_text(ws, r, 1, width, title, Font(size=16, bold=True), CENTER)
    ws.row_dimensions[r].height = 30
    r += 1
    half = max(2, width // 2)
    _merged_text(ws, r, 1, half, table["prepared_by"])
    unit_line = "单位：元" if in_yuan else table["unit_line"]
    ws.cell(r, width, unit_line).alignment = Alignment(horizontal="right")
    r += 1
    head_top = r
    for hrow in header:
        for c, v in enumerate(hrow):
            cell = ws.cell(r, c + 1, v)
            cell.font = Font(bold=True)
            cell.alignment = CENTER
            cell.border = BOX
        r += 1
    for r1, c1, r2, c2 in merges:
        _merge(ws, start_row=head_top + r1, start_column=c1 + 1, end_row=head_top + r2, end_column=c2 + 1)
    if marker:
        for c, v in enumerate(marker):
            cell = ws.cell(r, c + 1, v)
            cell.alignment = CENTER
            cell.border = BOX
        r += 1
    if table.get("empty_statement"):
        _merged_text(ws, r, 1, width, table["empty_statement"])
        ws.row_dimensions[r].height = 40
        return r
    for body in rows:
        for c, v in enumerate(body):
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                if in_yuan:
                    v = float(Decimal(str(v)) * 10000)
                if text_amounts:
                    cell = ws.cell(r, c + 1, f"{v:,.2f}")
                else:
                    cell = ws.cell(r, c + 1, v)
                    cell.number_format = AMOUNT_FORMAT
            else:
                cell = _put(ws, r, c + 1, v)
            cell.border = BOX
        r += 1
    for c in range(width):
        ws.column_dimensions[get_column_letter(c + 1)].width = 14
    return r - 1


def _paragraph_sheet(ws, paragraphs: list[str], rows_per_long: int) -> None:
    ws.column_dimensions["A"].width = 12
    r = 1
    for text in paragraphs:
        span = rows_per_long if len(text) > 100 else 1
        _merged_text(ws, r, 1, 10, text, rows=span)
        r += span


def _targets_sheet(ws, targets: list[dict]) -> None:
    r = 1
    for target in targets:
        width = max(len(row) for row in target["rows"]) if target["rows"] else 9
        _merged_text(ws, r, 1, width, target["kind"], Font(size=16, bold=True), CENTER)
        r += 1
        _merged_text(ws, r, 1, width, target.get("year_line") or "", None, CENTER)
        r += 1
        top = r
        for row in target["rows"]:
            for c, v in enumerate(row):
                cell = _put(ws, r, c + 1, v)
                cell.border = BOX
                cell.alignment = WRAP
            r += 1
        for r1, c1, r2, c2 in target.get("merges", []):
            _merge(ws, start_row=top + r1, start_column=c1 + 1, end_row=top + r2, end_column=c2 + 1)
        r += 2


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else Path("build/seeds")
    for seed_id in SEEDS:
        if not (HERE / f"seed_{seed_id}.json").exists():
            continue
        for layout in LAYOUTS:
            print(build_workbook(seed_id, layout, out / f"seed_{seed_id}_{layout}.xlsx"))


if __name__ == "__main__":
    main(sys.argv)
