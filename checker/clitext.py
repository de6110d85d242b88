"""Click's own usage errors in Chinese.

Our messages are Chinese, but click words its parsing errors itself ("Missing argument 'PATHS...'",
"No such option '--bogus'") and frames them with "Usage:" / "Try … for help." / "Error:". A
finance user who mistypes a command should read the same language as everywhere else, so the
group turns every usage error into three Chinese lines: what is wrong, the usage, where help is.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

import click

# (click's wording, ours); the groups are the names and values click quotes
_MESSAGES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^Missing argument '(.+)'\.$"), lambda m: f"缺少参数 {m[1]}。"),
    (re.compile(r"^Missing option '(.+)'\.$"), lambda m: f"缺少选项 {m[1]}。"),
    (re.compile(r"^No such option '(.+?)'\.(?: Did you mean '(.+)'\?)?$"),
     lambda m: f"没有选项 {m[1]}。" + (f"是不是要用 {m[2]}？" if m[2] else "")),
    (re.compile(r"^No such option: (.+)$"), lambda m: f"没有选项 {m[1]}。"),
    (re.compile(r"^No such command '(.+)'\.$"), lambda m: f"没有命令 {m[1]}。"),
    (re.compile(r"^Got unexpected extra arguments? \((.+)\)$"), lambda m: f"多余的参数：{m[1]}。"),
    (re.compile(r"^Option '(.+)' requires an argument\.$"), lambda m: f"选项 {m[1]} 后面要写一个值。"),
    (re.compile(r"^Option '(.+)' requires (\d+) arguments\.$"), lambda m: f"选项 {m[1]} 后面要写 {m[2]} 个值。"),
    (re.compile(r"^Invalid value for '(.+?)': (.+)$", re.S), lambda m: f"{m[1]} 的值无效：{_value(m[2])}"),
]
_VALUES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^'(.*)' is not one of (.+)\.$"), lambda m: f"“{m[1]}”不是可选的值（{m[2]}）。"),
    (re.compile(r"^'(.*)' is not a valid integer( range)?\.$"), lambda m: f"“{m[1]}”不是整数。"),
    (re.compile(r"^'(.*)' is not a valid float( range)?\.$"), lambda m: f"“{m[1]}”不是数字。"),
    (re.compile(r"^(?:File|Path|Directory) '(.*)' does not exist\.$"), lambda m: f"文件“{m[1]}”不存在。"),
    (re.compile(r"^(?:File|Path) '(.*)' is a directory\.$"), lambda m: f"“{m[1]}”是文件夹，这里要的是文件。"),
]


def _first(rules: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]], text: str) -> Optional[str]:
    for pattern, say in rules:
        m = pattern.match(text)
        if m:
            return say(m)
    return None


def _value(text: str) -> str:
    return _first(_VALUES, text) or text


def click_message(text: str) -> str:
    """Click's message in Chinese where we know its wording; our own (Chinese) messages unchanged."""
    return _first(_MESSAGES, text) or text


def usage_error_lines(exc: click.UsageError) -> list[str]:
    lines = [f"错误：{click_message(exc.format_message())}"]
    ctx = exc.ctx
    if ctx is not None:
        usage = ctx.get_usage().replace("Usage: ", "用法：", 1).replace("[OPTIONS]", "[选项]") \
            .replace("COMMAND [ARGS]...", "命令 [参数]...")
        lines.append(usage)
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(f"查看帮助：{ctx.command_path} --help")
    return lines
