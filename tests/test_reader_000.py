"""The reader on seed 000 (2024 单位预算, 新疆维吾尔自治区政务服务和公共资源交易中心), in both layouts."""
from __future__ import annotations

from decimal import Decimal

import pytest

from checker.core.model import EconomicCode, FunctionCode, RowKind, TableRole

LAYOUTS = ["split", "stacked"]
D = Decimal


@pytest.fixture(params=LAYOUTS)
def doc(request, seed_doc):
    return seed_doc("000", request.param)


def test_document_identity(doc):
    assert doc.unit == "新疆维吾尔自治区政务服务和公共资源交易中心"
    assert doc.kind == "单位"
    assert doc.year == 2024
    assert set(doc.tables) == set(TableRole)
    assert not doc.duplicates and not doc.problems


def test_row_counts(doc):
    counts = {t.number: [len(s.rows) for s in t.sides] for t in doc.tables.values()}
    assert counts == {1: [26, 31], 2: [17], 3: [17], 4: [5, 31], 5: [15], 6: [24], 7: [0], 8: [0], 9: [0],
                      10: [6], 11: [4]}


def test_table1_both_sides(doc):
    t1 = doc.table(TableRole.SUMMARY)
    income, expense = t1.income, t1.main
    col = income.column("预算数")
    assert income.find("本年收入").value(col) == D("9309.74")
    assert income.find("单位资金").value(col) == D("7929.93")
    assert income.find("收入总计").kind is RowKind.TOTAL
    assert income.find("收入总计").value(col) == D("18767.18")
    row = next(r for r in expense.rows if r.code == FunctionCode("221"))
    assert row.name == "住房保障支出" and row.value(expense.column("预算数")) == D("100.85")
    assert [str(r.code) for r in expense.rows if r.code][-1] == "234"


def test_table2_codes_and_columns(doc):
    t2 = doc.table(TableRole.INCOME)
    codes = [str(r.code) for r in t2.coded_rows()]
    assert codes[:6] == ["201", "20103", "2010305", "2010350", "2010399", "208"]
    assert len(codes) == 16
    row = next(r for r in t2.rows if r.code == FunctionCode("201", "03", "99"))
    assert row.name == "其他政府办公厅（室）及相关机构事务支出"
    assert row.value(t2.column("总计")) == D("17252.77")
    assert row.value(t2.column("单位资金")) == D("7929.93")
    assert row.value(t2.column("非财政拨款结转结余")) == 0
    assert row.value(t2.column("财政拨款结转")) == D("9322.84")
    assert t2.column("财政拨款（补助）", "一般公共预算") is not None
    total = t2.total_row()
    assert total.value(t2.column("财政拨款（补助）", "小计")) == D("1379.81")


def test_amounts_keep_their_cells_and_unit(doc, request):
    t5 = doc.table(TableRole.GPB_FUNCTION)
    row = next(r for r in t5.rows if r.code == FunctionCode("210", "11", "03"))
    amount = row.amount(t5.column("合计"))
    assert amount.value == D("58.83")
    assert amount.cell.sheet == t5.sheet
    assert amount.cell.col == t5.column("合计").index and amount.cell.row == row.cell.row
    if "stacked" in doc.sheet_names[0] or doc.table(TableRole.SUMMARY).unit_text == "元":
        assert amount.unit == "元" and amount.precision == D("0.0000005")
    else:
        assert amount.unit == "万元" and amount.precision == D("0.005")


def test_table6_economic_codes(doc):
    t6 = doc.table(TableRole.GPB_BASIC)
    codes = {str(r.code): r for r in t6.coded_rows()}
    assert codes["30108"].name == "机关事业单位基本养老保险缴费"
    assert codes["30108"].code == EconomicCode("301", "08")
    assert codes["30231"].value(t6.column("公用经费")) == D("20.02")
    assert codes["303"].value(t6.column("人员经费")) == D("4.24")
    assert t6.total_row().value(t6.column("合计")) == D("1379.81")


def test_empty_tables_keep_their_statement(doc):
    for role in (TableRole.GPB_PROJECTS, TableRole.GOV_FUNDS, TableRole.STATE_CAPITAL):
        t = doc.table(role)
        assert t.is_empty and "为空表" in t.empty_statement
    assert doc.table(TableRole.GPB_PROJECTS).columns[0].key == "项目支出合计"


def test_table10_and_11(doc):
    t10 = doc.table(TableRole.THREE_PUBLIC)
    assert [r.label for r in t10.rows][:3] == ["合计", "因公出国（境）费", "公务接待费"]
    assert t10.rows[0].value(t10.column("合计")) == D("22.02")
    t11 = doc.table(TableRole.CARRYOVER)
    kinds = [(r.kind, r.project) for r in t11.rows]
    assert kinds == [(RowKind.TOTAL, None), (RowKind.UNIT, None),
                     (RowKind.ITEM, "特定目标 0210689C"), (RowKind.ITEM, "自治区一体化在线政务服务平台深化应用项目")]
    assert t11.rows[3].value(t11.column("财政拨款", "项目支出")) == D("9322.84")
    assert t11.rows[3].unit_group == "新疆维吾尔自治区政务服务和公共资源交易中心"


def test_narrative_sections(doc):
    n = doc.narrative
    assert [s.number for s in n.sections] == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    assert [s.number for s in n.section("五").subsections] == ["一", "二", "三"]
    items = n.section("五", "三").paragraphs
    assert len(items) == 6 and items[0].text.startswith("1、一般公共服务支出（类）")
    assert "50.40%" in n.section("二").text
    assert all(p.cell.sheet == n.source for p in n.paragraphs)
    assert [s.number for s in n.section("十二").subsections] == ["一", "二", "三", "四", "五"]


def test_target_tables(doc):
    names = [t.project_name for t in doc.targets]
    assert names == ["“12345”政务服务便民热线平台服务项目", "公共资源交易类项目", "平台保障类项目",
                     "一体化在线政务服务平台深化应用项目", "政务服务类项目", "综合保障类项目"]
    assert [len(t.indicators) for t in doc.targets] == [12, 28, 17, 17, 21, 13]
    first = doc.targets[0]
    assert first.year == 2024 and first.is_project
    assert first.field_value("项目负责人").value == "杜强"
    assert first.field_value("年度预算总额").value == D("1361.12")
    assert first.field_value("其他资金").value == D("1361.12")
    ind = first.indicators[7]
    assert (ind.level1, ind.level2, ind.name, ind.value) == ("产出指标", "时效指标", "平均通话时长", "≤3 分")
    assert ind.weight == D("10")
    last = doc.targets[5].indicators[0]
    assert (last.level2, last.name, last.value) == ("数量指标", "审核招标文件数量", "≥300件")
    assert {i.level1 for i in doc.targets[5].indicators} == {"产出指标", "效益指标"}


def test_unit_taken_from_the_target_tables_when_no_table_prints_its_preparer(seed_path, tmp_path):
    """A workbook whose tables carry no "编制单位：…" line (and no cover): the unit is the 预算单位 of its
    绩效目标表, so the unit checks still compare against it and stay silent (no S003, no P010)."""
    import openpyxl
    from checker.core.engine import Engine
    from checker.core.reader import read_workbook

    wb = openpyxl.load_workbook(seed_path("000", "split"))
    del wb["封面"]
    for ws in wb.worksheets:
        for cells in ws.iter_rows():
            for c in cells:
                if isinstance(c.value, str) and c.value.startswith("编制单位"):
                    c.value = None
    path = tmp_path / "no_preparer.xlsx"
    wb.save(path)
    doc = read_workbook(path)
    assert doc.unit == "新疆维吾尔自治区政务服务和公共资源交易中心" and doc.year == 2024
    assert not {"S003", "P010"} & {f.rule for f in Engine(select=["S", "P"]).check(doc)}
