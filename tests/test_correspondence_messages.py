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
        None, "100.00",
        [("表6", cells[0], "30110 职工基本医疗保险缴费"), ("表5", cells[1], "2101101 行政单位医疗"),
         ("表5", cells[2], "2101102 事业单位医疗")],
        f"表6“30110 职工基本医疗保险缴费”为 {amounts[0]}，表5 基本支出“2101101 行政单位医疗”+“2101102 事业单位医疗”为 "
        f"{amounts[1]}，相差 {amounts[2]}。请核对缴费是否挂错功能科目，确有原因的请说明。")]


def test_a302_both_items_missing_from_table5(seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    t5 = table(data, 5)
    t5["rows"] = [r for r in t5["rows"] if "".join(r[:3]) not in ("2101101", "2101102")]
    assert _check(data, tmp_path) == [(
        None, "102.04", [("表6", "D15", "30110 职工基本医疗保险缴费"), ("表5", "A2", "2101101、2101102")],
        "表6“30110 职工基本医疗保险缴费”为 102.04 万元，表5 基本支出 2101101+2101102为 未列出（按 0 计），"
        "相差 102.04 万元。请核对缴费是否挂错功能科目，确有原因的请说明。")]


def _a301(data, tmp_path):
    path = build.build_workbook(data, "split", tmp_path / "a301.xlsx")
    return [(f.expected, f.actual, [(loc.table.split(" ")[0], loc.cell) for loc in f.locations], f.message)
            for f in Engine(select=["A301"]).check(read_workbook(path))]


def test_a301_a_one_cent_difference_says_it_may_be_rounding(seed_data, tmp_path):
    """A one-cent A301 difference is info (issue #12: rounding explains it) and its message says so."""
    data = copy.deepcopy(seed_data("000"))
    r = row(table(data, 10), "公务接待费")
    r[1], r[2] = 2.01, 2.01
    assert _a301(data, tmp_path) == [(
        None, "2.01", [("表10", "C9"), ("表6", "D25")],
        "表10“公务接待费”（一般公共预算）为 2.01 万元，表6“30217 公务接待费”为 2.00 万元，相差 0.01 万元。"
        "差额在四舍五入误差范围内（尾差），仅供参考。")]


def test_a301_a_table10_without_a_general_budget_column_is_compared_by_its_total(seed_data, tmp_path):
    """A 表10 whose fund columns are headed otherwise (“财政拨款” for 一般公共预算) is compared by its 合计
    column, and the message says which column it took."""
    data = copy.deepcopy(seed_data("000"))
    t10 = table(data, 10)
    t10["header"][1][2] = "财政拨款"
    r = row(t10, "公务接待费")
    r[1], r[2] = 3.0, 2.0
    assert _a301(data, tmp_path) == [(
        None, "3.00", [("表10", "B9"), ("表6", "D25")],
        "表10“公务接待费”（合计）为 3.00 万元，表6“30217 公务接待费”为 2.00 万元，相差 1.00 万元。"
        "如项目支出中也安排了该项经费，请在情况说明或校验说明中写明差额的来源。")]
