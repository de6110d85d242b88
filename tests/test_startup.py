"""``checker --version`` and ``checker --help`` load no plugin (nor openpyxl, xlwings, python-docx):
a fresh command line costs Python's start plus click, and the checks are imported by the commands
that run them. (How long a start takes is measured by benchmarks/bench_startup.py, not here.)"""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

PROBE = """
import json, sys
from checker.cli import main
sys.argv = ["checker", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = ("openpyxl", "xlwings", "docx", "python_calamine")
print(json.dumps([m for m in sys.modules if m.startswith("checker.plugins") or m.split(".")[0] in heavy
                  or m == "checker.excel.book"]))
"""


def loaded(*args: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("-h",), ("run", "--help"), ("codes", "--help")])
def test_version_and_help_load_no_plugin(args):
    modules = loaded(*args)
    if args[0] == "codes":      # a plugin's own command: that plugin, no other
        modules = [m for m in modules if m != "checker.plugins" and not m.startswith("checker.plugins.codes")]
    assert modules == []


def test_help_lists_the_lazily_loaded_commands_with_their_help():
    out = subprocess.run([sys.executable, "-m", "checker", "--help"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^  codes +科目编码：查询科目、导入官方科目表、查看科目表覆盖情况。$", out, re.M)
    assert re.search(r"^  clear +清除 checker run --annotate 写入的标注", out, re.M)
    assert re.search(r"^  excel +Excel 加载项", out, re.M)


def test_a_plugin_command_runs():
    out = subprocess.run([sys.executable, "-m", "checker", "codes", "2010301", "--year", "2024"],
                         capture_output=True, text=True, check=True).stdout
    assert "行政运行" in out
