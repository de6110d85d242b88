"""Vetting a file before any reader sees it: one bounded step every way in goes through.

``checker run`` (workbooks, ``--prior``, ``--narrative``), ``checker clear``, ``checker codes
import`` and the values the Excel button reads all call :func:`vet_file` (or, for values already
in Excel, :func:`vet_area`) first. Readers allocate for what a file *declares*: python-calamine
builds a dense grid from A1 to the farthest cell (a 1.9 KB sheet with cells at A1 and XFD1048576
asks it for seventeen billion cells and the process aborts), and a merged range is expanded cell by
cell. So the limits are checked on the file itself, with bounded work and memory:

* the path must be a regular file (a FIFO would block forever, /dev/zero never ends), no larger than
  ``max_file_mb``; it is read with at most that many bytes;
* a zip package (.xlsx/.xlsm/.docx) is judged from its central directory (entry count, declared
  sizes, compression ratio) and then each worksheet part is *stream-decompressed* in chunks, with
  the bytes actually produced counted against ``max_uncompressed_mb`` (a directory may lie), while
  its ``<row r>``, ``<c r>`` and ``<mergeCell ref>`` tags are scanned: the area from A1 to the
  farthest cell must stay within ``max_sheet_cells`` and the merged ranges within
  ``max_merged_cells``.

The limits are run options (``checker options``), so a user with a genuinely larger workbook raises
them with ``--option max_sheet_cells=…`` or ``checker options set``.
"""
from __future__ import annotations

import io
import os
import stat
import zipfile
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping, Optional

from .errors import InputError
from .options import RunOption
from .text import lazy_pattern

MB = 1024 * 1024
CORE_PLUGIN = "checker.core"


@dataclass(frozen=True)
class Limits:
    """What a file may declare before it is refused unread."""

    max_file_mb: int = 200              # bytes on disk
    max_uncompressed_mb: int = 512      # a zip package's parts, decompressed, together
    max_ratio: int = 200                # compression ratio of one part larger than 10 MB
    max_sheet_cells: int = 10_000_000   # rows × columns from A1 to the farthest cell, per sheet
    max_merged_cells: int = 500_000   # cells covered by merged ranges, per sheet
    max_entries: int = 10_000           # parts in a zip package
    max_pdf_pages: int = 1_000          # pages of a PDF (a disclosure has some 30 to 300)
    max_pdf_page_seconds: float = 10.0  # reading one PDF page (a real one takes about 0.1 s)
    max_pdf_seconds: float = 300.0      # reading all the pages of one PDF

    @classmethod
    def from_options(cls, options: Optional[Mapping[str, Any]]) -> "Limits":
        options = options or {}
        values = {}
        for f in fields(cls):
            default = getattr(cls, f.name)
            # the engine has checked the value against the option's declared type (limit_options)
            values[f.name] = type(default)(options.get(f.name, default))
        return cls(**values)


LIMIT_HELP = {
    "max_file_mb": "读取前检查：文件大小上限（MB），超过则不读取。",
    "max_uncompressed_mb": "读取前检查：.xlsx/.docx 解压后总大小上限（MB），PDF 中压缩内容解压后的总大小也按它，防止压缩炸弹。",
    "max_ratio": "读取前检查：压缩包内单个部件（大于 10 MB 时）的压缩比上限。",
    "max_sheet_cells": "读取前检查：每张工作表从 A1 到最远单元格的区域（行数×列数）上限。",
    "max_merged_cells": "读取前检查：每张工作表合并单元格覆盖的单元格总数上限。",
    "max_entries": "读取前检查：压缩包内部件个数上限。",
    "max_pdf_pages": "读取前检查：PDF 文件页数上限。",
    "max_pdf_page_seconds": "读取 PDF 时每一页的时间上限（秒），超过则停止读取该文件（页面上的对象过多，疑似恶意构造）。",
    "max_pdf_seconds": "读取一个 PDF 全部页面的时间上限（秒）。",
}


def limit_options() -> list[RunOption]:
    """The limits as run options, declared by the engine itself (plugin ``checker.core``)."""
    return [RunOption(f.name, getattr(Limits, f.name), LIMIT_HELP[f.name], CORE_PLUGIN,
                      type="integer" if isinstance(getattr(Limits, f.name), int) else "number", minimum=0)
            for f in fields(Limits)]


RAISE_HINT = "如确属正常文件，可用 --option {name}=更大的值 放宽限制（见 checker options）。"

ZIP_SUFFIXES = (".xlsx", ".xlsm", ".docx")


def read_vetted(path: Path, limits: Optional[Limits] = None, what: str = "文件") -> bytes:
    """The bytes of ``path`` after checking that it is a regular file within ``max_file_mb``;
    at most that many bytes are ever read. Raises :class:`InputError` in Chinese."""
    limits = limits or Limits()
    shown = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(shown, f"{what}不存在，请检查路径是否正确。") from None
    except OSError as exc:
        raise InputError(shown, f"{what}无法访问（{exc.strerror or exc}），请检查路径和权限。") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(shown, "这是一个文件夹，不是要读取的文件。")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(shown, "这不是普通文件（可能是设备、管道或套接字），已停止读取。请选择保存在磁盘上的文件。")
    cap = limits.max_file_mb * MB
    if st.st_size > cap:
        raise InputError(shown, f"文件大小 {st.st_size / MB:.0f} MB 超过上限 {limits.max_file_mb} MB，已停止读取。"
                         + RAISE_HINT.format(name="max_file_mb"))
    try:
        # O_NONBLOCK: should the path have been swapped for a FIFO since the stat, open does not hang
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError(shown, f"{what}无法打开（{exc.strerror or exc}），请确认文件未被占用且有读取权限。") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise InputError(shown, "这不是普通文件（可能是设备、管道或套接字），已停止读取。请选择保存在磁盘上的文件。")
        try:
            # as much as the file holds (a read of cap + 1 would reserve max_file_mb for every file),
            # then whatever it grew by since the stat, up to one byte past the cap
            first = min(st.st_size, cap) + 1
            data = fh.read(first)
            if len(data) == first and first <= cap:
                data += fh.read(cap + 1 - first)
        except OSError as exc:
            raise InputError(shown, f"{what}无法读取（{exc.strerror or exc}），请确认文件未被占用且有读取权限。") from None
    if len(data) > cap:
        raise InputError(shown, f"文件超过上限 {limits.max_file_mb} MB，已停止读取。" + RAISE_HINT.format(name="max_file_mb"))
    return data


def vet_zip(shown: str, data: bytes, limits: Optional[Limits] = None) -> zipfile.ZipFile:
    """Open a zip package from its bytes, refusing bombs judged from the central directory."""
    limits = limits or Limits()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(shown, "文件已损坏或不是 Office 文件（压缩包无法打开），请重新导出。") from exc
    if len(infos) > limits.max_entries:
        raise InputError(shown, f"压缩包内有 {len(infos)} 个部件，超过上限 {limits.max_entries}（疑似压缩炸弹），已停止读取。"
                         + RAISE_HINT.format(name="max_entries"))
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 10 * MB and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise InputError(shown, f"文件内 {info.filename} 的压缩比异常（疑似压缩炸弹），已停止读取。"
                             + RAISE_HINT.format(name="max_ratio"))
    if total > limits.max_uncompressed_mb * MB:
        raise InputError(shown, f"文件解压后超过 {limits.max_uncompressed_mb} MB（疑似压缩炸弹），已停止读取。"
                         + RAISE_HINT.format(name="max_uncompressed_mb"))
    return zf


_TAG = lazy_pattern(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|mergeCell)(?=[\s/>])([^>]*)>")
_R_ATTR = lazy_pattern(rb'(?:^|\s)r\s*=\s*["\']([^"\']*)["\']')
_REF_ATTR = lazy_pattern(rb'(?:^|\s)ref\s*=\s*["\']([^"\']*)["\']')
_ADDRESS = lazy_pattern(rb"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
CHUNK = 1 * MB
CARRY_MAX = 64 * 1024


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n


def _address(text: bytes) -> Optional[tuple[int, int]]:
    m = _ADDRESS.match(text.strip())
    if not m:
        return None
    return int(m.group(2)), _col(m.group(1))


@dataclass
class SheetScan:
    """What one worksheet part declares: its farthest row and column (1-based), merged area."""

    rows: int = 0
    cols: int = 0
    merged: int = 0
    cells: int = 0

    @property
    def area(self) -> int:
        return self.rows * self.cols


_CELL_REF = lazy_pattern(rb'<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?(?<![\w:])r\s*=\s*["\']\$?([A-Za-z]{1,3})\$?(\d{1,7})["\']')
_CELL_OPEN = lazy_pattern(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_MERGE_REF = lazy_pattern(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref\s*=\s*["\']([^"\']*)["\']')
# the same without a namespace prefix on the tag, for a chunk that has none (what Excel, WPS and
# LibreOffice write): the same matches, found several times faster
_PLAIN_CELL_REF = lazy_pattern(rb'<c\s[^>]*?(?<![\w:])r\s*=\s*["\']\$?([A-Za-z]{1,3})\$?(\d{1,7})["\']')
_PLAIN_CELL_OPEN = lazy_pattern(rb"<c[\s/>]")
_PLAIN_MERGE_REF = lazy_pattern(rb'<mergeCell\s[^>]*?\bref\s*=\s*["\']([^"\']*)["\']')


def scan_sheet(stream: io.RawIOBase | Any, budget: list[int]) -> SheetScan:
    """Stream-scan a worksheet part's XML in chunks of 1 MB; ``budget`` (a one-item list) is the
    number of decompressed bytes still allowed, shared by all parts of the package.

    Cells carrying their address (``<c r="B7">``, what Excel, WPS and LibreOffice write) are
    scanned with one regular expression per chunk; a chunk with cells that omit it is walked tag
    by tag, placing them after the previous cell as readers do."""
    scan = SheetScan()
    state = [0, 0]          # row and column of the last tag, for cells without an address
    carry = b""
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        budget[0] -= len(chunk)
        if budget[0] < 0:
            raise _Over("max_uncompressed_mb")
        buf = carry + chunk
        cut = buf.rfind(b">") + 1
        text, carry = buf[:cut], buf[cut:]
        if len(carry) > CARRY_MAX:   # a long text run holds no tag we look for; keep its tail only
            carry = carry[-1024:]
        prefixed = b":c" in text            # a prefixed cell tag (<x:c …>) needs the full patterns
        refs = (_CELL_REF if prefixed else _PLAIN_CELL_REF).findall(text)
        opened = len((_CELL_OPEN if prefixed else _PLAIN_CELL_OPEN).findall(text))
        if opened != len(refs):
            _walk(text, scan, state)
        elif refs:
            letters, digits = zip(*refs)
            scan.rows = max(scan.rows, max(map(int, digits)))
            scan.cols = max(scan.cols, max(_col(c) for c in set(letters)))
            scan.cells += len(refs)
            state[0] = int(digits[-1])
            state[1] = _col(letters[-1])
        if b"mergeCell" in text:
            for ref in (_MERGE_REF if b":mergeCell" in text else _PLAIN_MERGE_REF).findall(text):
                a, _, b = ref.partition(b":")
                first, last = _address(a), _address(b or a)
                if first and last:
                    scan.merged += (abs(last[0] - first[0]) + 1) * (abs(last[1] - first[1]) + 1)
    return scan


def _walk(text: bytes, scan: SheetScan, state: list[int]) -> None:
    row, col = state
    for m in _TAG.finditer(text):
        name, attrs = m.group(1), m.group(2)
        if name == b"row":
            r = _R_ATTR.search(attrs)
            row = int(r.group(1)) if r and r.group(1).isdigit() else row + 1
            col = 0
            scan.rows = max(scan.rows, row)
        elif name == b"c":
            r = _R_ATTR.search(attrs)
            at = _address(r.group(1)) if r else None
            if at is not None:
                row_at, col = at
                scan.rows = max(scan.rows, row_at)
            else:
                col += 1
                scan.rows = max(scan.rows, row, 1)
            scan.cols = max(scan.cols, col)
            scan.cells += 1
    state[0], state[1] = row, col


class _Over(Exception):
    def __init__(self, name: str):
        self.name = name


def vet_workbook(shown: str, zf: zipfile.ZipFile, limits: Optional[Limits] = None,
                 names: Optional[Mapping[str, str]] = None) -> None:
    """Scan every worksheet part; ``names`` maps part → sheet name (for the message)."""
    limits = limits or Limits()
    budget = [limits.max_uncompressed_mb * MB]
    names = names or {}
    for info in zf.infolist():
        part = info.filename
        if not (part.startswith("xl/worksheets/") and part.endswith(".xml")):
            continue
        sheet = names.get(part) or part.rsplit("/", 1)[-1]
        try:
            with zf.open(info) as stream:
                scan = scan_sheet(stream, budget)
        except _Over as over:
            raise InputError(shown, f"文件解压后超过 {limits.max_uncompressed_mb} MB（疑似压缩炸弹），已停止读取。"
                             + RAISE_HINT.format(name=over.name)) from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise InputError(shown, f"工作表“{sheet}”的数据已损坏（{type(exc).__name__}），请在 Excel 中打开后另存为 .xlsx 再试。") from None
        if scan.area > limits.max_sheet_cells:
            raise InputError(shown, f"工作表“{sheet}”的数据区域从 A1 延伸到第 {scan.rows} 行、第 {scan.cols} 列"
                             f"（{scan.area:,} 个单元格，上限 {limits.max_sheet_cells:,}），已停止读取。"
                             "请删除远处多余的单元格（或另存只含公开表的工作簿）后再校验。"
                             + RAISE_HINT.format(name="max_sheet_cells"))
        if scan.merged > limits.max_merged_cells:
            raise InputError(shown, f"工作表“{sheet}”的合并单元格共覆盖 {scan.merged:,} 个单元格（上限 "
                             f"{limits.max_merged_cells:,}），已停止读取。请取消多余的合并后再校验。"
                             + RAISE_HINT.format(name="max_merged_cells"))


def vet_parts(shown: str, zf: zipfile.ZipFile, limits: Optional[Limits] = None) -> None:
    """Decompress every part in a stream, counting the bytes actually produced (for a .docx)."""
    limits = limits or Limits()
    budget = limits.max_uncompressed_mb * MB
    for info in zf.infolist():
        try:
            with zf.open(info) as stream:
                while True:
                    chunk = stream.read(CHUNK)
                    if not chunk:
                        break
                    budget -= len(chunk)
                    if budget < 0:
                        raise InputError(shown, f"文件解压后超过 {limits.max_uncompressed_mb} MB（疑似压缩炸弹），已停止读取。"
                                         + RAISE_HINT.format(name="max_uncompressed_mb"))
        except InputError:
            raise
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise InputError(shown, f"文件内 {info.filename} 已损坏（{type(exc).__name__}），请重新导出。") from None


def vet_file(path: Path, limits: Optional[Limits] = None, what: str = "文件") -> bytes:
    """Read and vet any input file: regular, within size; a zip package's directory and
    decompressed parts within limits (sheets scanned for their extent and merges). Returns the
    bytes, which the caller hands to its reader instead of opening the path again."""
    limits = limits or Limits()
    data = read_vetted(path, limits, what)
    if data.startswith(b"PK"):
        shown = str(path)
        zf = vet_zip(shown, data, limits)
        names = zf.namelist()
        if "xl/workbook.xml" in names:
            vet_workbook(shown, zf, limits, _part_names(zf))
        else:
            vet_parts(shown, zf, limits)
    return data


def _part_names(zf: zipfile.ZipFile) -> dict[str, str]:
    try:
        from .workbook import _sheet_paths

        return {part: name for name, part in _sheet_paths(zf).items()}
    except Exception:   # a damaged workbook.xml: the reader gives the verdict; names are only for messages
        return {}


def vet_area(shown: str, sheet: str, rows: int, cols: int, limits: Optional[Limits] = None) -> None:
    """Refuse a sheet whose used range (from A1) is larger than ``max_sheet_cells`` before its
    values are read: a sheet open in Excel, or one python-calamine has parsed (an old-format .xls,
    which has no zip to scan) before it is turned into Python values."""
    limits = limits or Limits()
    if rows * cols > limits.max_sheet_cells:
        raise InputError(shown, f"工作表“{sheet}”的已用区域有 {rows} 行 × {cols} 列（{rows * cols:,} 个单元格，上限 "
                         f"{limits.max_sheet_cells:,}），未读取。请删除远处多余的单元格后再校验。"
                         + RAISE_HINT.format(name="max_sheet_cells"))
