"""Issue #16 item 4(a), Word: every Xinjiang seed workbook in every layout of tests/layouts.py
(tests/printed_layouts.py says which), saved as .docx by headless LibreOffice as a user without
Excel does (Calc's HTML opened in Writer), gives the findings of the workbook it was saved from:
the same rules, severities and figures; only the locations move."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("docx")

sys.path.insert(0, str(Path(__file__).resolve().parent))
import printed_layouts  # noqa: E402
from checker.core.engine import Engine, make_plugin_manager  # noqa: E402
from checker.core.reader import read_workbook  # noqa: E402

pytestmark = printed_layouts.needs_soffice


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


@pytest.fixture(scope="module")
def saved(engine, seed_path, tmp_path_factory):
    """{case: (the workbook's Disclosure, its .docx)}, all saved once for the module."""
    return printed_layouts.converted(engine, seed_path, tmp_path_factory.mktemp("word_layouts"), word=True)


@pytest.mark.parametrize("seed,layout,name", printed_layouts.case_params("docx"))
def test_a_layout_saved_as_word_gives_the_workbooks_findings(engine, saved, seed, layout, name):
    if (seed, layout, name) not in saved:
        pytest.skip(f"{name}: nothing to change in {seed} {layout}")
    book, docx = saved[seed, layout, name]
    printed_layouts.assert_same_findings(engine, read_workbook(docx, templates=engine.templates), book)
