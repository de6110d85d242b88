"""What the checks work out once (per text, per grid, per check) gives what working it out each
time gave: the shortcuts taken for speed (issue 19) against the plain computation they replace."""
from __future__ import annotations

import html
import re
import unicodedata

import pytest

from checker.core.cells import CellRef
from checker.core.context import CheckContext
from checker.core.grid import SheetGrid
from checker.core.model import Narrative, Paragraph
from checker.core.reader.tables import TitleScan, find_titles
from checker.core.statements import clauses, read_statements
from checker.core.text import clean, norm
from checker.plugins.templates.xinjiang import PROFILE as XINJIANG
from checker.plugins.yoy.text import MappedText

TEXTS = ["一般公共预算拨款收入 1,379.81 万元，比上年增加 12.00 万元（增长 5%）。", "", "abc", "  表  1 ",
         "① ㎡ 十 … ＡＢ　ｃ", "e\u0301 x\u3000y\tz", "a\nb", "<b>部门</b>收支", "R&amp;D 收&支", "3.5万元 ", "\u00a0空格"]


def plain_clean(value: object) -> str:
    """core.text.clean as it was before its shortcuts: every text through the regexes."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"</?(b|p|br|strong|span)[^>]*>", "", str(value), flags=re.I)
    text = re.sub(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});", lambda m: html.unescape(m.group(0)), text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("value", TEXTS + [0, 7, -12, 3.0, 2.5, -0.0, 1e20, 1.5e-7, True, None])
def test_clean_and_norm_give_what_the_regexes_give(value):
    assert clean(value) == plain_clean(value)
    assert norm(value) == re.sub(r"\s+", "", unicodedata.normalize("NFKC", plain_clean(value)))


def char_by_char(original: str) -> tuple[str, list[int]]:
    text = clean(original)
    chars, pos = [], []
    for i, ch in enumerate(text):
        for n in unicodedata.normalize("NFKC", ch):
            if not n.isspace():
                chars.append(n)
                pos.append(i)
    return "".join(chars), pos


@pytest.mark.parametrize("original", TEXTS)
def test_a_mapped_text_maps_each_character_as_normalising_it_alone_does(original):
    for _ in range(2):                  # the second is the remembered one
        mapped = MappedText(original)
        text, pos = char_by_char(original)
        assert (mapped.text, mapped._pos) == (text, pos)
        if text:
            assert mapped.source(0, len(text)) == clean(original).strip()


def test_a_character_that_becomes_several_keeps_its_place():
    mapped = MappedText("共①项 ㎡")        # ① → 1, ㎡ → m2: the map is made with the text
    assert mapped.text == "共1项m2"
    assert mapped.source(3, 5) == "㎡" and mapped.source(1, 2) == "①"


def test_figures_read_once_belong_to_the_paragraph_asked_about():
    text = "1、一般公共服务支出 120.00 万元，占 10.00%；2、教育支出 30.00 万元。"
    first, second = Paragraph(text, CellRef("说明", 3, 0)), Paragraph(text, CellRef("说明", 9, 0))
    figures = [st for st in read_statements(Narrative(paragraphs=[first, second]), XINJIANG.sentences)
               if st.subject == "figure"]
    facts_first = [st for st in figures if st.paragraph is first]
    facts_second = [st for st in figures if st.paragraph is second]
    assert [f.printed for f in facts_first] == [f.printed for f in facts_second] == [
        "1、一般公共服务支出 120.00 万元", "2、教育支出 30.00 万元"]
    assert len(figures) == 4
    assert facts_first[0].share is not None and facts_first[0].share_printed == "占 10.00%"
    cut = clauses(text)
    cut.append((99, "changed by a caller"))         # a caller's list is its own
    assert (99, "changed by a caller") not in clauses(text)


def test_an_amount_cell_is_never_a_title_and_text_still_is():
    title = "部门收支总体情况表"
    rows = [[title, None], ["单位：万元", None], [2025, 1.5], ["项目", "预算数"]]
    grid = SheetGrid(name="表1", rows=rows)
    hits = find_titles(grid, [XINJIANG])
    assert [(h.row, h.title) for h in hits] == [(0, title)]
    scan = TitleScan(grid, [XINJIANG])
    assert scan.hits() == hits
    assert all(type(grid.rows[r][c]) is str for r, c in scan._titles)      # the amounts were not asked


def test_the_codes_lists_are_built_once_per_check(monkeypatch):
    import checker.plugins.codes as codes

    built = []
    real = codes.reference

    def counting(hooks=None, year=None):
        built.append(year)
        return real(hooks, year)

    monkeypatch.setattr(codes, "reference", counting)
    context = CheckContext(year=2025)
    names = codes.checker_classification_names(kind="function", year=2025, context=context)
    again = codes.checker_classification_names(kind="economic", year=2025, context=context)
    assert names and again and "201" in names
    assert built == [2025]
    codes.checker_classification_names(kind="function", year=2025, context=CheckContext(year=2025))
    assert built == [2025, 2025]          # a new check (context) builds its own
