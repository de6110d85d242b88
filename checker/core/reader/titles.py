"""Which title text names which table.

Titles are matched on the normalised text (full-width brackets and spaces folded) anywhere in a
sheet. The patterns cover the 部门/单位 variants and the 2023–2025 spellings seen in published
disclosures (财政拨款收支总体情况表 vs 财政拨款收支预算总体情况表, 收支总表, …). Order matters:
the more specific patterns come first.
"""
from __future__ import annotations

import re
from typing import Optional

from ..model import TableKind
from ..text import clean, norm

_TABLE_PATTERNS: list[tuple[TableKind, re.Pattern[str]]] = [
    (TableKind.T4, re.compile(r"财政拨款收支(预算)?(总体情况|总)表")),
    (TableKind.T10, re.compile(r"三公[\"”’']?经费(支出|预算)?(预算)?(情况)?(统计)?表")),
    (TableKind.T11, re.compile(r"上年结转结余(预算)?(情况)?(明细)?表")),
    (TableKind.T6, re.compile(r"一般公共预算(财政拨款)?基本支出(预算)?(情况)?表")),
    (TableKind.T7, re.compile(r"一般公共预算(财政拨款)?项目支出(预算)?(情况)?表")),
    (TableKind.T5, re.compile(r"一般公共预算(财政拨款)?支出(预算)?(情况)?表")),
    (TableKind.T8, re.compile(r"政府性基金预算(财政拨款)?支出(预算)?(情况)?表")),
    (TableKind.T9, re.compile(r"国有资本经营预算(财政拨款)?支出(预算)?(情况)?表")),
    (TableKind.T1, re.compile(r"(部门|单位)?收支(预算)?(总体情况|总)表")),
    (TableKind.T2, re.compile(r"(部门|单位)?收入(预算)?(总体情况|总)表")),
    (TableKind.T3, re.compile(r"(部门|单位)?支出(预算)?(总体情况|总)表")),
]

TARGET_PATTERN = re.compile(r"(项目支出|部门整体(支出)?|单位整体(支出)?)绩效目标(申报)?表")

# Narrative sentences mention table names too ("…项目支出情况表为空表"); a title is short and
# says nothing else.
_NOT_TITLE = re.compile(r"(说明|关于|为空表|空表|没有|未安排|无此|详见|见下表|如下)")
_MAX_EXTRA = 40


def match_table_title(value: object) -> Optional[tuple[TableKind, str]]:
    """If ``value`` is a table title, return its kind and the title as printed."""
    text = norm(value)
    if not text or len(text) > 70 or _NOT_TITLE.search(text):
        return None
    for kind, pattern in _TABLE_PATTERNS:
        m = pattern.search(text)
        if m and m.end() >= len(text) - 4 and len(text) - (m.end() - m.start()) <= _MAX_EXTRA:
            return kind, clean(value)
    return None


def match_target_title(value: object) -> Optional[str]:
    text = norm(value)
    if not text or len(text) > 40 or _NOT_TITLE.search(text):
        return None
    m = TARGET_PATTERN.search(text)
    if m and m.end() >= len(text) - 6:
        return m.group(0)
    return None


def title_kind_word(title: str) -> str:
    """部门 or 单位 when the title says so ("单位收支总体情况表"), else ""."""
    m = re.match(r".*?(部门|单位)(收支|收入|支出)", norm(title))
    return m.group(1) if m else ""
