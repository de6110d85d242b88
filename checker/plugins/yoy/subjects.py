"""What a change statement is about: the narrative section it stands in and its subject (an income
source, 基本/项目支出, a class, 三公 or one of its parts, 机关运行经费; a 项 with its 类/款/项 names is
the core's statement, :func:`item_subject`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from checker.core.cells import CellRef
from checker.core.model import Narrative
from checker.core.statements import Statement

from .text import matching
from ...core.text import lazy_pattern


@dataclass(frozen=True)
class SectionInfo:
    """Where a paragraph stands: ``key`` names the section's job (income, expense, gpb, sangong, …)."""

    key: str = ""
    subkey: str = ""
    label: str = "情况说明"         # "情况说明 五（三）"
    cell: Optional[CellRef] = None  # the heading


def _section_key(title: str, number: str) -> str:
    t = matching(title)
    if "三公" in t:
        return "sangong"
    if "结转结余" in t:
        return "carryover"
    if "一般公共预算" in t and ("当年拨款" in t or "拨款情况" in t):
        return "gpb"
    if "一般公共预算基本支出" in t:
        return "basic"
    if "一般公共预算项目支出" in t:
        return "project"
    if "政府性基金" in t:
        return "fund8"
    if "国有资本" in t:
        return "fund9"
    if "财政拨款收支" in t:
        return "fund"
    if "收入预算" in t:
        return "income"
    if "支出预算" in t:
        return "expense"
    if "收支" in t and "总体" in t:
        return "overview"
    if "其他" in t:
        return "other"
    return {"一": "overview", "二": "income", "三": "expense", "四": "fund", "五": "gpb", "十": "sangong",
            "十二": "other"}.get(number, "")


def _subsection_key(key: str, title: str, number: str) -> str:
    t = matching(title)
    if key == "gpb":
        if "规模" in t or "变化" in t:
            return "scale"
        if "结构" in t:
            return "structure"
        if "具体" in t or "使用" in t:
            return "items"
        return {"一": "scale", "二": "structure", "三": "items"}.get(number, "")
    if "运行经费" in t:
        return "operating"
    return ""


def section_map(narrative: Narrative) -> tuple[dict[int, SectionInfo], set[int]]:
    """For every paragraph (by id) the section it stands in; and the ids of heading paragraphs."""
    out: dict[int, SectionInfo] = {}
    headings: set[int] = set()
    by_cell = {}
    for sec in narrative.sections:
        key = _section_key(sec.title, sec.number)
        by_cell[sec.cell] = True
        for p in sec.paragraphs:
            out[id(p)] = SectionInfo(key, "", f"情况说明 {sec.number}", sec.cell)
        for sub in sec.subsections:
            subkey = _subsection_key(key, sub.title, sub.number)
            by_cell[sub.cell] = True
            for p in sub.all_paragraphs():
                out[id(p)] = SectionInfo(key, subkey, f"情况说明 {sec.number}（{sub.number}）", sub.cell)
    for p in narrative.paragraphs:
        if p.cell in by_cell and id(p) not in out:
            headings.add(id(p))
    return out, headings


@dataclass(frozen=True)
class Subject:
    """``kind`` and ``key`` identify the subject; ``label`` is how messages name it."""

    kind: str
    key: str
    label: str
    names: tuple[str, ...] = ()     # item: (类, 款, 项) names in matching form
    code: str = ""                  # item: a code printed with it, if any
    aliases: tuple[str, ...] = field(default=(), compare=False)   # words that name it in a reason

    @property
    def ident(self) -> tuple[str, str]:
        return (self.kind, self.key)


# income sources in the order they are tested (the more specific first); key, words in the text
INCOME_SOURCES: list[tuple[str, tuple[str, ...]]] = [
    ("上级一般公共预算安排的转移支付", ("上级一般公共预算",)),
    ("上级政府性基金安排的转移支付", ("上级政府性基金",)),
    ("上级国有资本经营预算安排的转移支付", ("上级国有资本经营",)),
    ("非财政拨款结转结余", ("非财政拨款结转",)),
    ("财政拨款结转", ("财政拨款结转",)),
    ("一般公共预算", ("一般公共预算",)),
    ("政府性基金预算", ("政府性基金",)),
    ("国有资本经营预算", ("国有资本经营",)),
    ("财政专户管理资金", ("财政专户",)),
    ("单位资金", ("单位资金",)),
]
SANGONG_PARTS = {
    "total": "“三公”经费",
    "abroad": "因公出国（境）费",
    "vehicle": "公务用车购置及运行费",
    "purchase": "公务用车购置费",
    "operation": "公务用车运行费",
    "reception": "公务接待费",
}
KIND_NAMES = {"基本支出": "基本支出", "项目支出": "项目支出"}

_LEADING_CODE = lazy_pattern(r"^(\d{2,3})(?=\D)")
_ENUM = lazy_pattern(r"^(?:\d+[、.．]|\(\d+\)|[一二三四五六七八九十]+[、.．])")


def strip_enumerator(text: str) -> str:
    return _ENUM.sub("", text, count=1)


def _split_code(name: str) -> tuple[str, str]:
    m = _LEADING_CODE.match(name)
    if m:
        return m.group(1), name[m.end():]
    return "", name


def item_subject(st: Statement) -> Subject:
    """The subject of a change said of a 项 the core read (``Disclosure.statements``, subject item): by
    its 类/款/项 names, or by its code where the sentence names the 项 by it alone."""
    if len(st.names) >= 3:
        names = st.names[-3:]
        return Subject("item", "/".join(names), f"{names[2]}（项）", names, st.code, (names[2],))
    name = st.names[-1] if st.names else ""
    return Subject("item", st.code, f"{name}（项）", ("", "", name), st.code, (name,))


def classify(text: str, section: SectionInfo, class_names: dict[str, str]) -> Subject:
    """The subject of a statement whose head (the text before the amount) is ``text`` (matching
    form, enumerator and unit name removed). ``class_names`` maps 类 names to codes (表5/表4)."""
    t = text
    if "三公" in t or "因公出国" in t or "公务用车" in t or "公务接待" in t:
        if "因公出国" in t:
            part = "abroad"
        elif "购置及运行" in t:
            part = "vehicle"
        elif "公务用车购置" in t:
            part = "purchase"
        elif "公务用车运行" in t:
            part = "operation"
        elif "公务接待" in t:
            part = "reception"
        else:
            part = "total"
        aliases = (matching(SANGONG_PARTS[part]), "三公经费") if part == "total" else (matching(SANGONG_PARTS[part]),)
        return Subject("sangong", part, SANGONG_PARTS[part], aliases=aliases)
    if "运行经费" in t:
        return Subject("operating", "机关运行经费", "机关运行经费", aliases=("机关运行经费", "运行经费"))
    m = re.search(r"(人员经费|公用经费)(?:支出)?$", t)
    if m:
        return Subject("basic_part", m.group(1), m.group(1), aliases=(m.group(1),))
    for kind in ("基本支出", "项目支出"):
        if kind in t:
            if section.key in ("gpb", "basic", "project") or "一般公共预算" in t:
                return Subject("gpb_kind", kind, f"一般公共预算{kind}", aliases=(kind,))
            return Subject("expense_kind", kind, kind, aliases=(kind,))
    if section.key == "gpb" and "一般公共预算" in t:
        return Subject("gpb_total", "合计", "一般公共预算拨款", aliases=("一般公共预算",))
    if t.endswith("(类)") or t in class_names:
        name = t[:-3] if t.endswith("(类)") else t
        code, name = _split_code(name)
        scope = "fund" if section.key == "fund" else "gpb"
        return Subject("class", f"{scope}:{name}", f"{name}（类）", (name,), code or class_names.get(name, ""), (name,))
    if section.key == "fund" and "财政拨款" in t and ("总" in t or "合计" in t):
        return Subject("fund_total", "合计", "财政拨款收支总预算", aliases=("财政拨款",))
    for key, words in INCOME_SOURCES:
        if any(w in t for w in words):
            return Subject("income", key, key, aliases=words)
    if section.key in ("overview", "income") and "收入" in t or "收支总" in t:
        return Subject("income_total", "合计", "收入预算", aliases=("收入",))
    if section.key == "expense" and "支出" in t:
        return Subject("expense_total", "合计", "支出预算", aliases=("支出",))
    return Subject("other", t, t or "（未写明对象）", aliases=(t,) if t else ())
