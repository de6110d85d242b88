"""Narrative against tables (A2xx): the findings on the three real disclosures, pinned, and every
rule made to fire and kept silent on real workbooks built from the seeds and read back."""
from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest

import build
from checker.core.engine import Engine, hookimpl, make_plugin_manager
from checker.core.findings import Severity
from checker.core.reader import read_workbook
from checker.core.statements import read_statements
from checker.plugins.arithmetic import narrative, stated
from checker.plugins.arithmetic.common import Arithmetic
from checker.plugins.arithmetic.narrative_compare import restates, share_agrees
from checker.plugins.arithmetic.narrative_facts import prepare, quote
from checker.core.cells import CellRef
from checker.core.model import Amount

LAYOUTS = ["split", "stacked"]


ENGINE = Engine()


def check(doc):
    """The arithmetic plugin's narrative findings: the statements the core read by the template's
    sentence shapes (stated: 三公 in 十), then the sections (the engine's context: official class
    names come from the codes plugin through its hook)."""
    return list(stated.check(doc, Arithmetic(doc))) + list(narrative.check(doc, ENGINE.context(doc)))


def run(data: dict, layout: str, tmp_path: Path):
    path = build.build_workbook(data, layout, tmp_path / f"x_{layout}.xlsx")
    return check(read_workbook(path))


def edit(data: dict, old: str, new: str) -> dict:
    """A copy of the seed with ``old`` replaced by ``new`` in the one narrative paragraph holding it."""
    data = copy.deepcopy(data)
    hits = [i for i, p in enumerate(data["narrative"]) if old in p]
    assert len(hits) == 1, (old, hits)
    data["narrative"][hits[0]] = data["narrative"][hits[0]].replace(old, new, 1)
    return data


def drop(data: dict, text: str) -> dict:
    data = copy.deepcopy(data)
    hits = [i for i, p in enumerate(data["narrative"]) if text in p]
    assert len(hits) == 1, (text, hits)
    del data["narrative"][hits[0]]
    return data


def set_cell(data: dict, number: int, label: str, col: int, value) -> dict:
    """A copy of the seed with table ``number``'s row labelled ``label`` set to ``value`` in ``col``."""
    data = copy.deepcopy(data)
    table = next(t for t in data["tables"] if t["number"] == number)
    rows = [r for r in table["rows"] if any(isinstance(c, str) and c.strip() == label for c in r)]
    assert len(rows) == 1, (label, len(rows))
    rows[0][col] = value
    return data


def rules(findings, severity=None):
    return sorted(f.rule for f in findings if severity is None or f.severity is severity)


def only(findings, rule):
    picked = [f for f in findings if f.rule == rule]
    assert len(picked) == 1, [(f.rule, f.message) for f in findings]
    return picked[0]


# ------------------------------------------------------------------------------- the seeds

# Every finding on the three real documents, reviewed by hand against the seed text:
#  000 二 "财政拨款结转 9,457.44 万元，占 50.40%": 9,457.44 ÷ 18,767.18 = 50.393 %, the shares were
#      forced to add up to 100 % (7.35 + 0 + 0 + 42.25 + 50.40 = 100.00; the exact ones round to 99.99):
#      a warning that says 舍位平衡, no 建议值 (issue #12 item 3).
#  001 五（二） "一般公共服务支出（类）2,347.01 万元，占 74.88%": 2,347.01 ÷ 3,134.08 = 74.887 %, the
#      same forcing to 100 % (the exact ones round to 100.01): a warning as well.
#  003 四 "主要用于机关事业单位基本养老保险缴费 57.98 万元": 表5 2080505 (and 表6 30108) say 57.99.
# Everything else the three narratives state (about 45 amounts and 12 shares each, the lists, the
# 七 projects with their 资金分配 and the 十一 projects, each complete, 机关运行经费 against 表6 公用经费
# (121.35 / 343.55 / 404.96, equal), 政府采购, 车辆, "未安排购置车辆经费" against 表10) agrees with the tables.
# Changing any one of those figures makes a rule fire (checked by hand, figure by figure, in both
# layouts); only the changes against last year (the yoy plugin's), 十二（四） (the performance plugin's)
# and the 房屋/家具/其他资产 values no table carries are left to others.
SEED_FINDINGS = {
    "000": [("A202", "warning", "情况说明 二", "财政拨款结转", "表1", "1、财政拨款结转", None, "50.40")],
    "001": [("A202", "warning", "情况说明 五（二）", "一般公共服务支出（类）", "表5", "一般公共服务支出", None, "74.88")],
    "003": [("A201", "error", "情况说明 四", "机关事业单位基本养老保险缴费", "表5", "机关事业单位基本养老保险缴费支出",
             "57.99", "57.98")],
}
# (paragraph cell, table cell) per layout
SEED_CELLS = {
    ("000", "split"): ("情况说明!A15", "B24"), ("000", "stacked"): ("预算情况说明!A15", "B23"),
    ("001", "split"): ("情况说明!A30", "E9"), ("001", "stacked"): ("预算情况说明!A33", "C143"),
    ("003", "split"): ("情况说明!A27", "E17"), ("003", "stacked"): ("预算情况说明!A28", "C143"),
}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed_id", ["000", "001", "003"])
def test_seed_findings_are_exactly_the_reviewed_ones(seed_doc, seed_id, layout):
    findings = check(seed_doc(seed_id, layout))
    got = []
    for f in findings:
        para, table = f.locations[0], f.locations[1]
        severity = (f.severity or Severity.ERROR).value     # None: the rule's own (error)
        got.append((f.rule, severity, para.table, para.row, table.table.split()[0], table.row, f.expected, f.actual))
    assert sorted(got) == sorted(SEED_FINDINGS[seed_id])
    para_cell, table_cell = SEED_CELLS[(seed_id, layout)]
    assert f"{findings[0].locations[0].sheet}!{findings[0].locations[0].cell}" == para_cell
    assert findings[0].locations[1].cell == table_cell


def test_seed_messages_quote_the_numbers(seed_doc):
    f = check(seed_doc("000"))[0]
    assert "“财政拨款结转 9,457.44 万元，占 50.40%”" in f.message
    assert "18,767.18" in f.message and "50.39%" in f.message
    f = check(seed_doc("003"))[0]
    assert "57.98" in f.message and "57.99" in f.message and "表5" in f.message
    assert f.message.endswith("两者应一致：说明中应为 57.99 万元。")     # says what the value should be
    f = check(seed_doc("001"))[0]
    assert "“1、一般公共服务支出（类）2,347.01 万元，占 74.88%”" in f.message and "应为 74.89%" in f.message


def test_a202_near_miss_shares_that_do_not_total_100_stay_errors(seed_data, tmp_path):
    """The same 50.40% with 单位资金 printed 42.24% (the shares now total 99.99%): no balancing
    explains it, so both shares are the rule's error."""
    data = edit(seed_data("000"), "占 42.25%", "占 42.24%")
    found = [(f.actual, f.severity) for f in run(data, "split", tmp_path) if f.rule == "A202"]
    assert sorted(found) == [("42.24", None), ("50.40", None)]


def test_rules_have_complete_metadata():
    codes = [r.code for r in narrative.RULES]
    assert len(codes) == len(set(codes))
    for rule in narrative.RULES:
        assert rule.code.startswith("A2") and 200 <= int(rule.code[1:]) <= 299
        for text in (rule.title, rule.what, rule.why, rule.bad, rule.good):
            assert text and any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_engine_accepts_the_rules_and_findings(seed_doc):
    class Adapter:
        __name__ = "narrative_adapter"

        @staticmethod
        @hookimpl
        def checker_rules():
            return narrative.RULES

        @staticmethod
        @hookimpl
        def checker_check(document, context):
            return narrative.check(document, context)

    engine = Engine(make_plugin_manager(extra=[Adapter], entry_points=False))
    findings = engine.check(seed_doc("003"))
    assert [(f.rule, f.severity) for f in findings] == [("A201", Severity.ERROR)]


@pytest.mark.parametrize("seed_id", ["000", "001", "003"])
def test_installed_plugin_reports_them(seed_doc, seed_id):
    """Through the ``checker`` entry point (the arithmetic plugin collects narrative.RULES/check)."""
    engine = Engine(select=["A2"])
    assert {"A201", "A202", "A210"} <= set(engine.rules)
    findings = engine.check(seed_doc(seed_id))
    assert [(f.rule, f.expected, f.actual) for f in findings] == \
        [(rule, exp, act) for rule, *_, exp, act in SEED_FINDINGS[seed_id]]


# ------------------------------------------------------------------------------- rounding

def test_restatement_is_exact_at_the_narratives_precision():
    cell = CellRef("s", 0, 0)
    wan = lambda v: Amount(Decimal(v), cell)                                          # noqa: E731
    yuan = lambda v: Amount(Decimal(v), cell, "元", Decimal("0.00005"))               # noqa: E731
    assert restates(wan("57.99"), [wan("57.99")])
    assert not restates(wan("57.98"), [wan("57.99")])            # one cent is not rounding
    assert restates(wan("9457.44"), [yuan("9457.4412")])          # 元 table, 万元 narrative
    assert not restates(wan("9457.45"), [yuan("9457.4412")])
    assert restates(wan("0"), [None])                             # a blank cell is zero
    assert restates(wan("278.00"), [wan("266.00"), wan("12.01")])  # a sum: rounding explains 0.01


def test_share_uses_the_interval_of_rounded_inputs():
    cell = CellRef("s", 0, 0)
    a = lambda v: Amount(Decimal(v), cell)                                            # noqa: E731
    assert share_agrees(Decimal("50.39"), 2, [a("9457.44")], [a("18767.18")])
    assert not share_agrees(Decimal("50.40"), 2, [a("9457.44")], [a("18767.18")])
    # 0.01 / 0.03 = 33.3 %, but the published figures allow 0.005/0.035 … 0.015/0.025: 14 % to 60 %
    assert share_agrees(Decimal("50.00"), 2, [a("0.01")], [a("0.03")])


# ------------------------------------------------------------------------------- A201 amounts

@pytest.mark.parametrize("layout", LAYOUTS)
def test_a201_narrative_amount_differs_from_table(seed_data, tmp_path, layout):
    data = edit(seed_data("000"), "单位资金 7,929.93 万元，占 42.25%", "单位资金 7,929.39 万元，占 42.25%")
    f = only(run(data, layout, tmp_path), "A201")
    assert (f.expected, f.actual) == ("7929.93", "7929.39")
    assert f.locations[0].table == "情况说明 二" and f.locations[1].row == "5. 单位资金"
    assert "7,929.39" in f.message and "7,929.93" in f.message


def test_a201_table_changed_instead(seed_data, tmp_path):
    data = set_cell(seed_data("001"), 10, "公务接待费", 1, 2.0)
    f = only(run(data, "split", tmp_path), "A201")
    assert f.locations[0].table == "情况说明 十" and (f.expected, f.actual) == ("2.00", "1.00")


@pytest.mark.parametrize("old,new,where,expected", [
    ("因公出国（境）费 0 万元", "因公出国（境）费 3 万元", "情况说明 十", "0.00"),                 # 三公
    ("人员经费1,258.46万元", "人员经费1,258.64万元", "情况说明 六", "1258.46"),                   # 表6
    ("项目支出 17,387.37 万元，占 92.65%", "项目支出 17,378.37 万元，占 92.65%", "情况说明 三", "17387.37"),
    ("事业运行（项）：2024 年预算数为 1,018.41", "事业运行（项）：2024 年预算数为 1,018.14", "情况说明 五（三）",
     "1018.41"),
    ("自治区一体化在线政务服务平台深化应用项目 9,322.84", "自治区一体化在线政务服务平台深化应用项目 9,232.84",
     "情况说明 十一", "9322.84"),
    ("收支总预算 18,767.18 万元。", "收支总预算 18,767.81 万元。", "情况说明 一", "18767.18"),
    ("卫生健康支出 121.86 万元，主要用于", "卫生健康支出 112.86 万元，主要用于", "情况说明 四", "121.86"),
    ("财政拨款收支总预算 1,379.81 万元。", "财政拨款收入预算 1,379.81 万元，财政拨款支出预算 1,379.18 万元。",
     "情况说明 四", "1379.81"),                                                              # 表4 支出总计
    ("一般公共预算拨款合计 1,379.81 万元", "一般公共预算支出 1,379.18 万元", "情况说明 五（一）", "1379.81"),
])
def test_a201_each_section(seed_data, tmp_path, old, new, where, expected):
    f = only(run(edit(seed_data("000"), old, new), "split", tmp_path), "A201")
    assert f.locations[0].table == where and f.expected == expected


def test_a201_table_in_yuan_rounds_to_the_narrative(seed_data, tmp_path):
    # 表1 单位资金 7,929.934 万元 is printed 79,299,340.00 元: the narrative's 7,929.93 is right, 7,929.94 not
    data = set_cell(seed_data("000"), 1, "5. 单位资金", 1, 7929.934)
    data = set_cell(data, 1, "事业单位经营收入", 1, 7929.934)
    assert "A201" not in rules(run(data, "stacked", tmp_path))
    wrong = edit(data, "单位资金 7,929.93 万元", "单位资金 7,929.94 万元")
    assert "A201" in rules(run(wrong, "stacked", tmp_path))


def test_a201_nil_statements(seed_data, tmp_path):
    data = set_cell(seed_data("003"), 1, "2. 政府性基金预算拨款", 1, 12.5)
    findings = run(data, "split", tmp_path)
    new = [f for f in findings if f.rule == "A201" and "57.98" not in f.message]
    assert len(new) == 1 and "政府性基金预算未安排" in new[0].message
    assert (new[0].expected, new[0].actual) == ("12.50", "0.00")
    # and 一 "收入预算包括：" now leaves out a source the table shows
    assert "政府性基金预算拨款" in only(findings, "A205").message


def test_a201_empty_table_statement_with_a_filled_table(seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    t8 = next(t for t in data["tables"] if t["number"] == 8)
    t8["rows"] = [["", "", "", "总计", 10.0, None, None, 10.0],
                  ["212", "", "", "城乡社区支出", 10.0, None, None, 10.0]]
    t8["empty_statement"] = None
    f = only(run(data, "split", tmp_path), "A201")
    assert f.locations[0].table == "情况说明 八" and f.expected == "10.00"


# ------------------------------------------------------------------------------- A202 shares

def test_a202_a_share_balanced_to_100_percent_is_a_warning_that_says_so(seed_doc):
    """000 二 prints 7.35 + 0.00 + 0.00 + 42.25 + 50.40 = 100.00 %, while the exact shares round to
    7.35 + 42.25 + 50.39 = 99.99 %: the 50.40 is the list's 舍位平衡, a warning without 建议值 (the exact
    50.39 would break the list's total), and the message says why (issue #12 item 3)."""
    f = only(check(seed_doc("000")), "A202")
    assert (f.severity, f.expected, f.actual) == (Severity.WARNING, None, "50.40")
    assert "舍位平衡" in f.message and "合计 100.00%" in f.message and "合计为 99.99%" in f.message
    assert "应为 50.39%" in f.message


def test_a202_a_balanced_list_the_narrative_says_is_balanced_is_explained(seed_data, tmp_path):
    """Where 二 itself says its shares were balanced (舍位平衡, as ``checker draft`` writes), the
    warning has its explanation: silent. The same note does not excuse a share no balancing explains."""
    noted = edit(seed_data("000"), "占 50.40%，", "占 50.40%（各项占比经舍位平衡，合计为 100%），")
    assert [f for f in run(noted, "split", tmp_path) if f.rule == "A202"] == []
    wrong = edit(noted, "占 42.25%", "占 42.52%")
    assert sorted((f.actual, f.severity) for f in run(wrong, "split", tmp_path) if f.rule == "A202") == \
        [("42.52", None), ("50.40", None)]


def test_a202_a_list_that_does_not_total_100_is_not_balancing(seed_data, tmp_path):
    """Near miss of the balancing warning: once another share of 000's list is changed so the printed
    shares no longer total 100.00 % (7.35 + 42.26 + 50.40 = 100.01), 50.40 has no balancing to explain it:
    an error with its 建议值, and so is 42.26."""
    data = edit(seed_data("000"), "占 42.25%", "占 42.26%")
    found = sorted((f.actual, f.severity, f.expected) for f in run(data, "split", tmp_path) if f.rule == "A202")
    assert found == [("42.26", None, "42.25"), ("50.40", None, "50.39")]


def test_a202_a_share_off_by_more_than_one_digit_is_an_error_even_in_a_balanced_list(seed_data, tmp_path):
    """Balancing moves a share by one unit of its last digit: 50.42 with 42.23 (the list still totals
    100.00 %) are off by two units, which no balancing explains: errors."""
    data = edit(edit(seed_data("000"), "占 50.40%", "占 50.42%"), "占 42.25%", "占 42.23%")
    found = sorted((f.actual, f.severity, f.expected) for f in run(data, "split", tmp_path) if f.rule == "A202")
    assert found == [("42.23", None, "42.25"), ("50.42", None, "50.39")]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a202_share_fires_and_is_fixed(seed_data, tmp_path, layout):
    fixed = edit(seed_data("000"), "占 50.40%", "占 50.39%")
    assert run(fixed, layout, tmp_path) == []
    wrong = edit(fixed, "占 42.25%", "占 42.52%")
    f = only(run(wrong, layout, tmp_path), "A202")
    assert (f.expected, f.actual) == ("42.25", "42.52")


def test_a202_structure_share(seed_data, tmp_path):
    data = edit(seed_data("003"), "占 6.31%", "占 6.13%")
    assert "A202" in rules(run(data, "split", tmp_path))


# ------------------------------------------------------------------------------- 七: A203, A204

def test_a203_and_a204_project_scale(seed_data, tmp_path):
    data = edit(seed_data("001"), "预算安排规模：278.00 万元", "预算安排规模：288.00 万元")
    findings = run(data, "split", tmp_path)
    scale = only(findings, "A203")
    assert (scale.expected, scale.actual) == ("278.00", "288.00") and "266.00" in scale.message
    alloc = only(findings, "A204")
    assert (alloc.expected, alloc.actual) == ("288.00", "278.00")


def test_a203_rounding_over_several_codes_is_info(seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    t7 = next(t for t in data["tables"] if t["number"] == 7)
    row = next(r for r in t7["rows"] if r[4] == "巴州政府办公室政务服务保障项目" and r[2] == "03")
    row[5] = 12.01
    f = only(run(data, "split", tmp_path), "A203")
    assert f.severity is Severity.INFO


def test_a204_allocation(seed_data, tmp_path):
    data = edit(seed_data("001"), "会议费 10 万元", "会议费 12 万元")
    f = only(run(data, "split", tmp_path), "A204")
    assert (f.expected, f.actual) == ("278.00", "280.00")
    # 003 七: six numbered paragraphs, two saying "共计 8 万元", add up to 450
    assert "A204" not in rules(run(seed_data("003"), "split", tmp_path))
    data = edit(seed_data("003"), "水电费385万元", "水电费358万元")
    assert only(run(data, "split", tmp_path), "A204").actual == "423.00"


_EXPERTS = "聘请专家 250 人按照发放标准 400 元每人及时足额支付专家评审费，共计 10.00 万元。"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a204_items_in_yuan_are_converted(seed_data, tmp_path, layout):
    # 001 七（一）: 会议费 10 万元 written as 100,000 元 still adds up to 278.00 万元
    data = edit(seed_data("001"), "会议费 10 万元", "会议费 100,000 元")
    assert "A204" not in rules(run(data, layout, tmp_path))
    data = edit(seed_data("001"), "会议费 10 万元", "会议费 120,000.00 元")
    f = only(run(data, layout, tmp_path), "A204")
    assert (f.expected, f.actual) == ("278.00", "280.00") and f.severity is not Severity.INFO
    assert "120,000.00 元" in f.message and "2,800,000.00 元（280.00 万元）" in f.message
    # 1 元 short is within the rounding of "278.00 万元" (±50 元): at most an info
    data = edit(seed_data("001"), "会议费 10 万元", "会议费 99,999 元")
    assert only(run(data, layout, tmp_path), "A204").severity is Severity.INFO
    # 1,000 元 short is not
    data = edit(seed_data("001"), "会议费 10 万元", "会议费 99,000 元")
    assert only(run(data, layout, tmp_path), "A204").severity is not Severity.INFO
    # the rule's docs examples: 运转经费 101,600 元 (good) and 10 万元 (bad) in 七（二）, 30.16 万元
    data = edit(seed_data("001"), "运转经费 10.16 万元", "运转经费 101,600 元")
    assert "A204" not in rules(run(data, layout, tmp_path))
    data = edit(seed_data("001"), "运转经费 10.16 万元", "运转经费 10 万元")
    f = only(run(data, layout, tmp_path), "A204")
    assert (f.expected, f.actual) == ("30.16", "30.00") and "各项合计应为 30.16 万元" in f.message


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a204_rates_are_not_items(seed_data, tmp_path, layout):
    # the seed's "发放标准 400 元每人 … 共计 10.00 万元" is one item, 10.00 万元: silent (pinned with the seed)
    assert "A204" not in rules(run(seed_data("001"), layout, tmp_path))
    # every shape of a per-unit rate is left out; the 元 item alone is compared with 10.00 万元
    rates = ("聘请专家 250 人，每人每月 400 元，标准 400 元，按 400 元/人/月、400 元／人·次、"
             "200 元每人每天计算，支付专家评审费 100,000 元。")
    assert "A204" not in rules(run(edit(seed_data("001"), _EXPERTS, rates), layout, tmp_path))
    f = only(run(edit(seed_data("001"), _EXPERTS, rates.replace("100,000 元", "90,000 元")), layout, tmp_path),
             "A204")
    assert (f.expected, f.actual) == ("10.00", "9.00") and "90,000 元" in f.message


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a203_scale_in_yuan(seed_data, tmp_path, layout):
    # 七（五） "预算安排规模：10.00 万元" written in 元: read as 10.00 万元, not 100,000 万元
    data = edit(seed_data("001"), "预算安排规模：10.00 万元", "预算安排规模：100,000 元")
    assert not {"A203", "A204"} & set(rules(run(data, layout, tmp_path)))
    data = edit(seed_data("001"), "预算安排规模：10.00 万元", "预算安排规模：110,000.00 元")
    findings = run(data, layout, tmp_path)
    scale = only(findings, "A203")
    assert (scale.expected, scale.actual) == ("10.00", "11.00") and "110,000.00 元" in scale.message
    assert "预算安排规模应为 10.00 万元" in scale.message
    assert (only(findings, "A204").expected, only(findings, "A204").actual) == ("11.00", "10.00")


# ------------------------------------------------------------------------------- A205, A206 lists

def test_a205_listed_source_that_is_zero(seed_data, tmp_path):
    data = edit(seed_data("000"), "收入预算包括：一般公共预算、单位资金", "收入预算包括：一般公共预算、政府性基金预算、单位资金")
    f = only(run(data, "split", tmp_path), "A205")
    assert "政府性基金预算" in f.message and f.locations[0].table == "情况说明 一"


def test_a205_source_left_out(seed_data, tmp_path):
    data = edit(seed_data("003"), "财政拨款结转结余、非财政拨款结转结余", "财政拨款结转结余")
    f = only(run(data, "split", tmp_path), "A205")
    assert "非财政拨款结转结余" in f.message


def test_a205_class_lists(seed_data, tmp_path):
    data = edit(seed_data("001"), "支出预算包括：一般公共服务支出、教育支出、", "支出预算包括：一般公共服务支出、")
    assert "教育支出" in only(run(data, "split", tmp_path), "A205").message
    data = edit(seed_data("000"), "住房保障支出。", "住房保障支出、教育支出。")
    assert "教育支出" in only(run(data, "split", tmp_path), "A205").message
    data = edit(seed_data("000"), "；住房保障支出 100.85 万元，主要用于缴纳本单位在职工作人员住房公积金缴费", "")
    f = only(run(data, "split", tmp_path), "A205")
    assert f.locations[0].table == "情况说明 四" and "住房保障支出" in f.message


def test_a205_economic_item_with_no_personnel_amount(seed_data, tmp_path):
    data = edit(seed_data("000"), "其他对个人和家庭的补助。", "其他对个人和家庭的补助、办公费。")
    f = only(run(data, "split", tmp_path), "A205")
    assert "办公费" in f.message and f.locations[0].table == "情况说明 六"


def test_a206_omissions_are_warnings(seed_data, tmp_path):
    data = edit(seed_data("001"), "奖金、机关事业单位", "机关事业单位")
    f = only(run(data, "split", tmp_path), "A206")
    assert "奖金" in f.message and f.severity is None   # the rule's warning
    data = drop(seed_data("001"), "其他行政事业单位医疗支出（项）")
    assert "2101199" in only(run(data, "split", tmp_path), "A206").message
    data = drop(seed_data("003"), "2、社会保障和就业支出（类）")
    assert "社会保障和就业支出" in only(run(data, "split", tmp_path), "A206").message


# ------------------------------------------------------------------------------- A207, A208

def test_a207_procurement(seed_data, tmp_path):
    data = edit(seed_data("003"), "政府采购服务预算 456.70 万元", "政府采购服务预算 446.70 万元")
    f = only(run(data, "split", tmp_path), "A207")
    assert (f.expected, f.actual) == ("463.30", "473.30")
    data = edit(seed_data("000"), "小微企业预留政府采购项目预算金额 4,017.70", "小微企业预留政府采购项目预算金额 9,017.70")
    assert "超过了面向中小企业预留" in only(run(data, "split", tmp_path), "A207").message


def test_a208_assets(seed_data, tmp_path):
    data = edit(seed_data("000"), "一般公务用车 7 辆", "一般公务用车 6 辆")
    f = only(run(data, "split", tmp_path), "A208")
    assert (f.expected, f.actual) == ("6", "7")
    data = edit(seed_data("000"), "其他车辆 0 辆，价值 0.00 万元", "其他车辆 0 辆，价值 10.00 万元")
    assert only(run(data, "split", tmp_path), "A208").expected == "239.00"
    data = edit(seed_data("000"), "大型设备 2 台，单位价值 100 万元以上大型设备 0 台",
                "大型设备 2 台，单位价值 100 万元以上大型设备 3 台")
    assert only(run(data, "split", tmp_path), "A208").actual == "3"


# ------------------------------------------------------------------------------- A209 not found

def test_a209_names_not_in_the_tables(seed_data, tmp_path):
    data = edit(seed_data("003"), "4. 机构运行补助经费 140.00", "4. 机构运转补贴 140.00")
    f = only(run(data, "split", tmp_path), "A209")
    assert f.locations[0].table == "情况说明 十一" and "机构运转补贴" in f.message
    data = edit(seed_data("001"), "（款）公务员医疗补助（项）", "（款）公务员医疗补贴（项）")
    findings = run(data, "split", tmp_path)
    assert "公务员医疗补贴" in only(findings, "A209").message
    assert rules(findings) == ["A202", "A206", "A209"]   # and the 项 is now not described
    data = edit(seed_data("001"), "项目名称：巴州数字化领导小组办公室运行保障项目", "项目名称：数字巴州建设项目")
    assert "数字巴州建设项目" in only(run(data, "split", tmp_path), "A209").message
    # the rule's docs example: 000 十一 with the project's name shortened
    data = edit(seed_data("000"), "1. 自治区一体化在线政务服务平台深化应用项目 9,322.84", "1. 一体化平台深化应用项目 9,322.84")
    f = only(run(data, "split", tmp_path), "A209")
    assert f.locations[0].table == "情况说明 十一" and "“一体化平台深化应用项目”" in f.message


# ------------------------------------------------------------------------------- A210 sub-items

def test_a210_sub_items_of_a_class(seed_data, tmp_path):
    data = edit(seed_data("003"), "其他社会保障缴费 0.71 万元", "其他社会保障缴费 2.71 万元")
    findings = run(data, "split", tmp_path)
    assert sorted((f.rule, f.expected) for f in findings if f.rule == "A210") == [("A210", "1.80"), ("A210", "87.68")]
    data = edit(seed_data("003"), "人员经费 367.93 万元", "人员经费 376.93 万元")
    f = [f for f in run(data, "split", tmp_path) if f.rule == "A210"]
    assert [(x.expected, x.actual) for x in f] == [("772.89", "781.89"), ("1222.89", "1231.89")]


def test_a210_rounding_excess_is_info(seed_data, tmp_path):
    # once 57.98 is corrected, 57.99 + 28.99 + 0.71 = 87.69 exceeds 87.68 by what rounding explains
    data = edit(seed_data("003"), "基本养老保险缴费 57.98 万元", "基本养老保险缴费 57.99 万元")
    f = only(run(data, "split", tmp_path), "A210")
    assert f.severity is Severity.INFO and f.actual == "87.69"


def test_no_narrative_no_findings(seed_doc):
    doc = copy.copy(seed_doc("000"))
    doc.narrative = None
    assert check(doc) == []


# ------------------------------------------------------------------------------- audit additions

@pytest.mark.parametrize("seed_id,fixes", [
    ("000", [("占 50.40%", "占 50.39%")]),
    ("001", [("2,347.01 万元，占 74.88%", "2,347.01 万元，占 74.89%")]),
    ("003", [("基本养老保险缴费 57.98 万元", "基本养老保险缴费 57.99 万元")]),
])
def test_seeds_with_their_errors_corrected_are_silent(seed_data, tmp_path, seed_id, fixes):
    """Every rule stays silent on the real documents once their real errors are corrected (003 keeps
    one info: 57.99 + 28.99 + 0.71 = 87.69 against 87.68, which rounding explains)."""
    data = seed_data(seed_id)
    for old, new in fixes:
        data = edit(data, old, new)
    for layout in LAYOUTS:
        findings = run(data, layout, tmp_path)
        assert [f.rule for f in findings if f.severity is not Severity.INFO] == [], [f.message for f in findings]


def test_a202_share_of_a_named_whole(seed_data, tmp_path):
    # "占一般公共预算支出的 Y%" in 五（二） is a share of 表5 合计: checked like "占 Y%"
    data = edit(seed_data("000"), "占 73.81%", "占一般公共预算支出的 37.81%")
    f = [f for f in run(data, "split", tmp_path) if f.rule == "A202" and f.actual == "37.81"]
    assert len(f) == 1 and f[0].expected == "73.81" and f[0].locations[0].table == "情况说明 五（二）"
    right = edit(seed_data("000"), "占 73.81%", "占一般公共预算支出的 73.81%")
    assert [f.actual for f in run(right, "split", tmp_path) if f.rule == "A202"] == ["50.40"]
    # a share said to be of another whole than the section's is not checked against the wrong one
    other = edit(seed_data("000"), "单位资金 7,929.93 万元，占 42.25%", "单位资金 7,929.93 万元，占本年收入的 85.18%")
    assert [f.actual for f in run(other, "split", tmp_path) if f.rule == "A202"] == ["50.40"]


def test_a201_subject_before_a_colon(seed_data, tmp_path):
    data = edit(seed_data("000"), "1. 自治区一体化在线政务服务平台深化应用项目 9,322.84 万元",
                "1. 自治区一体化在线政务服务平台深化应用项目：9,232.84 万元")
    f = only(run(data, "split", tmp_path), "A201")
    assert f.locations[0].table == "情况说明 十一" and (f.expected, f.actual) == ("9322.84", "9232.84")
    assert "深化应用项目：9,232.84 万元" in f.message


def test_a201_expense_total_in_one_is_the_expense_side(seed_data, tmp_path):
    data = edit(seed_data("000"), "收支总预算 18,767.18 万元。", "收入总预算 18,767.18 万元，支出总预算 18,767.81 万元。")
    f = only(run(data, "split", tmp_path), "A201")
    assert (f.expected, f.actual) == ("18767.18", "18767.81") and "支出总计" in f.message
    assert f.locations[1].cell == "D36"


def test_a201_fund_section_with_a_filled_table(seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    t8 = next(t for t in data["tables"] if t["number"] == 8)
    t8["rows"] = [["", "", "", "总计", 10.0, None, None, 10.0],
                  ["212", "", "", "城乡社区支出", 10.0, None, None, 10.0]]
    t8["empty_statement"] = None
    text = "新疆巴州人民政府办公室 2024 年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。"
    right = copy.deepcopy(data)
    i = right["narrative"].index(text)
    right["narrative"][i] = "新疆巴州人民政府办公室 2024 年政府性基金预算拨款支出 10.00 万元，其中：城乡社区支出 10.00 万元。"
    assert [f.rule for f in run(right, "split", tmp_path)] == ["A202"]      # only 001's own 五（二） share
    wrong = copy.deepcopy(right)
    wrong["narrative"][i] = wrong["narrative"][i].replace("城乡社区支出 10.00", "城乡社区支出 12.00")
    f = only(run(wrong, "split", tmp_path), "A201")
    assert f.locations[0].table == "情况说明 八" and (f.expected, f.actual) == ("10.00", "12.00")


def test_a205_list_variants(seed_data, tmp_path):
    # without a colon, the 、-separated list is still a list
    data = edit(seed_data("000"), "收入预算包括：一般公共预算、单位资金、财政拨款结转结余。", "收入预算包括一般公共预算、单位资金。")
    assert "财政拨款结转" in only(run(data, "split", tmp_path), "A205").message
    # "A和B" is two classes when each is one; 社会保障和就业支出 stays one
    data = edit(seed_data("000"), "卫生健康支出、住房保障支出。", "卫生健康支出和住房保障支出。")
    assert "A205" not in rules(run(data, "split", tmp_path))
    # an official name the table does not have at all is listed wrongly too
    data = edit(seed_data("000"), "福利费、公务用车运行维护费。", "福利费、公务用车运行维护费、会议费。")
    f = only(run(data, "split", tmp_path), "A205")
    assert "会议费" in f.message and f.locations[0].table == "情况说明 六"
    data = edit(seed_data("003"), "支出预算包括：", "支出预算包括：农林水支出、")
    assert "农林水支出" in only(run(data, "split", tmp_path), "A205").message


def test_a206_project_of_table7_not_described_in_seven(seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    start = data["narrative"].index("（五）项目名称：专家评审费项目")
    del data["narrative"][start:start + 6]
    f = only(run(data, "split", tmp_path), "A206")
    assert "专家评审费项目" in f.message and "10.00 万元" in f.message and f.locations[0].table == "情况说明 七"
    assert (f.expected, f.actual) == ("5", "4")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a211_running_costs_against_table6(seed_data, tmp_path, layout):
    data = edit(seed_data("000"), "机关运行经费财政拨款预算 121.35 万元", "机关运行经费财政拨款预算 112.35 万元")
    f = only(run(data, layout, tmp_path), "A211")
    assert f.severity is None and narrative.RULES[-1].severity is Severity.WARNING
    assert (f.expected, f.actual) == ("121.35", "112.35") and f.locations[0].table == "情况说明 十二（一）"
    assert "须说明差额原因" in f.message
    more = edit(seed_data("003"), "机关运行经费财政拨款预算 404.96 万元", "机关运行经费财政拨款预算 414.96 万元")
    assert "不应超过" in only(run(more, layout, tmp_path), "A211").message


def test_a201_no_car_purchase_against_table10(seed_data, tmp_path):
    data = set_cell(seed_data("000"), 10, "其中：公务用车购置费", 1, 10.0)
    data = set_cell(data, 10, "其中：公务用车购置费", 2, 10.0)
    found = [f for f in run(data, "split", tmp_path) if f.rule == "A201"]
    assert sorted(f.locations[0].table for f in found) == ["情况说明 十", "情况说明 十二（三）"]
    car = next(f for f in found if f.locations[0].table == "情况说明 十二（三）")
    assert "未安排购置车辆经费" in car.message and (car.expected, car.actual) == ("10.00", "0.00")


def test_a206_carried_over_project_not_listed_in_eleven(seed_data, tmp_path):
    data = edit(seed_data("003"), "4. 机构运行补助经费 140.00 万元，", "")
    f = only(run(data, "split", tmp_path), "A206")
    assert "机构运行补助经费" in f.message and "140.00 万元" in f.message and f.locations[0].table == "情况说明 十一"
    assert f.locations[1].table.startswith("表11") and (f.expected, f.actual) == ("4", "3")


def test_a202_class_share_in_four_may_be_of_its_budget_column(seed_data, tmp_path):
    """四 "一般公共预算支出包括：一般公共服务支出 X 万元，占 Y%": Y may be a share of the 一般公共预算
    column's total rather than of all 财政拨款; with 基金 money in 表4 the two differ."""
    data = copy.deepcopy(seed_data("000"))
    t4 = next(t for t in data["tables"] if t["number"] == 4)
    for row in t4["rows"]:
        if row[2] == "212 城乡社区支出":
            row[3:6] = [100.0, None, 100.0]
        if row[2] == "支出总计":
            row[3], row[5] = 1479.81, 100.0
        if row[0] in ("一、财政拨款（补助）", "收入总计"):
            row[1] = 1479.81
        if row[0] == "政府性基金预算":
            row[1] = 100.0
    of_column = edit(data, "一般公共服务支出 1,018.41 万元，主要用于", "一般公共服务支出 1,018.41 万元，占 73.81%，主要用于")
    assert [f.actual for f in run(of_column, "split", tmp_path) if f.rule == "A202"] == ["50.40"]
    of_all = edit(data, "一般公共服务支出 1,018.41 万元，主要用于", "一般公共服务支出 1,018.41 万元，占 68.82%，主要用于")
    assert [f.actual for f in run(of_all, "split", tmp_path) if f.rule == "A202"] == ["50.40"]
    wrong = edit(data, "一般公共服务支出 1,018.41 万元，主要用于", "一般公共服务支出 1,018.41 万元，占 37.81%，主要用于")
    f = [f for f in run(wrong, "split", tmp_path) if f.rule == "A202" and f.actual == "37.81"]
    assert len(f) == 1 and f[0].expected == "73.81" and "“一般公共预算”栏" in f[0].message


def test_a201_project_total_in_seven(seed_data, tmp_path):
    data = copy.deepcopy(seed_data("001"))
    at = data["narrative"].index("（一）项目名称：巴州政府办公室政务服务保障项目")
    data["narrative"].insert(at, "新疆巴州人民政府办公室 2024 年一般公共预算项目支出 373.16 万元，共 5 个项目。")
    assert [f.rule for f in run(data, "split", tmp_path)] == ["A202"]          # 001's own 五（二） share
    data["narrative"][at] = data["narrative"][at].replace("373.16", "373.61")
    f = only(run(data, "split", tmp_path), "A201")
    assert f.locations[0].table == "情况说明 七" and (f.expected, f.actual) == ("373.16", "373.61")


@pytest.mark.parametrize("printed", ["1、2010350 事业运行：", "1、事业运行（2010350）："])
def test_a201_items_in_five_three_by_code(seed_data, tmp_path, printed):
    old = "1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）："
    right = edit(seed_data("000"), old, printed)
    assert [f.rule for f in run(right, "split", tmp_path)] == ["A202"]        # 000's own 二 share
    wrong = edit(right, "预算数为 1,018.41 万元", "预算数为 1,018.14 万元")
    f = only(run(wrong, "split", tmp_path), "A201")
    assert f.locations[0].table == "情况说明 五（三）" and (f.expected, f.actual) == ("1018.41", "1018.14")
    unknown = edit(right, printed, printed.replace("2010350", "2010301").replace("事业运行", "行政运行"))
    assert "2010301" in only(run(unknown, "split", tmp_path), "A209").message


def test_a202_shares_in_ten_are_of_the_sangong_total(seed_data, tmp_path):
    old = "公务用车运行费 20.02 万元，公务接待费 2.00 万元。"
    right = edit(seed_data("000"), old, "公务用车运行费 20.02 万元，占 90.92%；公务接待费 2.00 万元，占 9.08%。")
    assert [f.actual for f in run(right, "split", tmp_path) if f.rule == "A202"] == ["50.40"]
    wrong = edit(seed_data("000"), old, "公务用车运行费 20.02 万元，占 90.29%；公务接待费 2.00 万元，占 9.08%。")
    f = [f for f in run(wrong, "split", tmp_path) if f.rule == "A202" and f.actual == "90.29"]
    assert len(f) == 1 and f[0].expected == "90.92" and f[0].locations[0].table == "情况说明 十"
    # the total's own share is of something else (基本支出, …): not checked against itself
    total = edit(seed_data("000"), "“三公”经费预算数为 22.02 万元", "“三公”经费预算数为 22.02 万元，占 1.60%")
    assert [f.actual for f in run(total, "split", tmp_path) if f.rule == "A202"] == ["50.40"]


def test_a208_devices_with_inclusive_thresholds(seed_data, tmp_path):
    data = edit(seed_data("000"), "单位价值 50 万元以上大型设备 2 台，单位价值 100 万元以上大型设备 0 台。",
                "单位价值 50 万元（含）以上大型设备 2 台，单位价值 100 万元（含）以上大型设备 3 台。")
    f = only(run(data, "split", tmp_path), "A208")
    assert (f.expected, f.actual) == (None, "3")      # no 建议值: "at most 2" is not a value to enter
    assert "50 万元以上的 2 台" in f.message


# ------------------------------------------------------------------------------- every figure is tied

def _tied_figures(doc):
    """(paragraph, fact) for every figure of sections 一 to 十二 that restates or adds up to a table
    value or another figure: all but the changes against last year, 十二（四）/（五） and the asset
    values and 预留 shares no table or sum carries."""
    from checker.plugins.arithmetic.narrative_facts import core, parts
    for part in parts(doc.narrative, doc.statements):
        if part.topic == "other" and part.subtopic not in ("running", "procurement"):
            continue
        for p in part.paragraphs:
            for fact in part.figures_of(p):
                if "预留" not in core(fact.label):
                    yield p, fact


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed_id", ["000", "001", "003"])
def test_every_figure_of_the_narrative_is_checked(seed_doc, seed_id, layout):
    """Issue point 5: change any one figure the narrative states and some A2 rule notices."""
    doc = copy.deepcopy(seed_doc(seed_id, layout))
    base = {(f.rule, f.message) for f in check(doc)}
    figures = list(_tied_figures(doc))
    assert len(figures) >= 40
    silent = []
    for p, fact in figures:
        original = p.text
        text = prepare(original)
        p.text = text[:fact.span[0]] + text[fact.span[0]:].replace(fact.amount.text, str(int(fact.amount.value) + 7), 1)
        doc.statements = read_statements(doc.narrative, doc.template.sentences)    # as the reader would
        if not {(f.rule, f.message) for f in check(doc)} - base:
            silent.append(quote(fact))
        p.text = original
    assert silent == []


def test_a206_income_source_left_out_of_two(seed_data, tmp_path):
    data = drop(seed_data("000"), "单位资金 7,929.93 万元，占 42.25%")
    f = only(run(data, "split", tmp_path), "A206")
    assert "单位资金" in f.message and f.locations[0].table == "情况说明 二" and f.locations[1].row == "5. 单位资金"
    # a source stated as 0.00 is stated: 000 二 says 政府性基金预算 0.00 万元 and 表1 agrees (silent, see the pins)


def test_a201_project_described_while_table7_is_empty(seed_data, tmp_path):
    data = copy.deepcopy(seed_data("000"))
    at = next(i for i, p in enumerate(data["narrative"]) if "一般公共预算项目支出情况表为空表" in p)
    data["narrative"][at:at + 1] = ["（一）项目名称：政务服务平台运维项目", "预算安排规模：30.00 万元",
                                    "资金分配情况：运维费 30 万元"]
    f = only(run(data, "split", tmp_path), "A201")
    assert f.locations[0].table.startswith("情况说明 七") and (f.expected, f.actual) == ("0.00", "30.00")
    assert f.locations[1].table.startswith("表7") and "为空表" in f.message


def test_a202_shares_in_eleven_are_of_the_carry_over_total(seed_data, tmp_path):
    old = "包括：财政拨款 575.73 万元，非财政拨款 140.00 万元"
    right = edit(seed_data("003"), old, "包括：财政拨款 575.73 万元，占 80.44%；非财政拨款 140.00 万元，占 19.56%")
    assert rules(run(right, "split", tmp_path)) == ["A201"]            # 003's own 57.98
    wrong = edit(seed_data("003"), old, "包括：财政拨款 575.73 万元，占 80.44%；非财政拨款 140.00 万元，占 19.65%")
    f = only(run(wrong, "split", tmp_path), "A202")
    assert (f.expected, f.actual) == ("19.56", "19.65") and f.locations[0].table == "情况说明 十一"


def test_a206_project_spending_left_out_of_three(seed_data, tmp_path):
    data = drop(seed_data("000"), "项目支出 17,387.37 万元，占 92.65%")
    f = only(run(data, "split", tmp_path), "A206")
    assert "项目支出" in f.message and f.locations[0].table == "情况说明 三" and f.locations[1].table.startswith("表3")


def test_a202_share_that_only_the_rounding_of_its_amounts_explains_is_silent(seed_data, tmp_path):
    """001 四 "教育支出（类）23.35 万元，占 0.75%" of 3,134.08 万元: 23.35 ÷ 3,134.08 = 0.74504 %. A unit that
    worked from its unrounded figure (e.g. 23.346 万元, printed 23.35) prints 0.74 %: 23.345 ÷ 3,134.085 =
    0.74487 %, inside the interval the printed amounts allow, so no error. 0.73 % is outside it (the
    published figures allow 0.7449 % to 0.7452 % only) and is an error."""
    old = "教育支出（类）23.35 万元，占 0.75%"
    rounded = edit(seed_data("001"), old, "教育支出（类）23.35 万元，占 0.74%")
    assert [f.actual for f in run(rounded, "split", tmp_path) if f.rule == "A202"] == ["74.88"]   # 001's own
    wrong = edit(seed_data("001"), old, "教育支出（类）23.35 万元，占 0.73%")
    f = [f for f in run(wrong, "split", tmp_path) if f.rule == "A202" and f.actual == "0.73"]
    assert len(f) == 1 and f[0].expected == "0.75" and "23.35" in f[0].message


@pytest.mark.parametrize("service, severity", [("456.71", Severity.INFO), ("456.72", Severity.INFO),
                                               ("456.73", None)])
def test_a207_procurement_within_the_rounding_of_four_figures(seed_data, tmp_path, service, severity):
    """003 十二（二）: 货物 14.60 + 工程 2.00 + 服务 456.70 = 政府采购 473.30. One or two cents off is what the
    rounding of four printed figures allows (提示); three cents is not (no severity of its own: the rule's
    error applies)."""
    data = edit(seed_data("003"), "政府采购服务预算 456.70 万元", f"政府采购服务预算 {service} 万元")
    f = only(run(data, "split", tmp_path), "A207")
    assert f.severity is severity and f.actual == "473.30"


def test_a207_silent_when_the_small_business_reserve_is_the_whole_sme_reserve(seed_data, tmp_path):
    """000: 小微企业 may receive all of the 中小企业 reserve (8,088.38 of 8,088.38): silent; the fire test's
    9,017.70 is more than the reserve."""
    data = edit(seed_data("000"), "小微企业预留政府采购项目预算金额 4,017.70", "小微企业预留政府采购项目预算金额 8,088.38")
    assert "A207" not in rules(run(data, "split", tmp_path))


def test_a208_devices_above_100_wan_may_be_all_of_those_above_50(seed_data, tmp_path):
    """000 十二（三）: 2 devices of 50 万元 or more, of which 2 of 100 万元 or more: possible, silent (the fire
    test's 3 is not)."""
    data = edit(seed_data("000"), "大型设备 2 台，单位价值 100 万元以上大型设备 0 台",
                "大型设备 2 台，单位价值 100 万元以上大型设备 2 台")
    assert "A208" not in rules(run(data, "split", tmp_path))


@pytest.mark.parametrize("seed_id, number", [(s, n) for s in ("000", "001", "003") for n in (1, 4, 5, 6, 10, 11)
                                             if (s, n) != ("003", 4)])
# left out: 003 without 表4 also loses its 四 finding against 表5 (四's "主要用于" items are tied through the
# 表4 class they stand under), a known limit of the check rather than the behaviour pinned here
def test_a_missing_table_only_silences_the_figures_it_carries(seed_data, tmp_path, seed_id, number):
    """A workbook without 表N (S001's finding): the narrative's figures are still checked against the other
    tables — each seed keeps its own reviewed finding unless that finding is against 表N — and nothing is
    reported against the missing table, nor does the check fail (S900)."""
    data = copy.deepcopy(seed_data(seed_id))
    data["tables"] = [t for t in data["tables"] if t["number"] != number]
    path = build.build_workbook(data, "split", tmp_path / "missing.xlsx")
    findings = Engine(select=["A2", "S900"]).check(read_workbook(path))
    own = [(rule, table) for rule, _, _, _, table, *_ in SEED_FINDINGS[seed_id]]
    assert [(f.rule, f.locations[1].table.split()[0]) for f in findings] == \
        [(rule, table) for rule, table in own if table != f"表{number}"]


def test_a206_silent_when_the_source_left_out_is_zero_in_the_table(seed_data, tmp_path):
    """000 二 without its "政府性基金预算 0.00 万元" paragraph: 表1 has nothing under that source, so nothing
    is left out (the fire test drops 单位资金, which 表1 shows with 7,929.93)."""
    data = drop(seed_data("000"), "政府性基金预算 0.00 万元，占 0.00%")
    assert rules(run(data, "split", tmp_path)) == ["A202"]          # 000's own 二 share only


@pytest.mark.parametrize("seed_id, old, new, own", [
    ("003", "4. 机构运行补助经费 140.00", "4. 机构运行补助 经费 140.00", ["A201"]),     # a space typed in
    ("001", "（款）公务员医疗补助（项）", "(款)公务员医疗补助(项)", ["A202"]),             # half-width brackets
])
def test_a209_silent_for_names_that_differ_only_in_spaces_and_brackets(seed_data, tmp_path, seed_id, old, new, own):
    """The fire test's 机构运转补贴 and 公务员医疗补贴 are not in the tables; the same names as the tables
    print them, with a space or half-width brackets, are found (only the seed's own finding remains)."""
    assert rules(run(edit(seed_data(seed_id), old, new), "split", tmp_path)) == own


def test_a211_running_costs_against_a_table_in_yuan_that_rounds_to_them(seed_data, tmp_path):
    """表6 公用经费 of 1,213,540.00 元 (121.354 万元, the stacked layout in 元): 十二（一） "机关运行经费 121.35 万元"
    is its rounding (silent); 121.36 is not (A211)."""
    data = copy.deepcopy(seed_data("000"))
    next(r for r in next(t for t in data["tables"] if t["number"] == 6)["rows"] if r[2] == "总计")[5] = 121.354
    assert "A211" not in rules(run(data, "stacked", tmp_path))
    wrong = edit(data, "机关运行经费财政拨款预算 121.35 万元", "机关运行经费财政拨款预算 121.36 万元")
    f = only(run(wrong, "stacked", tmp_path), "A211")
    assert (f.expected, f.actual) == ("121.35", "121.36")


def test_messages_quote_text_with_character_references_decoded(seed_data, tmp_path):
    """A narrative exported through HTML keeps character references ("&#36153;" for 费, "&amp;"): the
    reader decodes them, so the finding is the same and its message quotes what a person reads (#12
    item 4)."""
    data = edit(seed_data("003"), "基本养老保险缴费 57.98 万元", "基本养老保险缴&#36153; 57.98 万元")
    f = only(run(data, "split", tmp_path), "A201")
    assert (f.expected, f.actual) == ("57.99", "57.98")
    assert "基本养老保险缴费 57.98 万元" in f.message and "&#" not in f.message
