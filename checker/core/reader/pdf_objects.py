"""A page's characters and ruling lines read with pdfium, as pdfplumber would have them.

pdfplumber gets a page's objects from pdfminer, which interprets the page's content stream in
Python: on a disclosure (every character set by its own text operators, every cell border its
own rectangle) that is about 45 ms of CPU a page, most of a PDF's checking time. pdfium (C,
installed with pdfplumber as ``pypdfium2``) parses the same page in under 10 ms. This module reads
the characters, rectangles and lines from pdfium's page and gives them the geometry pdfminer
gives them, so that pdfplumber's own table finder and text extraction, given these objects instead
(``Page._objects``), find the same tables and lines:

* a character's box is pdfminer's: from its origin, its advance (pdfium's loose box is the
  advance wide) and, vertically, the font's descent to one font size above it (pdfium's loose box
  is ascent to descent, which pdfminer does not use);
* a path is split into its subpaths as pdfminer splits it, and each becomes a line (two points)
  or a rectangle (four axis-aligned corners, closed), its points through the path's matrix.

Only what this reproduces exactly is read so: a page with a rotated or vertical character, text
whose Unicode pdfium had to guess, spaces printed inside a line by a text object of their own
(pdfium's text page drops such an ink-less object, where pdfminer keeps every space glyph:
LibreOffice prints a space before 》 so; blanks that indent a line are dropped too, harmlessly, as
pdfplumber strips them from the line), curves or other polygons, a form
XObject (objects drawn through a nested content stream), or no characters at all (a scan: its
images matter) gives None, and the reader parses that page with pdfminer as before.

pdfium is one C library for the whole process and not safe to call from two threads at once
(two PDFs checked in threads, as ``checker.api.check_file`` under Dask's threaded scheduler):
every call into it here holds :data:`PDFIUM_LOCK`, and a page that cannot have it within
:data:`LOCK_WAIT` seconds is parsed by pdfminer instead (slower, never wrong).
"""
from __future__ import annotations

import ctypes
import threading
from typing import Any, Optional

UPRIGHT_TOLERANCE = 1e-9
# the pdfium functions read here (an older pypdfium2 may lack one: pdfminer then reads every page)
USED = ("FPDFText_LoadPage", "FPDFText_ClosePage", "FPDFText_CountChars", "FPDFText_IsGenerated",
        "FPDFText_GetUnicode", "FPDFText_HasUnicodeMapError", "FPDFText_GetMatrix", "FPDFText_GetLooseCharBox",
        "FPDFText_GetCharOrigin", "FPDFText_GetTextObject", "FPDFText_GetFontSize", "FPDFTextObj_GetFont",
        "FPDFFont_GetBaseFontName", "FPDFPage_CountObjects", "FPDFPage_GetObject", "FPDFPageObj_GetType",
        "FPDFPageObj_GetMatrix", "FPDFPath_CountSegments", "FPDFPath_GetPathSegment", "FPDFPathSegment_GetType",
        "FPDFPathSegment_GetPoint", "FPDFPathSegment_GetClose", "FPDFTextObj_GetText", "FPDFPageObj_GetBounds")


PDFIUM_LOCK = threading.Lock()      # the process's one pdfium library (see the module text)
LOCK_WAIT = 2.0                     # seconds a page waits for pdfium before pdfminer reads it


class FastPages:
    """The PDF's bytes opened with pdfium, for :func:`page_objects` page by page; every call into
    pdfium holds :data:`PDFIUM_LOCK`."""

    def __init__(self, document: Any) -> None:
        self.document = document

    @classmethod
    def open(cls, data: bytes) -> Optional["FastPages"]:
        """None when pypdfium2 lacks a function used here, pdfium cannot open the bytes, or another
        thread holds pdfium too long: pdfminer then reads every page."""
        if not usable() or not PDFIUM_LOCK.acquire(timeout=LOCK_WAIT):
            return None
        try:
            import pypdfium2 as pdfium

            return cls(pdfium.PdfDocument(data))
        except Exception:       # pdfium's own errors or any other: pdfminer opened the file, it reads it
            return None
        finally:
            PDFIUM_LOCK.release()

    def objects(self, index: int, page: Any) -> Optional[dict[str, list[dict]]]:
        """:func:`page_objects` of page ``index`` (0-based), pdfplumber's ``page``."""
        if not PDFIUM_LOCK.acquire(timeout=LOCK_WAIT):
            return None
        try:
            fast = self.document[index]
            try:
                return page_objects(fast.raw, page)
            finally:
                fast.close()
        finally:
            PDFIUM_LOCK.release()

    def close(self) -> None:
        with PDFIUM_LOCK:
            self.document.close()


def usable() -> bool:
    """Is pypdfium2 installed with every function this module calls?"""
    try:
        import pypdfium2.raw as raw
    except ImportError:
        return False
    return all(hasattr(raw, name) for name in USED)


def _matrix_point(m: tuple, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def _subset_free(name: str) -> str:
    """A font's base name without its subset tag ("LNUHNF+SimSun" → "SimSun"), as pdfium gives it."""
    head, plus, rest = name.partition("+")
    return rest if plus and len(head) == 6 and head.isupper() else name


def _page_descents(page: Any) -> Optional[dict[str, float]]:
    """The descent (per unit of font size) pdfminer gives the characters of each of the page's
    fonts, by base name: pdfminer takes it from the font's descriptor (0 when the descriptor says
    0, where pdfium measures the font instead). The fonts are pdfminer's own, made as its
    interpreter makes them (and kept by its resource manager for the next page). None when two
    fonts of one name differ, or a font is vertical or a Type 3 font."""
    from pdfminer.pdffont import PDFType3Font
    from pdfminer.pdftypes import PDFObjRef, dict_value

    resources = page.page_obj.resources or {}
    out: dict[str, float] = {}
    for spec in dict_value(resources.get("Font", {})).values():
        objid = spec.objid if isinstance(spec, PDFObjRef) else None
        font = page.pdf.rsrcmgr.get_font(objid, dict_value(spec))
        if isinstance(font, PDFType3Font) or font.is_vertical():
            return None
        name = _subset_free(str(getattr(font, "basefont", "") or ""))
        if out.setdefault(name, font.get_descent()) != font.get_descent():
            return None
    return out


def _font_name(raw: Any, font: Any) -> str:
    size = raw.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(max(size, 1))
    raw.FPDFFont_GetBaseFontName(font, buffer, size)
    return _subset_free(buffer.value.decode("utf-8", "replace"))


def _chars(raw: Any, textpage: Any, page: Any, height: float) -> Optional[list[dict]]:
    """The page's characters as pdfplumber's char dicts, or None when one is not a plain upright
    character with a known Unicode in one of the page's own fonts."""
    descents = _page_descents(page)
    if descents is None:
        return None
    count = raw.FPDFText_CountChars(textpage)
    chars: list[dict] = []
    matrix = raw.FS_MATRIX()
    box = raw.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    font_descents: dict[Optional[int], Optional[float]] = {}
    doctop = page.initial_doctop
    number = page.page_number
    for i in range(count):
        if raw.FPDFText_IsGenerated(textpage, i):
            continue            # a space or line break pdfium added between words, not printed
        code = raw.FPDFText_GetUnicode(textpage, i)
        if (raw.FPDFText_HasUnicodeMapError(textpage, i) or not code or 0xD800 <= code <= 0xDFFF
                or not raw.FPDFText_GetMatrix(textpage, i, matrix) or not raw.FPDFText_GetLooseCharBox(textpage, i, box)
                or not raw.FPDFText_GetCharOrigin(textpage, i, x, y)):
            return None
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
        if abs(b) > UPRIGHT_TOLERANCE or abs(c) > UPRIGHT_TOLERANCE or a <= 0 or d <= 0:
            return None
        font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(textpage, i))
        key = ctypes.cast(font, ctypes.c_void_p).value
        if key not in font_descents:
            font_descents[key] = descents.get(_font_name(raw, font)) if font else None
        descent = font_descents[key]
        if descent is None:
            return None         # a font not among the page's (a form's, an annotation's)
        size = raw.FPDFText_GetFontSize(textpage, i)
        # pdfminer's box: from the origin to the advance (the loose box's right edge), and from
        # the font's descent to one font size above it
        x0, x1 = x.value, box.right
        y0 = y.value + d * descent * size
        y1 = y0 + d * size
        top, bottom = height - y1, height - y0
        chars.append({"text": chr(code), "x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": top,
                      "bottom": bottom, "doctop": doctop + top, "width": x1 - x0, "height": y1 - y0,
                      "size": y1 - y0, "upright": True, "matrix": (a, b, c, d, x0, y.value),
                      "object_type": "char", "page_number": number})
    return chars


BLANKS = (0, 0x20, 0x3000)
WORD_GAP = 3.5      # pdfplumber's x_tolerance (3) and a margin: a wider gap splits words anyway
INKED = 0.01        # pdfium's text page skips a text object narrower than this (kSizeEpsilon)


def _blank_text_origins(raw: Any, pdfium_page: Any, textpage: Any) -> Optional[list[tuple[float, float]]]:
    """Where the page's text objects that ink nothing begin (their origin, in PDF space), or None
    when one holds more than spaces or pdfium cannot say where it is: pdfium's text page leaves
    out every text object of no width (its bounds are its glyphs' ink), where pdfminer keeps each
    glyph. A run of spaces between inked characters has a width, and pdfium keeps a space of it."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    buffer = (ctypes.c_ushort * 64)()
    matrix = raw.FS_MATRIX()
    out: list[tuple[float, float]] = []
    for i in range(raw.FPDFPage_CountObjects(pdfium_page)):
        obj = raw.FPDFPage_GetObject(pdfium_page, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
            continue
        if raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top) and right.value - left.value >= INKED:
            continue
        # the object's text (UTF-16 with its terminating zero; its start is enough to tell)
        size = raw.FPDFTextObj_GetText(obj, textpage, buffer, ctypes.sizeof(buffer))
        units = buffer[:max(0, min(size // 2, len(buffer)) - 1)]
        if not all(unit in BLANKS for unit in units) or not raw.FPDFPageObj_GetMatrix(obj, matrix):
            return None
        out.append((matrix.e, matrix.f))
    return out


def _blank_inside_a_line(chars: list[dict], blanks: list[tuple[float, float]]) -> bool:
    """Is one of the blank objects printed between two characters of a line (on their baseline)
    that stand closer than pdfplumber's word gap (:data:`WORD_GAP`)? There its spaces are text
    ("批复 》") that only pdfminer's characters keep. Wider apart, pdfplumber puts the space in from
    the gap either way; blanks that indent or end a line it strips from the line."""
    for x, y in blanks:
        line = [c for c in chars if abs(c["matrix"][5] - y) < 0.5]
        left = max((c["x1"] for c in line if c["x1"] <= x + 0.5), default=None)
        right = min((c["x0"] for c in line if c["x0"] >= x - 0.5), default=None)
        if left is not None and right is not None and right - left <= WORD_GAP:
            return True
    return False


def _subpaths(raw: Any, path: Any) -> Optional[list[tuple[str, list[tuple[float, float]]]]]:
    """The path's subpaths as pdfminer sees them: the shape ("mlllh") and a point per operator
    (an "h" has the subpath's first point), in page space; None if it holds a curve."""
    matrix = raw.FS_MATRIX()
    placed = raw.FPDFPageObj_GetMatrix(path, matrix)
    m = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[tuple[str, list[tuple[float, float]]]] = []
    for i in range(raw.FPDFPath_CountSegments(path)):
        segment = raw.FPDFPath_GetPathSegment(path, i)
        kind = raw.FPDFPathSegment_GetType(segment)
        if (not placed or kind not in (raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO)
                or not raw.FPDFPathSegment_GetPoint(segment, x, y)):
            return None
        point = _matrix_point(m, x.value, y.value)
        if kind == raw.FPDF_SEGMENT_MOVETO or not out:
            out.append(("m", [point]))
        else:
            shape, points = out[-1]
            out[-1] = (shape + "l", points + [point])
        if raw.FPDFPathSegment_GetClose(segment):
            shape, points = out[-1]
            out[-1] = (shape + "h", points + [points[0]])
    return out


def _box(pts: list[tuple[float, float]], height: float, doctop: float, number: int, kind: str) -> dict:
    x0, x1 = sorted((pts[0][0], pts[-1][0] if kind == "line" else pts[2][0]))
    y0, y1 = sorted((pts[0][1], pts[-1][1] if kind == "line" else pts[2][1]))
    top, bottom = height - y1, height - y0
    return {"x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": top, "bottom": bottom, "doctop": doctop + top,
            "width": x1 - x0, "height": y1 - y0, "pts": [(px, height - py) for px, py in pts],
            "object_type": kind, "page_number": number}


def _shapes(raw: Any, pdfium_page: Any, page: Any, height: float) -> Optional[dict[str, list[dict]]]:
    """The page's rectangles and lines (pdfminer's LTRect and LTLine), or None when an object is a
    form XObject or a path that is neither (pdfminer would make a curve of it)."""
    rects: list[dict] = []
    lines: list[dict] = []
    doctop, number = page.initial_doctop, page.page_number
    for i in range(raw.FPDFPage_CountObjects(pdfium_page)):
        obj = raw.FPDFPage_GetObject(pdfium_page, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            return None
        if kind != raw.FPDF_PAGEOBJ_PATH:
            continue            # text is read from the text page; images only matter on a scan
        subpaths = _subpaths(raw, obj)
        if subpaths is None:
            return None
        for shape, pts in subpaths:
            if len(shape) > 3 and shape.endswith("lh") and pts[-2] == pts[0]:
                shape, pts = shape[:-2] + "h", pts[:-2] + pts[-1:]      # pdfminer drops the redundant "l"
            if shape in ("ml", "mlh"):
                lines.append(_box(pts[:2], height, doctop, number, "line"))
            elif shape in ("mlllh", "mllll") and pts[0] == pts[4] and _square(pts):
                rects.append(_box(pts, height, doctop, number, "rect"))
            else:
                return None     # pdfminer makes a curve of it (of a lone "m" too)
    return {"rect": rects, "line": lines}


def _square(pts: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def page_objects(pdfium_page: Any, page: Any) -> Optional[dict[str, list[dict]]]:
    """The objects pdfplumber's ``page`` (its ``objects``) would hold, read from the same page
    opened with pdfium, or None when pdfminer must read this page (see the module text)."""
    import pypdfium2.raw as raw

    height = float(page.height)
    if page.rotation or page.mediabox[0] != 0 or page.mediabox[1] != 0:
        return None             # pdfplumber's coordinates are shifted or turned there
    # a page pdfium has loaded always has a text page (FPDFText_LoadPage fails only without one)
    textpage = raw.FPDFText_LoadPage(pdfium_page)
    try:
        chars = _chars(raw, textpage, page, height)
        blanks = _blank_text_origins(raw, pdfium_page, textpage) if chars else []
    finally:
        raw.FPDFText_ClosePage(textpage)
    if not chars or blanks is None or _blank_inside_a_line(chars, blanks):
        return None
    shapes = _shapes(raw, pdfium_page, page, height)
    if shapes is None:
        return None
    return {"char": chars, **shapes}
