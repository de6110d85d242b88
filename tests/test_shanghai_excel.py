"""The 校验 button and --annotate on the Shanghai workbooks, tested as on the Xinjiang seeds: the
button finds what checker run finds, a second click changes nothing and clear restores the book;
an annotated copy clears back to the original and checks like it."""
from __future__ import annotations

import os

import pytest

from checker.core.engine import Engine, make_plugin_manager
from checker.core.reader import read_workbook
from checker.excel import clear, validate
from checker.excel.annotate import annotate_copy, clear_file
from checker.excel.payload import ClientBook
from test_annotate import snapshot
from test_excel_remote import click

SEEDS = ["sh_commerce_dept_2025", "sh_office_unit_2025", "sh_wanli_2024", "sh_wanli_2025"]


def _key(f):
    return (f.rule, f.severity, f.message, [(loc.sheet, loc.cell, loc.table) for loc in f.locations], f.expected)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_button_finds_what_the_cli_finds_and_clear_restores(shanghai_path, seed):
    if not os.environ.get("XLWINGS_LICENSE_KEY"):
        pytest.skip("xlwings' remote engine needs XLWINGS_LICENSE_KEY (e.g. noncommercial, as .ci/run sets)")
    engine = Engine(make_plugin_manager())
    path = shanghai_path(seed)
    cli = engine.check(read_workbook(path, templates=engine.templates))
    client_book = ClientBook.from_workbook(path)
    before = client_book.state()
    excel, _ = click(client_book, validate, engine)
    assert cli and [_key(f) for f in excel] == [_key(f) for f in cli]
    once = client_book.state()
    assert once != before
    click(client_book, validate, engine)
    assert client_book.state() == once
    click(client_book, clear)
    assert client_book.state() == before


@pytest.mark.parametrize("seed", SEEDS)
def test_an_annotated_copy_clears_to_the_original_and_checks_like_it(shanghai_path, tmp_path, seed):
    engine = Engine(make_plugin_manager())
    source = shanghai_path(seed)
    findings = engine.check(read_workbook(source, templates=engine.templates))
    out = tmp_path / "标注副本.xlsx"
    annotate_copy(source, out, findings)
    again = engine.check(read_workbook(out, templates=engine.templates))
    assert findings and [_key(f) for f in again] == [_key(f) for f in findings]
    before = snapshot(source)
    assert snapshot(out) != before
    assert clear_file(out) >= 1
    assert snapshot(out) == before
