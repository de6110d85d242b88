"""Finding the eleven public tables in a sheet grid and reading each into a BudgetTable.

A table is found by its title text, wherever it sits. Below the title the reader recognises the
编制单位 line and the unit line (万元 or 元), the header rows (merged cells, several rows), the
"※ / 1 2 3" marker row, and the body. Columns are classified from their header path: code
columns (类/款/项, …编码), label columns (…名称, 项目, 支出功能分类, …内容) and amount columns.
表1 and 表4 print income on the left and expenditure on the right: they get two sides.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence, Union

from ..cells import CellRef, column_letter
from ..grid import SheetGrid
from ..model import (YUAN_PER_WAN, Amount, BudgetTable, Column, ReadProblem, RowKind, TableRole, TableRow,
                     TableSide)
from ..rounding import HALF_CENT
from ..template import TableSpec, TemplateProfile
from ..text import clean, norm, parse_number
from .codes import code_from_columns, code_text
from .titles import title_texts
from ..text import lazy_pattern

UNIT_LINE = lazy_pattern(r"^(金额)?单位[:：]\s*(万元|元)$")
PREPARED_BY = lazy_pattern(r"^(编制(单位|部门)|预算单位|单位名称|部门名称)[:：]\s*(.*)$")
TABLE_NO = lazy_pattern(r"^(附)?表\s*[0-9一二三四五六七八九十]+(-\d+)?$")
YEAR_LINE = lazy_pattern(r"^[（(]?\s*(20\d{2})\s*年(度)?\s*[)）]?$")
EMPTY_STATEMENT = lazy_pattern(r"(空表|没有|未安排|无.{0,12}(支出|收入|预算|安排|经费|资金))")
TOTAL_LABEL = lazy_pattern(r"^(总计|合计|.*总计)$")
MARKER_CELL = lazy_pattern(r"^(※|\*|\d{1,2})$")
CONFIRM = lazy_pattern(r"(单位[:：]|编制单位|编制部门|功能分类|经济分类|科目|一级指标|预算单位|部门名称|项目名称|预算数|合计)")


_NUMBERS = (int, float)


@dataclass
class TitleHit:
    """A table title, or a target-table title, found in a sheet."""

    row: int
    col: int
    title: str
    kind: Union[TableSpec, str]     # the table's spec in the template, or the target-table title

    @property
    def is_target(self) -> bool:
        return isinstance(self.kind, str)


def find_titles(grid: SheetGrid, profiles: Sequence[TemplateProfile]) -> list[TitleHit]:
    """Every table and target-table title in the sheet, top to bottom, recognised by the first of
    ``profiles`` that knows it (the reader passes the chosen template alone, or all to choose).

    A title must be followed within a few rows by what follows a title (a unit line, a 编制单位
    line, a header): this keeps a 目录 (table of contents) and narrative headings out.
    """
    return TitleScan(grid, profiles).hits()


class TitleScan:
    """The title cells of one sheet, each cell's text matched once against every profile: the
    reader chooses the template from :meth:`hits` by all profiles, then reads the tables at
    :meth:`hits` by the chosen one, without matching the sheet's texts again."""

    def __init__(self, grid: SheetGrid, profiles: Sequence[TemplateProfile]):
        self.grid = grid
        self.profiles = list(profiles)
        # (row, col) → (the spec by each profile, in order; the target-table title, if any), for
        # the cells that are a title by some profile or a target-table title
        self._titles: dict[tuple[int, int], tuple[tuple[Optional[TableSpec], ...], Optional[str]]] = {}
        for r in range(grid.height):
            values = grid.rows[r]
            for c, text in grid.row_texts(r):
                if type(values[c]) in _NUMBERS:     # an amount is never a title (the fast path)
                    continue
                candidate, target = title_texts(text)
                if candidate is None:       # then no target-table title either
                    continue
                specs = tuple(p.match_title(candidate) for p in self.profiles)
                if target or any(specs):
                    self._titles[(r, c)] = (specs, target)

    def hits(self, profile: Optional[TemplateProfile] = None) -> list[TitleHit]:
        """The titles as :func:`find_titles` finds them by all the scanned profiles, or by
        ``profile`` alone (one of them)."""
        use = [i for i, p in enumerate(self.profiles) if profile is None or p is profile]
        hits: list[TitleHit] = []
        found_in = None     # a row gives one title, its first in column order
        # the title cells in sheet order (as the scan met them); every other cell gives none
        for (r, c), (specs, target) in self._titles.items():
            if r == found_in:
                continue
            spec = next((specs[i] for i in use if i < len(specs) and specs[i] is not None), None)
            if spec is not None and self._confirmed(r, use):
                hits.append(TitleHit(r, c, clean(self.grid.text(r, c)), spec))
                found_in = r
            elif target and self._confirmed(r, use):
                hits.append(TitleHit(r, c, target, target))
                found_in = r
        return hits

    def roles(self) -> list[set]:
        """For each scanned profile, the table roles it recognises among the titles found by all
        (what the template is chosen by, :func:`checker.core.template.best_template`)."""
        found: list[set] = [set() for _ in self.profiles]
        for hit in self.hits():
            if hit.is_target:
                continue
            specs, _ = self._titles[(hit.row, hit.col)]
            for i, spec in enumerate(specs):
                if spec is not None:
                    found[i].add(spec.role)
        return found

    def _confirmed(self, row: int, use: list[int]) -> bool:
        grid = self.grid
        for r in range(row + 1, min(row + 9, grid.height)):
            for c, text in grid.row_texts(r):
                specs, target = self._titles.get((r, c), ((), None))
                if target or any(i < len(specs) and specs[i] is not None for i in use):
                    return False
                t = norm(text)
                if CONFIRM.search(t) or YEAR_LINE.match(t):
                    return True
        return False


def _is_marker_row(texts: list[tuple[int, str]]) -> bool:
    if len(texts) < 2:
        return False
    values = [norm(t) for _, t in texts]
    return all(MARKER_CELL.match(v) for v in values) and ("※" in values or "*" in values or "1" in values)


def _looks_like_body(grid: SheetGrid, r: int, left: int) -> bool:
    """A body row has an amount or a code; or it starts with 总计/一、… in the table's first
    column (header rows have 合计 too, but under a merged label cell, never in that column)."""
    texts = grid.row_texts(r)
    numbers = _numbers_or_codes(grid, r)
    if texts and texts[0][0] <= left and re.match(r"^[一二三四五六七八九十]+、", norm(texts[0][1])):
        return True
    if texts and texts[0][0] <= left and TOTAL_LABEL.match(norm(texts[0][1])):
        # …unless it is a row of column names beginning with 合计 (a 三公 table whose items are
        # its columns: 合计 | 因公出国(境)费 | 公务接待费 | …): several texts and not one number
        return numbers or len(texts) == 1
    return numbers


def _numbers_or_codes(grid: SheetGrid, r: int) -> bool:
    for value in grid.rows[r] if r < grid.height else []:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return True
        t = norm(value)
        if t and (re.match(r"^-?[\d,]+\.\d+$", t) or re.match(r"^\d{3}(\d{2}){0,2}$", t)):
            return True
    return False


def _is_meta(text: str) -> bool:
    t = norm(text)
    return bool(UNIT_LINE.match(t) or PREPARED_BY.match(t) or TABLE_NO.match(t) or YEAR_LINE.match(t))


def read_table(grid: SheetGrid, hit: TitleHit, end: int, unit: str = "万元") -> Union[BudgetTable, ReadProblem]:
    """Read the table whose title is at ``hit``; its region ends before row ``end``. ``unit`` is
    the unit its amounts are in unless a unit line says otherwise."""
    assert isinstance(hit.kind, TableSpec)
    role = hit.kind.role
    table = BudgetTable(kind=role, title=hit.title, title_cell=grid.cell(hit.row, hit.col), number=hit.kind.number,
                        unit_text=unit)
    r = hit.row + 1
    # meta lines: 表N, 编制单位, 单位：万元 (often side by side in one row)
    while r < end:
        texts = grid.row_texts(r)
        if texts and not all(_is_meta(t) or norm(t) == norm(hit.title) for _, t in texts):
            break
        for c, t in texts:
            n = norm(t)
            m = UNIT_LINE.match(n)
            if m:
                table.unit_text = m.group(2)
            m = PREPARED_BY.match(n)
            if m and table.prepared_by is None:
                table.prepared_by = clean(t)
                table.prepared_by_cell = grid.cell(r, c)
        r += 1
    header_start = r
    # header rows end at the marker row, or where the body starts
    header_rows: list[int] = []
    body_start = None
    left = min((c for c, _ in grid.row_texts(header_start)), default=0)
    for h in range(header_start, min(header_start + 7, end)):
        texts = grid.row_texts(h)
        if _is_marker_row(texts):
            body_start = h + 1
            break
        if texts and _looks_like_body(grid, h, left) and header_rows:
            body_start = h
            break
        if texts and any(EMPTY_STATEMENT.search(norm(t)) and len(norm(t)) > 15 for _, t in texts) and header_rows:
            body_start = h
            break
        if texts:
            header_rows.append(h)
    if body_start is None:
        body_start = (header_rows[-1] + 1) if header_rows else header_start
    if not header_rows:
        return ReadProblem("unparsed-table",
                           f"找到“{hit.title}”的标题，但标题下没有可识别的表头行（应有“项目/科目/合计”等列名）。",
                           grid.cell(hit.row, hit.col))
    header_texts = [[norm(t) for _, t in grid.row_texts(h)] for h in header_rows]
    width = max(max((c for c, _ in grid.row_texts(h)), default=0) for h in header_rows) + 1
    paths = [_header_path(grid, header_rows, c) for c in range(width)]
    marker = body_start - 1 if body_start - 1 > header_rows[-1] else None
    paths = _aligned(grid, paths, body_start, end, marker)
    width = len(paths)
    sides = _make_sides(role, paths, width)
    filled = [c for c, p in enumerate(paths) if p]
    if sides is None and role is TableRole.THREE_PUBLIC and filled and all(paths[filled[0]:]):
        return _items_as_columns(grid, table, header_rows, paths, body_start, end)
    if sides is None:
        return ReadProblem("unparsed-table",
                           f"“{hit.title}”的表头中找不到科目名称或项目列，无法确定各列含义。",
                           grid.cell(header_rows[0], 0))
    table.sides = [side for side, _ in sides]
    for side in table.sides:
        for col in side.columns:
            col.header_cell = _header_cell(grid, header_rows, col)
    in_yuan = table.unit_text == "元"
    unit_group: Optional[str] = None
    for r in range(body_start, end):
        texts = grid.row_texts(r)
        if not texts:
            continue
        normalized = [norm(t) for _, t in texts]
        if normalized in header_texts or _is_marker_row(texts) or all(_is_meta(t) for _, t in texts):
            continue  # a header repeated at a page break, or a repeated 编制单位 line
        if len(texts) == 1 and len(normalized[0]) > 15 and not _has_amount(grid, r):
            if EMPTY_STATEMENT.search(normalized[0]) and table.empty_statement is None:
                table.empty_statement = texts[0][1]
                table.empty_statement_cell = grid.cell(r, texts[0][0])
            continue  # a note under the table
        for side, roles in sides:
            row = _read_row(grid, r, role, roles, in_yuan)
            if row is None:
                continue
            if role is TableRole.GPB_PROJECTS:
                if row.kind is RowKind.UNIT:
                    unit_group = row.label
                row.unit_group = unit_group if row.kind is not RowKind.TOTAL else None
            side.rows.append(row)
        table.last_row = r
    return table


_IN_WORDS = lazy_pattern(r"^[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点元角分整]*"
                       r"[一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟][零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点元角分整]*$")


def amounts_in_words(grid: SheetGrid, table: BudgetTable) -> list[ReadProblem]:
    """Amount cells of the table's rows that hold an amount written in words ("一千万", "壹佰元"):
    not read as an amount (a check would take them for blank), so each is reported with its cell
    and text."""
    out = []
    for side in table.sides:
        for row in side.rows:
            for col in side.columns:
                if col.index in row.amounts or row.cell.sheet != grid.name:
                    continue
                raw = grid.value(row.cell.row, col.index)
                text = norm(raw)
                if isinstance(raw, str) and _IN_WORDS.match(text):
                    cell = grid.cell(row.cell.row, col.index)
                    out.append(ReadProblem("amount-in-words",
                                           f"{cell} 的金额写成了文字“{clean(raw)}”，不能读作金额（也不按空白或 0 处理），"
                                           "所在的行无法参与合计核对。请填写阿拉伯数字金额，如 1,000.00。", cell))
    return out


def read_continuation(grid: SheetGrid, end: int, table: BudgetTable, hit: TitleHit) -> bool:
    """Read the top of a sheet, above its first title (row ``end``), as the rest of ``table`` (the
    last table of the sheet before, whose title ``hit`` found): a workbook printed page by page
    repeats the header at the top of the next sheet and goes on with the body. The rows continue
    the table when they start with a header giving the same columns; they are then added to it."""
    first = next((r for r in range(min(end, 6)) if grid.row_texts(r)), None)
    if first is None or not table.sides or not isinstance(hit.kind, TableSpec):
        return False
    rest = read_table(grid, TitleHit(first - 1, 0, hit.title, hit.kind), end, unit=table.unit_text)
    if isinstance(rest, ReadProblem) or not any(side.rows for side in rest.sides):
        return False
    if [[c.path for c in side.columns] for side in rest.sides] != [[c.path for c in side.columns] for side in table.sides]:
        return False
    for side, more in zip(table.sides, rest.sides):
        side.rows.extend(more.rows)
    return True


def _items_as_columns(grid: SheetGrid, table: BudgetTable, header_rows: list[int], paths: list[tuple[str, ...]],
                      body_start: int, end: int) -> BudgetTable:
    """A 三公 table printed as one row of amounts under a header of items (Shanghai: 合计 |
    因公出国(境)费 | 公务接待费 | 公务用车购置及运行费 小计/购置费/运行费 | 机关运行经费预算数) is read as the
    row-per-item table other templates print: each header column becomes a row labelled by its
    item, with one 预算数 column, every amount keeping its own cell."""
    column = Column(path=("预算数",), index=0, letter=column_letter(0))
    side = TableSide(name="main", label_header="项目", columns=[column])
    table.sides = [side]
    body = next((r for r in range(body_start, end)
                 if any(parse_number(v)[0] is not None for v in grid.rows[r])), None)
    in_yuan = table.unit_text == "元"
    for c, path in enumerate(paths):
        if not path:
            continue        # a blank column before the items (the body set one column right)
        label = _item_label(path)
        row = TableRow(label=label, cell=_header_cell(grid, header_rows, Column(path=path, index=c, letter=column_letter(c))))
        if TOTAL_LABEL.match(label):
            row.kind = RowKind.TOTAL
        if body is not None:
            raw = grid.value(body, c)
            value, _ = parse_number(raw)
            if value is not None:
                row.amounts[column.index] = (
                    Amount(value / YUAN_PER_WAN, grid.cell(body, c), "元", HALF_CENT / YUAN_PER_WAN, raw) if in_yuan
                    else Amount(value, grid.cell(body, c), "万元", HALF_CENT, raw))
            table.last_row = body
        side.rows.append(row)
    if body is None:
        side.rows = []          # only the header: an empty table, reported as such
    for r in range(body_start if body is None else body + 1, end):
        texts = grid.row_texts(r)
        if len(texts) == 1 and len(norm(texts[0][1])) > 15 and EMPTY_STATEMENT.search(norm(texts[0][1])):
            table.empty_statement, table.empty_statement_cell = texts[0][1], grid.cell(r, texts[0][0])
            break
    return table


def _item_label(path: tuple[str, ...]) -> str:
    """The item a header column of a column-wise 三公 table stands for: its last header, "小计"
    named after its group ("公务用车购置及运行费（小计）"), a part named with its group's subject
    ("购置费" under 公务用车购置及运行费 → "公务用车购置费"), "…预算数" without that word."""
    leaf = path[-1]
    parent = path[-2] if len(path) > 1 else ""
    if leaf == "小计" and parent:
        return f"{parent}（小计）"
    m = re.match(r"^(.*?)购置及运行费$", parent)
    if m and leaf in ("购置费", "运行费"):
        return m.group(1) + leaf
    return re.sub(r"预算数$", "", leaf) or leaf


def _has_amount(grid: SheetGrid, r: int) -> bool:
    return any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in grid.rows[r])


def _header_path(grid: SheetGrid, header_rows: list[int], c: int) -> tuple[str, ...]:
    texts: list[str] = []
    for i, h in enumerate(header_rows):
        value = grid.merged_value(h, c)
        if value is None and grid.merge_origin(h, c) is None and i < len(header_rows) - 1:
            # a blank upper header cell that no merged range covers: without merges (the remote
            # engine, a re-typed or extracted header) it belongs to the text on its left
            value = _inherited(grid, header_rows[i:], c)
        t = norm(value)
        if t and (not texts or texts[-1] != t):
            texts.append(t)
    return tuple(texts)


def _header_cell(grid: SheetGrid, header_rows: list[int], col: Column) -> CellRef:
    """The cell showing a column's last header text (for a merged header, its top-left cell)."""
    for h in reversed(header_rows):
        if norm(grid.merged_value(h, col.index)) == col.key:
            for r1, c1, r2, c2 in grid.merges:
                if r1 <= h <= r2 and c1 <= col.index <= c2:
                    return grid.cell(r1, c1)
            return grid.cell(h, col.index)
    return grid.cell(header_rows[-1], col.index)


def _inherited(grid: SheetGrid, rows: list[int], c: int) -> object:
    """Without a merged range (a grid read through xlwings' remote engine, or a header whose
    merges were lost), a blank upper
    header cell belongs to the nearest text to its left when both columns have sub-headers
    below, as "财政拨款（补助）" spans its 小计/一般公共预算/… columns."""
    below = rows[1:]
    if not any(grid.value(h, c) is not None for h in below):
        return None
    for left in range(c - 1, -1, -1):
        if not any(grid.value(h, left) is not None for h in below):
            return None
        if grid.value(rows[0], left) is not None:
            return grid.value(rows[0], left)
    return None


@dataclass
class _Roles:
    """Which columns of a table hold its codes, its names and its project names."""

    code_cols: list[int]
    label_col: int
    project_col: Optional[int]
    amount_cols: list[Column]


_CODE_LEAF = lazy_pattern(r"^(类|款|项|科目编码|.*编码|编码)$")
# label columns: …名称, 项目, 科目, 支出功能分类 (2024 表1/表4) or 功能分类 (2025), …内容 (表10)
_LABEL_LEAF = lazy_pattern(r"(名称|^项目$|^科目$|功能分类(科目)?$|内容|^收入$|^支出$|^项目\(按功能分类\)$)")


def _role(path: tuple[str, ...]) -> str:
    """What a header path names: a code, label or amount column, or none (no header)."""
    leaf = path[-1] if path else ""
    if not path:
        return "none"
    if _CODE_LEAF.match(leaf):
        return "code"
    if _LABEL_LEAF.search(leaf) and not re.search(r"(合计|小计|总计|支出$|数$)", leaf) or leaf in ("项目", "项目名称"):
        return "label"
    return "amount"


# how well a column's header role fits what its body cells hold
_FIT = {("label", "text"): 1, ("label", "number"): -1, ("label", "code"): -1,
        ("amount", "number"): 1, ("amount", "code"): 0, ("amount", "text"): -1,
        ("code", "code"): 1, ("code", "number"): -1, ("code", "text"): -1,
        ("none", "text"): -1, ("none", "number"): -1, ("none", "code"): -1}


def _body_kind(value: object) -> Optional[str]:
    """What a body cell holds: a code (digits, no decimals), a number, text, or nothing."""
    if value is None:
        return None
    kind = type(value)
    if kind is float:           # a number cell (most of a body): read as an amount, never a code
        return "number"
    if kind is int:
        return "code" if 0 < value < 10_000_000 and len(str(value)) in (1, 2, 3, 5, 7) else "number"
    text = norm(value)
    if not text:
        return None
    number, _ = parse_number(value)
    if number is None:
        return None if text in ("-", "—", "/") else "text"
    if isinstance(value, str) and re.fullmatch(r"\d{1,7}", text) or isinstance(value, int) and 0 < value < 10_000_000 \
            and len(str(value)) in (1, 2, 3, 5, 7):
        return "code"
    return "number"


def _aligned(grid: SheetGrid, paths: list[tuple[str, ...]], body_start: int, end: int,
             marker: Optional[int]) -> list[tuple[str, ...]]:
    """The header paths moved onto the columns they name. A text extraction or a re-typed header
    may set the labels one column off from the body (the "※ / 1 2 3" row and the body stay
    aligned): the offset is the one under which the body's cells (and the numbering row: ※ over
    code and label columns, numbers over amounts) best fit their headers' roles."""
    kinds: dict[int, dict[str, int]] = {}      # column → how many of its cells hold each kind
    for r in range(body_start, min(end, body_start + 40)):
        for c, value in enumerate(grid.rows[r]):
            kind = _body_kind(value)
            if kind is not None:
                held = kinds.setdefault(c, {})
                held[kind] = held.get(kind, 0) + 1
    if marker is not None:
        for c, t in grid.row_texts(marker):
            held = kinds.setdefault(c, {})
            if norm(t).isdigit():
                held["number"] = held.get("number", 0) + 3
    roles = [_role(p) for p in paths]

    def fit(shift: int) -> int:
        return sum(_FIT.get((roles[c + shift] if 0 <= c + shift < len(roles) else "none", k), 0) * n
                   for c, held in kinds.items() for k, n in held.items())

    fits = {shift: fit(shift) for shift in (0, 1, -1)}
    best = max((0, 1, -1), key=lambda s: (fits[s], s == 0))
    if best == 0 or fits[best] <= fits[0]:
        return paths
    if best > 0:
        return paths[best:]
    return [()] * -best + paths


def _make_sides(kind: TableRole, paths: list[tuple[str, ...]], width: int) -> Optional[list[tuple[TableSide, _Roles]]]:
    roles = [_role(p) for p in paths]
    label_cols = [c for c, role in enumerate(roles) if role == "label"]
    if not label_cols:
        return None
    # where each side starts: 表1/表4 have a second label column (支出功能分类) half-way across
    if kind in (TableRole.SUMMARY, TableRole.FISCAL_SUMMARY) and len(label_cols) >= 2:
        starts = [0, label_cols[1]]
        names = ["income", "expense"]
    else:
        starts = [0]
        names = ["main"]
    out = []
    for i, start in enumerate(starts):
        stop = starts[i + 1] if i + 1 < len(starts) else width
        cols = range(start, stop)
        labels = [c for c in cols if roles[c] == "label"]
        if not labels:
            return None
        project_col = None
        label_col = labels[0]
        if kind is TableRole.GPB_PROJECTS:
            named = [c for c in labels if "项目名称" in paths[c][-1]]
            if named:
                project_col = named[0]
                others = [c for c in labels if c != project_col]
                label_col = others[0] if others else project_col
        elif kind is TableRole.CARRYOVER:
            project_col = label_col
        amount_cols = [Column(path=paths[c], index=c, letter=column_letter(c)) for c in cols if roles[c] == "amount"]
        side = TableSide(name=names[i], label_header="/".join(paths[label_col]), columns=amount_cols)
        out.append((side, _Roles([c for c in cols if roles[c] == "code"], label_col, project_col, amount_cols)))
    return out


def _read_row(grid: SheetGrid, r: int, kind: TableRole, roles: _Roles, in_yuan: bool) -> Optional[TableRow]:
    label, label_col = grid.text(r, roles.label_col), roles.label_col
    if not label:
        # "合计" printed over the code and name columns (Shanghai's 表2/3/5/8): the merged range's
        # text, or without merges (a re-typed layout) a total word standing in a code column
        origin = grid.merge_origin(r, roles.label_col)
        candidates = ([origin[1]] if origin and origin[0] == r else []) + roles.code_cols
        for c in candidates:
            t = grid.text(r, c)
            if t and TOTAL_LABEL.match(norm(t)):
                label, label_col = t, c
                break
    parts = []
    for i, c in enumerate(roles.code_cols):
        parts.append(code_text(grid.value(r, c), 3 if i == 0 else 2))
    amounts: dict[int, Amount] = {}
    for col in roles.amount_cols:
        raw = grid.value(r, col.index)
        value, ok = parse_number(raw)
        if value is None:
            continue
        if in_yuan:
            amounts[col.index] = Amount(value / YUAN_PER_WAN, grid.cell(r, col.index), "元",
                                        HALF_CENT / YUAN_PER_WAN, raw)
        else:
            amounts[col.index] = Amount(value, grid.cell(r, col.index), "万元", HALF_CENT, raw)
    project = grid.text(r, roles.project_col) if roles.project_col is not None else ""
    if not label and not any(parts) and not amounts and not project:
        return None
    economic = kind is TableRole.GPB_BASIC
    code, name = code_from_columns(parts, label, economic)
    first_col = roles.code_cols[0] if roles.code_cols and any(parts) else roles.label_col
    row = TableRow(label=label or project, cell=grid.cell(r, first_col if not label else label_col),
                   code=code, name=name, amounts=amounts)
    if any(parts):
        row.code_parts = tuple(parts)
        row.code_cell = grid.cell(r, next(c for c, p in zip(roles.code_cols, parts) if p))
    if roles.project_col is not None and roles.project_col != roles.label_col and project:
        row.project = project
        row.project_cell = grid.cell(r, roles.project_col)
    lab = norm(label or project)
    if TOTAL_LABEL.match(lab) and code is None:
        row.kind = RowKind.TOTAL
    elif kind is TableRole.GPB_PROJECTS and code is None and not row.project and lab:
        row.kind = RowKind.UNIT
    elif kind is TableRole.CARRYOVER and lab:
        row.project = label
        row.project_cell = row.cell
    return row
