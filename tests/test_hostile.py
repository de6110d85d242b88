"""Hostile and careless input: every way in is vetted before a reader allocates (core.vet), and
gets one Chinese line naming the file, exit status 2, within a time and memory bound; outputs never
land on an input (core.outputs)."""
from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import openpyxl
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from hostile import far_cells, merged, run_bounded, tall, write_workbook, zip_bomb, sheet_xml, TITLE  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS, FIFOs: POSIX only")

# a bound on a hostile file: refused long before this (a 1.9 KB file used to abort the process,
# another to grow past 15 GB)
MEMORY_MB = 1024
TIMEOUT = 60


def refused(result, path, words: str) -> None:
    err = result.stderr + result.stdout
    assert result.returncode == 2, err
    assert "Traceback" not in err and "panicked" not in err
    assert str(path) in err, err
    assert words in err, err
    line = next(ln for ln in err.splitlines() if words in ln)
    assert str(path) in line            # one line names the file and says what happened


@pytest.mark.parametrize("refs", [("XFD1048576",), ("XFD1", "A60000")])
def test_far_cells_are_refused_before_reading(tmp_path, refs):
    path = far_cells(tmp_path / "远.xlsx", *refs)
    assert path.stat().st_size < 4096
    result = run_bounded(["run", str(path)], MEMORY_MB, TIMEOUT)
    refused(result, path, "数据区域从 A1 延伸到")
    assert "max_sheet_cells" in result.stderr + result.stdout


def test_whole_sheet_merge_is_refused(tmp_path):
    path = merged(tmp_path / "合并.xlsx", "A1:XFD1048576")
    refused(run_bounded(["run", str(path)], MEMORY_MB, TIMEOUT), path, "合并单元格共覆盖")


def test_limit_can_be_raised_by_option(tmp_path):
    path = merged(tmp_path / "合并.xlsx", "A1:Z30000")       # 780,000 merged cells: over the default
    refused(run_bounded(["run", str(path)], MEMORY_MB, TIMEOUT), path, "合并单元格共覆盖")
    result = run_bounded(["run", str(path), "--option", "max_merged_cells=1000000"], 1536, TIMEOUT)
    assert result.returncode == 1, result.stderr     # read: only "no disclosure tables" findings
    assert "合并单元格" not in result.stdout + result.stderr


def test_zip_bomb_workbook(tmp_path):
    path = zip_bomb(tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", 60)
    refused(run_bounded(["run", str(path)], MEMORY_MB, TIMEOUT), path, "压缩炸弹")


def test_lying_zip_directory_is_caught_while_streaming(tmp_path):
    # parts well within the ratio, but more decompressed data than the limit allows: counted as read
    path = tall(tmp_path / "大.xlsx", 40_000)
    result = run_bounded(["run", str(path), "--option", "max_uncompressed_mb=1"], MEMORY_MB, TIMEOUT)
    refused(result, path, "解压后超过 1 MB")


def test_docx_bomb_as_narrative(tmp_path, seed_path):
    bomb = zip_bomb(tmp_path / "说明.docx", "word/document.xml", 60)
    result = run_bounded(["run", str(seed_path("000", "split")), "--narrative", str(bomb)], MEMORY_MB, TIMEOUT)
    refused(result, bomb, "压缩炸弹")


def test_prior_is_vetted(tmp_path, seed_path):
    prior = far_cells(tmp_path / "上年.xlsx", "XFD1048576")
    result = run_bounded(["run", str(seed_path("000", "split")), "--prior", str(prior)], MEMORY_MB, TIMEOUT)
    refused(result, prior, "数据区域从 A1 延伸到")


def test_clear_is_vetted(tmp_path):
    path = far_cells(tmp_path / "远.xlsx", "XFD1048576")
    refused(run_bounded(["clear", str(path)], MEMORY_MB, TIMEOUT), path, "数据区域从 A1 延伸到")


def test_codes_import_is_vetted(tmp_path):
    path = far_cells(tmp_path / "科目表.xlsx", "XFD1048576")
    result = run_bounded(["codes", "import", str(path), "--year", "2025"], MEMORY_MB, TIMEOUT,
                         env={"CHECKER_DATA_DIR": str(tmp_path / "data")})
    refused(result, path, "数据区域从 A1 延伸到")
    assert not (tmp_path / "data" / "codes").exists() or not any((tmp_path / "data" / "codes").iterdir())


@pytest.mark.parametrize("kind", ["fifo", "devzero"])
def test_non_regular_files(tmp_path, kind):
    if kind == "fifo":
        path = tmp_path / "管道.xlsx"
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    refused(run_bounded(["run", str(path)], MEMORY_MB, 30), path, "不是普通文件")
    refused(run_bounded(["clear", str(path)], MEMORY_MB, 30), path, "不是普通文件")


def test_fifo_as_narrative(tmp_path, seed_path):
    path = tmp_path / "说明.txt"
    os.mkfifo(path)
    result = run_bounded(["run", str(seed_path("000", "split")), "--narrative", str(path)], MEMORY_MB, 30)
    refused(result, path, "不是普通文件")


def test_folder_run_reports_the_hostile_file_and_goes_on(tmp_path, seed_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    far_cells(folder / "a-远.xlsx", "XFD1048576")
    merged(folder / "b-合并.xlsx", "A1:XFD1048576")
    os.mkfifo(folder / "c-管道.xlsx")
    shutil.copy(seed_path("000", "split"), folder / "d-正常.xlsx")
    result = run_bounded(["run", str(folder), "--format", "json"], MEMORY_MB, 120)
    assert result.returncode == 2, result.stderr
    import json
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert "数据区域" in files["a-远.xlsx"]["error"]
    assert "合并单元格" in files["b-合并.xlsx"]["error"]
    assert "不是普通文件" in files["c-管道.xlsx"]["error"]
    assert not files["d-正常.xlsx"].get("error") and files["d-正常.xlsx"]["findings"] is not None


def test_500k_row_sheet_is_read_within_bounds(tmp_path):
    path = tall(tmp_path / "五十万行.xlsx", 500_000)
    result = run_bounded(["run", str(path), "--format", "json"], 2048, 300)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr


# --- outputs ----------------------------------------------------------------------------------

from click.testing import CliRunner  # noqa: E402

from checker.cli import cli  # noqa: E402


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _input(tmp_path, seed_path) -> Path:
    path = tmp_path / "预算公开.xlsx"
    shutil.copy(seed_path("000", "split"), path)
    return path


@pytest.mark.parametrize("option", ["-o", "--annotate"])
@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink", "hardlink"])
def test_output_on_an_input_is_refused_before_any_work(tmp_path, seed_path, option, spelling):
    source = _input(tmp_path, seed_path)
    before = source.read_bytes()
    if spelling == "same":
        target = source
    elif spelling == "dotted":
        (tmp_path / "sub").mkdir()
        target = tmp_path / "sub" / ".." / "." / source.name
    elif spelling == "symlink":
        target = tmp_path / "链接.xlsx"
        target.symlink_to(source)
    else:
        target = tmp_path / "硬链接.xlsx"
        os.link(source, target)
    result = invoke("run", str(source), option, str(target))
    assert result.exit_code == 2, result.output
    assert "同一个文件" in result.output and "Traceback" not in result.output
    assert "汇总" not in result.output          # refused before the report
    assert source.read_bytes() == before


def test_output_on_prior_or_narrative_is_refused(tmp_path, seed_path):
    source = _input(tmp_path, seed_path)
    prior = tmp_path / "上年.xlsx"
    shutil.copy(source, prior)
    before = prior.read_bytes()
    result = invoke("run", str(source), "--prior", str(prior), "-o", str(prior))
    assert result.exit_code == 2 and "同一个文件" in result.output
    assert prior.read_bytes() == before


def test_read_only_output_and_missing_or_unwritable_directory(tmp_path, seed_path):
    source = _input(tmp_path, seed_path)
    locked = tmp_path / "只读.txt"
    locked.write_text("旧内容", encoding="utf-8")
    locked.chmod(0o444)
    result = invoke("run", str(source), "-o", str(locked))
    assert result.exit_code == 2 and "只读" in result.output, result.output
    assert locked.read_text(encoding="utf-8") == "旧内容"
    result = invoke("run", str(source), "--annotate", str(tmp_path / "没有" / "标注.xlsx"))
    assert result.exit_code == 2 and "不存在" in result.output, result.output
    if os.geteuid() != 0:       # root writes anywhere
        closed = tmp_path / "封闭"
        closed.mkdir()
        closed.chmod(0o555)
        result = invoke("run", str(source), "-o", str(closed / "结果.txt"))
        assert result.exit_code == 2 and "没有写入权限" in result.output


def test_written_files_keep_the_permission_bits(tmp_path, seed_path):
    source = _input(tmp_path, seed_path)
    source.chmod(0o640)
    out = tmp_path / "标注.xlsx"
    report = tmp_path / "结果.txt"
    report.write_text("", encoding="utf-8")
    report.chmod(0o604)
    result = invoke("run", str(source), "--annotate", str(out), "-o", str(report))
    assert result.exit_code in (0, 1), result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert stat.S_IMODE(report.stat().st_mode) == 0o604
    fresh = tmp_path / "新结果.txt"
    invoke("run", str(source), "-o", str(fresh))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".checker")]


INTERRUPT = """
import os, signal, sys
import openpyxl.workbook.workbook as w
real = w.Workbook.save
def save(self, filename):
    real(self, filename)
    os.kill(os.getpid(), signal.{sig})
w.Workbook.save = save
from checker.cli import main
sys.argv = ["checker", "run", {src!r}, "--annotate", {out!r}]
main()
"""


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_temporary_file_removed_on_signal(tmp_path, seed_path, sig):
    import subprocess
    source = _input(tmp_path, seed_path)
    out = tmp_path / "标注.xlsx"
    result = subprocess.run([sys.executable, "-c", INTERRUPT.format(sig=sig, src=str(source), out=str(out))],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_folder_run_ignores_checker_temporary_files(tmp_path, seed_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    shutil.copy(seed_path("000", "split"), folder / "正常.xlsx")
    (folder / ".checker-tmp-abc123.xlsx").write_bytes(b"PK half written")
    result = invoke("run", str(folder), "--format", "json")
    assert ".checker-tmp" not in result.output


def test_an_inflated_dimension_alone_is_read_within_bounds(tmp_path):
    # <dimension> is only a claim: the readers size their grids from the cells themselves, so a
    # file declaring A1:XFD1048576 around one cell is read (and not refused: tools write stale ones)
    path = write_workbook(tmp_path / "维度.xlsx", sheet_xml(f'<row r="1">{TITLE}</row>',
                                                           before='<dimension ref="A1:XFD1048576"/>'))
    result = run_bounded(["run", str(path)], MEMORY_MB, TIMEOUT)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    result = run_bounded(["codes", "import", str(path), "--year", "2025"], MEMORY_MB, TIMEOUT,
                         env={"CHECKER_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 2 and "没有读到" in result.stderr and "Traceback" not in result.stderr
    result = run_bounded(["clear", str(path)], MEMORY_MB, TIMEOUT)
    assert result.returncode == 0 and "没有校验标记" in result.stdout


def test_recalc_vets_before_libreoffice(tmp_path):
    path = far_cells(tmp_path / "远.xlsx", "XFD1048576")
    refused(run_bounded(["run", str(path), "--recalc"], MEMORY_MB, TIMEOUT), path, "数据区域从 A1 延伸到")


def test_cells_without_addresses_are_placed_as_readers_place_them():
    # some generators omit r=: a cell follows the previous one, a row the previous row
    import io

    from checker.core.vet import scan_sheet

    body = ('<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>'
            '<row r="7"><c r="B7"><v>1</v></c><c><v>2</v></c></row><row><c/></row>')
    scan = scan_sheet(io.BytesIO(sheet_xml(body).encode()), [10 ** 9])
    assert (scan.rows, scan.cols, scan.cells) == (8, 3, 6)
    scan = scan_sheet(io.BytesIO(sheet_xml('<row r="2"><c r="XFD2"/></row>').encode()), [10 ** 9])
    assert (scan.rows, scan.cols) == (2, 16384)


def test_recalc_leaves_no_temporary_directory(tmp_path, seed_path):
    from checker.core.recalc import soffice

    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    temp = tmp_path / "tmp"
    temp.mkdir()
    result = run_bounded(["run", str(seed_path("000", "split")), "--recalc"], 4096, 240,
                         env={"TMPDIR": str(temp)})
    assert result.returncode in (0, 1), result.stderr
    assert not [p.name for p in temp.iterdir() if p.name.startswith("checker-recalc-")]


def test_old_format_xls_is_bounded_too(tmp_path):
    # an .xls has no zip directory to scan: its extent is checked once parsed, before any Python value is made
    from checker.core.recalc import convert, soffice

    exe = soffice()
    if exe is None:
        pytest.skip("LibreOffice is not installed")
    source = tmp_path / "小.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "部门收支总体情况表"
    wb.active["H40"] = 1
    wb.save(source)
    (xls,) = convert(exe, [source], tmp_path, "xls:MS Excel 97", ".xls")
    refused(run_bounded(["run", str(xls), "--option", "max_sheet_cells=100"], MEMORY_MB, 120), xls, "320 个单元格")
