"""``checker run``: what it does once click has parsed the command line (checker/cli.py wires it).

The files are checked by :class:`checker.batch.Batch` — in a pool of worker processes or, with
``--jobs 1``, in this process — and their outcomes come back in input order: text is printed file
by file as each is due, JSON, CSV and the reviewer's reports (``--report``) are written once all
are in, from the outcomes alone (no workbook is kept).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import click

from .core.errors import UsageError as CheckerUsageError
from .core.outputs import check_output, write_text

REPORT_SUFFIXES = (".xlsx", ".html", ".htm")
INTERRUPTED = 130           # 128 + SIGINT, what a shell reports for Ctrl-C


@dataclass
class RunRequest:
    """``checker run``'s arguments and options."""

    paths: tuple[str, ...]
    fmt: str = "text"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    year: Optional[int] = None
    narrative: Optional[str] = None
    prior: Optional[str] = None
    output: Optional[str] = None
    annotate: Optional[str] = None
    recalc: bool = False
    opts: tuple[str, ...] = ()
    verbose: bool = False
    quiet: bool = False
    statistics: bool = False
    exit_zero: bool = False
    template: Optional[str] = None
    config_file: Optional[str] = None
    no_config: bool = False
    jobs: Optional[int] = None
    timeout: Optional[float] = None
    reports: tuple[str, ...] = ()


def annotate_folder(annotate: str, files: list[Path]) -> bool:
    """``--annotate`` names a folder (one copy per workbook) rather than the copy of one workbook:
    an existing folder, a path ending in a separator, or anything but a workbook name with several
    inputs."""
    if Path(annotate).is_dir() or annotate.endswith(("/", os.sep)):
        return True
    if len(files) > 1:
        kind = {".xlsx": "工作簿", ".xlsm": "工作簿", ".pdf": "PDF"}.get(Path(annotate).suffix.lower())
        if kind:
            noun = "工作簿" if kind == "工作簿" else "文件"
            raise click.UsageError(f"校验多个{noun}时 --annotate 应为文件夹（如 --annotate 标注/），"
                                   f"{annotate} 是一个{kind}的文件名。")
        return True
    return False


def _annotation_plan(req: RunRequest, files: list[Path], inputs: list[Path]) -> list[Optional[str]]:
    """Where each file's annotated copy goes (None: none), refused up front when it would touch an input."""
    if not req.annotate:
        return [None] * len(files)
    from .batch import annotation_targets

    if not annotate_folder(req.annotate, files):
        if files[0].suffix.lower() == ".docx":
            raise CheckerUsageError(f"暂不支持为 Word 文档生成标注副本（标注副本可由 .xlsx/.xlsm 工作簿或 PDF 生成）：{files[0]} "
                                    "可以不加 --annotate 直接校验，或先把它导出为 PDF，再对 PDF 使用 --annotate 标注.pdf。")
        if files[0].suffix.lower() == ".pdf":
            from .pdfmarks.write import check_pdf_target

            check_pdf_target(files[0], Path(req.annotate), inputs)
            return [req.annotate]
        if files[0].suffix.lower() == ".xls":
            raise click.UsageError(f"标注副本只能由 .xlsx/.xlsm 工作簿生成：请先在 Excel 或 WPS 中把 {files[0]} 另存为 .xlsx，"
                                   "或在 Excel 中用“校验”按钮。不加 --annotate 可以直接校验 .xls。")
        from .excel.annotate import check_target     # openpyxl: only a run that annotates a workbook needs it

        check_output(Path(req.annotate), inputs, "--annotate")
        check_target(files[0], Path(req.annotate))
        return [req.annotate]
    folder = Path(req.annotate)
    if not folder.is_dir():
        if not folder.parent.is_dir():
            raise CheckerUsageError(f"--annotate {folder} 的上级文件夹 {folder.parent} 不存在，请先创建它。")
        folder.mkdir()
    targets = annotation_targets(files, folder)
    for target in targets:
        if target is not None:
            check_output(target, inputs, "--annotate")
    skipped = [str(f) for f, t in zip(files, targets) if t is None]
    if skipped:
        click.echo(f"以下文件不写标注副本（标注副本只能由 .xlsx/.xlsm 工作簿或 PDF 生成）：{'、'.join(skipped)}", err=True)
    return [str(t) if t is not None else None for t in targets]


def execute(req: RunRequest) -> None:
    """Run the check; exits with the run's status (see checker/cli.py); Ctrl-C exits 130."""
    try:
        _execute(req)
    except KeyboardInterrupt:      # before the files are checked (loading the plugins, the --prior workbook)
        from .cli import expand_paths

        click.echo(f"已中止（Ctrl-C）：{len(expand_paths(req.paths))} 个文件一个也没有校验完。", err=True)
        sys.exit(INTERRUPTED)


def _execute(req: RunRequest) -> None:
    from .batch import Batch, Progress, RunSettings, default_jobs
    from .cli import _setup, expand_paths
    from .core.console import terminal

    files = expand_paths(req.paths)
    if not files:
        raise click.UsageError("没有找到要校验的 .xlsx/.xlsm/.xls 工作簿或 .pdf/.docx 文件。")
    for report in req.reports:
        if Path(report).suffix.lower() not in REPORT_SUFFIXES:
            raise click.UsageError(f"--report {report}：汇总报告应为 .xlsx（Excel 工作簿）或 .html（网页）文件。")
    # outputs are refused before any work: never an input of the run, never a read-only file
    inputs = files + [Path(p) for p in (req.prior, req.narrative) if p]
    outputs = [Path(p) for p in ([req.output] if req.output else []) + list(req.reports)]
    for i, out in enumerate(outputs):
        check_output(out, inputs + outputs[:i], "-o/--output" if req.output and i == 0 else "--report")
    annotate = _annotation_plan(req, files, inputs + outputs)
    config, engine, _, prior_doc = _setup(req.paths, req.select, req.ignore, req.opts, req.template,
                                          req.config_file, req.no_config, req.year, req.prior, req.verbose)
    # text to the screen is printed file by file as each is checked (a folder is not silent until
    # its end), coloured and wrapped on a terminal
    streaming = req.fmt == "text" and not req.output
    color, width = terminal(sys.stdout) if streaming else (False, None)
    brief = req.quiet or req.statistics
    settings = RunSettings(config=config, select=req.select, ignore=req.ignore, opts=req.opts, year=req.year,
                           narrative=req.narrative, prior=req.prior, template=req.template, recalc=req.recalc,
                           verbose=req.verbose, color=color, width=width, brief=brief)
    jobs = req.jobs or default_jobs()
    batch = Batch([str(f) for f in files], settings, jobs, annotate, engine, prior_doc,
                  timeout=req.timeout or _default_timeout())
    # the bar goes to stderr on a terminal only, and not while JSON/CSV is to come on the same screen
    shown = Progress.wanted(sys.stdout, sys.stderr, len(files)) and (req.fmt == "text" or bool(req.output))
    progress = Progress(sys.stderr) if shown else None
    outcomes = []
    stream = batch.outcomes(progress.update if progress else None)
    try:
        for outcome in stream:
            if outcome.usage_error:
                raise CheckerUsageError(outcome.usage_error)
            outcomes.append(outcome)
            if progress:
                progress.clear()
            if streaming:
                click.echo(("\n" if len(outcomes) > 1 else "") + outcome.block, nl=False, color=color)
            if outcome.note:
                click.echo(outcome.note, err=True)
            if progress:
                progress.draw()
    except KeyboardInterrupt:
        stream.close()            # stops the workers
        _interrupted(batch, progress, streaming, len(outcomes))
    finally:
        stream.close()
    if progress:
        progress.clear()
    _finish(req, engine, outcomes, streaming, len(files))


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _default_timeout() -> float:
    from .batch import DEFAULT_TIMEOUT

    return DEFAULT_TIMEOUT


def _interrupted(batch, progress, streaming: bool, shown: int) -> None:
    """Ctrl-C: the overview of what finished, on stdout for text on the screen (else stderr), exit 130."""
    from .core.report import entries_overview_lines

    if progress:
        progress.clear()
    done = batch.done()
    lines = [f"已中止（Ctrl-C）：{len(batch.paths)} 个文件中已完成 {len(done)} 个，其余未校验。"]
    if done:
        lines += entries_overview_lines([o.entry for o in done])
    click.echo(("\n" if shown else "") + "\n".join(lines), err=not streaming)
    sys.exit(INTERRUPTED)


def _finish(req: RunRequest, engine, outcomes: list, streaming: bool, total: int) -> None:
    from .core.report import entries_overview_lines, entries_statistics_lines, file_noun, render_entries

    entries = [o.entry for o in outcomes]
    tail = (entries_statistics_lines(entries, engine.rules) if req.statistics else []) + (
        entries_overview_lines(entries) if total > 1 else [])
    if req.fmt == "json":
        text = render_entries(entries)
    elif req.fmt == "csv":
        from .core.report_csv import render_csv

        text = render_csv(outcomes)
    else:
        text = "\n".join([o.block for o in outcomes] + (["\n".join(tail) + "\n"] if tail else []))
    if req.output:
        if req.fmt == "csv":
            from .core.report_csv import write_csv

            write_csv(Path(req.output), text)
        else:
            write_text(Path(req.output), text)
        noun = file_noun(e["path"] for e in entries)
        click.echo(f"已写出结果：{req.output}（{len(entries)} 个{noun}，{sum(e['counts']['error'] for e in entries)} 个错误，"
                   f"{sum(e['counts']['warning'] for e in entries)} 个警告）", err=True)
    elif streaming:
        if tail:
            click.echo("\n" + "\n".join(tail))
    else:
        if req.fmt == "csv" and not _isatty(sys.stdout):
            from .core.report_csv import BOM

            text = BOM + text       # redirected to a file: Excel needs the mark (see core.report_csv)
        click.echo(text, nl=False)
    for report in req.reports:
        _write_report(Path(report), outcomes)
        click.echo(f"已写出汇总报告：{report}", err=True)
    annotated = [o.annotated for o in outcomes if o.annotated]
    if req.annotate and total == 1 and annotated:
        click.echo(f"已写出标注副本：{req.annotate}（原文件未改动）", err=True)
    elif req.annotate and annotated:
        click.echo(f"已写出 {len(annotated)} 份标注副本到 {req.annotate}（原文件未改动）", err=True)
    if any(e.get("error") for e in entries) or any(o.output_failed for o in outcomes):
        sys.exit(2)
    if not req.exit_zero and any(e["counts"]["error"] for e in entries):
        sys.exit(1)


def _write_report(path: Path, outcomes: list) -> None:
    if path.suffix.lower() == ".xlsx":
        from .core.report_xlsx import write_xlsx

        write_xlsx(path, outcomes)
    else:
        from .core.report_html import write_html

        write_html(path, outcomes)
