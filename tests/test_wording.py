"""The wording rules (S010–S014), S007, Y008 and A212 on a real Shanghai budget edited the way a unit
would leave it: each fires on the mistake, and stays silent on the same text a little inside it."""
from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from checker.core.engine import Engine, make_plugin_manager
from checker.core.reader import read_workbook
from test_shanghai_findings import edit_sheet

OFFICE = "sh_office_unit_2025"          # 上海市普陀区人民政府办公室 2025 单位预算
WANLI = "sh_wanli_2024"


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


def _edit(shanghai_path, tmp_path: Path, seed: str, sheet: str, *changes: tuple[str, str]) -> Path:
    return edit_sheet(shanghai_path(seed), tmp_path / f"{seed}.xlsx", sheet, *changes)


def _noted(shanghai_path, tmp_path: Path, note: str) -> Path:
    """The 政府办 workbook with ``note`` typed under its 三公 table."""
    path = tmp_path / "noted.xlsx"
    shutil.copy(shanghai_path(OFFICE), path)
    wb = openpyxl.load_workbook(path)
    wb["单位“三公”经费和机关运行费预算表"].cell(row=9, column=1, value=note)
    wb.save(path)
    return path


def _rules(engine, path: Path, *codes: str) -> list[tuple]:
    findings = engine.check(read_workbook(path, templates=engine.templates))
    return [(f.rule, f.actual) for f in findings if f.rule in codes]


def test_s010_a_placeholder_left_in_the_narrative(engine, shanghai_path, tmp_path):
    path = _edit(shanghai_path, tmp_path, OFFICE, "其他相关情况说明", ("公务接待费28.50万元", "公务接待费XXX万元"))
    assert _rules(engine, path, "S010") == [("S010", "XXX")]


def test_s010_near_miss_latin_letters_and_a_generic_bracket_are_not_placeholders(engine, shanghai_path, tmp_path):
    # "XXL" is a word, not a placeholder; "各部门(单位)" names both kinds, as glossaries do
    path = _edit(shanghai_path, tmp_path, OFFICE, "其他相关情况说明",
                 ("政府采购服务预算34万元", "政府采购服务预算34万元（含XXL型号设备维保，由各部门(单位)分担）"))
    assert _rules(engine, path, "S010") == []


def test_s011_a_bracket_closed_by_the_other_kind(engine, shanghai_path, tmp_path):
    path = _edit(shanghai_path, tmp_path, OFFICE, "单位编制说明", ("政府办公厅（室）及相关机构事务-行政运行", "政府办公厅（室)及相关机构事务-行政运行"))
    assert [code for code, _ in _rules(engine, path, "S011")] == ["S011"]


def test_s011_near_miss_half_width_brackets_that_pair(engine, shanghai_path, tmp_path):
    path = _edit(shanghai_path, tmp_path, OFFICE, "单位编制说明", ("政府办公厅（室）及相关机构事务-行政运行", "政府办公厅(室)及相关机构事务-行政运行"))
    assert _rules(engine, path, "S011") == []


def test_s012_a_unit_calling_itself_a_department(engine, shanghai_path, tmp_path):
    path = _edit(shanghai_path, tmp_path, OFFICE, "其他相关情况说明", ("2025年度本单位政府采购预算", "2025年度本部门政府采购预算"))
    assert _rules(engine, path, "S012") == [("S012", "本部门")]


def test_s012_a_unit_table_titled_as_the_departments(engine, shanghai_path, tmp_path):
    path = _edit(shanghai_path, tmp_path, OFFICE, "单位“三公”经费和机关运行费预算表",
                 ("2025年单位“三公”经费和机关运行经费预算表", "2025年部门“三公”经费和机关运行经费预算表"))
    findings = [f for f in engine.check(read_workbook(path, templates=engine.templates)) if f.rule == "S012"]
    assert [(f.locations[0].sheet, f.expected, f.actual) for f in findings] == [
        ("单位“三公”经费和机关运行费预算表", "单位", "部门")]
    assert findings[0].message.startswith("本文件是单位预算，表9的标题却写“2025年部门“三公”经费")


def test_s012_near_miss_a_unit_naming_its_department(engine, shanghai_path, tmp_path):
    path = _edit(shanghai_path, tmp_path, OFFICE, "其他相关情况说明",
                 ("2025年度本单位政府采购预算", "2025年度本单位（经主管部门审核）政府采购预算"))
    assert _rules(engine, path, "S012") == []


def test_s013_compared_with_a_year_that_is_not_last_year(engine, shanghai_path, tmp_path):
    path = _edit(shanghai_path, tmp_path, OFFICE, "其他相关情况说明", ("与2024年预算持平", "与2023年预算持平"))
    found = _rules(engine, path, "S013")
    assert found and set(found) == {("S013", "2023")}          # once in each paragraph that says it


def test_s013_near_miss_last_year_as_the_budget_execution(engine, shanghai_path, tmp_path):
    path = _edit(shanghai_path, tmp_path, OFFICE, "其他相关情况说明", ("与2024年预算持平", "与2024年预算执行数持平"))
    assert _rules(engine, path, "S013") == []


_EXCEPTED_YEARS = ("根据《上海市2019年政府采购工作要点》（沪财采〔2019〕12号）、《中华人民共和国政府采购法》（2014年修正）"
                   "和“十四五”（2021—2025年）规划，自2020年以来坚持……；本单位2019年机构改革后组建，到2035年建成……。")


def test_s013_a_year_quoted_from_an_older_document(engine, shanghai_path, tmp_path):
    """Not a comparison: "2023年度本单位政府采购预算" in a 2025 document, left from an older one."""
    path = _edit(shanghai_path, tmp_path, OFFICE, "其他相关情况说明",
                 ("2025年度本单位政府采购预算", _EXCEPTED_YEARS + "2023年度本单位政府采购预算"))
    findings = [f for f in engine.check(read_workbook(path, templates=engine.templates)) if f.rule == "S013"]
    assert [(f.actual, f.expected, f.severity.value) for f in findings] == [("2023", None, "warning")]
    assert "2023年度本单位政府采购预算" in findings[0].message and "既不是本年度也不是上年度" in findings[0].message


def test_s013_near_miss_years_of_documents_periods_and_history(engine, shanghai_path, tmp_path):
    path = _edit(shanghai_path, tmp_path, OFFICE, "其他相关情况说明",
                 ("2025年度本单位政府采购预算", _EXCEPTED_YEARS + "2025年度本单位政府采购预算"))
    assert _rules(engine, path, "S013") == []


def test_s013_a_compared_year_is_reported_before_a_quoted_one(engine, shanghai_path, tmp_path):
    """One finding a paragraph: the comparison (an error, with the year it should be) wins."""
    path = _edit(shanghai_path, tmp_path, OFFICE, "单位编制说明",
                 ("比2024年预算减少2,389.52万元；事业收入", "比2023年预算减少2,389.52万元（2022年决算数）；事业收入"))
    assert _rules(engine, path, "S013") == [("S013", "2023")]


def test_s014_the_sme_reserve_left_out(engine, shanghai_path, tmp_path):
    path = _edit(shanghai_path, tmp_path, OFFICE, "其他相关情况说明",
                 ("2025年本单位面向中小企业预留政府采购项目预算金额34万元，其中，预留给小型和微型企业的政府采购项目预算为34万元。", ""))
    assert [code for code, _ in _rules(engine, path, "S014")] == ["S014"]


def test_s014_near_miss_no_reserve_needed_without_procurement(engine, shanghai_path, tmp_path):
    path = _edit(shanghai_path, tmp_path, OFFICE, "其他相关情况说明",
                 ("2025年本单位面向中小企业预留政府采购项目预算金额34万元，其中，预留给小型和微型企业的政府采购项目预算为34万元。", ""),
                 ("政府采购预算34万元", "政府采购预算0万元"), ("政府采购服务预算34万元", "政府采购服务预算0万元"))
    assert _rules(engine, path, "S014") == []


def test_s007_a_table_with_data_noted_as_empty(engine, shanghai_path, tmp_path):
    path = _noted(shanghai_path, tmp_path, "注:本单位2025年无“三公”经费和机关运行经费预算，故本表为空表。")
    assert [code for code, _ in _rules(engine, path, "S007")] == ["S007"]


def test_s007_near_miss_a_note_that_does_not_say_empty(engine, shanghai_path, tmp_path):
    path = _noted(shanghai_path, tmp_path, "注:本单位2025年没有安排公务用车购置及运行费，相应栏目不填。")
    assert _rules(engine, path, "S007") == []


def test_y008_one_total_compared_with_the_budget_execution(engine, shanghai_path, tmp_path):
    path = _edit(shanghai_path, tmp_path, OFFICE, "单位编制说明",
                 ("财政拨款收入9,101.68万元，比2024年预算减少", "财政拨款收入9,101.68万元，比2024年预算执行数减少"))
    assert _rules(engine, path, "Y008") == [("Y008", "预算、预算执行数")]


def test_y008_near_miss_every_total_compared_with_the_budget_execution(engine, shanghai_path, tmp_path):
    path = _edit(shanghai_path, tmp_path, OFFICE, "单位编制说明", ("比2024年预算", "比2024年预算执行数"))
    assert _rules(engine, path, "Y008") == []


def test_a212_near_miss_the_item_restated_with_its_own_amount(engine, shanghai_path, tmp_path):
    """万里 2024 item 31 says 350.35 万元 and then "2024年预算安排352.67万元" (A212, pinned); with the
    second amount corrected, nothing is said about it."""
    path = _edit(shanghai_path, tmp_path, WANLI, "部门编制说明", ("2024年预算安排352.67万元", "2024年预算安排350.35万元"))
    assert _rules(engine, path, "A212", "Y001") == []


def test_a212_an_item_restated_with_another_amount(engine, shanghai_path, tmp_path):
    path = _edit(shanghai_path, tmp_path, OFFICE, "单位编制说明", ("“住房保障支出-住房改革支出-购房补贴”科目186.77万元",
                                                                 "“住房保障支出-住房改革支出-购房补贴”科目186.77万元，2024年当年预算执行数为186.77万元，2025年预算安排187.66万元，比2024年预算执行数持平"))
    assert ("A212", "187.66") in _rules(engine, path, "A212")
