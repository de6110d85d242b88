"""``checker excel addin``: two .xlam files built from xlwings' ribbon add-in template, the Python
modules their buttons import, the interpreter setting and the 安装说明."""
from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.excel.addin import ADDINS, CONF_NAME, CUSTOM_UI, DATA, INSTALL_NAME, template_path, write_addin
from checker.excel.cli import register
from checker.excel.layout import MARKS_SHEET, RESULTS_SHEET

register(cli)   # as checker.cli.main() does

NS = "{http://schemas.microsoft.com/office/2006/01/customui}"
QUALIFIER = "BudgetDisclosureChecker"


@pytest.fixture(scope="module")
def addin_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("addin") / "预算校验加载项"
    write_addin(out)
    return out


def ribbon(xlam: Path) -> ElementTree.Element:
    with zipfile.ZipFile(xlam) as zf:
        return ElementTree.fromstring(zf.read(CUSTOM_UI))


def test_writes_the_addins_their_modules_the_conf_and_the_instructions(addin_dir):
    names = sorted(p.name for p in addin_dir.iterdir())
    assert names == sorted(["budget_checker.xlam", "budget_checker.py", "budget_checker_clear.xlam",
                            "budget_checker_clear.py", "budget_checker_draft.xlam", "budget_checker_draft.py",
                            CONF_NAME, INSTALL_NAME])


@pytest.mark.parametrize("spec", ADDINS, ids=lambda s: s.name)
def test_xlam_is_the_xlwings_template_with_our_ribbon(addin_dir, spec):
    xlam = addin_dir / f"{spec.name}.xlam"
    with zipfile.ZipFile(xlam) as zf, zipfile.ZipFile(template_path()) as template:
        assert zf.testzip() is None
        assert zf.namelist() == template.namelist()
        assert zf.read(CUSTOM_UI) == (DATA / spec.custom_ui).read_bytes()
        for name in template.namelist():
            if name != CUSTOM_UI:                   # the VBA project above all: byte for byte
                assert zf.read(name) == template.read(name), name
        types = zf.read("[Content_Types].xml").decode()
        assert "application/vnd.ms-excel.addin.macroEnabled.main+xml" in types
        assert 'Target="customUI/customUI.xml"' in zf.read("_rels/.rels").decode()


def test_the_ribbons_share_the_qualified_tab_with_one_button_each(addin_dir):
    validate_ui = ribbon(addin_dir / "budget_checker.xlam")
    clear_ui = ribbon(addin_dir / "budget_checker_clear.xlam")
    draft_ui = ribbon(addin_dir / "budget_checker_draft.xlam")
    tabs = []
    for ui in (validate_ui, clear_ui, draft_ui):
        tab = ui.find(f"{NS}ribbon/{NS}tabs/{NS}tab")
        assert tab is not None and tab.get("label") == "预算校验"
        tabs.append(tab.get("idQ"))
        button = tab.find(f"{NS}group/{NS}button")
        # the template's VBA callback, which imports the module named after the .xlam
        assert button.get("onAction") == "RibbonMyAddin.RunMain"
    assert tabs == ["x:BudgetCheckerTab"] * 3
    raw = [(addin_dir / f"{s.name}.xlam") for s in ADDINS]
    for path in raw:
        with zipfile.ZipFile(path) as zf:
            assert f'xmlns:x="{QUALIFIER}"' in zf.read(CUSTOM_UI).decode("utf-8")
    assert validate_ui.find(f".//{NS}button").get("label") == "校验"
    assert clear_ui.find(f".//{NS}button").get("label") == "清除标记"
    assert draft_ui.find(f".//{NS}button").get("label") == "生成说明"


def test_conf_names_the_interpreter_in_the_format_the_vba_reads(addin_dir):
    lines = (addin_dir / CONF_NAME).read_bytes().decode("utf-8").split("\r\n")
    assert lines[0].startswith('"INTERPRETER_WIN","') and lines[0].endswith('pythonw.exe"')
    assert lines[1].startswith('"INTERPRETER_MAC","/')
    if sys.platform == "darwin":  # pragma: no cover - the generating Python is named where it runs
        assert lines[1] == f'"INTERPRETER_MAC","{sys.executable}"'


def test_install_instructions_are_chinese_and_cover_windows_macos_and_wps(addin_dir):
    raw = (addin_dir / INSTALL_NAME).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")           # Notepad recognises UTF-8 by its BOM
    text = raw.decode("utf-8-sig")
    for needle in ("一、Windows", "二、macOS", r"%USERPROFILE%\.myaddin\myaddin.conf",
                   "~/Library/Containers/com.microsoft.Excel/Data/myaddin.conf", "xlwings addin install",
                   "xlwings runpython install", "budget_checker.xlam", "budget_checker_clear.xlam",
                   "budget_checker_draft.xlam", "清除标记", "生成说明", "WPS", "checker run 预算公开.xlsx --annotate", "checker clear"):
        assert needle in text, needle
    assert "$xlwings_version" not in text


def test_buttons_run_validate_and_clear_through_the_generated_modules(addin_dir, seed_path, monkeypatch):
    """What RunMain runs — ``import budget_checker; budget_checker.main()`` — on a workbook given
    to xlwings' real remote engine as the caller."""
    if not os.environ.get("XLWINGS_LICENSE_KEY"):
        pytest.skip("xlwings' remote engine needs XLWINGS_LICENSE_KEY (e.g. noncommercial, as .ci/run sets)")
    import xlwings as xw

    from checker.excel.payload import ClientBook

    monkeypatch.syspath_prepend(str(addin_dir))
    for name in ("budget_checker", "budget_checker_clear", "budget_checker_draft"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    client = ClientBook.from_workbook(seed_path("000", "split"))
    before = client.state()
    try:
        for command in ("import budget_checker; budget_checker.main()",
                        "import budget_checker_draft; budget_checker_draft.main()",
                        "import budget_checker_clear; budget_checker_clear.main()"):
            book = xw.Book(json=client.payload())
            book.set_mock_caller()
            exec(command, {})
            actions = book.json()["actions"]
            assert not [a for a in actions if a["func"] == "alert"], actions   # no error shown
            client.apply(actions)
            if "clear" not in command:
                assert {RESULTS_SHEET, MARKS_SHEET} <= {s.name for s in client.sheets}
            if "draft" in command:
                assert client.sheets[-1].name == "情况说明草稿"
    finally:
        if hasattr(xw.Book, "_mock_caller"):
            del xw.Book._mock_caller
    assert client.state() == before


def test_cli_writes_the_addin_and_refuses_a_file_as_directory(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["excel", "addin", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "budget_checker.xlam" in result.output and "安装说明.txt" in result.output
    assert (tmp_path / "out" / "budget_checker_clear.xlam").exists()

    (tmp_path / "file").write_text("x")
    result = runner.invoke(cli, ["excel", "addin", str(tmp_path / "file")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"错误：{tmp_path / 'file'} 是一个文件，请指定一个文件夹。"
