"""The core's reader of the reason given for a change (checker.core.reasons): its words, whether
one is given at all, and its place in the paragraph as printed, which the year-over-year checks
consume (issue #13 item 1)."""
from __future__ import annotations

from checker.core.cells import CellRef
from checker.core.model import Paragraph
from checker.core.reasons import (Reason, joint_reason, numbered, reason_after, reason_before, reason_paragraph,
                                  split_leading)
from checker.core.text import MappedText, clean
from checker.plugins.yoy.statements import read_statements


def _p(text: str, row: int = 0) -> Paragraph:
    return Paragraph(text, CellRef("说明", row, 0), section="五")


def _after(text: str, change: str) -> Reason:
    p = _p(text)
    mt = MappedText(p.text)
    return reason_after(p, mt, mt.text.index(change) + len(change), len(mt.text))


def _printed_at(reason: Reason) -> str:
    """The reason's words cut out of the paragraph's cleaned text by its span."""
    a, b = reason.span
    return clean(reason.paragraph.text)[a:b]


def test_the_words_after_the_marker_with_their_place():
    r = _after("基本支出 5.00 万元，比上年增加 1.00 万元， 主要原因是 人员 增加。", "增加1.00万元")
    assert (r.text, r.printed, r.given) == ("人员增加", "人员 增加", True)
    assert _printed_at(r) == "人员 增加" and r and r.paragraph.cell.row == 0


def test_an_empty_reason_is_given_but_has_no_words():
    r = _after("基本支出比上年增加 1.00 万元，主要原因是。", "增加1.00万元")
    assert r.given and r.text == "" and not r and r.span == (0, 0)


def test_no_reason_when_none_is_written():
    r = _after("基本支出比上年增加 1.00 万元。", "增加1.00万元")
    assert not r.given and r.text == ""


def test_words_without_a_marker_are_the_reason():
    r = _after("基本支出比上年增加 1.00 万元，人员调入两名。", "增加1.00万元")
    assert (r.text, r.given) == ("人员调入两名", True)


def test_the_next_sentence_listing_other_figures_is_no_reason():
    r = _after("事业收入比上年增加 1.00 万元；其他收入 0.00 万元。", "增加1.00万元")
    assert not r.given and r.text == ""
    near = _after("事业收入比上年增加 1.00 万元；原因是新增项目。", "增加1.00万元")
    assert near.text == "新增项目"


def test_parts_that_follow_carry_the_reasons():
    assert not _after("“三公”经费比上年减少 8.00 万元，其中：公务接待费减少 8.00 万元。", "减少8.00万元").given


def test_a_reason_written_before_the_change():
    p = _p("由于人员增加，基本支出比上年增加 5.00 万元。")
    mt = MappedText(p.text)
    before, head = split_leading(mt.text[:mt.text.index("比上年")])
    assert (before, head) == ("由于人员增加", "基本支出")
    r = reason_before(p, mt, before, mt.text.index("比上年"))
    assert (r.text, r.printed, _printed_at(r)) == ("人员增加", "人员增加", "人员增加")
    assert split_leading("基本支出,其中人员") == ("", "基本支出,其中人员")


def test_a_paragraph_that_is_a_reason():
    found = reason_paragraph(_p("主要原因是：新增 培训项目。"))
    assert found is not None
    r, at = found
    assert (r.text, r.printed, at, _printed_at(r)) == ("新增培训项目", "新增 培训项目。", 6, "新增 培训项目。")
    assert reason_paragraph(_p("二、支出预算情况说明")) is None


def test_one_reason_for_the_changes_before_it():
    word, r = joint_reason(_p("财政拨款收入支出减少的主要原因是项目调整。"))
    assert (word, r.text, r.printed) == ("减少", "项目调整", "项目调整。")
    assert joint_reason(_p("主要原因是项目调整。")) is None


def test_numbered_reasons_go_on_in_the_next_paragraphs():
    paragraphs = [_p("比上年增加 3.00 万元，主要原因是：1.人员增加。", 0), _p("2.项目增加。", 1), _p("3.物价上涨。", 2),
                  _p("5.不是下一个编号。", 3)]
    mt = MappedText(paragraphs[0].text)
    first = reason_after(paragraphs[0], mt, mt.text.index("万元") + 2, len(mt.text))
    r, used = numbered(first, paragraphs, 0, lambda q: True)
    assert used == {1, 2} and r.more == (paragraphs[1], paragraphs[2])
    assert r.text == "1.人员增加。2.项目增加。3.物价上涨。" and r.paragraph is paragraphs[0]
    # another section ends it; a reason not numbered takes none
    assert numbered(first, paragraphs, 0, lambda q: q is not paragraphs[2])[1] == {1}
    plain = _after("比上年增加 3.00 万元，主要原因是人员增加。", "增加3.00万元")
    assert numbered(plain, paragraphs, 0, lambda q: True) == (plain, set())


def test_the_year_over_year_statements_take_the_cores_reason(seed_doc):
    """Seed 000's change statements: each reason is the core's, its span cutting its words out of
    the paragraph it begins in."""
    statements = read_statements(seed_doc("000", "split"))
    given = [st for st in statements if st.why.given]
    assert len(given) > 10
    for st in given:
        assert st.reason == st.why.printed and st.reason_text == st.why.text
        if st.why.text and st.why.paragraph is st.paragraph:
            assert _printed_at(st.why).startswith(st.reason[:4])


def test_one_joint_reason_for_the_shanghai_changes_before_it(shanghai_path):
    """sh_office_dept_2025's 编制说明: "财政拨款收入支出减少的主要原因是项目调整。" is the reason of each
    decrease stated before it in that section, and its place is that paragraph's."""
    from checker.core.reader import read_workbook

    statements = read_statements(read_workbook(shanghai_path("sh_office_dept_2025")))
    joint = [st for st in statements if st.reason_text == "项目调整"]
    assert joint and all(st.direction == -1 for st in joint)
    for st in joint:
        assert st.why.paragraph is not st.paragraph and _printed_at(st.why) == "项目调整。"
        assert st.why.paragraph.text.startswith("财政拨款收入支出减少的主要原因是")
