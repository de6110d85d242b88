"""What a fresh ``checker run`` costs beyond starting Python and reading the workbook.

Usage: python benchmarks/bench_startup.py [--repeat 9] [--seed 001] [--baseline PYTHON] [--json out.json]

Builds a seed workbook (split layout) and times, side by side in one run (the commands in turn,
REPEAT rounds after one warm-up round, each a fresh process):

* ``python -c pass``                                    Python start
* ``python -c "import python_calamine; read every sheet"``   the floor: start + reading the cells
* ``python -m checker --version``                       start + the command line, no plugin
* ``python -m checker run WORKBOOK``                    a whole check
* the same with ``CHECKER_CACHE_DIR=""``                 a whole check compiling every pattern (no
                                                        cache of compiled patterns, core.pattern_cache)

(with ``--baseline PYTHON``, an interpreter with another checker installed — the commit before a
change, say — also that one's ``--version`` and ``checker run``, in the same rounds) and prints
each one's median wall time and the ratio of ``checker run`` to the floor (the median
of the per-round ratios, so that a machine's drift between rounds cancels), and the same ratio of
the median CPU times (user + system: steadier where other work shares the machine); with a
baseline, also this checker's CPU over the baseline's, measured side by side. Run it on an
installed checker (``pip install .``: bytecode written once, as users have it); the warm-up round
writes the bytecode of an editable install.
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
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "seeds"))

READ_ALL = ("import sys; from python_calamine import CalamineWorkbook; wb = CalamineWorkbook.from_path(sys.argv[1]); "
            "[wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names]")


def commands(workbook: Path, baseline: Optional[str] = None) -> dict[str, list[str]]:
    py = sys.executable
    cmds = {
        "python": [py, "-c", "pass"],
        "calamine": [py, "-c", READ_ALL, str(workbook)],
        "version": [py, "-m", "checker", "--version"],
        "run": [py, "-m", "checker", "run", str(workbook)],
        # the same with no compiled patterns kept between runs (a first run after installing)
        "run, no pattern cache": [py, "-m", "checker", "run", str(workbook)],
    }
    if baseline:
        cmds["baseline version"] = [baseline, "-m", "checker", "--version"]
        cmds["baseline run"] = [baseline, "-m", "checker", "run", str(workbook)]
    return cmds


# the children write bytecode as a user's Python does (an editable install's on the warm-up round),
# whatever this shell says
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# what a command's environment adds to CHILD_ENV
EXTRA_ENV = {"run, no pattern cache": {"CHECKER_CACHE_DIR": ""}}


def timed(cmd: list[str], cwd: Path, name: str = "") -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one fresh process. CPU time is the steadier
    figure on a machine that other work shares: waiting for a core is not counted."""
    import resource     # POSIX: where it is missing, run the benchmark under WSL or on Linux

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=cwd,
                          env={**CHILD_ENV, **EXTRA_ENV.get(name, {})})
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):       # 1: the workbook has error-level findings
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--seed", default="001")
    ap.add_argument("--baseline", metavar="PYTHON", help="an interpreter with the checker to compare with")
    ap.add_argument("--json", dest="json_out")
    args = ap.parse_args()

    import build

    out = Path(tempfile.mkdtemp(prefix="checker-startup-"))
    workbook = build.build_workbook(args.seed, "split", out / f"seed_{args.seed}.xlsx")
    cmds = commands(workbook, args.baseline)      # run from the temporary directory: not this checkout's sources
    for name, cmd in cmds.items():                     # warm-up: bytecode, file cache
        timed(cmd, out, name)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    cpu: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(args.repeat):
        for name, cmd in cmds.items():
            wall, used = timed(cmd, out, name)
            times[name].append(wall)
            cpu[name].append(used)
    med = {name: statistics.median(v) for name, v in times.items()}
    med_cpu = {name: statistics.median(v) for name, v in cpu.items()}
    ratio = statistics.median(r / c for r, c in zip(times["run"], times["calamine"]))
    version_ratio = statistics.median(v / p for v, p in zip(times["version"], times["python"]))
    cpu_ratio = med_cpu["run"] / med_cpu["calamine"]
    where = subprocess.run([sys.executable, "-c", "import checker; print(checker.__file__)"],
                           capture_output=True, text=True, cwd=out).stdout.strip()
    print(f"checker from {where}; seed {args.seed}, {args.repeat} rounds, medians (wall, CPU)")
    for name, cmd in cmds.items():
        shown = " ".join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))
        print(f"  {med[name] * 1000:7.0f} ms {med_cpu[name] * 1000:6.0f} ms  {name:<22} {shown[:70]}")
    print(f"checker run / (python + calamine reading every sheet) = {ratio:.2f} (wall), {cpu_ratio:.2f} (CPU)")
    print(f"checker --version / python start = {version_ratio:.2f}")
    uncached = med_cpu["run, no pattern cache"] / med_cpu["calamine"]
    print(f"without the pattern cache: checker run / floor = {uncached:.2f} (CPU)")
    against = {}
    if args.baseline:
        against = {"run_cpu_over_baseline": med_cpu["run"] / med_cpu["baseline run"],
                   "version_cpu_over_baseline": med_cpu["version"] / med_cpu["baseline version"],
                   "baseline_run_over_calamine_cpu": med_cpu["baseline run"] / med_cpu["calamine"]}
        print(f"against the baseline ({args.baseline}), CPU: checker run {against['run_cpu_over_baseline']:.2f}, "
              f"--version {against['version_cpu_over_baseline']:.2f}; the baseline's run / floor = "
              f"{against['baseline_run_over_calamine_cpu']:.2f} (CPU)")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(
            {"benchmark": "startup", "python": sys.version.split()[0], "checker": where, "seed": args.seed,
             "repeat": args.repeat, "median_seconds": med, "median_cpu_seconds": med_cpu,
             "run_over_calamine": ratio, "run_over_calamine_cpu": cpu_ratio,
             "version_over_python": version_ratio, "run_without_pattern_cache_over_calamine_cpu": uncached,
             "baseline": args.baseline, **against}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
