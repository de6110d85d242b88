"""The reader on seed 003 (2025 部门预算, 昌吉州政务服务和公共资源交易中心), in both layouts."""
from __future__ import annotations

from decimal import Decimal

import pytest

from checker.core.model import EconomicCode, FunctionCode, RowKind, TableRole

D = Decimal


@pytest.fixture(params=["split", "stacked"])
def doc(request, seed_doc):
    return seed_doc("003", request.param)


def test_document_identity(doc):
    assert (doc.unit, doc.kind, doc.year) == ("昌吉回族自治州政务服务和公共资源交易中心", "部门", 2025)
    assert set(doc.tables) == set(TableRole) and not doc.problems
    counts = {t.number: [len(s.rows) for s in t.sides] for t in doc.tables.values()}
    assert counts == {1: [26, 30], 2: [20], 3: [20], 4: [5, 30], 5: [20], 6: [34], 7: [5], 8: [0], 9: [0],
                      10: [6], 11: [6]}


def test_2025_class_list_and_label_header(doc):
    t1 = doc.table(TableRole.SUMMARY)
    assert t1.main.label_header.endswith("功能分类")
    classes = [str(r.code) for r in t1.main.rows if r.code]
    assert len(classes) == 29 and "234" not in classes and classes[-1] == "233"
    assert t1.income.find("本年收入").value(t1.income.column("预算数")) == D("1388.82")


def test_table5_and_6_values(doc):
    t5, t6 = doc.table(TableRole.GPB_FUNCTION), doc.table(TableRole.GPB_BASIC)
    medical = [r.value(t5.column("合计")) for r in t5.rows
               if r.code in (FunctionCode("210", "11", "01"), FunctionCode("210", "11", "02"))]
    assert medical == [D("15.11"), D("13.89")]  # 29.00 together, against 表6 30110 28.99
    by_code = {r.code: r for r in t6.coded_rows()}
    assert by_code[EconomicCode("301", "10")].value(t6.column("合计")) == D("28.99")


def test_table11_carry_over_projects(doc):
    t11 = doc.table(TableRole.CARRYOVER)
    assert [r.kind for r in t11.rows][:2] == [RowKind.TOTAL, RowKind.UNIT]
    projects = {r.project: r for r in t11.rows if r.project}
    assert set(projects) == {"昌吉州公共资源交易平台改造项目", "昌吉州政资中心交易大厅家具采购", "昌吉州公共资源交易信息化建设",
                             "机构运行补助经费"}
    row = projects["机构运行补助经费"]
    assert row.value(t11.column("非财政拨款", "项目支出")) == D("140")
    assert row.value(t11.column("财政拨款", "合计")) == 0


def test_table7_project(doc):
    t7 = doc.table(TableRole.GPB_PROJECTS)
    (project,) = [r for r in t7.rows if r.project]
    assert (str(project.code), project.project) == ("2010302", "机构运行补助经费")
    assert project.value(t7.column("项目支出合计")) == D("450.00")


def test_narrative_and_targets(doc):
    n = doc.narrative
    assert len(n.sections) == 12
    reason = n.section("二").paragraphs
    assert any(p.text.startswith("2. 公用经费较上年增加 357 万元") for p in reason)
    overall, project = doc.targets
    assert overall.kind == "部门整体绩效目标表" and overall.year == 2025
    assert "交易管理局" in str(overall.field_value("部门名称").value)
    assert project.project_name == "机构运行补助经费"
    assert project.field_value("年度预算总额").value == D("160.41")
    assert "满意度指标" not in {i.level1 for i in project.indicators}
    assert sum(i.weight for i in project.indicators) == 90
