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
