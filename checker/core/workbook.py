"""Loading a workbook file into sheet grids, safely and without ever writing to it.

The file is read into memory once and vetted (size, zip bomb, DTD/entity declarations); the
sheet XML is scanned for formulas that carry no cached value (a reader would show them as empty
cells), then python-calamine reads the values. An old-format .xls (BIFF8, what many budget
systems still export) is read by python-calamine directly: it is not compressed and its formula
records always carry their last result, so neither the zip checks nor the formula scan apply.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Optional

from .errors import InputError
from .grid import SheetGrid
from .vet import Limits, _part_names, read_vetted, vet_area, vet_workbook, vet_zip
from .text import lazy_pattern

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


def read_bytes(path: Path, limits: Optional[Limits] = None) -> bytes:
    """Read and vet a workbook file (:mod:`checker.core.vet`: a regular file within the limits,
    read with bounded memory), raising :class:`InputError` with a Chinese message."""
    shown = str(path)
    data = read_vetted(path, limits, "文件")
    if not data:
        raise InputError(shown, "文件是空的（0 字节），请重新导出工作簿。")
    if data.startswith(OLE_SIGNATURE):
        if ENCRYPTED_MARK in data:
            raise InputError(shown, "工作簿设置了打开密码，请在 Excel 中取消密码（文件→信息→保护工作簿）后另存再校验。")
        return data         # an old-format .xls
    if not data.startswith(b"PK"):
        raise InputError(shown, "不是 Excel 工作簿（.xlsx/.xlsm/.xls），请选择导出的预算公开工作簿。")
    return data


def _open_zip(path: str, data: bytes, limits: Optional[Limits] = None) -> zipfile.ZipFile:
    """The package, vetted before any reader allocates: its directory (sizes, ratio) and every
    worksheet part stream-scanned for its extent and merged ranges (:mod:`checker.core.vet`)."""
    zf = vet_zip(path, data, limits)
    if "xl/workbook.xml" not in zf.namelist():
        raise InputError(path, "压缩包中没有 xl/workbook.xml，不是 Excel 工作簿。")
    vet_workbook(path, zf, limits, _part_names(zf))
    return zf


def vet_path(path: Path, limits: Optional[Limits] = None) -> bytes:
    """Vet a workbook file without reading it into grids (before handing it to another program,
    such as LibreOffice for ``--recalc``); returns its bytes."""
    data = read_bytes(path, limits)
    if not data.startswith(OLE_SIGNATURE):
        _open_zip(str(path), data, limits)
    return data


_CELL = lazy_pattern(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF = lazy_pattern(rb'\br="([A-Z]+)(\d+)"')
_F = lazy_pattern(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_V = lazy_pattern(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.S)
_IS = lazy_pattern(rb"<(?:\w+:)?is>", re.S)


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → path of its XML part inside the package."""
    from defusedxml import ElementTree as ET

    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    wb = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    out = {}
    for sheet in wb.iter(f"{ns_main}sheet"):
        rid = sheet.get(f"{ns_rel}id")
        if rid in targets:
            out[sheet.get("name")] = targets[rid]
    return out


_ERROR_TYPE = lazy_pattern(rb'\bt\s*=\s*["\']e["\']')


def uncached_formulas(zf: zipfile.ZipFile) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet, the cells holding a formula with no cached value: (row, col) → formula."""
    return scan_cells(zf)[0]


def scan_cells(zf: zipfile.ZipFile) -> tuple[dict[str, dict[tuple[int, int], str]], dict[str, dict[tuple[int, int], str]]]:
    """One pass over each sheet's XML: per sheet, the cells holding a formula with no cached value
    ((row, col) → formula), and the cells holding an Excel error value (``t="e"``: #REF!, #DIV/0!,
    #N/A, #VALUE! …; python-calamine reads those as empty) → the error as Excel shows it."""
    from .cells import column_index

    result: dict[str, dict[tuple[int, int], str]] = {}
    errors: dict[str, dict[tuple[int, int], str]] = {}
    for name, part in _sheet_paths(zf).items():
        try:
            xml = zf.read(part)
        except KeyError:
            continue
        if b'"e"' in xml or b"'e'" in xml:
            found_errors = {}
            for m in _CELL.finditer(xml):
                if not _ERROR_TYPE.search(m.group(1)):
                    continue
                v = _V.search(m.group(2) or b"")
                ref = _REF.search(m.group(1))
                if v and ref:
                    key = (int(ref.group(2)) - 1, column_index(ref.group(1).decode()))
                    found_errors[key] = v.group(1).decode("utf-8", "replace").strip()
            if found_errors:
                errors[name] = found_errors
        if b"<f" not in xml and b":f" not in xml:
            continue
        found = {}
        for m in _CELL.finditer(xml):
            body = m.group(2) or b""
            f = _F.search(body)
            if not f:
                continue
            v = _V.search(body)
            if (v and v.group(1).strip()) or _IS.search(body):
                continue
            ref = _REF.search(m.group(1))
            if ref:
                key = (int(ref.group(2)) - 1, column_index(ref.group(1).decode()))
                found[key] = "=" + (f.group(1) or b"").decode("utf-8", "replace")
        if found:
            result[name] = found
    return result, errors


def _refuse_doctype(path: str, zf: zipfile.ZipFile) -> None:
    """An OOXML part never carries a DOCTYPE; one that does is an entity (XML bomb) attack,
    refused here before any parser sees it."""
    for info in zf.infolist():
        if info.filename.endswith((".xml", ".rels", ".vml")):
            with zf.open(info) as part:
                head = part.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise InputError(path, f"工作簿中的 {info.filename} 含有 DTD/实体声明（疑似 XML 炸弹），已停止读取。")


def _xls_errors(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """The error cells (#DIV/0!, #REF!, …) of an old-format .xls, by sheet: python-calamine reads
    them as empty, like the .xlsx ones that :func:`scan_cells` finds in the sheet XML; xlrd reads
    the BIFF records and knows them. A file xlrd cannot parse has none here (calamine's reading
    below gives the verdict on the file). The file is already bounded: a .xls is not compressed,
    its size is vetted, and BIFF8 sheets hold at most 65,536 × 256 cells."""
    try:
        import xlrd

        book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO())
    except Exception:  # noqa: BLE001 - xlrd raises many types; calamine reports a broken file
        return {}
    out: dict[str, dict[tuple[int, int], str]] = {}
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            found = {(r, c): xlrd.error_text_from_code.get(sheet.cell_value(r, c), "#N/A")
                     for r in range(sheet.nrows) for c, kind in enumerate(sheet.row_types(r))
                     if kind == xlrd.XL_CELL_ERROR}
            if found:
                out[sheet.name] = found
            book.unload_sheet(index)
    except Exception:  # noqa: BLE001 - what was found before a damaged record is kept
        pass
    return out


def load_grids(path: Path, data: Optional[bytes] = None, limits: Optional[Limits] = None) -> list[SheetGrid]:
    """Read every sheet of the workbook at ``path`` into a :class:`SheetGrid`.

    Values come from python-calamine (a Rust reader, some fifty times faster than openpyxl on a
    disclosure workbook): cached formula results, merged ranges and sheet visibility included.
    """
    from python_calamine import CalamineWorkbook

    shown = str(path)
    if data is None:
        data = read_bytes(path, limits)
    old_format = data.startswith(OLE_SIGNATURE)
    formulas: dict[str, dict[tuple[int, int], str]] = {}
    errors: dict[str, dict[tuple[int, int], str]] = {}
    if old_format:
        errors = _xls_errors(data)
    else:
        zf = _open_zip(shown, data, limits)
        _refuse_doctype(shown, zf)
        try:
            formulas, errors = scan_cells(zf)
        except Exception as exc:  # a malformed part: the reader below gives the definitive verdict
            if _is_xml_attack(exc):
                raise InputError(shown, "工作簿中含有不安全的 XML 内容（疑似 XML 炸弹），已停止读取。") from exc
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = []
        for meta in wb.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                continue  # chart sheets hold no cells
            sheet = wb.get_sheet_by_name(meta.name)
            if sheet.end is not None:       # also bounds an old-format .xls, which has no zip to scan
                vet_area(shown, meta.name, sheet.end[0] + 1, sheet.end[1] + 1, limits)
            rows = [[None if v == "" else v for v in row] for row in sheet.to_python(skip_empty_area=False)]
            merges = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])]
            grids.append(SheetGrid(name=meta.name, rows=rows, merges=merges,
                                   uncached_formulas=formulas.get(meta.name, {}),
                                   errors=errors.get(meta.name, {}),
                                   hidden=str(meta.visible).rsplit(".", 1)[-1] != "Visible"))
    except InputError:
        raise
    except Exception as exc:  # the reader raises its own error types for broken files
        if old_format:
            raise InputError(shown, f"无法解析这个 .xls 工作簿（{type(exc).__name__}），它可能设置了密码或已损坏。"
                                    "请在 Excel 或 WPS 中打开，取消密码后另存为 .xlsx 再校验。") from exc
        raise InputError(shown, f"工作簿结构损坏，无法解析（{type(exc).__name__}）。请在 Excel 中打开后另存为 .xlsx 再试。") from exc
    if not any(v is not None for g in grids for row in g.rows for v in row):
        raise InputError(shown, "工作簿是空的，没有任何内容。请确认选择的是已填好的预算公开工作簿。")
    return grids


def _is_xml_attack(exc: BaseException) -> bool:
    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - defusedxml is a declared dependency
        return False
    seen: Optional[BaseException] = exc
    while seen is not None:
        if isinstance(seen, DefusedXmlException):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
