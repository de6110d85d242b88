"""校验说明: a row's location matches however the report spelled the place (sheet names with
spaces, the table label, the full title, full-width characters, the cell alone), and a row that
explains nothing is itself reported (S020) with why."""
from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.core.engine import Engine
from checker.core.reader import read_workbook


def _with_rows(seed_path, tmp_path, rows, name="说明.xlsx"):
    wb = openpyxl.load_workbook(seed_path("001", "split"))
    ws = wb.create_sheet("校验说明")
    ws.append(["规则", "位置", "说明"])
    for row in rows:
        ws.append(list(row))
    path = tmp_path / name
    wb.save(path)
    return path


def _findings(path, **kwargs):
    return Engine(**kwargs).check(read_workbook(path))


@pytest.mark.parametrize("location", [
    "表7 一般公共预算项目支出情况表!H4",        # the sheet, as the report prints it
    "'表7 一般公共预算项目支出情况表'!H4",      # Excel's quoting
    "表7一般公共预算项目支出情况表!H4",         # the space dropped
    "表7!H4",                                  # the table label
    "一般公共预算项目支出情况表!H4",            # the title alone
    "表７！Ｈ４",                               # full-width
    "h4",                                      # the cell alone
    "表7",                                     # the whole table
    "",                                        # every C041
])
def test_a_location_copied_from_the_report_matches(seed_path, tmp_path, location):
    path = _with_rows(seed_path, tmp_path, [("C041", location, "本单位按财政部门下发的模板填列栏目名称。")])
    findings = _findings(path)
    (c041,) = [f for f in findings if f.rule == "C041"]
    assert c041.explained == "本单位按财政部门下发的模板填列栏目名称。"
    assert not [f for f in findings if f.rule == "S020"]


def test_a_row_at_another_place_is_reported_with_where_the_findings_are(seed_path, tmp_path):
    path = _with_rows(seed_path, tmp_path, [("C041", "表7!H5", "说明")])
    findings = _findings(path)
    assert [f.explained for f in findings if f.rule == "C041"] == [None]
    (s020,) = [f for f in findings if f.rule == "S020"]
    assert s020.severity.value == "warning"
    assert s020.message.startswith("校验说明第 2 行（规则 C041，位置 表7!H5）没有对应的结果：规则 C041 在这个位置没有结果；"
                                   "本次的结果在 表7 一般公共预算项目支出情况表!H4。")
    assert (s020.locations[0].sheet, s020.locations[0].cell, s020.locations[0].table) == ("校验说明", "A2", "校验说明")


def test_an_unknown_rule_code_is_reported_with_the_nearest(seed_path, tmp_path):
    path = _with_rows(seed_path, tmp_path, [("A310", "表10!C12", "项目支出中安排了公务用车运行费。")])
    (s020,) = [f for f in _findings(path) if f.rule == "S020"]
    assert "没有规则 A310。是不是要写 " in s020.message and "A301" in s020.message


def test_an_error_cannot_be_explained_and_the_row_says_so(seed_path, tmp_path):
    plain = _findings(_with_rows(seed_path, tmp_path, [], "无.xlsx"))
    error = next(f for f in plain if f.severity.value == "error" and f.locations and f.locations[0].cell)
    path = _with_rows(seed_path, tmp_path, [(error.rule, str(error.locations[0]), "想把错误说明掉")])
    findings = _findings(path)
    assert all(f.explained is None for f in findings if f.rule == error.rule)
    (s020,) = [f for f in findings if f.rule == "S020"]
    assert "“错误”级，必须修改，不能用校验说明解释" in s020.message


def test_a_row_for_a_rule_with_no_finding_and_a_second_row_for_the_same(seed_path, tmp_path):
    path = _with_rows(seed_path, tmp_path, [("C001", "", "旧的说明"), ("C041", "表7!H4", "第一行"),
                                            ("C041", "H4", "第二行")])
    messages = [f.message for f in _findings(path) if f.rule == "S020"]
    assert len(messages) == 2
    assert any("第 2 行" in m and "本次校验没有规则 C001 的结果（可能已经改正，可删除此行）" in m for m in messages)
    assert any("第 4 行" in m and "同一结果已由前面的行说明" in m for m in messages)


def test_rows_of_rules_not_run_are_not_reported(seed_path, tmp_path):
    path = _with_rows(seed_path, tmp_path, [("C041", "表7!H5", "说明")])
    assert not [f for f in _findings(path, select=["S", "A"]) if f.rule == "S020"]
    assert not [f for f in _findings(path, ignore=["S020"]) if f.rule == "S020"]


def test_cli_reports_the_row(seed_path, tmp_path):
    path = _with_rows(seed_path, tmp_path, [("C041", "表7 一般公共预算项目支出情况表!H4", "已说明"), ("A310", "", "x")])
    result = CliRunner(env={"CHECKER_DATA_DIR": str(tmp_path)}).invoke(cli, ["run", str(path), "--format", "json"])
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [f["explained"] for f in findings if f["rule"] == "C041"] == ["已说明"]
    assert [f["rule"] for f in findings if f["rule"] == "S020"] == ["S020"]
