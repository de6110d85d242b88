"""Recalculating a workbook with headless LibreOffice (``checker run --recalc``).

A workbook written by a program (not saved by Excel/WPS) has formulas without cached values;
LibreOffice opens it, computes every formula and saves a copy in a temporary folder. The
user's file is never touched.
"""
from __future__ import annotations

# shutil, subprocess and tempfile are imported by the functions: a run without --recalc never
# needs them, and every run imports this module
from pathlib import Path

from .errors import InputError


def soffice() -> str | None:
    import shutil

    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(exe: str, paths: list[Path], workdir: Path, target: str, suffix: str,
            infilter: str | None = None, timeout: int = 180) -> list[Path]:
    """Save ``paths`` with headless LibreOffice ``exe`` in the format ``target`` (a --convert-to
    argument such as "xls:MS Excel 97"); returns where each copy would be written (``workdir/out``,
    file name with ``suffix``). Raises subprocess's errors."""
    import subprocess

    # a private profile: a user's running LibreOffice would otherwise swallow the conversion
    cmd = [exe, f"-env:UserInstallation=file://{workdir / 'profile'}", "--headless", "--calc",
           *([f"--infilter={infilter}"] if infilter else []),
           "--convert-to", target, "--outdir", str(workdir / "out"), *map(str, paths)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
    return [workdir / "out" / (p.stem + suffix) for p in paths]


def recalculated_copy(path: Path, workdir: Path | None = None) -> Path:
    import subprocess
    import tempfile

    exe = soffice()
    if exe is None:
        raise InputError(str(path), "使用 --recalc 需要安装 LibreOffice（命令 soffice/libreoffice 不存在）。"
                                    "请安装 LibreOffice，或在 Excel/WPS 中打开工作簿并保存后再校验。")
    out_dir = Path(workdir or tempfile.mkdtemp(prefix="checker-recalc-"))
    try:
        (result,) = convert(exe, [path], out_dir, "xlsx:Calc MS Excel 2007 XML", ".xlsx")
    except (subprocess.SubprocessError, OSError) as exc:
        raise InputError(str(path), f"LibreOffice 重新计算失败（{type(exc).__name__}）。") from exc
    if not result.exists():
        raise InputError(str(path), "LibreOffice 没有生成重新计算后的文件。")
    return result
