"""Header cells lost where a table printed column-wise is cut by the page edge.

A header cell merged across the columns on both sides of the cut ("本年支出" over 项目 and 预算数 of
the 支出 side, "公务用车购置及运行费" over 小计/购置费/运行费) is printed on both pages, each page
drawing the part of its box that falls on the paper: the left page's part has no right-hand
border, the right page's no left-hand one, so pdfplumber finds a cell for it on neither page.
Its text is still printed, centred over the whole merged cell, on both pages (the part beyond the
paper edge clipped, but present in the page's text).

Once the two parts of the table are joined (:mod:`.pdf_columns`), such a cell shows as a hole in
the header: a run of column slots of a header row that no found cell covers. This module puts
each run's text back as one cell spanning it:

* while a page is read, the words of its table's header band (from a little above the table down
  to its first row every column of which is covered by a cell) that lie in no found cell are kept
  with the table (:func:`loose_words`), in page coordinates;
* after the join, the words of both pages (the right page's shifted by the join, the same word
  printed on both pages counted once) that fall in an uncovered slot of the joined header become
  the cell over that slot's run (:func:`restore_cut_headers`). Only one cell of a header row can
  cross the cut (the others are whole on one page and found), so a run holds one cell's words.

A header row merged across the whole table width (a group heading over all columns, "单位：万元"
drawn in the ruled grid) that the cut crosses has no cell on either page, so pdfplumber makes no
row for it at all: it shows as ruled space above the table's top. Each page's rules over the
table's width above its top are kept with the table (:func:`band_rules`); the lowest one both
pages draw at the same height bounds the band above, and the words between it and the joined
table's top become a new top row, one cell spanning the joined width (:func:`restore_cut_band`;
:mod:`.pdf_columns` then drops them from the lines read above the table).

A slot is covered when a found cell contains its centre. Words inside found cells, or in covered
slots, are left alone: only the holes are filled, so a table whose header was found whole is
unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

ABOVE = 72.0        # points above a table's ruled top where a lost header row may be printed
SAME = 2.0          # points: the same word printed on both pages, or a word's top on a row's


@dataclass(frozen=True)
class Word:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str

    def shifted(self, dx: float) -> "Word":
        return Word(self.x0 + dx, self.x1 + dx, self.top, self.bottom, self.text)

    @property
    def middle(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


Box = tuple[float, float, float, float]        # x0, top, x1, bottom


def _inside(box: Box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


@dataclass
class _Layout:
    """A table's grid of slots: column edges, row edges, and whether a cell covers each slot."""

    xs: list[float]                  # column left edges, then the table's right edge
    ys: list[float]                  # row tops, then the table's bottom
    covered: list[list[bool]]

    @classmethod
    def of(cls, rows: Sequence, bbox: Box) -> "_Layout":
        width = max((len(r.cells) for r in rows), default=0)
        xs: list[float] = []
        for k in range(width):      # pdfplumber starts every column at some cell's left edge
            xs.append(next((r.cells[k][0] for r in rows if k < len(r.cells) and r.cells[k] is not None),
                           xs[-1] if xs else bbox[0]))
        xs.append(bbox[2])
        ys = [r.bbox[1] for r in rows] + [bbox[3]]
        boxes = [c for r in rows for c in r.cells if c is not None]
        covered = [[any(_inside(b, (xs[j] + xs[j + 1]) / 2, (ys[i] + ys[i + 1]) / 2) for b in boxes)
                    for j in range(width)] for i in range(len(rows))]
        return cls(xs, ys, covered)

    def header_end(self) -> int:
        """The index of the first row all of whose slots are covered (the rows before it are the
        header band); the number of rows when there is none."""
        return next((i for i, row in enumerate(self.covered) if all(row)), len(self.covered))

    def slot(self, word: Word) -> Optional[tuple[int, int]]:
        x, y = word.middle
        i = next((i for i in range(len(self.ys) - 1) if self.ys[i] <= y < self.ys[i + 1]), None)
        j = next((j for j in range(len(self.xs) - 1) if self.xs[j] <= x < self.xs[j + 1]), None)
        return None if i is None or j is None else (i, j)

    def run(self, i: int, j: int) -> tuple[int, int]:
        """The uncovered slots of row ``i`` either side of slot ``j``, as (first, last) columns."""
        a = b = j
        while a > 0 and not self.covered[i][a - 1]:
            a -= 1
        while b + 1 < len(self.covered[i]) and not self.covered[i][b + 1]:
            b += 1
        return a, b


def loose_words(table) -> list[Word]:
    """The words of a pdfplumber ``table``'s page in its header band (from :data:`ABOVE` points
    above its top down to its first fully covered row) that lie in no found cell."""
    from pdfplumber.utils import extract_words

    rows = list(table.rows)
    layout = _Layout.of(rows, tuple(table.bbox))
    end = layout.ys[layout.header_end()]
    top = table.bbox[1] - ABOVE
    cells = list(table.cells)
    chars = [c for c in table.page.chars
             if c["bottom"] >= top and c["top"] < end and c["text"].strip()
             and not any(_inside(b, (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2) for b in cells)]
    return [Word(w["x0"], w["x1"], w["top"], w["bottom"], w["text"]) for w in extract_words(chars)]


def band_rules(table) -> tuple[float, ...]:
    """The heights of the horizontal rules within :data:`ABOVE` points above a pdfplumber
    ``table``'s top that run over its whole width (on a page cut at one side, from the table's
    edge to past the other): where a header band merged over the table's width may start."""
    x0, top, x1, _ = table.bbox
    return tuple(sorted(e["top"] for e in table.page.horizontal_edges
                        if top - ABOVE <= e["top"] < top - SAME and e["x0"] <= x0 + SAME and e["x1"] >= x1 - SAME))


def _once(words: list[Word]) -> list[Word]:
    """Each word once: a merged cell's text is printed on both pages at the same joined place."""
    out: list[Word] = []
    for w in words:
        if not any(w.text == o.text and abs(w.x0 - o.x0) <= SAME and abs(w.top - o.top) <= SAME for o in out):
            out.append(w)
    return out


def restore_cut_headers(table, words: list[Word]) -> int:
    """Fill the holes in the header band of the joined ``table`` (a PlainTable) with ``words``
    (both pages' loose words in joined coordinates): each run of uncovered slots holding words
    becomes a cell with their text. Returns how many cells were added."""
    layout = _Layout.of(table.rows, table.bbox)
    end = layout.header_end()
    runs: dict[tuple[int, int, int], list[Word]] = {}
    for w in _once(words):
        slot = layout.slot(w)
        if slot is None or slot[0] >= end or layout.covered[slot[0]][slot[1]]:
            continue
        first, last = layout.run(*slot)
        runs.setdefault((slot[0], first, last), []).append(w)
    added = 0
    for (i, first, last), found in sorted(runs.items()):
        row = table.rows[i]
        text = "".join(w.text for w in sorted(found, key=lambda w: (round(w.top), w.x0)))
        box = (layout.xs[first], layout.ys[i], layout.xs[last + 1], layout.ys[i + 1])
        row.cells[first] = box      # no cell starts there: the slot is not covered
        table.texts[i][first] = text
        table.cells.append(box)
        added += 1
    return added


def restore_cut_band(table, words: list[Word], left: Sequence[float], right: Sequence[float]) -> bool:
    """A header row merged over the joined ``table``'s whole width and cut by the page: the lowest
    rule above the table's top that both pages draw (``left``, ``right``: their :func:`band_rules`)
    bounds it above; the ``words`` (both pages', joined coordinates) between it and the table's
    top become a new top row of one cell spanning the table. Returns whether a row was added."""
    x0, top, x1, bottom = table.bbox
    both = [h for h in left if h < top - SAME and any(abs(h - k) <= SAME for k in right)]
    if not both:
        return False
    rule = max(both)
    found = [w for w in _once(words) if rule <= w.middle[1] < top and x0 <= w.middle[0] <= x1]
    if not found:
        return False
    from .pdf_columns import PlainRow

    width = max((len(r.cells) for r in table.rows), default=1)
    box = (x0, rule, x1, top)
    text = "".join(w.text for w in sorted(found, key=lambda w: (round(w.top), w.x0)))
    table.rows.insert(0, PlainRow([box] + [None] * (width - 1), box))
    table.texts.insert(0, [text] + [None] * (width - 1))
    table.cells.append(box)
    table.bbox = (x0, rule, x1, bottom)
    return True
