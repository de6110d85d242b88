"""Shanghai's cross-table identities, the 绩效目标 funds against the tables, the punctuation rule, the
三公 parts' changes and a former class name, on real budgets with one mistake put in: each is found
where a reviewer would look, and nothing else is added to the document's pinned findings."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from checker.core.engine import Engine, make_plugin_manager
from checker.core.reader import read_workbook
from test_shanghai_findings import PINS, _new_findings, _pins, edit_sheet

HERE = Path(__file__).resolve().parent
OFFICE = "sh_office_unit_2025"          # 表3 合计 91,016,775.35 元, 项目支出 66,410,000 元


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


def _build():
    spec = importlib.util.spec_from_file_location("shanghai_build", HERE / "seeds_shanghai" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _new(engine, path: Path, seed: str = OFFICE) -> list[tuple]:
    return _new_findings(engine, path, seed)


def test_a101_a102_a105_tables_that_disagree_with_each_other(engine, tmp_path):
    """表3 given 1,000,000 元 more on 2010302 (and its 款, 类 and 合计, so 表3 adds up in itself): it
    now disagrees with 表1/表2 on 201, 20103, 2010302 and the 总计; 表8 given 1,000 元 more 基本工资
    (with 301 and 合计): its 合计 disagrees with 表5's 基本支出, its 人员经费 with 表1's."""
    build = _build()
    seed = build.load_seed(OFFICE)
    for row in seed["tables"][2]["rows"]:
        if row[:3] in (["201", None, None], ["201", "03", None], ["201", "03", "02"], ["合计", None, None]):
            row[4] += 1_000_000
            row[6] += 1_000_000
    for row in seed["tables"][7]["rows"]:
        if row[:2] in (["301", None], ["301", "01"], ["合计", None]):
            row[3] += 1_000
            row[4] += 1_000
    path = build.build_workbook(seed, tmp_path / "tables.xlsx", "template")
    assert _new(engine, path) == sorted([
        ("A101", "单位支出总表!E29", "9101.68", "9201.68"),     # 表3 总计 against 表1, 表2
        ("A102", "单位支出总表!E9", "8209.68", "8309.68"),      # 201 against 表1, 表2
        ("A102", "单位收入总表!E10", None, None),               # 20103: 表2 against 表3
        ("A102", "单位收入总表!E12", None, None),               # 2010302
        ("A105", "单位一般公共预算拨款表!F29", None, None),      # 表5 基本支出 against 表8 合计
        ("A108", "单位收支总表!E21", None, None),               # 表1 人员经费 against 表8's
    ], key=str)


def test_a213_the_funds_of_the_projects_with_targets_above_all_project_spending(engine, shanghai_path, tmp_path):
    path = edit_sheet(shanghai_path(OFFICE), tmp_path / "targets.xlsx", "其他相关情况说明",
                      ("涉及项目预算资金6626万元", "涉及项目预算资金6926万元"), once=True)
    assert _new(engine, path) == [("A213", "其他相关情况说明!A3", "6641.00", "6926.00")]


def test_a213_near_miss_the_funds_of_all_projects_and_s011_two_full_stops(engine, shanghai_path, tmp_path):
    """涉及项目预算资金 raised to exactly 表3's 项目支出 (6,641 万元): no A213; a doubled "。。" in the
    same paragraph is S011."""
    path = edit_sheet(shanghai_path(OFFICE), tmp_path / "targets.xlsx", "其他相关情况说明",
                      ("涉及项目预算资金6626万元。", "涉及项目预算资金6641万元。。"), once=True)
    assert _new(engine, path) == [("S011", "其他相关情况说明!A3", None, "。。")]


def test_s011_a_quote_left_open(engine, shanghai_path, tmp_path):
    path = edit_sheet(shanghai_path(OFFICE), tmp_path / "quote.xlsx", "单位编制说明",
                      ("“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”", "“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行"),
                      once=True)
    found = [f for f in engine.check(read_workbook(path, templates=engine.templates)) if f.rule == "S011"]
    assert [f.locations[0].cell for f in found] == ["A4"], found
    assert found[0].message.endswith("中的““”没有对应的“””。"), found[0].message


def test_y006_y010_a_sangong_part_whose_change_does_not_add_up_and_stops_at_its_reason(engine, shanghai_path, tmp_path):
    """万里 2025's 公务用车购置费 "减少10万元" retyped "减少8万元", its reason cut after "主要原因是": the
    parts' changes no longer make the vehicle's nor the 三公 total's (Y006 twice), and no reason (Y010)."""
    seed = "sh_wanli_2025"
    path = edit_sheet(shanghai_path(seed), tmp_path / "sangong.xlsx", "其他相关情况说明",
                      ("公务用车购置费15万元，比2024年预算减少10万元，主要原因是购置车辆类型不同",
                       "公务用车购置费15万元，比2024年预算减少8万元，主要原因是"), once=True)
    assert _new(engine, path, seed) == sorted([("Y006", "其他相关情况说明!A3", "-8.00", "-10.00")] * 2
                                              + [("Y010", "其他相关情况说明!A3", None, None)], key=str)


def test_c012_an_item_named_by_a_former_class_name_is_not_also_unknown(engine, shanghai_path, tmp_path):
    """A 项 whose 类 keeps its 2018 name ("医疗卫生与计划生育支出"): C012 with today's name; not also
    A209 ("找不到"), since 表5 has a 项 of its 78.29 万元 (782,855.28 元 rounded)."""
    path = edit_sheet(shanghai_path(OFFICE), tmp_path / "former.xlsx", "单位编制说明",
                      ("“卫生健康支出-行政事业单位医疗-行政单位医疗”", "“医疗卫生与计划生育支出-行政事业单位医疗-行政单位医疗”"),
                      once=True)
    assert _new(engine, path) == [("C012", "单位编制说明!A12", "卫生健康支出", "医疗卫生与计划生育支出")]


def test_y003_y004_an_item_whose_percentage_or_direction_does_not_fit_its_two_years(engine, shanghai_path, tmp_path):
    """万里 2024 item 1 (60.13 → 25.77 万元) retyped "减少51.74%" (Y003: 57.14%); item 2 (45.41 → 42.60)
    retyped "增加6.19%" (Y004: the figures fall; and its reason "经费减少" now contradicts the word,
    Y012 instead of the pinned Y011)."""
    seed = "sh_wanli_2024"
    path = edit_sheet(shanghai_path(seed), tmp_path / "items.xlsx", "部门编制说明",
                      ("比2023年预算执行数减少57.14%", "比2023年预算执行数减少51.74%"),
                      ("比2023年预算执行数减少6.19%", "比2023年预算执行数增加6.19%"), once=True)
    findings = _pins(engine.check(read_workbook(path, templates=engine.templates)))
    pinned = sorted(PINS[seed], key=str)
    assert [f for f in findings if f not in pinned] == sorted([
        ("Y003", "部门编制说明!A4", "57.14%", "51.74%"),
        ("Y004", "部门编制说明!A5", "减少", "增加"),
        ("Y012", "部门编制说明!A5", "增长", "减少")], key=str)
    assert [f for f in pinned if f not in findings] == [("Y011", "部门编制说明!A5", None, None)]


def test_y004_near_miss_a_direction_the_two_years_bear_out(engine, shanghai_path, tmp_path):
    """Item 3 (60.79 → 88.87 万元, "增加46.19%") with its percentage moved within rounding: nothing."""
    seed = "sh_wanli_2024"
    path = edit_sheet(shanghai_path(seed), tmp_path / "items.xlsx", "部门编制说明",
                      ("比2023年预算执行数增加46.19%", "比2023年预算执行数增加46.2%"), once=True)
    assert _new(engine, path, seed) == []


def test_a201_a207_running_costs_against_table9_and_a_small_firms_share_above_the_reserve(engine, shanghai_path, tmp_path):
    """机关运行经费 retyped 231.28 (表9: 213.28 万元, A201); 小型和微型企业 43 万元 out of a 中小企业
    reserve of 34 (A207)."""
    path = edit_sheet(shanghai_path(OFFICE), tmp_path / "other.xlsx", "其他相关情况说明",
                      ("机关运行经费预算为213.28万元", "机关运行经费预算为231.28万元"),
                      ("预留给小型和微型企业的政府采购项目预算为34万元", "预留给小型和微型企业的政府采购项目预算为43万元"), once=True)
    assert _new(engine, path) == sorted([("A201", "其他相关情况说明!A3", "213.28", "231.28"),
                                         ("A207", "其他相关情况说明!A3", None, "43.00")], key=str)
