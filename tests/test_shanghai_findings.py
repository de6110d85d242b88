"""Findings on the six real Shanghai (普陀区) budgets, each reviewed by hand, pinned in both
directions: every finding listed here is a real fault of the document (see
tests/seeds_shanghai/REVIEW.md), and nothing else is reported at warning or error level."""
from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.core.engine import Engine, make_plugin_manager
from checker.core.reader import read_workbook

SEEDS = ["sh_commerce_dept_2025", "sh_commerce_unit_2025", "sh_office_dept_2025", "sh_office_unit_2025",
         "sh_wanli_2024", "sh_wanli_2025"]

# the 编制说明 items 11–16 of 商务委 close （类）/（款） with a half-width ")" (S011, one per item)
_COMMERCE_BRACKETS = [("S011", f"{{kind}}编制说明!A{row}", None, None) for row in range(14, 20)]
# 万里 2024: 23 per-项 reasons that only restate the change ("……经费增加"), Y011
_WANLI_RESTATED = [5, 6, 8, 9, 10, 11, 15, 16, 17, 19, 20, 21, 23, 25, 26, 27, 28, 30, 31, 32, 33, 34, 35]

PINS = {
    # 商务委: the 中小企业 sentence of 政府采购 is missing (S014); 收入 compared with 预算执行数 but
    # 支出 with 预算 for the same 37,151.47 万元 (Y008); mixed brackets (S011)
    "sh_commerce_dept_2025": [("S014", "部门编制说明!A1", None, None),
                              ("Y008", "部门编制说明!A3", None, "预算、预算执行数")]
                             + [(r, c.format(kind="部门"), e, a) for r, c, e, a in _COMMERCE_BRACKETS],
    "sh_commerce_unit_2025": [("S014", "单位编制说明!A1", None, None),
                              ("Y008", "单位编制说明!A3", None, "预算、预算执行数")]
                             + [(r, c.format(kind="单位"), e, a) for r, c, e, a in _COMMERCE_BRACKETS],
    # 政府办: 表9 公务接待费 28.50 against 表8 30217 18.50 (A301, to be explained: 10 万元 in 项目支出);
    # a fall of 2,389.52 万元 (20.8%) explained only by "项目调整" (Y015 for 收入, 支出 and 一般公共预算);
    # the 部门's one 项目经费情况说明 gives no amount in 六、年度预算安排 ("结合区政府重点工作推进情况，
    # 根据合同条款，按时拨付资金。", PDF p.22; the template asks for the year's amount): S014
    "sh_office_dept_2025": [("A301", "部门“三公”经费和机关运行费预算表!C7", None, "28.50"),
                            ("S014", "项目经费情况说明!A1", None, None)]
                           + [("Y015", "部门编制说明!A3", None, None)] * 3,
    "sh_office_unit_2025": [("A301", "单位“三公”经费和机关运行费预算表!C7", None, "28.50")]
                           + [("Y015", "单位编制说明!A3", None, None)] * 3,
    # 万里 2024: 款 codes printed "2" and "7" (C001); 表9 noted 为空表 with 47.91 万元 in it (S007);
    # "办事处（部门）" left from the template (S010, in 二 and 五); item 4 falls but its reason says
    # 增加 (Y012); item 15's reason is item 13's (Y013); item 31 says 350.35 then 352.67 (A212, and
    # the second against 表5, Y001)
    "sh_wanli_2024": sorted(
        [("C001", "部门一般公共预算拨款基本支出明细表!A11", None, "301 2"),
         ("C001", "部门一般公共预算拨款基本支出明细表!A12", None, "301 7"),
         ("S007", "部门“三公”经费和机关运行费预算表!A8", None,
          "注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。"),
         ("S010", "其他相关情况说明!A3", None, "(部门)"), ("S010", "其他相关情况说明!A3", None, "(部门)"),
         ("Y012", "部门编制说明!A7", "下降", "增加"),
         ("Y013", "部门编制说明!A18", None, None),
         ("A212", "部门编制说明!A34", None, "352.67"),
         ("Y001", "部门编制说明!A34", "350.35", "352.67")]
        + [("Y011", f"部门编制说明!A{row}", None, None) for row in _WANLI_RESTATED], key=str),
    # 万里 2025: 212 01 城乡社区管理事务 is 1 元 more than its 项 in 表2, 表3 and 表5 (A001 for the 款 and
    # the 类 above it, in each amount column; A003 合计 ≠ 基本 + 项目); "（部门）" again (S010); a
    # rise of 21.48% explained by "项目调整" (Y015 ×3); item 21 names 卫生健康支出（款）计划生育事务
    # （项）, which 表5 does not have: its 20.00 万元 is 2100717, 21007 计划生育事务 / 计划生育服务 (C020 ×2)
    "sh_wanli_2025": sorted(
        [("A001", "部门收入总表!E57", "154369327.00", "154369326.00"),
         ("A001", "部门收入总表!F57", "154369327.00", "154369326.00"),
         ("A001", "部门收入总表!E58", "94995789.00", "94995790.00"),
         ("A001", "部门收入总表!F58", "94995789.00", "94995790.00"),
         ("A001", "部门支出总表!E57", "154369327.00", "154369326.00"),
         ("A001", "部门支出总表!E58", "94995789.00", "94995790.00"),
         ("A003", "部门支出总表!E58", "94995789.00", "94995790.00"),
         ("A001", "部门一般公共预算拨款表!E57", "154369327.00", "154369326.00"),
         ("A001", "部门一般公共预算拨款表!E58", "94995789.00", "94995790.00"),
         ("A003", "部门一般公共预算拨款表!E58", "94995789.00", "94995790.00"),
         ("S010", "其他相关情况说明!A3", None, "(部门)"), ("S010", "其他相关情况说明!A3", None, "(部门)"),
         ("C020", "部门编制说明!A24", "计划生育事务", "卫生健康支出"),
         ("C020", "部门编制说明!A24", "计划生育服务", "计划生育事务")]
        + [("Y015", "部门编制说明!A3", None, None)] * 3, key=str),
}


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


def _pins(findings) -> list[tuple]:
    return sorted(((f.rule, f"{f.locations[0].sheet}!{f.locations[0].cell}", f.expected, f.actual)
                   for f in findings if f.severity.value != "info"), key=str)


@pytest.mark.parametrize("seed", SEEDS)
def test_exact_findings_on_the_shanghai_seeds(engine, shanghai_path, seed):
    doc = read_workbook(shanghai_path(seed), templates=engine.templates)
    assert doc.template.name == "shanghai"
    assert _pins(engine.check(doc)) == sorted(PINS[seed], key=str)


@pytest.mark.parametrize("seed", SEEDS)
def test_every_table_and_most_statements_are_read(engine, shanghai_path, seed):
    doc = read_workbook(shanghai_path(seed), templates=engine.templates)
    assert len(doc.tables) == 9 and not doc.problems
    subjects = {st.subject for st in doc.statements}
    assert {"income_total", "fiscal_income", "expense_total", "fiscal_expense", "gpb_expense", "item",
            "sangong_total", "sangong_abroad", "sangong_reception", "operating", "procurement",
            "target_projects"} <= subjects


def test_the_narrative_statements_of_one_document(engine, shanghai_path):
    doc = read_workbook(shanghai_path("sh_wanli_2024"), templates=engine.templates)
    items = [st for st in doc.statements if st.subject == "item"]
    assert len(items) == 33
    first = items[0]
    assert first.names == ("一般公共服务支出", "统计信息事务", "专项普查活动")
    assert (str(first.amount.value), str(first.last.value), first.direction, str(first.percent), first.base) == \
        ("25.77", "60.13", -1, "57.14", "预算执行数")
    sangong = next(st for st in doc.statements if st.subject == "sangong_total")
    assert (str(sangong.amount.value), sangong.direction, str(sangong.change.value), sangong.base) == \
        ("47.91", 1, "25", "预算")


# ------------------------------------------------------------------ a unit's mistakes, edited in

def edit_sheet(source: Path, path: Path, sheet: str, *changes: tuple[str, str], once: bool = False) -> Path:
    """``source`` copied to ``path`` with each ``(old, new)`` replaced in the texts of ``sheet``, as a
    unit retyping its 说明 would leave it: with ``once``, in the one cell that holds ``old`` (its
    first occurrence there); else wherever it stands. Each ``old`` must be found."""
    shutil.copy(source, path)
    wb = openpyxl.load_workbook(path)
    for old, new in changes:
        cells = [c for row in wb[sheet].iter_rows() for c in row if isinstance(c.value, str) and old in c.value]
        if once:
            assert len(cells) == 1, f"{old!r} found in {len(cells)} cells"
        assert cells, f"{old!r} not in {sheet}"
        for cell in cells:
            cell.value = cell.value.replace(old, new, 1 if once else -1)
    wb.save(path)
    return path


def _edited(shanghai_path, tmp_path: Path, seed: str, sheet: str, old: str, new: str) -> Path:
    return edit_sheet(shanghai_path(seed), tmp_path / f"{seed}.xlsx", sheet, (old, new), once=True)


def beyond(found: list[tuple], pinned: list[tuple]) -> list[tuple]:
    """The findings of ``found`` that ``pinned`` does not account for, in order (each pinned
    finding accounts for one found finding)."""
    left = list(pinned)
    out = []
    for f in found:
        if f in left:
            left.remove(f)
        else:
            out.append(f)
    return out


def _new_findings(engine, path: Path, seed: str) -> list[tuple]:
    return beyond(_pins(engine.check(read_workbook(path, templates=engine.templates))), PINS[seed])


def test_a_sangong_amount_retyped_wrong_is_found_against_the_table_and_its_parts(engine, shanghai_path, tmp_path):
    seed = "sh_office_unit_2025"
    path = _edited(shanghai_path, tmp_path, seed, "其他相关情况说明", "公务接待费28.50万元", "公务接待费25.80万元")
    assert _new_findings(engine, path, seed) == sorted([
        ("A201", "其他相关情况说明!A3", "28.50", "25.80"),          # against 表9
        ("A210", "其他相关情况说明!A3", "864.80", "867.50"),        # 839 + 0 + 25.80 ≠ 867.50
        ("Y001", "其他相关情况说明!A3", "28.50", "25.80"),          # the change is stated on it too
    ], key=str)


def test_an_item_amount_retyped_wrong_is_found_against_its_row(engine, shanghai_path, tmp_path):
    seed = "sh_office_unit_2025"
    path = _edited(shanghai_path, tmp_path, seed, "单位编制说明", "科目380.73万元", "科目380.37万元")
    assert _new_findings(engine, path, seed) == [("A201", "单位编制说明!A6", "380.73", "380.37")]


def test_procurement_parts_that_do_not_add_up(engine, shanghai_path, tmp_path):
    seed = "sh_office_unit_2025"
    path = _edited(shanghai_path, tmp_path, seed, "其他相关情况说明", "政府采购服务预算34万元", "政府采购服务预算43万元")
    assert _new_findings(engine, path, seed) == [("A207", "其他相关情况说明!A3", "43.00", "34.00")]


def test_template_leftovers_and_a_unit_calling_itself_a_department(engine, shanghai_path, tmp_path):
    seed = "sh_office_unit_2025"
    path = _edited(shanghai_path, tmp_path, seed, "其他相关情况说明", "2025年度本单位政府采购预算34万元",
                   "2025年度本部门政府采购预算XXX万元")
    found = _new_findings(engine, path, seed)
    assert ("S010", "其他相关情况说明!A3", None, "XXX") in found
    assert ("S012", "其他相关情况说明!A3", "本单位", "本部门") in found


def test_a_comparison_with_the_wrong_year(engine, shanghai_path, tmp_path):
    seed = "sh_office_unit_2025"
    path = _edited(shanghai_path, tmp_path, seed, "单位编制说明", "比2024年预算减少2,389.52万元；事业收入",
                   "比2023年预算减少2,389.52万元；事业收入")
    assert _new_findings(engine, path, seed) == [("S013", "单位编制说明!A3", "2024", "2023")]


def test_prior_year_pair_of_wanli(shanghai_path):
    """--prior with 万里 2024 for 万里 2025: the years fit and the changes the 2025 narrative states
    agree with the 2024 tables, so nothing is added to the 2025 findings."""
    result = CliRunner().invoke(cli, ["run", str(shanghai_path("sh_wanli_2025")), "--prior",
                                      str(shanghai_path("sh_wanli_2024")), "--format", "json"])
    assert result.exit_code == 1, result.output
    import json
    findings = json.loads(result.output)["files"][0]["findings"]
    assert not [f for f in findings if f["rule"].startswith("Y03")]


@pytest.mark.parametrize("seed", SEEDS)
def test_all_tables_on_one_sheet_give_the_same_findings(engine, shanghai_path, seed):
    """The builder's stacked layout (every table on one sheet, the narrative after them): the same
    rules with the same figures; only the cells move."""
    def figures(path):
        findings = engine.check(read_workbook(path, templates=engine.templates))
        return sorted(((f.rule, f.expected, f.actual) for f in findings if f.severity.value != "info"), key=str)

    assert figures(shanghai_path(seed, "stacked")) == figures(shanghai_path(seed))
