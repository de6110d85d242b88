"""Which table figure a narrative amount is compared with (A201), for the wordings units use for the
same subject: each case rewrites one sentence of seed 000 with another wording and a wrong amount,
and pins the figure and cell the finding quotes. A wording bound to the wrong figure, or to none,
fails here.

Workbooks are written with openpyxl from the seed (tests/seeds/build.py) and read back.
"""
from __future__ import annotations

import copy

import pytest

import build
from checker.core.engine import Engine
from checker.core.reader import read_workbook

ENGINE = Engine(select=["A2"])


def _findings(seed_data, tmp_path, old, new, seed="000"):
    """The findings the rewritten sentence adds to the seed's own (seed 000 has one: the A202 share
    of 财政拨款结转, 50.40 % printed for 50.39 %)."""
    data = copy.deepcopy(seed_data(seed))
    hits = [i for i, p in enumerate(data["narrative"]) if old in p]
    assert len(hits) == 1, (old, hits)
    data["narrative"][hits[0]] = data["narrative"][hits[0]].replace(old, new, 1)
    path = build.build_workbook(data, "split", tmp_path / "x.xlsx")
    return [f for f in ENGINE.check(read_workbook(path)) if not (f.rule == "A202" and f.actual == "50.40")]


def _pins(findings):
    return [(f.rule, f.locations[0].table, f.expected, f.actual, f.locations[-1].cell) for f in findings]


@pytest.mark.parametrize("old, new, pins", [
    # 一: 支出总预算 is 表1's 支出总计, not the 收支总预算 of the same sentence
    ("收支总预算 18,767.18 万元。", "收支总预算 18,767.18 万元，支出总预算 18,000.00 万元。",
     [("A201", "情况说明 一", "18767.18", "18000.00", "D36")]),
    # 三: 支出总计 is 表3's 总计 (合计 column)
    ("2024 年支出预算 18,767.18 万元", "2024 年支出总计 18,700.00 万元",
     [("A201", "情况说明 三", "18767.18", "18700.00", "E8")]),
    # 五（一）: 当年拨款 is 表5's 合计
    ("2024 年一般公共预算拨款合计 1,379.81 万元", "2024 年一般公共预算当年拨款 1,379.00 万元",
     [("A201", "情况说明 五（一）", "1379.81", "1379.00", "E8")]),
    # 六: the 基本支出 of 六 is 表6's 合计
    ("2024年一般公共预算基本支出1,379.81万元", "2024年一般公共预算基本支出1,370.81万元",
     [("A201", "情况说明 六", "1379.81", "1370.81", "D8")]),
    # 十: each 三公 item against its own row of 表10
    ("公务用车运行费 20.02 万元，公务接待费 2.00 万元", "公务用车运行费 20.00 万元，公务接待费 2.02 万元",
     [("A201", "情况说明 十", "20.02", "20.00", "B12"), ("A201", "情况说明 十", "2.00", "2.02", "B9")]),
    # 十一: the total, 财政拨款 and 非财政拨款 against 表11's 总计 row, each in its column
    ("2024 年上年结转结余 9,457.44 万元，包括：财政拨款 9,457.44 万元，非财政拨款 0.00 万元",
     "2024 年上年结转结余 9,457.40 万元，包括：财政拨款 9,457.40 万元，非财政拨款 1.00 万元",
     [("A201", "情况说明 十一", "9457.44", "9457.40", "B8"), ("A201", "情况说明 十一", "9457.44", "9457.40", "C8"),
      ("A201", "情况说明 十一", "0.00", "1.00", "G8")]),
])
def test_a201_each_wording_is_compared_with_the_figure_it_restates(seed_data, tmp_path, old, new, pins):
    assert sorted(_pins(_findings(seed_data, tmp_path, old, new))) == sorted(pins)


def test_a209_a_carry_over_project_the_tables_do_not_name(seed_data, tmp_path):
    """十一 names a project 表11 does not list: A209 (it cannot be checked), quoting the sentence."""
    found = _findings(seed_data, tmp_path, "1. 自治区一体化在线政务服务平台深化应用项目 9,322.84 万元",
                      "1. 数字政府平台项目 9,322.84 万元")
    assert [(f.rule, f.actual, f.locations[0].table) for f in found] == [("A209", "9322.84", "情况说明 十一")]
    assert "找不到“数字政府平台项目”" in found[0].message
