"""``checker codes …`` on the command line, and docs/codes.md's coverage table."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs" / "codes.md"


def checker(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHECKER_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-c", "from checker.cli import main; main()", *args],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "userdata"


def test_lookup_by_code(data_dir):
    out = checker("codes", "2010301", "--year", "2024", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    assert "行政运行" in out.stdout and "20103 政府办公厅（室）及相关机构事务" in out.stdout and "S001" in out.stdout


def test_lookup_by_name_across_years(data_dir):
    out = checker("codes", "行政运行", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    assert re.search(r"2010301\s+行政运行.*2023、2024、2025 年", out.stdout)
    assert "2110101" in out.stdout


def test_lookup_tells_absent_from_unknown(data_dir):
    out = checker("codes", "30104", "--year", "2025", data_dir=data_dir)
    assert "此科目不存在" in out.stdout
    out = checker("codes", "2010308", "--year", "2025", data_dir=data_dir)
    assert "无法断定" in out.stdout
    out = checker("codes", "234", "--year", "2025", data_dir=data_dir)
    assert "是否有效无法确定" in out.stdout


def test_import_then_run_uses_the_imported_list(data_dir, tmp_path, seed_path):
    workbook = seed_path("003", "split")
    base = checker("run", str(workbook), "--select", "C", "--format", "json", data_dir=data_dir)
    assert base.returncode == 0, base.stderr
    assert json.loads(base.stdout)["files"][0]["findings"] == []

    # the official 2025 table as exported: here the shipped codes, without 234 and without 2010302
    from checker.plugins.codes.reference import shipped

    entries = shipped()[0][("function", 2025)].entries
    official = tmp_path / "2025科目.csv"
    official.write_text("科目编码,科目名称\n" + "".join(f"{c},{e.name}\n" for c, e in sorted(entries.items())
                                                  if c not in ("234", "2010302")), encoding="utf-8")
    out = checker("codes", "import", str(official), "--year", "2025", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    assert "类 29 个" in out.stdout and (data_dir / "codes" / "function_2025.csv").exists()

    run = checker("run", str(workbook), "--select", "C", "--format", "json", data_dir=data_dir)
    findings = json.loads(run.stdout)["files"][0]["findings"]
    # 2010302 is not in the imported 20103 (complete now), but the 2024 list has it
    assert [(f["rule"], f["actual"]) for f in findings] == [("C012", "2010302")]
    assert [loc["table"].split(" ")[0] for loc in findings[0]["locations"]] == ["表2", "表3", "表5", "表7"]

    out = checker("codes", "remove", "--year", "2025", data_dir=data_dir)
    assert "已删除" in out.stdout and not (data_dir / "codes" / "function_2025.csv").exists()
    again = checker("run", str(workbook), "--select", "C", "--format", "json", data_dir=data_dir)
    assert json.loads(again.stdout)["files"][0]["findings"] == [] and again.returncode == 0


def test_help_lists_the_subcommands(data_dir):
    out = checker("codes", "--help", data_dir=data_dir)
    assert out.returncode == 0
    for word in ("import", "lookup", "coverage", "remove"):
        assert word in out.stdout


def test_docs_coverage_table_is_current(data_dir):
    out = checker("codes", "coverage", "--format", "markdown", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("<!-- coverage:start -->\n", 1)[1].split("<!-- coverage:end -->", 1)[0]
    assert section == out.stdout, "docs/codes.md is out of date: paste `checker codes coverage --format markdown`"


def test_provenance_is_shown_as_document_names_in_aligned_columns(data_dir):
    from checker.core.console import display_width

    lookup = checker("codes", "2010301", data_dir=data_dir).stdout
    assert "来源 S001：新疆巴州人民政府办公室 2024 年部门预算公开" in lookup
    cover = checker("codes", "coverage", data_dir=data_dir).stdout
    for text in (lookup, cover):
        assert "shared/" not in text and ".txt" not in text and ".json" not in text
    table, legend = cover.split("\n\n编码来源：\n")
    lines = table.splitlines()
    starts = [display_width(lines[0][:lines[0].index(h)]) for h in ("年度", "来源", "完整的级次")]
    for line in lines[1:]:
        cells = line.split()
        assert display_width(line[:line.index(cells[1])]) == starts[0], line     # 年度 lines up
    assert "  S001  " in legend and "新疆巴州人民政府办公室 2024 年部门预算公开" in legend
    names = checker("codes", "行政运行", data_dir=data_dir).stdout.splitlines()
    assert len({display_width(line[:line.index("支出功能分类科目")]) for line in names if "支出功能" in line}) == 1


def test_checker_codes_alone_shows_its_help(data_dir):
    result = checker("codes", data_dir=data_dir)
    assert result.returncode == 0 and result.stdout.startswith("用法：checker codes") and "错误" not in result.stderr
