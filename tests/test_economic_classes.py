"""C040 and C041 as a mutation run of checker/plugins/codes/economic.py showed them unpinned: the
whole message of a misplaced amount, a class of neither group printed before a misplaced one, and
the parts of C041 that name the columns. Each case edits seed 000 (or 003) as a unit's mistake would,
writes the workbook with openpyxl and reads it back."""
from __future__ import annotations

import copy

import pytest

import build
import checker.plugins.codes as codes_plugin
from checker.core.engine import Engine, make_plugin_manager
from checker.core.reader import read_workbook


@pytest.fixture(autouse=True)
def no_user_lists(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_DATA_DIR", str(tmp_path / "userdata"))


def _findings(seed_data, tmp_path, edit, rule, seed="000"):
    data = copy.deepcopy(seed_data(seed))
    edit(data)
    path = build.build_workbook(data, "split", tmp_path / f"{seed}.xlsx")
    engine = Engine(make_plugin_manager(extra=[codes_plugin], entry_points=False), select=[rule])
    return [f for f in engine.check(read_workbook(path)) if f.rule == rule]


def _table(data, number):
    return next(t for t in data["tables"] if t["number"] == number)


def _row(data, number, *start):
    return next(r for r in _table(data, number)["rows"] if tuple(r[:len(start)]) == start)


# ---------------------------------------------------------------------- C040

def test_c040_a_personnel_item_under_public_expense_is_said_in_full(seed_data, tmp_path):
    """30302 退休费 4.16 typed under 公用经费: the message names the row, the column it is in, the
    class it belongs to (303 对个人和家庭的补助), the group (人员经费) and the column it belongs in."""
    def edit(data):
        r = _row(data, 6, "303", "02")
        r[4], r[5] = None, r[4]
    c040 = _findings(seed_data, tmp_path, edit, "C040")
    assert [f.message for f in c040] == [
        "表6 中 30302 退休费 在“公用经费”栏填了 4.16 万元；对个人和家庭的补助（303）属于人员经费，应填在“人员经费”栏。"]
    assert (c040[0].expected, c040[0].actual, c040[0].locations[0].cell) == ("0.00", "4.16", "F30")


def test_c040_a_class_of_neither_group_does_not_end_the_check(seed_data, tmp_path):
    """表6 extended in code order with 307 债务利息及费用支出 (neither 人员经费 nor 公用经费: its amount
    under 公用经费 is no misplacement) and then 310 资本性支出, whose 办公设备购置 is typed under 人员经费:
    the 310 row after the 307 one is still checked (C040 on 31002 only)."""
    def edit(data):
        _table(data, 6)["rows"] += [["307", "", "债务利息及费用支出", 3.0, None, 3.0],
                                    ["307", "01", "国内债务付息", 3.0, None, 3.0],
                                    ["310", "", "资本性支出", 8.0, None, 8.0],
                                    ["310", "02", "办公设备购置", 8.0, 8.0, None]]
    c040 = _findings(seed_data, tmp_path, edit, "C040")
    assert [(f.actual, f.locations[0].row) for f in c040] == [("8.00", "办公设备购置")], [f.message for f in c040]
    assert "资本性支出（310）属于公用经费，应填在“公用经费”栏" in c040[0].message


def test_c040_a_whole_class_typed_in_the_other_column_is_reported_by_its_items(seed_data, tmp_path):
    """303 对个人和家庭的补助 moved wholesale to 公用经费 (the class row 4.24 and its 款 30302 4.16 and
    30399 0.08): the two 款 are reported, each where it was typed, and the class row, whose amount
    is their sum, is not reported a third time."""
    def edit(data):
        for r in _table(data, 6)["rows"]:
            if r[0] == "303":
                r[4], r[5] = None, r[4]
    c040 = _findings(seed_data, tmp_path, edit, "C040")
    assert [(f.locations[0].row, f.actual) for f in c040] == [("退休费", "4.16"), ("其他对个人和家庭的补助", "0.08")]


def test_c040_the_class_row_is_reported_when_its_items_show_zero_in_the_wrong_column(seed_data, tmp_path):
    """The class row 303's 4.24 typed under 公用经费 while its 款 show 0.00 there (their amounts stay under
    人员经费): no 款 is misplaced, so the class row is."""
    def edit(data):
        for r in _table(data, 6)["rows"]:
            if r[0] == "303":
                r[4], r[5] = (None, r[4]) if r[1] == "" else (r[4], 0.0)
    c040 = _findings(seed_data, tmp_path, edit, "C040")
    assert [(f.locations[0].row, f.actual) for f in c040] == [("对个人和家庭的补助", "4.24")]


def test_c040_a_zero_in_the_wrong_column_does_not_end_the_check(seed_data, tmp_path):
    """30101 基本工资 shows 0.00 under 公用经费 (a zero typed, not an amount: silent), and 30302 退休费,
    further down, 4.16 under 公用经费: that one is still reported."""
    def edit(data):
        _row(data, 6, "301", "01")[5] = 0.0
        r = _row(data, 6, "303", "02")
        r[4], r[5] = None, r[4]
    c040 = _findings(seed_data, tmp_path, edit, "C040")
    assert [(f.locations[0].row, f.actual) for f in c040] == [("退休费", "4.16")]


# ---------------------------------------------------------------------- C041

T7 = "表7 一般公共预算项目支出情况表"
ORDER = "301 302 303 307 309 310 311 312 313 399"


def _header(data):
    return _table(data, 7)["header"][0]


def _said(findings):
    return [(f.severity.value, f.message, [(loc.cell, loc.table, loc.row) for loc in f.locations], f.expected, f.actual)
            for f in findings]


def _retitle(index, name):
    def edit(data):
        _header(data)[index] = name
    return edit


def test_c041_a_column_that_is_no_class_and_the_class_it_pushed_out_are_said_in_full(seed_data, tmp_path):
    """会议费 (an item of 302) typed over 债务利息及费用支出's column (J4): a warning on that header,
    and a second one, on the last class column (P4 其他支出), naming 307 as missing, with the
    complete code order as 建议值 and the codes found as 实际值."""
    c041 = _findings(seed_data, tmp_path, _retitle(9, "会议费"), "C041", seed="003")
    assert _said(c041) == [
        ("warning", f"{T7} 的栏目“会议费”不是 2025 年部门预算支出经济分类科目的类级科目名称。",
         [("J4", T7, "会议费")], None, "会议费"),
        ("warning", f"{T7} 缺少 2025 年部门预算支出经济分类科目类级科目的栏目：307 债务利息及费用支出。",
         [("P4", T7, "其他支出")], ORDER, "301 302 303 309 310 311 312 313 399")]


def test_c041_a_class_name_mistyped_is_said_with_the_official_name(seed_data, tmp_path):
    """债务利息支出 for 债务利息及费用支出: read as 307 (like enough), a warning with the official name
    as 建议值; nothing is missing and the order holds."""
    c041 = _findings(seed_data, tmp_path, _retitle(9, "债务利息支出"), "C041", seed="003")
    assert _said(c041) == [
        ("warning", f"{T7} 的栏目“债务利息支出”与 2025 年部门预算支出经济分类科目类级科目 307“债务利息及费用支出”的名称不一致。",
         [("J4", T7, "债务利息支出")], "债务利息及费用支出", "债务利息支出")]


def test_c041_columns_out_of_order_are_said_with_the_order_they_should_have(seed_data, tmp_path):
    """商品和服务支出 printed before 工资福利支出: one warning on the first class column (G4), listing
    the classes in code order with their names."""
    def edit(data):
        h = _header(data)
        h[6], h[7] = h[7], h[6]
    c041 = _findings(seed_data, tmp_path, edit, "C041", seed="003")
    assert _said(c041) == [
        ("warning", f"{T7} 的经济分类栏目没有按科目编码顺序排列，应为 301 工资福利支出、302 商品和服务支出、303 对个人和家庭的补助、"
                    "307 债务利息及费用支出、309 资本性支出（基本建设）、310 资本性支出、311 对企业补助（基本建设）、312 对企业补助、"
                    "313 对社会保障基金补助、399 其他支出。",
         [("G4", T7, "商品和服务支出")], ORDER, "302 301 303 307 309 310 311 312 313 399")]


def test_c041_the_templates_own_heading_does_not_end_the_check_of_later_columns(seed_data, tmp_path):
    """2024 seed 001 prints the template's own 商品服务支出 (info naming the template edition) and,
    further right, 其它支出 typed for 其他支出: that later column is still reported, as a warning."""
    c041 = _findings(seed_data, tmp_path, _retitle(15, "其它支出"), "C041", seed="001")
    assert _said(c041) == [
        ("info", f"{T7} 的栏目“商品服务支出”是新疆（全国 2023—2025 年部门预算公开模板，11 张表）2024 年版模板本身印制的名称"
                 "（2024 年部门预算支出经济分类科目类级科目 302 为“商品和服务支出”），不是填报错误；仅供参考。",
         [("H4", T7, "商品服务支出")], None, "商品服务支出"),
        ("warning", f"{T7} 的栏目“其它支出”与 2024 年部门预算支出经济分类科目类级科目 399“其他支出”的名称不一致。",
         [("P4", T7, "其它支出")], "其他支出", "其它支出")]


def _keep_classes(n):
    """表7 cut to its first ``n`` class columns (a unit printing only the classes it spends on)."""
    def edit(data):
        t7, cut = _table(data, 7), 6 + n
        t7["header"] = [h[:cut] for h in t7["header"]]
        t7["marker"] = t7["marker"][:cut]
        t7["header_merges"] = [m for m in t7["header_merges"] if m[3] < cut]
        t7["rows"] = [r[:cut] for r in t7["rows"]]
    return edit


def test_c041_three_class_columns_are_checked_and_the_classes_left_out_named(seed_data, tmp_path):
    """A 表7 printing only 301, 302 and 303 (three columns: the fewest C041 reads as columns by class):
    the seven classes it leaves out are named, on its last column (I4)."""
    c041 = _findings(seed_data, tmp_path, _keep_classes(3), "C041", seed="003")
    assert _said(c041) == [
        ("warning", f"{T7} 缺少 2025 年部门预算支出经济分类科目类级科目的栏目：307 债务利息及费用支出、309 资本性支出（基本建设）、"
                    "310 资本性支出、311 对企业补助（基本建设）、312 对企业补助、313 对社会保障基金补助、399 其他支出。",
         [("I4", T7, "对个人和家庭的补助")], ORDER, "301 302 303")]


def test_c041_silent_for_two_class_columns(seed_data, tmp_path):
    """Two columns (301, 302) are too few to say the table is laid out by economic class."""
    assert _findings(seed_data, tmp_path, _keep_classes(2), "C041", seed="003") == []


_SOURCES = ["财政拨款", "单位资金", "上级补助", "事业收入", "经营收入", "附属单位上缴"]


def _sources_last(n):
    def edit(data):
        _header(data)[16 - n:16] = _SOURCES[:n]
    return edit


def test_c041_half_the_columns_by_class_is_still_a_table_by_class(seed_data, tmp_path):
    """The last five class columns retitled by source of funds (财政拨款 … 经营收入): five of ten
    columns still name a class, so each of the five is no class and the five classes are missing."""
    c041 = _findings(seed_data, tmp_path, _sources_last(5), "C041", seed="003")
    assert [(f.actual, f.locations[0].cell) for f in c041 if f.expected is None] == \
        [("财政拨款", "L4"), ("单位资金", "M4"), ("上级补助", "N4"), ("事业收入", "O4"), ("经营收入", "P4")]
    assert [f.message.split("：")[1] for f in c041 if f.expected] == \
        ["310 资本性支出、311 对企业补助（基本建设）、312 对企业补助、313 对社会保障基金补助、399 其他支出。"]


def test_c041_silent_when_fewer_than_half_the_columns_name_a_class(seed_data, tmp_path):
    """Six of ten columns by source of funds, four by class: the table is not laid out by economic
    class, and its headers are not compared with the class names."""
    assert _findings(seed_data, tmp_path, _sources_last(6), "C041", seed="003") == []


def test_c041_a_table7_by_the_government_economic_classes_is_held_to_that_list(seed_data, tmp_path):
    """表7 headed by ten classes of the 政府预算支出经济分类 (501 … 510): compared with that list, not with
    the 部门预算 one it matches only three times; its five last classes are missing."""
    gov = ["机关工资福利支出", "机关商品和服务支出", "机关资本性支出（一）", "机关资本性支出（二）", "对事业单位经常性补助",
           "对事业单位资本性补助", "对企业补助", "对企业资本性支出", "对个人和家庭的补助", "对社会保障基金补助"]

    def edit(data):
        _header(data)[6:16] = gov
    c041 = _findings(seed_data, tmp_path, edit, "C041", seed="003")
    assert _said(c041) == [
        ("warning", f"{T7} 缺少 2025 年政府预算支出经济分类科目类级科目的栏目：511 债务利息及费用支出、512 债务还本支出、"
                    "513 转移性支出、514 预备费及预留、599 其他支出。",
         [("P4", T7, "对社会保障基金补助")], "501 502 503 504 505 506 507 508 509 510 511 512 513 514 599",
         "501 502 503 504 505 506 507 508 509 510")]


def test_c041_a_document_without_a_template_profile_gets_the_warning(seed_data, tmp_path):
    """A Disclosure handed to the engine with no template profile (an API caller building its own):
    a misnamed 表7 column is the unit's own wording, a warning, since no template can print it."""
    data = copy.deepcopy(seed_data("003"))
    _retitle(9, "债务利息支出")(data)
    doc = read_workbook(build.build_workbook(data, "split", tmp_path / "003.xlsx"))
    doc.template = None
    engine = Engine(make_plugin_manager(extra=[codes_plugin], entry_points=False), select=["C041", "S900"])
    assert [(f.rule, f.severity.value, f.actual) for f in engine.check(doc)] == [("C041", "warning", "债务利息支出")]
