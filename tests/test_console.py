"""Output on a Chinese-Windows console (GBK): no command ends in a UnicodeEncodeError.

Every command is run as a real subprocess with PYTHONIOENCODING=gbk, as a GBK console or a
redirected cmd pipe would encode; what it prints must be valid GBK, with characters GBK lacks
replaced by plain equivalents.
"""
from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import pytest

import build
from checker.core.console import plain_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = next((ROOT / "examples").glob("*.xlsx"))
CHECKER = Path(sys.executable).with_name("checker")


def _gbk(args, data_dir, cwd=None):
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "CHECKER_DATA_DIR": str(data_dir), "NO_COLOR": "1"}
    proc = subprocess.run([str(CHECKER), *map(str, args)], capture_output=True, env=env, cwd=cwd, timeout=600)
    out, err = proc.stdout.decode("gbk"), proc.stderr.decode("gbk")       # strict: must be GBK
    assert "Traceback" not in err and "UnicodeEncodeError" not in err, err
    return proc.returncode, out, err


@pytest.mark.parametrize("args", [
    ["--help"], ["--version"], ["run", "--help"], ["run", EXAMPLE], ["run", EXAMPLE, "-v"],
    ["run", EXAMPLE, "--format", "json"], ["run", EXAMPLE, "--prior", EXAMPLE],
    ["run", EXAMPLE, "--select", "Z"], ["rules"], ["rules", "--format", "json"], ["rules", "--format", "markdown"],
    ["options"], ["options", "--format", "json"], ["plugins"], ["codes", "2010301"], ["codes", "行政运行"],
    ["codes", "coverage"], ["codes", "remove", "--year", "2030"], ["rule", "A301"], ["rule", "S020"],
    ["run", EXAMPLE, "--statistics"], ["run", EXAMPLE, "-q"],
    ["codes"], ["templates"], ["templates", "--format", "json"], ["excel", "--help"], ["clear", "--help"], ["bogus"],
])
def test_every_command_prints_gbk(args, tmp_path):
    code, out, err = _gbk(args, tmp_path / "data")
    assert code in (0, 1, 2)
    assert out or err


def test_options_set_and_unset_print_gbk(tmp_path):
    assert _gbk(["options", "set", "large_change_percent", "20"], tmp_path)[0] == 0
    assert _gbk(["options", "unset", "large_change_percent"], tmp_path)[0] == 0


def test_addin_and_clear_print_gbk(tmp_path):
    code, out, _ = _gbk(["excel", "addin", tmp_path / "加载项"], tmp_path / "data")
    assert code == 0 and "已生成 Excel 加载项" in out
    code, out, _ = _gbk(["clear", EXAMPLE], tmp_path / "data")   # no marks: the file is not touched
    assert code == 0 and "没有校验标记" in out


def test_a_character_gbk_lacks_in_the_workbook_is_replaced(seed_data, tmp_path):
    data = copy.deepcopy(seed_data("000"))
    data["tables"] = [t for t in data["tables"] if t["number"] != 11]
    data["narrative"] = [p for p in data["narrative"] if "结转结余情况明细表" not in p]
    for t in data["tables"]:
        t["prepared_by"] = t["prepared_by"] + "↔"
    path = build.build_workbook(data, "split", tmp_path / "单位.xlsx")
    code, out, _ = _gbk(["run", path, "--select", "S"], tmp_path / "data")
    assert code == 1 and "汇总：" in out


def test_plain_equivalents():
    assert plain_text("A ↔ B › C ✓ D ²", "gbk") == "A <-> B > C √ D 2"
    assert plain_text("≥90%", "gbk") == "≥90%"                 # GBK has it: kept
    assert plain_text("≥90% 𠮷", "ascii") == ">=90% ?"


def test_codes_import_prints_gbk(tmp_path):
    table = tmp_path / "科目表.csv"
    table.write_text("编码,名称\n2010301,行政运行\n2010302,一般行政管理事务↔\n", encoding="utf-8")
    code, out, _ = _gbk(["codes", "import", table, "--year", "2030", "--partial"], tmp_path / "data")
    assert code == 0 and "2030 年" in out
