"""Reading a published disclosure PDF (checker.core.reader.pdf) through the workbook reader's own
recognition: the six real Shanghai (普陀区) PDFs against their reviewed transcriptions, and the
ways a PDF cannot be read (each one Chinese line, exit status 2)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zlib
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("pdfplumber")

from checker.cli import cli, expand_paths  # noqa: E402
from checker.core.engine import Engine, make_plugin_manager  # noqa: E402
from checker.core.reader import read_workbook  # noqa: E402
from checker.core.reader.pdf import PdfGrid, load_pdf_grids  # noqa: E402
from checker.core.text import clean, norm  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "seeds_shanghai"))
from extract import SOURCES, shared_dir  # noqa: E402  (tests/seeds_shanghai/extract.py)
from test_shanghai_findings import PINS, SEEDS  # noqa: E402

SHARED = shared_dir()
needs_pdfs = pytest.mark.skipif(SHARED is None or not all((SHARED / f).is_file() for f in SOURCES.values()),
                                reason="the Shanghai PDFs (shared/seeds-shanghai) are not available")


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


@pytest.fixture(scope="module")
def seed_data_shanghai():
    def load(seed: str) -> dict:
        return json.loads((HERE / "seeds_shanghai" / f"{seed}.json").read_text(encoding="utf-8"))
    return load


@pytest.fixture(scope="module")
def pdf_doc(engine):
    cache = {}

    def read(seed: str):
        if seed not in cache:
            cache[seed] = read_workbook(SHARED / SOURCES[seed], templates=engine.templates)
        return cache[seed]

    return read


def _table_content(table) -> list[tuple]:
    """Every side's rows as (kind, label, code, amounts by column header): what the rules see."""
    out = []
    for side in table.sides:
        for row in side.rows:
            amounts = tuple((col.key, row.value(col)) for col in side.columns if row.amount(col) is not None)
            out.append((side.name, row.kind.name, norm(row.label), str(row.code or ""), amounts))
    return out


def _findings(engine, doc) -> Counter:
    """Findings at warning or error level as (rule, expected, actual): the locations differ (a PDF
    has pages, not the workbook's sheets), the substance must not."""
    return Counter((f.rule, f.expected, f.actual) for f in engine.check(doc) if f.severity.value != "info")


@needs_pdfs
@pytest.mark.parametrize("seed", SEEDS)
def test_the_pdf_reads_the_same_nine_tables_as_the_transcribed_workbook(engine, shanghai_path, pdf_doc, seed):
    doc = pdf_doc(seed)
    book = read_workbook(shanghai_path(seed), templates=engine.templates)
    assert doc.template.name == "shanghai"
    assert not doc.problems
    assert len(doc.tables) == 9
    assert set(doc.tables) == set(book.tables)
    for role, table in doc.tables.items():
        other = book.tables[role]
        assert len(table.rows) == len(other.rows), role
        totals = [r for r in table.rows if r.kind.name == "TOTAL"]
        assert [_table_content_row(r, table) for r in totals] == \
            [_table_content_row(r, other) for r in other.rows if r.kind.name == "TOTAL"], role
        assert _table_content(table) == _table_content(other), role
    assert (doc.unit, doc.kind, doc.year) == (book.unit, book.kind, book.year)
    # the 目录 (page 2), checked by hand: it lists the nine tables, numbered 1–9, under the titles
    # the tables print, so S009 has all nine to compare and finds nothing (the pins have no S009)
    assert [e.number for e in doc.contents] == list(range(1, 10))
    assert {e.role for e in doc.contents} == set(doc.tables)
    assert all(e.cell.sheet == "第2页 目录" for e in doc.contents)


@needs_pdfs
@pytest.mark.parametrize("seed", SEEDS)
def test_the_pdf_narrative_is_the_reviewed_transcription(engine, pdf_doc, seed_data_shanghai, seed):
    """Paragraph for paragraph, the 编制说明, 其他相关情况说明 and every project's 情况说明 (the
    workbook reads only its first project sheet, 项目经费情况说明, so the PDF is compared with the
    transcription itself), and the pages before them (主要职能, 机构设置, 名词解释) on grids of their own."""
    seed_json = seed_data_shanghai(seed)
    parts = seed_json["narrative"]
    expected = parts["编制说明"] + parts["其他相关情况说明"] + [p for project in parts["项目经费情况说明"] for p in project]
    assert [p.text for p in pdf_doc(seed).narrative.paragraphs] == [clean(p) for p in expected]
    grids = {g.name.split(" ", 1)[1]: g for g in load_pdf_grids(SHARED / SOURCES[seed]) if " " in g.name}
    for section in seed_json["sections"]:
        grid = grids[norm(section["title"]).replace(" ", "")]
        assert [clean(r[0]) for r in grid.rows[1:]] == [clean(p) for p in section["paragraphs"]], section["title"]


def _table_content_row(row, table) -> tuple:
    return norm(row.label), tuple(row.value(c) for c in table.columns if row.amount(c) is not None)


@needs_pdfs
@pytest.mark.parametrize("seed", SEEDS)
def test_the_pdf_findings_are_the_pinned_workbook_findings(engine, pdf_doc, seed):
    expected = Counter((rule, exp, act) for rule, _where, exp, act in PINS[seed])
    assert _findings(engine, pdf_doc(seed)) == expected


@needs_pdfs
def test_grids_are_named_by_their_pages_and_know_each_rows_page():
    grids = load_pdf_grids(SHARED / SOURCES["sh_wanli_2025"])
    names = [g.name for g in grids]
    # 表2 runs over pages 10 to 13 (its header repeated on none, its 合计 on 13); the 目录 (page 2) is skipped
    assert "第10-13页 2025年部门收入预算总表" in names
    assert "第6-8页 2025年部门预算编制说明" in names
    assert not any(n.startswith("第2页") for n in names)
    income = grids[names.index("第10-13页 2025年部门收入预算总表")]
    assert isinstance(income, PdfGrid)
    assert income.page_of(0) == 10 and income.page_of(income.height - 1) == 13
    assert income.rows[-1][0] == "合计" and income.rows[-1][4] == 189767551
    # the header's merged cells are merges, as in a workbook: 功能分类科目编码 over 类/款/项
    assert income.rows[3][0] == "功能分类科目编码" and (3, 0, 3, 2) in income.merges
    # a total row printed alone on the last page (a narrower ruled table) keeps its columns
    expense = grids[names.index("第14-18页 2025年部门支出预算总表")]
    assert expense.rows[-1] == ["合计", None, None, None, 189767551, 101341746, 88425805]
    assert expense.page_of(expense.height - 1) == 18
    # a line break inside a sentence is joined: 编制说明 item 1 is one paragraph
    explanation = grids[names.index("第6-8页 2025年部门预算编制说明")]
    assert explanation.rows[5][0].startswith("1. “一般公共服务支出（类）") and explanation.rows[5][0].endswith("。")


@needs_pdfs
def test_a_folder_of_pdfs_is_checked_and_a_pdfs_copy_must_be_a_pdf(tmp_path):
    pdf = tmp_path / "商务委.pdf"
    shutil.copy(SHARED / SOURCES["sh_commerce_dept_2025"], pdf)
    assert expand_paths((str(tmp_path),)) == [pdf]
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1, result.output      # S014 is an error on this document
    result = CliRunner().invoke(cli, ["run", str(pdf), "--annotate", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"错误：PDF 的标注副本应为 .pdf 文件：{tmp_path / 'out.xlsx'}。请改用如 --annotate out.pdf。"]
    assert not (tmp_path / "out.xlsx").exists()


# ------------------------------------------------------------------ PDFs that cannot be read

def minimal_pdf(text: bool = False, encrypt: bool = False, pages: tuple[str, ...] = (), inflates_to: int = 0) -> bytes:
    """A PDF written by hand: one page, blank (no text layer, as a scan without OCR reads) or with
    one line of text, or encrypted with an open password (the standard security handler with a
    /U entry the empty password does not match); or ``pages`` of "text" and "image" (a page that
    is one gray image covering it, no text: a scanned page). ``inflates_to``: the text page's
    content stream is FlateDecode-compressed, padded with spaces to inflate to that many bytes."""
    kinds = pages or ("text" if text else "blank",)
    n = len(kinds)
    # objects: 1 catalog, 2 pages, 3 font, 4 image, then (page, content) pairs
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(n)), n),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray"
            b" /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"]
    for i, kind in enumerate(kinds):
        content = {"text": b"BT /F1 24 Tf 72 720 Td (Hello) Tj ET", "image": b"q 595 0 0 842 0 0 cm /Im1 Do Q",
                   "blank": b""}[kind]
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                    b" /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> >>" % (6 + 2 * i))
        if inflates_to and kind == "text":
            packed = zlib.compress(content + b" " * (inflates_to - len(content)), 9)
            objs.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
            continue
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    if encrypt:
        objs.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objs) + 1)
    if encrypt:
        trailer += b" /Encrypt %d 0 R /ID [<" % len(objs) + b"ab" * 16 + b"> <" + b"ab" * 16 + b">]"
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _refused(path: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["run", str(path), *args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    lines = [ln.strip() for ln in result.output.splitlines() if ln.strip()]
    problem = [ln for ln in lines if ln.startswith("无法读取")]
    assert len(problem) == 1 and str(path) in problem[0], result.output
    return problem[0]


def test_a_pdf_without_a_text_layer(tmp_path):
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(minimal_pdf())
    assert "扫描件，没有文字层，无法读取；请提供带文字的 PDF 或原工作簿" in _refused(path)


def test_an_encrypted_pdf(tmp_path):
    path = tmp_path / "加密.pdf"
    path.write_bytes(minimal_pdf(encrypt=True))
    assert "PDF 设置了打开密码" in _refused(path)


def test_a_pdf_that_is_not_one_or_is_broken(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"PK\x03\x04 not a pdf at all")
    assert "不是 PDF 文件" in _refused(tmp_path / "a.pdf")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 5000 + b"\n%%EOF\n")
    assert "PDF 文件已损坏" in _refused(tmp_path / "b.pdf")
    (tmp_path / "c.pdf").write_bytes(b"")
    assert "文件是空的" in _refused(tmp_path / "c.pdf")


def test_a_scanned_page_inside_a_text_pdf_is_reported(tmp_path):
    path = tmp_path / "部分扫描.pdf"
    path.write_bytes(minimal_pdf(pages=("text", "image", "text")))
    result = CliRunner().invoke(cli, ["run", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    found = [f for f in json.loads(result.output)["files"][0]["findings"] if f["rule"] == "S005"]
    assert len(found) == 1 and "第2页是扫描图像，没有文字层" in found[0]["message"], found
    # a PDF of scans only is refused whole
    (tmp_path / "全扫描.pdf").write_bytes(minimal_pdf(pages=("image", "image")))
    assert "扫描件，没有文字层" in _refused(tmp_path / "全扫描.pdf")


def test_a_pdf_whose_compressed_content_inflates_past_the_limit(tmp_path):
    """A 1.5 MB content stream packed into a few KB: refused when the limit is 1 MB, read when 2 MB."""
    path = tmp_path / "炸弹.pdf"
    path.write_bytes(minimal_pdf(text=True, inflates_to=3 * 512 * 1024))
    assert path.stat().st_size < 20_000
    message = _refused(path, "--option", "max_uncompressed_mb=1")
    assert "解压后超过 1 MB" in message and "max_uncompressed_mb" in message
    result = CliRunner().invoke(cli, ["run", str(path), "--option", "max_uncompressed_mb=2"])
    assert result.exit_code == 1 and "S001" in result.output       # read: it has text, no tables


def test_a_pdf_with_text_but_no_tables_is_read_and_reported_as_such(tmp_path):
    path = tmp_path / "text.pdf"
    path.write_bytes(minimal_pdf(text=True))
    result = CliRunner().invoke(cli, ["run", str(path), "--format", "json"])
    assert result.exit_code == 1 and '"S001"' in result.output


@needs_pdfs
def test_a_truncated_pdf(tmp_path):
    data = (SHARED / SOURCES["sh_commerce_dept_2025"]).read_bytes()
    path = tmp_path / "截断.pdf"
    path.write_bytes(data[: len(data) * 2 // 3])
    assert "PDF 文件不完整" in _refused(path)


@needs_pdfs
def test_a_pdf_over_the_page_limit(tmp_path):
    path = tmp_path / "商务委.pdf"
    shutil.copy(SHARED / SOURCES["sh_commerce_dept_2025"], path)
    message = _refused(path, "--option", "max_pdf_pages=20")
    assert "超过上限 20 页" in message and "max_pdf_pages" in message


# ------------------------------------------------------------------ a workbook printed by LibreOffice

@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_a_built_workbook_printed_to_pdf_by_libreoffice(engine, shanghai_path, tmp_path):
    """The transcribed 政府办 unit workbook, set to print one page wide, exported to PDF by headless
    LibreOffice and read back: its nine tables are read exactly as from the workbook (LibreOffice
    draws the title and 编制单位 line inside the ruled grid; a table continued on the next page is
    joined). The narrative is not pinned: the merged 说明 cells print wider than the page, and the
    text beyond the page edges (the "1. “" opening each item) is clipped off the PDF, which the
    checker then rightly reports (S011, unmatched quotes) – a fault of that print, not of the
    document. Without the one-page-wide setting LibreOffice prints each wide table's right-hand
    columns on a following page, which the PDF reader does not put back together."""
    import openpyxl

    from checker.core.recalc import convert, soffice

    book_path = tmp_path / "sh_office_unit_2025.xlsx"
    wb = openpyxl.load_workbook(shanghai_path("sh_office_unit_2025"))
    for ws in wb:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    wb.save(book_path)
    try:
        [out] = convert(soffice(), [book_path], tmp_path, "pdf", ".pdf")
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"LibreOffice could not convert: {exc}")
    if not out.exists():
        pytest.skip("LibreOffice wrote no PDF")
    doc = read_workbook(out, templates=engine.templates)
    book = read_workbook(book_path, templates=engine.templates)
    assert doc.template.name == "shanghai" and not doc.problems
    assert set(doc.tables) == set(book.tables) and len(doc.tables) == 9
    for role, table in doc.tables.items():
        assert _table_content(table) == _table_content(book.tables[role]), role
    # the findings on the tables themselves (arithmetic A0xx, between tables A3xx, codes C) are the
    # workbook's: here A301, 表9 公务接待费 28.50 against 表8 18.50
    def on_tables(found: Counter) -> Counter:
        return Counter({f: n for f, n in found.items() if f[0][:2] in ("A0", "A3") or f[0][0] == "C"})
    assert on_tables(_findings(engine, doc)) == on_tables(_findings(engine, book)) == Counter({("A301", None, "28.50"): 1})


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_a_narrative_printed_with_running_header_and_page_numbers(tmp_path):
    """A 说明 written in Word (paragraphs not indented, each opening with its number) and exported
    to PDF by LibreOffice with a running header and a page number in the footer: over five pages
    the header and the numbers are dropped, and a paragraph broken by a page (or a line) end is
    one paragraph again, exactly as written."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from checker.core.recalc import soffice

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "上海市普陀区2025年部门预算"
    section.footer.paragraphs[0]._p.append(
        parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    sentence = "2025年“三公”经费预算数为37.91万元，比2024年预算减少10万元，主要原因是公务用车购置减少。"
    written = ["其他相关情况说明", "一、2025年“三公”经费预算情况说明"] + [
        f"（{'一二三四五六七八九十'[i % 10]}）第{i + 1}段。" + sentence * 3 for i in range(40)]
    for text in written:
        document.add_paragraph(text)
    source = tmp_path / "说明.docx"
    document.save(source)
    try:
        subprocess.run([soffice(), f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                       check=True, capture_output=True, timeout=180)
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"LibreOffice could not convert: {exc}")
    pdf = tmp_path / "说明.pdf"
    if not pdf.exists():
        pytest.skip("LibreOffice wrote no PDF")
    [grid] = load_pdf_grids(pdf)
    assert grid.name == "第1-5页 其他相关情况说明"
    assert [row[0] for row in grid.rows] == written
    assert grid.page_of(0) == 1 and grid.page_of(grid.height - 1) == 5


@needs_pdfs
def test_prior_year_pdf_of_wanli():
    """--prior takes a PDF too: 万里 2024 for 万里 2025, both as published, adds nothing (the changes
    the 2025 narrative states agree with the 2024 tables), as with the transcribed workbooks."""
    result = CliRunner().invoke(cli, ["run", str(SHARED / SOURCES["sh_wanli_2025"]), "--prior",
                                      str(SHARED / SOURCES["sh_wanli_2024"]), "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["files"][0]["findings"]
    assert not [f for f in findings if f["rule"].startswith("Y03")]
    assert Counter(f["rule"] for f in findings if f["severity"] != "info") == \
        Counter(rule for rule, _where, _e, _a in PINS["sh_wanli_2025"])


@pytest.fixture(scope="module")
def printed_as_it_is(engine, shanghai_path, tmp_path_factory):
    """The 政府办 unit workbook printed with the template's own page setup, the workbook, and the
    PDF's path."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed")
    from checker.core.recalc import convert, soffice

    source = shanghai_path("sh_office_unit_2025")
    try:
        [out] = convert(soffice(), [source], tmp_path_factory.mktemp("as_it_is"), "pdf", ".pdf")
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"LibreOffice could not convert: {exc}")
    return read_workbook(out, templates=engine.templates), read_workbook(source, templates=engine.templates), out


def test_a_workbook_printed_column_wise_is_joined_again(engine, printed_as_it_is):
    """Printed with the template's own page setup, LibreOffice puts each wide table's right-hand
    columns on the pages after its left-hand ones (down, then across: pages 11–12 the left of 表2,
    13–14 its right); the reader joins each right-hand page to its left-hand page by their rows
    (checker.core.reader.pdf_columns): all nine tables are recognised and read whole, and the
    table findings are the workbook's (the 说明's merged cells print wider than the page and
    are clipped, as in the test above, so the narrative is not compared)."""
    doc, book, _pdf = printed_as_it_is
    assert set(doc.tables) == set(book.tables) and len(doc.tables) == 9 and not doc.problems
    for role, table in doc.tables.items():
        assert _table_content(table) == _table_content(book.tables[role]), role

    def on_tables(found: Counter) -> Counter:
        return Counter({f: n for f, n in found.items() if f[0][:2] in ("A0", "A3") or f[0][0] == "C"})
    assert on_tables(_findings(engine, doc)) == on_tables(_findings(engine, book)) == Counter({("A301", None, "28.50"): 1})


def test_a_workbook_printed_column_wise_keeps_headers_cut_by_the_page(printed_as_it_is):
    """表1's and 表9's header cells merged across the page cut (本年支出, 预算数, 基本支出;
    公务用车购置及运行费) have no right-hand border on the left-hand page and no left-hand one on
    the right-hand page, so pdfplumber finds no cell for them; their text, printed on both pages,
    is put back over the columns they span (checker.core.reader.pdf_cut_headers), as the
    workbook's merged cells, and is not read a second time as a line beside the table."""
    from checker.core.model import TableRole

    doc, book, pdf = printed_as_it_is
    for role in (TableRole.SUMMARY, TableRole.THREE_PUBLIC):
        assert _table_content(doc.tables[role]) == _table_content(book.tables[role]), role
    grids = {g.name: g for g in load_pdf_grids(pdf)}
    summary, three = grids["第9页 2025年预算单位财务收支预算总表"], grids["第33页 2025年单位“三公”经费和机关运行经费预算表"]
    assert summary.rows[2:6] == [
        ["本年收入", None, "本年支出", None, None, None, None],
        ["项目", "预算数", "项目", "预算数", None, None, None],
        [None, None, None, "合计", "基本支出", None, "项目支出"],
        [None, None, None, None, "人员经费", "公用经费", None]]
    assert {(2, 2, 2, 6), (3, 3, 3, 6), (4, 4, 4, 5)} <= set(summary.merges)      # C6:G6, D7:G7, E8:F8
    assert three.rows[2:5] == [
        ["“三公”经费预算数", None, None, None, None, None, "机关运行经费预算数"],
        ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", None, None, None],
        [None, None, None, "小计", "购置费", "运行费", None]]
    assert {(2, 0, 2, 5), (3, 3, 3, 5)} <= set(three.merges)                         # A4:F4, D5:F5
    for grid, headers in ((summary, ("本年支出", "基本支出")), (three, ("公务用车购置及运行费", "“三公”经费预算数"))):
        texts = [v for row in grid.rows for v in row]
        assert all(texts.count(h) == 1 for h in headers), headers
