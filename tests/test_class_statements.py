"""Xinjiang's 五（一）、（二） items read in the core by the profile's shapes (``function_class``: a 类
with its 款, ``function_kuan``: a 款 alone, each with the item's first amount), and the codes plugin's
narrative names taken from them (issue #13 item 1)."""
from __future__ import annotations

from decimal import Decimal

from checker.core.cells import CellRef
from checker.core.model import Narrative, Paragraph, Section
from checker.core.statements import read_statements
from checker.plugins.codes.occurrences import class_items, narrative_occurrences
from checker.plugins.codes.reference import load
from checker.plugins.templates.xinjiang import SENTENCES

TITLE = "五、一般公共预算当年拨款情况说明"


def _narrative(*texts: str, number: str = "五", title: str = TITLE) -> Narrative:
    narrative = Narrative()
    sec = Section(number, title, CellRef("说明", 0, 0))
    narrative.sections.append(sec)
    narrative.paragraphs.append(Paragraph(title, CellRef("说明", 0, 0), section=number))
    for row, text in enumerate(texts, 1):
        p = Paragraph(text, CellRef("说明", row, 0), section=number, subsection="一")
        sec.paragraphs.append(p)
        narrative.paragraphs.append(p)
    return narrative


def _classes(*texts: str, **kw) -> list[tuple[str, tuple[str, ...], tuple[str, ...], object]]:
    return [(st.subject, st.names, st.printed_names, st.amount.value if st.amount else None)
            for st in read_statements(_narrative(*texts, **kw), SENTENCES)
            if st.subject in ("function_class", "function_kuan")]


def test_numbered_classes_with_their_amounts():
    assert _classes("1、一般公共服务支出（类）1,018.41 万元，占 73.81%。2、卫生健康支出（类） 121.86 万元。") == [
        ("function_class", ("一般公共服务支出",), ("一般公共服务支出",), Decimal("1018.41")),
        ("function_class", ("卫生健康支出",), ("卫生健康支出",), Decimal("121.86"))]


def test_a_class_with_its_kuan_and_a_kuan_alone():
    found = _classes("1、社会保障和就业支出（类）行政事业单位养老支出（款）88.00 万元；2、医疗保障（款）5.00 万元。")
    assert found == [
        ("function_class", ("社会保障和就业支出", "行政事业单位养老支出"), ("社会保障和就业支出", "行政事业单位养老支出"),
         Decimal("88.00")),
        ("function_kuan", ("医疗保障",), ("医疗保障",), Decimal("5.00"))]


def test_an_unnumbered_paragraph_is_one_item():
    assert _classes("住房保障支出（类）100.85 万元。") == [("function_class", ("住房保障支出",), ("住房保障支出",),
                                                    Decimal("100.85"))]
    # a paragraph that numbers its items is read at its numbers only
    assert _classes("合计：住房保障支出（类）。1、卫生健康支出（类）3.00 万元。") == [
        ("function_class", ("卫生健康支出",), ("卫生健康支出",), Decimal("3.00"))]


def test_an_item_without_an_amount_and_the_next_items_amount():
    assert _classes("1、住房保障支出（类）。2、卫生健康支出（类）3.00 万元。") == [
        ("function_class", ("住房保障支出",), ("住房保障支出",), None),
        ("function_class", ("卫生健康支出",), ("卫生健康支出",), Decimal("3.00"))]


def test_an_item_that_goes_on_to_a_xiang_is_not_a_class_item():
    text = "1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）：预算数为 1,018.41 万元。"
    assert _classes(text) == []
    assert _classes("1、一般公共服务支出（类）事业运行（项）1.00 万元。") == []
    # a second 类 after the first ends the item (the first is read)
    assert _classes("1、住房保障支出（类）卫生健康支出（类）2.00 万元。") == [
        ("function_class", ("住房保障支出",), ("住房保障支出",), Decimal("2.00"))]


def test_not_a_name_not_an_item():
    assert _classes("1、本单位的一般公共服务支出，即（类）1.00 万元。") == []
    assert _classes("1、" + "很" * 41 + "（类）1.00 万元。") == []


def test_another_section_is_not_read():
    narrative = _narrative("1、住房保障支出（类）100.85 万元。")
    other = Section("四", "四、支出预算情况说明", CellRef("说明", 9, 0))
    p = Paragraph("1、卫生健康支出（类）3.00 万元。", CellRef("说明", 10, 0), section="四")
    other.paragraphs.append(p)
    narrative.sections.append(other)
    narrative.paragraphs += [Paragraph(other.title, other.cell, section="四"), p]
    assert [st.names for st in read_statements(narrative, SENTENCES) if st.subject == "function_class"] == \
        [("住房保障支出",)]


def test_codes_take_the_core_class_items(seed_doc):
    """Seed 000's 五（一）: four 类 items, each named where it is printed; their names tie to 表5's codes."""
    document = seed_doc("000", "split")
    items = class_items(document)
    assert [(item.names, item.amount, item.head) for item in items] == [
        ({"类": "一般公共服务支出"}, Decimal("1018.41"), "一般公共服务支出（类）"),
        ({"类": "社会保障和就业支出"}, Decimal("138.70"), "社会保障和就业支出（类）"),
        ({"类": "卫生健康支出"}, Decimal("121.86"), "卫生健康支出（类）"),
        ({"类": "住房保障支出"}, Decimal("100.85"), "住房保障支出（类）")]
    assert all(item.starts == {"类": 0} and item.paragraph.section == "五" for item in items)
    occurrences = [o for o in narrative_occurrences(document, load(), document.year) if o.level == "类"
                   and o.row.endswith("（类）") and "款" not in o.row]
    assert [(o.code, o.name) for o in occurrences] == [("201", "一般公共服务支出"), ("208", "社会保障和就业支出"),
                                                       ("210", "卫生健康支出"), ("221", "住房保障支出")]
