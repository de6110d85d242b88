"""Recognising the change statements of a 情况说明.

A change statement is a clause such as "比上年（预算）增加 21.87 万元，增长 1.61%", "与上年持平",
"比上年减少 5.07 万元", or, after "其中：" in the 三公 paragraph, "公务接待费增加 0.00 万元，增长 0.00%".
The text before it back to the previous ；/。 is its head (the subject and its current amount:
"一般公共预算 1,379.81 万元，占 7.35%，"); the text after it up to the next statement's head holds its
reason ("主要原因是……"), which the core reads (:mod:`checker.core.reasons`: its words and place, a reason
written before the change, in the next paragraph, over numbered paragraphs, or one for several
changes). A clause inside a reason ("…所以较上年无变化", "公用经费较上年增加 357 万元") is part of that
reason, not a statement; so are the numbered paragraphs that continue a reason that began with "1."
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from checker.core.cells import CellRef
from checker.core.findings import Location
from checker.core.model import Amount, Disclosure, Paragraph, TableRole
from checker.core.printed import parse_decimal
from checker.core.reasons import (PARTS as _PARTS, PUNCT as _PUNCT, REASON_WORD, Reason, joint_reason, numbered, reason_after,
                                  reason_before, reason_paragraph, split_leading)

from checker.core.statements import Statement

from .subjects import SectionInfo, Subject, classify, item_subject, section_map, strip_enumerator
from .text import (DIRECTION, FLAT, LAST, NUM, PREFIX, UNIT, MappedText,
                   direction_of, han_count, matching, narrative_amount, printed)
from ...core.text import lazy_pattern

_PCT_WORD = rf"(?:增幅|降幅|增长率|下降率|增长幅度|下降幅度|增长比例|下降比例|增加比例|减少比例|{DIRECTION})"
AMOUNT_RE = lazy_pattern(
    rf"(?P<pre>{PREFIX})?(?P<w1>{DIRECTION})了?(?P<x>{NUM})(?P<u>{UNIT})"
    rf"(?:[,、]?\(?(?:{PREFIX})?(?:即|幅度为?)?(?P<w2>{_PCT_WORD})(?:为|了)?(?P<y>{NUM})%\)?)?")
PCT_RE = lazy_pattern(rf"(?P<pre>{PREFIX})(?P<w2>{_PCT_WORD})(?:为|了)?(?P<y>{NUM})%"
                    rf"(?:[,、]?\(?(?:即|计)?(?P<w1>{DIRECTION})了?(?P<x>{NUM})(?P<u>{UNIT})\)?)?")   # "增长 1.61%，增加 21.87 万元"
FLAT_RE = lazy_pattern(rf"(?P<pre>{PREFIX})(?:基本|保持|均)?(?P<flat>{FLAT})")
_HEAD_AMOUNT = lazy_pattern(rf"({NUM})({UNIT})")
_LAST_HEAD = lazy_pattern(rf"[,;]?{LAST}")
_LAST_TAIL = lazy_pattern(rf"^[,;]?\(?{LAST}\)?")
_GENERIC_HEADS = {"预算安排", "本年预算安排", "预算", "预算数", "安排"}
@dataclass
class _Anchor:
    """Where a change sentence's subject and figures were found in a paragraph."""

    start: int
    end: int
    w1: Optional[str] = None
    x: Optional[str] = None
    w2: Optional[str] = None
    y: Optional[str] = None
    flat: Optional[str] = None
    unit: str = "万元"


@dataclass
class ChangeStatement:
    """One stated change against last year, with its subject, figures and reason."""

    paragraph: Paragraph
    section: SectionInfo
    subject: Subject
    subject_text: str                   # the head's subject (matching form, unit name and year removed)
    clause: str                         # the change clause as printed
    current: Optional[Amount]           # the current amount printed with it
    amount_word: Optional[str]          # 增加 / 减少 / …
    amount: Optional[Amount]            # X as printed (its sign as printed)
    percent_word: Optional[str]         # 增长 / 下降 / 增幅 / …
    percent: Optional[Decimal]          # Y as printed
    percent_decimals: int = 2
    flat: Optional[str] = None          # 持平 / 无变化 …
    last: Optional[Amount] = None       # last year's amount when printed with it ("上年预算数为 A 万元")
    why: Reason = Reason()              # the reason given for it, as the core reads it
    has_parts: bool = False             # "…，其中：" follows: its parts carry the reasons
    parent: Optional["ChangeStatement"] = None

    @property
    def cell(self) -> CellRef:
        return self.paragraph.cell

    @property
    def reason(self) -> str:
        """The reason as printed, without "主要原因是"."""
        return self.why.printed

    @property
    def reason_text(self) -> str:
        """The reason in matching form."""
        return self.why.text

    @property
    def change(self) -> Optional[Decimal]:
        """The signed change X (万元): 减少 5.07 → -5.07; 持平 → 0; None if no amount was printed."""
        if self.flat:
            return Decimal(0)
        if self.amount is None:
            return None
        return self.amount.value * (direction_of(self.amount_word) or 1)

    @property
    def change_amount(self) -> Optional[Amount]:
        """The signed change as an Amount (with the printed precision), for rounding comparisons."""
        if self.flat:
            return Amount(Decimal(0), self.cell, precision=Decimal(0))
        if self.amount is None:
            return None
        return Amount(self.change, self.amount.cell, precision=self.amount.precision, raw=self.amount.raw)

    @property
    def direction(self) -> int:
        """+1, -1 or 0: from the amount's word and sign, else the percentage's."""
        if self.flat:
            return 0
        change = self.change
        if change is not None:
            return (change > 0) - (change < 0)
        if self.percent is not None:
            signed = self.percent * (direction_of(self.percent_word) or 1)
            return (signed > 0) - (signed < 0)
        return 0

    @property
    def is_zero(self) -> bool:
        if self.flat:
            return True
        if self.change is not None:
            return self.change == 0
        return self.percent == 0

    def location(self) -> Location:
        return Location.at(self.cell, self.section.label, self.subject.label)

    def quote(self) -> str:
        """The statement as printed, for messages: "项目支出 373.16 万元，比上年预算减少 71.84 万元，下降 16.14%"."""
        head = self.subject.label
        if self.current is not None:
            head = f"{head} {printed(self.current)}".strip()
        return f"{head}，{self.clause}" if head else self.clause


def _anchors(s: str) -> list[_Anchor]:
    found: list[_Anchor] = []
    for m in AMOUNT_RE.finditer(s):
        if m.group("pre") or m.group("y"):
            found.append(_Anchor(m.start(), m.end(), m.group("w1"), m.group("x"), m.group("w2"), m.group("y"),
                                 unit=m.group("u")))
    for m in PCT_RE.finditer(s):
        found.append(_Anchor(m.start(), m.end(), m.group("w1"), m.group("x"), w2=m.group("w2"), y=m.group("y"),
                             unit=m.group("u") or "万元"))
    for m in FLAT_RE.finditer(s):
        found.append(_Anchor(m.start(), m.end(), flat=m.group("flat")))
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    out: list[_Anchor] = []
    for a in found:
        if out and a.start < out[-1].end:
            continue
        out.append(a)
    return out


def _first_change(p: Paragraph) -> int:
    """Where the paragraph's first change clause begins, in its cleaned text (its end when none)."""
    mt = MappedText(p.text)
    found = _anchors(mt.text)
    return mt.offset(found[0].start) if found else len(mt.original)


_MARK_AFTER = lazy_pattern(r"\((?:类|款|项)\)")


def _names_text(item: Statement) -> str:
    """The words that name the 项 of ``item``, matching form: from its first name to its last, with
    the (项) mark that follows."""
    mt = MappedText(item.paragraph.text)
    text = matching(mt.original[item.name_spans[0][0]:item.name_spans[-1][1]])
    rest = matching(mt.original[item.name_spans[-1][1]:item.name_spans[-1][1] + 5])
    mark = _MARK_AFTER.match(rest)
    return text + (mark.group(0) if mark else "")



class StatementReader:
    """Reads every change statement of a document's narrative."""

    def __init__(self, document: Disclosure):
        self.document = document
        self.unit = matching(document.unit) if document.unit else ""
        self.class_names: dict[str, str] = {}
        for number in (TableRole.GPB_FUNCTION, TableRole.FISCAL_SUMMARY):
            table = document.table(number)
            if table is None:
                continue
            for row in table.main.rows:
                if row.code is not None and row.code.level == "类" and row.name:
                    self.class_names.setdefault(matching(row.name), row.code.code)
        self._by_paragraph: dict[int, list[Statement]] = {}
        for st in document.statements:
            self._by_paragraph.setdefault(id(st.paragraph), []).append(st)

    def read(self) -> list[ChangeStatement]:
        narrative = self.document.narrative
        if narrative is None:
            return []
        sections, headings = section_map(narrative)
        paragraphs = narrative.paragraphs
        out: list[ChangeStatement] = []
        consumed: set[int] = set()
        for i, p in enumerate(paragraphs):
            if i in consumed or id(p) in headings:
                continue
            info = sections.get(id(p), SectionInfo())
            found = self._paragraph(p, info)
            if found:
                consumed |= self._continue_reason(found[-1], paragraphs, i, sections)
            elif self._joint_reason(p, out, sections):
                continue
            out.extend(found)
        self._sangong_amounts(out, paragraphs, sections)
        return out

    @staticmethod
    def _joint_reason(p: Paragraph, before: list[ChangeStatement], sections: dict[int, SectionInfo]) -> bool:
        """"财政拨款收入支出减少的主要原因是项目调整。" (Shanghai's 编制说明 gives one reason for the
        changes it has just stated): the reason of every statement before it, in the same section
        and back to the last statement that has a reason, that has none and moves that way."""
        joint = joint_reason(p)
        if joint is None:
            return False
        way = direction_of(joint[0])
        info = sections.get(id(p), SectionInfo())
        given = False
        for st in reversed(before):
            if st.section != info or st.reason_text:
                break
            if st.direction == way:
                st.why = joint[1]
                given = True
        return given

    def _sangong_amounts(self, statements: list[ChangeStatement], paragraphs: list[Paragraph],
                         sections: dict[int, SectionInfo]) -> None:
        """The 三公 change statement ("“三公”经费预算比上年预算减少 8.00 万元，其中：因公出国（境）费增加 0.00
        万元……") prints no current amounts: they stand in the sentence before it in 十 ("“三公”经费预算数为
        92.40 万元，其中：因公出国（境）费 0.00 万元……公务接待费 1.00 万元"), which the core reads by the
        template's sentence shapes (``document.statements``, subjects ``sangong_total`` …): the first of
        the same section, before the change statement."""
        order = {id(p): i for i, p in enumerate(paragraphs)}
        for st in statements:
            if st.subject.kind != "sangong" or st.current is not None:
                continue
            before = order.get(id(st.paragraph), -1)
            for stated in self.document.statements:
                if stated.subject != f"sangong_{st.subject.key}" or stated.amount is None \
                        or sections.get(id(stated.paragraph)) != st.section:
                    continue
                at = order.get(id(stated.paragraph), len(paragraphs))
                if at > before or (at == before and stated.span[0] >= _first_change(st.paragraph)):
                    continue
                st.current = stated.amount.amount(stated.cell)
                break

    # -------------------------------------------------------------- one paragraph

    def _paragraph(self, p: Paragraph, info: SectionInfo) -> list[ChangeStatement]:
        mt = MappedText(p.text)
        s = mt.text
        accepted: list[tuple[_Anchor, int]] = []
        prev_end = 0
        for a in _anchors(s):
            region = s[prev_end:a.start]
            cut = max(region.rfind(";"), region.rfind("。"))
            head_start = prev_end + cut + 1 if cut >= 0 else prev_end
            if accepted and REASON_WORD.search(s[head_start:a.start]):
                continue    # a clause inside the previous statement's reason
            if accepted and cut < 0 and not _PARTS.match(s[head_start:a.start]) \
                    and not s[head_start:a.start].strip(_PUNCT):
                continue    # a second clause of the same statement
            accepted.append((a, head_start))
            prev_end = a.end
        out: list[ChangeStatement] = []
        parent: Optional[ChangeStatement] = None
        for k, (a, head_start) in enumerate(accepted):
            stop = accepted[k + 1][1] if k + 1 < len(accepted) else len(s)
            head = s[head_start:a.start]
            head_at = head_start
            if not head.strip(_PUNCT) and head_start > 0:
                # "……预算数为 22.02 万元。比上年增加……": the subject is in the sentence before
                prev = s[:head_start - 1]
                cut = max(prev.rfind(";"), prev.rfind("。"))
                head = prev[cut + 1:]
                head_at = cut + 1
            stated = self._stated(p, mt.offset(head_at), mt.offset(a.start) if a.start < len(s) else len(mt.original))
            st = self._statement(p, info, mt, a, head, stop, stated)
            if _PARTS.match(s[a.end:stop]) or (k + 1 < len(accepted) and _PARTS.match(s[a.end:accepted[k + 1][0].start])):
                st.has_parts = True
            if parent is not None:
                st.parent = parent
            if st.has_parts:
                parent = st
            out.append(st)
        return out

    def _stated(self, p: Paragraph, start: int, end: int) -> list[Statement]:
        """The core's statements of ``p`` (``document.statements``) whose figure stands between
        ``start`` and ``end`` (the change's head, in the cleaned text): what the change is about."""
        return [st for st in self._by_paragraph.get(id(p), ()) if st.extent[1] > 0 and start <= st.extent[0]
                and st.span != (0, 0) and st.span[1] <= end]

    def _change_at(self, p: Paragraph, start: int, end: int) -> Optional[Statement]:
        """The core's statement of ``p`` whose change stands at ``start``–``end`` (the clause, in the
        cleaned text)."""
        return next((st for st in self._by_paragraph.get(id(p), ()) if st.change_span != (0, 0)
                     and start <= st.change_span[0] < end), None)

    def _statement(self, p: Paragraph, info: SectionInfo, mt: MappedText, a: _Anchor, head: str,
                   stop: int, stated: list[Statement]) -> ChangeStatement:
        s = mt.text
        head = _PARTS.sub("", head.strip(_PUNCT))
        # "由于人员增加，基本支出比上年增加 5 万元": the reason comes first
        before, head = split_leading(head)
        head = strip_enumerator(head)
        last_amount = None
        m = _LAST_HEAD.search(head)
        if m:
            # "2024 年预算数为 1,018.41 万元，上年预算数为 1,002.68 万元，比上年……": not the current amount
            last_amount = narrative_amount(m.group("last"), p.cell, m.group("lu"))
            head = head[:m.start()] + head[m.end():]
        amounts = list(_HEAD_AMOUNT.finditer(head))
        current = narrative_amount(amounts[-1].group(1), p.cell, amounts[-1].group(2)) if amounts else None
        if stated and stated[-1].amount is not None:
            current = stated[-1].amount.amount(p.cell)      # the amount the core read
        subject_part = head[:amounts[0].start()] if amounts else head
        if len(amounts) > 1 and "(项)" not in subject_part and "(类)" not in subject_part:
            # "支出预算 18,767.18 万元，其中：基本支出 1,379.81 万元，占 7.35%，比上年……": the subject
            # stands right before the amount the change belongs to
            last = _PARTS.sub("", head[amounts[-2].end():amounts[-1].start()].strip(_PUNCT))
            last = re.sub(r"^.*[,:]", "", last) if "(项)" not in last else last
            if han_count(last) >= 2:
                subject_part = last
        subject_text = self._clean_subject(subject_part)
        item = next((st for st in reversed(stated) if st.subject == "item"), None)
        if item is None and subject_text in _GENERIC_HEADS:
            # "1.“…（类）…（款）…（项）”科目 X 万元，主要用于……。2023年当年预算执行数为 A 万元，2024年预算安排
            # X 万元，比……": the change is the 项's the paragraph began with
            item = next((st for st in self._by_paragraph.get(id(p), ()) if st.subject == "item"
                         and st.extent[1] <= mt.offset(a.start)), None)
            if item is not None:
                subject_text = self._clean_subject(_names_text(item))
                if item.restated is not None:       # "2024年预算安排 X 万元", the amount said again
                    current = item.restated.amount(p.cell)
        subject = item_subject(item) if item is not None else classify(subject_text, info, self.class_names)
        amount = narrative_amount(a.x, p.cell, a.unit) if a.x else None
        percent, decimals = parse_decimal(a.y) if a.y else (None, 2)
        core = self._change_at(p, mt.offset(a.start), mt.offset(a.end - 1) + 1)
        if core is not None:
            # the figures of the change as the core read them (its words stay the clause's, which the
            # wording checks compare)
            if a.x and core.change is not None:
                amount = core.change.amount(p.cell)
            if a.y and core.percent is not None:
                percent, decimals = core.percent, core.percent_decimals
            if core.last is not None:
                last_amount = core.last.amount(p.cell)
        reason_start = a.end
        tail = s[reason_start:stop]
        m = _LAST_TAIL.match(tail)
        if m:
            # "……增长 1.57%（上年预算数为 1,002.68 万元），主要原因是……"
            last_amount = last_amount or narrative_amount(m.group("last"), p.cell, m.group("lu"))
            reason_start += m.end()
        why = reason_after(p, mt, reason_start, stop)
        if not why.text and before:
            why = reason_before(p, mt, before, a.start)
        return ChangeStatement(
            paragraph=p, section=info, subject=subject,
            subject_text=subject_text,
            clause=mt.source(a.start, a.end), current=current,
            amount_word=a.w1, amount=amount, percent_word=a.w2, percent=percent, percent_decimals=decimals,
            flat=a.flat, last=last_amount, why=why)

    def _clean_subject(self, text: str) -> str:
        t = text
        if self.unit:
            t = t.replace(self.unit, "")
        t = re.sub(r"20\d{2}年度?", "", t)
        t = re.sub(r"^(?:的|本单位|我单位|本部门|我部门)+", "", t)
        t = re.sub(r"(?:预算数?为|预算数|为)?[:,]*$", "", t) if "(项)" not in t else t
        if "(项)" not in t and ":" in t and t.rsplit(":", 1)[1].strip(_PUNCT):
            t = t.rsplit(":", 1)[1]     # "一般公共预算支出包括：一般公共服务支出 1,018.41 万元，比上年……"
        return t.strip(_PUNCT)

    # -------------------------------------------------------------- reasons over several paragraphs

    def _continue_reason(self, st: ChangeStatement, paragraphs: list[Paragraph], i: int,
                         sections: dict[int, SectionInfo]) -> set[int]:
        """A reason that begins "1. …" goes on in the paragraphs numbered 2., 3., …; a statement
        without a reason may have it in the next paragraph ("主要原因是……")."""
        if st.reason_text:
            st.why, used = numbered(st.why, paragraphs, i, lambda q: sections.get(id(q)) == st.section)
            return used
        if not st.has_parts and i + 1 < len(paragraphs):
            nxt = paragraphs[i + 1]
            found = reason_paragraph(nxt)
            if found is not None and sections.get(id(nxt)) == st.section \
                    and not _anchors(MappedText(nxt.text).text[found[1]:]):
                st.why = found[0]
                return {i + 1}
        return set()


def read_statements(document: Disclosure) -> list[ChangeStatement]:
    return StatementReader(document).read()
