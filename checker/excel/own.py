"""Which sheets of an open workbook are the 校验 button's own — known by an id, never by a name.

As for ``checker run --annotate`` (:mod:`checker.excel.annotate`), the id is a random 128-bit hex
recorded twice: in H1 of the marks sheet (with the results sheet's name in I1), and at workbook
level, outside every sheet —

* in the custom document property ``checker_marks``, where the engine can set one (desktop Excel
  on Windows, through COM);
* in the workbook's defined name ``checker_marks`` (``="checker-marks:<id>"``), on every engine:
  the remote engine (xlwings Server and Lite) has no custom properties, but adds and deletes
  names (``namesAdd``/``nameDelete``) and sends them, with what they refer to, in its payload.

A sheet is ours only when its H1 holds an id and the workbook-level record, where there is one,
holds the same id. A user's sheet named 校验结果 or _checker_marks is then never read as marks,
changed or deleted: checker's own sheets take other names (校验结果_2, _checker_marks_2), the
results sheet's name being the one the marks sheet records.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from .layout import MARKS_SHEET, RESULTS_SHEET, is_our_results
from ..core.text import lazy_pattern
from .marks import MARK_ID_PREFIX, MARKS_HEADER, _decode, mark_id_of

ID_NAME = "checker_marks"             # the custom property and the defined name
_NAME_VALUE = lazy_pattern(r'^="?' + re.escape(MARK_ID_PREFIX) + r'([0-9a-f]{32})"?$')
MSO_PROPERTY_TYPE_STRING = 4          # MsoDocProperties.msoPropertyTypeString


@dataclass
class OwnSheets:
    """checker's sheets in a workbook, found or to be made."""
    mark_id: str                      # the id recorded (or, for a workbook without ours, a new one)
    marks_name: str                   # the marks sheet's name: ours, or a free one
    results_name: str                 # the results sheet's name: as ours records it, or a free one
    marks: Optional[Any] = None       # our marks sheet, if the workbook has one
    values: Optional[list[list[object]]] = None     # its values, read once
    results: Optional[Any] = None     # our results sheet, if it is still there

    @property
    def names(self) -> set[str]:
        """The names checker's sheets have or will have: never read as the user's data."""
        return {self.marks_name, self.results_name}


def find_own(book: Any, new_id: str) -> OwnSheets:
    """checker's sheets in ``book``; without them, free names and ``new_id``."""
    recorded = workbook_id(book)
    sheets = list(book.sheets)
    for sheet in sheets:
        if not sheet.name.startswith(MARKS_SHEET):
            continue
        values = sheet.used_range.options(ndim=2).value or []
        found = mark_id_of(values[0]) if values and isinstance(values[0], list) else None
        if found is None or (recorded is not None and recorded != found):
            continue
        named = _decode(values[0][len(MARKS_HEADER) + 1]) if len(values[0]) > len(MARKS_HEADER) + 1 else ""
        results_name = named or RESULTS_SHEET
        results = next((s for s in sheets if s.name == results_name), None)
        if results is not None and not is_our_results(results.range("A1").value):
            results = None            # renamed away, and a sheet of the user's took the name
            results_name = free_name((s.name for s in sheets), RESULTS_SHEET)
        return OwnSheets(found, sheet.name, results_name, sheet, values, results)
    names = [s.name for s in sheets]
    return OwnSheets(new_id, free_name(names, MARKS_SHEET), free_name(names, RESULTS_SHEET))


def free_name(taken: Iterable[str], name: str) -> str:
    """``name``, or ``name_2``, ``name_3`` … where a sheet has it (Excel compares names case-blind)."""
    used = {n.casefold() for n in taken}
    if name.casefold() not in used:
        return name
    i = 2
    while f"{name}_{i}".casefold() in used:
        i += 1
    return f"{name}_{i}"


def workbook_id(book: Any) -> Optional[str]:
    """The id the workbook records outside its sheets (custom property, else defined name)."""
    return _property(book) or _name_id(book)


def record_id(book: Any, mark_id: str) -> None:
    """Record ``mark_id`` at workbook level, replacing an earlier record."""
    if workbook_id(book) == mark_id:
        return
    forget_id(book)
    book.names.add(ID_NAME, f'="{MARK_ID_PREFIX}{mark_id}"')
    props = _properties(book)
    if props is not None:
        props.Add(Name=ID_NAME, LinkToContent=False, Type=MSO_PROPERTY_TYPE_STRING, Value=mark_id)


def forget_id(book: Any) -> None:
    """Remove the workbook-level record (clear, once nothing is left to restore)."""
    for name in list(book.names):
        if name.name == ID_NAME:
            name.delete()
    props = _properties(book)
    if props is not None:
        for prop in list(props):
            if prop.Name == ID_NAME:
                prop.Delete()


def _name_id(book: Any) -> Optional[str]:
    for name in book.names:
        if name.name == ID_NAME:
            found = _NAME_VALUE.match(str(name.refers_to or ""))
            return found.group(1) if found else None
    return None


def _properties(book: Any) -> Optional[Any]:
    """The workbook's CustomDocumentProperties on desktop Excel for Windows; None elsewhere (the
    remote engine has none, Excel for Mac's AppleScript does not reach them)."""
    if book.app.engine.type != "desktop" or sys.platform == "darwin":
        return None
    try:
        return book.api.CustomDocumentProperties
    except Exception:  # noqa: BLE001 - COM raises com_error
        return None


def _property(book: Any) -> Optional[str]:
    props = _properties(book)
    if props is None:
        return None
    for prop in props:
        if prop.Name == ID_NAME:
            value = str(prop.Value)
            return value if re.fullmatch(r"[0-9a-f]{32}", value) else None
    return None
