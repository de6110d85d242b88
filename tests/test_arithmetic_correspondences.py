"""Correspondences A301–A303 (warnings), and the arithmetic plugin as a whole: it exposes the rules
of all its parts, and one part failing does not hide the others' findings."""
from __future__ import annotations

import copy

import pytest

from edit import check_workbook as run, row, table
from checker.core.engine import Engine
from checker.core.findings import Severity
from checker.plugins import arithmetic


@pytest.fixture(scope="module")
def engine():
    return Engine(select=["A3"])





def where(finding):
    return [(loc.table.split(" ")[0], loc.cell) for loc in finding.locations]


# ---------------------------------------------------------------------- A301

def test_a301_reception_costs(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("000"))
    r = row(table(data, 10), "公务接待费")
    r[1], r[2] = 3.0, 3.0
    found = [f for f in run(engine, data, tmp_path) if f.rule == "A301"]
    assert [(f.severity, where(f), f.expected, f.actual) for f in found] == [
        (Severity.WARNING, [("表10", "C9"), ("表6", "D25")], None, "3.00")]
    # no 建议值 (the two may legitimately differ): the message gives both figures and the difference
    assert "30217 公务接待费" in found[0].message and "2.00 万元" in found[0].message and "1.00 万元" in found[0].message


def test_a301_silent_when_equal(engine, seed_doc):
    for seed in ("000", "003"):
        for layout in ("split", "stacked"):
            assert [f for f in engine.check(seed_doc(seed, layout)) if f.rule == "A301"] == []


# ---------------------------------------------------------------------- A302

@pytest.mark.parametrize("layout", ["split", "stacked"])
def test_a302_housing_fund(engine, seed_data, tmp_path, layout):
    data = copy.deepcopy(seed_data("001"))
    r = row(table(data, 6), "30113")
    r[3], r[4] = 180.0, 180.0
    found = [f for f in run(engine, data, tmp_path, layout) if f.rule == "A302"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [(Severity.WARNING, None, "180.00")]
    assert "30113 住房公积金" in found[0].message and "2210201 住房公积金" in found[0].message
    # in the unit the tables print (the stacked workbook is in 元)
    assert ("184.57 万元" in found[0].message and "4.57 万元" in found[0].message) or \
        ("1,845,700.00 元" in found[0].message and "45,700.00 元" in found[0].message)
    assert "尾差" not in found[0].message


@pytest.mark.parametrize("rule, edit_table, label, column, value", [
    ("A302", 6, "30113", (3, 4), 184.56),      # 表6 30113 one cent under 表5 2210201 184.57
    ("A301", 10, "公务接待费", (1, 2), 2.01),   # 表10 公务接待费 one cent over 表6 30217 2.00 (seed 000)
])
def test_a_one_cent_difference_is_info_not_a_warning(engine, seed_data, tmp_path, rule, edit_table, label, column, value):
    """Near miss of A301/A302: a difference that rounding explains (尾差) is listed as info, with the
    message saying so — never a warning that must be explained (issue #12)."""
    data = copy.deepcopy(seed_data("001" if rule == "A302" else "000"))
    r = row(table(data, edit_table), label)
    for c in column:
        r[c] = value
    found = [f for f in run(engine, data, tmp_path) if f.rule == rule]
    assert [(f.severity, f.expected) for f in found] == [(Severity.INFO, None)]
    assert "尾差" in found[0].message and "0.01 万元" in found[0].message


def test_a302_item_missing_from_table5(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    t5 = table(data, 5)
    t5["rows"] = [r for r in t5["rows"] if "".join(r[:3]) != "2080506"]
    found = [f for f in run(engine, data, tmp_path) if f.rule == "A302"]
    assert len(found) == 1 and "30109 职业年金缴费" in found[0].message and "未列出" in found[0].message


def test_a302_one_cent_apart_is_rounding(engine, seed_doc):
    """003: 30110 28.99 against 15.11 + 13.89 = 29.00, a difference the rounding of three printed
    figures explains: info, not the rule's warning."""
    found = [f for f in engine.check(seed_doc("003", "split")) if f.rule == "A302"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [(Severity.INFO, None, "28.99")]
    assert "尾差" in found[0].message


def test_a302_silent_when_the_items_agree(engine, seed_doc):
    assert [f for f in engine.check(seed_doc("001", "split")) if f.rule == "A302"] == []


# ---------------------------------------------------------------------- A303

def test_a303_retirement_items_below_the_pensions(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    r = row(table(data, 5), "2080501")
    r[4], r[5] = 10.0, 10.0
    found = [f for f in run(engine, data, tmp_path) if f.rule == "A303"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [(Severity.WARNING, "20.17", "10.00")]
    assert "少于" in found[0].message


def test_a303_retirement_items_above_table6_class_303(engine, seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    r = row(table(data, 5), "2080501")
    r[4], r[5] = 90.0, 90.0
    found = [f for f in run(engine, data, tmp_path) if f.rule == "A303"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [(Severity.WARNING, "81.10", "90.00")]
    assert "多于" in found[0].message


@pytest.mark.parametrize("value, reported", [(81.11, False), (81.12, True)])
def test_a303_rounding_does_not_take_an_amount_out_of_its_range(engine, seed_data, tmp_path, value, reported):
    # 2080501 81.11 against 303's 81.10: the intervals [81.105, 81.115] and [81.095, 81.105] touch,
    # rounding explains it; 81.12 is beyond it
    data = copy.deepcopy(seed_data("001"))
    r = row(table(data, 5), "2080501")
    r[4], r[5] = value, value
    found = [f for f in run(engine, data, tmp_path) if f.rule == "A303"]
    assert [(f.expected, f.actual) for f in found] == ([("81.10", f"{value:.2f}")] if reported else [])


def test_a303_silent_within_the_range(engine, seed_doc):
    # 000: 退休费 4.16 ≤ 2080502 4.24 ≤ 303 4.24; 001: 20.17 ≤ 80.52 ≤ 81.10; 003: 0.70 ≤ 0.70 ≤ 1.60
    for seed in ("000", "001", "003"):
        assert [f for f in engine.check(seed_doc(seed, "split")) if f.rule == "A303"] == []


# ---------------------------------------------------------------------- the plugin as a whole

def test_rules_of_every_part_with_codes_in_their_ranges():
    codes = [r.code for r in arithmetic.checker_rules()]
    assert len(codes) == len(set(codes))
    ours = [c for c in codes if not c.startswith("A2")]
    assert all(c[:2] in ("A0", "A1", "A3") for c in ours)
    assert {"A001", "A101", "A301"} <= set(codes)
    if arithmetic.narrative is not None:
        assert {r.code for r in arithmetic.narrative.RULES} <= set(codes)
    for rule in arithmetic.checker_rules():
        assert rule.title and rule.what and rule.why and rule.bad and rule.good


def test_a_failing_part_does_not_hide_the_others(seed_doc, monkeypatch):
    def broken(document, arith):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(arithmetic.tables, "check", broken)
    findings = Engine(select=["A3", "S9"]).check(seed_doc("001", "split"))
    assert [f.rule for f in findings if f.rule.startswith("A")] == ["A301"]
    errors = [f for f in findings if f.rule == "S900"]
    assert len(errors) == 1 and "tables" in errors[0].message and "ZeroDivisionError" in errors[0].message
