"""``checker draft WORKBOOK [--prior LAST_YEAR.xlsx] [-o 情况说明.docx] [--into COPY.xlsx]``."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import click


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("workbook", type=click.Path(dir_okay=False), metavar="工作簿")
@click.option("--prior", type=click.Path(dir_okay=False), metavar="文件",
              help="上年度预算公开工作簿：据此写出各项比上年的增减；不给时增减处留“【请填写】”。")
@click.option("--output", "-o", type=click.Path(dir_okay=False), metavar="文件.docx",
              help="把起草的情况说明写成 Word 文档（.docx）。")
@click.option("--into", type=click.Path(dir_okay=False), metavar="副本.xlsx",
              help="另存一份工作簿副本，其中的情况说明换成起草稿（原文件不变）。")
@click.option("--template", metavar="名称", help="按指定的模板读取（默认按表名自动识别；见 checker templates）。")
def draft(workbook: str, prior: Optional[str], output: Optional[str], into: Optional[str],
          template: Optional[str]) -> None:
    """按公开表起草情况说明：金额、占比、增减均取自各表，原因等留“【请填写】”。

    \b
      checker draft 预算公开.xlsx -o 情况说明.docx
      checker draft 预算公开.xlsx --prior 上年预算公开.xlsx --into 起草副本.xlsx
    不给 -o 和 --into 时把起草稿打印到屏幕。
    """
    from checker.core.engine import Engine, find_template, make_plugin_manager
    from checker.core.errors import CheckerError
    from checker.core.outputs import check_output
    from checker.core.reader import read_workbook
    from checker.core.template import UnknownTemplate

    from .compose import draft_narrative
    from .writers import write_docx, write_workbook_copy

    source = Path(workbook)
    inputs = [source] + ([Path(prior)] if prior else [])
    if output:
        if Path(output).suffix.lower() != ".docx":
            raise CheckerError(f"-o {output}：起草稿只能写成 Word 文档，文件名应以 .docx 结尾。")
        check_output(Path(output), inputs, "-o/--output")
    if into:
        want = ".xlsm" if source.suffix.lower() == ".xlsm" else ".xlsx"
        if source.suffix.lower() not in (".xlsx", ".xlsm"):
            raise CheckerError(f"--into 只能由 .xlsx/.xlsm 工作簿生成：请先在 Excel 或 WPS 中把 {source} 另存为 .xlsx。")
        if Path(into).suffix.lower() != want:
            raise CheckerError(f"--into {into}：副本的扩展名应与原文件一致（{want}）。")
        check_output(Path(into), inputs + ([Path(output)] if output else []), "--into")
    pm = make_plugin_manager()
    engine = Engine(pm)
    if template:
        try:
            find_template(engine.templates, template)
        except UnknownTemplate as exc:
            raise CheckerError(str(exc)) from None
    limits = engine.limits()
    document = read_workbook(source, templates=engine.templates, template=template, limits=limits)
    prior_doc = read_workbook(Path(prior), templates=engine.templates, template=template, limits=limits) if prior else None
    if prior_doc is not None and document.year and prior_doc.year and prior_doc.year != document.year - 1:
        raise CheckerError(f"--prior {prior} 是 {prior_doc.year} 年的预算公开，而 {source} 是 {document.year} 年的；"
                           f"--prior 应为上一年度（{document.year - 1} 年）的预算公开工作簿。")
    result = draft_narrative(pm, document, prior_doc)
    if output:
        write_docx(result, Path(output))
        click.echo(f"已写出情况说明起草稿：{output}", err=True)
    if into:
        replaced, written = write_workbook_copy(source, result, document.template, Path(into), limits)
        was = f"，替换了原有的“{'”“'.join(replaced)}”" if replaced else ""
        click.echo(f"已写出工作簿副本：{into}（情况说明写在“{'”“'.join(written)}”{was}；原文件未改动）", err=True)
    if not output and not into:
        click.echo("\n".join(result.paragraphs))
    left = result.placeholders
    note = "" if result.with_prior else "；未给 --prior，比上年的增减也留作“【请填写】”"
    click.echo(f"共 {len(result.paragraphs)} 段，{left} 处“【请填写】”待补充{note}。", err=True)
