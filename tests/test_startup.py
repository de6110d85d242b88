"""``checker --version`` and ``checker --help`` load no plugin (nor openpyxl, xlwings, python-docx):
a fresh command line costs Python's start plus click, and the checks are imported by the commands
that run them; a check imports the reader its input needs and no other, the plugins' regexes are
compiled when first used, and the entry points are read without importlib.metadata. (How long a start takes is measured by benchmarks/bench_startup.py, not here.)"""
from __future__ import annotations

import copy
import dataclasses
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from checker.core.entrypoints import DistributionAt, EntryPoint, entry_points, parse_entry_points
from checker.core.model import TableRole
from checker.core.template import TableSpec, TemplateProfile
from checker.core.patterns import lazy_pattern
from checker.core.text import norm
from checker.plugins.templates.xinjiang import PROFILE as XINJIANG

sys.path.insert(0, str(Path(__file__).resolve().parent / "seeds_shanghai"))
from extract import SOURCES, shared_dir  # noqa: E402  (tests/seeds_shanghai/extract.py)

SHARED = shared_dir()
needs_pdfs = pytest.mark.skipif(SHARED is None or not all((SHARED / f).is_file() for f in SOURCES.values()),
                                reason="the Shanghai PDFs (shared/seeds-shanghai) are not available")

PROBE = """
import json, sys
from checker.cli import main
sys.argv = ["checker", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = ("openpyxl", "xlwings", "docx", "python_calamine")
print(json.dumps([m for m in sys.modules if m.startswith("checker.plugins") or m.split(".")[0] in heavy
                  or m == "checker.excel.book"]))
"""


def loaded(*args: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("-h",), ("run", "--help"), ("codes", "--help")])
def test_version_and_help_load_no_plugin(args):
    modules = loaded(*args)
    if args[0] == "codes":      # a plugin's own command: that plugin, no other
        modules = [m for m in modules if m != "checker.plugins" and not m.startswith("checker.plugins.codes")]
    assert modules == []


def test_help_lists_the_lazily_loaded_commands_with_their_help():
    out = subprocess.run([sys.executable, "-m", "checker", "--help"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^  codes +科目编码：查询科目、导入官方科目表、查看科目表覆盖情况。$", out, re.M)
    assert re.search(r"^  clear +清除 checker run --annotate 写入的标注", out, re.M)
    assert re.search(r"^  excel +Excel 加载项", out, re.M)


def test_a_plugin_command_runs():
    out = subprocess.run([sys.executable, "-m", "checker", "codes", "2010301", "--year", "2024"],
                         capture_output=True, text=True, check=True).stdout
    assert "行政运行" in out


# --- what a check imports: each reader only for its kind of file ------------------------------

RUN_PROBE = """
import json, sys
from checker.cli import main
sys.argv = ["checker", *sys.argv[1:]]
status = 0
try:
    main()
except SystemExit as exc:
    status = exc.code
print(json.dumps({"status": status, "modules": sorted(sys.modules)}))
"""
# readers and libraries a run imports only when its input or options need them
NOT_FOR_A_WORKBOOK = ("openpyxl", "pdfplumber", "pdfminer", "pypdf", "xlwings", "docx", "importlib.metadata",
                      "subprocess")


def run_modules(*args: str, cwd: Path) -> tuple[int, set[str]]:
    out = subprocess.run([sys.executable, "-c", RUN_PROBE, *args], capture_output=True, text=True,
                         encoding="utf-8", check=True, cwd=cwd, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return result["status"], set(result["modules"])


def imported(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


def test_a_workbook_run_imports_neither_openpyxl_nor_pdfplumber_nor_xlwings(seed_path, tmp_path):
    status, modules = run_modules("run", str(seed_path("001", "split")), cwd=tmp_path)
    assert status in (0, 1)
    assert {"checker.plugins.arithmetic", "checker.plugins.yoy", "python_calamine"} <= modules   # it did check
    assert [name for name in NOT_FOR_A_WORKBOOK if imported(modules, name)] == []


def test_annotating_a_workbook_imports_openpyxl_and_still_not_pdfplumber(seed_path, tmp_path):
    # the probe sees a reader that is imported: the run that needs openpyxl shows it
    status, modules = run_modules("run", str(seed_path("001", "split")), "--annotate", str(tmp_path / "标注.xlsx"),
                                  cwd=tmp_path)
    assert status in (0, 1) and (tmp_path / "标注.xlsx").is_file()
    assert imported(modules, "openpyxl")
    assert not imported(modules, "pdfplumber") and not imported(modules, "xlwings")


@needs_pdfs
def test_a_pdf_run_imports_pdfplumber_and_not_openpyxl(tmp_path):
    pdf = SHARED / SOURCES["sh_office_unit_2025"]
    status, modules = run_modules("run", str(pdf), cwd=tmp_path)
    assert status in (0, 1)
    assert imported(modules, "pdfplumber")
    # pypdf writes an annotated copy (--annotate 标注.pdf): a plain run does not import it
    assert [name for name in ("openpyxl", "xlwings", "docx", "pypdf") if imported(modules, name)] == []


COMPILE_PROBE = """
import json, re, sys
compiled_by = []
original = re.compile
def recording(pattern, flags=0):
    caller = sys._getframe(1)
    if caller.f_code.co_name != "__getattr__":      # LazyPattern compiling on first use: fine
        compiled_by.append(caller.f_globals.get("__name__", ""))
    return original(pattern, flags)
re.compile = recording
from checker.core.engine import Engine
Engine()                    # every plugin imported and registered, their rules collected
print(json.dumps(compiled_by))
"""


def test_loading_the_plugins_compiles_no_regex_of_checker():
    """Plugin and core modules declare their regexes with core.text.lazy_pattern, compiled when a
    check first uses them: a module-level re.compile(...) of checker's shows up here (write it
    lazy_pattern(...) instead)."""
    out = subprocess.run([sys.executable, "-c", COMPILE_PROBE], capture_output=True, text=True, check=True)
    by = json.loads(out.stdout.strip().splitlines()[-1])
    assert [m for m in by if m.startswith("checker")] == []


# --- core.text.lazy_pattern ---------------------------------------------------------------------

def test_a_lazy_pattern_compiles_on_first_use_and_answers_as_the_pattern():
    lazy = lazy_pattern(r"(?P<n>\d+)\s*(万元|元)", re.I)
    assert "search" not in vars(lazy)                   # not compiled yet
    real = re.compile(r"(?P<n>\d+)\s*(万元|元)", re.I)
    text = "收入 12 万元，支出 3元"
    assert lazy.search(text).group("n") == "12"
    assert "search" in vars(lazy)                       # compiled: the pattern's own methods from now on
    assert [m.group(0) for m in lazy.finditer(text)] == [m.group(0) for m in real.finditer(text)]
    assert lazy.sub("#", text) == real.sub("#", text) and lazy.findall(text) == real.findall(text)
    assert lazy.match("7元").span() == (0, 2) and lazy.fullmatch("7 元") and lazy.split(text) == real.split(text)
    assert (lazy.pattern, lazy.flags, lazy.groups, lazy.groupindex) == (real.pattern, real.flags, real.groups,
                                                                         real.groupindex)
    assert repr(lazy_pattern("a+")) == "lazy_pattern('a+')"
    for state in (lazy_pattern(r"(\d+)元"), lazy):          # not yet compiled, compiled: both travel to a worker
        assert pickle.loads(pickle.dumps(state)).search("共 12元").group(1) == "12"
        assert copy.deepcopy(state).search("共 12元").group(0) == "12元"
    with pytest.raises(AttributeError):
        lazy.no_such_method


def test_a_wrong_lazy_pattern_fails_when_first_used():
    broken = lazy_pattern(r"(unclosed")
    with pytest.raises(re.error):
        broken.search("x")


# --- core.entrypoints ---------------------------------------------------------------------------

def test_entry_points_are_those_importlib_metadata_lists():
    import importlib.metadata

    for group in ("checker", "checker.commands", "console_scripts"):
        ours = {(ep.name, ep.value) for ep in entry_points(group)}
        theirs = {(ep.name, ep.value) for ep in importlib.metadata.entry_points(group=group)}
        assert ours == theirs, group
    assert {"arithmetic", "template_shanghai"} <= {ep.name for ep in entry_points("checker")}


def test_an_entry_point_file_is_read_as_importlib_reads_it(tmp_path):
    text = ("# comment\n[checker]\nprovince = province_plugin:Plugin.instance [extra]\n; another comment\n\n"
            "[ other ]\nx = y\nnot an entry\n")
    dist = DistributionAt(tmp_path)
    eps = list(parse_entry_points(text, dist))
    assert [(e.name, e.value, e.group) for e in eps] == [
        ("province", "province_plugin:Plugin.instance [extra]", "checker"), ("x", "y", "other")]
    assert eps[0].dist is dist


def test_a_distribution_on_the_path_is_found_loaded_and_named(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "province_plugin.py").write_text("class Plugin:\n    instance = 'the plugin'\n", encoding="utf-8")
    info = site / "province_plugin-2.5.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: province-plugin\nVersion: 2.5\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[checker]\nprovince = province_plugin:Plugin.instance\n"
                                           "whole = province_plugin\n", encoding="utf-8")
    (site / "nothing-1.0.dist-info").mkdir()            # no entry_points.txt: skipped
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(sys, "path", [*sys.path, str(tmp_path / "missing"), str(info / "METADATA")])
    found = [ep for ep in entry_points("checker") if ep.dist.path.parent == site]
    assert [ep.name for ep in found] == ["province", "whole"]
    assert found[0].load() == "the plugin" and found[1].load().__name__ == "province_plugin"
    assert found[0].dist.version == "2.5" and found[0].dist.metadata["Name"] == "province-plugin"
    with pytest.raises(AttributeError):
        found[0].dist.__wrapped__
    with pytest.raises(ValueError, match="入口点格式不对"):
        EntryPoint("bad", "not a module!", "checker", found[0].dist).load()


def test_checker_plugins_names_the_distribution_of_each_plugin():
    out = subprocess.run([sys.executable, "-m", "checker", "plugins", "--format", "json"], capture_output=True,
                         text=True, encoding="utf-8", check=True).stdout
    infos = {i["name"]: i for i in json.loads(out)}
    assert infos["arithmetic"]["distribution"].startswith("budget-disclosure-checker ")


# --- one search tells a cell is no table title --------------------------------------------------

TITLES = ["2025年部门收支总体情况表", "一般公共预算支出情况表", "财政拨款“三公”经费支出情况表", "单位：万元",
          "合计", "关于2025年部门预算的说明", "部门收入总表", "收支总表附注表格", "", "12,345.67", "上年结转结余情况明细表"]


def test_the_joined_title_search_decides_as_the_patterns_one_by_one():
    from checker.plugins.templates.shanghai import PROFILE as SHANGHAI

    for profile in (XINJIANG, SHANGHAI):
        alone = dataclasses.replace(profile)
        alone._compiled["any"] = None                       # no joined search: each pattern in turn
        assert profile._any_title() is not None
        assert [profile.match_title(norm(t)) for t in TITLES] == [alone.match_title(norm(t)) for t in TITLES]
    assert XINJIANG.match_title(norm("2025年部门收支总体情况表")).number == 1


def test_patterns_that_cannot_be_joined_are_tried_one_by_one():
    spec = TableSpec(TableRole.SUMMARY, 1, "收支总表", (r"(收支)\1?总表",))
    other = TableSpec(TableRole.INCOME, 2, "收入总表", (r"(?i)收入总表",))
    named = (TableSpec(TableRole.SUMMARY, 1, "收支总表", (r"(?P<kind>部门|单位)收支总表",)),
             TableSpec(TableRole.INCOME, 2, "收入总表", (r"(?P<kind>部门|单位)收入总表",)))    # one name twice
    for profile in (TemplateProfile("backref", "t", (spec,)), TemplateProfile("flag", "t", (other,)),
                    TemplateProfile("named", "t", named)):
        assert profile._any_title() is None
    assert TemplateProfile("backref", "t", (spec,)).match_title("部门收支收支总表").number == 1
    assert TemplateProfile("flag", "t", (other,)).match_title("部门收入总表").number == 2
    assert TemplateProfile("named", "t", named).match_title("单位收入总表").number == 2
    assert TemplateProfile("one name", "t", named[:1])._any_title() is not None


# --- the Excel button: a fresh Python running the add-in's entry ------------------------------

BUTTON_PROBE = """
import json, sys
payload = json.loads(open(sys.argv[1], encoding="utf-8").read())
sys.path.insert(0, sys.argv[2])          # the add-in's folder, as xlwings runs the module beside the .xlam
import xlwings as xw
book = xw.Book(json=payload)
xw.Book.caller = staticmethod(lambda: book)       # the remote engine's Book is the calling workbook
import budget_checker
budget_checker.main()
actions = book.json()["actions"]
print(json.dumps({"alerts": [a["args"][0] for a in actions if a["func"] == "alert"],
                  "sheets": [a["args"][-1] for a in actions if a["func"] == "addSheet"],
                  "modules": sorted(sys.modules)}, ensure_ascii=False))
"""


def test_the_excel_button_marks_the_workbook_without_the_file_readers(seed_path, tmp_path):
    """What each click on 校验 imports in the fresh Python xlwings starts: xlwings and the checks,
    not openpyxl, pdfplumber, python-docx or importlib.metadata (bench_excel.py times it)."""
    if not os.environ.get("XLWINGS_LICENSE_KEY"):
        pytest.skip("xlwings' remote engine needs XLWINGS_LICENSE_KEY (e.g. noncommercial, as .ci/run sets)")
    import checker
    from checker.excel.payload import OFFICE_JS, ClientBook

    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(ClientBook.from_workbook(seed_path("001", "split")).payload(OFFICE_JS),
                                  ensure_ascii=False), encoding="utf-8")
    addin = Path(checker.__file__).resolve().parent / "excel" / "addin"
    out = subprocess.run([sys.executable, "-c", BUTTON_PROBE, str(payload), str(addin)], capture_output=True,
                         text=True, encoding="utf-8", check=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    done = json.loads(out.stdout.strip().splitlines()[-1])
    assert done["alerts"] == [] and "校验结果" in done["sheets"]          # it checked and marked
    modules = set(done["modules"])
    assert {"budget_checker", "checker.excel.book", "checker.plugins.arithmetic"} <= modules
    assert [m for m in ("openpyxl", "pdfplumber", "pdfminer", "docx", "importlib.metadata") if imported(modules, m)] == []
