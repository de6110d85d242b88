"""Pages of a Word document (checker.core.reader.docx_pages): where the .docx records them, each
paragraph and table row gets the page it prints on, and findings say "第N页" / ``"page"``; where it
does not, nothing is said. The 万里 2025 disclosure typed as a department does (tests/test_docx.py's
``_typed_docx``) is given page breaks the three ways an author makes them (page break before, a hard
break, a section break) before the 目录, every part and table, every few paragraphs and table rows;
LibreOffice saves it as .docx again (it writes the breaks as ``w:br`` and ``w:sectPr``, and no
``w:lastRenderedPageBreak``) and prints it to PDF, which is the truth the pages are checked against.
Word's own record of its pages (``w:lastRenderedPageBreak``) is written into a document by hand, as
Word writes it, since Word is not available here."""
from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

docx = pytest.importorskip("docx")
pdfplumber = pytest.importorskip("pdfplumber")

from docx.enum.text import WD_BREAK  # noqa: E402
from docx.shared import Pt  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

from checker.cli import cli  # noqa: E402
from checker.core.reader.docx import load_docx  # noqa: E402
from checker.core.reader.pdf import _is_title  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_docx import _typed_docx  # noqa: E402

ROWS = 6            # a Word table's rows per page
PARAGRAPHS = 8      # the narrative's paragraphs per page
PART = re.compile(r"(主要职能|机构设置|名词解释|编制说明|其他相关情况说明|项目经费情况说明)$")


def _break_paragraph() -> object:
    return parse_xml(f'<w:p {nsdecls("w")}><w:r><w:br w:type="page"/></w:r></w:p>')


def _paged(typed: Path, out: Path) -> Path:
    """``typed`` with page breaks, on landscape A4 (see the module text)."""
    document = docx.Document(typed)
    body = document.element.body
    sect = body.find(qn("w:sectPr"))
    size = sect.find(qn("w:pgSz"))
    size.set(qn("w:w"), "16838"), size.set(qn("w:h"), "11906"), size.set(qn("w:orient"), "landscape")
    for tbl in list(body.iterchildren(qn("w:tbl"))):     # each ROWS rows a Word table of their own
        rows = list(tbl.iterchildren(qn("w:tr")))
        anchor = tbl
        for start in range(ROWS, len(rows), ROWS):
            part = copy.deepcopy(tbl)
            for tr in part.findall(qn("w:tr")):
                part.remove(tr)
            for tr in rows[start:start + ROWS]:
                part.append(tr)
            brk = _break_paragraph()
            anchor.addnext(brk)
            brk.addnext(part)
            anchor = part
    since, k = 0, 0
    for p in list(document.paragraphs):
        t = p.text.strip().replace(" ", "")
        if not t:
            continue
        since += 1
        start = t == "目录" or (_is_title(t) and "…" not in t) or (bool(PART.search(t)) and not re.match("^[一二三四五六七]、", t))
        if not start and since < PARAGRAPHS:
            continue
        since, k, prev = 0, k + 1, p._p.getprevious()
        if k % 3 == 0:
            p.paragraph_format.page_break_before = True
        elif k % 3 == 1 or prev is None or prev.tag != qn("w:p"):
            p._p.addprevious(_break_paragraph())
        else:           # the section before ends with the paragraph before (a next-page section)
            prev.get_or_add_pPr().append(copy.deepcopy(sect))
    document.save(out)
    return out


@pytest.fixture(scope="module")
def printed(shanghai_path, tmp_path_factory):
    """(the paged .docx as written, as LibreOffice saved it, the typed .docx without breaks as
    LibreOffice saved it, the PDF LibreOffice printed of the paged one)."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed")
    from checker.core.recalc import soffice

    work = tmp_path_factory.mktemp("word_pages")
    typed = _typed_docx(shanghai_path("sh_wanli_2025"), work / "unpaged.docx")
    paged = _paged(typed, work / "paged.docx")
    # one LibreOffice profile for the session's Word conversions (made once: its first start is slow)
    profile = f"-env:UserInstallation=file://{tmp_path_factory.getbasetemp() / 'word_profile'}"
    try:
        for target, out in (("docx:MS Word 2007 XML", "saved"), ("pdf", "pdf")):
            subprocess.run([soffice(), profile, "--headless", "--convert-to", target, "--outdir", str(work / out),
                            str(paged), *([str(typed)] if out == "saved" else [])],
                           check=True, capture_output=True, timeout=300)
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"LibreOffice could not convert: {exc}")
    found = (paged, work / "saved" / "paged.docx", work / "saved" / "unpaged.docx", work / "pdf" / "paged.pdf")
    if not all(p.exists() for p in found):
        pytest.skip("LibreOffice wrote no .docx or PDF")
    return found


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", str(text))


def _printed_pages(pdf: Path) -> list[str]:
    """Each page's text, squeezed."""
    with pdfplumber.open(pdf) as document:
        return [_squeeze(page.extract_text() or "") for page in document.pages]


@pytest.mark.parametrize("which", ["as written", "saved by LibreOffice"])
def test_each_paragraph_and_row_has_the_page_it_prints_on(printed, which):
    path = printed[0] if which == "as written" else printed[1]
    texts = _printed_pages(printed[3])
    loaded = load_docx(path)
    checked, unknown_from = _pages_checked(loaded, texts)
    assert checked["narrative"] >= 60 and checked["table"] >= 10, checked
    assert unknown_from is not None      # the long tables' header rows may run over: said nothing
    assert loaded.contents_pages[0] == 2 and len(texts) > 40


def _pages_checked(loaded, texts: list[str]) -> tuple[dict[str, int], object]:
    """Every paragraph and row given a page is printed on that page (``texts``: the PDF's pages);
    → how many paragraphs and rows were checked, and (grid, row) of the first given no page."""
    checked = {"narrative": 0, "table": 0}
    unknown_from = None
    for order, grid in enumerate(loaded.grids):
        pages = grid.row_pages or [None] * grid.height
        for r, row in enumerate(grid.rows):
            page = pages[r]
            filled = [v for v in row if v is not None and str(v).strip()]
            if page is None:
                unknown_from = unknown_from or (order, r)
                continue
            # pages are given up to where a page may have run over, never after it
            assert unknown_from is None, (grid.name, r)
            if len(filled) == 1 and isinstance(filled[0], str):        # a paragraph, a title line
                assert _squeeze(filled[0])[:12] in texts[page - 1], (grid.name, r, page)
                checked["narrative"] += 1
            else:
                label = next((_squeeze(v) for v in filled if isinstance(v, str) and not re.fullmatch(r"\d+", v)), None)
                if label:      # its first characters: a cell's text wraps in its narrow column
                    assert label[:3] in texts[page - 1], (grid.name, r, page, label)
                    checked["table"] += 1
    return checked, unknown_from


def test_findings_from_a_paged_word_document_name_their_page(printed):
    texts = _printed_pages(printed[3])
    result = CliRunner().invoke(cli, ["run", str(printed[1]), "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["files"][0]["findings"]
    c020 = next(f for f in findings if f["rule"] == "C020")      # in the 编制说明, pinned on the workbook
    page = c020["locations"][0]["page"]
    assert page is not None and "计划生育事务" in texts[page - 1]
    text = CliRunner().invoke(cli, ["run", str(printed[1])]).output
    assert f"第{page}页" in text


def test_a_word_document_that_records_no_pages_says_none(printed):
    loaded = load_docx(printed[2])
    assert not any(g.row_pages for g in loaded.grids) and not any(loaded.contents_pages)
    result = CliRunner().invoke(cli, ["run", str(printed[2]), "--format", "json"])
    findings = json.loads(result.output)["files"][0]["findings"]
    assert findings and all(loc["page"] is None for f in findings for loc in f["locations"])
    assert not re.search(r"第\d+页", CliRunner().invoke(cli, ["run", str(printed[2])]).output)


# ------------------------------------------------------------------ a seed saved as Word by LibreOffice

def _paged_by_sheet(came: Path, out: Path) -> Path:
    """LibreOffice's Word file of a workbook (each sheet a caption "Sheet N: …" and a Word table)
    on landscape A4 with each sheet on a new page ("page break before" on its caption), and each
    sheet's table broken by a hard page break wherever the next row would fill the page past
    three fifths by the reader's own height estimate (the caption and the break paragraph take
    the rest; tall narrative rows get a page of their own sooner than short table rows). Where the estimate is too low, the print shows it."""
    from checker.core.reader import docx_pages

    document = docx.Document(came)
    body = document.element.body
    size = body.find(qn("w:sectPr")).find(qn("w:pgSz"))
    size.set(qn("w:w"), "16838"), size.set(qn("w:h"), "11906"), size.set(qn("w:orient"), "landscape")
    for p in document.paragraphs:
        if re.match(r"^Sheet \d+:", p.text.strip()):
            p.paragraph_format.page_break_before = True
    walk = docx_pages.page_walk(document, body)
    for tbl in list(body.iterchildren(qn("w:tbl"))):
        parts: list[list] = [[]]
        filled = 0.0
        for tr in list(tbl.iterchildren(qn("w:tr"))):
            walk.row(tr, docx_pages.cell_widths(tr))
            height = walk.units[-1].height
            if parts[-1] and filled + height > 0.6 * walk.geometry.height:
                parts.append([])
                filled = 0.0
            parts[-1].append(tr)
            filled += height
        anchor = tbl
        for rows in parts[1:]:
            part = copy.deepcopy(tbl)
            for tr in part.findall(qn("w:tr")):
                part.remove(tr)
            for tr in rows:
                part.append(tr)
            brk = _break_paragraph()
            anchor.addnext(brk)
            brk.addnext(part)
            anchor = part
    document.save(out)
    return out


@pytest.fixture(scope="module")
def seed_in_word(seed_path, tmp_path_factory):
    """Xinjiang seed 000 (one table a sheet) saved as Word by LibreOffice as a user without Excel
    does (tests/test_docx.py: Calc's HTML opened in Writer and saved as .docx); that file given
    page breaks by :func:`_paged_by_sheet` and saved again by LibreOffice; and LibreOffice's PDF of it. → (as it came, paged and saved, PDF)."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed")
    from checker.core.recalc import soffice

    work = tmp_path_factory.mktemp("seed_word_pages")
    source = seed_path("000", "split")
    profile = f"-env:UserInstallation=file://{tmp_path_factory.getbasetemp() / 'word_profile'}"
    word = "docx:MS Word 2007 XML"
    try:
        subprocess.run([soffice(), profile, "--headless", "--convert-to", "html", "--outdir", str(work / "html"),
                        str(source)], check=True, capture_output=True, timeout=300)
        subprocess.run([soffice(), profile, "--headless", "--infilter=HTML (StarWriter)", "--convert-to", word,
                        "--outdir", str(work / "word"), str(work / "html" / f"{source.stem}.html")],
                       check=True, capture_output=True, timeout=300)
        came = work / "word" / f"{source.stem}.docx"
        paged = _paged_by_sheet(came, work / "paged.docx")
        for target, out in ((word, "saved"), ("pdf", "pdf")):
            subprocess.run([soffice(), profile, "--headless", "--convert-to", target, "--outdir", str(work / out),
                            str(paged)], check=True, capture_output=True, timeout=300)
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"LibreOffice could not convert: {exc}")
    found = (came, work / "saved" / "paged.docx", work / "pdf" / "paged.pdf")
    if not all(p.exists() for p in found):
        pytest.skip("LibreOffice wrote no .docx or PDF")
    return found


def test_a_seed_saved_as_word_by_libreoffice_records_no_pages(seed_in_word):
    """LibreOffice's Word file of a workbook holds no page break and no record of a rendering:
    no page is given, in the grids or in the findings."""
    loaded = load_docx(seed_in_word[0])
    assert loaded.grids and not any(g.row_pages for g in loaded.grids)
    result = CliRunner().invoke(cli, ["run", str(seed_in_word[0]), "--format", "json"])
    findings = json.loads(result.output)["files"][0]["findings"]
    assert findings and all(loc["page"] is None for f in findings for loc in f["locations"])


def test_a_seed_saved_as_word_by_libreoffice_and_paged_gives_the_printed_pages(seed_in_word):
    """The seed's Word file with the author's page breaks, saved again by LibreOffice: each table
    row (the narrative too: Calc's sheets are Word tables) given a page is printed on that page of
    LibreOffice's PDF of the same file, and the findings name those pages."""
    _came, saved, pdf = seed_in_word
    texts = _printed_pages(pdf)
    loaded = load_docx(saved)
    checked, unknown_from = _pages_checked(loaded, texts)
    # Calc's sheets are Word tables: a narrative row is one paragraph in a one-cell row
    assert checked["narrative"] >= 60 and checked["table"] >= 100, checked
    assert unknown_from is not None        # the 绩效目标表's rows may run over: said nothing
    result = CliRunner().invoke(cli, ["run", str(saved), "--format", "json"])
    findings = json.loads(result.output)["files"][0]["findings"]
    paged = [(f, loc) for f in findings for loc in f["locations"] if loc["page"] is not None]
    shown = 0
    for f, loc in paged:        # the row the finding names (its first two characters: a header label
        # wraps in its narrow column), or the figure it quotes, is on its page
        quoted = _squeeze(loc["row"])[:2] if loc["row"] else _squeeze(f["actual"] or "")
        if quoted:
            assert quoted in texts[loc["page"] - 1], (f["rule"], loc, f["actual"])
            shown += 1
    assert shown >= 3, paged


# ------------------------------------------------------------------ Word's record of its pages

def _rendered(path: Path) -> Path:
    """A document as Word saves it after laying it out: a w:lastRenderedPageBreak where each page
    began — in the middle of a paragraph, after a hard break (Word marks that page start too), in
    a table row — and a paragraph style with "page break before", a continuous section and one
    starting on an even page."""
    document = docx.Document()
    styles = document.styles.element
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="PartTitle"><w:name w:val="Part Title"/>'
                            '<w:basedOn w:val="Normal"/><w:pPr><w:pageBreakBefore/></w:pPr></w:style>'))
    styles.append(parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="PartTitle2"><w:name w:val="Part Title 2"/>'
                            '<w:basedOn w:val="PartTitle"/></w:style>'))
    document.add_paragraph("封面")                                                   # page 1
    p = document.add_paragraph("第一段，跨页")                                        # starts on 1
    p.add_run()._r.append(parse_xml(f'<w:lastRenderedPageBreak {nsdecls("w")}/>'))
    p.add_run("的后半段")
    document.add_paragraph("第二段")                                                 # 2
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    q = document.add_paragraph()
    q.add_run()._r.append(parse_xml(f'<w:lastRenderedPageBreak {nsdecls("w")}/>'))
    q.add_run("硬分页之后")                                                           # 3, not 4
    table = document.add_table(rows=3, cols=2)
    for r in range(3):
        table.cell(r, 0).text, table.cell(r, 1).text = f"行{r}", "1.00"
    cell = table.cell(2, 0).paragraphs[0]
    cell._p.insert(0, parse_xml(f'<w:r {nsdecls("w")}><w:lastRenderedPageBreak/></w:r>'))   # row 2 on 4
    big = document.add_paragraph().add_run("分节之前")                                # 4, in 16 pt
    big.font.size = Pt(16)
    big._r.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="x"/></w:rPr>'))       # a size that is no number: ignored
    body_sect = document.element.body.find(qn("w:sectPr"))
    for text, kind in (("连续分节之前", "continuous"), ("偶数页一节之前的末段", "evenPage")):      # both on 4
        last = document.add_paragraph(text)
        sect = copy.deepcopy(body_sect)
        sect.insert(0, parse_xml(f'<w:type {nsdecls("w")} w:val="{kind}"/>'))
        if kind == "evenPage":
            sect.remove(sect.find(qn("w:pgSz")))        # a section without its page size: the others' counts
        last._p.get_or_add_pPr().append(sect)
    document.add_paragraph("新的一节")                             # 6: page 5 left blank before the even page
    document.add_paragraph("其他相关情况说明", style=None).style = document.styles["Part Title 2"]   # 7
    document.save(path)
    return path


def test_word_s_record_of_its_pages(tmp_path):
    from checker.core.reader.docx import open_docx, _body, _paragraph_text
    from checker.core.reader.docx_pages import walk_document

    path = _rendered(tmp_path / "rendered.docx")
    document = open_docx(path)
    elements = list(_body(document.element.body))
    pages = walk_document(document, elements, _paragraph_text)
    texts = [(_paragraph_text(el).strip(), pages.of(el)) for el in elements if el.tag == qn("w:p")]
    assert [t for t in texts if t[0]] == [("封面", 1), ("第一段，跨页的后半段", 1), ("第二段", 2), ("硬分页之后", 3),
                                          ("分节之前", 4), ("连续分节之前", 4), ("偶数页一节之前的末段", 4),
                                          ("新的一节", 6), ("其他相关情况说明", 7)]
    table = next(el for el in elements if el.tag == qn("w:tbl"))
    assert [pages.of(tr) for tr in table.iterchildren(qn("w:tr"))] == [3, 3, 4]
    [grid, *_] = [g for g in load_docx(path).grids if g.row_pages]
    assert grid.row_pages[0] == 1
