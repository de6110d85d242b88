"""What the annotation looks like, independent of how it is written.

Both ways of annotating a workbook — live in Excel through xlwings (:mod:`checker.excel.book`)
and as a copy on disk through openpyxl (:mod:`checker.excel.annotate`) — produce the same
results sheet, the same fills and the same notes. This module computes them from the findings;
the two writers only differ in how they put them into a workbook.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..core.cells import parse_address
from ..core.engine import check_counts
from ..core.findings import Finding, Location, Severity
from ..core.reader.document import MARKS_SHEET_NAME, RESULTS_SHEET_NAME, RESULTS_SUMMARY_PREFIX
from ..core.report import summary_line

# The reader leaves both out of the disclosure (checker.core.reader.document.is_annotation_sheet).
RESULTS_SHEET = RESULTS_SHEET_NAME
# Very hidden in Excel, so that users do not stumble on it; its name is ASCII and starts with an
# underscore so that it sorts apart and is never mistaken for one of the disclosure's sheets.
MARKS_SHEET = MARKS_SHEET_NAME
OWN_SHEETS = (RESULTS_SHEET, MARKS_SHEET)

FILL = {Severity.ERROR: "#FFC7CE", Severity.WARNING: "#FFEB9C"}
HEADER_FILL = "#DDEBF7"

RESULTS_HEADER = ["序号", "规则", "级别", "表", "位置", "说明", "建议值"]
LINK_COLUMN = RESULTS_HEADER.index("位置")      # 0-based column of the hyperlinks
HINT = "点击“位置”可跳到对应单元格；出问题的单元格已按级别填色（红色为错误，黄色为警告），批注中有说明。" \
       "清除标记：点击“预算校验”选项卡上的“清除标记”，或运行 checker clear 文件名。"
NO_FINDINGS = "未发现问题。"
NOTE_TITLE = "【预算校验】"
ORIGINAL_NOTE = "（原批注）"

# Row numbers (1-based, as a spreadsheet shows them) of the results sheet's parts.
SUMMARY_ROW = 1
HINT_ROW = 2
HEADER_ROW = 3
FIRST_RESULT_ROW = 4


def is_own_sheet(name: str) -> bool:
    return name in OWN_SHEETS


SUMMARY_PREFIX = RESULTS_SUMMARY_PREFIX


def is_our_results(first_cell: object) -> bool:
    """Whether a sheet named 校验结果 whose A1 holds ``first_cell`` is one we wrote (its summary
    line) — a sheet of the user's that happens to have the name is never replaced or deleted."""
    return isinstance(first_cell, str) and first_cell.startswith(SUMMARY_PREFIX)


@dataclass
class CellMark:
    """What one offending cell gets: a fill for its worst severity and a note listing every
    finding that points at it."""

    sheet: str
    address: str                       # "D12"
    severity: Severity
    lines: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.sheet, self.address)

    @property
    def fill(self) -> str:
        return FILL[self.severity]

    def note(self, original: Optional[str] = None) -> str:
        """The note text; a note the cell already had is kept below ours, so that it stays
        readable while the marks are on (clearing restores it exactly)."""
        text = NOTE_TITLE + "\n" + "\n".join(self.lines)
        if original:
            text += f"\n\n{ORIGINAL_NOTE}\n{original}"
        return text


def _markable(f: Finding) -> bool:
    """Only what the user has to act on is coloured: unexplained errors and warnings."""
    return f.severity in FILL and not f.explained


def _finding_line(f: Finding) -> str:
    label = f.severity.label if f.severity else ""
    line = f"{f.rule} {label}：{f.message}"
    if f.expected is not None:
        line += f"（建议值：{f.expected}）"
    return line


def cell_marks(findings: Iterable[Finding], sheet_names: Iterable[str],
               own: Optional[Iterable[str]] = None) -> dict[tuple[str, str], CellMark]:
    """The cells to mark, keyed by (sheet, address), in the order the findings name them.

    A location is marked only when it names a cell of a sheet the workbook has (a finding about
    a whole sheet or about the narrative file has nothing to colour). ``own``: the names of
    checker's own sheets among ``sheet_names`` (default: those named like them)."""
    own_names = set(OWN_SHEETS) if own is None else set(own)
    sheets = {s for s in sheet_names if s not in own_names}
    marks: dict[tuple[str, str], CellMark] = {}
    for f in findings:
        if not _markable(f):
            continue
        assert f.severity is not None
        for loc in f.locations:
            if loc.sheet not in sheets or not _valid_address(loc.cell):
                continue
            key = (loc.sheet, loc.cell.upper())
            mark = marks.get(key)
            if mark is None:
                mark = marks[key] = CellMark(loc.sheet, loc.cell.upper(), f.severity)
            elif f.severity is Severity.ERROR:
                mark.severity = Severity.ERROR      # the worst finding decides the colour
            line = _finding_line(f)
            if line not in mark.lines:
                mark.lines.append(line)
    return marks


def _valid_address(cell: str) -> bool:
    try:
        row, col = parse_address(cell)
    except ValueError:
        return False
    return row >= 0 and col >= 0


def hyperlink_formula(sheet: str, cell: str) -> str:
    """``=HYPERLINK("#'表5'!E8","表5!E8")``: an internal link that works in Excel, WPS and
    LibreOffice alike (xlwings' ``add_hyperlink`` cannot point inside the workbook)."""
    target = "#'" + sheet.replace("'", "''") + "'!" + cell
    shown = f"{sheet}!{cell}"
    return '=HYPERLINK("{}","{}")'.format(target.replace('"', '""'), shown.replace('"', '""'))


@dataclass
class ResultRow:
    values: list[object]                 # the row as plain values (位置 as text)
    link: Optional[tuple[str, str]]      # (sheet, cell) the 位置 column links to, if any
    fill: Optional[str] = None           # the 级别 cell's colour (an unexplained error or warning)


def _location_text(loc: Location) -> str:
    return str(loc)


SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
LEVEL_COLUMN = RESULTS_HEADER.index("级别")     # 0-based column coloured by severity


def results_order(findings: Iterable[Finding]) -> list[Finding]:
    """The order of the results sheet: errors, then warnings, then infos, explained ones last;
    within each, the report's order (by table and cell)."""
    return sorted(findings, key=lambda f: (f.explained is not None, SEVERITY_RANK.get(f.severity, 3)))


def results_rows(findings: list[Finding], sheet_names: Iterable[str]) -> list[ResultRow]:
    """One row per finding, errors first (:func:`results_order`): 序号, 规则, 级别, 表, 位置, 说明, 建议值."""
    sheets = set(sheet_names)
    rows = []
    for i, f in enumerate(results_order(findings), start=1):
        first = f.locations[0] if f.locations else None
        link = None
        where = ""
        if first is not None:
            where = _location_text(first)
            if first.sheet in sheets and not is_own_sheet(first.sheet):
                link = (first.sheet, first.cell.upper() if _valid_address(first.cell) else "A1")
        level = f.severity.label if f.severity else ""
        message = f.message
        others = [str(loc) for loc in f.locations[1:] if str(loc)]
        if others:
            message += f"（另见：{'、'.join(others)}）"
        if f.explained:
            level += "（已说明）"
            message += f" 已说明：{f.explained}"
        table = first.table if first is not None else ""
        fill = FILL.get(f.severity) if f.severity is not None and not f.explained else None
        rows.append(ResultRow([i, f.rule, level, table, where, message, f.expected or ""], link, fill))
    return rows


def summary_text(findings: list[Finding]) -> str:
    return SUMMARY_PREFIX + summary_line(findings)


def status_text(findings: list[Finding]) -> str:
    """The status bar line after a run: unexplained errors and warnings."""
    counts = check_counts(findings)
    return f"校验完成：{counts['error']} 个错误，{counts['warning']} 个警告"


def results_block(findings: list[Finding], sheet_names: Iterable[str]) -> tuple[list[list[object]], list[ResultRow]]:
    """The whole results sheet as one 2-D block of values (so that it is written in one call),
    and the finding rows it holds (for the links). The block is rectangular."""
    rows = results_rows(findings, list(sheet_names))
    width = len(RESULTS_HEADER)
    block: list[list[object]] = [
        _pad([summary_text(findings)], width),
        _pad([HINT], width),
        list(RESULTS_HEADER),
    ]
    if rows:
        block.extend(r.values for r in rows)
    else:
        block.append(_pad([NO_FINDINGS], width))
    return block, rows


def _pad(values: list[object], width: int) -> list[object]:
    return values + [""] * (width - len(values))


# Column widths (in characters) of the results sheet, where the writer can set them.
COLUMN_WIDTHS = [6, 7, 10, 22, 34, 60, 14]


def note_size(text: str) -> tuple[int, int]:
    """(width, height) in pixels of a cell note that shows ``text`` whole: as wide as its longest
    line up to a limit, as tall as its lines once wrapped at that width (a CJK character is about
    two Latin characters wide)."""
    char_px, pad = 7, 16
    lines = text.split("\n")
    cols = [sum(2 if ord(ch) > 0x2E7F else 1 for ch in line) for line in lines]
    width = max(NOTE_MIN_WIDTH, min(NOTE_MAX_WIDTH, max(cols, default=0) * char_px + pad))
    per_line = max((width - pad) // char_px, 1)
    wrapped = sum(max(1, -(-c // per_line)) for c in cols)
    height = max(NOTE_MIN_HEIGHT, min(NOTE_MAX_HEIGHT, wrapped * NOTE_LINE_PX + pad))
    return width, height


NOTE_MIN_WIDTH, NOTE_MAX_WIDTH = 160, 420
NOTE_MIN_HEIGHT, NOTE_MAX_HEIGHT = 50, 640
NOTE_LINE_PX = 17
