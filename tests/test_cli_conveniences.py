"""What users know from ruff and click tools: checker rule, --statistics, --quiet, --exit-zero,
colour on a terminal (NO_COLOR and pipes plain), wrapping to the terminal, the sheet named once
per group, infos behind -v (and the summary saying so), Chinese help pages."""
from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from checker.cli import cli
from checker.core.engine import make_plugin_manager
from checker.core.report import display_width, wrap
from checker.excel.cli import register

register(cli)   # as checker.cli.main() does, with the plugins' commands (checker codes)
make_plugin_manager().hook.checker_register_commands(cli=cli)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = next((ROOT / "examples").glob("*.xlsx"))
CHECKER = Path(sys.executable).with_name("checker")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _run(*args, data_dir):
    return CliRunner(env={"CHECKER_DATA_DIR": str(data_dir)}).invoke(cli, [str(a) for a in args])


def _json_counts(tmp_path):
    data = json.loads(_run("run", EXAMPLE, "--format", "json", data_dir=tmp_path).stdout)
    counts = {}
    for f in data["files"][0]["findings"]:
        if not f["explained"]:
            counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    return counts


def test_rule_explains_one_rule(tmp_path):
    result = _run("rule", "a301", data_dir=tmp_path)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("A301  警告（提示性，须作出说明）  “三公”经费与一般公共预算基本支出表的对应经济科目不一致  [arithmetic]")
    for heading in ("检查什么：", "为什么：", "错误示例：", "正确示例："):
        assert heading in lines
    assert "表10 公务用车运行费 91.40" in result.output


def test_rule_unknown_names_the_nearest(tmp_path):
    result = _run("rule", "A3011", data_dir=tmp_path)
    assert result.exit_code == 2
    assert result.output.startswith("错误：没有规则 A3011。是不是要写 A301")


def test_statistics_counts_per_rule(tmp_path):
    result = _run("run", EXAMPLE, "--statistics", data_dir=tmp_path)
    assert result.exit_code == 1
    text = result.output.split("统计（各规则的结果条数，已说明的不计）：\n", 1)[1]
    rows = [line.split() for line in text.splitlines() if line.strip()]
    assert {code: int(n) for n, code, *_ in rows} == _json_counts(tmp_path)
    assert [int(r[0]) for r in rows] == sorted((int(r[0]) for r in rows), reverse=True)
    assert "  错误 " not in result.output.split("统计", 1)[0]          # no finding listed one by one


def test_quiet_prints_the_summary_only(tmp_path):
    result = _run("run", EXAMPLE, "-q", data_dir=tmp_path)
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"文件：{EXAMPLE}", result.output.splitlines()[1]]
    assert result.output.splitlines()[1].startswith("汇总：3 个错误，12 个警告，6 条提示（加 -v 显示）")


def test_exit_zero(tmp_path):
    assert _run("run", EXAMPLE, "--exit-zero", "-q", data_dir=tmp_path).exit_code == 0
    bad = tmp_path / "坏.xlsx"
    bad.write_text("no")
    assert _run("run", EXAMPLE, bad, "--exit-zero", "-q", data_dir=tmp_path).exit_code == 2


def test_infos_need_v_and_the_summary_says_so(tmp_path):
    plain = _run("run", EXAMPLE, data_dir=tmp_path).output
    assert "  提示 " not in plain and "6 条提示（加 -v 显示）" in plain
    verbose = _run("run", EXAMPLE, "-v", data_dir=tmp_path).output
    assert "  提示 " in verbose and "（加 -v 显示）" not in verbose


def test_the_sheet_is_named_once_per_group(tmp_path):
    lines = _run("run", EXAMPLE, "-v", data_dir=tmp_path).output.splitlines()
    # 表7's finding (an info: the 2024 template's own heading) is in its own sheet: the cell alone;
    # 表10's points at two sheets: both named
    assert any(line.startswith("  提示 C041 H4  ") for line in lines)
    assert any(line.startswith("  警告 A301 表10 财政拨款“三公”经费支出情况表!C12、表6") for line in lines)


def _in_pty(args, env_extra, columns=None):
    """Run checker with its standard output on a pseudo-terminal, as in a terminal window."""
    master, slave = pty.openpty()
    if columns:
        import fcntl
        import struct
        import termios

        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    env.update(env_extra)
    proc = subprocess.Popen([str(CHECKER), *map(str, args)], stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=600)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_colour_on_a_terminal_plain_with_no_color_and_in_a_pipe(tmp_path):
    env = {"CHECKER_DATA_DIR": str(tmp_path), "TERM": "xterm"}
    code, out = _in_pty(["run", EXAMPLE], env)
    assert code == 1
    assert click.style("错误", fg="red", bold=True) in out and click.style("警告", fg="yellow") in out
    _, plain = _in_pty(["run", EXAMPLE], {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in plain
    piped = subprocess.run([str(CHECKER), "run", str(EXAMPLE)], capture_output=True, env={**os.environ, **env})
    assert b"\x1b[" not in piped.stdout
    assert ANSI.sub("", out) == plain                              # the same text, only coloured


def test_lines_are_wrapped_to_the_terminal_width(tmp_path):
    _, out = _in_pty(["run", EXAMPLE], {"CHECKER_DATA_DIR": str(tmp_path), "NO_COLOR": "1"}, columns=60)
    lines = out.splitlines()
    assert max(display_width(line) for line in lines if not line.startswith("文件：")) <= 60
    assert any(line.startswith("      ") for line in lines)               # continuation lines indented
    unwrapped = subprocess.run([str(CHECKER), "run", str(EXAMPLE)], capture_output=True,
                               env={**os.environ, "CHECKER_DATA_DIR": str(tmp_path)}).stdout.decode("utf-8")
    assert max(map(display_width, unwrapped.splitlines())) > 60           # a pipe: one finding a line


def test_wrap_counts_chinese_as_two_columns():
    line = "  警告 A301 " + "一二三四五六七八九十" * 5
    parts = wrap(line, 30)
    assert all(display_width(p) <= 30 for p in parts) and len(parts) > 3
    assert "".join(p.strip() for p in parts).replace(" ", "") == line.replace(" ", "")
    assert wrap(line, None) == [line]
    for width in range(14, 40):        # a closing mark never starts a line
        parts = wrap("  错误 A202 按表5计算应为七十四点八九（见表5），舍入误差不能解释。差异：" * 2, width)
        assert all(p.strip()[0] not in "，。）：" for p in parts[1:]), (width, parts)


def _commands(command, path=()):
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _commands(sub, path + (name,))


def test_help_pages_are_chinese_throughout(tmp_path):
    for path, _ in _commands(cli):
        result = _run(*path, "--help", data_dir=tmp_path)
        assert result.exit_code == 0, path
        text = result.output
        assert text.startswith("用法："), (path, text[:40])
        for english in ("Usage:", "Options:", "Commands:", "Show this message", "[default:", " INTEGER", " TEXT"):
            assert english not in text, (path, english)
        assert "选项：" in text
    assert ("codes", "import") in {path for path, _ in _commands(cli)}


def test_a_folder_is_reported_file_by_file_then_the_overview(tmp_path, seed_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(seed_path("000", "split").read_bytes())
    (folder / "b.xlsx").write_bytes(EXAMPLE.read_bytes())
    out = _run("run", folder, data_dir=tmp_path).output
    a, b, overview = out.index("文件：" + str(folder / "a.xlsx")), out.index("文件：" + str(folder / "b.xlsx")), \
        out.index("总览：")
    assert a < out.index("汇总：") < b < overview
