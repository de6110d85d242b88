"""The calls only the classic engine can make — kept here, and nowhere else.

xlwings drives a workbook through one of two kinds of engine:

* the **classic** engine (``engine.type == "desktop"``): Python talks to a running Excel on
  Windows (COM) or macOS (AppleScript). This is what the 校验 button of the add-in uses. It can
  read a cell's fill and note, set the status bar, turn screen updating off and hide a sheet
  *very* hidden.
* the **remote** engine (xlwings Server and xlwings Lite): the workbook arrives as a JSON
  payload of values, and every change is queued as an action for the client to apply. It cannot
  read fills or note texts, has no status bar, and only hides sheets plainly; notes can be added
  only with an Office.js client.

Everything else :mod:`checker.excel.book` does goes through the API both engines share. Each
function here degrades on the remote engine as its docstring says, so that ``validate`` and
``clear`` run unchanged on both.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Any, Iterator, Optional

from .marks import NO_FILL, UNKNOWN_FILL, hex_colour

XL_SHEET_VERY_HIDDEN = 2       # XlSheetVisibility.xlSheetVeryHidden
XL_SHEET_VISIBLE = -1          # XlSheetVisibility.xlSheetVisible


def is_classic(book: Any) -> bool:
    """True when ``book`` is open in a desktop Excel driven by xlwings' classic engine."""
    return book.app.engine.type == "desktop"


def read_fill(book: Any, rng: Any) -> str:
    """The cell's fill as ``#RRGGBB`` or ``NO_FILL``. Remote engine: ``UNKNOWN_FILL`` (it cannot
    read fills; clearing then restores no fill). Only a solid fill round-trips: a pattern or
    gradient fill reads as its main colour."""
    if not is_classic(book):
        return UNKNOWN_FILL
    return hex_colour(rng.color)


def read_note(book: Any, rng: Any) -> tuple[bool, Optional[str]]:
    """(the cell has a note, its text). The text is None where the engine cannot read it
    (remote engine: the payload says which cells have notes, not what they say)."""
    note = rng.note
    if note is None:
        return False, None
    if not is_classic(book):
        return True, None
    return True, note.text


def notes_supported(book: Any) -> bool:
    """Whether the engine sees which cells have notes and can write them. Classic: yes. Remote:
    only with an Office.js client (xlwings Lite, the Office.js add-in), whose payload lists the
    cells with notes; the Office Scripts client of xlwings Server neither lists nor writes them,
    so there a cell's note can be neither read, nor restored, nor removed."""
    if is_classic(book):
        return True
    api = book.api
    if not isinstance(api, dict) or api.get("client") != "Office.js":
        return False
    # Office.js before ExcelApi 1.18 has no notes: the payload then lacks them or says so.
    return all("notes" in sheet and sheet.get("notes_supported") is not False for sheet in api.get("sheets", []))


def alert(book: Any, text: str) -> None:
    """Tell the user something that needs their action: a message box (both engines)."""
    book.app.alert(text, title="预算校验")


def hide_very(book: Any, sheet: Any) -> None:
    """Hide ``sheet`` so that 取消隐藏 does not list it (xlSheetVeryHidden). The remote engine
    can only hide it plainly."""
    if not is_classic(book):
        sheet.visible = False
        return
    if sys.platform == "darwin":  # pragma: no cover - needs Excel for Mac
        from appscript import k

        sheet.api.visible.set(k.sheet_very_hidden)
    else:  # pragma: no cover - needs Excel for Windows
        sheet.api.Visible = XL_SHEET_VERY_HIDDEN


def unhide(book: Any, sheet: Any) -> None:
    """Make a (very) hidden sheet visible again; Excel will not delete a very hidden sheet."""
    if not is_classic(book):
        return  # the remote engine deletes hidden sheets as they are
    if sys.platform == "darwin":  # pragma: no cover - needs Excel for Mac
        from appscript import k

        sheet.api.visible.set(k.sheet_visible)
    else:  # pragma: no cover - needs Excel for Windows
        sheet.api.Visible = XL_SHEET_VISIBLE


def set_status(book: Any, text: str) -> None:
    """Show ``text`` in Excel's status bar. The remote engine has no status bar: nothing."""
    if is_classic(book):
        book.app.status_bar = text


@contextmanager
def busy(book: Any, text: str) -> Iterator[None]:
    """While checking: a status message and no screen redraws (much faster over COM). Excel's
    previous state is restored even when the check fails. The remote engine: nothing (its
    actions are applied in one batch anyway)."""
    if not is_classic(book):
        yield
        return
    with book.app.properties(status_bar=text, screen_updating=False):
        yield


def set_column_widths(book: Any, sheet: Any, widths: list[float]) -> None:
    """Column widths in characters. Only on the classic engine: the remote engine measures
    widths in points, which cannot be converted without knowing the workbook's font."""
    if not is_classic(book):
        return
    for i, width in enumerate(widths, start=1):
        sheet.range((1, i)).column_width = width


def autofilter(book: Any, rng: Any) -> None:
    """Filter buttons on the first row of ``rng``. Only on the classic engine (the remote API
    has no autofilter); a failure leaves the sheet without the buttons, nothing worse."""
    if not is_classic(book):
        return
    try:
        if sys.platform == "darwin":  # pragma: no cover - needs Excel for Mac
            rng.api.autofilter_range(field=1)
        else:
            rng.api.AutoFilter(1)
    except Exception:  # noqa: BLE001 - COM raises com_error, AppleScript CommandError
        pass


def size_note(book: Any, rng: Any, width_px: int, height_px: int) -> None:
    """Size the cell's note box (pixels, as :func:`checker.excel.layout.note_size` gives them) so
    that it shows the whole text. Only on the classic engine on Windows (the note's Shape, in
    points); elsewhere the box keeps Excel's default size, and hovering shows it scrolled."""
    if not is_classic(book) or sys.platform == "darwin":
        return
    try:
        shape = rng.api.Comment.Shape
        shape.Width = round(width_px * 0.75, 1)
        shape.Height = round(height_px * 0.75, 1)
    except Exception:  # noqa: BLE001 - a note Excel will not resize still shows its text
        pass


__all__ = ["NO_FILL", "UNKNOWN_FILL", "alert", "autofilter", "busy", "hide_very", "is_classic", "notes_supported", "read_fill",
           "read_note", "set_column_widths", "set_status", "size_note", "unhide"]
