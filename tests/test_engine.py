"""The engine: hooks, rule registry, crash isolation, select/ignore, accepted deviations."""
from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.core.cells import CellRef
from checker.core.errors import UsageError
from checker.core.engine import Engine, hookimpl, make_plugin_manager
from checker.core.findings import Finding, Location, Rule, Severity
from checker.core.model import AcceptedDeviation, Disclosure

DEMO_RULES = [
    Rule("A990", Severity.WARNING, "演示警告", "演示。", "演示。", "坏", "好"),
    Rule("A991", Severity.ERROR, "演示错误", "演示。", "演示。", "坏", "好"),
]


class DemoPlugin:
    @hookimpl
    def checker_rules(self):
        return DEMO_RULES

    @hookimpl
    def checker_check(self, document, context):
        yield Finding("A990", "演示警告 1.00 万元", [Location("表5", "E8", "表5 一般公共预算支出情况表")])
        yield Finding("A991", "演示错误", [Location("表5", "E9", "表5 一般公共预算支出情况表")])


class CrashingPlugin:
    @hookimpl
    def checker_check(self, document, context):
        yield Finding("A990", "before the crash", [])
        raise ZeroDivisionError("division by zero")


class UndeclaredPlugin:
    @hookimpl
    def checker_check(self, document):
        return [Finding("A999", "没有声明的规则", [])]


def engine(*plugins, **kw) -> Engine:
    return Engine(make_plugin_manager(extra=plugins, entry_points=False), **kw)


def test_builtin_plugins_load_through_entry_points():
    names = {info.name: info for info in Engine().plugins()}
    for name in ("structure", "arithmetic", "codes", "yoy", "performance"):
        assert name in names
        assert names[name].module == f"checker.plugins.{name}"
        assert "budget-disclosure-checker" in names[name].distribution


def test_crashing_plugin_becomes_a_finding_and_the_run_goes_on():
    findings = engine(DemoPlugin(), CrashingPlugin()).check(Disclosure(path="x.xlsx"))
    rules = [f.rule for f in findings]
    assert "A991" in rules and "A990" in rules  # the healthy plugin still reported
    crash = [f for f in findings if f.rule == "S900"]
    assert len(crash) == 1
    assert "ZeroDivisionError" in crash[0].message and "CrashingPlugin" in crash[0].message
    assert crash[0].severity is Severity.ERROR


def test_undeclared_rule_is_reported_as_plugin_error():
    findings = engine(UndeclaredPlugin()).check(Disclosure(path="x.xlsx"))
    assert [f.rule for f in findings] == ["S900"]
    assert "A999" in findings[0].message


def test_duplicate_rule_codes_are_reported():
    class Again:
        @hookimpl
        def checker_rules(self):
            return [DEMO_RULES[0]]

    eng = engine(DemoPlugin(), Again())
    assert any("A990" in m for m in eng.rule_errors)


@pytest.mark.parametrize("select, ignore, expected", [
    ((), (), {"A990", "A991"}),
    (("A991",), (), {"A991"}),
    (("A",), ("A990",), {"A991"}),
])
def test_select_and_ignore(select, ignore, expected):
    findings = engine(DemoPlugin(), select=select, ignore=ignore).check(Disclosure(path="x.xlsx"))
    assert {f.rule for f in findings} == expected


def test_select_of_a_prefix_no_rule_has_is_refused():
    with pytest.raises(UsageError, match="--select 中的“C”不是任何规则的编码或前缀"):
        engine(DemoPlugin(), select=("C",))


def test_accepted_deviation_explains_warnings_only():
    doc = Disclosure(path="x.xlsx", deviations=[
        AcceptedDeviation("A990", "表5!E8", "差异系口径不同，已在说明中解释", CellRef("校验说明", 1, 0)),
        AcceptedDeviation("A991", "表5!E9", "想把错误也说明掉", CellRef("校验说明", 2, 0)),
    ])
    findings = {f.rule: f for f in engine(DemoPlugin()).check(doc)}
    assert findings["A990"].explained == "差异系口径不同，已在说明中解释"
    assert findings["A991"].explained is None


def test_deviation_sheet_is_read_from_the_workbook(tmp_path, seed_path):
    wb = openpyxl.load_workbook(seed_path("000", "split"))
    ws = wb.create_sheet("校验说明")
    ws.append(["规则", "位置", "说明"])
    ws.append(["A990", "表5!E8", "已说明的差异"])
    path = tmp_path / "with_deviations.xlsx"
    wb.save(path)
    from checker.core.reader import read_workbook
    doc = read_workbook(path)
    assert [(d.rule, d.location, d.explanation) for d in doc.deviations] == [("A990", "表5!E8", "已说明的差异")]


def test_rules_json_lists_every_rule_with_metadata():
    result = CliRunner().invoke(cli, ["rules", "--format", "json"])
    assert result.exit_code == 0
    rules = json.loads(result.output)
    codes = [r["code"] for r in rules]
    assert len(codes) == len(set(codes))
    assert {"S001", "S900"} <= set(codes)
    for r in rules:
        assert {"code", "severity", "title", "plugin"} <= set(r)
        assert r["severity"] in ("error", "warning", "info")
        assert r["bad"] and r["good"] and r["what"] and r["why"]


def test_plugins_command_lists_origin():
    result = CliRunner().invoke(cli, ["plugins"])
    assert result.exit_code == 0
    assert "checker.plugins.structure" in result.output and "budget-disclosure-checker" in result.output


def test_no_s900_for_a_plugin_that_declares_the_rules_it_reports():
    """Near miss of S900: the same kind of plugin as UndeclaredPlugin, but its rules declared through
    checker_rules and no exception raised — its findings pass through, no plugin error."""
    findings = engine(DemoPlugin()).check(Disclosure(path="x.xlsx"))
    assert sorted(f.rule for f in findings) == ["A990", "A991"]
