"""Recalculating a workbook with headless LibreOffice (``checker run --recalc``).

A workbook written by a program (not saved by Excel/WPS) has formulas without cached values;
LibreOffice opens it, computes every formula and saves a copy in a temporary folder. The
user's file is never touched.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import InputError


def soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def recalculated_copy(path: Path, workdir: Path | None = None) -> Path:
    exe = soffice()
    if exe is None:
        raise InputError(str(path), "使用 --recalc 需要安装 LibreOffice（命令 soffice/libreoffice 不存在）。"
                                    "请安装 LibreOffice，或在 Excel/WPS 中打开工作簿并保存后再校验。")
    out_dir = Path(workdir or tempfile.mkdtemp(prefix="checker-recalc-"))
    profile = out_dir / "profile"
    # a private profile: a user's running LibreOffice would otherwise swallow the conversion
    cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--calc",
           "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out_dir / "out"), str(path)]
    try:
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    except (subprocess.SubprocessError, OSError) as exc:
        raise InputError(str(path), f"LibreOffice 重新计算失败（{type(exc).__name__}）。") from exc
    result = out_dir / "out" / (path.stem + ".xlsx")
    if not result.exists():
        raise InputError(str(path), "LibreOffice 没有生成重新计算后的文件。")
    return result
