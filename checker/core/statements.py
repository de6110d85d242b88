"""The narrative's statements, read once in the core by the template's sentence shapes.

A template profile declares the sentences its narrative is written in (:class:`SentenceShape`: what
the sentence states, and a pattern with named groups for the amount, the change against last year,
its base and percentage, last year's amount, the 类/款/项 names and a code printed with them);
:func:`read_statements` finds them
in the narrative, each with its paragraph, so that every plugin consumes the same
:class:`Statement` instead of parsing the sentences again. Patterns are matched on the normalised
text (NFKC, no whitespace: "，" is ",", "（" is "(").

Subjects are named by what a finance officer would call them and resolved to table figures by the
plugins that compare them: ``income_total`` (收入预算), ``fiscal_income`` (财政拨款收入),
``expense_total`` (支出预算), ``fiscal_expense`` (财政拨款支出), ``gpb_expense`` (一般公共预算拨款支出),
``gov_funds_expense``, ``soe_expense``, ``item`` (one 项 by its 类/款/项 names, or by its code and name:
Xinjiang's 五（三）, Shanghai's 编制说明), ``function_class`` / ``function_kuan`` (Xinjiang's 五（一）、（二）:
a 类 with its 款, or a 款 alone, by its names and marks, with the item's first amount), ``sangong_total`` and
its parts ``sangong_abroad``, ``sangong_vehicle``, ``sangong_purchase``, ``sangong_operation``,
``sangong_reception``, ``operating`` (机关运行经费), ``procurement`` with ``procurement_goods``,
``procurement_works``, ``procurement_services``, ``sme_reserved`` and ``sme_small`` (面向中小企业预留 and
its 小微 part), ``allocation`` (Xinjiang's 七: each amount of a project's 资金分配情况, ``label`` 共计/合计
when it is their total; per-unit rates read past), ``target_projects`` / ``target_funds`` (绩效目标 projects and their money), in a
项目经费情况说明's 年度预算安排 ``project_budget`` (the project's amount for the year), ``project_part``
(one of its 其中 items), ``project_sum`` (their 合计 as printed) and ``project_quarter`` (one quarter's
用款计划); Xinjiang's 十二（四） states its 绩效目标 as
``target_whole`` (整体绩效目标 N 个, 涉及金额 X), ``target_fiscal`` and ``target_nonfiscal`` (当年
(非)财政拨款项目 N 个, 涉及预算金额 X), ``target_all`` (项目共 N 个, or 项目支出绩效目标 N 个 with
its amount).

A narrative that names its figures freely (Xinjiang's 一 … 十二: "单位资金 7,929.93 万元，占 42.25%")
is read by a labelled shape (``SentenceShape.labelled``): every amount it finds, subject ``figure``,
named by the words before it in its clause (``label``), with the share that follows it, a change
against last year told apart (``change`` instead of ``amount``) and so are the amounts of the reason
given for one (``reason``). A spaced shape (``SentenceShape.spaced``) is matched on the cleaned text,
spaces kept, beside the others; Xinjiang reads so its lists of names (``list``: "收入预算包括：一般公共预算、
单位资金", every item; ``main_list``: 主要包括, the main ones; ``SentenceShape.items`` splits them),
四's listings (``income_listing``, ``expense_listing``: the figures that follow are their items) and
十二（三）'s assets (``vehicles``, ``vehicle_kind``, ``devices``: ``count``, ``names``, ``amount``), 七's
field lines (``project_field``, ``project_scale``) and the statements that a table is empty
(``empty_table``); a clause shape (``SentenceShape.clause``) is matched on each clause, stripped:
Xinjiang's nil statements (``nil``: "政府性基金预算未安排", ``nil_list``: "无政府性基金预算拨款和国有资本经营预算").

A shape may be bound to the numbered section (and subsection) it stands in by a regex on its
title (``SentenceShape.section``/``subsection``); a statement keeps the amount's and the share's
place in the paragraph as printed (``span``, ``share_span``, and each name's ``name_spans``: offsets
in the cleaned text, which a fix edits; ``extent`` the whole match's), the place of the words it was
read from (``words``) and those words as printed (``printed``, ``printed_names``). A match in which a
shape's ``rate`` group takes part is read past, no statement: a per-unit rate ("每人每月 500 元") that a
shape tries before the amounts it states.

:func:`part_pieces` divides a part the template repeats (one 项目经费情况说明 a project) into its
pieces.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Iterable, Optional

from .cells import CellRef
from .model import Narrative, Paragraph
from .printed import NUMBER, PrintedAmount, parse_decimal
from .template import NarrativePart, SentenceShape
from .text import MappedText, clean, lazy_pattern, norm

# building blocks for the profiles' patterns (normalised text)
AMOUNT = rf"(?P<amount>{NUMBER})(?P<unit>万元|元)"
YEAR = r"20\d{2}年度?"
BASE = r"(?P<base>预算执行数|预算数|预算)"
CHANGE = (rf"(?:比|较|与){YEAR}(?:当年)?{BASE}(?:相比)?,?"
          rf"(?:(?P<dir>增加|减少|增长|下降)(?:(?P<change>{NUMBER})(?P<cunit>万元|元)|(?P<pct>{NUMBER})%)"
          r"|(?P<flat>持平|无变化))")
# "，占 7.35%", "占比为 7.35%", "占“三公”经费的 90.92%" after an amount (optional): shareof is what the
# share is said to be of, when the text names it
SHARE = (r"(?:,?所?占(?:比例|比重|比)?(?P<shareof>[^\d%,。;:]{0,16}?)的?(?:比例|比重|比)?(?:为|达)?"
         r"(?P<share>\d+(?:\.\d+)?)%)?")


# what each subject is, in the words of the documents (for docs/templates.md)
SUBJECT_WORDS = {
    "income_total": "收入预算", "fiscal_income": "财政拨款收入", "operating_income": "事业单位经营收入",
    "business_income": "事业收入", "other_income": "其他收入", "expense_total": "支出预算",
    "fiscal_expense": "财政拨款支出", "gpb_expense": "一般公共预算拨款支出", "gov_funds_expense": "政府性基金拨款支出",
    "soe_expense": "国有资本经营预算拨款支出", "item": "各项（类、款、项）", "sangong_total": "“三公”经费",
    "sangong_abroad": "因公出国（境）费", "sangong_vehicle": "公务用车购置及运行费", "sangong_purchase": "公务用车购置费",
    "sangong_operation": "公务用车运行费", "sangong_reception": "公务接待费", "operating": "机关运行经费",
    "procurement": "政府采购预算", "procurement_goods": "政府采购货物", "procurement_works": "政府采购工程",
    "procurement_services": "政府采购服务", "sme_reserved": "面向中小企业预留", "sme_small": "预留小微企业",
    "target_projects": "编报绩效目标的项目数", "target_funds": "绩效目标涉及的项目资金",
    "target_whole": "整体绩效目标数及金额", "target_fiscal": "财政拨款项目数及金额",
    "target_nonfiscal": "非财政拨款项目数及金额", "target_all": "项目（绩效目标）总数", "project_budget": "项目总预算",
    "project_part": "项目预算的其中各项", "project_sum": "项目预算合计", "project_quarter": "季度用款计划",
    "figure": "说明中的其他各项金额及占比（以其前面的文字命名）", "list": "列举的名称（包括：……）",
    "main_list": "列举的主要名称（主要包括：……）", "vehicles": "车辆总数及价值", "vehicle_kind": "各类车辆数及价值",
    "devices": "大型设备台数（单位价值 50 万元、100 万元以上）", "income_listing": "逐项列举的收入（收入预算包括：……）",
    "expense_listing": "逐类列举的支出（……支出包括：……）", "project_field": "项目说明的各栏（项目名称：……）",
    "project_scale": "项目预算安排规模", "allocation": "项目资金分配情况的各项金额（不含单价、标准）",
    "nil": "未安排的预算（……未安排）", "nil_list": "没有的预算（无……）",
    "empty_table": "空表说明（……为空表）", "no_car_purchase": "未安排购置车辆经费",
    "function_class": "列举的类（及其款）名称（五（一）、（二））", "function_kuan": "列举的款名称（五（一）、（二））",
}


@dataclass(frozen=True)
class Statement:
    """One figure the narrative states, with what it says about last year."""

    subject: str
    paragraph: Paragraph
    quote: str                              # the sentence part that was matched (normalised)
    amount: Optional[PrintedAmount] = None
    change: Optional[PrintedAmount] = None  # the change as printed (unsigned)
    direction: Optional[int] = None         # +1 增加, -1 减少, 0 持平; None when no change is stated
    percent: Optional[Decimal] = None       # the change as a percentage, when printed so
    percent_decimals: int = 2
    last: Optional[PrintedAmount] = None    # last year's amount when the sentence prints it
    base: str = ""                          # 预算 or 预算执行数: what the change is measured against
    names: tuple[str, ...] = ()             # item: the 类, 款, 项 names (matching form), or the 项's
                                            # alone where the sentence names it by its code
    code: str = ""                          # item: the classification code printed with it
    name_spans: tuple[tuple[int, int], ...] = ()    # each name's place in the cleaned paragraph text
    count: Optional[int] = None             # target_projects: the number printed
    restated: Optional[PrintedAmount] = None    # the same subject's amount said again further on
    restated_quote: str = ""
    share: Optional[PrintedAmount] = None   # "占 Y%": the percentage's digits
    share_of: str = ""                      # what the share is said to be of, when printed
    printed: str = ""                       # the words read, as printed ("公务接待费 2.00 万元")
    span: tuple[int, int] = (0, 0)          # the amount's place in the cleaned paragraph text
    share_span: tuple[int, int] = (0, 0)    # the share's digits' place, when printed
    extent: tuple[int, int] = (0, 0)        # the whole sentence part's place in the cleaned text
    change_span: tuple[int, int] = (0, 0)   # the change's place ("增加 15.73 万元，增长 1.57%"), when stated
    # a labelled shape's statements (SentenceShape.labelled)
    label: str = ""                         # the words naming the amount, as printed ("1、一般公共服务支出（类）")
    share_printed: str = ""                 # the share's words as printed ("占 7.35%")
    reason: bool = False                    # stands in the reason given for a change ("主要原因是……")
    clause: int = 0                         # the clause of the paragraph it stands in (0: the first)
    words: tuple[int, int] = (0, 0)         # the place of the words read (spaced and labelled shapes: in the
                                            # cleaned text; others: in the normalised text)

    @property
    def cell(self):
        return self.paragraph.cell

    @property
    def printed_names(self) -> tuple[str, ...]:
        """The names as printed (full-width brackets and all), from their places in the paragraph."""
        text = MappedText(self.paragraph.text).original
        return tuple(text[a:b] for a, b in self.name_spans)

    @property
    def place(self) -> str:
        return place(self.paragraph)


def place(p: Paragraph) -> str:
    """Where a paragraph stands, for a location: "情况说明 十二（四）", "情况说明 十", or "情况说明"
    when the narrative is not numbered, or is divided into parts that each number their sections
    afresh (Shanghai's 编制说明 and 其他相关情况说明 both have a 一: the cell tells them apart)."""
    if p.part:
        return "情况说明"
    if p.section and p.subsection:
        return f"情况说明 {p.section}（{p.subsection}）"
    return f"情况说明 {p.section}" if p.section else "情况说明"


_NAME_SPLIT = lazy_pattern(r"\((?:类|款|项)\)|[-—]")
_NAME_CODE = lazy_pattern(r"^\d{2,3}(?=\D)")     # "201一般公共服务支出(类)": the name printed with its code


def _amount(m: re.Match[str], group: str, unit_group: str) -> Optional[PrintedAmount]:
    text = m.groupdict().get(group)
    if not text:
        return None
    unit = m.groupdict().get(unit_group) or "万元"
    return PrintedAmount.parse(text, "元" if unit == "元" else "万元")      # "1720.00万" is 万元


def _span(mt: "MappedText | _Cleaned", m: re.Match[str], group: str) -> tuple[int, int]:
    if group not in m.re.groupindex or m.start(group) < 0:
        return (0, 0)
    return (mt.offset(m.start(group)), mt.offset(m.end(group) - 1) + 1)


def _names(m: re.Match[str], mt: "MappedText | _Cleaned") -> tuple[tuple[str, ...], tuple[tuple[int, int], ...], list[str]]:
    """The names of the ``names`` group (split at its (类)/(款)/(项) marks or dashes), their places in
    the cleaned text, and the code printed before each name ("" where none is)."""
    if "names" not in m.re.groupindex or m.start("names") < 0:
        return (), (), []
    names: list[str] = []
    spans: list[tuple[int, int]] = []
    codes: list[str] = []
    group, base, pos = m.group("names"), m.start("names"), 0
    for cut in [*_NAME_SPLIT.finditer(group), None]:
        end = cut.start() if cut is not None else len(group)
        piece = group[pos:end]
        lead = _NAME_CODE.match(piece)
        start = pos + (lead.end() if lead else 0)
        if start < end:
            names.append(group[start:end])
            spans.append((mt.offset(base + start), mt.offset(base + end - 1) + 1))
            codes.append(lead.group(0) if lead else "")
        if cut is None:
            break
        pos = cut.end()
    return tuple(names), tuple(spans), codes


def _change_span(m: re.Match[str], mt: "MappedText | _Cleaned") -> tuple[int, int]:
    """Where the change stands: from its word (增加 …, 持平) to its last figure."""
    found = [(m.start(g), m.end(g)) for g in ("dir", "change", "cunit", "pct", "flat")
             if g in m.re.groupindex and m.start(g) >= 0]
    if not found:
        return (0, 0)
    start, end = min(a for a, _ in found), max(b for _, b in found)
    return (mt.offset(start), mt.offset(end - 1) + 1)


def _statement(shape: SentenceShape, p: Paragraph, m: re.Match[str], mt: "MappedText | _Cleaned") -> Statement:
    g = m.groupdict()
    direction = None
    if g.get("flat"):
        direction = 0
    elif g.get("dir"):
        direction = 1 if g["dir"] in ("增加", "增长") else -1
    percent, decimals = parse_decimal(g["pct"]) if g.get("pct") else (None, 2)
    if shape.items:
        names = tuple(n for n in (i.strip().rstrip("等").strip() for i in re.split(shape.items, g.get("names") or ""))
                      if n)
        name_spans: tuple[tuple[int, int], ...] = ()
        codes: list[str] = []
    else:
        names, name_spans, codes = _names(m, mt)
    count = int(g["count"]) if g.get("count") else None
    return Statement(
        subject=shape.subject, paragraph=p, quote=m.group(0), amount=_amount(m, "amount", "unit"),
        change=_amount(m, "change", "cunit"), direction=direction, percent=percent, percent_decimals=decimals,
        last=_amount(m, "last", "lunit"), base=g.get("base") or "", names=names, count=count,
        code=g.get("code") or ("".join(codes) if codes and all(codes) else ""), name_spans=name_spans,
        extent=(mt.offset(m.start()), mt.offset(m.end() - 1) + 1) if m.end() > m.start() else (0, 0),
        change_span=_change_span(m, mt),
        share=PrintedAmount.parse(g["share"]) if g.get("share") else None, share_of=g.get("shareof") or "",
        printed=mt.source(m.start(), m.end()), span=_span(mt, m, "amount"), share_span=_span(mt, m, "share"),
        label=g.get("label") or "", words=(m.start(), m.end()))


def read_statements(narrative: Optional[Narrative], shapes: Iterable[SentenceShape]) -> list[Statement]:
    """Every statement of ``narrative`` in the template's ``shapes``, in reading order. A stretch of
    text is read by the first shape that matches it; the shapes are tried in the order given. A
    labelled shape reads every amount it finds besides (its statements follow the paragraph's
    others)."""
    if narrative is None:
        return []
    compiled = [(shape, shape.compiled(), _scope(narrative, shape)) for shape in shapes]
    out: list[Statement] = []
    for p in narrative.paragraphs:
        mt = MappedText(p.text)
        text = mt.text
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, SentenceShape, Statement]] = []
        labelled: list[Statement] = []
        for shape, pattern, scope in compiled:
            if shape.part and p.part != shape.part:
                continue
            if scope is not None and (p.section, p.subsection if shape.subsection else "") not in scope:
                continue
            if shape.labelled or shape.spaced or shape.clause:
                beside = _labelled(shape, p.text) if shape.labelled else _spaced(shape, p.text)
                labelled.extend(replace(st, paragraph=p) for st in beside)
                continue
            for m in pattern.finditer(text):
                if any(m.start() < end and start < m.end() for start, end in taken):
                    continue
                taken.append((m.start(), m.end()))
                if _passed(m):
                    continue
                found.append((m.start(), shape, _statement(shape, p, m, mt)))
        mine: list[Statement] = []
        for _, shape, st in sorted(found, key=lambda f: f[0]):
            if shape.continues:
                if mine:
                    mine[-1] = _continued(mine[-1], st)
                continue
            mine.append(st)
        out.extend(mine)
        out.extend(labelled)
    return out


# labelled shapes: where a clause ends (Chinese punctuation, and an ASCII comma that is not a
# thousands separator), the punctuation that ends a sentence (and the reason given in it), and the
# colon after which a clause's first amount is named by the clause before it
_CLAUSE_END = lazy_pattern(r"[，；;。：:！？\n]|,(?!\d{3}(?:\D|$))")
_SENTENCE_END = "。；;"
_COLON = "：:"
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_NOWHERE = Paragraph("", CellRef("", 0, 0))


@functools.lru_cache(maxsize=1 << 12)
def labelled_text(text: str) -> str:
    """A paragraph's text as labelled shapes read it, and as their spans count: cleaned, full-width
    digits made ASCII, spaces kept (one character for one: the spans are the cleaned text's)."""
    return clean(text).translate(_FULLWIDTH)


def clauses(text: str) -> list[tuple[int, str]]:
    """``text`` (:func:`labelled_text`) cut at clause punctuation: (offset, clause) pairs."""
    return list(_clauses(text))


@functools.lru_cache(maxsize=1 << 12)
def _clauses(text: str) -> tuple[tuple[int, str], ...]:
    out, start = [], 0
    for m in _CLAUSE_END.finditer(text):
        out.append((start, text[start:m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return tuple((o, c) for o, c in out if c.strip())


class _Cleaned:
    """The cleaned text as a spaced shape reads it: each character its own place."""

    def __init__(self, text: str):
        self.text = text

    def offset(self, i: int) -> int:
        return i

    def source(self, start: int, end: int) -> str:
        return self.text[start:end].strip()


@functools.lru_cache(maxsize=1 << 12)
def _spaced(shape: SentenceShape, original: str) -> tuple[Statement, ...]:
    """The statements of a spaced or clause ``shape`` in a paragraph's text (read once per text)."""
    text = labelled_text(original)
    pattern = shape.compiled()
    if not shape.clause:
        cleaned = _Cleaned(text)
        return tuple(_statement(shape, _NOWHERE, m, cleaned) for m in pattern.finditer(text) if not _passed(m))
    out: list[Statement] = []
    for offset, piece in clauses(text):
        stripped = piece.strip()
        at = offset + len(piece) - len(piece.lstrip())
        for m in pattern.finditer(stripped):
            if _passed(m):
                continue
            st = _statement(shape, _NOWHERE, m, _Cleaned(stripped))
            out.append(replace(st, words=(at + m.start(), at + m.end()), span=_shift(st.span, at),
                               share_span=_shift(st.share_span, at)))
    return tuple(out)


def _passed(m: re.Match[str]) -> bool:
    """Is ``m`` the words a shape reads past (its ``rate`` group took part: "每人每月 500 元" is how an
    amount was worked out), not a statement?"""
    return "rate" in m.re.groupindex and m.start("rate") >= 0


def _shift(span: tuple[int, int], at: int) -> tuple[int, int]:
    return (span[0] + at, span[1] + at) if span != (0, 0) else span


@functools.lru_cache(maxsize=1 << 12)
def _labelled(shape: SentenceShape, original: str) -> tuple[Statement, ...]:
    """Every amount of a paragraph's text by the labelled ``shape``, with its label and the share
    that follows it (read once per text; the statements' paragraph is filled in by the caller)."""
    text = labelled_text(original)
    amount, share = shape.compiled(), re.compile(shape.share) if shape.share else None
    changes, reason_words = (re.compile(shape.changes) if shape.changes else None,
                             re.compile(shape.reason) if shape.reason else None)
    pieces = clauses(text)
    out: list[Statement] = []
    reason = False
    for i, (offset, clause) in enumerate(pieces):
        if offset and text[offset - 1] in _SENTENCE_END:
            reason = False          # a new sentence: the reason given for the last one is over
        if reason_words is not None and reason_words.search(clause):
            reason = True
        prev = 0
        for m in amount.finditer(clause):
            label = clause[prev:m.start()]
            printed = clause[prev:m.end()].strip()
            begins = offset + prev
            if not prev and not label.strip() and i and text[offset - 1] in _COLON and \
                    not amount.search(pieces[i - 1][1]):
                # "1. 某某项目：9,322.84 万元": the label stands before the colon
                label = pieces[i - 1][1] + text[offset - 1]
                printed = (label + clause[:m.end()]).strip()
                begins = pieces[i - 1][0]
            said = _amount(m, "amount", "unit")
            is_change = changes is not None and changes.search(label) is not None
            found = share.match(clause[m.end():]) if share is not None else None
            share_at = offset + m.end()
            if share is not None and found is None and i + 1 < len(pieces) and not amount.search(clause[m.end():]):
                found = share.match(pieces[i + 1][1])
                share_at = pieces[i + 1][0]
            share_span = (share_at + found.start("share"), share_at + found.end("share")) if found else (0, 0)
            out.append(Statement(
                subject=shape.subject, paragraph=_NOWHERE, quote=norm(printed), amount=None if is_change else said,
                change=said if is_change else None, printed=printed,
                span=(offset + m.start("amount"), offset + m.end("amount")),
                share=PrintedAmount.parse(found.group("share")) if found else None,
                share_of=found.group("shareof").strip() if found else "",
                share_printed=found.group(0).strip() if found else "", share_span=share_span,
                label=label, reason=reason, clause=i, words=(begins, offset + m.end())))
            prev = m.end()
    return tuple(out)


def _scope(narrative: Narrative, shape: SentenceShape) -> Optional[set[tuple[str, str]]]:
    """The (section, subsection) numbers whose titles ``shape`` is bound to (subsection "" when it
    names none), or None to read everywhere: it is bound to none, or the narrative has no such
    section."""
    if not shape.section and not shape.subsection:
        return None
    scope: set[tuple[str, str]] = set()
    for sec in narrative.sections:
        if shape.section and not re.search(shape.section, norm(sec.title)):
            continue
        if not shape.subsection:
            scope.add((sec.number, ""))
            continue
        scope.update((sec.number, sub.number) for sub in sec.subsections if re.search(shape.subsection, norm(sub.title)))
    return scope or None


def _continued(first: Statement, more: Statement) -> Statement:
    """``first`` completed by the sentence that goes on about it: its change, base and last year's
    amount, and its amount said again."""
    return replace(first, change=first.change or more.change, percent=first.percent if first.percent is not None
                   else more.percent, percent_decimals=more.percent_decimals if first.percent is None
                   else first.percent_decimals, direction=first.direction if first.direction is not None
                   else more.direction, last=first.last or more.last, base=first.base or more.base,
                   restated=more.amount, restated_quote=more.quote,
                   change_span=first.change_span if first.change_span != (0, 0) else more.change_span)


_PIECE_HEADING_LENGTH = 60


def part_pieces(narrative: Optional[Narrative], part: NarrativePart) -> list[list[Paragraph]]:
    """The paragraphs of ``part`` in pieces, where the template repeats the part (one
    项目经费情况说明 a project): a piece begins at each of the part's heading lines, and on each sheet
    of its own."""
    if narrative is None:
        return []
    heading = re.compile(part.heading)
    pieces: list[list[Paragraph]] = []
    for p in narrative.paragraphs:
        if p.part != part.key:
            continue
        text = norm(p.text)
        new_sheet = bool(pieces) and pieces[-1][-1].cell.sheet != p.cell.sheet
        if not pieces or new_sheet or (len(text) <= _PIECE_HEADING_LENGTH and heading.search(text)):
            pieces.append([p])
        else:
            pieces[-1].append(p)
    return pieces
