"""Reading classification codes however a table prints them.

功能分类: split over 类/款/项 columns (201 | 03 | 01), joined (2010301), or at the start of the name
("201 一般公共服务支出", "201 03 01 行政运行"). 经济分类 likewise (301 | 01, 30101, "301 01 基本工资",
and "01 基本工资" under a 类 column).
"""
from __future__ import annotations

from typing import Optional

from ..model import Code, EconomicCode, FunctionCode
from ..text import clean
from ..text import lazy_pattern

_DIGITS = lazy_pattern(r"^\d+$")
_PREFIX = lazy_pattern(r"^(\d{3}(?:\s*\d{2}){0,2})(?=\s*[^\d\s]|\s*$)\s*(.*)$")
_KUAN_PREFIX = lazy_pattern(r"^(\d{2})\s+(.*)$")


def code_text(value: object, width: int) -> str:
    """A code cell as digits: numbers lose their leading zeros in Excel, so pad to ``width``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean(value).replace(" ", "")
    if isinstance(value, int) and len(text) < width:
        text = text.zfill(width)
    return text if _DIGITS.match(text) else ""


def make_code(digits: str, economic: bool) -> Optional[Code]:
    """Split joined digits into a code: 3 (类), 5 (款), 7 (项, function only)."""
    if economic:
        if len(digits) == 3:
            return EconomicCode(digits)
        if len(digits) == 5:
            return EconomicCode(digits[:3], digits[3:])
        return None
    if len(digits) == 3:
        return FunctionCode(digits)
    if len(digits) == 5:
        return FunctionCode(digits[:3], digits[3:5])
    if len(digits) == 7:
        return FunctionCode(digits[:3], digits[3:5], digits[5:])
    return None


def split_label(label: str, economic: bool) -> tuple[Optional[Code], str]:
    """"201 一般公共服务支出" → (FunctionCode('201'), "一般公共服务支出")."""
    m = _PREFIX.match(label)
    if m:
        digits = m.group(1).replace(" ", "")
        code = make_code(digits, economic)
        if code is not None:
            return code, m.group(2).strip()
    return None, label


def code_from_columns(parts: list[str], label: str, economic: bool) -> tuple[Optional[Code], str]:
    """Combine the digits found in the code columns (in order 类, 款, 项 — or one joined column)
    with a code at the start of the label. Returns the code and the name without its code."""
    parts = [p for p in parts if p]
    joined = "".join(parts)
    if len(parts) == 1 and len(joined) > 3:
        return make_code(joined, economic), split_label(label, economic)[1]
    if parts:
        # "301 | 01 基本工资": the 款 digits sit in front of the name
        if len(parts) == 1 and economic:
            m = _KUAN_PREFIX.match(label)
            if m:
                return EconomicCode(parts[0], m.group(1)), m.group(2).strip()
        if len(parts) == 1 and not economic:
            m = _KUAN_PREFIX.match(label)
            if m:
                return FunctionCode(parts[0], m.group(1)), m.group(2).strip()
        if len(parts[0]) == 3 and all(len(p) in (1, 2) for p in parts[1:]):
            # "301 | 2": a 款 that lost its leading zero (C001 reports the printed digits); the row
            # still is 款 02 of 301 for the sums
            parts = [parts[0], *(p.zfill(2) for p in parts[1:])]
        if all(len(p) in (2, 3) for p in parts) and len(parts[0]) == 3:
            if economic:
                return EconomicCode(parts[0], parts[1] if len(parts) > 1 else None), split_label(label, economic)[1]
            return FunctionCode(parts[0], parts[1] if len(parts) > 1 else None,
                                parts[2] if len(parts) > 2 else None), split_label(label, economic)[1]
        return make_code(joined, economic), split_label(label, economic)[1]
    return split_label(label, economic)
