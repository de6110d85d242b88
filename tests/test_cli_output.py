"""`checker run`: text grouped by file and table, stable JSON, exit codes, directories, --output."""
from __future__ import annotations

import copy
import json

from click.testing import CliRunner

import build
from checker.cli import cli


def _without_table11(seed_data, tmp_path):
    data = copy.deepcopy(seed_data("000"))
    data["tables"] = [t for t in data["tables"] if t["number"] != 11]
    # the narrative must not excuse it either
    data["narrative"] = [p for p in data["narrative"] if "结转结余情况明细表" not in p]
    return build.build_workbook(data, "split", tmp_path / "缺表11.xlsx")


def test_json_is_stable_and_complete(tmp_path, seed_data):
    path = _without_table11(seed_data, tmp_path)
    result = CliRunner().invoke(cli, ["run", str(path), "--format", "json", "--select", "S"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["version"] == 2
    assert data["totals"] == {"files": 1, "unreadable": 0, "errors": 1, "warnings": 0, "clean": 0,
                              "error": 1, "warning": 0, "info": 0, "explained": 0}
    (entry,) = data["files"]
    assert entry["path"] == str(path)
    assert entry["unit"] == "新疆维吾尔自治区政务服务和公共资源交易中心" and entry["year"] == 2024
    (finding,) = [f for f in entry["findings"] if f["rule"] == "S001"]
    assert (finding["severity"], finding["severity_label"]) == ("error", "错误")
    assert (entry["status"], entry["status_label"]) == ("errors", "有错误")
    assert "上年结转结余情况明细表" in finding["message"]
    assert set(finding) >= {"rule", "severity", "message", "locations", "expected", "actual"}
    assert set(finding["locations"][0]) >= {"sheet", "cell", "table"}


def test_text_output_is_grouped_and_summarised(tmp_path, seed_data):
    path = _without_table11(seed_data, tmp_path)
    result = CliRunner().invoke(cli, ["run", str(path), "--select", "S"])
    lines = result.output.splitlines()
    assert lines[0] == f"文件：{path}"
    assert "新疆维吾尔自治区政务服务和公共资源交易中心（单位预算，2024 年" in lines[1]
    assert "【表11 上年结转结余情况明细表】" in result.output
    assert any(line.startswith("  错误 S001") for line in lines)
    assert lines[-1].startswith("汇总：1 个错误，0 个警告（结构 1 错误/0 警告）")


def test_directory_checks_every_workbook_and_output_file(tmp_path, seed_path, seed_data):
    folder = tmp_path / "报送"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(seed_path("000", "split").read_bytes())
    (folder / "b.xlsm").write_bytes(seed_path("001", "stacked").read_bytes())
    (folder / "~$a.xlsx").write_bytes(b"lock file")
    (folder / "readme.txt").write_text("x")
    out = tmp_path / "结果.json"
    result = CliRunner().invoke(cli, ["run", str(folder), "--format", "json", "--output", str(out), "--select", "S"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"已写出结果：{out}（2 个工作簿，0 个错误，0 个警告）\n"      # -o says what it wrote
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [f["path"].rsplit("/", 1)[-1] for f in data["files"]] == ["a.xlsx", "b.xlsm"]


def test_unreadable_file_among_good_ones_exits_2(tmp_path, seed_path):
    bad = tmp_path / "坏.xlsx"
    bad.write_text("no")
    result = CliRunner().invoke(cli, ["run", str(seed_path("000", "split")), str(bad), "--select", "S"])
    assert result.exit_code == 2
    assert "不是 Excel 工作簿" in result.output and "汇总：0 个错误" in result.output


def test_year_option_overrides(tmp_path, seed_path):
    result = CliRunner().invoke(cli, ["run", str(seed_path("000", "split")), "--year", "2025", "--format", "json",
                                      "--select", "S"])
    assert json.loads(result.output)["files"][0]["year"] == 2025


def test_many_workbooks_end_with_an_overview_worst_first(tmp_path, seed_path, seed_data):
    """A finance bureau checks every department's submission at once: the end of the report says
    which files need work, files that could not be read and files with errors first."""
    folder = tmp_path / "报送"
    folder.mkdir()
    (folder / "a-无问题.xlsx").write_bytes(seed_path("000", "split").read_bytes())
    (folder / "b-缺表11.xlsx").write_bytes(_without_table11(seed_data, tmp_path).read_bytes())
    (folder / "c-坏.xlsx").write_text("no")
    result = CliRunner().invoke(cli, ["run", str(folder), "--select", "S"])
    assert result.exit_code == 2
    tail = result.output.split("总览：", 1)[1].splitlines()
    assert tail[0] == "共校验 3 个工作簿，1 个无法读取，1 个有错误，0 个有警告，1 个未发现问题"
    assert [line.split()[0] for line in tail[1:]] == ["无法读取", "有错误", "未发现问题"]
    assert "c-坏.xlsx" in tail[1] and "不是 Excel 工作簿" in tail[1]
    assert "b-缺表11.xlsx（新疆维吾尔自治区政务服务和公共资源交易中心）：1 个错误，0 个警告" in tail[2]
    assert "a-无问题.xlsx" in tail[3]
    data = json.loads(CliRunner().invoke(cli, ["run", str(folder), "--select", "S", "--format", "json"]).output)
    assert [(f["status"], f["status_label"], f["counts"]["error"]) for f in data["files"]] == [
        ("clean", "未发现问题", 0), ("errors", "有错误", 1), ("unreadable", "无法读取", 0)]
    assert (data["totals"]["files"], data["totals"]["unreadable"], data["totals"]["errors"], data["totals"]["clean"],
            data["totals"]["error"]) == (3, 1, 1, 1, 1)
    # one workbook: no overview
    single = CliRunner().invoke(cli, ["run", str(folder / "a-无问题.xlsx"), "--select", "S"])
    assert "总览" not in single.output
