"""Finding and changing things in seed data (the dicts of ``build.load_seed``) before a test
writes them as a workbook: a table by its number, a body row by its code or a cell's text, and
the round trip through a real workbook."""
from __future__ import annotations

from pathlib import Path

import build
from checker.core.reader import read_workbook


def table(data: dict, number: int) -> dict:
    return next(t for t in data["tables"] if t["number"] == number)


def row(t: dict, key: str) -> list:
    """The body row whose code (its code cells joined) or one of whose text cells is ``key``."""
    for r in t["rows"]:
        code = "".join(c for c in r[:3] if isinstance(c, str) and c.isdigit())
        if code == key or any(isinstance(c, str) and c.strip() == key for c in r):
            return r
    raise KeyError(key)


def check_workbook(engine, data: dict, tmp_path: Path, layout: str = "split", rules=None) -> list:
    """Write ``data`` as a workbook in ``layout``, read it back and check it with ``engine``;
    only the findings of ``rules`` when given."""
    path = build.build_workbook(data, layout, tmp_path / f"x_{layout}.xlsx")
    findings = engine.check(read_workbook(path))
    return [f for f in findings if rules is None or f.rule in rules]
