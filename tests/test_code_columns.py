"""Codes and economic classes as units mistype them in their tables, each on seed 000 written with
openpyxl and read back: a 类 of two digits with the 款 in front of the name (C001, both
classifications), a 款 and 项 with no 类 (C001), amounts of a class that is neither 人员经费 nor
公用经费 (no C040), a 表6 without its 公用经费 column (no C040), a 表7 laid out by source of funds
rather than by economic class (no C041), and a 表7 column that is no class at all (C041)."""
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


def _run(seed_data, tmp_path, mutate, select=("C",)):
    data = copy.deepcopy(seed_data("000"))
    mutate(data)
    path = build.build_workbook(data, "split", tmp_path / "x.xlsx")
    engine = Engine(make_plugin_manager(extra=[codes_plugin], entry_points=False), select=list(select))
    return [f for f in engine.check(read_workbook(path)) if not (f.rule == "C041" and f.actual == "商品服务支出")]


def _table(data, number):
    return next(t for t in data["tables"] if t["number"] == number)


def _row(data, number, *start):
    return next(r for r in _table(data, number)["rows"] if tuple(r[:len(start)]) == start)


# ---------------------------------------------------------------------- C001

@pytest.mark.parametrize("number, start, cells, actual, why", [
    # 类 typed "20" and the 款 put in front of the name: the reader builds 20|50, C001 names both parts
    (5, ("201", "03", "50"), {0: "20", 1: None, 2: None, 3: "50 事业运行"}, "2050",
     "类 20（2 位，应为 3 位）、款 50。功能分类编码分列时类 3 位、款 2 位、项 2 位，合在一起时为 3、5 或 7 位。"),
    (6, ("301", "01"), {0: "30", 1: None, 2: "01 基本工资"}, "3001",
     "类 30（2 位，应为 3 位）、款 01。经济分类编码分列时类 3 位、款 2 位，合在一起时为 3 或 5 位"),
    # 款 and 项 in their columns, the 类 left blank: said as it is, not as a 类 of two digits
    (5, ("201", "03", "50"), {0: None}, "03 50", "没有填类，只有款 03、项 50。"),
    # an economic 款 alone, its 类 left blank
    (6, ("301", "01"), {0: None}, "01", "2 位数字不能构成类、款编码。经济分类编码分列时类 3 位、款 2 位，合在一起时为 3 或 5 位。"),
])
def test_c001_parts_the_reader_cannot_make_a_code_of(seed_data, tmp_path, number, start, cells, actual, why):
    def mutate(data):
        row = _row(data, number, *start)
        for i, v in cells.items():
            row[i] = v
    c001 = [f for f in _run(seed_data, tmp_path, mutate) if f.rule == "C001"]
    assert [f.actual for f in c001] == [actual], [f.message for f in c001]
    assert why in c001[0].message and c001[0].locations[0].table.startswith(f"表{number}")
    name = cells.get(3 if number == 5 else 2) or ("事业运行" if number == 5 else "基本工资")
    assert c001[0].locations[0].row == name and f"中“{name}”一行的编码“{actual}”位数不对" in c001[0].message


# ---------------------------------------------------------------------- C040

def test_c040_silent_for_a_class_that_is_neither_personnel_nor_public(seed_data, tmp_path):
    """399 其他支出 belongs to neither group: its amount under 人员经费 is no misplacement; the same
    amount of 302 (公用经费's class) under 人员经费 is (the fire case beside it)."""
    def other(data):
        _table(data, 6)["rows"].append(["399", "", "其他支出", 5.0, 5.0, None])
    assert [f.rule for f in _run(seed_data, tmp_path, other) if f.rule == "C040"] == []

    def public(data):
        _table(data, 6)["rows"].append(["302", "99", "其他商品和服务支出", 5.0, 5.0, None])
    assert [(f.rule, f.actual) for f in _run(seed_data, tmp_path, public) if f.rule == "C040"] == [("C040", "5.00")]


def test_c040_silent_when_table6_has_no_public_column(seed_data, tmp_path):
    """A 表6 printing only 合计 and 人员经费 gives no column to misplace an amount in."""
    def mutate(data):
        t6 = _table(data, 6)
        t6["header"] = [row[:5] for row in t6["header"]]
        t6["header_merges"] = [[0, 0, 0, 2], [0, 3, 0, 4], [1, 0, 1, 1], [1, 2, 2, 2], [1, 3, 2, 3], [1, 4, 2, 4]]
        t6["marker"] = t6["marker"][:5]
        t6["rows"] = [row[:5] for row in t6["rows"]]
        t6["rows"].append(["302", "99", "其他商品和服务支出", 5.0, 5.0])
    found = _run(seed_data, tmp_path, mutate, select=("C", "S900"))
    assert [f.rule for f in found if f.rule in ("C040", "S900")] == []      # nor a plugin that failed on it


# ---------------------------------------------------------------------- C041

_T7_CLASSES = ["工资福利支出", "商品服务支出", "对个人和家庭的补助", "债务利息及费用支出", "资本性支出（基本建设）",
               "资本性支出", "对企业补助（基本建设）", "对企业补助", "对社会保障基金补助", "其他支出"]


def _t7_columns(data, names):
    t7 = _table(data, 7)
    assert t7["header"][0][6:16] == _T7_CLASSES
    t7["header"][0][6:16] = names


def test_c041_silent_for_a_table7_by_source_of_funds(seed_data, tmp_path):
    """Columns 财政拨款/单位资金/… are not economic classes at all: 表7 is laid out by source, and
    its headers are not compared with the class names."""
    sources = ["财政拨款", "单位资金", "上级补助", "事业收入", "经营收入", "附属单位上缴", "其他收入", "用事业基金弥补",
               "上年结转", "单位其他资金"]
    assert [f.rule for f in _run(seed_data, tmp_path, lambda d: _t7_columns(d, sources)) if f.rule == "C041"] == []


def test_c041_a_column_that_is_no_class(seed_data, tmp_path):
    """会议费 is an item of 302, not a class: C041 on that column; the class it replaced
    (债务利息及费用支出) is then missing from the columns."""
    names = list(_T7_CLASSES)
    names[3] = "会议费"
    found = [f for f in _run(seed_data, tmp_path, lambda d: _t7_columns(d, names)) if f.rule == "C041"]
    messages = [f.message for f in found]
    assert any("的栏目“会议费”不是" in m and "类级科目名称" in m for m in messages), messages
    assert any("缺少" in m and "307 债务利息及费用支出" in m for m in messages), messages


def test_c041_an_exact_column_name_wins_its_class_over_an_earlier_near_one(seed_data, tmp_path):
    """资本性支出（基建） typed before 资本性支出（基本建设）: the exact name takes 309, so the near one is
    read as 310 资本性支出 (the one class left it resembles) and reported as misnamed, with the order
    309 before 310 broken; it does not take 309 from the column that names it exactly."""
    names = list(_T7_CLASSES)
    names[4], names[5] = "资本性支出（基建）", "资本性支出（基本建设）"
    found = sorted((f.expected, f.actual) for f in _run(seed_data, tmp_path, lambda d: _t7_columns(d, names))
                   if f.rule == "C041")
    assert found == [("301 302 303 307 309 310 311 312 313 399", "301 302 303 307 310 309 311 312 313 399"),
                     ("资本性支出", "资本性支出(基建)")]


def test_c001_a_third_code_column_in_the_economic_table(seed_data, tmp_path):
    """表6 laid out with the function tables' 类 | 款 | 项 columns, and 05 typed under 项 for 30101:
    an economic code has no 项, so the digit pair is said to be one too many."""
    def mutate(data):
        t6 = _table(data, 6)
        for header, extra in zip(t6["header"], (None, None, "项")):
            header.insert(2, extra)
        t6["marker"].insert(2, "※")
        t6["header_merges"] = [[r1, c1 + (c1 >= 2), r2, c2 + (c2 >= 2)] for r1, c1, r2, c2 in t6["header_merges"]]
        t6["header_merges"] = [[0, 0, 0, 3] if m == [0, 0, 0, 3] or m[:2] == [0, 0] else
                               ([1, 0, 1, 2] if m[:2] == [1, 0] else m) for m in t6["header_merges"]]
        for row in t6["rows"]:
            row.insert(2, None)
        next(r for r in t6["rows"] if r[:2] == ["301", "01"])[2] = "05"
    c001 = [f for f in _run(seed_data, tmp_path, mutate) if f.rule == "C001"]
    assert [f.actual for f in c001] == ["301 01 05"], [f.message for f in c001]
    assert "类 301、款 01、多出 05。经济分类编码分列时类 3 位、款 2 位，合在一起时为 3 或 5 位。" in c001[0].message


def test_c041_a_name_six_tenths_like_a_class_is_read_as_that_class_and_only_once(seed_data, tmp_path):
    """资本性费用 is as like 资本性支出 as a misspelling may be (3 of 5 characters: a ratio of 0.6): read as
    310 and reported as misnamed. 资本性开支, even more like it, comes later: 310 is taken, so it is
    no class (C041), and 399 其他支出, whose column it replaced, is missing."""
    names = list(_T7_CLASSES)
    names[5], names[9] = "资本性费用", "资本性开支"
    found = {f.actual: (f.expected, f.message) for f in _run(seed_data, tmp_path, lambda d: _t7_columns(d, names))
             if f.rule == "C041"}
    assert sorted(found) == sorted(["资本性费用", "资本性开支", "301 302 303 307 309 310 311 312 313"])
    assert found["资本性费用"][0] == "资本性支出" and "“资本性费用”与" in found["资本性费用"][1]
    assert found["资本性开支"][0] is None and "“资本性开支”不是" in found["资本性开支"][1]
    assert "缺少" in found["301 302 303 307 309 310 311 312 313"][1] and "399 其他支出" in found["301 302 303 307 309 310 311 312 313"][1]


def test_c041_two_columns_equally_unlike_the_classes_left(seed_data, tmp_path):
    """差旅 and 培训 in place of 债务利息及费用支出 and 其他支出: neither resembles either class left
    (a tie at no likeness at all); each is no class, and both classes are missing."""
    names = list(_T7_CLASSES)
    names[3], names[9] = "差旅", "培训"
    found = [f for f in _run(seed_data, tmp_path, lambda d: _t7_columns(d, names)) if f.rule in ("C041", "S900")]
    assert sorted((f.rule, f.actual) for f in found if f.expected is None) == [("C041", "培训"), ("C041", "差旅")]
    assert [f.expected for f in found if f.expected and "缺少" in f.message] == ["301 302 303 307 309 310 311 312 313 399"]


def test_c001_code_columns_count_under_a_header_that_does_not_say_科目(seed_data, tmp_path):
    """表5 headed 项目 / 编码 / 名称 instead of 科目 / 功能分类科目编码 / 功能分类科目名称: its 类/款/项
    columns still hold codes, so "20 | | | 50 事业运行" is still C001 (a name column alone, without
    code columns, would need the header to say 科目 before digits in a name are taken for a code)."""
    def mutate(data):
        t5 = _table(data, 5)
        t5["header"][0][0], t5["header"][1][0], t5["header"][1][3] = "项目", "编码", "名称"
        row = _row(data, 5, "201", "03", "50")
        row[0], row[1], row[2], row[3] = "20", None, None, "50 事业运行"
    c001 = [f for f in _run(seed_data, tmp_path, mutate) if f.rule == "C001"]
    assert [(f.actual, f.locations[0].row) for f in c001] == [("2050", "50 事业运行")]


def test_c001_silent_for_digits_before_a_name_under_a_header_that_does_not_say_科目(seed_data, tmp_path):
    """Near miss of tests/test_codes_rules.py's "2011 一般公共服务支出" (C001 under 表1's 科目 header):
    in a 表5 headed 项目 / 编码 / 名称, a row without code cells whose name begins "2013 " is a name
    that starts with digits, not a code typed wrong."""
    def mutate(data):
        t5 = _table(data, 5)
        t5["header"][0][0], t5["header"][1][0], t5["header"][1][3] = "项目", "编码", "名称"
        row = _row(data, 5, "201", "", "")
        row[0], row[3] = None, "2013 一般公共服务支出"
    assert [f.actual for f in _run(seed_data, tmp_path, mutate) if f.rule == "C001"] == []


@pytest.mark.parametrize("number, find, label, actual, why", [
    # 表1 prints codes in front of the names; "20 13" typed with a space is still four digits
    (1, lambda r: r[2] == "201 一般公共服务支出", "20 13 一般公共服务支出", "2013", "名称前的 4 位数字不能构成类、款、项编码。"),
    # 表6's 类 column left blank and four digits typed before the name
    (6, lambda r: r[:2] == ["301", ""], "3011 工资福利支出", "3011", "名称前的 4 位数字不能构成类、款编码。经济分类"),
])
def test_c001_digits_before_a_name_under_a_header_that_says_科目(seed_data, tmp_path, number, find, label, actual, why):
    def mutate(data):
        row = next(r for r in _table(data, number)["rows"] if find(r))
        if number == 6:
            row[0] = None
        row[2] = label
    c001 = [f for f in _run(seed_data, tmp_path, mutate) if f.rule == "C001"]
    assert [f.actual for f in c001] == [actual], [f.message for f in c001]
    assert why in c001[0].message
