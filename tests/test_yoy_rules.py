"""Year-over-year rules (Y001–Y023): each made to fire, and kept silent, on real workbooks.

Every test takes a seed document, changes the narrative or a table where it says, writes the
workbook with openpyxl (tests/seeds/build.py), reads it back and runs the yoy plugin alone.
"""
from __future__ import annotations

import copy
from decimal import Decimal

import pytest

import build
import checker.plugins.yoy as yoy
from checker.core.engine import Engine, make_plugin_manager
from checker.core.reader import read_workbook
from checker.plugins.yoy.statements import read_statements


def _engine(**options):
    return Engine(pm=make_plugin_manager([yoy], entry_points=False), options=options)


def _check(data, tmp_path, layout="split", **options):
    path = build.build_workbook(data, layout, tmp_path / f"x_{layout}.xlsx")
    return _engine(**options).check(read_workbook(path))


def _rules(findings):
    return sorted(f.rule for f in findings)


def _edit(data, old, new):
    """Replace ``old`` by ``new`` in the one narrative paragraph that contains it."""
    hits = [i for i, p in enumerate(data["narrative"]) if old in p]
    assert len(hits) == 1, (old, hits)
    data["narrative"][hits[0]] = data["narrative"][hits[0]].replace(old, new)
    return data


def _seed(seed_data, seed):
    return copy.deepcopy(seed_data(seed))


def _edit_in(data, marker, old, new):
    """Replace ``old`` by ``new`` in the one narrative paragraph that contains both ``marker`` and ``old``."""
    hits = [i for i, p in enumerate(data["narrative"]) if marker in p and old in p]
    assert len(hits) == 1, (marker, old, hits)
    data["narrative"][hits[0]] = data["narrative"][hits[0]].replace(old, new)
    return data


# ------------------------------------------------------------------ statement forms

def test_recognises_the_real_forms_and_variants(seed_data, tmp_path):
    data = _seed(seed_data, "000")
    _edit(data, "单位资金 7,929.93 万元，占 42.25%，比上年预算增加 943.36 万元，增长 13.50%",
          "单位资金7929.93万元, 占42.25% ,较 2023 年预算增加 943.36 万元（增幅 13.50％）")
    _edit(data, "政府性基金预算 0.00 万元，占 0.00%，比上年预算增加 0.00 万元，增长 0.00%",
          "政府性基金预算 0.00 万元，占 0.00%，与上年持平")
    _edit(data, "国有资本经营预算 0.00 万元，占 0.00%，比上年预算增加 0.00 万元，增长 0.00%",
          "国有资本经营预算 0.00 万元，占 0.00%，与上年预算相比无变化")
    _edit(data, "项目支出 17,387.37 万元，占 92.65%，比上年预算增加 10,400.80 万元，增长 148.87%",
          "项目支出 17,387.37 万元，占 92.65%，比上年预算增长 148.87%")
    _edit(data, "基本支出 1,379.81 万元，占 7.35%，比上年预算增加 21.87 万元，增长 1.61%",
          "基本支出 1,379.81 万元，占 7.35%，较上年增加 21.87 万元")
    path = build.build_workbook(data, "split", tmp_path / "x.xlsx")
    statements = read_statements(read_workbook(path))
    assert len(statements) == 21
    by = {st.subject.ident: st for st in statements}
    unit = by[("income", "单位资金")]
    assert (unit.amount_word, str(unit.change), unit.percent_word, str(unit.percent)) == ("增加", "943.36", "增幅", "13.50")
    assert by[("income", "政府性基金预算")].flat == "持平" and by[("income", "政府性基金预算")].change == 0
    assert by[("income", "国有资本经营预算")].flat == "无变化"
    project = by[("expense_kind", "项目支出")]
    assert project.amount is None and str(project.percent) == "148.87" and project.direction == 1
    basic = by[("expense_kind", "基本支出")]
    assert str(basic.change) == "21.87" and basic.percent is None
    assert _rules(_engine().check(read_workbook(path))) == []


# ------------------------------------------------------------------ Y001 current amount vs the table

def test_y001_current_amount_differs_from_table(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"), "单位资金 7,929.93 万元", "单位资金 7,929.39 万元")
    findings = _check(data, tmp_path)
    assert _rules(findings) == ["Y001"]
    f = findings[0]
    assert (f.expected, f.actual) == ("7929.93", "7929.39")
    assert f.locations[0].cell == "A14" and f.locations[1].table == "表2 单位收入总体情况表"
    assert f.locations[1].cell == "N7" and "7,929.39" in f.message and "7,929.93" in f.message


@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_y001_item_amount_in_yuan_layout(seed_data, tmp_path, layout):
    data = _edit(_seed(seed_data, "003"), "2025年预算数为57.99万元", "2025年预算数为57.89万元")
    findings = _check(data, tmp_path, layout)
    assert [(f.rule, f.locations[1].row, f.expected) for f in findings] == \
        [("Y001", "机关事业单位基本养老保险缴费支出", "57.99")]


def test_y001_silent_within_rounding(seed_data, tmp_path):
    data = _seed(seed_data, "000")
    t2 = next(t for t in data["tables"] if t["number"] == 2)
    t2["rows"][0][13] = 7929.934     # the table carries one more decimal: 7,929.93 is its rounding
    assert _rules(_check(data, tmp_path)) == []


# ------------------------------------------------------------------ Y002 negative last year

def test_y002_last_year_would_be_negative(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"), "基本支出 1,379.81 万元，占 7.35%，比上年预算增加 21.87 万元",
                 "基本支出 1,379.81 万元，占 7.35%，比上年预算增加 2,187.00 万元")
    findings = _check(data, tmp_path)
    # 三's changes no longer add up to 二's either (Y006: 10,422.67 against 12,587.80)
    assert _rules(findings) == ["Y002", "Y006"]
    y006 = next(f for f in findings if f.rule == "Y006")
    assert (y006.expected, y006.actual) == ("10422.67", "12587.80")
    y002 = next(f for f in findings if f.rule == "Y002")
    assert y002.actual == "-807.19" and "-807.19" in y002.message.replace(",", "")


# ------------------------------------------------------------------ Y003 percentage

def test_y003_percentage_does_not_fit(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"), "基本支出 1,379.81 万元，比上年预算增加 21.87 万元，增长 1.61%",
                 "基本支出 1,379.81 万元，比上年预算增加 21.87 万元，增长 16.10%")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.expected, f.actual, f.locations[0].table) for f in findings] == \
        [("Y003", "1.61%", "16.10%", "情况说明 五（一）")]
    assert "1,357.94" in findings[0].message


def test_y003_new_item_must_say_100_percent(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"), "比上年预算增加 4.24 万元，增长100.00%",
                 "比上年预算增加 4.24 万元，增长0.00%")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.expected, f.actual) for f in findings] == [("Y003", "100.00%", "0.00%")]
    assert "上年为零" in findings[0].message


def test_y003_silent_on_rounding_and_big_percentages(seed_data, tmp_path):
    # 003: 560.03 ÷ 15.70 = 3,567.07%; 0.06 ÷ 1.87 = 3.21% needs the rounding interval
    assert _rules(_check(_seed(seed_data, "003"), tmp_path)) == []


# ------------------------------------------------------------------ Y004 direction words

def test_y004_words_disagree(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "003"), "比上年预算增加 345.80 万元，增长 33.15%",
                 "比上年预算增加 345.80 万元，下降 33.15%")
    findings = _check(data, tmp_path)
    assert _rules(findings) == ["Y004"]
    assert "“增加”" in findings[0].message and "“下降”" in findings[0].message


def test_y004_negative_number_after_a_direction_word(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "003"), "比上年预算减少1.69万元，下降2.83%", "比上年预算增加-1.69万元，增长-2.83%")
    findings = _check(data, tmp_path)
    assert _rules(findings) == ["Y004"]
    assert "负号" in findings[0].message


# ------------------------------------------------------------------ Y005 100 % decrease

def test_y005_hundred_percent_decrease_with_an_amount_left(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "003"), "单位资金 0.00 万元，占 0.00%", "单位资金 20.00 万元，占 0.95%")
    findings = _check(data, tmp_path)
    assert _rules(findings) == ["Y001", "Y005"]
    y005 = next(f for f in findings if f.rule == "Y005")
    assert (y005.expected, y005.actual) == ("0.00", "20.00")


def test_y005_silent_when_current_is_zero(seed_data, tmp_path):
    findings = _check(_seed(seed_data, "003"), tmp_path)
    assert "Y005" not in _rules(findings)


# ------------------------------------------------------------------ Y006 parts and totals

def test_y006_sangong_parts(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "001"), "公务用车运行费减少 8.00 万元，下降 8.05%", "公务用车运行费减少 6.00 万元，下降 6.16%")
    findings = [f for f in _check(data, tmp_path) if f.rule == "Y006"]
    assert len(findings) == 1
    f = findings[0]
    assert (f.expected, f.actual, f.locations[0].row) == ("-6.00", "-8.00", "“三公”经费")


def test_y006_items_against_total(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"), "2024 年预算数为 1,018.41 万元，比上年预算增加 15.73 万元，增长 1.57%",
                 "2024 年预算数为 1,018.41 万元，比上年预算增加 25.73 万元，增长 2.59%")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.expected, f.actual, f.locations[0].table) for f in findings] == \
        [("Y006", "31.87", "21.87", "情况说明 二")]
    assert "五（三）6 个项" in findings[0].message


def test_y006_gpb_kinds_against_total(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "003"), "一般公共预算 1,388.82 万元，占 65.99%，比上年预算增加 345.80 万元，增长 33.15%",
                 "一般公共预算 1,388.82 万元，占 65.99%，比上年预算增加 335.80 万元，增长 31.89%")
    data = _edit(data, "1. 上年结转结余增加 38 万元", "1. 上年结转结余增加 28 万元")
    findings = _check(data, tmp_path)
    # 五（一）345.80 ≠ 二 335.80; 五（三）items 345.81 ≠ 335.80; 二's sources 675.83 ≠ 三's kinds 685.83
    assert sorted((f.rule, f.expected) for f in findings) == [("Y006", "345.80"), ("Y006", "345.81"), ("Y006", "675.83")]


# ------------------------------------------------------------------ Y010 no reason

def test_y010_change_without_reason(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"),
                 "增长 1.61%。主要原因是绩效改革、工资调整等相应政策使得基本支出核定增加，基本支出有所增加。", "增长 1.61%。")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.locations[0].table, f.locations[0].row) for f in findings] == \
        [("Y010", "情况说明 五（一）", "一般公共预算基本支出")]


def test_y010_reason_in_the_next_paragraph(seed_data, tmp_path):
    data = _seed(seed_data, "000")
    i = next(i for i, p in enumerate(data["narrative"]) if p.startswith("基本支出 1,379.81 万元，比上年"))
    head, _, reason = data["narrative"][i].partition("。")
    data["narrative"][i:i + 1] = [head + "。", reason]
    assert _rules(_check(data, tmp_path)) == []


def test_y010_silent_for_zero_change_and_for_totals_with_parts(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"), "增长 0.00%。主要原因是未安排项目支出预算，所以较上年无变化。", "增长 0.00%。")
    assert _rules(_check(data, tmp_path)) == []       # 001's 三公 total (−8.00) is explained by its parts


# ------------------------------------------------------------------ Y011 restatement

def test_y011_reason_only_restates(seed_data, tmp_path):
    data = _seed(seed_data, "000")
    i = next(i for i, p in enumerate(data["narrative"]) if "公务员医疗补助（项）" in p)
    data["narrative"][i] = data["narrative"][i].replace("主要原因是与上年相比在职人员工资增长使基数增大。",
                                                        "主要原因是预算增加。")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.locations[0].row) for f in findings] == [("Y011", "公务员医疗补助（项）")]


# ------------------------------------------------------------------ Y012 contradicting reason

def test_y012_silent_when_reason_agrees(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "001"), "项目支出 373.16 万元，比上年预算减少 71.84 万元，下降 16.14%。主要原因是本单位业务拓展，所以 2024 年项目支出预算比上年增长。",
                 "项目支出 373.16 万元，比上年预算减少 71.84 万元，下降 16.14%。主要原因是项目资金不再包含人员类资金，所以 2024 年项目支出预算比上年下降。")
    assert "Y012" not in _rules(_check(data, tmp_path))


def test_y012_zero_change_with_a_reason_that_says_increase(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"), "所以较上年无变化", "所以较上年有所增长")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.expected, f.actual) for f in findings] == [("Y012", "无变化", "增长")]


# ------------------------------------------------------------------ Y013 pasted reason

def test_y013_silent_when_each_item_has_its_own_reason(seed_data, tmp_path):
    data = _seed(seed_data, "001")
    data["narrative"] = [p.replace("所以 2024 年一般公共预算比上年增长", "所以 2024 年此项预算比上年增长")
                         if "（项）" in p or "机关运行经费" in p else p for p in data["narrative"]]
    assert _rules(_check(data, tmp_path)) == ["Y012", "Y015"]


# ------------------------------------------------------------------ Y014 quantified parts

def test_y014_parts_do_not_add_up(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "003"), "2. 公用经费较上年增加 357 万元。", "2. 公用经费较上年增加 457 万元。")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.expected, f.actual) for f in findings] == [("Y014", "345.80", "446.00")]
    assert "457" in findings[0].message


# ------------------------------------------------------------------ Y015 boilerplate for a large change

def test_y015_threshold_is_configurable(seed_data, tmp_path, seed_doc):
    doc = seed_doc("001", "split")
    assert "Y015" in _rules(_engine().check(doc))
    assert "Y015" not in _rules(_engine(large_change_percent=50).check(doc))
    assert "Y015" not in _rules(_engine(large_change_amount="200").check(doc))


def test_y015_fires_on_a_boilerplate_reason(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "003"), "主要原因是财政拨款部分项目分期付款尾款结转至 2025 年支付，结转结余部分增加。",
                 "主要原因是根据工作需要，按照相关要求调整。")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.locations[0].row) for f in findings] == [("Y015", "项目支出")]


# ------------------------------------------------------------------ Y020–Y022 五（三） against 表5

def _drop(data, needle):
    data["narrative"] = [p for p in data["narrative"] if needle not in p]
    return data


def test_y020_item_without_entry(seed_data, tmp_path):
    data = _drop(_seed(seed_data, "000"), "住房公积金（项）")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.locations[0].table, f.locations[0].cell, f.locations[0].row) for f in findings] == \
        [("Y020", "表5 一般公共预算支出情况表", "E22", "住房公积金")]
    assert "2210201" in findings[0].message and "100.85" in findings[0].message


@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_y021_names_differ_from_table(seed_data, tmp_path, layout):
    data = _edit(_seed(seed_data, "000"), "行政事业单位医疗（款）事业单位医疗（项）", "行政事业单位医疗（款）机关事业单位医疗（项）")
    data = _edit(data, "卫生健康支出（类）行政事业单位医疗（款）公务员医疗补助（项）", "卫生健康支出（类）行政单位医疗（款）公务员医疗补助（项）")
    findings = _check(data, tmp_path, layout)
    assert [(f.rule, f.locations[0].row) for f in findings] == \
        [("Y021", "机关事业单位医疗（项）"), ("Y021", "公务员医疗补助（项）")]
    assert "项写作“机关事业单位医疗”，表5 为“事业单位医疗”" in findings[0].message
    assert "款写作“行政单位医疗”，表5 为“行政事业单位医疗”" in findings[1].message


def test_y021_item_not_in_table(seed_data, tmp_path):
    data = _seed(seed_data, "000")
    i = next(i for i, p in enumerate(data["narrative"]) if "住房公积金（项）" in p)
    data["narrative"].insert(i + 1, "7、住房保障支出（类）住房改革支出（款）购房补贴（项）：2024年预算数为3.00万元，"
                                    "比上年预算增加3.00万元，增长100.00%。主要原因是新增购房补贴发放对象2人。")
    findings = _check(data, tmp_path)
    assert _rules(findings) == ["Y006", "Y021"]
    assert "表5 中没有名为“购房补贴”的项" in next(f.message for f in findings if f.rule == "Y021")


def test_y022_order_differs_from_table(seed_data, tmp_path):
    data = _seed(seed_data, "000")
    i = next(i for i, p in enumerate(data["narrative"]) if "事业单位医疗（项）" in p and "公务员" not in p)
    data["narrative"][i], data["narrative"][i + 1] = data["narrative"][i + 1], data["narrative"][i]
    findings = _check(data, tmp_path)
    assert [(f.rule, f.locations[0].row, f.locations[1].row) for f in findings] == \
        [("Y022", "事业单位医疗（项）", "事业单位医疗")]


# ------------------------------------------------------------------ Y023 sources, kinds, 三公 parts

def test_y023_income_source_without_change(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"), "单位资金 7,929.93 万元，占 42.25%，比上年预算增加 943.36 万元，增长 13.50%，主要原因是该项非财政拨款收入为中心实有资金账户资金，主要用于支付以前年度项目及新增项目款。",
                 "单位资金 7,929.93 万元，占 42.25%。")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.locations[0].table, f.locations[0].cell) for f in findings] == \
        [("Y023", "表2 单位收入总体情况表", "N7")]


def test_y023_sangong_part_missing(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "001"), "公务接待费增加 0.00 万元，增长 0.00%，主要原因是 2024 年公务接待费与上年预算金额保持一致，与上年相比无变动。",
                 "")
    findings = _check(data, tmp_path)
    assert ("Y023", "公务接待费") in [(f.rule, f.locations[0].row) for f in findings]


def test_y023_silent_for_sources_the_unit_does_not_have(seed_data, tmp_path):
    # 003 says "政府性基金预算未安排。" without a change: 表2 has no 政府性基金 either
    assert "Y023" not in _rules(_check(_seed(seed_data, "003"), tmp_path))


# ------------------------------------------------------------------ further forms and subjects

def test_recognises_comma_after_the_comparison_and_other_prefixes(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"), "收入预算包括：一般公共预算拨款 1,379.81 万元。",
                 "收入预算包括：一般公共预算拨款 1,379.81 万元，与上年相比，增加 21.87 万元，主要原因是工资调整。")
    data = _edit(data, "国有资本经营预算 0.00 万元，占 0.00%，比上年预算增加 0.00 万元，增长 0.00%",
                 "国有资本经营预算 0.00 万元，占 0.00%，和上年持平")
    path = build.build_workbook(data, "split", tmp_path / "x.xlsx")
    statements = read_statements(read_workbook(path))
    assert len(statements) == 22
    four = [st for st in statements if st.section.label == "情况说明 四"]
    assert [(st.subject.ident, str(st.change), st.clause) for st in four] == \
        [(("income", "一般公共预算"), "21.87", "与上年相比，增加 21.87 万元")]
    assert next(st for st in statements if st.subject.key == "国有资本经营预算").flat == "持平"
    assert _rules(_engine().check(read_workbook(path))) == []


@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_class_statement_in_the_structure_section(seed_data, tmp_path, layout):
    data = _edit(_seed(seed_data, "000"), "1、一般公共服务支出（类）1,018.41 万元，占 73.81%。",
                 "1、一般公共服务支出（类）1,018.41 万元，占 73.81%，比上年预算增加 15.73 万元，增长 1.57%，"
                 "主要原因是工资调整，在职人员绩效工资增加。")
    path = build.build_workbook(data, layout, tmp_path / f"c_{layout}.xlsx")
    (st,) = [s for s in read_statements(read_workbook(path)) if s.subject.kind == "class"]
    assert (st.section.label, st.subject.label, st.subject.code, str(st.current.value), str(st.change)) == \
        ("情况说明 五（二）", "一般公共服务支出（类）", "201", "1018.41", "15.73")
    assert _check(data, tmp_path, layout) == []
    # 15.73 ÷ (1,018.91 − 15.73) still rounds to 1.57 %: only the amount is wrong
    wrong = _edit(data, "1、一般公共服务支出（类）1,018.41 万元", "1、一般公共服务支出（类）1,018.91 万元")
    findings = _check(wrong, tmp_path, layout)
    assert [(f.rule, f.locations[1].table[:3], f.locations[1].row, f.expected, f.actual) for f in findings] == \
        [("Y001", "表5 ", "一般公共服务支出", "1018.41", "1018.91")]


def test_y001_sangong_part_amount_from_the_sentence_before(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "001"), "公务接待费 1.00 万元。", "公务接待费 1.50 万元。")
    findings = [f for f in _check(data, tmp_path) if f.rule == "Y001"]
    assert [(f.locations[0].table, f.locations[0].row, f.expected, f.actual) for f in findings] == \
        [("情况说明 十", "公务接待费", "1.00", "1.50")]
    assert findings[0].locations[1].table.startswith("表10")


def test_y003_sangong_part_against_its_stated_amount(seed_data, tmp_path):
    # 公务用车运行费 91.40, −8.00 → 8.05 %; with 8.50 % written, the percentage no longer fits
    data = _edit(_seed(seed_data, "001"), "公务用车运行费减少 8.00 万元，下降 8.05%", "公务用车运行费减少 8.00 万元，下降 8.50%")
    findings = [f for f in _check(data, tmp_path) if f.rule == "Y003"]
    assert [(f.locations[0].row, f.expected, f.actual) for f in findings] == [("公务用车运行费", "8.05%", "8.50%")]


# ------------------------------------------------------------------ Y013 one text for increases and decreases

def test_y013_same_reason_for_an_increase_and_a_decrease(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"), "主要原因是在职人员人数减少4人使本单位医疗（款）事业单位医疗支出减少。",
                 "主要原因是与上年相比在职人员工资增长使基数增大。")
    findings = _check(data, tmp_path)
    # the text explains three increases; pasted under the one decrease, that is the one reported
    assert [(f.rule, f.locations[0].row) for f in findings] == [("Y013", "事业单位医疗（项）")]
    assert "方向相反" in findings[0].message and "公务员医疗补助（项）" in findings[0].message


def test_y013_silent_for_one_text_behind_changes_of_one_direction(seed_data, tmp_path):
    # 003 explains five decreases with one text (行政编制调出1人……): related items, one direction
    statements = read_statements(read_workbook(build.build_workbook(_seed(seed_data, "003"), "split",
                                                                    tmp_path / "x.xlsx")))
    shared = [st for st in statements if st.reason_text.startswith("行政编制调出1人")]
    assert len(shared) == 5 and {st.direction for st in shared} == {-1}
    assert "Y013" not in _rules(_check(_seed(seed_data, "003"), tmp_path))


@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_class_statement_in_the_fiscal_overview_against_table_4(seed_data, tmp_path, layout):
    data = _edit(_seed(seed_data, "000"), "一般公共服务支出 1,018.41 万元，主要用于",
                 "一般公共服务支出 1,018.41 万元，比上年增加 15.73 万元，增长 1.57%，主要用于")
    path = build.build_workbook(data, layout, tmp_path / f"f_{layout}.xlsx")
    (st,) = [s for s in read_statements(read_workbook(path)) if s.section.label == "情况说明 四"]
    assert (st.subject.kind, st.subject.key, st.subject.code, str(st.current.value)) == \
        ("class", "fund:一般公共服务支出", "201", "1018.41")
    assert _check(data, tmp_path, layout) == []
    wrong = _edit(data, "一般公共服务支出 1,018.41 万元，比上年", "一般公共服务支出 1,018.91 万元，比上年")
    findings = _check(wrong, tmp_path, layout)
    assert [(f.rule, f.locations[1].table[:3], f.expected) for f in findings] == [("Y001", "表4 ", "1018.41")]


def test_y023_income_source_stated_only_in_the_fiscal_overview(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"), "单位资金 7,929.93 万元，占 42.25%，比上年预算增加 943.36 万元，增长 13.50%，主要原因是该项非财政拨款收入为中心实有资金账户资金，主要用于支付以前年度项目及新增项目款。",
                 "单位资金 7,929.93 万元，占 42.25%。")
    data = _edit(data, "收入预算包括：一般公共预算拨款 1,379.81 万元。",
                 "收入预算包括：一般公共预算拨款 1,379.81 万元。单位资金 7,929.93 万元，比上年预算增加 943.36 万元，"
                 "增长 13.50%，主要原因是新增项目款。")
    findings = _check(data, tmp_path)
    # the change is stated in 四, but 二 (收入预算情况) must state it
    assert [(f.rule, f.locations[0].cell) for f in findings] == [("Y023", "N7")]
    assert "二（收入预算情况）" in findings[0].message


def test_y010_reason_marker_with_nothing_after_it(seed_data, tmp_path):
    data = _seed(seed_data, "000")
    i = next(i for i, p in enumerate(data["narrative"]) if "住房公积金（项）" in p)
    data["narrative"][i] = data["narrative"][i].replace("主要原因是与上年相比在职人员工资增长使基数增大。", "主要原因是：。")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.locations[0].row) for f in findings] == [("Y010", "住房公积金（项）")]


def test_y006_income_sources_against_expenditure_kinds(seed_data, tmp_path):
    # 000: 21.87 + 0 + 0 + 943.36 + 9,457.44 = 21.87 + 10,400.80 = 10,422.67; one source misstated breaks it
    data = _edit(_seed(seed_data, "000"), "比上年预算增加 943.36 万元，增长 13.50%", "比上年预算增加 934.36 万元，增长 13.36%")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.locations[0].table, f.locations[1].table, f.expected, f.actual) for f in findings] == \
        [("Y006", "情况说明 二", "情况说明 三", "10413.67", "10422.67")]
    assert "单位资金 934.36" in findings[0].message and "18,767.18" in findings[0].message


def test_y006_income_against_expenditure_waits_for_every_source(seed_data, tmp_path):
    # 单位资金 without its change statement: Y023 says so; the two sums are not compared
    data = _edit(_seed(seed_data, "000"), "单位资金 7,929.93 万元，占 42.25%，比上年预算增加 943.36 万元，增长 13.50%，主要原因是该项非财政拨款收入为中心实有资金账户资金，主要用于支付以前年度项目及新增项目款。",
                 "单位资金 7,929.93 万元，占 42.25%。")
    assert _rules(_check(data, tmp_path)) == ["Y023"]


def test_recognises_percentage_first_and_other_percentage_words(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"), "基本支出 1,379.81 万元，占 7.35%，比上年预算增加 21.87 万元，增长 1.61%，",
                 "基本支出 1,379.81 万元，占 7.35%，比上年预算增长 1.61%（增加 21.87 万元），")
    data = _edit(data, "比上年预算增加 15.73 万元，增长 1.57%", "比上年预算增加 15.73 万元，增长比例为 1.57%")
    path = build.build_workbook(data, "split", tmp_path / "x.xlsx")
    statements = read_statements(read_workbook(path))
    assert len(statements) == 21
    basic = next(st for st in statements if st.subject.ident == ("expense_kind", "基本支出"))
    assert (basic.amount_word, str(basic.change), basic.percent_word, str(basic.percent)) == ("增加", "21.87", "增长", "1.61")
    item = next(st for st in statements if st.subject.kind == "item")
    assert (item.percent_word, str(item.percent)) == ("增长比例", "1.57")
    assert _rules(_engine().check(read_workbook(path))) == []
    # and the figures are judged as in the usual order
    data = _edit(data, "比上年预算增长 1.61%（增加 21.87 万元）", "比上年预算增长 1.61%（减少 21.87 万元）")
    assert "Y004" in _rules(_check(data, tmp_path))


def test_y015_large_change_printed_without_its_percentage(seed_data, tmp_path):
    # 001 三 项目支出: 178.16 on 445.00 last year is 40 %, large even when the percentage is left out
    data = _edit(_seed(seed_data, "001"), "比上年预算增加 178.16 万元，增长 40.04%", "比上年预算增加 178.16 万元")
    findings = [f for f in _check(data, tmp_path) if f.rule == "Y015"]
    assert [f.locations[0].row for f in findings] == ["项目支出"]
    assert "约合 40.04%" in findings[0].message
    assert not [f for f in _check(data, tmp_path, large_change_percent=41) if f.rule == "Y015"]


def test_subject_of_a_statement_after_the_total_in_one_paragraph(seed_data, tmp_path):
    data = _seed(seed_data, "000")
    n = data["narrative"]
    i = next(i for i, p in enumerate(n) if p.startswith("新疆维吾尔自治区政务服务和公共资源交易中心 2024 年支出预算"))
    n[i:i + 3] = ["".join(n[i:i + 3])]      # "支出预算 18,767.18 万元，其中：基本支出 1,379.81 万元，……。项目支出 ……"
    path = build.build_workbook(data, "split", tmp_path / "x.xlsx")
    three = [st for st in read_statements(read_workbook(path)) if st.section.label == "情况说明 三"]
    assert [(st.subject.ident, str(st.current.value)) for st in three] == \
        [(("expense_kind", "基本支出"), "1379.81"), (("expense_kind", "项目支出"), "17387.37")]
    assert _rules(_engine().check(read_workbook(path))) == []


def test_y013_item_reason_about_another_item(seed_data, tmp_path):
    # 公务员医疗补助 (+1.39) given the reason written for 事业单位医疗 (−5.07)
    data = _seed(seed_data, "000")
    i = next(i for i, p in enumerate(data["narrative"]) if "公务员医疗补助（项）" in p)
    data["narrative"][i] = data["narrative"][i].replace(
        "主要原因是与上年相比在职人员工资增长使基数增大。", "主要原因是在职人员人数减少4人使本单位医疗（款）事业单位医疗支出减少。")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.locations[0].row) for f in findings] == [("Y013", "公务员医疗补助（项）")]
    assert "“事业单位医疗减少”" in findings[0].message and "事业单位医疗（项）" in findings[0].message


def test_sangong_amounts_and_changes_in_one_paragraph(seed_data, tmp_path):
    data = _seed(seed_data, "001")
    n = data["narrative"]
    i = next(i for i, p in enumerate(n) if "“三公”经费预算数为 92.40 万元" in p)
    n[i:i + 2] = [n[i] + n[i + 1]]
    path = build.build_workbook(data, "split", tmp_path / "x.xlsx")
    sangong = [st for st in read_statements(read_workbook(path)) if st.subject.kind == "sangong"]
    assert [(st.subject.key, str(st.current.value)) for st in sangong] == \
        [("total", "92.40"), ("abroad", "0.00"), ("purchase", "0.00"), ("operation", "91.40"), ("reception", "1.00")]
    assert not [f for f in _engine().check(read_workbook(path)) if f.locations[0].table == "情况说明 十"]


def _with_total_statements(data, expense_change="10,422.67", expense_pct="124.90"):
    _edit(data, "交易中心单位收入预算 18,767.18 万元，其中：",
          "交易中心单位收入预算 18,767.18 万元，比上年预算增加 10,422.67 万元，增长 124.90%，"
          "主要原因是新增自治区一体化在线政务服务平台深化应用项目。其中：")
    return _edit(data, "2024 年支出预算 18,767.18 万元，其中：",
                 f"2024 年支出预算 18,767.18 万元，比上年预算增加 {expense_change} 万元，增长 {expense_pct}%，"
                 "主要原因是新增自治区一体化在线政务服务平台深化应用项目。其中：")


def test_y006_income_and_expenditure_totals_against_their_parts(seed_data, tmp_path):
    data = _with_total_statements(_seed(seed_data, "000"))
    path = build.build_workbook(data, "split", tmp_path / "x.xlsx")
    totals = [st for st in read_statements(read_workbook(path)) if st.subject.kind.endswith("_total")]
    assert [(st.subject.kind, st.section.label) for st in totals] == \
        [("income_total", "情况说明 二"), ("expense_total", "情况说明 三")]
    assert _rules(_engine().check(read_workbook(path))) == []
    data = _with_total_statements(_seed(seed_data, "000"), "10,432.67", "125.17")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.locations[0].table, f.expected, f.actual) for f in findings] == \
        [("Y006", "情况说明 三", "10422.67", "10432.67")]


def test_combined_vehicle_statement_covers_purchase_and_operation(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "001"),
                 "公务用车购置费增加 0.00 万元，增长 0.00%，主要原因是本年度未安排公务用车购置费，与上年相比无变动；；"
                 "公务用车运行费减少 8.00 万元，下降 8.05%",
                 "公务用车购置及运行费减少 8.00 万元，下降 8.05%")
    path = build.build_workbook(data, "split", tmp_path / "x.xlsx")
    keys = [st.subject.key for st in read_statements(read_workbook(path)) if st.subject.kind == "sangong"]
    assert keys == ["total", "abroad", "vehicle", "reception"]
    findings = _engine().check(read_workbook(path))
    assert not [f for f in findings if f.locations[0].table == "情况说明 十"]      # no Y023, no Y006
    data = _edit(data, "公务用车购置及运行费减少 8.00 万元，下降 8.05%", "公务用车购置及运行费减少 6.00 万元，下降 6.16%")
    y006 = [f for f in _check(data, tmp_path) if f.rule == "Y006"]
    assert [(f.expected, f.actual) for f in y006] == [("-6.00", "-8.00")]


# ------------------------------------------------------------------ one reason for unrelated kinds of money

def test_y013_basic_expenditure_reason_pasted_under_a_project_item(seed_data, tmp_path):
    """003: "12345 便民热线……计入公用经费" explains 基本支出, 行政运行 and 机关运行经费 (all increases);
    pasted under 一般行政管理事务 (funded from 项目支出 only, also an increase) it explains nothing."""
    data = _edit_in(_seed(seed_data, "003"), "一般行政管理事务（项）", "主要原因是增加了昌吉政务服务中心新大厅物业及水电费项目。",
                    "主要原因是 12345 便民热线受理中心人员劳务费计入公用经费。")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.locations[0].row) for f in findings] == [("Y013", "一般行政管理事务（项）")]
    assert "基本支出（人员、运转经费）" in findings[0].message and "项目支出" in findings[0].message
    assert findings[0].severity.value == "warning"


def test_y013_item_reason_pasted_under_a_sangong_part(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "001"), "主要原因是按照厉行节约压减了此项费用，所以 2024 年此经费预算下降",
                 "主要原因是本单位根据相关政策要求，退休人员不再缴纳医疗保险等费用，相应预算费用有所下降")
    findings = [f for f in _check(data, tmp_path) if f.rule == "Y013" and f.locations[0].row == "公务用车运行费"]
    assert len(findings) == 1 and "行政单位医疗（项）" in findings[0].message


def test_y013_silent_for_one_reason_that_names_both_items(seed_data, tmp_path):
    data = _seed(seed_data, "003")
    both = "主要原因是新大厅启用，行政运行和一般行政管理事务的运转、物业及水电费均相应增加。"
    _edit_in(data, "行政运行（项）", "主要原因是 12345 便民热线受理中心人员劳务费计入公用经费。", both)
    _edit_in(data, "一般行政管理事务（项）", "主要原因是增加了昌吉政务服务中心新大厅物业及水电费项目。", both)
    assert _check(data, tmp_path) == []


def test_y013_silent_for_personnel_driven_items_of_different_classes(seed_data, tmp_path):
    """003's "行政编制调出 1 人……" stands under five 项 of 类 208, 210 and 221, all paid from 基本支出."""
    doc_statements = read_statements(read_workbook(build.build_workbook(_seed(seed_data, "003"), "split",
                                                                        tmp_path / "s.xlsx")))
    shared = [st for st in doc_statements if st.reason_text.startswith("行政编制调出1人")]
    assert len(shared) == 5 and len({st.subject.names[0] for st in shared}) == 3
    assert "Y013" not in _rules(_check(_seed(seed_data, "003"), tmp_path))


# ------------------------------------------------------------------ last year's amount printed

def test_y007_stated_last_year_amount_disagrees(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"), "2024 年预算数为 1,018.41 万元，比上年预算增加 15.73 万元",
                 "2024 年预算数为 1,018.41 万元，上年预算数为 1,012.68 万元，比上年预算增加 15.73 万元")
    findings = _check(data, tmp_path)
    # the percentage is also checked against the printed last year: 15.73 ÷ 1,012.68 = 1.55%
    assert sorted((f.rule, f.expected, f.actual) for f in findings) == \
        [("Y003", "1.55%", "1.57%"), ("Y007", "1002.68", "1012.68")]
    assert findings[0].severity.value == "error"
    st = next(s for s in read_statements(read_workbook(build.build_workbook(data, "split", tmp_path / "r.xlsx")))
              if s.subject.label == "事业运行（项）")
    assert str(st.current.value) == "1018.41" and str(st.last.value) == "1012.68"


def test_y007_silent_and_percent_checked_against_the_stated_last_year(seed_data, tmp_path):
    good = _edit(_seed(seed_data, "000"), "比上年预算增加 15.73 万元，增长 1.57%。",
                 "比上年预算增加 15.73 万元，增长 1.57%（上年预算数为 1,002.68 万元）。")
    assert _check(good, tmp_path) == []
    bad = _edit(_seed(seed_data, "000"), "比上年预算增加 15.73 万元，增长 1.57%。",
                "比上年预算增加 15.73 万元，增长 1.75%（上年预算数为 1,002.68 万元）。")
    findings = _check(bad, tmp_path)
    assert [(f.rule, f.expected, f.actual) for f in findings] == [("Y003", "1.57%", "1.75%")]
    assert "上年为 1,002.68 万元" in findings[0].message


def test_last_year_amount_with_percent_only(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"), "2024 年预算数为 1,018.41 万元，比上年预算增加 15.73 万元，增长 1.57%",
                 "2024 年预算数为 1,018.41 万元，上年 1,002.68 万元，比上年增长 11.57%")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.expected) for f in findings] == [("Y003", "1.57%")]


# ------------------------------------------------------------------ changes printed in 元

def test_changes_in_yuan_are_converted(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "000"), "2024 年预算数为 1,018.41 万元，比上年预算增加 15.73 万元",
                 "2024 年预算数为 10,184,100.00 元，比上年预算增加 157,300.00 元")
    statements = read_statements(read_workbook(build.build_workbook(data, "split", tmp_path / "y.xlsx")))
    st = next(s for s in statements if s.subject.label == "事业运行（项）")
    assert str(st.change) == "15.73" and st.amount.unit == "元" and st.amount.precision == Decimal("0.0000005")
    assert str(st.current.value) == "1018.41"
    assert _check(data, tmp_path) == []


def test_changes_in_yuan_keep_the_precision_of_yuan(seed_data, tmp_path):
    """10,184,160.00 元 is 1,018.416 万元 ± 0.0000005: outside 表5's 1,018.41 ± 0.005 (it would fit if the
    figure were taken as "1,018.42 万元" ± 0.005)."""
    data = _edit(_seed(seed_data, "000"), "2024 年预算数为 1,018.41 万元，比上年预算增加 15.73 万元",
                 "2024 年预算数为 10,184,160.00 元，比上年预算增加 15.73 万元")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.actual) for f in findings] == [("Y001", "1018.42")]
    assert "10,184,160.00 元" in findings[0].message
    data = _edit(_seed(seed_data, "000"), "2024 年预算数为 1,018.41 万元，比上年预算增加 15.73 万元",
                 "2024 年预算数为 10,184,149.00 元，比上年预算增加 15.73 万元")
    assert _check(data, tmp_path) == []


# ------------------------------------------------------------------ 六: 人员经费 and 公用经费 against 表6

def test_y001_personnel_costs_against_table_6(seed_data, tmp_path):
    stated = "人员经费1,258.46万元，比上年预算增加20.00万元，增长1.61%，主要原因是在职人员工资调整。主要包括："
    data = _edit(_seed(seed_data, "000"), "人员经费1,258.46万元，主要包括：", stated)
    statements = read_statements(read_workbook(build.build_workbook(data, "split", tmp_path / "p.xlsx")))
    assert [s.subject.ident for s in statements if s.section.label == "情况说明 六"] == [("basic_part", "人员经费")]
    assert _check(data, tmp_path) == []
    data = _edit(_seed(seed_data, "000"), "人员经费1,258.46万元，主要包括：", stated.replace("1,258.46", "1,285.46").replace("1.61%", "1.58%"))
    findings = _check(data, tmp_path)
    assert [(f.rule, f.expected) for f in findings] == [("Y001", "1258.46")]
    assert "表6" in findings[0].message


@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_y001_public_costs_against_table_6(seed_data, tmp_path, layout):
    data = _edit(_seed(seed_data, "000"), "公用经费121.35万元，主要包括：",
                 "公用经费 131.35 万元，比上年预算减少 11.44 万元，下降 8.01%，主要原因是压减会议费、差旅费。主要包括：")
    findings = _check(data, tmp_path, layout)
    assert [(f.rule, f.expected, f.actual) for f in findings] == [("Y001", "121.35", "131.35")]


def test_y005_hundred_percent_decrease_of_a_sangong_part_still_budgeted(seed_data, tmp_path):
    """十's change statement prints no current amount: it is the 91.40 of the sentence before."""
    data = _edit(_seed(seed_data, "001"), "公务用车运行费减少 8.00 万元，下降 8.05%", "公务用车运行费减少 8.00 万元，下降 100.00%")
    findings = [f for f in _check(data, tmp_path) if f.rule == "Y005"]
    assert [(f.locations[0].row, f.expected, f.actual) for f in findings] == [("公务用车运行费", "0.00", "91.40")]


def _basic_costs_stated(data, personnel="增加 20.00 万元，增长 1.61%", public="增加 1.87 万元，增长 1.56%"):
    _edit(data, "人员经费1,258.46万元，主要包括：",
          f"人员经费1,258.46万元，比上年预算{personnel}，主要原因是在职人员工资调整。主要包括：")
    _edit(data, "公用经费121.35万元，主要包括：",
          f"公用经费121.35万元，比上年预算{public}，主要原因是新增办公用房物业费。主要包括：")
    return data


@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_y006_personnel_and_public_costs_against_basic_expenditure(seed_data, tmp_path, layout):
    # 六 states 人员经费 +20.00 and 公用经费 +1.87: together the +21.87 of 基本支出 (五（一）)
    assert _check(_basic_costs_stated(_seed(seed_data, "000")), tmp_path, layout) == []
    data = _basic_costs_stated(_seed(seed_data, "000"), public="增加 3.87 万元，增长 3.29%")
    findings = _check(data, tmp_path, layout)
    assert [(f.rule, f.expected, f.actual) for f in findings] == [("Y006", "23.87", "21.87")]
    assert "人员经费和公用经费" in findings[0].message


def test_y005_current_amount_taken_from_the_table_when_not_printed(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "001"), "公务用车运行费减少 8.00 万元，下降 8.05%", "公务用车运行费减少 8.00 万元，下降 100.00%")
    _edit(data, "公务用车运行费 91.40 万元，", "")     # the sentence before no longer prints it: 表10 holds 91.40
    findings = [f for f in _check(data, tmp_path) if f.rule == "Y005"]
    assert [(f.expected, f.actual) for f in findings] == [("0.00", "91.40")]
    assert "表10" in findings[0].message


def test_sangong_amounts_and_changes_in_yuan(seed_data, tmp_path):
    data = _edit(_seed(seed_data, "001"), "公务用车运行费减少 8.00 万元，下降 8.05%", "公务用车运行费减少 80,000.00 元，下降 8.05%")
    _edit(data, "公务用车运行费 91.40 万元，", "公务用车运行费 914,000.00 元，")
    statements = read_statements(read_workbook(build.build_workbook(data, "split", tmp_path / "s.xlsx")))
    st = next(s for s in statements if s.subject.ident == ("sangong", "operation"))
    assert (str(st.current.value), str(st.change), st.current.unit) == ("91.40", "-8.00", "元")
    before = [(f.rule, f.locations[0].row) for f in _check(_seed(seed_data, "001"), tmp_path)]
    assert [(f.rule, f.locations[0].row) for f in _check(data, tmp_path)] == before
    data = _edit(data, "减少 80,000.00 元，下降 8.05%", "减少 85,000.00 元，下降 8.51%")
    assert ("Y006", "“三公”经费") in [(f.rule, f.locations[0].row) for f in _check(data, tmp_path)]


# ------------------------------------------------------------------ one reading of printed amounts

def test_a_change_printed_as_a_whole_number_is_exact(seed_data, tmp_path):
    """"增加 22 万元" is 22.00 万元 (checker.core.printed), not "21.5 to 22.5": against the tables'
    21.87 the printed change no longer fits its percentage and the changes of 三 no longer add up."""
    data = _edit(_seed(seed_data, "000"), "基本支出 1,379.81 万元，占 7.35%，比上年预算增加 21.87 万元",
                 "基本支出 1,379.81 万元，占 7.35%，比上年预算增加 22 万元")
    findings = _check(data, tmp_path)
    assert _rules(findings) == ["Y003", "Y006"]
    y003 = next(f for f in findings if f.rule == "Y003")
    assert "22.00 ÷ 1,357.81" in y003.message and (y003.expected, y003.actual) == ("1.62%", "1.61%")
    # the tables' own figure is silent
    assert _rules(_check(_seed(seed_data, "000"), tmp_path)) == []


# ------------------------------------------------------------------ near misses: just inside the tolerance

_BASIC = "基本支出 1,379.81 万元，占 7.35%，比上年预算增加 21.87 万元"


@pytest.mark.parametrize("change, last", [("1,379.81", None), ("1,379.82", None), ("1,379.83", "-0.02")])
def test_y002_last_year_zero_or_within_rounding_of_zero(seed_data, tmp_path, change, last):
    """本年 1,379.81 "比上年增加" the whole amount: last year was zero, not negative (silent); one cent more
    is still zero within the rounding of two printed figures (silent); two cents more makes last year
    −0.02, which no rounding explains (Y002)."""
    data = _edit(_seed(seed_data, "000"), _BASIC, f"基本支出 1,379.81 万元，占 7.35%，比上年预算增加 {change} 万元")
    y002 = [f.actual for f in _check(data, tmp_path) if f.rule == "Y002"]
    assert y002 == ([last] if last else [])


_ITEM = "2024 年预算数为 1,018.41 万元，比上年预算增加 15.73 万元，增长 1.57%"


@pytest.mark.parametrize("change, fires", [("15.74", False), ("15.75", False), ("15.80", True)])
def test_y006_items_within_the_rounding_of_six_changes(seed_data, tmp_path, change, fires):
    """五（三）'s six item changes against 二's 一般公共预算 change of 21.87: raising one item by one or two
    cents stays within the rounding of seven printed figures (silent); by seven cents it does not (Y006)."""
    data = _edit(_seed(seed_data, "000"), _ITEM, _ITEM.replace("15.73", change))
    y006 = [(f.expected, f.actual) for f in _check(data, tmp_path) if f.rule == "Y006"]
    assert y006 == ([("21.94", "21.87")] if fires else [])


@pytest.mark.parametrize("words", ["比上年预算减少1.69万元，减少2.83%", "比上年预算下降1.69万元，降低2.83%"])
def test_y004_silent_for_two_words_of_one_direction(seed_data, tmp_path, words):
    """减少/下降/降低 all say "less": two of them in one statement agree (the fire test mixes 增加 and 下降)."""
    data = _edit(_seed(seed_data, "003"), "比上年预算减少1.69万元，下降2.83%", words)
    assert "Y004" not in _rules(_check(data, tmp_path))


def test_y021_silent_when_names_differ_only_in_brackets_and_spaces(seed_data, tmp_path):
    """"行政事业单位医疗(款)事业单位 医疗(项)" is 表5's 事业单位医疗 written with half-width brackets and a
    space: the same name (the fire test writes 机关事业单位医疗)."""
    data = _edit(_seed(seed_data, "000"), "行政事业单位医疗（款）事业单位医疗（项）", "行政事业单位医疗(款)事业单位 医疗(项)")
    assert "Y021" not in _rules(_check(data, tmp_path))


def test_y001_income_source_against_table1_when_table2_is_missing(seed_data, tmp_path):
    """Without 表2 the income sources' amounts come from 表1's income side: 二's 单位资金 7,929.39 against
    表1 "5. 单位资金" 7,929.93 is Y001 there; the correct 7,929.93 is silent."""
    data = _seed(seed_data, "000")
    data["tables"] = [t for t in data["tables"] if t["number"] != 2]
    assert _check(data, tmp_path) == []
    _edit(data, "单位资金 7,929.93 万元，占 42.25%，比上年预算增加 943.36 万元",
          "单位资金 7,929.39 万元，占 42.25%，比上年预算增加 943.36 万元")
    findings = _check(data, tmp_path)
    assert [(f.rule, f.expected, f.actual) for f in findings] == [("Y001", "7929.93", "7929.39")]
    assert findings[0].locations[1].table.startswith("表1") and findings[0].locations[1].row == "5. 单位资金"


def test_y020_silent_for_an_item_table5_shows_with_nothing(seed_data, tmp_path):
    """表5 2210201 住房公积金 printed with 0.00 and left out of 五（三）: nothing to explain (the fire test
    leaves out the item while 表5 shows 100.85)."""
    data = _seed(seed_data, "000")
    r = next(r for r in next(t for t in data["tables"] if t["number"] == 5)["rows"] if r[:3] == ["221", "02", "01"])
    r[4:] = [0.0 if isinstance(v, (int, float)) else v for v in r[4:]]
    data = _drop(data, "住房公积金（项）")
    assert "Y020" not in _rules(_check(data, tmp_path))


@pytest.mark.parametrize("public, parts", [("356", None), ("358", None), ("355", "344.00"), ("359", "348.00")])
def test_y014_whole_number_parts_within_their_rounding(seed_data, tmp_path, public, parts):
    """003's reason lists its parts in whole 万元 ("公用经费较上年增加 357 万元", …), each standing for ±0.5:
    one 万元 either way still fits the change of 345.80 (silent); two do not (Y014)."""
    data = _edit(_seed(seed_data, "003"), "2. 公用经费较上年增加 357 万元。", f"2. 公用经费较上年增加 {public} 万元。")
    y014 = [(f.expected, f.actual) for f in _check(data, tmp_path) if f.rule == "Y014"]
    assert y014 == ([("345.80", parts)] if parts else [])


def test_y011_silent_when_the_restatement_is_followed_by_a_reason(seed_data, tmp_path):
    """"主要原因是预算增加" alone restates the change (Y011); followed by the real reason ("与上年相比在职人员
    工资增长使基数增大") it is a reason."""
    data = _seed(seed_data, "000")
    i = next(i for i, p in enumerate(data["narrative"]) if "公务员医疗补助（项）" in p)
    data["narrative"][i] = data["narrative"][i].replace("主要原因是与上年相比在职人员工资增长使基数增大。",
                                                        "主要原因是预算增加，与上年相比在职人员工资增长使基数增大。")
    assert "Y011" not in _rules(_check(data, tmp_path))


def test_y005_silent_when_the_amount_left_is_stated_as_a_partial_decrease(seed_data, tmp_path):
    """The fire test leaves 20.00 万元 of 单位资金 and still says "下降 100.00%" (Y005). Saying "减少 340.00 万元，
    下降 94.44%" for the same 20.00 is no 100 % decrease: no Y005 (the amount itself is 表1's Y001, and
    二's changes no longer add up, Y006)."""
    data = _edit(_seed(seed_data, "003"), "单位资金 0.00 万元，占 0.00%，比上年预算减少 360.00 万元，下降 100.00%",
                 "单位资金 20.00 万元，占 0.95%，比上年预算减少 340.00 万元，下降 94.44%")
    assert _rules(_check(data, tmp_path)) == ["Y001", "Y006"]
