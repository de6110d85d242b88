"""The 项目经费情况说明 of the real Shanghai budgets (one a project): "六、年度预算安排" against its own
items and quarters (A214), against the tables' 项目支出 (A213), and a project without an amount
(S014) — each mistake edited in the way a unit would leave it, and the same text a little inside."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from checker.core.cells import CellRef
from checker.core.engine import Engine, make_plugin_manager
from checker.core.model import Disclosure, Narrative, Paragraph
from checker.core.statements import part_pieces, read_statements
from checker.plugins.templates.shanghai import PROFILE as SHANGHAI
from checker.plugins.templates.xinjiang import PROFILE as XINJIANG
from checker.core.reader import read_workbook
from checker.plugins.arithmetic.project_budgets import projects
from test_shanghai_findings import PINS, _new_findings, _pins

COMMERCE, WANLI, OFFICE = "sh_commerce_dept_2025", "sh_wanli_2025", "sh_office_dept_2025"
SHEET = "项目经费情况说明"


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


def _edited(shanghai_path, path: Path, seed: str, edits: dict[str, list[tuple[str, str]]]) -> Path:
    """The seed with each sheet's ``(old, new)`` replaced in the one cell that holds ``old``."""
    shutil.copy(shanghai_path(seed), path)
    wb = openpyxl.load_workbook(path)
    for sheet, changes in edits.items():
        for old, new in changes:
            cells = [c for row in wb[sheet].iter_rows() for c in row if isinstance(c.value, str) and old in c.value]
            assert len(cells) == 1, f"{old!r} found in {len(cells)} cells of {sheet}"
            cells[0].value = cells[0].value.replace(old, new, 1)
    wb.save(path)
    return path


def _new(engine, path: Path, seed: str) -> list[tuple]:
    return _new_findings(engine, path, seed)


def test_the_four_commerce_projects_are_read_with_their_items(engine, shanghai_path):
    doc = read_workbook(shanghai_path(COMMERCE), templates=engine.templates)
    assert [(p.name, str(p.value), len(p.parts), [s.amount.text for s in p.sums]) for p in projects(doc)] == [
        ("科技创新专项", "1720.00", 1, []), ("生命健康专项(政策资金)", "1170.00", 4, ["1170.00"]),
        ("商业创新专项(政策资金)", "1410.00", 5, ["1410.00"]), ("贸易高质量发展专项(政策资金)", "2921.00", 5, ["2921.00"])]
    wanli = read_workbook(shanghai_path(WANLI), templates=engine.templates)
    assert [(p.title, str(p.value), len(p.quarters)) for p in projects(wanli)] == [("项目经费情况说明", "60", 4)]


def test_a213_a214_amounts_that_do_not_fit_the_items_or_the_tables(engine, shanghai_path, tmp_path):
    """科技创新专项 renamed after its 项 (2060503 科技条件专项, 项目支出 1,720.00 万元) and raised to
    30,000.00 万元: more than its 项 (A213), and the four projects together (35,501.00) more than
    表3's 项目支出 35,168.40 (A213); an item of 生命健康 retyped (A214), 商业创新's 合计 mistyped (A214)."""
    path = _edited(shanghai_path, tmp_path / "commerce.xlsx", COMMERCE, {
        SHEET: [("科技创新专项经费情况说明", "科技条件专项经费情况说明"),
                ("项目总预算1720.00万，其中各级企业技术中心及专精特新认定1720.00万", "项目总预算30000.00万，其中各级企业技术中心及专精特新认定30000.00万")],
        f"{SHEET}2": [("支持企业国际化发展50.00万", "支持企业国际化发展60.00万")],
        f"{SHEET}3": [("合计1410.00万", "合计1401.00万")],
    })
    assert _new(engine, path, COMMERCE) == sorted([
        ("A213", f"{SHEET}!A3", "1720.00", "30000.00"),         # its 项's 项目支出
        ("A213", f"{SHEET}!A3", "35168.40", "35501.00"),        # all four against 表3's 项目支出
        ("A214", f"{SHEET}2!A3", "1170.00", "1180.00"),          # 870 + 70 + 180 + 60
        ("A214", f"{SHEET}3!A3", "1410.00", "1401.00"),          # its 合计
    ], key=str)
    findings = [f for f in engine.check(read_workbook(path, templates=engine.templates)) if f.rule == "A213"]
    assert "表3“2060503 科技条件专项”的项目支出只有 1,720.00 万元" in findings[0].message
    assert [loc.cell for loc in findings[0].locations] == ["A3", "G17"]


def test_a213_a214_near_miss_items_that_still_add_up_and_a_named_project_within_its_item(engine, shanghai_path, tmp_path):
    path = _edited(shanghai_path, tmp_path / "commerce.xlsx", COMMERCE, {
        SHEET: [("科技创新专项经费情况说明", "科技条件专项经费情况说明")],
        f"{SHEET}2": [("规模化发展870.00万，支持企业创新化发展70.00万", "规模化发展860.00万，支持企业创新化发展80.00万")],
    })
    assert _new(engine, path, COMMERCE) == []


def test_a213_a214_quarters_against_the_total_and_the_table(engine, shanghai_path, tmp_path):
    """万里 2025 prints only the quarters (4 × 15 万元); a total of 9,000 万元 put before them is
    more than its quarters and more than 表3's 项目支出 (8,842.58 万元)."""
    path = _edited(shanghai_path, tmp_path / "wanli.xlsx", WANLI, {
        SHEET: [("第一季度用款计划15万元", "2025年度项目总预算9000万元，第一季度用款计划15万元")]})
    assert _new(engine, path, WANLI) == sorted([("A213", f"{SHEET}!A3", "8842.58", "9000.00"),
                                                ("A214", f"{SHEET}!A3", "9000.00", "60.00")], key=str)


def test_a213_a214_near_miss_a_total_its_quarters_make(engine, shanghai_path, tmp_path):
    path = _edited(shanghai_path, tmp_path / "wanli.xlsx", WANLI, {
        SHEET: [("第一季度用款计划15万元", "2025年度项目总预算60万元，第一季度用款计划15万元")]})
    assert _new(engine, path, WANLI) == []


def test_s014_near_miss_a_project_that_states_its_amount(engine, shanghai_path, tmp_path):
    """政府办's one project says how it pays but not how much (S014, pinned); with its amount, nothing."""
    assert ("S014", f"{SHEET}!A1", None, None) in PINS[OFFICE]
    path = _edited(shanghai_path, tmp_path / "office.xlsx", OFFICE, {
        SHEET: [("按时拨付资金。", "按时拨付资金，2025年度项目总预算120.00万元。")]})
    found = _pins(engine.check(read_workbook(path, templates=engine.templates)))
    assert found == sorted([pin for pin in PINS[OFFICE] if pin[0] != "S014"], key=str)


def test_projects_in_one_file_are_told_apart_by_their_headings():
    """A --narrative file puts every project on one sheet: each 经费情况说明 heading starts the next;
    a project without an amount has none, and a document without the part has no projects."""
    cell = lambda row: CellRef("说明", row, 0)          # noqa: E731
    texts = ["前言", "科技创新专项经费情况说明", "六、年度预算安排", "2025年度项目总预算10.00万，其中A10.00万。",
             "区政府督查项目经费情况说明", "六、年度预算安排", "按时拨付资金。"]
    narrative = Narrative([Paragraph(t, cell(i), part="project") for i, t in enumerate(texts)])
    part = next(p for p in SHANGHAI.narrative_parts if p.key == "project")
    assert [[p.text for p in piece] for piece in part_pieces(narrative, part)] == [texts[:1], texts[1:4], texts[4:]]
    assert part_pieces(None, part) == []
    doc = Disclosure(path="x.xlsx", template=SHANGHAI, narrative=narrative,
                     statements=read_statements(narrative, SHANGHAI.sentences))
    found = projects(doc)
    assert [(p.name, p.value) for p in found] == [("前言", None), ("科技创新专项", Decimal("10.00")), ("区政府督查", None)]
    assert projects(Disclosure(path="x.xlsx", template=XINJIANG, narrative=narrative)) == []
    assert projects(Disclosure(path="x.xlsx", template=SHANGHAI)) == []
