"""The document's 目录 read as its own list of tables (checker.core.reader.contents) and compared
with the tables it holds (S009): on seed workbooks whose 目录 sheet is edited the way a department
gets it wrong (the six real Shanghai PDFs, whose 目录 agree with their tables: tests/test_pdf.py)."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from checker.core.engine import Engine, make_plugin_manager
from checker.core.reader import read_workbook



@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


def _s009(engine, path: Path) -> list:
    return [f for f in engine.check(read_workbook(path, templates=engine.templates)) if f.rule == "S009"]


def _edited(source: Path, target: Path, edit) -> Path:
    wb = openpyxl.load_workbook(source)
    edit(wb)
    wb.save(target)
    return target


def _toc_row(ws, number: int) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == f"表{number}")


def test_s009_contents_that_disagree_with_the_tables(engine, seed_path, tmp_path):
    def edit(wb):
        toc = wb["目录"]
        toc.cell(_toc_row(toc, 3), 2).value = "部门支出总体情况表"               # renamed in the 目录 only
        toc.cell(_toc_row(toc, 5), 1).value = "表6"                             # misnumbered
        toc.delete_rows(_toc_row(toc, 8))                                       # 表8 left out
        # listed, not in the file: 表7, which the 说明 says is empty (so S001 allows it missing)
        del wb[next(n for n in wb.sheetnames if n.startswith("表7"))]
    path = _edited(seed_path("000", "split"), tmp_path / "目录错.xlsx", edit)
    found = _s009(engine, path)
    messages = sorted(f.message for f in found)
    assert len(found) == 4, messages
    renamed = next(f for f in found if f.actual == "部门支出总体情况表")
    assert renamed.expected == "单位支出总体情况表" and "与表3的标题“单位支出总体情况表”不一致" in renamed.message
    assert renamed.locations[0].sheet == "目录" and renamed.locations[0].table == "目录"
    assert any(f.expected == "5" and f.actual == "6" and "编为第 6 项，文件中它是表5" in f.message for f in found)
    assert any("表8 政府性基金预算支出情况表 在文件中，但目录中没有列出" in m for m in messages)
    assert any(m.startswith("目录列出“表7 一般公共预算项目支出情况表”，但文件中没有这张表") for m in messages)
    assert not [f for f in engine.check(read_workbook(path)) if f.rule == "S001"]


def test_s009_leaves_a_required_table_missing_to_s001(engine, seed_path, tmp_path):
    path = _edited(seed_path("000", "split"), tmp_path / "缺表.xlsx",
                   lambda wb: wb.remove(wb[next(n for n in wb.sheetnames if n.startswith("表11"))]))
    rules = [f.rule for f in engine.check(read_workbook(path)) if f.rule in ("S001", "S009")]
    assert rules == ["S001"]


def test_s009_near_miss_contents_printed_with_leaders_page_numbers_and_spaces(engine, seed_path, tmp_path):
    def edit(wb):
        toc = wb["目录"]
        for r in range(1, toc.max_row + 1):
            if toc.cell(r, 2).value:
                toc.cell(r, 2).value = f"{toc.cell(r, 2).value[:3]} {toc.cell(r, 2).value[3:]}……………… {r + 2}"
        toc.cell(_toc_row(toc, 4), 1).value = "表 4．"
    path = _edited(seed_path("000", "split"), tmp_path / "目录.xlsx", edit)
    doc = read_workbook(path, templates=engine.templates)
    assert len(doc.contents) == 11 and {e.number for e in doc.contents} == set(range(1, 12))
    assert _s009(engine, path) == []


def test_a_document_without_contents_is_not_compared(engine, seed_path):
    doc = read_workbook(seed_path("000", "stacked"), templates=engine.templates)
    assert doc.contents is None
    assert not [f for f in engine.check(doc) if f.rule == "S009"]


# The six real Shanghai PDFs: tests/test_pdf.py (their 目录 read, nine entries each, and no S009,
# as their pinned findings have none).
