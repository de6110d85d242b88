"""Hand-crafted hostile files for the tests (zipfile and raw XML: openpyxl would refuse to write
most of them) and a bounded way to run checker on them."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Optional

CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
      '<sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
           'Target="worksheets/sheet1.xml"/></Relationships>')
TITLE = '<c r="A1" t="inlineStr"><is><t>部门收支总体情况表</t></is></c>'


def sheet_xml(body: str, before: str = "", after: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'{before}<sheetData>{body}</sheetData>{after}</worksheet>')


def write_workbook(path: Path, sheet: str | bytes) -> Path:
    """A one-sheet .xlsx whose sheet XML is ``sheet``, exactly."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("xl/workbook.xml", WB)
        zf.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def far_cells(path: Path, *refs: str) -> Path:
    """A title in A1 and a number in each of ``refs`` (say XFD1048576)."""
    rows: dict[int, list[str]] = {1: [TITLE]}
    for ref in refs:
        row = int("".join(ch for ch in ref if ch.isdigit()))
        rows.setdefault(row, []).append(f'<c r="{ref}"><v>1</v></c>')
    body = "".join(f'<row r="{r}">{"".join(cells)}</row>' for r, cells in sorted(rows.items()))
    return write_workbook(path, sheet_xml(body))


def merged(path: Path, ref: str) -> Path:
    return write_workbook(path, sheet_xml(f'<row r="1">{TITLE}</row>',
                                          after=f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'))


def tall(path: Path, rows: int) -> Path:
    """``rows`` rows of text and two numbers, streamed into the zip (no openpyxl: fast)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("xl/workbook.xml", WB)
        zf.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                       b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            part.write(f'<row r="1">{TITLE}</row>'.encode())
            for start in range(2, rows + 1, 10_000):
                chunk = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>项目{r}</t></is></c>'
                                f'<c r="B{r}"><v>{r}.5</v></c><c r="C{r}"><v>{r * 2}</v></c></row>'
                                for r in range(start, min(start + 10_000, rows + 1)))
                part.write(chunk.encode())
            part.write(b"</sheetData></worksheet>")
    return path


def zip_bomb(path: Path, part: str, megabytes: int = 60) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("xl/workbook.xml" if path.suffix != ".docx" else "word/_rels/document.xml.rels", "<x/>")
        with zf.open(part, "w", force_zip64=True) as out:
            block = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                out.write(block)
    return path


def run_bounded(args: list[str], memory_mb: int = 1536, timeout: float = 120,
                cwd: Optional[Path] = None, env: Optional[dict] = None) -> subprocess.CompletedProcess:
    """``checker ARGS`` in a subprocess limited to ``memory_mb`` of address space and ``timeout``
    seconds (a bound on hostile input, not a speed claim)."""
    import resource

    def limit() -> None:
        size = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([sys.executable, "-c", "from checker.cli import main; main()", *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout,
                          preexec_fn=limit, cwd=cwd, env=full_env)
