"""Do two checkers give the same findings? The JSON of ``checker run`` compared file by file.

Usage: python benchmarks/compare_findings.py BASELINE_PYTHON [CANDIDATE_PYTHON] [--json out.json]

A speed change must not change a single finding. This builds the seed workbooks (tests/seeds:
000, 001 and 003 in the split and stacked layouts; tests/seeds_shanghai: the six Shanghai seeds in
the template and stacked layouts) and takes the six real Shanghai PDFs (../shared/seeds-shanghai,
or SHANGHAI_PDFS), then runs ``python -m checker run … --format json --jobs 1`` with each
interpreter (BASELINE_PYTHON: a checker installed from the commit before the change, say
``pip install`` of a ``git archive`` into another venv; CANDIDATE_PYTHON: this one by default) and
once more with the candidate and ``--jobs 2`` (the process pool), and compares each file's entry
(its findings, counts, status, template) exactly. Prints one line per file and exits 1 on any
difference, naming the file and the first differing finding.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDFS = Path(os.environ.get("SHANGHAI_PDFS", ROOT.parent / "shared" / "seeds-shanghai"))


def inputs(out: Path) -> list[Path]:
    """The seed workbooks written to ``out`` and the real PDFs, in a stable order."""
    sys.path.insert(0, str(ROOT / "tests" / "seeds"))
    import build as xinjiang

    files = [xinjiang.build_workbook(seed, layout, out / f"xj_{seed}_{layout}.xlsx")
             for seed in ("000", "001", "003") for layout in xinjiang.LAYOUTS]
    sys.path.insert(0, str(ROOT / "tests" / "seeds_shanghai"))
    sys.modules.pop("build")
    import build as shanghai

    files += [shanghai.build_workbook(seed, out / f"{seed}_{layout}.xlsx", layout)
              for seed in shanghai.SEEDS for layout in shanghai.LAYOUTS]
    files += sorted(PDFS.glob("*.pdf"))
    return files


def run(python: str, files: list[Path], jobs: int, cwd: Path) -> dict[str, dict]:
    """Each file's JSON entry (keyed by its name), as ``checker run`` of ``python`` gives it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run([python, "-m", "checker", "run", *map(str, files), "--format", "json",
                           "--jobs", str(jobs)], capture_output=True, text=True, cwd=cwd, env=env)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{python}: checker run failed ({done.returncode}):\n{done.stderr}")
    report = json.loads(done.stdout)
    entries = report["files"] if isinstance(report, dict) and "files" in report else report
    return {Path(entry["path"]).name: entry for entry in entries}


def first_difference(a: dict, b: dict) -> str:
    fa, fb = a.get("findings", []), b.get("findings", [])
    for i, (x, y) in enumerate(zip(fa, fb)):
        if x != y:
            return f"finding {i}: {json.dumps(x, ensure_ascii=False)[:300]} ≠ {json.dumps(y, ensure_ascii=False)[:300]}"
    if len(fa) != len(fb):
        return f"{len(fa)} findings ≠ {len(fb)}"
    keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    return f"fields differ: {', '.join(keys)}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("baseline")
    ap.add_argument("candidate", nargs="?", default=sys.executable)
    ap.add_argument("--json", dest="json_out")
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="checker-compare-"))
    files = inputs(out)
    before = run(args.baseline, files, 1, out)
    after = run(args.candidate, files, 1, out)
    pooled = run(args.candidate, files, 2, out)
    differ = []
    for f in files:
        name = f.name
        a, b, c = before.get(name), after.get(name), pooled.get(name)
        same = a is not None and a == b == c
        n = len(a.get("findings", [])) if a else 0
        print(f"  {'same' if same else 'DIFF'}  {n:4d} findings  {name}")
        if not same:
            differ.append(name)
            if a is None or b is None or c is None:
                print(f"        missing in {'baseline' if a is None else 'candidate' if b is None else '--jobs 2'}")
            else:
                print(f"        {first_difference(a, b if a != b else c)}")
    total = sum(len(e.get("findings", [])) for e in before.values())
    print(f"{len(files)} files, {total} findings: {len(files) - len(differ)} identical, {len(differ)} differ")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(
            {"benchmark": "compare_findings", "baseline": args.baseline, "candidate": args.candidate,
             "files": [f.name for f in files], "findings": total, "differ": differ}, indent=2) + "\n",
            encoding="utf-8")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
