"""Issue #16 item 4(a), PDF: every Xinjiang seed workbook in every layout of tests/layouts.py
(tests/printed_layouts.py says which and how they are set up), printed to PDF by headless
LibreOffice, gives the findings of the workbook it was printed from: the same rules, severities
and figures; only the locations move (pages instead of sheets and cells). The split layout's
long tables run over pages with their header printed again at each page top, which the reader
drops when it joins the pages (test_a_long_table_printed_over_pages_is_joined_without_its_repeated_header)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")

sys.path.insert(0, str(Path(__file__).resolve().parent))
import printed_layouts  # noqa: E402
from checker.core.engine import Engine, make_plugin_manager  # noqa: E402
from checker.core.reader.document import read_grids  # noqa: E402
from checker.core.reader.pdf import PdfGrid, load_pdf_grids  # noqa: E402

pytestmark = printed_layouts.needs_soffice


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


@pytest.fixture(scope="module")
def printed(engine, seed_path, tmp_path_factory):
    """{case: (the workbook's Disclosure, its PDF)}, all printed once for the module."""
    return printed_layouts.converted(engine, seed_path, tmp_path_factory.mktemp("printed_layouts"), word=False)


@pytest.mark.parametrize("seed,layout,name", printed_layouts.case_params("pdf"))
def test_a_printed_layout_gives_the_workbooks_findings(engine, printed, seed, layout, name):
    if (seed, layout, name) not in printed:
        pytest.skip(f"{name}: nothing to change in {seed} {layout}")
    book, pdf = printed[seed, layout, name]
    printed_layouts.assert_same_findings(engine, read_grids(load_pdf_grids(pdf), str(pdf), templates=engine.templates),
                                         book)


def test_a_long_table_printed_over_pages_is_joined_without_its_repeated_header(engine, printed):
    """Seed 000 as built, one table a sheet: 表1 单位收支总体情况表 and 表6 run over two pages,
    each page starting with the table's header again (顶端标题行); read, each is one table with
    the workbook's rows, the repeated header dropped."""
    book, pdf = printed["000", "split", "as_built"]
    grids = load_pdf_grids(pdf)
    over = {g.name.split(" ", 1)[1]: g for g in grids if isinstance(g, PdfGrid) and g.page_of(0) != g.page_of(g.height - 1)}
    for title, header in (("单位收支总体情况表", ["收入", None, "支出", None]),
                          ("一般公共预算基本支出情况表", ["科目", None, None, "一般公共预算基本支出"])):
        grid = over[title]
        starts = [r for r in range(grid.height) if grid.rows[r][:len(header)] == header]
        pages = {grid.page_of(r) for r in starts}
        assert len(starts) >= 2 and len(pages) == len(starts), (title, starts)     # at each page top
    doc = read_grids(grids, str(pdf), templates=engine.templates)
    for role, table in doc.tables.items():
        assert [r.label for r in table.rows] == [r.label for r in book.tables[role].rows], role
    assert any("情况说明" in name for name in over)
