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


SHANGHAI_SEEDS = ["sh_commerce_dept_2025", "sh_office_unit_2025", "sh_wanli_2025"]


def _shanghai_paragraphs(seed_id):
    import json
    from pathlib import Path

    data = json.loads((Path(__file__).parent / "seeds_shanghai" / f"{seed_id}.json").read_text(encoding="utf-8"))
    out = []
    for key in ("编制说明", "其他相关情况说明"):
        out.extend(data["narrative"].get(key, []))
    projects = data["narrative"].get("项目经费情况说明", [])
    for project in projects:
        out.extend(project)
    return out


def _statements(doc):
    return [(s.subject, s.amount, s.change, s.direction, s.percent, s.last, s.base, s.paragraph.part, s.quote)
            for s in doc.statements]


def _findings(doc):
    from checker.core.engine import Engine

    return sorted((f.rule, f.expected, f.actual) for f in Engine().check(doc)
                  if not f.rule.startswith("S0"))


@pytest.mark.parametrize("seed_id", SHANGHAI_SEEDS)
@pytest.mark.parametrize("suffix", [".docx", ".txt"])
def test_a_shanghai_narrative_file_is_read_by_its_parts(tmp_path, shanghai_path, seed_id, suffix):
    """Given with --narrative, a Shanghai 情况说明 is divided into the template's parts by their
    heading lines (编制说明, 其他相关情况说明, 项目经费情况说明), so the part-bound sentence shapes read
    the same statements, and the checks give the same findings, as from the workbook's part sheets."""
    workbook = shanghai_path(seed_id)
    path = tmp_path / f"说明{suffix}"
    _write(path, _shanghai_paragraphs(seed_id))
    from_sheets = read_workbook(workbook)
    from_file = read_workbook(workbook, narrative_file=path)
    assert {p.part for p in from_file.narrative.paragraphs} >= {"explanation", "other"}
    assert len(from_file.statements) > 10
    assert _statements(from_file) == _statements(from_sheets)
    assert _findings(from_file) == _findings(from_sheets)


def test_one_headed_part_is_not_divided(tmp_path, shanghai_path):
    """A file that heads only one part (the 编制说明 alone) is not divided: the heading alone cannot
    tell where another part would begin, and its sentences keep no part."""
    path = tmp_path / "说明.txt"
    _write(path, _shanghai_paragraphs("sh_wanli_2025")[:20])
    doc = read_workbook(shanghai_path("sh_wanli_2025"), narrative_file=path)
    assert {p.part for p in doc.narrative.paragraphs} == {""}
