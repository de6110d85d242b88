"""Writing the annotated copy of a PDF with pypdf (BSD): ``checker run x.pdf --annotate OUT.pdf``.

Each located finding gets a Highlight annotation over the place at fault (:mod:`.places`),
coloured by severity — error red, warning yellow, info blue — with the Chinese message as its note
(``/Contents``; ``/T`` "checker"; a closed popup to show it). The first page gets a note with the
run's summary and every finding that has no place on a page. Annotations are added to a copy of
the PDF as read; an earlier run's (``/T`` "checker") are removed from the copy first, so
annotating an annotated copy again gives the same marks, not twice as many. The copy is written
atomically (:mod:`checker.core.outputs`); the input is never written.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Optional

from ..core.errors import CheckerError
from ..core.findings import Finding, Severity
from ..core.outputs import atomic_write, check_output
from ..core.vet import Limits, read_vetted
from .places import Mark, PageChars, Plan, plan_marks

AUTHOR = "checker"
COLOUR = {Severity.ERROR: "ff4040", Severity.WARNING: "ffd800", Severity.INFO: "59a7ff"}
NOTE_TITLE = "【预算校验】"
PAD = 1.0            # points above and below a highlighted line
NOTE_SIZE = 20       # the first page's note icon, points
POPUP = (220.0, 120.0)


class PdfAnnotateError(CheckerError):
    """The annotated PDF could not be written (exit status 2)."""


def check_pdf_target(source: Path, out: Path, inputs: Optional[list[Path]] = None) -> None:
    """Refuse an annotated copy of the PDF ``source`` that could not or must not be written,
    before any work is done: never an input, however spelt or linked; a .pdf."""
    source, out = Path(source), Path(out)
    check_output(out, inputs if inputs is not None else [source], "--annotate")
    if out.suffix.lower() != ".pdf":
        raise PdfAnnotateError(f"PDF 的标注副本应为 .pdf 文件：{out}。请改用如 --annotate {Path(out).with_suffix('.pdf').name}。")


def note_text(f: Finding, titles: dict[str, str]) -> str:
    """A finding as its note says it: rule code, level and title, the message, the suggested value."""
    level = f.severity.label if f.severity else ""
    head = " ".join(part for part in (f.rule, level, titles.get(f.rule, "")) if part)
    text = f"{head}\n{f.message}"
    if f.expected is not None:
        text += f"\n建议值：{f.expected}"
    return text


def summary_text(findings: list[Finding], unplaced: list[Finding], titles: dict[str, str]) -> str:
    from ..core.report import summary_line

    lines = [f"{NOTE_TITLE}校验结果：{summary_line(findings)}",
             "出问题的位置已按级别加亮（红色为错误，黄色为警告，蓝色为提示），点击加亮处可看说明。"]
    if unplaced:
        lines.append(f"以下 {len(unplaced)} 条结果在页面上没有对应位置：")
        for n, f in enumerate(unplaced, 1):
            where = "、".join(str(loc) for loc in f.locations if str(loc))
            lines.append(f"{n}. " + note_text(f, titles).replace("\n", "；") + (f"（{where}）" if where else ""))
    return "\n".join(lines)


def annotated(findings: list[Finding]) -> list[Finding]:
    """The findings the copy shows: all but those a 校验说明 explains."""
    return [f for f in findings if not f.explained and f.severity in COLOUR]


def annotate_pdf(source: Path, out: Path, findings: list[Finding], places: dict[str, Any],
                 titles: Optional[dict[str, str]] = None, limits: Optional[Limits] = None,
                 inputs: Optional[list[Path]] = None) -> Plan:
    """Write a copy of the PDF ``source`` to ``out`` with ``findings`` highlighted where
    ``places`` (the reader's map, ``Disclosure.places``) puts them; ``source`` is only read.
    Returns what was marked."""
    from ..core.reader.pdf import open_pdf

    source, out = Path(source), Path(out)
    check_pdf_target(source, out, inputs)
    titles = titles or {}
    shown = annotated(findings)
    data = read_vetted(source, limits or Limits(), "PDF 文件")
    pdf = open_pdf(source, limits)      # vetted again: the file the run read may have changed since
    try:
        plan = plan_marks(places, shown, PageChars(pdf))
    finally:
        pdf.close()
    _write(data, out, source, plan, shown, titles)
    return plan


def _write(data: bytes, out: Path, source: Path, plan: Plan, shown: list[Finding], titles: dict[str, str]) -> None:
    from pypdf import PdfReader, PdfWriter

    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    except Exception as exc:  # pypdf raises its own types for what pdfminer read
        raise PdfAnnotateError(f"无法复制 {source} 以写标注（{type(exc).__name__}），请重新导出 PDF 后再试。") from None
    for page in writer.pages:
        _remove_own(page)
    for n, mark in enumerate(plan.marks):
        if 1 <= mark.page <= len(writer.pages):
            _highlight(writer, mark, n, titles)
    _summary(writer, shown, plan.unplaced, titles)
    with atomic_write(out, like=source) as tmp:
        with open(tmp, "wb") as fh:
            writer.write(fh)


def _page_frame(page) -> tuple[float, float]:
    """(top, left) of the page in PDF user space as pdfplumber measures from (its page space puts
    the media box's height at the top, x as printed)."""
    box = page.mediabox
    return float(box.top) - float(box.bottom), 0.0


def _highlight(writer, mark: Mark, n: int, titles: dict[str, str]) -> None:
    from pypdf.annotations import Highlight, Popup
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    page = writer.pages[mark.page - 1]
    top, left = _page_frame(page)
    quads: list[float] = []
    rects = []
    for x0, t, x1, b in mark.rects:
        rx0, ry0, rx1, ry1 = left + x0, top - b - PAD, left + x1, top - t + PAD
        rects.append((rx0, ry0, rx1, ry1))
        quads += [rx0, ry1, rx1, ry1, rx0, ry0, rx1, ry0]     # upper left, upper right, lower left, lower right
    rect = (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))
    f = mark.finding
    annotation = Highlight(rect=rect, quad_points=ArrayObject(FloatObject(q) for q in quads),
                           highlight_color=COLOUR[f.severity or Severity.INFO], printing=True, title_bar=AUTHOR)
    annotation[NameObject("/Contents")] = TextStringObject(NOTE_TITLE + note_text(f, titles))
    annotation[NameObject("/NM")] = TextStringObject(f"checker-{n + 1}")
    annotation[NameObject("/Subj")] = TextStringObject(f.rule)
    added = writer.add_annotation(mark.page - 1, annotation)
    popup = Popup(rect=_popup_rect(page, rect), parent=added, open=False)
    added[NameObject("/Popup")] = writer.add_annotation(mark.page - 1, popup).indirect_reference


def _popup_rect(page, near: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    box = page.mediabox
    width, height = POPUP
    x0 = min(max(float(box.left), near[2] + 4), float(box.right) - width)
    y1 = min(near[3], float(box.top))
    return (x0, max(y1 - height, float(box.bottom)), x0 + width, y1)


def _summary(writer, shown: list[Finding], unplaced: list[Finding], titles: dict[str, str]) -> None:
    from pypdf.annotations import Popup, Text
    from pypdf.generic import ArrayObject, FloatObject, NameObject, NumberObject, TextStringObject

    page = writer.pages[0]
    box = page.mediabox
    x0, y1 = float(box.left) + 6, float(box.top) - 6
    rect = (x0, y1 - NOTE_SIZE, x0 + NOTE_SIZE, y1)
    worst = next((s for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
                  if any(f.severity is s for f in shown)), Severity.INFO)
    note = Text(rect=rect, text=summary_text(shown, unplaced, titles), open=False, title_bar=AUTHOR)
    note[NameObject("/C")] = ArrayObject(FloatObject(int(COLOUR[worst][i:i + 2], 16) / 255) for i in (0, 2, 4))
    note[NameObject("/Name")] = NameObject("/Comment")
    note[NameObject("/NM")] = TextStringObject("checker-summary")
    note[NameObject("/F")] = NumberObject(4)        # printed
    added = writer.add_annotation(0, note)
    popup = Popup(rect=(x0 + NOTE_SIZE, max(y1 - 260, float(box.bottom)), x0 + NOTE_SIZE + 320, y1),
                  parent=added, open=False)
    added[NameObject("/Popup")] = writer.add_annotation(0, popup).indirect_reference


def _is_own(annotation) -> bool:
    obj = annotation.get_object()
    if obj.get("/T") == AUTHOR:
        return True
    parent = obj.get("/Parent")
    return obj.get("/Subtype") == "/Popup" and parent is not None and parent.get_object().get("/T") == AUTHOR


def _remove_own(page) -> None:
    """An earlier run's annotations (and their popups) leave the copy: marks are made afresh."""
    from pypdf.generic import ArrayObject, NameObject

    annots = page.get("/Annots")
    if annots is None:
        return
    kept = [a for a in annots.get_object() if not _is_own(a)]
    if len(kept) != len(annots.get_object()):
        page[NameObject("/Annots")] = ArrayObject(kept)
