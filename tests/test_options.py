"""Run options: declared by plugins through checker_options, listed, defaulted, overridden, refused."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from checker.cli import cli
from checker.core.engine import Engine, hookimpl, make_plugin_manager
from checker.core.findings import Finding, Location, Rule, Severity
from checker.core.model import Disclosure
from checker.core.options import RunOption

DOCS = Path(__file__).resolve().parent.parent / "docs"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples"


class ThresholdPlugin:
    """A third-party plugin that reads one option of its own."""

    @hookimpl
    def checker_rules(self):
        return [Rule("A995", Severity.WARNING, "演示阈值", "演示。", "演示。", "坏", "好")]

    @hookimpl
    def checker_options(self):
        return [RunOption("demo_limit", [1, 2], "演示参数（A995）")]

    @hookimpl
    def checker_check(self, document, context):
        limit = context.option("demo_limit")
        yield Finding("A995", f"阈值 {limit}", [Location("表1", "A1", "表1")])
        if isinstance(limit, list):
            limit.append(99)     # a plugin that changes its option must not change the declared default


class ClashingPlugin:
    @hookimpl
    def checker_options(self):
        return [RunOption("demo_limit", 5, "同名参数")]


def _messages(engine):
    return [f.message for f in engine.check(Disclosure(path="演示.xlsx")) if f.rule == "A995"]


def test_declared_default_reaches_the_check_and_option_overrides_it():
    pm = make_plugin_manager([ThresholdPlugin()], entry_points=False)
    assert _messages(Engine(pm)) == ["阈值 [1, 2]"]
    assert _messages(Engine(pm)) == ["阈值 [1, 2]"]          # the default was copied, not shared
    assert _messages(Engine(pm, options={"demo_limit": 7})) == ["阈值 7"]
    option = Engine(pm).declared_options["demo_limit"]
    assert (option.plugin, option.help, option.shown_default) == ("ThresholdPlugin", "演示参数（A995）", "[1, 2]")


def test_unknown_option_is_refused_with_the_names_that_exist():
    pm = make_plugin_manager([ThresholdPlugin()], entry_points=False)
    try:
        Engine(pm, options={"demo_limt": 3})
    except Exception as exc:
        assert type(exc).__name__ == "UsageError"
        assert "未知的规则参数：demo_limt" in str(exc) and "demo_limit" in str(exc)
    else:
        raise AssertionError("a misspelt option was accepted")


def test_two_plugins_declaring_one_name_is_a_plugin_error():
    pm = make_plugin_manager([ThresholdPlugin(), ClashingPlugin()], entry_points=False)
    engine = Engine(pm)
    errors = [f for f in engine.check(Disclosure(path="演示.xlsx")) if f.rule == "S900"]
    assert len(errors) == 1 and "规则参数 demo_limit" in errors[0].message
    assert engine.declared_options["demo_limit"].default == [1, 2]      # the first declaration stands


def test_run_refuses_a_misspelt_option_in_chinese():
    result = CliRunner().invoke(cli, ["run", str(EXAMPLE), "--option", "large_change_percnt=20"])
    assert result.exit_code == 2
    assert "未知的规则参数：large_change_percnt" in result.output and "large_change_percent" in result.output
    assert "Traceback" not in result.output


def test_options_command_lists_the_builtin_options():
    result = CliRunner().invoke(cli, ["options", "--format", "json"])
    assert result.exit_code == 0
    listed = {o["name"]: o for o in json.loads(result.output)}
    assert listed["large_change_percent"]["default"] == 10 and listed["large_change_percent"]["plugin"] == "yoy"
    assert listed["performance_weight_totals"]["default"] == [90, 100]
    assert all(o["help"] for o in listed.values())
    text = CliRunner().invoke(cli, ["options"]).output
    assert "performance_required_kinds_whole  默认 （空）  [performance]" in text


def test_every_builtin_option_is_documented_with_its_default():
    docs = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.glob("*.md"))
    for option in Engine(make_plugin_manager()).declared_options.values():
        shown = "空" if option.default in ("", None) else option.shown_default
        assert f"| `{option.name}` |" in docs, option.name
        row = next(line for line in docs.splitlines() if line.startswith(f"| `{option.name}` |"))
        assert shown in row, (option.name, row)
