"""Reading a disclosure published as a Word document (.docx) into sheet grids.

Like :mod:`.pdf`, the grids are laid out the way the workbook reader expects a disclosure, so that
the same recognition (:func:`checker.core.reader.document.read_grids`) reads Word, PDF and
workbooks alike. The document body is walked in order:

* a Word table becomes rows of a grid, one row per ``w:tr`` and one column per grid column of the
  table (``w:gridBefore`` skipped): a cell spanning columns (``w:gridSpan``) or continued from the
  row above (``w:vMerge``) is a merged range, as in a workbook; a cell's paragraphs and line
  breaks are kept as line breaks in its text (a workbook cell's ``\\n``), amounts become numbers.
* the paragraphs just above a table (its title, "编制单位：… 单位：元" split into two cells, a caption
  such as LibreOffice's "Sheet 4: 表1 …") go on top of its grid; a table with no title above it and
  none in its own first rows continues the table before (a table broken into several Word tables
  by the person who typed it), its rows appended to that grid.
* the other paragraphs are the narrative, one paragraph per row; a part's heading (a Word heading
  style, "第三部分 …", or a line ending …说明/…职能/…概况 that is not a numbered item) starts a grid
  of its own named by it, which is how the reader tells the parts apart.
* the 目录 — a "目录" paragraph and the lines after it, typed as plain paragraphs (with or without
  dot leaders and page numbers) or inside a Word TOC field's content control (``w:sdt``) — is no
  grid: its lines are kept as the document's list of tables (:attr:`WordDocument.contents`, rule
  S009), up to the first part heading, caption or table (a table's own title and 编制单位 lines
  typed right after the 目录 stay the table's).

Grids are named by the order of their Word table ("表格3 2025年部门收入预算总表") or by their
heading. The file is vetted first (size, zip directory, decompressed parts: a zip bomb is refused
before python-docx opens it) and every failure is one Chinese line.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import InputError
from ..grid import SheetGrid
from ..text import lazy_pattern, norm
from ..vet import Limits, vet_file
from .pdf import ENUM, UNIT_SPLIT, _convert_row, _is_heading_text, _is_title, _part_title

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
CAPTION = lazy_pattern(r"^(Sheet|工作表)\s*\d+\s*[:：]\s*")     # LibreOffice names a sheet so in HTML/Writer
PART_HEADING = lazy_pattern(r"(说明|职能|机构设置|名词解释|概况)$")
PART_NUMBER = lazy_pattern(r"^第[一二三四五六七八九十]+部分")
# a table of contents: "目录" as Word prints it, or LibreOffice's "Overview" (the list of sheets it
# writes at the top of a workbook saved as HTML, which Writer then keeps)
TOC_HEADING = lazy_pattern(r"^(目\s*录|Overview)$")
# a 目录 entry's number ("9．2025年…", "（3）", "五、"), which a table's own title does not carry
ENTRY_NUMBER = lazy_pattern(r"^\s*(\d{1,2}\s*[.．、]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]+、)")
TABLE_LABEL = lazy_pattern(r"^(附)?表\s*\d+(-\d+)?$")          # "表1" printed in a cell of its own


@dataclass
class WordGrid(SheetGrid):
    """A grid read from a Word document: a part of a published document, not a sheet;
    ``row_pages[r]`` is the page row ``r`` is printed on where the file records it
    (:mod:`.docx_pages`), else None (empty: no page known in the grid)."""

    row_pages: list[Optional[int]] = field(default_factory=list)
    published = True


@dataclass
class WordDocument:
    """What a .docx was read into: its grids, and its 目录's lines after the heading."""

    grids: list[SheetGrid]
    contents: list[str] = field(default_factory=list)
    contents_pages: list[Optional[int]] = field(default_factory=list)   # each 目录 line's page


@dataclass
class _Table:
    rows: list[list[Optional[str]]]
    merges: list[tuple[int, int, int, int]]
    pages: list[Optional[int]] = field(default_factory=list)     # each row's page, where known


@dataclass
class _Grid:
    name: str
    rows: list[list[object]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    has_table: bool = False
    width: int = 0
    row_pages: list[Optional[int]] = field(default_factory=list)

    def add_text(self, text: str, page: Optional[int] = None) -> None:
        self.rows.append([text])
        self.row_pages.append(page)

    def add_meta(self, text: str, page: Optional[int] = None) -> None:
        """"编制部门：… 单位：元" typed on one line becomes two cells, at the left and right."""
        parts = [p.strip() for p in UNIT_SPLIT.split(text.strip()) if p and p.strip() not in ("", "金额")]
        if len(parts) == 2:
            width = max(self.width, 2)
            self.rows.append([parts[0]] + [None] * (width - 2) + [parts[1]])
            self.row_pages.append(page)
        else:
            self.add_text(text.strip(), page)

    def add_table(self, table: _Table) -> None:
        first = len(self.rows)
        self.rows.extend(_convert_row(list(r)) for r in table.rows)
        self.row_pages.extend(table.pages)
        self.merges.extend((r1 + first, c1, r2 + first, c2) for r1, c1, r2, c2 in table.merges)
        self.width = max(self.width, max((len(r) for r in table.rows), default=0))
        self.has_table = True

    def build(self) -> SheetGrid:
        width = max((len(r) for r in self.rows), default=0)
        pages = list(self.row_pages) if any(p is not None for p in self.row_pages) else []
        return WordGrid(name=self.name, rows=[r + [None] * (width - len(r)) for r in self.rows],
                        merges=list(self.merges), row_pages=pages)


# ------------------------------------------------------------------ opening

def open_docx(path: Path, limits: Optional[Limits] = None):
    """The vetted document opened with python-docx; :class:`InputError` (one Chinese line) if it is
    not a complete, password-free .docx within the limits."""
    shown = str(path)
    data = vet_file(path, limits, "Word 文档")      # regular, bounded; a zip bomb refused here
    if not data:
        raise InputError(shown, "文件是空的（0 字节），请重新导出 Word 文档。")
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_MARK in data:
            raise InputError(shown, "Word 文档设置了打开密码，无法读取，请提供不带密码的 .docx 文件。")
        raise InputError(shown, "这是旧版 Word 文档（.doc）或其他 Office 文件，不是 .docx：请在 Word/WPS 中另存为 .docx 后再校验。")
    if not data.startswith(b"PK"):
        raise InputError(shown, "不是 Word 文档（.docx 应为压缩包格式），请选择公开的预算 Word 文档、PDF 或原工作簿。")
    import zipfile

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        names = []
    if "word/document.xml" not in names:
        raise InputError(shown, "压缩包中没有 word/document.xml，不是 Word 文档（.docx），请选择公开的预算 Word 文档、PDF 或原工作簿。")
    try:
        import docx  # python-docx

        return docx.Document(io.BytesIO(data))
    except Exception as exc:        # lxml, zipfile and python-docx raise their own types
        raise InputError(shown, f"Word 文档已损坏，无法解析（{type(exc).__name__}），请重新导出或下载。") from None


# ------------------------------------------------------------------ tables

def _cell_text(tc) -> Optional[str]:
    """A cell's text: its paragraphs (and line breaks inside them) as lines, like a workbook cell
    (a table nested in the cell gives its paragraphs as lines too)."""
    lines = [_paragraph_text(p) for p in tc.iter(W + "p")]
    text = "\n".join(line.strip() for line in lines).strip()
    return text or None


def _paragraph_text(p) -> str:
    out = []
    for el in p.iter(W + "t", W + "br", W + "tab", W + "cr"):
        tag = el.tag[len(W):]
        if tag == "t":
            out.append(el.text or "")
        elif tag == "tab":
            out.append(" ")
        else:
            out.append("\n")
    return "".join(out)


def _int_attr(el, name: str, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W + name, default))
    except (TypeError, ValueError):
        return default


def read_table(tbl, pages=None) -> _Table:
    """A Word table as rows of cell texts with its merges (0-based r1, c1, r2, c2 inclusive), and
    each row's page from ``pages`` (a :class:`~.docx_pages.PageMap`) when given."""
    rows: list[list[Optional[str]]] = []
    merges: list[tuple[int, int, int, int]] = []
    open_down: dict[int, list] = {}         # column → [r1, c1, r2, c2] of a vertical merge going on
    row_pages: list[Optional[int]] = []
    for tr in tbl.iterchildren(W + "tr"):
        r = len(rows)
        line: list[Optional[str]] = []
        trpr = tr.find(W + "trPr")
        col = _int_attr(trpr.find(W + "gridBefore") if trpr is not None else None, "val", 0)
        line.extend([None] * col)
        continued: set[int] = set()
        for tc in tr.iterchildren(W + "tc"):
            pr = tc.find(W + "tcPr")
            span = max(1, _int_attr(pr.find(W + "gridSpan") if pr is not None else None, "val", 1))
            vmerge = pr.find(W + "vMerge") if pr is not None else None
            line.extend([None] * span)
            if vmerge is not None and vmerge.get(W + "val", "continue") != "restart" and col in open_down:
                open_down[col][2] = r
                continued.add(col)
            else:
                line[col] = _cell_text(tc)
                merge = [r, col, r, col + span - 1]
                if vmerge is not None:
                    open_down[col] = merge
                    continued.add(col)
                if span > 1 or vmerge is not None:
                    merges.append(merge)     # a list: a vertical merge grows while rows continue it
            col += span
        for c in [c for c in open_down if c not in continued]:
            del open_down[c]
        rows.append(line)
        row_pages.append(pages.of(tr) if pages is not None else None)
    merges_out = [tuple(m) for m in merges if (m[0], m[1]) != (m[2], m[3])]
    return _Table(rows, merges_out, row_pages)  # type: ignore[arg-type]


def _titled(table: _Table) -> bool:
    """Whether a table prints its own title in its first rows (LibreOffice puts a sheet's title
    and 编制单位 rows into the table), so that it does not continue the table before."""
    for row in table.rows[:4]:
        for text in row:
            if text and (_is_title(text) or TABLE_LABEL.match(norm(text).replace(" ", ""))):
                return True
    return False


# ------------------------------------------------------------------ the whole document

def _is_part_heading(text: str, style: str) -> bool:
    t = norm(text)
    if not t or len(t) >= 60 or re.search(r"[。；，,]", t):
        return False
    if style.lower().startswith(("heading", "title")) or style.startswith("标题"):
        return not ENUM.match(t)
    return bool(PART_NUMBER.match(t)) or (bool(PART_HEADING.search(t)) and not ENUM.match(t))


def _style_name(p) -> str:
    ppr = p.find(W + "pPr")
    style = ppr.find(W + "pStyle") if ppr is not None else None
    return style.get(W + "val", "") if style is not None else ""


def _body(body):
    """The body's paragraphs and tables in order, those inside a block content control (``w:sdt``:
    Word wraps a TOC field, a cover page, so) taken as the body's own."""
    for el in body.iterchildren():
        if el.tag == W + "sdt":
            content = el.find(W + "sdtContent")
            if content is not None:
                yield from _body(content)
        else:
            yield el


def load_docx_grids(path: Path, limits: Optional[Limits] = None) -> list[SheetGrid]:
    """Read the .docx at ``path`` into grids the workbook reader recognises (see the module text)."""
    return load_docx(path, limits).grids


def _table_heads(toc: list[str]) -> list[str]:
    """The lines at the end of a 目录 that head the table right after it: its title and the
    编制单位/单位 lines below the title (the last title line of the 目录 and what follows it)."""
    at = next((i for i in range(len(toc) - 1, -1, -1) if _is_title(toc[i])), None)
    if at is None or ENTRY_NUMBER.match(norm(toc[at])) or not all(_is_heading_text(t) for t in toc[at:]):
        return []       # an entry ("9．…预算表"): the table's title is in the table
    heads = toc[at:]
    del toc[at:]
    return heads


def load_docx(path: Path, limits: Optional[Limits] = None) -> WordDocument:
    """Read the .docx at ``path`` (see the module text)."""
    from .docx_pages import walk_document

    document = open_docx(path, limits)
    elements = list(_body(document.element.body))
    pages = walk_document(document, elements, _paragraph_text)
    grids: list[_Grid] = []
    toc: list[str] = []
    toc_pages: list[Optional[int]] = []
    current: Optional[_Grid] = None
    pending: list[tuple[int, str, Optional[int]]] = []     # (paragraph number, text, page) since the last table, not yet placed
    tables = 0
    paragraphs = 0
    in_toc = False                  # inside the 目录: its lines are not the narrative
    listing = False                 # and they are the document's list of tables

    def flush_narrative() -> None:
        nonlocal current
        for number, text, page in pending:
            if current is None or current.has_table:
                current = _Grid(_narrative_name(number, text))
                grids.append(current)
            current.add_text(text, page)
        pending.clear()

    for el in elements:
        tag = el.tag[len(W):] if el.tag.startswith(W) else ""
        if tag == "p":
            text = _paragraph_text(el).strip()
            if not text:
                continue
            paragraphs += 1
            if TOC_HEADING.match(norm(text)):
                flush_narrative()
                in_toc = True
                listing = not text.startswith("Overview")     # LibreOffice's list of sheets is no 目录
                continue
            if CAPTION.match(text):
                in_toc = False
            if in_toc and not _is_part_heading(text, _style_name(el)):
                if listing:
                    toc.append(text)
                    toc_pages.append(pages.of(el))
                continue
            in_toc = False
            if not CAPTION.match(text) and _is_part_heading(text, _style_name(el)) and not _is_title(text):
                flush_narrative()
                current = _Grid(_narrative_name(paragraphs, text))
                grids.append(current)
                current.add_text(text, pages.of(el))
                continue
            pending.append((paragraphs, text, pages.of(el)))
        elif tag == "tbl":
            if in_toc:
                given_back = _table_heads(toc)       # taken off the end of toc
                pending.extend((paragraphs, t, p) for t, p in zip(given_back, toc_pages[len(toc):]))
                del toc_pages[len(toc):]
            in_toc = False
            table = read_table(el, pages)
            if not any(t for row in table.rows for t in row):
                continue
            tables += 1
            # the lines that head this table: from the last title (or caption) before it on
            texts = [t for _, t, _ in pending]
            head_at = next((i for i in range(len(texts) - 1, -1, -1)
                            if _is_title(texts[i]) or CAPTION.match(texts[i])), None)
            if head_at is None:        # no title: the 编制单位/单位 lines right above it
                head_at = len(texts)
                while head_at > 0 and len(texts) - head_at < 2 and _is_heading_text(texts[head_at - 1]):
                    head_at -= 1
                titled_above = False
            else:
                titled_above = True
            heads = texts[head_at:]
            head_pages = [p for _, _, p in pending[head_at:]]
            pending[head_at:] = []
            continued = (not titled_above and current is not None and current.has_table and not pending
                         and not _titled(table))
            flush_narrative()
            if not continued:
                caption = next((" ".join(CAPTION.sub("", t).split()) for t in heads if CAPTION.match(t)), "")
                title = caption or next((norm(t) for t in heads if _is_title(t)), "")
                current = _Grid(f"表格{tables} {title}".strip())
                current.width = max((len(r) for r in table.rows), default=0)
                grids.append(current)
            for text, page in zip(heads, head_pages):
                if not CAPTION.match(text):
                    current.add_meta(text, page)
            current.add_table(table)
    flush_narrative()
    if tables == 0:
        raise InputError(str(path), "Word 文档中没有任何表格，不像是预算公开文件（公开表应为 Word 表格）；"
                         "若这只是情况说明，请用 --narrative 与工作簿一起校验。")
    return WordDocument([g.build() for g in grids], toc, toc_pages)


def _narrative_name(number: int, text: str) -> str:
    """A narrative grid's name: the paragraph it starts at, and its part's heading when it opens
    with one ("第12段 项目经费情况说明": a project's own heading is named as its part)."""
    title = _part_title(norm(text).replace(" ", "")) if _is_part_heading(text, "") else ""
    return f"第{number}段 {title}".strip()

