"""CPU time of `checker run` on a published PDF of 25, 50 and 100 pages, beside a floor: is it
under 2 s for 25 pages, and linear in pages?

Usage: python benchmarks/bench_pdf.py [REPEAT] [--json OUT.json]

The PDFs are a real disclosure (shared/seeds-shanghai, 万里街道 2025, 31 pages) cut to 25 pages
and repeated to 50 and 100 (tests/pdfpages.py). What is measured is CPU seconds (user + system,
the operating system's accounting of each finished child process), not wall time: the machine
is shared, and a loaded machine stretches wall time but not CPU time. For each PDF, the median
of REPEAT runs (default 3) of:

* ``checker run FILE.pdf`` in a fresh process: Python's start, checker's imports and plugins, the
  vetting, reading every page (pdfium for the characters and ruling lines, pdfplumber's table
  finder and text lines, pdfminer for a page pdfium's reading cannot stand in for), the grids,
  recognition, every check and the text report;
* two floors, each a fresh process too: Python starting, opening the file and reading every
  page's characters, with pypdfium2 (``floor pdfium``: the least any reader of the text layer
  pays) and with pdfplumber (``floor plumber``: what pdfminer's Python parsing of the pages costs,
  which checker paid for every page before it read them with pdfium);
* in this process, reading (``read_workbook``) and checking (``Engine.check``) apart (CPU of this
  process, the page threads included), and the peak memory traced while reading.

Measured (docs/development.md, load 6–9): 25 pages 1.07–1.55 s of CPU, 7.4–7.8× the pdfium floor
and 1.0–1.06× the pdfplumber floor; 50 and 100 pages 1.3–1.45× and 1.8–2.2× the 25-page figure.
Before pages were read with pdfium: 2.11 s, 12.3× and 1.75×.

Printed: the CPU seconds, ``× pdfium`` and ``× plumber`` (the run over each floor), and ``× time``
against ``× pages`` (each size over the 25-page one): time linear in pages shows as the two
columns alike. Timings belong here, not in the tests. Check the figures from outside with
``farm-bench --vs`` when it is at hand (docs/development.md).
"""
from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "seeds_shanghai"))

from extract import SOURCES, shared_dir  # noqa: E402
from pdfpages import repeat_pages  # noqa: E402

from checker.core.engine import Engine, make_plugin_manager  # noqa: E402
from checker.core.reader import read_workbook  # noqa: E402

PAGES = (25, 50, 100)
TARGET_S = 2.0      # issue 16 item 6: a 25-page disclosure checked in under 2 s

FLOOR_PDFIUM = """
import sys, pypdfium2 as pdfium
doc = pdfium.PdfDocument(sys.argv[1])
n = 0
for i in range(len(doc)):
    page = doc[i]
    text = page.get_textpage()
    n += len(text.get_text_range())
    for j in range(text.count_chars()):
        text.get_charbox(j, loose=True)
print(n)
"""
FLOOR_PLUMBER = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    n = 0
    for page in pdf.pages:
        n += len(page.chars)
        page.flush_cache()
print(n)
"""


def child_cpu(argv: list[str]) -> float:
    """CPU seconds (user + system) of one run of ``argv`` to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def processes(path: Path, repeat: int) -> dict:
    """The median CPU seconds of ``checker run`` and of the two floors, run in turn (run, floors,
    run, floors …) so that a change in the machine's speed touches all alike."""
    commands = {"run": [sys.executable, "-m", "checker", "run", str(path)],
                "floor_pdfium": [sys.executable, "-c", FLOOR_PDFIUM, str(path)],
                "floor_plumber": [sys.executable, "-c", FLOOR_PLUMBER, str(path)]}
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(repeat):
        for key, argv in commands.items():
            times[key].append(child_cpu(argv))
    return {f"{key}_cpu_s": round(statistics.median(v), 3) for key, v in times.items()}


def in_process(engine: Engine, path: Path, repeat: int) -> dict:
    read_times, check_times = [], []
    for _ in range(repeat):
        t0 = time.process_time()
        doc = read_workbook(path, templates=engine.templates)
        t1 = time.process_time()
        engine.check(doc)
        t2 = time.process_time()
        read_times.append(t1 - t0)
        check_times.append(t2 - t1)
    tracemalloc.start()
    read_workbook(path, templates=engine.templates)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"read_cpu_s": round(statistics.median(read_times), 3),
            "check_cpu_s": round(statistics.median(check_times), 3),
            "peak_traced_mb": round(peak / 2**20, 1)}


def main(argv: list[str]) -> None:
    out = Path(argv[argv.index("--json") + 1]) if "--json" in argv else None
    args = [a for i, a in enumerate(argv) if a != "--json" and (i == 0 or argv[i - 1] != "--json")]
    repeat = int(args[0]) if args else 3
    shared = shared_dir()
    if shared is None:
        sys.exit("shared/seeds-shanghai is not available")
    source = shared / SOURCES["sh_wanli_2025"]
    engine = Engine(make_plugin_manager())
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as work:
        for pages in PAGES:
            path = repeat_pages(source, pages, Path(work) / f"{pages}页.pdf")
            results[pages] = {**processes(path, repeat), **in_process(engine, path, repeat)}
    base = results[PAGES[0]]["run_cpu_s"]
    print("CPU seconds (user + system), median of", repeat, "runs")
    print(f"{'pages':>5} {'run':>6} {'pdfium':>7} {'plumber':>8} {'× pdfium':>9} {'× plumber':>10}"
          f" {'read':>6} {'check':>6} {'s/page':>7} {'× time':>7} {'× pages':>8} {'peak MB':>8}")
    for pages, r in results.items():
        r["floor_ratio_pdfium"] = round(r["run_cpu_s"] / r["floor_pdfium_cpu_s"], 2)
        r["floor_ratio_plumber"] = round(r["run_cpu_s"] / r["floor_plumber_cpu_s"], 2)
        r["per_page_cpu_s"] = round(r["run_cpu_s"] / pages, 4)
        r["time_ratio"] = round(r["run_cpu_s"] / base, 2)
        r["page_ratio"] = round(pages / PAGES[0], 2)
        print(f"{pages:>5} {r['run_cpu_s']:>6.2f} {r['floor_pdfium_cpu_s']:>7.2f} {r['floor_plumber_cpu_s']:>8.2f}"
              f" {r['floor_ratio_pdfium']:>9.2f} {r['floor_ratio_plumber']:>10.2f} {r['read_cpu_s']:>6.2f}"
              f" {r['check_cpu_s']:>6.2f} {r['per_page_cpu_s']:>7.3f} {r['time_ratio']:>7.2f}"
              f" {r['page_ratio']:>8.2f} {r['peak_traced_mb']:>8.1f}")
    first = results[PAGES[0]]["run_cpu_s"]
    verdict = "met" if first < TARGET_S else "NOT met"
    print(f"{PAGES[0]} pages: {first:.2f} s of CPU for `checker run` (target under {TARGET_S:g} s: {verdict})")
    if out:
        out.write_text(json.dumps({"source": source.name, "repeat": repeat, "measure": "cpu_s = user + system seconds",
                                   "target_25_pages_cpu_s": TARGET_S, "run_25_pages_cpu_s": first,
                                   "pages": results}, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"written: {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
