"""Matching text for the change statements: normalised text that remembers where each character
came from, the number and direction-word patterns, and narrative amounts as ``Amount``.

The narrative is matched in its NFKC form without whitespace (full-width ``，（）：；％`` become
half-width, "1,379.81 万元" becomes "1,379.81万元"); messages quote the original text through the
position map.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from checker.core.cells import CellRef
from checker.core.model import Amount
from checker.core.printed import NUMBER, PrintedAmount
from checker.core.text import MappedText
from ...core.text import lazy_pattern

NUM = NUMBER      # the statement patterns' number
UP_WORDS = ("增加", "增长", "上升", "提高", "增多", "增")
DOWN_WORDS = ("减少", "下降", "降低", "压减", "缩减", "减")
FLAT_WORDS = ("持平", "无变化", "没有变化", "无增减变化", "无增减", "保持不变", "不变", "一致", "相同", "无变动",
              "未变化", "没有变动")
DIRECTION = "|".join(sorted(UP_WORDS + DOWN_WORDS, key=len, reverse=True))
FLAT = "|".join(sorted(FLAT_WORDS, key=len, reverse=True))
# "比上年预算" / "较 2023 年预算数" / "与上年相比" / "与上年相比，" (before the direction word) / "同比"
PREFIX = (r"(?:(?:比|较|与|和|同)(?:20\d{2}年度?|上一?年度?|去年)(?:年初)?(?:当年)?(?:预算|决算)?(?:执行)?(?:安排)?(?:数)?(?:相比|比较)?"
          r"(?:[,:](?=[增减上下提降压缩持无没保不一相未]))?|同比)")
CLAUSE_SPLIT = lazy_pattern(r"[,;。!?]")
CONCLUDING = lazy_pattern(r"^(?:所以|因此|故而?|从而|进而|导致|致使|使得|造成|最终)")
NEGATED = lazy_pattern(r"(不再|未|没有|无|不)(?:再)?$")


def direction_of(word: Optional[str]) -> int:
    """+1 for an increase word, -1 for a decrease word, 0 otherwise."""
    if not word:
        return 0
    for w in UP_WORDS:
        if word.startswith(w):
            return 1
    if word.startswith("增幅") or word.startswith("增长率"):
        return 1
    for w in DOWN_WORDS:
        if word.startswith(w):
            return -1
    if word.startswith("降幅") or word.startswith("下降率"):
        return -1
    return 0


@functools.lru_cache(maxsize=1 << 14)
def matching(text: str) -> str:
    """The matching form of a short text (a name): NFKC, no whitespace (remembered: the same names
    are matched again and again)."""
    return MappedText(text).text


UNIT = r"(?:万元|元)"     # "12.00 万元" or "120,000.00 元"
# last year's amount printed with a change: "上年预算数为 1,002.68 万元", "上年 1,002.68 万元"
# "上年预算数为 A 万元"; "2023年当年预算执行数为 A 万元" (Shanghai's per-项 sentence)
LAST = (rf"(?:(?:上一?年度?|去年)(?:年初)?(?:预算|决算)?(?:数|金额|安排)?|20\d{{2}}年度?(?:当年)?(?:预算|决算)执行数)"
        rf"(?:为|是)?[:]?(?P<last>{NUM})(?P<lu>万元|元)")


def narrative_amount(text: str, cell: CellRef, unit: str = "万元") -> Optional[Amount]:
    """A figure printed in the narrative as an Amount in 万元 (see :mod:`checker.core.printed`)."""
    printed_amount = PrintedAmount.parse(text, unit)
    return printed_amount.amount(cell) if printed_amount else None


def printed(amount: Amount) -> str:
    """An amount as the narrative printed it, with its unit: "12,000.00 元", "1.20 万元"."""
    return f"{amount.raw} {amount.unit}"


def fmt(value: Optional[Decimal]) -> str:
    """An amount as disclosures print it: 1,234.56."""
    if value is None:
        return "空"
    return f"{value.quantize(Decimal('0.01')):,.2f}"


def fmt_pct(value: Optional[Decimal], decimals: int = 2) -> str:
    if value is None:
        return "空"
    q = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    return f"{value.quantize(q):,}%"


def han_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


@dataclass
class Clause:
    """One clause of a reason's text and where it starts."""

    text: str
    start: int      # offset within the reason body


def clauses(body: str) -> list[Clause]:
    """The reason split into clauses at ， ； 。 (the body is in matching form)."""
    out = []
    pos = 0
    for m in CLAUSE_SPLIT.finditer(body + "。"):
        piece = body[pos:m.start()]
        if piece.strip():
            out.append(Clause(piece, pos))
        pos = m.end()
    return out


_CLAUSE_DIRECTION = lazy_pattern(r"(增加|增长|上升|提高|增多|增大|减少|下降|降低|压减|缩减|减小|回落|%s)" % FLAT)
_NEGATION = ("不再", "没有", "未", "无", "不")


def last_direction(text: str) -> Optional[tuple[int, str, int]]:
    """The last direction (or flat) word of a clause that is not negated: (direction, word,
    position); direction 0 for 持平/无变化."""
    found = None
    for m in _CLAUSE_DIRECTION.finditer(text):
        word = m.group(1)
        if text[max(0, m.start() - 2):m.start()].endswith(_NEGATION) and word not in FLAT_WORDS:
            continue
        if word in FLAT_WORDS:
            found = (0, word, m.start())
        elif word in ("增大", "增多", "回落", "减小"):
            found = (1 if word.startswith("增") else -1, word, m.start())
        else:
            found = (direction_of(word), word, m.start())
    return found
