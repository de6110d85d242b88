"""How checking time and memory grow with the size of the disclosure.

Usage: python benchmarks/bench_scale.py [--sizes 1000,5000,50000] [--repeat 3] [--json out.json]

Builds its own workbooks from seed 001 (split layout): 表7 widened to N generated project rows,
each with its own 项目名称/预算安排规模/资金分配情况 block in 情况说明 七, and 表3/表5 widened
to N/10 generated 项 (under generated 款 of class 201), each with its line in 五（三）. Each size
is then loaded, read and checked in a child process of its own (so that one size's memory says
nothing of another's), the sizes in turn, REPEAT rounds; the figures are the medians. Printed:
seconds per size, the ratio of each size's time to the smallest one's next to the ratio of their
row counts (linear cost: the two agree), and each child's peak resident memory
(VmHWM, or ru_maxrss where there is no /proc).

The generated rows are not added into the tables' totals, so every size carries the same handful
of 合计 findings; the other findings grow with the rows (one per generated 项 code the reference
list does not know, for instance). Ratios, not seconds, are what to compare across machines.
"""
from __future__ import annotations

import argparse
import copy
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

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from checker.core.engine import Engine
from checker.core.reader import read_grids
from checker.core.workbook import load_grids
engine = Engine()
t1 = time.perf_counter()
from pathlib import Path
grids = load_grids(Path(sys.argv[1]))
t2 = time.perf_counter()
doc = read_grids(grids, sys.argv[1])
t3 = time.perf_counter()
findings = engine.check(doc)
t4 = time.perf_counter()
try:    # this process's own peak (ru_maxrss would count the parent's memory from before exec)
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 1024 ** 2)
print(json.dumps({"setup": t1 - t0, "load": t2 - t1, "read": t3 - t2, "check": t4 - t3,
                  "findings": len(findings), "maxrss_mb": peak}))
"""


def _table(data: dict, number: int) -> dict:
    return next(t for t in data["tables"] if t["number"] == number)


def widened(data: dict, projects: int, items: int) -> dict:
    """Seed ``data`` with ``projects`` more 表7 project rows (and their 七 blocks) and ``items``
    more 表3/表5 项 (and their 五（三） lines)."""
    data = copy.deepcopy(data)
    t7 = _table(data, 7)
    width = len(t7["rows"][0])
    at = max(i for i, r in enumerate(t7["rows"]) if r[:3] == ["201", "03", "02"]) + 1
    new_rows, blocks = [], []
    for i in range(projects):
        name = f"生成第{i + 1:06d}号业务保障项目"
        amount = round(1 + (i % 97) * 0.37, 2)
        row = ["201", "03", "02", "一般行政管理事务", name, amount, None, amount] + [None] * (width - 8)
        new_rows.append(row)
        blocks += [f"项目名称：{name}", f"预算安排规模：{amount:.2f} 万元",
                   f"资金分配情况：运转经费 {amount:.2f} 万元"]
    t7["rows"][at:at] = new_rows
    narrative = data["narrative"]
    seven = max(i for i, p in enumerate(narrative) if p.startswith("资金执行时间")) + 1
    narrative[seven:seven] = blocks

    lines = []
    for number in (3, 5):
        table = _table(data, number)
        added = []
        for i in range(items):
            kuan, xiang = 10 + i // 99, 1 + i % 99
            if xiang == 1:
                added.append(["201", f"{kuan:02d}", "", f"生成款{kuan:02d}事务", 0.0, None, 0.0])
            added.append(["201", f"{kuan:02d}", f"{xiang:02d}", f"生成款{kuan:02d}第{xiang:02d}项支出",
                          0.0, None, 0.0])
            if number == 5:
                lines.append(f"{len(lines) + 13}、一般公共服务支出（类）生成款{kuan:02d}事务（款）"
                             f"生成款{kuan:02d}第{xiang:02d}项支出（项）：2024年预算数为0.00万元，"
                             "比上年预算增加0.00万元，增长0.00%。")
        at = max(i for i, r in enumerate(table["rows"]) if r[0] == "201") + 1
        table["rows"][at:at] = added
    five = next(i for i, p in enumerate(narrative) if p.startswith("六、"))
    narrative[five:five] = lines
    return data


def build_quickly(data: dict, path: Path) -> Path:
    """``build.build_workbook`` without openpyxl's duplicate test per merged range (a scan of every
    range already merged: quadratic for a 情况说明 of 150,000 merged paragraphs); the same file."""
    import build
    from openpyxl.worksheet.cell_range import MultiCellRange

    add = MultiCellRange.add
    MultiCellRange.add = lambda self, cr: self.ranges.add(cr)   # build.py adds each range once
    try:
        return build.build_workbook(data, "split", path)
    finally:
        MultiCellRange.add = add


def run_child(path: Path, timeout: float) -> dict:
    try:
        # from the workbook's directory: the installed checker, not this checkout's sources
        out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                             timeout=timeout, check=True, cwd=path.parent)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,5000,50000", help="表7 project rows per workbook (comma-separated)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; the medians are printed")
    ap.add_argument("--timeout", type=float, default=900, help="seconds one child may take")
    ap.add_argument("--json", dest="json_out", help="write the figures to this file")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    import build

    seed = build.load_seed("001")
    out = Path(tempfile.mkdtemp(prefix="checker-scale-"))
    paths = {}
    for n in sizes:
        t = time.perf_counter()
        paths[n] = build_quickly(widened(seed, n, n // 10), out / f"scale_{n}.xlsx")
        print(f"built {n:>6} project rows, {n // 10:>5} 项 in {time.perf_counter() - t:6.1f}s "
              f"({os.path.getsize(paths[n]) / 1e6:.1f} MB)", file=sys.stderr)

    runs: dict[int, list[dict]] = {n: [] for n in sizes}
    for _ in range(args.repeat):
        for n in sizes:
            runs[n].append(run_child(paths[n], args.timeout))

    base = sizes[0]
    results = {}
    for n in sizes:
        done = [r for r in runs[n] if "timeout" not in r]
        if not done:
            results[n] = {"timeout": args.timeout}
            continue
        med = {k: statistics.median(r[k] for r in done) for k in ("load", "read", "check", "maxrss_mb")}
        med["total"] = statistics.median(r["load"] + r["read"] + r["check"] for r in done)
        med["findings"] = done[0]["findings"]
        results[n] = med
    print(f"{'project rows':>12} {'项':>6} {'load':>8} {'read':>8} {'check':>8} {'total':>8} "
          f"{'×time':>8} {'×rows':>6} {'peak MB':>8} findings")
    for n in sizes:
        r = results[n]
        if "timeout" in r:
            print(f"{n:>12} {n // 10:>6}  over {args.timeout:.0f}s")
            continue
        ratio = r["total"] / results[base]["total"] if "total" in results[base] else float("nan")
        r["time_ratio"], r["rows_ratio"] = ratio, n / base
        print(f"{n:>12} {n // 10:>6} {r['load']:7.2f}s {r['read']:7.2f}s {r['check']:7.2f}s {r['total']:7.2f}s "
              f"{ratio:8.2f} {n / base:6.0f} {r['maxrss_mb']:8.0f} {r['findings']}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(
            {"benchmark": "scale", "python": sys.version.split()[0], "repeat": args.repeat,
             "sizes": {str(n): results[n] for n in sizes}}, ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8")


if __name__ == "__main__":
    main()
