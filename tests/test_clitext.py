"""Mistyped commands are answered in Chinese, with click's exit statuses kept."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.clitext import click_message

EXAMPLE = Path(__file__).resolve().parent.parent / "examples"


def invoke(args):
    return CliRunner().invoke(cli, args, prog_name="checker")


@pytest.mark.parametrize("args, said, usage", [
    (["run"], "错误：缺少参数 工作簿或文件夹...。", "用法：checker run [选项] 工作簿或文件夹..."),
    (["run", str(EXAMPLE), "--verbos"], "错误：没有选项 --verbos。是不是要用 --verbose？", "用法：checker run [选项] 工作簿或文件夹..."),
    (["run", str(EXAMPLE), "--format", "xml"], "错误：--format 的值无效：“xml”不是可选的值（'text', 'json', 'csv'）。", None),
    (["run", str(EXAMPLE), "--year", "二〇二四"], "错误：--year 的值无效：“二〇二四”不是整数。", None),
    (["run", str(EXAMPLE), "-j", "0"], "错误：--jobs 的值无效：应为 1 或更大的整数，而不是 0。", None),
    (["run", str(EXAMPLE), "--timeout", "-5"], "错误：--timeout 的值无效：应为大于 0 的秒数，而不是 -5。", None),
    (["chek", "x.xlsx"], "错误：没有命令 chek。", "用法：checker [选项] 命令 [参数]..."),
    (["--bogus"], "错误：没有选项 --bogus。", "用法：checker [选项] 命令 [参数]..."),
    (["rules", "extra"], "错误：多余的参数：extra。", "用法：checker rules [选项]"),
])
def test_usage_errors_in_chinese(args, said, usage):
    result = invoke(args)
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0] == said
    if usage:
        assert lines[1] == usage
    assert lines[-1].startswith("查看帮助：checker") and lines[-1].endswith(" --help")
    for english in ("Usage:", "Error:", "Try '"):
        assert english not in result.output


def test_our_own_usage_errors_get_the_same_framing(tmp_path):
    result = invoke(["run", str(tmp_path / "a.xlsx"), str(tmp_path / "b.xlsx"),
                                      "--annotate", str(tmp_path / "c.xlsx")])
    assert result.exit_code == 2
    assert result.output.splitlines()[:2] == [f"错误：校验多个工作簿时 --annotate 应为文件夹（如 --annotate 标注/），{tmp_path / 'c.xlsx'} 是一个工作簿的文件名。", "用法：checker run [选项] 工作簿或文件夹..."]


def test_help_version_and_exit_statuses_are_kept():
    assert invoke(["--help"]).exit_code == 0
    version = invoke(["--version"])
    assert version.exit_code == 0 and "checker" in version.output
    assert invoke(["rules"]).exit_code == 0
    assert invoke(["run", str(EXAMPLE)]).exit_code == 1       # the example has errors


def test_unknown_wording_passes_through():
    assert click_message("工作簿无法读取。") == "工作簿无法读取。"
    assert click_message("Option '--output' requires an argument.") == "选项 --output 后面要写一个值。"
