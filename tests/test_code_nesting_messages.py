"""The messages of C002–C004 (codes/hierarchy.py) in full: where a misplaced 款 or 项 stands, which
parent it names and what the unit should do. Each case moves or retypes rows of seed 000's 表3 as a
copy-and-paste slip would, writes the workbook with openpyxl and reads it back."""
from __future__ import annotations

import copy

import pytest

import build
from edit import table
from checker.core.engine import Engine
from checker.core.reader import read_workbook

T3 = "表3 单位支出总体情况表"


@pytest.fixture(autouse=True)
def no_user_lists(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_DATA_DIR", str(tmp_path / "userdata"))


def _code(r):
    return "".join(r[:3])


def _index(rows, code):
    return next(i for i, r in enumerate(rows) if _code(r) == code)


def _move(rows, code, after):
    """Move the row ``code`` to just below the row ``after``; return it."""
    r = rows.pop(_index(rows, code))
    rows.insert(_index(rows, after) + 1, r)
    return r


def _check(seed_data, tmp_path, change, year=None):
    data = copy.deepcopy(seed_data("000"))
    change(table(data, 3)["rows"])
    path = build.build_workbook(data, "split", tmp_path / "x.xlsx")
    found = Engine(select=["C002", "C003", "C004", "S900"]).check(read_workbook(path, year=year))
    return [(f.rule, f.expected, f.actual, [(loc.table, loc.cell, loc.row) for loc in f.locations], f.message)
            for f in found]


def test_c004_an_item_above_its_kuan(seed_data, tmp_path):
    assert _check(seed_data, tmp_path, lambda rows: _move(rows, "2080502", "208")) == [
        ("C004", None, "2080502", [(T3, "A15", "事业单位离退休")],
         f"{T3} 中的项 2080502 事业单位离退休排在其上级科目款 20805 行政事业单位养老支出之前，应紧随上级科目排列。")]


def test_c004_an_item_pasted_under_another_kuan(seed_data, tmp_path):
    assert _check(seed_data, tmp_path, lambda rows: _move(rows, "2080505", "2101103")) == [
        ("C004", None, "2080505", [(T3, "A21", "机关事业单位基本养老保险缴费支出")],
         f"{T3} 中的项 2080505 机关事业单位基本养老保险缴费支出排在其上级科目款 20805 行政事业单位养老支出之外"
         "（排在款 21011 行政事业单位医疗之下），应紧随上级科目排列。")]


def test_c004_a_nameless_item_pasted_right_under_another_class(seed_data, tmp_path):
    """Right under the 类 row 210, before any 款: no positional 款 to name. A row printed without its
    name is named by its code alone (no trailing space before 排在)."""
    def change(rows):
        _move(rows, "2080505", "210")[3] = None
    assert _check(seed_data, tmp_path, change) == [
        ("C004", None, "2080505", [(T3, "A18", "")],
         f"{T3} 中的项 2080505排在其上级科目款 20805 行政事业单位养老支出之外，应紧随上级科目排列。")]


@pytest.mark.parametrize("name, expected, hint", [("事业运行", "2010350", "（按名称应为 2010350）"),
                                                  ("数据运维", None, "")])
def test_c002_message_suggests_the_code_the_name_has_under_the_kuan(seed_data, tmp_path, name, expected, hint):
    """208 03 50 under 20103: the 款 above is named, and the code the row's name has under it, when the
    year's list has that name there (事业运行 → 2010350; 数据运维 is no name of the list)."""
    def change(rows):
        r = rows[_index(rows, "2010350")]
        r[0], r[3] = "208", name
    assert _check(seed_data, tmp_path, change) == [
        ("C002", expected, "2080350", [(T3, "A12", name)],
         f"{T3} 中的项 2080350 {name}排在款 20103 政府办公厅（室）及相关机构事务之下，但编码不以 20103 开头{hint}："
         "编码有误，或缺少其上级科目 20803 的行。")]


def test_c003_items_missing_both_their_class_and_their_kuan(seed_data, tmp_path):
    """The rows 201 and 20103 deleted: each 项 of 20103 lacks both parents, and the message names both."""
    def change(rows):
        del rows[_index(rows, "20103")]
        del rows[_index(rows, "201")]
    found = _check(seed_data, tmp_path, change)
    assert [(rule, expected, actual, locs[0][1]) for rule, expected, actual, locs, _ in found] == [
        ("C003", "20103", "2010305", "A9"), ("C003", "20103", "2010350", "A10"), ("C003", "20103", "2010399", "A11")]
    assert found[1][4] == f"{T3} 中的项 2010350 事业运行之上缺少其上级科目 类 201、款 20103 的行（表中其他科目列有款级行）。"


def test_c002_in_a_year_without_a_code_list_suggests_nothing(seed_data, tmp_path):
    """Read as a 2026 budget (no list shipped or imported for 2026: C014), the misplaced 208 03 50 is
    still C002, only without a suggested code."""
    def change(rows):
        rows[_index(rows, "2010350")][0] = "208"
    assert [(rule, expected, actual) for rule, expected, actual, _, _ in _check(seed_data, tmp_path, change, year=2026)] \
        == [("C002", None, "2080350")]
