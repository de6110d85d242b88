"""checker.core.pages on its own: which page a location's row is printed on."""
from __future__ import annotations

from checker.core.findings import Finding, Location
from checker.core.model import Disclosure
from checker.core.pages import locate_pages, page_of


def test_page_of_a_location():
    doc = Disclosure(path="x.pdf", source="pdf", row_pages={"第3-4页 表": [3, 3, 4]})
    assert page_of(doc, Location("第3-4页 表", "B3")) == 4
    assert page_of(doc, Location("第3-4页 表", "B9")) == 4        # past the last row: its last page
    assert page_of(doc, Location("第3-4页 表", "")) == 3          # the whole grid: where it starts
    assert page_of(doc, Location("第3-4页 表", "第二段")) is None   # not a cell address
    assert page_of(doc, Location("封面", "A1")) is None            # not a grid of the PDF


def test_locate_pages_leaves_a_workbook_alone_and_pages_a_pdf():
    finding = Finding("S009", "…", [Location("表", "A2", "表2", "行政运行"), Location("封面", "A1")])
    locate_pages(Disclosure(path="x.xlsx"), [finding])
    assert [loc.page for loc in finding.locations] == [None, None]
    locate_pages(Disclosure(path="x.pdf", row_pages={"表": [7, 8]}), [finding])
    assert [loc.page for loc in finding.locations] == [8, None]
    assert str(finding.locations[0]) == "第8页 表2 行政运行"
