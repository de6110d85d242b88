"""The narrative re-flow's line-end rules (checker/core/reader/pdf.py, _paragraphs), on lines placed
as headless LibreOffice prints a Xinjiang 情况说明 sheet (11-point text, the text column 55–485
points, the widest page of the document a landscape 名词解释 reaching 717): where a line that ends
a clause (：；) ends its paragraph, and where a heading ends."""
from __future__ import annotations

import pytest

pytest.importorskip("pdfplumber")

from checker.core.reader.pdf import _Line, _paragraphs  # noqa: E402

SIZE, MARGIN, EDGE, WIDEST = 11.0, 55.0, 485.0, 717.0


def _lines(*placed: tuple[str, float]) -> list[_Line]:
    """(text, where it ends) a line, 2 points apart, each starting at the margin."""
    out, top = [], 100.0
    for text, x1 in placed:
        out.append(_Line(MARGIN, x1, top, top + SIZE, text))
        top += SIZE + 2
    return out


def _read(lines: list[_Line], prev=None, carried: str = "") -> list[str]:
    return [text for _, text, _ in _paragraphs(lines, MARGIN, WIDEST, prev, carried)]


def test_a_clause_ended_where_the_next_word_had_room_ends_its_paragraph():
    lines = _lines(("新疆维吾尔自治区政务服务和公共资源交易中心 2024 年一般公共预算拨款合计", EDGE),
                   ("1,379.81 万元，其中：", 173), ("基本支出 1,379.81 万元，比上年预算增加 21.87 万元。", 400))
    assert _read(lines) == ["新疆维吾尔自治区政务服务和公共资源交易中心 2024 年一般公共预算拨款合计1,379.81 万元，其中：",
                            "基本支出 1,379.81 万元，比上年预算增加 21.87 万元。"]


@pytest.mark.parametrize("x1", [480, 469])
def test_a_clause_ended_where_the_next_number_would_not_fit_goes_on(x1):
    # "…事业运行（项）：2024 年预算数为…" typed as one paragraph: "2024" (about 24 points) did not fit
    lines = _lines(("1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）：", x1),
                   ("2024 年预算数为 1,018.41 万元，比上年预算增加 15.73 万元。", 400), ("下一段。", 100))
    assert _read(lines)[0].endswith("（项）：2024 年预算数为 1,018.41 万元，比上年预算增加 15.73 万元。")


def test_a_clause_ended_at_the_edge_before_a_chinese_character_goes_on():
    lines = _lines(("收入预算包括：一般公共预算、单位资金、财政拨款结转结余；支出预算包括：", EDGE - 4),
                   ("一般公共服务支出。", 200))
    assert len(_read(lines)) == 1


def test_a_full_stop_short_of_the_pages_own_edge_ends_its_paragraph():
    lines = _lines(("按照全口径预算的原则，所有收入和支出均纳入单位预算管理。", 440), ("收入预算包括：一般公共预算。", 300))
    assert len(_read(lines)) == 2


def test_a_sentence_cut_over_rows_without_punctuation_goes_on():
    # a paragraph typed a piece a row, cut mid-sentence: each piece ends short, none ends a sentence
    lines = _lines(("单位资金 7,929.93 万元，占 42.25%，比上年预算增加", 330), ("943.36 万元，增长 13.50%。", 200))
    assert _read(lines) == ["单位资金 7,929.93 万元，占 42.25%，比上年预算增加943.36 万元，增长 13.50%。"]


def test_a_heading_printed_a_row_apart_ends_there_though_its_line_is_full():
    head = _lines(("一、关于新疆维吾尔自治区政务服务和公共资源交易中心 2024 年收支预算情况总体说明", EDGE))[0]
    body = _Line(MARGIN, 300, head.bottom + 21, head.bottom + 21 + SIZE, "按照全口径预算的原则，收支总预算 18,767.18 万元。")
    after = _Line(MARGIN, 200, body.bottom + 2, body.bottom + 2 + SIZE, "收入预算包括：一般公共预算。")
    tight = _Line(MARGIN, 150, after.bottom + 2, after.bottom + 2 + SIZE, "支出预算包括：基本支出。")
    assert _read([head, body, after, tight])[:2] == [head.text, body.text]


def test_a_heading_wrapped_onto_the_next_page_ends_after_its_last_piece():
    # "十一、关于…结余预算情" ends one page, "况说明" begins the next, then the paragraph under it
    prev = _Line(MARGIN, EDGE, 760, 771, "十一、关于新疆维吾尔自治区政务服务和公共资源交易中心 2024 年上年结转结余预算情")
    lines = _lines(("况说明", 88), ("新疆维吾尔自治区政务服务和公共资源交易中心 2024 年上年结转结余 9,457.44 万元。", 470))
    chunks = _paragraphs(lines, MARGIN, WIDEST, prev, prev.text)
    assert [(c[0], c[1]) for c in chunks] == [(True, "况说明"), (False, lines[1].text)]
    # without the text carried from the page before, "况说明" is not known for a heading's end
    assert len(_paragraphs(lines, MARGIN, WIDEST, prev, "")) == 1


def test_a_page_opening_with_a_wrapped_line_ending_in_a_heading_word_goes_on_with_the_narrative():
    # a page of the 情况说明 begins "……机关运行经费财政拨款预算" (…预算$ reads as a part's heading),
    # full to the edge but for the width of "121.35", which begins the next line at the same margin
    from checker.core.reader.pdf import _GridBuilder, _runs_on

    lines = _lines(("新疆维吾尔自治区政务服务和公共资源交易中心 2024 年的机关运行经费财政拨款预算", 474),
                   ("121.35 万元，比上年预算减少 11.44 万元，下降 8.62%。主要原因是严格落实“过紧", 481),
                   ("日子”相关要求，进一步压减机关运行经费支出。", 297))
    narrative = _GridBuilder("情况说明", 21)
    assert _runs_on(lines, narrative)
    assert not _runs_on(lines, None)                   # nothing to go on from: the page opens a part
    # a heading standing alone: the line after it had room for its first word, or opens a section
    alone = _lines(("第三部分 2024 年单位预算情况说明", 250), ("一、关于收支预算情况的总体说明", 230))
    assert not _runs_on(alone, narrative)
    assert not _runs_on(lines[:1], narrative)
