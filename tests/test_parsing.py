"""Reading codes, amounts and titles however a workbook prints them; rounding-aware comparison."""
from __future__ import annotations

from decimal import Decimal

import pytest

from checker.core.model import EconomicCode, FunctionCode, TableRole
from checker.core.reader.codes import code_from_columns, code_text, split_label
from checker.core.reader.titles import match_table_title, match_target_title
from checker.core.template import choose_template
from checker.core.text import norm
from checker.plugins.templates.shanghai import PROFILE as SHANGHAI
from checker.plugins.templates.xinjiang import PROFILE as XINJIANG
from checker.core.rounding import Agreement, compare, interval, percent_agrees
from checker.core.text import parse_number


@pytest.mark.parametrize("parts, label, economic, code, name", [
    (["201", "03", "01"], "行政运行", False, FunctionCode("201", "03", "01"), "行政运行"),
    (["201", "03", ""], "政府办公厅（室）及相关机构事务", False, FunctionCode("201", "03"), "政府办公厅（室）及相关机构事务"),
    (["2010301"], "行政运行", False, FunctionCode("201", "03", "01"), "行政运行"),
    ([], "201 一般公共服务支出", False, FunctionCode("201"), "一般公共服务支出"),
    ([], "2010301 行政运行", False, FunctionCode("201", "03", "01"), "行政运行"),
    ([], "201 03 01 行政运行", False, FunctionCode("201", "03", "01"), "行政运行"),
    (["301", "01"], "基本工资", True, EconomicCode("301", "01"), "基本工资"),
    (["301"], "01 基本工资", True, EconomicCode("301", "01"), "基本工资"),
    (["30101"], "基本工资", True, EconomicCode("301", "01"), "基本工资"),
    ([], "301 01 基本工资", True, EconomicCode("301", "01"), "基本工资"),
    ([], "总计", False, None, "总计"),
    ([], "一、本年收入", False, None, "一、本年收入"),
])
def test_codes_in_every_form(parts, label, economic, code, name):
    assert code_from_columns(parts, label, economic) == (code, name)


def test_numeric_code_cells_get_their_leading_zero_back():
    assert code_text(3, 2) == "03"
    assert code_text(201.0, 3) == "201"
    assert code_text("一般", 2) == ""


def test_label_without_code():
    assert split_label("公务接待费", False) == (None, "公务接待费")


@pytest.mark.parametrize("raw, value, ok", [
    (1234.56, Decimal("1234.56"), True),
    (1379.8100000000002, Decimal("1379.81"), True),
    ("1,234.56", Decimal("1234.56"), True),
    (" 18,767.18 ", Decimal("18767.18"), True),
    ("", None, True),
    (None, None, True),
    ("—", None, True),
    ("0", Decimal("0"), True),
    ("未安排", None, False),
])
def test_amounts_as_numbers_or_text(raw, value, ok):
    assert parse_number(raw) == (value, ok)


@pytest.mark.parametrize("text, kind", [
    ("部门收支总体情况表", TableRole.SUMMARY),
    ("单位收支总体情况表", TableRole.SUMMARY),
    ("表1 部门收支总体情况表", TableRole.SUMMARY),
    ("新疆维吾尔自治区政务服务和公共资源交易中心2024年单位收支总体情况表", TableRole.SUMMARY),
    ("单位收入总体情况表", TableRole.INCOME),
    ("部门支出总体情况表", TableRole.EXPENSE),
    ("财政拨款收支总体情况表", TableRole.FISCAL_SUMMARY),
    ("财政拨款收支预算总体情况表", TableRole.FISCAL_SUMMARY),
    ("一般公共预算支出情况表", TableRole.GPB_FUNCTION),
    ("一般公共预算基本支出情况表", TableRole.GPB_BASIC),
    ("一般公共预算项目支出情况表", TableRole.GPB_PROJECTS),
    ("政府性基金预算支出情况表", TableRole.GOV_FUNDS),
    ("国有资本经营预算支出情况表", TableRole.STATE_CAPITAL),
    ("财政拨款“三公”经费支出情况表", TableRole.THREE_PUBLIC),
    ("上年结转结余情况明细表", TableRole.CARRYOVER),
])
def test_table_titles(text, kind):
    assert match_table_title(text, [XINJIANG])[0].role is kind


@pytest.mark.parametrize("text, role, number", [
    ("2025年预算单位财务收支预算总表", TableRole.SUMMARY, 1),
    ("2025年部门收入预算总表", TableRole.INCOME, 2),
    ("2025年预算单位支出预算总表", TableRole.EXPENSE, 3),
    ("2025年预算单位财政拨款收支预算总表", TableRole.FISCAL_SUMMARY, 4),
    ("2025年预算单位一般公共预算支出功能分类预算表", TableRole.GPB_FUNCTION, 5),
    ("2025年预算单位政府性基金预算支出功能分类预算表", TableRole.GOV_FUNDS, 6),
    ("2025年预算单位国有资本经营预算支出功能分类预算表", TableRole.STATE_CAPITAL, 7),
    ("2025年预算单位一般公共预算基本支出部门预算经济分类预算表", TableRole.GPB_BASIC, 8),
    ("2025年单位“三公”经费和机关运行经费预算表", TableRole.THREE_PUBLIC, 9),
])
def test_shanghai_titles(text, role, number):
    spec = match_table_title(text, [SHANGHAI])[0]
    assert (spec.role, spec.number, spec.label) == (role, number, f"表{number}")


def test_a_template_is_chosen_by_the_tables_it_recognises():
    shanghai = ["2025年预算单位财务收支预算总表", "2025年预算单位一般公共预算支出功能分类预算表",
                "2025年单位“三公”经费和机关运行经费预算表", "2025年预算单位收入预算总表"]
    xinjiang = ["部门收支总体情况表", "一般公共预算支出情况表", "财政拨款“三公”经费支出情况表"]
    assert choose_template([XINJIANG, SHANGHAI], [norm(t) for t in shanghai]) is SHANGHAI
    assert choose_template([SHANGHAI, XINJIANG], [norm(t) for t in xinjiang]) is XINJIANG
    assert choose_template([XINJIANG, SHANGHAI], ["预算收支"]) is None


@pytest.mark.parametrize("text", [
    "四、关于新疆巴州人民政府办公室 2024 年财政拨款收支预算情况的总体说明",
    "新疆巴州人民政府办公室 2024 年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。",
    "预算收支",
])
def test_not_titles(text):
    assert match_table_title(text, [XINJIANG, SHANGHAI]) is None


def test_target_titles():
    assert match_target_title("项目支出绩效目标表") == "项目支出绩效目标表"
    assert match_target_title("部门整体绩效目标表") == "部门整体绩效目标表"
    assert match_target_title("具体情况见下表（按项目分别填报）：项目支出绩效目标表") is None


def test_rounding_examples_from_the_issue():
    # 1,904.25 + 0.25 published as 1,904.49: rounding explains it
    assert compare([Decimal("1904.25"), Decimal("0.25")], Decimal("1904.49")) is Agreement.ROUNDING
    assert compare(Decimal("3384.08"), Decimal("3374.08")) is Agreement.BROKEN
    assert compare([Decimal("1.00"), Decimal("2.00")], Decimal("3.00")) is Agreement.EXACT


def test_percent_interval():
    # 000: 财政拨款结转 9,457.44 of 18,767.18 is 50.39%; "50.40%" is outside what rounding allows
    part, whole = interval(Decimal("9457.44")), interval(Decimal("18767.18"))
    assert percent_agrees(Decimal("50.39"), part, whole)
    assert not percent_agrees(Decimal("50.40"), part, whole)
