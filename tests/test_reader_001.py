"""The reader on seed 001 (2024 部门预算, 新疆巴州人民政府办公室, with a sub-unit), in both layouts."""
from __future__ import annotations

from decimal import Decimal

import pytest

from checker.core.model import EconomicCode, RowKind, TableRole

D = Decimal


@pytest.fixture(params=["split", "stacked"])
def doc(request, seed_doc):
    return seed_doc("001", request.param)


def test_document_identity(doc):
    assert (doc.unit, doc.kind, doc.year) == ("新疆巴州人民政府办公室", "部门", 2024)
    assert set(doc.tables) == set(TableRole) and not doc.problems
    counts = {t.number: [len(s.rows) for s in t.sides] for t in doc.tables.values()}
    assert counts == {1: [26, 31], 2: [23], 3: [23], 4: [5, 31], 5: [23], 6: [33], 7: [17], 8: [0], 9: [0],
                      10: [6], 11: [0]}


def test_table7_projects_and_sub_units(doc):
    t7 = doc.table(TableRole.GPB_PROJECTS)
    units = [r.label for r in t7.rows if r.kind is RowKind.UNIT]
    assert units == ["新疆巴州人民政府办公室", "巴音郭楞蒙古自治州政务服务和公共资源交易中心"]
    projects = [(str(r.code), r.project, r.unit_group) for r in t7.rows if r.project]
    assert projects[0] == ("2010302", "巴州政府办公室政务服务保障项目", "新疆巴州人民政府办公室")
    assert projects[-1] == ("2010350", "专家评审费项目", "巴音郭楞蒙古自治州政务服务和公共资源交易中心")
    assert len(projects) == 8
    total = t7.total_row()
    assert total.value(t7.column("项目支出合计")) == D("373.16")
    assert total.value(t7.column("资本性支出")) == D("25")
    assert t7.column("商品服务支出") is not None  # the 2024 template's spelling, kept as printed


def test_table6_kuan_codes(doc):
    t6 = doc.table(TableRole.GPB_BASIC)
    by_code = {r.code: r for r in t6.coded_rows()}
    assert by_code[EconomicCode("302", "31")].value(t6.column("公用经费")) == D("81.40")
    assert by_code[EconomicCode("303", "09")].name == "奖励金"
    assert t6.total_row().value(t6.column("合计")) == D("2760.92")


def test_empty_table11_statement(doc):
    assert "上年结转结余情况明细表为空表" in doc.table(TableRole.CARRYOVER).empty_statement


def test_narrative_keeps_the_contradiction_paragraph(doc):
    n = doc.narrative
    text = n.section("五", "一").text
    assert "比上年预算减少 71.84 万元" in text and "比上年增长" in text
    assert len(n.section("五", "三").paragraphs) >= 10


def test_department_and_project_target_tables(doc):
    overall = doc.targets[0]
    assert overall.kind == "部门整体绩效目标表" and not overall.is_project
    assert overall.field_value("部门名称").value == "新疆巴州人民政府办公室"
    assert overall.field_value("本级安排").value == D("3134.08")
    assert [i.level1 for i in overall.indicators] == ["履职效能"] * 4
    assert "last_year" not in overall.columns and "weight" in overall.columns
    projects = doc.targets[1:]
    assert [t.project_name for t in projects] == [
        "2024 年电子档案存储管理系统项目", "2024 年运行保障项目", "“放管服工作”及“12345”政务热线保障费",
        "巴州数字化领导小组办公室运行保障费", "巴州政府办公室政务服务保障费", "电子政务网络维护费", "专家评审费项目"]
    # the first table has no 指标赋分规则 column: tolerated, the grid still reads
    first = projects[0]
    assert "scoring" not in first.columns and len(first.indicators) == 10
    assert first.indicators[0].value == ">=1 套"
    second = projects[1]
    assert second.indicators[3].value == "> =95%"
    assert second.field_value("预算单位").value == "巴州政务服务和公共资源交易中心"


def test_overview_is_read_apart_from_the_narrative(doc):
    # 第一部分 部门概况: its own sheet (named 部门概况, or named 第一部分 and known by its heading)
    overview = doc.overview
    assert overview is not None and [s.number for s in overview.sections] == ["一", "二"]
    texts = [p.text for p in overview.paragraphs]
    i = next(k for k, t in enumerate(texts) if "下属预算单位包括" in t)
    assert texts[i + 1:i + 3] == ["1、新疆巴州人民政府办公室", "2、政务服务和公共资源交易中心"]
    assert overview.paragraphs[i].cell.sheet in ("部门概况", "第一部分")
    # and the 情况说明 starts with its own section 一, not the overview's
    assert doc.narrative.paragraphs[0].text.startswith("一、关于新疆巴州人民政府办公室")
