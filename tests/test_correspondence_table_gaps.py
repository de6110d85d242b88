"""A301–A303 on workbooks that lack a table or print one empty: the correspondences of the tables
that are there are still checked, a missing or empty table gives no finding of its own here (S001 and
S006 report it), and nothing crashes (no S900)."""
from __future__ import annotations

import copy

import pytest

import build
from edit import row, table
from checker.core.engine import Engine
from checker.core.reader import read_workbook

ENGINE = Engine(select=["A3", "S900"])


def _check(data, tmp_path):
    path = build.build_workbook(data, "split", tmp_path / "x.xlsx")
    return sorted((f.rule, f.actual) for f in ENGINE.check(read_workbook(path)))


def _seed_with_two_differences(seed_data):
    """Seed 001 (whose 公务用车运行费 91.40 already differs from 表6 30231 81.40: A301) with 表10 公务接待费
    3.00 (表6 30217 2.00: A301) and 表6 30113 住房公积金 180.00 (表5 2210201 184.57: A302)."""
    data = copy.deepcopy(seed_data("001"))
    r = row(table(data, 10), "公务接待费")
    r[1], r[2] = 3.0, 3.0
    r = row(table(data, 6), "30113")
    r[3], r[4] = 180.0, 180.0
    return data


def test_both_differences_without_a_gap(seed_data, tmp_path):
    assert _check(_seed_with_two_differences(seed_data), tmp_path) == [("A301", "3.00"), ("A301", "91.40"), ("A302", "180.00")]


@pytest.mark.parametrize("number, left", [(10, [("A302", "180.00")]), (5, [("A301", "3.00"), ("A301", "91.40")]),
                                          (6, [])])
@pytest.mark.parametrize("gap", ["missing", "empty"])
def test_a_missing_or_empty_table_drops_only_its_own_correspondences(seed_data, tmp_path, number, left, gap):
    data = _seed_with_two_differences(seed_data)
    if gap == "missing":
        data["tables"] = [t for t in data["tables"] if t["number"] != number]
    else:
        t = table(data, number)
        t["rows"] = []
        t["empty_statement"] = "本表为空表。"
    assert _check(data, tmp_path) == left


def _found(data, tmp_path, rules=("A301", "A302", "A303", "S900")):
    path = build.build_workbook(data, "split", tmp_path / "rows.xlsx")
    return [(f.rule, f.expected, f.actual, f.message) for f in Engine(select=list(rules)).check(read_workbook(path))]


def test_a301_table10_without_a_reception_row_still_compares_the_car_costs(seed_data, tmp_path):
    """Seed 000's 表10 with its 公务接待费 row deleted and 公务用车运行费 21.02 (表6 30231 20.02): the
    missing row is skipped, the car costs are still compared."""
    data = copy.deepcopy(seed_data("000"))
    t10 = table(data, 10)
    t10["rows"].remove(row(t10, "公务接待费"))
    r = row(t10, "公务用车运行费")
    r[1], r[2] = 21.02, 21.02
    assert [(rule, e, a) for rule, e, a, _ in _found(data, tmp_path, ("A301", "S900"))] == [("A301", None, "21.02")]


def test_a301_a_code_missing_from_table6_is_named_by_its_code(seed_data, tmp_path):
    """表6 without 30217 公务接待费 while 表10 has 2.00: 表6's side is “未列出”, named by its code."""
    data = copy.deepcopy(seed_data("000"))
    t6 = table(data, 6)
    t6["rows"].remove(row(t6, "30217"))
    found = [x for x in _found(data, tmp_path) if x[0] == "A301"]
    assert [(rule, e, a) for rule, e, a, _ in found] == [("A301", None, "2.00")]
    assert found[0][3].startswith("表10“公务接待费”（一般公共预算）为 2.00 万元，表6 30217为 未列出")


def test_a302_a_code_missing_from_table6_is_named_by_its_code(seed_data, tmp_path):
    """表6 without 30113 住房公积金 while 表5 2210201 has 184.57."""
    data = copy.deepcopy(seed_data("001"))
    t6 = table(data, 6)
    t6["rows"].remove(row(t6, "30113"))
    found = [x for x in _found(data, tmp_path) if x[0] == "A302"]
    assert [(rule, e, a) for rule, e, a, _ in found] == [("A302", None, "0.00")]
    assert found[0][3].startswith("表6 30113为 未列出（按 0 计），表5 基本支出“2210201 住房公积金”为 184.57 万元")


def test_a302_and_a303_need_table5s_basic_column(seed_data, tmp_path):
    """A 表5 headed without a 基本支出 column (合计 and two other columns) cannot be compared with 表6's
    basic expenditure: A302 and A303 are not checked, and nothing fails (no S900)."""
    data = copy.deepcopy(seed_data("001"))
    t5 = table(data, 5)
    t5["header"][1][5] = "经常性支出"
    r = row(table(data, 6), "30113")
    r[3], r[4] = 180.0, 180.0
    assert [x for x in _found(data, tmp_path) if x[0] != "A301"] == []


def test_a_row_without_a_code_in_table6_is_not_looked_up(seed_data, tmp_path):
    """A 其中 line without a code under 30217 (“其中：外事接待 0.50”) is no 30217 row: A301–A303 give the
    seed's own finding only (000: 表6 30110 职工基本医疗保险缴费 69.75 against 表5 2101102 事业单位医疗
    63.03, A302), and nothing fails."""
    data = copy.deepcopy(seed_data("000"))
    rows = table(data, 6)["rows"]
    rows.insert(rows.index(row(table(data, 6), "30217")) + 1, ["", "", "其中：外事接待", 0.5, None, 0.5])
    assert [(rule, e, a) for rule, e, a, _ in _found(data, tmp_path)] == [("A302", None, "69.75")]
