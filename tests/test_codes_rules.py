"""Each C rule fires on a realistic workbook with one mistake put in, and stays silent otherwise.

Every case takes a seed's transcription, changes one thing in the dict, writes the workbook with
tests/seeds/build.py (both layouts where the layout matters: split 类/款/项 columns in 万元, joined
codes in 元) and reads it back. The seeds' own findings (C041 on 000/001) are filtered out where a
case is about something else.
"""
from __future__ import annotations

import copy

import pytest

import build
import checker.plugins.codes as codes_plugin
from checker.core.engine import Engine, hookimpl, make_plugin_manager
from checker.core.reader import read_workbook

LAYOUTS = ["split", "stacked"]


@pytest.fixture(autouse=True)
def no_user_lists(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_DATA_DIR", str(tmp_path / "userdata"))


def engine(*extra):
    return Engine(make_plugin_manager(extra=[codes_plugin, *extra], entry_points=False), select=["C"])


def run(seed_data, seed, mutate, tmp_path, layout="split", year=None, extra=(), keep_seed_findings=False):
    data = copy.deepcopy(seed_data(seed))
    mutate(data)
    path = build.build_workbook(data, layout, tmp_path / f"{seed}_{layout}.xlsx")
    doc = read_workbook(path, year=year)
    findings = engine(*extra).check(doc)
    if not keep_seed_findings:
        findings = [f for f in findings if not (f.rule == "C041" and f.actual == "商品服务支出")]
    return findings


def table(data, number):
    return next(t for t in data["tables"] if t["number"] == number)


def row(t, **cells):
    """The first body row whose cells (by index, e.g. c0="201") have these values."""
    for r in t["rows"]:
        if all(r[int(k[1:])] == v for k, v in cells.items()):
            return r
    raise KeyError(cells)


def brief(findings):
    return [(f.rule, f.locations[0].table.split(" ")[0], f.actual) for f in findings]


def cells(finding):
    return [loc.cell for loc in finding.locations]


# ------------------------------------------------------------------------------------------ C001

@pytest.mark.parametrize("layout", LAYOUTS)
def test_c001_a_kuan_of_one_digit(seed_data, tmp_path, layout):
    def mutate(d):
        row(table(d, 3), c0="201", c2="50")[1] = "3"      # 201 | 3 | 50, typed as text
    findings = run(seed_data, "000", mutate, tmp_path, layout)
    assert brief(findings) == [("C001", "表3", "201 3 50" if layout == "split" else "201350")]
    assert cells(findings[0]) == (["A12"] if layout == "split" else ["A72"])
    assert "事业运行" in findings[0].message


def test_c001_digits_in_front_of_a_class_name(seed_data, tmp_path):
    def mutate(d):
        row(table(d, 1), c2="201 一般公共服务支出")[2] = "2011 一般公共服务支出"
    findings = run(seed_data, "000", mutate, tmp_path)
    assert ("C001", "表1", "2011") in brief(findings)
    # the template list now misses 201 (C030); nothing else
    assert sorted(f.rule for f in findings) == ["C001", "C030"]


def test_c001_split_parts_of_the_wrong_width_that_still_add_up_to_a_code(seed_data, tmp_path):
    """20103 | (blank) | 50 reads as 2010350, a valid code, but the 类 column holds a 款 code."""
    def mutate(d):
        r = row(table(d, 3), c0="201", c2="50")
        r[0], r[1] = "20103", None
    findings = run(seed_data, "000", mutate, tmp_path)
    assert brief(findings) == [("C001", "表3", "20103 50")]
    assert "类 20103（5 位，应为 3 位）、项 50" in findings[0].message and cells(findings[0]) == ["A12"]


def test_c001_silent_on_codes_typed_as_numbers(seed_data, tmp_path):
    """Excel drops a 款's leading zero from a number: 201 | 3 (a number) is 201 | 03, not an error."""
    def mutate(d):
        r = row(table(d, 3), c0="201", c2="50")
        r[0], r[1], r[2] = 201, 3, 50
    assert run(seed_data, "000", mutate, tmp_path) == []


# ------------------------------------------------------------------------------------------ C002

@pytest.mark.parametrize("layout", LAYOUTS)
def test_c002_item_under_a_kuan_it_does_not_belong_to(seed_data, tmp_path, layout):
    def mutate(d):
        row(table(d, 3), c0="201", c2="50")[0] = "208"    # 2080350 事业运行 under 20103
    findings = run(seed_data, "000", mutate, tmp_path, layout)
    assert brief(findings) == [("C002", "表3", "2080350"), ("C011", "表3", "2080350")]
    c002 = findings[0]
    assert c002.expected == "2010350"               # 事业运行 under 20103 in the 2024 list
    assert "20103" in c002.message and "20803" in c002.message


def test_c002_silent_when_codes_follow_their_parents(seed_data, tmp_path):
    assert run(seed_data, "001", lambda d: None, tmp_path) == []


# ------------------------------------------------------------------------------------------ C003

@pytest.mark.parametrize("layout", LAYOUTS)
def test_c003_missing_kuan_row(seed_data, tmp_path, layout):
    def mutate(d):
        t = table(d, 3)
        t["rows"].remove(row(t, c0="208", c1="05", c2=""))
    findings = run(seed_data, "000", mutate, tmp_path, layout)
    assert brief(findings) == [("C003", "表3", "2080502"), ("C003", "表3", "2080505")]
    assert all(f.expected == "20805" for f in findings)


def test_c003_silent_on_a_table_that_prints_no_kuan_rows_at_all(seed_data, tmp_path):
    def mutate(d):
        for n in (2, 3, 5):
            t = table(d, n)
            t["rows"] = [r for r in t["rows"] if not (r[1] and not r[2])]
    assert run(seed_data, "000", mutate, tmp_path) == []


# ------------------------------------------------------------------------------------------ C004

@pytest.mark.parametrize("layout", LAYOUTS)
def test_c004_items_out_of_order(seed_data, tmp_path, layout):
    def mutate(d):
        rows = table(d, 3)["rows"]
        a, b = row(table(d, 3), c0="210", c2="02"), row(table(d, 3), c0="210", c2="03")
        i, j = rows.index(a), rows.index(b)
        rows[i], rows[j] = b, a
    findings = run(seed_data, "000", mutate, tmp_path, layout)
    assert brief(findings) == [("C004", "表3", "2101102")]
    assert "2101103" in findings[0].message


def test_c004_a_code_printed_twice(seed_data, tmp_path):
    def mutate(d):
        t = table(d, 5)
        t["rows"].append(list(row(t, c0="221", c2="01")))
    findings = run(seed_data, "003", mutate, tmp_path)
    assert brief(findings) == [("C004", "表5", "2210201")]
    assert "重复" in findings[0].message


def test_c004_silent_on_table7_repeating_an_item_per_project(seed_data, tmp_path):
    data = seed_data("001")
    t7 = table(data, 7)
    assert sum(1 for r in t7["rows"] if r[:3] == ["201", "03", "02"]) == 4
    assert run(seed_data, "001", lambda d: None, tmp_path) == []


# ------------------------------------------------------------------------------------------ C010

@pytest.mark.parametrize("layout", LAYOUTS)
def test_c010_economic_kuan_not_in_a_complete_class(seed_data, tmp_path, layout):
    def mutate(d):
        row(table(d, 6), c0="301", c1="99")[1] = "98"
    findings = run(seed_data, "000", mutate, tmp_path, layout)
    assert brief(findings) == [("C010", "表6", "30198")]
    assert findings[0].expected == "30199"
    assert findings[0].severity.value == "error"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_c010_silent_on_kuan_the_seeds_never_print_but_the_complete_list_has(seed_data, tmp_path, layout):
    """The 301/302/303/310 款 are complete lists: any of their 款 is accepted, printed by a seed or not."""
    def mutate(d):
        t = table(d, 6)
        r = row(t, c0="301", c1="03")
        r[1], r[2] = "06", "伙食补助费"
        i = t["rows"].index(row(t, c0="303", c1="99")) + 1
        t["rows"][i:i] = [["310", "", "资本性支出", 3.5, None, 3.5], ["310", "02", "办公设备购置", 3.5, None, 3.5]]
    assert run(seed_data, "000", mutate, tmp_path, layout) == []    # and 310 in 公用经费 is no C040


def test_c010_class_not_in_the_class_list(seed_data, tmp_path):
    def mutate(d):
        for n in (1, 4):
            row(table(d, n), c2="219 援助其他地区支出")[2] = "218 援助其他地区支出"
    findings = run(seed_data, "000", mutate, tmp_path)
    assert brief(findings) == [("C030", "表1", findings[0].actual), ("C010", "表1", "218"), ("C030", "表4", findings[2].actual)]
    c010 = findings[1]
    assert cells(c010) == ["C23", "C23"] and c010.expected == "219"
    assert "缺少 1 个类：219 援助其他地区支出" in findings[0].message
    assert "多出模板没有的类：218 援助其他地区支出" in findings[0].message
    assert cells(findings[0])[1:] == ["C23"]            # the title, then the extra row


# ------------------------------------------------------------------------------------------ C011 / C021

def _code_2010308(d):
    for n in (2, 3):
        row(table(d, n), c0="201", c2="05")[2] = "08"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_c011_item_not_in_an_incomplete_branch(seed_data, tmp_path, layout):
    findings = run(seed_data, "000", _code_2010308, tmp_path, layout)
    assert brief(findings) == [("C011", "表2", "2010308")]
    assert len(findings[0].locations) == 2 and findings[0].severity.value == "warning"
    assert "无法断定" in findings[0].message


def test_c011_silent_when_a_plugin_adds_the_code(seed_data, tmp_path):
    class Province:
        @hookimpl
        def checker_reference_codes(self, year):
            if year == 2024:
                return [{"list": "function", "code": "2010308", "name": "专项业务及机关事务管理", "source": "本省补充"}]
            return []

    assert run(seed_data, "000", _code_2010308, tmp_path, extra=[Province()]) == []


def test_c020_against_a_name_a_plugin_adds(seed_data, tmp_path):
    class Province:
        @hookimpl
        def checker_reference_codes(self, year):
            return [{"list": "function", "code": "2010308", "name": "信访事务"}]

    findings = run(seed_data, "000", _code_2010308, tmp_path, extra=[Province()])
    assert brief(findings) == [("C020", "表2", "专项业务及机关事务管理")]
    assert findings[0].expected == "信访事务"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_c021_same_code_two_names_in_two_tables(seed_data, tmp_path, layout):
    def mutate(d):
        _code_2010308(d)
        row(table(d, 3), c0="201", c2="08")[3] = "信访事务"
    findings = run(seed_data, "000", mutate, tmp_path, layout)
    assert brief(findings) == [("C011", "表2", "2010308"), ("C021", "表3", "信访事务")]
    c021 = findings[1]
    assert c021.expected == "专项业务及机关事务管理"
    assert [loc.table.split(" ")[0] for loc in c021.locations] == ["表3", "表2"]


def test_c021_narrative_name_differs_from_the_tables(seed_data, tmp_path):
    def mutate(d):
        for n in (2, 3, 5):
            row(table(d, n), c0="210", c1="11", c2="99")[2] = "98"
        d["narrative"] = [p.replace("其他行政事业单位医疗支出（项）", "其他医疗支出（项）") for p in d["narrative"]]
    findings = run(seed_data, "001", mutate, tmp_path)
    assert sorted(brief(findings)) == [("C011", "表2", "2101198"), ("C021", "情况说明", "其他医疗支出")]
    c021 = next(f for f in findings if f.rule == "C021")
    assert c021.locations[0].table == "情况说明 五（三）" and c021.expected == "其他行政事业单位医疗支出"


def test_c021_silent_when_names_differ_only_in_brackets_and_spaces(seed_data, tmp_path):
    def mutate(d):
        _code_2010308(d)
        row(table(d, 3), c0="201", c2="08")[3] = "专项业务及机关事务 管理"
        row(table(d, 2), c0="201", c1="03", c2="")[3] = "政府办公厅(室)及相关机构 事务"
    assert brief(run(seed_data, "000", mutate, tmp_path)) == [("C011", "表2", "2010308")]


# ------------------------------------------------------------------------------------------ C012

@pytest.mark.parametrize("layout", LAYOUTS)
def test_c012_a_former_class_name(seed_data, tmp_path, layout):
    def mutate(d):
        for n in (1, 4):
            row(table(d, n), c2="207 文化旅游体育与传媒支出")[2] = "207 文化体育与传媒支出"
    findings = run(seed_data, "000", mutate, tmp_path, layout)
    assert brief(findings) == [("C012", "表1", "文化体育与传媒支出")]
    assert findings[0].expected == "文化旅游体育与传媒支出" and "2018 年及以前" in findings[0].message
    assert len(findings[0].locations) == 2


def test_c012_a_former_class_name_in_the_narrative(seed_data, tmp_path):
    """The real defect of a Shanghai 2025 final account (see refdata SOURCES.md): the narrative keeps the
    class name of 2018 and before while the tables print the current one."""
    def mutate(d):
        d["narrative"] = [p.replace("卫生健康支出（类）", "医疗卫生与计划生育支出（类）") for p in d["narrative"]]
    findings = run(seed_data, "003", mutate, tmp_path)
    assert brief(findings) == [("C012", "情况说明", "医疗卫生与计划生育支出")]
    f = findings[0]
    assert f.expected == "卫生健康支出" and "2018 年及以前" in f.message
    # 五（二）'s class item and the four 项 items of 五（三）
    assert sorted({loc.table for loc in f.locations}) == ["情况说明 五（三）", "情况说明 五（二）"]
    assert len(f.locations) == 5


def test_c012_a_code_another_year_has_when_this_years_official_list_lacks_it(seed_data, tmp_path):
    from checker.plugins.codes.importer import import_file

    classes = [(e.code, e.name) for e in _shipped(2025, "function").classes() if e.code != "234"]
    rest = [("20103", "政府办公厅（室）及相关机构事务"), ("2010301", "行政运行"), ("2010302", "一般行政管理事务"),
            ("20805", "行政事业单位养老支出"), ("2080501", "行政单位离退休"), ("2080505", "机关事业单位基本养老保险缴费支出"),
            ("2080506", "机关事业单位职业年金缴费支出"), ("21011", "行政事业单位医疗"), ("2101101", "行政单位医疗"),
            ("2101102", "事业单位医疗"), ("2101103", "公务员医疗补助"), ("2101199", "其他行政事业单位医疗支出"),
            ("22102", "住房改革支出"), ("2210201", "住房公积金")]
    official = tmp_path / "2025科目.csv"
    official.write_text("科目编码,科目名称\n" + "".join(f"{c},{n}\n" for c, n in classes + rest), encoding="utf-8")
    import_file(official, 2025)
    findings = run(seed_data, "003", lambda d: None, tmp_path)
    assert brief(findings) == [("C012", "表2", "2010350")]
    assert [loc.table.split(" ")[0] for loc in findings[0].locations] == ["表2", "表3", "表5"]
    assert "2024 年（事业运行）" in findings[0].message


def _shipped(year, kind):
    from checker.plugins.codes.reference import shipped

    return shipped()[0][(kind, year)]


# ------------------------------------------------------------------------------------------ C013

def _add_234(d):
    for n in (1, 4):
        t = table(d, n)
        r = row(t, c2="233 债务发行费用支出")
        new = [None] * len(r)
        new[2] = "234 抗疫特别国债安排的支出"
        t["rows"].insert(t["rows"].index(r) + 1, new)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_c013_2025_table_printing_234_gets_a_warning_only(seed_data, tmp_path, layout):
    findings = run(seed_data, "003", _add_234, tmp_path, layout)
    assert brief(findings) == [("C013", "表1", "234")]
    assert findings[0].severity.value == "warning" and len(findings[0].locations) == 2
    assert "无法确定" in findings[0].message


def test_c013_silent_on_2024_tables_printing_234(seed_data, tmp_path):
    assert run(seed_data, "000", lambda d: None, tmp_path) == []


def test_c013_2025_name_of_234_is_still_checked(seed_data, tmp_path):
    def mutate(d):
        _add_234(d)
        row(table(d, 4), c2="234 抗疫特别国债安排的支出")[2] = "234 抗疫特别国债还本支出"
    findings = run(seed_data, "003", mutate, tmp_path)
    assert brief(findings) == [("C013", "表1", "234"), ("C020", "表4", "抗疫特别国债还本支出")]


# ------------------------------------------------------------------------------------------ C014

def test_c014_no_list_for_the_year(seed_data, tmp_path):
    findings = run(seed_data, "000", lambda d: None, tmp_path, year=2026, keep_seed_findings=True)
    assert [f.rule for f in findings] == ["C014"]
    assert findings[0].severity.value == "info" and "2026" in findings[0].message


def test_c014_silent_once_the_year_is_imported(seed_data, tmp_path):
    from checker.plugins.codes.importer import import_file

    lists = [_shipped(2024, "function"), _shipped(2024, "economic")]
    official = tmp_path / "2026.csv"
    official.write_text("编码,名称\n" + "".join(f"{c},{e.name}\n" for lst in lists for c, e in lst.entries.items()),
                        encoding="utf-8")
    import_file(official, 2026)
    findings = run(seed_data, "000", lambda d: None, tmp_path, year=2026, keep_seed_findings=True)
    assert [f.rule for f in findings] == ["C041"]      # the imported list is used, 表7's header still wrong


# ------------------------------------------------------------------------------------------ C020

@pytest.mark.parametrize("layout", LAYOUTS)
def test_c020_table4_class_name(seed_data, tmp_path, layout):
    def mutate(d):
        row(table(d, 4), c2="234 抗疫特别国债安排的支出")[2] = "234 抗疫特别国债还本支出"
    findings = run(seed_data, "000", mutate, tmp_path, layout)
    assert brief(findings) == [("C020", "表4", "抗疫特别国债还本支出")]
    assert findings[0].expected == "抗疫特别国债安排的支出" and findings[0].severity.value == "error"
    assert cells(findings[0]) == (["C35"] if layout == "split" else ["C120"])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_c020_narrative_item_name(seed_data, tmp_path, layout):
    def mutate(d):
        d["narrative"] = [p.replace("事业单位医疗（项）", "事业单位医疗支出（项）") for p in d["narrative"]]
    findings = run(seed_data, "000", mutate, tmp_path, layout)
    assert brief(findings) == [("C020", "情况说明", "事业单位医疗支出")]
    assert findings[0].expected == "事业单位医疗" and findings[0].locations[0].table == "情况说明 五（三）"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_c020_silent_when_the_narrative_names_an_item_table5_does_not_print(seed_data, tmp_path, layout):
    """五（三） describes 2080502 事业单位离退休 4.24, which 表5 no longer prints; 2080505 now has the same
    amount. The item's names are 2080502's in the 2024 list, so the amount must not tie it to 2080505
    (which would report a correct name as wrong); that the table lacks the item is not a code matter."""
    def mutate(d):
        t = table(d, 5)
        t["rows"].remove(row(t, c0="208", c1="05", c2="02"))
        r = row(t, c0="208", c1="05", c2="05")
        r[4:] = [4.24 if isinstance(v, (int, float)) else v for v in r[4:]]
    assert run(seed_data, "000", mutate, tmp_path, layout) == []


def test_c020_narrative_item_whose_table5_row_prints_another_name(seed_data, tmp_path):
    """The narrative has the list's names and 表5 a wrong one: the item is tied to the row by the list,
    and only the table's name is reported."""
    def mutate(d):
        row(table(d, 5), c0="210", c1="11", c2="03")[3] = "公务员医疗补贴"
    findings = run(seed_data, "000", mutate, tmp_path)
    assert brief(findings) == [("C020", "表5", "公务员医疗补贴")]
    from checker.plugins.codes import reference
    from checker.plugins.codes.occurrences import analyse
    data = copy.deepcopy(seed_data("000"))
    mutate(data)
    doc = read_workbook(build.build_workbook(data, "split", tmp_path / "tied.xlsx"))
    tied = [o for o in analyse(doc, reference(None, 2024), 2024).occurrences if o.narrative]
    assert ("2101103", "公务员医疗补助") in [(o.code, o.name) for o in tied]


def test_c020_narrative_class_name_in_section_5_2(seed_data, tmp_path):
    def mutate(d):
        d["narrative"] = [p.replace("2、社会保障和就业支出（类）", "2、社会保障支出（类）") for p in d["narrative"]]
    findings = run(seed_data, "003", mutate, tmp_path)
    assert brief(findings) == [("C020", "情况说明", "社会保障支出")]
    assert findings[0].locations[0].table == "情况说明 五（二）"


def test_c020_silent_on_full_and_half_width_brackets_and_spaces(seed_data, tmp_path):
    def mutate(d):
        row(table(d, 2), c0="201", c1="03", c2="")[3] = "政府办公厅(室)及相关机构 事务"
        row(table(d, 6), c0="302", c1="13")[2] = "维修(护)费"
    assert run(seed_data, "003", mutate, tmp_path) == []


# ------------------------------------------------------------------------------------------ C030

@pytest.mark.parametrize("layout", LAYOUTS)
def test_c030_table1_missing_classes(seed_data, tmp_path, layout):
    def mutate(d):
        for label in ("202 外交支出", "203 国防支出"):
            r = row(table(d, 1), c2=label)
            r[2] = r[3] = None
    findings = run(seed_data, "000", mutate, tmp_path, layout)
    assert [f.rule for f in findings] == ["C030"]
    assert "202 外交支出、203 国防支出" in findings[0].message
    assert findings[0].locations[0].table.startswith("表1")


def test_c030_extra_row_below_class_level(seed_data, tmp_path):
    def mutate(d):
        t = table(d, 4)
        r = row(t, c2="201 一般公共服务支出")
        new = [None] * len(r)
        new[2], new[3] = "20103 政府办公厅（室）及相关机构事务", 1222.89
        t["rows"].insert(t["rows"].index(r) + 1, new)
    findings = run(seed_data, "003", mutate, tmp_path)
    assert [f.rule for f in findings] == ["C030"]
    assert "多出非类级的行：20103" in findings[0].message


def test_c030_silent_on_2025_template_without_234(seed_data, tmp_path):
    data = seed_data("003")
    assert not any("234" in str(r[2]) for r in table(data, 1)["rows"])
    assert run(seed_data, "003", lambda d: None, tmp_path) == []


# ------------------------------------------------------------------------------------------ C040

@pytest.mark.parametrize("layout", LAYOUTS)
def test_c040_public_expense_in_the_personnel_column(seed_data, tmp_path, layout):
    def mutate(d):
        r = row(table(d, 6), c0="302", c1="01")
        r[4], r[5] = r[5], None         # 办公费 20.00 moved from 公用经费 to 人员经费
    findings = run(seed_data, "000", mutate, tmp_path, layout)
    assert brief(findings) == [("C040", "表6", "20.00")]
    assert findings[0].expected == "0.00" and "公用经费" in findings[0].message
    assert cells(findings[0]) == (["E21"] if layout == "split" else ["D166"])


def test_c040_personnel_class_row_without_its_items(seed_data, tmp_path):
    def mutate(d):
        t = table(d, 6)
        t["rows"] = [r for r in t["rows"] if not (r[0] == "303" and r[1])]
        r = row(t, c0="303", c1="")
        r[4], r[5] = None, r[4]         # 对个人和家庭的补助 1.60 in 公用经费
    findings = run(seed_data, "003", mutate, tmp_path)
    assert brief(findings) == [("C040", "表6", "1.60")]
    assert "人员经费" in findings[0].message


# ------------------------------------------------------------------------------------------ 政府预算支出经济分类

def _government_table6(d):
    """表6 by the 政府预算支出经济分类 (501/502/509), as some templates print it."""
    t = table(d, 6)
    t["rows"] = [t["rows"][0],
                 ["501", "", "机关工资福利支出", 532.26, 532.26, None],
                 ["501", "01", "工资奖金津补贴", 532.26, 532.26, None],
                 ["502", "", "机关商品和服务支出", 404.96, None, 404.96],
                 ["502", "01", "办公经费", 404.96, None, 404.96],
                 ["509", "", "对个人和家庭的补助", 1.60, 1.60, None]]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_government_economic_classes_are_checked_and_their_kuan_only_flagged_as_unknown(seed_data, tmp_path, layout):
    """Only the 类 of the 政府预算支出经济分类 are shipped: class names are checked (C020), a 款 is not in an
    incomplete branch (C011, never C010), and nothing is read as a 部门预算 economic code."""
    def mutate(d):
        _government_table6(d)
        table(d, 6)["rows"][3][2] = "机关商品服务支出"
    findings = run(seed_data, "003", mutate, tmp_path, layout)
    assert brief(findings) == [("C011", "表6", "50101"), ("C020", "表6", "机关商品服务支出"), ("C011", "表6", "50201")]
    assert "政府预算支出经济分类科目" in findings[0].message
    assert findings[1].expected == "机关商品和服务支出"


def test_c040_government_classes_in_the_wrong_column(seed_data, tmp_path):
    def mutate(d):
        _government_table6(d)
        r = table(d, 6)["rows"][4]
        r[4], r[5] = r[5], None             # 50201 办公经费 in 人员经费
    findings = [f for f in run(seed_data, "003", mutate, tmp_path) if f.rule == "C040"]
    assert brief(findings) == [("C040", "表6", "404.96")]
    assert "机关商品和服务支出（502）属于公用经费" in findings[0].message


# ------------------------------------------------------------------------------------------ C041

def test_c041_table7_columns_out_of_order(seed_data, tmp_path):
    def mutate(d):
        h = table(d, 7)["header"][0]
        i, j = h.index("工资福利支出"), h.index("商品和服务支出")
        h[i], h[j] = h[j], h[i]
    findings = run(seed_data, "003", mutate, tmp_path)
    assert brief(findings) == [("C041", "表7", "302 301 303 307 309 310 311 312 313 399")]


def test_c041_table7_missing_column(seed_data, tmp_path):
    def mutate(d):
        t = table(d, 7)
        drop = t["header"][0].index("对社会保障基金补助")
        t["header"] = [h[:drop] + h[drop + 1:] for h in t["header"]]
        t["header_merges"] = []
        t["marker"] = t["marker"][:drop] + t["marker"][drop + 1:]
        t["rows"] = [r[:drop] + r[drop + 1:] for r in t["rows"]]
    findings = run(seed_data, "003", mutate, tmp_path)
    assert [f.rule for f in findings] == ["C041"]
    assert "313 对社会保障基金补助" in findings[0].message


def test_c041_fires_on_the_2024_seeds_and_not_on_2025(seed_data, tmp_path):
    assert brief(run(seed_data, "001", lambda d: None, tmp_path, keep_seed_findings=True)) == \
        [("C041", "表7", "商品服务支出")]
    assert run(seed_data, "003", lambda d: None, tmp_path, keep_seed_findings=True) == []


def test_c041_the_templates_own_heading_is_info_only_in_its_edition(seed_data, tmp_path):
    """"商品服务支出" is what the 2024 Xinjiang template prints: info naming the template there. The 2025
    template prints 商品和服务支出, so in 2025 the same heading is the unit's own: a warning with 建议值."""
    own = run(seed_data, "001", lambda d: None, tmp_path, keep_seed_findings=True)
    assert [(f.severity.value, f.expected) for f in own] == [("info", None)]
    assert "模板本身印制" in own[0].message

    def retype(d):
        t = table(d, 7)
        t["header"] = [[("商品服务支出" if h == "商品和服务支出" else h) for h in row] for row in t["header"]]
    theirs = run(seed_data, "003", retype, tmp_path, keep_seed_findings=True)
    assert [(f.rule, f.severity.value, f.expected, f.actual) for f in theirs] == \
        [("C041", "warning", "商品和服务支出", "商品服务支出")]


# ------------------------------------------------------------------------------------------ layouts

def test_table7_without_a_classification_name_column(seed_data, tmp_path):
    """A 表7 that prints codes and 项目名称 only: the label is a project's name, not a classification
    name, so no name is compared, and digits at the start of a project name are not a code."""
    def mutate(d):
        t = table(d, 7)
        for r in t["rows"]:
            r[4] = r[4] or (r[3] if not r[0] else None)     # 总计 and unit names move to 项目名称
            if r[4] == "电子政务网络维护费项目":
                r[4] = "12345政务热线项目"
        t["header"] = [h[:3] + h[4:] for h in t["header"]]
        t["header_merges"] = []
        t["marker"] = t["marker"][:3] + t["marker"][4:]
        t["rows"] = [r[:3] + r[4:] for r in t["rows"]]
    for layout in LAYOUTS:
        assert run(seed_data, "001", mutate, tmp_path, layout) == []


def test_c014_when_the_year_has_only_a_provinces_additions(seed_data, tmp_path):
    """Additions for a year without a list (plugin hook, --partial import) check the codes and names they
    hold; they cannot show that any other code is missing, so no C010/C011 flood, only C014."""
    class Province:
        @hookimpl
        def checker_reference_codes(self, year):
            if year == 2026:
                return [{"list": "function", "code": "2010350", "name": "事业运行"},
                        {"list": "function", "code": "2010305", "name": "专项业务活动"}]
            return []

    findings = run(seed_data, "000", lambda d: None, tmp_path, year=2026, extra=[Province()], keep_seed_findings=True)
    # 2010305 is checked against the province's name; the printed name is the 2024/2025 one, hence C012
    assert [f.rule for f in findings] == ["C012", "C014"]
    c012, c014 = findings
    assert "只有插件或部分导入补充的科目" in c014.message and "现有年度：2023、2024、2025" in c014.message
    assert c012.actual == "专项业务及机关事务管理" and c012.expected == "专项业务活动"
    assert "这是 2024 年的名称" in c012.message


@pytest.mark.parametrize("layout", LAYOUTS)
def test_c020_code_printed_without_a_name(seed_data, tmp_path, layout):
    """表5 prints 2010350 with its name cell left blank: C020 says the name is missing and what it should
    be (not that the code was "written as" an empty name)."""
    def mutate(d):
        row(table(d, 5), c0="201", c1="03", c2="50")[3] = None
    findings = run(seed_data, "000", mutate, tmp_path, layout)
    assert brief(findings) == [("C020", "表5", "")]
    assert findings[0].message == "表5 的项 2010350 没有印科目名称，应为“事业运行”。"
    assert findings[0].expected == "事业运行"


def test_c020_silent_when_the_name_differs_only_in_spacing_and_brackets(seed_data, tmp_path):
    """Near miss of C020: "事业 运行" and a half-width-bracket name are the list's names after
    normalisation, so nothing is reported."""
    def mutate(d):
        row(table(d, 5), c0="201", c1="03", c2="50")[3] = "事业 运行"
        row(table(d, 5), c0="201", c1="03")[3] = "政府办公厅(室)及相关机构事务"
    assert run(seed_data, "000", mutate, tmp_path) == []


def test_c040_silent_when_the_personnel_column_shows_zero(seed_data, tmp_path):
    """表6 302 01 办公费 with 人员经费 printed as 0.00 instead of left blank and its 20.00 under 公用经费: in the
    right column (the fire test moves the 20.00 into 人员经费)."""
    def mutate(d):
        row(table(d, 6), c0="302", c1="01")[4] = 0.0
    assert run(seed_data, "000", mutate, tmp_path) == []


@pytest.mark.parametrize("seed_table, where, parts, actual, why", [
    (5, dict(c0="201", c1="03", c2="50"), {2: "5"}, "201 03 5", "项 5（1 位，应为 2 位）"),             # 项 typed short
    (6, dict(c0="301", c1="01"), {1: "011"}, "301 011", "款 011（3 位，应为 2 位）"),                 # 经济分类 款 of 3
    (5, dict(c0="201", c1="03", c2="50"), {0: "20103501", 1: "", 2: ""}, "20103501", "8 位数字不能构成类、款、项编码"),
    (5, dict(c0="201", c1="03", c2="50"), {0: "", 1: "0350", 2: ""}, "0350", "4 位数字不能构成类、款、项编码"),
])
def test_c001_malformed_code_shapes(seed_data, tmp_path, seed_table, where, parts, actual, why):
    """Codes typed with a wrong number of digits, in the split layout's 类/款/项 columns: a 项 of one digit,
    an economic 款 of three, a joined code of eight digits in the 类 column, four digits in the 款 column
    alone. Each is C001 on that row, saying which part is wrong."""
    def mutate(d):
        r = row(table(d, seed_table), **where)
        for i, v in parts.items():
            r[i] = v
    findings = run(seed_data, "000", mutate, tmp_path)
    c001 = [f for f in findings if f.rule == "C001"]
    assert [f.actual for f in c001] == [actual] and why in c001[0].message
    assert c001[0].locations[0].table.startswith(f"表{seed_table}")


def test_c001_silent_on_a_joined_seven_digit_code_in_the_class_column(seed_data, tmp_path):
    """Near miss of the eight-digit case: "2010350" typed whole into the 类 column (款, 项 blank) is a
    well-formed joined code."""
    def mutate(d):
        r = row(table(d, 5), c0="201", c1="03", c2="50")
        r[0], r[1], r[2] = "2010350", "", ""
    assert "C001" not in [f.rule for f in run(seed_data, "000", mutate, tmp_path)]


def test_c040_whole_class_in_the_wrong_column_is_reported_by_its_kuan_only(seed_data, tmp_path):
    """All of 302 商品和服务支出 (the class row and its eight 款) typed under 人员经费: each 款 is reported once
    and the class row, whose 121.35 is their sum, is not reported again."""
    def mutate(d):
        for r in table(d, 6)["rows"]:
            if r[0] == "302":
                r[4], r[5] = r[5], None
    c040 = [f for f in run(seed_data, "000", mutate, tmp_path) if f.rule == "C040"]
    assert len(c040) == 8 and "121.35" not in [f.actual for f in c040]
    assert [f.locations[0].row for f in c040] == ["办公费", "邮电费", "差旅费", "培训费", "公务接待费", "工会经费", "福利费",
                                                 "公务用车运行维护费"]


def test_c041_silent_on_a_column_name_with_a_space_typed_in(seed_data, tmp_path):
    """003's 表7 with "工资福利 支出" as a column header: the class name with a space, in its place — silent
    (the fire tests swap two columns or drop one)."""
    def mutate(d):
        h = table(d, 7)["header"][0]
        h[h.index("工资福利支出")] = "工资福利 支出"
    assert run(seed_data, "003", mutate, tmp_path) == []
