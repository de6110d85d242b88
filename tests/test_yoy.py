"""Year-over-year rules (Y…) on the three seed documents: every change statement recognised, and the
findings reviewed by hand against the seed texts and pinned, in both workbook layouts.

Review notes (seed texts in /work/shared/seeds):

* 000 — all 21 statements agree with the tables; every percentage is |X| ÷ (current − X) within
  rounding (新增的“事业单位离退休”和“财政拨款结转”按惯例写增长 100%); 三公 parts sum to the total;
  五（一）基本 + 项目 = 二 一般公共预算 (21.87); the six 五（三）项 sum to 21.87. No finding.
* 001 — 五（一）项目支出 "减少 71.84 万元，下降 16.14%。主要原因是本单位业务拓展，所以 2024 年项目支出预算比上年
  增长" (Y012, the issue's example). The reason written for 二 一般公共预算 ("……所以 2024 年一般公共预算比上年
  增长") is pasted under 五（三）行政运行, 事业运行 and 十二（一）机关运行经费 (Y013 ×3). 三 项目支出 +178.16 万元
  (+40.04%) explained only by "本单位业务拓展" (Y015). Sums: 五（三）items add to 448.03 against 448.02
  (rounding); 三公 −8.00 = 运行费 −8.00.
* All three: 二's source changes add up to 三's 基本 + 项目 changes (000 10,422.67; 001 698.02; 003 685.83: 345.80
  − 360.00 + 560.03 + 140.00 = 307.80 + 378.03); the 三公 amounts read from the sentence before 十's change
  statement (000 22.02/0/0/20.02/2.00, 001 92.40/0.00/0.00/91.40/1.00, 003 5.00/0.00/0.00/4.80/0.20) fit their
  percentages (001 运行费 8.00 ÷ 99.40 = 8.05%). No reason text is shared by an increase and a decrease except
  001's "本单位业务拓展，所以……项目支出预算比上年增长" (三 +178.16, 五（一）−71.84: the same subject, reported as Y012).
  003 十 explains zero changes of 运行费/接待费 with "按照要求尽量压缩此项经费" (an intention, no stated
  direction of the budget): not reported.
* 003 — all 25 statements agree; the 一般公共预算 reason's parts 38 + 357 − 49 = 346 match 345.80
  within the rounding of whole 万元 (Y014 silent); 财政拨款结转 "增长 3,567.07%" is 560.03 ÷ 15.70.
  No finding.
"""
from __future__ import annotations

from collections import Counter

import pytest

import checker.plugins.yoy as yoy
from checker.core.engine import Engine, make_plugin_manager
from checker.plugins.yoy.statements import read_statements

LAYOUTS = ["split", "stacked"]


@pytest.fixture(scope="module")
def engine():
    return Engine(pm=make_plugin_manager([yoy], entry_points=False))


# ------------------------------------------------------------------ recognition

STATEMENT_COUNTS = {"000": 21, "001": 26, "003": 25}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed", ["000", "001", "003"])
def test_every_change_statement_is_recognised(seed_doc, seed, layout):
    statements = read_statements(seed_doc(seed, layout))
    assert len(statements) == STATEMENT_COUNTS[seed]
    kinds = Counter(st.subject.kind for st in statements)
    assert kinds["other"] == 0       # every statement's subject is known
    items = [st for st in statements if st.subject.kind == "item"]
    assert len(items) == {"000": 6, "001": 12, "003": 11}[seed]
    assert all(st.section.subkey == "items" for st in items)
    assert [st.subject.key for st in statements if st.subject.kind == "sangong"] == \
        ["total", "abroad", "purchase", "operation", "reception"]
    assert sum(1 for st in statements if st.subject.kind == "operating") == 1


def test_statement_fields_000(seed_doc):
    statements = read_statements(seed_doc("000", "split"))
    by = {(st.subject.kind, st.subject.key): st for st in statements}
    st = by[("income", "单位资金")]
    assert str(st.current.value) == "7929.93" and st.amount_word == "增加" and str(st.change) == "943.36"
    assert st.percent_word == "增长" and str(st.percent) == "13.50"
    assert st.reason.startswith("该项非财政拨款收入为中心实有资金账户资金")
    item = next(s for s in statements if s.subject.kind == "item" and s.subject.names[2] == "事业单位医疗")
    assert item.subject.names == ("卫生健康支出", "行政事业单位医疗", "事业单位医疗")
    assert str(item.change) == "-5.07" and item.direction == -1 and str(item.current.value) == "63.03"
    total = by[("sangong", "total")]
    assert total.has_parts and not total.reason
    # 十 prints the current 三公 amounts in the sentence before the change statement
    assert [(s.subject.key, str(s.current.value)) for s in statements if s.subject.kind == "sangong"] == \
        [("total", "22.02"), ("abroad", "0"), ("purchase", "0"), ("operation", "20.02"), ("reception", "2.00")]
    assert total.current.cell.row < total.cell.row
    assert all(s.parent is total for s in statements if s.subject.kind == "sangong" and s is not total)


def test_reason_continues_over_numbered_paragraphs_003(seed_doc):
    statements = read_statements(seed_doc("003", "split"))
    st = next(s for s in statements if s.subject.ident == ("income", "一般公共预算"))
    assert "公用经费较上年增加 357 万元" in st.reason and "人员经费较上年减少 49 万元" in st.reason
    assert len(st.why.more) == 2
    # "2. 公用经费较上年增加 357 万元" is part of that reason, not a statement of its own
    assert not any(s.subject_text.startswith("公用经费") for s in statements)
    big = next(s for s in statements if s.subject.ident == ("income", "财政拨款结转"))
    assert str(big.percent) == "3567.07"


# ------------------------------------------------------------------ findings, pinned

# (rule, section, subject, split cell, stacked cell, words in the message)
EXPECTED = {
    "000": [],
    "001": [
        ("Y015", "情况说明 三", "项目支出", "A18", "A20", ["623.16", "178.16", "40.04%", "本单位业务拓展"]),
        ("Y012", "情况说明 五（一）", "一般公共预算项目支出", "A28", "A31",
         ["373.16", "减少 71.84", "下降 16.14%", "是下降", "“增长”"]),
        ("Y013", "情况说明 五（三）", "行政运行（项）", "A36", "A39", ["85.01", "一般公共预算增长", "事业运行（项）"]),
        ("Y013", "情况说明 五（三）", "事业运行（项）", "A38", "A43", ["304.04", "一般公共预算增长", "行政运行（项）"]),
        ("Y013", "情况说明 十二（一）", "机关运行经费", "A94", "A114", ["65.53", "一般公共预算增长", "二的一般公共预算"]),
    ],
    "003": [],
}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed", ["000", "001", "003"])
def test_findings_on_the_seeds(engine, seed_doc, seed, layout):
    findings = engine.check(seed_doc(seed, layout))
    got = [(f.rule, f.locations[0].table, f.locations[0].row, f.locations[0].cell) for f in findings]
    want = [(rule, table, row, split if layout == "split" else stacked)
            for rule, table, row, split, stacked, _ in EXPECTED[seed]]
    assert sorted(got) == sorted(want)
    for f in findings:
        words = next(w for r, t, row, *_, w in EXPECTED[seed] if (r, t, row) == (f.rule, f.locations[0].table,
                                                                                 f.locations[0].row))
        for word in words:
            assert word in f.message, (word, f.message)


def test_the_issue_example_is_an_error(engine, seed_doc):
    findings = [f for f in engine.check(seed_doc("001", "split")) if f.rule == "Y012"]
    assert len(findings) == 1 and findings[0].severity.value == "error"
    assert findings[0].expected == "下降" and findings[0].actual == "增长"
