"""A plugin that runs past ``plugin_time_limit`` is stopped, not just abandoned: its thread is gone
afterwards, and the run's other findings are complete. Code stuck in one C call, which no thread
can be stopped in, is reported as still running and is not started again while it runs, so a
long-lived process (Excel's) does not pile up threads. Every hook that runs plugin code is bounded
the same way: the listing hooks (rules, options, templates), a hook a plugin calls itself
(``context.hooks``), the import and the commands a plugin adds; the CLI cases use a plugin
installed as a real distribution.
"""
from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap
import threading

import pytest

from checker.core.bounded import call_bounded
from checker.core.engine import Engine, make_plugin_manager
from checker.core.model import Disclosure

HEADER = """
import threading, time
from checker.core.engine import hookimpl
from checker.core.findings import Finding, Location, Rule, Severity
"""

MODULES = {
    "spin_plugin": """
        @hookimpl
        def checker_rules():
            return [Rule("A991", Severity.WARNING, "演示", "演示。", "演示。", "坏", "好")]

        @hookimpl
        def checker_check(document):
            while True:
                pass
    """,
    "nap_plugin": """
        @hookimpl
        def checker_check(document):
            while True:
                time.sleep(0.05)
    """,
    "stubborn_plugin": """
        @hookimpl
        def checker_check(document):
            while True:                 # catches every Exception and carries on
                try:
                    while True:
                        pass
                except Exception:
                    pass
    """,
    "stuck_plugin": """
        RELEASE = threading.Event()

        @hookimpl
        def checker_check(document):
            RELEASE.wait()              # blocked inside one C call: cannot be stopped
    """,
    "names_plugin": """
        @hookimpl
        def checker_classification_names(kind, year, context):
            while True:
                pass
    """,
    "good_plugin": """
        @hookimpl
        def checker_rules():
            return [Rule("A992", Severity.WARNING, "演示", "演示。", "演示。", "坏", "好")]

        @hookimpl
        def checker_check(document):
            yield Finding("A992", "正常的结果", [Location("表1", "A1")])
    """,
}


@pytest.fixture(scope="module")
def plugins(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stop_plugins")
    for name, body in MODULES.items():
        (folder / f"{name}.py").write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    sys.path.insert(0, str(folder))
    loaded = {name: importlib.import_module(name) for name in MODULES}
    yield loaded
    loaded["stuck_plugin"].RELEASE.set()
    sys.path.remove(str(folder))
    for name in MODULES:
        sys.modules.pop(name, None)


def plugin_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("checker-plugin:")]


def s900(findings, name: str) -> list[str]:
    return [f.message for f in findings if f.rule == "S900" and f.plugin == name]


def check(*modules, limit: float = 0.3, document=None, builtins: bool = False):
    engine = Engine(make_plugin_manager(extra=modules, entry_points=builtins), options={"plugin_time_limit": limit})
    return engine.check(document if document is not None else Disclosure(path="x.xlsx"))


@pytest.mark.parametrize("name", ["spin_plugin", "nap_plugin", "stubborn_plugin"])
def test_a_plugin_over_its_time_is_stopped_and_its_thread_is_gone(plugins, name):
    findings = check(plugins[name], plugins["good_plugin"])
    messages = s900(findings, name)
    assert len(messages) == 1 and "检查时运行超过 0.3 秒，已停止" in messages[0]
    assert "plugin_time_limit" in messages[0] and "后台" not in messages[0]
    assert [f.message for f in findings if f.rule == "A992"] == ["正常的结果"]
    assert plugin_threads() == []


@pytest.fixture(scope="module")
def alone(seed_doc):
    """The built-in plugins' findings on seed 000 (the limit well above what they take)."""
    return check(document=seed_doc("000"), builtins=True, limit=1.5)


def test_the_other_plugins_findings_are_complete(plugins, seed_doc, alone):
    with_spin = check(plugins["spin_plugin"], document=seed_doc("000"), builtins=True, limit=1.5)
    assert alone and not [f for f in alone if f.rule == "S900"]
    assert [f for f in with_spin if f.rule != "S900"] == alone
    assert len(s900(with_spin, "spin_plugin")) == 1
    assert plugin_threads() == []


def test_a_hook_a_plugin_calls_itself_is_bounded_on_its_own(plugins, seed_doc, alone):
    """arithmetic asks checker_classification_names (context.hooks): a plugin that hangs there is
    stopped once, reported, and the codes plugin's answer is used; arithmetic's own clock stops
    meanwhile, so it is not stopped for the other plugin's time."""
    with_names = check(plugins["names_plugin"], document=seed_doc("000"), builtins=True, limit=1.5)
    messages = s900(with_names, "names_plugin")
    assert len(messages) == 1 and "提供科目名称时运行超过 1.5 秒，已停止" in messages[0]
    assert [f for f in with_names if f.rule != "S900"] == alone
    assert plugin_threads() == []


def test_code_stuck_in_a_c_call_is_reported_abandoned_and_not_started_again(plugins):
    stuck = plugins["stuck_plugin"]
    first = s900(check(stuck, plugins["good_plugin"]), "stuck_plugin")
    assert len(first) == 1 and "停止后仍未结束" in first[0] and "仍在后台运行" in first[0]
    assert [t.name for t in plugin_threads()] == ["checker-plugin:stuck_plugin:checker_check:abandoned"]
    again = check(stuck, plugins["good_plugin"])
    assert "本次未再调用它" in s900(again, "stuck_plugin")[0]
    assert [f.message for f in again if f.rule == "A992"] == ["正常的结果"]
    assert len(plugin_threads()) == 1           # not a second thread
    stuck.RELEASE.set()                         # the C call returns: the pending stop ends it
    for thread in plugin_threads():
        thread.join(5)
    assert plugin_threads() == []
    stuck.RELEASE.clear()


def test_a_long_lived_process_does_not_gather_threads(plugins):
    """As in Excel: many checks in one process, with the same engine and with new ones."""
    before = set(threading.enumerate())
    engine = Engine(make_plugin_manager(extra=[plugins["nap_plugin"], plugins["good_plugin"]], entry_points=False),
                    options={"plugin_time_limit": 0.2})
    for i in range(4):
        current = engine if i % 2 else Engine(make_plugin_manager(extra=[plugins["spin_plugin"]], entry_points=False),
                                              options={"plugin_time_limit": 0.2})
        findings = current.check(Disclosure(path="x.xlsx"))
        assert [f for f in findings if f.rule == "S900"]
        assert set(threading.enumerate()) == before


def test_a_stop_raised_as_the_call_ends_does_not_escape(capfd):
    """A call that returns just as it is stopped: no exception surfaces in threading's code."""
    for _ in range(20):
        outcome = call_bounded(sum, ([1, 2],), name="checker-plugin:test:sum", limit=0)
        assert outcome.value == 3 or outcome.timed_out
    assert "Traceback" not in capfd.readouterr().err
    assert plugin_threads() == []


def test_the_time_a_plugin_waits_for_a_hook_it_called_is_not_its_own():
    """A plugin calling a hook (context.hooks) that overruns: that call is stopped on its own
    limit, and the caller, whose clock stopped meanwhile, finishes within its own."""
    inner: list[threading.Thread] = []

    def hang() -> None:
        inner.append(threading.current_thread())
        while True:
            pass

    def caller() -> str:
        answer = call_bounded(hang, (), name="checker-plugin:inner:hook", limit=0.3)
        return "timed out" if answer.timed_out else "answered"

    outcome = call_bounded(caller, (), name="checker-plugin:outer:hook", limit=0.3)
    assert outcome.value == "timed out" and not outcome.timed_out
    assert inner and not inner[0].is_alive() and plugin_threads() == []


INTERRUPTED = """
import threading
from checker.core.bounded import call_bounded

def spin():
    while True:
        pass

print("ready", flush=True)
try:
    call_bounded(spin, (), name="checker-plugin:spin:checker_check", limit=60)
except KeyboardInterrupt:
    for thread in threading.enumerate():
        if thread is not threading.current_thread():
            thread.join(5)
    print("left", [t.name for t in threading.enumerate()], flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process: POSIX")
def test_ctrl_c_while_a_plugin_runs_stops_the_plugin_too():
    import signal
    import time

    child = subprocess.Popen([sys.executable, "-c", INTERRUPTED], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    time.sleep(0.3)                 # inside the plugin's call
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate(timeout=30)
    assert out.strip() == "left ['MainThread']"


def test_a_time_limit_that_is_not_a_positive_number_is_the_default():
    from checker.core.engine import time_limit

    assert time_limit("2.5") == 2.5 and time_limit("abc") == 5 and time_limit(-1) == 5 and time_limit(None) == 5


def test_context_hooks_answer_as_pluggy_would(plugins):
    """context.hooks: a firstresult hook gives the first answer, the others the list of answers;
    a plugin that overran once in a run is not asked again in that run."""
    from checker.core.engine import BoundedHooks, PluginCalls

    pm = make_plugin_manager(extra=[plugins["names_plugin"]])
    calls = PluginCalls(pm, 0.2)
    hooks = BoundedHooks(calls)
    engine = Engine(pm)
    context = engine.context(Disclosure(path="x.xlsx"), calls=calls)
    names = hooks.checker_classification_names(kind="function", year=2024, context=context)
    assert names["201"] == "一般公共服务支出"      # the codes plugin's answer, after names_plugin's overrun
    hooks.checker_classification_names(kind="economic", year=2024, context=context)
    assert [plugin for plugin, _ in calls.faults] == ["names_plugin"]     # asked once only
    assert isinstance(hooks.checker_reference_codes(year=2024), list)
    assert not hasattr(hooks, "__deepcopy__") and plugin_threads() == []


# ---- every hook through the CLI, with a plugin installed as a real distribution ----

HANGS = {
    "checker_rules": "while True: pass",
    "checker_options": "while True: pass",
    "checker_templates": "while True: pass",
}


def _install(site, name: str, source: str) -> None:
    (site / f"{name}.py").write_text(source, encoding="utf-8")
    info = site / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[checker]\n{name} = {name}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def hanging_site(tmp_path_factory):
    """A distribution whose plugin hangs in every listing hook and in adding its commands."""
    site = tmp_path_factory.mktemp("hanging_site")
    body = "from checker.core.engine import hookimpl\n"
    for hook, code in {**HANGS, "checker_register_commands": "while True: pass"}.items():
        args = "cli" if hook == "checker_register_commands" else ""
        body += f"\n@hookimpl\ndef {hook}({args}):\n    {code}\n"
    _install(site, "hanging_checker_plugin", body)
    _install(site, "hanging_import_plugin", "while True:\n    pass\n")
    data = tmp_path_factory.mktemp("hanging_data")
    (data / "options.json").write_text('{"plugin_time_limit": 0.2}', encoding="utf-8")
    return site, data


def _checker(site_data, *args):
    site, data = site_data
    env = {**os.environ, "PYTHONPATH": str(site) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "PYTHONIOENCODING": "utf-8", "CHECKER_DATA_DIR": str(data)}
    return subprocess.run([sys.executable, "-c", "from checker.cli import main; main()", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


@pytest.mark.parametrize("args, doing", [
    (["rules"], "列出规则时运行超过 0.2 秒，已停止"),
    (["templates"], "列出模板时运行超过 0.2 秒，已停止"),
    (["options"], "列出规则参数时运行超过 0.2 秒，已停止"),
    (["no-such-command"], "添加命令时运行超过 0.2 秒，已停止"),
])
def test_a_plugin_hanging_in_a_listing_hook_does_not_hang_the_command(hanging_site, args, doing):
    result = _checker(hanging_site, *args)
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    lines = [line for line in result.stderr.splitlines() if doing in line]
    assert len(lines) == 1 and lines[0].startswith("警告：插件 hanging_checker_plugin")
    if args[0] == "no-such-command":
        assert result.returncode == 2
        return
    loading = [line for line in result.stderr.splitlines() if "hanging_import_plugin" in line]
    assert loading == ["警告：插件 hanging_import_plugin: 加载时运行超过 0.2 秒，已停止，它的结果未计入。"
                       "其余插件的结果不受影响。如确需更长时间，可用 --option plugin_time_limit=秒数 放宽。"]
    assert result.returncode == 0
    if args[0] == "rules":
        assert "S001" in result.stdout and "A301" in result.stdout
    if args[0] == "templates":
        assert "shanghai" in result.stdout and "xinjiang" in result.stdout


def test_a_run_with_a_plugin_hanging_in_its_listing_hooks_reports_s900(hanging_site, seed_path):
    result = _checker(hanging_site, "run", str(seed_path("000")), "--option", "plugin_time_limit=0.2")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1 and "汇总" in result.stdout
    for doing in ("列出规则", "列出规则参数", "列出模板"):
        assert f"hanging_checker_plugin: {doing}时运行超过 0.2 秒，已停止" in result.stdout
    assert "hanging_import_plugin: 加载时运行超过 0.2 秒，已停止" in result.stdout
