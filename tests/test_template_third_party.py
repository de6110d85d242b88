"""A template no built-in profile describes, registered the way a province's package registers its
own (docs/templates.md, "一个省（市、区）加入自己的模板"): a plugin object whose ``checker_templates``
hook returns the profile. This one is a district that prints Shanghai's nine tables and, as 表10, a
一般公共预算项目支出预算表 listing its projects by name under their 项 and unit, next to the
项目经费情况说明 — the combination no shipped profile has. The real 商务委 2025 budget is written in
the district's layout with openpyxl, the project table added as its own sheet, and read back.

It shows what a template gets from its profile alone: A213 matches a project's 说明 to its rows in
the project table by name (summed over the 项 it is spread over), A006 adds up the table's unit
subtotals, A106 compares it with 表5 per 项, and the Shanghai findings stay as pinned."""
from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path
from typing import Callable

import openpyxl
import pytest

from checker.core.engine import Engine, hookimpl, make_plugin_manager
from checker.core.reader import read_workbook
from checker.core.template import TableRole, TableSpec
from checker.plugins.templates import shanghai
from test_shanghai_findings import PINS, _pins, beyond

HERE = Path(__file__).resolve().parent
SEED = "sh_commerce_dept_2025"
TITLE = "2025年部门一般公共预算项目支出预算表"

PROFILE = dataclasses.replace(
    shanghai.PROFILE, name="district_projects", title="某区（上海式九张表另加项目支出表，元）",
    tables=shanghai.TABLES + (TableSpec(TableRole.GPB_PROJECTS, 10, "一般公共预算项目支出预算表",
                                        (r"一般公共预算项目支出预算表",), unit="元"),),
    match_order=(TableRole.GPB_PROJECTS,) + shanghai.PROFILE.match_order,
    description="上海式九张表，另有表10 一般公共预算项目支出预算表（按单位、科目列出每个项目）。")


class DistrictTemplate:
    """The district's package: one hook, as docs/templates.md shows."""

    @hookimpl
    def checker_templates(self):
        return [PROFILE]


# 表10 as the district prints it: 类/款/项, 科目名称, 项目名称, 项目支出合计, 商品和服务支出, 对企业补助;
# a 总计 row, the unit's subtotal, then each 类 and 款 with the projects under their 项. The projects
# add up to 表3/表5's 项目支出 per 项 (351,684,000 元 in all); the four with a 说明 carry its amounts.
PROJECTS = [
    ("201", "13", "02", "一般行政管理事务", "商务综合业务经费", 4_545_000, 4_545_000, None),
    ("201", "13", "99", "其他商贸事务支出", "商务专项工作经费", 4_765_000, 4_765_000, None),
    ("206", "05", "03", "科技条件专项", "科技创新专项", 17_200_000, None, 17_200_000),
    ("215", "08", "99", "其他支持中小企业发展和管理支出", "生命健康专项（政策资金）", 11_700_000, None, 11_700_000),
    ("215", "08", "99", "其他支持中小企业发展和管理支出", "贸易高质量发展专项（政策资金）", 29_210_000, None, 29_210_000),
    ("215", "08", "99", "其他支持中小企业发展和管理支出", "中小企业发展专项", 252_900_000, None, 252_900_000),
    ("216", "99", "99", "其他商业服务业等支出", "商业创新专项（政策资金）", 14_100_000, None, 14_100_000),
    ("216", "99", "99", "其他商业服务业等支出", "商业服务业发展专项", 17_264_000, 17_264_000, None),
]
NAMES = {"201": "一般公共服务支出", "20113": "商贸事务", "206": "科学技术支出", "20605": "科技条件与服务",
         "215": "资源勘探工业信息等支出", "21508": "支持中小企业发展和管理支出", "216": "商业服务业等支出",
         "21699": "其他商业服务业等支出"}
UNIT = "上海市普陀区商务委员会"


def _sum(rows: list[tuple]) -> list:
    return [sum(r[i] or 0 for r in rows) or None for i in (5, 6, 7)]


def table10_rows(projects: list[tuple]) -> list[list]:
    out = [["", "", "", "总计", ""] + _sum(projects), ["", "", "", UNIT, ""] + _sum(projects)]
    for cls in dict.fromkeys(p[0] for p in projects):
        under = [p for p in projects if p[0] == cls]
        out.append([cls, "", "", NAMES[cls], ""] + _sum(under))
        for kuan in dict.fromkeys(p[1] for p in under):
            mine = [p for p in under if p[1] == kuan]
            out.append([cls, kuan, "", NAMES[cls + kuan], ""] + _sum(mine))
            out += [[c, k, i, name, project, *amounts] for c, k, i, name, project, *amounts in mine]
    return out


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager(extra=[DistrictTemplate()]))


@pytest.fixture(scope="module")
def seed_workbook(tmp_path_factory):
    """The 商务委 2025 seed in the district's workbook layout, 表10 listed in its 目录."""
    spec = importlib.util.spec_from_file_location("shanghai_build_third", HERE / "seeds_shanghai" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    seed = build.load_seed(SEED)
    seed["toc"].insert(seed["toc"].index("六、其他相关情况说明"), "10．" + TITLE)
    return build.build_workbook(seed, tmp_path_factory.mktemp("district") / "base.xlsx", "template")


def with_table10(source: Path, path: Path, edit: Callable[[list[tuple]], list[tuple]] = lambda p: p) -> Path:
    """``source`` with 表10 written on a sheet of its own (the projects changed by ``edit`` first)."""
    wb = openpyxl.load_workbook(source)
    ws = wb.create_sheet("部门一般公共预算项目支出表")
    ws["A1"] = TITLE
    ws["A2"] = "编制部门：" + UNIT
    ws["H2"] = "单位：元"
    ws.append(["功能分类科目编码", None, None, "功能分类科目名称", "项目名称", "项目支出合计", "商品和服务支出", "对企业补助"])
    ws.append(["类", "款", "项", None, None, None, None, None])
    for a, b in (("A3", "C3"), ("D3", "D4"), ("E3", "E4"), ("F3", "F4"), ("G3", "G4"), ("H3", "H4")):
        ws.merge_cells(f"{a}:{b}")
    for values in table10_rows(edit(list(PROJECTS))):
        ws.append(values)
        for cell in ws[ws.max_row][:3]:
            cell.number_format = "@"
    wb.save(path)
    return path


def check(engine, path: Path) -> list:
    doc = read_workbook(path, templates=engine.templates)
    assert doc.template.name == PROFILE.name and TableRole.GPB_PROJECTS in doc.tables
    return engine.check(doc)


def pins(engine, path: Path) -> list[tuple]:
    return _pins(check(engine, path))


@pytest.fixture(scope="module")
def base_findings(engine, seed_workbook, tmp_path_factory):
    return pins(engine, with_table10(seed_workbook, tmp_path_factory.mktemp("district") / "table10.xlsx"))


def test_the_district_profile_is_listed_and_chosen_by_its_titles(engine, seed_workbook):
    assert PROFILE.name in {p.name for p in engine.templates}
    assert read_workbook(seed_workbook, templates=engine.templates).template.name == "shanghai"   # no 表10: a tie


def test_a_consistent_table10_adds_nothing_to_the_documents_pinned_findings(base_findings):
    assert base_findings == sorted(PINS[SEED], key=str)


def _move(project: str, other: str, amount: int) -> Callable[[list[tuple]], list[tuple]]:
    """``amount`` 元 of ``project`` typed on ``other`` of the same 项 (its totals unchanged)."""
    def edit(projects: list[tuple]) -> list[tuple]:
        out = []
        for p in projects:
            delta = -amount if p[4] == project else amount if p[4] == other else 0
            out.append(p[:5] + tuple(None if v is None else v + delta for v in p[5:]))
        return out
    return edit


TABLE10 = "部门一般公共预算项目支出表"


def retyped(path: Path, cell: str, value, cents: bool = False) -> Path:
    """``path`` with 表10's ``cell`` retyped ``value`` (all its amounts first written with cents)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[TABLE10]
    assert ws["D6"].value == UNIT
    if cents:
        for row in ws.iter_rows(min_row=5, min_col=6, max_col=8):
            for c in row:
                if c.value is not None:
                    c.value = float(c.value)
                    c.number_format = "#,##0.00"
    ws[cell] = value
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def moved(engine, seed_workbook, tmp_path_factory):
    """表10 with two mistakes: 1,000,000 元 of 生命健康专项 typed on 贸易高质量发展专项 (same 项, its sum
    unchanged), and the unit's 项目支出合计 typed 351,864,000 for 351,684,000."""
    path = with_table10(seed_workbook, tmp_path_factory.mktemp("district") / "moved.xlsx",
                        _move("生命健康专项（政策资金）", "贸易高质量发展专项（政策资金）", 1_000_000))
    return check(engine, retyped(path, "F6", 351_864_000))


def test_a213_projects_whose_table10_rows_do_not_make_their_annual_budget(moved, base_findings):
    """生命健康's 说明 says 1,170.00 万元 against the table's 1,070.00 (all projects are 一般公共预算, so the
    two must agree), and 贸易's 2,921.00 against 3,021.00 (less than the 一般公共预算 part is wrong anyway)."""
    assert [f for f in beyond(_pins(moved), base_findings) if f[0] == "A213"] == [
        ("A213", "项目经费情况说明2!A3", "1070.00", "1170.00"), ("A213", "项目经费情况说明4!A3", "3021.00", "2921.00")]
    messages = [f.message for f in moved if f.rule == "A213"]
    assert messages[0] == ("“生命健康专项(政策资金)经费情况说明”的年度预算安排为 1,170.00 万元，但表10列出的“生命健康专项"
                           "（政策资金）”（“2150899 其他支持中小企业发展和管理支出”）合计 1,070.00 万元：项目支出全部由一般公共"
                           "预算安排，两处应相同，请核对说明或表格。"), messages
    assert messages[1].endswith("合计 3,021.00 万元：表中是项目的一般公共预算部分，说明的全年安排不能比它少，请核对说明或表格。")
    assert [loc.cell for loc in next(f for f in moved if f.rule == "A213").locations] == ["A3", "F16"]


def test_a006_a_unit_subtotal_retyped(moved, base_findings):
    """The unit's subtotal no longer agrees with its 类 nor the 总计 with it (A006 twice), nor with its
    own 商品和服务支出 + 对企业补助 (A003); nothing else is added."""
    assert [f for f in beyond(_pins(moved), base_findings) if f[0] != "A213"] == [
        ("A003", f"{TABLE10}!F6", "35168.40", "35186.40"),
        ("A006", f"{TABLE10}!F5", "35186.40", "35168.40"),
        ("A006", f"{TABLE10}!F6", "35168.40", "35186.40")]


def test_a213_near_miss_a_project_above_its_table10_rows_when_other_funds_pay_for_projects(seed_workbook,
                                                                                          tmp_path):
    """The same table as above, but 表3 (all funds) gives 2150899 1,000,000 元 more 项目支出 than 表5
    (一般公共预算): another fund pays for projects, so 生命健康's 说明 may say more than its 一般公共预算
    rows in 表10; 贸易's 说明 still says less than its rows."""
    path = with_table10(seed_workbook, tmp_path / "funds.xlsx",
                        _move("生命健康专项（政策资金）", "贸易高质量发展专项（政策资金）", 1_000_000))
    wb = openpyxl.load_workbook(path)
    ws = wb["部门支出总表"]
    edited = 0
    for row in ws.iter_rows():
        codes = tuple(str(c.value or "") for c in row[:3])
        if codes in (("215", "", ""), ("215", "08", ""), ("215", "08", "99"), ("合计", "", "")):
            row[4].value += 1_000_000
            row[6].value += 1_000_000
            edited += 1
    assert edited == 4
    wb.save(path)
    engine = Engine(make_plugin_manager(extra=[DistrictTemplate()]), select=["A213"])
    assert [(f.rule, f.locations[0].sheet, f.expected, f.actual) for f in check(engine, path)] == [
        ("A213", "项目经费情况说明4", "3021.00", "2921.00")]


@pytest.fixture(scope="module")
def spread(engine, seed_workbook, tmp_path_factory):
    """Two near misses in 表10, written with cents: 生命健康专项 printed under two 项 (11,000,000 +
    700,000 元; the other projects of each 项 take the difference, so every 项 keeps its sum), and the
    unit's subtotal a cent off."""
    def edit(projects: list[tuple]) -> list[tuple]:
        projects = _move("生命健康专项（政策资金）", "中小企业发展专项", 700_000)(projects)
        out = []
        for p in projects:
            if p[4] == "商业服务业发展专项":
                out.append(p[:5] + (p[5] - 700_000, p[6] - 700_000, None))
                out.append(p[:4] + ("生命健康专项（政策资金）", 700_000, None, 700_000))
            else:
                out.append(p)
        return out
    path = with_table10(seed_workbook, tmp_path_factory.mktemp("district") / "spread.xlsx", edit)
    return check(engine, retyped(path, "F6", 351_684_000.01, cents=True))


def test_a213_near_miss_a_project_spread_over_two_items_that_add_up(spread, base_findings):
    assert beyond(_pins(spread), base_findings) == []
    assert not [f for f in spread if f.rule == "A213"]


def test_a006_near_miss_a_unit_subtotal_a_cent_off_in_a_table_with_cents(spread, base_findings):
    assert beyond(_pins(spread), base_findings) == []
    # the unit against its 类, and the 总计 against the unit: a cent the rounding of cents explains
    assert [f.severity.value for f in spread if f.rule == "A006"] == ["info", "info"]
