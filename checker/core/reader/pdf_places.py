"""Where each cell of a PDF's grids is printed: a provenance map beside the grids.

The PDF reader (:mod:`.pdf`) turns pages into sheet grids; while it does, it notes for every cell
it fills the rectangle(s) its text came from — a table cell's ruled box, a text line above or below
a table, each line of a narrative paragraph (a paragraph re-flowed across a page break has lines
on two pages). A finding's location names a grid's cell (``Location.sheet``/``cell``), so this map
turns it into rectangles on pages, which is what ``checker run x.pdf --annotate OUT.pdf``
highlights (:mod:`checker.pdfmarks`).

Boxes are in pdfplumber's page space: points from the page's top-left corner, ``top`` growing
downwards (:meth:`Box.pdf_rect` gives PDF user space, origin bottom-left). A table printed
column-wise is read joined (:mod:`.pdf_columns`): its right-hand part's boxes are shifted right by
the join, beyond the left-hand page's edge; :func:`grid_places` moves them back to the page they
were printed on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

# a box as the reader notes it: (page, x0, top, x1, bottom), the page as printed (1-based)
RawBox = tuple[int, float, float, float, float]
SLACK = 0.5           # points: a box starting at the join's edge belongs to the right-hand page


@dataclass(frozen=True)
class Box:
    """A rectangle on a printed page (1-based ``page``; pdfplumber's top-left page space)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float

    def pdf_rect(self, page_top: float, page_left: float = 0.0) -> tuple[float, float, float, float]:
        """The rectangle in PDF user space (x0, y0, x1, y1), for a page whose media box's top edge
        is at ``page_top`` and left edge at ``page_left``."""
        return (page_left + self.x0, page_top - self.bottom, page_left + self.x1, page_top - self.top)

    @property
    def area(self) -> float:
        return max(self.x1 - self.x0, 0.0) * max(self.bottom - self.top, 0.0)


@dataclass(frozen=True)
class ColumnJoin:
    """A right-hand part of a table (printed on ``right_page``) joined to its left-hand page: its
    boxes were moved right by ``dx``; the left-hand table ended at ``edge``."""

    right_page: int
    dx: float
    edge: float


@dataclass
class GridPlaces:
    """Where the cells of one grid are printed: (row, column) → its boxes, in reading order."""

    cells: dict[tuple[int, int], tuple[Box, ...]] = field(default_factory=dict)

    def boxes(self, row: int, column: int) -> tuple[Box, ...]:
        """The cell's boxes; a cell the reader filled without a box of its own (padding, a merged
        range's other cells) has none."""
        return self.cells.get((row, column), ())

    def row_boxes(self, row: int) -> tuple[Box, ...]:
        return tuple(b for (r, _), boxes in sorted(self.cells.items()) if r == row for b in boxes)


def resolve(raw: RawBox, joins: dict[int, ColumnJoin]) -> Optional[Box]:
    """``raw`` on the page it was printed on: a box of a joined right-hand part goes back to its
    page (shifted back by the join); a line beside the table that the join extended is cut at the
    left page's edge."""
    page, x0, top, x1, bottom = raw
    join = joins.get(page)
    if join is None:
        return Box(page, x0, top, x1, bottom)
    if x0 >= join.edge - SLACK:
        return Box(join.right_page, x0 - join.dx, top, x1 - join.dx, bottom)
    return Box(page, x0, top, min(x1, join.edge), bottom)


def grid_places(rows: Iterable[dict[int, list[RawBox]]], joins: dict[int, ColumnJoin]) -> GridPlaces:
    """The map of one grid from what the reader noted row by row (column → raw boxes)."""
    places = GridPlaces()
    for r, row in enumerate(rows):
        for c, raws in row.items():
            boxes = tuple(b for b in (resolve(raw, joins) for raw in raws) if b is not None and b.area > 0)
            if boxes:
                places.cells[(r, c)] = boxes
    return places


def line_box(page: int, line) -> RawBox:
    """The raw box of a reader's text line (anything with x0, top, x1, bottom)."""
    return (page, float(line.x0), float(line.top), float(line.x1), float(line.bottom))


def bbox_box(page: int, bbox) -> RawBox:
    """The raw box of a pdfplumber bbox (x0, top, x1, bottom)."""
    x0, top, x1, bottom = bbox
    return (page, float(x0), float(top), float(x1), float(bottom))
