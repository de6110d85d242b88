"""A302's finding in full when one contribution is two 项 (30110 ↔ 2101101 + 2101102): every cell
of the sum is located, the amounts are shown in the tables' own unit, and 项 missing from 表5 are
named by their codes. Seed 001 edited, written with openpyxl and read back."""
from __future__ import annotations

import copy

import pytest

import build
from edit import row, table
from checker.core.engine import Engine
from checker.core.reader import read_workbook

ENGINE = Engine(select=["A302"])


def _check(data, tmp_path, layout="split"):
    path = build.build_workbook(data, layout, tmp_path / f"x_{layout}.xlsx")
    return [(f.expected, f.actual, [(loc.table.split(" ")[0], loc.cell, loc.row) for loc in f.locations], f.message)
            for f in ENGINE.check(read_workbook(path))]


@pytest.mark.parametrize("layout, cells, amounts", [
    ("split", ("D15", "F24", "F25"), ("100.00 万元", "102.04 万元", "2.04 万元")),
    ("stacked", ("C180", "D158", "D159"), ("1,000,000.00 元", "1,020,400.00 元", "20,400.00 元")),
])
def test_a302_a_contribution_against_two_items(seed_data, tmp_path, layout, cells, amounts):
    data = copy.deepcopy(seed_data("001"))
    r = row(table(data, 6), "30110")
    r[3], r[4] = 100.0, 100.0
    assert _check(data, tmp_path, layout) == [(
        "102.04", "100.00",
        [("表6", cells[0], "30110 职工基本医疗保险缴费"), ("表5", cells[1], "2101101 行政单位医疗"),
         ("表5", cells[2], "2101102 事业单位医疗")],
        f"表6“30110 职工基本医疗保险缴费”为 {amounts[0]}，表5 基本支出“2101101 行政单位医疗”+“2101102 事业单位医疗”为 "
        f"{amounts[1]}，相差 {amounts[2]}。请核对缴费是否挂错功能科目，确有原因的请说明。")]


def test_a302_both_items_missing_from_table5(seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    t5 = table(data, 5)
    t5["rows"] = [r for r in t5["rows"] if "".join(r[:3]) not in ("2101101", "2101102")]
    assert _check(data, tmp_path) == [(
        "0.00", "102.04", [("表6", "D15", "30110 职工基本医疗保险缴费"), ("表5", "A2", "2101101、2101102")],
        "表6“30110 职工基本医疗保险缴费”为 102.04 万元，表5 基本支出 2101101+2101102为 未列出（按 0 计），"
        "相差 102.04 万元。请核对缴费是否挂错功能科目，确有原因的请说明。")]
