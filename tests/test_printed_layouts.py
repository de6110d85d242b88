"""Issue #16 item 4(a): every Xinjiang seed workbook in every layout of tests/layouts.py, printed to
PDF and saved as Word by headless LibreOffice, gives the workbook's own findings.

Each seed (000, 001, 003) in both of the builders' layouts (split: one table a sheet; stacked), as
built and after each transformation of tests/layouts.py that changes something in it, is set up
for print as a department publishes it (tests/publish.py: landscape, one page wide; in the split
layout each table sheet's header rows printed again at the top of every page, 顶端标题行), then
printed to PDF, and saved as .docx (the workbook to HTML by Calc, the HTML saved as Word by
Writer). The PDF and the .docx must give the findings of the workbook they were made from: the
same rules, severities and figures (tests/test_layouts.py's ``signature``: expected, actual and
every number the message quotes); only the locations move (pages instead of sheets and cells).

Grouped, not printed on their own: ``codes_as_numbers``, ``codes_as_text`` and
``amounts_with_trailing_spaces`` change only a cell's type (a code 2010301 as a number or as text;
an amount as text with trailing blanks): they print the very characters the workbook written
back unchanged prints, and that one is printed ("unchanged" below). tests/test_layouts.py checks
them on the workbook itself.

All the conversions run in two LibreOffice processes side by side, each on half of the
workbooks (soffice takes many input files in one call), once for the module.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")
pytest.importorskip("docx")

import layouts  # noqa: E402
from checker.core.engine import Engine, make_plugin_manager  # noqa: E402
from checker.core.reader import read_workbook  # noqa: E402
from checker.core.reader.document import read_grids  # noqa: E402
from checker.core.reader.pdf import load_pdf_grids  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from publish import set_up_for_print  # noqa: E402
from test_layouts import NOTHING_TO_CHANGE, _differs, signature  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                reason="LibreOffice is not installed")

SEEDS = [(seed, layout) for seed in ("000", "001", "003") for layout in ("split", "stacked")]
PRINTS_AS_UNCHANGED = {"codes_as_numbers", "codes_as_text", "amounts_with_trailing_spaces"}
NAMES = ["as_built", "unchanged"] + [n for n in layouts.TRANSFORMATIONS if n not in PRINTS_AS_UNCHANGED]
CASES = [(seed, layout, name) for seed, layout in SEEDS for name in NAMES
         if layout not in NOTHING_TO_CHANGE.get(name, ())]


def _title_rows(book: layouts.Book, doc) -> dict[str, tuple[int, int]]:
    """Sheet → the 1-based rows of its table's header and numbering row, for a sheet holding
    one table (the split layout): printed again at the top of each page, as publishers set it."""
    regions: dict[str, list] = {}
    for g in layouts.table_regions(book, doc):
        regions.setdefault(g.sheet, []).append(g)
    out = {}
    for sheet, found in regions.items():
        if len(found) == 1 and found[0].header_rows and not found[0].empty:
            g = found[0]
            last = g.marker_row if g.marker_row is not None else max(g.header_rows)
            out[sheet] = (min(g.header_rows) + 1, last + 1)
    return out


def _lane(books: list[Path], out: Path) -> subprocess.Popen:
    """One LibreOffice process (own profile) printing ``books`` to PDF, then saving them as HTML
    and the HTML as Word, one soffice call each for all of them."""
    from checker.core.recalc import soffice

    profile = f"-env:UserInstallation=file://{out / 'profile'}"
    html = [str(out / "html" / f"{b.stem}.html") for b in books]
    calls = [
        [soffice(), profile, "--headless", "--convert-to", "pdf", "--outdir", str(out / "pdf"), *map(str, books)],
        [soffice(), profile, "--headless", "--convert-to", "html", "--outdir", str(out / "html"), *map(str, books)],
        [soffice(), profile, "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML",
         "--outdir", str(out / "docx"), *html],
    ]
    script = " && ".join(subprocess.list2cmdline(c) for c in calls)
    return subprocess.Popen(["/bin/sh", "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


@pytest.fixture(scope="module")
def printed(engine, seed_path, tmp_path_factory):
    """{(seed, layout, name): (the workbook's Disclosure, PDF, .docx)}: every case written, set up for print and
    converted by two LibreOffice processes running side by side."""
    work = tmp_path_factory.mktemp("printed_layouts")
    (work / "print").mkdir()
    books: dict[tuple[str, str, str], tuple[Path, object]] = {}
    prints: list[Path] = []
    for seed, layout in SEEDS:
        source = seed_path(seed, layout)
        doc = read_workbook(source, templates=engine.templates)
        book = layouts.read_book(source)
        for name in NAMES:
            if (seed, layout, name) not in CASES:
                continue
            path = work / f"{seed}_{layout}_{name}.xlsx"
            if name == "as_built":
                path, changed, read = source, book, doc
            else:
                changed = layouts.TRANSFORMATIONS[name](book.copy(), doc) if name != "unchanged" else book.copy()
                if name != "unchanged" and not _differs(changed, book):
                    continue        # nothing to change in this seed (tests/test_layouts.py skips it too)
                layouts.write_book(changed, path)
                read = read_workbook(path, templates=engine.templates)
            books[seed, layout, name] = (path, read)
            titles = _title_rows(changed, read) if layout == "split" else {}
            prints.append(set_up_for_print(path, work / "print" / f"{seed}_{layout}_{name}.xlsx",
                                           scaled=True, title_rows=titles))
    lanes = [_lane(prints[k::2], work / f"lane{k}") for k in range(2)]
    for lane in lanes:
        _, err = lane.communicate(timeout=900)
        if lane.returncode:
            pytest.skip(f"LibreOffice could not convert: {err.decode(errors='replace')[-300:]}")
    out = {}
    for k in range(2):
        for p in prints[k::2]:
            key = next(key for key in books if "_".join(key) == p.stem)
            pdf, docx = work / f"lane{k}" / "pdf" / f"{p.stem}.pdf", work / f"lane{k}" / "docx" / f"{p.stem}.docx"
            if not (pdf.exists() and docx.exists()):
                pytest.skip(f"LibreOffice wrote no PDF or .docx for {p.name}")
            out[key] = (books[key][1], pdf, docx)
    return out


def _compare(engine, doc, book) -> None:
    assert doc.template.name == "xinjiang" and not doc.problems
    assert set(doc.tables) == set(book.tables) and len(doc.tables) == 11
    for role, table in doc.tables.items():
        assert len(table.rows) == len(book.tables[role].rows), role
    assert (doc.unit, doc.kind, doc.year) == (book.unit, book.kind, book.year)
    assert [len(t.indicators) for t in doc.targets] == [len(t.indicators) for t in book.targets]
    expected = signature(engine.check(book), book.sheet_names)
    found = signature(engine.check(doc), doc.sheet_names)
    assert found == expected, (f"only on paper: {sorted(found - expected, key=str)}; "
                               f"lost: {sorted(expected - found, key=str)}")
    assert sum(expected.values()) >= 5


def _ids():
    return [pytest.param(*case, id="-".join(case)) for case in CASES]


@pytest.mark.parametrize("seed,layout,name", _ids())
def test_a_printed_layout_gives_the_workbooks_findings(engine, printed, seed, layout, name):
    if (seed, layout, name) not in printed:
        pytest.skip(f"{name}: nothing to change in {seed} {layout}")
    book, pdf, _ = printed[seed, layout, name]
    _compare(engine, read_grids(load_pdf_grids(pdf), str(pdf), templates=engine.templates), book)


@pytest.mark.parametrize("seed,layout,name", _ids())
def test_a_layout_saved_as_word_gives_the_workbooks_findings(engine, printed, seed, layout, name):
    if (seed, layout, name) not in printed:
        pytest.skip(f"{name}: nothing to change in {seed} {layout}")
    book, _, docx = printed[seed, layout, name]
    _compare(engine, read_workbook(docx, templates=engine.templates), book)
