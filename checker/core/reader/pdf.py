"""Reading a published disclosure PDF (one with a text layer) into sheet grids.

The grids are laid out the way the workbook reader expects a disclosure, so that the same
recognition code (:func:`checker.core.reader.document.read_grids`) reads both:

* a table page becomes rows: the text lines above the ruled table (title, 编制单位…/单位：元, the
  latter split into two cells), then the table's rows as pdfplumber finds them (merged cells kept
  as merges, a cell's wrapped text joined without the line break, amounts as numbers), then the
  lines below it (a 注). A page whose table has no title above it continues the previous table: its
  rows are appended to that grid, each cell put in the column of the first page's table at the
  same position (a lone 合计 row is read as a narrower table; a repeated header the reader skips).
* narrative pages become one paragraph per row: lines re-flowed (a line break inside a sentence
  joined, also across pages), page numbers, running headers/footers and dot leaders dropped. A
  page that opens with a heading (…说明, …职能, …设置, 名词解释) starts a grid of its own named by
  that heading, which is how the reader tells the parts of the narrative apart; the 目录 is no grid,
  its lines are kept as the document's list of tables (``PdfDocument.contents``, rule S009).
* a wide table printed column-wise (its right-hand columns on later pages) is joined again first
  (:mod:`.pdf_columns`).

Every grid is named by its pages ("第10-13页 2025年部门收入预算总表"), and :class:`PdfGrid` keeps the
page of each row; :class:`PdfDocument` keeps where each cell is printed (``places``, :mod:`.pdf_places`). pdfplumber (MIT) reads the PDF, each page's characters and ruling lines taken
from pdfium where it stands in exactly for pdfminer's parsing (:mod:`.pdf_objects`, several times
faster); the file is vetted first (size, a complete file, its compressed
streams' inflated size, a page limit) and every failure is one Chinese line.
"""
from __future__ import annotations

import io
import re
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..bounded import call_bounded
from ..cells import CellRef
from ..errors import InputError
from ..grid import SheetGrid
from ..model import ReadProblem
from ..text import norm
from ..vet import MB, RAISE_HINT, Limits, read_vetted
from ..text import lazy_pattern
from .pdf_columns import PlainTable, rejoin_column_pages
from .pdf_places import ColumnJoin, GridPlaces, RawBox, bbox_box, grid_places, line_box
from .pdf_objects import FastPages

AMOUNT = lazy_pattern(r"^-?[\d,]*\d(\.\d+)?$")
CODE = lazy_pattern(r"^\d{1,3}$")      # a 类/款/项 code cell ("201", "05"; "2" when misprinted)
UNIT_SPLIT = lazy_pattern(r"\s+(?=(金额)?单位[:：])")
PAGE_NUMBER = lazy_pattern(r"^(第?\s*[-—–]?\s*\d{1,4}\s*[-—–]?\s*页?|\d{1,4}\s*/\s*\d{1,4}|[-—–]\s*\d{1,4}\s*[-—–])$")
DOT_LEADER = lazy_pattern(r"\s*[.…·．]{3,}\s*\d*\s*$")
TITLE_LINE = lazy_pattern(r"表$")
# the opening line of a part of the narrative (or of the cover / an overview page)
HEADING = lazy_pattern(r"(说明|职能|机构设置|名词解释|概况|预算)$")
PROJECT_HEADING = lazy_pattern(r"(经费|项目|资金)[^，。]*情况说明$")
ENUM = lazy_pattern(r"^(（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、|\d+[.、．](?!\d))")
TOP_HEADING = lazy_pattern(r"^[一二三四五六七八九十]+、\S{2,30}$")
TOP_HEADING_START = lazy_pattern(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
SENTENCE_END = "。；：！？"
FULL_STOP = "。！？"     # ends a paragraph at a line ending short of the right edge
CLAUSE_END = "：；"       # ends one only where the next line's first word would have fitted after it
LATIN_WORD = lazy_pattern(r"^[A-Za-z0-9.,%()\-]+")
NO_LINE_START = "，。、；：？！）》”’%"    # never printed first on a line: carried down with the character before
SCANNED_COVER = 0.3      # a page without text whose images cover this much of it is a scan


@dataclass
class PdfGrid(SheetGrid):
    """A grid read from a PDF: ``row_pages[r]`` is the (1-based) page row ``r`` was printed on."""

    row_pages: list[int] = field(default_factory=list)
    published = True        # a part of a published document, not a sheet (for messages)

    def page_of(self, r: int) -> Optional[int]:
        return self.row_pages[r] if 0 <= r < len(self.row_pages) else None


@dataclass
class _Line:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str


@dataclass
class _Page:
    number: int
    lines: list[_Line]                 # text lines outside the tables, top to bottom
    tables: list                       # the ruled tables (PlainTable), top to bottom
    height: float
    scanned: bool = False              # no text, mostly an image: a page scanned into the PDF
    joined: Optional[ColumnJoin] = None   # the right-hand part of its table joined to it (pdf_columns)


# ------------------------------------------------------------------ opening and vetting

def open_pdf(path: Path, limits: Optional[Limits] = None):
    """The vetted PDF opened with pdfplumber; :class:`InputError` (one Chinese line) if it is not
    a complete, readable, password-free PDF within the limits."""
    return _open(path, limits)[0]


def _open(path: Path, limits: Optional[Limits] = None):
    """:func:`open_pdf`, and the file's bytes (for pdfium)."""
    import pdfplumber

    limits = limits or Limits()
    shown = str(path)
    data = read_vetted(path, limits, "PDF 文件")
    if not data:
        raise InputError(shown, "文件是空的（0 字节），请重新下载或导出 PDF。")
    if not data[:1024].lstrip().startswith(b"%PDF-"):
        raise InputError(shown, "不是 PDF 文件（文件开头没有 %PDF 标记），请选择公开的预算 PDF 或原工作簿。")
    # a PDF ends with %%EOF (after each incremental update too): without it the file was cut off
    # while downloading or copying, and a reader would silently drop its last pages
    if b"%%EOF" not in data[-2048:]:
        raise InputError(shown, "PDF 文件不完整（缺少文件结尾），可能在下载或复制时被截断，请重新获取完整文件。")
    vet_streams(shown, data, limits)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        count = len(pdf.pages)
    except Exception as exc:  # pdfminer raises its own types, wrapped by pdfplumber
        if _is_password_error(exc):
            raise InputError(shown, "PDF 设置了打开密码，无法读取，请提供不带密码的 PDF 文件。") from None
        raise InputError(shown, f"PDF 文件已损坏，无法解析（{_cause_name(exc)}），请重新导出或下载。") from None
    if count == 0:
        pdf.close()
        raise InputError(shown, "PDF 中没有任何页面。")
    if count > limits.max_pdf_pages:
        pdf.close()
        raise InputError(shown, f"PDF 共 {count} 页，超过上限 {limits.max_pdf_pages} 页，已停止读取。"
                         + RAISE_HINT.format(name="max_pdf_pages"))
    return pdf, data


_STREAM = lazy_pattern(rb"(?<!end)stream\r?\n")
CHUNK = 1024 * 1024


def vet_streams(shown: str, data: bytes, limits: Limits) -> None:
    """Refuse a PDF whose compressed (FlateDecode) streams inflate beyond ``max_uncompressed_mb``
    together: pdfminer inflates each stream whole in memory, so a small file can ask it for
    gigabytes (a zip bomb in PDF form). Each stream is inflated here in 1 MB steps, counting the
    bytes produced and keeping none; a stream that does not inflate (an encrypted one) is left to
    the reader."""
    budget = limits.max_uncompressed_mb * MB
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 1024):m.start()]
        head = head[head.rfind(b"obj") + 1:]         # this object's dictionary only
        if b"/FlateDecode" not in head and b"/Fl " not in head and b"/Fl/" not in head:
            continue
        end = data.find(b"endstream", m.end())
        if end < 0:
            break
        inflate = zlib.decompressobj()
        try:
            budget -= len(inflate.decompress(data[m.end():end], CHUNK))
            # past the stream's end zlib keeps the trailing bytes as a tail: stop at eof
            while inflate.unconsumed_tail and not inflate.eof and budget >= 0:
                produced = len(inflate.decompress(inflate.unconsumed_tail, CHUNK))
                if not produced:
                    break
                budget -= produced
        except zlib.error:
            continue
        if budget < 0:
            raise InputError(shown, f"PDF 中的压缩内容解压后超过 {limits.max_uncompressed_mb} MB（疑似压缩炸弹），已停止读取。"
                             + RAISE_HINT.format(name="max_uncompressed_mb"))


def _is_password_error(exc: BaseException) -> bool:
    seen: Optional[BaseException] = exc
    for _ in range(10):         # the chain pdfplumber wraps pdfminer's error in, bounded
        if seen is None:
            break
        name = type(seen).__name__
        if "Password" in name or "Encrypt" in name or "password" in str(seen).lower():
            return True
        inner = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        seen = seen.__cause__ or seen.__context__ or inner
    return False


def _cause_name(exc: BaseException) -> str:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    return type(inner).__name__


# ------------------------------------------------------------------ pages

def _read_page(number: int, page) -> _Page:
    from .pdf_cells import RuledTable      # imports pdfplumber: only when a PDF is read

    # each table's cells and texts taken now, while the page is parsed (see PlainTable)
    tables = [PlainTable.of(RuledTable.of(t)) for t in sorted(page.find_tables(), key=lambda t: t.bbox[1])]
    lines = []
    for ln in page.extract_text_lines():
        text = ln["text"].strip()
        if not text:
            continue
        middle = (ln["top"] + ln["bottom"]) / 2
        if any(t.bbox[1] - 1 <= middle <= t.bbox[3] + 1 for t in tables):
            continue        # the table holds this text in its cells
        lines.append(_Line(ln["x0"], ln["x1"], ln["top"], ln["bottom"], text))
    area = float(page.width) * float(page.height) or 1.0
    covered = sum(abs((im["x1"] - im["x0"]) * (im["bottom"] - im["top"])) for im in page.images)
    scanned = not page.chars and covered / area >= SCANNED_COVER
    return _Page(number, lines, tables, float(page.height), scanned)


EDGE_BAND = 0.1      # running headers, footers and page numbers sit in the top/bottom tenth of a page


def _furniture_key(text: str) -> str:
    # a footer carries its page number ("上海市普陀区2025年部门预算 第3页"): compare without digits
    return re.sub(r"\d+", "#", norm(text).replace(" ", ""))


def _edge(page: _Page, line: _Line) -> bool:
    band = page.height * EDGE_BAND
    return line.top < band or line.bottom > page.height - band


def _running_lines(pages: list[_Page]) -> set[str]:
    """Texts (digits aside) printed as the first or last line, at the page's top or bottom edge, of
    many pages: a running header or footer. A table title or 编制单位 line never is one."""
    from collections import Counter

    seen: Counter = Counter()
    for page in pages:
        ends = [ln for ln in page.lines[:1] + page.lines[-1:] if _edge(page, ln) and not _is_heading_text(ln.text)]
        seen.update({_furniture_key(ln.text) for ln in ends})
    need = max(3, len(pages) // 3)
    return {key for key, n in seen.items() if n >= need}


def _is_furniture(page: _Page, line: _Line, running: set[str]) -> bool:
    return _edge(page, line) and (bool(PAGE_NUMBER.match(line.text.strip()))
                                  or _furniture_key(line.text) in running)


def _drop_furniture(page: _Page, running: set[str]) -> None:
    """Page numbers and running headers/footers at the top or bottom of the page go, and the dot
    leaders of a 目录-like line (its page number with them)."""
    while page.lines and _is_furniture(page, page.lines[-1], running):
        page.lines.pop()
    while page.lines and _is_furniture(page, page.lines[0], running):
        page.lines.pop(0)
    for ln in page.lines:
        ln.text = DOT_LEADER.sub("", ln.text)
    page.lines = [ln for ln in page.lines if ln.text]


def _is_toc(page: _Page) -> bool:
    first = page.lines[0].text if page.lines else ""
    if norm(first).replace(" ", "") == "目录":
        return True
    if page.tables and not page.lines:
        cells = page.tables[0].extract()
        return bool(cells) and norm(cells[0][0] or "").replace(" ", "") == "目录"
    return False


# ------------------------------------------------------------------ tables

def _cell_text(text: Optional[str]) -> Optional[str]:
    if text is None:
        return None
    # a cell's text wrapped onto several lines is one text (Chinese needs no space at the break)
    joined = "".join(part.strip() for part in text.splitlines())
    return joined or None


def _convert_row(texts: list[Optional[str]]) -> list[object]:
    """Amount texts become numbers, as a workbook holds them; the leading code cells (类/款/项)
    of a row whose codes are followed by a name stay text ("05" must keep its zero)."""
    out: list[object] = list(texts)
    lead = 0
    while lead < len(texts) and (texts[lead] is None or CODE.match(texts[lead])):
        lead += 1
    keep_codes = lead < len(texts) and texts[lead] is not None and not AMOUNT.match(texts[lead])
    for i, t in enumerate(texts):
        if t is None or not AMOUNT.match(t) or (keep_codes and i < lead):
            continue
        plain = t.replace(",", "")
        out[i] = float(plain) if "." in plain else int(plain)
    return out


class _TableBlock:
    """The rows one ruled table (over one or more pages) adds to its grid, with its merges."""

    def __init__(self, table, grid: "_GridBuilder", page: int):
        self.columns = sorted({round(c[0], 1) for c in table.cells})
        self.grid = grid
        self.add(table, page)

    def _column(self, x: float) -> int:
        return min(range(len(self.columns)), key=lambda i: abs(self.columns[i] - x))

    def add(self, table, page: int) -> None:
        rows = table.rows
        texts = table.extract()
        # a title and 编制单位 line drawn inside the ruled grid (LibreOffice prints a bordered
        # merged title cell so) are rows of text above the table, as a workbook has them
        skip, heading = _heading_rows(texts)
        for text in heading:
            _meta_line(self.grid, text, page, len(self.columns), _rows_box(page, rows[:skip]))
        rows, texts = rows[skip:], texts[skip:]
        tops = [r.bbox[1] for r in rows]
        first = len(self.grid.rows)
        placed: list[tuple[int, int, tuple]] = []
        boxes: dict[int, dict[int, list[RawBox]]] = {}     # where each cell is printed (pdf_places)
        values: list[list[Optional[str]]] = []
        for i, (row, row_texts) in enumerate(zip(rows, texts)):
            line: list[Optional[str]] = [None] * len(self.columns)
            for bbox, text in zip(row.cells, row_texts):
                if bbox is None:
                    continue
                c = self._column(bbox[0])
                line[c] = _cell_text(text)
                placed.append((i, c, bbox))
                boxes.setdefault(i, {})[c] = [bbox_box(page, bbox)]
            values.append(line)
        keep = [i for i, v in enumerate(values) if any(t is not None for t in v)]   # blank padding rows go
        index = {i: first + n for n, i in enumerate(keep)}
        # a cell merged down to the bottom of the page before ("产出指标" over its indicators) goes
        # on over the blank cells at the top of this page: printing starts it again empty
        reaching = [m for m in self.grid.merges if m[2] == first - 1 and m[2] > m[0]] if first else []
        for i in keep:
            self.grid.add_row(_convert_row(values[i]), page, boxes.get(i))
        for m in reaching:
            r1, c1, r2, c2 = m
            below = first
            while below < len(self.grid.rows) and all(v is None for v in self.grid.rows[below][c1:c2 + 1]):
                below += 1
            if below > first:
                self.grid.merges[self.grid.merges.index(m)] = (r1, c1, below - 1, c2)
        for i, c, (x0, top, x1, bottom) in placed:
            if i not in index:
                continue
            c2 = max(j for j, x in enumerate(self.columns) if x < x1 - 1 or j == c)
            r2 = max(j for j, t in enumerate(tops) if t < bottom - 1 or j == i)
            last = max((index[j] for j in keep if i <= j <= r2), default=index[i])
            if (c2, last) != (c, index[i]):
                self.grid.merges.append((index[i], c, last, c2))


def _rows_box(page: int, rows) -> RawBox:
    """The box around a table's leading rows (its title and meta lines drawn inside the grid)."""
    return (page, min(r.bbox[0] for r in rows), min(r.bbox[1] for r in rows), max(r.bbox[2] for r in rows),
            max(r.bbox[3] for r in rows))


class _GridBuilder:
    def __init__(self, title: str, page: int):
        self.title = title
        self.pages = [page]
        self.rows: list[list[object]] = []
        self.row_pages: list[int] = []
        self.merges: list[tuple[int, int, int, int]] = []
        self.boxes: list[dict[int, list[RawBox]]] = []     # each row's cells' boxes (pdf_places)
        self.table: Optional[_TableBlock] = None
        self.last_line: Optional[_Line] = None     # a narrative grid: the line before the next page's

    def add_row(self, values: list[object], page: int, boxes: Optional[dict[int, list[RawBox]]] = None) -> None:
        self.rows.append(values)
        self.row_pages.append(page)
        self.boxes.append(boxes or {})
        if page not in self.pages:
            self.pages.append(page)

    def add_text(self, text: str, page: int, boxes: Optional[list[RawBox]] = None) -> None:
        self.add_row([text], page, {0: boxes} if boxes else None)

    def build(self) -> PdfGrid:
        first, last = self.pages[0], self.pages[-1]
        where = f"第{first}页" if first == last else f"第{first}-{last}页"
        name = f"{where} {self.title}".strip() if self.title else where
        width = max((len(r) for r in self.rows), default=0)
        rows = [r + [None] * (width - len(r)) for r in self.rows]
        return PdfGrid(name=name, rows=rows, merges=list(self.merges), row_pages=list(self.row_pages))


def _table_page(page: _Page, current: Optional[_GridBuilder]) -> tuple[_GridBuilder, bool]:
    """Add a page with ruled tables: to a new grid when a title is printed above its first table,
    else to ``current`` (a table continued). Returns the grid and whether it is new."""
    first_top = page.tables[0].bbox[1]
    above = [ln for ln in page.lines if ln.bottom <= first_top + 1]
    titled = any(_is_title(ln.text) for ln in above)
    if not titled:
        inside = _heading_rows(page.tables[0].extract())[1]
        titled = any(_is_title(t) for t in inside)
        above = above or [_Line(0, 0, 0, 0, t) for t in inside]
    # a continued table has at most a line or two above it (a repeated unit line), never a
    # narrative heading or paragraphs: a ruled box on a 说明 page is not part of the table before
    continued = (not titled and current is not None and current.table is not None
                 and len(above) <= 2 and not any(_is_heading(ln) for ln in above))
    if continued:
        grid = current
    else:
        title = next((norm(ln.text) for ln in above if _is_title(ln.text) or _is_heading(ln)), "")
        grid = _GridBuilder(title.replace(" ", ""), page.number)
    pending = list(page.lines)
    for i, table in enumerate(page.tables):
        top = table.bbox[1]
        # a second table on the page is a table of its own when a title is printed above it
        titled_here = i == 0 and not continued
        while pending and pending[0].bottom <= top + 1:
            above_line = pending.pop(0)
            titled_here = titled_here or _is_title(above_line.text)
            _meta_line(grid, above_line.text, page.number, box=line_box(page.number, above_line))
        titled_here = titled_here or any(_is_title(t) for t in _heading_rows(table.extract())[1])
        if grid.table is None or titled_here:
            grid.table = _TableBlock(table, grid, page.number)
        else:
            grid.table.add(table, page.number)
    for ln in pending:
        _meta_line(grid, ln.text, page.number, box=line_box(page.number, ln))
    return grid, not continued


def _heading_rows(texts: list[list[Optional[str]]]) -> tuple[int, list[str]]:
    """The leading rows of an extracted table that hold only its title and meta lines (one
    filled cell each): how many, and their lines."""
    lines: list[str] = []
    n = 0
    for i, row in enumerate(texts[:5]):
        filled = [c for c in row if c and c.strip()]
        if not filled:
            continue        # a blank ruled row above the title
        if len(filled) != 1:
            break
        parts = [ln.strip() for ln in filled[0].splitlines() if ln.strip()]
        if not all(_is_heading_text(t) for t in parts):
            break
        lines.extend(parts)
        n = i + 1
    return n, lines


def _is_title(text: str) -> bool:
    t = norm(text)
    return bool(TITLE_LINE.search(t)) and len(t) < 80


def _is_heading_text(text: str) -> bool:
    return _is_title(text) or bool(re.match(r"^(编制(单位|部门)|预算单位|(金额)?单位)[:：]", norm(text)))


def _meta_line(grid: _GridBuilder, text: str, page: int, width: Optional[int] = None,
               box: Optional[RawBox] = None) -> None:
    """A line outside the table: "编制部门：… 单位：元" printed on one line becomes two cells, at the
    left and the right of the table, as a workbook has them."""
    parts = UNIT_SPLIT.split(text.strip())
    parts = [p for p in parts if p and p not in ("金额",)]
    if len(parts) == 2:
        width = width or (len(grid.table.columns) if grid.table else 2)
        grid.add_row([parts[0].strip()] + [None] * max(width - 2, 0) + [parts[1].strip()], page,
                     {0: [box], max(width - 1, 1): [box]} if box else None)
    else:
        grid.add_text(text.strip(), page, [box] if box else None)


# ------------------------------------------------------------------ narrative

def _is_heading(line: _Line) -> bool:
    t = norm(line.text)
    return len(t) < 60 and not re.search(r"[。；，,]", t) and bool(HEADING.search(t))


def _runs_on(lines: list[_Line], current: Optional["_GridBuilder"]) -> bool:
    """The page's first line only looks like a part's heading ("……机关运行经费财政拨款预算"): the
    narrative goes on from the page before, and the line runs to the page's right edge (no room for
    the next line's first word) and wraps onto a second line at the same margin that opens nothing (a heading is centred or stands alone)."""
    if current is None or current.table is not None or len(lines) < 2:
        return False
    first, second = lines[0], lines[1]
    edge = max(ln.x1 for ln in lines)
    return (not _room_for_next(first, second, edge) and abs(second.x0 - first.x0) < 1
            and not ENUM.match(second.text) and not _is_heading(second))


def _part_title(heading: str) -> str:
    """The grid name of a narrative part: its heading, except that a project's own heading
    ("科技创新专项经费情况说明") is named as the part it belongs to, 项目经费情况说明, by which the
    reader tells it apart (a template's part headings match the end of a sheet's name)."""
    if (PROJECT_HEADING.search(heading) and not heading.endswith("其他相关情况说明")
            and "编制说明" not in heading):
        return "项目经费情况说明"
    return heading


def _is_wrapped_heading(text: str) -> bool:
    t = norm(text)
    return bool(TOP_HEADING_START.match(t)) and len(t) < 90 and not re.search(r"[。；，,：:]", t)


def _page_margin(lines: list[_Line], margin: float, right: float) -> float:
    """The page's own text margin: where its lines that plainly continue the line above begin (that
    line runs to the right edge without ending a sentence, and this one starts no further right). A
    sheet printed with its own page set-up (centred, or scaled to the paper) has a margin of its own;
    the document's ``margin`` (the leftmost line of all) stands when no line on the page shows it."""
    starts = [b.x0 for a, b in zip(lines, lines[1:])
              if a.x1 >= right - 60 and a.text[-1] not in SENTENCE_END and b.x0 <= a.x0 + 1]
    return max(margin, min(starts, default=margin))


def _first_word_width(text: str, size: float) -> float:
    """About how wide the first unbreakable piece of ``text`` prints at font ``size``: a run of
    Latin letters and digits ("2024", "1,379.81") at about half a character each, else a Chinese
    character with the punctuation that cannot begin a line after it."""
    latin = LATIN_WORD.match(text)
    if latin:
        return 0.55 * size * len(latin.group())
    carried = len(text[1:]) - len(text[1:].lstrip(NO_LINE_START))
    return size * (1 + carried)


def _room_for_next(prev: _Line, ln: _Line, edge: float) -> bool:
    """``prev`` stops where the first word of ``ln`` would still have fitted after it (with half a
    character to spare): the line was ended by hand ("……其中：" then "基本支出 …"), not wrapped (a
    line "……事业运行（项）：" full but for the width of "2024" goes on "2024 年预算数…")."""
    size = prev.bottom - prev.top
    return edge - prev.x1 > _first_word_width(ln.text, size) + size / 2


def _paragraphs(lines: list[_Line], margin: float, right: float, prev: Optional[_Line],
                carried: str = "") -> list[list]:
    """Join text lines into paragraphs. A line begins a paragraph when it starts right of the text
    margin (most paragraphs are indented), with an enumerator (（一）, 一、, 1.), after a heading
    or a centred title, after a line ending short of the right edge with a full stop (pages
    printed without indents), after a clause (：；) or a heading that stops where the line's first
    word would still have fitted on the page (its own right edge: a sheet prints as wide as it is),
    or after a sentence or heading and a blank row's space. A line cut mid-sentence, however short,
    goes on into the next unless that one is indented or numbered. Otherwise it continues the line before, across a page break too
    (``prev``, the previous page's last line; ``carried``, the text of its paragraph): such a first
    paragraph is ``[True, text, lines]``."""
    out: list[list] = []
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom)
    spacing = gaps[len(gaps) // 2] if gaps else 0.0     # the page's usual space between lines
    edge = max((ln.x1 for ln in lines), default=right)  # the page's own right edge (a sheet's print width)
    for ln in lines:
        short = prev is not None and prev.x1 < right - 60
        ended = prev is not None and (short or _room_for_next(prev, ln, edge))     # stops short of the margin
        # the paragraph so far, begun on the page before if it is continued from there
        so_far = (carried if out[-1][0] else "") + out[-1][1] if out else carried
        heading = bool(so_far) and _is_wrapped_heading(so_far)
        # a sentence or a heading ended and a blank line's worth of space before the next line on the
        # same page: paragraphs printed apart (each in a cell of its own, a row apart)
        spaced = (prev is not None and (prev.text[-1] in SENTENCE_END or heading) and ln.top > prev.bottom
                  and ln.top - prev.bottom > max(2 * spacing, spacing + 6))
        new = (prev is None or ln.x0 >= margin + 6 or ENUM.match(ln.text) or prev.x0 > margin + 60
               or TOP_HEADING.match(prev.text) or (ended and prev.text[-1] in FULL_STOP)
               # a clause (……其中：) ends a paragraph only where the next line's first word had room
               or (prev.text[-1] in CLAUSE_END and _room_for_next(prev, ln, edge))
               # a numbered heading wrapped onto a second, short line ("…情况说明") ends there
               or (heading and _room_for_next(prev, ln, edge)) or spaced)
        if new:
            out.append([False, ln.text, [ln]])
        elif out:
            out[-1][1] += ln.text
            out[-1][2].append(ln)
        else:
            out.append([True, ln.text, [ln]])
        prev = ln
    return out


# ------------------------------------------------------------------ the whole document

@dataclass
class PdfDocument:
    """What a PDF was read into: its grids, and the pages that are scans (images without text)
    in a PDF that otherwise has a text layer, whose content could not be read."""

    grids: list[SheetGrid]
    scanned_pages: list[int] = field(default_factory=list)
    contents: list[tuple[int, str]] = field(default_factory=list)   # the 目录's lines after its heading, by page
    places: dict[str, GridPlaces] = field(default_factory=dict)     # grid name → where its cells are printed


def pdf_problems(loaded: PdfDocument) -> list[ReadProblem]:
    """A scanned page inside a text PDF is reported (S005): a table printed on it is not read, and
    without this the user would only hear that the table is missing."""
    return [ReadProblem("unparsed-table", f"第{n}页是扫描图像，没有文字层，其中的内容未能读取。"
                                          "请提供全部页面都带文字的 PDF 或原工作簿。", CellRef(f"第{n}页", 0, 0))
            for n in loaded.scanned_pages]


@dataclass
class _Deadline:
    """Each page read within ``max_pdf_page_seconds`` and the whole file within ``max_pdf_seconds``:
    a page is parsed in a bounded call (core.bounded; pdfminer is Python code, so it is stopped) and
    a page that takes longer — a hostile page of countless tiny objects — ends the reading."""
    shown: str
    limits: Limits
    end: float
    abandoned: bool = False

    @classmethod
    def start(cls, shown: str, limits: Limits) -> "_Deadline":
        return cls(shown, limits, time.monotonic() + limits.max_pdf_seconds)

    def read(self, number: int, page, fast: Optional[FastPages] = None) -> tuple[int, "_Page"]:
        """Page ``number`` read; ``fast`` is the file opened with pdfium: the page's objects are
        read from there when :func:`.pdf_objects.page_objects` can (else pdfminer parses it)."""
        left = self.end - time.monotonic()
        limit = min(self.limits.max_pdf_page_seconds, max(left, 0.0))

        def read_page() -> tuple[int, _Page]:
            objects = fast.objects(number - 1, page) if fast is not None else None
            if objects is not None:
                page._objects = objects         # what pdfplumber's Page.objects would parse
            return len(page.chars), _read_page(number, page)

        outcome = call_bounded(read_page, (),
                               name=f"checker-pdf:{self.shown}:{number}", limit=limit)
        if outcome.error is not None:
            raise outcome.error
        self.abandoned = self.abandoned or outcome.abandoned     # still inside pdfium: leave it open
        if outcome.timed_out or outcome.busy:
            if limit == self.limits.max_pdf_page_seconds:
                name, what = "max_pdf_page_seconds", f"读取第 {number} 页超过每页的时间上限 {limit:g} 秒"
            else:
                name, what = "max_pdf_seconds", (f"读到第 {number} 页时超过整个文件的读取时间上限 "
                                                 f"{self.limits.max_pdf_seconds:g} 秒")
            raise InputError(self.shown, f"{what}（页面上的对象过多，疑似损坏或恶意构造的文件），已停止读取。"
                             "请重新导出 PDF 或改用原工作簿；" + RAISE_HINT.format(name=name))
        return outcome.value


def load_pdf_grids(path: Path, limits: Optional[Limits] = None) -> list[SheetGrid]:
    """Read the PDF at ``path`` into grids the workbook reader recognises (see the module text)."""
    return load_pdf(path, limits).grids


def load_pdf(path: Path, limits: Optional[Limits] = None) -> PdfDocument:
    """Read the PDF at ``path`` (see the module text). Work is linear in pages: each page is read
    once, its tables found once."""
    shown = str(path)
    pdf, data = _open(path, limits)
    fast = FastPages.open(data)
    deadline = _Deadline.start(shown, limits or Limits())
    try:
        pages = []
        chars = 0
        for i, page in enumerate(pdf.pages):
            count, read = deadline.read(i + 1, page, fast)
            chars += count
            pages.append(read)
            page.flush_cache()        # keep memory flat on long documents
    except InputError:
        raise
    except Exception as exc:
        raise InputError(shown, f"PDF 文件已损坏，无法解析（{_cause_name(exc)}），请重新导出或下载。") from None
    finally:
        pdf.close()
        if fast is not None and not deadline.abandoned:
            fast.close()
    if chars == 0:
        raise InputError(shown, "扫描件，没有文字层，无法读取；请提供带文字的 PDF 或原工作簿。")
    running = _running_lines(pages)
    for page in pages:
        _drop_furniture(page, running)
    pages = rejoin_column_pages(pages)      # a wide table printed column-wise: its parts joined
    narrative_pages = [p for p in pages if p.lines and not p.tables]
    margin = min((ln.x0 for p in narrative_pages for ln in p.lines), default=0.0)
    right = max((ln.x1 for p in narrative_pages for ln in p.lines), default=0.0)
    builders: list[_GridBuilder] = []
    current: Optional[_GridBuilder] = None
    previous_texts: Optional[set[str]] = None
    contents: list[tuple[int, str]] = []
    for page in pages:
        texts = {ln.text for ln in page.lines}
        if previous_texts and texts and texts <= previous_texts and not page.tables:
            continue        # a page printed twice (the same text again)
        previous_texts = texts
        if not page.lines and not page.tables:
            continue
        if _is_toc(page):
            current = None
            toc_lines = [ln.text for ln in page.lines] or [" ".join(c or "" for c in row) for t in page.tables
                                                             for row in t.extract()]
            contents.extend((page.number, t) for t in toc_lines if norm(t).replace(" ", "") != "目录")
            continue
        if page.tables:
            grid, new = _table_page(page, current)
            if new:
                builders.append(grid)
            current = grid
            continue
        # a narrative page
        opens = _is_heading(page.lines[0]) and not _runs_on(page.lines, current)
        if opens or current is None or current.table is not None:
            title = _part_title(norm(page.lines[0].text).replace(" ", "")) if opens else ""
            current = _GridBuilder(title, page.number)
            builders.append(current)
            prev = None
        else:
            prev = current.last_line
        carried = str(current.rows[-1][0]) if prev is not None and current.rows else ""
        chunks = _paragraphs(page.lines, _page_margin(page.lines, margin, right), right, prev, carried)
        for n, (continued, text, lines) in enumerate(chunks):
            if n == 0 and current.rows and len(text) > 20 and str(current.rows[-1][0]).endswith(text):
                continue        # a merged cell split by the page end, printed whole on both pages
            boxes = [line_box(page.number, ln) for ln in lines]
            if continued and current.rows:
                current.rows[-1][0] = str(current.rows[-1][0]) + text
                current.boxes[-1].setdefault(0, []).extend(boxes)
            else:
                current.add_text(text, page.number, boxes)
        current.last_line = page.lines[-1]
    grids = [b.build() for b in builders]
    joins = {p.number: p.joined for p in pages if p.joined is not None}
    places = {g.name: grid_places(b.boxes, joins) for g, b in zip(grids, builders)}
    return PdfDocument(grids, [p.number for p in pages if p.scanned], contents, places)
