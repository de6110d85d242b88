"""The code tree A001 sums over (checker/plugins/arithmetic/hierarchy.py), pinned where a mutation
run left it loose: a 款 row the unit left out of 表3 puts its 项 under the 类, and the message names
the level of the rows it adds up. Seed 000 written with openpyxl and read back."""
from __future__ import annotations

import copy

import pytest

from edit import check_workbook, row, table
from checker.core.engine import Engine


@pytest.fixture(scope="module")
def engine():
    return Engine(select=["A001"])


def _without_kuan_20103(seed_data):
    data = copy.deepcopy(seed_data("000"))
    t3 = table(data, 3)
    t3["rows"].remove(row(t3, "20103"))
    return data


def test_a001_silent_when_a_kuan_row_is_left_out_and_its_items_add_up_to_the_class(engine, seed_data, tmp_path):
    """表3 without its 20103 row: 2010305, 2010350 and 2010399 count under 201 (the nearest code
    printed above them), whose 18,405.78 they add up to; the 总计 is still the sum of the 类 alone
    (no error; the seed's own 0.01 rounding note on the 总计 stays)."""
    found = check_workbook(engine, _without_kuan_20103(seed_data), tmp_path, rules={"A001"})
    assert [f.message for f in found if f.locations[0].table.startswith("表3") and f.severity.value == "error"] == []


def test_a001_a_class_over_its_items_says_it_adds_up_items(engine, seed_data, tmp_path):
    """The same 表3 with 2010350 事业运行 typed 1,008.41 instead of 1,018.41: A001 on 201, whose parts
    are 项 (所属各项之和), 10.00 short."""
    data = _without_kuan_20103(seed_data)
    row(table(data, 3), "2010350")[4] = 1008.41
    a001 = [f for f in check_workbook(engine, data, tmp_path, rules={"A001"})
            if f.locations[0].table.startswith("表3") and f.severity.value == "error"]
    assert [f.message for f in a001] == ["表3 单位支出总体情况表：“201 一般公共服务支出”行“合计”列为 18,405.78 万元，"
                                         "所属各项之和为 18,395.78 万元，相差 10.00 万元，超出四舍五入误差。"]
