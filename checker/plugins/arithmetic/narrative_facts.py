"""The 情况说明 as the arithmetic checks walk it: its (sub)sections by topic, each with its statements.

The figures ("subject amount 万元，占 Y%") are read in the core, by the template's labelled sentence
shape (``checker.core.statements``, subject ``figure``): :func:`parts` hands each part the
statements of its paragraphs, and :func:`core` / :func:`shown` give a figure's label the form the
checks match it by and the form a message names it by. A paragraph such as

    一般公共预算 1,379.81 万元，占 7.35%，比上年预算增加 21.87 万元，增长 1.61%，主要原因是……

gives one figure (一般公共预算, 1,379.81, share 7.35) and one change against last year (比上年预算增加
21.87 万元) that the year-over-year plugin checks, not this one.

The lists of names ("收入预算包括：一般公共预算、单位资金。") are the core's too (subjects ``list`` and
``main_list``, :meth:`Part.list_of`), and so are 七's field lines ("项目名称：", "预算安排规模：" …:
``project_field``, and the scale, ``project_scale``), by which :func:`project_blocks` divides 七 into
projects, and so are the amounts of each project's 资金分配情况 (``allocation``, per-unit rates read
past: :meth:`ProjectBlock.allocation_amounts`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from checker.core.model import Narrative, Paragraph, Section
from checker.core.printed import PrintedAmount
from checker.core.statements import Statement, labelled_text
from checker.core.text import chinese_to_int, clean, norm
from ...core.text import lazy_pattern

# A list number or bullet at the start of a paragraph or clause.
_MARKER = lazy_pattern(r"^(?:[-•·]\s*)?(?:\d{1,2}\s*[、.．)）](?!\d)|[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*[、.．]?|"
                       r"[一二三四五六七八九十]{1,3}\s*[、.．])\s*")
_LEAD = lazy_pattern(r"^(?:其中|包括|主要包括|主要用于|用于|分别为|分别是|具体为|为|是|有|即|:|：)+")
_YEAR = lazy_pattern(r"(?:截至|截止)?20\d{2}年(?:度|底|末)?")
_TAIL = lazy_pattern(r"(?:预算数为|预算数|预算金额为|预算为|金额为|规模为|总额为|为|是|达)+$")
_QUOTES = str.maketrans("", "", "“”‘’\"'「」《》")

# A paragraph's text as the checks here read it and as the statements' spans count (cleaned,
# full-width digits made ASCII, spaces kept)
prepare = labelled_text


def quote(st: Statement, share: bool = True) -> str:
    """A figure as a reader would quote it: “财政拨款结转 9,457.44 万元，占 50.40%”."""
    text = st.printed.strip("，,；;：: ") or f"{st.label.strip()} {st.amount} 万元"
    if share and st.share is not None:
        text += "，" + (st.share_printed or f"占 {st.share}%")
    return f"“{text}”"


def core(subject: str, unit: str = "") -> str:
    """The matching form of a subject: no spaces, unit name, year, list number or connective."""
    s = norm(subject).translate(_QUOTES)
    if unit:
        s = s.replace(norm(unit), "")
    s = _YEAR.sub("", s)
    for _ in range(3):
        s = _MARKER.sub("", s)
        s = _LEAD.sub("", s)
    s = _TAIL.sub("", s)
    return s.strip("，,；;：:、。 的")


def shown(subject: str, unit: str = "") -> str:
    """A subject as a message names it: as printed, without unit name, year, list number or
    connective ("1、一般公共服务支出（类）" → "一般公共服务支出（类）")."""
    s = clean(subject)
    if unit:
        s = s.replace(unit, "")
    s = re.sub(r"(?:截至|截止)?\s*20\d{2}\s*年(?:度|底|末)?\s*", "", s).strip()
    for _ in range(3):
        s = _MARKER.sub("", s).strip()
        s = _LEAD.sub("", s).strip()
    return s.strip("，,；;：:、。 的")


# ------------------------------------------------------------------------------- sections

# What a section is about, from the words of its title after the year ("……2024 年收入预算情况说明").
TOPICS = [
    ("sangong", ("三公",)),
    ("carry", ("结转结余",)),
    ("soe", ("国有资本经营",)),
    ("fund", ("政府性基金",)),
    ("fiscal", ("财政拨款收支",)),
    ("gpb_year", ("当年拨款",)),
    ("basic", ("基本支出",)),
    ("project", ("项目支出",)),
    ("income", ("收入预算",)),
    ("expense", ("支出预算",)),
    ("overall", ("收支预算", "收支总预算")),
    ("other", ("其他重要事项", "其他事项")),
]
# The template's numbering, when a title says nothing recognisable.
TOPIC_BY_NUMBER = {1: "overall", 2: "income", 3: "expense", 4: "fiscal", 5: "gpb_year", 6: "basic",
                   7: "project", 8: "fund", 9: "soe", 10: "sangong", 11: "carry", 12: "other"}
SUBTOPICS = [
    ("scale", ("规模",)),
    ("structure", ("结构",)),
    ("assets", ("国有资产", "资产占用")),
    ("usage", ("具体使用", "使用情况")),
    ("running", ("运行经费",)),
    ("procurement", ("政府采购",)),
    ("performance", ("绩效",)),
]


def topic_of(title: str, number: str, table: list = TOPICS) -> str:
    t = norm(title)
    m = re.search(r"20\d{2}年(?:度)?", t)
    if m:
        t = t[m.end():]
    for name, words in table:
        if any(w in t for w in words):
            return name
    if table is TOPICS:
        return TOPIC_BY_NUMBER.get(chinese_to_int(number), "")
    return ""


@dataclass
class Part:
    """A (sub)section of the narrative with what it is about and its paragraphs, headings included."""

    number: str
    sub: str
    topic: str
    subtopic: str
    heading: Optional[Paragraph]
    paragraphs: list[Paragraph] = field(default_factory=list)
    statements: dict[int, list[Statement]] = field(default_factory=dict)    # by id(paragraph)

    def figures_of(self, paragraph: Paragraph) -> list[Statement]:
        """The figures of ``paragraph`` the checks tie to tables: its amounts, neither changes
        against last year nor the amounts of a reason given for one."""
        return [st for st in self.statements.get(id(paragraph), ())
                if st.subject == FIGURE and st.amount is not None and not st.reason]

    def said(self, paragraph: Paragraph, *subjects: str) -> list[Statement]:
        """The statements of ``paragraph`` about ``subjects``, in reading order."""
        return [st for st in self.statements.get(id(paragraph), ()) if st.subject in subjects]

    def list_of(self, paragraph: Paragraph) -> Optional[Statement]:
        """The names ``paragraph`` lists ("收入预算包括：一般公共预算、单位资金。"), when it lists any:
        subject ``list`` (every item) or ``main_list`` (主要包括: the main ones)."""
        return next((st for st in self.statements.get(id(paragraph), ()) if st.subject in LISTS and st.names), None)

    @property
    def label(self) -> str:
        """The location's table label: "情况说明 五（三）"."""
        return f"情况说明 {self.number}（{self.sub}）" if self.sub else f"情况说明 {self.number}"

    @property
    def name(self) -> str:
        """How a message names it: "情况说明五（三）"."""
        return self.label.replace(" ", "")


FIGURE = "figure"      # the subject of the figures the template's labelled shape reads
LISTS = ("list", "main_list")      # the subjects of the lists of names
ALLOCATION = "allocation"          # the subject of the amounts of 七's 资金分配情况


def parts(narrative: Narrative, statements: Iterable[Statement] = ()) -> list[Part]:
    """The narrative as (sub)sections in reading order, each with its topic and those of
    ``statements`` (the document's) that stand in its paragraphs and heading."""
    by_paragraph: dict[int, list[Statement]] = {}
    for st in statements:
        by_paragraph.setdefault(id(st.paragraph), []).append(st)
    out: list[Part] = []
    by_key: dict[tuple[str, str], Part] = {}
    sections = {s.number: s for s in narrative.sections}
    for p in narrative.paragraphs:
        if not p.section:
            continue
        sec = sections.get(p.section)
        if sec is None:
            continue
        key = (p.section, p.subsection)
        part = by_key.get(key)
        if part is None:
            subsec: Optional[Section] = sec.subsection(p.subsection) if p.subsection else None
            part = Part(number=p.section, sub=p.subsection, topic=topic_of(sec.title, sec.number),
                        subtopic=topic_of(subsec.title, subsec.number, SUBTOPICS) if subsec else "",
                        heading=None)
            by_key[key] = part
            out.append(part)
        # the heading paragraph: its cell and its text (one cell may hold several paragraphs)
        heading = sec.subsection(p.subsection) if p.subsection else sec
        if heading is not None and p.cell == heading.cell and p.text == heading.title:
            part.heading = p
            if id(p) in by_paragraph:
                part.statements[id(p)] = by_paragraph[id(p)]
            continue
        part.paragraphs.append(p)
        if id(p) in by_paragraph:
            part.statements[id(p)] = by_paragraph[id(p)]
    return out


# ------------------------------------------------------------------------------- 七: projects

@dataclass
class ProjectBlock:
    """One project of section 七: its name, 预算安排规模 and 资金分配情况."""

    name: str
    name_paragraph: Paragraph
    scale: Optional[PrintedAmount] = None
    scale_paragraph: Optional[Paragraph] = None
    # 资金分配情况, a paragraph at a time: the amounts the core read in it after the field word (subject
    # ``allocation``, per-unit rates read past)
    allocation: list[tuple[Paragraph, list[Statement]]] = field(default_factory=list)

    def allocation_amounts(self) -> list[tuple[PrintedAmount, bool]]:
        """Every amount of 资金分配情况 in 万元 or 元 (converted to 万元), flagged when it reads as a
        total (共计/合计 X 万元). Per-unit rates ("400 元每人", "X 元/人/月", "每人每月 X 元",
        "标准 X 元") are how an item was worked out, not items: the core left them out."""
        return [(st.amount, bool(st.label)) for _, said in self.allocation for st in said if st.amount is not None]


def project_blocks(part: Part) -> list[ProjectBlock]:
    """七's projects, one block from each "项目名称：" line to the next, by the field lines the core
    read (subjects ``project_field`` and ``project_scale``); the 资金分配情况 runs on over the lines
    that open with no field."""
    blocks: list[ProjectBlock] = []
    current: Optional[ProjectBlock] = None
    in_allocation = False
    paragraphs = ([part.heading] if part.heading else []) + part.paragraphs
    for p in paragraphs:
        text = prepare(p.text)
        fields = part.said(p, "project_field")
        if fields:
            field_name, value = fields[0].label, text[fields[0].words[1]:].strip()
            in_allocation = False
            if field_name == "项目名称":
                current = ProjectBlock(name=value.rstrip("。；;"), name_paragraph=p)
                blocks.append(current)
            elif current is None:
                continue
            elif field_name == "预算安排规模":
                # the first 万元 amount, else the first in 元 ("100,000 元" is 10.00 万元), else a bare number
                # in 万元 ("预算安排规模：278", not "详见表7"): the profile's shapes in that order
                scale = next((st.amount for st in part.said(p, "project_scale")), None)
                if scale is not None:
                    current.scale = scale
                    current.scale_paragraph = p
            elif field_name == "资金分配情况":
                in_allocation = True
                after = fields[0].words[1]
                current.allocation.append((p, [st for st in part.said(p, ALLOCATION) if st.words[0] >= after]))
            continue
        if in_allocation and current is not None:
            current.allocation.append((p, part.said(p, ALLOCATION)))
    return blocks
