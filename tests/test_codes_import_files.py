"""``checker codes import`` on the files budget systems and offices really export: 类/款/项 in
separate columns with blank upper parts, a whole code typed into one part column, economic lists
holding 政府经济分类 (5xx) codes, duplicates with two names, and files it cannot read (a missing
sheet, a UTF-16 "Unicode text" save, a file that only carries an Excel name). What the user sees is
asserted: the counts, the skipped rows, the one Chinese line and exit status 2."""
from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from checker.cli import cli


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "userdata"
    monkeypatch.setenv("CHECKER_DATA_DIR", str(folder))
    return folder


def codes(*args: str):
    return CliRunner().invoke(cli, ["codes", *args], catch_exceptions=False)


def _xlsx(path, rows, sheet="科目"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_parts_in_columns_with_blank_upper_parts_and_lost_zeros(data_dir, tmp_path):
    path = _xlsx(tmp_path / "功能科目.xlsx", [
        ["2026年支出功能分类科目"],
        ["类", "款", "项", "科目名称"],
        ["201", "", "", "一般公共服务支出"],
        ["", "3", "", "政府办公厅（室）及相关机构事务"],        # 款 "03" saved as the number 3
        ["", "", "01", "行政运行"],                            # 类 and 款 carried down
        ["", "", "", ""],                                       # a blank separator row
        ["", "", "02", "一般行政管理事务"],
        ["20105", "", "", "发展与改革事务"],                    # the whole 款 code typed in the 类 column
        ["", "", "01", "行政运行"],
        ["101", "", "", "税收收入"],                            # a revenue class: skipped
    ])
    result = codes("import", str(path), "--year", "2026")
    assert result.exit_code == 0, result.output
    assert "2026 年支出功能分类科目：类 1 个，款 2 个，项 3 个（作为完整的官方科目表）" in result.output
    assert "跳过收入科目 1 个。" in result.output
    saved = (data_dir / "codes" / "function_2026.csv").read_text(encoding="utf-8")
    for code, name in [("2010301", "行政运行"), ("2010302", "一般行政管理事务"), ("2010501", "行政运行")]:
        assert f"{code},{name}" in saved
    looked = codes("2010501", "--year", "2026")
    assert "2010501（支出功能分类科目·项）" in looked.output and "行政运行" in looked.output


def test_an_economic_list_with_government_codes_and_a_duplicate(data_dir, tmp_path):
    path = tmp_path / "经济科目.csv"
    path.write_text("科目编码,科目名称\n301,工资福利支出\n30101,基本工资\n30101,基本工资（含津贴）\n"
                    "301,工资福利支出\n501,机关工资福利支出\n50101,工资奖金津补贴\n3010101,不是经济科目的七位编码\n"
                    ",\nABC,说明行\n", encoding="utf-8")
    result = codes("import", str(path), "--year", "2026", "--list", "economic")
    assert result.exit_code == 0, result.output
    assert "2026 年部门预算支出经济分类科目：类 1 个，款 1 个" in result.output
    assert "2026 年政府预算支出经济分类科目：类 1 个，款 1 个" in result.output
    # 301 twice with one name is no conflict; 30101 with two names is one
    assert "同一编码出现不同名称 1 处，保留第一个：30101：基本工资 / 基本工资（含津贴）" in result.output
    assert "跳过无法识别的行 2 个：3010101 不是经济科目的七位编码、ABC 说明行" in result.output
    assert (data_dir / "codes" / "economic_gov_2026.csv").exists()


@pytest.mark.parametrize("make, words", [
    (lambda p: _xlsx(p.with_suffix(".xlsx"), [["科目编码", "科目名称"], ["201", "一般公共服务支出"]]),
     "工作簿中没有名为“汇总”的工作表"),
    (lambda p: _write(p.with_suffix(".csv"), "科目编码\t科目名称\n201\t一般公共服务支出\n".encode("utf-16")),
     "文本编码无法识别，请另存为 UTF-8 编码的 CSV"),
    (lambda p: _write(p.with_suffix(".xls"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
     "无法读取 .xls 工作簿"),
])
def test_files_it_cannot_read_get_one_line(data_dir, tmp_path, make, words):
    path = make(tmp_path / "科目表")
    result = codes("import", str(path), "--year", "2026", "--sheet", "汇总")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    line = next(ln for ln in result.output.splitlines() if words in ln)
    assert str(path) in line
    assert not (data_dir / "codes").exists()


def test_an_xlsx_that_is_a_zip_but_not_a_workbook(data_dir, tmp_path):
    import zipfile

    path = tmp_path / "科目表.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    result = codes("import", str(path), "--year", "2026")
    assert result.exit_code == 2 and "无法读取工作簿" in result.output and str(path) in result.output


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_lookups_for_a_year_without_a_list_and_names_that_match_nothing(data_dir):
    result = codes("2010301", "--year", "2019")
    assert "2019 年：没有该年度的支出功能分类科目（可用 checker codes import 导入）" in result.output
    result = codes("行政运行", "--year", "2024")
    assert "2010301" in result.output and "2024 年" in result.output and "2023" not in result.output
    result = codes("不存在的科目名称")
    assert result.output.strip() == "科目表中没有名称含“不存在的科目名称”的科目。"
