"""Long PDFs for the size tests and the benchmark: a real disclosure's pages repeated.

pypdfium2 (installed with pdfplumber, which uses it to render pages) copies pages from one PDF
into a new one; nothing else is needed to make a 500-page document out of a 31-page one.
"""
from __future__ import annotations

from pathlib import Path


def repeat_pages(source: Path, pages: int, target: Path) -> Path:
    """``target``: the pages of ``source`` over and over, ``pages`` pages in all."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    dst = pdfium.PdfDocument.new()
    try:
        while len(dst) < pages:
            dst.import_pages(src, list(range(min(len(src), pages - len(dst)))))
        dst.save(str(target))
    finally:
        dst.close()
        src.close()
    return target
