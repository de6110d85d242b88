"""How fast ``checker run DIR`` checks a folder of seed-size workbooks, with one and with more processes.

Usage: python benchmarks/bench_batch.py [--files 120] [--jobs 1,2] [--repeat 3] [--baseline PYTHON] [--json out.json]

Builds its own folder: FILES copies of the six seed workbooks (seeds 000, 001, 003 in the split and
stacked layouts, written by tests/seeds/build.py). Then, in one run, side by side:

* per-file cost: one process checks every file in turn with an engine built once
  (``checker.batch.FileChecker``, what each worker does), seconds per file, and the process's
  start-up (interpreter, imports, plugins) apart;
* ``checker run DIR --format json -o …`` as a fresh command for each ``--jobs`` value: wall
  seconds, workbooks per second, the speed-up over ``--jobs 1``, and the command's own peak
  resident memory (the parent's, not the workers') for FILES and for FILES/4 files — flat
  memory means the two agree;
* the ceiling: ``jobs × 1 / per-file CPU cost``, what perfect scaling would give, next to what was
  measured (the gap is start-up and the parent's work), and the cores the run actually got (CPU
  seconds of the command and its workers over wall seconds: on a machine busy with other work
  ``--jobs 2`` may get little more than one).

With ``--baseline PYTHON`` (an interpreter with another checker installed: the commit before a
change, say), the per-file cost and every command are measured with it too, in the same rounds,
and the CPU per file of the two is compared: on a machine shared with other work, CPU seconds
compare where wall seconds do not. Each command's CPU per file (the command and its workers
together) also gives the rate its cores would reach to themselves: jobs / CPU per file.

REPEAT rounds, medians printed. The JSON outputs of every --jobs value are compared: they must be
identical. Ratios, not seconds, compare across machines; on a machine shared with other work the
--jobs 2 figure is what the second core had to spare.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "seeds"))

PER_FILE = r"""
import json, sys, time
t0 = time.perf_counter()
from checker.batch import FileChecker, RunSettings
from checker.core.reader import read_grids
from checker.core.workbook import load_grids
from pathlib import Path
checker = FileChecker(RunSettings())
try:                              # as checker.batch's workers do once their engine is built
    from checker.core.collector import for_worker
except ImportError:               # a checker from before core.collector, for a side-by-side comparison
    pass
else:
    for_worker()
t1 = time.perf_counter()
paths = sys.argv[1:]
checker.check(paths[0])           # warm: first-use imports
t2 = time.perf_counter()
cpu_start = time.process_time()
for p in paths:
    checker.check(p)
t3 = time.perf_counter()
cpu_end = time.process_time()
# where one file's CPU time goes (process_time: the plugins' threads included), on the first 12 files
engine, stages, plugins = checker.engine, {"load": 0.0, "read": 0.0, "check": 0.0}, {}
call = engine._call
def timed(calls, impl, hook, kwargs, findings):
    c = time.process_time()
    call(calls, impl, hook, kwargs, findings)
    plugins[impl.plugin_name] = plugins.get(impl.plugin_name, 0.0) + time.process_time() - c
engine._call = timed
some = paths[:12]
for p in some:
    c0 = time.process_time(); grids = load_grids(Path(p), limits=engine.limits())
    c1 = time.process_time(); doc = read_grids(grids, p, templates=engine.templates)
    c2 = time.process_time(); engine.check(doc)
    c3 = time.process_time()
    stages["load"] += c1 - c0; stages["read"] += c2 - c1; stages["check"] += c3 - c2
print(json.dumps({"startup": t1 - t0, "per_file": (t3 - t2) / len(paths), "per_file_cpu": (cpu_end - cpu_start) / len(paths),
                  "cpu_ms": {k: 1000 * v / len(some) for k, v in stages.items()},
                  "plugin_cpu_ms": {k: 1000 * v / len(some) for k, v in sorted(plugins.items(), key=lambda kv: -kv[1])}}))
"""

# the command as a user runs it, reporting its own peak memory (ru_maxrss: this process only)
COMMAND = r"""
import resource, sys
from checker.cli import cli
try:
    cli(sys.argv[1:], prog_name="checker", standalone_mode=False)
finally:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stderr.write(f"\nPEAK_RSS_KB {rss}\n")
"""


def build_folder(n: int, root: Path) -> Path:
    import build

    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    made = [build.build_workbook(s, layout, seeds / f"seed_{s}_{layout}.xlsx")
            for s in build.SEEDS for layout in build.LAYOUTS]
    folder = root / "报送"
    folder.mkdir()
    for i in range(n):
        shutil.copy(made[i % len(made)], folder / f"{i:04}_{made[i % len(made)].name}")
    return folder


def per_file(folder: Path, python: str = sys.executable) -> dict:
    paths = sorted(str(p) for p in folder.iterdir())
    out = subprocess.run([python, "-c", PER_FILE, *paths], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)      # the command and its workers, once waited for
    return usage.ru_utime + usage.ru_stime


def command(folder: Path, jobs: int, out: Path, python: str = sys.executable) -> tuple[float, int, float]:
    cpu0 = _cpu()
    t0 = time.perf_counter()
    run = subprocess.run([python, "-c", COMMAND, "run", str(folder), "--format", "json", "-o", str(out),
                          "--jobs", str(jobs)], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if run.returncode not in (0, 1):
        raise SystemExit(f"checker run failed ({run.returncode}): {run.stderr[-2000:]}")
    rss = int(run.stderr.rsplit("PEAK_RSS_KB", 1)[1].split()[0])
    return wall, rss, _cpu() - cpu0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=120)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline", metavar="PYTHON", help="an interpreter with the checker to compare with")
    ap.add_argument("--json", dest="json_out")
    args = ap.parse_args()
    jobs_list = [int(j) for j in args.jobs.split(",")]
    work = Path(tempfile.mkdtemp(prefix="checker-bench-batch-"))
    try:
        big = build_folder(args.files, work / "big")
        small = build_folder(max(args.files // 4, 2), work / "small")
        costs, base_costs = [], []
        for _ in range(args.repeat):        # side by side, in turn
            costs.append(per_file(big))
            if args.baseline:
                base_costs.append(per_file(big, args.baseline))
        cost = statistics.median(c["per_file"] for c in costs)
        cost_cpu = statistics.median(c["per_file_cpu"] for c in costs)
        startup = statistics.median(c["startup"] for c in costs)
        rows = {}
        base_rows = {}
        outputs = {}
        for jobs in jobs_list:
            walls, rss_big, rss_small, cpus, base_cpus = [], [], [], [], []
            for r in range(args.repeat):
                out = work / f"out_{jobs}_{r}.json"
                if args.baseline:
                    base_cpus.append(command(big, jobs, work / f"base_{jobs}_{r}.json", args.baseline)[2])
                wall, rss, cpu = command(big, jobs, out)
                walls.append(wall)
                cpus.append(cpu)
                rss_big.append(rss)
                rss_small.append(command(small, jobs, work / f"small_{jobs}_{r}.json")[1])
                outputs.setdefault(jobs, out.read_text(encoding="utf-8"))
            wall = statistics.median(walls)
            cpu = statistics.median(cpus)
            rows[jobs] = {"seconds": wall, "files_per_second": args.files / wall,
                          "cpu_seconds": cpu, "cores_used": cpu / wall,
                          "cpu_ms_per_file": 1000 * cpu / args.files,
                          "cpu_bound_files_per_second": jobs * args.files / cpu,
                          "ceiling_files_per_second": jobs / cost_cpu,
                          "parent_peak_rss_mb": statistics.median(rss_big) / 1024,
                          "parent_peak_rss_mb_quarter": statistics.median(rss_small) / 1024}
            if args.baseline:
                base_cpu = statistics.median(base_cpus)
                base_rows[jobs] = {"cpu_seconds": base_cpu, "cpu_ms_per_file": 1000 * base_cpu / args.files,
                                   "cpu_bound_files_per_second": jobs * args.files / base_cpu,
                                   "cpu_over_baseline": cpu / base_cpu}
        identical = len(set(outputs.values())) == 1
        base = rows[jobs_list[0]]["seconds"]
        print(f"{args.files} seed-size workbooks ({os.cpu_count()} cores), medians of {args.repeat}")
        print(f"per-file cost in one warm process: {cost * 1000:.1f} ms wall, {cost_cpu * 1000:.1f} ms CPU "
              f"(= {1 / cost_cpu:.1f} files/s per core of its own); process start-up with plugins {startup:.2f} s")
        split = costs[len(costs) // 2]
        print("CPU per file: " + ", ".join(f"{k} {v:.1f} ms" for k, v in split["cpu_ms"].items())
              + "; the check by plugin: " + ", ".join(f"{k} {v:.1f}" for k, v in split["plugin_cpu_ms"].items()))
        print(f"{'jobs':>4} {'seconds':>8} {'files/s':>8} {'speed-up':>9} {'ceiling/s':>10} {'CPU s':>7} "
              f"{'cores used':>10} {'parent MB':>10} {'(¼ files)':>10}")
        for jobs, row in rows.items():
            print(f"{jobs:>4} {row['seconds']:>8.2f} {row['files_per_second']:>8.1f} {base / row['seconds']:>8.2f}x "
                  f"{row['ceiling_files_per_second']:>10.1f} {row['cpu_seconds']:>7.1f} {row['cores_used']:>10.2f} "
                  f"{row['parent_peak_rss_mb']:>10.1f} {row['parent_peak_rss_mb_quarter']:>10.1f}")
        print("cores used = CPU seconds of the command and its workers / wall seconds: with --jobs 2 near 1.0, "
              "the second core was busy with other work")
        for jobs, row in rows.items():
            print(f"--jobs {jobs}: {row['cpu_ms_per_file']:.1f} ms CPU per file (command and workers): "
                  f"{row['cpu_bound_files_per_second']:.1f} files/s on {jobs} core(s) of its own")
        against = {}
        if args.baseline:
            base_cost = statistics.median(c["per_file"] for c in base_costs)
            base_cpu_cost = statistics.median(c["per_file_cpu"] for c in base_costs)
            against = {"baseline": args.baseline, "baseline_per_file_seconds": base_cost,
                       "baseline_per_file_cpu_seconds": base_cpu_cost,
                       "per_file_cpu_over_baseline": cost_cpu / base_cpu_cost,
                       "baseline_cpu_ms_per_file": base_costs[len(base_costs) // 2]["cpu_ms"],
                       "baseline_jobs": {str(k): v for k, v in base_rows.items()}}
            print(f"baseline ({args.baseline}): per-file cost {base_cpu_cost * 1000:.1f} ms CPU; this checker's "
                  f"{cost_cpu / base_cpu_cost:.2f}x of it")
            for jobs, row in base_rows.items():
                print(f"  baseline --jobs {jobs}: {row['cpu_ms_per_file']:.1f} ms CPU per file "
                      f"({row['cpu_bound_files_per_second']:.1f} files/s on {jobs} core(s)); this checker's CPU "
                      f"{row['cpu_over_baseline']:.2f}x of it")
        print(f"JSON output identical across --jobs values: {'yes' if identical else 'NO'}")
        if args.json_out:
            Path(args.json_out).write_text(json.dumps({
                "files": args.files, "cores": os.cpu_count(), "repeat": args.repeat,
                "per_file_seconds": cost, "per_file_cpu_seconds": cost_cpu, "startup_seconds": startup, "identical_json": identical,
                "cpu_ms_per_file": split["cpu_ms"], "plugin_cpu_ms_per_file": split["plugin_cpu_ms"],
                "jobs": {str(k): v for k, v in rows.items()},
                "speedup": {str(k): base / v["seconds"] for k, v in rows.items()}, **against,
            }, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
