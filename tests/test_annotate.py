"""The annotated copy (``checker run --annotate``) and ``checker clear``, without Excel.

The copy must carry the same marks the Excel add-in makes, leave the original file untouched,
open in a real spreadsheet program (headless LibreOffice renders it to PDF), and ``checker clear``
must give back every cell's value, fill and comment exactly.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.core.recalc import soffice
from checker.excel.annotate import annotate_copy, clear_file
from checker.excel.cli import register
from checker.core.findings import Severity
from checker.excel.layout import (FILL, FIRST_RESULT_ROW, HEADER_ROW, MARKS_SHEET, NO_FINDINGS, RESULTS_HEADER,
                                  RESULTS_SHEET, note_size, results_order, summary_text)
from checker.excel.marks import NOTE_TEXT, read_marks
from test_excel_support import OWN_FILL, OWN_NOTE, OWN_NOTE_AUTHOR, Targets, make_engine, prepare, read_findings

register(cli)   # as checker.cli.main() does

ERROR, WARNING = (c.lstrip("#") for c in FILL.values())


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(path: Path) -> dict:
    """Every cell openpyxl holds, with its value, fill and comment, sheet by sheet."""
    wb = openpyxl.load_workbook(path)
    # each distinct fill serialised once (a seed workbook has thousands of styled cells)
    fills = [ElementTree.tostring(fill.to_tree()) for fill in wb._fills]
    out = {}
    for ws in wb.worksheets:
        cells = {}
        for (r, c), cell in sorted(ws._cells.items()):
            comment = (cell.comment.text, cell.comment.author) if cell.comment else None
            cells[(r, c)] = (cell.value, fills[cell._style.fillId], comment)
        out[ws.title] = (ws.sheet_state, cells)
    return out


def rgb(cell) -> str:
    return cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else ""


@pytest.fixture
def annotated(seed_path, tmp_path) -> tuple[Path, Path, Targets, list]:
    source = tmp_path / "预算公开.xlsx"
    targets = prepare(seed_path("000", "split"), source)
    findings = read_findings(source, make_engine(targets.findings()))
    out = tmp_path / "预算公开-标注.xlsx"
    annotate_copy(source, out, findings)
    return source, out, targets, findings


def test_copy_has_the_results_sheet_fills_and_comments(annotated):
    source, out, targets, findings = annotated
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == RESULTS_SHEET and wb.active.title == RESULTS_SHEET
    assert [ws.title for ws in wb.worksheets if ws.sheet_view.tabSelected] == [RESULTS_SHEET]
    results = wb[RESULTS_SHEET]
    assert results["A1"].value == summary_text(findings)
    assert [c.value for c in results[HEADER_ROW]] == RESULTS_HEADER
    body = list(results.iter_rows(min_row=FIRST_RESULT_ROW, values_only=True))
    assert [row[1] for row in body] == [f.rule for f in results_order(findings)]
    levels = [row[2] for row in body]
    assert levels == sorted(levels, key=lambda level: ("错误" not in level, "警告" not in level))   # errors first
    assert results.auto_filter.ref == f"A{HEADER_ROW}:G{FIRST_RESULT_ROW + len(body) - 1}"
    for r, level in enumerate(levels, start=FIRST_RESULT_ROW):
        colour = results.cell(r, 3).fill.fgColor.rgb if results.cell(r, 3).fill.fill_type == "solid" else None
        expected = {"错误": FILL[Severity.ERROR], "警告": FILL[Severity.WARNING]}.get(level)
        assert colour == (f"00{expected.lstrip('#')}" if expected else None), (level, colour)
    row = next(r for r in range(FIRST_RESULT_ROW, results.max_row + 1) if results.cell(r, 7).value == "90.00")
    assert results.cell(r := row, 3).value == "错误"
    link = results.cell(r, 5)
    assert link.value == f"{targets.sheet}!{targets.error_cell}"
    assert link.hyperlink.location == f"'{targets.sheet}'!{targets.error_cell}"

    ws = wb[targets.sheet]
    assert rgb(ws[targets.error_cell]) == ERROR
    assert rgb(ws[targets.warning_cell]) == WARNING and rgb(ws[targets.title]) == WARNING
    assert rgb(ws[targets.both_cell]) == ERROR
    note = ws[targets.error_cell].comment.text
    assert note.startswith("【预算校验】\nA991 错误：合计 100.00 不等于各项之和 90.00。（建议值：90.00）")
    assert note.endswith(f"（原批注）\n{OWN_NOTE}")          # the cell's own note stays readable
    assert "A990 警告：与上年相比增长 35%，未作说明。" in ws[targets.warning_cell].comment.text
    # the note boxes are sized to their text (openpyxl does not read the sizes back: the VML has them)
    import zipfile

    with zipfile.ZipFile(out) as zf:
        vml = "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist() if n.endswith(".vml"))
    sizes = {(int(w), int(h)) for w, h in re.findall(r"width:(\d+)px;\s*height:(\d+)px", vml)}
    assert note_size(note) in sizes and note_size(ws[targets.warning_cell].comment.text) in sizes

    marks = wb[MARKS_SHEET]
    assert marks.sheet_state == "veryHidden"
    record = read_marks(marks.iter_rows(values_only=True))
    own = record[(targets.sheet, targets.error_cell)]
    assert own.fill == OWN_FILL and own.note == NOTE_TEXT
    assert (own.note_text, own.note_author) == (OWN_NOTE, OWN_NOTE_AUTHOR)
    assert set(record) == {(targets.sheet, c) for c in
                           (targets.error_cell, targets.warning_cell, targets.both_cell, targets.title)}


def test_the_original_is_not_touched(seed_path, tmp_path):
    source = tmp_path / "source.xlsx"
    targets = prepare(seed_path("001", "stacked"), source)
    digest, mtime = sha(source), source.stat().st_mtime_ns
    annotate_copy(source, tmp_path / "out.xlsx", read_findings(source, make_engine(targets.findings())))
    assert sha(source) == digest and source.stat().st_mtime_ns == mtime


@pytest.mark.parametrize("seed,layout", [(s, l) for s in ("000", "001", "003") for l in ("split", "stacked")])
def test_clear_restores_every_value_fill_and_comment(seed_path, tmp_path, seed, layout):
    source = tmp_path / "source.xlsx"
    targets = prepare(seed_path(seed, layout), source)
    from checker.core.engine import Engine, make_plugin_manager
    from test_excel_support import MarkPlugin

    # the real plugins as well: whatever they flag must be restored too
    engine = Engine(make_plugin_manager(extra=[MarkPlugin(targets.findings())]))
    out = tmp_path / "out.xlsx"
    annotate_copy(source, out, read_findings(source, engine))
    before = snapshot(source)
    assert snapshot(out) != before
    assert clear_file(out) >= 4
    assert snapshot(out) == before


def test_annotating_an_annotated_copy_equals_annotating_once(annotated, tmp_path):
    source, out, targets, findings = annotated
    again = tmp_path / "again.xlsx"
    annotate_copy(out, again, findings)
    assert snapshot(again) == snapshot(out)


def test_no_findings_still_writes_a_results_sheet(seed_path, tmp_path):
    out = tmp_path / "out.xlsx"
    annotate_copy(seed_path("000", "split"), out, [])
    wb = openpyxl.load_workbook(out)
    assert wb[RESULTS_SHEET].cell(FIRST_RESULT_ROW, 1).value == NO_FINDINGS
    assert MARKS_SHEET not in wb.sheetnames


def test_cli_annotate_then_clear(seed_path, tmp_path):
    source = tmp_path / "预算.xlsx"
    shutil.copy(seed_path("003", "split"), source)
    digest = sha(source)
    out = tmp_path / "预算-标注.xlsx"
    runner = CliRunner()
    result = runner.invoke(cli, ["run", str(source), "--annotate", str(out)])
    assert result.exit_code in (0, 1), result.output
    assert f"已写出标注副本：{out}（原文件未改动）" in result.stderr
    assert sha(source) == digest
    assert openpyxl.load_workbook(out).sheetnames[0] == RESULTS_SHEET

    result = runner.invoke(cli, ["clear", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"已清除 {out} 中的校验标记")
    assert snapshot(out) == snapshot(source)

    result = runner.invoke(cli, ["clear", str(out)])          # nothing left to clear
    assert result.exit_code == 0 and "没有校验标记，文件未改动" in result.output


@pytest.mark.parametrize("args,message", [
    (["clear", "{tmp}/没有这个文件.xlsx"], "错误：无法读取 {tmp}/没有这个文件.xlsx：文件不存在，请检查路径是否正确。"),
    (["clear", "{tmp}/notes.txt"], "错误：无法读取 {tmp}/notes.txt：无法作为 Excel 工作簿打开"),
    (["run", "{seed}", "--annotate", "{seed}"], "错误：标注副本不能覆盖原文件"),
    (["run", "{seed}", "--annotate", "{tmp}/out.xlsm"], "错误：标注副本的扩展名应与原文件一致（.xlsx）"),
])
def test_cli_errors_are_one_chinese_line_and_exit_2(seed_path, tmp_path, args, message):
    (tmp_path / "notes.txt").write_text("不是工作簿", encoding="utf-8")
    seed = tmp_path / "seed.xlsx"
    shutil.copy(seed_path("000", "split"), seed)
    fill = {"tmp": str(tmp_path), "seed": str(seed)}
    result = CliRunner().invoke(cli, [a.format(**fill) for a in args])
    assert result.exit_code == 2
    assert result.stderr.startswith(message.format(**fill))
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_libreoffice_opens_the_copy_and_renders_the_results_sheet(annotated, tmp_path):
    exe = soffice()
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot prove the copy opens in a spreadsheet program")
    source, out, targets, findings = annotated
    pdf_dir = tmp_path / "pdf"
    # a private profile: a LibreOffice the user has open would otherwise take over the conversion
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    subprocess.run([exe, profile, "--headless", "--convert-to", "pdf", "--outdir", str(pdf_dir), str(out)],
                   check=True, capture_output=True, timeout=180)
    pdf = pdf_dir / (out.stem + ".pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                              text=True).stdout
    else:
        # No poppler to read the PDF's text: the same LibreOffice renders the copy as HTML instead.
        subprocess.run([exe, profile, "--headless", "--convert-to", "html", "--outdir", str(pdf_dir), str(out)],
                       check=True, capture_output=True, timeout=180)
        html = (pdf_dir / (out.stem + ".html")).read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"<[^>]+>", " ", html).replace("&quot;", '"').replace("&amp;", "&")
    flat = "".join(text.split())
    assert "".join(summary_text(findings).split()) in flat
    assert "序号" in text and "建议值" in text
    assert "".join(f"{targets.sheet}!{targets.error_cell}".split()) in flat
    assert "合计100.00不等于各项之和90.00。" in flat


def test_a_sheet_of_the_users_named_like_the_results_sheet_is_never_replaced_or_deleted(seed_path, tmp_path):
    source = tmp_path / "own.xlsx"
    wb = openpyxl.load_workbook(seed_path("001", "split"))
    wb.create_sheet(RESULTS_SHEET)["A1"] = "我的核对记录"
    wb.save(source)
    runner = CliRunner()
    result = runner.invoke(cli, ["run", str(source), "--annotate", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("已有一张名为“校验结果”的工作表，但不是校验程序生成的。为免覆盖其内容，请先把它改名，再校验。")
    assert not (tmp_path / "out.xlsx").exists()
    digest = sha(source)
    result = runner.invoke(cli, ["clear", str(source)])
    assert result.exit_code == 0 and "没有校验标记，文件未改动" in result.output
    assert sha(source) == digest


def test_no_copy_is_written_when_the_workbook_cannot_be_read(tmp_path):
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"not a zip")
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(cli, ["run", str(broken), "--annotate", str(out)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == f"未写出标注副本 {out}：工作簿无法读取。"
    assert not out.exists()


@pytest.mark.parametrize("seed,layout", [(s, l) for s in ("000", "001", "003") for l in ("split", "stacked")])
def test_checking_an_annotated_copy_finds_what_checking_the_original_finds(seed_path, seed_doc, tmp_path, seed,
                                                                          layout):
    """The results sheet and the marks record are not part of the disclosure: a copy saved with its
    marks (or a workbook saved in Excel before clearing) checks exactly like the original."""
    from checker.core.engine import Engine
    from checker.core.reader import read_workbook

    engine = Engine()
    original = engine.check(seed_doc(seed, layout))
    out = tmp_path / "annotated.xlsx"
    annotate_copy(seed_path(seed, layout), out, original)
    again = engine.check(read_workbook(out))

    def key(f):
        return (f.rule, f.message, [(loc.sheet, loc.cell) for loc in f.locations])

    assert original and [key(f) for f in again] == [key(f) for f in original]
