"""Shanghai's cross-table identities, the 绩效目标 funds against the tables and the punctuation rule,
on the real 政府办 unit budget with one mistake put in: each is found where a reviewer would look,
and nothing else is added to the document's pinned findings."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from checker.core.engine import Engine, make_plugin_manager
from checker.core.reader import read_workbook
from test_shanghai_findings import PINS, _pins, edit_sheet

HERE = Path(__file__).resolve().parent
OFFICE = "sh_office_unit_2025"          # 表3 合计 91,016,775.35 元, 项目支出 66,410,000 元


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


def _build():
    spec = importlib.util.spec_from_file_location("shanghai_build", HERE / "seeds_shanghai" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _new(engine, path: Path) -> list[tuple]:
    findings = _pins(engine.check(read_workbook(path, templates=engine.templates)))
    pinned = list(PINS[OFFICE])
    out = []
    for f in findings:
        if f in pinned:
            pinned.remove(f)
        else:
            out.append(f)
    assert not pinned, f"pinned findings gone: {pinned}"
    return sorted(out, key=str)


def test_a101_a102_a105_tables_that_disagree_with_each_other(engine, tmp_path):
    """表3 given 1,000,000 元 more on 2010302 (and its 款, 类 and 合计, so 表3 adds up in itself): it
    now disagrees with 表1/表2 on 201, 20103, 2010302 and the 总计; 表8 given 1,000 元 more 基本工资
    (with 301 and 合计): its 合计 disagrees with 表5's 基本支出."""
    build = _build()
    seed = build.load_seed(OFFICE)
    for row in seed["tables"][2]["rows"]:
        if row[:3] in (["201", None, None], ["201", "03", None], ["201", "03", "02"], ["合计", None, None]):
            row[4] += 1_000_000
            row[6] += 1_000_000
    for row in seed["tables"][7]["rows"]:
        if row[:2] in (["301", None], ["301", "01"], ["合计", None]):
            row[3] += 1_000
            row[4] += 1_000
    path = build.build_workbook(seed, tmp_path / "tables.xlsx", "template")
    assert _new(engine, path) == sorted([
        ("A101", "单位支出总表!E29", "9101.68", "9201.68"),     # 表3 总计 against 表1, 表2
        ("A102", "单位支出总表!E9", "8209.68", "8309.68"),      # 201 against 表1, 表2
        ("A102", "单位收入总表!E10", None, None),               # 20103: 表2 against 表3
        ("A102", "单位收入总表!E12", None, None),               # 2010302
        ("A105", "单位一般公共预算拨款表!F29", None, None),      # 表5 基本支出 against 表8 合计
    ], key=str)


def test_a213_the_funds_of_the_projects_with_targets_above_all_project_spending(engine, shanghai_path, tmp_path):
    path = edit_sheet(shanghai_path(OFFICE), tmp_path / "targets.xlsx", "其他相关情况说明",
                      ("涉及项目预算资金6626万元", "涉及项目预算资金6926万元"), once=True)
    assert _new(engine, path) == [("A213", "其他相关情况说明!A3", "6641.00", "6926.00")]


def test_a213_near_miss_the_funds_of_all_projects_and_s011_two_full_stops(engine, shanghai_path, tmp_path):
    """涉及项目预算资金 raised to exactly 表3's 项目支出 (6,641 万元): no A213; a doubled "。。" in the
    same paragraph is S011."""
    path = edit_sheet(shanghai_path(OFFICE), tmp_path / "targets.xlsx", "其他相关情况说明",
                      ("涉及项目预算资金6626万元。", "涉及项目预算资金6641万元。。"), once=True)
    assert _new(engine, path) == [("S011", "其他相关情况说明!A3", None, "。。")]


def test_s011_a_quote_left_open(engine, shanghai_path, tmp_path):
    path = edit_sheet(shanghai_path(OFFICE), tmp_path / "quote.xlsx", "单位编制说明",
                      ("“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”", "“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行"),
                      once=True)
    found = [f for f in engine.check(read_workbook(path, templates=engine.templates)) if f.rule == "S011"]
    assert [f.locations[0].cell for f in found] == ["A4"], found
    assert found[0].message.endswith("中的““”没有对应的“””。"), found[0].message
