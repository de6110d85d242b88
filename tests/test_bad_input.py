"""Bad input gets one clear Chinese line, exit status 2, no traceback, nothing written."""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from checker.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def assert_clean_failure(result, path: Path, words: str):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert str(path) in result.output
    assert words in result.output


def test_missing_file(tmp_path):
    path = tmp_path / "没有这个文件.xlsx"
    assert_clean_failure(run("run", str(path)), path, "文件不存在")


def test_not_a_workbook(tmp_path):
    path = tmp_path / "说明.xlsx"
    path.write_text("这不是工作簿", encoding="utf-8")
    assert_clean_failure(run("run", str(path)), path, "不是 Excel 工作簿")


def test_damaged_xls(tmp_path):
    # an old-format .xls is read (tests/test_xls.py); one that cannot be parsed is named, not a traceback
    path = tmp_path / "旧版.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    assert_clean_failure(run("run", str(path)), path, "无法解析这个 .xls 工作簿")


def test_password_protected(tmp_path):
    # an encrypted .xlsx is an OLE container with an EncryptionInfo stream
    path = tmp_path / "加密.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 500)
    assert_clean_failure(run("run", str(path)), path, "密码")


def test_empty_file(tmp_path):
    path = tmp_path / "空.xlsx"
    path.write_bytes(b"")
    assert_clean_failure(run("run", str(path)), path, "空的")


def test_zip_bomb(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    assert_clean_failure(run("run", str(path)), path, "压缩炸弹")


def test_xml_bomb(tmp_path):
    # a valid workbook whose sheet XML declares nested entities (billion laughs)
    path = tmp_path / "xmlbomb.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    buf = io.BytesIO()
    wb.save(buf)
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol3;</workbook>')
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = bomb.encode() if item.filename == "xl/workbook.xml" else src.read(item.filename)
            dst.writestr(item, data)
    assert_clean_failure(run("run", str(path)), path, "XML")


def test_empty_workbook(tmp_path):
    path = tmp_path / "空白.xlsx"
    openpyxl.Workbook().save(path)
    assert_clean_failure(run("run", str(path)), path, "工作簿是空的")


def test_workbook_without_tables_is_reported_not_crashed(tmp_path):
    path = tmp_path / "杂项.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "会议记录"
    wb.save(path)
    result = run("run", str(path))
    assert result.exit_code == 1
    assert "S001" in result.output and "没有找到任何预算公开表" in result.output


def test_input_is_never_modified(tmp_path, seed_path):
    src = seed_path("000", "split")
    path = tmp_path / "input.xlsx"
    path.write_bytes(src.read_bytes())
    os.utime(path, (1_600_000_000, 1_600_000_000))
    before = path.read_bytes()
    listing = sorted(p.name for p in tmp_path.iterdir())
    run("run", str(path), "--format", "json")
    assert path.read_bytes() == before
    assert path.stat().st_mtime == 1_600_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_usage_error_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "--format", "xml"])
    assert result.exit_code == 2


def test_directory_without_workbooks(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(tmp_path)])
    assert result.exit_code == 2
    assert "没有找到" in result.output
