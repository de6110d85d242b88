"""Template profiles: what varies from one region's disclosure to another's.

Every province prints the same public-finance tables under its own numbers, titles and units
(Xinjiang eleven tables in 万元, Shanghai nine in 元 …). A :class:`TemplateProfile` says, for one
region's template, which table plays which :class:`TableRole`, how its title reads, its number,
its unit, whether it may be left empty, and how the narrative is divided. Profiles are declared
through the ``checker_templates`` hook, by built-in template plugins exactly like a province's own
package; the reader picks the profile whose titles the workbook carries (``--template`` forces
one) and every check addresses tables by role, skipping what a profile does not have.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable, Optional, Sequence

from .pattern_cache import compile_pattern
from .text import lazy_pattern


# what keeps a template's title patterns from being searched as one alternation (TemplateProfile._any_title)
_UNJOINABLE = lazy_pattern(r"\\[1-9]|\(\?P=|\(\?\(|\(\?[aiLmsux-]+[:)]")


# how many texts' title answers a profile remembers (TemplateProfile.match_title) before it starts afresh
_TITLES_KEPT = 1 << 15


class TableRole(Enum):
    """The part a table plays in a disclosure, whatever number a template gives it."""

    SUMMARY = "收支总表"                   # income and expenditure summary (two sides)
    INCOME = "收入总表"                    # income by function and source
    EXPENSE = "支出总表"                   # expenditure by function, basic/project
    FISCAL_SUMMARY = "财政拨款收支总表"     # fiscal appropriations, income and expenditure
    GPB_FUNCTION = "一般公共预算支出表"      # general public budget by function
    GPB_BASIC = "一般公共预算基本支出表"     # general public budget basic spending, by economic class
    GPB_PROJECTS = "一般公共预算项目支出表"   # general public budget spending, by project
    GOV_FUNDS = "政府性基金预算支出表"
    STATE_CAPITAL = "国有资本经营预算支出表"
    THREE_PUBLIC = "三公经费表"              # 三公 (with or without 机关运行经费)
    CARRYOVER = "上年结转结余表"

    @property
    def title(self) -> str:
        return self.value


@dataclass(frozen=True)
class TableSpec:
    """One table of a template."""

    role: TableRole
    number: int                          # the template's own number: 表N
    name: str                            # the title without year and 部门/单位, as the template prints it
    patterns: tuple[str, ...]            # regexes matched against the normalised title
    unit: str = "万元"                    # the unit the template prints the table in
    may_be_empty: bool = False           # may be replaced by a "…为空表" statement
    empty_words: str = ""                # the words a "…为空表" statement uses for it (政府性基金 …)
    kind_prefix: bool = False            # the name is printed after 部门/单位 (部门收支总体情况表)
    lists_every_class: bool = False      # the template prints every 类 of the year's 支出功能分类 in it,
                                         # with or without an amount (Xinjiang's 表1 and 表4)

    @property
    def label(self) -> str:
        return f"表{self.number}"

    def compiled(self) -> tuple[re.Pattern[str], ...]:
        return tuple(compile_pattern(p) for p in self.patterns)


@dataclass(frozen=True)
class NarrativePart:
    """A part of the narrative: its heading as printed (regex on the normalised text) and what it
    covers, for messages and docs."""

    key: str                             # e.g. "explanation", "other", "project"
    heading: str                         # regex, e.g. r"预算编制说明$"
    topic: str                           # Chinese, e.g. "部门预算编制说明"


@dataclass(frozen=True)
class SentenceShape:
    """One kind of sentence a template's narrative uses."""

    subject: str                # what it states (see the module's list)
    pattern: str                # regex on the normalised paragraph, with the named groups above; a
                                # match in which its ``rate`` group takes part is read past (no statement)
    part: str = ""              # the narrative part it stands in (NarrativePart.key); "" anywhere
    continues: bool = False     # completes the statement before it in the same paragraph (e.g. the
                                # change sentence after a 项's amount); its amount is that item's
                                # amount said again
    section: str = ""           # regex on the title of the numbered section (一、… 十二、) it stands
                                # in, e.g. r"三公"; "" any. A narrative with no such section is read
                                # throughout (a text not divided into sections)
    subsection: str = ""        # the same for the subsection's title ((一)、…), e.g. r"绩效"
    # A labelled shape reads every amount ``pattern`` finds, each named by the words before it in its
    # clause (back to the clause's start or to the amount before it): Statement.label. It is how a
    # narrative that names its figures freely is read ("单位资金 7,929.93 万元，占 42.25%"), beside
    # the other shapes (its statements take no text from them). Its patterns are matched on the
    # cleaned text (spaces kept, full-width digits made ASCII), clause by clause.
    labelled: bool = False
    share: str = ""             # labelled: the share that may follow the amount (groups shareof, share),
                                # matched at the start of the rest of the clause or of the next one
    changes: str = ""           # labelled: words of a label that make its amount a change against last
                                # year (Statement.change instead of Statement.amount)
    reason: str = ""            # labelled: words of a clause that begin a reason ("主要原因是"); the
                                # amounts up to the end of that sentence are the reason's (Statement.reason)
    spaced: bool = False        # matched on the cleaned text (spaces kept, full-width digits made ASCII)
                                # instead of the normalised text, beside the other shapes (as labelled
                                # shapes are); its groups may include label (Statement.label)
    clause: bool = False        # matched on each clause of the cleaned text (cut at clause punctuation,
                                # stripped: "政府性基金预算未安排"), as spaced shapes are read
    items: str = ""             # the separator its names group is a list by ("一般公共预算、单位资金":
                                # r"[、，,；;]"), each item without a closing 等; "" splits 类/款/项 names

    def compiled(self) -> re.Pattern[str]:
        return compile_pattern(self.pattern)


@dataclass(frozen=True)
class RequiredStatement:
    """A statement the template's narrative must make (read by the template's sentence shapes)."""

    what: str                   # Chinese, for the message: "面向中小企业预留政府采购项目预算"
    where: str                  # Chinese: where the template puts it, "其他相关情况说明 三（政府采购预算情况）"
    present: str                # regex (normalised narrative) that finds the statement, or the sentence
                                # the template allows instead ("本部门无机关运行经费"); a statement still
                                # holding the template's placeholders is there (S010 reports those)
    when: str = ""              # required only when this Statement.subject is stated above zero
    each: str = ""              # required in each piece of this NarrativePart (core.statements.part_pieces:
                                # each project's 项目经费情况说明), not once in the whole narrative


@dataclass(frozen=True)
class TemplateWording:
    """A heading the region's blank template itself prints, in some years, differently from the
    official list (Xinjiang's 2024 表7 column "商品服务支出" for 302 商品和服务支出): every unit that
    fills the template in inherits it, so it is not the unit's mistake. A finding on it is info
    naming the template, not a warning."""

    role: TableRole
    text: str                            # as printed, e.g. "商品服务支出"
    years: tuple[int, ...]               # the template editions that print it
    official: str = ""                   # the official name, for the message


@dataclass(frozen=True)
class TemplateProfile:
    """Everything that varies by region, for one region's template."""

    name: str                            # the name users give to --template, e.g. "xinjiang"
    title: str                           # Chinese, e.g. "新疆维吾尔自治区 11 张表模板"
    tables: tuple[TableSpec, ...]
    narrative_parts: tuple[NarrativePart, ...] = ()
    targets_in_document: bool = True     # the 绩效目标表 are part of the disclosure
    description: str = ""                # one Chinese paragraph for `checker templates` and docs
    # the changes against last year the narrative must state, by kind of subject ("item": each 项 of
    # the 一般公共预算 table; "income": each income source; "expense_kind": 基本/项目支出; "gpb_kind":
    # 一般公共预算 基本/项目支出; "sangong": 三公 and its parts), each with where the template states it
    required_changes: tuple[tuple[str, str], ...] = ()
    # rules whose premise this template does not share, each with why (Chinese, shown in docs and
    # `checker templates`): their findings are not reported on its documents
    not_applicable: tuple[tuple[str, str], ...] = ()
    sentences: tuple[SentenceShape, ...] = ()   # the narrative's sentence shapes (core.statements)
    required_statements: tuple[RequiredStatement, ...] = ()
    # the words a 部门 and a 单位 document call themselves by (("部门", "本部门"), ("单位", "本单位")):
    # the other kind's word in a document is a leftover of the other template; empty where the
    # region's documents use both freely
    self_words: tuple[tuple[str, str], ...] = ()
    match_order: tuple[TableRole, ...] = ()   # the order titles are tried in (most specific first);
                                             # the tables' order when empty
    own_wording: tuple[TemplateWording, ...] = ()   # headings the template itself prints
    plugin: str = ""                     # the plugin that declared it (filled in by the engine)
    _compiled: dict = field(default_factory=dict, init=False, compare=False, repr=False, hash=False)

    def change_place(self, kind: str) -> Optional[str]:
        """Where the narrative must state the change of a subject of ``kind`` ("二（收入预算情况）"),
        or None when this template does not require it."""
        return dict(self.required_changes).get(kind)

    def prints(self, role: TableRole, text: str, year: Optional[int]) -> Optional[TemplateWording]:
        """The template's own wording ``text`` of the table of ``role`` in the ``year`` edition, if
        the blank template prints it (see :class:`TemplateWording`)."""
        from .text import norm
        for wording in self.own_wording:
            if wording.role is role and norm(wording.text) == norm(text) and year in wording.years:
                return wording
        return None

    def applies(self, code: str) -> bool:
        return code not in dict(self.not_applicable)

    def spec(self, role: TableRole) -> Optional[TableSpec]:
        for spec in self.tables:
            if spec.role is role:
                return spec
        return None

    def has(self, role: TableRole) -> bool:
        return self.spec(role) is not None

    def label(self, role: TableRole) -> str:
        """The template's own label for the table of ``role`` ("表6"), or the role's name when the
        template has no such table."""
        spec = self.spec(role)
        return spec.label if spec else role.title

    def match_title(self, text: str) -> Optional[TableSpec]:
        """The table whose title ``text`` (normalised) is, by this template's patterns; the
        patterns are tried in the order the template lists them, most specific first. Each text's
        answer is remembered with the profile (the reader asks for every cell of a workbook, with
        each profile to choose the template and again with the chosen one, and a batch asks for the
        same headings in every workbook)."""
        known = self._compiled.get("titles")
        if known is None:
            known = self._compiled["titles"] = {}
        elif text in known:
            return known[text]
        if len(known) >= _TITLES_KEPT:
            known.clear()
        spec = known[text] = self._match_title(text)
        return spec

    def _match_title(self, text: str) -> Optional[TableSpec]:
        quick = self._any_title()
        if quick is not None and quick.search(text) is None:     # no title pattern matches anywhere
            return None
        for spec, patterns in self._patterns():
            for pattern in patterns:
                m = pattern.search(text)
                if m and m.end() >= len(text) - 4 and len(text) - (m.end() - m.start()) <= 40:
                    return spec
        return None

    def _patterns(self) -> list[tuple[TableSpec, tuple[re.Pattern[str], ...]]]:
        # compiled once per profile object: the profile is frozen, the cache is not part of it
        if "patterns" not in self._compiled:
            order = [self.spec(role) for role in self.match_order] or list(self.tables)
            self._compiled["patterns"] = [(s, s.compiled()) for s in order if s is not None]
        return self._compiled["patterns"]

    def _any_title(self) -> Optional[re.Pattern[str]]:
        """One pattern that matches wherever any of the title patterns does (their alternation):
        most cells are no title, and one search tells so instead of one per pattern. None where
        the patterns cannot be joined (a back-reference or a conditional would then refer to
        another pattern's groups, an inline flag would apply to all, a group name may be taken)."""
        if "any" not in self._compiled:
            sources = [p for spec, _ in self._patterns() for p in spec.patterns]
            joined = None
            if sources and not any(_UNJOINABLE.search(p) for p in sources):
                try:
                    joined = compile_pattern("|".join(f"(?:{p})" for p in sources))
                except re.error:
                    joined = None
            self._compiled["any"] = joined
        return self._compiled["any"]


def choose_template(profiles: Iterable[TemplateProfile], titles: Iterable[str]) -> Optional[TemplateProfile]:
    """The profile that recognises the most distinct tables among ``titles`` (normalised table
    titles found in the workbook); ties go to the profile listed first."""
    titles = list(titles)
    profiles = list(profiles)
    return best_template(profiles, [{spec.role for spec in map(p.match_title, titles) if spec is not None}
                                    for p in profiles])


def best_template(profiles: Sequence[TemplateProfile], roles: Sequence[set]) -> Optional[TemplateProfile]:
    """The profile with the most distinct table roles (``roles[i]``: those ``profiles[i]``
    recognises among the titles found); ties go to the profile listed first."""
    best, best_score = None, 0
    for profile, found in zip(profiles, roles):
        if len(found) > best_score:
            best, best_score = profile, len(found)
    return best


def template_summary(profile: TemplateProfile) -> dict:
    """A profile as plain data (``checker templates --format json``, docs)."""
    return {
        "name": profile.name, "title": profile.title, "plugin": profile.plugin,
        "description": profile.description, "targets_in_document": profile.targets_in_document,
        "tables": [{"label": s.label, "role": s.role.name, "role_title": s.role.title, "name": s.name,
                    "unit": s.unit, "may_be_empty": s.may_be_empty} for s in profile.tables],
        "narrative_parts": [{"key": p.key, "topic": p.topic} for p in profile.narrative_parts],
        "required_changes": [{"kind": k, "where": w} for k, w in profile.required_changes],
        "not_applicable": [{"rule": c, "why": w} for c, w in profile.not_applicable],
        "own_wording": [{"table": profile.label(w.role), "text": w.text, "years": list(w.years),
                         "official": w.official} for w in profile.own_wording],
    }


class UnknownTemplate(ValueError):
    """``--template NAME`` names no declared profile."""

    def __init__(self, name: str, known: Iterable[str]):
        self.name, self.known = name, sorted(known)
        super().__init__(f"没有名为“{name}”的模板。可用的模板：{'、'.join(self.known) or '（无）'}"
                         "（checker templates 列出全部）。")
