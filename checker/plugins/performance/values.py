"""Reading an indicator's 指标值: an operator, a number and a unit, or a recognised word.

Values are typed by hand in many forms: ``≥280000 条``, ``>=95%``, ``> =95%`` (the operator split by
a space), ``＜＝3.50 万元`` (full width), ``不少于 4 批``. A qualitative value is one of a closed set
of words (提高, 有效保障, 是/否, 长期 …); a time indicator may also name a deadline (``12 月 31 日前``,
``每周五``). Anything else is malformed.
"""
from __future__ import annotations

import functools

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional

from checker.core.model import YUAN_PER_WAN
from checker.core.text import norm
from ...core.text import lazy_pattern

# operator spellings → canonical operator; longest first so that ">=" wins over ">"
_OPERATORS = [
    (">=", "≥"), ("=>", "≥"), ("<=", "≤"), ("=<", "≤"), ("≥", "≥"), ("≧", "≥"), ("≤", "≤"), ("≦", "≤"),
    ("不少于", "≥"), ("不低于", "≥"), ("至少", "≥"), ("不超过", "≤"), ("不高于", "≤"), ("不多于", "≤"),
    ("小于等于", "≤"), ("大于等于", "≥"), (">", ">"), ("<", "<"), ("=", "="), ("大于", ">"), ("小于", "<"),
    ("等于", "="),
]
_NUMBER = lazy_pattern(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")
_RANGE = lazy_pattern(r"^(\d+(?:\.\d+)?)(%?)\s*[-~～至]\s*(\d+(?:\.\d+)?)")
_UNIT = lazy_pattern(r"^[^\d\s,，;；。、]+(/[^\d\s,，;；。、]+)?$")

# qualitative values: an optional adverb and a verb or state
_QUAL_ADVERB = "(有效|不断|逐步|持续|明显|显著|进一步|有所|大幅|稳步|全面|基本|切实|积极|较大|一定程度|得到|明显的)?"
_QUAL_WORD = ("(提高|提升|保障|促进|改善|增强|增加|降低|减少|下降|稳定|达标|合格|完成|实现|规范|优化|加强|长期|中长期|"
              "是|否|无|有|好|良好|优良|优秀|较好|正常|及时|安全|符合|达到|推进|有效|落实|显现|发挥|巩固|改进|扩大|"
              "得到保障|得到提升|按期完成|按时完成|全部完成|保持稳定|持续稳定|逐年提高|有效改善|显著提升|高|较高)")
QUALITATIVE = lazy_pattern(f"^{_QUAL_ADVERB}{_QUAL_WORD}$")
# deadlines and schedules a time indicator may give instead of a duration
DEADLINE = lazy_pattern(r"^((20\d{2}年)?\d{1,2}月(\d{1,2}日)?(底)?(前|之前|以前|完成)?|(20\d{2}年)?(年底|年末|年内|当年|年度内|年前)(前|之前|完成)?|"
                      r"每(天|日|周|月|季度?|半年|年)[\u4e00-\u9fff\d]{0,6}|按(时|期|月|季度?|年))$")
_TRAILING = lazy_pattern(r"(以上|以下|以内|之内|及以上|及以下)$")
MONEY_UNITS = {"元": Decimal(1) / YUAN_PER_WAN, "万元": Decimal(1), "亿元": Decimal(10000), "千元": Decimal("0.1"),
               "万": Decimal(1)}
WAN = Decimal(10000)


@dataclass(frozen=True)
class Value:
    """A parsed 指标值. ``kind`` is quantity, qualitative, deadline, malformed or empty."""

    kind: str
    text: str
    op: str = ""                # ≥ ≤ = > < (canonical), "" when none
    number: Optional[Decimal] = None
    unit: str = ""
    problem: str = ""           # why a malformed value is malformed (Chinese)

    @property
    def is_quantity(self) -> bool:
        return self.kind == "quantity"

    @property
    def is_percent(self) -> bool:
        return self.unit in ("%", "％")

    def wan(self) -> Optional[Decimal]:
        """The amount in 万元 when the unit is money, else None."""
        if self.number is None:
            return None
        unit = _TRAILING.sub("", self.unit)
        factor = MONEY_UNITS.get(unit)
        return None if factor is None else self.number * factor


@functools.lru_cache(maxsize=1 << 12)
def parse_value(raw: str) -> Value:
    """An indicator value read (remembered: a Value is frozen, and the checks read each target's
    values more than once)."""
    text = (raw or "").strip()
    t = norm(text).replace("％", "%")
    if not t or t in ("-", "—", "/", "无"):
        return Value("empty", text, problem="指标值为空")
    # "=12月底前", "=合格": the "=" typed before a deadline or a word (kept as text, not a
    # formula) says nothing more than the value itself
    bare = t[1:] if t.startswith("=") else t
    if DEADLINE.match(bare):
        return Value("deadline", text)
    if QUALITATIVE.match(bare):
        return Value("qualitative", text)
    if not re.match(r"^[\d≥≤≧≦<>=不至小大等]", t):
        if re.search(r"\d", t):
            return Value("malformed", text, problem="指标值前有多余的字符")
        return Value("malformed", text, problem="既不是“运算符+数值+单位”，也不是可识别的定性指标值")
    op, rest = _operator(t)
    if op is None:
        op, rest = "", t
    if op and _operator(rest)[0] is not None:
        return Value("malformed", text, problem="运算符重复")
    m = _RANGE.match(rest)
    if m and not op:
        unit = rest[m.end():]
        if not unit:
            return Value("malformed", text, problem="缺少计量单位")
        return Value("quantity", text, "区间", Decimal(m.group(3)), unit)
    m = _NUMBER.match(rest)
    if not m:
        return Value("malformed", text, op=op, problem="运算符后没有数值")
    try:
        number = Decimal(m.group(0).replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex vetted it
        return Value("malformed", text, op=op, problem="数值无法识别")
    unit = rest[m.end():]
    if not op:
        return Value("malformed", text, number=number, unit=unit, problem="数值前缺少运算符（≥、≤、=、>、<）")
    if not unit:
        return Value("malformed", text, op=op, number=number, problem="缺少计量单位")
    if not _UNIT.match(unit):
        return Value("malformed", text, op=op, number=number, unit=unit, problem="单位无法识别")
    return Value("quantity", text, op, number, unit)


def _operator(t: str) -> tuple[Optional[str], str]:
    for spelling, op in _OPERATORS:
        if t.startswith(spelling):
            return op, t[len(spelling):]
    return None, t


def unit_core(unit: str) -> str:
    """A unit without trailing 以上/以内 words, for comparing two quantities."""
    return _TRAILING.sub("", norm(unit).replace("％", "%"))
