"""The same document gives the same findings in any layout (issue #12).

Every transformation of tests/layouts.py is applied to every seed workbook in every layout the
builders write (the three Xinjiang seeds split one table per sheet and stacked, the six Shanghai
seeds in the district's template and stacked); the transformed workbook is written with openpyxl,
read back and checked, and its findings must be exactly those of the untransformed workbook: the
same rules, severities and figures (expected, actual and every number the message quotes). Only
locations may move, so cell addresses are left out of the comparison.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest

import layouts
from checker.core.engine import Engine, make_plugin_manager
from checker.core.reader import read_workbook

XINJIANG = [(seed, layout) for seed in ("000", "001", "003") for layout in ("split", "stacked")]
SHANGHAI = [(seed, layout) for seed in ("sh_commerce_dept_2025", "sh_commerce_unit_2025", "sh_office_dept_2025",
                                        "sh_office_unit_2025", "sh_wanli_2024", "sh_wanli_2025")
            for layout in ("template", "stacked")]
WORKBOOKS = XINJIANG + SHANGHAI

# combinations where a transformation finds nothing to change (checked, so that the list stays true)
NOTHING_TO_CHANGE = {
    "tables_on_one_sheet": {layout for _, layout in WORKBOOKS if layout == "stacked"},
}

_CELL = re.compile(r"(?<![A-Za-z])[A-Z]{1,3}\d+(?![\d.])")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def signature(findings, sheet_names) -> Counter:
    """What a finding says, without where: rule, severity, expected, actual and the numbers of
    its message (the locations it quotes, "表5 一般公共预算支出情况表!E17", removed)."""
    out = Counter()
    names = sorted(sheet_names, key=len, reverse=True)
    for f in findings:
        message = f.message
        for name in names:
            message = message.replace(f"{name}!", "")
        numbers = tuple(_NUMBER.findall(_CELL.sub("", message)))
        out[(f.rule, f.severity.value if f.severity else "", f.expected, f.actual, numbers)] += 1
    return out


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


@pytest.fixture(scope="module")
def reference(engine, seed_path, shanghai_path):
    """(book, disclosure, findings' signature) of each untransformed workbook, built once."""
    cache = {}

    def get(seed: str, layout: str):
        if (seed, layout) not in cache:
            path = shanghai_path(seed, layout) if seed.startswith("sh_") else seed_path(seed, layout)
            doc = read_workbook(path, templates=engine.templates)
            cache[seed, layout] = (layouts.read_book(path), doc, signature(engine.check(doc), doc.sheet_names))
        return cache[seed, layout]

    return get


def _cases():
    for name in layouts.TRANSFORMATIONS:
        for seed, layout in WORKBOOKS:
            if layout in NOTHING_TO_CHANGE.get(name, ()):
                continue
            yield pytest.param(name, seed, layout, id=f"{name}-{seed}-{layout}")


def _differs(a: layouts.Book, b: layouts.Book) -> bool:
    return [(s.name, s.rows, sorted(s.merges)) for s in a.sheets] != [(s.name, s.rows, sorted(s.merges)) for s in b.sheets]


@pytest.mark.parametrize("name,seed,layout", list(_cases()))
def test_a_layout_variation_gives_the_same_findings(engine, reference, tmp_path, name, seed, layout):
    book, doc, expected = reference(seed, layout)
    changed = layouts.TRANSFORMATIONS[name](book.copy(), doc)
    if not _differs(changed, book):
        pytest.skip(f"{name}: nothing to change in {seed} {layout}")
    path = tmp_path / f"{name}.xlsx"
    layouts.write_book(changed, path)
    read = read_workbook(path, templates=engine.templates)
    findings = engine.check(read)
    found = signature(findings, read.sheet_names)
    assert found == expected, (f"only after {name}: {sorted(found - expected, key=str)}; "
                               f"lost: {sorted(expected - found, key=str)}")
    # issue #12 item 4: no fragment of a misread header ("'合计'为 …，++++为 0.00"), no undecoded text
    assert not [f.message for f in findings if "++++" in f.message or "&#" in f.message]


@pytest.mark.parametrize("seed,layout", WORKBOOKS)
def test_the_workbook_written_back_unchanged_gives_the_same_findings(engine, reference, tmp_path, seed, layout):
    """The harness itself: reading a workbook into a Book and writing it back changes nothing."""
    book, _, expected = reference(seed, layout)
    path = tmp_path / "same.xlsx"
    layouts.write_book(book.copy(), path)
    read = read_workbook(path, templates=engine.templates)
    assert signature(engine.check(read), read.sheet_names) == expected


# ---------------------------------------------------------------- what the "=" variation may not hide

def test_an_equals_sign_typed_before_a_deadline_or_a_word_says_nothing_more():
    from checker.plugins.performance.values import parse_value

    assert parse_value("=12月底前").kind == parse_value("12月底前").kind == "deadline"
    assert parse_value("=合格").kind == parse_value("合格").kind == "qualitative"
    assert parse_value("=100%").kind == "quantity"


def test_a_stray_character_before_the_operator_is_still_reported(engine, reference, tmp_path):
    """", =5 次" is a typing slip, not an "=" typed as text: P030 still reports it."""
    book, doc, _ = reference("001", "split")
    changed = book.copy()
    ind = next(i for t in doc.targets for i in t.indicators if i.value.startswith("≥"))
    changed.sheet(ind.value_cell.sheet).put(ind.value_cell.row, ind.value_cell.col, ", =5 次")
    path = tmp_path / "slip.xlsx"
    layouts.write_book(changed, path)
    found = [f for f in engine.check(read_workbook(path, templates=engine.templates)) if f.rule == "P030"]
    assert [(f.locations[0].cell, f.actual) for f in found] == [(ind.value_cell.address, ", =5 次")]
