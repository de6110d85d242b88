"""The record of what marking changed, kept inside the workbook itself.

Every marked cell gets one row in the very hidden sheet ``_checker_marks``: its sheet and
address, the fill and the note it had before. Because the record travels with the workbook,
clearing works after saving, closing and reopening, from Excel (:func:`checker.excel.clear`)
as well as from the command line (``checker clear``), whichever of the two marked it.

Every field is stored as a JSON string literal (``"C3"``, ``"#FFC7CE"``): a spreadsheet would
otherwise turn a note reading ``001`` into the number 1, or a sheet named ``2024`` into 2024.0,
and a note starting with ``=`` into a formula.
"""
from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from typing import Iterable, Optional

# The fill a cell had: a colour, no fill, or — on engines that cannot read fills (xlwings'
# remote engine) — unknown, which clearing restores as no fill.
NO_FILL = "无"
UNKNOWN_FILL = "未知"

# The note a cell had. UNTOUCHED: marking did not change the cell's note at all (the engine could
# not read an existing note's text, or cannot write notes), so clearing leaves it alone.
NOTE_NONE = "无"
NOTE_TEXT = "有"
NOTE_UNTOUCHED = "未改"

MARKS_HEADER = ["工作表", "单元格", "原填充色", "原批注", "原批注内容", "原批注作者", "原填充格式"]


@dataclass(frozen=True)
class Original:
    """A marked cell as it was before marking."""

    sheet: str
    address: str
    fill: str = NO_FILL                 # "#RRGGBB", NO_FILL or UNKNOWN_FILL
    note: str = NOTE_NONE               # NOTE_NONE, NOTE_TEXT or NOTE_UNTOUCHED
    note_text: str = ""
    note_author: str = ""               # kept by the openpyxl writer, which has one
    fill_xml: str = ""                  # openpyxl's exact <fill>, for fills a colour cannot say

    @property
    def key(self) -> tuple[str, str]:
        return (self.sheet, self.address)

    def row(self) -> list[str]:
        return [json.dumps(v, ensure_ascii=False) for v in
                (self.sheet, self.address, self.fill, self.note, self.note_text, self.note_author, self.fill_xml)]


def _decode(value: object) -> str:
    if value is None or value == "":
        return ""
    text = str(value)
    try:
        decoded = json.loads(text)
    except ValueError:
        return text             # a hand-edited cell: take it as it stands
    return decoded if isinstance(decoded, str) else text


# H1 of the marks sheet: the id that makes it (and the results sheet it names in I1) checker's
# own; a sheet without it is never taken for ours, whatever its name (checker.excel.annotate).
MARK_ID_PREFIX = "checker-marks:"
MARK_ID = re.compile(r"^checker-marks:([0-9a-f]{32})$")


def new_mark_id() -> str:
    return uuid.uuid4().hex


def marks_block(originals: Iterable[Original], mark_id: str = "", results_sheet: str = "") -> list[list[str]]:
    """The marks sheet as one 2-D block: the header, then one row per marked cell. With
    ``mark_id`` the header row also carries the id (H1) and the results sheet's name (I1), and
    the block is padded to stay rectangular."""
    header = list(MARKS_HEADER)
    if mark_id:
        header += [json.dumps(MARK_ID_PREFIX + mark_id), json.dumps(results_sheet, ensure_ascii=False)]
    rows = [o.row() for o in originals]
    width = len(header)
    return [header] + [row + [""] * (width - len(row)) for row in rows]


def mark_id_of(first_row: Iterable[object]) -> Optional[str]:
    """The id in a marks sheet's first row (H1), or None: not a sheet checker wrote."""
    cells = list(first_row)
    if len(cells) <= len(MARKS_HEADER):
        return None
    found = MARK_ID.match(_decode(cells[len(MARKS_HEADER)]))
    return found.group(1) if found else None


def read_marks(rows: Iterable[Iterable[object]]) -> dict[tuple[str, str], Original]:
    """Parse the marks sheet's values (header row first); rows without a sheet and address are
    skipped, so a damaged record restores what it still can."""
    out: dict[tuple[str, str], Original] = {}
    for i, raw in enumerate(rows):
        cells = [_decode(v) for v in list(raw)[:len(MARKS_HEADER)]]
        if i == 0 and cells[:2] == MARKS_HEADER[:2]:
            continue
        cells += [""] * (len(MARKS_HEADER) - len(cells))
        sheet, address = cells[0], cells[1].upper()
        if not sheet or not address:
            continue
        original = Original(sheet=sheet, address=address, fill=cells[2] or NO_FILL,
                            note=cells[3] or NOTE_NONE, note_text=cells[4], note_author=cells[5],
                            fill_xml=cells[6])
        out.setdefault(original.key, original)
    return out


def hex_colour(rgb: Optional[tuple[int, int, int]]) -> str:
    """xlwings' (r, g, b) → ``#RRGGBB``; None (no fill) → NO_FILL."""
    if rgb is None:
        return NO_FILL
    r, g, b = (int(v) for v in rgb)
    return f"#{r:02X}{g:02X}{b:02X}"
