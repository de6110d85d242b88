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
from .core.patterns import lazy_pattern

# (click's wording, ours); the groups are the names and values click quotes
_MESSAGES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (lazy_pattern(r"^Missing argument '(.+)'\.$"), lambda m: f"缺少参数 {m[1]}。"),
    (lazy_pattern(r"^Missing option '(.+)'\.$"), lambda m: f"缺少选项 {m[1]}。"),
    (lazy_pattern(r"^No such option '(.+?)'\.(?: Did you mean '(.+)'\?)?$"),
     lambda m: f"没有选项 {m[1]}。" + (f"是不是要用 {m[2]}？" if m[2] else "")),
    (lazy_pattern(r"^No such option: (.+)$"), lambda m: f"没有选项 {m[1]}。"),
    (lazy_pattern(r"^No such command '(.+)'\.$"), lambda m: f"没有命令 {m[1]}。"),
    (lazy_pattern(r"^Got unexpected extra arguments? \((.+)\)$"), lambda m: f"多余的参数：{m[1]}。"),
    (lazy_pattern(r"^Option '(.+)' requires an argument\.$"), lambda m: f"选项 {m[1]} 后面要写一个值。"),
    (lazy_pattern(r"^Option '(.+)' requires (\d+) arguments\.$"), lambda m: f"选项 {m[1]} 后面要写 {m[2]} 个值。"),
    (lazy_pattern(r"^Invalid value for '(.+?)': (.+)$", re.S), lambda m: f"{m[1]} 的值无效：{_value(m[2])}"),
]
_VALUES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (lazy_pattern(r"^'(.*)' is not one of (.+)\.$"), lambda m: f"“{m[1]}”不是可选的值（{m[2]}）。"),
    (lazy_pattern(r"^'(.*)' is not a valid integer( range)?\.$"), lambda m: f"“{m[1]}”不是整数。"),
    (lazy_pattern(r"^'(.*)' is not a valid float( range)?\.$"), lambda m: f"“{m[1]}”不是数字。"),
    (lazy_pattern(r"^(?:File|Path|Directory) '(.*)' does not exist\.$"), lambda m: f"文件“{m[1]}”不存在。"),
    (lazy_pattern(r"^(?:File|Path) '(.*)' is a directory\.$"), lambda m: f"“{m[1]}”是文件夹，这里要的是文件。"),
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


# ------------------------------------------------------------------ help pages

_HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数", "Usage": "用法"}
_HELP_TEXTS = {
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
}
_DEFAULT = lazy_pattern(r"\[default: (.*?)\]")
# click's metavars for an option's type ("--year INTEGER")
_TYPE_NAMES = {"INTEGER": "整数", "TEXT": "文字", "FILE": "文件", "PATH": "路径", "DIRECTORY": "文件夹", "FLOAT": "数字"}
_TYPE_METAVAR = lazy_pattern(r"(?<= )(" + "|".join(_TYPE_NAMES) + r")\b")


def _metavars(text: str) -> str:
    return text.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")


class ChineseHelpFormatter(click.HelpFormatter):
    """click's help pages with Chinese headings ("用法：", "选项：", "命令：") and click's own help
    texts (--help, --version, [default: …], [required]) in Chinese."""

    def write_usage(self, prog: str, args: str = "", prefix: Optional[str] = None) -> None:
        super().write_usage(prog, _metavars(args), prefix="用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)}：\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:  # type: ignore[override]
        def say(text: str) -> str:
            for english, chinese in _HELP_TEXTS.items():
                text = text.replace(english, chinese)
            text = _DEFAULT.sub(lambda m: f"[默认：{m[1]}]", text)
            return text.replace("[required]", "[必填]")

        # click pads by character count; a Chinese metavar ("--year 年度") is wider than that
        from .core.report import display_width, wrap

        rows = [(_TYPE_METAVAR.sub(lambda m: _TYPE_NAMES[m[1]], first), say(second)) for first, second in rows]
        widths = [display_width(first) for first, _ in rows]
        first_col = min(max(widths, default=0), col_max) + col_spacing
        for (first, second), w in zip(rows, widths):
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if w <= first_col - col_spacing:
                self.write(" " * (first_col - w))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            text_width = max(self.width - first_col - self.current_indent, 20)
            lines = [line.strip() for line in wrap(second, text_width, indent=0)]
            self.write(f"{lines[0] if lines else ''}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class ChineseContext(click.Context):
    formatter_class = ChineseHelpFormatter


def chinese_help(command: click.Command) -> None:
    """Give ``command`` and every subcommand (plugins' included) the Chinese help formatter."""
    command.context_class = ChineseContext
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            chinese_help(sub)
