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
"""
from __future__ import annotations

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
    """Seconds of Python time for a click in a fresh process (building the payload not counted)."""
    out = subprocess.run([sys.executable, "-c", COLD, str(path)], check=True, capture_output=True, text=True,
                         cwd=ROOT, env=os.environ)
    return float(out.stdout.strip().splitlines()[-1])


def main(repeat: int) -> None:
    if not os.environ.get("XLWINGS_LICENSE_KEY"):
        sys.exit("set XLWINGS_LICENSE_KEY (e.g. noncommercial): xlwings' remote engine needs it")
    engine = Engine()       # plugins load once per Python process, as in a long-lived xlwings Server
    out = Path(tempfile.mkdtemp(prefix="checker-bench-excel-"))
    print(f"{'workbook':22} {'cells':>6} {'1st click':>10} {'2nd click':>10} {'clear':>8} {'cold':>8}"
          "  findings  actions")
    for seed in build.SEEDS:
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
            cells = sum(len(s.values) for s in ClientBook.from_workbook(path).sheets)
            med = {k: statistics.median(v) * 1000 for k, v in times.items()}
            print(f"seed {seed} {layout:12} {cells:6d} {med['first']:8.0f}ms {med['second']:8.0f}ms "
                  f"{med['clear']:6.0f}ms {med['cold']:6.0f}ms  {len(findings):8d}  {len(actions):7d}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
