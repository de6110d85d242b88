"""Plugins that misbehave — fail to import, return what is not a Finding, claim another plugin's
code, raise, run too long — become S900 findings naming the plugin and the fault; the others'
findings are kept, and run, rules, plugins and options all go on without a traceback.

The plugins are real modules written to disk by the tests: registered through the engine's plugin
manager (``make_plugin_manager(extra=...)``) as tests/test_engine.py does, and, for the import
failure, installed as a real distribution (a .dist-info with a ``checker`` entry point) on the
PYTHONPATH of a ``checker`` subprocess.
"""
from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from checker.core.engine import Engine, make_plugin_manager
from checker.core.model import Disclosure

HEADER = """
from checker.core.engine import hookimpl
from checker.core.findings import Finding, Location, Rule, Severity
"""

MODULES = {
    "good_plugin": """
        @hookimpl
        def checker_rules():
            return [Rule("A981", Severity.WARNING, "演示", "演示。", "演示。", "坏", "好")]

        @hookimpl
        def checker_check(document):
            yield Finding("A981", "正常的结果", [Location("表1", "A1")])
    """,
    "junk_plugin": """
        @hookimpl
        def checker_rules():
            return [Rule("A982", Severity.WARNING, "演示", "演示。", "演示。", "坏", "好")]

        @hookimpl
        def checker_check(document):
            return ["不是结果", 42, Finding("A982", "真的结果", []),
                    Finding("A982", "位置不对", "表1!A1"), Finding("A982", "建议值不对", [], expected=1.5)]
    """,
    "thief_plugin": """
        @hookimpl
        def checker_rules():
            # S001 belongs to the built-in structure plugin, A981 to good_plugin
            return [Rule("S001", Severity.INFO, "偷来的", "演示。", "演示。", "坏", "好"),
                    Rule("A981", Severity.INFO, "偷来的", "演示。", "演示。", "坏", "好")]

        @hookimpl
        def checker_check(document):
            yield Finding("S001", "冒充结构规则", [])
            yield Finding("A981", "冒充 good_plugin", [])
    """,
    "slow_plugin": """
        import time

        @hookimpl
        def checker_rules():
            return [Rule("A983", Severity.WARNING, "演示", "演示。", "演示。", "坏", "好")]

        @hookimpl
        def checker_check(document):
            yield Finding("A983", "超时前的结果", [])
            while True:
                time.sleep(0.05)
    """,
    "bad_rules_plugin": """
        @hookimpl
        def checker_rules():
            return ["不是 Rule"]

        @hookimpl
        def checker_options():
            return [object()]
    """,
}


@pytest.fixture
def plugins(tmp_path, monkeypatch):
    folder = tmp_path / "plugins"
    folder.mkdir()
    for name, body in MODULES.items():
        (folder / f"{name}.py").write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    loaded = {name: importlib.import_module(name) for name in MODULES}
    yield loaded
    for name in MODULES:
        sys.modules.pop(name, None)


def engine(*modules, **kw) -> Engine:
    return Engine(make_plugin_manager(extra=modules), **kw)


def s900(findings, name: str) -> list[str]:
    return [f.message for f in findings if f.rule == "S900" and f.plugin == name]


def test_results_that_are_not_findings_are_reported_and_the_real_ones_kept(plugins):
    findings = engine(plugins["junk_plugin"]).check(Disclosure(path="x.xlsx"))
    errors = s900(findings, "junk_plugin")
    assert len(errors) == 4 and all("不是校验结果（Finding）" in m for m in errors[:2])
    assert "str" in errors[0] and "int" in errors[1]
    assert "位置应为 Location 的列表" in errors[2] and "建议值和实际值应为文字" in errors[3]
    assert [f.message for f in findings if f.rule == "A982"] == ["真的结果"]


def test_a_stolen_code_is_refused_with_its_findings(plugins):
    eng = engine(plugins["good_plugin"], plugins["thief_plugin"])
    assert eng.rules["S001"].plugin == "structure" and eng.rules["A981"].plugin == "good_plugin"
    findings = eng.check(Disclosure(path="x.xlsx"))
    messages = s900(findings, "thief_plugin")
    assert any("S001" in m and "已属于插件 structure" in m for m in messages)
    assert any("A981" in m and "已属于插件 good_plugin" in m for m in messages)
    assert any("冒充结构规则" in m and "已拒绝" in m for m in messages)
    assert "冒充结构规则" not in [f.message for f in findings if f.rule == "S001"]
    assert "冒充 good_plugin" not in [f.message for f in findings if f.rule == "A981"]
    assert [f.message for f in findings if f.rule == "A981"] == ["正常的结果"]


def test_a_plugin_over_the_time_limit_is_abandoned_and_reported(plugins):
    eng = engine(plugins["good_plugin"], plugins["slow_plugin"], options={"plugin_time_limit": 0.5})
    findings = eng.check(Disclosure(path="x.xlsx"))
    messages = s900(findings, "slow_plugin")
    assert len(messages) == 1 and "超过 0.5 秒" in messages[0] and "plugin_time_limit" in messages[0]
    assert [f.message for f in findings if f.rule == "A981"] == ["正常的结果"]
    assert not [f for f in findings if f.rule == "A983"]     # a plugin that did not finish: nothing of it


def test_wrong_declarations_are_reported_not_crashed(plugins):
    eng = engine(plugins["bad_rules_plugin"], plugins["good_plugin"])
    assert any("不是 Rule" in m for m in eng.rule_errors)
    assert any("不是 RunOption" in m for m in eng.rule_errors)
    findings = eng.check(Disclosure(path="x.xlsx"))
    assert len(s900(findings, "bad_rules_plugin")) == 2
    assert [f.message for f in findings if f.rule == "A981"] == ["正常的结果"]


BROKEN = "import nonexistent_module_for_checker_tests\n"


def _install(site: Path, name: str, module_source: str) -> None:
    """A real distribution: a module and a .dist-info declaring it under [checker]."""
    (site / f"{name}.py").write_text(module_source, encoding="utf-8")
    info = site / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[checker]\n{name} = {name}\n", encoding="utf-8")


@pytest.mark.parametrize("args", [["run", "{seed}"], ["rules"], ["plugins"], ["options"]])
def test_a_plugin_that_fails_to_import_is_reported_everywhere(tmp_path, seed_path, args):
    site = tmp_path / "site"
    site.mkdir()
    _install(site, "broken_checker_plugin", BROKEN)
    env = {**os.environ, "PYTHONPATH": str(site) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "PYTHONIOENCODING": "utf-8", "CHECKER_DATA_DIR": str(tmp_path / "data")}
    argv = [a.format(seed=seed_path("000", "split")) for a in args]
    result = subprocess.run([sys.executable, "-c", "from checker.cli import main; main()", *argv],
                            capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    assert "broken_checker_plugin" in out and "插件无法加载" in out and "ModuleNotFoundError" in out
    if args[0] == "run":
        assert result.returncode == 1 and "S900" in out
        assert "汇总" in result.stdout     # the report of the other plugins' checks, in full
    else:
        assert result.returncode == 0
        if args[0] == "rules":
            assert "S001" in result.stdout
        if args[0] == "plugins":
            assert "checker.plugins.structure" in result.stdout
