"""validate/clear on xlwings' real remote engine (the engine of xlwings Server and Lite).

The workbook goes in as the JSON payload a client sends (built from a seed workbook), and the
tests assert on the actions xlwings emits. :class:`ClientBook` applies those actions the way the
client would, so that a second click and a clear can run on the result.

The remote engine needs a licence key: these tests run with XLWINGS_LICENSE_KEY=noncommercial
(set by .ci/run) and are skipped without one.
"""
from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest

from checker.core.cells import parse_address
from checker.core.engine import Engine, make_plugin_manager
from checker.excel import clear, validate
from checker.excel.book import read_book
from checker.core.findings import Finding, Location, Severity
from checker.excel.layout import (FILL, HEADER_ROW, MARKS_SHEET, RESULTS_HEADER, RESULTS_SHEET, hyperlink_formula,
                                  results_order, summary_text)
from checker.excel.marks import NOTE_TEXT, NOTE_UNTOUCHED, UNKNOWN_FILL, Original, marks_block, read_marks
from checker.excel.payload import OFFICE_JS, OFFICE_SCRIPTS, ClientBook, ClientSheet
from test_excel_support import OWN_NOTE, MarkPlugin, Targets, make_engine, prepare

ERROR, WARNING = FILL.values()


@pytest.fixture(autouse=True)
def licensed():
    if not os.environ.get("XLWINGS_LICENSE_KEY"):
        pytest.skip("xlwings' remote engine needs XLWINGS_LICENSE_KEY (e.g. noncommercial, as .ci/run sets)")


def remote_book(client_book: ClientBook, client: str = OFFICE_SCRIPTS):
    import xlwings as xw

    return xw.Book(json=client_book.payload(client))


def click(client_book: ClientBook, action, engine=None, client: str = OFFICE_SCRIPTS):
    """Run validate (or clear) on the client's current state and apply what it emits."""
    book = remote_book(client_book, client)
    result = action(book, engine) if engine is not None else action(book)
    actions = book.json()["actions"]
    client_book.apply(actions)
    return result, actions


def cell(address: str) -> tuple[int, int]:
    return parse_address(address)


@pytest.fixture
def prepared(seed_path, tmp_path) -> tuple[Path, Targets]:
    path = tmp_path / "prepared.xlsx"
    return path, prepare(seed_path("000", "split"), path)


def test_validate_adds_results_sheet_with_summary_rows_and_links(prepared):
    path, targets = prepared
    client_book = ClientBook.from_workbook(path)
    findings, actions = click(client_book, validate, make_engine(targets.findings()))

    added = [a["args"] for a in actions if a["func"] == "addSheet"]
    assert [0, RESULTS_SHEET] in added
    assert any(name == MARKS_SHEET for _, name in added)
    results = [a for a in actions if a["func"] == "setValues" and a["sheet_position"] == 0][-1]["values"]
    assert results[0][0] == summary_text(findings)
    assert results[0][0].startswith("校验结果：2 个错误，4 个警告（结构 0 错误/2 警告，算术 2 错误/2 警告）")
    assert results[HEADER_ROW - 1] == RESULTS_HEADER
    body = results[HEADER_ROW:]
    assert [row[1] for row in body] == [f.rule for f in results_order(findings)]      # errors first
    assert [row[0] for row in body] == list(range(1, len(findings) + 1))
    error_row = next(row for row in body if row[1] == "A991" and row[6] == "90.00")
    assert error_row[2] == "错误" and error_row[5] == "合计 100.00 不等于各项之和 90.00。"
    # 位置: links where the cell exists, the text otherwise
    links = [row[0] for a in actions if a["func"] == "setFormula" for row in a["values"]]
    by_message = dict(zip((f.message for f in results_order(findings)), links))
    assert by_message["合计 100.00 不等于各项之和 90.00。"] == hyperlink_formula(targets.sheet, targets.error_cell)
    assert by_message["整张表缺少编制单位。"] == hyperlink_formula(targets.sheet, "A1")   # the sheet itself
    assert by_message["找不到的工作表。"] == "不存在的表!B2"                          # shown, not linked
    assert client_book.sheets[0].name == RESULTS_SHEET and client_book.active == 0
    # the 级别 column coloured like the cells: red for errors, yellow for warnings
    results_sheet = client_book.sheets[0]
    for i, row in enumerate(body):
        fill = results_sheet.fills.get((HEADER_ROW + i, 2))
        expected = FILL[Severity.ERROR] if row[2] == "错误" else FILL[Severity.WARNING] if row[2] == "警告" else None
        assert fill == expected, (row[:3], fill)


def test_validate_fills_offending_cells_by_severity(prepared):
    path, targets = prepared
    client_book = ClientBook.from_workbook(path)
    _, actions = click(client_book, validate, make_engine(targets.findings()))
    colours = [a["args"][0] for a in actions if a["func"] == "setRangeColor"]
    assert ERROR in colours and WARNING in colours
    sheet = client_book.sheet(targets.sheet)
    assert sheet.fills[cell(targets.error_cell)] == ERROR
    assert sheet.fills[cell(targets.warning_cell)] == WARNING
    assert sheet.fills[cell(targets.title)] == WARNING          # a finding's second location
    assert sheet.fills[cell(targets.both_cell)] == ERROR        # the worst finding decides
    # Office Scripts cannot write notes: none is attempted, and the record says so
    assert not [a for a in actions if "Note" in a["func"]]
    marks = read_marks(_sheet_rows(client_book, MARKS_SHEET))
    assert {m.note for m in marks.values()} == {NOTE_UNTOUCHED}
    assert client_book.sheet(MARKS_SHEET).visibility == "Hidden"   # the remote engine cannot hide it very


def test_office_js_client_gets_notes_but_an_unreadable_note_is_left_alone(prepared):
    path, targets = prepared
    client_book = ClientBook.from_workbook(path)
    _, actions = click(client_book, validate, make_engine(targets.findings()), client=OFFICE_JS)
    added = {a["args"][0]: a["args"][1] for a in actions if a["func"] == "addNote"}
    warning_note = added["$" + "$".join(_split(targets.warning_cell))]
    assert warning_note.startswith("【预算校验】") and "A990 警告：与上年相比增长 35%，未作说明。" in warning_note
    both_note = added["$" + "$".join(_split(targets.both_cell))]
    assert "A990 警告：增减变化需说明。" in both_note and "A991 错误：本行数字有误。（建议值：12.00）" in both_note
    # the error cell already had a note, whose text the remote engine cannot read: untouched
    error_address = "$" + "$".join(_split(targets.error_cell))
    assert error_address not in added
    assert not [a for a in actions if a["func"] in ("setNoteText", "deleteNote")]
    sheet = client_book.sheet(targets.sheet)
    assert sheet.notes[cell(targets.error_cell)] == OWN_NOTE
    assert sheet.fills[cell(targets.error_cell)] == ERROR


def test_remote_clear_loses_only_the_fill_it_could_not_read(prepared):
    """Documented degradation: the remote engine cannot read fills, so a cell that had its own
    fill gets none back; its note (left alone) and everything else are as before."""
    path, targets = prepared
    client_book = ClientBook.from_workbook(path)
    before = client_book.state()
    engine = make_engine(targets.findings())
    click(client_book, validate, engine, client=OFFICE_JS)
    record = read_marks(_sheet_rows(client_book, MARKS_SHEET))
    assert record[(targets.sheet, targets.error_cell)].fill == UNKNOWN_FILL
    restored, _ = click(client_book, clear, client=OFFICE_JS)
    assert restored == 4
    after = client_book.state()
    own = cell(targets.error_cell)
    index = [s[0] for s in before].index(targets.sheet)
    assert own not in after[index][3]                      # the fill is gone ...
    del before[index][3][own]
    assert after == before                                 # ... and nothing else differs


@pytest.mark.parametrize("client", [OFFICE_SCRIPTS, OFFICE_JS])
@pytest.mark.parametrize("seed,layout", [(s, l) for s in ("000", "001", "003") for l in ("split", "stacked")])
def test_validate_twice_equals_once_and_clear_restores_everything(seed_path, seed, layout, client):
    """On every seed, with the real plugins plus known findings: a second click changes nothing,
    and clear gives back the workbook exactly (no cell had a fill of its own)."""
    path = seed_path(seed, layout)
    client_book = ClientBook.from_workbook(path)
    sheet = next(s for s in client_book.sheets if sum(isinstance(v, float) for v in s.values.values()) >= 3)
    numbers = sorted(k for k, v in sheet.values.items() if isinstance(v, float))
    from checker.core.cells import CellRef
    addresses = [CellRef(sheet.name, r, c).address for r, c in numbers[:3]]
    targets = Targets(sheet.name, *addresses, addresses[0])
    engine = Engine(make_plugin_manager(extra=[MarkPlugin(targets.findings())]))
    before = client_book.state()

    findings, _ = click(client_book, validate, engine, client)
    once = client_book.state()
    assert once != before and {"A990", "A991"} <= {f.rule for f in findings}
    click(client_book, validate, engine, client)
    assert client_book.state() == once
    click(client_book, clear, client=client)
    assert client_book.state() == before


def _number_targets(client_book: ClientBook) -> Targets:
    """Known findings on three number cells of the first sheet with numbers (no fill of their own)."""
    from checker.core.cells import CellRef

    sheet = next(s for s in client_book.sheets if sum(isinstance(v, float) for v in s.values.values()) >= 3)
    numbers = sorted(k for k, v in sheet.values.items() if isinstance(v, float))
    addresses = [CellRef(sheet.name, r, c).address for r, c in numbers[:3]]
    return Targets(sheet.name, *addresses, addresses[0])


def test_clear_restores_fill_and_note_recorded_by_desktop_excel():
    """A workbook marked in desktop Excel (which records real fills and note texts), saved, then
    cleared through the remote engine: both come back."""
    marked = ClientSheet("表5", values={(0, 0): "表5 一般公共预算支出情况表", (7, 4): 12.5},
                         fills={(7, 4): ERROR}, notes={(7, 4): "【预算校验】\nA991 错误：…\n\n（原批注）\n经办人：张三"})
    record = Original("表5", "E8", fill="#00B0F0", note=NOTE_TEXT, note_text="经办人：张三")
    marks = ClientSheet(MARKS_SHEET, visibility="VeryHidden",
                        values={(r, c): v for r, row in enumerate(marks_block([record], "ab" * 16, RESULTS_SHEET))
                                for c, v in enumerate(row) if v != ""})
    results = ClientSheet(RESULTS_SHEET, values={(0, 0): "校验结果：1 个错误，0 个警告"})
    client_book = ClientBook("marked.xlsx", [results, marked, marks])

    restored, actions = click(client_book, clear, client=OFFICE_JS)

    assert restored == 1
    assert {"func": "setNoteText", "args": ["$E$8", "经办人：张三"]}.items() <= \
        next(a for a in actions if a["func"] == "setNoteText").items()
    assert [s.name for s in client_book.sheets] == ["表5"]
    assert client_book.sheets[0].fills == {(7, 4): "#00B0F0"}
    assert client_book.sheets[0].notes == {(7, 4): "经办人：张三"}


def test_clear_on_an_unmarked_book_changes_nothing(seed_path):
    client_book = ClientBook.from_workbook(seed_path("001", "split"))
    restored, actions = click(client_book, clear)
    assert restored == 0 and actions == []


def test_read_book_places_values_at_their_cells_when_the_used_range_does_not_start_at_a1():
    client_book = ClientBook("offset.xlsx", [ClientSheet("表1", values={(4, 2): "标题", (5, 3): 7.5})])
    payload = client_book.payload()
    assert payload["sheets"][0]["used_range_address"] == "A1:D6"
    payload["sheets"][0]["used_range_address"] = "C5:D6"     # as Excel reports it
    import xlwings as xw

    grid = read_book(xw.Book(json=payload))[0]
    assert grid.value(4, 2) == "标题" and grid.value(5, 3) == 7.5
    assert grid.value(0, 0) is None and not grid.hidden


def test_validate_with_the_default_engine_runs_the_installed_plugins(seed_path):
    client_book = ClientBook.from_workbook(seed_path("000", "split"))
    findings, _ = click(client_book, validate)
    summary = client_book.sheet(RESULTS_SHEET).values[(0, 0)]
    assert summary == summary_text(findings)
    rows = [k for k in client_book.sheet(RESULTS_SHEET).values if k[1] == 1 and k[0] >= HEADER_ROW]
    assert len(rows) == len(findings)


def _sheet_rows(client_book: ClientBook, name: str) -> list[list[object]]:
    sheet = client_book.sheet(name)
    assert sheet is not None
    height = max(r for r, _ in sheet.values) + 1
    width = max(c for _, c in sheet.values) + 1
    return [[sheet.values.get((r, c), "") for c in range(width)] for r in range(height)]


def _split(address: str) -> tuple[str, str]:
    letters = "".join(ch for ch in address if ch.isalpha())
    return letters, address[len(letters):]


def _as_com_gives(client_book: ClientBook) -> ClientBook:
    """Desktop Excel hands every number to Python as a double."""
    for sheet in client_book.sheets:
        for key, value in sheet.values.items():
            if isinstance(value, int) and not isinstance(value, bool):
                sheet.values[key] = float(value)
    return client_book


@pytest.mark.parametrize("numbers", ["as sent", "as doubles"])
@pytest.mark.parametrize("seed,layout", [(s, l) for s in ("000", "001", "003") for l in ("split", "stacked")])
def test_validate_finds_exactly_what_the_cli_finds(seed_path, seed_doc, seed, layout, numbers):
    """The same reader and plugins as ``checker run``: the same findings, in the same order, with
    the same messages and cells — although Excel gives no merged ranges and, on the desktop,
    numbers as doubles."""
    engine = Engine()
    cli = engine.check(seed_doc(seed, layout))
    client_book = ClientBook.from_workbook(seed_path(seed, layout))
    if numbers == "as doubles":
        _as_com_gives(client_book)
    excel, _ = click(client_book, validate, engine)

    def key(f):
        return (f.rule, f.severity, f.message, [(loc.sheet, loc.cell, loc.table) for loc in f.locations],
                f.expected, f.explained)

    assert cli and [key(f) for f in excel] == [key(f) for f in cli]


def test_a_copy_annotated_by_the_cli_is_cleared_exactly_in_excel(annotated_copy):
    """Marked by ``checker run --annotate``, saved, opened in Excel (Office.js client), 清除标记:
    the record the copy carries restores the cell's own fill and note exactly."""
    source, out, targets = annotated_copy
    client_book = ClientBook.from_workbook(out)
    assert client_book.sheet(targets.sheet).notes[cell(targets.error_cell)].startswith("【预算校验】")
    restored, _ = click(client_book, clear, client=OFFICE_JS)
    assert restored == 4 and not client_book.alerts
    assert client_book.state() == ClientBook.from_workbook(source).state()


def test_a_client_without_notes_keeps_what_it_cannot_restore_and_says_so(annotated_copy):
    """xlwings Server's Office Scripts client cannot see or write notes: a clear there restores
    the fills, keeps the record of the notes and tells the user; a second click on 校验 does not
    lose that record; a clear where notes work finishes the job, exactly."""
    source, out, targets = annotated_copy
    client_book = ClientBook.from_workbook(out)
    restored, actions = click(client_book, clear, client=OFFICE_SCRIPTS)
    assert restored == 0
    assert [s.name for s in client_book.sheets if s.name in (RESULTS_SHEET, MARKS_SHEET)] == [MARKS_SHEET]
    sheet = client_book.sheet(targets.sheet)
    assert cell(targets.error_cell) in sheet.notes                       # still our note ...
    assert sheet.fills[cell(targets.error_cell)] == "#00B0F0"            # ... but its own fill is back
    assert cell(targets.warning_cell) not in sheet.fills
    assert len(client_book.alerts) == 1 and client_book.alerts[0].startswith("有 4 个单元格的批注在这里无法恢复")
    assert "checker clear" in client_book.alerts[0]
    record = read_marks(_sheet_rows(client_book, MARKS_SHEET))
    assert record[(targets.sheet, targets.error_cell)].note_text == OWN_NOTE

    click(client_book, validate, make_engine(targets.findings()), client=OFFICE_SCRIPTS)
    record = read_marks(_sheet_rows(client_book, MARKS_SHEET))
    assert record[(targets.sheet, targets.error_cell)].note == NOTE_TEXT
    assert record[(targets.sheet, targets.error_cell)].note_text == OWN_NOTE
    assert record[(targets.sheet, targets.error_cell)].fill == "#00B0F0"

    restored, _ = click(client_book, clear, client=OFFICE_JS)
    assert restored == 4
    assert client_book.state() == ClientBook.from_workbook(source).state()


@pytest.fixture
def annotated_copy(prepared, tmp_path):
    from checker.excel.annotate import annotate_copy
    from test_excel_support import read_findings

    source, targets = prepared
    out = tmp_path / "annotated.xlsx"
    annotate_copy(source, out, read_findings(source, make_engine(targets.findings())))
    return source, out, targets


@pytest.mark.parametrize("client", [OFFICE_SCRIPTS, OFFICE_JS])
def test_a_sheet_of_the_users_named_like_the_results_sheet_is_left_alone_and_ours_takes_another_name(
        seed_path, client):
    """Validate twice, then clear, with a user's sheet named 校验结果: checker's results go to
    校验结果_2, the user's sheet is never changed, and clear gives back the workbook exactly."""
    client_book = ClientBook.from_workbook(seed_path("000", "split"))
    targets = _number_targets(client_book)
    users = ClientSheet(RESULTS_SHEET, values={(0, 0): "我的核对记录", (1, 0): "已核对", (1, 1): 12.5},
                        fills={(1, 0): "#00B050"})
    client_book.sheets.insert(1, users)
    mine = copy.deepcopy(users)
    before = copy.deepcopy(client_book.state())
    engine = Engine(make_plugin_manager(extra=[MarkPlugin(targets.findings())]))

    findings, actions = click(client_book, validate, engine, client)
    names = [s.name for s in client_book.sheets]
    assert names[0] == f"{RESULTS_SHEET}_2" and names[names.index(RESULTS_SHEET) - 1] != MARKS_SHEET
    assert client_book.sheet(f"{RESULTS_SHEET}_2").values[(0, 0)] == summary_text(findings)
    assert client_book.sheet(RESULTS_SHEET) == mine
    # the id: in H1 of the marks sheet (which names the results sheet in I1) and in the defined name
    marks = _sheet_rows(client_book, MARKS_SHEET)
    assert marks[0][8] == f'"{RESULTS_SHEET}_2"'
    mark_id = json.loads(marks[0][7]).removeprefix("checker-marks:")
    assert client_book.names == {"checker_marks": f'="checker-marks:{mark_id}"'}
    once = copy.deepcopy(client_book.state())

    click(client_book, validate, engine, client)
    assert client_book.state() == once and client_book.sheet(RESULTS_SHEET) == mine
    restored, actions = click(client_book, clear, client=client)
    assert restored == len(read_marks(marks)) and client_book.state() == before and client_book.names == {}
    assert not [a for a in actions if a.get("sheet_position") == 1 and a["func"] != "activateSheet"]


def test_a_users_sheets_named_like_checkers_are_never_read_as_marks_nor_deleted():
    """named _checker_marks with checker's header, and 校验结果 with checker's summary line: without
    the id checker records in H1 of its marks sheet, neither is checker's. Clear leaves them; a
    click marks into _checker_marks_2 and 校验结果_2, and clear then gives back exactly the user's."""
    user = ClientSheet("表5", values={(0, 0): "表5 一般公共预算支出情况表", (7, 4): 12.5}, fills={(7, 4): "#00B050"})
    fake = ClientSheet(MARKS_SHEET, values={(r, c): v for r, row in enumerate(marks_block([Original("表5", "E8")]))
                                            for c, v in enumerate(row)})
    mine = ClientSheet(RESULTS_SHEET, values={(0, 0): "校验结果：我自己的记录"})
    client_book = ClientBook("mine.xlsx", [mine, user, fake])
    before = copy.deepcopy(client_book.state())
    restored, actions = click(client_book, clear, client=OFFICE_JS)
    assert restored == 0 and actions == []
    # a cell without a fill of its own (the remote engine cannot read one to give it back)
    flagged = [Finding("A990", "演示。", [Location("表5", "A1")], severity=Severity.WARNING)]
    click(client_book, validate, make_engine(flagged), client=OFFICE_JS)
    assert {s.name for s in client_book.sheets} == {"表5", RESULTS_SHEET, MARKS_SHEET, f"{RESULTS_SHEET}_2",
                                                   f"{MARKS_SHEET}_2"}
    assert client_book.sheet("表5").fills == {(0, 0): WARNING, (7, 4): "#00B050"}
    assert [s for s in client_book.state() if s[0] in (RESULTS_SHEET, MARKS_SHEET)] == \
        [s for s in before if s[0] in (RESULTS_SHEET, MARKS_SHEET)]
    restored, _ = click(client_book, clear, client=OFFICE_JS)
    assert restored == 1 and client_book.state() == before and client_book.names == {}


def test_a_marks_sheet_whose_id_the_workbook_does_not_record_is_not_ours(prepared):
    """A marks sheet copied from another marked workbook carries an id, but not this workbook's
    (its defined name checker_marks holds another): clear leaves it, validate marks beside it."""
    path, targets = prepared
    other = ClientBook.from_workbook(path)
    click(other, validate, make_engine(targets.findings()))
    copied = copy.deepcopy(other.sheet(MARKS_SHEET))
    client_book = ClientBook.from_workbook(path)
    client_book.sheets.append(copied)
    client_book.names["checker_marks"] = '="checker-marks:' + "0" * 32 + '"'
    before = copy.deepcopy(client_book.state())
    restored, actions = click(client_book, clear)
    assert restored == 0 and actions == [] and client_book.state() == before
    click(client_book, validate, make_engine(targets.findings()))
    assert client_book.sheet(MARKS_SHEET) == copied and client_book.sheet(f"{MARKS_SHEET}_2") is not None


def test_office_js_without_notes_api_marks_fills_only(prepared):
    """Office.js before ExcelApi 1.18 sends ``notes_supported: false``: no note is attempted,
    the record says so, and clear changes no note."""
    import xlwings as xw

    path, targets = prepared
    client_book = ClientBook.from_workbook(path)
    payload = client_book.payload(OFFICE_JS)
    for sheet in payload["sheets"]:
        sheet["notes_supported"] = False
    book = xw.Book(json=payload)
    validate(book, make_engine(targets.findings()))
    actions = book.json()["actions"]
    assert not [a for a in actions if "Note" in a["func"]]
    client_book.apply(actions)
    assert client_book.sheet(targets.sheet).fills[cell(targets.warning_cell)] == WARNING
    assert {m.note for m in read_marks(_sheet_rows(client_book, MARKS_SHEET)).values()} == {NOTE_UNTOUCHED}


def test_the_button_uses_the_options_the_user_saved(seed_path, tmp_path, monkeypatch):
    """Excel has no command line: options saved with `checker options set` reach the 校验 button."""
    from checker.core.settings import remove_option, save_option

    monkeypatch.setenv("CHECKER_DATA_DIR", str(tmp_path / "data"))
    rules = lambda: {f.rule for f in click(ClientBook.from_workbook(seed_path("001", "split")), validate)[0]}  # noqa: E731
    assert "Y015" in rules()
    save_option("large_change_percent", 500)
    assert "Y015" not in rules()
    remove_option("large_change_percent")
    assert "Y015" in rules()


def test_a_used_range_beyond_the_limit_is_refused_before_its_values_are_read(prepared):
    # the Excel button's values are vetted like a file's (core.vet.vet_area): one Chinese line
    from checker.core.errors import InputError

    path, targets = prepared
    client_book = ClientBook.from_workbook(path)
    engine = Engine(make_plugin_manager(), options={"max_sheet_cells": 50})
    with pytest.raises(InputError) as caught:
        validate(remote_book(client_book), engine)
    message = str(caught.value)
    assert "已用区域" in message and "max_sheet_cells" in message and "\n" not in message


# ------------------------------------------------------------------ 生成说明 (write_draft)

def _column_a(client_book: ClientBook, name: str) -> list:
    sheet = client_book.sheet(name)
    height = max(r for r, _ in sheet.values) + 1
    return [sheet.values.get((r, 0), "") for r in range(height)]


def test_the_draft_button_writes_the_drafted_narrative_to_a_new_sheet(seed_path, shanghai_path):
    from checker.core.drafting import PLACEHOLDER
    from checker.core.reader import read_workbook
    from checker.draft.compose import draft_narrative
    from checker.excel import write_draft
    from checker.excel.draftsheet import DRAFT_SHEET, draft_rows

    engine = Engine(make_plugin_manager())
    for source in (seed_path("000", "split"), shanghai_path("sh_wanli_2025")):
        client_book = ClientBook.from_workbook(source)
        before = client_book.state()
        checked = sorted(f.message for f in click(client_book, validate, engine)[0])
        client_book = ClientBook.from_workbook(source)
        draft, actions = click(client_book, write_draft, engine)
        assert [a["args"] for a in actions if a["func"] == "addSheet"] == [[len(before), DRAFT_SHEET]]
        expected = draft_narrative(engine.pm, read_workbook(source, templates=engine.templates))
        assert draft == expected and draft.placeholders > 0
        assert _column_a(client_book, DRAFT_SHEET) == [row[0] for row in draft_rows(draft)]
        assert any(PLACEHOLDER in text for text in _column_a(client_book, DRAFT_SHEET))
        # the draft is not read as the workbook's narrative: checking gives what it gave before
        assert sorted(f.message for f in click(client_book, validate, engine)[0]) == checked
        # a second click replaces the draft; 清除标记 removes it with the marks
        click(client_book, write_draft, engine)
        assert [s.name for s in client_book.sheets].count(DRAFT_SHEET) == 1
        click(client_book, clear)
        assert client_book.state() == before


def test_the_draft_button_never_touches_a_users_sheet_of_that_name(seed_path):
    from checker.excel import write_draft
    from checker.excel.draftsheet import DRAFT_SHEET

    client_book = ClientBook.from_workbook(seed_path("003", "split"))
    mine = ClientSheet(DRAFT_SHEET, values={(0, 0): "我的说明草稿", (1, 0): "一、……"})
    client_book.sheets.append(mine)
    before = client_book.state()
    click(client_book, write_draft)
    assert client_book.sheet(DRAFT_SHEET).values == mine.values
    assert client_book.sheets[-1].name == f"{DRAFT_SHEET}（2）"
    click(client_book, write_draft)                        # replaces its own, not the user's
    assert [s.name for s in client_book.sheets][-2:] == [DRAFT_SHEET, f"{DRAFT_SHEET}（2）"]
    click(client_book, clear)
    assert client_book.state() == before


def test_the_draft_button_on_a_workbook_without_tables_says_so(tmp_path):
    from openpyxl import Workbook

    from checker.excel import write_draft

    wb = Workbook()
    wb.active["A1"] = "只有一句话"
    path = tmp_path / "无表.xlsx"
    wb.save(path)
    book = remote_book(ClientBook.from_workbook(path))
    with pytest.raises(Exception, match="无法识别工作簿所用的模板"):
        write_draft(book)
    assert [a for a in book.json()["actions"] if a["func"] == "addSheet"] == []
