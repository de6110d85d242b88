"""Every Xinjiang seed workbook in every layout of tests/layouts.py, set up for print as a
department publishes it and converted by headless LibreOffice: the cases and the conversions
shared by tests/test_printed_layouts.py (PDF) and tests/test_word_layouts.py (.docx).

Each seed (000, 001, 003) in both of the builders' layouts (split: one table a sheet; stacked), as
built, written back unchanged, and after each transformation of tests/layouts.py that changes
something in it, is set up for print (tests/publish.py: landscape, one page wide; in the split
layout each table sheet's header rows printed again at the top of every page, 顶端标题行, so that
a long table's pages each start with its header) and converted, many files to one soffice call,
in two LibreOffice processes side by side (each on half of the workbooks, own profile).

Not converted on their own: ``codes_as_numbers``, ``codes_as_text`` and
``amounts_with_trailing_spaces`` change only a cell's type (a code 2010301 as a number or as text;
an amount as text with trailing blanks, which LibreOffice prints as the number's own digits):
printed or saved as Word they show the very characters of the workbook written back unchanged,
which is converted ("unchanged"). tests/test_layouts.py checks them on the workbook itself.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import layouts
from checker.core.reader import read_workbook
from publish import set_up_for_print
from test_layouts import NOTHING_TO_CHANGE, _differs, signature

SEEDS = [(seed, layout) for seed in ("000", "001", "003") for layout in ("split", "stacked")]
PRINTS_AS_UNCHANGED = {"codes_as_numbers", "codes_as_text", "amounts_with_trailing_spaces"}
NAMES = ["as_built", "unchanged"] + [n for n in layouts.TRANSFORMATIONS if n not in PRINTS_AS_UNCHANGED]
CASES = [(seed, layout, name) for seed, layout in SEEDS for name in NAMES
         if layout not in NOTHING_TO_CHANGE.get(name, ())]
WORD = "docx:MS Word 2007 XML"

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                   reason="LibreOffice is not installed")


# where the PDF or .docx does not yet read as the workbook: strict, so that a fix shows
KNOWN: dict[str, dict[tuple[str, str, str], str]] = {
    "docx": {
        **{(seed, "split", "tables_on_one_sheet"): (
            "all tables on one sheet saved as Word: the 情况说明 after the one big Word table is not found "
            "(the narrative read is the 封面's 7 lines), so Y020/Y023 fire for every 项")
           for seed in ("000", "001", "003")},
        **{(seed, "stacked", "numbering_row_missing"): (
            "stacked and without the ※/1 2 3 row, saved as Word: 表7's 总计 row, right under the header, "
            "is read as part of the header (one row fewer)")
           for seed in ("001", "003")},
    },
    "pdf": {
        **{(seed, layout, "table_over_two_sheets"): (
            "the longest table split over two sheets, the second repeating the header without a title: "
            "printed, the continuation is not read into the same table (its row count differs: 表1 or 表6)")
           for seed, layout in SEEDS},
        ("000", "stacked", "numbering_row_missing"): (
            "stacked and without the ※/1 2 3 row: printed, 表7's header is not recognised (a read problem)"),
    },
}


def case_params(kind: str) -> list:
    """The cases as test parameters (``kind``: "pdf" or "docx"), the known gaps strict xfails."""
    out = []
    for case in CASES:
        reason = KNOWN[kind].get(case)
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        out.append(pytest.param(*case, id="-".join(case), marks=marks))
    return out


def title_rows(book: layouts.Book, doc) -> dict[str, tuple[int, int]]:
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


def ruled_ranges(book: layouts.Book, doc) -> dict[str, list[tuple[int, int, int, int]]]:
    """Sheet → the 1-based ranges a department rules (tests/seeds/build.py borders them so):
    each table's header, numbering row and body over its width, and each target table's grid."""
    out: dict[str, list] = {}
    for g in layouts.table_regions(book, doc):
        rows = g.header_rows + ([g.marker_row] if g.marker_row is not None else [])
        rows += [] if g.empty else list(range(g.body_first, g.body_last + 1))
        if rows:
            out.setdefault(g.sheet, []).append((min(rows) + 1, 1, max(rows) + 1, g.width))
    for target in doc.targets:
        cells = [f.cell for f in target.fields.values() if f.cell is not None] + [i.cell for i in target.indicators]
        cells = [c for c in cells if c is not None and c.sheet == target.title_cell.sheet]
        if not cells:
            continue
        sheet = book.sheet(target.title_cell.sheet)
        first, last = min(c.row for c in cells), max(c.row for c in cells)
        width = max((c + 1 for r in range(first, last + 1) for c, _ in sheet.texts(r)), default=1)
        out.setdefault(sheet.name, []).append((first + 1, 1, last + 1, width))
    return out


def write_cases(engine, seed_path, work: Path) -> dict[tuple[str, str, str], tuple[object, Path]]:
    """{case: (the workbook's Disclosure, the workbook set up for print)} for every case that
    changes something (the others are skipped, as tests/test_layouts.py skips them)."""
    (work / "print").mkdir(parents=True)
    out = {}
    for seed, layout in SEEDS:
        source = seed_path(seed, layout)
        doc = read_workbook(source, templates=engine.templates)
        book = layouts.read_book(source)
        for name in NAMES:
            if (seed, layout, name) not in CASES:
                continue
            if name == "as_built":
                path, changed, read = source, book, doc
            else:
                changed = book.copy() if name == "unchanged" else layouts.TRANSFORMATIONS[name](book.copy(), doc)
                if name != "unchanged" and not _differs(changed, book):
                    continue
                path = work / f"{seed}_{layout}_{name}.xlsx"
                layouts.write_book(changed, path)
                read = read_workbook(path, templates=engine.templates)
            titles = title_rows(changed, read) if layout == "split" else {}
            # the builders' workbook has its rules; one written back from values has none
            ruled = None if name == "as_built" else ruled_ranges(changed, read)
            printed = set_up_for_print(path, work / "print" / f"{seed}_{layout}_{name}.xlsx", scaled=True,
                                       title_rows=titles, ruled=ruled)
            out[seed, layout, name] = (read, printed)
    return out


def _lane(books: list[Path], out: Path, word: bool) -> subprocess.Popen:
    """One LibreOffice process (own profile) converting ``books``: to PDF, or (``word``) to HTML
    by Calc and the HTML to .docx by Writer, as a user without Excel saves a workbook as Word."""
    from checker.core.recalc import soffice

    profile = f"-env:UserInstallation=file://{out / 'profile'}"
    if word:
        html = [str(out / "html" / f"{b.stem}.html") for b in books]
        calls = [[soffice(), profile, "--headless", "--convert-to", "html", "--outdir", str(out / "html"),
                  *map(str, books)],
                 [soffice(), profile, "--headless", "--infilter=HTML (StarWriter)", "--convert-to", WORD,
                  "--outdir", str(out / "out"), *html]]
    else:
        calls = [[soffice(), profile, "--headless", "--convert-to", "pdf", "--outdir", str(out / "out"),
                  *map(str, books)]]
    script = " && ".join(subprocess.list2cmdline(c) for c in calls)
    return subprocess.Popen(["/bin/sh", "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def converted(engine, seed_path, work: Path, word: bool) -> dict[tuple[str, str, str], tuple[object, Path]]:
    """{case: (the workbook's Disclosure, its PDF or .docx)}, converted by two LibreOffice
    processes side by side; the test is skipped when LibreOffice cannot convert."""
    cases = write_cases(engine, seed_path, work)
    keys = list(cases)
    lanes = [_lane([cases[k][1] for k in keys[n::2]], work / f"lane{n}", word) for n in range(2)]
    failed = []
    for lane in lanes:
        _, err = lane.communicate(timeout=1800)
        if lane.returncode:
            failed.append(err.decode(errors="replace")[-300:])
    if failed:
        pytest.skip(f"LibreOffice could not convert: {failed}")
    out = {}
    suffix = ".docx" if word else ".pdf"
    for n in range(2):
        for key in keys[n::2]:
            target = work / f"lane{n}" / "out" / (cases[key][1].stem + suffix)
            if not target.exists():
                pytest.skip(f"LibreOffice wrote no {suffix} for {target.stem}")
            out[key] = (cases[key][0], target)
    return out


def assert_same_findings(engine, doc, book) -> None:
    """``doc`` (read from the PDF or .docx) is ``book`` (read from the workbook): the same tables
    with as many rows, unit, kind, year, target tables with as many indicators, and the same
    findings by rule, severity and figures (tests/test_layouts.py's ``signature``)."""
    assert doc.template.name == "xinjiang" and not doc.problems, [p.message for p in doc.problems]
    assert set(doc.tables) == set(book.tables) and len(doc.tables) == 11
    for role, table in doc.tables.items():
        assert len(table.rows) == len(book.tables[role].rows), role
    assert (doc.unit, doc.kind, doc.year) == (book.unit, book.kind, book.year)
    assert [len(t.indicators) for t in doc.targets] == [len(t.indicators) for t in book.targets]
    expected = signature(engine.check(book), book.sheet_names)
    found = signature(engine.check(doc), doc.sheet_names)
    assert found == expected, (f"only here: {sorted(found - expected, key=str)}; "
                               f"lost: {sorted(expected - found, key=str)}")
    assert sum(expected.values()) >= 5
