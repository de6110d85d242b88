"""Sheet value grids: what the reader works on.

A workbook on disk (read with openpyxl) and a workbook open in Excel (read with xlwings, one
``used_range`` read per sheet) both become a list of :class:`SheetGrid`, so that table
recognition is the same code whichever way the workbook arrived.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .cells import CellRef
from .text import clean


@dataclass
class SheetGrid:
    """The values of one sheet, indexed by 0-based (row, column) from A1."""

    name: str
    rows: list[list[object]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2 inclusive
    uncached_formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden: bool = False
    _merge_origin: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for r1, c1, r2, c2 in self.merges:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        self._merge_origin[(r, c)] = (r1, c1)

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def value(self, r: int, c: int) -> object:
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
            return self.rows[r][c]
        return None

    def text(self, r: int, c: int) -> str:
        return clean(self.value(r, c))

    def merged_value(self, r: int, c: int) -> object:
        """The value shown at (r, c): a merged range shows its top-left value everywhere."""
        origin = self._merge_origin.get((r, c))
        if origin is not None:
            return self.value(*origin)
        return self.value(r, c)

    def merge_origin(self, r: int, c: int) -> Optional[tuple[int, int]]:
        """The top-left cell of the merged range that covers (r, c) without starting there."""
        return self._merge_origin.get((r, c))

    def is_merged_tail(self, r: int, c: int) -> bool:
        return (r, c) in self._merge_origin

    def merge_known(self) -> bool:
        return bool(self.merges)

    def cell(self, r: int, c: int) -> CellRef:
        return CellRef(self.name, r, c)

    def row_texts(self, r: int) -> list[tuple[int, str]]:
        """The non-empty cells of row ``r`` as (column, text)."""
        if not 0 <= r < len(self.rows):
            return []
        return [(c, clean(v)) for c, v in enumerate(self.rows[r]) if clean(v)]


def grid_from_values(name: str, values: list[list[object]], top: int = 0, left: int = 0,
                     merges: Optional[list[tuple[int, int, int, int]]] = None) -> SheetGrid:
    """Build a grid from a 2-D block of values whose top-left cell is at (top, left), as
    xlwings returns ``used_range.value``. Empty strings (the remote engine's blanks) become
    None, and the block is padded so that indices are absolute sheet positions."""
    rows: list[list[object]] = [[] for _ in range(top)]
    for line in values:
        rows.append([None] * left + [None if v == "" else v for v in line])
    return SheetGrid(name=name, rows=rows, merges=merges or [])
