"""The core's refusals and conversions that a user meets at the edges: option values a plugin's
declaration does not admit, workbooks whose package is broken in ways a careless export or a
hostile sender produces, output paths that cannot be written, and text shown on a console whose
encoding lacks a character. Each case is met through the command line or the engine, as the user
meets it, and the Chinese line it gets is asserted."""
from __future__ import annotations

import io
import os
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from hostile import CT, RELS, TITLE, WB, WB_RELS, sheet_xml  # noqa: E402

from checker.cli import cli  # noqa: E402
from checker.core import console  # noqa: E402
from checker.core.engine import Engine, hookimpl, make_plugin_manager  # noqa: E402
from checker.core.errors import UsageError  # noqa: E402
from checker.core.findings import Finding, Location, Rule, Severity  # noqa: E402
from checker.core.model import Disclosure  # noqa: E402
from checker.core.options import RunOption  # noqa: E402
from checker.core.outputs import OutputError, atomic_write  # noqa: E402


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def one_line_refusal(result, path, words: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    line = next((ln for ln in result.output.splitlines() if words in ln), None)
    assert line is not None, result.output
    assert str(path) in line, result.output


# ---------------------------------------------------------------- options a plugin declares

class RangedPlugin:
    """A third-party plugin declaring options with every kind of constraint the engine checks."""

    @hookimpl
    def checker_rules(self):
        return [Rule("A994", Severity.WARNING, "演示参数", "演示。", "演示。", "坏", "好")]

    @hookimpl
    def checker_options(self):
        return [
            RunOption("demo_share", 50, "演示百分比（A994）", type="number", minimum=0, maximum=100),
            RunOption("demo_mode", "严格", "演示模式（A994）", type="text", choices=("严格", "宽松")),
            RunOption("demo_words", "甲", "演示词语（A994）", type="text"),
            RunOption("demo_lists", [], "演示列表（A994）", type="list"),
            RunOption("demo_scores", [90, 100], "演示分数（A994）", type="list", minimum=0, maximum=100),
            RunOption("demo_free", 1, "任意值（A994）"),
        ]

    @hookimpl
    def checker_check(self, document, context):
        shown = "|".join(repr(context.option(n)) for n in ("demo_share", "demo_mode", "demo_words", "demo_lists", "demo_free"))
        yield Finding("A994", shown, [Location("表1", "A1", "表1")])


def _engine(**options) -> Engine:
    return Engine(make_plugin_manager([RangedPlugin()], entry_points=False), options=options)


def _refused(**options) -> str:
    with pytest.raises(UsageError) as caught:
        _engine(**options)
    return str(caught.value)


def test_option_values_outside_the_declaration_are_refused_naming_what_fits():
    assert "不能大于 100（给的是 101）" in _refused(demo_share=101)
    assert "不能小于 0" in _refused(demo_share=-1)
    assert "“随意”不是可选的值（严格、宽松）" in _refused(demo_mode="随意")
    assert "应为文字，而不是 {\"a\": 1}" in _refused(demo_words={"a": 1})
    assert "应为列表" in _refused(demo_lists={"a": 1})
    assert "列表中的 120 不能大于 100（给的是 120）" in _refused(demo_scores=[90, 120])


def test_option_values_inside_the_declaration_reach_the_check_converted():
    engine = _engine(demo_share=100, demo_mode="宽松", demo_words=["甲", "乙"], demo_lists=["x", 3],
                     demo_free={"任意": True})
    [finding] = [f for f in engine.check(Disclosure(path="演示.xlsx")) if f.rule == "A994"]
    # a list typed for a text option is joined as it would be typed; a list of anything is kept
    assert finding.message == "100|'宽松'|'甲,乙'|['x', 3]|{'任意': True}"


def test_checker_options_shows_each_constraint_in_words():
    declared = _engine().declared_options
    assert declared["demo_share"].shown_type == "数字（≥ 0，≤ 100）"
    assert declared["demo_mode"].shown_type == "文字（可选 严格、宽松）"
    assert declared["demo_scores"].shown_type == "数字列表（≥ 0，≤ 100）"
    assert declared["demo_lists"].shown_type == "列表"
    assert declared["demo_free"].shown_type == ""


def test_a_limit_typed_as_words_is_refused_not_silently_replaced(tmp_path):
    # "--option max_file_mb=大" used to leave the 200 MB default in force without a word
    result = invoke("run", str(tmp_path / "无.xlsx"), "--option", "max_file_mb=大")
    assert result.exit_code == 2
    assert "max_file_mb" in result.output and "应为数字，而不是 大。应为 整数（≥ 0）" in result.output
    result = invoke("run", str(tmp_path / "无.xlsx"), "--option", "max_pdf_seconds=-1")
    assert result.exit_code == 2 and "max_pdf_seconds" in result.output and "不能小于" in result.output


# ---------------------------------------------------------------- broken packages

def _package(path: Path, parts: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return path


def _workbook_parts(sheet: str, **replace: str | bytes) -> dict[str, str | bytes]:
    parts: dict[str, str | bytes] = {"[Content_Types].xml": CT, "_rels/.rels": RELS, "xl/workbook.xml": WB,
                                     "xl/_rels/workbook.xml.rels": WB_RELS, "xl/worksheets/sheet1.xml": sheet}
    parts.update(replace)
    return {k: v for k, v in parts.items() if v is not None}


def test_a_zip_without_a_workbook_part_is_not_taken_for_a_workbook(tmp_path):
    path = _package(tmp_path / "压缩包.xlsx", {"readme.txt": "不是工作簿"})
    one_line_refusal(invoke("run", str(path)), path, "压缩包中没有 xl/workbook.xml，不是 Excel 工作簿")


def test_too_many_parts_is_refused_before_reading(tmp_path):
    parts = _workbook_parts(sheet_xml(f"<row r=\"1\">{TITLE}</row>"))
    parts.update({f"xl/media/image{i}.png": b"x" for i in range(12)})
    path = _package(tmp_path / "部件多.xlsx", parts)
    result = invoke("run", str(path), "--option", "max_entries=10")
    one_line_refusal(result, path, "个部件，超过上限 10")
    assert "max_entries" in result.output


def test_a_directory_of_two_small_parts_over_the_total_is_refused(tmp_path):
    parts = _workbook_parts(sheet_xml(f"<row r=\"1\">{TITLE}</row>"))
    parts["xl/media/blob.bin"] = b"0" * (2 * 1024 * 1024)
    path = _package(tmp_path / "解压大.xlsx", parts)
    result = invoke("run", str(path), "--option", "max_uncompressed_mb=1")
    one_line_refusal(result, path, "文件解压后超过 1 MB")


def test_a_dtd_hidden_behind_a_long_comment_is_still_refused(tmp_path):
    # the first 4 KB of every part are checked for a DOCTYPE; one further down reaches the XML
    # parser, which refuses it too, and the user gets the same kind of line
    bomb = ('<?xml version="1.0" encoding="UTF-8"?><!--' + "填充" * 3000 + '-->'
            '<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa">]>' + WB.split("?>", 1)[1].replace("表1", "表1&a;"))
    path = _package(tmp_path / "实体.xlsx", _workbook_parts(sheet_xml(f"<row r=\"1\">{TITLE}</row>"),
                                                          **{"xl/workbook.xml": bomb}))
    one_line_refusal(invoke("run", str(path)), path, "不安全的 XML 内容（疑似 XML 炸弹）")


def test_a_sheet_the_workbook_names_but_the_package_lacks_is_a_broken_workbook(tmp_path):
    parts = _workbook_parts("")
    del parts["xl/worksheets/sheet1.xml"]
    path = _package(tmp_path / "缺表.xlsx", parts)
    one_line_refusal(invoke("run", str(path)), path, "工作簿结构损坏，无法解析")


def test_a_workbook_without_its_relationships_part_is_a_broken_workbook(tmp_path):
    parts = _workbook_parts(sheet_xml(f"<row r=\"1\">{TITLE}</row>"))
    del parts["xl/_rels/workbook.xml.rels"]
    path = _package(tmp_path / "缺关系.xlsx", parts)
    one_line_refusal(invoke("run", str(path)), path, "工作簿结构损坏，无法解析")


def test_error_cells_and_uncached_formulas_without_an_address_are_skipped_not_misplaced(tmp_path):
    # a hand-made sheet: one error cell with an address (reported), one without (cannot be
    # placed, so not reported on a wrong cell), a formula without a cached value and no address
    body = ('<row r="1">' + TITLE + '</row>'
            '<row r="2"><c r="B2" t="e"><v>#DIV/0!</v></c><c t="e"><v>#REF!</v></c>'
            '<c t="e"></c><c><f>SUM(1,2)</f></c></row>')
    path = _package(tmp_path / "错误值.xlsx", _workbook_parts(sheet_xml(body)))
    result = invoke("run", str(path), "--format", "json")
    assert result.exit_code == 1, result.output
    import json

    s015 = [f for f in json.loads(result.output)["files"][0]["findings"] if f["rule"] == "S015"]
    assert [(f["locations"][0]["cell"], "#DIV/0!" in f["message"]) for f in s015] == [("B2", True)]


# ---------------------------------------------------------------- outputs

def test_output_that_is_a_folder_or_a_dangling_link_is_refused(tmp_path, seed_path):
    source = seed_path("000", "split")
    first, second = tmp_path / "甲.xlsx", tmp_path / "乙.xlsx"
    first.write_bytes(source.read_bytes())
    second.write_bytes(source.read_bytes())
    blocked = tmp_path / "标注" / "甲.xlsx"          # last time's copy was unpacked into a folder
    blocked.mkdir(parents=True)
    result = invoke("run", str(first), str(second), "--annotate", str(tmp_path / "标注"))
    assert result.exit_code == 2 and f"--annotate {blocked} 是一个文件夹，请给出要写入的文件名" in result.output
    loop = tmp_path / "循环.json"
    os.symlink(loop, loop)              # a link to itself: it exists, but cannot be opened
    result = invoke("run", str(source), "-o", str(loop))
    assert result.exit_code == 2 and f"-o/--output {loop} 无法访问" in result.output
    assert "Traceback" not in result.output


def test_a_write_from_a_worker_thread_is_still_atomic(tmp_path):
    out = tmp_path / "汇总.csv"
    out.write_text("旧内容", encoding="utf-8")
    seen: list[object] = []

    def write(fail: bool) -> None:
        try:
            with atomic_write(out) as tmp:
                tmp.write_text("新内容", encoding="utf-8")
                if fail:
                    raise RuntimeError("写到一半")
        except RuntimeError as exc:
            seen.append(str(exc))

    for fail in (True, False):
        worker = threading.Thread(target=write, args=(fail,))
        worker.start()
        worker.join()
        assert out.read_text(encoding="utf-8") == ("旧内容" if fail else "新内容")
    assert seen == ["写到一半"]
    assert [p.name for p in tmp_path.iterdir()] == ["汇总.csv"]        # no temporary file left


def test_a_write_that_cannot_land_names_the_file(tmp_path):
    out = tmp_path / "汇总.csv"
    with pytest.raises(OutputError) as caught:
        with atomic_write(out) as tmp:
            tmp.write_text("内容", encoding="utf-8")
            out.mkdir()                     # the target became a folder meanwhile: replace fails
            (out / "占位").write_text("x", encoding="utf-8")
    assert f"无法写入 {out}" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["汇总.csv"]


# ---------------------------------------------------------------- console encodings

def test_a_gbk_console_shows_what_it_can_and_a_question_mark_for_the_rest():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="gbk")
    real = sys.stdout
    sys.stdout = stream
    try:
        console.setup()
        print("合计 ≥ 100 ✓ ㎡ \U0001F600", end="")
        stream.flush()
    finally:
        sys.stdout = real
    # ≥ and ✓ have GBK forms (≥ itself is in GBK); ㎡ exists in GBK; the emoji has no form at all
    assert raw.getvalue().decode("gbk") == "合计 ≥ 100 √ ㎡ ?"


def test_decoding_errors_are_not_swallowed_by_the_console_handler():
    with pytest.raises(UnicodeDecodeError):
        b"\xff\xfe\xfa".decode("utf-8", errors=console.ERRORS)


def test_a_console_stream_that_cannot_be_reconfigured_is_left_alone(monkeypatch):
    class Capture:
        encoding = "ascii"

        def write(self, text):       # pragma: no cover - not written to here
            return len(text)

    monkeypatch.setattr(sys, "stdout", Capture())
    console.setup()                  # no reconfigure method: nothing to change, no error
    assert console.terminal(Capture()) == (False, None)
