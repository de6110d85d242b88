"""The Shanghai (普陀区) narrative drafted from the tables: 部门（单位）预算编制说明 and 其他相关情况说明,
in the sentence forms of the published documents (tests/seeds_shanghai/*.json), which print every
amount in 万元 to two decimals although 表1–表8 are in 元 (the district's documents do; the profile's
sentence shapes read them so). Each sentence is one the profile's :data:`SENTENCES` read back.

The 项目经费情况说明 (one per project) is left as it is: no table of this template holds projects.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from checker.core.drafting import PLACEHOLDER, REASON, ChangeWords, Draft, DraftPart, wan
from checker.core.model import Disclosure
from checker.core.template import TableRole

from . import tablefigures as tf

R = TableRole
SANGONG = (("abroad", "因公出国（境）费"), ("purchase", "公务用车购置费"), ("operation", "公务用车运行费"),
           ("reception", "公务接待费"))


def _income(doc: Optional[Disclosure], column: str) -> Optional[Decimal]:
    if doc is None:
        return None
    return tf.total(doc.table(R.INCOME), column=column)


def _expense(doc: Optional[Disclosure], role: TableRole) -> Optional[Decimal]:
    if doc is None:
        return None
    table = doc.table(role)
    if table is None:
        return Decimal(0)
    return tf.total(table) or Decimal(0)


def _row(doc: Optional[Disclosure], words: str) -> Optional[Decimal]:
    """A row of 表9 by its label (机关运行经费)."""
    if doc is None:
        return None
    t9 = doc.table(R.THREE_PUBLIC)
    if t9 is None:
        return None
    col = tf.total_column(t9)
    row = next((r for r in t9.rows if words in r.label), None)
    return row.value(col) if row is not None and col is not None else None


def draft(doc: Disclosure, prior: Optional[Disclosure] = None) -> Draft:
    year = f"{doc.year}年" if doc.year else f"{PLACEHOLDER}年"
    last_year = f"{doc.year - 1}年" if doc.year else f"{PLACEHOLDER}年"
    kind = doc.kind or "部门"
    unit = doc.unit or PLACEHOLDER
    words = ChangeWords(f"{last_year}预算", with_percent=False, flat="持平")
    known = prior is not None

    def change(current: Optional[Decimal], last: Optional[Decimal]) -> str:
        return words.say(current, last if known else None)

    income_total = _income(doc, "合计")
    fiscal = _income(doc, "财政拨款收入")
    explanation = [f"{year}{kind}预算编制说明"]
    explanation.append(
        f"{year}，{unit}收入预算{wan(income_total)}，其中：财政拨款收入{wan(fiscal)}，"
        f"{change(fiscal, _income(prior, '财政拨款收入'))}；事业收入{wan(_income(doc, '事业收入'))}；"
        f"事业单位经营收入{wan(_income(doc, '事业单位经营收入'))}；其他收入{wan(_income(doc, '其他收入'))}。")
    expense_total = tf.total(doc.table(R.EXPENSE))
    fiscal_expense = tf.total(doc.table(R.FISCAL_SUMMARY))
    last_fiscal = tf.total(prior.table(R.FISCAL_SUMMARY)) if prior else None
    funds = [(name, _expense(doc, role), _expense(prior, role)) for name, role in
             (("一般公共预算拨款支出预算", R.GPB_FUNCTION), ("政府性基金拨款支出预算", R.GOV_FUNDS),
              ("国有资本经营预算拨款支出预算", R.STATE_CAPITAL))]
    explanation.append(
        f"支出预算{wan(expense_total)}，其中：财政拨款支出预算{wan(fiscal_expense)}，{change(fiscal_expense, last_fiscal)}。"
        "财政拨款支出预算中，" + "；".join(f"{name}{wan(v)}，{change(v, p)}" for name, v, p in funds) + "。")
    last_income = _income(prior, "财政拨款收入")
    moved = "变化" if last_income is None or fiscal is None else "增加" if fiscal > last_income else \
        "减少" if fiscal < last_income else "持平"
    explanation.append(f"财政拨款收入支出{moved}的{REASON}。")
    explanation.append("财政拨款支出主要内容如下：")
    for i, (_, names, amount) in enumerate(tf.items(doc.table(R.GPB_FUNCTION)), 1):
        explanation.append(f"{i}. “{names[0]}（类）{names[1]}（款）{names[2]}（项）”科目{wan(amount)}，"
                           f"主要用于{PLACEHOLDER}。")

    total = tf.value(doc, "sangong", "total")
    parts = {key: (tf.value(doc, "sangong", key) or Decimal(0), tf.value(prior, "sangong", key))
             for key in ("abroad", "vehicle", "purchase", "operation", "reception")}

    def part(key: str, label: str) -> str:
        current, last = parts[key]
        return f"{label}{wan(current)}，{change(current, last)}，{REASON}"

    self_word = f"本{kind}"
    other = ["其他相关情况说明", f"一、{year}“三公”经费预算情况说明",
             f"{year}“三公”经费预算数为{wan(total)}，{change(total, tf.value(prior, 'sangong', 'total'))}。其中：",
             f"（一）{part('abroad', '因公出国（境）费')}。",
             f"（二）{part('vehicle', '公务用车购置及运行费')}。其中：{part('purchase', '公务用车购置费')}；"
             f"{part('operation', '公务用车运行费')}。",
             f"（三）{part('reception', '公务接待费')}。",
             "二、机关运行经费预算",
             f"{year}{unit}财政拨款的机关运行经费预算为{wan(_row(doc, '机关运行经费'))}。",
             "三、政府采购预算情况",
             f"{year}{self_word}政府采购预算{PLACEHOLDER}万元，其中：政府采购货物预算{PLACEHOLDER}万元、"
             f"政府采购工程预算{PLACEHOLDER}万元、政府采购服务预算{PLACEHOLDER}万元。",
             f"{year}{self_word}面向中小企业预留政府采购项目预算金额{PLACEHOLDER}万元，其中，预留给小型和微型企业的"
             f"政府采购项目预算为{PLACEHOLDER}万元。",
             "四、绩效目标设置情况",
             f"{year}度，{self_word}编报绩效目标的项目共{PLACEHOLDER}个，涉及项目预算资金{PLACEHOLDER}万元。",
             "五、国有资产占有使用情况", PLACEHOLDER]
    sheet = f"{kind}编制说明"
    return Draft("shanghai", (DraftPart("explanation", sheet, tuple(explanation)),
                              DraftPart("other", "其他相关情况说明", tuple(other))), with_prior=known)
