"""The core's statement reader (checker.core.statements) with the shapes a profile binds to a
numbered section, and the Xinjiang profile's shapes on its three seeds: what every plugin reads
instead of parsing the sentences itself (issue #13 item 1)."""
from __future__ import annotations

import copy

import pytest

import build
from narratives import narrative as _narrative
from checker.core.cells import CellRef
from checker.core.engine import Engine
from checker.core.fixer import locate
from checker.core.model import Paragraph, Section
from checker.core.reader import read_workbook
from checker.core.statements import AMOUNT, SHARE, place, read_statements
from checker.core.template import SentenceShape
from checker.core.text import clean
from checker.plugins.templates.xinjiang import SENTENCES


RECEPTION = SentenceShape("sangong_reception", r"公务接待费" + AMOUNT + SHARE, section=r"三公")


def test_a_shape_bound_to_a_section_reads_only_there():
    narrative = _narrative(("六", "六、基本支出情况说明", ["公用经费包括公务接待费 3.00 万元。"]),
                           ("十", "十、“三公”经费预算情况说明", ["其中：公务接待费 2.00 万元，占 9.08%。"]))
    (st,) = read_statements(narrative, [RECEPTION])
    assert st.paragraph.section == "十" and st.amount.value == 2 and st.place == "情况说明 十"


def test_a_narrative_without_that_section_is_read_throughout():
    narrative = _narrative(("六", "六、基本支出情况说明", ["公用经费包括公务接待费 3.00 万元。"]))
    assert [st.amount.text for st in read_statements(narrative, [RECEPTION])] == ["3.00"]


def test_a_statement_keeps_its_share_and_where_it_was_printed():
    text = "其中：公务接待费 2.00 万元，占“三公”经费的 9.08%。"
    (st,) = read_statements(_narrative(("十", "十、“三公”经费预算情况说明", [text])), [RECEPTION])
    cleaned = clean(text)
    assert cleaned[st.span[0]:st.span[1]] == "2.00" and cleaned[st.share_span[0]:st.share_span[1]] == "9.08"
    assert str(st.share) == "9.08" and st.share_of == "“三公”经费"
    assert st.printed == "公务接待费 2.00 万元，占“三公”经费的 9.08%"


def test_subsection_scope_and_place():
    twelve = _narrative(("十二", "十二、其他重要事项的情况说明", []))
    sec = twelve.sections[0]
    for number, title, text in (("一", "（一）机关运行经费情况", "机关运行经费预算 100.00 万元。"),
                                ("四", "（四）预算绩效情况", "当年财政拨款项目 5 个，涉及预算金额 373.16 万元。")):
        sub = Section(number, title, CellRef("说明", 9, 0))
        sec.subsections.append(sub)
        p = Paragraph(text, CellRef("说明", 10 + len(twelve.paragraphs), 0), section="十二", subsection=number)
        sub.paragraphs.append(p)
        twelve.paragraphs.append(p)
    # every amount aside: the labelled figures, and 七's allocation amounts (read throughout with no 七)
    got = [(st.subject, st.place, st.count, st.amount and st.amount.text) for st in read_statements(twelve, SENTENCES)
           if st.subject not in ("figure", "allocation")]
    assert got == [("operating", "情况说明 十二（一）", None, "100.00"),
                   ("target_fiscal", "情况说明 十二（四）", 5, "373.16")]
    # a paragraph on a part's sheet is named by its cell: each part numbers its sections afresh
    assert place(Paragraph("x", CellRef("s", 0, 0), section="一", part="other")) == "情况说明"


FIGURES = [S for S in SENTENCES if S.labelled]


def _figures(*texts: str):
    narrative = _narrative(("二", "二、收入预算情况说明", list(texts)))
    return [st for st in read_statements(narrative, SENTENCES) if st.subject == "figure"]


def test_a_labelled_shape_reads_every_amount_with_its_label_share_change_and_reason():
    text = ("一般公共预算 1,379.81 万元，占 7.35%，比上年预算增加 21.87 万元，增长 1.61%，主要原因是新增人员经费 "
            "3.00 万元。单位资金 50.00 万元")
    got = [(st.label.strip(), st.amount and st.amount.text, st.change and st.change.text, st.reason, st.clause,
            st.share and st.share.text) for st in _figures(text)]
    assert got == [("一般公共预算", "1,379.81", None, False, 0, "7.35"), ("比上年预算增加", None, "21.87", False, 2, None),
                   ("主要原因是新增人员经费", "3.00", None, True, 4, None), ("单位资金", "50.00", None, False, 5, None)]
    (first, *_) = _figures(text)
    cleaned = clean(text)
    assert cleaned[first.span[0]:first.span[1]] == "1,379.81" and cleaned[first.share_span[0]:first.share_span[1]] == "7.35"
    assert (first.printed, first.share_printed, first.place) == ("一般公共预算 1,379.81 万元", "占 7.35%", "情况说明 二")


def test_a_labelled_shape_names_an_amount_after_a_colon_by_the_clause_before():
    (st,) = _figures("1. 一体化平台深化应用项目：9,322.84 万元")
    assert st.label == "1. 一体化平台深化应用项目：" and st.printed == "1. 一体化平台深化应用项目：9,322.84 万元"
    assert "1. 一体化平台深化应用项目：9,322.84 万元"[st.words[0]:st.words[1]] == st.printed
    # not when the clause before has an amount of its own, nor when the amount has words before it
    a, b = _figures("财政拨款 10.00 万元：结转 5.00 万元")
    assert (a.label, b.label) == ("财政拨款 ", "结转 ")


def test_a_labelled_shape_leaves_thresholds_out_and_reads_glued_and_full_width_digits():
    got = [(st.label.strip(), st.amount.text) for st in _figures(
        "单位价值 50 万元以上设备 2 台，2. 特定目标 0210689C134.60 万元，公用经费 １２.５０ 万元")]
    assert got == [("2. 特定目标 0210689C", "134.60"), ("公用经费", "12.50")]
    # the share may stand in the next clause, but not past another amount of the same clause
    (a,) = _figures("其中人员经费 10.00 万元；占比为 20.00%")
    assert a.share.text == "20.00" and a.share_of == ""
    a, b = _figures("人员经费 10.00 万元 公用经费 5.00 万元，占 33.33%")
    assert (a.share, b.share.text) == (None, "33.33")


def test_labelled_statements_take_no_text_from_the_other_shapes():
    """十's 三公 sentence is read by its shapes and, besides, as figures: neither reading hides the other."""
    narrative = _narrative(("十", "十、“三公”经费预算情况说明", ["其中：公务接待费 2.00 万元，占 9.08%。"]))
    got = [(st.subject, st.amount.text) for st in read_statements(narrative, SENTENCES)
           if st.subject != "allocation"]       # 七's, read throughout a narrative with no 七
    assert got == [("sangong_reception", "2.00"), ("figure", "2.00")]
    # a labelled shape is bound to its part and sections like any other
    bound = SentenceShape("figure", FIGURES[0].pattern, labelled=True, section=r"三公")
    other = _narrative(("六", "六、基本支出情况说明", ["公用经费 3.00 万元。"]),
                       ("十", "十、“三公”经费预算情况说明", ["公务接待费 2.00 万元。"]))
    assert [st.paragraph.section for st in read_statements(other, [bound])] == ["十"]
    assert [st.share for st in read_statements(other, [bound])] == [None]      # no share pattern: none read


def _said(subjects, *sections):
    return [st for st in read_statements(_narrative(*sections), SENTENCES) if st.subject in subjects]


def test_a_list_of_names_is_read_after_the_first_include():
    (st,) = _said(("list", "main_list"), ("一", "一、收支预算情况说明", ["收入预算包括：一般公共预算、单位资金等。以上单位 3 个"]))
    assert (st.subject, st.label, st.names) == ("list", "收入预算", ("一般公共预算", "单位资金"))
    (st,) = _said(("list", "main_list"), ("六", "六、基本支出情况说明", ["人员经费 1,258.46 万元，主要包括：基本工资，津贴补贴"]))
    assert (st.subject, st.label, st.names) == ("main_list", "人员经费 1,258.46 万元，", ("基本工资", "津贴补贴"))
    # no list: its items carry amounts (anywhere after it); "包括" without a colon and without 、; only the
    # first 包括 counts
    for text in ("支出预算包括：基本支出 10.00 万元", "收入预算包括：一般公共预算。其他 10 万元", "收入预算包括一般公共预算和单位资金", "甲包括：乙 10 万元；丙包括：丁、戊"):
        assert _said(("list", "main_list"), ("一", "一、收支预算情况说明", [text])) == [], text
    (st,) = _said(("list",), ("一", "一、收支预算情况说明", ["收入预算包括一般公共预算、单位资金"]))
    assert st.names == ("一般公共预算", "单位资金") and clean(st.printed) == "收入预算包括一般公共预算、单位资金"


def test_the_listings_of_four_and_the_assets_of_twelve_three():
    four = ("四", "四、财政拨款收支预算情况说明", ["收入预算包括：一般公共预算拨款 5.00 万元。政府性基金预算支出包括：城乡社区支出 1.00 万元"])
    got = [(st.subject, st.names) for st in _said(("income_listing", "expense_listing"), four)]
    assert got == [("income_listing", ()), ("expense_listing", ("政府性基金预算",))]
    narrative = _narrative(("十二", "十二、其他重要事项的情况说明", []))
    sub = Section("三", "（三）国有资产占用情况", CellRef("说明", 9, 0))
    narrative.sections[0].subsections.append(sub)
    text = "车辆 7 辆，价值 229.00 万元；其中：一般公务用车 6 辆，价值 200.00 万元；其他车辆 1 辆。单位价值 50 万元以上设备 2 台，100 万元（含）以上 1 台。"
    p = Paragraph(text, CellRef("说明", 10, 0), section="十二", subsection="三")
    narrative.paragraphs.append(p)
    got = [(st.subject, st.names, st.count, st.amount and st.amount.text, text[st.words[0]:st.words[1]])
           for st in read_statements(narrative, SENTENCES) if st.subject in ("vehicles", "vehicle_kind", "devices")]
    assert got == [("vehicles", (), 7, "229.00", "车辆 7 辆，价值 229.00 万元"),
                   ("vehicles", (), 1, None, "车辆 1 辆"),
                   ("vehicle_kind", ("一般公务用车",), 6, "200.00", "一般公务用车 6 辆，价值 200.00 万元"),
                   ("vehicle_kind", ("其他车辆",), 1, None, "其他车辆 1 辆"),
                   ("devices", ("50",), 2, None, "50 万元以上设备 2 台"),
                   ("devices", ("100",), 1, None, "100 万元（含）以上 1 台")]


def test_the_field_lines_of_seven_and_their_scale():
    """七's field lines after a list number or bullet, and the scale: the first 万元 amount, else the
    first in 元, else a bare number (in 万元) that is neither a table's nor a year's."""
    seven = ("七", "七、项目支出情况说明", ["（一）项目名称：甲项目。", "预算安排规模：50 万元以上设备 100,000 元", "• 项目名称：乙",
                                          "预算安排规模：详见表7，2024年 12.5", "资金分配情况：办公费 5 万元"])
    got = [(st.subject, st.label, st.amount and (st.amount.text, st.amount.unit))
           for st in _said(("project_field", "project_scale"), seven)]
    assert got == [("project_field", "项目名称", None),
                   ("project_field", "预算安排规模", None), ("project_scale", "", ("100,000", "元")),
                   ("project_scale", "", ("50", "万元")),              # the bare number: taken only when the first two find none
                   ("project_field", "预算安排规模", None), ("project_scale", "", ("12.5", "万元")),
                   ("project_field", "资金分配情况", None)]


def _allocated(*texts: str) -> list[tuple[str, str]]:
    """The amounts the Xinjiang profile reads in 七's lines (``allocation``), each with its label (共计 …)."""
    seven = ("七", "七、一般公共预算项目支出情况说明", list(texts))
    return [(st.printed, st.label) for st in _said(("allocation",), seven)]


def test_the_allocation_amounts_of_seven_leave_rates_out():
    assert _allocated("资金分配情况：差旅费 15 万元，印刷费 2,000.50 元，共计 17.00 万元") == [
        ("15 万元", ""), ("2,000.50 元", ""), ("共计 17.00 万元", "共计")]
    # a rate before the amount ("每人每月", "标准为") or after it ("元每人", "元/人/天") is read past
    assert _allocated("聘请专家 250 人按照发放标准 400 元每人及时足额支付专家评审费，共计 10.00 万元。") == [
        ("共计 10.00 万元", "共计")]
    assert _allocated("每人每月 500 元，全年 6,000 元；按 300 元/人/天，培训费 3 万元，标准为 2 万元") == [
        ("6,000 元", ""), ("3 万元", "")]
    # thresholds and other units are no amounts; 合计/小计 are totals
    assert _allocated("单价 50 万元以上的设备，购置费 80 万元", "1 亿元中 合计 3 万元，小计 1 元") == [
        ("80 万元", ""), ("合计 3 万元", "合计"), ("小计 1 元", "小计")]
    # per year alone is the year's amount; per person per year is a rate; a lone 每年 leaves a per-person amount
    assert _allocated("专线租赁费 25 万元/年，每年 3 万元，每人每年 2,000 元，1,000 元/人/年，每人 4 万元/年") == [
        ("25 万元", ""), ("每年 3 万元", ""), ("4 万元", "")]
    assert _allocated("每年 5 万元/人") == [("每年 5 万元", "")]
    # only in 七 (where the narrative has one)
    got = _said(("allocation",), ("六", "六、基本支出情况说明", ["办公费 5 万元"]), ("七", "七、项目支出情况说明", ["会议费 1 万元"]))
    assert [st.printed for st in got] == ["1 万元"]


def test_a_match_of_a_shapes_rate_group_is_read_past():
    """Any shape's ``rate`` group: where it takes part the words are read past, for a normalised,
    a spaced and a clause shape alike (and a normalised shape's rate takes its words from the others)."""
    rate = r"(?P<rate>每人(?P<r>\d+)元)|费(?P<amount>\d+)(?P<unit>万元)"
    narrative = _narrative(("七", "七、项目支出情况说明", ["每人 5 元，培训费 3 万元"]))
    shapes = [SentenceShape("fee", rate), SentenceShape("any", r"(?P<amount>\d+)(?P<unit>元)")]
    assert [(st.subject, st.amount.text) for st in read_statements(narrative, shapes)] == [("fee", "3")]
    for kind in ("spaced", "clause"):
        shape = SentenceShape("fee", r"(?P<rate>每人\s*\d+\s*元)|费\s*(?P<amount>\d+)\s*(?P<unit>万元)", **{kind: True})
        assert [st.amount.text for st in read_statements(narrative, [shape])] == ["3"], kind


def test_nil_statements_are_read_clause_by_clause():
    text = "本部门 政府性基金预算未安排 ， 无国有资本经营预算和政府性基金等；项目支出表为空表"
    got = [(st.subject, st.label, st.names, st.printed, clean(text)[st.words[0]:st.words[1]])
           for st in _said(("nil", "nil_list", "empty_table"), ("二", "二、收入预算情况说明", [text]))]
    assert got == [("nil", "本部门 政府性基金预算", (), "本部门 政府性基金预算未安排", "本部门 政府性基金预算未安排"),
                   ("nil_list", "", ("国有资本经营预算", "政府性基金"), "无国有资本经营预算和政府性基金等",
                    "无国有资本经营预算和政府性基金等"),
                   ("empty_table", "", (), clean(text), clean(text))]
    (st,) = _said(("no_car_purchase",), ("十二", "十二、其他重要事项的情况说明", ["本单位 没 有 安 排公务 车购置，其余照旧"]))
    assert st.printed == "本单位 没 有 安 排公务 车购置"     # the clause, spaces and all
    # a paragraph that says a table is empty but gives an amount is not that statement
    assert _said(("empty_table",), ("八", "八、政府性基金预算支出情况说明", ["为空表，支出 5.00 万元"])) == []


SANGONG = {"000": ["22.02", "0", "0", "20.02", "2.00"], "001": ["92.40", "0.00", "0.00", "91.40", "1.00"],
           "003": ["5.00", "0.00", "0.00", "4.80", "0.20"]}
TARGETS = {"000": [("target_fiscal", 1, "9,322.84"), ("target_nonfiscal", 5, "7,929.93")], "001": [("target_whole", 1, "3,384.08"), ("target_fiscal", 5, "373.16"),
                              ("target_nonfiscal", 2, "250.00")],
           "003": [("target_whole", 1, "1,674.96"), ("target_all", 1, None), ("target_fiscal", None, "450.00"),
                   ("target_nonfiscal", None, "0.00")]}
OPERATING = {"000": "121.35", "001": "343.55", "003": "404.96"}


@pytest.mark.parametrize("seed", ["000", "001", "003"])
def test_the_xinjiang_seeds_statements(seed_doc, seed):
    """十's 三公 amounts (before the change statement, which is the yoy plugin's), 十二（一）'s 机关运行经费
    and 十二（四）'s 绩效目标 counts, as printed."""
    statements = seed_doc(seed).statements
    assert [st.amount.text for st in statements if st.subject.startswith("sangong_")] == SANGONG[seed]
    assert [st.subject for st in statements if st.subject.startswith("sangong_")] == \
        ["sangong_total", "sangong_abroad", "sangong_purchase", "sangong_operation", "sangong_reception"]
    assert all(st.place == "情况说明 十" for st in statements if st.subject.startswith("sangong_"))
    assert [st.amount.text for st in statements if st.subject == "operating"] == [OPERATING[seed]]
    assert [(st.subject, st.count, st.amount and st.amount.text) for st in statements
            if st.subject.startswith("target_")] == TARGETS[seed]


def test_a_share_in_ten_is_fixed_where_it_is_printed(seed_data, tmp_path):
    """A202 on a 三公 part's share (read by the core, checked by arithmetic.stated): its fix edits the
    percentage in the cell as printed, with spaces."""
    data = copy.deepcopy(seed_data("000"))
    i = next(i for i, p in enumerate(data["narrative"]) if "公务接待费 2.00 万元。" in p)
    data["narrative"][i] = data["narrative"][i].replace("公务接待费 2.00 万元。", "公务接待费 2.00 万元，占 9.80%。")
    doc = read_workbook(build.build_workbook(data, "split", tmp_path / "s.xlsx"))
    (f,) = [f for f in Engine(select=["A202"]).check(doc) if f.actual == "9.80"]
    assert f.expected == "9.08" and f.locations[0].table == "情况说明 十" and f.locations[0].row == "公务接待费"
    (fix,) = f.fixes
    p = next(p for p in doc.narrative.paragraphs if "9.80%" in p.text)
    edit = locate(fix, p.text)
    assert p.text[edit.start:edit.end] == "9.80" and fix.after == "9.08"


# ------------------------------------------------------------------ checked by arithmetic.stated

THREE = "预算数为 22.02 万元，其中：因公出国（境）费 0 万元，公务用车购置费 0 万元，公务用车运行费 20.02 万元，公务接待费 2.00 万元。"


def _findings(seed_data, tmp_path, replacements, rows=None, rules=("A202", "A207")):
    """Seed 000 with narrative texts replaced (each in the one paragraph holding it) and 表10 rows
    set (label → 合计 value), checked for ``rules``."""
    data = copy.deepcopy(seed_data("000"))
    for old, new in replacements:
        (i,) = [i for i, p in enumerate(data["narrative"]) if old in p]
        data["narrative"][i] = data["narrative"][i].replace(old, new, 1)
    table = next(t for t in data["tables"] if t["number"] == 10)
    for row in table["rows"]:
        if rows and row[0] in rows:
            row[1] = row[2] = rows[row[0]]
    doc = read_workbook(build.build_workbook(data, "split", tmp_path / "x.xlsx"))
    return [f for f in Engine(select=list(rules)).check(doc) if f.actual != "50.40"]     # 000's own 二 share


EVEN = {"合计": 3000.0, "因公出国（境）费": 1000.0, "公务接待费": 1000.0, "公务用车购置及运行费（小计）": 1000.0,
        "公务用车运行费": 1000.0}
EVEN_TEXT = ("预算数为 3,000.00 万元，其中：因公出国（境）费 1,000.00 万元，占 33.33%，公务用车购置费 0 万元，公务用车运行费 "
             "1,000.00 万元，占 33.33%，公务接待费 1,000.00 万元，占 33.34%。")


def test_a_balanced_list_of_sangong_shares_is_a_warning_unless_the_narrative_says_so(seed_data, tmp_path):
    """33.33 + 33.33 + 33.34 = 100.00 while the exact shares round to 99.99: the 33.34 was balanced."""
    (f,) = _findings(seed_data, tmp_path, [(THREE, EVEN_TEXT)], EVEN)
    assert (f.rule, f.severity.value, f.expected, f.actual) == ("A202", "warning", None, "33.34")
    assert "舍位平衡" in f.message and f.locations[0].table == "情况说明 十"
    noted = EVEN_TEXT + "以上各项占比经舍位平衡，合计为100.00%。"
    assert _findings(seed_data, tmp_path, [(THREE, noted)], EVEN) == []


def test_a_share_said_to_be_of_something_else_is_not_checked_against_the_sangong_total(seed_data, tmp_path):
    other = THREE.replace("公务接待费 2.00 万元。", "公务接待费 2.00 万元，占公用经费的 1.65%。")
    assert _findings(seed_data, tmp_path, [(THREE, other)]) == []
    wrong = THREE.replace("公务接待费 2.00 万元。", "公务接待费 2.00 万元，占“三公”经费的 1.65%。")
    assert [(f.rule, f.expected, f.actual) for f in _findings(seed_data, tmp_path, [(THREE, wrong)])] == \
        [("A202", "9.08", "1.65")]


SMALL = "面向中小企业预留政府采购项目预算金额 8,088.38 万元，小微企业预留政府采购项目预算金额 4,017.70 万元。"
KINDS = "其中：政府采购货物预算 20.00 万元，政府采购工程预算 0 万元，政府采购服务预算 16,446.51 万元。"


def test_procurement_in_twelve_two(seed_data, tmp_path):
    """A207 on Xinjiang's 十二（二） as the core read it: 小微 above the whole when no 中小企业 reserve is
    stated; parts printed to fewer digits that rounding explains are info."""
    (f,) = _findings(seed_data, tmp_path, [(SMALL, "小微企业预留政府采购项目预算金额 17,000.00 万元。")])
    assert (f.rule, f.expected, f.actual, f.locations[0].table) == ("A207", None, "17000.00", "情况说明 十二（二）")
    assert f.message.startswith("情况说明十二（二）小微企业预留政府采购项目预算 17,000.00 万元，超过了政府采购预算")
    (f,) = _findings(seed_data, tmp_path, [(KINDS, KINDS.replace("16,446.51", "16,446.5"))])
    assert (f.rule, f.severity.value, f.expected, f.actual) == ("A207", "info", "16466.50", "16466.51")
    assert "货物 20.00 ＋ 工程 0 ＋ 服务 16,446.5 = 16,466.50 万元" in f.message


def test_a_share_of_a_nil_sangong_total_has_no_fix(seed_data, tmp_path):
    """表10 all nil while the narrative prints 公务接待费 2.00 万元, 9.08 %: the share cannot be computed."""
    nil = {"合计": 0.0, "公务接待费": 0.0, "公务用车购置及运行费（小计）": 0.0, "公务用车运行费": 0.0}
    shared = THREE.replace("公务接待费 2.00 万元。", "公务接待费 2.00 万元，占 9.08%。")
    (f,) = _findings(seed_data, tmp_path, [(THREE, shared)], nil, rules=("A202",))
    assert (f.expected, f.actual, f.fixes, f.unfixed) == (None, "9.08", [], "总额为 0，占比无法计算")
