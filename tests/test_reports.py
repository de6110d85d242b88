"""The reviewer's summary of one run over a folder: --format csv, --report .xlsx and .html.

One real run (two worker processes) over a folder of seed workbooks — one of them with a unit name
full of HTML and a leading "=", one file that is not a workbook — writes every summary and the
annotated copies; the tests read them back: the CSV with Python's csv module, the workbook with
openpyxl and with headless LibreOffice, the page in headless Debian chromium.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import build  # tests/seeds/build.py
from checker.cli import cli
from checker.core.recalc import convert, soffice
from checker.core.review import OVERVIEW_COLUMNS, family_counts, finding_line, worst_findings

HOSTILE_UNIT = '=1+1<script>alert("x")</script>&交易中心'


def invoke(args):
    return CliRunner().invoke(cli, args, prog_name="checker")


@pytest.fixture(scope="module")
def run(seed_path, tmp_path_factory):
    """The folder, the outputs of one run over it, and that run's JSON."""
    root = tmp_path_factory.mktemp("reports")
    folder = root / "报送"
    folder.mkdir()
    shutil.copy(seed_path("000", "split"), folder / "a_000.xlsx")
    shutil.copy(seed_path("001", "split"), folder / "b_001.xlsx")
    seed = build.load_seed("003")        # the unit's name, wherever the workbook writes it
    seed = json.loads(json.dumps(seed, ensure_ascii=False).replace(seed["unit"], json.dumps(HOSTILE_UNIT)[1:-1]))
    build.build_workbook(seed, "split", folder / "c_hostile.xlsx")
    (folder / "d_broken.xlsx").write_bytes(b"not a workbook")
    out = root / "结果"
    out.mkdir()
    result = invoke(["run", str(folder), "-j", "2", "--format", "csv", "-o", str(out / "汇总.csv"),
                     "--report", str(out / "汇总.xlsx"), "--report", str(out / "汇总.html"),
                     "--annotate", str(out / "标注") + "/"])
    assert result.exit_code == 2, result.output          # the broken file
    data = json.loads(invoke(["run", str(folder), "-j", "1", "--format", "json"]).stdout)
    return folder, out, data


def test_csv_one_row_per_file_with_a_bom(run):
    folder, out, data = run
    raw = (out / "汇总.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == OVERVIEW_COLUMNS
    assert rows[0][:9] == ["文件", "单位", "年度", "模板", "状态", "错误", "警告", "提示", "已说明"]
    assert "结构错误" in rows[0] and "绩效目标警告" in rows[0]
    body = rows[1:]
    assert [Path(r[0]).name for r in body] == ["a_000.xlsx", "b_001.xlsx", "c_hostile.xlsx", "d_broken.xlsx"]
    for row, entry in zip(body, data["files"]):
        assert int(row[5]) == entry["counts"]["error"] and int(row[6]) == entry["counts"]["warning"]
        fams = family_counts(entry)
        assert int(row[OVERVIEW_COLUMNS.index("算术错误")]) == fams["A"]["error"]
        assert int(row[OVERVIEW_COLUMNS.index("绩效目标警告")]) == fams["P"]["warning"]
    assert body[0][4] == "有错误" and body[0][2] == "2024" and "新疆" in body[0][3]
    assert body[3][4] == "无法读取" and "不是 Excel 工作簿" in body[3][-1]


def test_csv_to_standard_output(run):
    folder, _, _ = run
    result = invoke(["run", str(folder / "a_000.xlsx"), "--format", "csv"])
    assert result.exit_code == 1
    assert result.stdout.startswith("\ufeff文件,单位,")       # not a terminal: the mark is written
    assert len(result.stdout.strip().splitlines()) == 2


def test_xlsx_overview_findings_and_links(run):
    from openpyxl import load_workbook

    folder, out, data = run
    wb = load_workbook(out / "汇总.xlsx")
    assert wb.sheetnames == ["总览", "全部问题"]
    ov, fs = wb["总览"], wb["全部问题"]
    header = [c.value for c in ov[1]]
    assert header == OVERVIEW_COLUMNS + ["主要问题", "标注副本"]
    rows = list(ov.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 4 and ov.auto_filter.ref == f"A1:{ov.cell(row=5, column=len(header)).coordinate}"
    first = data["files"][0]
    assert rows[0][5] == first["counts"]["error"]
    assert rows[0][header.index("主要问题")].split("\n") == [finding_line(f) for f in worst_findings(first, 3)]
    # the hostile unit name is text, not a formula
    hostile = ov.cell(row=4, column=2)
    assert hostile.value == data["files"][2]["unit"] and hostile.data_type == "s"
    assert hostile.value.startswith("=")
    # links to the annotated copies, relative to the report, pointing at real files
    links = [ov.cell(row=r, column=len(header)).hyperlink for r in range(2, 6)]
    assert [link.target if link else None for link in links] == ["标注/a_000.xlsx", "标注/b_001.xlsx",
                                                                 "标注/c_hostile.xlsx", None]
    assert all((out / link.target).is_file() for link in links if link)
    # every finding, one a row, filterable
    assert [c.value for c in fs[1]][:4] == ["文件", "单位", "规则", "级别"]
    assert fs.max_row - 1 == sum(len(e["findings"]) for e in data["files"])
    assert fs.auto_filter.ref and fs.auto_filter.ref.startswith("A1:")
    assert {r[2] for r in fs.iter_rows(min_row=2, values_only=True)} == {
        f["rule"] for e in data["files"] for f in e["findings"]}


def test_libreoffice_opens_the_xlsx_report(run, tmp_path):
    exe = soffice()
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot prove the report opens in a spreadsheet program")
    _, out, data = run
    (csv_path,) = convert(exe, [out / "汇总.xlsx"], tmp_path, "csv:Text - txt - csv (StarCalc):44,34,76", ".csv",
                          timeout=240)
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert rows[0][:2] == ["文件", "单位"] and len(rows) == 5
    assert rows[1][5] == str(data["files"][0]["counts"]["error"])


# ------------------------------------------------------------------ the HTML page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

PROBE_HEAD = """<script>
window.__errors = [];
window.addEventListener('error', function (e) { window.__errors.push(String(e.message)); });
var __log = console.error;
console.error = function () { window.__errors.push(Array.prototype.join.call(arguments, ' ')); __log.apply(console, arguments); };
</script>"""
PROBE_TAIL = """<script>
function __order() {
  return Array.prototype.map.call(document.querySelectorAll('#overview tbody tr'),
    function (r) { return r.children[1].textContent + '=' + r.children[3].textContent; }).join('|');
}
var __r = {loaded: __order()};
var th = document.querySelector('#overview th[data-key=errors]');
th.click(); __r.first = __order(); __r.sort1 = th.getAttribute('aria-sort');
th.click(); __r.second = __order(); __r.sort2 = th.getAttribute('aria-sort');
__r.scripts = Array.prototype.map.call(document.querySelectorAll('script[src],link[href],img[src]'),
  function (e) { return e.outerHTML; });
__r.errors = window.__errors;
var pre = document.createElement('pre'); pre.id = '__probe'; pre.textContent = JSON.stringify(__r);
document.body.appendChild(pre);
</script>"""


def _chromium(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           "--enable-logging=stderr", "--v=0", *args], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
def test_html_report_loads_sorts_and_escapes_in_chromium(run, tmp_path):
    import html

    _, out, data = run
    page = (out / "汇总.html").read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page            # nothing from the network
    assert HOSTILE_UNIT not in page and html.escape(HOSTILE_UNIT) in page
    # the page as written, with a probe around it: errors caught from the start, then a click on 错误
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("<head>", "<head>" + PROBE_HEAD, 1).replace("</body>", PROBE_TAIL + "</body>"),
                     encoding="utf-8")
    result = _chromium("--dump-dom", probe.as_uri())
    dom = result.stdout
    found = re.search(r'<pre id="__probe">(.*?)</pre>', dom, re.S)
    assert found, result.stderr[-2000:]
    probe_data = json.loads(html.unescape(found.group(1)))
    assert probe_data["errors"] == [] and probe_data["scripts"] == []
    assert "Uncaught" not in result.stderr and "CONSOLE" not in result.stderr
    errors = {Path(e["path"]).name: e["counts"]["error"] for e in data["files"]}
    by_errors = sorted(errors, key=lambda n: -errors[n])

    def names(order: str) -> list[str]:
        return [Path(item.split("=")[0]).name for item in order.split("|")]

    assert names(probe_data["loaded"]) == list(errors)                # input order as loaded
    assert names(probe_data["first"]) == by_errors and probe_data["sort1"] == "descending"
    assert names(probe_data["second"]) == by_errors[::-1] and probe_data["sort2"] == "ascending"
    # the hostile unit is shown as text: no script element came from it
    assert "<script>alert" not in dom and 'alert("x")' in html.unescape(dom)
    # the probe sees a script error when there is one (so its empty list above means something)
    broken = tmp_path / "broken.html"
    broken.write_text(probe.read_text(encoding="utf-8").replace("</h1>", "</h1><script>noSuchFunction();</script>"),
                      encoding="utf-8")
    seen = re.search(r'<pre id="__probe">(.*?)</pre>', _chromium("--dump-dom", broken.as_uri()).stdout, re.S)
    assert seen and "noSuchFunction" in json.loads(html.unescape(seen.group(1)))["errors"][0]


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
def test_html_report_sections_group_findings_by_table(run):
    _, out, data = run
    page = (out / "汇总.html").read_text(encoding="utf-8")
    first = data["files"][0]
    tables = []
    for f in first["findings"]:
        table = f["locations"][0]["table"] if f["locations"] else ""
        if not tables or tables[-1] != table:
            tables.append(table)
    section = page.split('<section id="file-0">')[1].split("</section>")[0]
    assert re.findall(r"<h3>【(.*?)】</h3>", section) == [t or "整体" for t in tables]
    import html

    for f in first["findings"]:
        assert html.escape(f["message"]) in section
    assert '标注副本：' in section
    assert "不是 Excel 工作簿" in page.split('<section id="file-3">')[1]
