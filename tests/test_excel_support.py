"""Shared by the Excel and annotation tests: a plugin with known findings, and seed workbooks
prepared with fills and notes of their own (so that restoring them is actually tested).

The check plugins are being written in parallel and their findings change; the marks these
tests assert on come from :class:`MarkPlugin`, whose findings are fixed. Tests that also run the
real plugins assert only what holds for any set of findings.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from checker.core.engine import Engine, hookimpl, make_plugin_manager
from checker.core.findings import Finding, Location, Rule, Severity
from checker.core.reader import read_workbook

RULES = [
    Rule("A990", Severity.WARNING, "测试警告", "测试。", "测试。", "坏", "好"),
    Rule("A991", Severity.ERROR, "测试错误", "测试。", "测试。", "坏", "好"),
    Rule("S990", Severity.WARNING, "测试整表", "测试。", "测试。", "坏", "好"),
]

# What the prepared workbooks carry before any marking, on the cells the plugin flags.
OWN_FILL = "#00B0F0"
OWN_NOTE = "编制说明：此数由财务科核定"
OWN_NOTE_AUTHOR = "财务科"


class MarkPlugin:
    """Reports the findings it is given, fresh copies on every run."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings

    @hookimpl
    def checker_rules(self) -> list[Rule]:
        return RULES

    @hookimpl
    def checker_check(self, document, context):
        return [copy.deepcopy(f) for f in self.findings]


def make_engine(findings: list[Finding]) -> Engine:
    """An engine running only :class:`MarkPlugin` with ``findings``."""
    return Engine(make_plugin_manager(extra=[MarkPlugin(findings)], entry_points=False))


@dataclass
class Targets:
    """The cells a prepared workbook's plugin flags."""

    sheet: str
    error_cell: str          # has OWN_FILL and OWN_NOTE before marking
    warning_cell: str        # plain
    both_cell: str           # flagged by a warning and by an error: must end up error-coloured
    title: str               # the sheet's first text cell, flagged together with warning_cell

    def findings(self) -> list[Finding]:
        table = "表1 测试表"
        return [
            Finding("A991", "合计 100.00 不等于各项之和 90.00。", [Location(self.sheet, self.error_cell, table)],
                    expected="90.00", actual="100.00"),
            Finding("A990", "与上年相比增长 35%，未作说明。",
                    [Location(self.sheet, self.warning_cell, table), Location(self.sheet, self.title, table)]),
            Finding("A990", "增减变化需说明。", [Location(self.sheet, self.both_cell, table)]),
            Finding("A991", "本行数字有误。", [Location(self.sheet, self.both_cell, table)], expected="12.00"),
            Finding("S990", "整张表缺少编制单位。", [Location(self.sheet, "", table)]),
            Finding("S990", "找不到的工作表。", [Location("不存在的表", "B2", "")]),
        ]


def numeric_cells(ws) -> list[str]:
    return [c.coordinate for row in ws.iter_rows() for c in row
            if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)]


def prepare(source: Path, out: Path) -> Targets:
    """Copy a seed workbook, giving the first numeric cell of its first table sheet a fill and a
    note of its own; return the cells to flag."""
    wb = openpyxl.load_workbook(source)
    ws = next(ws for ws in wb.worksheets if len(numeric_cells(ws)) >= 3)
    nums = numeric_cells(ws)
    title: Optional[str] = next(c.coordinate for row in ws.iter_rows() for c in row if isinstance(c.value, str))
    targets = Targets(ws.title, nums[0], nums[1], nums[2], title)
    cell = ws[targets.error_cell]
    cell.fill = PatternFill(fill_type="solid", fgColor=OWN_FILL.lstrip("#"))
    cell.comment = Comment(OWN_NOTE, OWN_NOTE_AUTHOR)
    wb.save(out)
    return targets


def read_findings(path: Path, engine: Engine) -> list[Finding]:
    return engine.check(read_workbook(path))


def test_mark_plugin_findings_come_through_the_engine(seed_path, tmp_path):
    targets = prepare(seed_path("000", "split"), tmp_path / "prepared.xlsx")
    findings = read_findings(tmp_path / "prepared.xlsx", make_engine(targets.findings()))
    assert sorted(f.rule for f in findings) == ["A990", "A990", "A991", "A991", "S990", "S990"]
    assert {f.severity for f in findings if f.rule == "A991"} == {Severity.ERROR}
