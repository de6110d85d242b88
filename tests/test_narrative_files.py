"""The 情况说明 from a file given with --narrative (.txt, .md, .docx) reads like the sheet."""
from __future__ import annotations

import docx
import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.core.reader import read_workbook


def _write(path, paragraphs):
    if path.suffix == ".docx":
        d = docx.Document()
        for p in paragraphs:
            d.add_paragraph(p)
        d.save(path)
    elif path.suffix == ".md":
        path.write_text("\n\n".join(("## " + p) if p.startswith(("第", "一、", "二、")) else p for p in paragraphs),
                        encoding="utf-8")
    else:
        path.write_text("\n".join(paragraphs), encoding="gb18030" if "gbk" in path.name else "utf-8")


@pytest.mark.parametrize("name", ["说明.txt", "说明-gbk.txt", "说明.md", "说明.docx"])
def test_narrative_file_forms(tmp_path, seed_path, seed_data, seed_doc, name):
    paragraphs = seed_data("000")["narrative"]
    path = tmp_path / name
    _write(path, paragraphs)
    doc = read_workbook(seed_path("000", "split"), narrative_file=path)
    sheet_doc = seed_doc("000", "split")
    assert doc.narrative.source == str(path)
    assert [s.number for s in doc.narrative.sections] == [s.number for s in sheet_doc.narrative.sections]
    assert [p.text for p in doc.narrative.paragraphs] == [p.text for p in sheet_doc.narrative.paragraphs]
    para = doc.narrative.section("五", "三").paragraphs[0]
    assert para.cell.sheet == path.name and para.cell.row > 0


def test_missing_narrative_file_is_a_clear_error(tmp_path, seed_path):
    result = CliRunner().invoke(cli, ["run", str(seed_path("000", "split")), "--narrative", str(tmp_path / "无.docx")])
    assert result.exit_code == 2 and "情况说明文件不存在" in result.output


def test_unsupported_narrative_format(tmp_path, seed_path):
    path = tmp_path / "说明.pdf"
    path.write_bytes(b"%PDF-1.4")
    result = CliRunner().invoke(cli, ["run", str(seed_path("000", "split")), "--narrative", str(path)])
    assert result.exit_code == 2 and ".docx" in result.output
