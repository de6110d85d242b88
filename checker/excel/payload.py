"""Running :func:`checker.excel.validate` on xlwings' remote engine without an Excel client.

xlwings Server and xlwings Lite send the workbook to Python as JSON (``xw.Book(json=payload)``)
and the client — Excel on the web, or the Office.js add-in — applies the actions Python queued
(``book.json()["actions"]``). :class:`ClientBook` stands in for that client, for the benchmark
(benchmarks/bench_excel.py) and the tests: it builds the payload from a workbook file and applies
the actions this package emits to its own copy of the cells, so that a second click, or a clear,
can run on the result. It knows only those actions and refuses any other.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..core.cells import parse_address

# Clients: Office Scripts (xlwings Server's Excel-on-the-web client) cannot write notes;
# Office.js (xlwings Lite, the Office.js add-in) can.
OFFICE_SCRIPTS = "Microsoft Office Scripts"
OFFICE_JS = "Office.js"

_VISIBILITY = {"visible": "Visible", "hidden": "Hidden", "veryHidden": "VeryHidden"}
# Formatting actions that change nothing this client models.
_FORMATTING = {"setFontProperty", "setWrapText", "setColumnWidth", "setSheetAutofit", "setAutofit",
               "setScreenUpdating"}

Cell = tuple[int, int]      # 0-based (row, column)


def _json_value(value: Any) -> Any:
    """A cell value as a client sends it: dates as ISO strings (blanks are left out)."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="milliseconds") + "Z"
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day).isoformat(timespec="milliseconds") + "Z"
    if isinstance(value, (dt.time, dt.timedelta)):
        return str(value)
    return value


@dataclass
class ClientSheet:
    name: str
    values: dict[Cell, Any] = field(default_factory=dict)
    fills: dict[Cell, str] = field(default_factory=dict)        # "#RRGGBB"
    notes: dict[Cell, str] = field(default_factory=dict)
    visibility: str = "Visible"

    def payload(self, client: str) -> dict[str, Any]:
        height = max((r for r, _ in self.values), default=-1) + 1
        width = max((c for _, c in self.values), default=-1) + 1
        rows = [["" for _ in range(width)] for _ in range(height)] or [[]]
        for (r, c), v in self.values.items():
            rows[r][c] = v
        sheet: dict[str, Any] = {
            "name": self.name, "values": rows, "visibility": self.visibility,
            "pictures": [], "shapes": [], "charts": [], "tables": [], "print_area": None,
            "used_range_address": f"A1:{get_column_letter(width)}{height}" if height else None,
        }
        if client == OFFICE_JS:
            sheet["notes"] = [{"address": f"{get_column_letter(c + 1)}{r + 1}"} for r, c in sorted(self.notes)]
        return sheet


@dataclass
class ClientBook:
    """What a client holds of a workbook: values, solid fills, notes, sheet visibility."""

    name: str
    sheets: list[ClientSheet]
    active: int = 0
    alerts: list[str] = field(default_factory=list)     # message boxes shown, in order
    names: dict[str, str] = field(default_factory=dict)  # workbook-level defined names: what they refer to
    # custom document properties: kept by desktop Excel (tests/test_excel_classic.py); the remote
    # engine neither sends nor sets them
    properties: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_workbook(cls, path: Path) -> "ClientBook":
        """Read a workbook file (cached formula values, solid fills, comments)."""
        wb = load_workbook(path, data_only=True)
        sheets = []
        for ws in wb.worksheets:
            sheet = ClientSheet(ws.title, visibility=_VISIBILITY.get(ws.sheet_state, "Visible"))
            for row in ws.iter_rows():
                for cell in row:
                    key = (cell.row - 1, cell.column - 1)
                    if cell.value is not None and cell.value != "":
                        sheet.values[key] = _json_value(cell.value)
                    fill = cell.fill
                    rgb = fill.fgColor.rgb if fill.fill_type == "solid" and fill.fgColor.type == "rgb" else None
                    if isinstance(rgb, str):
                        sheet.fills[key] = "#" + rgb[-6:].upper()
                    if cell.comment is not None:
                        sheet.notes[key] = cell.comment.text
            sheets.append(sheet)
        active = wb.worksheets.index(wb.active) if wb.active in wb.worksheets else 0
        names = {name: "=" + str(defined.attr_text) for name, defined in wb.defined_names.items()}
        properties = {prop.name: str(prop.value) for prop in wb.custom_doc_props}
        return cls(path.name, sheets, active, names=names, properties=properties)

    def payload(self, client: str = OFFICE_SCRIPTS) -> dict[str, Any]:
        """The JSON a client sends for this book (``xw.Book(json=...)``)."""
        import xlwings

        return {
            "client": client,
            "version": xlwings.__version__,
            "book": {"name": self.name, "active_sheet_index": self.active, "selection": "A1"},
            "names": [{"name": name, "refers_to": refers_to, "sheet_index": None, "address": None,
                       "book_scope": True, "scope_sheet_name": None, "scope_sheet_index": None}
                      for name, refers_to in self.names.items()],
            "sheets": [s.payload(client) for s in self.sheets],
        }

    def sheet(self, name: str) -> Optional[ClientSheet]:
        return next((s for s in self.sheets if s.name == name), None)

    def apply(self, actions: list[dict[str, Any]]) -> None:
        """Apply queued actions in order, as the client does after the Python call returns."""
        for action in actions:
            self._apply(action)

    def _range(self, action: dict[str, Any]) -> list[Cell]:
        r0, c0 = action["start_row"], action["start_column"]
        return [(r0 + i, c0 + j) for i in range(action["row_count"]) for j in range(action["column_count"])]

    def _apply(self, action: dict[str, Any]) -> None:
        func, args = action["func"], action["args"]
        pos = action.get("sheet_position")
        sheet = self.sheets[pos] if pos is not None and func != "addSheet" else None
        if func in ("setValues", "setFormula"):
            assert sheet is not None
            r0, c0 = action["start_row"], action["start_column"]
            for i, row in enumerate(action["values"]):
                for j, value in enumerate(row):
                    if value == "" or value is None:
                        sheet.values.pop((r0 + i, c0 + j), None)
                    else:
                        sheet.values[(r0 + i, c0 + j)] = value
        elif func == "setRangeColor":
            assert sheet is not None
            for cell in self._range(action):
                if args[0] is None:
                    sheet.fills.pop(cell, None)
                else:
                    sheet.fills[cell] = args[0].upper()
        elif func == "addSheet":
            index, name = args
            self.sheets.insert(index, ClientSheet(name))
            self.active = index
        elif func == "sheetDelete":
            del self.sheets[pos]
            self.active = min(self.active, len(self.sheets) - 1)
        elif func == "sheetClearContents":
            assert sheet is not None
            sheet.values.clear()
        elif func == "setSheetVisibility":
            assert sheet is not None
            sheet.visibility = args[0]
        elif func in ("addNote", "setNoteText"):
            assert sheet is not None
            if func == "addNote" and _cell(args[0]) in sheet.notes:
                raise ValueError(f"addNote: {sheet.name}!{args[0]} already has a note")
            sheet.notes[_cell(args[0])] = args[1]
        elif func == "deleteNote":
            assert sheet is not None
            sheet.notes.pop(_cell(args[0]), None)
        elif func == "activateSheet":
            self.active = args[0]
        elif func == "alert":
            self.alerts.append(args[0])
        elif func == "namesAdd":
            if args[0] in self.names:
                raise ValueError(f"namesAdd: the name {args[0]} already exists")
            self.names[args[0]] = args[1]
        elif func == "nameDelete":
            del self.names[args[2]]
        elif func not in _FORMATTING:
            raise ValueError(f"action {func} is not modelled by ClientBook")

    def state(self) -> list[tuple[str, str, dict[Cell, Any], dict[Cell, str], dict[Cell, str]]]:
        """Everything a user sees of the book's sheets, for comparing two states (the workbook's
        ``names`` and ``properties`` apart)."""
        return [(s.name, s.visibility, dict(s.values), dict(s.fills), dict(s.notes)) for s in self.sheets]


def _cell(address: str) -> Cell:
    return parse_address(re.sub(r"\$", "", address))
