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
    # cells holding an Excel error value (#REF!, #DIV/0!, …), which read as empty: (row, col) → error
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden: bool = False
    # merged ranges by sheet row: (first column, last column, origin) of each range covering it
    _merges_by_row: dict[int, list[tuple[int, int, tuple[int, int]]]] = field(default_factory=dict, repr=False)
    # each row's cells cleaned (core.text.clean) once, when the row is first asked for
    _clean: dict[int, list[str]] = field(default_factory=dict, repr=False)
    _texts: dict[int, tuple[tuple[int, str], ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # one entry per (range, row), not per covered cell: a 情况说明 of 150,000 paragraphs merged
        # across ten columns would otherwise hold 1.4 million (cell → origin) entries
        for r1, c1, r2, c2 in self.merges:
            if (r1, c1) == (r2, c2):
                continue
            for r in range(r1, r2 + 1):
                self._merges_by_row.setdefault(r, []).append((c1, c2, (r1, c1)))

    def _origin(self, r: int, c: int) -> Optional[tuple[int, int]]:
        """The top-left cell of the merged range covering (r, c) when (r, c) is not it (the range
        merged last wins where ranges overlap)."""
        for c1, c2, origin in reversed(self._merges_by_row.get(r, ())):
            if c1 <= c <= c2 and origin != (r, c):
                return origin
        return None

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
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
            return self._cleaned(r)[c]
        return ""

    def _cleaned(self, r: int) -> list[str]:
        texts = self._clean.get(r)
        if texts is None:
            texts = self._clean[r] = [clean(v) for v in self.rows[r]]
        return texts

    def merged_value(self, r: int, c: int) -> object:
        """The value shown at (r, c): a merged range shows its top-left value everywhere."""
        origin = self._origin(r, c)
        if origin is not None:
            return self.value(*origin)
        return self.value(r, c)

    def merge_origin(self, r: int, c: int) -> Optional[tuple[int, int]]:
        """The top-left cell of the merged range that covers (r, c) without starting there."""
        return self._origin(r, c)

    def merge_known(self) -> bool:
        return bool(self.merges)

    def cell(self, r: int, c: int) -> CellRef:
        return CellRef(self.name, r, c)

    def row_texts(self, r: int) -> tuple[tuple[int, str], ...]:
        """The non-empty cells of row ``r`` as (column, text), worked out once per row (a tuple:
        every caller shares it)."""
        texts = self._texts.get(r)
        if texts is None:
            if not 0 <= r < len(self.rows):
                return ()
            texts = self._texts[r] = tuple((c, t) for c, t in enumerate(self._cleaned(r)) if t)
        return texts


def grid_from_values(name: str, values: list[list[object]], top: int = 0, left: int = 0,
                     merges: Optional[list[tuple[int, int, int, int]]] = None) -> SheetGrid:
    """Build a grid from a 2-D block of values whose top-left cell is at (top, left), as
    xlwings returns ``used_range.value``. Empty strings (the remote engine's blanks) become
    None, and the block is padded so that indices are absolute sheet positions."""
    rows: list[list[object]] = [[] for _ in range(top)]
    for line in values:
        rows.append([None] * left + [None if v == "" else v for v in line])
    return SheetGrid(name=name, rows=rows, merges=merges or [])
