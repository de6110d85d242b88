"""Findings on a published PDF say the page their row is printed on (checker.core.pages), in text
and JSON, and the report does not call a PDF or Word document a 工作簿 or its parts 工作表."""
from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pdfplumber = pytest.importorskip("pdfplumber")

from checker.cli import cli  # noqa: E402
from checker.core.text import norm  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "seeds_shanghai"))
from extract import SOURCES, shared_dir  # noqa: E402

SHARED = shared_dir()
PDF = SHARED / SOURCES["sh_wanli_2024"] if SHARED else None
pytestmark = pytest.mark.skipif(PDF is None or not PDF.is_file(), reason="the Shanghai PDFs are not available")


@pytest.fixture(scope="module")
def report():
    result = CliRunner().invoke(cli, ["run", str(PDF), "--format", "json"])
    assert result.exit_code == 1, result.output
    return json.loads(result.output)["files"][0]["findings"]


@pytest.fixture(scope="module")
def page_text():
    """page number → the page's text (normalised, without spaces), each page read once."""
    cache: dict[int, str] = {}
    pdf = pdfplumber.open(PDF)

    def text(number: int) -> str:
        if number not in cache:
            cache[number] = norm(pdf.pages[number - 1].extract_text() or "").replace(" ", "")
        return cache[number]

    yield text
    pdf.close()


def test_every_location_on_a_row_names_the_page_that_prints_it(report, page_text):
    located = [(f, loc) for f in report for loc in f["locations"] if loc["row"]]
    assert len(located) >= 20
    assert all(isinstance(loc["page"], int) for f in report for loc in f["locations"] if loc["cell"])
    for f, loc in located:
        label = norm(loc["row"]).replace(" ", "")
        label = label.split("（")[0] if label.endswith("（项）") else label
        assert label in page_text(loc["page"]), (f["rule"], loc)
    # the two miscoded 表8 rows: on page 29, where the table is printed
    c001 = sorted((loc["row"], loc["page"]) for f in report if f["rule"] == "C001" for loc in f["locations"][:1])
    assert c001 == [("津贴补贴", 29), ("绩效工资", 29)]
    assert "津贴补贴" not in page_text(28) + page_text(30)


def test_text_output_says_pages_not_sheets_or_workbooks(tmp_path, seed_path):
    pdf = tmp_path / "万里.pdf"
    shutil.copy(PDF, pdf)
    result = CliRunner().invoke(cli, ["run", str(pdf)])
    assert "错误 C001 第29页 津贴补贴  表8" in result.output
    assert "工作表" not in result.output and "工作簿" not in result.output
    shutil.copy(seed_path("000", "split"), tmp_path / "交易中心.xlsx")
    out = tmp_path / "结果.txt"
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "-o", str(out)])
    assert "（2 个文件，" in result.output
    text = out.read_text(encoding="utf-8")
    assert "总览：共校验 2 个文件，" in text
    workbook = text.split("交易中心.xlsx", 1)[1]
    assert re.search(r" [A-Z]{1,2}\d+ ", workbook)      # the workbook's findings still give cells
