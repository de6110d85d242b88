"""Locations a reader of a published PDF can follow: the page each finding's row is printed on.

A PDF is read into grids (:mod:`checker.core.reader.pdf`) that know the page of every row
(``Disclosure.row_pages``); a Word document's grids know it where the file records it
(:mod:`checker.core.reader.docx_pages`; None elsewhere). A finding's location names a grid's cell. Here each such location gets
the page of its row, so that reports say "第12页 表3 行政运行" instead of a grid's cell address.
"""
from __future__ import annotations

import dataclasses

from .cells import parse_address
from .findings import Finding, Location
from .model import Disclosure


def page_of(document: Disclosure, loc: Location):
    """The page ``loc``'s row is printed on, or None (a workbook, a location without a cell)."""
    pages = document.row_pages.get(loc.sheet)
    if not pages:
        return None
    if not loc.cell:
        return pages[0]
    try:
        row, _ = parse_address(loc.cell)
    except ValueError:
        return None
    return pages[row] if 0 <= row < len(pages) else pages[-1]


def locate_pages(document: Disclosure, findings: list[Finding]) -> None:
    """Give every location of ``findings`` on a PDF's grid the page of its row (in place)."""
    if not document.row_pages:
        return
    for f in findings:
        f.locations = [loc if (page := page_of(document, loc)) is None else dataclasses.replace(loc, page=page)
                       for loc in f.locations]
