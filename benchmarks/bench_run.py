"""Time `checker run`'s work on the seed workbooks: load, read into the model, run every plugin.

Usage: python benchmarks/bench_run.py [REPEAT]
Prints the median of REPEAT runs (default 5) per workbook and stage, for the .xlsx of each layout
and, when LibreOffice is installed, the split layout saved by it as old-format .xls. Timings
belong here, not in the tests (a loaded CI machine must not fail a test for being slow).
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "seeds"))

import build  # noqa: E402

from checker.core.engine import Engine  # noqa: E402
from checker.core.reader import read_grids  # noqa: E402
from checker.core.recalc import convert, soffice  # noqa: E402
from checker.core.workbook import load_grids  # noqa: E402


def time_one(engine: Engine, label: str, path: Path, repeat: int) -> None:
    times: dict[str, list[float]] = {"load": [], "read": [], "check": []}
    for _ in range(repeat):
        t0 = time.perf_counter()
        grids = load_grids(path)
        t1 = time.perf_counter()
        doc = read_grids(grids, str(path))
        t2 = time.perf_counter()
        findings = engine.check(doc)
        t3 = time.perf_counter()
        times["load"].append(t1 - t0)
        times["read"].append(t2 - t1)
        times["check"].append(t3 - t2)
    med = {k: statistics.median(v) * 1000 for k, v in times.items()}
    print(f"{label:28} {med['load']:7.0f}ms {med['read']:7.0f}ms {med['check']:7.0f}ms "
          f"{sum(med.values()):7.0f}ms  {len(findings)}")


def as_xls(path: Path) -> Path | None:
    """The workbook saved as .xls by headless LibreOffice; None without LibreOffice."""
    exe = soffice()
    if exe is None:
        return None
    (xls,) = convert(exe, [path], path.parent / "xls", "xls:MS Excel 97", ".xls", timeout=240)
    return xls


def main(repeat: int) -> None:
    engine = Engine()
    out = Path(tempfile.mkdtemp(prefix="checker-bench-"))
    print(f"{'workbook':28} {'load':>8} {'read':>8} {'check':>8} {'total':>8}  findings")
    for seed in build.SEEDS:
        for layout in build.LAYOUTS:
            path = build.build_workbook(seed, layout, out / f"seed_{seed}_{layout}.xlsx")
            time_one(engine, f"seed {seed} {layout}", path, repeat)
            if layout == "split" and (xls := as_xls(path)) is not None:
                time_one(engine, f"seed {seed} {layout} (.xls)", xls, repeat)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
