"""Paragraphs re-flowed on pages printed with margins of their own (checker/core/reader/pdf.py,
_page_margin): a workbook's sheets each carry their own page set-up, so one sheet prints centred
or scaled and its text starts further right than the next sheet's. A line that continues the line
above starts at its own page's margin, not at the leftmost margin of the document."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")

from checker.core.reader import pdf as reader  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from test_pdf_objects import write_pdf  # noqa: E402

COURIER = b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"     # 7.2 points a character at 12
FULL, SHORT = 60, 20           # characters in a line that runs to the right edge, in a paragraph's last


def _page(shift: float, paragraphs: list[list[str]]) -> bytes:
    """Each paragraph's first line indented 12 points, the others at the margin (72 + shift)."""
    ops, y = [], 760
    for lines in paragraphs:
        for n, text in enumerate(lines):
            x = 72 + shift + (12 if n == 0 else 0)
            ops.append(b"BT /F2 12 Tf %.1f %d Td (%s) Tj ET" % (x, y, text.encode()))
            y -= 14
    return b" ".join(ops)


def _lines(letter: str, count: int) -> list[str]:
    return [letter * FULL] * (count - 1) + [letter * SHORT]


def _paragraphs(pdf: Path) -> list[str]:
    return [str(row[0]) for g in reader.load_pdf_grids(pdf) for row in g.rows if row and row[0]]


def test_a_page_printed_further_right_keeps_its_paragraphs_whole(tmp_path):
    first = _page(0, [_lines("a", 3), _lines("b", 2)])
    second = _page(30, [_lines("c", 3), _lines("d", 2)])       # a sheet centred by its own set-up
    pdf = write_pdf(tmp_path / "margins.pdf", [(first, b""), (second, b"")], extra=[COURIER],
                    fonts=b"/F1 3 0 R /F2 8 0 R")
    assert _paragraphs(pdf) == ["".join(_lines(letter, n)) for letter, n in (("a", 3), ("b", 2), ("c", 3), ("d", 2))]


def test_a_page_without_a_plain_continuation_keeps_the_documents_margin(tmp_path):
    # the second page holds two indented paragraphs of one short line each: no line there
    # continues a full one, so nothing shows a margin of the page's own (its leftmost line is a
    # paragraph's indented first line, not a margin)
    first = _page(0, [_lines("a", 2)])
    second = b" ".join([b"BT /F2 12 Tf 84 760 Td (%s) Tj ET" % (b"f" * SHORT),
                        b"BT /F2 12 Tf 84 746 Td (%s) Tj ET" % (b"g" * SHORT)])
    pdf = write_pdf(tmp_path / "plain.pdf", [(first, b""), (second, b"")], extra=[COURIER],
                    fonts=b"/F1 3 0 R /F2 8 0 R")
    assert _paragraphs(pdf) == ["".join(_lines("a", 2)), "f" * SHORT, "g" * SHORT]
