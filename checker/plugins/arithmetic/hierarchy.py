"""The two hierarchies a table's sums follow: its rows' codes (类 → 款 → 项) and its columns'
headers (合计 over 基本支出 and 项目支出, 财政拨款（补助）小计 over its funding columns, …)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from checker.core.model import Column, TableRow

from .common import TOTAL_KEY


@dataclass
class CodeTree:
    """Coded rows arranged by their codes: each row under the nearest ancestor code printed."""

    top: list[TableRow] = field(default_factory=list)
    children: dict[int, list[TableRow]] = field(default_factory=dict)     # id(parent row) → rows
    parents: list[TableRow] = field(default_factory=list)                 # rows that have children


def code_tree(rows: list[TableRow]) -> CodeTree:
    """Arrange ``rows`` (one table, or one 表7 unit) by code. A code printed twice (表7 lists a 项
    once per project) counts every time; its children go under its first row."""
    first: dict[str, TableRow] = {}
    for row in rows:
        if row.code is not None and row.code.code not in first:
            first[row.code.code] = row
    tree = CodeTree()
    for row in rows:
        if row.code is None:
            continue
        parent = row.code.parent
        while parent is not None and parent.code not in first:
            parent = parent.parent
        if parent is None:
            tree.top.append(row)
            continue
        owner = first[parent.code]
        if id(owner) not in tree.children:
            tree.children[id(owner)] = []
            tree.parents.append(owner)
        tree.children[id(owner)].append(row)
    return tree


LEVEL_WORDS = {"类": "各类", "款": "所属各款", "项": "所属各项"}


def children_word(children: list[TableRow]) -> str:
    levels = {r.code.level for r in children if r.code is not None}
    if len(levels) == 1:
        return LEVEL_WORDS[levels.pop()]    # a code's level is always 类, 款 or 项
    return "所属科目"


@dataclass
class ColumnPart:
    """A part of a table's amount columns that adds up into its total column."""

    name: str                   # the header printed over it: 基本支出, 财政拨款(补助)小计, …
    columns: list[Column]       # one column, or the leaf columns of a group without its own total


@dataclass
class ColumnIdentity:
    """A total column and the parts it adds up, on every row of the table."""

    total: Column
    parts: list[ColumnPart]


def column_identities(columns: list[Column]) -> list[ColumnIdentity]:
    """From the header paths: at every header level, a 合计/小计/总计 column is the sum of its
    sibling columns (a sibling group counting by its own total, or by its leaves if it has none).

    表3: 合计 = 基本支出 + 项目支出; 表2: 总计 = 财政拨款（补助）小计 + 财政专户 + 单位资金 + …, and
    财政拨款（补助）小计 = 一般公共预算 + 上级…转移支付 + …; 表8: 合计 = 人员经费 + 公用经费 + 项目支出.
    """
    out: list[ColumnIdentity] = []
    _level(columns, 0, out)
    return out


def _level(columns: list[Column], depth: int, out: list[ColumnIdentity]) -> list[Column]:
    groups: dict[str, list[Column]] = {}
    for col in columns:
        if len(col.path) <= depth:
            continue
        groups.setdefault(col.path[depth], []).append(col)
    total: Optional[Column] = None
    parts: list[ColumnPart] = []
    for key, members in groups.items():
        if len(members) == 1 and len(members[0].path) == depth + 1:
            col = members[0]
            if total is None and TOTAL_KEY.search(key):
                total = col
            else:
                parts.append(ColumnPart(key, [col]))
            continue
        represented = _level(members, depth + 1, out)
        if len(represented) == 1 and TOTAL_KEY.search(represented[0].key):
            parts.append(ColumnPart(f"{key}{represented[0].key}" if key not in represented[0].key
                                    else represented[0].key, represented))
        else:
            inner = " + ".join(c.key for c in represented)
            parts.append(ColumnPart(f"{key}（{inner}）" if len(represented) > 1 else inner, represented))
    if total is not None and parts:
        out.append(ColumnIdentity(total, parts))
        return [total]
    return [c for p in parts for c in p.columns]
