"""Time `checker run` on a published PDF of 25, 50 and 100 pages: is the time linear in pages?

Usage: python benchmarks/bench_pdf.py [REPEAT] [--json OUT.json]
The PDFs are a real disclosure (shared/seeds-shanghai, 万里街道 2025, 31 pages) cut to 25 pages
and repeated to 50 and 100 (tests/pdfpages.py). For each: the median of REPEAT runs (default 3)
of reading (pdfplumber, the grids, the recognition) and checking, seconds per page, and the ratio
to the 25-page time beside the ratio of pages; the peak memory traced while reading (it
includes the vetting read's buffer, core.vet.read_vetted reading up to max_file_mb, 200 MB by
default, in one call: so the column shows a floor of about 200 MB whatever the pages). Timings
belong here, not in the tests.
"""
from __future__ import annotations

import json
import statistics
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


def measure(engine: Engine, path: Path, repeat: int) -> dict:
    read_times, check_times = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        doc = read_workbook(path, templates=engine.templates)
        t1 = time.perf_counter()
        engine.check(doc)
        t2 = time.perf_counter()
        read_times.append(t1 - t0)
        check_times.append(t2 - t1)
    tracemalloc.start()
    read_workbook(path, templates=engine.templates)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    read, check = statistics.median(read_times), statistics.median(check_times)
    return {"read_s": round(read, 3), "check_s": round(check, 3), "total_s": round(read + check, 3),
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
            results[pages] = measure(engine, path, repeat)
    base = results[PAGES[0]]["total_s"]
    print(f"{'pages':>5} {'read s':>8} {'check s':>8} {'total s':>8} {'s/page':>7} {'× time':>7} {'× pages':>8} {'peak MB':>8}")
    for pages, r in results.items():
        r["per_page_s"] = round(r["total_s"] / pages, 4)
        r["time_ratio"] = round(r["total_s"] / base, 2)
        r["page_ratio"] = round(pages / PAGES[0], 2)
        print(f"{pages:>5} {r['read_s']:>8.2f} {r['check_s']:>8.2f} {r['total_s']:>8.2f} {r['per_page_s']:>7.3f}"
              f" {r['time_ratio']:>7.2f} {r['page_ratio']:>8.2f} {r['peak_traced_mb']:>8.1f}")
    if out:
        out.write_text(json.dumps({"source": source.name, "repeat": repeat, "pages": results}, ensure_ascii=False,
                                  indent=2), encoding="utf-8")
        print(f"written: {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
