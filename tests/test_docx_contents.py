"""A Word document's 目录 typed as plain paragraphs (or kept in the content control Word wraps a TOC
field in), read by checker.core.reader.docx as the document's list of tables and compared with its
tables (S009) like a PDF's: the 万里 2025 disclosure typed the way a department does
(tests/test_docx.py's ``_typed_docx``), its 目录 written in the ways people write one and once
edited to disagree with the tables, every variant saved again by headless LibreOffice."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from checker.core.engine import Engine, make_plugin_manager  # noqa: E402
from checker.core.reader import read_workbook  # noqa: E402
from checker.core.reader.docx import load_docx  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_docx import _typed_docx  # noqa: E402

VARIANTS = ("as_typed", "plain", "toc_field", "wrong")


def _contents_paragraphs(document) -> list:
    """The 目录's heading and its entries (the lines with a dot leader after it)."""
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.replace(" ", "") == "目录")
    end = next(i for i in range(start + 1, len(paragraphs)) if "…" not in paragraphs[i].text)
    return paragraphs[start:end]


def _entry(paragraphs, number: int):
    return next(p for p in paragraphs if re.match(rf"^\s*{number}\s*[.．]", p.text))


def _plain(document) -> None:
    """Entries without dot leaders, a page number after a few spaces ("1. 2025年…总表    7")."""
    for page, p in enumerate(_contents_paragraphs(document)[1:], start=3):
        p.text = f"{p.text.split('…')[0].strip()}    {page}"


def _toc_field(document) -> None:
    """The 目录 inside a block content control, as Word writes a TOC field."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    paragraphs = _contents_paragraphs(document)
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
                    '<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent/></w:sdt>')
    paragraphs[0]._p.addprevious(sdt)
    for p in paragraphs:
        sdt.find(qn("w:sdtContent")).append(p._p)


def _wrong(document) -> None:
    """表3 with last year in its name in the 目录 only, 表5 numbered 6, 表8 left out."""
    paragraphs = _contents_paragraphs(document)
    _entry(paragraphs, 3).text = "    3. 2024年部门支出预算总表  ……………………"
    five = _entry(paragraphs, 5)
    five.text = re.sub(r"^(\s*)5", r"\g<1>6", five.text)
    eight = _entry(paragraphs, 8)._p
    eight.getparent().remove(eight)


@pytest.fixture(scope="module")
def saved(shanghai_path, tmp_path_factory):
    """{variant: the .docx LibreOffice saved from it}, all in one soffice call."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed")
    from checker.core.recalc import soffice

    work = tmp_path_factory.mktemp("word_contents")
    typed = _typed_docx(shanghai_path("sh_wanli_2025"), work / "typed.docx")
    sources = []
    for name, edit in zip(VARIANTS, (None, _plain, _toc_field, _wrong)):
        document = docx.Document(typed)
        if edit is not None:
            edit(document)
        document.save(work / f"{name}.docx")
        sources.append(work / f"{name}.docx")
    try:
        # one LibreOffice profile for the session's Word conversions (made once: its first start is slow)
        profile = f"-env:UserInstallation=file://{tmp_path_factory.getbasetemp() / 'word_profile'}"
        subprocess.run([soffice(), profile, "--headless",
                        "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), *map(str, sources)],
                       check=True, capture_output=True, timeout=300)
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"LibreOffice could not convert: {exc}")
    out = {name: work / "out" / f"{name}.docx" for name in VARIANTS}
    if not all(p.exists() for p in out.values()):
        pytest.skip("LibreOffice wrote no .docx")
    return out


@pytest.fixture(scope="module")
def engine():
    return Engine(make_plugin_manager())


@pytest.mark.parametrize("variant", ["as_typed", "plain", "toc_field"])
def test_s009_near_miss_a_word_contents_that_agrees_with_the_tables(engine, saved, variant):
    doc = read_workbook(saved[variant], templates=engine.templates)
    assert len(doc.tables) == 9 and not doc.problems
    assert [e.number for e in doc.contents] == list(range(1, 10))
    assert all(e.cell.sheet == "目录" for e in doc.contents)
    assert doc.contents[1].text == "2. 2025年部门收入预算总表"       # no leader, no page number
    assert not [f for f in engine.check(doc) if f.rule == "S009"]


def test_s009_a_word_contents_that_disagrees_with_the_tables(engine, saved):
    doc = read_workbook(saved["wrong"], templates=engine.templates)
    assert len(doc.tables) == 9 and len(doc.contents) == 8
    found = [f for f in engine.check(doc) if f.rule == "S009"]
    messages = sorted(f.message for f in found)
    assert len(found) == 3, messages
    assert any(f.actual == "2024年部门支出预算总表" and f.expected == "2025年部门支出预算总表" for f in found)
    assert any(f.expected == "5" and f.actual == "6" for f in found)
    assert any("在文件中，但目录中没有列出" in m and "2025年部门一般公共预算基本支出部门预算经济分类预算表" in m for m in messages)


def test_the_word_contents_is_not_read_as_narrative(saved):
    """The 目录's lines are its list, not paragraphs of the narrative nor the next table's title."""
    loaded = load_docx(saved["plain"])
    assert loaded.contents[0] == "一、部门主要职能    3"
    texts = [str(v) for g in loaded.grids for row in g.rows for v in row if v is not None]
    assert not any(t.startswith("1. 2025年部门财务收支预算总表") for t in texts)


def test_a_table_typed_right_after_the_contents_keeps_its_title(tmp_path):
    """A 目录 that ends where the first table's title and 编制单位 line are typed: those lines head
    the table, the entries before them stay the 目录's."""
    document = docx.Document()
    for text in ("目录", "1．2025年部门财务收支预算总表……3", "2025年部门财务收支预算总表", "编制单位：某某局    单位：元"):
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=2)
    for c, (head, value) in enumerate((("项目", "一、财政拨款收入"), ("预算数", "100.00"))):
        table.cell(0, c).text, table.cell(1, c).text = head, value
    document.save(tmp_path / "t.docx")
    loaded = load_docx(tmp_path / "t.docx")
    assert loaded.contents == ["1．2025年部门财务收支预算总表……3"]
    [grid] = loaded.grids
    assert grid.name == "表格1 2025年部门财务收支预算总表" and grid.rows[1][0] == "编制单位：某某局"
    # an entry typed without leader or page number, right before a table that holds its own title
    document = docx.Document()
    for text in ("目录", "1．2025年部门财务收支预算总表"):
        document.add_paragraph(text)
    table = document.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate((("2025年部门财务收支预算总表", None), ("项目", "预算数"), ("一、财政拨款收入", "100.00"))):
        table.cell(r, 0).text = a
        if b:
            table.cell(r, 1).text = b
    document.save(tmp_path / "u.docx")
    loaded = load_docx(tmp_path / "u.docx")
    assert loaded.contents == ["1．2025年部门财务收支预算总表"] and loaded.grids[0].rows[0][0] == "2025年部门财务收支预算总表"
