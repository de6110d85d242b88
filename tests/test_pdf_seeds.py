"""The Xinjiang seed workbooks (tests/seeds/build.py, both layouts) printed to PDF by headless
LibreOffice, set up as a department publishes them (tests/publish.py), give the workbook's own
findings: rule, expected and actual alike; only the locations move (pages instead of sheets)."""
from __future__ import annotations

import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")

from checker.core.engine import Engine, make_plugin_manager  # noqa: E402
from checker.core.reader import read_workbook  # noqa: E402
from checker.core.reader.document import read_grids  # noqa: E402
from checker.core.reader.pdf import PdfGrid, load_pdf_grids  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from publish import printed_or_skip, set_up_for_print  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                reason="LibreOffice is not installed")
# each seed once, both layouts among them (all six were compared when this was written; three keep
# the suite's time down: printing and reading a PDF is the slow part)
SEEDS = [("000", "split"), ("001", "stacked"), ("003", "split")]


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


@pytest.fixture(scope="module")
def printed(seed_path, tmp_path_factory):
    """{(seed, layout): PDF}, all printed by one LibreOffice run."""
    work = tmp_path_factory.mktemp("printed")
    books = [set_up_for_print(seed_path(seed, layout), work / f"{seed}_{layout}.xlsx") for seed, layout in SEEDS]
    pdfs = printed_or_skip(books, work / "pdf")
    return dict(zip(SEEDS, pdfs))


@pytest.fixture(scope="module")
def pdf_grids(printed):
    cache: dict = {}

    def grids(key):
        if key not in cache:
            cache[key] = load_pdf_grids(printed[key])
        return cache[key]

    return grids


def _findings(engine, doc) -> Counter:
    return Counter((f.rule, f.expected, f.actual) for f in engine.check(doc) if f.severity.value != "info")


@pytest.mark.parametrize("seed,layout", SEEDS)
def test_a_printed_xinjiang_workbook_gives_the_workbooks_findings(engine, seed_path, printed, pdf_grids, seed, layout):
    doc = read_grids(pdf_grids((seed, layout)), str(printed[(seed, layout)]), templates=engine.templates)
    book = read_workbook(seed_path(seed, layout), templates=engine.templates)
    assert doc.template.name == "xinjiang" and not doc.problems
    assert set(doc.tables) == set(book.tables) and len(doc.tables) == 11
    for role, table in doc.tables.items():
        assert len(table.rows) == len(book.tables[role].rows), role
    assert (doc.unit, doc.kind, doc.year) == (book.unit, book.kind, book.year)
    assert [len(t.indicators) for t in doc.targets] == [len(t.indicators) for t in book.targets]
    found = _findings(engine, doc)
    assert found == _findings(engine, book) and sum(found.values()) >= 5


def test_long_tables_and_the_narrative_run_over_pages(pdf_grids):
    """The case the equivalence rests on: tables and the 情况说明 printed over several pages, joined
    again (a 绩效目标表 whose 一级指标 cell is merged over a page end keeps it on the next page)."""
    grids = pdf_grids(("000", "split"))
    over = [g for g in grids if isinstance(g, PdfGrid) and g.page_of(0) != g.page_of(g.height - 1)]
    names = [g.name.split(" ", 1)[1] for g in over]
    assert "单位收支总体情况表" in names and any("情况说明" in n for n in names), [g.name for g in grids]
