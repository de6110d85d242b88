"""Building the Excel add-ins: ``checker excel addin [DIR]``.

Three add-ins are made from xlwings' own ribbon add-in template (the file ``xlwings quickstart
NAME --addin --ribbon`` copies). Its VBA cannot be edited without Excel, but it does not need to
be: the ribbon button calls ``RibbonMyAddin.RunMain``, which runs
``RunPython "import <file stem>; <file stem>.main()"``. So naming the file
``budget_checker.xlam`` makes the button call ``budget_checker.main()``. Only the ribbon XML
(``customUI/customUI.xml``) is replaced, with zipfile.

Excel calls one ``RunMain`` per add-in, hence three add-ins — 校验, 清除标记 and 生成说明 — whose
ribbons share one tab through a qualified tab id (``idQ="x:BudgetCheckerTab"``).

The template's VBA fixes its project name to ``myaddin``, so both add-ins read their settings
(the Python interpreter) from ``%USERPROFILE%\\.myaddin\\myaddin.conf`` on Windows and
``~/Library/Containers/com.microsoft.Excel/Data/myaddin.conf`` on macOS.
"""
from __future__ import annotations

import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from string import Template

from ..core.errors import CheckerError

DATA = Path(__file__).resolve().parent / "addin"
CUSTOM_UI = "customUI/customUI.xml"
CONF_NAME = "myaddin.conf"        # PROJECT_NAME in the template's VBA
INSTALL_NAME = "安装说明.txt"


@dataclass(frozen=True)
class AddinSpec:
    name: str           # the .xlam's stem = the Python module its button imports
    custom_ui: str      # ribbon XML in DATA
    module: str         # the module's source in DATA


ADDINS = (
    AddinSpec("budget_checker", "customUI_validate.xml", "budget_checker.py"),
    AddinSpec("budget_checker_clear", "customUI_clear.xml", "budget_checker_clear.py"),
    AddinSpec("budget_checker_draft", "customUI_draft.xml", "budget_checker_draft.py"),
)


class AddinError(CheckerError):
    """The add-in could not be written (exit status 2)."""


def template_path() -> Path:
    """xlwings' ribbon add-in template, as shipped in the installed xlwings."""
    import xlwings

    return Path(xlwings.__file__).resolve().parent / "quickstart_addin_ribbon.xlam"


def build_xlam(template: Path, custom_ui: bytes, out: Path) -> None:
    """Copy the template to ``out`` with its ribbon XML replaced; every other part (the VBA
    project above all) is copied byte for byte."""
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        if CUSTOM_UI not in names:
            raise AddinError(f"xlwings 的加载项模板 {template} 中没有 {CUSTOM_UI}，无法生成加载项（xlwings 版本不兼容？）。")
        for info in src.infolist():
            data = custom_ui if info.filename == CUSTOM_UI else src.read(info.filename)
            dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)


def conf_text() -> str:
    """A myaddin.conf naming the Python running this command where that is the user's platform
    (pythonw.exe on Windows: no console window flashes up), an example path elsewhere."""
    exe = Path(sys.executable)
    if sys.platform.startswith("win"):
        pythonw = exe.with_name("pythonw.exe")
        win = str(pythonw if pythonw.exists() else exe)
    else:
        win = r"C:\Users\NAME\AppData\Local\Programs\Python\Python311\pythonw.exe"
    mac = str(exe) if sys.platform == "darwin" else "/Library/Frameworks/Python.framework/Versions/3.11/bin/python3"
    return f'"INTERPRETER_WIN","{win}"\r\n"INTERPRETER_MAC","{mac}"\r\n'


def write_addin(directory: Path) -> list[Path]:
    """Write the add-ins, their Python modules, a myaddin.conf and the 安装说明 to
    ``directory`` (created if needed); returns the files written."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise AddinError(f"{directory} 是一个文件，请指定一个文件夹。")
    template = template_path()
    if not template.exists():
        raise AddinError(f"找不到 xlwings 的加载项模板 {template}，请重新安装 xlwings。")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        written = []
        for spec in ADDINS:
            xlam = directory / f"{spec.name}.xlam"
            build_xlam(template, (DATA / spec.custom_ui).read_bytes(), xlam)
            module = directory / f"{spec.name}.py"
            module.write_bytes((DATA / spec.module).read_bytes())
            written += [xlam, module]
        conf = directory / CONF_NAME
        # The VBA reads it with `Open … For Input`, i.e. in the ANSI code page (GBK on Chinese
        # Windows): written that way, a path with Chinese characters reads back correctly.
        conf.write_text(conf_text(), encoding="mbcs" if sys.platform.startswith("win") else "utf-8", newline="")
        install = directory / INSTALL_NAME
        import xlwings

        text = Template((DATA / "install_zh.txt").read_text(encoding="utf-8")).substitute(
            xlwings_version=xlwings.__version__)
        # Notepad on older Windows wants CRLF and recognises UTF-8 by its BOM.
        install.write_text(text.replace("\n", "\r\n"), encoding="utf-8-sig", newline="")
        written += [conf, install]
    except OSError as exc:
        raise AddinError(f"无法写入 {directory}（{exc.strerror or exc}），请确认有写入权限。") from exc
    return written
