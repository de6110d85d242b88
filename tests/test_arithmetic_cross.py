"""Cross-table identities A101–A107: fire on a real workbook with one figure changed, point at the
odd one out when the other tables agree, stay silent on the seeds."""
from __future__ import annotations

import copy

import pytest

from edit import check_workbook as run, row, table
from checker.core.engine import Engine
from checker.core.findings import Severity


@pytest.fixture(scope="module")
def engine():
    return Engine(select=["A1"])





def where(finding):
    return [(loc.table.split(" ")[0], loc.cell) for loc in finding.locations]


@pytest.mark.parametrize("seed", ["000", "001", "003"])
@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_silent_on_the_seeds(engine, seed_doc, seed, layout):
    assert [(f.rule, f.message) for f in engine.check(seed_doc(seed, layout))] == []


# ---------------------------------------------------------------------- A101

@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_a101_points_at_the_odd_one_out(engine, seed_data, tmp_path, layout):
    # the example: 3,384.08 against 3,374.08 is an error, not rounding
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 3), "总计")[4] = 3374.08
    found = run(engine, data, tmp_path, layout, rules={"A101"})
    assert [(f.severity, f.expected, f.actual) for f in found] == [(Severity.ERROR, "3384.08", "3374.08")]
    assert where(found[0])[0] == ("表3", {"split": "E8", "stacked": "C74"}[layout])
    assert [t for t, _ in where(found[0])] == ["表3", "表1", "表1", "表2"]
    assert "表3“总计”为" in found[0].message and "均为" in found[0].message


def test_a101_no_majority_lists_every_table(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 3), "总计")[4] = 3374.08
    row(table(data, 2), "总计")[4] = 3394.08
    row(table(data, 1), "收入总计")[1] = 3394.08
    row(table(data, 1), "支出总计")[3] = 3374.08
    found = run(engine, data, tmp_path, rules={"A101"})
    assert len(found) == 1 and found[0].expected is None
    assert [t for t, _ in where(found[0])] == ["表1", "表1", "表2", "表3"]
    assert "互不一致" in found[0].message


# ---------------------------------------------------------------------- A102

def test_a102_class_in_three_tables(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 3), "205")[4] = 32.35
    found = run(engine, data, tmp_path, rules={"A102"})
    assert [(where(f)[0], f.expected, f.actual) for f in found] == [(("表3", "E14"), "23.35", "32.35")]


def test_a102_code_missing_from_table3(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    t3 = table(data, 3)
    t3["rows"] = [r for r in t3["rows"] if "".join(r[:3]) != "2101199"]
    found = run(engine, data, tmp_path, rules={"A102"})
    assert len(found) == 1
    assert "2101199 其他行政事业单位医疗支出" in found[0].message and "未列出" in found[0].message


# ---------------------------------------------------------------------- A103

@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_a103_general_budget_odd_one_out(engine, seed_data, tmp_path, layout):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 5), "总计")[4] = 3144.08
    found = run(engine, data, tmp_path, layout, rules={"A103"})
    assert [(where(f)[0][0], f.expected, f.actual) for f in found] == [("表5", "3134.08", "3144.08")]
    assert [t for t, _ in where(found[0])] == ["表5", "表1", "表2", "表4", "表4"]


def test_a103_carry_over_against_table11(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("003"))
    row(table(data, 2), "总计")[14] = 557.73          # 财政拨款结转 column of 表2
    found = run(engine, data, tmp_path, rules={"A103"})
    assert [(where(f)[0], f.expected, f.actual) for f in found] == [(("表2", "O7"), "575.73", "557.73")]
    assert "表1" in found[0].message and "表11" in found[0].message


@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_a103_non_fiscal_carry_over_odd_one_out_in_table11(engine, seed_data, tmp_path, layout):
    data = copy.deepcopy(seed_data("003"))
    row(table(data, 11), "总计")[6] = 150.0            # 非财政拨款小计 of 表11; 表1 and 表2 say 140.00
    found = run(engine, data, tmp_path, layout, rules={"A103"})
    assert [(where(f)[0][0], f.expected, f.actual) for f in found] == [("表11", "140.00", "150.00")]
    assert [t for t, _ in where(found[0])] == ["表11", "表1", "表2"]
    assert "非财政拨款结转结余" in found[0].message


def test_a103_unit_funds_pair(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 2), "总计")[13] = 260.0
    found = run(engine, data, tmp_path, rules={"A103"})
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert [t for t, _ in where(found[0])] == ["表1", "表2"] and found[0].expected is None


def test_a103_empty_fund_table_counts_as_zero(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    src = row(table(data, 1), "2. 政府性基金预算拨款")
    src[1] = 5.0
    found = [f for f in run(engine, data, tmp_path, rules={"A103"}) if "政府性基金" in f.message]
    assert [(where(f)[0][0], f.expected, f.actual) for f in found] == [("表1", "0.00", "5.00")]
    assert "表8 总计均为 0.00 万元" in found[0].message


# ---------------------------------------------------------------------- A104

def test_a104_class_odd_one_out(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 5), "201")[4] = 2357.01
    found = run(engine, data, tmp_path, rules={"A104"})
    assert [(where(f)[0], f.expected, f.actual) for f in found] == [(("表5", "E9"), "2347.01", "2357.01")]


def test_a104_item_pair(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 2), "2010350")[6] = 719.26
    found = run(engine, data, tmp_path, rules={"A104"})
    assert len(found) == 1 and "2010350 事业运行" in found[0].message
    assert [t for t, _ in where(found[0])] == ["表2", "表5"]


# ---------------------------------------------------------------------- A105

def test_a105_basic_expenditure(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 6), "总计")[3] = 2750.92
    found = run(engine, data, tmp_path, rules={"A105"})
    assert [where(f) for f in found] == [[("表5", "F8"), ("表6", "D8")]]
    assert "2,760.92 万元" in found[0].message and "2,750.92 万元" in found[0].message


# ---------------------------------------------------------------------- A106

def test_a106_per_item_code(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    project = next(r for r in table(data, 7)["rows"] if r[4] == "巴州政府办公室政务服务保障项目" and r[2] == "02")
    project[5] = 256.0
    found = run(engine, data, tmp_path, rules={"A106"})
    assert len(found) == 1 and "2010302 一般行政管理事务" in found[0].message
    assert "347.16 万元" in found[0].message and "337.16 万元" in found[0].message
    assert [t for t, _ in where(found[0])] == ["表5", "表7", "表7", "表7", "表7"]


def test_a106_total_against_empty_table7(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("000"))
    row(table(data, 5), "2010350")[6] = 5.0
    row(table(data, 5), "总计")[6] = 5.0
    found = run(engine, data, tmp_path, rules={"A106"})
    assert any("表7 总计行“项目支出合计”为 空表（按 0 计）" in f.message for f in found)
    assert any("2010350 事业运行" in f.message for f in found)


# ---------------------------------------------------------------------- A107

def test_a107_general_budget_above_total(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    r = row(table(data, 3), "2010301")
    r[4], r[5] = 1280.59, 1280.59
    found = run(engine, data, tmp_path, rules={"A107"})
    assert sorted((where(f)[0], f.expected, f.actual) for f in found) == [
        (("表5", "E11"), "1280.59", "1290.59"), (("表5", "F11"), "1280.59", "1290.59")]
    assert "大于" in found[0].message


def test_a107_silent_when_below(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    r = row(table(data, 5), "2010350")
    r[4], r[6] = 700.26, 1.0          # 表5 lower than 表3 is fine for A107 (other rules catch the rest)
    assert run(engine, data, tmp_path, rules={"A107"}) == []


# ---------------------------------------------------------------------- a fund table with data (表8, 表9)

# (表1 source, its 其中 line, 表2 column, 表4 income row, 表4 expenditure column, table, codes and names)
FUND_SPENDING = {
    8: ("2. 政府性基金预算拨款", "其中：政府性基金收入", 8, "政府性基金预算", 5,
        [("212", "", "", "城乡社区支出"), ("212", "08", "", "国有土地使用权出让收入安排的支出"),
         ("212", "08", "99", "其他国有土地使用权出让收入安排的支出")]),
    9: ("3. 国有资本经营预算拨款", "其中：国有资本经营收入", 10, "国有资本经营预算", 6,
        [("223", "", "", "国有资本经营预算支出"), ("223", "01", "", "解决历史遗留问题及改革成本支出"),
         ("223", "01", "99", "其他解决历史遗留问题及改革成本支出")]),
}


def _insert_coded(t, rows):
    """Insert coded rows before the first row whose class code sorts after theirs."""
    at = next((i for i, r in enumerate(t["rows"]) if isinstance(r[0], str) and r[0].isdigit() and r[0] > rows[0][0]),
              len(t["rows"]))
    t["rows"][at:at] = rows


def with_fund_spending(data, number, amount=10.0):
    """001 (表8 and 表9 empty) with ``amount`` of project spending from the fund of 表``number``,
    entered consistently in 表1, 表2, 表3, 表4 and the fund's own table."""
    source, of_which, col2, income4, col4, codes = FUND_SPENDING[number]
    t1, t2, t3, t4, tf = (table(data, n) for n in (1, 2, 3, 4, number))
    for label in ("一、本年收入", "收入总计"):
        row(t1, label)[1] += amount
    row(t1, source)[1] = row(t1, of_which)[1] = amount
    cls = f"{codes[0][0]} {codes[0][3]}"
    row(t1, cls)[3] = amount
    row(t1, "支出总计")[3] += amount
    width = len(t2["header"][0])
    new = []
    for code in codes:
        r = list(code) + [None] * (width - 4)
        r[4] = r[5] = r[col2] = amount
        new.append(r)
    _insert_coded(t2, new)
    total = row(t2, "总计")
    total[4] += amount
    total[5] += amount
    total[col2] = amount
    _insert_coded(t3, [list(code) + [amount, None, amount] for code in codes])
    total = row(t3, "总计")
    total[4] += amount
    total[6] += amount
    for label in ("一、财政拨款（补助）", "收入总计"):
        row(t4, label)[1] += amount
    row(t4, income4)[1] = amount
    r = row(t4, cls)
    r[3] = r[col4] = amount
    r = row(t4, "支出总计")
    r[3] += amount
    r[col4] = amount
    tf["empty_statement"] = None
    tf["rows"] = [["", "", "", "总计", amount, None, None, amount]] + [list(c) + [amount, None, None, amount]
                                                                      for c in codes]
    return data


@pytest.fixture(scope="module")
def table_engine():
    return Engine(select=["A0", "A1"])


@pytest.mark.parametrize("number", [8, 9])
@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_fund_spending_entered_consistently_is_silent(table_engine, seed_data, tmp_path, number, layout):
    data = with_fund_spending(copy.deepcopy(seed_data("001")), number)
    found = run(table_engine, data, tmp_path, layout)
    # only 001's own 尾差 (21011 in 表2, 表3, 表5; 表6 301 and 302) remain, all info
    assert {f.severity for f in found} == {Severity.INFO}
    assert not [f for f in found if f.locations[0].table.startswith(f"表{number}")]


@pytest.mark.parametrize("number", [8, 9])
def test_fund_table_total_is_the_odd_one_out(table_engine, seed_data, tmp_path, number):
    data = with_fund_spending(copy.deepcopy(seed_data("001")), number)
    r = row(table(data, number), "总计")
    r[4] = r[7] = 12.0
    found = {(f.rule, where(f)[0], f.expected, f.actual) for f in run(table_engine, data, tmp_path)
             if f.severity is Severity.ERROR}
    assert found == {("A103", (f"表{number}", "E8"), "10.00", "12.00"),     # against 表1, 表2, 表4 (twice)
                     ("A001", (f"表{number}", "E8"), "10.00", "12.00"),     # against its own classes
                     ("A001", (f"表{number}", "H8"), "10.00", "12.00")}


@pytest.mark.parametrize("number", [8, 9])
def test_fund_table_item_against_table2_and_its_own_kuan(table_engine, seed_data, tmp_path, number):
    data = with_fund_spending(copy.deepcopy(seed_data("001")), number)
    code = "".join(FUND_SPENDING[number][5][2][:3])
    r = row(table(data, number), code)
    r[4] = r[7] = 12.0
    found = [f for f in run(table_engine, data, tmp_path) if f.severity is Severity.ERROR]
    assert sorted((f.rule, where(f)[0][0], f.expected, f.actual) for f in found) == [
        ("A001", f"表{number}", "12.00", "10.00"),        # the 款 row, in 合计 and 项目支出
        ("A001", f"表{number}", "12.00", "10.00"),
        ("A104", "表2", None, None)]                       # 表2 10.00 and 表8/9 12.00: a pair, no majority
    a104 = next(f for f in found if f.rule == "A104")
    assert [t for t, _ in where(a104)] == ["表2", f"表{number}"] and "互不一致" in a104.message


def test_fund_table_row_across_its_columns(table_engine, seed_data, tmp_path):
    data = with_fund_spending(copy.deepcopy(seed_data("001")), 8)
    row(table(data, 8), "2120899")[7] = 8.0            # 项目支出 8.00 under 合计 10.00
    found = [f for f in run(table_engine, data, tmp_path) if f.rule == "A003"]
    assert [(where(f)[0], f.expected, f.actual) for f in found] == [(("表8", "E11"), "8.00", "10.00")]
    assert "基本支出（人员经费 + 公用经费） + 项目支出" in found[0].message


# ---------------------------------------------------------------------- A103/A104: 表4 with 上年结转

def t4_with_carry(data, carry=9457.44, t5_too=False, printed_carry=None):
    """Seed 000 in the template whose 表4 income side has "二、上年结转" (财政拨款 carried over,
    here all 一般公共预算 and all in class 201, as 表2/表11 say): 表4's 201 row and totals then
    include the carry-over. ``t5_too``: 表5 includes it as well (as 项目支出). ``printed_carry``:
    the carry-over 表4 prints, when it differs from what it added to its totals. ``carry=None``:
    the template's 上年结转 rows, left blank."""
    data = copy.deepcopy(data)
    t4 = table(data, 4)
    shown = carry if printed_carry is None else printed_carry
    labels = [("一、本年收入", 1379.81), ("一般公共预算", 1379.81), ("政府性基金预算", None),
              ("国有资本经营预算", None), ("二、上年结转", shown), ("一般公共预算", shown),
              ("政府性基金预算", None), ("国有资本经营预算", None)]
    for r, (label, value) in zip(t4["rows"], labels):
        r[0], r[1] = label, value
    add = carry or 0
    row(t4, "201 一般公共服务支出")[3] = row(t4, "201 一般公共服务支出")[4] = round(1018.41 + add, 2)
    total = row(t4, "收入总计")
    total[1] = total[3] = total[4] = round(1379.81 + add, 2)
    if t5_too:
        t5 = table(data, 5)
        for key in ("总计", "201", "20103"):
            r = row(t5, key)
            r[4] = round(r[4] + add, 2)
            r[6] = round((r[6] or 0) + add, 2)
    return data


@pytest.mark.parametrize("layout", ["split", "stacked"])
@pytest.mark.parametrize("t5_too", [False, True])
def test_a103_table4_with_carry_over_compares_like_with_like(engine, seed_data, tmp_path, layout, t5_too):
    data = t4_with_carry(seed_data("000"), t5_too=t5_too)
    assert run(engine, data, tmp_path, layout, rules={"A103", "A104"}) == []


@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_a103_table4_carry_rows_left_blank(engine, seed_data, tmp_path, layout):
    # the same template with nothing carried over: silent, and 表5 still compared with 表1/表2/表4
    data = t4_with_carry(seed_data("000"), carry=None)
    assert run(engine, data, tmp_path, layout, rules={"A103", "A104"}) == []
    row(table(data, 5), "总计")[4] = 1389.81
    found = run(engine, data, tmp_path, layout, rules={"A103"})
    assert [(f.expected, f.actual) for f in found] == [("1379.81", "1389.81")]
    assert where(found[0])[0][0] == "表5"


def test_a103_table4_carry_over_that_does_not_add_up(engine, seed_data, tmp_path):
    # 表4 prints 上年结转 9,000.00 but its totals carry 9,457.44: its total is not 本年 + 结转, and
    # its 上年结转 is the odd one out against 表1/表2/表11 财政拨款结转
    data = t4_with_carry(seed_data("000"), printed_carry=9000.00)
    found = run(engine, data, tmp_path, rules={"A103"})
    assert sorted((f.expected, f.actual) for f in found) == [("10379.81", "10837.25"), ("9457.44", "9000.00")]
    total = next(f for f in found if f.actual == "10837.25")
    assert "上年结转" in total.message and where(total)[0][0] == "表4"


def test_a103_table5_with_carry_over_against_table4(engine, seed_data, tmp_path):
    # 表5 includes the carry-over but by 10 万元 less than 表4 says: an error, told against 表4
    data = t4_with_carry(seed_data("000"), t5_too=True)
    row(table(data, 5), "总计")[4] = 10827.25
    found = run(engine, data, tmp_path, rules={"A103"})
    assert [(f.expected, f.actual) for f in found] == [("10837.25", "10827.25")]
    assert where(found[0])[0][0] == "表5"


def test_a104_with_table4_carry_over_compares_like_with_like(engine, seed_data, tmp_path):
    # 表5 this year's only: 表2 and 表5 still compared per code, 表4 (with 结转) left out
    data = t4_with_carry(seed_data("000"))
    row(table(data, 5), "208")[4] = 148.70
    found = run(engine, data, tmp_path, rules={"A104"})
    assert len(found) == 1 and "138.70" in found[0].message and "148.70" in found[0].message
    assert {t for f in found for t, _ in where(f)} == {"表2", "表5"}     # two tables: no odd one out
    # 表5 with 结转 too: its classes against 表4's
    data = t4_with_carry(seed_data("000"), t5_too=True)
    row(table(data, 4), "201 一般公共服务支出")[4] = 10465.85
    found = run(engine, data, tmp_path, rules={"A104"})
    assert len(found) == 1 and "10,475.85" in found[0].message and "10,465.85" in found[0].message
    assert {t for f in found for t, _ in where(f)} == {"表4", "表5"}


# ---------------------------------------------------------------------- near misses: one cent is 尾差

def _t7_project(data, name="巴州政府办公室政务服务保障项目", xiang="02"):
    return next(r for r in table(data, 7)["rows"] if r[4] == name and r[2] == xiang)


@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_a101_one_cent_apart_is_rounding(engine, seed_data, tmp_path, layout):
    """表3 总计 3,384.09 against 3,384.08 in 表1 and 表2 (100 元 in the 元 layout, whose figures are whole
    hundreds of 元): rounding can explain it, so a 提示 — the fire test's 10.00 is an error."""
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 3), "总计")[4] = 3384.09
    found = run(engine, data, tmp_path, layout, rules={"A101"})
    assert [(f.severity, f.expected, f.actual) for f in found] == [(Severity.INFO, "3384.08", "3384.09")]
    assert "尾差" in found[0].message


def test_a102_one_cent_apart_is_rounding(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 3), "205")[4] = 23.36
    found = run(engine, data, tmp_path, rules={"A102"})
    assert [(f.severity, f.expected, f.actual) for f in found] == [(Severity.INFO, "23.35", "23.36")]


@pytest.mark.parametrize("total, severity", [(2760.93, Severity.INFO), (2760.94, Severity.ERROR)])
def test_a105_one_cent_is_rounding_two_cents_are_not(engine, seed_data, tmp_path, total, severity):
    """表6 总计 against 表5's 基本支出 2,760.92: two published figures of one amount may differ by one cent
    (each is within half a cent), not by two."""
    data = copy.deepcopy(seed_data("001"))
    row(table(data, 6), "总计")[3] = total
    found = run(engine, data, tmp_path, rules={"A105"})
    assert [f.severity for f in found] == [severity]


def test_a106_one_cent_over_four_projects_is_rounding(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    project = _t7_project(data)
    project[5] = round(project[5] + 0.01, 2)
    found = run(engine, data, tmp_path, rules={"A106"})
    assert [f.severity for f in found] == [Severity.INFO]
    assert "347.16 万元" in found[0].message and "347.17 万元" in found[0].message
