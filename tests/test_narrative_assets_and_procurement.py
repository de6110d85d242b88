"""十二（二）政府采购 and 十二（三）国有资产 checked within the narrative (A207, A208), for the shorter
and partial wordings units print: seed 000's sentences rewritten, written with openpyxl and read back."""
from __future__ import annotations

import copy

import pytest

import build
from checker.core.engine import Engine
from checker.core.reader import read_workbook

ENGINE = Engine(select=["A207", "A208"])
VEHICLES = ("2. 车辆 7 辆，价值 229.00 万元；其中：一般公务用车 7 辆，价值 229.00 万元；执法执勤用车 0 辆，价值 0.00 万元；"
            "其他车辆 0 辆，价值 0.00 万元。")


def _check(seed_data, tmp_path, old, new):
    data = copy.deepcopy(seed_data("000"))
    hits = [i for i, p in enumerate(data["narrative"]) if old in p]
    assert len(hits) == 1, (old, hits)
    data["narrative"][hits[0]] = data["narrative"][hits[0]].replace(old, new, 1)
    path = build.build_workbook(data, "split", tmp_path / "x.xlsx")
    return [(f.rule, f.expected, f.actual, f.locations[0].table, f.message) for f in ENGINE.check(read_workbook(path))]


def test_the_seeds_sentences_are_consistent(seed_data, tmp_path):
    assert _check(seed_data, tmp_path, VEHICLES, VEHICLES) == []


@pytest.mark.parametrize("new, found", [
    # the total alone, no breakdown: nothing to add up
    ("2. 车辆 7 辆，价值 229.00 万元。", []),
    # counts without values: the counts are added up
    ("2. 车辆 8 辆；其中：一般公务用车 7 辆，执法执勤用车 0 辆，其他车辆 0 辆。",
     [("A208", "7", "8", "情况说明 十二（三）",
       "情况说明十二（三）写车辆 8 辆，但一般公务用车 7 辆 ＋ 执法执勤用车 0 辆 ＋ 其他车辆 0 辆 = 7 辆，两者应相等。")]),
    # counts agree, the values of the kinds do not add up to the total value
    ("2. 车辆 7 辆，价值 229.00 万元；其中：一般公务用车 7 辆，价值 220.00 万元；执法执勤用车 0 辆，价值 0.00 万元；"
     "其他车辆 0 辆，价值 0.00 万元。",
     [("A208", "220.00", "229.00", "情况说明 十二（三）",
       "情况说明十二（三）写车辆价值 229.00 万元，但各类车辆价值合计 220.00 ＋ 0.00 ＋ 0.00 = 220.00 万元。")]),
])
def test_a208_vehicles(seed_data, tmp_path, new, found):
    assert _check(seed_data, tmp_path, VEHICLES, new) == found


def test_a207_one_kind_of_procurement_is_no_breakdown_of_the_total(seed_data, tmp_path):
    """“政府采购预算 16,466.51 万元，其中：政府采购服务预算 16,446.51 万元” names one kind only: it is not
    taken for the whole breakdown (two kinds at least are added up against the total)."""
    assert _check(seed_data, tmp_path, "其中：政府采购货物预算 20.00 万元，政府采购工程预算 0 万元，政府采购服务预算 16,446.51 万元。",
                  "其中：政府采购服务预算 16,446.51 万元。") == []


def test_a207_small_enterprises_above_both_reserves_is_reported_once(seed_data, tmp_path):
    """小微企业 17,000.00 is above 中小企业 8,088.38 and above the whole 16,466.51: one finding, against the
    中小企业 reserve it is part of (the comparison with the whole would repeat it)."""
    assert _check(seed_data, tmp_path, "小微企业预留政府采购项目预算金额 4,017.70 万元", "小微企业预留政府采购项目预算金额 17,000.00 万元") == [
        ("A207", None, "17000.00", "情况说明 十二（二）",
         "情况说明十二（二）小微企业预留政府采购项目预算 17,000.00 万元，超过了面向中小企业预留 8,088.38 万元。")]
