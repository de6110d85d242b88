"""The six Shanghai (普陀区) seeds: faithful to their PDFs, and built into template workbooks that
openpyxl, python-calamine and LibreOffice all open."""
from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

HERE = Path(__file__).resolve().parent / "seeds_shanghai"


def _module(name: str):
    # tests/seeds/build.py is already imported as "build": load ours under its own name
    spec = importlib.util.spec_from_file_location(f"shanghai_{name}", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _module("build")
extract = _module("extract")
SEEDS = build.SEEDS

# The total of every table as printed (表1/表4: 收入总计; 表2/3/5: 合计 column of 合计; 表8: 合计 of
# 合计; 表9: the 三公 合计, 万元), so that later checks can pin findings on these documents.
TOTALS = {
    "sh_commerce_dept_2025": ["371,514,655.00"] * 5 + [None, None, "19,830,655.00", "1.00"],
    "sh_commerce_unit_2025": ["371,514,655.00"] * 5 + [None, None, "19,830,655.00", "1.00"],
    "sh_office_dept_2025": ["91,016,775.35"] * 5 + [None, None, "24,606,775.35", "867.50"],
    "sh_office_unit_2025": ["91,016,775.35"] * 5 + [None, None, "24,606,775.35", "867.50"],
    "sh_wanli_2024": ["156,211,123"] * 5 + [None, None, "99,706,020", "47.91"],
    "sh_wanli_2025": ["189,767,551"] * 5 + [None, None, "101,341,746", "37.91"],
}
TITLE_ENDINGS = [suffix for _n, suffix in extract.TABLE_SUFFIXES]


def printed(value) -> str:
    """An amount as the PDF prints it: whole 元 without decimals, two decimals otherwise."""
    return f"{value:,.2f}" if isinstance(value, float) else f"{value:,}"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seeds():
    return {sid: build.load_seed(sid) for sid in SEEDS}


@pytest.fixture(scope="module")
def pdf_pages():
    """seed id → list of page texts (pdfplumber), or a skip when the PDFs cannot be read."""
    pdfplumber = pytest.importorskip("pdfplumber", reason="pdfplumber is not installed (pip install -e '.[test]')")
    folder = extract.shared_dir()
    if folder is None:
        pytest.skip("shared/seeds-shanghai not found (set CHECKER_SHARED)")
    pages = {}
    for sid in SEEDS:
        with pdfplumber.open(folder / extract.SOURCES[sid]) as pdf:
            pages[sid] = [p.extract_text() or "" for p in pdf.pages]
    return pages


# ---------------------------------------------------------------- the data

@pytest.mark.parametrize("sid", SEEDS)
def test_seed_shape(seeds, sid):
    seed = seeds[sid]
    assert seed["source"] == extract.SOURCES[sid]
    assert seed["kind"] in ("部门", "单位") and seed["year"] in (2024, 2025)
    assert [t["number"] for t in seed["tables"]] == list(range(1, 10))
    for table in seed["tables"]:
        assert extract.table_number(table["title"]) == table["number"], table["title"]
        assert table["unit_line"] == ("单位:万元" if table["number"] == 9 else "单位：元")
        assert table["prepared_by"] == ("编制部门：" if seed["kind"] == "部门" else "编制单位：") + seed["unit"]
        width = len(table["header"][0])
        assert all(len(r) == width for r in table["header"] + table["rows"]), table["number"]
        for r1, c1, r2, c2 in table["header_merges"]:
            assert table["header"][r1][c1] is not None
            assert all(table["header"][r][c] is None for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
                       if (r, c) != (r1, c1))
    narrative = seed["narrative"]
    assert narrative["编制说明"][0].endswith("预算编制说明")
    assert narrative["其他相关情况说明"][0] == "其他相关情况说明"
    for heading in ("一、", "二、机关运行经费", "三、政府采购", "四、绩效目标", "五、国有资产"):
        assert any(p.startswith(heading) for p in narrative["其他相关情况说明"]), heading
    for project in narrative["项目经费情况说明"]:
        assert project[0].endswith("情况说明") and "七、绩效目标" in project
    assert len(seed["sections"]) == 3 and all(s["paragraphs"] for s in seed["sections"])


@pytest.mark.parametrize("sid", SEEDS)
def test_totals_pinned(seeds, sid):
    for table, expected in zip(seeds[sid]["tables"], TOTALS[sid]):
        total = table["total"]
        row = table["rows"][total["row"]]
        assert total["amount"] == next((v for v in row if isinstance(v, (int, float))), None)
        assert (printed(total["amount"]) if total["amount"] is not None else None) == expected, table["number"]
        if table["number"] != 9:
            assert total["label"] in ("合计", "收入总计") and total["row"] == len(table["rows"]) - 1


# ---------------------------------------------------------------- faithful to the PDF

def _in_text(cell: str, flat: str) -> bool:
    """A cell's text is in the page text, or, for a cell printed on two lines ("事业单位" /
    "经营收入") whose lines the text flow separates, both of its lines are."""
    return cell in flat or any(cell[:i] in flat and cell[i:] in flat for i in range(2, len(cell) - 1))


@pytest.mark.parametrize("sid", SEEDS)
def test_every_amount_is_printed_on_its_pages(seeds, pdf_pages, sid):
    """Every amount of every table occurs on that table's pages, as often as the JSON has it;
    every text cell occurs there too. This is the proof that the transcription is faithful."""
    for table in seeds[sid]["tables"]:
        text = "\n".join(pdf_pages[sid][p - 1] for p in table["pages"])
        assert squash(table["title"]) in squash(text)
        tokens = Counter(re.findall(r"(?<![\d,.])\d[\d,]*(?:\.\d+)?(?![\d,.])", text))
        wanted = Counter(printed(v) for r in table["rows"] for v in r
                         if isinstance(v, (int, float)) and not isinstance(v, bool))
        missing = {k: n - tokens[k] for k, n in wanted.items() if tokens[k] < n}
        assert not missing, (table["number"], missing)
        # and the other way: no amount printed on the pages was left out (rows lost at a page
        # break would show here); amounts with a separator or decimals, so codes are not counted
        extra = {k: n - wanted[k] for k, n in tokens.items()
                 if ("," in k or "." in k) and n > wanted[k]}
        assert not extra, (table["number"], extra)
        flat = squash(text)
        for r in table["header"] + table["rows"]:
            for v in r:
                if isinstance(v, str):
                    assert _in_text(squash(v), flat), (table["number"], v)
        if table.get("note"):
            assert squash(table["note"]) in flat


@pytest.mark.parametrize("sid", SEEDS)
def test_every_paragraph_is_printed(seeds, pdf_pages, sid):
    """Every paragraph occurs in the PDF text (whitespace aside), so every figure in it ("X 万元",
    "Z%") is printed as transcribed, in its sentence."""
    flat = squash("".join(pdf_pages[sid]))
    seed = seeds[sid]
    paragraphs = list(seed["narrative"]["编制说明"]) + list(seed["narrative"]["其他相关情况说明"])
    paragraphs += [p for project in seed["narrative"]["项目经费情况说明"] for p in project]
    paragraphs += [p for s in seed["sections"] for p in [s["title"]] + s["paragraphs"]]
    paragraphs += seed["cover"]
    figures = 0
    for p in paragraphs:
        assert squash(p) in flat, p[:60]
        for figure in re.findall(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|万|%)", p):
            assert squash(figure) in flat
            figures += 1
    assert figures > 10
    for entry in seed["toc"]:
        assert squash(entry) in squash(pdf_pages[sid][1])


# ---------------------------------------------------------------- the workbooks

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("shanghai")
    return {(sid, layout): build.build_workbook(sid, root / f"{sid}_{layout}.xlsx", layout)
            for sid in SEEDS for layout in build.LAYOUTS}


def _cells(values_by_row):
    return [v for row in values_by_row for v in row if v not in (None, "")]


@pytest.mark.parametrize("layout", build.LAYOUTS)
@pytest.mark.parametrize("sid", SEEDS)
def test_workbook_opens_and_holds_the_disclosure(seeds, built, sid, layout):
    from python_calamine import CalamineWorkbook

    seed = seeds[sid]
    path = built[(sid, layout)]
    wb = load_workbook(path)
    cal = CalamineWorkbook.from_path(str(path))
    assert cal.sheet_names == wb.sheetnames
    texts = []
    for name in cal.sheet_names:
        texts += [str(v) for v in _cells(cal.get_sheet_by_name(name).to_python())]
    blob = "\n".join(texts)
    for table in seed["tables"]:
        assert table["title"] in texts and table["prepared_by"] in texts and table["unit_line"] in texts
    assert sum(any(t.endswith(e) for e in TITLE_ENDINGS) for t in texts if len(t) < 60) >= 9
    for part in ("编制说明", "其他相关情况说明"):
        for p in seed["narrative"][part]:
            assert p in blob, p[:40]
    for project in seed["narrative"]["项目经费情况说明"]:
        assert all(p in blob for p in project)
    # the amounts as numbers: every total row amount is found as a number in the workbook
    numbers = Counter(v for name in cal.sheet_names for v in _cells(cal.get_sheet_by_name(name).to_python())
                      if isinstance(v, (int, float)))
    for table in seed["tables"]:
        for v in table["rows"][table["total"]["row"]]:
            if isinstance(v, (int, float)):
                assert numbers[float(v)] or numbers[int(v)], (table["number"], v)


@pytest.mark.parametrize("sid", SEEDS)
def test_template_layout_follows_the_template(seeds, built, sid):
    seed = seeds[sid]
    wb = load_workbook(built[(sid, "template")])
    template = load_workbook(build.TEMPLATES[seed["kind"]])
    table_sheets = [("部门" if seed["kind"] == "部门" else "单位") + s for s in build.TABLE_SHEETS]
    for name in table_sheets:
        assert name in wb.sheetnames
        ws, ts = wb[name], template[name]
        # the template's column widths and title merge stay
        for col, dim in ts.column_dimensions.items():
            if dim.width:
                assert ws.column_dimensions[col].width == dim.width
        assert any(str(r) == str(m) for r in ws.merged_cells.ranges for m in ts.merged_cells.ranges
                   if m.min_row == 2)
    for table, name in zip(seed["tables"], table_sheets):
        ws = wb[name]
        assert ws["A2"].value == table["title"]
        header_row = 4 if table["number"] == 9 else 6
        merges = {str(r) for r in ws.merged_cells.ranges}
        for r1, c1, r2, c2 in table["header_merges"]:
            ref = f"{ws.cell(header_row + r1, c1 + 1).coordinate}:{ws.cell(header_row + r2, c2 + 1).coordinate}"
            assert ref in merges
        amounts = [c for row in ws.iter_rows(min_row=header_row + len(table["header"])) for c in row
                   if isinstance(c.value, (int, float)) and c.column > (3 if table["number"] == 8 else 1)
                   and table["number"] not in (9,)]
        assert all(c.number_format in (build.WHOLE, build.CENTS) for c in amounts
                   if not (table["number"] in (2, 3, 5, 6, 7, 8) and c.column == 1))
    explanation = wb[build.EXPLANATION_SHEET[seed["kind"]]]
    assert explanation["A1"].value == seed["narrative"]["编制说明"][0]
    assert ("项目经费情况说明" in wb.sheetnames) == bool(seed["narrative"]["项目经费情况说明"])


def test_libreoffice_converts_a_built_workbook(built, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not on PATH")
    src = built[("sh_wanli_2024", "template")]
    profile = tmp_path / "profile"          # own profile: other soffice processes may be running
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(src)],
        capture_output=True, text=True, timeout=240)
    pdf = tmp_path / (src.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 10_000, result.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "2024年部门财务收支预算总表" in text and "156,211,123" in text
