"""Shanghai's in-table and cross-table identities on real budgets with a unit's mistake typed into
the tables: the seed's cells are edited, the workbook is written in the district's layout with
openpyxl and read back. Each mistake is found where a reviewer would look and nothing else is added
to the document's pinned findings; each near miss (a cent the rounding explains, or money the rule
must leave alone) adds no warning or error."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Callable

import openpyxl
import pytest

from checker.core.engine import Engine, make_plugin_manager
from checker.core.reader import read_workbook
from test_shanghai_findings import PINS, _pins, beyond

HERE = Path(__file__).resolve().parent
OFFICE = "sh_office_unit_2025"          # amounts in 元 with cents
COMMERCE = "sh_commerce_unit_2025"      # amounts in whole 元


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("shanghai_build_tables", HERE / "seeds_shanghai" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rows(seed: dict, number: int) -> list[list]:
    return seed["tables"][number - 1]["rows"]


def bump(seed: dict, number: int, start: list, columns: list[int], by: float) -> None:
    """Add ``by`` to ``columns`` of the row of table ``number`` that starts with ``start`` (its code
    parts, or its label), as a unit retyping that cell would."""
    hit = [r for r in rows(seed, number) if r[:len(start)] == start]
    assert len(hit) == 1, (number, start, hit)
    for c in columns:
        hit[0][c] = round((hit[0][c] or 0) + by, 2)


def retype(seed: dict, number: int, label: str, column: int, value: float) -> None:
    hit = [r for r in rows(seed, number) if label in r]
    assert len(hit) == 1, (number, label)
    hit[0][column] = value


def workbook(build, tmp_path: Path, seed_id: str, edit: Callable[[dict], None]) -> Path:
    seed = build.load_seed(seed_id)
    edit(seed)
    return build.build_workbook(seed, tmp_path / f"{seed_id}.xlsx", "template")


class Checked:
    """The findings on one edited workbook: the warnings and errors its seed's pins do not list, and
    each rule's messages."""

    def __init__(self, engine, path: Path, seed_id: str):
        self.findings = engine.check(read_workbook(path, templates=engine.templates))
        self.new = beyond(_pins(self.findings), PINS[seed_id])

    def messages(self, rule: str) -> list[str]:
        return [f.message for f in self.findings if f.rule == rule]

    def infos(self, rule: str) -> list[str]:
        return [f.message for f in self.findings if f.rule == rule and f.severity.value == "info"]


@pytest.fixture(scope="module")
def cents(engine, build, tmp_path_factory):
    """The near misses of A002, A108, A004, A005 and A103 in one workbook (each on rows of its own): a
    cent more on 表8 30102 津贴补贴, a cent of 表8's 基本工资 moved to 办公费, a cent more on 表1's
    "一、财政拨款收入", on 表4's 收入总计 and on 表4's "一、一般公共预算资金" — each a difference the
    rounding of amounts in 元 with cents explains."""
    def edit(seed: dict) -> None:
        bump(seed, 8, ["301", "02"], [3, 4], 0.01)
        _personnel_to_public(0.01)(seed)
        bump(seed, 1, ["一、财政拨款收入"], [1], 0.01)
        bump(seed, 4, ["收入总计"], [1], 0.01)
        bump(seed, 4, ["一、一般公共预算资金"], [1], 0.01)
    return Checked(engine, workbook(build, tmp_path_factory.mktemp("cents"), OFFICE, edit), OFFICE)


# ---------------------------------------------------------------------- A108: 表1 人员经费/公用经费 ↔ 表8

def _personnel_to_public(by: float) -> Callable[[dict], None]:
    """表8: ``by`` 元 of 基本工资 moved to 办公费 (class rows and 合计 row along): 表8 adds up in itself
    and its 合计 is unchanged, but its 人员经费 and 公用经费 no longer are 表1's."""
    def edit(seed: dict) -> None:
        bump(seed, 8, ["301", None], [3, 4], -by)
        bump(seed, 8, ["301", "01"], [3, 4], -by)
        bump(seed, 8, ["302", None], [3, 5], by)
        bump(seed, 8, ["302", "01"], [3, 5], by)
        bump(seed, 8, ["合计"], [4], -by)
        bump(seed, 8, ["合计"], [5], by)
    return edit


def test_a108_personnel_costs_booked_as_public_costs_in_table8(engine, build, tmp_path):
    path = workbook(build, tmp_path, COMMERCE, _personnel_to_public(100_000))
    got = Checked(engine, path, COMMERCE)
    assert got.new == [("A108", "单位收支总表!E21", None, None), ("A108", "单位收支总表!F21", None, None)]
    found = got.messages("A108")
    assert found[0].startswith("基本支出中的人员经费：表1“支出总计”行“人员经费”为 18,120,593.00 元，"
                               "表8“合计”行“人员经费”为 18,020,593.00 元"), found
    assert "公用经费" in found[1] and "1,810,062.00 元" in found[1]


def test_a108_near_miss_a_cent_moved_is_rounding(cents):
    assert cents.new == []
    assert [m.split("：")[0] for m in cents.infos("A108")] == ["基本支出中的人员经费", "基本支出中的公用经费"]


def _business_income_for_personnel(seed: dict) -> None:
    """100,000 元 of 事业收入 for 事业运行 staff: 表1 (both sides), 表2 and 表3 all carry it, and
    表8 (一般公共预算 only) does not."""
    retype(seed, 1, "二、事业收入", 1, 100_000)
    bump(seed, 1, ["收入总计"], [1], 100_000)
    bump(seed, 1, ["一、财政拨款收入"], [3, 4], 100_000)        # expense side: 一、一般公共服务支出
    bump(seed, 1, ["收入总计"], [3, 4], 100_000)                # 支出总计
    for code in (["201", None, None], ["201", "13", None], ["201", "13", "50"], ["合计", None, None]):
        bump(seed, 2, code, [4, 6], 100_000)
        bump(seed, 3, code, [4, 5], 100_000)


def test_a108_near_miss_basic_spending_of_other_income_is_not_in_table8(build, tmp_path):
    """With 事业收入 in 表1, 表1's 人员经费 may be more than 表8's: every other table identity still
    holds and A108 says nothing."""
    engine = Engine(make_plugin_manager(), select=["A0", "A1"])
    path = workbook(build, tmp_path, COMMERCE, _business_income_for_personnel)
    doc = read_workbook(path, templates=engine.templates)
    assert [(f.rule, f.message) for f in engine.check(doc) if f.severity.value != "info"] == []


def test_a108_table8_above_table1_even_with_other_income(build, tmp_path):
    def edit(seed: dict) -> None:
        _business_income_for_personnel(seed)
        _personnel_to_public(-200_000)(seed)        # 200,000 元 of 办公费 booked as 基本工资 in 表8
    engine = Engine(make_plugin_manager(), select=["A108"])
    path = workbook(build, tmp_path, COMMERCE, edit)
    found = engine.check(read_workbook(path, templates=engine.templates))
    assert [(f.rule, f.expected, f.actual) for f in found] == [("A108", "1822.06", "1832.06")]
    assert "表8“合计”行“人员经费”为 18,320,593.00 元，大于表1“支出总计”行“人员经费”的 18,220,593.00 元" \
        in found[0].message


# ---------------------------------------------------------------------- A002: 表8 by economic class

@pytest.fixture(scope="module")
def mistakes(engine, build, tmp_path_factory):
    """Three mistakes in one workbook, each in a table of its own: 表8 30102 津贴补贴 retyped 1,000 元 more
    (合计 and 人员经费) with 301 工资福利支出 left as it was; 表1 "2、政府性基金" given 500,000 元 under an
    unchanged "一、财政拨款收入"; 表4's 收入总计 typed 10,000 元 more."""
    def edit(seed: dict) -> None:
        bump(seed, 8, ["301", "02"], [3, 4], 1000)
        retype(seed, 1, "2、政府性基金", 1, 500_000)
        bump(seed, 4, ["收入总计"], [1], 10_000)
    return Checked(engine, workbook(build, tmp_path_factory.mktemp("mistakes"), OFFICE, edit), OFFICE)


def on(got: Checked, *sheets: str) -> list[tuple]:
    return [f for f in got.new if f[1].split("!")[0] in sheets]


def test_a002_a_kuan_raised_without_its_class(mistakes):
    sheet = "单位一般公共预算拨款基本支出明细表"
    assert on(mistakes, sheet) == [("A002", f"{sheet}!D9", "2117.13", "2117.03"), ("A002", f"{sheet}!E9", "2117.13", "2117.03")]
    assert "“301 工资福利支出”行“人员经费”列为 21,170,337.81 元，所属各款之和为 21,171,337.81 元" \
        in mistakes.messages("A002")[1]


def test_a002_near_miss_a_cent_is_rounding(cents):
    assert cents.new == []
    found = cents.infos("A002")
    assert len(found) == 1 and "“301 工资福利支出”行“合计”列为 21,170,337.80 元，所属各款之和为 21,170,337.81 元" in found[0]


# ---------------------------------------------------------------------- A004: 表1's income outline

def test_a004_a_source_filled_in_without_its_heading(mistakes):
    """表1's "2、政府性基金" of 500,000 元: A004; and since no other table has that money, A103 against
    表4/表6 and Y001 against the 说明's "政府性基金预算 0 万元"."""
    assert on(mistakes, "单位收支总表", "单位编制说明") == sorted([
        ("A004", "单位收支总表!B10", "9151.68", "9101.68"),
        ("A103", "单位收支总表!B12", "0.00", "50.00"),
        ("Y001", "单位编制说明!A3", "50.00", "0.00")], key=str)
    assert "“一、财政拨款收入”为 91,016,775.35 元，其下各行（“1、一般公共预算资金”、“2、政府性基金”、" \
           "“3、国有资本经营预算”）之和为 91,516,775.35 元" in mistakes.messages("A004")[0]


def test_a004_near_miss_a_heading_a_cent_off(cents):
    assert cents.new == []
    found = cents.infos("A004")          # against its sources, and 收入总计 against the headings
    assert len(found) == 2 and all(m.startswith("表1 ") for m in found), found


# ---------------------------------------------------------------------- A005: 表4 balance

def test_a005_fiscal_income_total_retyped(mistakes):
    assert on(mistakes, "单位财政拨款收支总表") == [("A004", "单位财政拨款收支总表!B21", "9101.68", "9102.68"),
                                                   ("A005", "单位财政拨款收支总表!B21", "9101.68", "9102.68")]
    assert ["“收入总计”为 91,026,775.35 元，“支出总计”为 91,016,775.35 元，相差 10,000.00 元" in m
            for m in mistakes.messages("A005")] == [True]


def test_the_three_mistakes_add_nothing_else(mistakes):
    assert len(mistakes.new) == len(on(mistakes, "单位一般公共预算拨款基本支出明细表", "单位收支总表", "单位编制说明",
                                       "单位财政拨款收支总表")) == 7


def test_a005_near_miss_a_cent_is_rounding(cents):
    assert cents.new == []
    found = cents.infos("A005")
    assert len(found) == 1 and "“收入总计”为 91,016,775.36 元，“支出总计”为 91,016,775.35 元" in found[0]


# ---------------------------------------------------------------------- A103: one fund in every table

def test_a103_general_budget_income_with_two_digits_swapped_in_table4(engine, build, tmp_path):
    path = workbook(build, tmp_path, OFFICE, lambda s: retype(s, 4, "一、一般公共预算资金", 1, 91_016_757.35))
    got = Checked(engine, path, OFFICE)
    assert got.new == [
        ("A004", "单位财政拨款收支总表!B21", "91016757.35", "91016775.35"),
        ("A103", "单位财政拨款收支总表!B8", "91016775.35", "91016757.35")]
    assert "表4 收入“一、一般公共预算资金”为 91,016,757.35 元，而表1“1、一般公共预算资金”、表4 支出总计行" \
           "“一般公共预算”列、表5 总计均为 91,016,775.35 元" in got.messages("A103")[0]


def test_a103_near_miss_a_cent_is_rounding(cents):
    assert cents.new == []
    found = cents.infos("A103")
    assert len(found) == 1 and "表4 收入“一、一般公共预算资金”为 91,016,775.36 元" in found[0]


# ---------------------------------------------------------------------- target tables a unit attaches

def test_target_tables_attached_to_a_shanghai_document_are_checked_without_a_project_table(engine, build, tmp_path):
    """The district publishes its 绩效目标表 apart; a unit that attaches some anyway (here the eight real
    target tables of Xinjiang seed 001, a department's and seven projects') has them checked for what
    they say themselves (P010: another unit's name; P014: another year), but not against a 项目支出
    table the template does not have: no P002 "not in the project table" for the five fiscal ones."""
    spec = importlib.util.spec_from_file_location("xinjiang_build_targets", HERE / "seeds" / "build.py")
    xinjiang = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(xinjiang)
    path = build.build_workbook(OFFICE, tmp_path / "office.xlsx", "template")
    wb = openpyxl.load_workbook(path)
    xinjiang._targets_sheet(wb.create_sheet("绩效目标表"), xinjiang.load_seed("001")["targets"])
    wb.save(path)
    doc = read_workbook(path, templates=engine.templates)
    assert doc.template.name == "shanghai" and len(doc.targets) == 8
    rules = {f.rule for f in engine.check(doc)}
    assert {"P010", "P014"} <= rules and not rules & {"P001", "P002", "P003", "P013"}
