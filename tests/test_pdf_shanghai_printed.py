"""The six Shanghai seed workbooks (the district's template layout, tests/seeds_shanghai/build.py)
printed to PDF by headless LibreOffice, set up as a department publishes them (tests/publish.py:
landscape, one page wide), give the workbook's own findings: rule, expected and actual alike; only
the locations move (pages instead of sheets). The real published PDFs are compared with their
transcriptions in tests/test_pdf.py; this is the same document through LibreOffice's printing.

The template's text sheets hold each text in one column sized to Excel's font, wider than the paper
as LibreOffice lays it out: printed at the scale that fits the paper (publish.fit_scale), as a
publisher does when the text runs off the page, their paragraphs, the 目录's numbers and the
narrative's figures are printed whole, and read back as the workbook has them."""
from __future__ import annotations

import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")

from checker.core.engine import Engine, make_plugin_manager  # noqa: E402
from checker.core.pages import page_of  # noqa: E402
from checker.core.reader import read_workbook  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from publish import printed_or_skip, set_up_for_print  # noqa: E402
from test_shanghai_findings import SEEDS  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                reason="LibreOffice is not installed")


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


@pytest.fixture(scope="module")
def printed(shanghai_path, tmp_path_factory):
    """{seed: PDF}, all six printed by one LibreOffice run."""
    work = tmp_path_factory.mktemp("printed_shanghai")
    books = [set_up_for_print(shanghai_path(seed), work / f"{seed}.xlsx") for seed in SEEDS]
    pdfs = printed_or_skip(books, work / "pdf")
    return dict(zip(SEEDS, pdfs))


@pytest.fixture(scope="module")
def both(engine, shanghai_path, printed):
    """``both(seed)`` → (the printed PDF read, the workbook read), each read once for the module."""
    cache: dict[str, tuple] = {}

    def read(seed: str) -> tuple:
        if seed not in cache:
            cache[seed] = (read_workbook(printed[seed], templates=engine.templates),
                           read_workbook(shanghai_path(seed), templates=engine.templates))
        return cache[seed]

    return read


def _findings(found) -> Counter:
    return Counter((f.rule, f.severity.value, f.expected, f.actual) for f in found)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_printed_shanghai_workbook_reads_the_workbooks_tables(both, seed):
    doc, book = both(seed)
    assert doc.template.name == "shanghai" and not doc.problems
    assert set(doc.tables) == set(book.tables) and len(doc.tables) == 9
    for role, table in doc.tables.items():
        other = book.tables[role]
        assert len(table.rows) == len(other.rows), role
        assert [(r.label, [r.value(c) for c in table.columns]) for r in table.rows] == \
            [(r.label, [r.value(c) for c in other.columns]) for r in other.rows], role
    assert (doc.unit, doc.kind, doc.year) == (book.unit, book.kind, book.year)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_printed_shanghai_workbook_gives_the_workbooks_narrative_and_findings(engine, both, seed):
    doc, book = both(seed)
    assert [p.text for p in doc.narrative.paragraphs] == [p.text for p in book.narrative.paragraphs]
    # the 目录 as printed, its numbers whole: S009 compares it with the tables
    assert [(e.text, e.role, e.number) for e in doc.contents] == [(e.text, e.role, e.number) for e in book.contents]
    found = engine.check(doc)
    assert _findings(found) == _findings(engine.check(book))     # infos too, each at its level
    # the locations become pages: every place on a part of the document names the page printing it
    located = [loc for f in found for loc in f.locations if loc.cell]
    last = max(page for pages in doc.row_pages.values() for page in pages)
    assert located and all(page_of(doc, loc) in range(1, last + 1) for loc in located)


def test_every_character_is_printed_on_the_paper(printed):
    """Printed whole, as a reader holds the page: no character set beyond the paper's edges (as
    LibreOffice sets a text sheet's paragraphs at 100 %, where the page cuts them)."""
    pdfium = pytest.importorskip("pypdfium2")
    for seed, path in printed.items():
        doc = pdfium.PdfDocument(str(path))
        try:
            for number, page in enumerate(doc, 1):
                width, height = page.get_size()
                text = page.get_textpage()
                boxes = [text.get_charbox(i) for i in range(text.count_chars())]
                assert boxes, (seed, number)
                off = [i for i, (left, bottom, right, top) in enumerate(boxes)
                       if left < 0 or bottom < 0 or right > width or top > height]
                assert not off, (seed, number, text.get_text_range()[:40])
                text.close()
                page.close()
        finally:
            doc.close()
