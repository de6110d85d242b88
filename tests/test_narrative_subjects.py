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


def _key(f):
    return f.rule, f.expected, f.actual, f.locations[0].table


@pytest.fixture(scope="module")
def seed_findings(seed_doc):
    """The seeds' own findings (000: the A202 share of 财政拨款结转, 50.40 % printed for 50.39 %; 001:
    one A202 share too), left out of what a rewritten sentence adds."""
    cache = {}

    def get(seed):
        if seed not in cache:
            cache[seed] = {_key(f) for f in ENGINE.check(seed_doc(seed, "split"))}
        return cache[seed]

    return get


@pytest.fixture
def changed(seed_data, seed_findings, tmp_path):
    def run(old, new, seed="000"):
        """The findings that rewriting ``old`` as ``new`` in one paragraph adds to the seed's own."""
        data = copy.deepcopy(seed_data(seed))
        hits = [i for i, p in enumerate(data["narrative"]) if old in p]
        assert len(hits) == 1, (old, hits)
        data["narrative"][hits[0]] = data["narrative"][hits[0]].replace(old, new, 1)
        path = build.build_workbook(data, "split", tmp_path / "x.xlsx")
        return [f for f in ENGINE.check(read_workbook(path)) if _key(f) not in seed_findings(seed)]

    return run


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
def test_a201_each_wording_is_compared_with_the_figure_it_restates(changed, old, new, pins):
    assert sorted(_pins(changed(old, new))) == sorted(pins)


def test_a209_a_carry_over_project_the_tables_do_not_name(changed):
    """十一 names a project 表11 does not list: A209 (it cannot be checked), quoting the sentence."""
    found = changed("1. 自治区一体化在线政务服务平台深化应用项目 9,322.84 万元",
                    "1. 数字政府平台项目 9,322.84 万元")
    assert [(f.rule, f.actual, f.locations[0].table) for f in found] == [("A209", "9322.84", "情况说明 十一")]
    assert "找不到“数字政府平台项目”" in found[0].message


_ALLOCATION = "资金分配情况：差旅费 15 万元，培训费 5 万元，办公费 8 万元"      # 001 七（三）, 预算安排规模 28.00


@pytest.mark.parametrize("total, reported", [("28", False), ("29", True)])
def test_a204_an_allocation_that_states_its_own_total(changed, total, reported):
    """“…，共计 28 万元” after the items is their total, not one more item (15 + 5 + 8 = 28 = 规模: silent);
    a 共计 that is not their sum leaves the allocation unexplained (A204 against 规模 28.00)."""
    found = changed(_ALLOCATION, f"{_ALLOCATION}，共计 {total} 万元", seed="001")
    assert [(f.rule, f.expected, f.locations[0].table) for f in found] == \
        ([("A204", "28.00", "情况说明 七（三）")] if reported else [])


@pytest.mark.parametrize("scale, found", [
    # a table referred to is no scale: before, the 7 of 表7 was read as 7 万元 (A203 and A204 fired)
    ("详见表7", []),
    ("280,000 元", []),                                           # in 元: 28.00 万元, the 表7 figure
    ("290,000 元", [("A203", "28.00", "29.00"), ("A204", "29.00", "28.00")]),
])
def test_a203_the_scale_of_a_project_as_printed(changed, scale, found):
    """001 七（三）: 预算安排规模 against 表7's 28.00 (A203) and against its 资金分配情况 15 + 5 + 8 (A204)."""
    assert [(f.rule, f.expected, f.actual) for f in changed("预算安排规模：28.00 万元", f"预算安排规模：{scale}", seed="001")] == found
