"""Where on the pages each finding is to be highlighted.

A location names a grid's cell; the reader's provenance map (``Disclosure.places``,
:mod:`checker.core.reader.pdf_places`) gives the boxes that cell was printed in. Inside them the
characters printed are read again (pdfplumber) in reading order, and what the finding quotes
(:mod:`.quotes`) is looked for in their text: found, the highlight covers those characters, one
rectangle per printed line; not found (or nothing quoted), it covers the cell's boxes. A
location the map does not know (a whole document, the 目录's list) has no place on a page.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from ..core.cells import parse_address
from ..core.findings import Finding, Location
from ..core.reader.pdf_places import Box, GridPlaces
from ..core.text import norm
from .quotes import Quote, figure_pattern, narrowers, quotes

INSIDE = 1.0         # points: a character belongs to a box when its centre is this close to it
SAME_LINE = 0.5      # of a character's height: characters whose tops differ less are on one line

Rect = tuple[float, float, float, float]        # x0, top, x1, bottom (pdfplumber's page space)


@dataclass
class Mark:
    """One highlight: ``finding`` at ``location``, on ``page``, over ``rects`` (one per line);
    ``quoted`` is the text found there ("" when the whole cell is highlighted)."""

    finding: Finding
    location: Location
    page: int
    rects: list[Rect]
    quoted: str = ""

    @property
    def bounds(self) -> Rect:
        return (min(r[0] for r in self.rects), min(r[1] for r in self.rects),
                max(r[2] for r in self.rects), max(r[3] for r in self.rects))


@dataclass
class Plan:
    """The highlights, and the findings with no place on a page (listed on the first page's note)."""

    marks: list[Mark] = field(default_factory=list)
    unplaced: list[Finding] = field(default_factory=list)


@dataclass
class _Stream:
    """The characters printed in a place, in reading order, as one text in matching form:
    ``text[i]`` came from ``chars[owner[i]]``."""

    chars: list[dict]
    text: str
    owner: list[int]


def place_boxes(places: dict[str, GridPlaces], loc: Location) -> tuple[Box, ...]:
    """The boxes the cell ``loc`` names was printed in (none for a location without a cell, or on
    a grid the map does not know)."""
    grid = places.get(loc.sheet)
    if grid is None or not loc.cell:
        return ()
    try:
        row, column = parse_address(loc.cell)
    except ValueError:
        return ()
    return grid.boxes(row, column)


def _lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into printed lines, top to bottom, each left to right."""
    out: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        height = max(ch["bottom"] - ch["top"], 1.0)
        if out and abs(out[-1][0]["top"] - ch["top"]) < height * SAME_LINE:
            out[-1].append(ch)
        else:
            out.append([ch])
    return [sorted(line, key=lambda c: c["x0"]) for line in out]


def _inside(ch: dict, box: Box) -> bool:
    x = (ch["x0"] + ch["x1"]) / 2
    y = (ch["top"] + ch["bottom"]) / 2
    return box.x0 - INSIDE <= x <= box.x1 + INSIDE and box.top - INSIDE <= y <= box.bottom + INSIDE


def _stream(boxes: tuple[Box, ...], page_chars: Callable[[int], list[dict]]) -> _Stream:
    chars: list[dict] = []
    seen: set[int] = set()
    printed_lines = 0
    for box in boxes:
        inside = [ch for ch in page_chars(box.page) if id(ch) not in seen and _inside(ch, box)]
        for line in _lines(inside):
            printed_lines += 1
            for ch in line:
                seen.add(id(ch))
                chars.append(dict(ch, page=box.page, line=printed_lines))
    text: list[str] = []
    owner: list[int] = []
    for i, ch in enumerate(chars):
        for out in unicodedata.normalize("NFKC", ch["text"]):
            if not out.isspace():
                text.append(out)
                owner.append(i)
    return _Stream(chars, "".join(text), owner)


def _find(stream: _Stream, quote: Quote, start: int = 0, end: Optional[int] = None) -> Optional[tuple[int, int]]:
    """Where ``quote`` first occurs in ``stream.text[start:end]`` (a span of the whole text)."""
    spans = _occurrences(stream, quote, start, end)
    return spans[0] if spans else None


def _occurrences(stream: _Stream, quote: Quote, start: int = 0, end: Optional[int] = None,
                 most: int = 2) -> list[tuple[int, int]]:
    """Where ``quote`` occurs in ``stream.text[start:end]``, the first ``most`` times."""
    end = len(stream.text) if end is None else end
    out: list[tuple[int, int]] = []
    if quote.figure:
        for m in figure_pattern(quote.text).finditer(stream.text, start, end):
            out.append((m.start(), m.end()))
            if len(out) >= most:
                break
        return out
    wanted = norm(quote.text)
    at = stream.text.find(wanted, start, end) if wanted else -1
    while at >= 0 and len(out) < most:
        out.append((at, at + len(wanted)))
        at = stream.text.find(wanted, at + 1, end)
    return out


def _span(stream: _Stream, wanted: list[Quote], inner: list[Quote]) -> Optional[tuple[int, int]]:
    """The first quote printed exactly once in the place (one printed twice could point at the
    wrong one), narrowed to what the finding points at inside it (:func:`.quotes.narrowers`)."""
    for quote in wanted:
        spans = _occurrences(stream, quote)
        if len(spans) != 1:
            continue
        span = spans[0]
        for narrower in inner:
            if narrower != quote:
                found = _find(stream, narrower, *span)
                if found is not None:
                    return found
        return span
    return None


def _rects(chars: list[dict]) -> dict[int, list[Rect]]:
    """Rectangles around ``chars`` (in reading order), one per page and printed line."""
    lines: dict[tuple[int, int], list[dict]] = {}
    for ch in chars:
        lines.setdefault((ch["page"], ch["line"]), []).append(ch)
    out: dict[int, list[Rect]] = {}
    for (page, _), line in lines.items():
        out.setdefault(page, []).append((min(c["x0"] for c in line), min(c["top"] for c in line),
                                         max(c["x1"] for c in line), max(c["bottom"] for c in line)))
    return out


def marks_at(finding: Finding, loc: Location, boxes: tuple[Box, ...],
             page_chars: Callable[[int], list[dict]]) -> list[Mark]:
    """The highlights for ``finding`` at ``loc`` printed in ``boxes``: over what it quotes there,
    else over the cell (one mark per page)."""
    stream = _stream(boxes, page_chars)
    span = _span(stream, quotes(finding, loc), narrowers(finding, loc))
    if span is not None:
        owners = sorted(set(stream.owner[span[0]:span[1]]))
        chosen = [stream.chars[i] for i in owners]
        quoted = "".join(ch["text"] for ch in chosen)
        return [Mark(finding, loc, page, rects, quoted) for page, rects in _rects(chosen).items()]
    by_page: dict[int, list[Rect]] = {}
    for box in boxes:
        by_page.setdefault(box.page, []).append((box.x0, box.top, box.x1, box.bottom))
    return [Mark(finding, loc, page, rects) for page, rects in by_page.items()]


def plan_marks(places: dict[str, GridPlaces], findings: list[Finding],
               page_chars: Callable[[int], list[dict]]) -> Plan:
    """Every finding's highlights, one per location it has on a page (the same cell named twice
    by one finding is highlighted once); the findings with none are ``unplaced``."""
    plan = Plan()
    for f in findings:
        located = False
        done: set[tuple[str, str]] = set()
        for loc in f.locations:
            key = (loc.sheet, loc.cell.upper())
            boxes = place_boxes(places, loc)
            if not boxes or key in done:
                continue
            done.add(key)
            plan.marks.extend(marks_at(f, loc, boxes, page_chars))
            located = True
        if not located:
            plan.unplaced.append(f)
    return plan


class PageChars:
    """The characters of an open pdfplumber PDF's pages, read once each, as needed (1-based)."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.cache: dict[int, list[dict]] = {}

    def __call__(self, page: int) -> list[dict]:
        if page not in self.cache:
            if not 1 <= page <= len(self.pdf.pages):
                return []
            plumbed = self.pdf.pages[page - 1]
            self.cache[page] = [dict(ch) for ch in plumbed.chars]
            plumbed.flush_cache()
        return self.cache[page]
