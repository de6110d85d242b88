"""Reading a code table exported from the budget system (CSV or XLSX) into reference lists.

Any reasonable layout: a header row with a code column (…编码 / …代码 / code) and a name column
(…名称 / name), or 类 | 款 | 项 columns (a blank 类 on a 款 row means the 类 above), or one column
holding "2010301 行政运行" / "[2010301]行政运行"; without a header, the column of 3/5/7-digit values
is the code and the next text column the name. Each code goes to its list by its first digit (2
function, 3 department economic, 5 government economic; revenue codes 1… are skipped).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from checker.core.errors import InputError
from checker.core.text import decode_text
from checker.core.vet import Limits, vet_file

from .reference import KINDS, LEVELS, CodeList, Entry, format_list, kind_of, user_dir, well_formed
from ...core.text import lazy_pattern

CODE_HEADER = lazy_pattern(r"(编码|代码|编号|^code$|^科目$|^科目号$)", re.I)
NAME_HEADER = lazy_pattern(r"(名称|^name$)", re.I)
JOINED = lazy_pattern(r"^[\[【(（]?\s*(\d{3,7})\s*[\]】)）]?\s*[-－—:：、.．\s]?\s*(\S.*)$")


@dataclass
class ImportResult:
    lists: dict[str, CodeList] = field(default_factory=dict)
    skipped_revenue: int = 0
    skipped_bad: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _digits(text: str) -> str:
    """A code cell's digits: full-width digits made half-width, spaces dropped."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _xls_rows(path: Path, sheet: Optional[str], data: Optional[bytes] = None) -> list[list[str]]:
    """An old-format .xls export (budget systems still write them), read with python-calamine."""
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data)) if data is not None else CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types
        raise InputError(str(path), f"无法读取 .xls 工作簿（{type(exc).__name__}），请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后再导入。") from exc
    if sheet and sheet not in wb.sheet_names:
        raise InputError(str(path), f"工作簿中没有名为“{sheet}”的工作表。")
    ws = wb.get_sheet_by_name(sheet or wb.sheet_names[0])
    return [[_text(None if v == "" else v) for v in row] for row in ws.to_python(skip_empty_area=False)]


def read_rows(path: Path, sheet: Optional[str] = None, limits: Optional[Limits] = None) -> list[list[str]]:
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError(str(path), "文件不存在，请检查路径。")
    # vetted like every input before a reader sees it (regular file, size, zip bomb, sheet extent)
    data = vet_file(path, limits)
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise InputError(str(path), f"无法读取工作簿（{type(exc).__name__}），请确认是 .xlsx 文件。") from exc
        try:
            ws = wb[sheet] if sheet else wb.worksheets[0]
        except KeyError:
            raise InputError(str(path), f"工作簿中没有名为“{sheet}”的工作表。") from None
        rows = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        wb.close()
        return rows
    if suffix == ".xls":
        return _xls_rows(path, sheet, data)
    text = decode_text(data)
    if text is None:
        raise InputError(str(path), "文本编码无法识别，请另存为 UTF-8 编码的 CSV。")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel
    return [[_text(v) for v in row] for row in csv.reader(io.StringIO(text), dialect)]


@dataclass
class Layout:
    header: int                 # index of the header row, -1 without one
    code: Optional[int] = None  # one code column
    parts: tuple[int, ...] = ()  # 类/款/项 columns
    name: Optional[int] = None


def find_layout(rows: list[list[str]]) -> Layout:
    for i, row in enumerate(rows[:30]):
        cells = [re.sub(r"\s+", "", c) for c in row]
        parts = tuple(c for level in ("类", "款", "项") for c, t in enumerate(cells) if t == level)
        names = [c for c, t in enumerate(cells) if NAME_HEADER.search(t)]
        codes = [c for c, t in enumerate(cells) if CODE_HEADER.search(t) and c not in names]
        if len(parts) >= 2 and names:
            return Layout(i, parts=parts, name=names[0])
        if codes and names:
            return Layout(i, code=codes[0], name=names[0])
        if codes and not names:
            return Layout(i, code=codes[0])
    # no header: the column with the most 3/5/7-digit values, and the next text column
    width = max((len(r) for r in rows), default=0)
    counts = [sum(1 for r in rows if c < len(r) and re.fullmatch(r"\d{3}(\d{2}){0,2}", _digits(r[c]))) for c in range(width)]
    if counts and max(counts) > 0:
        code = counts.index(max(counts))
        texts = [c for c in range(width) if c != code and
                 sum(1 for r in rows if c < len(r) and r[c] and not r[c].isdigit()) > max(counts) / 2]
        after = [c for c in texts if c > code]
        return Layout(-1, code=code, name=(after or texts or [None])[0])
    return Layout(-1, code=0)       # one column of "2010301 行政运行"


def parse(rows: list[list[str]], force: Optional[str] = None) -> tuple[list[tuple[str, str]], ImportResult]:
    """(code, name) pairs in file order."""
    layout = find_layout(rows)
    out: list[tuple[str, str]] = []
    result = ImportResult()
    carry = ["", "", ""]
    for row in rows[layout.header + 1:]:
        def cell(c: Optional[int]) -> str:
            return row[c].strip() if c is not None and c < len(row) else ""
        name = cell(layout.name)
        if layout.parts:
            digits = [_digits(cell(c)) for c in layout.parts]
            if not any(digits):
                continue
            code = _from_parts(digits, carry)
        else:
            code = _digits(cell(layout.code))
            if re.fullmatch(r"\d+\.0+", code):
                code = code.split(".")[0]       # a number cell saved to CSV as "2010301.0"
            if not name or not code.isdigit():
                m = JOINED.match(cell(layout.code))
                if m:
                    code, name = _digits(m.group(1)), name or m.group(2).strip()
        m = JOINED.match(name)
        if m and code and _digits(m.group(1)) == code:
            name = m.group(2).strip()           # a name column printing "[2010301]行政运行"
        if not code and not name:
            continue
        if not code.isdigit():
            result.skipped_bad.append(f"{code} {name}".strip())
            continue
        kind = force or kind_of(code)
        if force == "economic" and code.startswith("5"):
            kind = "economic_gov"
        if code.startswith("1") and force is None:
            result.skipped_revenue += 1
            continue
        if kind not in KINDS or not well_formed(kind, code) or not name:
            result.skipped_bad.append(f"{code} {name}".strip())
            continue
        out.append((code, name))
    return out, result


def _from_parts(digits: list[str], carry: list[str]) -> str:
    """类 | 款 | 项 cells to one code: a blank upper part is the one above (carried down), a
    one-digit 款/项 that lost its leading zero is padded, a part already holding the whole code wins."""
    digits = (digits + ["", "", ""])[:3]
    whole = max(digits, key=len)
    if len(whole) in (5, 7):
        carry[:] = [whole[:3], whole[3:5], ""]
        return whole
    cls, kuan, xiang = (d.zfill(2) if i and len(d) == 1 else d for i, d in enumerate(digits))
    if cls:
        carry[:] = [cls, kuan, ""]
    else:
        cls = carry[0]
        if kuan:
            carry[1] = kuan
        elif xiang:
            kuan = carry[1]
    return cls + kuan + xiang


def build_lists(pairs: list[tuple[str, str]], year: int, source: str, partial: bool,
                force: Optional[str] = None) -> ImportResult:
    result = ImportResult()
    date = dt.date.today().isoformat()
    for code, name in pairs:
        kind = force or kind_of(code) or "function"
        if force == "economic" and code.startswith("5"):
            kind = "economic_gov"
        lst = result.lists.get(kind)
        if lst is None:
            lst = result.lists[kind] = CodeList(kind=kind, year=year, origin="imported", meta={
                "title": f"{year} 年{KINDS[kind]}（导入的官方科目表）",
                "source": f"checker codes import {source}（{date}）",
                "mode": "partial" if partial else "replace",
                "provenance IMPORT": f"导入自 {source}（{date}），预算系统导出的官方科目表"})
        old = lst.entries.get(code)
        if old is not None:
            if old.name != name:
                result.conflicts.append(f"{code}：{old.name} / {name}")
            continue
        lst.entries[code] = Entry(code=code, name=name, level=LEVELS[len(code)], provenance=("IMPORT",))
    for lst in result.lists.values():
        # an official table is complete wherever it lists something; a partial import is complete nowhere
        has_children = {c[:-2] for c in lst.entries if len(c) > 3}
        lst.classes_complete = not partial and any(len(c) == 3 for c in lst.entries)
        lst.entries = {c: Entry(e.code, e.name, e.level, children_complete=not partial and c in has_children,
                                provenance=e.provenance) for c, e in lst.entries.items()}
    return result


def import_file(path: Path, year: int, partial: bool = False, force: Optional[str] = None,
                sheet: Optional[str] = None) -> tuple[ImportResult, list[Path]]:
    rows = read_rows(path, sheet)
    pairs, parsed = parse(rows, force)
    if not pairs:
        raise InputError(str(path), "没有读到任何支出功能分类或经济分类编码。请确认文件中有“科目编码”和“科目名称”两列"
                                    "（或 类/款/项 列），编码为 3、5、7 位数字。")
    result = build_lists(pairs, year, path.name, partial, force)
    result.skipped_revenue, result.skipped_bad = parsed.skipped_revenue, parsed.skipped_bad
    folder = user_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, lst in sorted(result.lists.items()):
        target = folder / f"{kind}_{year}.csv"
        target.write_text(format_list(lst), encoding="utf-8")
        written.append(target)
    return result, written
