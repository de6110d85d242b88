"""``checker run x.pdf --annotate OUT.pdf`` (checker.pdfmarks): a copy of the PDF with a Highlight
over each place at fault and the message as its note, read back with pypdf; what pdfplumber finds
printed inside each highlight is what the message quotes there (or the whole cell, when the
message quotes nothing printed in it). On a real Shanghai PDF, on a Xinjiang seed printed by
headless LibreOffice the way departments publish, and on a Shanghai workbook printed column-wise
(its wide tables' right-hand columns on later pages, joined again by the reader)."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("pdfplumber")
pypdf = pytest.importorskip("pypdf")

from checker.cli import cli  # noqa: E402
from checker.core.cells import parse_address  # noqa: E402
from checker.core.engine import Engine, make_plugin_manager  # noqa: E402
from checker.core.findings import Finding, Location, Severity  # noqa: E402
from checker.core.reader import read_workbook  # noqa: E402
from checker.core.reader.pdf import load_pdf  # noqa: E402
from checker.core.reader.pdf_places import Box, ColumnJoin, grid_places, resolve  # noqa: E402
from checker.core.text import norm  # noqa: E402
from checker.pdfmarks.quotes import figure_pattern, quotes  # noqa: E402
from checker.pdfmarks.write import annotate_pdf  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "seeds_shanghai"))
from extract import SOURCES, shared_dir  # noqa: E402  (tests/seeds_shanghai/extract.py)
from publish import print_to_pdf, set_up_for_print  # noqa: E402

SHARED = shared_dir()
WANLI = "sh_wanli_2025"
needs_pdfs = pytest.mark.skipif(SHARED is None or not (SHARED / SOURCES[WANLI]).is_file(),
                                reason="the Shanghai PDFs (shared/seeds-shanghai) are not available")
needs_office = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                  reason="LibreOffice is not installed")
COLOURS = {"error": [1.0, 0x40 / 255, 0x40 / 255], "warning": [1.0, 0xD8 / 255, 0.0],
           "info": [0x59 / 255, 0xA7 / 255, 1.0]}
NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
TITLES = {code: rule.title for code, rule in Engine(make_plugin_manager()).rules.items()}


def invoke(args):
    return CliRunner().invoke(cli, args)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------ reading an annotated PDF back

def highlights(path: Path) -> list[dict]:
    """Every Highlight annotation of the PDF at ``path``: its page, note, colour and the text
    pdfplumber finds printed inside its quadrilaterals (line by line)."""
    import pdfplumber

    out = []
    reader = pypdf.PdfReader(str(path))
    with pdfplumber.open(str(path)) as plumbed:
        for n, page in enumerate(reader.pages, 1):
            height = float(page.mediabox.top) - float(page.mediabox.bottom)
            for ref in page.get("/Annots") or []:
                annot = ref.get_object()
                if annot.get("/Subtype") != "/Highlight":
                    continue
                q = [float(v) for v in annot["/QuadPoints"]]
                texts = []
                for k in range(0, len(q), 8):
                    x0, y1, x1, _, _, y0 = q[k:k + 6]
                    inside = plumbed.pages[n - 1].within_bbox((x0 - 0.5, height - y1 - 0.5, x1 + 0.5, height - y0 + 0.5))
                    texts.append(inside.extract_text())
                out.append({"page": n, "contents": str(annot["/Contents"]), "author": str(annot.get("/T")),
                            "colour": [round(float(c), 3) for c in annot["/C"]], "text": "".join(texts),
                            "popup": annot.get("/Popup") is not None})
    return out


def notes(path: Path) -> list[dict]:
    reader = pypdf.PdfReader(str(path))
    return [{"page": n, "contents": str(ref.get_object().get("/Contents", "")), "author": str(ref.get_object().get("/T"))}
            for n, page in enumerate(reader.pages, 1) for ref in page.get("/Annots") or []
            if ref.get_object().get("/Subtype") == "/Text"]


def _figures(text: str) -> set[Decimal]:
    out = set()
    for m in NUMBER.findall(text):
        try:
            out.add(Decimal(m.replace(",", "")))
        except InvalidOperation:
            continue
    return out


def _quoted_in(finding: dict, cell_text: str) -> list[str]:
    """What the finding's message quotes (in “…”, its clauses, the value read) that is printed in
    the cell, in matching form — worked out here from the JSON report, not by checker.pdfmarks."""
    message = finding["message"]
    candidates = [q.strip("… ") for q in re.findall(r"“([^“”]+)”", message)]
    candidates += [p for q in list(candidates) for p in re.split(r"[…，；;。]|(?<!\d),|,(?!\d{3}(?!\d))", q) if len(p) >= 4]
    if finding.get("actual"):
        candidates.append(finding["actual"])
    cell = norm(cell_text)
    found = [norm(c) for c in candidates if len(norm(c)) >= 2 and norm(c) in cell]
    figures = [c for c in candidates if re.fullmatch(r"-?\d[\d,]*(\.\d+)?", c.strip())]
    found += [m.group(0) for c in figures for m in [figure_pattern(c.replace(",", "")).search(cell)] if m]
    return found


def check_annotated(out: Path, report: dict, grids: dict) -> None:
    """One highlight per located finding (per cell it names), on its pages, coloured by its
    severity, its note the rule, title, message and 建议值; inside each, what the message quotes
    that is printed there (narrowed to the value read, when quoted inside a sentence), else the
    whole cell."""
    marks = highlights(out)
    findings = report["findings"]
    located = [(f, loc) for f in findings for loc in {(l["sheet"], l["cell"]): l for l in f["locations"]
                                                      if l.get("page") is not None and l["cell"]}.values()]
    assert len(marks) == len(located) and marks
    by_message = Counter(f["message"] for f, _ in located)
    assert Counter(next(f["message"] for f in findings if f["message"] in m["contents"]) for m in marks) == by_message
    for m in marks:
        f = next(f for f in findings if f["message"] in m["contents"])
        assert m["author"] == "checker" and m["popup"] and m["colour"] == [round(c, 3) for c in COLOURS[f["severity"]]]
        assert m["contents"].startswith(f"【预算校验】{f['rule']} {f['severity_label']} {TITLES[f['rule']]}\n{f['message']}")
        assert (f"建议值：{f['expected']}" in m["contents"]) == (f.get("expected") is not None)
        printed = norm(m["text"])
        assert printed, m
        fits = []
        for loc in f["locations"]:
            first, last = _pages(loc["sheet"])
            if not first <= m["page"] <= last:
                continue
            row, col = parse_address(loc["cell"])
            value = grids[loc["sheet"]].value(row, col)
            cell_text = str(value or "")
            quoted = _quoted_in(f, cell_text)
            if isinstance(value, (int, float)):         # an amount: the figure printed in the cell
                fits.append(_figures(printed) == {Decimal(str(value))})
            elif quoted:
                fits.append(any(printed in q or (_figures(printed) & _figures(q)) for q in quoted))
            else:
                fits.append(printed in norm(cell_text) or norm(cell_text) in printed)
        assert any(fits), (m, f)


def _pages(grid_name: str) -> tuple[int, int]:
    m = re.match(r"第(\d+)(?:-(\d+))?页", grid_name)
    assert m, grid_name
    return int(m.group(1)), int(m.group(2) or m.group(1))


def run_json(pdf: Path, out: Path) -> dict:
    result = invoke(["run", str(pdf), "--annotate", str(out), "--format", "json", "-v"])
    assert result.exit_code in (0, 1), result.output
    [entry] = json.loads(result.stdout)["files"]
    return entry


# ------------------------------------------------------------------ a real Shanghai PDF

@pytest.fixture(scope="module")
def wanli(tmp_path_factory):
    """万里街道's 2025 PDF (a copy), annotated by ``checker run``, with its JSON report and what
    the reader makes of it (grids, places)."""
    if SHARED is None or not (SHARED / SOURCES[WANLI]).is_file():
        pytest.skip("the Shanghai PDFs (shared/seeds-shanghai) are not available")
    work = tmp_path_factory.mktemp("wanli")
    pdf = work / "万里街道2025.pdf"
    shutil.copy(SHARED / SOURCES[WANLI], pdf)
    pdf.chmod(0o644)
    before = digest(pdf)
    out = work / "标注.pdf"
    report = run_json(pdf, out)
    return pdf, before, out, report, load_pdf(pdf)


@needs_pdfs
def test_a_shanghai_pdf_gets_one_highlight_per_located_finding_quoting_its_figure(wanli):
    pdf, before, out, report, loaded = wanli
    assert digest(pdf) == before          # the input is only read
    check_annotated(out, report, {g.name: g for g in loaded.grids})
    marks = highlights(out)
    # the figures the table findings quote, highlighted where printed: 154,369,326 on pages 12, 17, 23
    assert Counter(m["page"] for m in marks if norm(m["text"]) == "154,369,326") == Counter({12: 2, 17: 1, 23: 1})
    # the template's placeholder left in the 其他相关情况说明, twice on page 30
    assert [m["page"] for m in marks if m["contents"].startswith("【预算校验】S010") and norm(m["text"]) == "(部门)"] == [30, 30]
    # a sentence quoted by Y015 is highlighted whole, over the two lines it is printed on
    assert any(norm(m["text"]) == "财政拨款收入18,976.76万元,比2024年预算增加3,355.65万元" for m in marks)
    # the first page's note sums the run up: nothing is unplaced here
    [summary] = [n for n in notes(out) if n["page"] == 1]
    assert summary["author"] == "checker" and summary["contents"].startswith("【预算校验】校验结果：14 个错误，3 个警告")
    assert "没有对应位置" not in summary["contents"]
    # the copy is still the document: same pages, same text
    assert len(pypdf.PdfReader(str(out)).pages) == len(pypdf.PdfReader(str(pdf)).pages)


def _finding(entry: dict) -> Finding:
    """A finding of the JSON report as the engine made it (no fixes: the report does not carry them)."""
    return Finding(entry["rule"], entry["message"],
                   [Location(l["sheet"], l["cell"], l["table"], l["row"], l.get("page")) for l in entry["locations"]],
                   severity=Severity(entry["severity"]), expected=entry["expected"], actual=entry["actual"])


@needs_pdfs
def test_annotating_an_annotated_copy_marks_it_afresh(wanli, tmp_path):
    _, _, out, report, loaded = wanli
    again = tmp_path / "再次.pdf"
    # what checker reads of the annotated copy is what it read of the original: the same places
    assert load_pdf(out).places == loaded.places
    annotate_pdf(out, again, [_finding(f) for f in report["findings"]], loaded.places, TITLES)
    # the earlier marks replaced, not doubled (the report carries no fixes, which can place a quote
    # printed twice in a paragraph: compared without the text inside)
    def shown(path):
        return [(m["page"], m["contents"], m["colour"]) for m in highlights(path)]
    assert shown(again) == shown(out)
    assert len([n for n in notes(again) if n["page"] == 1]) == 1


@needs_pdfs
def test_findings_with_no_place_are_listed_on_the_first_pages_note(wanli, tmp_path):
    pdf, _, _, report, loaded = wanli
    a001 = next(f for f in report["findings"] if f["rule"] == "A001")
    [where] = a001["locations"]
    found = [Finding("A001", a001["message"], [Location(where["sheet"], where["cell"], page=where["page"])],
                     severity=Severity.ERROR, expected=a001["expected"], actual=a001["actual"])]
    loose = Finding("S001", "缺少表6 一般公共预算基本支出情况表。", [Location("", "", table="表6")], severity=Severity.ERROR)
    toc = Finding("S009", "目录列出的表在文中找不到。", [Location("第2页 目录", "A3", page=2)], severity=Severity.WARNING,
                  expected="表9")
    out = tmp_path / "带说明.pdf"
    plan = annotate_pdf(pdf, out, found + [loose, toc], loaded.places, {"S001": "缺少公开表", "A001": "各项之和"})
    assert [f.rule for f in plan.unplaced] == ["S001", "S009"] and len(plan.marks) == 1
    [summary] = notes(out)
    assert summary["page"] == 1
    lines = summary["contents"].splitlines()
    assert lines[0] == "【预算校验】校验结果：2 个错误，1 个警告（结构 1 错误/1 警告，算术 1 错误/0 警告）"
    assert lines[2] == "以下 2 条结果在页面上没有对应位置："
    assert lines[3] == "1. S001 错误 缺少公开表；缺少表6 一般公共预算基本支出情况表。（表6）"
    assert lines[4] == "2. S009 警告；目录列出的表在文中找不到。；建议值：表9（第2页）"
    [mark] = highlights(out)
    assert mark["contents"].splitlines()[0] == "【预算校验】A001 错误 各项之和" and norm(mark["text"]) == "154,369,326"


@needs_pdfs
def test_bad_annotate_targets_say_so_in_one_line_and_exit_2(wanli, tmp_path):
    pdf = wanli[0]
    before = digest(pdf)
    cases = [
        (tmp_path / "标注.xlsx", "错误：PDF 的标注副本应为 .pdf 文件："),
        (pdf, "与输入文件"),
        (tmp_path / "无此文件夹" / "标注.pdf", "所在的文件夹"),
    ]
    for target, says in cases:
        result = invoke(["run", str(pdf), "--annotate", str(target)])
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and says in lines[0] and "Traceback" not in result.output, result.output
    assert not (tmp_path / "标注.xlsx").exists() and not (tmp_path / "无此文件夹").exists()
    readonly = tmp_path / "只读.pdf"
    readonly.write_bytes(b"old")
    readonly.chmod(0o444)
    result = invoke(["run", str(pdf), "--annotate", str(readonly)])
    assert result.exit_code == 2 and "只读文件" in result.output and readonly.read_bytes() == b"old"
    assert digest(pdf) == before


def test_a_word_file_is_not_annotated_and_says_what_is(tmp_path):
    docx = tmp_path / "公开.docx"
    docx.write_bytes(b"PK")
    for target in ("标注.docx", "标注.pdf"):
        result = invoke(["run", str(docx), "--annotate", str(tmp_path / target)])
        assert result.exit_code == 2
        [line] = result.output.strip().splitlines()
        assert line.startswith("错误：暂不支持为 Word 文档生成标注副本（标注副本可由 .xlsx/.xlsm 工作簿或 PDF 生成）")
        assert "导出为 PDF" in line and not (tmp_path / target).exists()


# ------------------------------------------------------------------ printed by LibreOffice

@pytest.fixture(scope="module")
def printed(seed_path, shanghai_path, tmp_path_factory):
    """A Xinjiang seed set up as departments print it, and the Shanghai 政府办 unit workbook with
    the template's own page setup (its wide tables printed column-wise), by one LibreOffice run."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed")
    work = tmp_path_factory.mktemp("annotate_printed")
    xinjiang = set_up_for_print(seed_path("000", "split"), work / "新疆000.xlsx")
    column_wise = work / "政府办单位.xlsx"
    shutil.copy(shanghai_path("sh_office_unit_2025"), column_wise)
    try:
        pdfs = print_to_pdf([xinjiang, column_wise], work / "pdf")
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"LibreOffice could not convert: {exc}")
    if not all(p.exists() for p in pdfs):
        pytest.skip("LibreOffice wrote no PDF")
    return dict(zip(("xinjiang", "column_wise"), pdfs))


@needs_office
def test_a_printed_xinjiang_seed_in_a_folder_gets_its_findings_highlighted(printed, seed_path, tmp_path):
    """``--annotate DIR/`` in a batch: the PDF's copy is highlighted, the workbook's marked, the
    Word file's skipped with one line saying what can be annotated."""
    inputs = tmp_path / "公开"
    inputs.mkdir()
    pdf = inputs / "新疆000.pdf"
    shutil.copy(printed["xinjiang"], pdf)
    shutil.copy(seed_path("001", "split"), inputs / "交易中心.xlsx")
    (inputs / "说明.docx").write_bytes(b"PK")
    before = digest(pdf)
    target = tmp_path / "标注"
    result = invoke(["run", str(inputs), "--annotate", str(target) + "/", "--format", "json", "-j", "1"])
    assert result.exit_code == 2, result.output        # the broken Word file
    assert sorted(p.name for p in target.iterdir()) == ["交易中心.xlsx", "新疆000.pdf"]
    assert "已写出 2 份标注副本" in result.stderr
    assert "以下文件不写标注副本（标注副本只能由 .xlsx/.xlsm 工作簿或 PDF 生成）：" in result.stderr and "说明.docx" in result.stderr
    report = next(f for f in json.loads(result.stdout)["files"] if f["path"] == str(pdf))
    check_annotated(target / "新疆000.pdf", report, {g.name: g for g in load_pdf(pdf).grids})
    assert digest(pdf) == before
    marks = highlights(target / "新疆000.pdf")
    colours = Counter(tuple(m["colour"]) for m in marks)
    assert len(colours) == 3        # errors red, warnings yellow, infos blue
    # P050 quotes the goal's figure and the indicator's value: each highlighted in its own cell
    assert {norm(m["text"]) for m in marks if "【预算校验】P050" in m["contents"]} == {"审核招标文件350件", "≥300件"}
    several = invoke(["run", str(pdf), str(inputs / "交易中心.xlsx"), "--annotate", str(tmp_path / "x.pdf")])
    assert several.exit_code == 2 and "--annotate 应为文件夹" in several.output


@needs_office
def test_a_table_printed_column_wise_is_highlighted_on_the_page_that_prints_each_part(printed, tmp_path):
    pdf = printed["column_wise"]
    loaded = load_pdf(pdf)
    joined = [name for name, places in loaded.places.items()
              if len({b.page for boxes in places.cells.values() for b in boxes}) > 1 and "表" in name]
    assert joined            # a table whose cells lie on more than one page: a left and a right part
    import pdfplumber

    with pdfplumber.open(str(pdf)) as plumbed:
        for grid in loaded.grids:
            places = loaded.places[grid.name]
            for (r, c), boxes in places.cells.items():
                value = grid.value(r, c)
                if not isinstance(value, (int, float)) or len(boxes) != 1:
                    continue
                box = boxes[0]
                page = plumbed.pages[box.page - 1]
                assert box.x1 <= float(page.width) + 1, (grid.name, r, c)
                text = page.within_bbox((box.x0, box.top, box.x1, box.bottom)).extract_text()
                assert _figures(text) == {Decimal(str(value))}, (grid.name, r, c, text)
    # checked and annotated from this one reading (the run's own path, read_workbook, is the tests' above)
    from checker.core.reader.document import read_grids
    from checker.core.report import finding_json

    engine = Engine(make_plugin_manager())
    doc = read_grids(loaded.grids, str(pdf), templates=engine.templates)
    doc.row_pages = {g.name: list(g.row_pages) for g in loaded.grids}
    findings = engine.check(doc)
    out = tmp_path / "政府办标注.pdf"
    plan = annotate_pdf(pdf, out, findings, loaded.places, TITLES)
    assert any(m.finding.rule == "A301" for m in plan.marks)
    check_annotated(out, {"findings": [finding_json(f) for f in findings]},
                    {g.name: g for g in loaded.grids})


# ------------------------------------------------------------------ the parts

def test_a_joined_right_hand_box_goes_back_to_its_page():
    join = {11: ColumnJoin(right_page=13, dx=700.0, edge=760.0)}
    assert resolve((11, 100, 50, 200, 60), join) == Box(11, 100, 50, 200, 60)
    assert resolve((11, 760, 50, 860, 60), join) == Box(13, 60, 50, 160, 60)
    assert resolve((11, 500, 50, 1000, 60), join) == Box(11, 500, 50, 760, 60)    # a line the join extended
    assert resolve((12, 900, 50, 950, 60), join) == Box(12, 900, 50, 950, 60)
    places = grid_places([{0: [(11, 760, 50, 860, 60)], 1: [(11, 5, 5, 5, 9)]}], join)
    assert places.boxes(0, 0) == (Box(13, 60, 50, 160, 60),) and places.boxes(0, 1) == ()    # no area, no place
    assert places.row_boxes(0) == (Box(13, 60, 50, 160, 60),) and places.boxes(3, 3) == ()
    assert Box(2, 10, 20, 30, 40).pdf_rect(842) == (10, 802, 30, 822)


def test_what_a_finding_quotes_most_precise_first():
    from checker.core.cells import CellRef
    from checker.core.findings import Fix

    fix = Fix(CellRef("第6页 说明", 4, 0), "支出 2,346.1 万元", 3, "2,346.1", "2,364.1")
    f = Finding("A212", "说明中“住房保障支出…”先写 350.35 万元，随后又写“2023年预算执行数为348.52万元,2024年…”",
                [Location("第6页 说明", "A5")], actual="352.67", fixes=[fix])
    got = [(q.text, q.figure) for q in quotes(f, f.locations[0])]
    assert got == [("2346.1", True), ("支出 2,346.1 万元", False), ("住房保障支出", False),
                   ("2023年预算执行数为348.52万元,2024年", False), ("2023年预算执行数为348.52万元", False),
                   ("2024年", False), ("352.67", True)]
    clauses = Finding("Y015", "情况说明“收入 3,355.65 万元，比上年增加”", [Location("x", "A1")])
    assert [q.text for q in quotes(clauses, clauses.locations[0])] == ["收入 3,355.65 万元，比上年增加", "收入 3,355.65 万元",
                                                                       "比上年增加"]
    assert quotes(f, Location("别处", "A5"))[0].text == "住房保障支出"     # the fix is for another cell
    pattern = figure_pattern("154369326.00")
    assert pattern.search("合计154,369,326元") and pattern.search("154369326.00")
    assert not pattern.search("1154,369,326") and not pattern.search("154,369,326.5")
    assert figure_pattern("-3.50").search("减少-3.5万元") and not figure_pattern("3.5").search("13.5")


@needs_pdfs
def test_places_of_locations_the_map_does_not_know(wanli):
    from checker.core.reader.pdf import open_pdf
    from checker.pdfmarks.places import PageChars, marks_at, place_boxes, plan_marks

    pdf, _, _, _, loaded = wanli
    name = next(n for n in loaded.places if "收入预算总表" in n)
    assert place_boxes(loaded.places, Location("无此表", "A1")) == ()
    assert place_boxes(loaded.places, Location(name, "")) == ()             # the whole table: no one place
    assert place_boxes(loaded.places, Location(name, "ZZ")) == ()             # not a cell address
    assert place_boxes(loaded.places, Location(name, "A900")) == ()           # no such row
    assert place_boxes(loaded.places, Location(name, "A1"))                  # its title line
    plumbed = open_pdf(pdf)
    try:
        chars = PageChars(plumbed)
        assert chars(0) == [] and chars(999) == [] and chars(10) and chars(10) is chars(10)   # read once
        # a finding quoting nothing printed in the cell: the whole cell is highlighted
        boxes = place_boxes(loaded.places, Location(name, "A1"))
        f = Finding("S003", "表名与模板不一致。", [Location(name, "A1")], severity=Severity.WARNING)
        [mark] = marks_at(f, f.locations[0], boxes, chars)
        assert mark.quoted == "" and mark.rects == [(b.x0, b.top, b.x1, b.bottom) for b in boxes]
        assert mark.bounds == mark.rects[0]
        # the same cell named twice by one finding is highlighted once
        twice = Finding("S003", "表名“收入预算总表”与模板不一致。", [Location(name, "A1"), Location(name, "a1")],
                        severity=Severity.WARNING)
        plan = plan_marks(loaded.places, [twice], chars)
        assert len(plan.marks) == 1 and norm(plan.marks[0].quoted) == "收入预算总表" and not plan.unplaced
    finally:
        plumbed.close()
