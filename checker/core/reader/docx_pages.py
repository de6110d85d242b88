"""The page each paragraph and table row of a .docx is printed on, where the file records it.

A .docx holds no pages: the application that opens it lays them out. What the file can record:

* ``w:lastRenderedPageBreak``: where each page began when the file was last saved by an application
  that lays out pages (Word writes it; LibreOffice does not) — a record of the rendering;
* the breaks the author put in: a page break (``w:br w:type="page"``), "page break before" on a
  paragraph or its style (``w:pageBreakBefore``), a section starting on a new page (``w:sectPr``
  with ``w:type`` nextPage — the default — or oddPage/evenPage; not continuous).

Pages are counted from these marks, a hard break followed by Word's record of the same page start
counted once. When the file records a rendering, every paragraph and row gets its page. When it
records only the author's breaks, a page may also have ended because it was full, which only a
layout would show: a stretch between two breaks keeps its pages only while its content fits on
one page by a deliberately generous estimate of its height (every line taller and fuller than
print makes it, at the largest font size in the paragraph); from the first paragraph or row where
the stretch may have run onto another page, and for everything after it, no page is given — as
when the file records no break at all (the whole document could be one page or many). Nothing is
guessed: where a page is given it is the page of the print.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Optional

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIP = 1 / 20                    # points per twip
DEFAULT_SIZE = 10.5              # points: 五号, Word's default for Chinese text
LINE = 1.5                       # line height per point of font size: more than single spacing prints
NARROW = 0x80                    # ASCII is counted 0.6 em wide; everything else ("…" too) a full em
CELL_MARGIN = 12.0               # points of a cell's width not available to its text (both sides)
ROW_EXTRA = 4.0                  # points added to each table row (cell margins, borders)
FILL = 0.9                       # a stretch is taken to fit while its estimate is under this share of the page


def _on(el) -> bool:
    """A w:ST_OnOff element: on unless its w:val says false/0/off."""
    return el is not None and el.get(W + "val", "true") not in ("false", "0", "off")


def _int(el, name: str) -> Optional[int]:
    try:
        return int(el.get(W + name)) if el is not None and el.get(W + name) is not None else None
    except ValueError:
        return None


@dataclass
class _Style:
    break_before: bool = False
    size: Optional[float] = None


def _styles(document) -> tuple[dict[str, _Style], float]:
    """Each paragraph style's "page break before" and font size (following w:basedOn), and the
    document's default font size."""
    try:
        root = document.styles.element
    except Exception:        # pragma: no cover - python-docx gives every document a styles part
        return {}, DEFAULT_SIZE
    default = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
    size = (_int(default, "val") or 2 * DEFAULT_SIZE) / 2
    raw: dict[str, tuple[Optional[str], Optional[bool], Optional[float]]] = {}
    for style in root.iterchildren(W + "style"):
        if style.get(W + "type") not in ("paragraph", None):
            continue
        based = style.find(W + "basedOn")
        ppr = style.find(W + "pPr")
        pbb = ppr.find(W + "pageBreakBefore") if ppr is not None else None
        sz = style.find(f"{W}rPr/{W}sz")
        raw[style.get(W + "styleId", "")] = (based.get(W + "val") if based is not None else None,
                                              _on(pbb) if pbb is not None else None,
                                              (_int(sz, "val") or 0) / 2 or None)
    out: dict[str, _Style] = {}
    for sid in raw:
        brk, sz, seen, at = None, None, set(), sid
        while at in raw and at not in seen:       # the chain of w:basedOn, bounded by what is seen
            seen.add(at)
            based, b, s = raw[at]
            brk = b if brk is None else brk
            sz = s if sz is None else sz
            at = based
        out[sid] = _Style(bool(brk), sz)
    return out, size


@dataclass
class _Unit:
    """A paragraph or a table row: the page its content starts on and its estimated height."""

    element: object
    page: int
    height: float
    new_page: bool             # it starts a page (by a break, not by running over)


@dataclass
class _Geometry:
    width: float = 595.0 - 144.0        # A4 with 1-inch margins, when the file says nothing
    height: float = 842.0 - 144.0


def _geometry(body) -> _Geometry:
    """The narrowest text width and the shortest text height among the document's sections."""
    found = []
    for sect in body.iter(W + "sectPr"):
        size, margin = sect.find(W + "pgSz"), sect.find(W + "pgMar")
        w, h = _int(size, "w"), _int(size, "h")
        if w is None or h is None:
            continue
        left, right = _int(margin, "left") or 0, _int(margin, "right") or 0
        top, bottom = abs(_int(margin, "top") or 0), abs(_int(margin, "bottom") or 0)
        found.append(_Geometry((w - left - right) * TWIP, (h - top - bottom) * TWIP))
    return _Geometry(min(g.width for g in found), min(g.height for g in found)) if found else _Geometry()


def _text_width(text: str, size: float) -> float:
    return sum(size if ord(ch) >= NARROW else 0.6 * size for ch in text)


def _lines(text: str, size: float, width: float) -> int:
    width = max(width, size)
    return sum(max(1, math.ceil(_text_width(part, size) / width)) for part in text.split("\n"))


@dataclass
class _Walk:
    """The walk through the document, in order, counting pages."""

    styles: dict[str, _Style]
    size: float
    geometry: _Geometry
    page: int = 1
    pending: bool = False           # an author's break: the next content starts a new page
    parity: Optional[str] = None    # a section starting on an odd or even page
    content: bool = False           # something is printed on the current page
    rendered: bool = False          # the file records Word's page starts
    units: list[_Unit] = field(default_factory=list)

    def _start_new(self) -> None:
        self.page += 1
        if self.parity == "oddPage" and self.page % 2 == 0 or self.parity == "evenPage" and self.page % 2 == 1:
            self.page += 1          # the blank page before a section that starts on an odd/even page
        self.pending, self.parity, self.content = False, None, False

    def _walk(self, el) -> tuple[Optional[int], bool, float]:
        """Walk ``el``'s marks in order: the page its first content is on (None: it has none),
        whether a break put it on a new page, and the largest font size in it."""
        first: Optional[int] = None
        broke = False
        size = 0.0
        for node in el.iter(W + "p", W + "lastRenderedPageBreak", W + "br", W + "t", W + "drawing", W + "pict", W + "sz"):
            tag = node.tag[len(W):]
            if tag == "p":
                ppr = node.find(W + "pPr")
                style = ppr.find(W + "pStyle") if ppr is not None else None
                own = self.styles.get(style.get(W + "val", "") if style is not None else "Normal", _Style())
                pbb = ppr.find(W + "pageBreakBefore") if ppr is not None else None
                if (_on(pbb) if pbb is not None else own.break_before) and self.content:
                    self.pending = True
                size = max(size, own.size or 0.0)
            elif tag == "lastRenderedPageBreak":
                self.rendered = True
                if self.pending or self.content:
                    self._start_new()
                    broke = broke or first is None
            elif tag == "br":
                if node.get(W + "type") == "page":
                    self.pending = True
            elif tag == "sz":
                size = max(size, (_int(node, "val") or 0) / 2)
            elif (node.text or "").strip() or tag in ("drawing", "pict"):
                if self.pending:
                    self._start_new()
                    broke = broke or first is None
                self.content = True
                if first is None:
                    first = self.page
        return first, broke, size or self.size

    def _section_break(self, p) -> None:
        sect = p.find(f"{W}pPr/{W}sectPr")
        if sect is None:
            return
        kind = sect.find(W + "type")
        kind = kind.get(W + "val", "nextPage") if kind is not None else "nextPage"
        if kind in ("nextPage", "oddPage", "evenPage") and self.content:
            self.pending = True
            self.parity = kind if kind != "nextPage" else None

    def paragraph(self, p, text: str) -> None:
        start = self.page if not self.pending else self.page + 1
        first, broke, size = self._walk(p)
        drawn = p.find(f".//{W}drawing") is not None or p.find(f".//{W}pict") is not None
        height = math.inf if drawn else self._paragraph_height(p, text, size)
        self.units.append(_Unit(p, first if first is not None else start, height, broke))
        self._section_break(p)

    def _paragraph_height(self, p, text: str, size: float) -> float:
        line = LINE * size
        spacing = p.find(f"{W}pPr/{W}spacing")
        extra = 0.0
        if spacing is not None:
            extra = ((_int(spacing, "before") or 0) + (_int(spacing, "after") or 0)) * TWIP
            rule, value = spacing.get(W + "lineRule", "auto"), _int(spacing, "line")
            if value:
                line = max(line, value / 240 * size * LINE if rule == "auto" else value * TWIP)
        return _lines(text, size, self.geometry.width) * line + extra + size      # and a line's space after

    def row(self, tr, cells: list[tuple[str, Optional[float]]]) -> None:
        """A table row, with each cell's text and width (points; None: not recorded)."""
        start = self.page if not self.pending else self.page + 1
        first, broke, size = self._walk(tr)
        drawn = tr.find(f".//{W}drawing") is not None or tr.find(f".//{W}pict") is not None
        share = self.geometry.width / max(len(cells), 1)
        lines = max((_lines(t, size, (w or share) - CELL_MARGIN) for t, w in cells), default=1)
        exact = _int(tr.find(f"{W}trPr/{W}trHeight"), "val")
        height = math.inf if drawn else max(lines * LINE * size + ROW_EXTRA, (exact or 0) * TWIP)
        self.units.append(_Unit(tr, first if first is not None else start, height, broke))

    def pages(self) -> dict[int, Optional[int]]:
        """``id(element)`` → its page, or None where the file does not tell (see the module text)."""
        if self.rendered:
            return {id(u.element): u.page for u in self.units}
        out: dict[int, Optional[int]] = {}
        filled = 0.0
        known = any(u.new_page for u in self.units)
        for u in self.units:
            if u.new_page:
                filled = 0.0
            filled += u.height
            if not known or filled > FILL * self.geometry.height:
                known = False
            out[id(u.element)] = u.page if known else None
        return out


def cell_widths(tr) -> list[tuple[str, Optional[float]]]:
    """A row's cells as (text, width in points when w:tcW records it in twips)."""
    out = []
    for tc in tr.iterchildren(W + "tc"):
        width = tc.find(f"{W}tcPr/{W}tcW")
        twips = _int(width, "w") if width is not None and width.get(W + "type", "dxa") == "dxa" else None
        text = "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in tc.iter(W + "p"))
        out.append((text, twips * TWIP if twips else None))
    return out


def page_walk(document, body) -> _Walk:
    styles, size = _styles(document)
    return _Walk(styles, size, _geometry(body))


@dataclass
class PageMap:
    """The page of each paragraph and table row of a document (None where the file does not tell).
    It holds the elements it was made from, so that lxml hands out the same element objects (and
    ids) for them while it is alive."""

    units: list[_Unit]
    pages: dict[int, Optional[int]]

    def of(self, el) -> Optional[int]:
        return self.pages.get(id(el))


def walk_document(document, elements: Iterable, paragraph_text) -> PageMap:
    """The pages of the paragraphs and table rows among the body's ``elements`` (in order; see the
    module text); ``paragraph_text`` gives a paragraph's text."""
    walk = page_walk(document, document.element.body)
    for el in elements:
        if el.tag == W + "p":
            walk.paragraph(el, paragraph_text(el))
        elif el.tag == W + "tbl":
            for tr in el.iterchildren(W + "tr"):
                walk.row(tr, cell_widths(tr))
    return PageMap(walk.units, walk.pages())
