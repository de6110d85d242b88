"""checker.toml: found next to the workbooks or above them, weaker than the command line,
mistakes in it told with its path; `checker options` says where each value comes from."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.core.config import find_config, load_config, read_config
from checker.core.errors import UsageError


def _run(args, data_dir, cwd=None):
    return CliRunner(env={"CHECKER_DATA_DIR": str(data_dir)}).invoke(cli, [str(a) for a in args])


@pytest.fixture
def batch(tmp_path, seed_path):
    """报送/checker.toml above 报送/财政局/单位.xlsx (seed 001: findings of many families)."""
    root = tmp_path / "报送"
    (root / "财政局").mkdir(parents=True)
    workbook = root / "财政局" / "单位.xlsx"
    workbook.write_bytes(seed_path("001", "split").read_bytes())
    return root, workbook


def _rules(result):
    assert result.exit_code in (0, 1), result.output
    return {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}


def test_the_file_above_the_workbook_is_found_and_applied(batch, tmp_path):
    root, workbook = batch
    everything = _rules(_run(["run", workbook, "--format", "json"], tmp_path))
    assert {r[0] for r in everything} > {"Y"}
    (root / "checker.toml").write_text('select = ["Y", "S"]\nignore = "Y013"\n', encoding="utf-8")
    assert find_config([workbook]) == root / "checker.toml"
    assert find_config([workbook.parent]) == root / "checker.toml"
    ruled = _rules(_run(["run", workbook, "--format", "json"], tmp_path))
    assert ruled and all(r[0] in "YS" for r in ruled) and "Y013" not in ruled
    # the command line replaces the file's select; --no-config leaves the file out
    assert all(r.startswith("C") for r in _rules(_run(["run", workbook, "--format", "json", "--select", "C"], tmp_path)))
    assert _rules(_run(["run", workbook, "--format", "json", "--no-config"], tmp_path)) == everything
    # a folder run finds it too
    folder = _run(["run", root, "--format", "json"], tmp_path)
    assert all(f["rule"][0] in "YS" for f in json.loads(folder.stdout)["files"][0]["findings"])


def test_options_in_the_file_sit_between_saved_and_command_line(batch, tmp_path):
    root, workbook = batch

    def y015(*extra):
        return "Y015" in _rules(_run(["run", workbook, "--format", "json", "--select", "Y015", *extra], tmp_path))

    assert y015()
    (root / "checker.toml").write_text("[options]\nlarge_change_percent = 90\n", encoding="utf-8")
    assert not y015()
    assert y015("--option", "large_change_percent=10")                     # the command line wins
    assert _run(["options", "set", "large_change_percent", "10"], tmp_path).exit_code == 0
    assert not y015()                                                      # the file beats the saved value


def test_an_explicit_config(batch, tmp_path):
    _, workbook = batch
    other = tmp_path / "别处.toml"
    other.write_text('select = ["S"]\n', encoding="utf-8")
    assert all(r.startswith("S") for r in _rules(_run(["run", workbook, "--format", "json", "--config", other],
                                                      tmp_path)))
    missing = _run(["run", workbook, "--config", tmp_path / "无.toml"], tmp_path)
    assert missing.exit_code == 2 and "找不到配置文件" in missing.output


@pytest.mark.parametrize("text, said", [
    ('selct = ["A"]\n', "中有不认识的设置 selct。是不是要写 select？"),
    ('select = ["Z9"]\n', "的 select 中的“Z9”不是任何规则的编码或前缀"),
    ('ignore = 5\n', "中的 ignore 应为规则编码的列表"),
    ("[options]\nlarge_change_percent = \"很多\"\n", "规则参数 large_change_percent 的值无效：应为数字"),
    ("[options]\nlarge_change_percnt = 5\n", "未知的规则参数：large_change_percnt"),
    ("select = [\n", "不是有效的 TOML"),
    ("template = 3\n", "template 应为文字"),
])
def test_mistakes_in_the_file_are_told_with_its_path(batch, tmp_path, text, said):
    root, workbook = batch
    (root / "checker.toml").write_text(text, encoding="utf-8")
    result = _run(["run", workbook], tmp_path)
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert line.startswith("错误：") and str(root / "checker.toml") in line and said in line


def test_options_shows_where_each_value_comes_from(batch, tmp_path):
    root, workbook = batch
    (root / "checker.toml").write_text("[options]\nlarge_change_percent = 30\n", encoding="utf-8")
    assert _run(["options", "set", "performance_weight_totals", "[100]"], tmp_path).exit_code == 0
    result = _run(["options", "--for", workbook, "--option", "large_change_amount=5"], tmp_path)
    assert result.exit_code == 0, result.output
    text = result.output
    assert "    生效：5（命令行）" in text
    assert f"    生效：30（配置文件 {root / 'checker.toml'}）" in text
    assert "    生效：[100]（已保存（" in text
    assert "    生效：数量,质量,时效,成本,效益,满意度（默认）" in text
    data = {o["name"]: o for o in json.loads(_run(["options", "--for", workbook, "--format", "json",
                                                   "--option", "large_change_amount=5"], tmp_path).stdout)}
    assert [(data[n]["source"], data[n]["value"]) for n in ("large_change_amount", "large_change_percent",
                                                             "performance_weight_totals",
                                                             "performance_required_kinds_whole")] == [
        ("command line", 5), ("file", 30), ("saved", [100]), ("default", "")]
    assert data["large_change_percent"]["file"] == 30 and data["large_change_percent"]["type"] == "number"


def test_template_in_the_file_is_used_and_the_command_line_wins(batch, tmp_path):
    root, workbook = batch
    (root / "checker.toml").write_text('template = "xinjiang"\n', encoding="utf-8")
    assert load_config([workbook]).template == "xinjiang"

    def template(*extra):
        result = _run(["run", workbook, "--format", "json", "--select", "S", *extra], tmp_path)
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.stdout)["files"][0]["template"]

    assert template() == "xinjiang"
    assert template("--template", "shanghai") == "shanghai"
    (root / "checker.toml").write_text('template = "xinjaing"\n', encoding="utf-8")
    wrong = _run(["run", workbook], tmp_path)
    assert wrong.exit_code == 2 and f"（配置文件 {root / 'checker.toml'} 的 template）" in wrong.output


def test_no_file_no_settings(tmp_path):
    assert find_config([tmp_path / "x.xlsx"]) is None or find_config([tmp_path / "x.xlsx"]).parent != tmp_path
    with pytest.raises(UsageError):
        (tmp_path / "checker.toml").write_text("oops = 1\n", encoding="utf-8")
        read_config(tmp_path / "checker.toml")
