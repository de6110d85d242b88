"""validate/clear through the classic-engine branch (desktop Excel: the 校验 and 清除标记 buttons).

Desktop Excel cannot run here, so :class:`DesktopBook` stands in for an xlwings ``Book`` on the
classic engine: the part of xlwings' public API that :mod:`checker.excel` uses, with the desktop
engine's behaviour as xlwings' ``_xlwindows`` implements it — fills read back as (r, g, b) or None,
note texts readable, ``add_note`` refusing a cell that has a note, a status bar, screen updating,
very hidden sheets (which Excel refuses to delete). It keeps its cells in a :class:`ClientBook`,
so that states can be compared and a "saved and reopened" book is a copy of that state.

This is what the remote-engine tests cannot show: that the classic branch records a cell's own
fill and note and gives both back exactly, and what the user sees in the status bar.
"""
from __future__ import annotations

import copy
import json
from dataclasses import replace
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any, Optional

import pytest

from checker.core.cells import CellRef, parse_address
from checker.core.engine import Engine, make_plugin_manager
from checker.core.findings import Location, Severity
from checker.excel import clear, validate
from checker.excel.layout import FILL, HEADER_ROW, MARKS_SHEET, RESULTS_SHEET, note_size
from checker.excel.marks import NOTE_TEXT, read_marks
from checker.excel.payload import ClientBook, ClientSheet
from test_excel_support import OWN_FILL, OWN_NOTE, MarkPlugin, make_engine, prepare, read_findings

ERROR, WARNING = FILL.values()
XL_VERY_HIDDEN, XL_VISIBLE = 2, -1


class DesktopApp:
    def __init__(self) -> None:
        self.engine = SimpleNamespace(type="desktop")
        self.status_bar: Any = False          # Excel's default: its own messages
        self.screen_updating = True
        self.alerts: list[str] = []

    @contextmanager
    def properties(self, **settings: Any):
        old = {k: getattr(self, k) for k in settings}
        for k, v in settings.items():
            setattr(self, k, v)
        try:
            yield
        finally:
            for k, v in old.items():
                setattr(self, k, v)

    def alert(self, prompt: str, title: Optional[str] = None, **_: Any) -> None:
        self.alerts.append(prompt)


class DesktopBook:
    def __init__(self, client: ClientBook, protected: tuple[str, ...] = ()):
        self.client = client
        self.name = client.name
        self.app = DesktopApp()
        self.api = BookApi(client)             # a COM object, not a payload
        self.protected = set(protected)        # sheets whose cells refuse formatting
        self.value_reads: list[str] = []       # the sheet of every range whose values were read
        self.threaded: set[tuple[str, str]] = set()   # cells with a threaded comment: no note possible
        self.autofilters: list[tuple] = []     # (sheet, r0, c0, r1, c1) of every Range.AutoFilter
        self.note_sizes: dict[tuple, dict] = {}   # (sheet, (row, col)) -> {"Width": pt, "Height": pt}

    @property
    def sheets(self) -> "DesktopSheets":
        return DesktopSheets(self)

    @property
    def names(self) -> "DesktopNames":
        return DesktopNames(self.client)


class DesktopNames:
    """``book.names`` (workbook-level defined names), kept in the client's ``names``."""

    def __init__(self, client: ClientBook):
        self.client = client

    def __iter__(self):
        return iter([DesktopName(self.client, name) for name in self.client.names])

    def add(self, name: str, refers_to: str) -> "DesktopName":
        self.client.names[name] = refers_to
        return DesktopName(self.client, name)


class DesktopName:
    def __init__(self, client: ClientBook, name: str):
        self.client, self.name = client, name

    @property
    def refers_to(self) -> str:
        return self.client.names[self.name]

    def delete(self) -> None:
        del self.client.names[self.name]


class BookApi:
    """``book.api``: the workbook's CustomDocumentProperties (COM), kept in the client's ``properties``."""

    def __init__(self, client: ClientBook):
        self.CustomDocumentProperties = CustomProperties(client)  # noqa: N815 - COM spelling


class CustomProperties:
    def __init__(self, client: ClientBook):
        self.client = client

    def __iter__(self):
        return iter([CustomProperty(self.client, name) for name in self.client.properties])

    def Add(self, Name: str, LinkToContent: bool, Type: int, Value: str):  # noqa: N802,N803 - COM spelling
        assert Name not in self.client.properties and Type == 4 and LinkToContent is False
        self.client.properties[Name] = Value


class CustomProperty:
    def __init__(self, client: ClientBook, name: str):
        self.client, self.Name = client, name  # noqa: N815

    @property
    def Value(self) -> str:  # noqa: N802
        return self.client.properties[self.Name]

    def Delete(self) -> None:  # noqa: N802
        del self.client.properties[self.Name]


class DesktopSheets:
    def __init__(self, book: DesktopBook):
        self.book = book

    def __iter__(self):
        return iter([DesktopSheet(self.book, s) for s in self.book.client.sheets])

    def __len__(self) -> int:
        return len(self.book.client.sheets)

    def __getitem__(self, i: int) -> "DesktopSheet":
        return DesktopSheet(self.book, self.book.client.sheets[i])

    def add(self, name: str, before: Optional["DesktopSheet"] = None, after: Optional["DesktopSheet"] = None):
        sheets = self.book.client.sheets
        assert name not in [s.name for s in sheets], f"Excel refuses a second sheet named {name}"
        index = sheets.index(before.data) if before is not None else \
            sheets.index(after.data) + 1 if after is not None else 0
        sheet = ClientSheet(name)
        sheets.insert(index, sheet)
        self.book.client.active = index            # Excel activates a new sheet
        return DesktopSheet(self.book, sheet)


class SheetApi:
    def __init__(self, sheet: ClientSheet):
        self._sheet = sheet

    @property
    def Visible(self) -> int:  # noqa: N802 - COM spelling
        return {"Visible": XL_VISIBLE, "Hidden": 0, "VeryHidden": XL_VERY_HIDDEN}[self._sheet.visibility]

    @Visible.setter
    def Visible(self, value: int) -> None:  # noqa: N802
        self._sheet.visibility = {XL_VISIBLE: "Visible", 0: "Hidden", XL_VERY_HIDDEN: "VeryHidden"}[value]


class DesktopSheet:
    def __init__(self, book: DesktopBook, data: ClientSheet):
        self.book, self.data = book, data

    @property
    def name(self) -> str:
        return self.data.name

    @property
    def visible(self) -> bool:
        return self.data.visibility == "Visible"

    @visible.setter
    def visible(self, value: bool) -> None:
        self.data.visibility = "Visible" if value else "Hidden"

    @property
    def api(self) -> SheetApi:
        return SheetApi(self.data)

    @property
    def used_range(self) -> "DesktopRange":
        keys = list(self.data.values) or [(0, 0)]
        return DesktopRange(self, min(r for r, _ in keys), min(c for _, c in keys),
                            max(r for r, _ in keys), max(c for _, c in keys))

    def range(self, first: Any, last: Any = None) -> "DesktopRange":
        r0, c0 = _position(first)
        r1, c1 = _position(last) if last is not None else (r0, c0)
        return DesktopRange(self, r0, c0, r1, c1)

    def delete(self) -> None:
        if self.data.visibility == "VeryHidden":
            raise RuntimeError("Delete method of Worksheet class failed (a very hidden sheet)")
        sheets = self.book.client.sheets
        sheets.remove(self.data)
        self.book.client.active = min(self.book.client.active, len(sheets) - 1)

    def clear_contents(self) -> None:
        self.data.values.clear()

    def activate(self) -> None:
        self.book.client.active = self.book.client.sheets.index(self.data)


def _position(arg: Any) -> tuple[int, int]:
    if isinstance(arg, tuple):
        return arg[0] - 1, arg[1] - 1
    return parse_address(arg.replace("$", ""))


class DesktopNote:
    def __init__(self, rng: "DesktopRange"):
        self.rng = rng

    @property
    def text(self) -> str:
        return self.rng.sheet.data.notes[self.rng.key]

    @text.setter
    def text(self, value: str) -> None:
        self.rng.sheet.data.notes[self.rng.key] = value

    def delete(self) -> None:
        del self.rng.sheet.data.notes[self.rng.key]


class RangeApi:
    """The COM calls of a Range that classic.py makes on Windows: AutoFilter, Comment.Shape."""

    def __init__(self, rng: "DesktopRange"):
        self.rng = rng

    def AutoFilter(self, field: int) -> None:  # noqa: N802 - COM spelling
        book = self.rng.sheet.book
        book.autofilters.append((self.rng.sheet.name, self.rng.r0, self.rng.c0, self.rng.r1, self.rng.c1))

    @property
    def Comment(self):  # noqa: N802
        if self.rng.note is None:
            raise RuntimeError("Object variable not set (the cell has no note)")
        sizes = self.rng.sheet.book.note_sizes
        key = (self.rng.sheet.name, self.rng.key)

        class Shape:
            def __setattr__(self, name, value):
                sizes.setdefault(key, {})[name] = value

        return SimpleNamespace(Shape=Shape())


class DesktopRange:
    def __init__(self, sheet: DesktopSheet, r0: int, c0: int, r1: int, c1: int):
        self.sheet, self.r0, self.c0, self.r1, self.c1 = sheet, r0, c0, r1, c1
        self.font = SimpleNamespace(bold=False)
        self.ndim: Optional[int] = None

    @property
    def api(self) -> RangeApi:
        return RangeApi(self)

    row = property(lambda self: self.r0 + 1)
    column = property(lambda self: self.c0 + 1)
    key = property(lambda self: (self.r0, self.c0))
    shape = property(lambda self: (self.r1 - self.r0 + 1, self.c1 - self.c0 + 1))   # as xlwings' Range.shape

    def options(self, ndim: Optional[int] = None) -> "DesktopRange":
        self.ndim = ndim
        return self

    def _cells(self):
        return [(r, c) for r in range(self.r0, self.r1 + 1) for c in range(self.c0, self.c1 + 1)]

    @property
    def value(self) -> list[list[object]]:
        self.sheet.book.value_reads.append(self.sheet.name)
        values = self.sheet.data.values
        block = [[values.get((r, c)) for c in range(self.c0, self.c1 + 1)] for r in range(self.r0, self.r1 + 1)]
        if self.ndim == 2:
            return block
        if len(block) == 1 and len(block[0]) == 1:      # as xlwings: a scalar, or a list for a row/column
            return block[0][0]
        return block[0] if len(block) == 1 else [row[0] for row in block] if len(block[0]) == 1 else block

    @value.setter
    def value(self, block: Any) -> None:
        block = block if isinstance(block, list) else [[block]]
        for i, row in enumerate(block):
            for j, v in enumerate(row):
                if v is None or v == "":
                    self.sheet.data.values.pop((self.r0 + i, self.c0 + j), None)
                else:
                    self.sheet.data.values[(self.r0 + i, self.c0 + j)] = v

    formula = property(None, value.fset)
    wrap_text = property(None, lambda self, v: None)
    column_width = property(None, lambda self, v: None)

    @property
    def color(self) -> Optional[tuple[int, int, int]]:
        fill = self.sheet.data.fills.get(self.key)
        return None if fill is None else tuple(int(fill[i:i + 2], 16) for i in (1, 3, 5))

    @color.setter
    def color(self, value: Optional[str]) -> None:
        if self.sheet.name in self.sheet.book.protected:
            raise RuntimeError("Unable to set the Color property of the Interior class (protected sheet)")
        for key in self._cells():
            if value is None:
                self.sheet.data.fills.pop(key, None)
            else:
                self.sheet.data.fills[key] = value.upper()

    @property
    def note(self) -> Optional[DesktopNote]:
        return DesktopNote(self) if self.key in self.sheet.data.notes else None

    def add_note(self, text: str) -> DesktopNote:
        if self.note is not None:
            raise ValueError("This cell already has a note")       # as xlwings does
        if (self.sheet.name, CellRef(self.sheet.name, *self.key).address) in self.sheet.book.threaded:
            raise RuntimeError("com_error: a cell with a threaded comment cannot have a note")
        self.sheet.data.notes[self.key] = text
        return DesktopNote(self)


def reopened(book: DesktopBook) -> DesktopBook:
    """The workbook saved, closed and opened again: same cells, a fresh Excel session."""
    return DesktopBook(copy.deepcopy(book.client))


def expected_status(findings) -> str:
    open_ = [f for f in findings if not f.explained]
    errors = sum(f.severity is Severity.ERROR for f in open_)
    warnings = sum(f.severity is Severity.WARNING for f in open_)
    return f"校验完成：{errors} 个错误，{warnings} 个警告"


@pytest.mark.parametrize("seed,layout", [(s, l) for s in ("000", "001", "003") for l in ("split", "stacked")])
def test_click_twice_then_clear_after_reopening_restores_every_value_fill_and_note(seed_path, tmp_path, seed,
                                                                                     layout):
    path = tmp_path / "prepared.xlsx"
    targets = prepare(seed_path(seed, layout), path)
    engine = Engine(make_plugin_manager(extra=[MarkPlugin(targets.findings())]))
    book = DesktopBook(ClientBook.from_workbook(path))
    before = copy.deepcopy(book.client.state())
    assert before[[s[0] for s in before].index(targets.sheet)][3][parse_address(targets.error_cell)] == OWN_FILL

    findings = validate(book, engine)
    assert book.value_reads == [s[0] for s in before]         # one read per sheet, over COM the slow part
    assert book.app.status_bar == expected_status(findings)
    assert book.app.screen_updating is True                   # restored after the run
    once = copy.deepcopy(book.client.state())
    sheet = book.client.sheet(targets.sheet)
    error_cell = parse_address(targets.error_cell)
    assert sheet.fills[error_cell] == ERROR and sheet.fills[parse_address(targets.warning_cell)] == WARNING
    note = sheet.notes[error_cell]
    assert note.startswith("【预算校验】\nA991 错误：合计 100.00 不等于各项之和 90.00。") and note.endswith(OWN_NOTE)
    assert book.client.sheets[0].name == RESULTS_SHEET and book.client.active == 0
    assert book.client.sheet(MARKS_SHEET).visibility == "VeryHidden"
    record = read_marks([[book.client.sheet(MARKS_SHEET).values.get((r, c), "") for c in range(7)]
                         for r in range(len(book.client.sheet(MARKS_SHEET).values) // 7)])
    own = record[(targets.sheet, targets.error_cell)]
    assert (own.fill, own.note, own.note_text) == (OWN_FILL, NOTE_TEXT, OWN_NOTE)

    book.value_reads.clear()
    validate(book, engine)
    assert book.client.state() == once                        # twice = once
    # + the record, + the results sheet's A1 (to be sure it is ours before replacing it)
    assert sorted(book.value_reads) == sorted([s[0] for s in before] + [MARKS_SHEET, RESULTS_SHEET])

    book = reopened(book)
    assert clear(book) == len(record)
    assert book.client.state() == before                      # every value, fill and note
    assert book.app.status_bar == f"已清除校验标记（恢复 {len(record)} 个单元格）"


def test_the_results_sheet_gets_an_autofilter_and_the_notes_are_sized_to_their_text(seed_path, tmp_path):
    path = tmp_path / "prepared.xlsx"
    targets = prepare(seed_path("000", "split"), path)
    book = DesktopBook(ClientBook.from_workbook(path))
    findings = validate(book, make_engine(targets.findings()))
    # the header row down to the last result, all seven columns (0-based)
    assert book.autofilters == [(RESULTS_SHEET, HEADER_ROW - 1, 0, HEADER_ROW - 1 + len(findings), 6)]
    sheet = book.client.sheet(targets.sheet)
    key = (targets.sheet, parse_address(targets.error_cell))
    width, height = note_size(sheet.notes[key[1]])
    assert book.note_sizes[key] == {"Width": round(width * 0.75, 1), "Height": round(height * 0.75, 1)}
    assert set(book.note_sizes) == {(targets.sheet, k) for k in sheet.notes if "【预算校验】" in sheet.notes[k]}


def test_a_cell_no_longer_flagged_gets_its_own_fill_and_note_back_on_the_next_click(seed_path, tmp_path):
    path = tmp_path / "prepared.xlsx"
    targets = prepare(seed_path("000", "split"), path)
    book = DesktopBook(ClientBook.from_workbook(path))
    before = copy.deepcopy(book.client.state())
    validate(book, make_engine(targets.findings()))
    fixed = [f for f in targets.findings() if all(loc.cell != targets.error_cell for loc in f.locations)]
    validate(book, make_engine(fixed))
    sheet = book.client.sheet(targets.sheet)
    error_cell = parse_address(targets.error_cell)
    assert sheet.fills[error_cell] == OWN_FILL and sheet.notes[error_cell] == OWN_NOTE
    clear(book)
    assert book.client.state() == before


def test_marking_stopped_half_way_can_still_be_cleared(seed_path, tmp_path):
    """A protected sheet refuses the second table's fills: the run fails, Excel's screen updating
    and status bar come back, and what was changed before the failure is recorded and cleared."""
    path = tmp_path / "prepared.xlsx"
    targets = prepare(seed_path("000", "split"), path)
    book = DesktopBook(ClientBook.from_workbook(path))
    before = copy.deepcopy(book.client.state())
    names = [s.name for s in book.client.sheets]
    other = names[names.index(targets.sheet) + 1]       # findings are reported in sheet order
    findings = targets.findings()
    # the third finding points into the protected sheet
    findings[2] = replace(findings[2], locations=[Location(other, "A1", "表9 测试表")])
    book.protected.add(other)
    with pytest.raises(RuntimeError, match="protected"):
        validate(book, make_engine(findings))
    assert book.app.screen_updating is True and book.app.status_bar is False
    record = read_marks([[book.client.sheet(MARKS_SHEET).values.get((r, c), "") for c in range(7)]
                         for r in range(len(book.client.sheet(MARKS_SHEET).values) // 7)])
    changed = {(name, CellRef(name, r, c).address) for (name, _, _, fills, notes), (_, _, _, fills0, notes0)
               in zip(book.client.state(), before) for (r, c) in set(fills) | set(fills0) | set(notes) | set(notes0)
               if fills.get((r, c)) != fills0.get((r, c)) or notes.get((r, c)) != notes0.get((r, c))}
    assert (targets.sheet, targets.error_cell) in changed and changed <= set(record)
    book.protected.clear()
    clear(book)
    assert book.client.state() == before


def test_a_copy_annotated_by_the_cli_is_cleared_by_the_button(seed_path, tmp_path):
    from checker.excel.annotate import annotate_copy

    source = tmp_path / "source.xlsx"
    targets = prepare(seed_path("001", "stacked"), source)
    out = tmp_path / "annotated.xlsx"
    annotate_copy(source, out, read_findings(source, make_engine(targets.findings())))
    book = DesktopBook(ClientBook.from_workbook(out))
    assert list(book.client.properties) == ["checker_marks"]      # written by --annotate
    assert clear(book) == 4 and not book.app.alerts
    assert book.client.state() == ClientBook.from_workbook(source).state()
    assert book.client.properties == {} and book.client.names == {}


def test_clear_on_an_unmarked_book_changes_nothing(seed_path):
    book = DesktopBook(ClientBook.from_workbook(seed_path("003", "stacked")))
    before = copy.deepcopy(book.client.state())
    assert clear(book) == 0
    assert book.client.state() == before


def test_a_cell_excel_refuses_a_note_on_still_gets_its_fill(seed_path, tmp_path):
    """A threaded comment and a note cannot share a cell: Excel refuses the note, the click goes
    on (the fill and the results sheet show the finding), and clear leaves the cell as it was."""
    path = tmp_path / "prepared.xlsx"
    targets = prepare(seed_path("003", "split"), path)
    book = DesktopBook(ClientBook.from_workbook(path))
    book.threaded.add((targets.sheet, targets.warning_cell))
    before = copy.deepcopy(book.client.state())
    findings = validate(book, make_engine(targets.findings()))
    assert book.app.status_bar == expected_status(findings)
    sheet = book.client.sheet(targets.sheet)
    warning_cell = parse_address(targets.warning_cell)
    assert sheet.fills[warning_cell] == WARNING and warning_cell not in sheet.notes
    assert parse_address(targets.title) in sheet.notes          # the finding's other cell has its note
    book = reopened(book)
    assert clear(book) == 4
    assert book.client.state() == before


def test_the_id_goes_into_the_custom_property_and_a_users_results_sheet_is_left_alone(seed_path, tmp_path):
    """Desktop Excel on Windows: the id is recorded in H1 of the marks sheet, in the custom
    property checker_marks (as ``--annotate`` does) and in the defined name. A user's sheet named
    校验结果 is never changed: ours is 校验结果_2; two clicks and a clear give back every value,
    fill and note, and remove the property and the name."""
    path = tmp_path / "prepared.xlsx"
    targets = prepare(seed_path("000", "split"), path)
    client = ClientBook.from_workbook(path)
    users = ClientSheet(RESULTS_SHEET, values={(0, 0): "校验结果：我自己的记录"}, fills={(0, 0): "#00B050"},
                        notes={(0, 0): "我的批注"})
    client.sheets.insert(2, users)
    mine = copy.deepcopy(users)
    before = copy.deepcopy(client.state())
    engine = make_engine(targets.findings())
    book = DesktopBook(client)
    validate(book, engine)
    assert book.client.sheets[0].name == f"{RESULTS_SHEET}_2" and book.client.sheet(RESULTS_SHEET) == mine
    h1 = book.client.sheet(MARKS_SHEET).values[(0, 7)]
    mark_id = json.loads(h1).removeprefix("checker-marks:")
    assert book.client.properties == {"checker_marks": mark_id}
    assert book.client.names == {"checker_marks": f'="checker-marks:{mark_id}"'}
    once = copy.deepcopy(book.client.state())
    book = reopened(book)
    validate(book, engine)
    assert book.client.state() == once and book.client.properties == {"checker_marks": mark_id}
    book = reopened(book)
    assert clear(book) == 4
    assert book.client.state() == before and book.client.properties == {} and book.client.names == {}


def test_a_marks_sheet_whose_id_differs_from_the_custom_property_is_not_ours(seed_path, tmp_path):
    path = tmp_path / "prepared.xlsx"
    targets = prepare(seed_path("000", "split"), path)
    book = DesktopBook(ClientBook.from_workbook(path))
    validate(book, make_engine(targets.findings()))
    book.client.properties["checker_marks"] = "0" * 32      # another workbook's id
    before = copy.deepcopy(book.client.state())
    assert clear(book) == 0 and book.client.state() == before
