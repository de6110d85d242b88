"""Template profiles: declared through a hook, chosen by the titles a workbook carries, forced with
--template, listed by `checker templates`; tables addressed by role and labelled by the template."""
from __future__ import annotations

import dataclasses
import json
import shutil
import sys
import types
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.core.engine import Engine, find_template, hookimpl, make_plugin_manager
from checker.core.model import TableRole
from checker.core.reader import read_workbook
from checker.core.template import UnknownTemplate
from checker.plugins.templates.xinjiang import PROFILE as XINJIANG

SHANGHAI_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds-shanghai"
UNIT_TEMPLATE = SHANGHAI_DIR / "putuo_unit_budget_template.xlsx"
DEPT_TEMPLATE = SHANGHAI_DIR / "putuo_department_budget_template.xlsx"
needs_shanghai = pytest.mark.skipif(not UNIT_TEMPLATE.exists(), reason="../shared/seeds-shanghai is not beside the repository")


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, standalone_mode=False)


def test_both_built_in_templates_are_declared_by_plugins():
    engine = Engine(make_plugin_manager())
    names = {t.name: t for t in engine.templates}
    assert set(names) >= {"xinjiang", "shanghai"}
    assert names["xinjiang"].plugin == "template_xinjiang" and names["shanghai"].plugin == "template_shanghai"
    assert [s.label for s in names["shanghai"].tables] == [f"表{n}" for n in range(1, 10)]
    assert names["shanghai"].label(TableRole.GPB_BASIC) == "表8" and names["xinjiang"].label(TableRole.GPB_BASIC) == "表6"
    assert not names["shanghai"].has(TableRole.GPB_PROJECTS) and not names["shanghai"].has(TableRole.CARRYOVER)
    assert not names["shanghai"].targets_in_document and names["xinjiang"].targets_in_document


def test_templates_command_lists_tables_with_numbers_and_units():
    out = _run("templates")
    assert out.exit_code == 0
    assert "表8   一般公共预算基本支出部门预算经济分类预算表  元" in out.output
    assert "表10  财政拨款“三公”经费支出情况表  万元" in out.output
    data = json.loads(_run("templates", "--format", "json").output)
    shanghai = next(t for t in data if t["name"] == "shanghai")
    assert [t["unit"] for t in shanghai["tables"]] == ["元"] * 8 + ["万元"]
    assert shanghai["tables"][7]["role"] == "GPB_BASIC"


def test_unknown_template_is_refused_in_chinese(tmp_path):
    result = CliRunner().invoke(cli, ["run", "examples/", "--template", "beijing"])
    assert result.exit_code == 2
    assert "没有名为“beijing”的模板" in result.output and "shanghai" in result.output
    with pytest.raises(UnknownTemplate):
        find_template(Engine(make_plugin_manager()).templates, "beijing")


def test_xinjiang_seed_is_read_by_the_xinjiang_template(seed_doc):
    doc = seed_doc("001", "stacked")
    assert doc.template.name == "xinjiang"
    assert {t.number for t in doc.tables.values()} == set(range(1, 12))
    assert doc.label(TableRole.THREE_PUBLIC) == "表10"


@needs_shanghai
@pytest.mark.parametrize("path, kind", [(UNIT_TEMPLATE, "单位"), (DEPT_TEMPLATE, "部门")])
def test_shanghai_blank_template_is_recognised_table_by_table(path, kind):
    doc = read_workbook(path)
    assert doc.template.name == "shanghai"
    assert (doc.kind, doc.year) == (kind, 2026)
    assert {t.kind: t.number for t in doc.tables.values()} == {s.role: s.number for s in doc.template.tables}
    assert {t.kind: t.unit_text for t in doc.tables.values()} == {s.role: s.unit for s in doc.template.tables}
    assert not doc.problems


@needs_shanghai
def test_shanghai_blank_template_checked_as_it_is_reports_no_arithmetic_noise_and_no_missing_table():
    out = CliRunner().invoke(cli, ["run", str(UNIT_TEMPLATE), "--format", "json"])
    assert out.exit_code == 1, out.output          # the placeholders are errors
    findings = json.loads(out.output)["files"][0]["findings"] if "files" in json.loads(out.output) else \
        json.loads(out.output)[0]["findings"]
    findings = [f for f in findings if f["severity"] != "info"]     # C014: no 2026 code list yet
    codes = {f["rule"] for f in findings}
    # the blank template's placeholders (XX, x,xxx, 增加（减少）…) and its empty 三公 row; nothing
    # else: no sums over blank cells, no missing table or statement, no plugin error
    assert codes == {"S010", "S006"}, codes
    assert sum(f["rule"] == "S010" for f in findings) == 17     # one per paragraph that holds any
    assert [f["message"][:5] for f in findings if f["rule"] == "S006"] == ["表9 20"]


@needs_shanghai
def test_forcing_the_wrong_template_reports_its_missing_tables(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(UNIT_TEMPLATE), "--template", "xinjiang"])
    assert "缺少表11“上年结转结余情况明细表”" in result.output
    assert result.exit_code == 1


def _fill_three_public(tmp_path: Path, values: list) -> Path:
    """The district's own blank unit template with its 三公 table filled in: one row of amounts
    under 合计 | 因公出国(境)费 | 公务接待费 | 小计 | 购置费 | 运行费 | 机关运行经费预算数."""
    path = tmp_path / "三公.xlsx"
    shutil.copy(UNIT_TEMPLATE, path)
    wb = openpyxl.load_workbook(path)
    ws = next(ws for ws in wb.worksheets if "三公" in ws.title)
    for col, value in enumerate(values, start=1):
        ws.cell(row=7, column=col, value=value)
    wb.save(path)
    return path


@needs_shanghai
def test_a_three_public_table_printed_as_columns_is_read_item_by_item(tmp_path):
    # the figures of 上海市普陀区人民政府办公室's 2025 unit budget, 表9
    doc = read_workbook(_fill_three_public(tmp_path, [867.5, 839.0, 28.5, None, None, None, 213.28]))
    table = doc.table(TableRole.THREE_PUBLIC)
    rows = {r.label: (str(r.amounts[0].value) if r.amounts else None, r.amounts[0].cell.address if r.amounts else None)
            for r in table.rows}
    assert rows == {"合计": ("867.5", "A7"), "因公出国(境)费": ("839.0", "B7"), "公务接待费": ("28.5", "C7"),
                    "公务用车购置及运行费（小计）": (None, None), "公务用车购置费": (None, None),
                    "公务用车运行费": (None, None), "机关运行经费": ("213.28", "G7")}
    assert table.total_row().label == "合计"


@needs_shanghai
def test_three_public_sum_is_checked_on_the_shanghai_table(tmp_path):
    good = _fill_three_public(tmp_path, [867.5, 839.0, 28.5, None, None, None, 213.28])
    findings = Engine(make_plugin_manager(), select=["A007"]).check(read_workbook(good))
    assert findings == []
    (tmp_path / "bad").mkdir()
    bad = _fill_three_public(tmp_path / "bad", [868.5, 839.0, 28.5, None, None, None, 213.28])
    findings = Engine(make_plugin_manager(), select=["A007"]).check(read_workbook(bad))
    assert [f.rule for f in findings] == ["A007"]
    assert "868.50" in findings[0].message and "867.50" in findings[0].message
    assert findings[0].locations[0].cell == "A7"


def _renumbering_plugin() -> types.ModuleType:
    """A province's own template as a third party would ship it: Xinjiang's titles under other
    numbers (its 基本支出 table is 表8, its 三公 table 表12)."""
    numbers = {TableRole.GPB_BASIC: 8, TableRole.GOV_FUNDS: 6, TableRole.STATE_CAPITAL: 7,
               TableRole.GPB_PROJECTS: 9, TableRole.THREE_PUBLIC: 12, TableRole.CARRYOVER: 13}
    profile = dataclasses.replace(
        XINJIANG, name="renumbered", title="测试省", plugin="",
        tables=tuple(dataclasses.replace(s, number=numbers.get(s.role, s.number)) for s in XINJIANG.tables))
    module = types.ModuleType("renumbered_template")

    @hookimpl
    def checker_templates():
        return [profile]

    module.checker_templates = checker_templates
    return module


def test_a_third_party_template_numbers_the_tables_in_messages(seed_path, tmp_path):
    pm = make_plugin_manager(extra=[_renumbering_plugin()])
    engine = Engine(pm)
    assert "renumbered" in [t.name for t in engine.templates]
    doc = read_workbook(seed_path("000", "split"), templates=engine.templates, template="renumbered")
    assert doc.template.name == "renumbered"
    assert doc.table(TableRole.GPB_BASIC).label.startswith("表8 ")
    # S001 names a missing table by the template's own number: drop the 三公 table's sheet
    wb = openpyxl.load_workbook(seed_path("000", "split"))
    for ws in list(wb.worksheets):
        if any("三公" in str(c.value or "") for row in ws.iter_rows(max_row=3) for c in row):
            wb.remove(ws)
    path = tmp_path / "no_three_public.xlsx"
    wb.save(path)
    doc = read_workbook(path, templates=engine.templates, template="renumbered")
    missing = [f.message for f in engine.check(doc) if f.rule == "S001"]
    assert missing == ["缺少表12“财政拨款“三公”经费支出情况表”"]
