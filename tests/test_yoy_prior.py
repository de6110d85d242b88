"""Year-over-year rules against last year's disclosure (Y030–Y031, ``--prior``).

Last year's workbook is seed 000 with its tables set to the amounts the 2024 narrative's changes
imply (2023 = 2024 − X), written and read back like any workbook; each test then breaks one thing.
"""
from __future__ import annotations

import copy
import json

import pytest
from click.testing import CliRunner

import build
import checker.plugins.yoy as yoy
from checker.cli import cli
from checker.core.engine import Engine, make_plugin_manager
from checker.core.reader import read_workbook


def _table(data, number):
    return next(t for t in data["tables"] if t["number"] == number)


def _row(table, *code):
    code = tuple(code) + ("",) * (3 - len(code))
    return next(r for r in table["rows"] if tuple(r[:3]) == code)


def _prior_000(seed_data):
    """Seed 000's disclosure as it must have looked in 2023, by the changes its narrative states."""
    data = copy.deepcopy(seed_data("000"))
    data["year"], data["cover_title"] = 2023, "2023 年单位预算公开"     # --prior must be the year before
    data["overview"] = [p.replace("2024年", "2023年") for p in data["overview"]]
    t2 = _table(data, 2)
    total = t2["rows"][0]
    total[4], total[5], total[6], total[13], total[14] = 8344.51, 1357.94, 1357.94, 6986.57, None
    t3 = _table(data, 3)
    t3["rows"][0][4:7] = [8344.51, 1357.94, 6986.57]
    t5 = _table(data, 5)
    t5["rows"][0][4:7] = [1357.94, 1357.94, None]
    for code, value in [(("201", "03", "50"), 1002.68), (("208", "05", "05"), 131.27), (("210", "11", "02"), 68.10),
                        (("210", "11", "03"), 57.44), (("221", "02", "01"), 98.46)]:
        _row(t5, *code)[4:6] = [value, value]
    t5["rows"].remove(_row(t5, "208", "05", "02"))       # 事业单位离退休 is new in 2024
    data["narrative"] = [p.replace("机关运行经费财政拨款预算 121.35 万元", "机关运行经费财政拨款预算 132.79 万元")
                         for p in data["narrative"]]
    return data


def _check(current, prior, tmp_path, layout="split"):
    cur = read_workbook(build.build_workbook(current, layout, tmp_path / f"cur_{layout}.xlsx"))
    old = read_workbook(build.build_workbook(prior, layout, tmp_path / f"prior_{layout}.xlsx"))
    return Engine(pm=make_plugin_manager([yoy], entry_points=False)).check(cur, old)


@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_silent_when_the_stated_changes_match_last_year(seed_data, tmp_path, layout):
    assert _check(seed_data("000"), _prior_000(seed_data), tmp_path, layout) == []


def test_silent_without_prior(seed_doc):
    findings = Engine(pm=make_plugin_manager([yoy], entry_points=False)).check(seed_doc("000", "split"))
    assert not [f for f in findings if f.rule.startswith("Y03")]


@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_y030_item_change_differs_from_the_two_tables(seed_data, tmp_path, layout):
    prior = _prior_000(seed_data)
    _row(_table(prior, 5), "201", "03", "50")[4:6] = [1012.68, 1012.68]
    findings = _check(seed_data("000"), prior, tmp_path, layout)
    assert [(f.rule, f.locations[0].row, f.expected, f.actual) for f in findings] == \
        [("Y030", "事业运行（项）", "5.73", "15.73")]
    assert "1,012.68" in findings[0].message and "1,018.41" in findings[0].message


def test_y030_income_source(seed_data, tmp_path):
    prior = _prior_000(seed_data)
    _table(prior, 2)["rows"][0][13] = 6000.00
    findings = _check(seed_data("000"), prior, tmp_path)
    assert [(f.rule, f.locations[0].row, f.expected, f.actual) for f in findings] == \
        [("Y030", "单位资金", "1929.93", "943.36")]


def test_y030_operating_costs_from_last_years_narrative(seed_data, tmp_path):
    prior = _prior_000(seed_data)
    prior["narrative"] = [p.replace("132.79 万元", "140.00 万元") for p in prior["narrative"]]
    findings = _check(seed_data("000"), prior, tmp_path)
    assert [(f.rule, f.locations[0].row, f.expected, f.actual) for f in findings] == \
        [("Y030", "机关运行经费", "-18.65", "-11.44")]


def test_y030_item_matched_by_name_when_its_code_changed(seed_data, tmp_path):
    prior = _prior_000(seed_data)
    _row(_table(prior, 5), "201", "03", "50")[2] = "49"     # last year's list had 事业运行 under 2010349
    assert _check(seed_data("000"), prior, tmp_path) == []
    _row(_table(prior, 5), "201", "03", "49")[4:6] = [1012.68, 1012.68]
    assert [f.rule for f in _check(seed_data("000"), prior, tmp_path)] == ["Y030"]


def _with_vanished_item(seed_data):
    """Last year also had 2080501 行政单位离退休 3.00 (and 3.00 less 事业运行): gone in 2024."""
    prior = _prior_000(seed_data)
    t5 = _table(prior, 5)
    t5["rows"].insert(t5["rows"].index(_row(t5, "208", "05", "05")), ["208", "05", "01", "行政单位离退休", 3.0, 3.0, None])
    _row(t5, "201", "03", "50")[4:6] = [999.68, 999.68]
    current = copy.deepcopy(seed_data("000"))
    current["narrative"] = [p.replace("比上年预算增加 15.73 万元，增长 1.57%", "比上年预算增加 18.73 万元，增长 1.87%")
                            for p in current["narrative"]]
    return current, prior


def test_y031_vanished_item_without_its_statement(seed_data, tmp_path):
    current, prior = _with_vanished_item(seed_data)
    findings = _check(current, prior, tmp_path)
    # without its statement, the 五（三） items no longer add up to the total either (Y006, no --prior needed)
    assert sorted((f.rule, f.locations[0].table, f.expected) for f in findings) == \
        [("Y006", "情况说明 二", "24.87"), ("Y031", "表5 一般公共预算支出情况表", "-3.00")]
    assert "2080501 行政单位离退休" in next(f.message for f in findings if f.rule == "Y031")


def test_y031_silent_when_the_vanished_item_is_stated(seed_data, tmp_path):
    current, prior = _with_vanished_item(seed_data)
    i = next(i for i, p in enumerate(current["narrative"]) if "住房公积金（项）" in p)
    current["narrative"].insert(i + 1, "7、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）：2024年预算数为"
                                       "0.00万元，比上年预算减少3.00万元，下降100.00%。主要原因是退休人员养老金改由社保基金发放。")
    assert _check(current, prior, tmp_path) == []


def test_y031_income_source_that_vanished(seed_data, tmp_path):
    prior = _prior_000(seed_data)
    _table(prior, 2)["rows"][0][12] = 30.00      # 财政专户（教育收费） last year, none in 2024
    findings = _check(seed_data("000"), prior, tmp_path)
    assert [(f.rule, f.locations[0].row, f.expected) for f in findings] == [("Y031", "总计", "-30.00")]
    assert "财政专户管理资金" in findings[0].message


def test_cli_prior(seed_data, tmp_path):
    prior = _prior_000(seed_data)
    _row(_table(prior, 5), "201", "03", "50")[4:6] = [1012.68, 1012.68]
    cur = build.build_workbook(seed_data("000"), "split", tmp_path / "2024.xlsx")
    old = build.build_workbook(prior, "split", tmp_path / "2023.xlsx")
    result = CliRunner().invoke(cli, ["run", str(cur), "--prior", str(old), "--select", "Y", "--format", "json"])
    assert result.exit_code == 1
    (finding,) = json.loads(result.output)["files"][0]["findings"]
    assert (finding["rule"], finding["expected"], finding["actual"]) == ("Y030", "5.73", "15.73")


@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_y030_sangong_against_last_years_table_10(seed_data, tmp_path, layout):
    prior = _prior_000(seed_data)
    t10 = _table(prior, 10)
    for row in t10["rows"]:
        if row[0] in ("合计",):
            row[1:3] = [27.02, 27.02]
        if row[0].startswith("公务用车购置及运行费") or row[0] == "公务用车运行费":
            row[1:3] = [25.02, 25.02]
    findings = _check(seed_data("000"), prior, tmp_path, layout)
    # 2024 says "增加 0.00 万元" for the total and for 公务用车运行费; the two tables differ by 5.00
    assert sorted((f.rule, f.locations[0].row, f.expected, f.actual) for f in findings) == \
        [("Y030", "“三公”经费", "-5.00", "0.00"), ("Y030", "公务用车运行费", "-5.00", "0.00")]
    assert all("25.02" in f.message or "27.02" in f.message for f in findings)


def test_y030_class_against_last_years_table(seed_data, tmp_path):
    current = copy.deepcopy(seed_data("000"))
    current["narrative"] = [p.replace("1、一般公共服务支出（类）1,018.41 万元，占 73.81%。",
                                      "1、一般公共服务支出（类）1,018.41 万元，占 73.81%，比上年预算增加 5.73 万元，增长 0.57%，"
                                      "主要原因是工资调整。") for p in current["narrative"]]
    prior = _prior_000(seed_data)
    for code in (("201",), ("201", "03")):
        _row(_table(prior, 5), *code)[4:6] = [1002.68, 1002.68]
    findings = _check(current, prior, tmp_path)
    # last year's 表5 201 一般公共服务支出: 1,002.68 → the change is 15.73, not 5.73
    assert [(f.rule, f.locations[0].row, f.expected, f.actual) for f in findings] == \
        [("Y030", "一般公共服务支出（类）", "15.73", "5.73")]


def _state_vanished_item(current, clause):
    i = next(i for i, p in enumerate(current["narrative"]) if "住房公积金（项）" in p)
    current["narrative"].insert(i + 1, "7、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）：2024年预算数为"
                                       f"0.00万元，{clause}")


@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_y031_vanished_item_stated_without_its_hundred_percent(seed_data, tmp_path, layout):
    current, prior = _with_vanished_item(seed_data)
    _state_vanished_item(current, "比上年预算减少3.00万元。主要原因是退休人员养老金改由社保基金发放。")
    findings = _check(current, prior, tmp_path, layout)
    assert [(f.rule, f.locations[0].row, f.expected, f.actual) for f in findings] == \
        [("Y031", "行政单位离退休（项）", "-3.00", "-3.00")]
    assert "下降 100%" in findings[0].message and "2080501 行政单位离退休" in findings[0].message


def test_y031_silent_when_the_reason_says_no_longer_arranged(seed_data, tmp_path):
    current, prior = _with_vanished_item(seed_data)
    _state_vanished_item(current, "比上年预算减少3.00万元，主要原因是该项支出本年不再安排。")
    assert _check(current, prior, tmp_path) == []


def test_y031_vanished_income_source_stated_as_a_partial_decrease(seed_data, tmp_path):
    prior = _prior_000(seed_data)
    _table(prior, 2)["rows"][0][12] = 30.00      # 财政专户管理资金 last year, none in 2024
    current = copy.deepcopy(seed_data("000"))
    i = next(i for i, p in enumerate(current["narrative"]) if p.startswith("单位资金"))
    current["narrative"].insert(i, "财政专户管理资金 0.00 万元，占 0.00%，比上年预算减少 30.00 万元，主要原因是教育收费纳入单位资金。")
    # (the −30.00 also makes 二's sources disagree with 三's 基本 + 项目 changes: Y006, not this test's concern)
    findings = [f for f in _check(current, prior, tmp_path) if f.rule != "Y006"]
    assert [(f.rule, f.locations[0].row) for f in findings] == [("Y031", "财政专户管理资金")]
    current["narrative"][i] = current["narrative"][i].replace("减少 30.00 万元，", "减少 30.00 万元，下降 100.00%，")
    assert [f.rule for f in _check(current, prior, tmp_path)] == ["Y006"]


def test_y030_change_stated_as_a_percentage_only(seed_data, tmp_path):
    """五（三） "事业运行 … 比上年预算增长 1.57%" without the amount: the percentage is checked against the two
    years' tables — right against last year's 1,002.68 (silent), wrong against 1,012.68 (Y030: 0.57 %)."""
    current = copy.deepcopy(seed_data("000"))
    old = "2024 年预算数为 1,018.41 万元，比上年预算增加 15.73 万元，增长 1.57%"
    hits = [i for i, p in enumerate(current["narrative"]) if old in p]
    assert len(hits) == 1
    current["narrative"][hits[0]] = current["narrative"][hits[0]].replace(old, "2024 年预算数为 1,018.41 万元，比上年预算增长 1.57%")
    assert _check(current, _prior_000(seed_data), tmp_path) == []
    prior = _prior_000(seed_data)
    _row(_table(prior, 5), "201", "03", "50")[4:6] = [1012.68, 1012.68]
    findings = _check(current, prior, tmp_path)
    assert [(f.rule, f.expected, f.actual) for f in findings] == [("Y030", "0.57%", "1.57%")]
    assert "1,012.68" in findings[0].message
