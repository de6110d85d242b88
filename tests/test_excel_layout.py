"""What the marks look like, whichever writer puts them into a workbook."""
from __future__ import annotations

from checker.core.findings import Finding, Location, Severity
from checker.excel.layout import (FILL, NO_FINDINGS, RESULTS_HEADER, cell_marks, hyperlink_formula,
                                  note_size, results_block, results_order, status_text, summary_text)
from checker.excel.marks import NOTE_TEXT, Original, marks_block, read_marks


def finding(rule: str, severity: Severity, *locs: tuple[str, str], explained: str | None = None,
            expected: str | None = None) -> Finding:
    return Finding(rule, f"{rule} 的说明", [Location(s, c, "表5 一般公共预算支出情况表") for s, c in locs],
                   severity=severity, expected=expected, explained=explained)


def test_hyperlink_quotes_the_sheet_and_escapes_quotes():
    assert hyperlink_formula("表5", "E8") == '=HYPERLINK("#\'表5\'!E8","表5!E8")'
    # an apostrophe is doubled inside the quoted sheet name, a double quote inside the string
    assert hyperlink_formula("张三's \"表\"", "A1") == \
        '=HYPERLINK("#\'张三\'\'s ""表""\'!A1","张三\'s ""表""!A1")'


def test_cell_marks_merge_findings_per_cell_and_keep_the_worst_colour():
    findings = [
        finding("A990", Severity.WARNING, ("表5", "E8"), ("表5", "E9")),
        finding("A991", Severity.ERROR, ("表5", "e8"), expected="12.00"),
        finding("A992", Severity.INFO, ("表5", "E10")),                        # info: not coloured
        finding("A993", Severity.WARNING, ("表5", "E11"), explained="已在说明中解释"),  # explained: not coloured
        finding("A994", Severity.ERROR, ("别的表", "B2")),                     # no such sheet
        finding("A995", Severity.ERROR, ("表5", "")),                          # the whole sheet
        finding("A996", Severity.ERROR, ("校验结果", "A1")),                   # our own sheet
    ]
    marks = cell_marks(findings, ["表5", "校验结果"])
    assert list(marks) == [("表5", "E8"), ("表5", "E9")]
    e8 = marks[("表5", "E8")]
    assert e8.severity is Severity.ERROR and e8.fill == FILL[Severity.ERROR]
    assert e8.lines == ["A990 警告：A990 的说明", "A991 错误：A991 的说明（建议值：12.00）"]
    assert marks[("表5", "E9")].fill == FILL[Severity.WARNING]
    assert e8.note() == "【预算校验】\nA990 警告：A990 的说明\nA991 错误：A991 的说明（建议值：12.00）"
    assert e8.note("经办人：张三").endswith("\n\n（原批注）\n经办人：张三")


def test_results_block_is_rectangular_with_summary_header_and_one_row_per_finding():
    findings = [finding("A991", Severity.ERROR, ("表5", "E8"), ("表5", "E9"), expected="12.00"),
                finding("A993", Severity.WARNING, ("表5", "E11"), explained="已解释"),
                Finding("S900", "插件出错", [Location("", "", "插件 x")], severity=Severity.ERROR)]
    block, rows = results_block(findings, ["表5"])
    assert {len(r) for r in block} == {len(RESULTS_HEADER)}
    assert block[0][0] == summary_text(findings)
    assert block[0][0].startswith("校验结果：2 个错误，0 个警告，1 条已说明（")   # per family after that
    assert block[2] == RESULTS_HEADER
    # errors first, explained ones last; the 级别 cell coloured for what is still to be acted on
    assert block[3] == [1, "A991", "错误", "表5 一般公共预算支出情况表", "表5!E8", "A991 的说明（另见：表5!E9）", "12.00"]
    assert block[4][:3] == [2, "S900", "错误"] and block[4][4] == "插件 x"
    assert block[5][:3] == [3, "A993", "警告（已说明）"] and block[5][5].endswith("已说明：已解释")
    assert [r.link for r in rows] == [("表5", "E8"), None, ("表5", "E11")]
    assert [r.fill for r in rows] == [FILL[Severity.ERROR], FILL[Severity.ERROR], None]
    assert status_text(findings) == "校验完成：2 个错误，0 个警告"


def test_results_rows_list_errors_before_warnings_before_infos():
    findings = [finding("A993", Severity.WARNING, ("表5", "E3")), finding("A994", Severity.INFO, ("表5", "E4")),
                finding("A991", Severity.ERROR, ("表5", "E9")), finding("A992", Severity.WARNING, ("表5", "E5"))]
    assert [f.rule for f in results_order(findings)] == ["A991", "A993", "A992", "A994"]
    _, rows = results_block(findings, ["表5"])
    assert [r.values[1] for r in rows] == ["A991", "A993", "A992", "A994"]
    assert [r.values[0] for r in rows] == [1, 2, 3, 4]
    assert [r.fill for r in rows] == [FILL[Severity.ERROR], FILL[Severity.WARNING], FILL[Severity.WARNING], None]


def test_notes_are_sized_to_their_text():
    short, long = note_size("【预算校验】\nA991 错误：合计不符"), note_size("【预算校验】\n" + "合计不符。" * 60)
    assert short[0] < long[0] and short[1] < long[1]
    many = note_size("\n".join(["一行"] * 12))
    assert many[1] >= 12 * 17
    assert note_size("字" * 5000) == (420, 640)                 # bounded


def test_results_block_without_findings_says_so():
    block, rows = results_block([], [])
    assert rows == [] and block[3][0] == NO_FINDINGS and block[0][0] == "校验结果：0 个错误，0 个警告"


def test_marks_record_survives_what_a_spreadsheet_does_to_cell_text():
    originals = [Original("2024", "C3", fill="#00B0F0", note=NOTE_TEXT, note_text="001", note_author="张三"),
                 Original("表5", "E8", note=NOTE_TEXT, note_text="=SUM(A1:A2)\n第二行")]
    block = marks_block(originals)
    # every stored field is a quoted string: no spreadsheet turns it into a number or a formula
    assert all(isinstance(v, str) and v.startswith('"') for row in block[1:] for v in row)
    assert list(read_marks(block).values()) == originals


def test_marks_record_tolerates_damaged_rows():
    rows = [["工作表", "单元格"], ['"表5"', '"e8"', '"#FFC7CE"'], ["", ""], [None, None, None], ['"表5"']]
    assert list(read_marks(rows)) == [("表5", "E8")]
    assert read_marks(rows)[("表5", "E8")].fill == "#FFC7CE"


def test_the_reader_leaves_out_our_sheets_but_reads_a_users_sheet_of_the_same_name():
    from checker.core.grid import grid_from_values
    from checker.core.reader.document import is_annotation_sheet
    from checker.excel.layout import MARKS_SHEET, RESULTS_SHEET

    assert is_annotation_sheet(grid_from_values(RESULTS_SHEET, [[summary_text([])]]))
    assert is_annotation_sheet(grid_from_values(MARKS_SHEET, [["工作表", "单元格"]]))
    assert not is_annotation_sheet(grid_from_values(RESULTS_SHEET, [["我的核对记录"]]))
    assert not is_annotation_sheet(grid_from_values("表1", [[summary_text([])]]))
