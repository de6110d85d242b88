"""Commands of the workbook side: ``checker clear`` and ``checker excel addin``.

Registered by :func:`checker.cli.main` through :func:`register`. Errors are
:class:`~checker.core.errors.CheckerError`s, which the top-level group prints as one Chinese
line with exit status 2.
"""
from __future__ import annotations

from pathlib import Path

import click

DEFAULT_ADDIN_DIR = "budget_checker_addin"


@click.command("clear")
@click.argument("workbook", type=click.Path(dir_okay=True))
def clear_command(workbook: str) -> None:
    """清除 checker run --annotate 写入的标注（直接修改该文件）。

    删除“校验结果”工作表和隐藏的标记工作表，把填色、加批注的单元格恢复原样。
    """
    from .annotate import clear_file

    path = Path(workbook)
    restored = clear_file(path)
    if restored < 0:
        click.echo(f"{path} 中没有校验标记，文件未改动。")
    else:
        click.echo(f"已清除 {path} 中的校验标记：恢复 {restored} 个单元格，删除“校验结果”和隐藏的标记工作表。")


@click.group("excel")
def excel_group() -> None:
    """Excel 加载项（在 Excel 中一键校验）。"""


@excel_group.command("addin")
@click.argument("directory", required=False, default=DEFAULT_ADDIN_DIR)
@click.option("--offline", is_flag=True,
              help="同时生成离线安装包：wheels 文件夹（checker 和全部依赖）和 安装.bat，供没有网络的 Windows 电脑安装。"
                   "制作时需要能访问 PyPI。")
@click.option("--platform", "target", type=click.Choice(["win_amd64", "native"]), default="win_amd64",
              show_default=True,
              help="离线安装包的目标：win_amd64 为 64 位 Windows 上的 Python 3.10—3.13；native 为运行本命令的电脑和 Python。")
@click.option("--wheel", type=click.Path(dir_okay=False), help="用这个 budget_disclosure_checker-*.whl（pip wheel . -w dist 生成），"
                                                                "而不是从源码目录重新生成。")
def addin_command(directory: str, offline: bool, target: str, wheel: str | None) -> None:
    """生成 Excel 加载项到 DIRECTORY（默认 budget_checker_addin）。

    \b
    生成：budget_checker.xlam（“预算校验”选项卡和“校验”按钮）、
          budget_checker_clear.xlam（“清除标记”按钮）、budget_checker_draft.xlam（“生成说明”按钮）、
          它们调用的 .py 文件、
          myaddin.conf（Python 解释器设置）和 安装说明.txt。
    加 --offline 另生成 wheels 文件夹和 安装.bat：拷到没有网络的电脑上，双击 安装.bat 即可安装。
    """
    if offline:
        from .bundle import native_target, windows_targets, write_bundle

        targets = windows_targets() if target == "win_amd64" else [native_target()]
        files = write_bundle(Path(directory), targets, Path(wheel) if wheel else None,
                             log=lambda text: click.echo(text, err=True))
    else:
        from .addin import write_addin

        files = write_addin(Path(directory))
    click.echo(f"已生成 Excel 加载项到 {directory}：")
    for path in files:
        click.echo(f"  {path.name}{'/' if path.is_dir() else ''}")
    if offline:
        count = len(list((Path(directory) / "wheels").glob("*.whl")))
        click.echo(f"离线安装包：wheels/ 中 {count} 个 wheel。把整个文件夹拷到要安装的电脑上，双击 安装.bat。")
    click.echo(f"安装方法见 {Path(directory) / '安装说明.txt'}。")


def register(cli: click.Group) -> None:
    """Add ``clear`` and the ``excel`` group to the ``checker`` command line."""
    cli.add_command(clear_command)
    cli.add_command(excel_group)
