"""The Xinjiang narrative drafted from the tables: 第三部分 预算情况说明, sections 一 … 十二, in the
sentence forms of the published documents (tests/seeds/*.json), amounts in 万元 to two decimals.

Every figure comes from a table (a share from the table's figures, balanced to 100.00 %; a change
from last year's workbook given with ``--prior``); what no table holds — reasons, what money is
mainly used for, 政府采购, 国有资产 — is the marked placeholder.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from checker.core.drafting import PLACEHOLDER, REASON, ChangeWords, Draft, DraftPart, balanced_shares, balancing_note, percent, wan
from checker.core.model import Disclosure
from checker.core.template import TableRole

from . import tablefigures as tf

R = TableRole
CHANGE = ChangeWords("上年预算")
SOURCES = ("一般公共预算", "上级一般公共预算安排的转移支付", "政府性基金预算", "上级政府性基金安排的转移支付",
           "国有资本经营预算", "上级国有资本经营预算安排的转移支付", "财政专户管理资金", "单位资金", "财政拨款结转",
           "非财政拨款结转结余")
ALWAYS = ("一般公共预算", "政府性基金预算", "国有资本经营预算")     # stated even when nothing is budgeted
SANGONG = (("abroad", "因公出国（境）费"), ("purchase", "公务用车购置费"), ("operation", "公务用车运行费"),
           ("reception", "公务接待费"))


class _Writer:
    def __init__(self, doc: Disclosure, prior: Optional[Disclosure]):
        self.doc, self.prior = doc, prior
        self.unit = doc.unit or PLACEHOLDER
        self.year = f"{doc.year}年" if doc.year else f"{PLACEHOLDER}年"
        self.kind = doc.kind or "部门"
        self.out: list[str] = []

    def add(self, *paragraphs: str) -> None:
        self.out.extend(paragraphs)

    def change(self, current: Optional[Decimal], last: Optional[Decimal]) -> str:
        return CHANGE.say(current, last if self.prior is not None else None)

    def heading(self, number: str, what: str) -> None:
        self.add(f"{number}、关于{self.unit}{self.year}{what}")

    # ------------------------------------------------------------------ 一 to 三

    def overview(self) -> None:
        doc = self.doc
        total = tf.total(doc.table(R.SUMMARY), "income")
        self.heading("一", "收支预算情况总体说明")
        self.add(f"按照全口径预算的原则，{self.unit}{self.year}所有收入和支出均纳入{self.kind}预算管理。"
                 f"收支总预算{wan(total)}。")
        sources = [s for s, v in self._sources() if v]
        self.add("收入预算包括：" + ("、".join(sources) or PLACEHOLDER) + "。")
        names = [row.name for row, _ in tf.classes(doc.table(R.EXPENSE))]
        self.add("支出预算包括：" + ("、".join(names) or PLACEHOLDER) + "。")

    def _sources(self) -> list[tuple[str, Decimal]]:
        return [(s, tf.income(self.doc, s) or Decimal(0)) for s in SOURCES]

    def income(self) -> None:
        total = tf.total(self.doc.table(R.SUMMARY), "income")
        self.heading("二", "收入预算情况说明")
        self.add(f"{self.unit}{self.kind}收入预算{wan(total)}，其中：")
        listed = [(s, v) for s, v in self._sources() if v or s in ALWAYS]
        shares = balanced_shares([v for _, v in listed], total)
        for (source, amount), share in zip(listed, shares):
            last = tf.income(self.prior, source)
            self.add(f"{source}{wan(amount)}，占{percent(share)}，{self.change(amount, last)}，{REASON}。")
            if source in ALWAYS and not tf.income(self.doc, _upper(source)):
                self.add(f"{_upper(source)}资金未安排。")
        self._note([v for _, v in listed], total, shares)

    def _note(self, parts: list[Decimal], total: Optional[Decimal], shares: list[Decimal]) -> None:
        note = balancing_note(parts, total, shares)
        if note:
            self.add(note)

    def expense(self) -> None:
        t3 = self.doc.table(R.EXPENSE)
        total = tf.total(t3)
        self.heading("三", "支出预算情况说明")
        self.add(f"{self.unit}{self.year}支出预算{wan(total)}，其中：")
        kinds = [(k, tf.total(t3, column=k) or Decimal(0)) for k in ("基本支出", "项目支出")]
        shares = balanced_shares([v for _, v in kinds], total)
        for (kind, amount), share in zip(kinds, shares):
            last = tf.total(self.prior.table(R.EXPENSE), column=kind) if self.prior else None
            self.add(f"{kind}{wan(amount)}，占{percent(share)}，{self.change(amount, last)}，{REASON}。")
        self._note([v for _, v in kinds], total, shares)

    # ------------------------------------------------------------------ 四, 五, 六

    def fiscal(self) -> None:
        t4 = self.doc.table(R.FISCAL_SUMMARY)
        total = tf.total(t4, "income")
        self.heading("四", "财政拨款收支预算情况的总体说明")
        self.add(f"{self.unit}{self.year}财政拨款收支总预算{wan(total)}。")
        funds = [(name, tf.income(self.doc, source) or Decimal(0)) for name, source in
                 (("一般公共预算拨款", "一般公共预算"), ("政府性基金预算拨款", "政府性基金预算"),
                  ("国有资本经营预算拨款", "国有资本经营预算"))]
        stated = [f"{name}{wan(v)}" for name, v in funds if v] or [f"一般公共预算拨款{wan(Decimal(0))}"]
        self.add("收入预算包括：" + "；".join(stated) + "。")
        for name, column in (("一般公共预算", "一般公共预算"), ("政府性基金预算", "政府性基金预算"),
                             ("国有资本经营预算", "国有资本经营预算")):
            listed = tf.classes(t4, column)
            if listed:
                self.add(f"{name}支出包括：" + "；".join(f"{row.name}{wan(v)}，主要用于{PLACEHOLDER}"
                                                     for row, v in listed) + "。")

    def gpb(self) -> None:
        t5 = self.doc.table(R.GPB_FUNCTION)
        prior5 = self.prior.table(R.GPB_FUNCTION) if self.prior else None
        total = tf.total(t5)
        self.heading("五", "一般公共预算当年拨款情况说明")
        self.add("（一）一般公共预算当年拨款规模变化情况",
                 f"{self.unit}{self.year}一般公共预算拨款合计{wan(total)}，其中：")
        for kind in ("基本支出", "项目支出"):
            amount = tf.total(t5, column=kind) or Decimal(0)
            self.add(f"{kind}{wan(amount)}，{self.change(amount, tf.total(prior5, column=kind))}。{REASON}。")
        self.add("（二）一般公共预算当年拨款结构情况")
        listed = tf.classes(t5)
        shares = balanced_shares([v for _, v in listed], total)
        for i, ((row, amount), share) in enumerate(zip(listed, shares), 1):
            self.add(f"{i}、{row.name}（类）{wan(amount)}，占{percent(share)}。")
        self._note([v for _, v in listed], total, shares)
        self.add("（三）一般公共预算当年拨款具体使用情况")
        for i, (row, names, amount) in enumerate(tf.items(t5), 1):
            last = tf.prior_item(self.prior, row, names)
            self.add(f"{i}、{names[0]}（类）{names[1]}（款）{names[2]}（项）：{self.year}预算数为{wan(amount)}，"
                     f"{self.change(amount, last)}。{REASON}。")

    def basic(self) -> None:
        t6 = self.doc.table(R.GPB_BASIC)
        self.heading("六", "一般公共预算基本支出情况说明")
        self.add(f"{self.unit}{self.year}一般公共预算基本支出{wan(tf.total(t6))}，其中：")
        for part in ("人员经费", "公用经费"):
            names = tf.kuan_names(t6, part)
            self.add(f"{part}{wan(tf.total(t6, column=part))}，主要包括：" + ("、".join(names) or PLACEHOLDER) + "。")

    # ------------------------------------------------------------------ 七 to 九, 十一

    def projects(self) -> None:
        t7 = self.doc.table(R.GPB_PROJECTS)
        self.heading("七", "一般公共预算项目支出情况说明")
        listed = tf.projects(t7)
        if not listed:
            self.add(f"{self.unit}{self.year}没有使用一般公共预算安排项目支出，一般公共预算项目支出情况表为空表。")
            return
        for i, (name, unit, amount) in enumerate(listed, 1):
            self.add(f"（{_chinese(i)}）项目名称：{name}", f"设立的政策依据：{PLACEHOLDER}", f"预算安排规模：{wan(amount)}",
                     f"项目承担单位：{unit or self.unit}", f"资金分配情况：{PLACEHOLDER}", f"资金执行时间：{PLACEHOLDER}")

    def fund(self, number: str, role: TableRole, name: str) -> None:
        table = self.doc.table(role)
        self.heading(number, f"{name}预算拨款情况说明")
        amount = tf.total(table)
        if table is None or table.is_empty or not amount:
            self.add(f"{self.unit}{self.year}没有使用{name}预算拨款安排的支出，{name}预算支出情况表为空表。")
            return
        self.add(f"{self.unit}{self.year}{name}预算拨款安排的支出{wan(amount)}，主要用于{PLACEHOLDER}。")

    def carryover(self) -> None:
        t11 = self.doc.table(R.CARRYOVER)
        self.heading("十一", "上年结转结余预算情况说明")
        amount = tf.total(t11, first=True)
        if t11 is None or t11.is_empty or not amount:
            self.add(f"{self.unit}{self.year}没有上年结转结余预算安排的支出，上年结转结余情况明细表为空表。")
            return
        fiscal = _sub_total(t11, "财政拨款")
        other = _sub_total(t11, "非财政拨款")
        self.add(f"{self.unit}{self.year}上年结转结余{wan(amount)}，包括：财政拨款{wan(fiscal)}，"
                 f"非财政拨款{wan(other)}，其中：")
        for i, (name, _, value) in enumerate(tf.projects(t11, first=True), 1):
            self.add(f"{i}. {name}{wan(value)}，主要用于{PLACEHOLDER}。")

    # ------------------------------------------------------------------ 十, 十二

    def sangong(self) -> None:
        total = tf.value(self.doc, "sangong", "total")
        self.add(f"十、关于{self.unit}{self.year}财政拨款“三公”经费预算情况说明")
        parts = [(label, tf.value(self.doc, "sangong", key) or Decimal(0),
                  tf.value(self.prior, "sangong", key)) for key, label in SANGONG]
        self.add(f"{self.unit}{self.year}财政拨款“三公”经费预算数为{wan(total)}，其中："
                 + "，".join(f"{label}{wan(v)}" for label, v, _ in parts) + "。")
        last = tf.value(self.prior, "sangong", "total")
        clauses = [f"{label}{self.change(v, p)[len('比上年预算'):]}，{REASON}" for label, v, p in parts]
        self.add(f"{self.year}财政拨款“三公”经费预算{self.change(total, last)}，其中：" + "；".join(clauses) + "。")

    def other(self) -> None:
        t6 = self.doc.table(R.GPB_BASIC)
        running = tf.total(t6, column="公用经费")
        last = tf.total(self.prior.table(R.GPB_BASIC), column="公用经费") if self.prior else None
        self.add("十二、其他重要事项的情况说明", "（一）机关运行经费情况",
                 f"{self.unit}{self.year}的机关运行经费财政拨款预算{wan(running)}，{self.change(running, last)}。{REASON}。",
                 "（二）政府采购情况",
                 f"{self.year}，{self.unit}政府采购预算{PLACEHOLDER}万元，其中：政府采购货物预算{PLACEHOLDER}万元，"
                 f"政府采购工程预算{PLACEHOLDER}万元，政府采购服务预算{PLACEHOLDER}万元。",
                 f"{self.year}，{self.unit}面向中小企业预留政府采购项目预算金额{PLACEHOLDER}万元，"
                 f"小微企业预留政府采购项目预算金额{PLACEHOLDER}万元。",
                 "（三）国有资产占用使用情况", f"截至上年底，{self.unit}占用使用国有资产总体情况为：{PLACEHOLDER}",
                 "（四）预算绩效情况", self._targets(),
                 "（五）其他需说明的事项", PLACEHOLDER)

    def _targets(self) -> str:
        """十二（四） from the target tables, counted as the performance checks count them (P004)."""
        from checker.plugins.performance.analysis import analyse
        from checker.plugins.performance.coverage import shown_counts

        shown = shown_counts(analyse(self.doc))
        out = []
        if shown["整体"][0]:
            out.append(f"本{self.kind}预算绩效管理整体预算绩效目标{shown['整体'][0]}个，涉及金额{wan(shown['整体'][1])}")
        out.append(f"当年财政拨款项目{shown['财政拨款'][0]}个，涉及预算金额{wan(shown['财政拨款'][1])}")
        out.append(f"当年非财政拨款项目{shown['非财政拨款'][0]}个，涉及预算金额{wan(shown['非财政拨款'][1])}")
        return f"{self.year}，" + "；".join(out) + "。"


def _upper(source: str) -> str:
    return {"一般公共预算": "上级一般公共预算安排的转移支付", "政府性基金预算": "上级政府性基金安排的转移支付",
            "国有资本经营预算": "上级国有资本经营预算安排的转移支付"}.get(source, source)


def _sub_total(table, group: str) -> Decimal:
    row = table.total_row()
    col = next((c for c in table.columns if len(c.path) > 1 and c.path[0] == group and c.key in ("合计", "小计")), None)
    return row.value(col) if row is not None and col is not None else Decimal(0)


_DIGITS = "一二三四五六七八九"


def _chinese(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (the （一） numbering of 七's projects)."""
    if n < 10:
        return _DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    return (_DIGITS[tens - 1] if tens > 1 else "") + "十" + (_DIGITS[ones - 1] if ones else "")


def draft(doc: Disclosure, prior: Optional[Disclosure] = None) -> Draft:
    w = _Writer(doc, prior)
    w.add(f"第三部分 {w.year}{w.kind}预算情况说明")
    w.overview()
    w.income()
    w.expense()
    w.fiscal()
    w.gpb()
    w.basic()
    w.projects()
    w.fund("八", R.GOV_FUNDS, "政府性基金")
    w.fund("九", R.STATE_CAPITAL, "国有资本经营")
    w.sangong()
    w.carryover()
    w.other()
    return Draft("xinjiang", (DraftPart("explanation", "情况说明", tuple(w.out)),), with_prior=prior is not None)
