"""Two ways in, same findings: a workbook read from disk and the same workbook's values as
Excel hands them over (xlwings ``used_range.value``: no merged ranges, every number a float,
blanks as empty strings, the block starting at the used range's first cell) must give the
same document and the same findings."""
from __future__ import annotations

import pytest

from checker.core.engine import Engine
from checker.core.grid import grid_from_values
from checker.core.reader import read_grids, read_workbook
from checker.core.workbook import load_grids

LAYOUTS = ["split", "stacked"]
SEEDS = ["000", "001", "003"]


def _as_excel_sends(grid):
    """The values xlwings would return for this sheet, and where its used range starts."""
    rows = grid.rows
    filled = [(r, c) for r, row in enumerate(rows) for c, v in enumerate(row) if v not in (None, "")]
    top = min(r for r, _ in filled)
    left = min(c for _, c in filled)
    bottom = max(r for r, _ in filled)
    right = max(c for _, c in filled)
    values = []
    for r in range(top, bottom + 1):
        row = rows[r] if r < len(rows) else []
        line = []
        for c in range(left, right + 1):
            v = row[c] if c < len(row) else None
            if isinstance(v, bool) or v is None:
                line.append("" if v is None else v)
            elif isinstance(v, int):
                line.append(float(v))
            else:
                line.append(v)
        values.append(line)
    return grid_from_values(grid.name, values, top=top, left=left)


def _summary(findings):
    return sorted((f.rule, f.severity.value, tuple(str(loc.cell) for loc in f.locations), f.message,
                   f.expected, f.actual) for f in findings)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed", SEEDS)
def test_excel_values_give_the_same_findings_as_the_file(seed_path, seed, layout):
    path = seed_path(seed, layout)
    from_file = read_workbook(path)
    from_excel = read_grids([_as_excel_sends(g) for g in load_grids(path)], str(path))
    assert not any(g.merges for g in [_as_excel_sends(g) for g in load_grids(path)])
    assert sorted(t.kind.value for t in from_excel.tables.values()) == \
        sorted(t.kind.value for t in from_file.tables.values())
    assert len(from_excel.targets) == len(from_file.targets)
    engine = Engine()
    file_findings = engine.check(from_file)
    assert file_findings, "the seeds contain real mistakes; no findings means a broken checker"
    assert _summary(engine.check(from_excel)) == _summary(file_findings)
