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


# ------------------------------------------------------------------ saved options (checker options set)

def _checker(args, data_dir):
    return CliRunner(env={"CHECKER_DATA_DIR": str(data_dir)}).invoke(cli, args)


def _y015(data_dir, *extra):
    result = _checker(["run", str(EXAMPLE), "--select", "Y015", "--format", "json", *extra], data_dir)
    assert result.exit_code in (0, 1), result.output
    return len(json.loads(result.output)["files"][0]["findings"])


def test_saved_option_applies_to_every_run_until_unset(tmp_path):
    data = tmp_path / "data"
    assert _y015(data) == 1
    out = _checker(["options", "set", "large_change_percent", "50"], data)
    assert out.exit_code == 0 and "已保存：large_change_percent = 50" in out.output
    assert json.loads((data / "options.json").read_text(encoding="utf-8")) == {"large_change_percent": 50}
    assert _y015(data) == 0
    assert _y015(data, "--option", "large_change_percent=10") == 1       # --option wins for one run
    listed = _checker(["options"], data).output
    assert "large_change_percent  默认 10  已保存 50  [yoy]" in listed and "options.json" in listed
    assert json.loads(_checker(["options", "--format", "json"], data).output)[1]["saved"] == 50
    out = _checker(["options", "unset", "large_change_percent"], data)
    assert out.exit_code == 0 and "恢复默认值" in out.output
    assert _y015(data) == 1
    assert "没有保存过" in _checker(["options", "unset", "large_change_percent"], data).output


def test_saving_an_unknown_option_is_refused(tmp_path):
    out = _checker(["options", "set", "large_change_percnt", "50"], tmp_path)
    assert out.exit_code == 2 and "未知的规则参数：large_change_percnt" in out.output
    assert not (tmp_path / "options.json").exists()


def test_a_damaged_or_stale_settings_file_is_named_not_ignored(tmp_path):
    (tmp_path / "options.json").write_text("{large_change_percent: 50", encoding="utf-8")
    out = _checker(["run", str(EXAMPLE)], tmp_path)
    assert out.exit_code == 2 and "options.json" in out.output and "已损坏" in out.output and "Traceback" not in out.output
    (tmp_path / "options.json").write_text('{"old_plugin_limit": 3}', encoding="utf-8")
    out = _checker(["run", str(EXAMPLE)], tmp_path)
    assert out.exit_code == 2 and "保存的规则参数 old_plugin_limit 已没有插件使用" in out.output
    assert "checker options unset old_plugin_limit" in out.output


def test_the_excel_default_engine_follows_the_saved_options(tmp_path, monkeypatch):
    from checker.core.settings import save_option
    from checker.excel.book import default_engine

    monkeypatch.setenv("CHECKER_DATA_DIR", str(tmp_path))
    assert "large_change_percent" not in default_engine().options
    save_option("large_change_percent", 30)
    assert default_engine().options["large_change_percent"] == 30
    assert default_engine() is default_engine()          # made once per saved options, not per click
