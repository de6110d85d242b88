"""Pages read with pdfium give pdfplumber the objects pdfminer would (checker/core/reader/
pdf_objects.py), the table cells' texts are pdfplumber's (pdf_cells.py), and a page pdfium's
reading cannot stand in for is parsed by pdfminer as before.

The real disclosure (商务委员会 2025, 26 pages) is read both ways and compared object by object;
the pages that must go to pdfminer are written byte by byte here (rotated text, a curve, a
form XObject, a polygon, a turned page, a page without text, two fonts of one name).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

pdfplumber = pytest.importorskip("pdfplumber")
pdfium = pytest.importorskip("pypdfium2")

from checker.core.reader import pdf as reader  # noqa: E402
from checker.core.reader import pdf_objects  # noqa: E402
from checker.core.reader.pdf_cells import RuledTable  # noqa: E402
from checker.core.reader.pdf_objects import FastPages, _subset_free, page_objects, usable  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "seeds_shanghai"))
from extract import SOURCES, shared_dir  # noqa: E402
from pdfpages import write_pdf  # noqa: E402

SHARED = shared_dir()
COMMERCE = SHARED / SOURCES["sh_commerce_dept_2025"] if SHARED else None
needs_pdf = pytest.mark.skipif(COMMERCE is None or not COMMERCE.is_file(), reason="the Shanghai PDFs are not available")
GEOMETRY = ("x0", "x1", "top", "bottom", "doctop")


def _key(obj: dict) -> tuple:
    return (round(obj["top"], 1), round(obj["x0"], 1), obj.get("text", ""))


def _same_objects(mine: list[dict], theirs: list[dict]) -> None:
    assert len(mine) == len(theirs)
    for a, b in zip(sorted(mine, key=_key), sorted(theirs, key=_key)):
        assert a.get("text") == b.get("text")
        for k in GEOMETRY:
            assert a[k] == pytest.approx(b[k], abs=1e-3), (k, a, b)


@pytest.fixture(scope="module")
def both_ways():
    """Each page of the real PDF: pdfplumber's own objects (parsed by pdfminer) and the objects
    read with pdfium, and the tables pdfplumber's finder finds on the latter."""
    out = []
    with pdfplumber.open(COMMERCE) as plumber:
        doc = pdfium.PdfDocument(str(COMMERCE))
        try:
            for i, page in enumerate(plumber.pages):
                theirs = {k: list(page.objects.get(k, [])) for k in ("char", "rect", "line", "curve")}
                page.flush_cache()
                fast = doc[i]
                mine = page_objects(fast.raw, page)
                fast.close()
                tables = []
                if mine is not None:
                    page._objects = mine
                    tables = [(t.extract(), RuledTable.of(t).extract(), t.extract(x_tolerance=2),
                               RuledTable.of(t).extract(x_tolerance=2)) for t in page.find_tables()]
                    page.flush_cache()
                out.append((theirs, mine, tables))
        finally:
            doc.close()
    return out


@needs_pdf
def test_every_page_of_a_real_disclosure_is_read_with_pdfiums_objects_equal_to_pdfminers(both_ways):
    for theirs, mine, _ in both_ways:
        assert mine is not None
        assert not theirs["curve"]
        _same_objects(mine["rect"], theirs["rect"])
        _same_objects(mine["line"], theirs["line"])
        # pdfium leaves out the blanks that indent a line (pdfplumber strips them from a line's
        # text and its box alike); every other character is there, at pdfminer's place
        printed = [c for c in theirs["char"] if c["text"].strip()]
        _same_objects([c for c in mine["char"] if c["text"].strip()], printed)
        blanks = {c["text"] for c in theirs["char"]} - {c["text"] for c in printed}
        assert blanks <= {" ", "\u3000"}


@needs_pdf
def test_the_cell_texts_are_pdfplumbers_own(both_ways):
    tables = [t for _, _, page_tables in both_ways for t in page_tables]
    assert len(tables) >= 12
    for plumber, mine, plumber_args, mine_args in tables:
        assert mine == plumber
        assert mine_args == plumber_args


@needs_pdf
def test_the_disclosure_reads_into_the_same_grids_with_pdfium_as_with_pdfminer_alone(monkeypatch):
    def snapshot():
        doc = reader.load_pdf(COMMERCE)
        return [(g.name, g.rows, g.merges, g.row_pages) for g in doc.grids], doc.contents

    fast = snapshot()
    monkeypatch.setattr(pdf_objects, "usable", lambda: False)
    assert snapshot() == fast
    assert len(fast[0]) >= 10


# ---------------------------------------------------------------- pages pdfminer must read

PLAIN = b"BT /F1 12 Tf 72 720 Td (Budget 2025 page) Tj ET 72 600 200 100 re f 72 580 m 272 580 l S"


def read_both(path: Path) -> list[tuple[dict, object]]:
    with pdfplumber.open(path) as plumber:
        doc = pdfium.PdfDocument(str(path))
        try:
            out = []
            for i, page in enumerate(plumber.pages):
                fast = doc[i]
                out.append(({k: list(page.objects.get(k, [])) for k in ("char", "rect", "line")}, page_objects(fast.raw, page)))
                fast.close()
            return out
        finally:
            doc.close()


def test_a_plain_page_of_text_a_rectangle_and_a_line_is_read_with_pdfium(tmp_path):
    [(theirs, mine)] = read_both(write_pdf(tmp_path / "plain.pdf", [(PLAIN, b"")]))
    assert mine is not None
    assert "".join(c["text"] for c in mine["char"]) == "Budget 2025 page"
    for kind in ("char", "rect", "line"):
        assert mine[kind], kind
        _same_objects(mine[kind], theirs[kind])


def test_a_lone_move_draws_no_edge_either_way(tmp_path):
    """pdfminer makes a curve of one point of a move not followed by a line (it adds no edge);
    pdfium leaves it out."""
    from pdfplumber.utils import curve_to_edges

    pdf = write_pdf(tmp_path / "moves.pdf", [(PLAIN + b" 72 300 m 90 300 m 150 300 l S", b"")])
    with pdfplumber.open(pdf) as plumber:
        curves = plumber.pages[0].curves
    assert all(not curve_to_edges(c) for c in curves)
    [(theirs, mine)] = read_both(pdf)
    assert mine is not None
    _same_objects(mine["line"], theirs["line"])
    assert len(mine["line"]) == 2


@pytest.mark.parametrize("content, resources, why", [
    (b"BT /F1 12 Tf 0 1 -1 0 300 400 Tm (Turned) Tj ET", b"", "rotated text"),
    (PLAIN + b" 72 500 m 100 550 150 550 200 500 c S", b"", "a curve"),
    (PLAIN + b" 72 400 m 172 400 l 122 480 l h f", b"", "a triangle"),
    (b"/Fm1 Do", b"/XObject << /Fm1 6 0 R >>", "a form XObject, its text in a font of its own"),
    (PLAIN + b" /Fm1 Do", b"/XObject << /Fm1 8 0 R >>", "a form XObject, its text in the page's font"),
    (b"72 600 200 100 re f", b"", "no text"),
])
def test_a_page_pdfium_cannot_stand_in_for_is_left_to_pdfminer(tmp_path, content, resources, why):
    # the form's text is in a font of its own, which is none of the page's
    form_content = b"BT /F9 12 Tf 72 720 Td (In a form) Tj ET"
    form = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F9 7 0 R >> >> "
            b"/Length %d >>\nstream\n%s\nendstream" % (len(form_content), form_content))
    courier = b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"
    same_font = form.replace(b"/F9 7 0 R", b"/F9 3 0 R")
    pdf = write_pdf(tmp_path / "page.pdf", [(content, resources)], extra=[form, courier, same_font])
    [(theirs, mine)] = read_both(pdf)
    assert mine is None, why
    if theirs["char"]:
        # and the reader still reads the page, through pdfminer
        grids = reader.load_pdf_grids(pdf)
        assert grids and any(v for g in grids for row in g.rows for v in row if v)


def test_a_turned_page_and_two_fonts_of_one_name_are_left_to_pdfminer(tmp_path):
    [(_, turned)] = read_both(write_pdf(tmp_path / "turned.pdf", [(PLAIN, b"")], page_keys=b"/Rotate 90"))
    assert turned is None
    descriptor = b"<< /Type /FontDescriptor /FontName /ABCDEF+Same /Flags 32 /FontBBox [0 -200 1000 900] /Ascent 800 /Descent %d /ItalicAngle 0 /StemV 80 /CapHeight 700 >>"
    font = b"<< /Type /Font /Subtype /TrueType /BaseFont /%s+Same /FirstChar 32 /LastChar 126 /Widths [%s] /FontDescriptor %d 0 R >>"
    widths = b" ".join([b"500"] * 95)
    extra = [descriptor % -200, descriptor % -300, font % (b"ABCDEF", widths, 6), font % (b"GHIJKL", widths, 7)]
    content = b"BT /F2 12 Tf 72 720 Td (One) Tj /F3 12 Tf 72 700 Td (Two) Tj ET"
    [(theirs, mine)] = read_both(write_pdf(tmp_path / "fonts.pdf", [(content, b"")], extra=extra,
                                           fonts=b"/F1 3 0 R /F2 8 0 R /F3 9 0 R"))
    assert theirs["char"] and mine is None
    # glyph names pdfium finds no Unicode for (pdfminer guesses from the name)
    odd = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /Differences [65 /g123 /uniE000] >> >>"
    content = b"BT /F1 12 Tf 72 720 Td (Budget) Tj /F2 12 Tf (AB) Tj ET"
    [(theirs, mine)] = read_both(write_pdf(tmp_path / "names.pdf", [(content, b"")], extra=[odd], fonts=b"/F1 3 0 R /F2 6 0 R"))
    assert len(theirs["char"]) == 8 and mine is None
    # a vertical (CJK top-to-bottom) font among the page's
    vertical = (b"<< /Type /Font /Subtype /Type0 /BaseFont /Tall /Encoding /Identity-V /DescendantFonts [<< /Type /Font "
                b"/Subtype /CIDFontType2 /BaseFont /Tall /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
                b"/Supplement 0 >> /FontDescriptor 6 0 R >>] >>")
    [(theirs, mine)] = read_both(write_pdf(tmp_path / "vertical.pdf", [(PLAIN, b"")], extra=[descriptor % -200, vertical],
                                           fonts=b"/F1 3 0 R /F2 7 0 R"))
    assert theirs["char"] and mine is None


def test_without_the_pdfium_functions_it_needs_every_page_goes_to_pdfminer(tmp_path, monkeypatch):
    import pypdfium2.raw as raw

    pdf = write_pdf(tmp_path / "plain.pdf", [(PLAIN, b"")])
    assert usable()
    grids = reader.load_pdf_grids(pdf)
    monkeypatch.delattr(raw, "FPDFFont_GetBaseFontName")
    assert not usable()
    monkeypatch.setitem(sys.modules, "pypdfium2.raw", None)     # not installed at all
    assert not usable()
    assert FastPages.open(pdf.read_bytes()) is None
    assert [g.rows for g in reader.load_pdf_grids(pdf)] == [g.rows for g in grids]
    assert any("Budget 2025 page" in str(v) for g in grids for row in g.rows for v in row)


def test_a_pdf_pdfium_cannot_open_is_read_by_pdfminer():
    assert FastPages.open(b"%PDF-1.4 not really") is None


def test_while_another_thread_holds_pdfium_the_pages_go_to_pdfminer(tmp_path, monkeypatch):
    pdf = write_pdf(tmp_path / "plain.pdf", [(PLAIN, b"")])
    grids = [g.rows for g in reader.load_pdf_grids(pdf)]
    fast = FastPages.open(pdf.read_bytes())
    assert fast is not None
    monkeypatch.setattr(pdf_objects, "LOCK_WAIT", 0.01)
    with pdfplumber.open(pdf) as plumber:
        assert fast.objects(0, plumber.pages[0]) is not None
        with pdf_objects.PDFIUM_LOCK:
            assert fast.objects(0, plumber.pages[0]) is None
            assert FastPages.open(pdf.read_bytes()) is None
            assert [g.rows for g in reader.load_pdf_grids(pdf)] == grids
    fast.close()


def test_subset_tags_are_dropped_from_font_names():
    assert _subset_free("LNUHNF+SimSun") == "SimSun"
    assert _subset_free("SimSun") == "SimSun"
    assert _subset_free("Not+Subset") == "Not+Subset"
    assert pdf_objects.USED and all(name.startswith("FPDF") for name in pdf_objects.USED)


def _spaced(space_at: float, words_at: tuple[float, float], first: bytes = b"AB") -> bytes:
    """A line of two words in Helvetica 12 on one baseline, and a space set by a text object of
    its own (as LibreOffice sets one): at ``space_at``, the words at ``words_at``."""
    a, b = words_at
    return (b"BT /F1 12 Tf %.2f 720 Td (%s) Tj ET BT /F1 12 Tf %.2f 720 Td ( ) Tj ET "
            b"BT /F1 12 Tf %.2f 720 Td (CD) Tj ET" % (a, first, space_at, b))


def test_a_space_printed_alone_inside_a_line_leaves_the_page_to_pdfminer(tmp_path):
    """pdfium's text page leaves out a text object that inks nothing; where it stood between two
    characters closer than pdfplumber's word gap ("批复 》"), the space would be lost."""
    # "AB" ends at 72 + 2 × 8.004; the space (3.336 wide) follows it, "CD" right after the space
    close = write_pdf(tmp_path / "close.pdf", [(_spaced(88.01, (72, 91.35)), b"")])
    [(theirs, mine)] = read_both(close)
    assert "".join(c["text"] for c in theirs["char"]) == "AB CD" and mine is None
    assert any(row[0] == "AB CD" for g in reader.load_pdf_grids(close) for row in g.rows)


@pytest.mark.parametrize("space_at, words_at, why", [
    (60.0, (72, 91.35), "a blank before the line's first word (an indent): pdfplumber strips it"),
    (88.01, (72, 100.0), "a blank in a gap wider than a word gap: pdfplumber puts a space in either way"),
    (130.0, (72, 91.35), "a blank after the line's last word"),
])
def test_a_blank_that_costs_no_text_keeps_the_page_with_pdfium(tmp_path, space_at, words_at, why):
    pdf = write_pdf(tmp_path / "blank.pdf", [(_spaced(space_at, words_at), b"")])
    [(theirs, mine)] = read_both(pdf)
    assert mine is not None, why
    assert " " in {c["text"] for c in theirs["char"]}          # pdfminer has the blank, pdfium not
    fast = [g.rows for g in reader.load_pdf_grids(pdf)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_objects, "usable", lambda: False)
        assert [g.rows for g in reader.load_pdf_grids(pdf)] == fast, why


def test_a_blank_pdfium_cannot_place_leaves_the_page_to_pdfminer(tmp_path, monkeypatch):
    import pypdfium2.raw as raw

    pdf = write_pdf(tmp_path / "blank.pdf", [(_spaced(60.0, (72, 91.35)), b"")])
    assert read_both(pdf)[0][1] is not None
    monkeypatch.setattr(raw, "FPDFPageObj_GetMatrix", lambda obj, matrix: False)
    assert read_both(pdf)[0][1] is None
