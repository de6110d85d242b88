"""``checker run --format csv``: the reviewer's summary, one row per file (see core.review).

The text is UTF-8 and, written to a file (``-o``, or standard output redirected to a file), starts
with a byte-order mark: Excel on a Chinese Windows opens a .csv without one in the ANSI code page
(GBK) and shows every Chinese character garbled; with the mark it reads UTF-8. LibreOffice,
pandas (``encoding="utf-8-sig"``) and Python's csv module read it either way.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from .outputs import atomic_write
from .review import OVERVIEW_COLUMNS, Reviewed, overview_row

BOM = "\ufeff"


def render_csv(items: list[Reviewed]) -> str:
    """The CSV text (header and one row per file), without the byte-order mark."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(OVERVIEW_COLUMNS)
    for item in items:
        writer.writerow(overview_row(item))
    return buf.getvalue()


def write_csv(out: Path, text: str) -> None:
    """Write ``text`` to ``out`` atomically as UTF-8 with a byte-order mark (for Excel)."""
    with atomic_write(Path(out)) as tmp:
        tmp.write_bytes((BOM + text).encode("utf-8"))
