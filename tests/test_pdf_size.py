"""A 500-page PDF (a real 31-page disclosure's pages repeated, tests/pdfpages.py) is checked to the
end in bounded memory, and refused before its pages are read when it is over max_pdf_pages. No
timing is asserted: the subprocess's time-out is a bound on a runaway, not a speed claim (speed:
benchmarks/bench_pdf.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")
pytest.importorskip("pypdfium2")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "seeds_shanghai"))
from extract import SOURCES, shared_dir  # noqa: E402
from pdfpages import repeat_pages  # noqa: E402

SHARED = shared_dir()
pytestmark = [pytest.mark.skipif(SHARED is None or not (SHARED / SOURCES["sh_wanli_2025"]).is_file(),
                                 reason="the Shanghai PDFs are not available"),
              pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS: POSIX only")]

MEMORY_MB = 2048        # address space the child may use: a runaway is stopped, not swapped
PEAK_MB = 1024          # resident memory a 500-page check may reach
# The child reports its own peak resident memory (kB) as its last line on stderr: VmHWM, the peak
# of the child's own address space. Not getrusage's ru_maxrss: the child is forked (preexec_fn sets
# its limit) from the pytest worker, and Linux carries the fork's resident size, the whole worker
# with its coverage data, across exec into ru_maxrss, so a 50 MB refusal read as 330 MB on CI.
RUN = ("import resource, sys\nfrom checker.cli import main\ntry:\n    main()\nfinally:\n"
       "    try:\n"
       "        peak = next(int(ln.split()[1]) for ln in open('/proc/self/status') if ln.startswith('VmHWM:'))\n"
       "    except (OSError, StopIteration):\n"
       "        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
       "    print('peak-kb', peak, file=sys.stderr)\n")


def _run(*args: str, timeout: float) -> tuple[subprocess.CompletedProcess, int]:
    import resource

    def limit() -> None:
        size = MEMORY_MB * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    # the product's memory, not the coverage tracer's: a child that coverage measures (its
    # subprocess patch passes COVERAGE_PROCESS_*) holds some 250 MB more of tracing data
    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_PROCESS")}
    result = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, encoding="utf-8",
                            timeout=timeout, preexec_fn=limit, env={**env, "PYTHONIOENCODING": "utf-8"})
    peak = int(result.stderr.strip().splitlines()[-1].split()[1])
    return result, peak


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory):
    return repeat_pages(SHARED / SOURCES["sh_wanli_2025"], 500, tmp_path_factory.mktemp("long") / "500页.pdf")


def test_a_500_page_pdf_is_checked_in_bounded_memory(long_pdf):
    result, peak_kb = _run("run", str(long_pdf), "-q", "--option", "max_pdf_pages=500", timeout=1800)
    assert result.returncode == 1, result.stderr[-2000:]        # read and checked: it has errors
    assert "Traceback" not in result.stderr
    assert "汇总：" in result.stdout
    assert peak_kb < PEAK_MB * 1024, f"peak {peak_kb // 1024} MB"


def test_a_pdf_over_the_page_limit_is_refused_before_its_pages_are_read(long_pdf):
    result, peak_kb = _run("run", str(long_pdf), "--option", "max_pdf_pages=499", timeout=300)
    assert result.returncode == 2
    line = next(ln for ln in result.stdout.splitlines() + result.stderr.splitlines() if "超过上限" in ln)
    assert str(long_pdf) in line and "PDF 共 500 页，超过上限 499 页" in line
    assert peak_kb < 300 * 1024
