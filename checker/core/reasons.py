"""The reason a narrative gives for a change against last year, read once in the core.

A change statement ("比上年增加 21.87 万元，增长 1.61%") is usually followed by its reason:
"，主要原因是人员增加。" (the words after the marker are the reason; "主要原因是。" is a reason given
with no words, :attr:`Reason.given` without :attr:`Reason.text`). A reason may also come first
("由于人员增加，基本支出比上年增加 5 万元"), stand alone in the next paragraph ("主要原因是……"), go on
in numbered paragraphs ("1. …" then "2. …", "3. …"), or be one reason for several changes stated
before it ("财政拨款收入支出减少的主要原因是项目调整。"). The readers here find those words and their
place (the paragraph, and a span in its cleaned text); which change a reason belongs to is the
reader of the change statements' business (checker/plugins/yoy/statements.py). Texts are matched in
their matching form (:class:`checker.core.text.MappedText`: NFKC, no whitespace).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Optional

from .model import Paragraph
from .text import MappedText, lazy_pattern

# the words that begin a reason ("主要原因是", "由于", "系") and a word that marks a clause as one
REASON_MARKER = lazy_pattern(r"^(?:其|这)?(?:主要)?(?:原因(?:主要)?(?:是|为|在于|如下)?|是由于|由于|因为|系|是因|主要是)[:：]?")
REASON_WORD = lazy_pattern(r"(原因|由于|因为)")
# "财政拨款收入支出增加（减少）的主要原因是……": one reason for the changes stated before it
JOINT_REASON = lazy_pattern(r"^[^,;。]{2,24}?(?P<dir>增加|减少|增长|下降|上升|降低)的?(?:主要)?原因(?:主要)?(?:是|为|在于)?[:：]?")
# "…，其中：" after a change: its parts follow, each with its own reason
PARTS = lazy_pattern(r"^[,;:、。]*其中[:,]?")
ENUM_FIRST = lazy_pattern(r"^(?:1[、.．]|\(1\)|①|一是|第一)")
PUNCT = ",;:。、!?\"“”'‘’ "


@dataclass(frozen=True)
class Reason:
    """The reason given for a change, without its marker ("主要原因是")."""

    text: str = ""                          # matching form
    printed: str = ""                       # as printed
    paragraph: Optional[Paragraph] = None   # where it begins
    span: tuple[int, int] = (0, 0)          # its words' place in the cleaned text of ``paragraph``
    given: bool = False                     # a reason is given, maybe with no words ("主要原因是。")
    more: tuple[Paragraph, ...] = ()        # the paragraphs it goes on in

    def __bool__(self) -> bool:
        return bool(self.text)


def _span(mt: MappedText, start: int, end: int) -> tuple[int, int]:
    """The cleaned-text place of ``mt.text[start:end]``."""
    return (mt.offset(start), mt.offset(end - 1) + 1) if end > start else (0, 0)


def _words(p: Paragraph, mt: MappedText, start: int, end: int, given: bool = True) -> Reason:
    return Reason(mt.text[start:end], mt.source(start, end), p, _span(mt, start, end), given=given)


def reason_after(p: Paragraph, mt: MappedText, start: int, stop: int) -> Reason:
    """The reason that follows a change ending at ``start`` (matching text of ``p``), up to ``stop``
    (where the next change's subject begins): the words after the marker. None is given when the
    next sentence lists other figures ("……增加 24,558.18 万元；事业收入 0 万元；……") or when the
    change's parts follow ("，其中：")."""
    tail = mt.text[start:stop]
    lead = len(tail) - len(tail.lstrip(PUNCT))
    body = tail[lead:]
    m = REASON_MARKER.match(body)
    if m:
        lead += m.end()
        body = body[m.end():]
    elif re.search(r"[;。]", tail[:lead]) and not REASON_WORD.search(re.split(r"[,;。]", body)[0]):
        return Reason()
    if PARTS.match(tail):
        return Reason()
    body = body.rstrip(PUNCT)
    return _words(p, mt, start + lead, start + lead + len(body), given=bool(body) or m is not None)


def split_leading(head: str) -> tuple[str, str]:
    """"由于人员增加，基本支出" → ("由于人员增加", "基本支出"): a reason written before the change's
    subject, and the subject; ("", head) when there is none."""
    if REASON_WORD.search(head) and "," in head:
        before, rest = head.rsplit(",", 1)
        return before, rest
    return "", head


def reason_before(p: Paragraph, mt: MappedText, before: str, end: int) -> Reason:
    """The reason ``before`` (from :func:`split_leading`) that stands before ``end`` in ``p``'s
    matching text, without its marker."""
    m = REASON_MARKER.match(before)
    body = before[m.end():] if m else before
    start = mt.text.rfind(body, 0, end)
    return _words(p, mt, start, start + len(body))


def reason_paragraph(p: Paragraph) -> Optional[tuple[Reason, int]]:
    """A paragraph that is a reason ("主要原因是……"): the reason, and where its words begin in the
    matching text."""
    mt = MappedText(p.text)
    m = REASON_MARKER.match(mt.text)
    if m is None or m.end() == 0:
        return None
    body = mt.text[m.end():].rstrip(PUNCT)
    return Reason(body, mt.source(m.end(), len(mt.text)), p, _span(mt, m.end(), len(mt.text)), given=True), m.end()


def joint_reason(p: Paragraph) -> Optional[tuple[str, Reason]]:
    """"财政拨款收入支出减少的主要原因是项目调整。": the direction word, and the reason."""
    mt = MappedText(p.text)
    m = JOINT_REASON.match(mt.text)
    if m is None:
        return None
    body = mt.text[m.end():].rstrip(PUNCT)
    return m.group("dir"), Reason(body, mt.source(m.end(), len(mt.text)), p, _span(mt, m.end(), len(mt.text)),
                                  given=True)


def numbered(reason: Reason, paragraphs: list[Paragraph], i: int,
             belongs: Callable[[Paragraph], bool]) -> tuple[Reason, set[int]]:
    """A reason that begins "1. …" goes on in the paragraphs after ``paragraphs[i]`` numbered 2.,
    3., … (while ``belongs``: the same section): the reason with them, and their indexes."""
    used: set[int] = set()
    if not ENUM_FIRST.match(reason.text):
        return reason, used
    n, j = 2, i + 1
    text, printed, more = reason.text, reason.printed, list(reason.more)
    while j < len(paragraphs) and belongs(paragraphs[j]):
        mt = MappedText(paragraphs[j].text)
        if not re.match(rf"^(?:{n}[、.．]|\({n}\))", mt.text):
            break
        printed = f"{printed.rstrip('。；;')}。{mt.original}"
        text = f"{text.rstrip('。;')}。{mt.text}"
        more.append(paragraphs[j])
        used.add(j)
        n += 1
        j += 1
    return replace(reason, text=text, printed=printed, more=tuple(more)), used
