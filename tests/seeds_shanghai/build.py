"""Build workbooks of the six Shanghai (普陀区) budget seeds, laid out like the district's template.

Layouts:

* ``template`` – the district's own blank workbook (``templates/putuo_department_budget_template.xlsx``
  for a 部门预算, ``putuo_unit_budget_template.xlsx`` for a 单位预算) filled in: its sheets, sheet
  names, column widths, fonts and borders are kept; the cover, 目录, 主要职能/机构设置/名词解释,
  编制说明, the nine table sheets (title in row 2, 编制部门/编制单位 and 单位 in the row below, merged
  header rows, one body row per printed row, the total row where the template has it or below the
  body when the body is longer, the printed 注 below), 其他相关情况说明 and one 项目经费情况说明 sheet
  per project. The narrative goes where the template puts it: on the text sheets one merged cell
  A3:A17 holding the paragraphs separated by line breaks, on 编制说明 the opening block in A3 and one
  numbered item per row below, as the template's own placeholder text does.
* ``stacked`` – the nine tables one under another on one sheet ``预算公开表`` (title, unit line,
  header, body, total, two blank rows), the narrative parts on ``编制说明``, ``其他相关情况说明`` and
  ``项目经费情况说明`` with one paragraph per row in column A: a layout finance staff also use.

Amounts are written in 元 as numbers (表9 in 万元), with the template's number format ``#,##0_ ``,
or ``#,##0.00_ `` for an amount the document prints with two decimals (the JSON keeps those as
floats, whole amounts as integers). 类 codes are numbers and 款/项 codes text, as in the template.

Usage: ``python tests/seeds_shanghai/build.py OUT_DIR [LAYOUT]`` writes every seed.
"""
from __future__ import annotations

import json
import sys
from copy import copy
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
SEEDS = ["sh_commerce_dept_2025", "sh_commerce_unit_2025", "sh_office_dept_2025",
         "sh_office_unit_2025", "sh_wanli_2024", "sh_wanli_2025"]
LAYOUTS = ["template", "stacked"]
TEMPLATES = {"部门": HERE / "templates" / "putuo_department_budget_template.xlsx",
             "单位": HERE / "templates" / "putuo_unit_budget_template.xlsx"}
# the template's sheets by role, in its own order (sheet names differ between 部门 and 单位)
TEXT_SHEETS = {"部门": ["部门主要职能", "部门机构设置", "名词解释"], "单位": ["单位职能", "单位机构设置", "名词解释"]}
EXPLANATION_SHEET = {"部门": "部门编制说明", "单位": "单位编制说明"}
TABLE_SHEETS = ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算拨款表", "政府性基金拨款表",
                "国有资本经营预算拨款表 ", "一般公共预算拨款基本支出明细表", "“三公”经费和机关运行费预算表"]
WHOLE, CENTS = "#,##0_ ", "#,##0.00_ "
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def load_seed(seed_id: str) -> dict:
    return json.loads((HERE / f"{seed_id}.json").read_text(encoding="utf-8"))


def build_workbook(seed_id: str | dict, path: Path, layout: str = "template") -> Path:
    """Write the seed (an id or its loaded data) to ``path`` in ``layout`` and return ``path``."""
    seed = load_seed(seed_id) if isinstance(seed_id, str) else seed_id
    if layout == "template":
        wb = _template(seed)
    elif layout == "stacked":
        wb = _stacked(seed)
    else:
        raise ValueError(layout)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


# ---------------------------------------------------------------- layout: template

def _template(seed: dict):
    kind = seed["kind"]
    wb = load_workbook(TEMPLATES[kind])
    cover = wb["封面"]
    cover["A3"] = seed["cover"][0]
    cover["A9"] = seed["cover"][1]
    toc = wb["目录"]
    for row in range(2, toc.max_row + 1):
        toc.cell(row, 1).value = None
    toc["A1"] = "目  录"
    for i, entry in enumerate(seed["toc"]):
        # as the template: table entries ("    1. 2026年…表") indented under 五、, every entry
        # followed by the template's dot leader (the template has no page numbers either)
        indent = "    " if entry[:1].isdigit() else ""
        toc.cell(4 + i, 1, indent + entry + "  " + "…" * max(4, 56 - len(indent + entry)))
    for name, section in zip(TEXT_SHEETS[kind], seed["sections"]):
        _text_sheet(wb[name], section["title"], section["paragraphs"])
    _explanation_sheet(wb[EXPLANATION_SHEET[kind]], seed["narrative"]["编制说明"])
    prefix = "部门" if kind == "部门" else "单位"
    for table, suffix in zip(seed["tables"], TABLE_SHEETS):
        _table_sheet(wb[prefix + suffix], table)
    other = seed["narrative"]["其他相关情况说明"]
    _text_sheet(wb["其他相关情况说明"], other[0], other[1:])
    projects = seed["narrative"]["项目经费情况说明"]
    # the unit template has no project sheet: a unit with projects gets copies of the text sheet
    base = wb["项目经费情况说明"] if "项目经费情况说明" in wb.sheetnames else None
    for i, project in enumerate(projects):
        if i == 0 and base is not None:
            ws = base
        else:
            ws = wb.copy_worksheet(base if base is not None else wb["其他相关情况说明"])
            ws.title = f"项目经费情况说明{i + 1}"
        _text_sheet(ws, project[0], project[1:])
    if not projects and base is not None:
        # the document prints no project: the template's placeholder sheet would be a leftover
        wb.remove(base)
    return wb


def _lines(text: str, width: float) -> int:
    """Printed lines of a wrapped cell: a CJK character takes two width units of the column."""
    per_line = max(int(width / 2), 10)
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _text_sheet(ws, title: str, paragraphs: list[str]) -> None:
    ws["A1"] = title
    # the template holds the whole text in one merged cell A3:A17, paragraphs on their own lines
    ws["A3"] = "\n".join("    " + p for p in paragraphs)
    ws["A3"].alignment = Alignment(vertical="top", wrap_text=True)
    # spread the height the text needs over the merged rows, so that a spreadsheet shows it all
    rows = next((r for r in ws.merged_cells.ranges if r.min_row == 3 and r.min_col == 1), None)
    first, last = (rows.min_row, rows.max_row) if rows else (3, 3)
    need = _lines(ws["A3"].value, ws.column_dimensions["A"].width or 100) * 16
    for row in range(first, last + 1):
        ws.row_dimensions[row].height = max(14.25, need / (last - first + 1))


def _explanation_sheet(ws, paragraphs: list[str]) -> None:
    ws["A1"] = paragraphs[0]
    body = paragraphs[1:]
    # the template: the opening block (totals, reason, "财政拨款支出主要内容如下：") in A3, then
    # one numbered item per row from A4
    split = next((i + 1 for i, p in enumerate(body) if p.startswith("财政拨款支出主要内容")), len(body))
    style = copy(ws["A4"]._style)
    for row in range(3, max(ws.max_row, 3) + 1):
        ws.cell(row, 1).value = None
    ws["A3"] = "\n".join("    " + p for p in body[:split])
    ws["A3"].alignment = Alignment(vertical="top", wrap_text=True)
    width = ws.column_dimensions["A"].width or 100
    ws.row_dimensions[3].height = _lines(ws["A3"].value, width) * 16
    for i, p in enumerate(body[split:]):
        cell = ws.cell(4 + i, 1, "    " + p)
        cell._style = copy(style)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        ws.row_dimensions[4 + i].height = _lines(cell.value, width) * 16


def _find_row(ws, texts) -> int | None:
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, 1).value in texts:
            return row
    return None


def _table_sheet(ws, table: dict) -> None:
    n = table["number"]
    header_row = 4 if n == 9 else 6
    template_total = _find_row(ws, ("合计", "收入总计")) if n != 9 else None
    width = len(table["header"][0])
    # styles from the template's own cells: header, text, amount and code cells
    first_body = header_row + (3 if n == 9 else _header_height(ws, header_row))
    st_header = copy(ws.cell(header_row, 1)._style)
    st_text = copy(ws.cell(first_body, 1)._style)
    st_name = copy(ws.cell(first_body, {1: 1, 4: 1, 8: 3, 9: 1}.get(n, 4))._style)
    st_amount = copy(ws.cell(first_body, 2 if n in (1, 4) else (4 if n == 8 else 5))._style)
    # title, 编制部门/编制单位 and the unit line stay where the template has them
    title_row = 2
    prep_row = 3 if n == 9 else 4
    ws.cell(title_row, 1).value = table["title"]
    ws.cell(prep_row, 1).value = table["prepared_by"]
    unit_col = max(c.column for c in ws[prep_row] if c.value is not None and c.column > 1) \
        if any(c.value is not None and c.column > 1 for c in ws[prep_row]) else width
    ws.cell(prep_row, unit_col).value = table["unit_line"]
    # clear the template's header and placeholder body (values and merges) from the header down
    for rng in list(ws.merged_cells.ranges):
        if rng.min_row >= header_row:
            ws.unmerge_cells(str(rng))
    for row in ws.iter_rows(min_row=header_row, max_row=max(ws.max_row, header_row)):
        for cell in row:
            cell.value = None
    # header as printed, with its merges
    for r, hrow in enumerate(table["header"]):
        for c, text in enumerate(hrow):
            cell = ws.cell(header_row + r, c + 1, text)
            cell._style = copy(st_header)
    for r1, c1, r2, c2 in table["header_merges"]:
        ws.merge_cells(start_row=header_row + r1, start_column=c1 + 1,
                       end_row=header_row + r2, end_column=c2 + 1)
    body_row = header_row + len(table["header"])
    rows = table["rows"]
    total_at = None
    if rows and n != 9 and isinstance(rows[-1][0], str) and rows[-1][0] in ("合计", "收入总计"):
        body, total = rows[:-1], rows[-1]
        # the template keeps its total row low (blank ruled rows above it, as the PDFs print)
        total_at = max(template_total or 0, body_row + len(body))
    else:
        body, total = rows, None
    ncode = {8: 2}.get(n, 3) if n in (2, 3, 5, 6, 7, 8) else 0
    for i, values in enumerate(body):
        _write_row(ws, body_row + i, values, n, ncode, st_text, st_name, st_amount)
    last = body_row + len(body) - 1
    if total is not None:
        for row in range(body_row + len(body), total_at):   # ruled blank rows, as printed
            for c in range(width):
                ws.cell(row, c + 1)._style = copy(st_amount if c >= max(ncode + 1, 1) else st_text)
        _write_row(ws, total_at, total, n, ncode, st_text, st_name, st_amount)
        if ncode:
            # "合计" spans the code and name columns, as in the template
            ws.merge_cells(start_row=total_at, start_column=1, end_row=total_at, end_column=ncode + 1)
            ws.cell(total_at, 1)._style = copy(st_text)
        last = total_at
    if table.get("note"):
        ws.cell(last + 1, 1, table["note"]).alignment = Alignment(horizontal="left")


def _header_height(ws, header_row: int) -> int:
    """Rows of the template's header: up to the first row whose first cell holds a code or a
    body label (205, "一、财政拨款收入")."""
    for row in range(header_row, header_row + 6):
        v = ws.cell(row, 1).value
        if isinstance(v, int) or (isinstance(v, str) and v.startswith("一、")):
            return row - header_row
    return 3


def _write_row(ws, row: int, values: list, n: int, ncode: int, st_text, st_name, st_amount) -> None:
    for c, v in enumerate(values):
        cell = ws.cell(row, c + 1)
        if c < ncode:
            cell._style = copy(st_text)
            if v is not None and c == 0 and v.isdigit():
                cell.value = int(v)           # 类 as a number, as the template has it
            else:
                cell.value = v
                cell.number_format = "@"
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            cell._style = copy(st_amount)
            cell.value = v
            cell.number_format = CENTS if isinstance(v, float) else WHOLE
            if n == 9:
                cell.border = BOX
        else:
            cell._style = copy(st_name if v is not None else st_amount)
            cell.value = v
            if n == 9:
                cell.border = BOX


# ---------------------------------------------------------------- layout: stacked

def _stacked(seed: dict):
    wb = Workbook()
    ws = wb.active
    ws.title = "封面"
    ws["A1"] = seed["cover"][0]
    ws["A3"] = seed["cover"][1]
    ws = wb.create_sheet("预算公开表")
    bold = Font(bold=True, size=14)
    row = 1
    for table in seed["tables"]:
        width = len(table["header"][0])
        ws.cell(row, 1, table["title"]).font = bold
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.cell(row + 1, 1, table["prepared_by"])
        ws.cell(row + 1, width, table["unit_line"])
        row += 2
        for r, hrow in enumerate(table["header"]):
            for c, text in enumerate(hrow):
                cell = ws.cell(row + r, c + 1, text)
                cell.border = BOX
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for r1, c1, r2, c2 in table["header_merges"]:
            ws.merge_cells(start_row=row + r1, start_column=c1 + 1, end_row=row + r2, end_column=c2 + 1)
        row += len(table["header"])
        for values in table["rows"]:
            for c, v in enumerate(values):
                cell = ws.cell(row, c + 1, v)
                cell.border = BOX
                if isinstance(v, (int, float)):
                    cell.number_format = CENTS if isinstance(v, float) else WHOLE
                elif isinstance(v, str) and v.isdigit():
                    cell.number_format = "@"
            row += 1
        if table.get("note"):
            ws.cell(row, 1, table["note"])
            row += 1
        row += 2
    for c, w in enumerate([8, 8, 8, 40, 18, 18, 18, 18, 18]):
        ws.column_dimensions[get_column_letter(c + 1)].width = w
    parts = [("编制说明", seed["narrative"]["编制说明"]),
             ("其他相关情况说明", seed["narrative"]["其他相关情况说明"]),
             ("项目经费情况说明", [p for project in seed["narrative"]["项目经费情况说明"] for p in project])]
    for name, paragraphs in parts:
        if not paragraphs:
            continue
        ps = wb.create_sheet(name)
        ps.column_dimensions["A"].width = 120
        for i, p in enumerate(paragraphs):
            ps.cell(i + 1, 1, p).alignment = Alignment(wrap_text=True, vertical="top")
    return wb


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else Path("/tmp/sh_build")
    layouts = argv[1:] or ["template"]
    for layout in layouts:
        for seed_id in SEEDS:
            print(build_workbook(seed_id, out / f"{seed_id}_{layout}.xlsx", layout))


if __name__ == "__main__":
    main(sys.argv[1:])
