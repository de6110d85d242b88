"""In-table identities A001–A008: each fires on a real workbook with one figure changed, stays
silent where the sum holds, and tells rounding (info) from a real break (error)."""
from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from edit import check_workbook as run, row, table
from checker.core.engine import Engine
from checker.core.findings import Severity
from checker.core.model import Amount
from checker.core.rounding import HALF_CENT, Agreement, compare, converted_precision


@pytest.fixture(scope="module")
def engine():
    return Engine(select=["A0", "A1", "A3"])





def cells(findings):
    return [(f.rule, f.severity.value, f.locations[0].cell, f.expected, f.actual) for f in findings]


# ---------------------------------------------------------------------- rounding, in one place

def test_rounding_examples():
    a = lambda v: Amount(Decimal(v), None)  # noqa: E731
    assert compare([a("1904.25"), a("0.25")], a("1904.49")) is Agreement.ROUNDING
    assert compare(a("3384.08"), a("3374.08")) is Agreement.BROKEN
    assert compare(a("3384.08"), a("3384.08")) is Agreement.EXACT


def test_yuan_figures_keep_yuan_precision_unless_converted_from_wan():
    yuan = lambda v: Amount(Decimal(v) / 10000, None, "元", HALF_CENT / 10000)  # noqa: E731
    hundreds = [yuan("187671800"), yuan("13798100")]
    assert converted_precision(hundreds) == HALF_CENT
    assert converted_precision(hundreds + [yuan("3327912.35")]) is None
    assert converted_precision([Amount(Decimal("1.5"), None)]) is None      # no 元 figures at all
    # 100 元 off: rounding of 万元 figures re-expressed in 元, a real break between real 元 figures
    parts, total = [yuan("187671900")], yuan("187671800")
    assert compare(parts, total, floor=HALF_CENT) is Agreement.ROUNDING
    assert compare(parts, total) is Agreement.BROKEN


def test_real_yuan_workbook_is_compared_in_yuan(engine, seed_data, tmp_path):
    """One figure with 元 digits makes the whole workbook real 元 figures: the 100 元 尾差 of the
    stacked 000 workbook become errors there, while the same change in a 万元 workbook stays info."""
    data = copy.deepcopy(seed_data("000"))
    row(table(data, 6), "30101")[3] = 332.7912
    row(table(data, 6), "30101")[4] = 332.7912
    stacked = run(engine, data, tmp_path, "stacked", rules={"A001", "A002"})
    assert {f.severity for f in stacked} == {Severity.ERROR}
    assert ("A001", "error", "D35", "18767.19", "18767.18") in cells(stacked)     # 表1 支出总计
    t6 = [f for f in stacked if f.locations[0].row == "301 工资福利支出"]
    assert t6 and "相差 12.00 元" in t6[0].message
    split = run(engine, data, tmp_path, "split", rules={"A001", "A002"})
    assert {f.severity for f in split} == {Severity.INFO}


# ---------------------------------------------------------------------- A001

def test_a001_class_against_its_kuan(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 3), "201")[4] = 2607.01
    found = cells(run(engine, data, tmp_path, rules={"A001"}))
    assert ("A001", "error", "E9", "2597.01", "2607.01") in found          # 201 against 20103
    assert ("A001", "error", "E8", "3394.08", "3384.08") in found          # 总计 against the classes


@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_a001_rounding_is_info(engine, seed_data, tmp_path, layout):
    # 项 2010305 134.60 → 134.61: 134.61 + 1,018.41 + 17,252.77 = 18,405.79 against 18,405.78
    data = copy.deepcopy(seed_data("000"))
    row(table(data, 3), "2010305")[4] = 134.61
    found = [f for f in run(engine, data, tmp_path, layout, rules={"A001"})
             if f.locations[0].row.startswith("20103")]
    assert [(f.severity, f.expected, f.actual) for f in found] == [(Severity.INFO, "18405.79", "18405.78")]
    assert "尾差" in found[0].message


def test_a001_within_each_unit_of_table7(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    t7 = table(data, 7)
    project = next(r for r in t7["rows"] if r[4] == "电子政务网络维护费项目" and r[2] == "02")
    project[5], project[7] = 36.0, 31.0
    found = [f for f in run(engine, data, tmp_path, rules={"A001"}) if f.locations[0].table.startswith("表7")]
    # the 款 of the first unit, in 项目支出合计 (F) and 商品服务支出 (H); the second unit is not involved
    assert cells(found) == [("A001", "error", "F10", "357.16", "347.16"),
                            ("A001", "error", "H10", "332.16", "322.16")]


def test_a001_silent_on_table7(engine, seed_doc):
    assert [f for f in engine.check(seed_doc("001", "split")) if f.locations[0].table.startswith("表7")] == []


# ---------------------------------------------------------------------- A002

def test_a002_economic_class(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    r = row(table(data, 6), "302")
    r[3], r[5] = 353.55, 353.55
    found = cells(run(engine, data, tmp_path, rules={"A002"}))
    assert ("A002", "error", "D21", "343.54", "353.55") in found
    assert ("A002", "error", "D8", "2770.92", "2760.92") in found          # 总计 against 301 + 302 + 303


def test_a002_silent_when_the_kuan_add_up(engine, seed_data, tmp_path):
    # 001's eleven 301 items add to 2,336.26 against 2,336.27 printed (an info); with 30101 one cent
    # higher they add to exactly 2,336.27 and 301 is silent, while 302's 尾差 is still reported
    data = copy.deepcopy(seed_data("001"))
    t = row(table(data, 6), "30101")
    t[3], t[4] = 627.51, 627.51
    found = run(engine, data, tmp_path, rules={"A002"})
    assert [f.locations[0].row for f in found] == ["302 商品和服务支出"]


# ---------------------------------------------------------------------- A003

@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_a003_total_against_basic_and_project(engine, seed_data, tmp_path, layout):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 3), "2010350")[6] = 250.0
    found = [f for f in run(engine, data, tmp_path, layout, rules={"A003"})]
    assert [(f.severity, f.locations[0].row, f.expected, f.actual) for f in found] == [
        (Severity.ERROR, "2010350 事业运行", "949.26", "959.26")]
    assert "基本支出 + 项目支出" in found[0].message


def test_a003_table2_funding_columns(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("000"))
    row(table(data, 2), "2010399")[13] = 7929.39        # 单位资金 typed with two digits swapped
    found = cells(run(engine, data, tmp_path, rules={"A003"}))
    assert found == [("A003", "error", "E12", "17252.23", "17252.77")]


def test_a003_table10_and_table11_rows(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("003"))
    row(table(data, 10), "公务接待费")[2] = 0.3                 # 一般公共预算 0.30, 合计 0.20
    row(table(data, 11), "昌吉州公共资源交易信息化建设")[5] = 517.28   # 项目支出 517.28, 财政拨款小计 507.28
    found = {(f.locations[0].table[:3], f.locations[0].row, f.expected, f.actual)
             for f in run(engine, data, tmp_path, rules={"A003"})}
    assert ("表10", "公务接待费", "0.30", "0.20") in found
    assert ("表11", "昌吉州公共资源交易信息化建设", "517.28", "507.28") in found


def test_a003_silent_on_the_seeds(engine, seed_doc):
    for seed in ("000", "001", "003"):
        assert [f for f in engine.check(seed_doc(seed, "split")) if f.rule == "A003"] == []


# ---------------------------------------------------------------------- A004

def test_a004_income_outline(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 1), "5. 单位资金")[1] = 240.0
    found = {(f.locations[0].row, f.expected, f.actual) for f in run(engine, data, tmp_path, rules={"A004"})}
    assert found == {("一、本年收入", "3374.08", "3384.08"),       # 3,134.08 + 240.00
                     ("5. 单位资金", "250.00", "240.00")}          # its 其中 line 事业单位经营收入 250.00


def test_a004_carried_over_and_total(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("003"))
    row(table(data, 1), "单位资金")[1] = 150.0                     # 其中：单位资金 under 非财政拨款结转结余
    found = {(f.locations[0].row, f.expected, f.actual) for f in run(engine, data, tmp_path, rules={"A004"})}
    assert found == {("2. 非财政拨款结转结余", "150.00", "140.00")}


def test_a004_silent_when_not_broken_down(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 1), "其中：一般财力")[1] = None            # the 其中 lines left blank: not checked
    assert run(engine, data, tmp_path, rules={"A004"}) == []


def test_a004_table4_income(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 4), "一般公共预算")[1] = 3124.08
    found = {(f.locations[0].table[:3], f.locations[0].row) for f in run(engine, data, tmp_path, rules={"A004"})}
    assert found == {("表4 ", "一、财政拨款（补助）")}


# ---------------------------------------------------------------------- A005

def test_a005_table4_balance(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 4), "收入总计")[1] = 3144.08
    found = run(engine, data, tmp_path, rules={"A005"})
    assert [(f.severity, f.expected, f.actual) for f in found] == [(Severity.ERROR, "3134.08", "3144.08")]
    assert [loc.cell for loc in found[0].locations] == ["B36", "D36"]


def test_a005_silent(engine, seed_doc):
    assert [f for f in engine.check(seed_doc("003", "stacked")) if f.rule == "A005"] == []


# ---------------------------------------------------------------------- A006

def test_a006_unit_subtotals(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    unit = row(table(data, 7), "巴音郭楞蒙古自治州政务服务和公共资源交易中心")
    unit[5] = 20.0
    found = {(f.locations[0].row, f.expected, f.actual) for f in run(engine, data, tmp_path, rules={"A006"})}
    assert found == {("巴音郭楞蒙古自治州政务服务和公共资源交易中心", "10.00", "20.00"),
                     ("总计", "383.16", "373.16")}


def test_a006_silent(engine, seed_doc):
    assert [f for f in engine.check(seed_doc("001", "stacked")) if f.rule == "A006"] == []


# ---------------------------------------------------------------------- A007

def test_a007_three_public_expenses(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    r = row(table(data, 10), "公务用车购置及运行费（小计）")
    r[1], r[2] = 81.4, 81.4
    found = {(f.locations[0].row, f.expected, f.actual) for f in run(engine, data, tmp_path, rules={"A007"})}
    assert found == {("合计", "82.40", "92.40"), ("公务用车购置及运行费（小计）", "91.40", "81.40")}


def test_a007_silent(engine, seed_doc):
    for seed in ("000", "001", "003"):
        assert [f for f in engine.check(seed_doc(seed, "stacked")) if f.rule == "A007"] == []


# ---------------------------------------------------------------------- A008

@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_a008_carry_over_projects(engine, seed_data, tmp_path, layout):
    data = copy.deepcopy(seed_data("003"))
    r = row(table(data, 11), "机构运行补助经费")
    r[1], r[6], r[9] = 130.0, 130.0, 130.0
    found = run(engine, data, tmp_path, layout, rules={"A008"})
    # the unit row against its projects, in 合计, 非财政拨款小计 and its 项目支出 columns
    columns = {"split": ["B", "G", "J"], "stacked": ["B", "G", "J"]}[layout]
    assert sorted((f.locations[0].cell[0], f.expected, f.actual) for f in found) == [
        (columns[0], "705.73", "715.73"), (columns[1], "130.00", "140.00"), (columns[2], "130.00", "140.00")]
    assert {f.locations[0].row for f in found} == {"昌吉回族自治州政务服务和公共资源交易中心"}


def test_a008_silent(engine, seed_doc):
    for seed in ("000", "003"):
        assert [f for f in engine.check(seed_doc(seed, "split")) if f.rule == "A008"] == []


# ---------------------------------------------------------------------- A003, table by table

def test_a003_table6_total_against_staff_and_office_costs(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 6), "30101")[4] = 600.0             # 人员经费 600.00, 合计 still 627.50
    found = run(engine, data, tmp_path, rules={"A003"})
    assert cells(found) == [("A003", "error", "D10", "600.00", "627.50")]
    assert "人员经费 + 公用经费" in found[0].message


def test_a003_table2_subtotal_against_its_funding_columns(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 2), "201")[6] = 2340.0              # 一般公共预算 2,340.00 under 小计 2,347.01
    found = run(engine, data, tmp_path, rules={"A003"})
    assert cells(found) == [("A003", "error", "F8", "2340.00", "2347.01")]
    assert "“201 一般公共服务支出”行“财政拨款(补助)小计”" in found[0].message
    assert "一般公共预算 + 上级一般公共预算安排的转移支付 + 政府性基金预算" in found[0].message


@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_a003_table4_expenditure_row_against_its_three_funds(engine, seed_data, tmp_path, layout):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 4), "201 一般公共服务支出")[4] = 2340.0
    found = run(engine, data, tmp_path, layout, rules={"A003"})
    assert [(f.severity, f.locations[0].row, f.expected, f.actual) for f in found] == [
        (Severity.ERROR, "201 一般公共服务支出", "2340.00", "2347.01")]
    assert "一般公共预算 + 政府性基金预算 + 国有资本经营预算" in found[0].message


def test_a003_table7_project_total_against_economic_columns(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 7), "总计")[7] = 358.16             # 商品服务支出 358.16 + 资本性支出 25.00 ≠ 373.16
    found = run(engine, data, tmp_path, rules={"A003", "A006"})
    assert cells(found) == [("A003", "error", "F7", "383.16", "373.16"),       # the row across its columns
                            ("A006", "error", "H7", "348.16", "358.16")]       # the column against the units


def test_a003_table11_total_against_its_two_sources(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("003"))
    row(table(data, 11), "总计")[2] = 585.73            # 财政拨款小计 585.73 (its projects: 575.73)
    found = run(engine, data, tmp_path, rules={"A003"})
    assert cells(found) == [("A003", "error", "B8", "725.73", "715.73"),       # 总计 = 财政拨款 + 非财政拨款
                            ("A003", "error", "C8", "575.73", "585.73")]       # 财政拨款 = 基本 + 项目
    assert "基本支出（人员经费 + 公用经费） + 项目支出" in found[1].message


def test_a004_income_total_against_this_year_and_carried_over(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 1), "收入总计")[1] = 3394.08
    found = run(engine, data, tmp_path, rules={"A004"})
    assert cells(found) == [("A004", "error", "B36", "3384.08", "3394.08")]
    assert "“一、本年收入” + “二、上年结转结余”" in found[0].message


@pytest.mark.parametrize("style", ["（{}）", "({})"])
def test_a004_sources_numbered_in_brackets(engine, seed_data, tmp_path, style):
    """Sources numbered "（一）" rank as sources, not as 其中 lines: the outline still holds, and
    a broken source is still found."""
    data = copy.deepcopy(seed_data("001"))
    t1 = table(data, 1)
    for number, r in zip("一二三四五", [r for r in t1["rows"] if isinstance(r[0], str) and r[0][:2] in
                                      ("1.", "2.", "3.", "4.", "5.")][:5]):
        r[0] = style.format(number) + r[0][2:].strip()
    assert run(engine, data, tmp_path, rules={"A004"}) == []
    row(t1, style.format("五") + "单位资金")[1] = 240.0
    found = {(f.locations[0].row, f.expected, f.actual) for f in run(engine, data, tmp_path, rules={"A004"})}
    assert found == {("一、本年收入", "3374.08", "3384.08"), (style.format("五") + "单位资金", "250.00", "240.00")}


# ---------------------------------------------------------------------- near misses: one cent is 尾差

def _cent(r, *cols, by=0.01):
    for c in cols:
        r[c] = round(r[c] + by, 2)


def test_a003_rounding_is_info(engine, seed_data, tmp_path):
    """表3 2010350 事业运行: 基本支出 699.26 + 项目支出 260.01 = 959.27 against 合计 959.26 — one cent, which
    the rounding of three published figures explains: a 提示, not the rule's error."""
    data = copy.deepcopy(seed_data("001"))
    _cent(row(table(data, 3), "2010350"), 6)
    found = run(engine, data, tmp_path, rules={"A003"})
    assert [(f.severity, f.expected, f.actual) for f in found] == [(Severity.INFO, "959.27", "959.26")]
    assert "四舍五入" in found[0].message


@pytest.mark.parametrize("by, severity", [(0.01, Severity.INFO), (0.02, Severity.ERROR)])
def test_a005_rounding_is_info(engine, seed_data, tmp_path, by, severity):
    """表4 收入总计 against 支出总计, two published figures: 0.01 apart they may be the same amount
    rounded (提示); 0.02 apart they cannot (each is within 0.005 of its amount), an error."""
    data = copy.deepcopy(seed_data("001"))
    _cent(row(table(data, 4), "收入总计"), 1, by=by)
    found = run(engine, data, tmp_path, rules={"A005"})
    assert [(f.severity, f.expected) for f in found] == [(severity, "3134.08")]


def test_a006_rounding_is_info(engine, seed_data, tmp_path):
    """表7: a unit's subtotal one cent above its projects (and so the 总计 one cent below the
    subtotals) is 尾差 on both rows, not an error."""
    data = copy.deepcopy(seed_data("001"))
    _cent(row(table(data, 7), "巴音郭楞蒙古自治州政务服务和公共资源交易中心"), 5)
    found = run(engine, data, tmp_path, rules={"A006"})
    assert sorted((f.severity.value, f.locations[0].row, f.actual) for f in found) == [
        ("info", "巴音郭楞蒙古自治州政务服务和公共资源交易中心", "10.01"), ("info", "总计", "373.16")]


def test_a007_rounding_is_info(engine, seed_data, tmp_path):
    """表10: the 公务用车 subtotal one cent above its two parts: 提示 on the subtotal and on 合计."""
    data = copy.deepcopy(seed_data("001"))
    _cent(row(table(data, 10), "公务用车购置及运行费（小计）"), 1, 2)
    found = run(engine, data, tmp_path, rules={"A007"})
    assert sorted((f.severity.value, f.locations[0].row, f.expected, f.actual) for f in found) == [
        ("info", "公务用车购置及运行费（小计）", "91.40", "91.41"), ("info", "合计", "92.41", "92.40")]


def test_a008_rounding_is_info(engine, seed_data, tmp_path):
    """表11: one project one cent higher than its unit's row adds up to: 提示 only."""
    data = copy.deepcopy(seed_data("003"))
    _cent(row(table(data, 11), "机构运行补助经费"), 1, 6, 9)
    found = run(engine, data, tmp_path, rules={"A008"})
    assert found and {f.severity for f in found} == {Severity.INFO}
    assert ("715.74", "715.73") in [(f.expected, f.actual) for f in found]
