"""PDFs for the tests: a real disclosure's pages repeated (the size tests and the benchmark), and
small PDFs written byte by byte (pages pdfium or pdfminer must read, pages that take long).

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


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def write_pdf(path: Path, pages: list[tuple[bytes, bytes]], extra: list[bytes] = (), fonts: bytes = b"/F1 3 0 R",
              page_keys: bytes = b"") -> Path:
    """A PDF with a page per (content, more resources) pair; object 3 is Helvetica and objects
    ``4 + 2 * pages …`` are ``extra`` (a form XObject, fonts)."""
    n = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n), HELVETICA]
    for i, (content, resources) in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] %s /Resources << /Font << %s >> %s >> "
                       b"/Contents %d 0 R >>" % (page_keys, fonts, resources, 5 + 2 * i))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    objects.extend(extra)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
