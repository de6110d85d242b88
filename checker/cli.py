"""The ``checker`` command line.

Exit status: 0 no error-level finding, 1 error-level findings, 2 an input could not be read or
the command was used wrongly.
"""
from __future__ import annotations

import contextlib
import importlib
import json
import signal
import sys
from gettext import gettext
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import click

from . import __version__
from .clitext import chinese_help, click_message, usage_error_lines
from .core.config import ProjectConfig, load_config
from .core.errors import CheckerError, InputError
from .core.errors import UsageError as CheckerUsageError
from .core.options import check_names, check_values, parse_value, shown_value
from .core.outputs import check_output, is_temp_file, write_text
from .core.settings import remove_option, save_option, saved_options, settings_path
from .core.suffixes import INPUT_SUFFIXES

if TYPE_CHECKING:  # pragma: no cover
    from .core.engine import Engine

# What the command line needs beyond click is imported by the command that needs it: the engine and
# the plugins by run/rules/options/plugins/templates, the Excel side by clear/excel, a plugin's own
# commands (group ``checker.commands``) when they are invoked, so that ``--version`` and ``--help``
# load none.
COMMAND_GROUP = "checker.commands"

def expand_paths(paths: tuple[str, ...]) -> list[Path]:
    """Files as given; a directory stands for every .xlsx/.xlsm/.xls/.pdf/.docx in it (Excel and Word lock files skipped)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.suffix.lower() in INPUT_SUFFIXES
                              and not f.name.startswith("~$") and not is_temp_file(f)))
        else:
            out.append(p)
    return out


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _options(values: tuple[str, ...]) -> dict[str, object]:
    out: dict[str, object] = {}
    for item in values:
        if "=" not in item:
            raise click.BadParameter(f"应为 名称=值：{item}", param_hint="--option")
        key, _, raw = item.partition("=")
        out[key.strip()] = parse_value(raw)
    return out


def _positive(value, param: click.Parameter, what: str):
    """--jobs/--timeout: a positive number (click's own range types would add "[x>=1]" to the help)."""
    if value is not None and value <= 0:
        raise click.BadParameter(f"应为{what}，而不是 {value:g}。", param_hint=f"'--{param.name}'")
    return value


def _entry_commands() -> dict[str, str]:
    """Commands declared under the ``checker.commands`` entry-point group: name → "module:attribute"."""
    from .core.entrypoints import entry_points

    return {ep.name: ep.value for ep in entry_points(COMMAND_GROUP)}


def _module_file(module: str) -> Optional[Path]:
    """The source file of ``module``, found without importing it or its parent packages."""
    import importlib.util

    top, *rest = module.split(".")
    spec = importlib.util.find_spec(top)
    if spec is None:
        return None
    if not rest:
        return Path(spec.origin) if spec.origin else None
    for i, part in enumerate(rest):
        last = i == len(rest) - 1
        found = None
        for loc in spec.submodule_search_locations or []:
            for candidate in ((Path(loc) / f"{part}.py",) if last else ()) + (Path(loc) / part / "__init__.py",):
                if candidate.is_file():
                    found = candidate
                    break
            if found:
                break
        if found is None:
            return None
        if last:
            return found
        spec = importlib.util.spec_from_file_location(f"_{part}", found, submodule_search_locations=[str(found.parent)])
    return None


def _docstring(target: str) -> str:
    """The docstring of the function ``module:attribute`` names, read from its source (for the
    command list of ``checker --help``, without importing the module)."""
    import ast

    module, _, attr = target.partition(":")
    path = _module_file(module)
    if path is None:
        return ""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return ""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == attr:
            return ast.get_docstring(node) or ""
    return ""


def _load(target: str) -> click.Command:
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


class LazyGroup(click.Group):
    """A group whose commands may live in modules imported only when the command runs:
    ``lazy`` ones (name → "module:attribute") and those of the ``checker.commands`` entry-point
    group. A name found nowhere else is looked for among the commands plugins add through the
    ``checker_register_commands`` hook (which loads the plugins)."""

    def __init__(self, *args, lazy: Optional[dict[str, str]] = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})
        self._declared: Optional[dict[str, str]] = None
        self._hooked = False

    def declared(self) -> dict[str, str]:
        if self._declared is None:
            self._declared = {**_entry_commands(), **self.lazy}
        return self._declared

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(self.declared()))

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        if cmd_name not in self.commands and cmd_name in self.declared():
            command = _load(self.declared()[cmd_name])
            chinese_help(command)
            self.add_command(command, cmd_name)
        if cmd_name not in self.commands and not self._hooked:
            self._hooked = True
            from .core.engine import PluginCalls, make_plugin_manager

            pm = make_plugin_manager(limit=_plugin_limit())
            calls = PluginCalls(pm, _plugin_limit())     # each plugin's commands added within the time limit
            calls.hook("checker_register_commands", cli=self)
            for _, message in calls.faults:
                click.echo(f"警告：{message}", err=True)
            chinese_help(self)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list, without importing the commands not yet loaded (their one-line help
        is read from their source)."""
        shown: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            cmd = self.commands.get(name) or click.Command(name, help=_docstring(self.declared()[name]))
            if not cmd.hidden:
                shown.append((name, cmd))
        if shown:
            limit = formatter.width - 6 - max(len(name) for name, _ in shown)
            with formatter.section(gettext("Commands")):
                formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in shown])


class ChineseGroup(LazyGroup):
    """Turns a CheckerError escaping any command into one Chinese line and exit status 2, and
    click's own usage errors into Chinese (see :mod:`checker.clitext`)."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except CheckerError as exc:
            click.echo(f"错误：{exc}", err=True)
            ctx.exit(2)

    def main(self, *args, standalone_mode: bool = True, **kwargs):  # type: ignore[override]
        chinese_help(self)           # commands added since (plugins, excel) included
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        # click's standalone mode would print its English framing; run it non-standalone and
        # report what it raises ourselves, with click's exit statuses
        try:
            rv = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:     # `checker`, `checker codes`: the help page
            click.echo(exc.ctx.get_help() if exc.ctx is not None else exc.format_message())
            sys.exit(0)
        except click.UsageError as exc:
            click.echo("\n".join(usage_error_lines(exc)), err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"错误：{click_message(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("已中止。", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)     # an int is the status of ctx.exit()


@click.group(cls=ChineseGroup, context_settings={"help_option_names": ["-h", "--help"]},
             lazy={"clear": "checker.excel.cli:clear_command", "excel": "checker.excel.cli:excel_group"})
@click.version_option(__version__, prog_name="checker")
def cli() -> None:
    """预算公开校验：在公开前检查部门/单位预算公开工作簿。

    \b
    常用：
      checker run 预算公开.xlsx              校验一个工作簿
      checker run 预算公开.pdf               校验已公开的 PDF（须带文字层）
      checker run 预算公开.docx              校验以 Word 文档公开的预算
      checker run 文件夹/ --format json      校验文件夹中所有工作簿，输出 JSON
      checker fix 预算公开.xlsx -o 改正.xlsx  改正说明中有唯一正确值的数字，另存副本
      checker rules                          列出全部校验规则
      checker rule A301                      说明一条规则（检查什么、为什么、示例）
      checker options                        列出可调整的规则参数
      checker plugins                        列出已加载的插件
      checker templates                      列出可识别的各地模板
      checker draft 预算公开.xlsx            按各表起草情况说明（-o 说明.docx 写成 Word 文档）
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="工作簿或文件夹...")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True,
              help="输出格式：text 供阅读，json 供其他系统集成，csv 每个文件一行的汇总（可用 Excel 打开）。")
@click.option("--select", multiple=True, metavar="编码", help="只运行这些规则（编码或前缀，可逗号分隔），如 A,C01。")
@click.option("--ignore", multiple=True, metavar="编码", help="不运行这些规则（编码或前缀，可逗号分隔）。")
@click.option("--year", type=int, metavar="年度", help="预算年度（默认从工作簿标题识别）。")
@click.option("--narrative", type=click.Path(dir_okay=False), metavar="文件", help="情况说明文件（.txt/.md/.docx），代替工作簿中的说明表。")
@click.option("--prior", type=click.Path(dir_okay=False), metavar="文件", help="上年度预算公开工作簿（或公开的 PDF、Word 文档），用于核对增减变化。")
@click.option("--output", "-o", type=click.Path(dir_okay=False), metavar="文件", help="把结果写入文件，而不是屏幕。")
@click.option("--annotate", type=click.Path(), metavar="文件或文件夹",
              help="另存标注了问题的副本（原文件不变）：工作簿副本可用 checker clear 清除标注；"
                   "PDF 副本（--annotate 标注.pdf）在出问题处加亮并附说明。"
                   "校验多个文件时给一个文件夹（如 标注/），每个工作簿或 PDF 在其中写一份副本。")
@click.option("--report", "reports", multiple=True, type=click.Path(dir_okay=False), metavar="文件",
              help="另写一份汇总报告：.xlsx（总览和全部问题两张表）或 .html（可离线打开的网页），可给多次。")
@click.option("--jobs", "-j", type=int, callback=lambda ctx, param, v: _positive(v, param, " 1 或更大的整数"), metavar="数量",
              help="同时校验的进程数（默认为全部 CPU 核数；1 表示在本进程中逐个校验）。")
@click.option("--timeout", type=float, callback=lambda ctx, param, v: _positive(v, param, "大于 0 的秒数"), metavar="秒",
              help="多进程校验时每个文件最多用时，超过即停止该文件并报告（默认 600）。")
@click.option("--recalc", is_flag=True, help="先用 LibreOffice 重新计算公式（需已安装 LibreOffice）。")
@click.option("--option", "opts", multiple=True, metavar="名称=值", help="调整规则参数，如 large_change_percent=20（可用的参数见 checker options）。")
@click.option("--verbose", "-v", is_flag=True, help="文本输出中也列出“提示”级别的结果。")
@click.option("--quiet", "-q", is_flag=True, help="只输出每个文件的汇总行（多个文件时另有总览）。")
@click.option("--statistics", is_flag=True, help="不逐条列出结果，改为统计每条规则的结果条数。")
@click.option("--exit-zero", is_flag=True, help="发现“错误”也以退出状态 0 结束（文件无法读取时仍为 2）。")
@click.option("--template", metavar="名称",
              help="按指定的模板读取（默认按 checker.toml 的 template，或按表名自动识别；可用的模板见 checker templates）。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="文件",
              help="用这个配置文件，而不是在工作簿所在文件夹及其上级中查找 checker.toml。")
@click.option("--no-config", is_flag=True, help="不使用 checker.toml。")
def run(paths: tuple[str, ...], fmt: str, select: tuple[str, ...], ignore: tuple[str, ...], year: Optional[int],
        narrative: Optional[str], prior: Optional[str], output: Optional[str], annotate: Optional[str],
        reports: tuple[str, ...], jobs: Optional[int], timeout: Optional[float],
        recalc: bool, opts: tuple[str, ...], verbose: bool, quiet: bool, statistics: bool, exit_zero: bool,
        template: Optional[str], config_file: Optional[str], no_config: bool) -> None:
    """校验一个或多个预算公开工作簿（.xlsx/.xlsm/.xls）或已公开的 PDF、Word 文档（.docx）（文件夹则校验其中所有这些文件）。

    \b
    多个文件由多个进程同时校验（--jobs），结果按输入顺序逐个输出；按 Ctrl-C 停止，输出已完成部分的总览。
    退出状态：0 没有“错误”级结果；1 有“错误”级结果；2 文件无法读取或用法有误；130 被 Ctrl-C 中止。
    """
    from .runner import RunRequest, execute

    execute(RunRequest(paths=paths, fmt=fmt, select=select, ignore=ignore, year=year, narrative=narrative, prior=prior,
                       output=output, annotate=annotate, recalc=recalc, opts=opts, verbose=verbose, quiet=quiet,
                       statistics=statistics, exit_zero=exit_zero, template=template, config_file=config_file,
                       no_config=no_config, jobs=jobs, timeout=timeout, reports=reports))


def _setup(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...], opts: tuple[str, ...],
           template: Optional[str], config_file: Optional[str], no_config: bool, year: Optional[int],
           prior: Optional[str], verbose: bool):
    """What ``run`` and ``fix`` share before reading the workbook: checker.toml under the command
    line, the engine, the template (refused when unknown), the --year warning and last year's
    disclosure (--prior). Returns (config, engine, template name or None, prior document or None)."""
    from .core.engine import find_template
    from .core.reader import read_workbook
    from .core.template import UnknownTemplate

    config = load_config(map(Path, paths), Path(config_file) if config_file else None, no_config)
    if config.path is not None and verbose:
        click.echo(f"使用配置文件：{config.path}", err=True)
    engine = _engine(config, select, ignore, opts)
    template = template or config.template
    if template:
        try:
            find_template(engine.templates, template)
        except UnknownTemplate as exc:
            where = "" if template != config.template or config.path is None else f"（配置文件 {config.path} 的 template）"
            raise CheckerUsageError(f"{exc}{where}") from None
    if year is not None:
        _warn_year_without_reference(year)
    prior_doc = (read_workbook(Path(prior), templates=engine.templates, template=template, limits=engine.limits())
                 if prior else None)
    return config, engine, template, prior_doc


@cli.command("fix")
@click.argument("workbook", metavar="工作簿")
@click.option("--output", "-o", type=click.Path(dir_okay=False), metavar="文件",
              help="修改后的副本写到这里（扩展名与原文件相同；原文件不变）。")
@click.option("--diff", is_flag=True, help="只列出将要作的修改，不写出副本。")
@click.option("--select", multiple=True, metavar="编码", help="只运行这些规则（同 checker run）。")
@click.option("--ignore", multiple=True, metavar="编码", help="不运行这些规则（同 checker run）。")
@click.option("--year", type=int, metavar="年度", help="预算年度（默认从工作簿标题识别）。")
@click.option("--prior", type=click.Path(dir_okay=False), metavar="文件",
              help="上年度预算公开工作簿：增减额、增减幅度和上年数有了上年表格才能确定唯一的正确值。")
@click.option("--option", "opts", multiple=True, metavar="名称=值", help="调整规则参数（同 checker run）。")
@click.option("--template", metavar="名称", help="按指定的模板读取（同 checker run）。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="文件", help="用这个配置文件。")
@click.option("--no-config", is_flag=True, help="不使用 checker.toml。")
@click.option("--exit-zero", is_flag=True, help="修改后仍有“错误”也以退出状态 0 结束。")
@click.option("--verbose", "-v", is_flag=True, help="列出使用的配置文件。")
def fix_command(workbook: str, output: Optional[str], diff: bool, select: tuple[str, ...], ignore: tuple[str, ...],
                year: Optional[int], prior: Optional[str], opts: tuple[str, ...], template: Optional[str],
                config_file: Optional[str], no_config: bool, exit_zero: bool, verbose: bool) -> None:
    """改正情况说明中有唯一正确值的数字、占比和科目名称，另存副本（原文件不变）。

    \b
    只改“错误”级结果中能确定唯一正确值的地方（以表格为准：说明中复述表格的金额、占比、科目名称；
    有 --prior 时还有增减额、增减幅度和上年数），逐条列出“原文 → 改后”；从不改表格中的金额，
    不改需要人工说明的“警告”。修改后的副本会重新校验一遍。
    退出状态：0 副本中没有“错误”；1 仍有“错误”；2 文件无法读取或用法有误。
    """
    import tempfile

    from .core.fixer import apply_plan, change_lines, plan_fixes, recheck, workbook_text
    from .core.engine import check_counts
    from .core.outputs import atomic_write
    from .core.reader import read_workbook
    from .core.workbook import vet_path

    path = Path(workbook)
    suffix = path.suffix.lower()
    if path.is_dir():
        raise click.UsageError(f"checker fix 一次修改一个工作簿：{path} 是文件夹。")
    if suffix == ".pdf":
        raise CheckerUsageError(f"checker fix 不能修改 PDF：{path} 是已公开的 PDF，请对生成它的 Excel 工作簿使用 checker fix。")
    if suffix not in (".xlsx", ".xlsm"):
        raise CheckerUsageError(f"checker fix 只能修改 .xlsx/.xlsm 工作簿：请先在 Excel 或 WPS 中把 {path} 另存为 .xlsx。")
    if not output and not diff:
        raise click.UsageError("请用 -o/--output 指定修改后副本的文件名，或用 --diff 只查看将要作的修改。")
    inputs = [path] + ([Path(prior)] if prior else [])
    if output:
        check_output(Path(output), inputs, "-o/--output")
        if Path(output).suffix.lower() != suffix:
            raise CheckerUsageError(f"-o/--output {output} 的扩展名应与原文件一致（{suffix}）。")
    _, engine, template, prior_doc = _setup((workbook,), select, ignore, opts, template, config_file, no_config, year,
                                         prior, verbose)
    limits = engine.limits()
    document = read_workbook(path, None, year, templates=engine.templates, template=template, limits=limits)
    if prior_doc is not None:
        _check_prior_year(document, prior_doc, prior)
    findings = engine.check(document, prior_doc)
    import io

    from openpyxl import load_workbook

    data = vet_path(path, limits)
    try:
        wb = load_workbook(io.BytesIO(data), keep_vba=suffix == ".xlsm", rich_text=True)
    except Exception as exc:  # openpyxl raises many types for files it cannot read
        raise InputError(str(path), f"无法作为 Excel 工作簿打开（{type(exc).__name__}），请确认是 .xlsx/.xlsm 文件。") from exc
    plan = plan_fixes(findings, engine.rules, workbook_text(wb))
    apply_plan(plan, wb)
    for line in change_lines(plan, engine.rules):
        click.echo(line)
    with contextlib.ExitStack() as stack:
        if diff:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="checker-fix-")))
            copy = work / f"fixed{suffix}"
            wb.save(copy)
        else:
            copy = stack.enter_context(atomic_write(Path(output), like=path))
            wb.save(copy)
        fixed_doc = read_workbook(copy, None, year, templates=engine.templates, template=template, limits=limits)
        after = engine.check(fixed_doc, prior_doc)
        verdict = recheck(findings, plan.fixed, after)
    for f in verdict.still:
        click.echo(f"警告：修改后的副本仍报告 {f.rule}（{f.locations[0] if f.locations else ''}）：{f.message}", err=True)
    for f in verdict.new:
        click.echo(f"警告：修改后的副本出现了新的结果 {f.rule}（{f.locations[0] if f.locations else ''}）：{f.message}",
                   err=True)
    left = check_counts(after)
    summary = (f"共修改 {len(plan.changes)} 处（{len(plan.fixed)} 条结果），未自动修改 {len(plan.skipped)} 条；"
               f"修改后仍有 {left['error']} 个错误、{left['warning']} 个警告（checker run 查看，警告须人工说明）。")
    if diff:
        click.echo(summary + "（--diff：未写出副本）")
    else:
        click.echo(summary)
        click.echo(f"已写出修改后的副本：{output}（原文件未改动）", err=True)
    if not exit_zero and left["error"]:
        sys.exit(1)


def _engine(config: ProjectConfig, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
            opts: tuple[str, ...] = ()) -> Engine:
    """The engine of a run: checker.toml's settings under the command line's (see core.config);
    a mistake in the file is told with the file's path."""
    from .core.engine import Engine, make_plugin_manager
    from .core.selection import check_patterns

    pm = make_plugin_manager(limit=_plugin_limit(_options(opts), config.options))
    from .core.collector import settle

    settle()        # the plugins are imported: the garbage collector runs again (core.collector)
    file_options = config.options
    if config.path is not None and (config.select or config.ignore or file_options):
        base = Engine(pm)
        where = f"配置文件 {config.path}"
        check_patterns(config.select, base.rules, f"{where} 的 select")
        check_patterns(config.ignore, base.rules, f"{where} 的 ignore")
        try:
            check_names(file_options, base.declared_options.values())
            file_options = check_values(file_options, base.declared_options, where="规则参数")
        except CheckerUsageError as exc:
            raise CheckerUsageError(f"{where}：{exc}") from None
    return Engine(pm, select=_split(select) or config.select, ignore=_split(ignore) or config.ignore,
                  options={**file_options, **_options(opts)}, saved=saved_options())


def _plugin_limit(*given: dict) -> float:
    """``plugin_time_limit`` for loading and listing the plugins, before the engine can check the
    options (that needs the options the plugins declare): the first of ``given`` that has it, else
    the saved value (a damaged settings file is named by the commands that use saved options)."""
    from .core.engine import PLUGIN_TIME_LIMIT, time_limit

    try:
        saved = saved_options()
    except InputError:
        saved = {}
    for options in (*given, saved):
        if PLUGIN_TIME_LIMIT.name in options:
            return time_limit(options[PLUGIN_TIME_LIMIT.name])
    return time_limit(PLUGIN_TIME_LIMIT.default)


def _listing_engine() -> Engine:
    """The engine of a command that lists what the plugins declare (rules, plugins, templates):
    each plugin's loading and listing bounded by the saved ``plugin_time_limit``."""
    from .core.engine import PLUGIN_TIME_LIMIT, Engine, make_plugin_manager

    limit = _plugin_limit()
    return Engine(make_plugin_manager(limit=limit), options={PLUGIN_TIME_LIMIT.name: limit})


def _check_prior_year(document, prior_doc, prior: str) -> None:
    """--prior must be the year before: the same year again compares a workbook with itself (or a
    copy) and every 增减 sentence would be reported as wrong."""
    if document.year is None or prior_doc.year is None or prior_doc.year == document.year - 1:
        return
    raise CheckerUsageError(f"--prior {prior} 是 {prior_doc.year} 年的预算公开，而 {document.path} 是 {document.year} 年的；"
                           f"--prior 应为上一年度（{document.year - 1} 年）的预算公开文件。")


def _warn_year_without_reference(year: int) -> None:
    """--year outside the years the code lists cover: the codes plugin cannot check the codes."""
    try:
        from .plugins.codes.reference import shipped, user_lists
    except ImportError:      # pragma: no cover - the codes plugin is part of checker
        return
    years = sorted({y for _, y in shipped()[0]} | {lst.year for lst in user_lists()})
    if years and year not in years:
        click.echo(f"警告：--year {year} 没有参考数据（科目编码表只有 {'、'.join(map(str, years))} 年），"
                   "科目编码的核对将不完整。可用 checker codes import 导入该年度的科目表。", err=True)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="写入文件。")
def rules(fmt: str, output: Optional[str]) -> None:
    """列出全部校验规则（编码、级别、名称、所属插件）。"""
    from .core.ruledocs import render_markdown

    engine = _listing_engine()
    _warn_plugins(engine)
    if fmt == "json":
        text = json.dumps([{"code": r.code, "severity": r.severity.value, "title": r.title, "plugin": r.plugin,
                            "what": r.what, "why": r.why, "bad": r.bad, "good": r.good, "fixable": r.fixable}
                           for r in engine.rules.values()], ensure_ascii=False, indent=2) + "\n"
    elif fmt == "markdown":
        text = render_markdown(engine.rules)
    else:
        text = "".join(f"{r.code}  {r.severity.label}  {r.title}  [{r.plugin}]\n" for r in engine.rules.values())
    if output:
        check_output(Path(output), [], "-o/--output")
        write_text(Path(output), text)
    else:
        click.echo(text, nl=False)


@cli.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """说明一条规则：检查什么、为什么、错误和正确的示例，如 checker rule A301。"""
    from .core.console import terminal
    from .core.report import wrap
    from .core.ruledocs import FIXABLE_NOTE
    from .core.selection import suggestion

    engine = _listing_engine()
    rule = engine.rules.get(code.strip().upper())
    if rule is None:
        raise CheckerUsageError(f"没有规则 {code}。{suggestion(code, engine.rules)}全部规则见 checker rules。")
    color, width = terminal(sys.stdout)
    label = click.style(rule.severity.label, fg={"error": "red", "warning": "yellow"}.get(rule.severity.value),
                        bold=True) if color else rule.severity.label
    lines = [f"{rule.code}  {label}（{rule.severity.meaning}）  {rule.title}  [{rule.plugin}]"]
    for heading, text in (("检查什么", rule.what), ("为什么", rule.why), ("错误示例", rule.bad), ("正确示例", rule.good)):
        lines += ["", f"{heading}："] + wrap(f"  {text}", width, indent=2)
    if rule.fixable:
        lines += ["", "自动修改："] + wrap(f"  {FIXABLE_NOTE.split('：', 1)[1]}", width, indent=2)
    click.echo("\n".join(lines), color=color)


@cli.group(invoke_without_command=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--for", "target", type=click.Path(), metavar="工作簿或文件夹",
              help="按 checker run 这个工作簿或文件夹时的设置列出（在它所在的文件夹及其上级查找 checker.toml；默认当前文件夹）。")
@click.option("--option", "opts", multiple=True, metavar="名称=值", help="同 checker run --option：看它如何改变生效的值。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="文件", help="用这个配置文件。")
@click.option("--no-config", is_flag=True, help="不使用 checker.toml。")
@click.pass_context
def options(ctx: click.Context, fmt: str, target: Optional[str], opts: tuple[str, ...], config_file: Optional[str],
            no_config: bool) -> None:
    """列出规则参数（默认值、已保存的值、生效的值及其来源）；set/unset 保存或删除参数。

    \b
    checker options                                 列出全部参数
    checker options --for 报送文件夹/               按该文件夹的 checker.toml 列出生效的值
    checker options set large_change_percent 20     保存参数，此后 checker run 和 Excel 校验都按它
    checker options unset large_change_percent      删除已保存的参数，恢复默认值

    \b
    生效的值按以下顺序，后者优先：默认 < 已保存（checker options set）< checker.toml < 命令行（--option）。
    """
    if ctx.invoked_subcommand is not None:
        return
    config = load_config([Path(target or ".")], Path(config_file) if config_file else None, no_config)
    engine = _engine(config, opts=opts)          # refuses what checker run would refuse
    _warn_plugins(engine)
    saved = saved_options()
    given = _options(opts)
    rows = []
    for o in engine.declared_options.values():
        if o.name in given:
            source, source_label = "command line", "命令行"
        elif o.name in config.options:
            source, source_label = "file", f"配置文件 {config.path}"
        elif o.name in saved:
            source, source_label = "saved", f"已保存（{settings_path()}）"
        else:
            source, source_label = "default", "默认"
        rows.append((o, engine.options.get(o.name, o.default), source, source_label))
    if fmt == "json":
        click.echo(json.dumps([{"name": o.name, "default": o.default, "saved": saved.get(o.name),
                                "file": config.options.get(o.name), "value": value, "source": source,
                                "type": o.type, "help": o.help, "plugin": o.plugin}
                               for o, value, source, _ in rows], ensure_ascii=False, indent=2))
        return
    for o, value, source, label in rows:
        mine = f"  已保存 {shown_value(saved[o.name])}" if o.name in saved else ""
        click.echo(f"{o.name}  默认 {o.shown_default}{mine}  [{o.plugin}]")
        click.echo(f"    生效：{shown_value(value)}（{label}）" + (f"  类型：{o.shown_type}" if o.type else ""))
        click.echo(f"    {o.help}")
    if config.path is not None:
        click.echo(f"（配置文件：{config.path}）")
    if saved:
        click.echo(f"（已保存的参数在 {settings_path()}）")


@options.command("set")
@click.argument("name")
@click.argument("value")
def options_set(name: str, value: str) -> None:
    """保存一个规则参数（值可写成 JSON），此后每次校验都按它，直到 unset。"""

    declared = _listing_engine().declared_options
    check_names({name: value}, declared.values())
    parsed = check_values({name: parse_value(value)}, declared, where="checker options set")[name]
    path = save_option(name, parsed)
    click.echo(f"已保存：{name} = {shown_value(parsed)}（{path}）。"
               "checker run 和 Excel 中的“校验”按钮此后都按此值校验；单次运行可用 --option 另行指定。")


@options.command("unset")
@click.argument("name")
def options_unset(name: str) -> None:
    """删除一个已保存的规则参数，恢复默认值。"""
    if remove_option(name):
        click.echo(f"已删除保存的参数 {name}，恢复默认值。")
    else:
        click.echo(f"参数 {name} 没有保存过，仍按默认值。")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def plugins(fmt: str) -> None:
    """列出已加载的校验插件及其来源。"""

    engine = _listing_engine()
    infos = engine.plugins()
    if fmt == "json":
        click.echo(json.dumps([i.__dict__ for i in infos], ensure_ascii=False, indent=2))
        return
    for info in infos:
        click.echo(f"{info.name}  {info.module}  来自 {info.distribution}  规则 {len(info.rules)} 条")
    _warn_plugins(engine)


def _warn_plugins(engine: Engine) -> None:
    """A plugin that failed to load or declared something wrongly: one line each on stderr
    (``checker run`` reports them as S900 findings)."""
    for message in engine.rule_errors:
        click.echo(f"警告：插件 {message}", err=True)


def _terminated(signum, frame) -> None:  # noqa: ARG001
    # SIGTERM unwinds like an exception, so that every temporary file is removed on the way out
    raise SystemExit(128 + signum)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="输出格式：markdown 即 docs/templates.md。")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="写入文件，而不是屏幕。")
def templates(fmt: str, output: Optional[str]) -> None:
    """列出可识别的预算公开模板（各地区的表样）及各表的编号、名称和金额单位。"""
    from .core.template import template_summary

    engine = _listing_engine()
    if fmt in ("json", "markdown"):
        from .core.templatedocs import render_markdown as templates_markdown

        text = (json.dumps([template_summary(t) for t in engine.templates], ensure_ascii=False, indent=2) + "\n"
                if fmt == "json" else templates_markdown(engine.templates))
        if output:
            check_output(Path(output), [], "-o/--output")
            write_text(Path(output), text)
            click.echo(f"已写出：{output}", err=True)
        else:
            click.echo(text, nl=False)
        return
    for profile in engine.templates:
        click.echo(f"{profile.name}  {profile.title}  [{profile.plugin}]")
        click.echo(f"  {profile.description}")
        for spec in profile.tables:
            empty = "（无数据时可为空表）" if spec.may_be_empty else ""
            click.echo(f"  {spec.label:<5}{spec.name}  {spec.unit}{empty}")
        for code, why in profile.not_applicable:
            click.echo(f"  不适用 {code}：{why}")
        click.echo("")
    _warn_plugins(engine)


def main() -> None:
    from .core import collector
    from .core.console import setup

    collector.hold()    # no garbage collection while checker and its plugins are imported (core.collector)
    try:
        setup()          # a GBK console must not end a command in UnicodeEncodeError
        with contextlib.suppress(ValueError, OSError, AttributeError):
            signal.signal(signal.SIGTERM, _terminated)
        cli(prog_name="checker")
    finally:
        collector.settle()


if __name__ == "__main__":  # pragma: no cover
    main()
