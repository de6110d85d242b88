"""The income side of 表1 and 表4 as the outline it prints: headings "一、本年收入", numbered
sources "1、一般公共预算拨款" under them, and "其中：…" lines (and the unnumbered lines after them)
under a source. The outline is read from the labels, so both templates (2024, 2025) and the
numbering styles of the sources ("1、", "1.", "（一）", "(1)") fit."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

from checker.core.model import RowKind, TableRow, TableSide
from checker.core.text import norm
from ...core.text import lazy_pattern

HEADING = lazy_pattern(r"^[一二三四五六七八九十]+[、.．]")
NUMBERED = lazy_pattern(r"^(?:\d+[、.．]|[(（][一二三四五六七八九十\d]+[)）])")     # 1、 1. （一） (1)
OF_WHICH = lazy_pattern(r"^其中[:：]?")


@dataclass
class Line:
    """A row of the income table placed in its outline (heading, numbered source, detail)."""

    row: TableRow
    rank: int                               # 0 heading, 1 numbered source, 2 detail line
    parent: Optional["Line"] = None
    children: list["Line"] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The label without its numbering or 其中, normalised: 一般公共预算拨款."""
        t = norm(self.row.label)
        t = HEADING.sub("", t)
        t = NUMBERED.sub("", t)
        return OF_WHICH.sub("", t)

    def walk(self) -> Iterator["Line"]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Outline:
    """The income table's rows as an outline, with its total row."""

    top: list[Line]
    total: Optional[TableRow]

    def lines(self) -> Iterator[Line]:
        for line in self.top:
            yield from line.walk()

    def heading(self, word: str) -> Optional[Line]:
        return next((line for line in self.top if word in line.text), None)

    def find(self, word: str, under: Optional[Line] = None, rank: Optional[int] = None,
             unless: str = "") -> Optional[Line]:
        """The first line whose label contains ``word`` (and not ``unless``), below ``under``."""
        lines = under.walk() if under is not None else self.lines()
        for line in lines:
            if line is under or (rank is not None and line.rank != rank):
                continue
            if word in line.text and not (unless and unless in line.text):
                return line
        return None


def rank_of(label: str) -> int:
    t = norm(label)
    if HEADING.match(t):
        return 0
    if NUMBERED.match(t):
        return 1
    return 2


def outline(side: TableSide) -> Outline:
    top: list[Line] = []
    stack: list[Line] = []
    total = None
    for row in side.rows:
        if row.kind is RowKind.TOTAL:
            total = total or row
            continue
        if not norm(row.label):
            continue
        line = Line(row, rank_of(row.label))
        while stack and stack[-1].rank >= line.rank:
            stack.pop()
        if stack:
            line.parent = stack[-1]
            stack[-1].children.append(line)
        else:
            top.append(line)
        stack.append(line)
    return Outline(top, total)


def this_year(tree: Outline) -> Optional[Line]:
    """"一、本年收入" (2024 and 2025 templates)."""
    return tree.heading("本年收入")


def carried_over(tree: Outline) -> Optional[Line]:
    """"二、上年结转结余"."""
    return tree.heading("结转")


def source(tree: Outline, word: str) -> Optional[Line]:
    """A numbered source of this year's income (``word``: 一般公共预算, 基金, 国有资本, 财政专户,
    单位资金); the whole outline when the template has no 本年收入 heading."""
    year = this_year(tree)
    if year is not None:
        return tree.find(word, under=year, rank=1)
    carry = carried_over(tree)
    for line in tree.lines():
        if line.rank <= 1 and word in line.text and not (carry and below(line, carry)):
            return line
    return None


def below(line: Line, ancestor: Line) -> bool:
    while line is not None:
        if line is ancestor:
            return True
        line = line.parent  # type: ignore[assignment]
    return False
