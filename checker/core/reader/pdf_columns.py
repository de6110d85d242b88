"""Putting back together a table printed column-wise over pages.

A sheet wider than the paper, printed without "fit to one page wide" (LibreOffice's and Excel's
default), comes out as its left-hand columns on one run of pages and its right-hand columns on
the pages after them, each right-hand page holding the same rows, at the same heights, as its
left-hand page. This module finds such a right-hand page and joins it to its left-hand page
before the tables are read, so that the reader sees each table whole:

* its rows are the left page's rows: its table's row tops are among the left page's, and both
  tables end at the same height;
* it is a part, not a table of its own: its title is the tail of the left page's (the centred
  title cut by the page edge: "年预算单位收入预算总表" of "2025年预算单位收入预算总表"), or the
  whole title again over a first column without labels (no 类/款/项 code, nothing of the left
  page's first column, which a page continuing the table down would repeat); or, when it
  has no title, its left page continues a table whose first page already had its right part
  (pages 12 and 14 after 11 and 13).

Joined, the right page's cells follow the left page's in each row (matched by height), and its
text lines beside the table join the line at the same height ("编制单位：…" and "单位：元"); the
cut title is dropped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..text import norm
from .pdf_places import ColumnJoin
from .pdf_cut_headers import Word, band_rules, loose_words, restore_cut_band, restore_cut_headers

TOLERANCE = 1.5       # points: the same row printed on two pages
LOOK_BACK = 12        # pages: how far back a right-hand page's left-hand page may be


@dataclass
class PlainRow:
    cells: list                   # (x0, top, x1, bottom) or None for each column
    bbox: tuple


@dataclass
class PlainTable:
    """A ruled table as the reader uses pdfplumber's Table (bbox, rows with their cells, cells,
    extract()), held as plain values: taken once while the page is parsed, so that the page's
    characters need not be kept (or parsed again) for it; a left page's table joined with its
    right page's columns is one too."""

    bbox: tuple
    rows: list[PlainRow]
    texts: list[list[Optional[str]]]
    cells: list = field(default_factory=list)
    loose: list[Word] = field(default_factory=list)     # header-band words in no found cell
    rules: tuple = ()        # heights of rules over the table's width above its top (pdf_cut_headers)

    @classmethod
    def of(cls, table) -> "PlainTable":
        return cls(tuple(table.bbox), [PlainRow(list(r.cells), tuple(r.bbox)) for r in table.rows],
                   table.extract(), list(table.cells), loose_words(table), band_rules(table))

    def extract(self) -> list[list[Optional[str]]]:
        return [list(row) for row in self.texts]


def _tops(table) -> list[float]:
    return [row.bbox[1] for row in table.rows]


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE


def _title(page, table) -> str:
    from .pdf import _is_title

    top = table.bbox[1]
    return next((norm(ln.text).replace(" ", "") for ln in page.lines if ln.bottom <= top + 1 and _is_title(ln.text)), "")


def _rows_match(left, right) -> bool:
    """The right table's rows are among the left's (its first may start higher: a header cell the
    left page prints as a line above its ruled table), and both end at the same height."""
    tops = _tops(left)
    return (len(right.rows) >= 2 and _same(left.bbox[3], right.bbox[3])
            and all(any(_same(t, u) for u in tops) for t in _tops(right)[1:]))


def _first_column(table) -> set[str]:
    return {norm(row[0]) for row in table.extract() if row and row[0] and row[0].strip()}


def _holds_no_labels(left, right) -> bool:
    """The right table's first column is not a table's label column: no 类/款/项 code in it, and no
    text the left table's first column has (a page continuing a table down repeats its header)."""
    from .pdf import CODE

    column = _first_column(right)
    return not any(CODE.match(t) for t in column) and not column & _first_column(left)


def _left_part(out: list, page, joined: set[int]) -> Optional[int]:
    right = page.tables[0]
    title = _title(page, right)
    for k in range(len(out) - 1, max(-1, len(out) - 1 - LOOK_BACK), -1):
        left_page = out[k]
        if k in joined or len(left_page.tables) != 1 or not _rows_match(left_page.tables[0], right):
            continue
        left_title = _title(left_page, left_page.tables[0])
        if title:
            # the title cut by the page edge; or printed whole again over a part without labels
            if left_title.endswith(title) and (left_title != title or _holds_no_labels(left_page.tables[0], right)):
                return k
        elif not left_title and k - 1 in joined:
            return k
    return None


def _squeeze(text: str) -> str:
    return norm(text).replace(" ", "")


def _heading_into_left(left: list, right: list) -> None:
    """A title and 编制单位 row drawn inside the ruled grid (one merged cell on each page): the
    right page's lines of it go into the left page's cell, the cut title's tail dropped, so that
    the row stays one cell of heading lines ("…预算总表", "编制单位：…", "单位：元")."""
    from .pdf import _is_heading_text

    filled = [i for i, t in enumerate(left) if t and t.strip()]
    extra = [t for t in right if t and t.strip()]
    if len(filled) != 1 or not extra:
        return
    lines = [ln.strip() for t in extra for ln in t.splitlines() if ln.strip()]
    mine = _squeeze(left[filled[0]])
    if not all(_is_heading_text(ln) or _squeeze(ln) in mine for ln in lines):
        return
    added = [ln for ln in lines if _squeeze(ln) not in mine]
    left[filled[0]] = "\n".join([left[filled[0]]] + added)
    right[:] = [None] * len(right)


def _join(left_page, page) -> None:
    left, right = left_page.tables[0], page.tables[0]
    dx = left.bbox[2] - right.bbox[0]

    def shift(box):
        return None if box is None else (box[0] + dx, box[1], box[2] + dx, box[3])

    width = max((len(r.cells) for r in right.rows), default=0)
    right_texts = right.extract()
    by_top = {i: row for i, row in enumerate(right.rows)}
    rows: list[tuple[float, PlainRow, list]] = []
    used: set[int] = set()
    for row, texts in zip(left.rows, left.extract()):
        j = next((i for i, r in by_top.items() if i not in used and _same(r.bbox[1], row.bbox[1])), None)
        if j is None:
            cells, more = [None] * width, [None] * width
        else:
            used.add(j)
            cells, more = [shift(c) for c in right.rows[j].cells], list(right_texts[j])
        texts = list(texts)
        _heading_into_left(texts, more)
        rows.append((row.bbox[1], PlainRow(list(row.cells) + cells, (row.bbox[0], row.bbox[1], row.bbox[2] + dx, row.bbox[3])),
                     texts + more))
    lead = max((len(r.cells) for r in left.rows), default=0)
    for j, row in by_top.items():        # a right-hand row no left-hand row has (not expected)
        if j not in used:
            rows.append((row.bbox[1], PlainRow([None] * lead + [shift(c) for c in row.cells], shift(row.bbox)),
                         [None] * lead + list(right_texts[j])))
    rows.sort(key=lambda r: r[0])
    bbox = (left.bbox[0], min(left.bbox[1], right.bbox[1]), right.bbox[2] + dx, left.bbox[3])
    joined = PlainTable(bbox, [r[1] for r in rows], [r[2] for r in rows],
                        list(left.cells) + [shift(c) for c in right.cells])
    # header cells merged across the cut: found on neither page, their text put back
    restore_cut_headers(joined, left.loose + [w.shifted(dx) for w in right.loose])
    # a header row merged over the whole width and cut: no row on either page, its words put back
    restore_cut_band(joined, left.loose + [w.shifted(dx) for w in right.loose], left.rules, right.rules)
    bbox = joined.bbox
    left_page.tables[0] = joined
    left_page.joined = ColumnJoin(page.number, dx, left.bbox[2])     # where its cells were printed (pdf_places)

    def in_table(line) -> bool:      # its text is the joined table's (the header cut by the page)
        return bbox[1] - 1 <= (line.top + line.bottom) / 2 <= bbox[3] + 1

    left_page.lines = [ln for ln in left_page.lines if not in_table(ln)]
    for line in page.lines:
        if in_table(line):
            continue
        beside = next((ln for ln in left_page.lines if _same(ln.top, line.top)), None)
        if beside is None:
            line.x0, line.x1 = line.x0 + dx, line.x1 + dx
            left_page.lines.append(line)
        elif not norm(beside.text).replace(" ", "").endswith(norm(line.text).replace(" ", "")):
            beside.text = f"{beside.text} {line.text}"      # "编制单位：…" + "单位：元"
            beside.x1 = line.x1 + dx
    left_page.lines.sort(key=lambda ln: ln.top)


def rejoin_column_pages(pages: list) -> list:
    """``pages`` (the reader's page records, in print order) with each right-hand part of a table
    joined to its left-hand page and left out (see the module text)."""
    out: list = []
    joined: set[int] = set()
    for page in pages:
        if len(page.tables) == 1:
            k = _left_part(out, page, joined)
            if k is not None:
                _join(out[k], page)
                joined.add(k)
                continue
        out.append(page)
    return out
