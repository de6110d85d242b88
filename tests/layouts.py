"""Layout variations of a disclosure workbook that do not change what it says.

Each transformation takes a :class:`Book` (the sheets of a workbook as values and merged ranges,
read from an openpyxl workbook) and the :class:`Disclosure` read from the untransformed workbook
(used only to find where the tables, target tables and narrative sit), and returns the book laid
out differently: the same document as a text extraction, a re-typing or a hand edit leaves it.
``tests/test_layouts.py`` checks that every one of them leaves the findings unchanged.

A transformation that could change meaning is not here: a paragraph is only split where the rest
does not itself look like the start of a paragraph (a heading, a numbered item, a "标签：" line),
a code is only written as a number where no leading zero would be lost, "=" is only typed before a
value whose meaning it cannot change (a deadline or a word).
"""
from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from openpyxl import Workbook, load_workbook

from checker.core.model import Disclosure

Merge = tuple[int, int, int, int]      # r1, c1, r2, c2: 0-based, inclusive


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]
    merges: list[Merge] = field(default_factory=list)
    state: str = "visible"

    def value(self, r: int, c: int) -> object:
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
            return self.rows[r][c]
        return None

    def put(self, r: int, c: int, value: object) -> None:
        while len(self.rows) <= r:
            self.rows.append([])
        row = self.rows[r]
        while len(row) <= c:
            row.append(None)
        row[c] = value

    def texts(self, r: int) -> list[tuple[int, str]]:
        return [(c, str(v).strip()) for c, v in enumerate(self.rows[r] if r < len(self.rows) else [])
                if v is not None and str(v).strip()]

    def insert_rows(self, at: int, rows: list[list[object]], merges: Iterable[Merge] = ()) -> None:
        """Insert ``rows`` before row ``at``; ranges below move down, ranges across ``at`` grow;
        ``merges`` (relative to the inserted block) are added."""
        n = len(rows)
        while len(self.rows) < at:
            self.rows.append([])
        self.rows[at:at] = [list(r) for r in rows]
        moved = []
        for r1, c1, r2, c2 in self.merges:
            if r1 >= at:
                moved.append((r1 + n, c1, r2 + n, c2))
            elif r2 >= at:
                moved.append((r1, c1, r2 + n, c2))
            else:
                moved.append((r1, c1, r2, c2))
        self.merges = moved + [(r1 + at, c1, r2 + at, c2) for r1, c1, r2, c2 in merges]

    def delete_row(self, r: int) -> None:
        del self.rows[r]
        kept = []
        for r1, c1, r2, c2 in self.merges:
            if r1 == r2 == r:
                continue
            kept.append((r1 - (r1 > r), c1, r2 - (r2 >= r), c2))
        self.merges = [m for m in kept if (m[0], m[1]) != (m[2], m[3])]

    def merges_in(self, rows: Iterable[int]) -> list[Merge]:
        wanted = set(rows)
        return [m for m in self.merges if any(m[0] <= r <= m[2] for r in wanted)]


@dataclass
class Book:
    sheets: list[Sheet]

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)

    def copy(self) -> "Book":
        return copy.deepcopy(self)


def read_book(path) -> Book:
    wb = load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        merges = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges]
        sheets.append(Sheet(ws.title, rows, merges, ws.sheet_state))
    return Book(sheets)


def write_book(book: Book, path) -> None:
    """Write ``book`` with openpyxl: text that starts with "=" stays text (typed with a leading
    apostrophe), merged ranges as Excel stores them (the covered cells empty)."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in book.sheets:
        ws = wb.create_sheet(sheet.name)
        ws.sheet_state = sheet.state
        covered = {(r, c) for r1, c1, r2, c2 in sheet.merges for r in range(r1, r2 + 1)
                   for c in range(c1, c2 + 1) if (r, c) != (r1, c1)}
        for r, row in enumerate(sheet.rows):
            for c, v in enumerate(row):
                if v is None or (r, c) in covered:
                    continue
                cell = ws.cell(r + 1, c + 1, v)
                if isinstance(v, str) and v.startswith("="):
                    cell.data_type = "s"
        for r1, c1, r2, c2 in sheet.merges:
            if (r1, c1) != (r2, c2):
                ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    wb.save(path)


# ---------------------------------------------------------------- where things are

_META = re.compile(r"^(表\s*\d+|(金额)?单位[:：]\s*(万元|元)|(编制(单位|部门)|预算单位|单位名称|部门名称)[:：].*|"
                   r"[（(]?\s*20\d{2}\s*年(度)?\s*[)）]?)$")
_MARKER = re.compile(r"^(※|\*|\d{1,2})$")


def _is_marker(texts: list[tuple[int, str]]) -> bool:
    return len(texts) >= 2 and all(_MARKER.match(t.replace(" ", "")) for _, t in texts) \
        and any(t in ("※", "*", "1") for _, t in texts)


@dataclass
class Region:
    """One table of the reference reading, by sheet row (0-based)."""

    sheet: str
    role: str
    title_row: int
    header_rows: list[int]
    marker_row: Optional[int]
    body_first: int             # first body row (or the empty statement's row)
    body_last: int
    empty: bool
    width: int


def table_regions(book: Book, doc: Disclosure) -> list[Region]:
    out = []
    for table in list(doc.tables.values()) + list(doc.duplicates):
        sheet = book.sheet(table.title_cell.sheet)
        rows = [r for side in table.sides for r in side.rows]
        amount_rows = {a.cell.row for r in rows for a in r.amounts.values()}
        if len(amount_rows) == 1 and all(r.cell.row < min(amount_rows) for r in rows):
            body = list(amount_rows)    # a 三公 table whose items are its header's columns
        else:
            body = [min([a.cell.row for a in r.amounts.values()] or [r.cell.row]) for r in rows]
        if table.empty_statement_cell is not None and not body:
            first = last = table.empty_statement_cell.row
            empty = True
        elif body:
            first, last, empty = min(body), table.last_row if table.last_row is not None else max(body), False
        else:
            continue
        header, marker = [], None
        for r in range(table.title_cell.row + 1, first):
            texts = sheet.texts(r)
            if not texts:
                continue
            if _is_marker(texts):
                marker = r
            elif not all(_META.match(re.sub(r"\s+", "", t)) or t == table.title for _, t in texts):
                header.append(r)
        width = max((len(sheet.rows[r]) for r in header + list(range(first, last + 1))), default=0)
        width = max((c + 1 for r in header + list(range(first, last + 1)) for c, _ in sheet.texts(r)), default=width)
        out.append(Region(sheet.name, str(table.kind), table.title_cell.row, header, marker, first, last, empty, width))
    return out


def narrative_cells(doc: Disclosure) -> dict[str, set[int]]:
    """Sheet → rows holding the narrative's paragraphs (the 情况说明 and the overview)."""
    out: dict[str, set[int]] = {}
    for narrative in (doc.narrative, doc.overview):
        for p in (narrative.paragraphs if narrative else []):
            out.setdefault(p.cell.sheet, set()).add(p.cell.row)
    return out


def narrative_sheets(book: Book, doc: Disclosure) -> list[Sheet]:
    names = set(narrative_cells(doc))
    return [s for s in book.sheets if s.name in names]


# ---------------------------------------------------------------- table transformations

def _by_sheet_bottom_up(regions: list[Region]) -> list[Region]:
    return sorted(regions, key=lambda g: (g.sheet, -g.title_row))


def header_merges_removed(book: Book, doc: Disclosure) -> Book:
    """Header merges removed: the text stays in the first cell of what was a merge (the other
    merges of the sheet, title and notes, are kept)."""
    for g in table_regions(book, doc):
        sheet = book.sheet(g.sheet)
        rows = set(g.header_rows)
        sheet.merges = [m for m in sheet.merges if not any(m[0] <= r <= m[2] for r in rows)]
    return book


def header_labels_shifted(book: Book, doc: Disclosure) -> Book:
    """The header's labels one column to the right of the columns they name (as a text
    extraction drops a blank first cell), while the "※ / 1 2 3" row and the body stay aligned."""
    for g in table_regions(book, doc):
        if g.empty:
            continue
        sheet = book.sheet(g.sheet)
        rows = set(g.header_rows)
        for r in g.header_rows:
            sheet.rows[r] = [None] + list(sheet.rows[r])
        moved = []
        for m in sheet.merges:
            if any(m[0] <= r <= m[2] for r in rows):
                moved.append((m[0], m[1] + 1, m[2], m[3] + 1))
            else:
                moved.append(m)
        sheet.merges = moved
    return book


def body_one_column_right(book: Book, doc: Disclosure) -> Book:
    """The numbering row and the body one column to the right of the header (the header's labels
    one column to the left of the data), as a sheet with a blank first column pasted under a
    typed header leaves it."""
    for g in table_regions(book, doc):
        if g.empty:
            continue
        sheet = book.sheet(g.sheet)
        rows = list(range(g.body_first, g.body_last + 1)) + ([g.marker_row] if g.marker_row is not None else [])
        if any(m[0] <= r <= m[2] for m in sheet.merges for r in rows if not (m[0] >= g.body_first and m[2] <= g.body_last)):
            continue
        for r in rows:
            sheet.rows[r] = [None] + list(sheet.rows[r])
        sheet.merges = [(m[0], m[1] + 1, m[2], m[3] + 1) if g.body_first <= m[0] and m[2] <= g.body_last else m
                        for m in sheet.merges]
    return book


def numbering_row_missing(book: Book, doc: Disclosure) -> Book:
    """The "※ / 1 2 3" numbering row under the header left out."""
    for g in _by_sheet_bottom_up(table_regions(book, doc)):
        if g.marker_row is not None:
            book.sheet(g.sheet).delete_row(g.marker_row)
    return book


def header_repeated(book: Book, doc: Disclosure) -> Book:
    """The header (and numbering row) printed again in the middle of the body, as a PDF page
    break repeats it."""
    for g in _by_sheet_bottom_up(table_regions(book, doc)):
        if g.empty or g.body_last - g.body_first < 3:
            continue
        sheet = book.sheet(g.sheet)
        block = g.header_rows + ([g.marker_row] if g.marker_row is not None else [])
        block = list(range(min(block), max(block) + 1))
        copied = [list(sheet.rows[r]) for r in block]
        merges = [(r1 - block[0], c1, r2 - block[0], c2) for r1, c1, r2, c2 in sheet.merges
                  if block[0] <= r1 and r2 <= block[-1]]
        at = (g.body_first + g.body_last + 1) // 2
        if any(m[0] < at <= m[2] for m in sheet.merges):
            continue
        sheet.insert_rows(at, copied, merges)
    return book


def _amount_cells(book: Book, doc: Disclosure) -> list[tuple[Sheet, int, int]]:
    out = []
    for table in list(doc.tables.values()):
        sheet = book.sheet(table.title_cell.sheet)
        for side in table.sides:
            for row in side.rows:
                for a in row.amounts.values():
                    out.append((sheet, a.cell.row, a.cell.col))
    return out


def amounts_as_text_with_separators(book: Book, doc: Disclosure) -> Book:
    """Amounts typed as text with thousands separators: "18,767.18"."""
    for sheet, r, c in _amount_cells(book, doc):
        v = sheet.value(r, c)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            sheet.put(r, c, f"{v:,.2f}" if isinstance(v, float) and not float(v).is_integer() else f"{int(v):,}")
    return book


_FULL = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


def amounts_as_full_width_text(book: Book, doc: Disclosure) -> Book:
    """Amounts typed as text in full-width digits: "１８７６７．１８"."""
    for sheet, r, c in _amount_cells(book, doc):
        v = sheet.value(r, c)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            sheet.put(r, c, repr(v).removesuffix(".0").translate(_FULL) if isinstance(v, float) else str(v).translate(_FULL))
    return book


def amounts_with_trailing_spaces(book: Book, doc: Disclosure) -> Book:
    """Amounts typed as text with trailing spaces: "18767.18  "."""
    for sheet, r, c in _amount_cells(book, doc):
        v = sheet.value(r, c)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            sheet.put(r, c, (repr(v).removesuffix(".0") if isinstance(v, float) else str(v)) + "  ")
        elif isinstance(v, str):
            sheet.put(r, c, v + " ")
    return book


def _code_cells(book: Book, doc: Disclosure) -> list[tuple[Sheet, int, int]]:
    out = []
    for table in doc.tables.values():
        sheet = book.sheet(table.title_cell.sheet)
        for side in table.sides:
            for row in side.rows:
                if row.code_cell is None:
                    continue
                r = row.code_cell.row
                for c in range(row.code_cell.col, row.code_cell.col + len(row.code_parts) + 1):
                    v = sheet.value(r, c)
                    if v is not None and re.fullmatch(r"\d+", str(v).strip() if not isinstance(v, float) else str(int(v))):
                        out.append((sheet, r, c))
    return out


def codes_as_numbers(book: Book, doc: Disclosure) -> Book:
    """Codes typed as numbers (205, 2050205) wherever that loses no leading zero."""
    for sheet, r, c in _code_cells(book, doc):
        v = sheet.value(r, c)
        # a one- or two-digit 款/项 typed as a number shows without its leading zero ("2" for
        # 02), which the reader pads back: only codes of three digits or more, and none
        # starting with 0, keep their meaning as numbers
        if isinstance(v, str) and len(v.strip()) >= 3 and not v.startswith("0"):
            sheet.put(r, c, int(v))
    return book


def codes_as_text(book: Book, doc: Disclosure) -> Book:
    """Codes typed as text ("205") where they were numbers."""
    for sheet, r, c in _code_cells(book, doc):
        v = sheet.value(r, c)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            sheet.put(r, c, str(int(v)))
    return book


def _code_columns(table) -> tuple[Optional[int], int]:
    """The first code column of ``table`` and how many code columns it prints (0: none)."""
    coded = [r for side in table.sides for r in side.rows if r.code_cell is not None]
    if not coded:
        return None, 0
    first = min(r.code_cell.col for r in coded)
    return first, max(len(r.code_parts) for r in coded)


def _region_of(regions: list[Region], table) -> Optional[Region]:
    return next((g for g in regions if g.sheet == table.title_cell.sheet and g.title_row == table.title_cell.row), None)


def _drop_columns(sheet: Sheet, rows: list[int], cols: set[int]) -> None:
    """Remove columns ``cols`` from ``rows`` of the sheet (cells to their right move left), the
    merged ranges inside those rows narrowed with them."""
    for r in rows:
        sheet.rows[r] = [v for c, v in enumerate(sheet.rows[r]) if c not in cols]
    inside, kept = set(rows), []
    for r1, c1, r2, c2 in sheet.merges:
        if r1 in inside and r2 in inside:
            n1 = c1 - sum(1 for c in cols if c < c1)
            n2 = c2 - sum(1 for c in cols if c <= c2)
            if n2 < n1 or (c1 in cols and c1 == c2):
                continue
            kept.append((r1, n1, r2, n2))
        else:
            kept.append((r1, c1, r2, c2))
    sheet.merges = [m for m in kept if (m[0], m[1]) != (m[2], m[3])]


def codes_joined(book: Book, doc: Disclosure) -> Book:
    """Codes printed over 类/款/项 columns joined into one column ("2050205", "30101"), the
    header's 类 column standing for all three (not in a table that prints a code wrong, such as
    款 "2" for 02: joined, "3012" would say something else)."""
    regions = table_regions(book, doc)
    for table in sorted(doc.tables.values(), key=lambda t: (t.title_cell.sheet, -t.title_cell.row)):
        first, count = _code_columns(table)
        g = _region_of(regions, table)
        if first is None or count < 2 or g is None or g.empty:
            continue
        sheet = book.sheet(g.sheet)
        body = list(range(g.body_first, g.body_last + 1))
        joined = {}
        for r in body:
            parts = [sheet.value(r, first + k) for k in range(count)]
            digits = ["%d" % v if isinstance(v, (int, float)) and not isinstance(v, bool) else (str(v).strip() if v else "")
                      for v in parts]
            if all(d.isdigit() or not d for d in digits) and any(digits):
                joined[r] = digits
        # a code printed wrong (款 "2" for 02) cannot be joined without changing what it says
        if any(len(d) not in (0, 3 if k == 0 else 2) for digits in joined.values() for k, d in enumerate(digits)):
            continue
        for r, digits in joined.items():
            sheet.put(r, first, "".join(digits))
        rows = g.header_rows + ([g.marker_row] if g.marker_row is not None else []) + body
        _drop_columns(sheet, sorted(rows), set(range(first + 1, first + count)))
    return book


_SPLIT = {7: (3, 2, 2), 5: (3, 2), 3: (3,)}


def codes_split(book: Book, doc: Disclosure) -> Book:
    """Codes printed joined in one column ("2010301") split over 类/款/项 columns under a
    header "科目编码" spanning them (经济分类: 类/款)."""
    regions = table_regions(book, doc)
    for table in sorted(doc.tables.values(), key=lambda t: (t.title_cell.sheet, -t.title_cell.row)):
        first, count = _code_columns(table)
        g = _region_of(regions, table)
        if first is None or count != 1 or g is None or g.empty or not g.header_rows:
            continue
        sheet = book.sheet(g.sheet)
        body = list(range(g.body_first, g.body_last + 1))
        codes = {r: str(sheet.value(r, first) or "").strip() for r in body}
        longest = max((len(c) for c in codes.values() if c.isdigit()), default=0)
        widths = _SPLIT.get(longest)
        if widths is None or len(widths) < 2:
            continue
        extra = len(widths) - 1
        rows = sorted(g.header_rows + ([g.marker_row] if g.marker_row is not None else []) + body)
        for r in rows:
            row = list(sheet.rows[r])
            while len(row) <= first:
                row.append(None)
            value = row[first]
            if r in codes and codes[r].isdigit():
                pieces, at = [], 0
                for w in widths:
                    pieces.append(codes[r][at:at + w] or None)
                    at += w
            elif r == g.marker_row:
                pieces = [value] * len(widths)
            else:
                pieces = [value] + [None] * extra
            sheet.rows[r] = row[:first] + pieces + row[first + 1:]
        inside = set(rows)
        moved = []
        for r1, c1, r2, c2 in sheet.merges:
            if r1 in inside and r2 in inside:
                if c1 > first:
                    moved.append((r1, c1 + extra, r2, c2 + extra))
                elif c2 >= first and not (c1 == c2 == first):
                    moved.append((r1, c1, r2, c2 + extra))
                elif not (c1 == c2 == first):
                    moved.append((r1, c1, r2, c2))
            else:
                moved.append((r1, c1, r2, c2))
        last = g.header_rows[-1]
        names = ("类", "款", "项")[:len(widths)]
        for k, name in enumerate(names):
            sheet.put(last, first + k, name)
        top = g.header_rows[0]
        if top != last:
            sheet.put(top, first, sheet.value(top, first) or "科目编码")
            moved.append((top, first, last - 1, first + extra))
        sheet.merges = [m for m in moved if (m[0], m[1]) != (m[2], m[3])]
    return book


def empty_table_with_blank_rows(book: Book, doc: Disclosure) -> Book:
    """An empty table that keeps its header and a few ruled blank rows above its "…为空表" line."""
    for g in _by_sheet_bottom_up(table_regions(book, doc)):
        if not g.empty:
            continue
        book.sheet(g.sheet).insert_rows(g.body_first, [[], [], []])
    return book


def tables_on_one_sheet(book: Book, doc: Disclosure) -> Book:
    """Every table sheet's content moved onto one sheet, one table under the other, where the
    first table sheet was."""
    table_sheets = []
    for table in sorted(doc.tables.values(), key=lambda t: (doc.sheet_names.index(t.title_cell.sheet), t.title_cell.row)):
        if table.title_cell.sheet not in table_sheets:
            table_sheets.append(table.title_cell.sheet)
    if len(table_sheets) < 2:
        return book
    target = Sheet("公开表", [], [])
    for name in table_sheets:
        sheet = book.sheet(name)
        target.insert_rows(len(target.rows), sheet.rows, sheet.merges)
        target.rows.extend([[], []])
    first = book.sheets.index(book.sheet(table_sheets[0]))
    book.sheets = [s for s in book.sheets if s.name not in table_sheets]
    book.sheets.insert(first, target)
    return book


def table_over_two_sheets(book: Book, doc: Disclosure) -> Book:
    """The longest table split over two sheets, as a workbook printed page by page is: the sheet
    ends half-way through its body, the next sheet repeats the header (no title) and goes on
    with the rest of the body and whatever followed the table."""
    regions = [g for g in table_regions(book, doc) if not g.empty and g.body_last - g.body_first >= 6]
    if not regions:
        return book
    g = max(regions, key=lambda g: g.body_last - g.body_first)
    sheet = book.sheet(g.sheet)
    at = (g.body_first + g.body_last + 1) // 2
    while any(m[0] < at <= m[2] for m in sheet.merges):
        at += 1
    block = list(range(min(g.header_rows), (g.marker_row if g.marker_row is not None else max(g.header_rows)) + 1))
    head = [list(sheet.rows[r]) for r in block]
    head_merges = [(r1 - block[0], c1, r2 - block[0], c2) for r1, c1, r2, c2 in sheet.merges
                   if block[0] <= r1 and r2 <= block[-1]]
    tail_merges = [(r1 - at + len(head), c1, r2 - at + len(head), c2) for r1, c1, r2, c2 in sheet.merges if r1 >= at]
    rest = Sheet(f"{g.sheet[:28]}（续）", head + [list(r) for r in sheet.rows[at:]], head_merges + tail_merges)
    sheet.rows = sheet.rows[:at]
    sheet.merges = [m for m in sheet.merges if m[2] < at]
    book.sheets.insert(book.sheets.index(sheet) + 1, rest)
    return book


# ---------------------------------------------------------------- narrative transformations

_SENTENCE_END = "。；;：:！？!?"
_STARTS = re.compile(r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．)）]|第[一二三四五六七八九十]+部分|"
                     r"[^，。；：:,]{1,16}[:：])")


def _paragraph_rows(book: Book, doc: Disclosure) -> list[list[str]]:
    """The narrative sheets' text, one paragraph per row (a cell's lines are paragraphs), per
    sheet, in order."""
    out = []
    for sheet in narrative_sheets(book, doc):
        paragraphs = []
        for r in range(len(sheet.rows)):
            line = ""
            for _, t in sheet.texts(r):
                pieces = re.split(r"[\r\n]+", t)
                line += pieces[0].strip()
                if len(pieces) > 1:
                    paragraphs.append(line)
                    paragraphs.extend(p.strip() for p in pieces[1:-1])
                    line = pieces[-1].strip()
            if line:
                paragraphs.append(line)
        out.append([p for p in paragraphs if p])
    return out


def _rewrite(sheet: Sheet, lines: list[list[str]], merges: list[Merge] = ()) -> None:
    sheet.rows = [list(r) for r in lines]
    sheet.merges = list(merges)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


_HEADING = re.compile(r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)")


def _split_points(text: str, pieces: int) -> list[int]:
    """Where a paragraph can be cut mid-sentence: not after a sentence end and not where the rest
    would read as the start of a paragraph of its own."""
    points = []
    for k in range(1, pieces):
        want = len(text) * k // pieces
        for pos in list(range(want, len(text) - 4)) + list(range(want - 1, 4, -1)):
            if text[pos - 1] in _SENTENCE_END or text[pos].isspace() or text[pos - 1].isspace():
                continue
            if _STARTS.match(_norm(text[pos:])) or (points and pos <= points[-1]):
                continue
            points.append(pos)
            break
    return points


def paragraphs_split_over_rows(book: Book, doc: Disclosure) -> Book:
    """Each paragraph of more than 60 characters continued on the next row (two rows, or three
    when over 120 characters), cut mid-sentence as a PDF line ends; shorter paragraphs keep one row.
    Headings and paragraphs under a Chinese number (一、 （一） 第三部分) stay whole: a heading cut
    in two cannot be told from a heading and its first line of text."""
    for sheet, paragraphs in zip(narrative_sheets(book, doc), _paragraph_rows(book, doc)):
        lines = []
        for p in paragraphs:
            whole = len(_norm(p)) <= 60 or _HEADING.match(_norm(p))
            points = [] if whole else _split_points(p, 3 if len(p) > 120 else 2)
            cuts = [0] + points + [len(p)]
            lines.extend([p[a:b]] for a, b in zip(cuts, cuts[1:]))
        _rewrite(sheet, lines)
    return book


def short_paragraphs_in_one_cell(book: Book, doc: Disclosure) -> Book:
    """Runs of short paragraphs (under 60 characters: headings, "标签：值" lines) typed into one
    cell, one per line."""
    for sheet, paragraphs in zip(narrative_sheets(book, doc), _paragraph_rows(book, doc)):
        lines: list[list[str]] = []
        run: list[str] = []
        for p in paragraphs + [None]:
            if p is not None and len(p) < 60:
                run.append(p)
                continue
            if run:
                lines.append(["\n".join(run)])
                run = []
            if p is not None:
                lines.append([p])
        _rewrite(sheet, lines)
    return book


def paragraphs_in_merged_cells(book: Book, doc: Disclosure) -> Book:
    """Each paragraph in a merged cell spanning columns A:H and, for a long one, three rows."""
    for sheet, paragraphs in zip(narrative_sheets(book, doc), _paragraph_rows(book, doc)):
        lines, merges = [], []
        for p in paragraphs:
            span = 3 if len(p) > 80 else 1
            merges.append((len(lines), 0, len(lines) + span - 1, 7))
            lines.append([p])
            lines.extend([] for _ in range(span - 1))
        _rewrite(sheet, lines, merges)
    return book


# ---------------------------------------------------------------- target tables

def _target_grids(book: Book, doc: Disclosure) -> list[tuple[Sheet, int, int, dict[str, int]]]:
    """(sheet, grid header row, last indicator row, column of each grid header) per target table."""
    out = []
    for target in doc.targets:
        if not target.indicators:
            continue
        sheet = book.sheet(target.title_cell.sheet)
        head = next(r for r in range(target.title_cell.row, target.indicators[0].cell.row)
                    if any(t.replace(" ", "") == "一级指标" for _, t in sheet.texts(r)))
        cols = {t.replace(" ", ""): c for c, t in sheet.texts(head)}
        last = max(i.cell.row for i in target.indicators)
        out.append((sheet, head, last, cols))
    return out


def indicator_levels_blank(book: Book, doc: Disclosure) -> Book:
    """The merged 一级/二级指标 cells of the indicator grid unmerged: the text in the first row,
    the continuation rows blank."""
    for sheet, head, last, cols in _target_grids(book, doc):
        level_cols = {cols.get("一级指标"), cols.get("二级指标")}
        sheet.merges = [m for m in sheet.merges if not (head < m[0] <= last and m[1] in level_cols and m[1] == m[3])]
    return book


def indicator_rows_shifted(book: Book, doc: Disclosure) -> Book:
    """Continuation rows of the indicator grid (一级指标 blank) whose cells start one column to the
    right, as an export leaves a merged cell's place blank and pushes the row over."""
    for sheet, head, last, cols in _target_grids(book, doc):
        c1 = cols.get("一级指标")
        width = max(cols.values()) + 1
        covered = {r for m in sheet.merges if m[1] == c1 == m[3] for r in range(m[0] + 1, m[2] + 1)}
        shifted = set()
        for r in range(head + 1, last + 1):
            row = sheet.rows[r]
            if c1 is None or sheet.value(r, c1) is not None or r not in covered:
                continue
            if any(m[0] <= r <= m[2] and m[1] > c1 for m in sheet.merges):
                continue
            values = row[c1 + 1:width]
            sheet.rows[r] = row[:c1 + 1] + [None] + values + row[width:]
            shifted.add(r)
        sheet.merges = [m for m in sheet.merges if not (m[1] == c1 == m[3] and head < m[0] <= last)]
    return book


_FIELD_LABELS = ("项目名称", "年度预算总额", "预算单位", "主管部门", "实施单位", "项目负责人", "联系电话",
                 "部门名称", "单位名称", "年度绩效目标", "项目总体目标", "总体目标", "项目属性", "项目期限",
                 "资金总额", "财政拨款", "其他资金")


def labels_with_colons_and_spaces(book: Book, doc: Disclosure) -> Book:
    """Target-table labels typed with a colon (half- or full-width) and spaces inside: "项目名称:",
    "年度 预算总额：", "实施 单位 :"; the tables' header labels with a space inside ("科目 名称")."""
    variants = [lambda t: t + ":", lambda t: t[:2] + " " + t[2:] + "：", lambda t: t[:2] + " " + t[2:] + " :"]
    for g in table_regions(book, doc):       # and the tables' header labels with a space inside
        sheet = book.sheet(g.sheet)
        for r in g.header_rows:
            for c, t in sheet.texts(r):
                if len(t) >= 4 and isinstance(sheet.value(r, c), str):
                    sheet.put(r, c, t[:2] + " " + t[2:])
    i = 0
    for target in doc.targets:
        sheet = book.sheet(target.title_cell.sheet)
        for fld in target.fields.values():
            if fld.cell is None:
                continue
            r = fld.cell.row
            for c, t in sheet.texts(r):
                if c < fld.cell.col and t.replace(" ", "") in _FIELD_LABELS:
                    sheet.put(r, c, variants[i % 3](t.replace(" ", "")))
                    i += 1
    return book


_DEADLINE = re.compile(r"^((20\d{2}\s*年)?\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?(底)?(前|之前|以前)?|年底前)$")


def equals_before_values(book: Book, doc: Disclosure) -> Book:
    """A deadline typed with a leading "=" and stored as text ("=12月底前")."""
    for target in doc.targets:
        sheet = book.sheet(target.title_cell.sheet)
        for ind in target.indicators:
            if ind.value_cell is not None and _DEADLINE.match(ind.value.strip()):
                sheet.put(ind.value_cell.row, ind.value_cell.col, "=" + ind.value.strip())
    return book


Transformation = Callable[[Book, Disclosure], Book]

TRANSFORMATIONS: dict[str, Transformation] = {
    f.__name__: f for f in (
        header_merges_removed, header_labels_shifted, body_one_column_right, numbering_row_missing, header_repeated,
        paragraphs_split_over_rows, short_paragraphs_in_one_cell, paragraphs_in_merged_cells,
        indicator_levels_blank, indicator_rows_shifted, labels_with_colons_and_spaces, equals_before_values,
        codes_as_numbers, codes_as_text, codes_joined, codes_split, amounts_as_text_with_separators, amounts_as_full_width_text,
        amounts_with_trailing_spaces, empty_table_with_blank_rows, tables_on_one_sheet, table_over_two_sheets,
    )
}
