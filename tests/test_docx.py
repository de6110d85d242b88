"""A disclosure published as a Word document (checker.core.reader.docx), read through the workbook
reader's own recognition: the seed workbooks (Xinjiang in both layouts, Shanghai) saved as Word by
headless LibreOffice, a Word document typed the way a department writes one (titles and 编制单位
lines as paragraphs, merged header cells, a table broken into two Word tables, the narrative as
paragraphs under their headings), and the Word files that cannot be read (one Chinese line, exit 2)."""
from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

docx = pytest.importorskip("docx")

from checker.cli import cli, expand_paths  # noqa: E402
from checker.core.engine import Engine, make_plugin_manager  # noqa: E402
from checker.core.reader import read_workbook  # noqa: E402
from checker.core.reader.docx import load_docx_grids  # noqa: E402
from checker.core.workbook import load_grids  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from hostile import run_bounded, zip_bomb  # noqa: E402

HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
XINJIANG = [(seed, layout) for seed in ("000", "001", "003") for layout in ("split", "stacked")]
SHANGHAI = ["sh_commerce_dept_2025", "sh_commerce_unit_2025", "sh_office_dept_2025", "sh_office_unit_2025",
            "sh_wanli_2024", "sh_wanli_2025"]


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


def _findings(engine, doc) -> Counter:
    """Warnings and errors as (rule, expected, actual): the substance, not the locations."""
    return Counter((f.rule, f.expected, f.actual) for f in engine.check(doc) if f.severity.value != "info")


@pytest.fixture(scope="module")
def word_copies(seed_path, shanghai_path, tmp_path_factory):
    """Every seed workbook saved as Word by LibreOffice, as a user without Excel would: the workbook
    to HTML (Calc), the HTML opened in Writer and saved as .docx. Both steps in one soffice call
    each for all the workbooks. → {workbook path: docx path}."""
    if not HAS_SOFFICE:
        pytest.skip("LibreOffice is not installed")
    from checker.core.recalc import soffice

    books = [seed_path(seed, layout) for seed, layout in XINJIANG] + [shanghai_path(s) for s in SHANGHAI]
    work = tmp_path_factory.mktemp("word")
    profile = f"-env:UserInstallation=file://{work / 'profile'}"
    try:
        subprocess.run([soffice(), profile, "--headless", "--convert-to", "html", "--outdir", str(work / "html"),
                        *map(str, books)], check=True, capture_output=True, timeout=300)
        subprocess.run([soffice(), profile, "--headless", "--infilter=HTML (StarWriter)",
                        "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "docx"),
                        *[str(work / "html" / f"{b.stem}.html") for b in books]],
                       check=True, capture_output=True, timeout=300)
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"LibreOffice could not convert: {exc}")
    out = {b: work / "docx" / f"{b.stem}.docx" for b in books}
    if not all(p.exists() for p in out.values()):
        pytest.skip("LibreOffice wrote no .docx")
    return out


@pytest.mark.parametrize("seed,layout", XINJIANG)
def test_a_xinjiang_workbook_saved_as_word_gives_the_workbooks_findings(engine, seed_path, word_copies, seed, layout):
    book_path = seed_path(seed, layout)
    doc = read_workbook(word_copies[book_path], templates=engine.templates)
    book = read_workbook(book_path, templates=engine.templates)
    assert doc.template.name == "xinjiang" and not doc.problems
    assert set(doc.tables) == set(book.tables) and len(doc.tables) == 11
    assert (doc.unit, doc.kind, doc.year) == (book.unit, book.kind, book.year)
    assert [p.text for p in doc.narrative.paragraphs] == [p.text for p in book.narrative.paragraphs]
    assert len(doc.targets) == len(book.targets)
    found = _findings(engine, doc)
    assert found == _findings(engine, book) and sum(found.values()) >= 5


@pytest.mark.parametrize("seed", SHANGHAI)
def test_a_shanghai_workbook_saved_as_word_gives_the_workbooks_findings(engine, shanghai_path, word_copies, seed):
    from test_shanghai_findings import PINS

    doc = read_workbook(word_copies[shanghai_path(seed)], templates=engine.templates)
    book = read_workbook(shanghai_path(seed), templates=engine.templates)
    assert doc.template.name == "shanghai" and len(doc.tables) == 9 and not doc.problems
    for role, table in doc.tables.items():
        other = book.tables[role]
        assert [(r.label, [r.value(c) for c in table.columns]) for r in table.rows] == \
            [(r.label, [r.value(c) for c in other.columns]) for r in other.rows], role
    assert (doc.unit, doc.kind, doc.year) == (book.unit, book.kind, book.year)
    assert [p.text for p in doc.narrative.paragraphs] == [p.text for p in book.narrative.paragraphs]
    assert [(e.text, e.role, e.number) for e in doc.contents] == [(e.text, e.role, e.number) for e in book.contents]
    # every finding, infos too, with its level: the workbook's own, which are the pinned ones
    every = Counter((f.rule, f.severity.value, f.expected, f.actual) for f in engine.check(doc))
    assert every == Counter((f.rule, f.severity.value, f.expected, f.actual) for f in engine.check(book))
    assert _findings(engine, doc) == Counter((rule, exp, act) for rule, _where, exp, act in PINS[seed])


def test_word_grids_are_named_by_their_table_and_keep_merges(seed_path, word_copies):
    grids = load_docx_grids(word_copies[seed_path("000", "split")])
    names = [g.name for g in grids]
    # LibreOffice's sheet captions ("Sheet 5: 表2 …") name the grids; its list of sheets is the 目录
    assert "表格5 表2 单位收入总体情况表" in names and not any("Overview" in n for n in names)
    income = grids[names.index("表格5 表2 单位收入总体情况表")]
    header = next(r for r in range(income.height) if income.rows[r][0] == "功能分类科目编码")
    assert (header, 0, header, 2) in income.merges                # gridSpan 3 over 类/款/项
    assert (header, 3, header + 1, 3) in income.merges            # vMerge: 功能分类科目名称 over two rows
    assert income.rows[header + 1][:3] == ["类", "款", "项"]


# ------------------------------------------------------------------ typed the way a department does

def _typed_docx(book: Path, out: Path, split_after: int = 30) -> Path:
    """A Word document written from a workbook's sheets as a department types its disclosure: the
    cover and 目录 as paragraphs; a table's title and 编制部门/单位 line as paragraphs above a Word
    table holding its header and rows (merged cells merged in Word); a table longer than
    ``split_after`` rows broken into two Word tables, the second without a title (continued on the
    next page); each narrative sheet as paragraphs, its heading first."""
    document = docx.Document()
    for grid in load_grids(book):
        filled = [r for r in range(grid.height) if any(v is not None and str(v).strip() for v in grid.rows[r])]
        if not filled:
            continue
        if grid.width == 1:         # cover, 目录, narrative: one text a row, lines in a cell
            for r in filled:
                for line in str(grid.rows[r][0]).split("\n"):
                    if line.strip():
                        document.add_paragraph(line.strip())
            continue
        body = next(r for r in filled if sum(1 for v in grid.rows[r] if v is not None) >= 2
                    and not str(grid.rows[r][-1] or "").startswith("单位"))
        for r in filled:
            if r >= body:
                break
            texts = [str(v) for v in grid.rows[r] if v is not None]
            document.add_paragraph("    ".join(texts))
        rows = [r for r in range(body, grid.height)]
        chunks = [rows] if len(rows) <= split_after else [rows[:len(rows) // 2], rows[len(rows) // 2:]]
        for i, chunk in enumerate(chunks):
            if i:
                document.add_paragraph("")          # a page break in print; an empty line here
            table = document.add_table(rows=len(chunk), cols=grid.width)
            for j, r in enumerate(chunk):
                for c in range(grid.width):
                    v = grid.rows[r][c]
                    if v is not None:
                        table.cell(j, c).text = f"{v:,.2f}" if isinstance(v, float) else str(v)
            for r1, c1, r2, c2 in grid.merges:
                if chunk[0] <= r1 and r2 <= chunk[-1] and (r1, c1) != (r2, c2):
                    text = table.cell(r1 - chunk[0], c1).text
                    merged = table.cell(r1 - chunk[0], c1).merge(table.cell(r2 - chunk[0], c2))
                    merged.text = text
    document.save(out)
    return out


@pytest.fixture(scope="module")
def typed(shanghai_path, tmp_path_factory):
    book = shanghai_path("sh_wanli_2025")
    return book, _typed_docx(book, tmp_path_factory.mktemp("typed") / "万里2025.docx")


def test_a_word_document_typed_by_a_department_gives_the_pinned_findings(engine, typed):
    from test_shanghai_findings import PINS

    book_path, path = typed
    doc = read_workbook(path, templates=engine.templates)
    book = read_workbook(book_path, templates=engine.templates)
    assert doc.template.name == "shanghai" and len(doc.tables) == 9 and not doc.problems
    for role, table in doc.tables.items():
        assert len(table.rows) == len(book.tables[role].rows), role
    assert [p.text for p in doc.narrative.paragraphs] == [p.text for p in book.narrative.paragraphs]
    assert _findings(engine, doc) == Counter((rule, exp, act) for rule, _where, exp, act in PINS["sh_wanli_2025"])


def test_a_table_broken_into_two_word_tables_is_one_grid(typed):
    grids = load_docx_grids(typed[1])
    names = [g.name for g in grids]
    income = [g for g in grids if g.name.endswith("2025年部门收入预算总表")]
    assert len(income) == 1, names
    grid = income[0]
    assert grid.rows[-1][0] == "合计" and grid.rows[0][0] == "2025年部门收入预算总表"
    assert grid.rows[1][-1] == "单位：元" and grid.rows[1][0].startswith("编制部门：")
    # the 目录 is not a narrative grid: nothing is named by its lines
    assert not any("一、部门主要职能" in str(g.rows[0][0]) for g in grids)
    assert any(n.endswith(" 2025年部门预算编制说明") for n in names)


def test_a_folder_of_word_pdf_and_workbooks(tmp_path, typed, seed_path):
    shutil.copy(typed[1], tmp_path / "万里.docx")
    shutil.copy(seed_path("003", "split"), tmp_path / "交易中心.xlsx")
    (tmp_path / "~$万里.docx").write_bytes(b"lock")
    assert expand_paths((str(tmp_path),)) == [tmp_path / "万里.docx", tmp_path / "交易中心.xlsx"]
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1, result.output
    files = json.loads(result.output)["files"]
    assert [f["template"] for f in files] == ["shanghai", "xinjiang"]
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "万里.docx"), "--annotate", str(tmp_path / "out.docx")])
    assert result.exit_code == 2 and "暂不支持为 Word 文档生成标注副本" in result.output
    assert not (tmp_path / "out.docx").exists()


# ------------------------------------------------------------------ Word files that cannot be read

def _refused(path: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["run", str(path), *args])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    problem = [ln.strip() for ln in result.output.splitlines() if ln.strip().startswith("无法读取")]
    assert len(problem) == 1 and str(path) in problem[0], result.output
    return problem[0]


def encrypted_docx() -> bytes:
    """A password-protected .docx as Word writes one: not a zip but an OLE compound file holding
    the streams EncryptionInfo and EncryptedPackage (here 4 KB of zeros each, in regular
    sectors: sector 0 the FAT, 1 the directory, 2–9 and 10–17 the two streams)."""
    end, free, fat_sector, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    fat = [fat_sector, end] + list(range(3, 10)) + [end] + list(range(11, 18)) + [end]
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat) + struct.pack("<I", free) * (128 - len(fat))

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        raw = (name + "\0").encode("utf-16-le") if name else b""
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1) + struct.pack("<III", left, right, child)
                + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", start, size))

    directory = (entry("Root Entry", 5, nostream, nostream, 1, end, 0)
                 + entry("EncryptionInfo", 2, nostream, 2, nostream, 2, 4096)
                 + entry("EncryptedPackage", 2, nostream, nostream, nostream, 10, 4096)
                 + entry("", 0, nostream, nostream, nostream, 0, 0))
    return header + fat_bytes + directory + b"\0" * 8192


def test_word_files_that_are_not_readable(tmp_path, seed_path, typed):
    (tmp_path / "加密.docx").write_bytes(encrypted_docx())
    assert "Word 文档设置了打开密码" in _refused(tmp_path / "加密.docx")
    (tmp_path / "旧版.docx").write_bytes(encrypted_docx().replace("EncryptionInfo".encode("utf-16-le"),
                                                                 "WordDocument\0\0".encode("utf-16-le")))
    assert "旧版 Word 文档（.doc）" in _refused(tmp_path / "旧版.docx")
    data = typed[1].read_bytes()
    (tmp_path / "截断.docx").write_bytes(data[: len(data) // 2])
    assert "压缩包无法打开" in _refused(tmp_path / "截断.docx")
    (tmp_path / "文本.docx").write_text("这不是 Word 文档", encoding="utf-8")
    assert "不是 Word 文档" in _refused(tmp_path / "文本.docx")
    shutil.copy(seed_path("000", "split"), tmp_path / "工作簿.docx")       # a workbook renamed
    assert "没有 word/document.xml" in _refused(tmp_path / "工作簿.docx")
    (tmp_path / "空.docx").write_bytes(b"")
    assert "文件是空的" in _refused(tmp_path / "空.docx")


def test_a_word_document_without_tables_is_not_a_disclosure(tmp_path):
    document = docx.Document()
    document.add_paragraph("关于召开年度工作会议的通知")
    document.add_paragraph("各单位：定于下周一召开年度工作会议。")
    document.save(tmp_path / "通知.docx")
    message = _refused(tmp_path / "通知.docx")
    assert "没有任何表格，不像是预算公开文件" in message and "--narrative" in message


def test_a_damaged_word_document_body(tmp_path, typed):
    import zipfile

    with zipfile.ZipFile(typed[1]) as src, zipfile.ZipFile(tmp_path / "损坏.docx", "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            dst.writestr(item, body[: len(body) // 2] if item.filename == "word/document.xml" else body)
    assert "Word 文档已损坏，无法解析" in _refused(tmp_path / "损坏.docx")


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS: POSIX only")
def test_a_word_zip_bomb_is_refused_before_python_docx_opens_it(tmp_path):
    bomb = zip_bomb(tmp_path / "炸弹.docx", "word/document.xml", 60)
    assert bomb.stat().st_size < 200_000
    result = run_bounded(["run", str(bomb), "--option", "max_uncompressed_mb=50"], 1024, 60)
    err = result.stdout + result.stderr
    assert result.returncode == 2 and "Traceback" not in err, err
    line = next(ln for ln in err.splitlines() if "压缩炸弹" in ln)
    assert str(bomb) in line


def test_word_headings_cells_and_continued_tables(tmp_path):
    """Word's own heading styles start the narrative's parts (a numbered heading does not); a cell
    holding two paragraphs, a tab, a line break and a nested table keeps them as lines; a cell
    merged over columns with gridBefore and a malformed gridSpan; an empty table is ignored; a
    table with only a 单位 line above it continues the table before, the line kept as a row."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_heading("部门概况", level=1)
    document.add_heading("一、部门主要职能", level=2)
    document.add_paragraph("负责全区的统计工作。")
    document.add_paragraph("2025年部门收入预算总表")
    document.add_paragraph("编制部门：上海市普陀区统计局    单位：元")
    first = document.add_table(rows=2, cols=3)
    first.cell(0, 0).text, first.cell(0, 1).text, first.cell(0, 2).text = "项目", "金额", "备注"
    first.cell(1, 0).text, first.cell(1, 1).text = "统计事务", "1,200.50"
    first.cell(1, 2).paragraphs[0].add_run("第一行")
    first.cell(1, 2).add_paragraph("第二行")
    document.add_table(rows=1, cols=2)                      # empty: no grid, no number
    document.add_paragraph("单位：元")
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(          # before the closing sectPr
        f'<w:tbl {nsdecls("w")}><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        '<w:tc><w:tcPr><w:gridSpan w:val="x"/></w:tcPr><w:p><w:r><w:t>合</w:t><w:tab/><w:t>计</w:t></w:r></w:p></w:tc>'
        '<w:tc><w:p><w:r><w:t>上</w:t><w:br/><w:t>下</w:t></w:r></w:p>'
        f'<w:tbl><w:tr><w:tc><w:p><w:r><w:t>嵌套</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>'))
    document.save(tmp_path / "x.docx")
    grids = load_docx_grids(tmp_path / "x.docx")
    assert [g.name for g in grids] == ["第1段 部门概况", "表格1 2025年部门收入预算总表"]
    assert [r[0] for r in grids[0].rows] == ["部门概况", "一、部门主要职能", "负责全区的统计工作。"]
    table = grids[1].rows
    assert table[0][0] == "2025年部门收入预算总表"
    assert table[1] == ["编制部门：上海市普陀区统计局", None, "单位：元"]
    assert table[3] == ["统计事务", 1200.5, "第一行\n第二行"]
    assert table[4][0] == "单位：元"
    assert table[5] == [None, "合 计", "上\n下\n嵌套"]
