"""Near misses of rules whose own test files had none (tests/rule_tests.py): each takes the input of
the rule's fire test, changes it a little less — to just inside the rule's condition — and asserts
the rule stays silent. Where a case checks that the changed cells were read at all, it says how.

Every case writes a real workbook with openpyxl (tests/seeds/build.py) from a seed, changed as a
unit's spreadsheet would be, and reads it back.
"""
from __future__ import annotations

import copy

import openpyxl
import pytest

from edit import check_workbook, row, table
from checker.core.engine import Engine
from checker.core.reader import read_workbook


@pytest.fixture(autouse=True)
def no_user_lists(tmp_path, monkeypatch):
    # the codes plugin reads imported code lists from the user data directory: keep it empty
    monkeypatch.setenv("CHECKER_DATA_DIR", str(tmp_path / "userdata"))


def _check(data, tmp_path, select, layout="split"):
    return check_workbook(Engine(select=select), data, tmp_path, layout)


def _rules(findings, prefix=""):
    return sorted(f.rule for f in findings if f.rule.startswith(prefix))


# ---------------------------------------------------------------------- A301, A302

def test_a301_silent_when_the_reception_costs_of_other_funds_are_left_out(seed_data, tmp_path):
    """A301 compares 表10's 一般公共预算 column with 表6. The fire test puts 3.00 in both 合计 and
    一般公共预算; here the 1.00 more comes from 政府性基金: 合计 3.00 = 2.00 + 1.00, and 表6 30217
    公务接待费 2.00 is the general-budget part, so nothing is reported."""
    data = copy.deepcopy(seed_data("000"))
    r = row(table(data, 10), "公务接待费")
    r[1], r[2], r[3] = 3.0, 2.0, 1.0
    assert _rules(_check(data, tmp_path, ["A301"])) == []
    r[2], r[3] = 3.0, None            # the same 1.00 put in the general budget: the fire test's case
    assert _rules(_check(data, tmp_path, ["A301"])) == ["A301"]


@pytest.mark.parametrize("edit", ["housing fund partly from a project", "medical insurance split differently"])
def test_a302_silent_when_only_what_the_rule_does_not_compare_changes(seed_data, tmp_path, edit):
    """A302 compares 表6's contribution with 表5's 基本支出 of the matching 项, summed where two 项 make
    one contribution. A housing fund that a project also pays (表5 2210201 合计 194.57 = 基本 184.57 +
    项目 10.00) still agrees with 表6 30113 184.57; and 30110 职工基本医疗保险缴费 102.04 agrees with
    2101101 + 2101102 however it is split between them (58.03 + 44.01 instead of 60.03 + 42.01)."""
    data = copy.deepcopy(seed_data("001"))
    t5 = table(data, 5)
    if edit.startswith("housing"):
        for code in ("22102", "2210201"):
            r = row(t5, code)
            r[4], r[6] = 194.57, 10.0
        r = row(t5, "221")
        r[4], r[6] = r[4] + 10.0, (r[6] or 0) + 10.0
    else:
        row(t5, "2101101")[4:6] = [58.03, 58.03]
        row(t5, "2101102")[4:6] = [44.01, 44.01]
    assert _rules(_check(data, tmp_path, ["A302"])) == []
    # the same change made where the rule looks fires it: the 基本支出 of 2210201 / 2101102 alone
    r = row(t5, "2210201" if edit.startswith("housing") else "2101102")
    r[5] = r[5] + 2.0
    assert _rules(_check(data, tmp_path, ["A302"])) == ["A302"]


# ---------------------------------------------------------------------- C002

def test_c002_silent_when_a_typo_keeps_the_item_under_its_kuan(seed_data, tmp_path):
    """The fire test retypes the 类 of 201 03 50 事业运行 (208 03 50, under 20103: C002). A typo in the
    项 digits instead (201 03 02) keeps the code under 20103: no C002. The row is still checked —
    its name is not 2010302's (C020)."""
    data = copy.deepcopy(seed_data("000"))
    r = next(r for r in table(data, 3)["rows"] if r[:3] == ["201", "03", "50"])
    r[2] = "02"
    found = [(f.rule, f.actual) for f in _check(data, tmp_path, ["C"]) if f.rule != "C041"]
    assert not any(rule == "C002" for rule, _ in found)
    assert ("C020", "事业运行") in found


# ---------------------------------------------------------------------- C012

def test_c012_silent_for_a_name_close_to_the_former_one_that_is_no_years_name(seed_data, tmp_path):
    """The fire test prints 207 as “文化体育与传媒支出”, its name until 2018 (C012: another year's
    name). “文化体育传媒支出” is close to it but was never the name of 207: not C012 — it is a plain
    wrong name, C020, expected “文化旅游体育与传媒支出”."""
    data = copy.deepcopy(seed_data("000"))
    for n in (1, 4):
        row(table(data, n), "207 文化旅游体育与传媒支出")[2] = "207 文化体育传媒支出"
    found = _check(data, tmp_path, ["C012", "C020"])
    assert [(f.rule, f.actual, f.expected) for f in found] == [("C020", "文化体育传媒支出", "文化旅游体育与传媒支出")]


# ---------------------------------------------------------------------- P005, P011, P036

def _target(data, name):
    """The seed's target table whose 项目名称 contains ``name``."""
    return next(t for t in data["targets"] if any(isinstance(v, str) and name in v for r in t["rows"] for v in r[:3]))


@pytest.mark.parametrize("says", ["本部门无涉密项目，无其他需说明事项。", "本部门不涉及涉密项目。",
                                  "本部门 0 个涉密项目。"])
def test_p005_silent_when_the_narrative_says_there_is_no_secret_project(seed_data, tmp_path, says):
    """The fire test declares “1 个涉密项目，涉及预算资金 27.00 万元” for the project whose table is
    missing (P005, and no P001). “本部门无涉密项目” declares none: no P005 (before, it was recorded as
    a declaration of secret projects), and the project without a table is reported (P001)."""
    data = copy.deepcopy(seed_data("001"))
    data["targets"].remove(_target(data, "电子政务网络维护费"))
    i = data["narrative"].index("本部门无其他需说明事项。")
    data["narrative"][i] = says
    found = _check(data, tmp_path, ["P001", "P005"])
    assert [(f.rule, f.locations[0].row) for f in found] == [("P001", "电子政务网络维护费项目")]


def test_p011_silent_for_the_unit_field_labelled_with_its_seal_note(seed_data, tmp_path):
    """The fire test blanks a required header field (P011). 预算单位 labelled “预算单位（盖章）”, as the
    paper form prints it, with the unit's name beside it, is filled: no P011. Blanking the name
    beside it then fires P011 on that field."""
    data = copy.deepcopy(seed_data("000"))
    r = next(r for r in _target(data, "综合保障类项目")["rows"] if r[0] == "预算单位")
    r[0] = "预算单位（盖章）"
    assert _rules(_check(data, tmp_path, ["P011"])) == []
    r[2] = None
    found = _check(data, tmp_path, ["P011"])
    assert [(f.rule, f.locations[0].row) for f in found] == [("P011", "预算单位")] and "没有填写" in found[0].message


def test_p036_silent_for_the_basis_column_under_another_of_its_names(seed_data, tmp_path):
    """The fire test blanks one indicator's 指标值设置依据 (P036). The column headed “指标值设定依据”
    (the name of the column in other templates) with every basis filled is the same column: no P036."""
    data = copy.deepcopy(seed_data("000"))
    t = _target(data, "综合保障类项目")
    head = next(r for r in t["rows"] if r and r[0] == "一级指标")
    head[head.index("指标值设置依据")] = "指标值设定依据"
    assert _rules(_check(data, tmp_path, ["P036"])) == []


# ---------------------------------------------------------------------- S002, S005

def _with_sheet(seed_path, tmp_path, name, cells):
    """Seed 000's workbook with one more sheet ``name`` holding ``cells`` ({"A1": value, …})."""
    wb = openpyxl.load_workbook(seed_path("000", "split"))
    ws = wb.create_sheet(name, 0)
    for ref, value in cells.items():
        ws[ref] = value
    path = tmp_path / f"{name}.xlsx"
    wb.save(path)
    return read_workbook(path)


def test_s002_silent_for_a_table_of_contents_that_repeats_every_title(seed_path, tmp_path):
    """The fire test puts a second copy of 表5 into the workbook (S002). A 目录 sheet in front that
    lists every table's title, one a line with its number, names 表5 a second time too, but a title
    without a unit line or header under it is no table: no S002, and every table is still read."""
    doc = read_workbook(seed_path("000", "split"))
    titles = [t.title for t in doc.tables.values()]
    contents = {"A1": "目录"} | {f"A{i + 2}": f"表{i + 1}  {title}" for i, title in enumerate(titles)}
    listed = _with_sheet(seed_path, tmp_path, "目录", contents)
    assert listed.duplicates == [] and set(listed.tables) == set(doc.tables)
    assert _rules(Engine(select=["S"]).check(listed)) == _rules(Engine(select=["S"]).check(doc))


@pytest.mark.parametrize("numbers, reported", [(7, False), (8, True)])
def test_s005_silent_for_a_sheet_with_a_few_numbers_and_no_title(seed_path, tmp_path, numbers, reported):
    """The fire test removes 表5's title: 40 numbers nobody can place (S005). A left-over sheet with a
    handful of numbers (page numbers of a list) is no table: seven numbers without a title are not
    reported; from eight on the sheet is taken for a table that lost its title (S005)."""
    cells = {"A1": "页码"} | {f"B{r}": r for r in range(2, 2 + numbers)}
    found = [f for f in Engine(select=["S005"]).check(_with_sheet(seed_path, tmp_path, "Sheet3", cells))]
    assert [(f.rule, f.locations[0].sheet) for f in found] == ([("S005", "Sheet3")] if reported else [])


# ---------------------------------------------------------------------- Y022

def test_y022_silent_when_the_narrative_follows_a_table5_printed_out_of_code_order(seed_data, tmp_path):
    """The fire test swaps 五（三）'s paragraphs on 事业单位医疗 and 公务员医疗补助 (Y022: 表5 has
    事业单位医疗 first). When 表5 itself prints 2101103 公务员医疗补助 before 2101102 事业单位医疗, the
    swapped narrative follows the table: Y022 compares with 表5's order, not with the codes'."""
    data = copy.deepcopy(seed_data("000"))
    narrative = data["narrative"]
    i = next(i for i, p in enumerate(narrative) if "事业单位医疗（项）" in p and "公务员" not in p)
    narrative[i], narrative[i + 1] = "4、" + narrative[i + 1][2:], "5、" + narrative[i][2:]
    assert _rules(_check(data, tmp_path, ["Y022"])) == ["Y022"]      # against the seed's 表5: the fire case
    rows = table(data, 5)["rows"]
    j = rows.index(row(table(data, 5), "2101102"))
    rows[j], rows[j + 1] = rows[j + 1], rows[j]
    assert _rules(_check(data, tmp_path, ["Y022"])) == []
