"""Finding, in the tables, the value a narrative figure restates.

Each function returns a :class:`Ref` — one table cell, or several cells whose sum the narrative
states (a 表7 project spread over several 项 codes) — or None when the table or row is not there
(a missing table is the structure plugin's finding, not ours).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Optional

from checker.core.context import CheckContext
from checker.core.findings import Location
from checker.core.model import (Amount, BudgetTable, Column, Disclosure, FunctionCode, RowKind, TableRow,
                                TableSide, format_wan)
from checker.core.memo import per_object
from checker.core.text import norm
from checker.core.model import TableRole
from ...core.text import lazy_pattern

_QUOTES = str.maketrans("", "", "“”‘’\"'「」《》")
_NUMBERED = lazy_pattern(r"^\d{1,2}\s*[、.．](?!\d)")
_MARKER = lazy_pattern(r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[、.．](?!\d)|其中\s*[:：])\s*")


_LEVEL = lazy_pattern(r"\((类|款|项)\)")


@functools.lru_cache(maxsize=1 << 14)
def key(text: str) -> str:
    """Matching form of a name: no spaces, full-width folded, quotes and （类）/（款）/（项） dropped
    (remembered: the checks look the same names up again and again)."""
    return _LEVEL.sub("", norm(text).translate(_QUOTES))


def row_name(row: TableRow) -> str:
    """A row's label without its code or list number: "1、一般公共预算拨款" → "一般公共预算拨款"."""
    return _row_key(row.name or row.label)


@functools.lru_cache(maxsize=1 << 14)
def _row_key(text: str) -> str:
    # remembered: a narrative's every mention is looked up among the same rows
    return _MARKER.sub("", key(text))


@dataclass
class Ref:
    """Table cells a narrative figure should equal (their sum, when several)."""

    table: BudgetTable
    rows: list[TableRow]
    column: Optional[Column]
    what: str                   # how a message names it, e.g. "表1 中“5. 单位资金”"

    @property
    def amounts(self) -> list[Optional[Amount]]:
        return [row.amount(self.column) if self.column is not None else None for row in self.rows]

    @property
    def value(self) -> Decimal:
        return sum((row.value(self.column) for row in self.rows), Decimal(0)) if self.column else Decimal(0)

    @property
    def cell(self):
        row = self.rows[0]
        return row.cell_in(self.column) if self.column is not None else row.cell

    def location(self) -> Location:
        return Location.at(self.cell, self.table.label, self.rows[0].label)

    def shown(self) -> str:
        """"表5 一般公共预算支出情况表 2080505 机关事业单位基本养老保险缴费支出 57.99 万元（表5!E15）"."""
        where = ", ".join(str(row.cell_in(self.column)) if self.column is not None else str(row.cell)
                          for row in self.rows[:3])
        more = "等" if len(self.rows) > 3 else ""
        return f"{self.what}为 {format_wan(self.value)} 万元（{where}{more}）"


def _ref(table: Optional[BudgetTable], rows: list[TableRow], column: Optional[Column], what: str) -> Optional[Ref]:
    if table is None or not rows or column is None:
        return None
    return Ref(table, rows, column, what)


def _label(table: BudgetTable, row: TableRow, column: Optional[Column] = None, col_word: str = "") -> str:
    name = row.label if row.code is None else f"{row.code} {row.name}"
    col = f"“{col_word}”栏" if col_word else ""
    return f"{table.short_label}“{name}”{col}"


def usable(doc: Disclosure, number: TableRole) -> Optional[BudgetTable]:
    table = doc.table(number)
    return table if table is not None and table.sides else None


def first_column(side: TableSide) -> Optional[Column]:
    return side.columns[0] if side.columns else None


def total_row(side: TableSide) -> Optional[TableRow]:
    for row in side.rows:
        if row.kind is RowKind.TOTAL:
            return row
    return None


# ------------------------------------------------------------------------------- 表1 income sources

SOURCE_NAMES = {
    "total": "收入总计", "current": "本年收入", "GPB": "一般公共预算拨款", "FUND": "政府性基金预算拨款",
    "SOE": "国有资本经营预算拨款", "SPECIAL": "财政专户核拨", "UNIT": "单位资金", "carry": "上年结转结余",
    "CARRY_F": "财政拨款结转", "CARRY_NF": "非财政拨款结转结余", "T_GPB": "上级一般公共预算安排转移支付",
    "T_FUND": "上级政府性基金安排转移支付", "T_SOE": "上级国有资本经营预算安排转移支付",
}
UNIT_PARTS = ("事业收入", "上级补助收入", "附属单位上缴收入", "事业单位经营收入", "经营收入", "其他收入")
# The sources 本年收入 and 上年结转结余 are made of (the income list names these).
SOURCES = ("GPB", "FUND", "SOE", "SPECIAL", "UNIT", "CARRY_F", "CARRY_NF")


def source_key(text: str) -> Optional[str]:
    """Which income source a narrative name means: "财政拨款结转结余" → CARRY_F."""
    s = key(text)
    if "转移支付" in s and "上级" in s:
        for k, word in (("T_GPB", "一般公共预算"), ("T_FUND", "基金"), ("T_SOE", "国有资本")):
            if word in s:
                return k
        return None
    if "非财政拨款结转" in s:
        return "CARRY_NF"
    if "财政拨款结转" in s:
        return "CARRY_F"
    if "结转结余" in s or "上年结转" in s:
        return "carry"
    if "收入预算" in s or "收入总计" in s or "收入合计" in s or "收入总预算" in s:
        return "total"
    if "本年收入" in s:
        return "current"
    if "一般公共预算" in s:
        return "GPB"
    if "政府性基金" in s or "基金预算" in s:
        return "FUND"
    if "国有资本经营" in s:
        return "SOE"
    if "财政专户" in s:
        return "SPECIAL"
    if "单位资金" in s or any(p in s for p in UNIT_PARTS):
        return "UNIT"
    return None


@per_object
def income_rows(doc: Disclosure) -> dict[str, TableRow]:
    """表1's income side by source: the numbered source rows of 本年收入 and 上年结转结余, the
    上级 transfer lines, 本年收入, 上年结转结余 and 收入总计 (worked out once per document: the
    narrative's checks ask for it per paragraph; not to be changed by a caller)."""
    t1 = usable(doc, TableRole.SUMMARY)
    out: dict[str, TableRow] = {}
    if t1 is None or t1.income is None:
        return out
    phase = "current"
    for row in t1.income.rows:
        lab = key(row.label)
        if row.kind is RowKind.TOTAL:
            out.setdefault("total", row)
            continue
        if "本年收入" in lab:
            out["current"], phase = row, "current"
            continue
        if "上年结转" in lab and "财政拨款" not in lab:
            out["carry"], phase = row, "carry"
            continue
        if lab.startswith("其中"):
            continue
        k = source_key(lab)
        if phase == "carry":
            if k in ("CARRY_F", "CARRY_NF"):
                out.setdefault(k, row)
            continue
        if k in ("T_GPB", "T_FUND", "T_SOE"):
            out.setdefault(k, row)
        elif k in ("GPB", "FUND", "SOE", "SPECIAL", "UNIT") and (
                _NUMBERED.match(lab) or (k not in out and row_name(row) not in UNIT_PARTS)):
            out.setdefault(k, row)
    return out


def income_ref(doc: Disclosure, k: str) -> Optional[Ref]:
    t1 = usable(doc, TableRole.SUMMARY)
    rows = income_rows(doc)
    if t1 is None or t1.income is None or k not in rows:
        return None
    row = rows[k]
    return _ref(t1, [row], first_column(t1.income), _label(t1, row))


def fiscal_income_ref(doc: Disclosure, k: str) -> Optional[Ref]:
    """表4's income side: 收入总计 (k="total") or the 一般公共预算/政府性基金/国有资本经营 row."""
    t4 = usable(doc, TableRole.FISCAL_SUMMARY)
    if t4 is None or t4.income is None:
        return None
    side = t4.income
    if k == "total":
        row = total_row(side)
        return _ref(t4, [row], first_column(side), _label(t4, row)) if row else None
    for row in side.rows:
        if row.kind is not RowKind.TOTAL and source_key(row_name(row)) == k and "上级" not in key(row.label):
            return _ref(t4, [row], first_column(side), _label(t4, row))
    return None


# ------------------------------------------------------------------------------- totals of 表3/5/6

def total_ref(doc: Disclosure, number: TableRole, *col_names: str, word: str = "") -> Optional[Ref]:
    table = usable(doc, number)
    if table is None:
        return None
    row = table.total_row()
    col = table.column(*col_names) if col_names else first_column(table.main)
    if row is None:
        return None
    return _ref(table, [row], col, _label(table, row, col, word or (col.key if col else "")))


def fiscal_expense_total_ref(doc: Disclosure) -> Optional[Ref]:
    """表4 支出总计."""
    t4 = usable(doc, TableRole.FISCAL_SUMMARY)
    row = total_row(t4.main) if t4 is not None and t4.income is not None else None
    return _ref(t4, [row], first_column(t4.main), _label(t4, row)) if t4 is not None and row else None


def t1_expense_total_ref(doc: Disclosure) -> Optional[Ref]:
    """表1 支出总计."""
    t1 = usable(doc, TableRole.SUMMARY)
    row = total_row(t1.main) if t1 is not None and t1.income is not None else None
    return _ref(t1, [row], first_column(t1.main), _label(t1, row)) if t1 is not None and row else None


def expense_total_ref(doc: Disclosure) -> Optional[Ref]:
    """支出预算: 表3 总计, or 表1 支出总计 when 表3 is missing."""
    ref = total_ref(doc, TableRole.EXPENSE, "合计", word="合计")
    if ref is not None:
        return ref
    t1 = usable(doc, TableRole.SUMMARY)
    if t1 is None:
        return None
    row = total_row(t1.main)
    return _ref(t1, [row], first_column(t1.main), _label(t1, row)) if row else None


# ------------------------------------------------------------------------------- function classes

def class_rows(table: BudgetTable, side: Optional[TableSide] = None) -> list[TableRow]:
    rows = (side or table.main).rows
    return [r for r in rows if isinstance(r.code, FunctionCode) and r.code.level == "类"]


def match_name(name: str, rows: Iterable[TableRow]) -> Optional[TableRow]:
    """The row whose name is ``name`` (or, failing that, the only one containing it or contained
    in it, four characters at least)."""
    rows = list(rows)
    k = key(name)
    if not k:
        return None
    for row in rows:
        if row_name(row) == k:
            return row
    if len(k) < 4:
        return None
    near = [r for r in rows if len(row_name(r)) >= 4 and (k in row_name(r) or row_name(r) in k)]
    return near[0] if len(near) == 1 else None


def class_ref(doc: Disclosure, number: TableRole, name: str, col_names: tuple[str, ...] = ("合计",),
              word: str = "合计") -> Optional[Ref] | bool:
    """A 类 row of 表``number`` by name; False when the table is there but has no such class."""
    table = usable(doc, number)
    if table is None:
        return None
    side = table.main
    row = match_name(name, class_rows(table, side))
    if row is None:
        return False
    col = side.column(*col_names) or first_column(side)
    return _ref(table, [row], col, _label(table, row, col, word))


class OfficialNames:
    """The official 功能分类 类 and 经济分类 款 names of the document's year, asked of whichever
    plugin holds the reference lists (hook ``checker_classification_names``); empty when none
    does, and then a listed name the table lacks is simply not recognised."""

    def __init__(self, context: CheckContext, year: Optional[int]) -> None:
        self._by_kind: dict[str, dict[str, str]] = {}
        for kind, size in (("function", 3), ("economic", 5)):
            names = None
            if context.hooks is not None:
                names = context.hooks.checker_classification_names(kind=kind, year=year, context=context)
            self._by_kind[kind] = {key(name): code for code, name in (names or {}).items()
                                   if len(code) == size and code[0] in "23"}

    def code(self, kind: str, name: str) -> Optional[str]:
        """The official code whose name ``name`` is ("教育" for 教育支出 too), or None."""
        names = self._by_kind.get(kind, {})
        k = key(name)
        return names.get(k) or (names.get(k + "支出") if kind == "function" else None)


def code_rows(table: BudgetTable) -> dict[str, TableRow]:
    """The table's rows by code (the last of a code), built once per table: do not modify."""
    return _code_rows(table)


@per_object
def _code_rows(table: BudgetTable) -> dict[str, TableRow]:
    return {r.code.code: r for r in table.rows if r.code is not None}


@per_object
def _items_by_name(table: BudgetTable) -> dict[str, list[TableRow]]:
    """The table's 项 rows by :func:`row_name`, in table order."""
    out: dict[str, list[TableRow]] = {}
    for row in table.rows:
        if isinstance(row.code, FunctionCode) and row.code.level == "项":
            out.setdefault(row_name(row), []).append(row)
    return out


def item_path_ref(doc: Disclosure, cls: str, kuan: str, xiang: str, code: str = "") -> Optional[Ref] | bool:
    """A 表5 项 row by its 类/款/项 names as 五（三） prints them (or by code when printed)."""
    t5 = usable(doc, TableRole.GPB_FUNCTION)
    if t5 is None:
        return None
    col = t5.column("合计") or first_column(t5.main)
    rows = code_rows(t5)
    if code and code in rows:
        row = rows[code]
        return _ref(t5, [row], col, _label(t5, row, col, "合计"))
    cands = []
    for row in _items_by_name(t5).get(key(xiang), ()):
        kuan_row = rows.get(row.code.cls + (row.code.kuan or ""))
        cls_row = rows.get(row.code.cls)
        score = (kuan_row is not None and row_name(kuan_row) == key(kuan)) + \
                (cls_row is not None and row_name(cls_row) == key(cls))
        cands.append((score, row))
    if not cands:
        return False
    cands.sort(key=lambda c: -c[0])
    if len(cands) > 1 and cands[0][0] == cands[1][0]:
        return False
    row = cands[0][1]
    return _ref(t5, [row], col, _label(t5, row, col, "合计"))


def items_in_class(doc: Disclosure, number: TableRole, cls: str) -> list[TableRow]:
    table = usable(doc, number)
    if table is None:
        return []
    return [r for r in table.rows if isinstance(r.code, FunctionCode) and r.code.level == "项" and r.code.cls == cls]


# ------------------------------------------------------------------------------- 表6 economic items

def economic_rows(doc: Disclosure) -> list[TableRow]:
    t6 = usable(doc, TableRole.GPB_BASIC)
    if t6 is None:
        return []
    return [r for r in t6.rows if r.code is not None and r.code.level == "款"]


def economic_ref(doc: Disclosure, row: TableRow, *col_names: str) -> Optional[Ref]:
    t6 = usable(doc, TableRole.GPB_BASIC)
    if t6 is None:
        return None
    col = t6.column(*col_names) if col_names else t6.column("合计")
    col = col or first_column(t6.main)
    return _ref(t6, [row], col, _label(t6, row, col, col.key if col else ""))


# The 表5 项 that carry exactly one 表6 item (the 社保/公积金 correspondences of the template).
ECONOMIC_ITEMS = {
    "30108": ("2080505",),
    "30109": ("2080506",),
    "30110": ("2101101", "2101102"),
    "30111": ("2101103",),
    "30113": ("2210201",),
}


def mapped_items_ref(doc: Disclosure, econ_code: str, cls: str) -> Optional[Ref]:
    """The 表5 项 of class ``cls`` that hold 表6 item ``econ_code`` (30108 → 2080505, …)."""
    t5 = usable(doc, TableRole.GPB_FUNCTION)
    if t5 is None:
        return None
    rows = code_rows(t5)
    found = [rows[c] for c in ECONOMIC_ITEMS.get(econ_code, ()) if c in rows and c.startswith(cls)]
    if not found:
        return None
    col = t5.column("合计") or first_column(t5.main)
    what = "、".join(f"{r.code} {r.name}" for r in found)
    return _ref(t5, found, col, f"{t5.short_label}“{what}”“合计”栏")


# ------------------------------------------------------------------------------- projects (表7, 表11)

def project_key(name: str) -> str:
    return key(name).rstrip("。；;,，")


class ProjectRows(list):
    """A table's project rows, with their names indexed by :func:`project_key` once, so that
    :func:`match_project` costs the same whatever the number of projects."""

    GRAM = 4        # the shortest name a near match considers

    def __init__(self, rows: Iterable[TableRow]) -> None:
        super().__init__(rows)
        self.by_key: dict[str, list[TableRow]] = {}
        for r in self:
            self.by_key.setdefault(project_key(r.project or ""), []).append(r)
        self._grams: Optional[dict[str, list[str]]] = None

    def containing(self, k: str) -> list[str]:
        """The names (of four characters or more) that contain ``k`` (four or more), in the order of
        first appearance: looked for among the names that share ``k``'s rarest four characters."""
        if self._grams is None:
            self._grams = {}
            for n in self.by_key:
                for g in {n[i:i + self.GRAM] for i in range(len(n) - self.GRAM + 1)}:
                    self._grams.setdefault(g, []).append(n)
        postings = [self._grams.get(k[i:i + self.GRAM], []) for i in range(len(k) - self.GRAM + 1)]
        return [n for n in min(postings, key=len) if k in n] if postings else []


def project_rows(table: BudgetTable) -> ProjectRows:
    return _project_rows(table)


@per_object
def _project_rows(table: BudgetTable) -> ProjectRows:
    return ProjectRows(r for r in table.rows if r.project and r.kind is RowKind.ITEM)


def match_project(name: str, rows: list[TableRow]) -> list[TableRow]:
    """Rows of the project ``name``: same name, or the only project whose name contains it or is
    contained in it."""
    k = project_key(name)
    if not k:
        return []
    index = rows if isinstance(rows, ProjectRows) else ProjectRows(rows)
    same = index.by_key.get(k)
    if same:
        return list(same)
    if len(k) < ProjectRows.GRAM:
        return []
    # names contained in k are among k's substrings; names containing k share its four-grams
    near = {k[i:j] for i in range(len(k)) for j in range(i + ProjectRows.GRAM, len(k) + 1)} & index.by_key.keys()
    near.discard("")
    near.update(index.containing(k))
    if len(near) != 1:
        return []
    return list(index.by_key[near.pop()])


def t7_project_ref(doc: Disclosure, name: str, code_prefix: str = "") -> Optional[Ref] | bool:
    t7 = usable(doc, TableRole.GPB_PROJECTS)
    if t7 is None or t7.is_empty:
        return None
    rows = match_project(name, project_rows(t7))
    if code_prefix:
        rows = [r for r in rows if r.code is not None and r.code.code.startswith(code_prefix)]
    if not rows:
        return False
    col = t7.column("项目支出合计") or t7.column("合计") or first_column(t7.main)
    codes = "、".join(str(r.code) for r in rows if r.code is not None)
    what = f"{t7.short_label} 项目“{rows[0].project}”" + (f"（{codes}）" if len(rows) > 1 else "") + "“项目支出合计”"
    return _ref(t7, rows, col, what)


def t11_columns(t11: BudgetTable) -> dict[str, Optional[Column]]:
    cols = t11.columns
    total = cols[0] if cols else None
    fiscal = nonfiscal = None
    for col in cols:
        head = key(col.path[0]) if col.path else ""
        last = key(col.path[-1]) if col.path else ""
        if head.startswith("非财政拨款") and last in ("合计", "小计", "非财政拨款") and nonfiscal is None:
            nonfiscal = col
        elif head.startswith("财政拨款") and last in ("合计", "小计", "财政拨款") and fiscal is None:
            fiscal = col
    return {"total": total, "fiscal": fiscal, "nonfiscal": nonfiscal}


def t11_ref(doc: Disclosure, which: str, project: str = "") -> Optional[Ref] | bool:
    """表11 总计 in its total/财政拨款/非财政拨款 column, or a project's total."""
    t11 = usable(doc, TableRole.CARRYOVER)
    if t11 is None:
        return None
    cols = t11_columns(t11)
    if project:
        if t11.is_empty:
            return False
        rows = match_project(project, project_rows(t11))
        if not rows:
            return False
        col = cols["total"]
        return _ref(t11, rows, col, f"{t11.short_label} 项目“{rows[0].project}”“{col.key if col else ''}”栏")
    row = t11.total_row()
    col = cols[which]
    if row is None or col is None:
        return None
    word = {"total": col.key, "fiscal": "财政拨款", "nonfiscal": "非财政拨款"}[which]
    return _ref(t11, [row], col, f"{t11.short_label}“{row.label}”“{word}”栏")


# ------------------------------------------------------------------------------- 表10 三公

SANGONG = {
    "total": lambda s: "三公" in s or s in ("合计", "总计"),
    "abroad": lambda s: "出国" in s,
    "car": lambda s: "购置及运行" in s,
    "car_buy": lambda s: "购置" in s and "运行" not in s and "车" in s,
    "car_run": lambda s: "运行" in s and "购置" not in s and "车" in s,
    "reception": lambda s: "接待" in s,
    "operating": lambda s: "机关运行经费" in s,      # a row of the Shanghai table; never a 三公 part
}
_SANGONG_PARTS = ("abroad", "car", "car_buy", "car_run", "reception", "total")


def sangong_key(text: str) -> Optional[str]:
    s = key(text)
    for k in _SANGONG_PARTS:
        if SANGONG[k](s):
            return k
    return None


def sangong_row(table: BudgetTable, k: str) -> Optional[TableRow]:
    """The 三公 table's row of ``k`` (a key of :data:`SANGONG`): its total row, a part's row by the
    part's words, or the 机关运行经费 row."""
    for row in table.rows:
        if k == "total":
            if row.kind is RowKind.TOTAL:
                return row
            continue
        lab = _MARKER.sub("", key(row.label))
        if row.kind is not RowKind.TOTAL and (sangong_key(lab) == k if k in _SANGONG_PARTS else SANGONG[k](lab)):
            return row
    return None


def sangong_table(doc: Disclosure) -> Optional[BudgetTable]:
    """The 三公 table when it has rows to look in (not a table printed empty)."""
    table = usable(doc, TableRole.THREE_PUBLIC)
    return None if table is None or table.is_empty else table


def sangong_ref(doc: Disclosure, k: str) -> Optional[Ref]:
    t10 = sangong_table(doc)
    row = sangong_row(t10, k) if t10 is not None else None
    if t10 is None or row is None:
        return None
    col = t10.column("合计") or first_column(t10.main)
    return _ref(t10, [row], col, _label(t10, row, col, "合计"))


def table_total_ref(doc: Disclosure, number: TableRole) -> Optional[Ref]:
    """A whole table's 总计 in its first column (表7/8/9/11: "没有……为空表")."""
    table = usable(doc, number)
    if table is None or table.is_empty:
        return None
    row = table.total_row()
    col = first_column(table.main)
    if row is None:
        rows = [r for r in table.rows if r.code is not None and r.code.level == "类"] or table.rows[:1]
        return _ref(table, rows, col, f"{table.short_label}合计")
    return _ref(table, [row], col, _label(table, row, col, col.key if col else ""))
