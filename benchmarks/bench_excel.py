"""Time a click on 校验 (and on 清除标记) on the seed workbooks, on xlwings' remote engine.

Usage: XLWINGS_LICENSE_KEY=noncommercial python benchmarks/bench_excel.py [REPEAT]

A click's Python time is: build the Book from the client's payload, read every sheet, run the
reader and every plugin, queue the marks. The target is under 1 s for a seed-size workbook. The
first click marks a clean workbook; the second runs on the result (clearing the first's marks on
the way). Prints the median of REPEAT runs (default 5). Timings belong here, not in the tests.

"cold" is the same first click in a fresh Python process, as the add-in's button runs it (xlwings
starts Python for each RunPython call): importing xlwings and checker, loading the plugins
(``validate(book)`` with its default engine), then the click; the interpreter's own start-up is
not counted.

"button" is the whole fresh process, timed from outside as a user waits for it: Python starts,
runs exactly the add-in's entry (``import budget_checker; budget_checker.main()`` from the
package's addin folder, xlwings imported by it, ``xw.Book.caller()`` answered with the remote
engine's Book of the workbook's payload, the closest real path on a machine without Excel), and
exits. Measured side by side in the same rounds: ``python -c pass`` and ``python -c "import
xlwings"`` (what any xlwings button costs before it does anything); printed as the button's ratio
to that floor and to the 1 s target, wall and CPU (user + system) time.

Usage: XLWINGS_LICENSE_KEY=noncommercial python benchmarks/bench_excel.py [REPEAT] [--seeds 000,001]
[--json out.json]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "seeds"))

import build  # noqa: E402

from checker.core.engine import Engine  # noqa: E402
from checker.excel import clear, validate  # noqa: E402
from checker.excel.payload import OFFICE_JS, ClientBook  # noqa: E402


def timed_click(client: ClientBook, action, *args) -> tuple[float, object, list]:
    """(seconds, what the action returned, the actions it queued)."""
    import xlwings as xw

    payload = client.payload(OFFICE_JS)
    t0 = time.perf_counter()
    book = xw.Book(json=payload)
    result = action(book, *args)
    actions = book.json()["actions"]
    return time.perf_counter() - t0, result, actions


COLD = r"""
import sys, time
from pathlib import Path
t0 = time.perf_counter()
import xlwings as xw
from checker.excel import validate
from checker.excel.payload import OFFICE_JS, ClientBook
t1 = time.perf_counter()
payload = ClientBook.from_workbook(Path(sys.argv[1])).payload(OFFICE_JS)
t2 = time.perf_counter()
validate(xw.Book(json=payload))
t3 = time.perf_counter()
print((t1 - t0) + (t3 - t2))
"""


def cold_click(path: Path) -> float:
    """Seconds of Python time for a click in a fresh process (building the payload not counted),
    run from the workbook's folder: the installed checker, not this checkout's sources."""
    out = subprocess.run([sys.executable, "-c", COLD, str(path)], check=True, capture_output=True, text=True,
                         cwd=path.parent, env=CHILD_ENV)
    return float(out.stdout.strip().splitlines()[-1])


BUTTON = r"""
import json, sys
payload = json.loads(open(sys.argv[1], encoding="utf-8").read())     # the client's request
sys.path.insert(0, sys.argv[2])          # the add-in's folder: xlwings runs the module beside the .xlam
import xlwings as xw
book = xw.Book(json=payload)
xw.Book.caller = staticmethod(lambda: book)       # the remote engine's Book is the calling workbook
import budget_checker
budget_checker.main()
actions = book.json()["actions"]
print(json.dumps({"actions": len(actions), "alerts": [a["args"][0] for a in actions if a["func"] == "alert"]},
                 ensure_ascii=False))
"""
# the children write bytecode as a user's Python does, whatever this shell says
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def fresh(cmd: list[str], cwd: Path) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stdout) of one fresh process."""
    import resource     # POSIX: where it is missing, run the benchmark under WSL or on Linux

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=CHILD_ENV)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])} failed ({done.returncode}):\n{done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def button_commands(payload: Path) -> dict[str, list[str]]:
    import checker

    addin = Path(checker.__file__).resolve().parent / "excel" / "addin"
    py = sys.executable
    return {"python": [py, "-c", "pass"], "xlwings": [py, "-c", "import xlwings"],
            "button": [py, "-c", BUTTON, str(payload), str(addin)]}


def button_click(path: Path, out: Path, repeat: int) -> dict[str, object]:
    """The add-in's button in fresh processes, beside its floors (medians of ``repeat`` rounds after
    a warm-up round)."""
    payload = out / f"{path.stem}.json"
    payload.write_text(json.dumps(ClientBook.from_workbook(path).payload(OFFICE_JS), ensure_ascii=False),
                       encoding="utf-8")
    cmds = button_commands(payload)
    wall: dict[str, list[float]] = {name: [] for name in cmds}
    cpu: dict[str, list[float]] = {name: [] for name in cmds}
    answer = ""
    for round_ in range(repeat + 1):
        for name, cmd in cmds.items():
            w, c, stdout = fresh(cmd, out)        # from a folder without checker's sources in it
            if name == "button":
                answer = stdout.strip().splitlines()[-1]
            if round_:
                wall[name].append(w)
                cpu[name].append(c)
    done = json.loads(answer)
    if done["alerts"] or not done["actions"]:
        raise SystemExit(f"the button did not mark {path.name}: {done}")
    med = {name: statistics.median(v) for name, v in wall.items()}
    med_cpu = {name: statistics.median(v) for name, v in cpu.items()}
    return {"median_seconds": med, "median_cpu_seconds": med_cpu, "actions": done["actions"],
            "button_over_xlwings": statistics.median(b / x for b, x in zip(wall["button"], wall["xlwings"])),
            "button_over_xlwings_cpu": med_cpu["button"] / med_cpu["xlwings"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("repeat", nargs="?", type=int, default=5)
    ap.add_argument("--seeds", default=",".join(build.SEEDS), help="comma-separated seed ids")
    ap.add_argument("--json", dest="json_out")
    args = ap.parse_args()
    if not os.environ.get("XLWINGS_LICENSE_KEY"):
        sys.exit("set XLWINGS_LICENSE_KEY (e.g. noncommercial): xlwings' remote engine needs it")
    repeat = args.repeat
    engine = Engine()       # plugins load once per Python process, as in a long-lived xlwings Server
    out = Path(tempfile.mkdtemp(prefix="checker-bench-excel-"))
    print(f"{'workbook':22} {'cells':>6} {'1st click':>10} {'2nd click':>10} {'clear':>8} {'cold':>8}"
          f" {'button':>8} {'python':>7} {'xlwings':>8} {'button/xlwings':>15}  findings  actions")
    report = []
    for seed in args.seeds.split(","):
        for layout in build.LAYOUTS:
            path = build.build_workbook(seed, layout, out / f"seed_{seed}_{layout}.xlsx")
            times: dict[str, list[float]] = {"first": [], "second": [], "clear": [], "cold": []}
            for _ in range(repeat):
                client = ClientBook.from_workbook(path)
                first, findings, actions = timed_click(client, validate, engine)
                client.apply(actions)
                second, _, again = timed_click(client, validate, engine)
                client.apply(again)
                cleared, _, undo = timed_click(client, clear)
                client.apply(undo)
                times["first"].append(first)
                times["second"].append(second)
                times["clear"].append(cleared)
                times["cold"].append(cold_click(path))
            button = button_click(path, out, repeat)
            cells = sum(len(s.values) for s in ClientBook.from_workbook(path).sheets)
            med = {k: statistics.median(v) * 1000 for k, v in times.items()}
            fresh_ms = {k: v * 1000 for k, v in button["median_seconds"].items()}
            cpu_ms = {k: v * 1000 for k, v in button["median_cpu_seconds"].items()}
            print(f"seed {seed} {layout:12} {cells:6d} {med['first']:8.0f}ms {med['second']:8.0f}ms "
                  f"{med['clear']:6.0f}ms {med['cold']:6.0f}ms {fresh_ms['button']:6.0f}ms {fresh_ms['python']:5.0f}ms "
                  f"{fresh_ms['xlwings']:6.0f}ms {button['button_over_xlwings']:6.2f} ({button['button_over_xlwings_cpu']:.2f} CPU)"
                  f"  {len(findings):8d}  {len(actions):7d}")
            print(f"{'':29} CPU: button {cpu_ms['button']:.0f} ms, python {cpu_ms['python']:.0f} ms, "
                  f"xlwings {cpu_ms['xlwings']:.0f} ms; button / 1 s target = {button['median_seconds']['button']:.2f}")
            report.append({"seed": seed, "layout": layout, "cells": cells, "findings": len(findings),
                           "actions": len(actions), "warm_median_ms": med, **button})
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(
            {"benchmark": "excel", "python": sys.version.split()[0], "repeat": repeat, "target_seconds": 1.0,
             "workbooks": report}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
