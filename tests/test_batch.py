"""``checker run`` over a folder in a pool of worker processes (checker/batch.py, checker/runner.py).

Real folders of seed workbooks with a file that is not a workbook; misbehaving plugins installed as
real distributions on a ``checker`` subprocess's PYTHONPATH (one raises, one ends its process, one
stops its process as a hang would); Ctrl-C as a real SIGINT to a real subprocess; the progress bar
through a real pseudo-terminal and through a pipe.
"""
from __future__ import annotations

import json
import os
import pty
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.batch import Batch, FileChecker, Outcome, Pool, Progress, RunSettings, annotation_targets, in_order
from checker.cli import cli
from checker.core.model import Disclosure

CLI = [sys.executable, "-c", "from checker.cli import main; main()"]


def invoke(args):
    return CliRunner().invoke(cli, args, prog_name="checker")


@pytest.fixture(scope="module")
def folder(seed_path, tmp_path_factory):
    """Four seed workbooks and one file that is not a workbook, in a sub-folder."""
    root = tmp_path_factory.mktemp("batch") / "报送"
    (root / "乙").mkdir(parents=True)
    shutil.copy(seed_path("000", "split"), root / "a_000.xlsx")
    shutil.copy(seed_path("001", "split"), root / "b_001.xlsx")
    shutil.copy(seed_path("003", "stacked"), root / "乙" / "c_003.xlsx")
    shutil.copy(seed_path("000", "stacked"), root / "乙" / "d_000.xlsx")
    (root / "乙" / "e_broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    return root


PLUGIN = '''
import os, signal
from checker.core.engine import hookimpl

@hookimpl
def checker_check(document):
    name = os.path.basename(document.path or "")
    if "crash" in name:
        raise RuntimeError("演示崩溃")
    if "die" in name:
        os._exit(7)
    if "hang" in name:
        os.kill(os.getpid(), signal.SIGSTOP)
    return []
'''


@pytest.fixture(scope="module")
def hostile(folder, tmp_path_factory):
    """(folder, env): files named to make the installed plugin raise, exit and hang, and good ones."""
    root = tmp_path_factory.mktemp("hostile")
    site = root / "site"
    info = site / "evil_checker_plugin-1.0.dist-info"
    info.mkdir(parents=True)
    (site / "evil_checker_plugin.py").write_text(PLUGIN, encoding="utf-8")
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: evil_checker_plugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[checker]\nevil = evil_checker_plugin\n", encoding="utf-8")
    files = root / "in"
    files.mkdir()
    for name, source in (("a_crash.xlsx", "a_000.xlsx"), ("b_die.xlsx", "b_001.xlsx"), ("c_hang.xlsx", "a_000.xlsx"),
                         ("d_ok.xlsx", "乙/c_003.xlsx"), ("e_ok.xlsx", "b_001.xlsx")):
        shutil.copy(folder / source, files / name)
    shutil.copy(folder / "乙" / "e_broken.xlsx", files / "f_broken.xlsx")
    env = {**os.environ, "PYTHONPATH": str(site) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "PYTHONIOENCODING": "utf-8", "CHECKER_DATA_DIR": str(root / "data")}
    return files, env


def test_two_processes_give_the_json_and_text_of_one(folder):
    one = invoke(["run", str(folder), "--format", "json", "--jobs", "1"])
    two = invoke(["run", str(folder), "--format", "json", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 2        # the broken file
    assert one.stdout == two.stdout
    data = json.loads(two.stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["a_000.xlsx", "b_001.xlsx", "c_003.xlsx", "d_000.xlsx",
                                                             "e_broken.xlsx"]
    assert data["totals"]["files"] == 5 and data["totals"]["unreadable"] == 1 and data["totals"]["error"] > 0
    text_one = invoke(["run", str(folder), "-j", "1", "--statistics"])
    text_two = invoke(["run", str(folder), "-j", "2", "--statistics"])
    assert text_one.stdout == text_two.stdout
    assert "总览：共校验 5 个工作簿，1 个无法读取" in text_two.stdout and "统计（各规则的结果条数" in text_two.stdout


def test_checker_toml_of_the_folder_applies_in_the_workers(folder, tmp_path):
    local = tmp_path / "区" / "报送"
    shutil.copytree(folder, local)
    (local.parent / "checker.toml").write_text('select = ["P"]\n', encoding="utf-8")
    for jobs in ("1", "2"):
        data = json.loads(invoke(["run", str(local), "--format", "json", "-j", jobs]).stdout)
        assert {f["rule"][0] for e in data["files"] for f in e["findings"]} == {"P"}
    unconfigured = json.loads(invoke(["run", str(local), "--format", "json", "-j", "2", "--no-config"]).stdout)
    assert {"A", "P"} <= {f["rule"][0] for e in unconfigured["files"] for f in e["findings"]}


def test_a_crashing_dying_or_hanging_file_is_that_files_failure(hostile):
    files, env = hostile
    result = subprocess.run(CLI + ["run", str(files), "-q", "--jobs", "2", "--timeout", "4"], capture_output=True,
                            text=True, encoding="utf-8", env=env, timeout=120)
    out = result.stdout
    assert "Traceback" not in out + result.stderr
    assert result.returncode == 2
    blocks = out.split("文件：")[1:]
    assert [b.split("\n", 1)[0] for b in blocks][:6] == [str(files / n) for n in (
        "a_crash.xlsx", "b_die.xlsx", "c_hang.xlsx", "d_ok.xlsx", "e_ok.xlsx", "f_broken.xlsx")]
    assert "结构 1 错误" in blocks[0]               # the plugin's exception is an S900 finding; the rest checked
    assert "校验进程意外退出（退出码 7）" in blocks[1]
    assert "校验超过 4 秒仍未完成" in blocks[2]
    assert "汇总：" in blocks[3] and "汇总：" in blocks[4]   # checked by the workers that replaced the dead ones
    assert "无法读取" in blocks[5]
    assert "总览：共校验 6 个工作簿，3 个无法读取" in out


def test_ctrl_c_stops_the_pool_and_reports_what_finished(folder, tmp_path):
    many = tmp_path / "many"
    many.mkdir()
    for i in range(40):
        shutil.copy(folder / "a_000.xlsx", many / f"f{i:02}.xlsx")
    proc = subprocess.Popen(CLI + ["run", str(many), "-q", "--jobs", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    first = proc.stdout.readline()            # the first file is out: the pool is running
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert first.startswith("文件：")
    assert "Traceback" not in out + err
    stopped = next(line for line in out.splitlines() if line.startswith("已中止（Ctrl-C）"))
    done = int(stopped.split("已完成 ")[1].split(" ")[0])
    assert 1 <= done < 40
    assert f"总览：共校验 {done} 个工作簿" in out


def test_ctrl_c_in_one_process_too(folder, tmp_path):
    many = tmp_path / "many"
    many.mkdir()
    for i in range(30):
        shutil.copy(folder / "b_001.xlsx", many / f"f{i:02}.xlsx")
    proc = subprocess.Popen(CLI + ["run", str(many), "-q", "--jobs", "1"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert proc.stdout.readline().startswith("文件：")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "已中止（Ctrl-C）" in out and "总览：共校验" in out and "Traceback" not in out + err


def test_ctrl_c_before_any_file_is_done(folder, tmp_path, monkeypatch):
    """Ctrl-C while the plugins load: exit 130 too, and no JSON document on standard output."""
    import checker.runner as runner

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("checker.cli._engine", interrupted)
    result = invoke(["run", str(folder), "--format", "json"])
    assert result.exit_code == runner.INTERRUPTED
    assert result.stdout == "" and "已中止（Ctrl-C）：5 个文件一个也没有校验完" in result.stderr


def _through_pty(args) -> str:
    master, slave = pty.openpty()
    proc = subprocess.Popen(CLI + args, stdin=slave, stdout=slave, stderr=slave, close_fds=True,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:           # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(folder):
    screen = _through_pty(["run", str(folder), "-q", "-j", "2"])
    assert "校验进度 [" in screen and "5/5" in screen
    assert "\r\x1b[K" in screen                          # wiped before each file's block
    assert "总览：共校验 5 个工作簿" in screen
    json_screen = _through_pty(["run", str(folder), "--format", "json", "-j", "2"])
    assert "校验进度" not in json_screen
    assert json.loads(json_screen[json_screen.index("{"):])["totals"]["files"] == 5
    piped = subprocess.run(CLI + ["run", str(folder), "-q", "-j", "2"], capture_output=True, text=True,
                           encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=120)
    assert "校验进度" not in piped.stdout + piped.stderr and "\r" not in piped.stdout + piped.stderr
    assert "总览：共校验 5 个工作簿" in piped.stdout


def test_progress_bar_drawing(tmp_path):
    class Screen:
        def __init__(self):
            self.text = ""

        def write(self, s):
            self.text += s

        def flush(self):
            pass

        def isatty(self):
            return True

    screen = Screen()
    bar = Progress(screen, width=10)
    bar.clear()                                   # nothing shown: nothing to wipe
    bar.update(3, 6)
    assert screen.text == "\r校验进度 [#####-----] 3/6"
    bar.clear()
    bar.draw()
    assert screen.text.endswith("\r\x1b[K\r校验进度 [#####-----] 3/6")
    assert Progress.wanted(screen, screen, 2) and not Progress.wanted(screen, screen, 1)
    with open(tmp_path / "f", "w") as f:
        assert not Progress.wanted(screen, f, 3) and not Progress.wanted(object(), screen, 3)


def test_outcomes_keep_no_document(folder):
    checker = FileChecker(RunSettings())
    outcome = checker.check(str(folder / "a_000.xlsx"))
    assert not any(isinstance(v, Disclosure) for v in vars(outcome).values())
    assert outcome.entry["status"] == "errors" and outcome.block.startswith("文件：")
    assert outcome.template_title                           # the template's Chinese name
    broken = checker.check(str(folder / "乙" / "e_broken.xlsx"))
    assert broken.entry["status"] == "unreadable" and broken.template_title is None


def test_in_order_yields_by_input_order():
    seen = []
    got = list(in_order(iter([(2, "c"), (0, "a"), (1, "b"), (3, "d")]), 4, lambda d, t: seen.append((d, t))))
    assert got == ["a", "b", "c", "d"]
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_spawned_workers_build_their_own_engine(folder):
    """What Windows and macOS do: the workers start a fresh Python and build the engine themselves."""
    paths = [str(folder / "a_000.xlsx"), str(folder / "乙" / "e_broken.xlsx"), str(folder / "b_001.xlsx")]
    spawned = Batch(paths, RunSettings(select=("A",)), 2, method="spawn").outcomes()
    here = Batch(paths, RunSettings(select=("A",)), 1).outcomes()
    assert [o.entry for o in spawned] == [o.entry for o in here]


def test_an_unexpected_error_is_the_files_failure(folder, monkeypatch):
    checker = FileChecker(RunSettings())

    def boom(document, prior=None):
        raise MemoryError("演示")

    monkeypatch.setattr(checker.engine, "check", boom)
    outcome = checker.check(str(folder / "a_000.xlsx"))
    assert outcome.entry["status"] == "unreadable"
    assert "未能校验" in outcome.entry["error"] and "MemoryError" in outcome.entry["error"]


def test_a_pool_of_more_workers_than_files(folder):
    pool = Pool(RunSettings(), 4)
    results = dict(pool.run([(0, str(folder / "a_000.xlsx"), None)]))
    assert isinstance(results[0], Outcome) and results[0].entry["status"] == "errors"
    assert pool.workers == []                      # stopped once done


def test_prior_of_the_wrong_year_stops_the_pooled_run(folder):
    result = invoke(["run", str(folder / "a_000.xlsx"), str(folder / "乙" / "d_000.xlsx"), "--prior",
                     str(folder / "a_000.xlsx"), "-j", "2"])
    assert result.exit_code == 2
    assert "--prior 应为上一年度" in result.output


# ------------------------------------------------------------------ --annotate DIR/

def test_annotation_targets_resolve_collisions_and_never_hit_an_input(tmp_path):
    a, b = tmp_path / "甲" / "报表.xlsx", tmp_path / "乙" / "报表.xlsx"
    c, d, e = tmp_path / "乙" / "旧.xls", tmp_path / "乙" / "公开.pdf", tmp_path / "乙" / "宏.xlsm"
    out = tmp_path / "标注"
    f = tmp_path / "乙" / "说明.docx"
    assert annotation_targets([a, b, c, d, e, f], out) == [out / "报表.xlsx", out / "报表(2).xlsx", None, out / "公开.pdf",
                                                           out / "宏.xlsm", None]
    # annotated into the inputs' own folder: the copy gets another name
    assert annotation_targets([a], a.parent) == [a.parent / "报表(2).xlsx"]


def test_annotate_into_a_folder_writes_one_copy_per_workbook(folder, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "标注"
    before = {p: p.read_bytes() for p in folder.rglob("*.xlsx")}
    result = invoke(["run", str(folder), "--annotate", str(target) + "/", "-q", "-j", "2"])
    assert result.exit_code == 2            # the broken file
    written = sorted(p.name for p in target.iterdir())
    assert written == ["a_000.xlsx", "b_001.xlsx", "c_003.xlsx", "d_000.xlsx"]
    assert "已写出 4 份标注副本" in result.stderr and "未写出标注副本" in result.stderr
    assert {p: p.read_bytes() for p in folder.rglob("*.xlsx")} == before      # inputs untouched
    assert "校验结果" in load_workbook(target / "a_000.xlsx").sheetnames


def test_annotate_with_several_inputs_wants_a_folder(folder, tmp_path):
    result = invoke(["run", str(folder / "a_000.xlsx"), str(folder / "b_001.xlsx"),
                     "--annotate", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2 and "--annotate 应为文件夹" in result.output
    missing = invoke(["run", str(folder), "--annotate", str(tmp_path / "无" / "标注") + "/"])
    assert missing.exit_code == 2 and "不存在" in missing.output
    docx, pdf = tmp_path / "公开.docx", tmp_path / "公开.pdf"
    docx.write_bytes(b"PK")
    pdf.write_bytes(b"%PDF-1.4")
    skipped = invoke(["run", str(folder / "a_000.xlsx"), str(docx), str(pdf), "--annotate", str(tmp_path / "标注2")])
    [line] = [ln for ln in skipped.stderr.splitlines() if ln.startswith("以下文件不写标注副本")]
    assert str(docx) in line and str(pdf) not in line
    assert f"未写出标注副本 {tmp_path / '标注2' / '公开.pdf'}：文件无法读取。" in skipped.stderr     # a PDF that cannot be read
    assert sorted(p.name for p in (tmp_path / "标注2").iterdir()) == ["a_000.xlsx"]


def test_a_checker_reads_the_prior_year_itself(folder, tmp_path):
    """What a spawned worker does: --prior read by the worker; the wrong year is the command's mistake."""
    checker = FileChecker(RunSettings(prior=str(folder / "a_000.xlsx")))
    assert checker.prior_doc is not None and checker.prior_doc.year == 2024
    wrong = checker.check(str(folder / "乙" / "d_000.xlsx"))          # 2024 against 2024
    assert wrong.usage_error and "--prior 应为上一年度（2023 年）" in wrong.usage_error
    right = checker.check(str(folder / "乙" / "c_003.xlsx"))          # 2025 against 2024
    assert right.usage_error is None and right.entry["year"] == 2025


def test_an_annotated_copy_that_cannot_be_written_is_reported(folder, tmp_path):
    checker = FileChecker(RunSettings())
    outcome = checker.check(str(folder / "a_000.xlsx"), str(tmp_path / "无此文件夹" / "a.xlsx"))
    assert outcome.output_failed and outcome.annotated is None
    assert outcome.note.startswith(f"未写出标注副本 {tmp_path / '无此文件夹' / 'a.xlsx'}：")
    assert outcome.entry["status"] == "errors"                 # the check itself is reported as usual


def test_outputs_refused_before_any_work(folder, tmp_path):
    bad = invoke(["run", str(folder), "--report", str(tmp_path / "汇总.pdf")])
    assert bad.exit_code == 2 and "汇总报告应为 .xlsx（Excel 工作簿）或 .html（网页）文件" in bad.output
    same = invoke(["run", str(folder), "--report", str(folder / "a_000.xlsx")])
    assert same.exit_code == 2 and "是同一个文件" in same.output
    twice = invoke(["run", str(folder), "--report", str(tmp_path / "r.html"), "-o", str(tmp_path / "r.html")])
    assert twice.exit_code == 2 and "是同一个文件" in twice.output


def test_text_written_to_a_file_is_the_same_with_any_jobs(folder, tmp_path):
    files = [str(folder / "a_000.xlsx"), str(folder / "b_001.xlsx")]
    for jobs in ("1", "2"):
        result = invoke(["run", *files, "-o", str(tmp_path / f"r{jobs}.txt"), "-j", jobs, "--exit-zero"])
        assert result.exit_code == 0 and "已写出结果" in result.stderr
    text = (tmp_path / "r1.txt").read_text(encoding="utf-8")
    assert text == (tmp_path / "r2.txt").read_text(encoding="utf-8") and "总览：共校验 2 个工作簿" in text
