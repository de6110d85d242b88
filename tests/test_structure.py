"""Structure rules (S…) fire on broken workbooks and stay silent on the seeds."""
from __future__ import annotations

import copy

import openpyxl
import pytest

import build
from checker.core.engine import Engine
from checker.core.reader import read_workbook


@pytest.fixture(scope="module")
def engine():
    # the structure plugin's rules; the wording rules (S010–S014) have tests of their own
    return Engine(select=["S00"])


def _check(engine, data, tmp_path, layout="split", name="x.xlsx"):
    path = build.build_workbook(data, layout, tmp_path / name)
    doc = read_workbook(path)
    return doc, engine.check(doc)


@pytest.mark.parametrize("seed", ["000", "001"])
@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_silent_on_the_seeds(engine, seed_doc, seed, layout):
    assert [(f.rule, f.message) for f in engine.check(seed_doc(seed, layout))] == []


def test_s001_missing_table(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    data["tables"] = [t for t in data["tables"] if t["number"] != 3]
    _, findings = _check(engine, data, tmp_path)
    assert [(f.rule, f.locations[0].table) for f in findings] == [("S001", "表3 支出总体情况表")]
    assert "部门支出总体情况表" in findings[0].message


def test_s001_empty_table_may_be_stated_in_the_narrative(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("000"))
    data["tables"] = [t for t in data["tables"] if t["number"] != 9]  # narrative section 九 says it is empty
    _, findings = _check(engine, data, tmp_path)
    assert findings == []


def test_s002_duplicate_table(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("000"))
    old = copy.deepcopy(data["tables"][4])
    old["rows"][0][4] = 1000.0
    data["tables"].append(old)
    doc, findings = _check(engine, data, tmp_path)
    assert [f.rule for f in findings] == ["S002"]
    assert findings[0].locations[0].table == "表5 一般公共预算支出情况表"


def test_s003_unit_and_year_mismatch(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("000"))
    data["tables"][2]["prepared_by"] = "编制单位：新疆维吾尔自治区政务服务中心"
    data["narrative"] = [p.replace("2024 年收入预算", "2023 年收入预算") for p in data["narrative"]]
    _, findings = _check(engine, data, tmp_path)
    assert sorted((f.rule, f.actual) for f in findings) == [("S003", "2023"), ("S003", "新疆维吾尔自治区政务服务中心")]


def test_s005_table_without_title(engine, seed_path, tmp_path):
    wb = openpyxl.load_workbook(seed_path("000", "split"))
    ws = wb["表5 一般公共预算支出情况表"]
    ws["A2"] = None  # the title is gone: 40 numbers nobody can place
    path = tmp_path / "no_title.xlsx"
    wb.save(path)
    findings = engine.check(read_workbook(path))
    assert sorted(f.rule for f in findings) == ["S001", "S005"]
    s005 = next(f for f in findings if f.rule == "S005")
    assert "表5 一般公共预算支出情况表" in s005.message and s005.locations[0].sheet == "表5 一般公共预算支出情况表"


def test_s005_title_without_header(engine, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "部门收支总体情况表"
    ws["A2"] = "单位：万元"
    for r in range(3, 12):
        ws.cell(r, 2, 100.0 * r)
    path = tmp_path / "header.xlsx"
    wb.save(path)
    findings = engine.check(read_workbook(path))
    s005 = [f for f in findings if f.rule == "S005"]
    assert len(s005) == 1 and "表头" in s005[0].message and s005[0].locations[0].cell == "A3"  # where the header should start


def test_s006_empty_table_without_statement(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("000"))
    data["tables"][7]["empty_statement"] = None
    _, findings = _check(engine, data, tmp_path)
    assert [(f.rule, f.locations[0].table) for f in findings] == [("S006", "表8 政府性基金预算支出情况表")]


def test_s003_silent_when_the_unit_name_differs_only_in_spaces_and_the_year_in_niandu(engine, seed_data, tmp_path):
    """Near miss of S003: "编制单位： 新疆维吾尔自治区 政务服务和公共资源交易中心" (spaces typed in) is the same
    unit, and "2024年度收入预算" the same year — the fire test names another unit and 2023."""
    data = copy.deepcopy(seed_data("000"))
    data["tables"][2]["prepared_by"] = "编制单位： 新疆维吾尔自治区 政务服务和公共资源交易中心"
    data["narrative"] = [p.replace("2024 年收入预算", "2024年度收入预算") for p in data["narrative"]]
    _, findings = _check(engine, data, tmp_path)
    assert "S003" not in [f.rule for f in findings]


def test_s006_silent_for_an_empty_table_explained_in_other_words(engine, seed_data, tmp_path):
    """表8 without rows, its note worded "……无政府性基金预算拨款安排的支出，故本表无数据" instead of "……为空表":
    explained, so silent (the fire test drops the note)."""
    data = copy.deepcopy(seed_data("000"))
    data["tables"][7]["empty_statement"] = "注：本单位2024年无政府性基金预算拨款安排的支出，故本表无数据。"
    _, findings = _check(engine, data, tmp_path)
    assert "S006" not in [f.rule for f in findings]
