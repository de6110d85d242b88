"""Mistakes on the command line are told, not absorbed: one Chinese line, exit status 2.

Unknown rule codes and prefixes (with the nearest codes), option values of the wrong type or range
(on --option, on `checker options set`, and a bad value already saved), a --prior of the wrong
year, and a --year the reference data does not cover (a warning, the run goes on).
"""
from __future__ import annotations

import copy
import json

import pytest
from click.testing import CliRunner

import build
from checker.cli import cli
from checker.core.engine import Engine
from checker.core.errors import UsageError
from checker.core.options import RunOption, check_values


def _checker(args, data_dir):
    return CliRunner(env={"CHECKER_DATA_DIR": str(data_dir)}).invoke(cli, args)


@pytest.mark.parametrize("args, said", [
    (["--select", "Z"], "--select 中的“Z”不是任何规则的编码或前缀"),
    (["--ignore", "C105"], "--ignore 中的“C105”不是任何规则的编码或前缀。是不是要写 "),
    (["--select", "A,Y01,S9999"], "--select 中的“S9999”不是任何规则的编码或前缀"),
])
def test_a_rule_pattern_that_selects_nothing_is_refused_with_the_nearest_codes(seed_path, tmp_path, args, said):
    result = _checker(["run", str(seed_path("000")), *args], tmp_path)
    assert result.exit_code == 2, result.output
    (line,) = result.output.splitlines()
    assert line.startswith("错误：") and said in line and "checker rules" in line
    assert "Traceback" not in result.output


def test_nearest_codes_are_real_codes():
    with pytest.raises(UsageError) as err:
        Engine(ignore=["Y105"])
    assert "是不是要写 " in str(err.value) and "Y015" in str(err.value)


def test_prefixes_and_codes_that_exist_are_accepted(seed_path, tmp_path):
    result = _checker(["run", str(seed_path("000")), "--select", "S,A1", "--ignore", "S006", "--format", "json"],
                      tmp_path)
    assert result.exit_code in (0, 1), result.output
    rules = {f["rule"] for f in json.loads(result.output)["files"][0]["findings"]}
    assert all(r.startswith(("S", "A1")) and r != "S006" for r in rules)


@pytest.mark.parametrize("value, said", [
    ("large_change_percent=abc", "large_change_percent 的值无效：应为数字，而不是 abc"),
    ("large_change_percent=-5", "large_change_percent 的值无效：不能小于 0（给的是 -5）"),
    ("performance_weight_totals=abc", "performance_weight_totals 的值无效：列表中的 abc 不是数字"),
    ("performance_required_kinds_by_year=[1]", "performance_required_kinds_by_year 的值无效：应为 JSON 对象"),
])
def test_an_option_value_of_the_wrong_type_or_range_is_refused(seed_path, tmp_path, value, said):
    result = _checker(["run", str(seed_path("000")), "--option", value], tmp_path)
    assert result.exit_code == 2, result.output
    (line,) = result.output.splitlines()
    assert line.startswith("错误：") and said in line and "默认" in line


def test_values_are_read_as_the_option_type(seed_path, tmp_path):
    # a list typed with commas, a number typed for a text option
    result = _checker(["run", str(seed_path("000")), "--select", "P", "--option", "performance_weight_totals=90,100",
                       "--option", "performance_required_kinds_whole=20"], tmp_path)
    assert result.exit_code in (0, 1), result.output


def test_options_set_refuses_a_bad_value_and_saves_nothing(tmp_path):
    result = _checker(["options", "set", "large_change_amount", "很多"], tmp_path)
    assert result.exit_code == 2
    assert "checker options set large_change_amount 的值无效：应为数字，而不是 很多" in result.output
    assert not (tmp_path / "options.json").exists()
    ok = _checker(["options", "set", "performance_weight_totals", "90,100"], tmp_path)
    assert ok.exit_code == 0
    assert json.loads((tmp_path / "options.json").read_text(encoding="utf-8")) == {"performance_weight_totals": [90, 100]}


def test_a_bad_value_saved_earlier_is_named_with_the_way_out(seed_path, tmp_path):
    (tmp_path / "options.json").write_text(json.dumps({"performance_weight_totals": "abc"}), encoding="utf-8")
    result = _checker(["run", str(seed_path("000"))], tmp_path)
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert "保存的规则参数 performance_weight_totals 的值无效" in line
    assert "checker options unset performance_weight_totals" in line
    assert "Traceback" not in result.output


def test_option_declarations_check_their_type():
    number = RunOption("n", 1, "演示", type="integer", minimum=1, maximum=5)
    assert number.problem(3) is None and "整数" in number.problem(2.5) and "不能大于 5" in number.problem(6)
    assert number.problem(True) is not None                       # a bool is not a number
    choice = RunOption("c", "a", "演示", type="text", choices=("a", "b"))
    assert choice.problem("b") is None and "不是可选的值" in choice.problem("z")
    assert check_values({"n": 4}, {"n": number}) == {"n": 4}
    with pytest.raises(ValueError):
        RunOption("x", 1, "演示", type="float")
    untyped = RunOption("u", [1], "演示")
    assert untyped.problem("anything") is None


def test_prior_of_the_same_year_is_refused_naming_both_years(seed_path, tmp_path):
    cur = seed_path("000")
    result = _checker(["run", str(cur), "--prior", str(cur)], tmp_path)
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert "是 2024 年的预算公开" in line and "2024 年的" in line and "上一年度（2023 年）" in line


def test_prior_of_the_year_before_is_accepted(seed_data, seed_path, tmp_path):
    data = copy.deepcopy(seed_data("000"))
    text = json.dumps(data, ensure_ascii=False).replace("2024", "2023")
    old = build.build_workbook(json.loads(text), "split", tmp_path / "2023.xlsx")
    result = _checker(["run", str(seed_path("000")), "--prior", str(old), "--select", "Y", "--format", "json"],
                      tmp_path)
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.stdout)["files"][0]["year"] == 2024


def test_a_year_without_reference_data_is_warned_about(seed_path, tmp_path):
    result = _checker(["run", str(seed_path("000")), "--year", "2031", "--select", "C"], tmp_path)
    assert result.exit_code in (0, 1)
    assert "警告：--year 2031 没有参考数据（科目编码表只有 2023、2024、2025 年）" in result.stderr
    quiet = _checker(["run", str(seed_path("000")), "--year", "2024", "--select", "C"], tmp_path)
    assert "没有参考数据" not in quiet.stderr
