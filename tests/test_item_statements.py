"""Xinjiang's 五（三） 项 sentence read once in the core (the profile's ``item`` shapes) and consumed by
the arithmetic (usage_paths: A201, A209, A206), codes (the narrative's 类/款/项 names) and yoy (the
change's subject and current amount) plugins, none of which parses the sentence itself any more
(issue #13 item 1)."""
from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from checker.core.model import Narrative
from checker.core.statements import read_statements
from checker.core.text import clean
from checker.plugins.arithmetic.narrative_amounts import usage_paths
from checker.plugins.arithmetic.narrative_facts import parts
from checker.plugins.codes.occurrences import narrative_occurrences
from checker.plugins.codes.reference import load
from checker.plugins.templates.xinjiang import SENTENCES
from checker.plugins.yoy.statements import read_statements as read_changes
from narratives import narrative

FIVE = "五、关于 2024 年一般公共预算当年拨款情况说明"
THREE = "（三）一般公共预算当年拨款具体使用情况"


def _five(texts: list[str], other: tuple[str, str, list[str]] = ()) -> Narrative:
    """A narrative whose 五（三） holds ``texts`` (and ``other``: a section (number, title, texts) before it)."""
    return narrative(*([other] if other else []), ("五", FIVE, [], [("三", THREE, texts)]))


def _items(narrative: Narrative):
    return [st for st in read_statements(narrative, SENTENCES) if st.subject == "item"]


ITEMS_000 = [
    (("一般公共服务支出", "政府办公厅（室）及相关机构事务", "事业运行"), "1,018.41"),
    (("社会保障和就业支出", "行政事业单位养老支出", "事业单位离退休"), "4.24"),
    (("社会保障和就业支出", "行政事业单位养老支出", "机关事业单位基本养老保险缴费支出"), "134.46"),
    (("卫生健康支出", "行政事业单位医疗", "事业单位医疗"), "63.03"),
    (("卫生健康支出", "行政事业单位医疗", "公务员医疗补助"), "58.83"),
    (("住房保障支出", "住房改革支出", "住房公积金"), "100.85"),
]


def test_the_seeds_items_as_printed(seed_doc):
    items = [st for st in seed_doc("000").statements if st.subject == "item"]
    assert [(st.printed_names, st.amount.text) for st in items] == ITEMS_000
    assert all(st.place == "情况说明 五（三）" and st.code == "" for st in items)
    # the matching form for comparing, the printed one for messages and fixes
    assert items[0].names == ("一般公共服务支出", "政府办公厅(室)及相关机构事务", "事业运行")
    text = clean(items[0].paragraph.text)
    assert [text[a:b] for a, b in items[0].name_spans] == list(ITEMS_000[0][0])
    assert text[items[0].span[0]:items[0].span[1]] == "1,018.41"
    assert text[items[0].extent[0]:items[0].extent[1]].startswith("1、一般公共服务支出（类）")


@pytest.mark.parametrize("text,names,code,amount", [
    ("1、2010350 事业运行：2024 年预算数为 1,018.41 万元，比上年预算增加 15.73 万元。", ("事业运行",), "2010350", "1,018.41"),
    ("1、事业运行（2010350）：2024 年预算数为 1,018.41 万元。", ("事业运行",), "2010350", "1,018.41"),
    # the codes printed before the names
    ("201一般公共服务支出（类）03政府办公厅（室）及相关机构事务（款）50事业运行（项）：预算数为 1,018.41 万元。",
     ("一般公共服务支出", "政府办公厅(室)及相关机构事务", "事业运行"), "2010350", "1,018.41"),
    # no amount of its own: the change's is not taken for it
    ("1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）：比上年预算增加 15.73 万元。",
     ("一般公共服务支出", "政府办公厅(室)及相关机构事务", "事业运行"), "", None),
])
def test_the_item_shapes(text, names, code, amount):
    (st,) = _items(_five([text]))
    assert (st.names, st.code, st.amount and st.amount.text) == (names, code, amount)


def test_two_items_in_one_paragraph_and_none_outside_five():
    one = "1、卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）：预算数为 63.03 万元；"
    two = "2、住房保障支出（类）住房改革支出（款）住房公积金（项）：预算数为 100.85 万元。"
    four = ("四", "四、关于 2024 年财政拨款收支预算情况的总体说明",
            ["卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）63.03 万元。"])
    items = _items(_five([one + two], four))
    assert [(st.names[2], st.amount.text) for st in items] == [("事业单位医疗", "63.03"), ("住房公积金", "100.85")]
    assert {st.paragraph.section for st in items} == {"五"}


def _without_items(doc):
    bare = copy.copy(doc)
    bare.statements = [st for st in doc.statements if st.subject != "item"]
    return bare


def test_the_plugins_read_the_items_the_core_read(seed_doc):
    """Each plugin's view of 五（三） is the core's statements: without them, none finds a 项."""
    doc = seed_doc("000")
    bare = _without_items(doc)
    five_three = next(part for part in parts(doc.narrative) if part.topic == "gpb_year" and part.subtopic == "usage")
    paths = list(usage_paths(doc, five_three))
    assert [(names, st.amount.text) for _, names, _, st in paths] == ITEMS_000
    assert list(usage_paths(bare, five_three)) == []

    ref = load()
    items = [o for o in narrative_occurrences(doc, ref, 2024) if o.table == "情况说明 五（三）"]
    assert [(o.code, o.name) for o in items if o.level == "项"] == [
        ("2010350", "事业运行"), ("2080502", "事业单位离退休"), ("2080505", "机关事业单位基本养老保险缴费支出"),
        ("2101102", "事业单位医疗"), ("2101103", "公务员医疗补助"), ("2210201", "住房公积金")]
    assert not [o for o in narrative_occurrences(bare, ref, 2024) if o.table == "情况说明 五（三）"]
    # 五（二）'s 类 names are still there, read beside the statements
    assert [o.name for o in narrative_occurrences(bare, ref, 2024) if o.table == "情况说明 五（二）"] == [
        "一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出"]

    changes = [st for st in read_changes(doc) if st.subject.kind == "item"]
    assert [(st.subject.names[2], str(st.current.value)) for st in changes] == [
        (names[2].replace("（", "(").replace("）", ")"), amount.replace(",", "")) for names, amount in ITEMS_000]
    assert not [st for st in read_changes(bare) if st.subject.kind == "item"]


def test_the_change_takes_its_current_amount_from_the_core(seed_doc):
    """The amount before a change is the core's: a statement read as another figure is what yoy uses."""
    doc = seed_doc("000")
    first = next(st for st in doc.statements if st.subject == "item")
    moved = copy.copy(doc)
    other = next(st for st in doc.statements if st.subject == "item" and st is not first)
    moved.statements = [replace(st, amount=other.amount) if st is first else st for st in doc.statements]
    change = next(st for st in read_changes(moved) if st.subject.kind == "item")
    assert change.current.value == other.amount.value and change.subject.names[2] == "事业运行"


def test_the_item_states_its_change_against_last_year(seed_doc):
    items = [st for st in seed_doc("000").statements if st.subject == "item"]
    assert [(st.direction, st.change.text, str(st.percent), st.base) for st in items[:4]] == [
        (1, "15.73", "1.57", "预算"), (1, "4.24", "100.00", "预算"), (1, "3.19", "2.43", "预算"), (-1, "5.07", "7.44", "预算")]
    text = clean(items[3].paragraph.text)
    assert text[items[3].change_span[0]:items[3].change_span[1]] == "减少5.07万元，下降7.44"
    (flat,) = _items(_five(["1、住房保障支出（类）住房改革支出（款）住房公积金（项）：预算数为 100.85 万元，与上年持平。"]))
    assert (flat.direction, flat.change, flat.percent) == (0, None, None)


def test_the_change_takes_its_figures_from_the_core(seed_doc):
    """The change's amount and percentage are the core's: a statement read with other figures is what
    yoy reports on (the clause's words stay its own)."""
    doc = seed_doc("000")
    first = next(st for st in doc.statements if st.subject == "item")
    other = [st for st in doc.statements if st.subject == "item"][3]
    moved = copy.copy(doc)
    moved.statements = [replace(st, change=other.change, percent=other.percent, last=other.amount) if st is first
                        else st for st in doc.statements]
    change = next(st for st in read_changes(moved) if st.subject.kind == "item")
    assert (change.amount.raw, change.percent, change.last.raw) == ("5.07", other.percent, "63.03")
    assert change.amount_word == "增加" and change.percent_word == "增长"
    plain = next(st for st in read_changes(doc) if st.subject.kind == "item")
    assert (plain.amount.raw, str(plain.percent), plain.last) == ("15.73", "1.57", None)


def test_shanghai_items_change_is_the_core_items(shanghai_path):
    """Shanghai's “…（类）…（款）…（项）”科目 X 万元 … 2024年预算安排 X 万元，比2023年预算执行数减少 Z%: the
    change is said of the 项 the paragraph began with, as the core read it (its amount said again, last
    year's amount, the percentage)."""
    from checker.core.reader import read_workbook

    doc = read_workbook(shanghai_path("sh_wanli_2024"))
    first = next(st for st in read_changes(doc) if st.subject.kind == "item")
    assert first.subject.names == ("一般公共服务支出", "统计信息事务", "专项普查活动")
    assert (first.current.raw, first.last.raw, str(first.percent)) == ("25.77", "60.13", "57.14")
    assert first.subject_text == "一般公共服务支出(类)统计信息事务(款)专项普查活动(项)"
    assert not [st for st in read_changes(_without_items(doc)) if st.subject.kind == "item"]
