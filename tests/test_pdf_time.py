"""A PDF page that takes pdfplumber very long — countless tiny characters — is stopped at the page
time limit (``max_pdf_page_seconds``) or the file's (``max_pdf_seconds``): one Chinese line naming
the file and the page, exit status 2, and a folder run goes on with the other files.

The PDFs are written byte by byte here: a real page of 50,000 one-point characters (some seconds
for pdfplumber), next to a page of ordinary text. The limits are set small so that the tests are
quick; what is asserted is the refusal, not a speed.
"""
from __future__ import annotations

import shutil
import sys
import threading
from pathlib import Path

import pytest

from checker.core.errors import InputError
from checker.core.reader.pdf import load_pdf
from checker.core.vet import Limits

sys.path.insert(0, str(Path(__file__).parent))
import pdfpages  # noqa: E402
from hostile import run_bounded  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="run_bounded uses RLIMIT_AS: POSIX only")

LIGHT = b"BT /F1 12 Tf 72 720 Td (Budget 2025 page one) Tj ET"


def crowded(chars: int = 50_000, per_line: int = 200) -> bytes:
    """A content stream of ``chars`` one-point characters in lines of ``per_line``."""
    return b"\n".join(b"BT /F1 1 Tf 10 %d Td (%s) Tj ET" % (10 + row % 800, b"x" * per_line)
                      for row in range(chars // per_line))


def write_pdf(path: Path, contents: list[bytes]) -> Path:
    """A PDF with one page per content stream, Helvetica as its font."""
    return pdfpages.write_pdf(path, [(content, b"") for content in contents])


@pytest.fixture(scope="module")
def slow_pdf(tmp_path_factory) -> Path:
    return write_pdf(tmp_path_factory.mktemp("pdf_time") / "拥挤的页面.pdf", [LIGHT, crowded()])


def refused(result, path: Path, words: str) -> str:
    out = result.stdout + result.stderr
    assert result.returncode == 2, out
    assert "Traceback" not in out
    lines = [line for line in out.splitlines() if words in line]
    assert len(lines) == 1 and str(path) in lines[0], out
    return lines[0]


def test_a_page_over_the_page_time_limit_is_refused_naming_file_and_page(slow_pdf):
    result = run_bounded(["run", str(slow_pdf), "--option", "max_pdf_page_seconds=0.2"], timeout=60)
    line = refused(result, slow_pdf, "读取第 2 页超过每页的时间上限 0.2 秒")
    assert "--option max_pdf_page_seconds=" in line


def test_the_file_time_limit_names_the_page_it_was_reached_on(slow_pdf):
    result = run_bounded(["run", str(slow_pdf), "--option", "max_pdf_seconds=0.5"], timeout=60)
    line = refused(result, slow_pdf, "读到第 2 页时超过整个文件的读取时间上限 0.5 秒")
    assert "--option max_pdf_seconds=" in line


def test_a_folder_run_reports_the_slow_pdf_and_goes_on(tmp_path, slow_pdf, seed_path):
    shutil.copy(slow_pdf, tmp_path / slow_pdf.name)
    shutil.copy(seed_path("000"), tmp_path / "部门预算.xlsx")
    result = run_bounded(["run", str(tmp_path), "--option", "max_pdf_page_seconds=0.2"], timeout=120)
    out = result.stdout + result.stderr
    assert "Traceback" not in out and "读取第 2 页超过每页的时间上限" in out
    assert "部门预算.xlsx" in out and "汇总" in out      # the workbook is checked in full


def test_the_page_is_stopped_in_process_and_a_light_pdf_reads(tmp_path, slow_pdf):
    with pytest.raises(InputError) as caught:
        load_pdf(slow_pdf, Limits(max_pdf_page_seconds=0.2))
    assert "第 2 页" in str(caught.value)
    assert not [t for t in threading.enumerate() if t.name.startswith("checker-pdf:")]
    light = write_pdf(tmp_path / "light.pdf", [LIGHT, crowded(400)])
    assert load_pdf(light, Limits(max_pdf_page_seconds=30)).grids
